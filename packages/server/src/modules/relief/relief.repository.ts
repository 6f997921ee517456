import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { ReliefApplicationEventsTable, ReliefApplicationsTable, ReliefProgrammesTable, ReliefSubmissionItemsTable, ReliefSubmissionsTable } from './relief.tables.js';

// ---------- programmes ----------

/** The newest programme with this code (programmes repeat year by year under one code). */
export function findProgrammeByCode(db: Executor, code: string) {
  return db.selectFrom('reliefProgrammes').selectAll().where('code', '=', code).orderBy('year', 'desc').limit(1).executeTakeFirst();
}

export function findProgramme(db: Executor, id: string) {
  return db
    .selectFrom('reliefProgrammes as p')
    .innerJoin('orgUnits as o', 'o.id', 'p.ownerOrgId')
    .leftJoin('fundAccounts as a', 'a.id', 'p.fundAccountId')
    .selectAll('p')
    .select(['o.path as ownerPath', 'a.name as fundAccountName'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export function findProgrammeByCodeYear(db: Executor, ownerOrgId: string, code: string, year: number) {
  return db.selectFrom('reliefProgrammes').selectAll().where('ownerOrgId', '=', ownerOrgId).where('code', '=', code).where('year', '=', year).executeTakeFirst();
}

export function listProgrammes(db: Executor, scope: Scope, q: { year?: number }) {
  let query = db
    .selectFrom('reliefProgrammes as p')
    .leftJoin('fundAccounts as a', 'a.id', 'p.fundAccountId')
    .selectAll('p')
    .select('a.name as fundAccountName')
    .where((eb) => orgInScope(eb, 'p.owner_org_id', scope));
  if (q.year) query = query.where('p.year', '=', q.year);
  return query.orderBy('p.year', 'desc').orderBy('p.code').execute();
}

/** Applications per status of each programme (the programme page's counters). */
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

// ---------- applications ----------

export function insertApplication(db: Executor, row: ReliefApplicationsTable) {
  return db.insertInto('reliefApplications').values(row).execute();
}

export function insertApplications(db: Executor, rows: ReliefApplicationsTable[]) {
  return db.insertInto('reliefApplications').values(rows).execute();
}

export function updateApplication(db: Executor, id: string, patch: Partial<ReliefApplicationsTable>) {
  return db.updateTable('reliefApplications').set(patch).where('id', '=', id).execute();
}

/** Locks the application row for a status change (PostgreSQL; SQLite serialises writers). */
export async function lockApplication(trx: Executor, id: string, postgres: boolean) {
  let q = trx.selectFrom('reliefApplications').select(['id', 'status', 'disbursementId']).where('id', '=', id);
  if (postgres) q = q.forUpdate();
  return q.executeTakeFirst();
}

const DETAIL_COLUMNS = [
  'ap.id',
  'ap.ownerOrgId',
  'ap.villageOrgId',
  'ap.programmeId',
  'ap.personId',
  'ap.householdId',
  'ap.status',
  'ap.appliedOn',
  'ap.householdIncomeFen',
  'ap.householdMembers',
  'ap.tags',
  'ap.diagnosisEnc',
  'ap.paymentMethod',
  'ap.bankCardEnc',
  'ap.bankCardMasked',
  'ap.verdict',
  'ap.eligible',
  'ap.overrideReason',
  'ap.overrideBy',
  'ap.rejectReason',
  'ap.grantAmountFen',
  'ap.disbursementId',
  'ap.source',
  'ap.note',
  'ap.grantedBy',
  'ap.decidedBy',
  'ap.paidOn',
  'ap.createdAt',
] as const;

export function findApplication(db: Executor, id: string) {
  return db
    .selectFrom('reliefApplications as ap')
    .innerJoin('orgUnits as t', 't.id', 'ap.ownerOrgId')
    .leftJoin('orgUnits as v', 'v.id', 'ap.villageOrgId')
    .innerJoin('reliefProgrammes as pr', 'pr.id', 'ap.programmeId')
    .innerJoin('persons as p', 'p.id', 'ap.personId')
    .select(DETAIL_COLUMNS)
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

/** Programme names by code (newest year wins), for ledger reports. */
export async function programmeNamesByCode(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('reliefProgrammes').select(['code', 'name', 'year']).orderBy('year').execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}
