import { sql, type RawBuilder } from 'kysely';
import { UNKNOWN_KEY, type CadreDimension, type CadreListQuery, type RecommendationListQuery } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type {
  CadreRotationMembersTable,
  CadreRotationsTable,
  CadresTable,
  CadreTargetsTable,
  PartyRecommendationsTable,
} from './cadres.tables.js';
import { containsText } from '../../db/text.js';

function cadreFilters(db: Executor, scope: Scope, q: Omit<CadreListQuery, 'page' | 'pageSize'>) {
  let query = db.selectFrom('cadres as c').where((eb) => orgInScope(eb, 'c.owner_org_id', scope));
  if (q.q) query = query.where((eb) => eb.or([containsText('c.name', q.q!), containsText('c.unit_name', q.q!)]));
  if (q.gender) query = query.where('c.gender', '=', q.gender);
  if (q.rank) query = query.where('c.rank', '=', q.rank);
  return query;
}
const withOrg = (query: ReturnType<typeof cadreFilters>) =>
  query.innerJoin('orgUnits as o', 'o.id', 'c.ownerOrgId').selectAll('c').select('o.name as ownerOrgName');

export async function listCadres(db: Executor, scope: Scope, q: CadreListQuery) {
  const base = cadreFilters(db, scope, q);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const items = await withOrg(base)
    .orderBy('c.name')
    .orderBy('c.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}
export function listCadresAfter(
  db: Executor,
  scope: Scope,
  q: Omit<CadreListQuery, 'page' | 'pageSize'>,
  afterId: string | null,
  limit: number,
) {
  let query = withOrg(cadreFilters(db, scope, q));
  if (afterId) query = query.where('c.id', '>', afterId);
  return query.orderBy('c.id').limit(limit).execute();
}

// ---------------------------------------------------------------- the roster on a date (the analysis and its facts)

/** A filter on the roster: one key per dimension (UNKNOWN_KEY = not recorded), the reserve pool, one unit name. */
export type RosterFilter = Partial<Record<CadreDimension, string>> & { reserve?: boolean; unitName?: string; womenOnly?: boolean };

/** The birth years of an age band in `year` (age = year − birth year), as [min, max] (either open). */
function birthYears(band: string, year: number): [number | null, number | null] {
  switch (band) {
    case 'to35':
      return [year - 35, null];
    case 'from36to45':
      return [year - 45, year - 36];
    case 'from46to54':
      return [year - 54, year - 46];
    default:
      return [null, year - 55];
  }
}

const DIMENSION_COLUMN = { rank: 'c.rank', postLevel: 'c.post_level', education: 'c.education', unitCategory: 'c.unit_category' } as const;

/** The SQL key of a dimension for GROUP BY: the column (or 'unknown'), the age band computed from the birth year. */
// Literals, not parameters: PostgreSQL matches a GROUP BY expression to the selected one only when they are the same
// text, and two placeholders ($1, $5) are not (the year is an integer computed here, the key a constant).
function dimensionKey(dim: CadreDimension, year: number): RawBuilder<string> {
  const unknown = sql.lit(UNKNOWN_KEY);
  if (dim === 'ageBand')
    return sql<string>`case when c.birth_year is null then ${unknown} when c.birth_year >= ${sql.lit(year - 35)} then 'to35' when c.birth_year >= ${sql.lit(year - 45)} then 'from36to45' when c.birth_year >= ${sql.lit(year - 54)} then 'from46to54' else 'from55' end`;
  return sql<string>`coalesce(${sql.ref(DIMENSION_COLUMN[dim])}, ${unknown})`;
}

/**
 * The cadres on the roster on `date` (joined by then, not yet left) inside the scope, narrowed by the filter. The
 * women-cadre analysis and the cadres.roster.* facts both count from this one query.
 */
export function rosterOn(db: Executor, scope: Scope, date: string, filter: RosterFilter = {}) {
  const year = Number(date.slice(0, 4));
  let q = db
    .selectFrom('cadres as c')
    .where((eb) => orgInScope(eb, 'c.owner_org_id', scope))
    .where((eb) => eb.or([eb('c.servingSince', 'is', null), eb('c.servingSince', '<=', date)]))
    .where((eb) => eb.or([eb('c.leftOn', 'is', null), eb('c.leftOn', '>', date)]));
  for (const dim of ['rank', 'postLevel', 'education', 'unitCategory'] as const) {
    const v = filter[dim];
    if (v === undefined) continue;
    q = v === UNKNOWN_KEY ? q.where(sql.ref(DIMENSION_COLUMN[dim]), 'is', null) : q.where(sql.ref(DIMENSION_COLUMN[dim]), '=', v);
  }
  if (filter.ageBand !== undefined) {
    if (filter.ageBand === UNKNOWN_KEY) q = q.where('c.birthYear', 'is', null);
    else {
      const [min, max] = birthYears(filter.ageBand, year);
      if (min !== null) q = q.where('c.birthYear', '>=', min);
      if (max !== null) q = q.where('c.birthYear', '<=', max);
    }
  }
  if (filter.reserve) q = q.where('c.reserve', '=', 1);
  if (filter.unitName !== undefined) q = q.where('c.unitName', '=', filter.unitName);
  if (filter.womenOnly) q = q.where('c.gender', '=', 'female');
  return q;
}

const totals = [
  sql<number>`count(*)`.as('total'),
  sql<number>`coalesce(sum(case when c.gender = 'female' then 1 else 0 end), 0)`.as('women'),
];

/** Total and women on the roster on `date` (one aggregate). */
export function countRoster(db: Executor, scope: Scope, date: string, filter: RosterFilter = {}) {
  return rosterOn(db, scope, date, filter).select(totals).executeTakeFirstOrThrow();
}

/** Total and women by the keys of one dimension (one GROUP BY). */
export function rosterBreakdown(db: Executor, scope: Scope, date: string, dim: CadreDimension, filter: RosterFilter = {}) {
  const key = dimensionKey(dim, Number(date.slice(0, 4)));
  return rosterOn(db, scope, date, filter)
    .select([key.as('key'), ...totals])
    .groupBy(key as never)
    .execute() as Promise<{ key: string; total: number; women: number }[]>;
}

/** Total and women by unit name, most cadres first. */
export function rosterByUnit(db: Executor, scope: Scope, date: string, limit: number) {
  return rosterOn(db, scope, date)
    .select(['c.unitName as key', ...totals])
    .groupBy('c.unitName')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('c.unitName')
    .limit(limit)
    .execute();
}

/** 推优 recommendations of the period by status (one GROUP BY). */
export function recommendationsByStatus(db: Executor, scope: Scope, from: string, to: string) {
  return recommendationFilters(db, scope, {})
    .where('p.recommendedOn', '>=', from)
    .where('p.recommendedOn', '<=', to)
    .select(['p.status', sql<number>`count(*)`.as('count')])
    .groupBy('p.status')
    .execute();
}

export function listTargets(db: Executor, ownerOrgId: string) {
  return db.selectFrom('cadreTargets').selectAll().where('ownerOrgId', '=', ownerOrgId).orderBy('createdAt').orderBy('id').execute();
}
export function findTarget(db: Executor, id: string) {
  return db
    .selectFrom('cadreTargets as t')
    .innerJoin('orgUnits as o', 'o.id', 't.ownerOrgId')
    .selectAll('t')
    .select('o.path as ownerOrgPath')
    .where('t.id', '=', id)
    .executeTakeFirst();
}
export function insertTarget(db: Executor, row: CadreTargetsTable) {
  return db.insertInto('cadreTargets').values(row).execute();
}
export function deleteTarget(db: Executor, id: string) {
  return db.deleteFrom('cadreTargets').where('id', '=', id).execute();
}
export function findCadre(db: Executor, id: string) {
  return db
    .selectFrom('cadres as c')
    .innerJoin('orgUnits as o', 'o.id', 'c.ownerOrgId')
    .selectAll('c')
    .select(['o.name as ownerOrgName', 'o.path as ownerOrgPath'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export function findCadreByNameUnit(db: Executor, ownerOrgId: string, name: string, unitName: string) {
  return db
    .selectFrom('cadres')
    .selectAll()
    .where('ownerOrgId', '=', ownerOrgId)
    .where('name', '=', name)
    .where('unitName', '=', unitName)
    .executeTakeFirst();
}
export async function insertCadres(db: Executor, rows: CadresTable[]) {
  for (let i = 0; i < rows.length; i += 300)
    await db
      .insertInto('cadres')
      .values(rows.slice(i, i + 300))
      .execute();
}
export function updateCadre(db: Executor, id: string, patch: Partial<CadresTable>) {
  return db.updateTable('cadres').set(patch).where('id', '=', id).execute();
}

const memberCounts = (db: Executor) =>
  db
    .selectFrom('cadreRotationMembers as m')
    .innerJoin('cadres as c', 'c.id', 'm.cadreId')
    .select([
      'm.rotationId',
      sql<number>`count(*)`.as('total'),
      sql<number>`sum(case when c.gender = 'female' then 1 else 0 end)`.as('women'),
    ])
    .groupBy('m.rotationId');

function rotationSelect(db: Executor) {
  return db
    .selectFrom('cadreRotations as r')
    .innerJoin('orgUnits as o', 'o.id', 'r.ownerOrgId')
    .leftJoin(memberCounts(db).as('mc'), 'mc.rotationId', 'r.id')
    .selectAll('r')
    .select([
      'o.name as ownerOrgName',
      'o.path as ownerOrgPath',
      sql<number>`coalesce(mc.total, 0)`.as('total'),
      sql<number>`coalesce(mc.women, 0)`.as('women'),
    ]);
}
export function listRotations(db: Executor, scope: Scope) {
  return rotationSelect(db)
    .where((eb) => orgInScope(eb, 'r.owner_org_id', scope))
    .orderBy('r.startDate', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
}
export function findRotation(db: Executor, id: string) {
  return rotationSelect(db).where('r.id', '=', id).executeTakeFirst();
}
export function insertRotation(db: Executor, row: CadreRotationsTable) {
  return db.insertInto('cadreRotations').values(row).execute();
}
export async function insertRotationMembers(db: Executor, rows: CadreRotationMembersTable[]) {
  for (let i = 0; i < rows.length; i += 300)
    await db
      .insertInto('cadreRotationMembers')
      .values(rows.slice(i, i + 300))
      .execute();
}
export function findRotationMember(db: Executor, rotationId: string, cadreId: string) {
  return db
    .selectFrom('cadreRotationMembers')
    .selectAll()
    .where('rotationId', '=', rotationId)
    .where('cadreId', '=', cadreId)
    .executeTakeFirst();
}
export function deleteRotationMember(db: Executor, rotationId: string, memberId: string) {
  return db.deleteFrom('cadreRotationMembers').where('rotationId', '=', rotationId).where('id', '=', memberId).executeTakeFirst();
}
function membersSelect(db: Executor, rotationId: string) {
  return db
    .selectFrom('cadreRotationMembers as m')
    .innerJoin('cadres as c', 'c.id', 'm.cadreId')
    .select(['m.id', 'm.cadreId', 'c.name', 'c.gender', 'c.unitName', 'c.position', 'c.rank', 'm.direction', 'm.hostUnit'])
    .where('m.rotationId', '=', rotationId);
}
export function listRotationMembers(db: Executor, rotationId: string) {
  return membersSelect(db, rotationId).orderBy('m.direction').orderBy('c.name').execute();
}
export function listRotationMembersAfter(db: Executor, rotationId: string, afterId: string | null, limit: number) {
  let q = membersSelect(db, rotationId);
  if (afterId) q = q.where('m.id', '>', afterId);
  return q.orderBy('m.id').limit(limit).execute();
}

function recommendationFilters(db: Executor, scope: Scope, q: Omit<RecommendationListQuery, 'page' | 'pageSize'>) {
  let query = db.selectFrom('partyRecommendations as p').where((eb) => orgInScope(eb, 'p.owner_org_id', scope));
  if (q.year) query = query.where('p.recommendedOn', '>=', `${q.year}-01-01`).where('p.recommendedOn', '<=', `${q.year}-12-31`);
  if (q.status) query = query.where('p.status', '=', q.status);
  return query;
}
const recommendationWithOrg = (query: ReturnType<typeof recommendationFilters>) =>
  query.innerJoin('orgUnits as o', 'o.id', 'p.ownerOrgId').selectAll('p').select(['o.name as ownerOrgName', 'o.path as ownerOrgPath']);
export async function listRecommendations(db: Executor, scope: Scope, q: RecommendationListQuery) {
  const base = recommendationFilters(db, scope, q);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const items = await recommendationWithOrg(base)
    .orderBy('p.recommendedOn', 'desc')
    .orderBy('p.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}
export function listRecommendationsAfter(
  db: Executor,
  scope: Scope,
  q: Omit<RecommendationListQuery, 'page' | 'pageSize'>,
  afterId: string | null,
  limit: number,
) {
  let query = recommendationWithOrg(recommendationFilters(db, scope, q));
  if (afterId) query = query.where('p.id', '>', afterId);
  return query.orderBy('p.id').limit(limit).execute();
}
export function findRecommendation(db: Executor, id: string) {
  return db
    .selectFrom('partyRecommendations as p')
    .innerJoin('orgUnits as o', 'o.id', 'p.ownerOrgId')
    .selectAll('p')
    .select(['o.name as ownerOrgName', 'o.path as ownerOrgPath'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}
export async function insertRecommendations(db: Executor, rows: PartyRecommendationsTable[]) {
  for (let i = 0; i < rows.length; i += 300)
    await db
      .insertInto('partyRecommendations')
      .values(rows.slice(i, i + 300))
      .execute();
}
export function updateRecommendation(db: Executor, id: string, patch: Partial<PartyRecommendationsTable>) {
  return db.updateTable('partyRecommendations').set(patch).where('id', '=', id).execute();
}
