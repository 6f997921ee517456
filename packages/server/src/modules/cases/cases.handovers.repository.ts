import type { OrgKind } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { pathUpperBound } from '../../db/scope.js';
import type { CaseHandoversTable } from './cases.tables.js';

export type HandoverRow = CaseHandoversTable;

export function insertHandover(db: Executor, row: CaseHandoversTable) {
  return db.insertInto('caseHandovers').values(row).execute();
}

export function updateHandover(db: Executor, id: string, patch: Partial<CaseHandoversTable>) {
  return db.updateTable('caseHandovers').set(patch).where('id', '=', id).execute();
}

/** Marks a handover reported if it still waits for its report (false when another report came first). */
export async function claimHandoverReport(
  db: Executor,
  id: string,
  patch: Pick<CaseHandoversTable, 'result' | 'reportedDate' | 'reportedOnTime' | 'reportedBy' | 'updatedAt'>,
) {
  const r = await db
    .updateTable('caseHandovers')
    .set({ ...patch, status: 'reported' })
    .where('id', '=', id)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A handover with the names and numbers both sides show, found by its source or its target case. */
export function findHandover(db: Executor, by: 'sourceCaseId' | 'targetCaseId', caseId: string) {
  return db
    .selectFrom('caseHandovers as h')
    .innerJoin('orgUnits as f', 'f.id', 'h.ownerOrgId')
    .innerJoin('orgUnits as t', 't.id', 'h.toOrgId')
    .innerJoin('cases as s', 's.id', 'h.sourceCaseId')
    .innerJoin('cases as r', 'r.id', 'h.targetCaseId')
    .selectAll('h')
    .select([
      'f.name as fromOrgName',
      't.name as toOrgName',
      't.path as toPath',
      's.caseNo as sourceCaseNo',
      'r.caseNo as targetCaseNo',
      'r.status as targetStatus',
      'r.assigneeUserId as targetAssigneeUserId',
    ])
    .where(by === 'sourceCaseId' ? 'h.sourceCaseId' : 'h.targetCaseId', '=', caseId)
    .executeTakeFirst();
}
export type HandoverDetailRow = NonNullable<Awaited<ReturnType<typeof findHandover>>>;

/** The units on a materialised path (`/a/b/c/`), top first: the levels above a case's unit. */
export function listUnitsOnPath(db: Executor, path: string) {
  const ids = path.split('/').filter(Boolean);
  return db
    .selectFrom('orgUnits')
    .select(['id', 'name', 'kind', 'level', 'path', 'depth'])
    .where('id', 'in', ids)
    .orderBy('depth')
    .execute();
}

/** Federation units strictly below a unit (the units a case may be passed on to), by depth then name. */
export function listFederationsBelow(db: Executor, path: string, kinds: OrgKind[]) {
  return db
    .selectFrom('orgUnits')
    .select(['id', 'name', 'level'])
    .where('path', '>', path)
    .where('path', '<', pathUpperBound(path))
    .where('kind', 'in', kinds)
    .where('active', '=', 1)
    .orderBy('depth')
    .orderBy('name')
    .limit(500)
    .execute();
}
