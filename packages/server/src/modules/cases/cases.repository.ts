import { expressionBuilder, sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CaseChannel, CaseStatus, ReferralKind, ReferralStatus, RiskLevel } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { cachedCount } from '../../db/count-cache.js';
import { fastRows } from '../../db/fast-query.js';
import { orgInScope, pathInScopeSql } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type {
  CaseActionsTable,
  CaseConsentsTable,
  CaseEventsTable,
  CasePartiesTable,
  CaseReferralsTable,
  CasesTable,
} from './cases.tables.js';

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
  /**
   * The federations (district, townships, streets) inside `scope`: the only units that own cases. Naming them
   * lets the planner read cases_list_idx in order for one unit (a township's list needs no sort at all).
   */
  ownerIds?: string[];
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

/** The WHERE terms of a case filter, as SQL (see caseListQuery for why the hot list is written in SQL). */
function filterTerms(f: CaseFilter): RawBuilder<unknown>[] {
  const w: RawBuilder<unknown>[] = [];
  if (f.ownerIds) {
    // The owning units were read from the scope (listOwnerUnits, through pathInScopeSql): naming them is the scope.
    if (f.ownerIds.length === 0) w.push(sql`1 = 0`);
    else if (f.ownerIds.length === 1) w.push(sql`c.owner_org_id = ${f.ownerIds[0]}`);
    else w.push(sql`c.owner_org_id IN (${sql.join(f.ownerIds)})`);
  } else {
    w.push(sql`${orgInScope(expressionBuilder<Database, 'cases'>(), 'c.owner_org_id', f.scope)}`);
  }
  if (f.statuses?.length === 1) w.push(sql`c.status = ${f.statuses[0]}`);
  else if (f.statuses?.length) w.push(sql`c.status IN (${sql.join(f.statuses)})`);
  if (f.category) w.push(sql`c.category = ${f.category}`);
  if (f.channel) w.push(sql`c.channel = ${f.channel}`);
  if (f.risk) w.push(sql`c.risk_level = ${f.risk}`);
  if (f.from) w.push(sql`c.received_date >= ${f.from}`);
  if (f.to) w.push(sql`c.received_date <= ${f.to}`);
  if (f.caseNo) w.push(sql`c.case_no = ${f.caseNo}`);
  if (f.applicantId) w.push(sql`c.applicant_person_id = ${f.applicantId}`);
  if (f.applicantName)
    w.push(sql`c.applicant_person_id IN (SELECT id FROM persons WHERE name LIKE ${`%${f.applicantName.replace(/[%_\\]/g, '')}%`})`);
  if (f.dueBefore) w.push(sql`c.next_due_date < ${f.dueBefore}`);
  if (f.followUpBefore) w.push(sql`c.next_follow_up_date < ${f.followUpBefore}`);
  return w;
}

/** Total matching cases (counted on the list index alone, no joins; reused until the database changes). */
export function countCases(db: Executor, f: CaseFilter): Promise<number> {
  return cachedCount(db, sql<{ n: number }>`SELECT count(*) AS n FROM cases c WHERE ${sql.join(filterTerms(f), sql` AND `)}`);
}

/** One page of cases: high risk (open) first, then by received date, with the names a list shows. */
export function listCases(
  db: Executor,
  f: CaseFilter,
  page: { limit: number; offset: number; sort: 'received_desc' | 'received_asc' },
): Promise<CaseListRow[]> {
  return fastRows(db, caseListQuery(f, page));
}

export type CaseListRow = {
  id: string;
  caseNo: string;
  channel: CaseChannel;
  receivedDate: string;
  category: string;
  summary: string;
  status: CaseStatus;
  riskLevel: RiskLevel | null;
  applicantPersonId: string;
  ownerOrgId: string;
  nextDueDate: string | null;
  nextFollowUpDate: string | null;
  applicantName: string;
  applicantPhoneMasked: string | null;
  applicantIdNumberMasked: string | null;
  ownerName: string;
  assigneeName: string | null;
  categoryLabel: string | null;
};

/**
 * The list query (exported so a test can read its plan). The page is chosen on the cases table alone —
 * filter and sort served by cases_list_idx, read in order for one unit — and only its rows are joined to
 * names: joining before the sort made SQLite join every matching row (60 ms for 4,500 rows instead of 1).
 * It is written in SQL because the query builder's compile cost (about 1 ms a request here) was larger than
 * the query itself on the busiest page, and runs through fastRows (db/fast-query.ts): its columns carry their
 * camelCase names, so no plugin rewrites the query or remaps the 50 rows.
 */
