import { sql } from 'kysely';
import type { OrgKind } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { pathInScopeSql, pathUpperBound } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { OrgUnitsTable } from './org.tables.js';

const COLUMNS = ['id', 'parentId', 'path', 'depth', 'kind', 'level', 'code', 'name', 'agencyType', 'active', 'sortOrder'] as const;

export type OrgUnitRow = Pick<OrgUnitsTable, (typeof COLUMNS)[number]>;

export function findUnit(db: Executor, id: string) {
  return db.selectFrom('orgUnits').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function findUnitByCode(db: Executor, code: string) {
  return db.selectFrom('orgUnits').select(COLUMNS).where('code', '=', code).executeTakeFirst();
}

/** Units inside the scope whose path is one of the scope roots (the tops of what the caller sees). */
export function listScopeRoots(db: Executor, scope: Scope) {
  if (scope.paths.length === 0) return Promise.resolve([]);
  return db.selectFrom('orgUnits').select(COLUMNS).where('path', 'in', scope.paths).orderBy('path').execute();
}

/** Children of one unit with how many children each has, limited to the scope. */
export function listChildren(db: Executor, scope: Scope, parentId: string) {
  return db
    .selectFrom('orgUnits as u')
    .select(COLUMNS.map((c) => `u.${c}` as const))
    .select((eb) => eb.selectFrom('orgUnits as c').select(sql<number>`count(*)`.as('n')).whereRef('c.parentId', '=', 'u.id').as('childCount'))
    .where('u.parentId', '=', parentId)
    .where(pathInScopeSql('u.path', scope))
    .orderBy('u.sortOrder')
    .orderBy('u.name')
    .execute();
}

/** Search units by name or code within the scope. */
export function searchUnits(db: Executor, scope: Scope, q: { text?: string; kinds?: OrgKind[]; activeOnly?: boolean; limit: number }) {
  let query = db.selectFrom('orgUnits').select(COLUMNS).where(pathInScopeSql('path', scope));
  if (q.text) query = query.where((eb) => eb.or([eb('name', 'like', `%${q.text}%`), eb('code', 'like', `${q.text}%`)]));
  if (q.kinds?.length) query = query.where('kind', 'in', q.kinds);
  if (q.activeOnly) query = query.where('active', '=', 1);
  return query.orderBy('depth').orderBy('sortOrder').orderBy('name').limit(q.limit).execute();
}

export function countActiveChildren(db: Executor, id: string) {
  return db.selectFrom('orgUnits').select(sql<number>`count(*)`.as('n')).where('parentId', '=', id).where('active', '=', 1).executeTakeFirstOrThrow();
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

/** The unit's ancestors from the root down (for breadcrumbs and "the scope you work in"). */
export function listAncestors(db: Executor, path: string) {
  const ids = path.split('/').filter(Boolean);
  return db.selectFrom('orgUnits').select(['id', 'name', 'kind', 'code']).where('id', 'in', ids).orderBy('depth').execute();
}
