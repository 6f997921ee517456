import { sql, type SqlBool } from 'kysely';
import type { OrgKind, Role } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { pathInScopeSql, pathUpperBound } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { OrgUnitsTable } from './org.tables.js';

const COLUMNS = [
  'id',
  'parentId',
  'path',
  'depth',
  'kind',
  'level',
  'code',
  'name',
  'agencyType',
  'active',
  'sortOrder',
  'version',
] as const;

export type OrgUnitRow = Pick<OrgUnitsTable, Exclude<(typeof COLUMNS)[number], 'version'>> & { version: number };

export function findUnit(db: Executor, id: string) {
  return db.selectFrom('orgUnits').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function findUnitByCode(db: Executor, code: string) {
  return db.selectFrom('orgUnits').select(COLUMNS).where('code', '=', code).executeTakeFirst();
}

/** Units inside the scope whose path is one of the scope roots (the tops of what the caller sees), with their children counts. */
export function listScopeRoots(db: Executor, scope: Scope) {
  if (scope.paths.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgUnits as u')
    .select(COLUMNS.map((c) => `u.${c}` as const))
    .select((eb) =>
      eb.selectFrom('orgUnits as c').select(sql<number>`count(*)`.as('n')).whereRef('c.parentId', '=', 'u.id').as('childCount'),
    )
    .where('u.path', 'in', scope.paths)
    .orderBy('u.path')
    .execute();
}

/** A unit under the parent with exactly this name (siblings must be told apart), optionally ignoring one unit. */
export function findSiblingByName(db: Executor, parentId: string, name: string, exceptId?: string) {
  let q = db.selectFrom('orgUnits').select(['id']).where('parentId', '=', parentId).where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

/** Children of one unit with how many children each has, limited to the scope. */
export function listChildren(db: Executor, scope: Scope, parentId: string) {
  return db
    .selectFrom('orgUnits as u')
    .select(COLUMNS.map((c) => `u.${c}` as const))
    .select((eb) =>
      eb.selectFrom('orgUnits as c').select(sql<number>`count(*)`.as('n')).whereRef('c.parentId', '=', 'u.id').as('childCount'),
    )
    .where('u.parentId', '=', parentId)
    .where(pathInScopeSql('u.path', scope))
    .orderBy('u.sortOrder')
    .orderBy('u.name')
    .execute();
}

/** Escapes LIKE wildcards so a search for "50%" or "a_b" means those characters. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Search units by name or code within the scope. */
export function searchUnits(db: Executor, scope: Scope, q: { text?: string; kinds?: OrgKind[]; activeOnly?: boolean; limit: number }) {
  let query = db.selectFrom('orgUnits').select(COLUMNS).where(pathInScopeSql('path', scope));
  if (q.text) {
    const text = likeEscape(q.text);
    // lower() on both sides: SQLite's LIKE ignores the case of Latin letters, PostgreSQL's does not ("ABC双语学校").
    query = query.where((eb) =>
      eb.or([sql<SqlBool>`lower(name) LIKE lower(${`%${text}%`}) ESCAPE '\\'`, sql<SqlBool>`code LIKE ${`${text}%`} ESCAPE '\\'`]),
    );
  }
  if (q.kinds?.length) query = query.where('kind', 'in', q.kinds);
  if (q.activeOnly) query = query.where('active', '=', 1);
  return query.orderBy('depth').orderBy('sortOrder').orderBy('name').limit(q.limit).execute();
}

export function countChildren(db: Executor, id: string) {
  return db.selectFrom('orgUnits').select(sql<number>`count(*)`.as('n')).where('parentId', '=', id).executeTakeFirstOrThrow();
}

export function countActiveChildren(db: Executor, id: string) {
  return db
    .selectFrom('orgUnits')
    .select(sql<number>`count(*)`.as('n'))
    .where('parentId', '=', id)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
}

export function insertUnit(db: Executor, row: OrgUnitsTable) {
  return db.insertInto('orgUnits').values(row).execute();
}

export function updateUnit(db: Executor, id: string, patch: Partial<OrgUnitsTable>) {
  return db.updateTable('orgUnits').set(patch).where('id', '=', id).execute();
}

/** Re-roots a whole subtree: every path under oldPrefix now starts with newPrefix, depths shift by the same amount. */
export async function moveSubtree(db: Executor, oldPrefix: string, newPrefix: string, depthDelta: number, at: string) {
  await db
    .updateTable('orgUnits')
    .set({
      path: sql`${newPrefix} || substr(path, ${oldPrefix.length + 1})`,
      depth: sql`depth + ${depthDelta}`,
      updatedAt: at,
    })
    .where('path', '>=', oldPrefix)
    .where('path', '<', pathUpperBound(oldPrefix))
    .execute();
}

/**
 * Gives coded descendants of a re-coded unit the new prefix (a township re-coded 510399100 → 510398100 takes its
 * villages 510399100200 → 510398100200 with it).
 */
export async function recodeSubtree(db: Executor, path: string, oldCode: string, newCode: string, at: string) {
  await db
    .updateTable('orgUnits')
    .set({ code: sql`${newCode} || substr(code, ${oldCode.length + 1})`, updatedAt: at })
    .where('path', '>', path)
    .where('path', '<', pathUpperBound(path))
    .where(sql<SqlBool>`substr(code, 1, ${oldCode.length}) = ${oldCode}`)
    .execute();
}

/** Number of units in a subtree (the unit itself included). */
export function countSubtree(db: Executor, path: string) {
  return db
    .selectFrom('orgUnits')
    .select(sql<number>`count(*)`.as('n'))
    .where('path', '>=', path)
    .where('path', '<', pathUpperBound(path))
    .executeTakeFirstOrThrow();
}

/** The unit's ancestors from the root down (for breadcrumbs and "the scope you work in"). */
export function listAncestors(db: Executor, path: string) {
  const ids = path.split('/').filter(Boolean);
  return db.selectFrom('orgUnits').select(['id', 'name', 'kind', 'code']).where('id', 'in', ids).orderBy('depth').execute();
}

/** The units with no parent: an installation has one, its top. */
export function listTopUnits(db: Executor) {
  return db.selectFrom('orgUnits').select(COLUMNS).where('parentId', 'is', null).execute();
}

/**
 * Puts every unit but the new top one level deeper under it: each path gains the top's id in front ("/a/b/" →
 * "/top/a/b/"), so every subtree range stays a prefix range.
 */
export async function prefixAllPaths(db: Executor, topId: string, at: string) {
  const result = await db
    .updateTable('orgUnits')
    .set({ path: sql`${`/${topId}`} || path`, depth: sql`depth + 1`, updatedAt: at })
    .where('id', '!=', topId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Moves the role assignments of these roles held at one unit to another (the 三员 follow the installation's top). */
export async function moveRoleAssignments(db: Executor, fromUnitId: string, toUnitId: string, roles: readonly Role[]) {
  const result = await db
    .updateTable('roleAssignments')
    .set({ orgUnitId: toUnitId })
    .where('orgUnitId', '=', fromUnitId)
    .where('role', 'in', [...roles])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
