import fs from 'node:fs';
import { sql } from 'kysely';
import type { Db, DialectName } from '../db/database.js';
import { appendAudit } from './audit.js';
import type { Clock } from './clock.js';
import { loadOrCreateKeyFile, type FieldCipher } from './crypto.js';

/**
 * The field key's life after a rotation: find every encrypted value (every column named `*_enc`, whatever
 * module owns it — the platform reads the schema, it does not know the modules), count the values under each
 * key, re-encrypt those under older keys with the active one, and retire a key no value uses any more.
 */
export type EncryptedColumn = { table: string; column: string };

export async function findEncryptedColumns(db: Db): Promise<EncryptedColumn[]> {
  const tables = await db.introspection.getTables();
  const out: EncryptedColumn[] = [];
  for (const t of tables) {
    if (t.isView || !t.columns.some((c) => c.name === 'id')) continue;
    for (const c of t.columns) if (c.name.endsWith('_enc')) out.push({ table: t.name, column: c.name });
  }
  return out.sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
}

/** The key id of a stored value ("enc1:<key id>:iv:ct:tag"), in SQL. */
function keyIdExpr(dialect: DialectName, column: string) {
  const c = sql.ref(column);
  return dialect === 'postgres' ? sql<string>`split_part(${c}, ':', 2)` : sql<string>`substr(${c}, 6, instr(substr(${c}, 6), ':') - 1)`;
}

/** How many stored values each key encrypts, per column and in all. */
export async function keyUsage(
  db: Db,
  dialect: DialectName,
): Promise<{ byKey: Record<string, number>; byColumn: (EncryptedColumn & { keyId: string; values: number })[] }> {
  const byKey: Record<string, number> = {};
  const byColumn: (EncryptedColumn & { keyId: string; values: number })[] = [];
  for (const col of await findEncryptedColumns(db)) {
    const rows = await sql<{
      keyId: string;
      n: number;
    }>`SELECT ${keyIdExpr(dialect, col.column)} AS key_id, count(*) AS n FROM ${sql.table(col.table)} WHERE ${sql.ref(col.column)} IS NOT NULL GROUP BY 1 ORDER BY 1`.execute(
      db,
    );
    for (const r of rows.rows) {
      byKey[r.keyId] = (byKey[r.keyId] ?? 0) + Number(r.n);
      byColumn.push({ ...col, keyId: r.keyId, values: Number(r.n) });
    }
  }
  return { byKey, byColumn };
}

/**
 * Re-encrypts every value not under the active key, a batch of rows per transaction (readers never wait long,
 * a crash loses at most nothing: each batch is whole or absent, and a rerun continues). One audit entry per
 * column with the count; values are never logged.
 */
export async function reencryptAll(
  db: Db,
  cipher: FieldCipher,
  clock: Clock,
  opts: { batchSize?: number; onProgress?: (col: EncryptedColumn, done: number) => void } = {},
): Promise<{ columns: number; values: number }> {
  const batchSize = opts.batchSize ?? 500;
  const prefix = `enc1:${cipher.activeKeyId}:`;
  let values = 0;
  let columns = 0;
  for (const col of await findEncryptedColumns(db)) {
    let done = 0;
    let after = '';
    for (;;) {
      const batch = await sql<{ id: string; v: string }>`SELECT id, ${sql.ref(col.column)} AS v FROM ${sql.table(col.table)}
        WHERE ${sql.ref(col.column)} IS NOT NULL AND ${sql.ref(col.column)} NOT LIKE ${`${prefix}%`} AND id > ${after} ORDER BY id LIMIT ${batchSize}`.execute(
        db,
      );
      if (batch.rows.length === 0) break;
      await db.transaction().execute(async (trx) => {
        for (const r of batch.rows) {
          // The value read may have been rewritten since; only replace it if it is still the one read.
          await sql`UPDATE ${sql.table(col.table)} SET ${sql.ref(col.column)} = ${cipher.encrypt(cipher.decrypt(r.v))} WHERE id = ${r.id} AND ${sql.ref(col.column)} = ${r.v}`.execute(
            trx,
          );
        }
      });
      done += batch.rows.length;
      after = batch.rows[batch.rows.length - 1].id;
      opts.onProgress?.(col, done);
    }
    if (done > 0) {
      columns++;
      values += done;
      await db.transaction().execute((trx) =>
        appendAudit(
          trx,
          clock,
          { actorId: null, actorName: 'jinguo keys reencrypt', ip: null },
          {
            action: 'keys.reencrypt',
            entityType: 'encrypted_column',
            entityId: `${col.table}.${col.column}`,
            detail: { values: done, keyId: cipher.activeKeyId },
          },
        ),
      );
    }
  }
  return { columns, values };
}

/** Removes a key from the key file; refused while it is the active key or any stored value still uses it. */
export async function retireKey(db: Db, dialect: DialectName, clock: Clock, keyFile: string, keyId: string): Promise<void> {
  const file = loadOrCreateKeyFile(keyFile);
  if (!file.keys[keyId]) throw new Error(`no key ${keyId} in ${keyFile}`);
  if (file.activeKeyId === keyId) throw new Error(`key ${keyId} is the active key: rotate first`);
  const inUse = (await keyUsage(db, dialect)).byKey[keyId] ?? 0;
  if (inUse > 0) throw new Error(`key ${keyId} still encrypts ${inUse} values: run "jinguo keys reencrypt" first`);
  delete file.keys[keyId];
  fs.writeFileSync(keyFile, JSON.stringify(file, null, 2), { mode: 0o600 });
  await db
    .transaction()
    .execute((trx) =>
      appendAudit(
        trx,
        clock,
        { actorId: null, actorName: 'jinguo keys retire', ip: null },
        { action: 'keys.retire', entityType: 'field_key', entityId: keyId },
      ),
    );
}
