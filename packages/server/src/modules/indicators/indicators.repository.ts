import { sql, type SqlBool } from 'kysely';
import type { IndicatorListQuery, IndicatorValueListQuery, IndicatorValueStatus } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { pathInScopeSql } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { IndicatorsTable, IndicatorValueEventsTable, IndicatorValuesTable } from './indicators.tables.js';
import { containsText } from '../../db/text.js';

/** The kinds of unit a value can describe: the federation's own area, its townships and streets. */
export const REGION_KINDS = ['federation', 'township', 'street'] as const;
/** The units a region's figure is rolled up from. */
export const ROLLUP_KINDS = ['township', 'street'] as const;

/** `path LIKE (column || '%')` for each scope path: the unit at `column` is an ancestor (or self) of a unit in scope. */
function ancestorOfScope(column: string, scope: Scope) {
  if (scope.paths.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(
    scope.paths.map((p) => sql`${p} LIKE (${sql.ref(column)} || '%')`),
    sql` OR `,
  )})`;
}

/** A catalogue is readable when its owner is in scope or above a unit in scope (a department liaison reads the district's). */
export function catalogueReadable(scope: Scope) {
  return sql<SqlBool>`(${pathInScopeSql('o.path', scope)} OR ${ancestorOfScope('o.path', scope)})`;
}

function indicatorSelect(db: Executor) {
  return db
    .selectFrom('indicators as i')
    .innerJoin('orgUnits as o', 'o.id', 'i.ownerOrgId')
    .innerJoin('orgUnits as resp', 'resp.id', 'i.responsibleOrgId')
    .selectAll('i')
    .select([
      'o.name as ownerOrgName',
      'o.path as ownerOrgPath',
      'o.depth as ownerDepth',
      'resp.name as responsibleOrgName',
      'resp.path as responsibleOrgPath',
    ]);
}
export type IndicatorRow = Awaited<ReturnType<typeof findIndicator>> & object;

export function listIndicators(db: Executor, scope: Scope, q: IndicatorListQuery) {
  let query = indicatorSelect(db).where(catalogueReadable(scope));
  if (q.outline) query = query.where('i.outline', '=', q.outline);
  if (q.area) query = query.where('i.area', '=', q.area);
  if (q.responsibleOrgId) query = query.where('i.responsibleOrgId', '=', q.responsibleOrgId);
  if (q.q) query = query.where((eb) => eb.or([containsText('i.name', q.q!), containsText('i.code', q.q!)]));
  if (q.includeInactive !== 'true') query = query.where('i.active', '=', 1);
  return query.orderBy('o.depth').orderBy('i.ownerOrgId').orderBy('i.areaOrder').orderBy('i.code').execute();
}

export function findIndicator(db: Executor, id: string) {
  return indicatorSelect(db).where('i.id', '=', id).executeTakeFirst();
}

export function findIndicatorByCode(db: Executor, ownerOrgId: string, code: string) {
  return db
    .selectFrom('indicators')
    .select(['id', 'code'])
    .where('ownerOrgId', '=', ownerOrgId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export function listCodes(db: Executor, ownerOrgId: string) {
  return db.selectFrom('indicators').select('code').where('ownerOrgId', '=', ownerOrgId).execute();
}

/** The active indicators of every catalogue whose owner is the region or above it. */
export function indicatorsForRegion(db: Executor, regionPath: string) {
  return indicatorSelect(db)
    .where('i.active', '=', 1)
    .where(sql<SqlBool>`${regionPath} LIKE (o.path || '%')`)
    .orderBy('o.depth')
    .orderBy('i.ownerOrgId')
    .orderBy('i.areaOrder')
    .orderBy('i.code')
    .execute();
}

/** Owners of catalogues above (or at) a unit, nearest first. */
export function catalogueOwnersAbove(db: Executor, path: string) {
  return db
    .selectFrom('orgUnits as o')
    .select(['o.id', 'o.path', 'o.depth', 'o.name', 'o.kind'])
    .where(sql<SqlBool>`${path} LIKE (o.path || '%')`)
    .where((eb) => eb.exists(eb.selectFrom('indicators as i').select('i.id').whereRef('i.ownerOrgId', '=', 'o.id')))
    .orderBy('o.depth', 'desc')
    .execute();
}

export async function insertIndicators(db: Executor, rows: IndicatorsTable[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('indicators')
      .values(rows.slice(i, i + 200))
      .execute();
}
export function updateIndicator(db: Executor, id: string, patch: Partial<IndicatorsTable>) {
  return db.updateTable('indicators').set(patch).where('id', '=', id).execute();
}

/** Departments (by name) in a federation's subtree, for matching the default catalogue's member units. */
export function departmentsUnder(db: Executor, ownerPath: string) {
  return db
    .selectFrom('orgUnits')
    .select(['id', 'name', 'depth'])
    .where('kind', '=', 'department')
    .where(pathInScopeSql('path', { permission: 'indicators.read', paths: [ownerPath] }))
    .orderBy('depth')
    .execute();
}

/** The regions of a catalogue owner: itself and the federations, townships and streets below it. */
export function regionsUnder(db: Executor, ownerPath: string) {
  return db
    .selectFrom('orgUnits')
    .select(['id', 'name', 'kind', 'depth', 'path'])
    .where(pathInScopeSql('path', { permission: 'indicators.read', paths: [ownerPath] }))
    .where('kind', 'in', [...REGION_KINDS])
    .orderBy('depth')
    .orderBy('name')
    .execute();
}

// ---------------------------------------------------------------- values

function valueSelect(db: Executor) {
  return db
    .selectFrom('indicatorValues as v')
    .innerJoin('indicators as i', 'i.id', 'v.indicatorId')
    .innerJoin('orgUnits as r', 'r.id', 'v.regionOrgId')
    .innerJoin('orgUnits as resp', 'resp.id', 'i.responsibleOrgId')
    .leftJoin('users as su', 'su.id', 'v.submittedBy')
    .leftJoin('users as du', 'du.id', 'v.decidedBy')
    .selectAll('v')
    .select([
      'i.code as indicatorCode',
      'i.name as indicatorName',
      'i.unit',
      'i.unitLabel',
      'i.reviewThresholdPercent',
      'i.areaOrder',
      'i.outline',
      'r.name as regionName',
      'r.path as regionPath',
      'r.depth as regionDepth',
      'resp.path as responsibleOrgPath',
      'su.displayName as submittedByName',
      'du.displayName as decidedByName',
    ]);
}
export type ValueRow = Awaited<ReturnType<typeof findValue>> & object;

const breakdownOrder = sql`case v.breakdown when 'total' then 0 when 'female' then 1 when 'male' then 2 when 'urban' then 3 else 4 end`;

/** Values the caller may read: the region in scope, or the indicator's responsible unit in scope. */
export function listValues(db: Executor, scope: Scope, q: IndicatorValueListQuery) {
  let query = valueSelect(db)
    // Bounded first by the catalogues the caller reads (the owner column is indexed with the year and status).
    .where('v.ownerOrgId', 'in', (eb) => eb.selectFrom('orgUnits as o').select('o.id').where(catalogueReadable(scope)))
    .where('v.year', '=', q.year)
    .where((eb) => eb.or([pathInScopeSql('r.path', scope), pathInScopeSql('resp.path', scope)]));
  if (q.status) query = query.where('v.status', '=', q.status);
  if (q.regionOrgId) query = query.where('v.regionOrgId', '=', q.regionOrgId);
  if (q.indicatorId) query = query.where('v.indicatorId', '=', q.indicatorId);
  if (q.outline) query = query.where('i.outline', '=', q.outline);
  return query.orderBy('r.depth').orderBy('r.name').orderBy('i.areaOrder').orderBy('i.code').orderBy(breakdownOrder).execute();
}

export function findValue(db: Executor, id: string) {
  return valueSelect(db).where('v.id', '=', id).executeTakeFirst();
}
export function findValues(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return valueSelect(db).where('v.id', 'in', ids).execute();
}

/** The values of a region and year for some indicators (the entry sheet, a save). */
export function valuesOfRegion(db: Executor, regionOrgId: string, year: number, indicatorIds?: string[]) {
  let q = valueSelect(db).where('v.regionOrgId', '=', regionOrgId).where('v.year', '=', year);
  if (indicatorIds) {
    if (indicatorIds.length === 0) return Promise.resolve([]);
    q = q.where('v.indicatorId', 'in', indicatorIds);
  }
  return q.execute();
}

export function insertValue(db: Executor, row: IndicatorValuesTable) {
  return db.insertInto('indicatorValues').values(row).execute();
}
/** Updates a value only while it is in one of the expected statuses; returns whether it did (a concurrent step wins otherwise). */
export async function updateValue(db: Executor, id: string, expected: IndicatorValueStatus[], patch: Partial<IndicatorValuesTable>) {
  const r = await db.updateTable('indicatorValues').set(patch).where('id', '=', id).where('status', 'in', expected).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export function insertEvent(db: Executor, row: IndicatorValueEventsTable) {
  return db.insertInto('indicatorValueEvents').values(row).execute();
}
export async function insertEvents(db: Executor, rows: IndicatorValueEventsTable[]) {
  for (let i = 0; i < rows.length; i += 300)
    await db
      .insertInto('indicatorValueEvents')
      .values(rows.slice(i, i + 300))
      .execute();
}
export async function insertValues(db: Executor, rows: IndicatorValuesTable[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('indicatorValues')
      .values(rows.slice(i, i + 200))
      .execute();
}
export function listEvents(db: Executor, valueId: string) {
  return db.selectFrom('indicatorValueEvents').selectAll().where('valueId', '=', valueId).orderBy('at').orderBy('id').execute();
}

// ---------------------------------------------------------------- approved figures (evaluation, roll-up)

/** Approved rows of some regions and years, as reported by the regions themselves. */
export function approvedOwnRows(db: Executor, regionIds: string[], years: number[], indicatorIds?: string[]) {
  if (regionIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('indicatorValues as v')
    .select(['v.indicatorId', 'v.regionOrgId', 'v.year', 'v.breakdown', 'v.numerator', 'v.denominator', 'v.value'])
    .where('v.regionOrgId', 'in', regionIds)
    .where('v.year', 'in', years)
    .where('v.status', '=', 'approved');
  if (indicatorIds) q = q.where('v.indicatorId', 'in', indicatorIds);
  return q.execute();
}

/**
 * The same, summed over each region's townships and streets (one GROUP BY): Σ numerators, Σ denominators, Σ values,
 * and how many rows carried a numerator and a denominator (a rate rolls up only when all of them did).
 */
export async function approvedRolledUp(db: Executor, regionIds: string[], years: number[], indicatorIds?: string[]) {
  if (regionIds.length === 0) return [];
  let q = db
    .selectFrom('indicatorValues as v')
    .innerJoin('orgUnits as c', 'c.id', 'v.regionOrgId')
    .where('c.parentId', 'in', regionIds)
    .where('c.kind', 'in', [...ROLLUP_KINDS])
    .where('v.year', 'in', years)
    .where('v.status', '=', 'approved');
  if (indicatorIds) q = q.where('v.indicatorId', 'in', indicatorIds);
  const rows = await q
    .select([
      'c.parentId as regionOrgId',
      'v.indicatorId',
      'v.year',
      'v.breakdown',
      sql<number>`sum(v.numerator)`.as('numerator'),
      sql<number>`sum(v.denominator)`.as('denominator'),
      sql<number>`sum(v.value)`.as('value'),
      sql<number>`count(*)`.as('rows'),
      sql<number>`count(v.numerator)`.as('withNumerator'),
      sql<number>`count(v.denominator)`.as('withDenominator'),
    ])
    .groupBy(['c.parentId', 'v.indicatorId', 'v.year', 'v.breakdown'])
    .execute();
  return rows.map((r) => ({
    regionOrgId: r.regionOrgId!,
    indicatorId: r.indicatorId,
    year: Number(r.year),
    breakdown: r.breakdown,
    numerator: r.numerator == null ? null : Number(r.numerator),
    denominator: r.denominator == null ? null : Number(r.denominator),
    value: Number(r.value),
    rows: Number(r.rows),
    complete: Number(r.withNumerator) === Number(r.rows) && Number(r.withDenominator) === Number(r.rows),
  }));
}

/** Units by their paths (the tops of a caller's scope). */
export function unitsByPaths(db: Executor, paths: string[]) {
  if (paths.length === 0) return Promise.resolve([]);
  return db.selectFrom('orgUnits').select(['id', 'name', 'kind', 'depth', 'path']).where('path', 'in', paths).execute();
}
