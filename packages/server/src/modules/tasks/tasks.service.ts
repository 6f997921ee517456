import type { FastifyReply } from 'fastify';
import {
  REPORTED_STATUSES,
  addDays,
  createTaskSchema,
  forwardTaskSchema,
  formProblems,
  mergedCells,
  mergedColumns,
  type CreateTask,
  type ForwardTask,
  type MergedResult,
  type TaskDetail,
  type TaskField,
  type TaskListQuery,
  type TaskListItem,
  type Targets,
} from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { auditActor, can, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, fieldError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import { sendExport, type UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../../platform/notifications.js';
import { validate } from '../../platform/validate.js';
import { createAnswersService } from './tasks.answers.service.js';
import { createTasksContext, type TasksDeps } from './tasks.context.js';
import { mergedExportSpec } from './tasks.excel.js';
import { listAttachments, openAttachment, storeAttachment } from './tasks.files.js';
import * as repo from './tasks.repository.js';

export type TasksService = ReturnType<typeof createTasksService>;

/** Days before the deadline when the daily job first reminds a unit that has not reported. */
export const REMIND_DAYS_BEFORE = 3;

/**
 * The units a task or notice goes to, checked: inside the sender's subtree, active, at least one. Shared by tasks,
 * forwarded tasks and notices.
 */
export async function resolveTargets(db: Executor, owner: { id: string; path: string }, t: Targets) {
  if (t.mode === 'kinds' && !t.kinds?.length) throw fieldError('targets.kinds', '请选择下发的单位类型');
  if (t.mode === 'chosen' && !t.unitIds?.length) throw fieldError('targets.unitIds', '请选择下发的单位');
  const units = await repo.listTargetUnits(db, owner, t);
  if (t.mode === 'chosen' && units.length !== new Set(t.unitIds).size)
    throw fieldError('targets.unitIds', '所选单位中有不属于发出单位下级范围或已停用的单位');
  if (units.length === 0) throw fieldError('targets', '下发范围内没有单位');
  return units;
}

/** 任务下发: create and forward tasks, the sender's status page, the merged result, attachments, reminders. */
export function createTasksService(deps: TasksDeps) {
  const { db, clock } = deps;
  const ctx = createTasksContext(deps);
  const answers = createAnswersService(deps, ctx);

  async function insertTaskWithAnswers(
    trx: Executor,
    t: { id: string; ownerOrgId: string; title: string; instructions: string; deadline: string; fields: TaskField[]; targets: Targets },
    units: { id: string }[],
    actor: Actor,
    parent: { taskId: string; answerId: string } | null,
  ) {
    const at = clock.now().toISOString();
    await repo.insertTask(trx, {
      id: t.id,
      ownerOrgId: t.ownerOrgId,
      title: t.title,
      instructions: t.instructions,
      deadline: t.deadline,
      fields: JSON.stringify(t.fields),
      targetMode: t.targets.mode,
      parentTaskId: parent?.taskId ?? null,
      parentAnswerId: parent?.answerId ?? null,
      createdBy: actor.userId,
      createdAt: at,
    });
    await repo.insertAnswers(
      trx,
      units.map((u) => ({
        id: newId(),
        taskId: t.id,
        orgUnitId: u.id,
        status: 'pending' as const,
        answerValues: '{}',
        returnReason: null,
        submittedAt: null,
        submittedBy: null,
        decidedAt: null,
        decidedBy: null,
        updatedAt: at,
      })),
    );
  }

  async function detail(actor: Actor, id: string): Promise<TaskDetail> {
    const { task, scope, senderView } = await ctx.loadTaskForRead(actor, id);
    const now = ctx.today();
    const rows = await repo.listAnswers(db, id, senderView ? null : scope);
    const progress = await ctx.forwardProgress(id);
    const list = rows.map((a) => ctx.presentAnswer(actor, task, a, now, progress));
    const writeScope = can(actor, 'tasks.write') ? requirePermission(actor, 'tasks.write') : null;
    return {
      id: task.id,
      title: task.title,
      instructions: task.instructions,
      ownerOrgId: task.ownerOrgId,
      ownerOrgName: task.ownerOrgName,
      deadline: task.deadline,
      fields: ctx.fieldsOf(task),
      parentTaskId: task.parentTaskId,
      parentAnswerId: task.parentAnswerId,
      createdAt: task.createdAt,
      files: await listAttachments(db, id),
      expected: list.length,
      reported: list.filter((a) => REPORTED_STATUSES.includes(a.status)).length,
      lateCount: list.filter((a) => a.late && !REPORTED_STATUSES.includes(a.status)).length,
      answers: list,
      can: { manage: !!writeScope && pathInScope(writeScope, task.ownerOrgPath) },
    };
  }

  async function merged(actor: Actor, id: string): Promise<MergedResult & { ownerOrgId: string }> {
    const { task, scope, senderView } = await ctx.loadTaskForRead(actor, id);
    const fields = ctx.fieldsOf(task);
    const columns = mergedColumns(fields);
    const rows = (await repo.listAnswers(db, id, senderView ? null : scope)).map((a) => {
      const reported = REPORTED_STATUSES.includes(a.status);
      return {
        orgUnitId: a.orgUnitId,
        orgUnitName: a.orgUnitName,
        status: a.status,
        // Only a reported answer's values count: a draft is the unit's work in progress.
        cells: reported ? mergedCells(fields, ctx.valuesOf(a)) : {},
      };
    });
    const totals: Record<string, number> = {};
    for (const c of columns.filter((c) => c.summable))
      totals[c.key] = rows.reduce((s, r) => s + (typeof r.cells[c.key] === 'number' ? (r.cells[c.key] as number) : 0), 0);
    return {
      taskId: task.id,
      ownerOrgId: task.ownerOrgId,
      title: task.title,
      columns,
      rows,
      totals,
      expected: rows.length,
      reported: rows.filter((r) => REPORTED_STATUSES.includes(r.status)).length,
    };
  }

  return {
    ...answers,
    getTask: detail,
    getMerged: merged,

    async listTasks(actor: Actor, q: TaskListQuery): Promise<{ items: TaskListItem[]; total: number; page: number; pageSize: number }> {
      const readScope = requirePermission(actor, 'tasks.read');
      const page = { page: q.page, pageSize: q.pageSize };
      const { items, total } =
        q.box === 'sent'
          ? await repo.listSentTasks(db, readScope, page)
          : can(actor, 'tasks.answer')
            ? await repo.listReceivedTasks(db, requirePermission(actor, 'tasks.answer'), readScope, page)
            : { items: [], total: 0 };
      return {
        items: items.map((r) => {
          const mine = r as Partial<{ myStatus: string; myAnswerId: string }>;
          return {
            id: r.id,
            title: r.title,
            ownerOrgId: r.ownerOrgId,
            ownerOrgName: r.ownerOrgName,
            deadline: r.deadline,
            parentTaskId: r.parentTaskId,
            createdAt: r.createdAt,
            expected: Number(r.expected ?? 0),
            reported: Number(r.reported ?? 0),
            myStatus: (mine.myStatus ?? null) as TaskListItem['myStatus'],
            myAnswerId: mine.myAnswerId ?? null,
          };
        }),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** Sends a task down: one answer row per target unit, all in one transaction with its audit entry. */
    async createTask(actor: Actor, body: CreateTask) {
      const scope = requirePermission(actor, 'tasks.write');
      const v = validate(createTaskSchema, body);
      const problems = formProblems(v.fields);
      if (problems.length) throw new ValidationError(problems.map((p) => p.message).join('；'), problems);
      const owner = await repo.findUnitWithPath(db, v.ownerOrgId);
      if (!owner || !pathInScope(scope, owner.path)) throw fieldError('ownerOrgId', '发出单位不存在或不在您的工作范围内');
      if (v.deadline < ctx.today()) throw fieldError('deadline', '截止日期不能早于今天');
      const units = await resolveTargets(db, owner, v.targets);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await insertTaskWithAnswers(trx, { id, ...v, ownerOrgId: owner.id }, units, actor, null);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'task.create',
          entityType: 'task',
          entityId: id,
          orgUnitId: owner.id,
          detail: { title: v.title, deadline: v.deadline, targets: units.length, fields: v.fields.length },
        });
      });
      return detail(actor, id);
    },

    /**
     * The cascade: a target forwards the task it received to its own units (a child task with the parent's form),
     * later adds up their answers (mergeFromBelow) and submits the sum upward.
     */
    async forwardTask(actor: Actor, id: string, answerId: string, body: ForwardTask) {
      const { task, answer } = await ctx.loadAnswerForAnswering(actor, id, answerId);
      const writeScope = requirePermission(actor, 'tasks.write');
      if (!pathInScope(writeScope, answer.orgUnitPath)) throw new ForbiddenError('您没有向下级单位转发任务的权限');
      ctx.assertTransition(answer, 'forward');
      if (await repo.findChildTaskOf(db, answerId)) throw new ConflictError('该任务已转发给下级单位，不能重复转发');
      const v = validate(forwardTaskSchema, body);
      if (v.deadline < ctx.today()) throw fieldError('deadline', '截止日期不能早于今天');
      if (v.deadline > task.deadline) throw fieldError('deadline', `下级的截止日期不能晚于上级任务的截止日期（${task.deadline}）`);
      const units = await resolveTargets(db, { id: answer.orgUnitId, path: answer.orgUnitPath }, v.targets);
      const childId = newId();
      await db.transaction().execute(async (trx) => {
        await insertTaskWithAnswers(
          trx,
          {
            id: childId,
            ownerOrgId: answer.orgUnitId,
            title: task.title,
            instructions: v.instructions || task.instructions,
            deadline: v.deadline,
            fields: ctx.fieldsOf(task),
            targets: v.targets,
          },
          units,
          actor,
          { taskId: task.id, answerId },
        );
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'task.forward',
          entityType: 'task',
          entityId: childId,
          orgUnitId: answer.orgUnitId,
          detail: { parentTaskId: task.id, parentAnswerId: answerId, targets: units.length, deadline: v.deadline },
        });
      });
      return detail(actor, childId);
    },

    async exportMerged(actor: Actor, id: string, reply: FastifyReply) {
      const m = await merged(actor, id);
      const spec = mergedExportSpec(m);
      async function* rows() {
        for (const r of m.rows) yield { id: r.orgUnitId, unit: r.orgUnitName, status: r.status, ...r.cells };
        yield { id: 'total', unit: `合计（已报${m.reported}/应报${m.expected}）`, status: null, ...m.totals };
      }
      return sendExport(reply, deps, { actor, spec, rows: rows(), filters: { taskId: id }, orgUnitId: m.ownerOrgId });
    },

    async addAttachment(actor: Actor, id: string, source: UploadSource) {
      const scope = requirePermission(actor, 'tasks.write');
      const { task } = await ctx.loadTaskForRead(actor, id);
      if (!pathInScope(scope, task.ownerOrgPath)) throw new ForbiddenError('只有发出任务的单位可以添加附件');
      await storeAttachment(deps, actor, { type: 'task', id, ownerOrgId: task.ownerOrgId }, source);
      return detail(actor, id);
    },
    async openAttachment(actor: Actor, id: string, fileId: string) {
      await ctx.loadTaskForRead(actor, id);
      return openAttachment(deps, id, fileId);
    },

    /**
     * The daily reminders: each target unit that has not reported is told, through its responsible people's in-app
     * notices, once within REMIND_DAYS_BEFORE days of the deadline and once when late. Dedup keys make a second run
     * the same day (or any later day) send nothing twice.
     */
    async runDaily() {
      const today = ctx.today();
      const open = await repo.listOpenAnswersDue(db, addDays(today, REMIND_DAYS_BEFORE));
      let reminders = 0;
      let late = 0;
      const people = await repo.listResponsibleUsers(db, [...new Set(open.map((a) => a.orgUnitId))]);
      const byUnit = new Map<string, string[]>();
      for (const p of people) byUnit.set(p.orgUnitId, [...(byUnit.get(p.orgUnitId) ?? []), p.userId]);
      await db.transaction().execute(async (trx) => {
        for (const a of open) {
          const overdue = a.deadline < today;
          for (const userId of byUnit.get(a.orgUnitId) ?? []) {
            const sent = await notify(trx, clock, {
              userId,
              title: overdue ? `任务「${a.title}」已逾期未报` : `任务「${a.title}」将于${a.deadline}截止`,
              body: overdue ? `截止日期为${a.deadline}，请尽快填报并提交。` : '请在截止日期前填报并提交。',
              link: `/tasks/${a.taskId}`,
              dedupKey: `task.${overdue ? 'late' : 'due'}:${a.id}:${userId}`,
            });
            if (sent) overdue ? late++ : reminders++;
          }
        }
      });
      return { reminders, late };
    },
  };
}
