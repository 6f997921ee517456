import type { AnswerStatus, OrgKind, Permission } from '@jinguo/domain';
import { GEOGRAPHIC_KINDS, REPORTED_STATUSES, ROLES, permissionsOf } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { bulkInsert } from '../../db/bulk.js';
import { orgInScope, pathUpperBound } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { TaskAnswersTable, TaskFilesTable, TasksTable } from './tasks.tables.js';

const reported = REPORTED_STATUSES as AnswerStatus[];

// ---------------------------------------------------------------- targets (the unit tree)

/** The active units a task or notice goes to, inside the sender's subtree (never the sender itself). */
export function listTargetUnits(
  db: Executor,
  owner: { id: string; path: string },
  t: { mode: 'children' | 'kinds' | 'chosen'; kinds?: OrgKind[]; unitIds?: string[] },
) {
  let q = db
    .selectFrom('orgUnits')
    .select(['id', 'name', 'path'])
    .where('active', '=', 1)
    .where('id', '!=', owner.id)
    .where('path', '>=', owner.path)
    .where('path', '<', pathUpperBound(owner.path));
  // "All children" are the federation's own units below (townships, streets, villages …), not its departments or agencies.
  if (t.mode === 'children') q = q.where('parentId', '=', owner.id).where('kind', 'in', [...GEOGRAPHIC_KINDS]);
  else if (t.mode === 'kinds') q = q.where('kind', 'in', t.kinds?.length ? t.kinds : ['__none__' as OrgKind]);
  else q = q.where('id', 'in', t.unitIds?.length ? t.unitIds : ['__none__']);
  return q.orderBy('path').execute();
}

export function findUnitWithPath(db: Executor, id: string) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst();
}

/** Active users holding, at exactly these units, a role that may answer tasks: the units' responsible people. */
export function listResponsibleUsers(db: Executor, unitIds: string[], permission: Permission = 'tasks.answer') {
  const roles = ROLES.filter((r) => permissionsOf(r).includes(permission));
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('roleAssignments as ra')
    .innerJoin('users as u', 'u.id', 'ra.userId')
    .select(['u.id as userId', 'ra.orgUnitId'])
    .where('ra.orgUnitId', 'in', unitIds)
    .where('ra.role', 'in', roles)
    .where('u.active', '=', 1)
    .distinct()
    .execute();
}

// ---------------------------------------------------------------- tasks

export function insertTask(db: Executor, row: TasksTable) {
  return db.insertInto('tasks').values(row).execute();
}

export function insertAnswers(db: Executor, rows: TaskAnswersTable[]) {
  return bulkInsert(db, 'task_answers', rows);
}

export function findTask(db: Executor, id: string) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('orgUnits as o', 'o.id', 't.ownerOrgId')
    .selectAll('t')
    .select(['o.name as ownerOrgName', 'o.path as ownerOrgPath'])
    .where('t.id', '=', id)
    .executeTakeFirst();
}
export type TaskRow = NonNullable<Awaited<ReturnType<typeof findTask>>>;

/** The task forwarded from an answer (the cascade), if any. */
export function findChildTaskOf(db: Executor, answerId: string) {
  return db.selectFrom('tasks').select(['id']).where('parentAnswerId', '=', answerId).executeTakeFirst();
}

const counts = (db: Executor) =>
  db
    .selectFrom('taskAnswers')
    .select((eb) => [
      'taskId',
      eb.fn.countAll<number>().as('expected'),
      eb.fn.sum<number>(eb.case().when('status', 'in', reported).then(1).else(0).end()).as('reported'),
    ])
    .groupBy('taskId');

