import { sql } from 'kysely';
import type { ClassListQuery, OrderListQuery, SiteListQuery } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import { trainingSessionsView } from '../activities/index.js';
import type {
  ParentSchoolClassesTable,
  ParentSchoolOrdersTable,
  ParentSchoolSitesTable,
  ParentSchoolTeachersTable,
  ParentSchoolTextbooksTable,
} from './parentschools.tables.js';
import { containsText } from '../../db/text.js';

// ---------------------------------------------------------------- classes (with the training sessions they may be)

/**
 * Every class with its figures: a linked class reads its date, topic, teacher, hours and attendance from the
 * activities module's session (trainingSessionsView), an own class from its row. `heldOn` and `attendance`
 * below are these effective values; facts use the same expressions.
 */
export function classesWithFigures(db: Executor) {
  return db
    .selectFrom('parentSchoolClasses as c')
    .innerJoin('parentSchoolSites as s', 's.id', 'c.siteId')
    .leftJoin(trainingSessionsView(db).as('ts'), 'ts.id', 'c.trainingSessionId');
}
export const heldOnSql = sql<string>`coalesce(ts.session_date, c.held_on)`;
export const attendanceSql = sql<number>`coalesce(ts.attendee_count, c.attendance, 0)`;

function classFilters(db: Executor, scope: Scope, q: Omit<ClassListQuery, 'page' | 'pageSize'>) {
  let query = classesWithFigures(db).where((eb) => orgInScope(eb, 'c.owner_org_id', scope));
  if (q.siteId) query = query.where('c.siteId', '=', q.siteId);
  if (q.year) query = query.where(heldOnSql, '>=', `${q.year}-01-01`).where(heldOnSql, '<=', `${q.year}-12-31`);
  return query;
}
function classColumns(query: ReturnType<typeof classFilters>) {
  return query
    .innerJoin('orgUnits as o', 'o.id', 'c.ownerOrgId')
    .select([
      'c.id',
      'c.siteId',
      'c.ownerOrgId',
      's.name as siteName',
      'o.name as ownerOrgName',
      'c.trainingSessionId',
      'c.note',
      'ts.courseTitle',
      heldOnSql.as('heldOn'),
      sql<string>`coalesce(ts.topic, c.topic)`.as('topic'),
      sql<string | null>`coalesce(ts.teacher, c.teacher_name)`.as('teacherName'),
      sql<number>`coalesce(ts.hours, c.hours, 0)`.as('hours'),
      attendanceSql.as('attendance'),
    ]);
}
export async function listClasses(db: Executor, scope: Scope, q: ClassListQuery) {
  const base = classFilters(db, scope, q);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const items = await classColumns(base)
    .orderBy(heldOnSql, 'desc')
    .orderBy('c.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}
export function listClassesAfter(
  db: Executor,
  scope: Scope,
  q: Omit<ClassListQuery, 'page' | 'pageSize'>,
  afterId: string | null,
  limit: number,
) {
  let query = classColumns(classFilters(db, scope, q));
  if (afterId) query = query.where('c.id', '>', afterId);
  return query.orderBy('c.id').limit(limit).execute();
}
export function findClass(db: Executor, id: string) {
  return classColumns(classesWithFigures(db))
    .innerJoin('orgUnits as ou', 'ou.id', 'c.ownerOrgId')
    .select('ou.path as ownerOrgPath')
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export function insertClasses(db: Executor, rows: ParentSchoolClassesTable[]) {
  return db.insertInto('parentSchoolClasses').values(rows).execute();
}
export function deleteClass(db: Executor, id: string) {
  return db.deleteFrom('parentSchoolClasses').where('id', '=', id).executeTakeFirst();
}
export function findClassBySession(db: Executor, trainingSessionId: string) {
  return db
    .selectFrom('parentSchoolClasses')
    .select(['id', 'siteId'])
    .where('trainingSessionId', '=', trainingSessionId)
    .executeTakeFirst();
}

/** Family-education sessions in scope that no site has taken as a class yet. */
export function listLinkableSessions(db: Executor, scope: Scope, year: number) {
  return db
    .selectFrom(trainingSessionsView(db).as('ts'))
    .selectAll('ts')
    .where('ts.category', '=', 'family_education')
    .where((eb) => orgInScope(eb, 'ts.owner_org_id', scope))
    .where('ts.sessionDate', '>=', `${year}-01-01`)
    .where('ts.sessionDate', '<=', `${year}-12-31`)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('parentSchoolClasses as lc').select('lc.id').whereRef('lc.trainingSessionId', '=', 'ts.id'))),
    )
    .orderBy('ts.sessionDate')
    .orderBy('ts.id')
    .execute();
}

