import { sql } from 'kysely';
import type { CaseStatus, ReferralStatus } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { CaseActionsTable, CaseConsentsTable, CaseEventsTable, CasePartiesTable, CaseReferralsTable, CasesTable } from './cases.tables.js';

export type CaseRow = CasesTable;
export type ReferralRow = CaseReferralsTable;

/**
 * Takes the next case number of an owning federation for a year in one statement: the upsert's row lock
 * (PostgreSQL) or the single writer (SQLite) makes two concurrent registrations get different numbers.
 */
export async function allocateCaseSeq(db: Executor, ownerOrgId: string, year: number): Promise<number> {
  const row = await db
    .insertInto('caseCounters')
    .values({ ownerOrgId, year, lastNo: 1 })
    .onConflict((oc) => oc.columns(['ownerOrgId', 'year']).doUpdateSet({ lastNo: sql`case_counters.last_no + 1` }))
    .returning('lastNo')
    .executeTakeFirstOrThrow();
  return Number(row.lastNo);
}

export function insertCase(db: Executor, row: CasesTable) {
  return db.insertInto('cases').values(row).execute();
}

export function updateCase(db: Executor, id: string, patch: Partial<CasesTable>) {
  return db.updateTable('cases').set(patch).where('id', '=', id).execute();
}

