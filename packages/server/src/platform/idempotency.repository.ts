import type { Db, Executor } from '../db/database.js';
import type { IdempotencyKeysTable } from './platform.tables.js';

export function findIdempotencyKey(db: Executor, userId: string, key: string) {
  return db.selectFrom('idempotencyKeys').selectAll().where('userId', '=', userId).where('idemKey', '=', key).executeTakeFirst();
}

/** Inside the write's transaction; the primary key (user, key) makes a second write with the key fail and roll back. */
export function insertIdempotencyKey(trx: Executor, row: IdempotencyKeysTable) {
  return trx.insertInto('idempotencyKeys').values(row).execute();
}

export function storeIdempotentResponse(db: Db, userId: string, key: string, responseEnc: string) {
  return db.updateTable('idempotencyKeys').set({ responseEnc }).where('userId', '=', userId).where('idemKey', '=', key).execute();
}

export async function deleteIdempotencyKeysBefore(db: Db, before: string): Promise<number> {
  const r = await db.deleteFrom('idempotencyKeys').where('createdAt', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
