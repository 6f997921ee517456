import { sql } from 'kysely';
import type { StaffListQuery } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { StaffCertificatesTable, StaffDegreesTable, StaffMembersTable, StaffTrainingsTable } from './staffdev.tables.js';
import { containsText } from '../../db/text.js';

function staffFilters(db: Executor, scope: Scope, q: Omit<StaffListQuery, 'page' | 'pageSize' | 'year'>) {
  let query = db.selectFrom('staffMembers as m').where((eb) => orgInScope(eb, 'm.owner_org_id', scope));
  if (q.q) query = query.where(containsText('m.name', q.q));
  if (q.category) query = query.where('m.category', '=', q.category);
  return query;
}

/** A register line: the person, her unit, and the year's totals (trainings, hours, under degree study, certificates). */
function staffColumns(query: ReturnType<typeof staffFilters>, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return query
    .innerJoin('orgUnits as o', 'o.id', 'm.ownerOrgId')
    .selectAll('m')
    .select([
      'o.name as ownerOrgName',
      'o.path as ownerOrgPath',
      sql<number>`(select count(*) from staff_trainings t where t.staff_id = m.id and t.start_date >= ${from} and t.start_date <= ${to})`.as(
        'trainings',
      ),
      sql<number>`(select coalesce(sum(t.hours), 0) from staff_trainings t where t.staff_id = m.id and t.start_date >= ${from} and t.start_date <= ${to})`.as(
        'hours',
      ),
      sql<number>`(select count(*) from staff_degrees d where d.staff_id = m.id and d.start_date <= ${to} and (d.status = 'studying' or d.completed_on >= ${from}))`.as(
        'studying',
      ),
      sql<number>`(select count(*) from staff_certificates c where c.staff_id = m.id and c.issued_on >= ${from} and c.issued_on <= ${to})`.as(
        'certificates',
      ),
    ]);
}

export type StaffRow = NonNullable<Awaited<ReturnType<typeof findStaff>>>;

export async function listStaff(db: Executor, scope: Scope, q: StaffListQuery, year: number) {
  const base = staffFilters(db, scope, q);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const items = await staffColumns(base, year)
    .orderBy('m.active', 'desc')
    .orderBy('m.name')
    .orderBy('m.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}
export function listStaffAfter(
  db: Executor,
  scope: Scope,
  q: Omit<StaffListQuery, 'page' | 'pageSize' | 'year'>,
  year: number,
  afterId: string | null,
  limit: number,
) {
  let query = staffColumns(staffFilters(db, scope, q), year);
  if (afterId) query = query.where('m.id', '>', afterId);
  return query.orderBy('m.id').limit(limit).execute();
}
export function findStaff(db: Executor, id: string, year: number) {
  return staffColumns(db.selectFrom('staffMembers as m') as ReturnType<typeof staffFilters>, year)
    .where('m.id', '=', id)
    .executeTakeFirst();
}
/** Staff of a unit by name (the import matches training rows to people by name). */
export function findStaffByName(db: Executor, ownerOrgId: string, name: string) {
  return db.selectFrom('staffMembers').select(['id', 'name']).where('ownerOrgId', '=', ownerOrgId).where('name', '=', name).execute();
}
export async function insertStaff(db: Executor, rows: StaffMembersTable[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('staffMembers')
      .values(rows.slice(i, i + 200))
      .execute();
}
export function updateStaff(db: Executor, id: string, patch: Partial<StaffMembersTable>) {
  return db.updateTable('staffMembers').set(patch).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- records

export function listTrainingsOf(db: Executor, staffId: string) {
  return db.selectFrom('staffTrainings').selectAll().where('staffId', '=', staffId).orderBy('startDate', 'desc').orderBy('id').execute();
}
export function findTraining(db: Executor, staffId: string, id: string) {
  return db.selectFrom('staffTrainings').selectAll().where('staffId', '=', staffId).where('id', '=', id).executeTakeFirst();
}
export async function insertTrainings(db: Executor, rows: StaffTrainingsTable[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('staffTrainings')
      .values(rows.slice(i, i + 200))
      .execute();
}
export function deleteTraining(db: Executor, id: string) {
  return db.deleteFrom('staffTrainings').where('id', '=', id).execute();
}
/** Training records inside the scope for the export, with the person's name, in id order. */
export function listTrainingsAfter(db: Executor, scope: Scope, year: number | undefined, afterId: string | null, limit: number) {
  let q = db
    .selectFrom('staffTrainings as t')
    .innerJoin('staffMembers as m', 'm.id', 't.staffId')
    .selectAll('t')
    .select(['m.name', 'm.category'])
    .where((eb) => orgInScope(eb, 't.owner_org_id', scope));
  if (year) q = q.where('t.startDate', '>=', `${year}-01-01`).where('t.startDate', '<=', `${year}-12-31`);
  if (afterId) q = q.where('t.id', '>', afterId);
  return q.orderBy('t.id').limit(limit).execute();
}

export function listDegreesOf(db: Executor, staffId: string) {
  return db.selectFrom('staffDegrees').selectAll().where('staffId', '=', staffId).orderBy('startDate', 'desc').orderBy('id').execute();
}
export function findDegree(db: Executor, staffId: string, id: string) {
  return db.selectFrom('staffDegrees').selectAll().where('staffId', '=', staffId).where('id', '=', id).executeTakeFirst();
}
export function insertDegree(db: Executor, row: StaffDegreesTable) {
  return db.insertInto('staffDegrees').values(row).execute();
}
export function updateDegree(db: Executor, id: string, patch: Partial<StaffDegreesTable>) {
  return db.updateTable('staffDegrees').set(patch).where('id', '=', id).execute();
}

export function listCertificatesOf(db: Executor, staffId: string) {
  return db.selectFrom('staffCertificates').selectAll().where('staffId', '=', staffId).orderBy('issuedOn', 'desc').orderBy('id').execute();
}
export async function insertCertificates(db: Executor, rows: StaffCertificatesTable[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('staffCertificates')
      .values(rows.slice(i, i + 200))
      .execute();
}
