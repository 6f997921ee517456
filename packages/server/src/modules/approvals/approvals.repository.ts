import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ApprovalKind, ApprovalStatus, Role } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { ApprovalDecisionsTable, ApprovalDeputiesTable, ApprovalRequestsTable, ApprovalSettingsTable } from './approvals.tables.js';

export type RequestRow = ApprovalRequestsTable & { ownerName: string; ownerPath: string; requestedByName: string };

/** The kinds a caller may read, each with the scope of its subject's permission: a request is seen only through it. */
export type KindScopes = { kind: ApprovalKind; scope: Scope }[];

type WithR = Database & { r: ApprovalRequestsTable };

function visible(kinds: KindScopes) {
  return (eb: ExpressionBuilder<WithR, 'r'>) =>
    kinds.length === 0
      ? sql<SqlBool>`1 = 0`
      : eb.or(kinds.map((k) => eb.and([eb('r.kind', '=', k.kind), orgInScope(eb, 'r.ownerOrgId', k.scope)])));
}

function requestsQuery(db: Executor) {
  return db
    .selectFrom('approvalRequests as r')
    .innerJoin('orgUnits as o', 'o.id', 'r.ownerOrgId')
    .innerJoin('users as u', 'u.id', 'r.requestedBy')
    .selectAll('r')
    .select(['o.name as ownerName', 'o.path as ownerPath', 'u.displayName as requestedByName']);
}

export function findRequest(db: Executor, id: string): Promise<RequestRow | undefined> {
  return requestsQuery(db).where('r.id', '=', id).executeTakeFirst();
}

export function listRequests(
  db: Executor,
  kinds: KindScopes,
  f: { status?: ApprovalStatus; kind?: ApprovalKind; limit: number; offset: number },
): Promise<RequestRow[]> {
  let q = requestsQuery(db).where(visible(kinds));
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  return q.orderBy('r.updatedAt', 'desc').orderBy('r.id', 'desc').limit(f.limit).offset(f.offset).execute();
}

