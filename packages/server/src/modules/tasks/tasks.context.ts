import {
  EDITABLE_STATUSES,
  REPORTED_STATUSES,
  answerTransitionProblem,
  shanghaiDate,
  type AnswerAction,
  type TaskAnswer,
  type TaskField,
  type TaskValues,
} from '@jinguo/domain';
import type { Db } from '../../db/database.js';
import { can, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.js';
import * as repo from './tasks.repository.js';

export type TasksDeps = { db: Db; clock: Clock };

/** Loading tasks and answers in the caller's scope, and presenting an answer: shared by the task services. */
export function createTasksContext({ db, clock }: TasksDeps) {
  const today = () => shanghaiDate(clock.now());
  const fieldsOf = (task: repo.TaskRow) => JSON.parse(task.fields) as TaskField[];
  const valuesOf = (a: { answerValues: string }) => JSON.parse(a.answerValues) as TaskValues;

  /**
   * A task the caller may read: sent by a unit in the caller's scope (the sender's view: every answer), or sent to
   * one (a target's view: only its own units' answers, never a sibling's). Anything else is 404.
   */
  async function loadTaskForRead(actor: Actor, id: string) {
    const scope = requirePermission(actor, 'tasks.read');
    const task = await repo.findTask(db, id);
    if (!task) throw new NotFoundError('任务');
    const senderView = pathInScope(scope, task.ownerOrgPath);
    if (!senderView && !(await repo.hasAnswerInScope(db, id, scope))) throw new NotFoundError('任务');
    return { task, scope, senderView };
  }

  /** An answer the caller fills for her unit: the unit in her answer scope; the sender never fills for a target. */
  async function loadAnswerForAnswering(actor: Actor, id: string, answerId: string) {
    const scope = requirePermission(actor, 'tasks.answer');
    const task = await repo.findTask(db, id);
    const answer = task && (await repo.findAnswer(db, id, answerId));
    if (!task || !answer || !pathInScope(scope, answer.orgUnitPath)) throw new NotFoundError('填报');
    if (pathInScope(scope, task.ownerOrgPath)) throw new ForbiddenError('发出任务的单位不能代下级单位填报');
    return { task, answer };
  }

  /** An answer the sender reviews (returns, approves): the task's unit in the caller's write scope. */
  async function loadAnswerForDeciding(actor: Actor, id: string, answerId: string) {
    const scope = requirePermission(actor, 'tasks.write');
    const task = await repo.findTask(db, id);
    if (!task || !pathInScope(scope, task.ownerOrgPath)) throw new NotFoundError('填报');
    const answer = await repo.findAnswer(db, id, answerId);
    if (!answer) throw new NotFoundError('填报');
    return { task, answer };
  }

  /** 409 naming the answer's state when the action is not allowed from it. */
  function assertTransition(answer: repo.AnswerRow, action: AnswerAction) {
    const problem = answerTransitionProblem(answer.status, action);
    if (problem) throw new ConflictError(problem);
  }
  /** The answer moved between the check and the write (another person acted): refuse rather than overwrite. */
  function movedMeanwhile(): never {
    throw new ConflictError('该填报的状态刚刚被他人更改，请刷新后重试');
  }

  function isLate(a: repo.AnswerRow, deadline: string, now: string) {
    if (a.submittedAt && REPORTED_STATUSES.includes(a.status)) return shanghaiDate(new Date(a.submittedAt)) > deadline;
    return now > deadline;
  }

  type Progress = TaskAnswer['forward'];
  /** Each forwarded answer's progress below it: the city sees which districts wait on which townships. */
  async function forwardProgress(taskId: string): Promise<Map<string, NonNullable<Progress>>> {
    const rows = await repo.listForwardedProgress(db, taskId);
    const out = new Map<string, NonNullable<Progress>>();
    for (const r of rows) {
      const key = r.parentAnswerId ?? '';
      const p = out.get(key) ?? { taskId: r.taskId, expected: 0, reported: 0, waiting: [] };
      p.expected++;
      if (REPORTED_STATUSES.includes(r.status)) p.reported++;
      else p.waiting.push({ orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName });
      out.set(key, p);
    }
    return out;
  }

  function presentAnswer(
    actor: Actor,
    task: repo.TaskRow,
    a: repo.AnswerRow,
    now: string,
    progress: Map<string, NonNullable<Progress>>,
  ): TaskAnswer {
    const answerScope = can(actor, 'tasks.answer') ? requirePermission(actor, 'tasks.answer') : null;
    const writeScope = can(actor, 'tasks.write') ? requirePermission(actor, 'tasks.write') : null;
    const edit =
      !!answerScope &&
      pathInScope(answerScope, a.orgUnitPath) &&
      !pathInScope(answerScope, task.ownerOrgPath) &&
      EDITABLE_STATUSES.includes(a.status);
    const forward = progress.get(a.id) ?? null;
    return {
      id: a.id,
      taskId: a.taskId,
      orgUnitId: a.orgUnitId,
      orgUnitName: a.orgUnitName,
      status: a.status,
      values: valuesOf(a),
      returnReason: a.returnReason,
      submittedAt: a.submittedAt,
      decidedAt: a.decidedAt,
      updatedAt: a.updatedAt,
      late: isLate(a, task.deadline, now),
      forward,
      can: {
        edit,
        decide: !!writeScope && pathInScope(writeScope, task.ownerOrgPath) && a.status === 'submitted',
        forward: edit && !!writeScope && pathInScope(writeScope, a.orgUnitPath) && !forward,
      },
    };
  }

  return {
    today,
    fieldsOf,
    valuesOf,
    loadTaskForRead,
    loadAnswerForAnswering,
    loadAnswerForDeciding,
    assertTransition,
    movedMeanwhile,
    isLate,
    forwardProgress,
    presentAnswer,
  };
}
export type TasksContext = ReturnType<typeof createTasksContext>;
