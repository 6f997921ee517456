import { sql, type RawBuilder } from 'kysely';
import { dialectOf, type Executor } from './database.js';
import { compileFast, fastRows, runCompiled } from './fast-query.js';

/**
 * Totals of list queries ("共 4,556 条"), reused while the database has not changed — paging through a list,
 * or many staff on the same overdue filter, asks the same count again and again, and on a busy list the count
 * costs more than the page itself.
 *
 * Exact on both databases. On SQLite the version is this connection's `total_changes()` (every row this process
 * inserted, updated or deleted, triggers included) together with `PRAGMA data_version` (bumped by any other
 * connection's commit, e.g. the CLI): any write anywhere in the database starts afresh. On PostgreSQL it is the
 * one-row `data_version` table, bumped at commit by every transaction that writes one of the tables carrying the
 * `<table>_data_version` trigger (migration-helpers.ts trackDataVersion); a count is reused only when every table
 * its SQL names (FROM / JOIN) carries it — otherwise, or with the table missing, the count always runs. The
 * version lives in the database, so several app servers each keep their own cache and none serves a stale total.
 * The count and the version it is stored under are read in one statement (one snapshot). Inside a transaction
 * the count always runs.
 * The key is the compiled SQL with its parameters, which include the caller's scope: a count is only reused
 * for the very same filter within the very same scope.
 */
const MAX_ENTRIES = 500;
const caches = new WeakMap<object, Map<string, { version: string; n: number }>>();

export async function cachedCount(db: Executor, query: RawBuilder<{ n: number | string }>): Promise<number> {
  return (await cachedCounts(db, [query]))[0];
}

/** Several counts at once: the database's version is read once for all of them. */
export async function cachedCounts(db: Executor, queries: RawBuilder<{ n: number | string }>[]): Promise<number[]> {
  const compiled = queries.map((q) => compileFast(db, q));
  const run = async (i: number) => Number((await runCompiled(db, compiled[i]))[0].n);
  if (db.isTransaction) return Promise.all(compiled.map((_, i) => run(i)));
  const postgres = dialectOf(db) === 'postgres';
  const reusable = postgres ? await Promise.all(compiled.map((c) => versioned(db, c.sql))) : compiled.map(() => true);
  if (!reusable.some(Boolean)) return Promise.all(compiled.map((_, i) => run(i)));
  const version = postgres ? await postgresVersion(db) : await sqliteVersion(db);
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const entries = cache;
  return Promise.all(
    compiled.map(async (c, i) => {
      if (!reusable[i]) return run(i);
      const key = `${c.sql}\u0000${JSON.stringify(c.parameters)}`;
      const hit = entries.get(key);
      if (hit && hit.version === version) {
        // Most recently used last, so the oldest entry is the first to go.
        entries.delete(key);
        entries.set(key, hit);
        return hit.n;
      }
      let entry: { version: string; n: number };
      if (postgres) {
        // The count with the version it was counted at, from one snapshot: a commit between two statements would
        // otherwise store an old count under the new version.
        const [r] = await fastRows(
          db,
          sql<{ v: number; n: number | string }>`SELECT (SELECT version FROM data_version WHERE id = 1) AS v, q.n FROM (${queries[i]}) q`,
        );
        entry = { version: String(r.v), n: Number(r.n) };
      } else entry = { version, n: await run(i) };
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      return entry.n;
    }),
  );
}

async function sqliteVersion(db: Executor): Promise<string> {
  const [v] = await fastRows(
    db,
    sql<{ c: number; d: number }>`SELECT total_changes() AS c, (SELECT data_version FROM pragma_data_version) AS d`,
  );
  return `${v.c}:${v.d}`;
}

async function postgresVersion(db: Executor): Promise<string> {
  const [v] = await fastRows(db, sql<{ v: number }>`SELECT version AS v FROM data_version WHERE id = 1`);
  return String(v.v);
}

/** The tables a statement reads: every name after FROM or JOIN (a subquery or a function call names none that counts). */
export function tablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\b(?:from|join)\s+"?([a-z_][a-z0-9_]*)\b"?(?!\s*\()/gi)].map((m) => m[1].toLowerCase()))];
}

const trackedTables = new WeakMap<object, { tables: Promise<Set<string>>; statements: Map<string, boolean> }>();

/** True when every table the SQL reads carries the data-version trigger (read once per database and SQL text). */
async function versioned(db: Executor, text: string): Promise<boolean> {
  let tracked = trackedTables.get(db);
  if (!tracked) {
    const tables = fastRows(
      db,
      sql<{ t: string }>`SELECT c.relname AS t FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
                         WHERE g.tgname = c.relname || '_data_version' AND to_regclass('data_version') IS NOT NULL`,
    ).then((rows) => new Set(rows.map((r) => r.t)));
    tracked = { tables, statements: new Map() };
    trackedTables.set(db, tracked);
  }
  const known = tracked.statements.get(text);
  if (known !== undefined) return known;
  const names = await tracked.tables;
  const ok = tablesOf(text).every((t) => names.has(t));
  if (tracked.statements.size < 10_000) tracked.statements.set(text, ok);
  return ok;
}