/** Tasks sent by units inside the scope, newest first, with 已报/应报. */
export async function listSentTasks(db: Executor, scope: Scope, page: { page: number; pageSize: number }) {
  const base = db.selectFrom('tasks as t').where((eb) => orgInScope(eb, 't.ownerOrgId', scope));
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await base
    .innerJoin('orgUnits as o', 'o.id', 't.ownerOrgId')
    .leftJoin(counts(db).as('c'), 'c.taskId', 't.id')
    .select([
      't.id',
      't.title',
      't.ownerOrgId',
      'o.name as ownerOrgName',
      't.deadline',
      't.parentTaskId',
      't.createdAt',
      'c.expected',
      'c.reported',
    ])
    .orderBy('t.createdAt', 'desc')
    .orderBy('t.id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { items, total: Number(n) };
}

/** Tasks addressed to units inside the answer scope by a unit outside it (what my units must answer). */
export async function listReceivedTasks(db: Executor, answerScope: Scope, readScope: Scope, page: { page: number; pageSize: number }) {
  const base = db
    .selectFrom('taskAnswers as a')
    .innerJoin('tasks as t', 't.id', 'a.taskId')
    .where((eb) => orgInScope(eb, 'a.orgUnitId', answerScope))
    .where((eb) => eb.not(orgInScope(eb, 't.ownerOrgId', readScope)));
  const { n } = await base.select((eb) => eb.fn.count<number>('t.id').distinct().as('n')).executeTakeFirstOrThrow();
  const items = await base
    .innerJoin('orgUnits as o', 'o.id', 't.ownerOrgId')
    .leftJoin(counts(db).as('c'), 'c.taskId', 't.id')
    .select([
      't.id',
      't.title',
      't.ownerOrgId',
      'o.name as ownerOrgName',
      't.deadline',
      't.parentTaskId',
      't.createdAt',
      'c.expected',
      'c.reported',
    ])
    .select((eb) => [eb.fn.min('a.status').as('myStatus'), eb.fn.min('a.id').as('myAnswerId')])
    .groupBy(['t.id', 't.title', 't.ownerOrgId', 'o.name', 't.deadline', 't.parentTaskId', 't.createdAt', 'c.expected', 'c.reported'])
    .orderBy('t.deadline', 'asc')
    .orderBy('t.id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { items, total: Number(n) };
}

/** A task's answers inside the scope, with the unit's name, in tree order. */
export function listAnswers(db: Executor, taskId: string, scope: Scope | null) {
  let q = db
    .selectFrom('taskAnswers as a')
    .innerJoin('orgUnits as o', 'o.id', 'a.orgUnitId')
    .selectAll('a')
    .select(['o.name as orgUnitName', 'o.path as orgUnitPath'])
    .where('a.taskId', '=', taskId);
  if (scope) q = q.where((eb) => orgInScope(eb, 'a.orgUnitId', scope));
  return q.orderBy('o.path').execute();
}
export type AnswerRow = Awaited<ReturnType<typeof listAnswers>>[number];

export function findAnswer(db: Executor, taskId: string, answerId: string) {
  return db
    .selectFrom('taskAnswers as a')
    .innerJoin('orgUnits as o', 'o.id', 'a.orgUnitId')
    .selectAll('a')
    .select(['o.name as orgUnitName', 'o.path as orgUnitPath'])
    .where('a.taskId', '=', taskId)
    .where('a.id', '=', answerId)
    .executeTakeFirst();
}

/** Any answer of the task inside the scope (a target may see the task it answers). */
export async function hasAnswerInScope(db: Executor, taskId: string, scope: Scope) {
  const row = await db
    .selectFrom('taskAnswers as a')
    .select('a.id')
    .where('a.taskId', '=', taskId)
    .where((eb) => orgInScope(eb, 'a.orgUnitId', scope))
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** Moves an answer only if it is still in the status the service checked (a concurrent move makes it 0 rows). */
export async function updateAnswer(db: Executor, id: string, from: AnswerStatus, patch: Partial<TaskAnswersTable>) {
  const r = await db.updateTable('taskAnswers').set(patch).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** For each answer forwarded down: its child task, 已报/应报 there, and the units still waiting. */
export function listForwardedProgress(db: Executor, parentTaskId: string) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('taskAnswers as a', 'a.taskId', 't.id')
    .innerJoin('orgUnits as o', 'o.id', 'a.orgUnitId')
    .select(['t.id as taskId', 't.parentAnswerId', 'a.orgUnitId', 'o.name as orgUnitName', 'a.status'])
    .where('t.parentTaskId', '=', parentTaskId)
    .orderBy('o.path')
    .execute();
}

/** The reported answers of the task forwarded from an answer (what the cascade adds up). */
export function listReportedValuesOfChild(db: Executor, childTaskId: string) {
  return db.selectFrom('taskAnswers').select(['answerValues']).where('taskId', '=', childTaskId).where('status', 'in', reported).execute();
}

/** Open answers (not reported) of tasks whose deadline is on or before `until`: the daily reminders' work. */
export function listOpenAnswersDue(db: Executor, until: string) {
  return db
    .selectFrom('taskAnswers as a')
    .innerJoin('tasks as t', 't.id', 'a.taskId')
    .select(['a.id', 'a.orgUnitId', 't.id as taskId', 't.title', 't.deadline'])
    .where('a.status', 'in', ['pending', 'draft', 'returned'])
    .where('t.deadline', '<=', until)
    .execute();
}

// ---------------------------------------------------------------- notices

export function insertNotice(
  db: Executor,
  row: { id: string; ownerOrgId: string; title: string; body: string; createdBy: string; createdAt: string },
) {
  return db.insertInto('notices').values(row).execute();
}
export function insertReceipts(db: Executor, rows: { id: string; noticeId: string; orgUnitId: string; readAt: null; readBy: null }[]) {
  return bulkInsert(db, 'notice_receipts', rows);
}
export function findNotice(db: Executor, id: string) {
  return db
    .selectFrom('notices as n')
    .innerJoin('orgUnits as o', 'o.id', 'n.ownerOrgId')
    .selectAll('n')
    .select(['o.name as ownerOrgName', 'o.path as ownerOrgPath'])
    .where('n.id', '=', id)
    .executeTakeFirst();
}
export function listReceipts(db: Executor, noticeId: string, scope: Scope | null) {
  let q = db
    .selectFrom('noticeReceipts as r')
    .innerJoin('orgUnits as o', 'o.id', 'r.orgUnitId')
    .leftJoin('users as u', 'u.id', 'r.readBy')
    .select(['r.id', 'r.orgUnitId', 'o.name as orgUnitName', 'r.readAt', 'u.displayName as readByName'])
    .where('r.noticeId', '=', noticeId);
  if (scope) q = q.where((eb) => orgInScope(eb, 'r.orgUnitId', scope));
  return q.orderBy('o.path').execute();
}
/** Records the first read at each of the units (later reads keep the first receipt). */
export async function markReceiptsRead(db: Executor, ids: string[], userId: string, at: string) {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable('noticeReceipts')
    .set({ readAt: at, readBy: userId })
    .where('id', 'in', ids)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

const receiptCounts = (db: Executor) =>
  db
    .selectFrom('noticeReceipts')
    .select((eb) => [
      'noticeId',
      eb.fn.countAll<number>().as('recipients'),
      eb.fn.sum<number>(eb.case().when('readAt', 'is not', null).then(1).else(0).end()).as('read'),
    ])
    .groupBy('noticeId');

export async function listSentNotices(db: Executor, scope: Scope, page: { page: number; pageSize: number }) {
  const base = db.selectFrom('notices as n').where((eb) => orgInScope(eb, 'n.ownerOrgId', scope));
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await base
    .innerJoin('orgUnits as o', 'o.id', 'n.ownerOrgId')
    .leftJoin(receiptCounts(db).as('c'), 'c.noticeId', 'n.id')
    .select(['n.id', 'n.title', 'o.name as ownerOrgName', 'n.createdAt', 'c.recipients', 'c.read'])
    .orderBy('n.createdAt', 'desc')
    .orderBy('n.id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { items, total: Number(n) };
}

export async function listReceivedNotices(db: Executor, scope: Scope, page: { page: number; pageSize: number }) {
  const base = db
    .selectFrom('noticeReceipts as r')
    .innerJoin('notices as n', 'n.id', 'r.noticeId')
    .where((eb) => orgInScope(eb, 'r.orgUnitId', scope))
    .where((eb) => eb.not(orgInScope(eb, 'n.ownerOrgId', scope)));
  const { n } = await base.select((eb) => eb.fn.count<number>('n.id').distinct().as('n')).executeTakeFirstOrThrow();
  const items = await base
    .innerJoin('orgUnits as o', 'o.id', 'n.ownerOrgId')
    .select(['n.id', 'n.title', 'o.name as ownerOrgName', 'n.createdAt'])
    .select((eb) => [
      eb.fn.countAll<number>().as('recipients'),
      eb.fn.sum<number>(eb.case().when('r.readAt', 'is not', null).then(1).else(0).end()).as('read'),
    ])
    .groupBy(['n.id', 'n.title', 'o.name', 'n.createdAt'])
    .orderBy('n.createdAt', 'desc')
    .orderBy('n.id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { items, total: Number(n) };
}

// ---------------------------------------------------------------- files

export function insertFile(db: Executor, row: TaskFilesTable) {
  return db.insertInto('taskFiles').values(row).execute();
}
export function listFiles(db: Executor, parentId: string) {
  return db
    .selectFrom('taskFiles')
    .select(['id', 'fileName', 'size', 'createdAt'])
    .where('parentId', '=', parentId)
    .orderBy('createdAt')
    .execute();
}
export function findFile(db: Executor, parentId: string, fileId: string) {
  return db.selectFrom('taskFiles').selectAll().where('parentId', '=', parentId).where('id', '=', fileId).executeTakeFirst();
}

/**
 * The answers waiting on these units (not yet submitted, or returned to fix), with their task: 我的待办 of the people
 * who answer for the units. The tasks the units sent themselves are not theirs to answer.
 */
export function listAnswersToDo(db: Executor, unitIds: string[]) {
  if (!unitIds.length) return Promise.resolve([]);
  return db
    .selectFrom('taskAnswers as a')
    .innerJoin('tasks as t', 't.id', 'a.taskId')
    .innerJoin('orgUnits as o', 'o.id', 'a.orgUnitId')
    .select(['a.id', 'a.taskId', 'a.status', 'a.returnReason', 'a.updatedAt', 't.title', 't.deadline', 't.createdAt', 'o.name as unitName'])
    .where('a.orgUnitId', 'in', unitIds)
    .where('a.status', 'in', ['pending', 'draft', 'returned'])
    .where('t.ownerOrgId', 'not in', unitIds)
    .orderBy('t.deadline')
    .execute();
}