export function caseListQuery(f: CaseFilter, page: { limit: number; offset: number; sort: 'received_desc' | 'received_asc' }) {
  const dir = sql.raw(page.sort === 'received_asc' ? 'ASC' : 'DESC');
  const where = sql.join(filterTerms(f), sql` AND `);
  return sql<CaseListRow>`
    SELECT c.id, c.case_no AS "caseNo", c.channel, c.received_date AS "receivedDate", c.category, c.summary, c.status,
           c.risk_level AS "riskLevel", c.applicant_person_id AS "applicantPersonId", c.owner_org_id AS "ownerOrgId",
           c.next_due_date AS "nextDueDate", c.next_follow_up_date AS "nextFollowUpDate", p.name AS "applicantName",
           p.phone_masked AS "applicantPhoneMasked", p.id_number_masked AS "applicantIdNumberMasked", o.name AS "ownerName",
           u.display_name AS "assigneeName", cc.label AS "categoryLabel"
    FROM (SELECT c.id, c.priority, c.received_date FROM cases c WHERE ${where}
          ORDER BY c.priority DESC, c.received_date ${dir}, c.id ${dir} LIMIT ${page.limit} OFFSET ${page.offset}) pg
    JOIN cases c ON c.id = pg.id
    JOIN persons p ON p.id = c.applicant_person_id
    JOIN org_units o ON o.id = c.owner_org_id
    LEFT JOIN users u ON u.id = c.assignee_user_id
    LEFT JOIN case_categories cc ON cc.code = c.category
    ORDER BY pg.priority DESC, pg.received_date ${dir}, pg.id ${dir}`;
}

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

/**
 * The units that can own cases (federations: district, townships, streets) inside the scope and, when given,
 * inside one unit's subtree: one small query (a township's list names one unit and needs no sort).
 */