/** One case with the names the detail page shows, or undefined. */
export function findCase(db: Executor, id: string) {
  return db
    .selectFrom('cases as c')
    .innerJoin('orgUnits as o', 'o.id', 'c.ownerOrgId')
    .innerJoin('persons as p', 'p.id', 'c.applicantPersonId')
    .leftJoin('orgUnits as r', 'r.id', 'p.residenceOrgId')
    .leftJoin('users as u', 'u.id', 'c.assigneeUserId')
    .leftJoin('caseCategories as cc', 'cc.code', 'c.category')
    .selectAll('c')
    .select([
      'o.name as ownerName',
      'o.path as ownerPath',
      'p.name as applicantName',
      'p.gender as applicantGender',
      'p.birthDate as applicantBirthDate',
      'p.idNumberMasked as applicantIdNumberMasked',
      'p.phoneMasked as applicantPhoneMasked',
      'p.phoneEnc as applicantPhoneEnc',
      'p.residenceOrgId as applicantResidenceOrgId',
      'r.name as applicantResidenceName',
      'p.tags as applicantTags',
      'u.displayName as assigneeName',
      'cc.label as categoryLabel',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type CaseDetailRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

const LIST_COLUMNS = [
  'c.id',
  'c.caseNo',
  'c.channel',
  'c.receivedDate',
  'c.category',
  'c.summary',
  'c.status',
  'c.riskLevel',
  'c.applicantPersonId',
  'c.ownerOrgId',
  'c.nextDueDate',
  'c.nextFollowUpDate',
  'p.name as applicantName',
  'p.phoneMasked as applicantPhoneMasked',
  'p.idNumberMasked as applicantIdNumberMasked',
  'o.name as ownerName',
  'u.displayName as assigneeName',
  'cc.label as categoryLabel',
] as const;

export type CaseFilter = {
  /** Org subtrees to search (already intersected with the caller's scope). */
  scope: Scope;
  /** Cases assigned to this user are visible even outside the scope. */
  alsoAssignedTo?: string | null;
  statuses?: CaseStatus[];
  category?: string;
  channel?: string;
  risk?: string;
  from?: string;
  to?: string;
  caseNo?: string;
  applicantName?: string;
  applicantId?: string;
  dueBefore?: string;
  followUpBefore?: string;
};

/** The cases matching a filter, inside its scope (the base of both the count and the page). */
function filteredCases(db: Executor, f: CaseFilter) {
  let q = db
    .selectFrom('cases as c')
    .where((eb) => (f.alsoAssignedTo ? eb.or([orgInScope(eb, 'c.owner_org_id', f.scope), eb('c.assigneeUserId', '=', f.alsoAssignedTo)]) : orgInScope(eb, 'c.owner_org_id', f.scope)));
  if (f.statuses?.length === 1) q = q.where('c.status', '=', f.statuses[0]);
  else if (f.statuses?.length) q = q.where('c.status', 'in', f.statuses);
  if (f.category) q = q.where('c.category', '=', f.category);
  if (f.channel) q = q.where('c.channel', '=', f.channel as never);
  if (f.risk) q = q.where('c.riskLevel', '=', f.risk as never);
  if (f.from) q = q.where('c.receivedDate', '>=', f.from);
  if (f.to) q = q.where('c.receivedDate', '<=', f.to);
  if (f.caseNo) q = q.where('c.caseNo', '=', f.caseNo);
  if (f.applicantId) q = q.where('c.applicantPersonId', '=', f.applicantId);
  if (f.applicantName) {
    const like = `%${f.applicantName.replace(/[%_\\]/g, '')}%`;
    q = q.where('c.applicantPersonId', 'in', (eb) => eb.selectFrom('persons').select('persons.id').where('persons.name', 'like', like));
  }
  if (f.dueBefore) q = q.where('c.nextDueDate', '<', f.dueBefore);
  if (f.followUpBefore) q = q.where('c.nextFollowUpDate', '<', f.followUpBefore);
  return q;
}

/** Total matching cases (counted on the list index alone, no joins). */
export async function countCases(db: Executor, f: CaseFilter): Promise<number> {
  const row = await filteredCases(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of cases: high risk (open) first, then by received date, with the names a list shows. */
export function listCases(db: Executor, f: CaseFilter, page: { limit: number; offset: number; sort: 'received_desc' | 'received_asc' }) {
  return caseListQuery(db, f, page).execute();
}

/** The list query itself (exported so a test can read its plan). */
export function caseListQuery(db: Executor, f: CaseFilter, page: { limit: number; offset: number; sort: 'received_desc' | 'received_asc' }) {
  const dir = page.sort === 'received_asc' ? 'asc' : 'desc';
  return filteredCases(db, f)
    .innerJoin('persons as p', 'p.id', 'c.applicantPersonId')
    .innerJoin('orgUnits as o', 'o.id', 'c.ownerOrgId')
    .leftJoin('users as u', 'u.id', 'c.assigneeUserId')
    .leftJoin('caseCategories as cc', 'cc.code', 'c.category')
    .select(LIST_COLUMNS)
    .orderBy('c.priority', 'desc')
    .orderBy('c.receivedDate', dir)
    .orderBy('c.id', dir)
    .limit(page.limit)
    .offset(page.offset);
}
export type CaseListRow = Awaited<ReturnType<typeof listCases>>[number];

/** Cases by id with the list columns (the overdue board's rows). */
export function listCasesByIds(db: Executor, ids: string[]) {
  return db
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.applicantPersonId')
    .innerJoin('orgUnits as o', 'o.id', 'c.ownerOrgId')
    .leftJoin('users as u', 'u.id', 'c.assigneeUserId')
    .leftJoin('caseCategories as cc', 'cc.code', 'c.category')
    .select(LIST_COLUMNS)
    .where('c.id', 'in', ids)
    .execute();
}

/** True when the user is assignee of some case outside the scope (then lists add "or assigned to me"). */
export async function hasAssignmentsOutside(db: Executor, userId: string, scope: Scope): Promise<boolean> {
  const row = await db
    .selectFrom('cases as c')
    .select('c.id')
    .where('c.assigneeUserId', '=', userId)
    .where((eb) => eb.not(orgInScope(eb, 'c.owner_org_id', scope)))
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

export function insertParties(db: Executor, rows: CasePartiesTable[]) {
  if (!rows.length) return Promise.resolve();
  return db.insertInto('caseParties').values(rows).execute();
}

export function listParties(db: Executor, caseId: string) {
  return db.selectFrom('caseParties').selectAll().where('caseId', '=', caseId).orderBy('id').execute();
}

export function insertAction(db: Executor, row: CaseActionsTable) {
  return db.insertInto('caseActions').values(row).execute();
}

export function listActions(db: Executor, caseId: string) {
  return db
    .selectFrom('caseActions as a')
    .leftJoin('users as u', 'u.id', 'a.recordedBy')
    .leftJoin('orgUnits as po', 'po.id', 'a.policeOrgId')
    .selectAll('a')
    .select(['u.displayName as recordedByName', 'po.name as policeOrgName'])
    .where('a.caseId', '=', caseId)
    .orderBy('a.actionDate')
    .orderBy('a.createdAt')
    .execute();
}

export function insertEvent(db: Executor, row: CaseEventsTable) {
  return db.insertInto('caseEvents').values(row).execute();
}

export function listEvents(db: Executor, caseId: string) {
  return db
    .selectFrom('caseEvents as e')
    .leftJoin('users as u', 'u.id', 'e.actorUserId')
    .selectAll('e')
    .select('u.displayName as actorName')
    .where('e.caseId', '=', caseId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

export function insertConsent(db: Executor, row: CaseConsentsTable) {
  return db.insertInto('caseConsents').values(row).execute();
}

export function listConsents(db: Executor, caseId: string) {
  return db
    .selectFrom('caseConsents as k')
    .innerJoin('orgUnits as a', 'a.id', 'k.agencyOrgId')
    .leftJoin('users as u', 'u.id', 'k.recordedBy')
    .selectAll('k')
    .select(['a.name as agencyName', 'u.displayName as recordedByName'])
    .where('k.caseId', '=', caseId)
    .orderBy('k.recordedAt')
    .execute();
}

/** The consent in force for sharing this case's applicant with this agency, if any. */
export function findActiveConsent(db: Executor, caseId: string, agencyOrgId: string, consentId?: string | null) {
  let q = db.selectFrom('caseConsents').selectAll().where('caseId', '=', caseId).where('agencyOrgId', '=', agencyOrgId).where('withdrawnAt', 'is', null);
  if (consentId) q = q.where('id', '=', consentId);
  return q.orderBy('recordedAt', 'desc').executeTakeFirst();
}

export function updateConsent(db: Executor, id: string, patch: Partial<CaseConsentsTable>) {
  return db.updateTable('caseConsents').set(patch).where('id', '=', id).execute();
}

export function insertReferral(db: Executor, row: CaseReferralsTable) {
  return db.insertInto('caseReferrals').values(row).execute();
}

export function updateReferral(db: Executor, id: string, patch: Partial<CaseReferralsTable>) {
  return db.updateTable('caseReferrals').set(patch).where('id', '=', id).execute();
}

/** A referral with what both the federation and the agency views need (case, applicant, units). */
function referralQuery(db: Executor) {
  return db
    .selectFrom('caseReferrals as f')
    .innerJoin('cases as c', 'c.id', 'f.caseId')
    .innerJoin('persons as p', 'p.id', 'c.applicantPersonId')
    .innerJoin('orgUnits as a', 'a.id', 'f.agencyOrgId')
    .innerJoin('orgUnits as o', 'o.id', 'f.ownerOrgId')
    .leftJoin('caseCategories as cc', 'cc.code', 'c.category')
    .leftJoin('users as s', 's.id', 'f.sentBy')
    .selectAll('f')
    .select([
      'c.caseNo',
      'c.category',
      'c.riskLevel',
      'c.narrativeEnc',
      'c.applicantPersonId',
      'cc.label as categoryLabel',
      'p.name as applicantName',
      'p.gender as applicantGender',
      'p.birthDate as applicantBirthDate',
      'p.phoneEnc as applicantPhoneEnc',
      'p.phoneMasked as applicantPhoneMasked',
      'a.name as agencyName',
      'a.path as agencyPath',
      'o.name as ownerName',
      'o.path as ownerPath',
      's.displayName as sentByName',
    ]);
}
export type ReferralDetailRow = NonNullable<Awaited<ReturnType<typeof findReferral>>>;

export function findReferral(db: Executor, id: string) {
  return referralQuery(db).where('f.id', '=', id).executeTakeFirst();
}

export function findReferralByTokenHash(db: Executor, hash: string) {
  return referralQuery(db).where('f.linkTokenHash', '=', hash).executeTakeFirst();
}

export function listReferralsOfCase(db: Executor, caseId: string) {
  return referralQuery(db).where('f.caseId', '=', caseId).orderBy('f.sentDate').orderBy('f.createdAt').execute();
}

/** An agency's inbox: referrals addressed to units inside the agency user's scope; open ones first. */
export async function listInbox(db: Executor, agencyScope: Scope, q: { status?: ReferralStatus[]; limit: number; offset: number }) {
  let query = referralQuery(db).where((eb) => orgInScope(eb, 'f.agency_org_id', agencyScope));
  if (q.status?.length) query = query.where('f.status', 'in', q.status);
  const [{ n }] = await db
    .selectFrom('caseReferrals as f')
    .select(sql<number>`count(*)`.as('n'))
    .where((eb) => orgInScope(eb, 'f.agency_org_id', agencyScope))
    .$if(!!q.status?.length, (qq) => qq.where('f.status', 'in', q.status!))
    .execute();
  const items = await query
    .orderBy(sql`CASE WHEN f.status IN ('sent', 'accepted') THEN 0 ELSE 1 END`)
    .orderBy('c.priority', 'desc')
    .orderBy('f.sentDate', 'desc')
    .orderBy('f.id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { items, total: Number(n) };
}

/** Open referrals past their due date, inside the scope (null scope: all, for the daily job). */
export function listOverdueReferrals(db: Executor, scope: Scope | null, today: string) {
  let q = referralQuery(db).where('f.status', 'in', ['sent', 'accepted']).where('f.dueDate', '<', today);
  if (scope) q = q.where((eb) => orgInScope(eb, 'f.owner_org_id', scope));
  return q.orderBy('f.dueDate').limit(500).execute();
}

/** Open cases whose current deadline is before `before` (all scopes when scope is null), for reminders and the board. */
export function listCasesDueBefore(db: Executor, scope: Scope | null, before: string) {
  let q = db
    .selectFrom('cases as c')
    .innerJoin('orgUnits as o', 'o.id', 'c.ownerOrgId')
    .select(['c.id', 'c.caseNo', 'c.status', 'c.ownerOrgId', 'c.assigneeUserId', 'c.nextDueDate', 'c.nextFollowUpDate', 'c.priority', 'o.path as ownerPath'])
    .where('c.nextDueDate', '<', before);
  if (scope) q = q.where((eb) => orgInScope(eb, 'c.owner_org_id', scope));
  return q.orderBy('c.nextDueDate').limit(2000).execute();
}

export function listFollowUpsDueBefore(db: Executor, before: string) {
  return db
    .selectFrom('cases as c')
    .innerJoin('orgUnits as o', 'o.id', 'c.ownerOrgId')
    .select(['c.id', 'c.caseNo', 'c.status', 'c.ownerOrgId', 'c.assigneeUserId', 'c.nextDueDate', 'c.nextFollowUpDate', 'c.priority', 'o.path as ownerPath'])
    .where('c.nextFollowUpDate', '<', before)
    .orderBy('c.nextFollowUpDate')
    .limit(2000)
    .execute();
}

/** Open cases (their stored deadlines follow the holiday calendar, so a calendar edit recomputes them). */
export function listOpenCaseDates(db: Executor) {
  return db
    .selectFrom('cases')
    .select(['id', 'status', 'receivedDate', 'acceptedDate', 'extensionDays', 'closedDate', 'reviewRequestedDate', 'reviewDecidedDate', 'rereviewRequestedDate', 'rereviewDecidedDate', 'nextDueDate'])
    .where('status', 'in', ['registered', 'accepted', 'in_progress', 'review_requested', 'rereview_requested'])
    .execute();
}

/** Users holding one of the roles on a unit that is the case owner or one of its ancestors (the "leaders" to remind). */
export function listLeadersFor(db: Executor, ownerPath: string) {
  const ids = ownerPath.split('/').filter(Boolean);
  return db
    .selectFrom('roleAssignments as ra')
    .innerJoin('users as u', 'u.id', 'ra.userId')
    .select(['u.id', 'u.displayName'])
    .where('ra.orgUnitId', 'in', ids)
    .where('ra.role', 'in', ['federation_leader', 'township_chair'])
    .where('u.active', '=', 1)
    .distinct()
    .execute();
}

export function listCategories(db: Executor) {
  return db.selectFrom('caseCategories').select(['code', 'label', 'sortOrder', 'active']).orderBy('sortOrder').execute();
}

export async function saveCategories(db: Executor, rows: { code: string; label: string; active: boolean }[]) {
  // Codes in use stay (cases refer to them); a category is retired by making it inactive.
  for (const [i, r] of rows.entries()) {
    await db
      .insertInto('caseCategories')
      .values({ code: r.code, label: r.label, sortOrder: i, active: r.active ? 1 : 0 })
      .onConflict((oc) => oc.column('code').doUpdateSet({ label: r.label, sortOrder: i, active: r.active ? 1 : 0 }))
      .execute();
  }
}

export function listHolidays(db: Executor, from?: string, to?: string) {
  let q = db.selectFrom('holidays').select(['date', 'kind', 'name']);
  if (from) q = q.where('date', '>=', from);
  if (to) q = q.where('date', '<=', to);
  return q.orderBy('date').execute();
}

export function upsertHoliday(db: Executor, row: { date: string; kind: 'holiday' | 'workday'; name: string }) {
  return db
    .insertInto('holidays')
    .values(row)
    .onConflict((oc) => oc.column('date').doUpdateSet({ kind: row.kind, name: row.name }))
    .execute();
}

export function deleteHoliday(db: Executor, date: string) {
  return db.deleteFrom('holidays').where('date', '=', date).executeTakeFirst();
}

export function listCasesOfPerson(db: Executor, scope: Scope, personId: string) {
  return listCases(db, { scope, applicantId: personId }, { limit: 200, offset: 0, sort: 'received_desc' });
}

export function findUserInScope(db: Executor, userId: string) {
  return db.selectFrom('users').select(['id', 'displayName', 'orgUnitId', 'active']).where('id', '=', userId).executeTakeFirst();
}
