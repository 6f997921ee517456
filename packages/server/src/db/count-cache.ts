import { sql, type RawBuilder } from 'kysely';
import { dialectOf, type Executor } from './database.js';

/**
 * Totals of list queries ("共 4,556 条"), reused while the database has not changed — paging through a list,
 * or many staff on the same overdue filter, asks the same count again and again, and on a busy list the count
 * costs more than the page itself.
 *
 * Exact on SQLite: the version is this connection's `total_changes()` (every row this process inserted,
 * updated or deleted, triggers included) together with `PRAGMA data_version` (bumped by any other connection's
 * commit, e.g. the CLI): any write anywhere in the database starts afresh. On PostgreSQL there is no such cheap
 * version, so the count is always run. Inside a transaction the count is always run too.
 * The key is the compiled SQL with its parameters, which include the caller's scope: a count is only reused
 * for the very same filter within the very same scope.
 */
const MAX_ENTRIES = 500;
const caches = new WeakMap<object, Map<string, { version: string; n: number }>>();

export async function cachedCount(db: Executor, query: RawBuilder<{ n: number | string }>): Promise<number> {
  const run = async () => Number((await query.execute(db)).rows[0].n);
  if (db.isTransaction || dialectOf(db) !== 'sqlite') return run();
  const compiled = query.compile(db);
  const key = `${compiled.sql}\u0000${JSON.stringify(compiled.parameters)}`;
  const v = (
    await sql<{ c: number; d: number }>`SELECT total_changes() AS c, (SELECT data_version FROM pragma_data_version) AS d`.execute(db)
  ).rows[0];
  const version = `${v.c}:${v.d}`;
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    // Most recently used last, so the oldest entry is the first to go.
    cache.delete(key);
    cache.set(key, hit);
    return hit.n;
  }
  const n = await run();
  cache.delete(key);
  cache.set(key, { version, n });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return n;
}
