import { CompiledQuery } from 'kysely';
import { dialectOf, type Executor } from './database.js';

/** camelCase → snake_case, as the CamelCasePlugin maps names ("householdIncomeFen" → "household_income_fen"). */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * A multi-row INSERT sent as SQL text plus one parameter array, for imports of tens of thousands of rows:
 * building Kysely's query tree value by value costs about 2 µs a value, most of a large import's time.
 * Rows are the module's camelCase row objects (all with the same keys); batches stay under both databases'
 * limit on bound parameters. Runs on the caller's executor (inside its transaction). With `conflictDoNothing`
 * (a unique column), rows that collide are skipped and the ids of the rows inserted are returned.
 */
export async function bulkInsert<T extends Record<string, unknown>>(
  db: Executor,
  table: string,
  rows: T[],
  opts: { conflictDoNothing?: string } = {},
): Promise<string[]> {
  if (rows.length === 0) return [];
  const keys = Object.keys(rows[0]);
  const columns = keys.map(snake);
  const postgres = dialectOf(db as never) === 'postgres';
  const perStatement = Math.max(1, Math.floor(30_000 / keys.length));
  const inserted: string[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const batch = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of batch) {
      const marks: string[] = [];
      for (const k of keys) {
        params.push(row[k] ?? null);
        marks.push(postgres ? `$${params.length}` : '?');
      }
      tuples.push(`(${marks.join(',')})`);
    }
    let text = `INSERT INTO ${table} (${columns.join(',')}) VALUES ${tuples.join(',')}`;
    if (opts.conflictDoNothing) text += ` ON CONFLICT (${snake(opts.conflictDoNothing)}) DO NOTHING RETURNING id`;
    const result = await db.executeQuery<{ id: string }>(CompiledQuery.raw(text, params));
    if (opts.conflictDoNothing) for (const r of result.rows) inserted.push(r.id);
  }
  return inserted;
}
