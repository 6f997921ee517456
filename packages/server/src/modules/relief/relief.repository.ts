import { sql, type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import { LIFETIME_COUNTING_STATUSES, type ApplicationStatus, type ReportLevel } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { orgInScope } from '../../db/scope.js';
import { accountsView } from '../funds/index.js';
import { bulkInsert } from '../../db/bulk.js';
import type { Scope } from '../../platform/actor.js';
import type {
  ReliefApplicationEventsTable,
  ReliefApplicationsTable,
  ReliefProgrammesTable,
  ReliefSubmissionItemsTable,
  ReliefSubmissionsTable,
} from './relief.tables.js';

// ---------- programmes ----------

/**
 * Programmes are set up by the district and used by its townships: visible when owned inside the scope or by
 * a unit above it (a township chair sees the district's programmes).
 */
function programmeVisible(eb: ExpressionBuilder<Database, 'reliefProgrammes'>, scope: Scope): Expression<SqlBool> {
  const ancestors = [...new Set(scope.paths.flatMap((p) => p.split('/').filter(Boolean)))];
  if (!ancestors.length) return sql<SqlBool>`1 = 0`;
  return eb.or([eb('reliefProgrammes.ownerOrgId', 'in', ancestors), orgInScope(eb, 'relief_programmes.owner_org_id', scope)]);
}

/**
 * The newest programme with this code that serves a unit: owned by the unit or by one above it, the nearest owner
 * first (programmes repeat year by year under one code, and every district keeps its own under the same codes).
 */
export function findProgrammeByCodeFor(db: Executor, code: string, unitPath: string) {
  const ancestors = unitPath.split('/').filter(Boolean);
  return db
    .selectFrom('reliefProgrammes as p')
    .innerJoin('orgUnits as o', 'o.id', 'p.ownerOrgId')
    .selectAll('p')
    .where('p.code', '=', code)
    .where('p.ownerOrgId', 'in', ancestors)
    .orderBy('p.year', 'desc')
    .orderBy('o.depth', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findProgramme(db: Executor, id: string) {
  return db
    .selectFrom('reliefProgrammes')
    .innerJoin('orgUnits as o', 'o.id', 'reliefProgrammes.ownerOrgId')
    .leftJoin(accountsView(db).as('a'), 'a.id', 'reliefProgrammes.fundAccountId')
    .selectAll('reliefProgrammes')
    .select(['o.path as ownerPath', 'a.name as fundAccountName'])
    .where('reliefProgrammes.id', '=', id)
    .executeTakeFirst();
}

export function findProgrammeVisible(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('reliefProgrammes')
    .innerJoin('orgUnits as o', 'o.id', 'reliefProgrammes.ownerOrgId')
    .leftJoin(accountsView(db).as('a'), 'a.id', 'reliefProgrammes.fundAccountId')
    .selectAll('reliefProgrammes')
    .select(['o.path as ownerPath', 'a.name as fundAccountName'])
    .where('reliefProgrammes.id', '=', id)
    .where((eb) => programmeVisible(eb, scope))
    .executeTakeFirst();
}

export function findProgrammeByCodeYear(db: Executor, ownerOrgId: string, code: string, year: number) {
  return db
    .selectFrom('reliefProgrammes')
    .selectAll()
    .where('ownerOrgId', '=', ownerOrgId)
    .where('code', '=', code)
    .where('year', '=', year)
    .executeTakeFirst();
}

export function listProgrammes(db: Executor, scope: Scope, q: { year?: number }) {
  let query = db
    .selectFrom('reliefProgrammes')
    .leftJoin(accountsView(db).as('a'), 'a.id', 'reliefProgrammes.fundAccountId')
    .selectAll('reliefProgrammes')
    .select('a.name as fundAccountName')
    .where((eb) => programmeVisible(eb, scope));
  if (q.year) query = query.where('reliefProgrammes.year', '=', q.year);
  return query.orderBy('reliefProgrammes.year', 'desc').orderBy('reliefProgrammes.code').execute();
}

/** Applications per status of each programme, inside the scope (the programme page's counters). */
export function countByStatus(db: Executor, scope: Scope, programmeIds: string[]) {
  if (!programmeIds.length) return Promise.resolve([]);
  return db
    .selectFrom('reliefApplications')
    .select(['programmeId', 'status', sql<number>`count(*)`.as('n')])
    .where('programmeId', 'in', programmeIds)
    .where((eb) => orgInScope(eb, 'owner_org_id', scope))
    .groupBy(['programmeId', 'status'])
    .execute();
}

export function insertProgramme(db: Executor, row: ReliefProgrammesTable) {
  return db.insertInto('reliefProgrammes').values(row).execute();
}

export function updateProgramme(db: Executor, id: string, patch: Partial<ReliefProgrammesTable>) {
  return db.updateTable('reliefProgrammes').set(patch).where('id', '=', id).execute();
}

/** Programme names by code (newest year wins) as the scope sees its programmes: its own and those of the units above it. */
export async function programmeNamesByCode(db: Executor, scope: Scope): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('reliefProgrammes')
    .select(['code', 'name', 'year'])
    .where((eb) => programmeVisible(eb, scope))
    .orderBy('year')
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The programmes of a lifetime group (a programme's group is its rules' lifetimeGroup, else its code). */
export async function programmeIdsInLifetimeGroup(db: Executor, group: string): Promise<string[]> {
  const rows = await db.selectFrom('reliefProgrammes').select(['id', 'code', 'rules']).execute();
  return rows.filter((r) => lifetimeGroupOf(r.code, r.rules) === group).map((r) => r.id);
}

export function lifetimeGroupOf(code: string, rules: string): string {
  try {
    return (JSON.parse(rules) as { lifetimeGroup?: string | null }).lifetimeGroup || code;
  } catch {
    return code;
  }
}

// ---------- applications ----------

export function insertApplications(db: Executor, rows: ReliefApplicationsTable[]) {
  return db.insertInto('reliefApplications').values(rows).execute();
}

/** Tens of thousands of applications (the screening import) in a few multi-row statements. */
export function insertApplicationsBulk(db: Executor, rows: ReliefApplicationsTable[]) {
  return bulkInsert(db, 'relief_applications', rows);
}

export function insertEventsBulk(db: Executor, rows: ReliefApplicationEventsTable[]) {
  return bulkInsert(db, 'relief_application_events', rows);
}

export function updateApplication(db: Executor, id: string, patch: Partial<ReliefApplicationsTable>) {
  return db.updateTable('reliefApplications').set(patch).where('id', '=', id).execute();
}

/** Locks the application row for a status change (PostgreSQL; SQLite serialises writers) and returns its state. */
export function lockApplication(trx: Executor, id: string, postgres: boolean) {
  let q = trx.selectFrom('reliefApplications').select(['id', 'status', 'disbursementId']).where('id', '=', id);
  if (postgres) q = q.forUpdate();
  return q.executeTakeFirst();
}

function applicationQuery(db: Executor) {
  return db
    .selectFrom('reliefApplications as ap')
    .innerJoin('orgUnits as t', 't.id', 'ap.ownerOrgId')
    .leftJoin('orgUnits as v', 'v.id', 'ap.villageOrgId')
    .innerJoin('reliefProgrammes as pr', 'pr.id', 'ap.programmeId')
    .innerJoin('persons as p', 'p.id', 'ap.personId');
}

const LIST_COLUMNS = [
  'ap.id',
  'ap.programmeId',
  'pr.code as programmeCode',
  'pr.name as programmeName',
  'ap.personId',
  'p.name',
  'p.idNumberMasked',
  'ap.ownerOrgId',
  't.name as townshipName',
  'v.name as villageName',
  'ap.householdMembers',
  'ap.householdIncomeFen',
  'ap.status',
  'ap.eligible',
  'ap.overrideReason',
  'ap.appliedOn',
  'ap.grantAmountFen',
] as const;

export function findApplication(db: Executor, id: string) {
  return applicationQuery(db)
    .selectAll('ap')
    .select([
      't.path as ownerPath',
      't.name as townshipName',
      'v.name as villageName',
      'pr.code as programmeCode',
      'pr.name as programmeName',
      'p.name',
      'p.idNumberMasked',
      'p.phoneMasked',
      'p.birthDate',
      'p.gender',
    ])
    .where('ap.id', '=', id)
    .executeTakeFirst();
}

export type ApplicationFilter = {
  programmeId?: string;
  townshipId?: string;
  status?: ApplicationStatus;
  eligible?: boolean;
  text?: string;
  year?: number;
};

function filtered(db: Executor, scope: Scope, f: ApplicationFilter) {
  let q = applicationQuery(db).where((eb) => orgInScope(eb, 'ap.owner_org_id', scope));
  if (f.programmeId) q = q.where('ap.programmeId', '=', f.programmeId);
  if (f.townshipId) q = q.where('ap.ownerOrgId', '=', f.townshipId);
  if (f.status) q = q.where('ap.status', '=', f.status);
  if (f.eligible !== undefined) q = q.where('ap.eligible', '=', f.eligible ? 1 : 0);
  if (f.year) q = q.where('pr.year', '=', f.year);
  if (f.text) q = q.where('p.name', 'like', `%${f.text.replace(/[%_\\]/g, '')}%`);
  return q;
}

export async function listApplications(db: Executor, scope: Scope, f: ApplicationFilter & { limit: number; offset: number }) {
  const q = filtered(db, scope, f);
  const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
  const items = await q
    .select(LIST_COLUMNS)
    .orderBy('ap.appliedOn', 'desc')
    .orderBy('ap.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { items, total: Number(total) };
}

/** The same list for an export, a batch at a time in id order (keyset). */
export function applicationsForExport(db: Executor, scope: Scope, f: ApplicationFilter, afterId: string | null, limit: number) {
  let q = filtered(db, scope, f).select([...LIST_COLUMNS, 'ap.tags', 'p.phoneMasked']);
  if (afterId) q = q.where('ap.id', '>', afterId);
  return q.orderBy('ap.id').limit(limit).execute();
}

/** The levels each application has been reported to. */
export function reportedLevels(db: Executor, applicationIds: string[]) {
  if (!applicationIds.length) return Promise.resolve([] as { applicationId: string; level: ReportLevel }[]);
  return db.selectFrom('reliefSubmissionItems').select(['applicationId', 'level']).where('applicationId', 'in', applicationIds).execute();
}

/** Applications of a person in the given programmes that still count for "once per lifetime" (not rejected). */
export async function countLifetimeApplications(db: Executor, personId: string, programmeIds: string[], excludeId: string | null) {
  if (!programmeIds.length) return 0;
  let q = db
    .selectFrom('reliefApplications')
    .select(sql<number>`count(*)`.as('n'))
    .where('personId', '=', personId)
    .where('programmeId', 'in', programmeIds)
    .where('status', 'in', LIFETIME_COUNTING_STATUSES);
  if (excludeId) q = q.where('id', '<>', excludeId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** A person's open (not rejected) application in a programme, if any. */
export function findOpenApplication(db: Executor, personId: string, programmeId: string) {
  return db
    .selectFrom('reliefApplications')
    .select(['id', 'status'])
    .where('personId', '=', personId)
    .where('programmeId', '=', programmeId)
    .where('status', '<>', 'rejected')
    .executeTakeFirst();
}

/**
 * The applications of many persons (the import's bulk checks), found through the person index: SQLite's planner
 * otherwise walks the programme's whole index once per batch, which grows with every imported row.
 */
function applicationsOfPersons(db: Executor, personIds: string[]) {
  if (!personIds.length) return Promise.resolve([] as { personId: string; programmeId: string; status: ApplicationStatus }[]);
  return db.selectFrom('reliefApplications').select(['personId', 'programmeId', 'status']).where('personId', 'in', personIds).execute();
}

/** Persons (of a list) with an open application in a programme: the import refuses them row by row. */
export async function openApplicationsOfPersons(db: Executor, programmeId: string, personIds: string[]) {
  return (await applicationsOfPersons(db, personIds)).filter((a) => a.programmeId === programmeId && a.status !== 'rejected');
}

/** Lifetime-group applications of many persons at once (the import's bulk "once per lifetime" check). */
export async function lifetimeApplicationsOfPersons(db: Executor, programmeIds: string[], personIds: string[]) {
  const counting = new Set<string>(LIFETIME_COUNTING_STATUSES);
  const group = new Set(programmeIds);
  const n = new Map<string, number>();
  for (const a of await applicationsOfPersons(db, personIds))
    if (group.has(a.programmeId) && counting.has(a.status)) n.set(a.personId, (n.get(a.personId) ?? 0) + 1);
  return [...n].map(([personId, count]) => ({ personId, n: count }));
}

/** Applications in a programme that occupy a place of its quota (approved onwards). */
export async function countPlaced(db: Executor, programmeId: string) {
  const r = await db
    .selectFrom('reliefApplications')
    .select(sql<number>`count(*)`.as('n'))
    .where('programmeId', '=', programmeId)
    .where('status', 'in', ['approved', 'reported', 'granted', 'paid'])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function insertEvent(db: Executor, row: ReliefApplicationEventsTable) {
  return db.insertInto('reliefApplicationEvents').values(row).execute();
}

export function insertEvents(db: Executor, rows: ReliefApplicationEventsTable[]) {
  return db.insertInto('reliefApplicationEvents').values(rows).execute();
}

export function listEvents(db: Executor, applicationId: string) {
  return db
    .selectFrom('reliefApplicationEvents as e')
    .leftJoin('users as u', 'u.id', 'e.actorId')
    .select(['e.action', 'e.fromStatus', 'e.toStatus', 'e.reason', 'u.displayName as actorName', 'e.at'])
    .where('e.applicationId', '=', applicationId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

/** Applications (with the persons' encrypted ID numbers) for the reported-up list. */
export function applicationsForReport(db: Executor, ids: string[]) {
  return applicationQuery(db)
    .select([
      'ap.id',
      'ap.status',
      'ap.programmeId',
      'ap.ownerOrgId',
      't.path as ownerPath',
      't.name as townshipName',
      'v.name as villageName',
      'p.name',
      'p.idNumberEnc',
      'p.idNumberMasked',
      'p.phoneMasked',
      'ap.householdMembers',
      'ap.householdIncomeFen',
      'ap.tags',
    ])
    .where('ap.id', 'in', ids)
    .orderBy('t.sortOrder')
    .orderBy('v.name')
    .orderBy('p.name')
    .execute();
}

// ---------- submissions (reported up) ----------

export async function insertSubmission(db: Executor, row: ReliefSubmissionsTable, items: ReliefSubmissionItemsTable[]) {
  await db.insertInto('reliefSubmissions').values(row).execute();
  for (let i = 0; i < items.length; i += 500)
    await db
      .insertInto('reliefSubmissionItems')
      .values(items.slice(i, i + 500))
      .execute();
}

export function listSubmissions(db: Executor, scope: Scope, programmeId?: string) {
  let q = db
    .selectFrom('reliefSubmissions as s')
    .innerJoin('reliefProgrammes as pr', 'pr.id', 's.programmeId')
    .leftJoin('users as u', 'u.id', 's.createdBy')
    .select([
      's.id',
      's.programmeId',
      'pr.name as programmeName',
      's.level',
      's.submittedOn',
      's.itemCount',
      's.fileName',
      's.fileSha256',
      's.note',
      'u.displayName as createdByName',
      's.createdAt',
    ])
    .where((eb) => orgInScope(eb, 's.owner_org_id', scope));
  if (programmeId) q = q.where('s.programmeId', '=', programmeId);
  return q.orderBy('s.submittedOn', 'desc').orderBy('s.createdAt', 'desc').limit(200).execute();
}

export function findSubmission(db: Executor, id: string) {
  return db
    .selectFrom('reliefSubmissions as s')
    .innerJoin('orgUnits as o', 'o.id', 's.ownerOrgId')
    .selectAll('s')
    .select('o.path as ownerPath')
    .where('s.id', '=', id)
    .executeTakeFirst();
}

// ---------- facts (SQL aggregates) ----------

export type FactFilter = { scope: Scope; from: string; to: string; programmeCode?: string; level?: ReportLevel };

function reportedItems(db: Executor, f: FactFilter) {
  let q = db
    .selectFrom('reliefSubmissionItems as si')
    .innerJoin('reliefSubmissions as s', 's.id', 'si.submissionId')
    .innerJoin('reliefApplications as ap', 'ap.id', 'si.applicationId')
    .innerJoin('reliefProgrammes as pr', 'pr.id', 'ap.programmeId')
    .where((eb) => orgInScope(eb, 'ap.owner_org_id', f.scope))
    .where('s.submittedOn', '>=', f.from)
    .where('s.submittedOn', '<=', f.to);
  if (f.programmeCode) q = q.where('pr.code', '=', f.programmeCode);
  if (f.level) q = q.where('si.level', '=', f.level);
  return q;
}

/** Candidates reported up in the period (each counted once even when reported to both levels). */
export async function countReported(db: Executor, f: FactFilter) {
  const r = await reportedItems(db, f).select(sql<number>`count(distinct si.application_id)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Σ household income and Σ members over the reported households (each household once), as recorded when reported. */
export async function reportedIncomeSums(db: Executor, f: FactFilter) {
  const perApplication = reportedItems(db, f)
    .select([
      'si.applicationId',
      sql<number>`max(si.household_income_fen)`.as('income'),
      sql<number>`max(si.household_members)`.as('members'),
    ])
    .groupBy('si.applicationId');
  const r = await db
    .selectFrom(perApplication.as('x'))
    .select([sql<number>`coalesce(sum(x.income), 0)`.as('income'), sql<number>`coalesce(sum(x.members), 0)`.as('members')])
    .executeTakeFirstOrThrow();
  return { income: Number(r.income), members: Number(r.members) };
}

export function reportedRecords(db: Executor, f: FactFilter, page: { limit: number; offset: number }) {
  const q = reportedItems(db, f).innerJoin('persons as p', 'p.id', 'ap.personId').innerJoin('orgUnits as t', 't.id', 'ap.ownerOrgId');
  return Promise.all([
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    q
      .select([
        'ap.id',
        's.submittedOn',
        'si.level',
        'pr.name as programmeName',
        't.name as townshipName',
        'p.name',
        'p.idNumberMasked',
        'si.householdMembers',
        'si.householdIncomeFen',
      ])
      .orderBy('s.submittedOn')
      .orderBy('si.level')
      .orderBy('ap.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
}

function decided(db: Executor, f: FactFilter, kind: 'approved' | 'granted') {
  let q = db
    .selectFrom('reliefApplications as ap')
    .innerJoin('reliefProgrammes as pr', 'pr.id', 'ap.programmeId')
    .where((eb) => orgInScope(eb, 'ap.owner_org_id', f.scope));
  if (kind === 'approved')
    q = q
      .where('ap.status', 'in', ['approved', 'reported', 'granted', 'paid'])
      .where('ap.decidedOn', '>=', f.from)
      .where('ap.decidedOn', '<=', f.to);
  else q = q.where('ap.status', 'in', ['granted', 'paid']).where('ap.grantedOn', '>=', f.from).where('ap.grantedOn', '<=', f.to);
  if (f.programmeCode) q = q.where('pr.code', '=', f.programmeCode);
  return q;
}

export async function countDecided(db: Executor, f: FactFilter, kind: 'approved' | 'granted') {
  const r = await decided(db, f, kind).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function decidedRecords(db: Executor, f: FactFilter, kind: 'approved' | 'granted', page: { limit: number; offset: number }) {
  const q = decided(db, f, kind).innerJoin('persons as p', 'p.id', 'ap.personId').innerJoin('orgUnits as t', 't.id', 'ap.ownerOrgId');
  return Promise.all([
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    q
      .select([
        'ap.id',
        'ap.decidedOn',
        'ap.grantedOn',
        'ap.status',
        'pr.name as programmeName',
        't.name as townshipName',
        'p.name',
        'p.idNumberMasked',
        'ap.grantAmountFen',
      ])
      .orderBy(kind === 'approved' ? 'ap.decidedOn' : 'ap.grantedOn')
      .orderBy('ap.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
}

/** Applications screened in the period (by the date registered). */
function screened(db: Executor, f: FactFilter) {
  let q = db
    .selectFrom('reliefApplications as ap')
    .innerJoin('reliefProgrammes as pr', 'pr.id', 'ap.programmeId')
    .where((eb) => orgInScope(eb, 'ap.owner_org_id', f.scope))
    .where('ap.appliedOn', '>=', f.from)
    .where('ap.appliedOn', '<=', f.to);
  if (f.programmeCode) q = q.where('pr.code', '=', f.programmeCode);
  return q;
}

export async function countScreened(db: Executor, f: FactFilter) {
  const r = await screened(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function screenedRecords(db: Executor, f: FactFilter, page: { limit: number; offset: number }) {
  const q = screened(db, f).innerJoin('persons as p', 'p.id', 'ap.personId').innerJoin('orgUnits as t', 't.id', 'ap.ownerOrgId');
  return Promise.all([
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    q
      .select(['ap.id', 'ap.appliedOn', 'ap.status', 'pr.name as programmeName', 't.name as townshipName', 'p.name', 'p.idNumberMasked'])
      .orderBy('ap.appliedOn')
      .orderBy('ap.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
}

/** Every application of a person, across programmes (her history). */
export function applicationsOfPerson(db: Executor, scope: Scope, personId: string) {
  return applicationQuery(db)
    .select(LIST_COLUMNS)
    .select(['ap.paidOn', 'ap.rejectReason'])
    .where('ap.personId', '=', personId)
    .where((eb) => orgInScope(eb, 'ap.owner_org_id', scope))
    .orderBy('ap.appliedOn', 'desc')
    .execute();
}

/** What the eligibility rules read of many persons at once (the import): tags, household, birth date, sex. */
export function personsBrief(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('persons').select(['id', 'tags', 'householdId', 'birthDate', 'gender']).where('id', 'in', ids).execute();
}
