import type { CompiledQuery, RawBuilder } from 'kysely';
import type { Executor } from './database.js';

/**
 * Rows of a query on a request's hot path (the session check, the busiest lists), without the CamelCase
 * plugin. Through the plugin every query's operation tree is rewritten node by node (snake_case identifiers)
 * and every value of every row is copied into a new object under a camelCase key: together about a quarter of
 * a case-list request's CPU, more than the SQL itself. Here the query is written in SQL with `sql`, its columns
 * named as the caller wants them — quoted camelCase aliases, `c.case_no AS "caseNo"` — and runs on the same
 * connection (or transaction) without the plugin pass in either direction.
 */
export async function fastRows<R>(db: Executor, query: RawBuilder<R>): Promise<R[]> {
  return runCompiled(db, compileFast(db, query));
}

/** The SQL and parameters of a fastRows query (e.g. to key a cache by them). */
export function compileFast<R>(db: Executor, query: RawBuilder<R>): CompiledQuery<R> {
  return query.compile(bareExecutor(db));
}

/** Rows of a query compiled by compileFast. */
export async function runCompiled<R>(db: Executor, compiled: CompiledQuery<R>): Promise<R[]> {
  return (await bareExecutor(db).executeQuery(compiled)).rows;
}

const bare = new WeakMap<Executor, Executor>();

/** The executor without plugins, made once per database or transaction (withoutPlugins() builds a new one each time). */
function bareExecutor(db: Executor): Executor {
  let b = bare.get(db);
  if (!b) {
    b = db.withoutPlugins();
    bare.set(db, b);
  }
  return b;
}
