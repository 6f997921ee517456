import { sql, type SqlBool } from 'kysely';
import type { CourseListQuery, EventListQuery, PublicityListQuery, TraineeOutcome, TrainingCategory } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import { containsText } from '../../db/text.js';
import type { Scope } from '../../platform/actor.js';
import type {
  ActivityEventParticipantsTable,
  ActivityEventPhotosTable,
  ActivityEventResourcesTable,
  ActivityEventsTable,
  ActivityPublicityTable,
  TrainingCoursesTable,
  TrainingSessionsTable,
  TrainingTraineesTable,
} from './activities.tables.js';

// ---------------------------------------------------------------- events

export function insertEvent(db: Executor, row: ActivityEventsTable) {
  return db.insertInto('activityEvents').values(row).execute();
}

export function updateEvent(db: Executor, id: string, patch: Partial<ActivityEventsTable>) {
  return db.updateTable('activityEvents').set(patch).where('id', '=', id).execute();
}

export function findEvent(db: Executor, id: string) {
  return db
    .selectFrom('activityEvents as e')
    .innerJoin('orgUnits as o', 'o.id', 'e.ownerOrgId')
    .leftJoin('associations as a', 'a.id', 'e.associationId')
    .selectAll('e')
    .select(['o.name as ownerOrgName', 'o.path as ownerOrgPath', 'a.name as associationName'])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

function eventFilters(db: Executor, scope: Scope, q: Omit<EventListQuery, 'page' | 'pageSize'>) {
  let query = db.selectFrom('activityEvents as e').where((eb) => orgInScope(eb, 'e.owner_org_id', scope));
  if (q.type) query = query.where('e.type', '=', q.type);
  if (q.from) query = query.where('e.startDate', '>=', q.from);
  if (q.to) query = query.where('e.startDate', '<=', q.to);
  if (q.ownerOrgId) query = query.where('e.ownerOrgId', '=', q.ownerOrgId);
  if (q.associationId) query = query.where('e.associationId', '=', q.associationId);
  if (q.q) query = query.where(containsText('e.title', q.q));
  return query;
}

const resourceSums = (db: Executor) =>
  db
    .selectFrom('activityEventResources')
    .select(['eventId', sql<number>`sum(quantity)`.as('quantity'), sql<number>`sum(value_fen)`.as('valueFen')])
    .groupBy('eventId');

/** A page of events with their resource totals, newest first. */
export async function listEvents(db: Executor, scope: Scope, q: EventListQuery) {
  const base = eventFilters(db, scope, q);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const items = await base
    .innerJoin('orgUnits as o', 'o.id', 'e.ownerOrgId')
    .leftJoin(resourceSums(db).as('r'), 'r.eventId', 'e.id')
    .select([
      'e.id',
      'e.type',
      'e.title',
      'e.startDate',
      'e.endDate',
      'e.ownerOrgId',
      'o.name as ownerOrgName',
      'e.venue',
      'e.participantMode',
      'e.participantCount',
      'e.unitsVisited',
      'e.goodDeeds',
      'e.performances',
      sql<number>`coalesce(r.quantity, 0)`.as('resourceQuantity'),
      sql<number>`coalesce(r.value_fen, 0)`.as('resourceValueFen'),
    ])
    .orderBy('e.startDate', 'desc')
    .orderBy('e.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}

/** Sums over every event the filters select (SQL aggregates). */
export async function eventTotals(db: Executor, scope: Scope, q: Omit<EventListQuery, 'page' | 'pageSize'>) {
  const head = await eventFilters(db, scope, q)
    .select([
      sql<number>`count(*)`.as('events'),
      sql<number>`coalesce(sum(e.participant_count), 0)`.as('participants'),
      sql<number>`coalesce(sum(e.units_visited), 0)`.as('unitsVisited'),
      sql<number>`coalesce(sum(e.good_deeds), 0)`.as('goodDeeds'),
      sql<number>`coalesce(sum(e.performances), 0)`.as('performances'),
      sql<number>`count(distinct e.owner_org_id)`.as('organisers'),
    ])
    .executeTakeFirstOrThrow();
  const resources = await eventFilters(db, scope, q)
    .innerJoin('activityEventResources as r', 'r.eventId', 'e.id')
    .select(['r.category', sql<number>`sum(r.quantity)`.as('quantity'), sql<number>`sum(r.value_fen)`.as('valueFen')])
    .groupBy('r.category')
    .orderBy('r.category')
    .execute();
  return { ...head, resources };
}

/** Events for an export, in id order after a key (keyset), with the same filters as the list. */
export function listEventsAfter(
  db: Executor,
  scope: Scope,
  q: Omit<EventListQuery, 'page' | 'pageSize'>,
  afterId: string | null,
  limit: number,
) {
  let query = eventFilters(db, scope, q)
    .innerJoin('orgUnits as o', 'o.id', 'e.ownerOrgId')
    .leftJoin(resourceSums(db).as('r'), 'r.eventId', 'e.id')
    .selectAll('e')
    .select([
      'o.name as ownerOrgName',
      sql<number>`coalesce(r.quantity, 0)`.as('resourceQuantity'),
      sql<number>`coalesce(r.value_fen, 0)`.as('resourceValueFen'),
    ]);
  if (afterId) query = query.where('e.id', '>', afterId);
  return query.orderBy('e.id').limit(limit).execute();
}

export function listResources(db: Executor, eventId: string) {
  return db.selectFrom('activityEventResources').selectAll().where('eventId', '=', eventId).orderBy('sortOrder').execute();
}

export async function replaceResources(db: Executor, eventId: string, rows: ActivityEventResourcesTable[]) {
  await db.deleteFrom('activityEventResources').where('eventId', '=', eventId).execute();
  if (rows.length) await db.insertInto('activityEventResources').values(rows).execute();
}

/** Moves an event's child rows with it when its organising unit changes (they carry the owner for scoping). */
export async function setEventChildrenOwner(db: Executor, eventId: string, ownerOrgId: string) {
  await db.updateTable('activityEventResources').set({ ownerOrgId }).where('eventId', '=', eventId).execute();
  await db.updateTable('activityEventParticipants').set({ ownerOrgId }).where('eventId', '=', eventId).execute();
  await db.updateTable('activityEventPhotos').set({ ownerOrgId }).where('eventId', '=', eventId).execute();
}

export async function deleteEvent(db: Executor, id: string) {
  await db.updateTable('activityPublicity').set({ eventId: null }).where('eventId', '=', id).execute();
  await db.deleteFrom('activityEventResources').where('eventId', '=', id).execute();
  await db.deleteFrom('activityEventParticipants').where('eventId', '=', id).execute();
  await db.deleteFrom('activityEventPhotos').where('eventId', '=', id).execute();
  await db.deleteFrom('activityEvents').where('id', '=', id).execute();
}

// ---------------------------------------------------------------- roster

/** Inserts roster rows in multi-row statements (an import of 100,000 rows is a few hundred statements). */
export async function insertParticipants(db: Executor, rows: ActivityEventParticipantsTable[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('activityEventParticipants')
      .values(rows.slice(i, i + 500))
      .execute();
}

export function listParticipants(db: Executor, eventId: string, page: { limit: number; offset: number }) {
  return db
    .selectFrom('activityEventParticipants')
    .select(['id', 'kind', 'name', 'gender', 'unitName', 'participantGroup as group', 'phoneMasked'])
    .where('eventId', '=', eventId)
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export function listParticipantsAfter(db: Executor, eventId: string, afterId: string | null, limit: number) {
  let q = db.selectFrom('activityEventParticipants').selectAll().where('eventId', '=', eventId);
  if (afterId) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}

/** The roster's size and its breakdown by group, from the rows. */
export async function rosterCounts(db: Executor, eventId: string) {
  const rows = await db
    .selectFrom('activityEventParticipants')
    .select(['participantGroup', sql<number>`count(*)`.as('n')])
    .where('eventId', '=', eventId)
    .groupBy('participantGroup')
    .execute();
  const total = rows.reduce((a, r) => a + Number(r.n), 0);
  const groups: Record<string, number> = {};
  for (const r of rows) if (r.participantGroup) groups[r.participantGroup] = Number(r.n);
  return { total, groups };
}

export function findParticipant(db: Executor, eventId: string, id: string) {
  return db.selectFrom('activityEventParticipants').selectAll().where('eventId', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export function deleteParticipant(db: Executor, id: string) {
  return db.deleteFrom('activityEventParticipants').where('id', '=', id).execute();
}

// ---------------------------------------------------------------- photos

export function insertPhoto(db: Executor, row: ActivityEventPhotosTable) {
  return db.insertInto('activityEventPhotos').values(row).execute();
}
export function listPhotos(db: Executor, eventId: string) {
  return db.selectFrom('activityEventPhotos').selectAll().where('eventId', '=', eventId).orderBy('createdAt').orderBy('id').execute();
}
export function findPhoto(db: Executor, eventId: string, id: string) {
  return db.selectFrom('activityEventPhotos').selectAll().where('eventId', '=', eventId).where('id', '=', id).executeTakeFirst();
}
export function deletePhoto(db: Executor, id: string) {
  return db.deleteFrom('activityEventPhotos').where('id', '=', id).execute();
}

// ---------------------------------------------------------------- training

export function insertCourse(db: Executor, row: TrainingCoursesTable) {
  return db.insertInto('trainingCourses').values(row).execute();
}
export function updateCourse(db: Executor, id: string, patch: Partial<TrainingCoursesTable>) {
  return db.updateTable('trainingCourses').set(patch).where('id', '=', id).execute();
}

const courseStats = (db: Executor) =>
  db
    .selectFrom('trainingSessions as s')
    .select(['s.courseId', sql<number>`count(*)`.as('sessions'), sql<number>`sum(s.attendee_count)`.as('attendees')])
    .groupBy('s.courseId');
const traineeStats = (db: Executor) =>
  db
    .selectFrom('trainingTrainees as t')
    .select([
      't.courseId',
      sql<number>`count(*)`.as('trainees'),
      sql<number>`sum(case when t.outcome = 'reemployed' then 1 else 0 end)`.as('reemployed'),
      sql<number>`sum(case when t.outcome = 'started_business' then 1 else 0 end)`.as('startedBusiness'),
    ])
    .groupBy('t.courseId');

function courseFilters(db: Executor, scope: Scope, q: Omit<CourseListQuery, 'page' | 'pageSize'>) {
  let query = db.selectFrom('trainingCourses as c').where((eb) => orgInScope(eb, 'c.owner_org_id', scope));
  if (q.category) query = query.where('c.category', '=', q.category);
  if (q.from) query = query.where('c.startDate', '>=', q.from);
  if (q.to) query = query.where('c.startDate', '<=', q.to);
  if (q.q) query = query.where(containsText('c.title', q.q));
  return query;
}

function withCourseStats(db: Executor, query: ReturnType<typeof courseFilters>) {
  return query
    .innerJoin('orgUnits as o', 'o.id', 'c.ownerOrgId')
    .leftJoin(courseStats(db).as('cs'), 'cs.courseId', 'c.id')
    .leftJoin(traineeStats(db).as('ts'), 'ts.courseId', 'c.id')
    .selectAll('c')
    .select([
      'o.name as ownerOrgName',
      'o.path as ownerOrgPath',
      sql<number>`coalesce(cs.sessions, 0)`.as('sessions'),
      sql<number>`coalesce(cs.attendees, 0)`.as('attendees'),
      sql<number>`coalesce(ts.trainees, 0)`.as('trainees'),
      sql<number>`coalesce(ts.reemployed, 0)`.as('reemployed'),
      sql<number>`coalesce(ts.started_business, 0)`.as('startedBusiness'),
    ]);
}

export async function listCourses(db: Executor, scope: Scope, q: CourseListQuery) {
  const base = courseFilters(db, scope, q);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const items = await withCourseStats(db, base)
    .orderBy('c.startDate', 'desc')
    .orderBy('c.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}

export function listCoursesAfter(
  db: Executor,
  scope: Scope,
  q: Omit<CourseListQuery, 'page' | 'pageSize'>,
  afterId: string | null,
  limit: number,
) {
  let query = withCourseStats(db, courseFilters(db, scope, q));
  if (afterId) query = query.where('c.id', '>', afterId);
  return query.orderBy('c.id').limit(limit).execute();
}

export function findCourse(db: Executor, id: string) {
  return withCourseStats(db, db.selectFrom('trainingCourses as c')).where('c.id', '=', id).executeTakeFirst();
}

export function insertSession(db: Executor, row: TrainingSessionsTable) {
  return db.insertInto('trainingSessions').values(row).execute();
}
export function updateSession(db: Executor, id: string, patch: Partial<TrainingSessionsTable>) {
  return db.updateTable('trainingSessions').set(patch).where('id', '=', id).execute();
}
export function findSession(db: Executor, id: string) {
  return db.selectFrom('trainingSessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Training sessions with their course, as other modules read them (a parent school's class that is a
 * family-education session): date, topic, teacher and attendance stay here. A subquery: join it `.as('ts')`.
 */
export function trainingSessionsView(db: Executor) {
  return db
    .selectFrom('trainingSessions as tsv')
    .innerJoin('trainingCourses as tcv', 'tcv.id', 'tsv.courseId')
    .select([
      'tsv.id',
      'tsv.ownerOrgId',
      'tsv.sessionDate',
      'tsv.topic',
      'tsv.teacher',
      'tsv.venue',
      'tsv.hours',
      'tsv.attendeeCount',
      'tcv.title as courseTitle',
      'tcv.category',
    ]);
}
export function listSessions(db: Executor, courseId: string) {
  return db
    .selectFrom('trainingSessions as s')
    .selectAll('s')
    .select((eb) =>
      eb.selectFrom('trainingTrainees as t').select(sql<number>`count(*)`.as('n')).whereRef('t.sessionId', '=', 's.id').as('trainees'),
    )
    .where('s.courseId', '=', courseId)
    .orderBy('s.sessionDate')
    .orderBy('s.id')
    .execute();
}

export async function insertTrainees(db: Executor, rows: TrainingTraineesTable[]) {
  for (let i = 0; i < rows.length; i += 300)
    await db
      .insertInto('trainingTrainees')
      .values(rows.slice(i, i + 300))
      .execute();
}
export function findTrainee(db: Executor, id: string) {
  return db.selectFrom('trainingTrainees').selectAll().where('id', '=', id).executeTakeFirst();
}
export function findTraineeInSession(db: Executor, sessionId: string, idNumberBidx: string) {
  return db
    .selectFrom('trainingTrainees')
    .select('id')
    .where('sessionId', '=', sessionId)
    .where('idNumberBidx', '=', idNumberBidx)
    .executeTakeFirst();
}
export function updateTrainee(db: Executor, id: string, patch: Partial<TrainingTraineesTable>) {
  return db.updateTable('trainingTrainees').set(patch).where('id', '=', id).execute();
}
export function deleteTrainee(db: Executor, id: string) {
  return db.deleteFrom('trainingTrainees').where('id', '=', id).execute();
}
export function listTrainees(db: Executor, sessionId: string) {
  return db.selectFrom('trainingTrainees').selectAll().where('sessionId', '=', sessionId).orderBy('id').execute();
}
export function listTraineesAfter(db: Executor, sessionId: string, afterId: string | null, limit: number) {
  let q = db.selectFrom('trainingTrainees').selectAll().where('sessionId', '=', sessionId);
  if (afterId) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}
/**
 * Training-roster rows inside a scope, for other modules (the placement module's "training taken"): by the linked
 * person, by exact name, or by id; optionally only one outcome or course category. Newest session first.
 */
export function searchTraineeRecords(
  db: Executor,
  scope: Scope,
  q: {
    personId?: string;
    name?: string;
    traineeIds?: string[];
    outcome?: TraineeOutcome;
    category?: TrainingCategory;
    limit: number;
  },
) {
  let query = db
    .selectFrom('trainingTrainees as t')
    .innerJoin('trainingSessions as s', 's.id', 't.sessionId')
    .innerJoin('trainingCourses as c', 'c.id', 't.courseId')
    .where((eb) => orgInScope(eb, 't.owner_org_id', scope));
  if (q.personId && q.name) {
    const { personId, name } = q;
    query = query.where((eb) => eb.or([eb('t.personId', '=', personId), eb('t.name', '=', name)]));
  } else if (q.personId) query = query.where('t.personId', '=', q.personId);
  else if (q.name) query = query.where('t.name', '=', q.name);
  if (q.traineeIds) query = q.traineeIds.length ? query.where('t.id', 'in', q.traineeIds) : query.where(sql<SqlBool>`1 = 0`);
  if (q.outcome) query = query.where('t.outcome', '=', q.outcome);
  if (q.category) query = query.where('c.category', '=', q.category);
  return query
    .select([
      't.id as traineeId',
      't.name',
      't.gender',
      't.personId',
      't.outcome',
      't.outcomeDate',
      'c.title as courseTitle',
      'c.category',
      's.topic',
      's.sessionDate',
    ])
    .orderBy('s.sessionDate', 'desc')
    .orderBy('t.id')
    .limit(q.limit)
    .execute();
}
export async function countAttended(db: Executor, sessionId: string) {
  const r = await db
    .selectFrom('trainingTrainees')
    .select(sql<number>`count(*)`.as('n'))
    .where('sessionId', '=', sessionId)
    .where('attended', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---------------------------------------------------------------- publicity

export function insertPublicity(db: Executor, row: ActivityPublicityTable) {
  return db.insertInto('activityPublicity').values(row).execute();
}
export function deletePublicity(db: Executor, id: string) {
  return db.deleteFrom('activityPublicity').where('id', '=', id).execute();
}
export function findPublicity(db: Executor, id: string) {
  return db
    .selectFrom('activityPublicity as p')
    .innerJoin('orgUnits as o', 'o.id', 'p.ownerOrgId')
    .selectAll('p')
    .select(['o.name as ownerOrgName', 'o.path as ownerOrgPath'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}
function publicityFilters(db: Executor, scope: Scope, q: Omit<PublicityListQuery, 'page' | 'pageSize'>) {
  let query = db.selectFrom('activityPublicity as p').where((eb) => orgInScope(eb, 'p.owner_org_id', scope));
  if (q.level) query = query.where('p.level', '=', q.level);
  if (q.medium) query = query.where('p.medium', '=', q.medium);
  if (q.from) query = query.where('p.publishedOn', '>=', q.from);
  if (q.to) query = query.where('p.publishedOn', '<=', q.to);
  return query;
}
export async function listPublicity(db: Executor, scope: Scope, q: PublicityListQuery) {
  const base = publicityFilters(db, scope, q);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const items = await base
    .innerJoin('orgUnits as o', 'o.id', 'p.ownerOrgId')
    .selectAll('p')
    .select('o.name as ownerOrgName')
    .orderBy('p.publishedOn', 'desc')
    .orderBy('p.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}
export function listPublicityAfter(
  db: Executor,
  scope: Scope,
  q: Omit<PublicityListQuery, 'page' | 'pageSize'>,
  afterId: string | null,
  limit: number,
) {
  let query = publicityFilters(db, scope, q)
    .innerJoin('orgUnits as o', 'o.id', 'p.ownerOrgId')
    .selectAll('p')
    .select('o.name as ownerOrgName');
  if (afterId) query = query.where('p.id', '>', afterId);
  return query.orderBy('p.id').limit(limit).execute();
}
