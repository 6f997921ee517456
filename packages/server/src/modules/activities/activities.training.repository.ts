import { sql, type SqlBool } from 'kysely';
import type { CourseListQuery, TraineeOutcome, TrainingCategory } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import { containsText } from '../../db/text.js';
import type { Scope } from '../../platform/actor.js';
import type { TrainingCoursesTable, TrainingSessionsTable, TrainingTraineesTable } from './activities.tables.js';

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
