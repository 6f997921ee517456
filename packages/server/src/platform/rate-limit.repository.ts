import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/**
 * Counts one request under `key` in the window that is open at `now` (epoch ms), opening a new window when the
 * last one has ended; returns the count and when the window ends. One statement (an upsert), so app servers
 * sharing the database count together and never lose a hit to a race.
 */
export async function countHit(db: Executor, key: string, now: number, windowMs: number): Promise<{ hits: number; resetAt: number }> {
  const row = await db
    .insertInto('rateLimits')
    .values({ key, hits: 1, resetAt: now + windowMs })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`CASE WHEN rate_limits.reset_at <= ${now} THEN 1 ELSE rate_limits.hits + 1 END`,
        resetAt: sql<number>`CASE WHEN rate_limits.reset_at <= ${now} THEN ${now + windowMs} ELSE rate_limits.reset_at END`,
      }),
    )
    .returning(['hits', 'resetAt'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), resetAt: Number(row.resetAt) };
}

/** Drops the counters whose window has ended (the daily job). */
export async function purgeEndedWindows(db: Executor, now: number): Promise<number> {
  const res = await db.deleteFrom('rateLimits').where('resetAt', '<=', now).executeTakeFirst();
  return Number(res.numDeletedRows);
}
