import type { SummaryStatus } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { pathInScopeSql, pathUpperBound } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { ReportSummariesTable, ReportSummaryVersionsTable, ReportTemplatesTable } from './reports.tables.js';

// The only Kysely queries on the reports module's tables (and the few org look-ups it needs).

const UNIT_COLUMNS = ['id', 'name', 'code', 'kind', 'level', 'path', 'depth', 'sortOrder'] as const;
export type ReportUnit = {
  id: string;
  name: string;
  code: string | null;
  kind: string;
  level: string | null;
  path: string;
  depth: number;
  sortOrder: number;
};

/** A unit by code or by id. */
export function findUnitByCodeOrId(db: Executor, key: string): Promise<ReportUnit | undefined> {
  return db
    .selectFrom('orgUnits')
    .select(UNIT_COLUMNS)
    .where((eb) => eb.or([eb('code', '=', key), eb('id', '=', key)]))
    .executeTakeFirst();
}

export function findUnitById(db: Executor, id: string): Promise<ReportUnit | undefined> {
  return db.selectFrom('orgUnits').select(UNIT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The units at the top of a scope (the default unit a report is for). */
export function findUnitsByPaths(db: Executor, paths: string[]): Promise<ReportUnit[]> {
  if (paths.length === 0) return Promise.resolve([]);
  return db.selectFrom('orgUnits').select(UNIT_COLUMNS).where('path', 'in', paths).orderBy('depth').orderBy('path').execute();
}

/** The top of the whole tree (the CLI's default unit). */
export function findRootUnit(db: Executor): Promise<ReportUnit | undefined> {
  return db.selectFrom('orgUnits').select(UNIT_COLUMNS).where('parentId', 'is', null).orderBy('createdAt').executeTakeFirst();
}

const GEOGRAPHIC = ['federation', 'township', 'street', 'village', 'community'] as const;

/** The geographic children of a unit (townships and streets of a district; districts of a city …), for breakdowns. */
export function listGeographicChildren(db: Executor, parentId: string): Promise<ReportUnit[]> {
  return db
    .selectFrom('orgUnits')
    .select(UNIT_COLUMNS)
    .where('parentId', '=', parentId)
    .where('active', '=', 1)
    .where('kind', 'in', GEOGRAPHIC)
    .orderBy('sortOrder')
    .orderBy('name')
    .execute();
}

/** Geographic units inside the scope a report may be made for, down to `maxDepth`. */
export function listScopeUnits(db: Executor, scope: Scope, maxDepth: number): Promise<ReportUnit[]> {
  return db
    .selectFrom('orgUnits')
    .select(UNIT_COLUMNS)
    .where(pathInScopeSql('path', scope))
    .where('active', '=', 1)
    .where('kind', 'in', GEOGRAPHIC)
    .where('depth', '<=', maxDepth)
    .orderBy('path')
    .limit(2000)
    .execute();
}

// ─── Templates ────────────────────────────────────────────────────────────────────────────────

/** Templates owned inside the scope or by one of its ancestors (a district's templates serve its townships). */
export function listTemplates(db: Executor, scope: Scope, ancestorIds: string[]) {
  return db
    .selectFrom('reportTemplates as t')
    .innerJoin('orgUnits as u', 'u.id', 't.ownerOrgId')
    .selectAll('t')
    .select(['u.path as ownerPath'])
    .where((eb) =>
      ancestorIds.length ? eb.or([pathInScopeSql('u.path', scope), eb('u.id', 'in', ancestorIds)]) : pathInScopeSql('u.path', scope),
    )
    .orderBy('t.name')
    .orderBy('t.id')
    .execute();
}

export function findTemplate(db: Executor, id: string) {
  return db.selectFrom('reportTemplates').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertTemplate(db: Executor, row: ReportTemplatesTable) {
  return db.insertInto('reportTemplates').values(row).execute();
}

export function updateTemplate(db: Executor, id: string, patch: Partial<ReportTemplatesTable>) {
  return db.updateTable('reportTemplates').set(patch).where('id', '=', id).execute();
}

export function deleteTemplate(db: Executor, id: string) {
  return db.deleteFrom('reportTemplates').where('id', '=', id).execute();
}

// ─── Summaries ────────────────────────────────────────────────────────────────────────────────

export function findSummary(db: Executor, id: string) {
  return db.selectFrom('reportSummaries').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSummaryByOrgYear(db: Executor, ownerOrgId: string, year: number) {
  return db.selectFrom('reportSummaries').selectAll().where('ownerOrgId', '=', ownerOrgId).where('year', '=', year).executeTakeFirst();
}

/** Summaries of units inside the scope, newest year first, optionally of one year or one unit's subtree. */
export function listSummaries(db: Executor, scope: Scope, q: { year?: number; unitPath?: string; status?: SummaryStatus }) {
  let query = db
    .selectFrom('reportSummaries as s')
    .innerJoin('orgUnits as u', 'u.id', 's.ownerOrgId')
    .select([
      's.id',
      's.ownerOrgId',
      's.year',
      's.status',
      's.templateId',
      's.version',
      's.generatedAt',
      's.frozenAt',
      's.updatedAt',
      'u.name as orgName',
      'u.code as orgCode',
      'u.kind as orgKind',
    ])
    .where(pathInScopeSql('u.path', scope));
  if (q.year) query = query.where('s.year', '=', q.year);
  if (q.status) query = query.where('s.status', '=', q.status);
  if (q.unitPath) query = query.where('u.path', '>=', q.unitPath).where('u.path', '<', pathUpperBound(q.unitPath));
  return query.orderBy('s.year', 'desc').orderBy('u.path').limit(500).execute();
}

export function insertSummary(db: Executor, row: ReportSummariesTable) {
  return db.insertInto('reportSummaries').values(row).execute();
}

/** Updates a summary only if it is still at the expected version (optimistic lock); returns whether it did. */
export async function updateSummaryAtVersion(
  db: Executor,
  id: string,
  expectedVersion: number,
  patch: Partial<ReportSummariesTable>,
): Promise<boolean> {
  const res = await db
    .updateTable('reportSummaries')
    .set(patch)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function insertSummaryVersion(db: Executor, row: ReportSummaryVersionsTable) {
  return db.insertInto('reportSummaryVersions').values(row).execute();
}

export function listSummaryVersions(db: Executor, summaryId: string) {
  return db
    .selectFrom('reportSummaryVersions as v')
    .leftJoin('users as u', 'u.id', 'v.createdBy')
    .select(['v.version', 'v.status', 'v.action', 'v.createdAt', 'u.displayName as createdBy'])
    .where('v.summaryId', '=', summaryId)
    .orderBy('v.version', 'desc')
    .execute();
}

export function findSummaryVersion(db: Executor, summaryId: string, version: number) {
  return db
    .selectFrom('reportSummaryVersions')
    .selectAll()
    .where('summaryId', '=', summaryId)
    .where('version', '=', version)
    .executeTakeFirst();
}
