import { sql } from 'kysely';
import { LIFETIME_COUNTING_STATUSES, type ApplicationStatus, type ReportLevel } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import { bulkInsert } from '../../db/bulk.js';
import type { Scope } from '../../platform/actor.js';
import type { ReliefApplicationEventsTable, ReliefApplicationsTable } from './relief.tables.js';

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