export async function listOwnerUnits(db: Executor, scope: Scope, withinUnitId?: string): Promise<string[]> {
  const within = withinUnitId
    ? sql`AND EXISTS (SELECT 1 FROM org_units f WHERE f.id = ${withinUnitId} AND u.path >= f.path AND u.path < substr(f.path, 1, length(f.path) - 1) || '0')`
    : sql``;
  const rows = await fastRows(
    db,
    sql<{
      id: string;
    }>`SELECT u.id FROM org_units u WHERE u.kind IN ('federation', 'township', 'street') AND ${pathInScopeSql('u.path', scope)} ${within} LIMIT 501`,
  );
  return rows.map((x) => x.id);
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
  return (
    db
      .selectFrom('caseActions as a')
      .leftJoin('users as u', 'u.id', 'a.recordedBy')
      .leftJoin('orgUnits as po', 'po.id', 'a.policeOrgId')
      .selectAll('a')
      .select(['u.displayName as recordedByName', 'po.name as policeOrgName'])
      .where('a.caseId', '=', caseId)
      .orderBy('a.actionDate')
      .orderBy('a.createdAt')
      // UUIDv7 ids are monotonic: actions recorded in the same millisecond keep their order on both databases.
      .orderBy('a.id')
      .execute()
  );
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
  let q = db
    .selectFrom('caseConsents')
    .selectAll()
    .where('caseId', '=', caseId)
    .where('agencyOrgId', '=', agencyOrgId)
    .where('withdrawnAt', 'is', null);
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

/** The open referrals (sent or accepted) that went out under one consent. */
export function listOpenReferralsUnderConsent(db: Executor, consentId: string) {
  return db
    .selectFrom('caseReferrals as f')
    .innerJoin('orgUnits as a', 'a.id', 'f.agencyOrgId')
    .select(['f.id', 'f.agencyOrgId', 'a.name as agencyName'])
    .where('f.consentId', '=', consentId)
    .where('f.status', 'in', ['sent', 'accepted'])
    .execute();
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
    .leftJoin('caseConsents as k', 'k.id', 'f.consentId')
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
      'k.withdrawnAt as consentWithdrawnAt',
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
  return referralQuery(db).where('f.caseId', '=', caseId).orderBy('f.sentDate').orderBy('f.createdAt').orderBy('f.id').execute();
}

export type InboxRow = {
  id: string;
  caseNo: string;
  kind: ReferralKind;
  ownerName: string;
  agencyName: string;
  serviceRequested: string;
  noteForAgency: string | null;
  sentDate: string;
  dueDate: string;
  status: ReferralStatus;
  applicantName: string;
  applicantGender: 'female' | 'male';
  applicantBirthDate: string | null;
  applicantPhoneMasked: string | null;
  consentId: string | null;
  categoryLabel: string | null;
  category: string;
  riskLevel: RiskLevel | null;
  answeredDate: string | null;
  receiptNote: string | null;
  declineReason: string | null;
  outcome: string | null;
  doneDate: string | null;
  filedDate: string | null;
  courtCaseNo: string | null;
  courtResult: string | null;
};

/**
 * What an agency may still open: a referral not revoked and, if it went out under her consent, a consent not
 * withdrawn (the SQL twin of agencyMayOpen in the service). Uses the aliases f (referral) and k (its consent).
 */
const AGENCY_MAY_OPEN = sql<SqlBool>`f.status <> 'revoked' AND (f.consent_id IS NULL OR k.withdrawn_at IS NULL)`;

/**
 * An agency's inbox: referrals addressed to units inside the agency user's scope that it may still open; open ones first, then by the
 * case's priority and the newest. Only what a list shows — no ciphertext (phone, narrative) leaves for a list.
 * The page is chosen on the referrals with their cases' priority alone and only its rows are joined to names
 * (as the case list does); in SQL through fastRows, the total reused until the data changes.
 */
export async function listInbox(db: Executor, agencyScope: Scope, q: { status?: ReferralStatus[]; limit: number; offset: number }) {
  const w: RawBuilder<unknown>[] = [
    sql`${orgInScope(expressionBuilder<Database, 'caseReferrals'>(), 'f.agency_org_id', agencyScope)}`,
    AGENCY_MAY_OPEN,
  ];
  if (q.status?.length) w.push(sql`f.status IN (${sql.join(q.status)})`);
  const where = sql.join(w, sql` AND `);
  const [total, items] = await Promise.all([
    cachedCount(
      db,
      sql<{ n: number }>`SELECT count(*) AS n FROM case_referrals f LEFT JOIN case_consents k ON k.id = f.consent_id WHERE ${where}`,
    ),
    fastRows(
      db,
      sql<InboxRow>`
        SELECT f.id, c.case_no AS "caseNo", f.kind, o.name AS "ownerName", a.name AS "agencyName", f.service_requested AS "serviceRequested",
               f.note_for_agency AS "noteForAgency", f.sent_date AS "sentDate", f.due_date AS "dueDate", f.status,
               p.name AS "applicantName", p.gender AS "applicantGender", p.birth_date AS "applicantBirthDate",
               p.phone_masked AS "applicantPhoneMasked", f.consent_id AS "consentId", cc.label AS "categoryLabel", c.category,
               c.risk_level AS "riskLevel", f.answered_date AS "answeredDate", f.receipt_note AS "receiptNote",
               f.decline_reason AS "declineReason", f.outcome, f.done_date AS "doneDate", f.filed_date AS "filedDate",
               f.court_case_no AS "courtCaseNo", f.court_result AS "courtResult"
        FROM (SELECT f.id, CASE WHEN f.status IN ('sent', 'accepted') THEN 0 ELSE 1 END AS open_last, c.priority, f.sent_date
              FROM case_referrals f JOIN cases c ON c.id = f.case_id LEFT JOIN case_consents k ON k.id = f.consent_id WHERE ${where}
              ORDER BY open_last, c.priority DESC, f.sent_date DESC, f.id DESC LIMIT ${q.limit} OFFSET ${q.offset}) pg
        JOIN case_referrals f ON f.id = pg.id
        JOIN cases c ON c.id = f.case_id
        JOIN persons p ON p.id = c.applicant_person_id
        JOIN org_units a ON a.id = f.agency_org_id
        JOIN org_units o ON o.id = f.owner_org_id
        LEFT JOIN case_categories cc ON cc.code = c.category
        ORDER BY pg.open_last, pg.priority DESC, pg.sent_date DESC, pg.id DESC`,
    ),
  ]);
  return { items, total };
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
    .select([
      'c.id',
      'c.caseNo',
      'c.status',
      'c.ownerOrgId',
      'c.assigneeUserId',
      'c.nextDueDate',
      'c.nextFollowUpDate',
      'c.priority',
      'c.extensionDays',
      'o.path as ownerPath',
    ])
    .where('c.nextDueDate', '<', before);
  if (scope) q = q.where((eb) => orgInScope(eb, 'c.owner_org_id', scope));
  return q.orderBy('c.nextDueDate').limit(2000).execute();
}

export function listFollowUpsDueBefore(db: Executor, before: string) {
  return db
    .selectFrom('cases as c')
    .innerJoin('orgUnits as o', 'o.id', 'c.ownerOrgId')
    .select([
      'c.id',
      'c.caseNo',
      'c.status',
      'c.ownerOrgId',
      'c.assigneeUserId',
      'c.nextDueDate',
      'c.nextFollowUpDate',
      'c.priority',
      'o.path as ownerPath',
    ])
    .where('c.nextFollowUpDate', '<', before)
    .orderBy('c.nextFollowUpDate')
    .limit(2000)
    .execute();
}

/** Open cases (their stored deadlines follow the holiday calendar, so a calendar edit recomputes them). */
export function listOpenCaseDates(db: Executor) {
  return db
    .selectFrom('cases')
    .select([
      'id',
      'status',
      'receivedDate',
      'acceptedDate',
      'extensionDays',
      'closedDate',
      'reviewRequestedDate',
      'reviewDecidedDate',
      'rereviewRequestedDate',
      'rereviewDecidedDate',
      'nextDueDate',
    ])
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
export * from './cases.handovers.repository.js';
