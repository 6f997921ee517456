import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/** Counts one refusal in its window (insert or +1 in one statement) and returns the window's count so far. */
export async function countDenial(
  db: Executor,
  key: { windowStart: string; actorKey: string; method: string; route: string; status: number },
  at: string,
): Promise<number> {
  const row = await db
    .insertInto('accessDenials')
    .values({ ...key, count: 1, firstAt: at, lastAt: at })
    .onConflict((oc) =>
      oc
        .columns(['windowStart', 'actorKey', 'method', 'route', 'status'])
        .doUpdateSet({ count: sql`access_denials.count + 1`, lastAt: at }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Drops counters of windows that started before the instant (their first refusal is in the audit trail). */
export function deleteDenialsBefore(db: Executor, before: string) {
  return db.deleteFrom('accessDenials').where('windowStart', '<', before).execute();
}
