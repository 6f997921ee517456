import { sql } from 'kysely';
import type { EmployerListQuery, VacancyListQuery } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope, pathInScopeSql } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { PlacementEmployersTable, PlacementVacanciesTable } from './placement.tables.js';
import { containsText } from '../../db/text.js';

// ---------------------------------------------------------------- employers

function employerFilters(db: Executor, scope: Scope, q: Omit<EmployerListQuery, 'page' | 'pageSize'>) {
  let query = db.selectFrom('placementEmployers as e').where((eb) => orgInScope(eb, 'e.owner_org_id', scope));
  if (q.q) query = query.where((eb) => eb.or([containsText('e.name', q.q!), containsText('e.credit_code', q.q!.toUpperCase())]));
  if (q.active) query = query.where('e.active', '=', q.active === 'true' ? 1 : 0);
  return query;
}

/** An employer with its unit and two counts: open vacancies, and hires recorded through the 职介所. */
function employerColumns(query: ReturnType<typeof employerFilters>) {
  return query
    .innerJoin('orgUnits as o', 'o.id', 'e.ownerOrgId')
    .selectAll('e')
    .select([
      'o.name as ownerOrgName',
      'o.path as ownerOrgPath',
      sql<number>`(select count(*) from placement_vacancies v where v.employer_id = e.id and v.status = 'open')`.as('openVacancies'),
      sql<number>`(select count(*) from placement_referrals r where r.employer_id = e.id and r.status = 'hired')`.as('hired'),
    ]);
}

export async function listEmployers(db: Executor, scope: Scope, q: EmployerListQuery) {
  const base = employerFilters(db, scope, q);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const items = await employerColumns(base)
    .orderBy('e.name')
    .orderBy('e.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}
export function listEmployersAfter(
  db: Executor,
  scope: Scope,
  q: Omit<EmployerListQuery, 'page' | 'pageSize'>,
  afterId: string | null,
  limit: number,
) {
  let query = employerColumns(employerFilters(db, scope, q));
  if (afterId) query = query.where('e.id', '>', afterId);
  return query.orderBy('e.id').limit(limit).execute();
}
export function findEmployer(db: Executor, id: string) {
  return employerColumns(db.selectFrom('placementEmployers as e') as ReturnType<typeof employerFilters>)
    .where('e.id', '=', id)
    .executeTakeFirst();
}
export function findEmployerByCode(db: Executor, ownerOrgId: string, creditCode: string) {
  return db
    .selectFrom('placementEmployers')
    .select(['id', 'name'])
    .where('ownerOrgId', '=', ownerOrgId)
    .where('creditCode', '=', creditCode)
    .executeTakeFirst();
}
export async function insertEmployers(db: Executor, rows: PlacementEmployersTable[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('placementEmployers')
      .values(rows.slice(i, i + 200))
      .execute();
}
export function updateEmployer(db: Executor, id: string, patch: Partial<PlacementEmployersTable>) {
  return db.updateTable('placementEmployers').set(patch).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- vacancies

function vacancyFilters(db: Executor, scope: Scope, q: Omit<VacancyListQuery, 'page' | 'pageSize'>) {
  let query = db
    .selectFrom('placementVacancies as v')
    .innerJoin('placementEmployers as e', 'e.id', 'v.employerId')
    .where((eb) => orgInScope(eb, 'v.owner_org_id', scope));
  if (q.q) query = query.where((eb) => eb.or([containsText('v.title', q.q!), containsText('e.name', q.q!)]));
  if (q.employerId) query = query.where('v.employerId', '=', q.employerId);
  if (q.status) query = query.where('v.status', '=', q.status);
  return query;
}
function vacancyColumns(query: ReturnType<typeof vacancyFilters>) {
  return query
    .innerJoin('orgUnits as o', 'o.id', 'v.ownerOrgId')
    .selectAll('v')
    .select([
      'e.name as employerName',
      'o.path as ownerOrgPath',
      sql<number>`(select count(*) from placement_referrals r where r.vacancy_id = v.id and r.status = 'hired')`.as('filled'),
    ]);
}

export async function listVacancies(db: Executor, scope: Scope, q: VacancyListQuery) {
  const base = vacancyFilters(db, scope, q);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const items = await vacancyColumns(base)
    .orderBy('v.status', 'desc')
    .orderBy('v.publishedOn', 'desc')
    .orderBy('v.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}
export function listVacanciesAfter(
  db: Executor,
  scope: Scope,
  q: Omit<VacancyListQuery, 'page' | 'pageSize'>,
  afterId: string | null,
  limit: number,
) {
  let query = vacancyColumns(vacancyFilters(db, scope, q));
  if (afterId) query = query.where('v.id', '>', afterId);
  return query.orderBy('v.id').limit(limit).execute();
}
/** Open vacancies inside the scope (matching a seeker against them), newest first. */
export function openVacancies(db: Executor, scope: Scope, limit: number) {
  return vacancyColumns(vacancyFilters(db, scope, { status: 'open' }))
    .orderBy('v.publishedOn', 'desc')
    .limit(limit)
    .execute();
}
export function findVacancy(db: Executor, id: string) {
  return vacancyColumns(
    db.selectFrom('placementVacancies as v').innerJoin('placementEmployers as e', 'e.id', 'v.employerId') as ReturnType<
      typeof vacancyFilters
    >,
  )
    .where('v.id', '=', id)
    .executeTakeFirst();
}
export async function insertVacancies(db: Executor, rows: PlacementVacanciesTable[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('placementVacancies')
      .values(rows.slice(i, i + 200))
      .execute();
}
export function updateVacancy(db: Executor, id: string, patch: Partial<PlacementVacanciesTable>) {
  return db.updateTable('placementVacancies').set(patch).where('id', '=', id).execute();
}

/** Org units by id with their paths (matching compares places by path) and names. */
export function unitsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('orgUnits').select(['id', 'path', 'name']).where('id', 'in', ids).execute();
}

/** The places (townships, streets, villages, communities) inside the scope, for resolving names typed in Excel. */
export function placeUnits(db: Executor, scope: Scope) {
  return db
    .selectFrom('orgUnits as u')
    .select(['u.id', 'u.name', 'u.kind'])
    .where('u.kind', 'in', ['township', 'street', 'village', 'community'])
    .where('u.active', '=', 1)
    .where(pathInScopeSql('u.path', scope))
    .execute();
}