export async function countRequests(db: Executor, kinds: KindScopes, f: { status?: ApprovalStatus; kind?: ApprovalKind }) {
  let q = db.selectFrom('approvalRequests as r').select(sql<number>`count(*)`.as('n')).where(visible(kinds));
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Pending requests whose current step is one of these (unit, role) pairs, inside what the caller may read. */
export function listPendingAt(db: Executor, kinds: KindScopes, seats: { orgUnitId: string; role: Role }[]): Promise<RequestRow[]> {
  if (seats.length === 0) return Promise.resolve([]);
  return requestsQuery(db)
    .where('r.status', '=', 'pending')
    .where((eb) => eb.or(seats.map((s) => eb.and([eb('r.currentOrgId', '=', s.orgUnitId), eb('r.currentRole', '=', s.role)]))))
    .where(visible(kinds))
    .orderBy('r.updatedAt')
    .execute();
}

export function listReturnedTo(db: Executor, userId: string): Promise<RequestRow[]> {
  return requestsQuery(db).where('r.requestedBy', '=', userId).where('r.status', '=', 'returned').orderBy('r.updatedAt').execute();
}

/** The request still open (pending or returned) for a subject, if any: one at a time per subject and kind. */
export function findOpenRequestFor(db: Executor, kind: ApprovalKind, subjectId: string) {
  return db
    .selectFrom('approvalRequests')
    .select(['id', 'status'])
    .where('kind', '=', kind)
    .where('subjectId', '=', subjectId)
    .where('status', 'in', ['pending', 'returned'])
    .executeTakeFirst();
}

export async function insertRequest(db: Executor, row: ApprovalRequestsTable) {
  await db.insertInto('approvalRequests').values(row).execute();
}

/**
 * Moves a request on only from the state the service read (status and step): a decision made meanwhile by someone
 * else leaves 0 rows updated, and the service refuses instead of deciding twice.
 */
export async function updateRequestFrom(
  db: Executor,
  id: string,
  from: { status: ApprovalStatus; currentStep: number },
  set: Partial<ApprovalRequestsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('approvalRequests')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', from.status)
    .where('currentStep', '=', from.currentStep)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertDecision(db: Executor, row: ApprovalDecisionsTable) {
  await db.insertInto('approvalDecisions').values(row).execute();
}

export function listDecisions(db: Executor, requestId: string) {
  return db
    .selectFrom('approvalDecisions as d')
    .innerJoin('users as u', 'u.id', 'd.decidedBy')
    .leftJoin('users as p', 'p.id', 'd.onBehalfOf')
    .select(['d.id', 'd.stepNo', 'd.action', 'd.comment', 'd.decidedAt', 'u.displayName as byName', 'p.displayName as onBehalfOfName'])
    .where('d.requestId', '=', requestId)
    .orderBy('d.decidedAt')
    .orderBy('d.id')
    .execute();
}

// ---------------------------------------------------------------- who sits where

/** Active users holding the role at exactly this unit, with their names. */
export function listHolders(db: Executor, orgUnitId: string, role: Role) {
  return db
    .selectFrom('roleAssignments as ra')
    .innerJoin('users as u', 'u.id', 'ra.userId')
    .select(['u.id', 'u.displayName'])
    .where('ra.orgUnitId', '=', orgUnitId)
    .where('ra.role', '=', role)
    .where('u.active', '=', 1)
    .orderBy('u.displayName')
    .execute();
}

/** The units on a path (its ancestors and itself), with their kinds: the steps resolve their unit among them. */
export function listUnitsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('orgUnits').select(['id', 'name', 'kind', 'path', 'depth']).where('id', 'in', ids).execute();
}

// ---------------------------------------------------------------- settings

/** The settings of the units on a path for one kind (or all kinds); the deepest one wins. */
export function listSettingsOn(db: Executor, unitIds: string[], kind?: ApprovalKind) {
  if (unitIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('approvalSettings as s')
    .innerJoin('orgUnits as o', 'o.id', 's.orgUnitId')
    .select(['s.id', 's.orgUnitId', 's.kind', 's.steps', 's.updatedAt', 'o.name as orgUnitName', 'o.depth'])
    .where('s.orgUnitId', 'in', unitIds);
  if (kind) q = q.where('s.kind', '=', kind);
  return q.orderBy('o.depth', 'desc').execute();
}

export function findSetting(db: Executor, orgUnitId: string, kind: ApprovalKind) {
  return db.selectFrom('approvalSettings').selectAll().where('orgUnitId', '=', orgUnitId).where('kind', '=', kind).executeTakeFirst();
}

export async function upsertSetting(db: Executor, row: ApprovalSettingsTable) {
  await db
    .insertInto('approvalSettings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['orgUnitId', 'kind']).doUpdateSet({ steps: row.steps, updatedBy: row.updatedBy, updatedAt: row.updatedAt }),
    )
    .execute();
}

// ---------------------------------------------------------------- 代理

function deputiesQuery(db: Executor) {
  return db
    .selectFrom('approvalDeputies as d')
    .innerJoin('users as p', 'p.id', 'd.principalUserId')
    .innerJoin('users as u', 'u.id', 'd.deputyUserId')
    .selectAll('d')
    .select(['p.displayName as principalName', 'u.displayName as deputyName']);
}

export function listDeputiesOf(db: Executor, principalUserId: string) {
  return deputiesQuery(db).where('d.principalUserId', '=', principalUserId).orderBy('d.fromDate', 'desc').execute();
}

/** The heads a user stands in for today (named, not revoked, the day inside the period). */
export function listActiveDeputyFor(db: Executor, deputyUserId: string, today: string) {
  return deputiesQuery(db)
    .where('d.deputyUserId', '=', deputyUserId)
    .where('d.revokedAt', 'is', null)
    .where('d.fromDate', '<=', today)
    .where('d.toDate', '>=', today)
    .execute();
}

export function listDeputiesNamingUser(db: Executor, deputyUserId: string) {
  return deputiesQuery(db).where('d.deputyUserId', '=', deputyUserId).orderBy('d.fromDate', 'desc').execute();
}

export function findDeputy(db: Executor, id: string) {
  return deputiesQuery(db).where('d.id', '=', id).executeTakeFirst();
}

export async function insertDeputy(db: Executor, row: ApprovalDeputiesTable) {
  await db.insertInto('approvalDeputies').values(row).execute();
}

export async function revokeDeputy(db: Executor, id: string, at: string) {
  await db.updateTable('approvalDeputies').set({ revokedAt: at }).where('id', '=', id).where('revokedAt', 'is', null).execute();
}

/** Grants of a user (role at unit), for a deputy's seats: she decides where her head sits. */
export function listGrantsOf(db: Executor, userId: string) {
  return db.selectFrom('roleAssignments').select(['role', 'orgUnitId']).where('userId', '=', userId).execute();
}

/** Active users with any role inside a unit's subtree: who may be named deputy (the service checks the permission). */
export function listUsersInSubtree(db: Executor, path: string) {
  return db
    .selectFrom('roleAssignments as ra')
    .innerJoin('users as u', 'u.id', 'ra.userId')
    .innerJoin('orgUnits as o', 'o.id', 'ra.orgUnitId')
    .select(['u.id', 'u.displayName'])
    .distinct()
    .where('u.active', '=', 1)
    .where('o.path', '=', path)
    .orderBy('u.displayName')
    .execute();
}
