import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Scope } from '../platform/actor.js';

/** The exclusive upper bound of a path prefix range: "/a/b/" → "/a/b0" ('0' sorts right after '/'). */
export function pathUpperBound(prefix: string): string {
  return `${prefix.slice(0, -1)}0`;
}

/**
 * `column IN (units inside the scope)`: the only way a list query filters by org, so a query cannot
 * be written without the caller's scope. The column holds an org unit id (e.g. owner_org_id).
 * `{ useIndex: false }` writes the column as `column || ''`, which no index serves: for a scope that covers
 * much of a table, so the planner reads the rows in another index's order (a list's sort) and checks each
 * against the scope instead of collecting the scope's rows and sorting them (people.repository.ts).
 */
export function orgInScope<DB, TB extends keyof DB>(
  _eb: ExpressionBuilder<DB, TB>,
  column: string,
  scope: Scope,
  opts: { useIndex?: boolean } = {},
): Expression<SqlBool> {
  if (scope.paths.length === 0) return sql<SqlBool>`1 = 0`;
  const ranges = scope.paths.map((p) => sql`(ou.path >= ${p} AND ou.path < ${pathUpperBound(p)})`);
  const ref = opts.useIndex === false ? sql`${sql.ref(column)} || ''` : sql.ref(column);
  return sql<SqlBool>`${ref} IN (SELECT ou.id FROM org_units ou WHERE ${sql.join(ranges, sql` OR `)})`;
}

/** `path-column` lies within the scope (for queries on org_units itself). */
export function pathInScopeSql(column: string, scope: Scope): Expression<SqlBool> {
  if (scope.paths.length === 0) return sql<SqlBool>`1 = 0`;
  const ranges = scope.paths.map((p) => sql`(${sql.ref(column)} >= ${p} AND ${sql.ref(column)} < ${pathUpperBound(p)})`);
  return sql<SqlBool>`(${sql.join(ranges, sql` OR `)})`;
}