/** One training session as the link needs it (its owner's path for the scope check). */
export function findTrainingSession(db: Executor, id: string) {
  return db
    .selectFrom(trainingSessionsView(db).as('ts'))
    .innerJoin('orgUnits as so', 'so.id', 'ts.ownerOrgId')
    .selectAll('ts')
    .select('so.path as ownerOrgPath')
    .where('ts.id', '=', id)
    .executeTakeFirst();
}

// ---------------------------------------------------------------- sites

/** Per site: classes held and parents attending in a year (effective values, linked sessions included). */
function siteYearStats(db: Executor, year: number) {
  return classesWithFigures(db)
    .where(heldOnSql, '>=', `${year}-01-01`)
    .where(heldOnSql, '<=', `${year}-12-31`)
    .select(['c.siteId', sql<number>`count(*)`.as('classes'), sql<number>`sum(${attendanceSql})`.as('attendance')])
    .groupBy('c.siteId');
}
function siteFilters(db: Executor, scope: Scope, q: Omit<SiteListQuery, 'page' | 'pageSize' | 'year'>, today: string) {
  let query = db.selectFrom('parentSchoolSites as s').where((eb) => orgInScope(eb, 's.owner_org_id', scope));
  if (q.q) query = query.where((eb) => eb.or([containsText('s.name', q.q!), containsText('s.host_name', q.q!)]));
  if (q.kind) query = query.where('s.kind', '=', q.kind);
  if (q.status === 'open') query = query.where((eb) => eb.or([eb('s.closedOn', 'is', null), eb('s.closedOn', '>', today)]));
  if (q.status === 'closed') query = query.where('s.closedOn', '<=', today);
  return query;
}
function siteColumns(db: Executor, query: ReturnType<typeof siteFilters>, year: number) {
  return query
    .innerJoin('orgUnits as o', 'o.id', 's.ownerOrgId')
    .leftJoin('orgUnits as h', 'h.id', 's.hostOrgId')
    .leftJoin(siteYearStats(db, year).as('st'), 'st.siteId', 's.id')
    .selectAll('s')
    .select([
      'o.name as ownerOrgName',
      'h.name as hostOrgName',
      sql<number>`coalesce(st.classes, 0)`.as('classes'),
      sql<number>`coalesce(st.attendance, 0)`.as('attendance'),
    ]);
}
export async function listSites(db: Executor, scope: Scope, q: SiteListQuery, today: string) {
  const year = q.year ?? Number(today.slice(0, 4));
  const base = siteFilters(db, scope, q, today);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const items = await siteColumns(db, base, year)
    .orderBy('o.sortOrder')
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}
export function listSitesAfter(
  db: Executor,
  scope: Scope,
  q: Omit<SiteListQuery, 'page' | 'pageSize'>,
  today: string,
  afterId: string | null,
  limit: number,
) {
  let query = siteColumns(db, siteFilters(db, scope, q, today), q.year ?? Number(today.slice(0, 4)));
  if (afterId) query = query.where('s.id', '>', afterId);
  return query.orderBy('s.id').limit(limit).execute();
}
export function findSite(db: Executor, id: string, year: number) {
  return siteColumns(db, db.selectFrom('parentSchoolSites as s'), year)
    .innerJoin('orgUnits as op', 'op.id', 's.ownerOrgId')
    .select('op.path as ownerOrgPath')
    .where('s.id', '=', id)
    .executeTakeFirst();
}
export function findSiteByName(db: Executor, ownerOrgId: string, name: string) {
  return db.selectFrom('parentSchoolSites').selectAll().where('ownerOrgId', '=', ownerOrgId).where('name', '=', name).executeTakeFirst();
}
/** Sites in scope by name (for an order sheet): a name used by two units is ambiguous. */
export function listSiteNames(db: Executor, scope: Scope) {
  return db
    .selectFrom('parentSchoolSites as s')
    .select(['s.id', 's.name', 's.ownerOrgId', 's.establishedOn', 's.closedOn'])
    .where((eb) => orgInScope(eb, 's.owner_org_id', scope))
    .execute();
}
export function insertSites(db: Executor, rows: ParentSchoolSitesTable[]) {
  return db.insertInto('parentSchoolSites').values(rows).execute();
}
export function updateSite(db: Executor, id: string, patch: Partial<ParentSchoolSitesTable>) {
  return db.updateTable('parentSchoolSites').set(patch).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- teachers

const teacherClasses = (db: Executor) =>
  db
    .selectFrom('parentSchoolClasses as tc')
    .select(['tc.teacherId', sql<number>`count(*)`.as('n')])
    .groupBy('tc.teacherId');
function teacherSelect(db: Executor) {
  return db
    .selectFrom('parentSchoolTeachers as t')
    .innerJoin('orgUnits as o', 'o.id', 't.ownerOrgId')
    .leftJoin('parentSchoolSites as s', 's.id', 't.siteId')
    .leftJoin(teacherClasses(db).as('k'), 'k.teacherId', 't.id')
    .selectAll('t')
    .select(['o.name as ownerOrgName', 'o.path as ownerOrgPath', 's.name as siteName', sql<number>`coalesce(k.n, 0)`.as('classes')]);
}
export function listTeachers(db: Executor, scope: Scope) {
  return teacherSelect(db)
    .where((eb) => orgInScope(eb, 't.owner_org_id', scope))
    .orderBy('t.name')
    .orderBy('t.id')
    .execute();
}
export function findTeacher(db: Executor, id: string) {
  return teacherSelect(db).where('t.id', '=', id).executeTakeFirst();
}
export function insertTeachers(db: Executor, rows: ParentSchoolTeachersTable[]) {
  return db.insertInto('parentSchoolTeachers').values(rows).execute();
}

// ---------------------------------------------------------------- textbooks and orders

/** The catalogue is one list for the whole install: titles and prices are public, every unit orders from it. */
export function listTextbooks(db: Executor) {
  return db.selectFrom('parentSchoolTextbooks').selectAll().orderBy('title').execute();
}
export function findTextbook(db: Executor, id: string) {
  return db.selectFrom('parentSchoolTextbooks').selectAll().where('id', '=', id).executeTakeFirst();
}
export function findTextbookByTitle(db: Executor, title: string) {
  return db.selectFrom('parentSchoolTextbooks').selectAll().where('title', '=', title).executeTakeFirst();
}
export function insertTextbooks(db: Executor, rows: ParentSchoolTextbooksTable[]) {
  return db.insertInto('parentSchoolTextbooks').values(rows).execute();
}

function orderFilters(db: Executor, scope: Scope, q: Omit<OrderListQuery, 'page' | 'pageSize'>) {
  let query = db.selectFrom('parentSchoolOrders as r').where((eb) => orgInScope(eb, 'r.owner_org_id', scope));
  if (q.year) query = query.where('r.year', '=', q.year);
  if (q.siteId) query = query.where('r.siteId', '=', q.siteId);
  return query;
}
function orderColumns(query: ReturnType<typeof orderFilters>) {
  return query
    .innerJoin('parentSchoolSites as s', 's.id', 'r.siteId')
    .innerJoin('parentSchoolTextbooks as b', 'b.id', 'r.textbookId')
    .innerJoin('orgUnits as o', 'o.id', 'r.ownerOrgId')
    .selectAll('r')
    .select(['s.name as siteName', 'b.title', 'o.name as ownerOrgName', 'o.path as ownerOrgPath']);
}
export async function listOrders(db: Executor, scope: Scope, q: OrderListQuery) {
  const base = orderFilters(db, scope, q);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const items = await orderColumns(base)
    .orderBy('r.year', 'desc')
    .orderBy('s.name')
    .orderBy('b.title')
    .orderBy('r.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}
export function listOrdersAfter(
  db: Executor,
  scope: Scope,
  q: Omit<OrderListQuery, 'page' | 'pageSize'>,
  afterId: string | null,
  limit: number,
) {
  let query = orderColumns(orderFilters(db, scope, q));
  if (afterId) query = query.where('r.id', '>', afterId);
  return query.orderBy('r.id').limit(limit).execute();
}
/** A year's order totals in scope: one SQL aggregate. */
export function orderTotals(db: Executor, scope: Scope, year: number) {
  return orderFilters(db, scope, { year })
    .select([
      sql<number>`count(*)`.as('orders'),
      sql<number>`coalesce(sum(r.quantity), 0)`.as('quantity'),
      sql<number>`coalesce(sum(r.quantity * r.unit_price_fen), 0)`.as('amountFen'),
      sql<number>`coalesce(sum(r.collected_fen), 0)`.as('collectedFen'),
      sql<number>`coalesce(sum(r.paid_fen), 0)`.as('paidFen'),
      sql<number>`coalesce(sum(r.delivered_qty), 0)`.as('deliveredQty'),
    ])
    .executeTakeFirstOrThrow();
}
export function findOrder(db: Executor, id: string) {
  return orderColumns(db.selectFrom('parentSchoolOrders as r')).where('r.id', '=', id).executeTakeFirst();
}
export function findOrderLine(db: Executor, year: number, siteId: string, textbookId: string) {
  return db
    .selectFrom('parentSchoolOrders')
    .select('id')
    .where('year', '=', year)
    .where('siteId', '=', siteId)
    .where('textbookId', '=', textbookId)
    .executeTakeFirst();
}
export function insertOrders(db: Executor, rows: ParentSchoolOrdersTable[]) {
  return db.insertInto('parentSchoolOrders').values(rows).execute();
}
export function updateOrder(db: Executor, id: string, patch: Partial<ParentSchoolOrdersTable>) {
  return db.updateTable('parentSchoolOrders').set(patch).where('id', '=', id).execute();
}
