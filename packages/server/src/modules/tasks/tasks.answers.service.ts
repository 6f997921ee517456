import {
  answerTransitionProblem,
  approveAnswerSchema,
  checkTaskAnswer,
  mergeTaskAnswers,
  returnAnswerSchema,
  saveAnswerSchema,
  type AnswerStatus,
  type SaveAnswer,
  type TaskValues,
} from '@jinguo/domain';
import type { FastifyReply } from 'fastify';
import type { Executor } from '../../db/database.js';
import { auditActor, pathInScope, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { notify } from '../../platform/notifications.js';
import { validate } from '../../platform/validate.js';
import type { TasksContext, TasksDeps } from './tasks.context.js';
import { answerImportSpec } from './tasks.excel.js';
import * as repo from './tasks.repository.js';

/**
 * An answer's moves, one small function each (the approval engine will take over return and approve): save a
 * draft, submit, return with a reason, approve; plus the cascade's merge and the Excel upload. Each is one
 * transaction with its audit entry; the row moves only from the state that was checked.
 */
export function createAnswersService({ db, clock }: TasksDeps, ctx: TasksContext) {
  async function move(
    actor: Actor,
    task: repo.TaskRow,
    answer: repo.AnswerRow,
    action: string,
    patch: Parameters<typeof repo.updateAnswer>[3],
    detail: Record<string, unknown>,
    after?: (trx: Executor) => Promise<unknown>,
  ) {
    await db.transaction().execute(async (trx) => {
      if (!(await repo.updateAnswer(trx, answer.id, answer.status, { ...patch, updatedAt: clock.now().toISOString() })))
        ctx.movedMeanwhile();
      await appendAudit(trx, clock, auditActor(actor), {
        action,
        entityType: 'task_answer',
        entityId: answer.id,
        orgUnitId: answer.orgUnitId,
        detail: { taskId: task.id, from: answer.status, ...detail },
      });
      await after?.(trx);
    });
    return ctx.presentAnswer(
      actor,
      task,
      (await repo.findAnswer(db, task.id, answer.id))!,
      ctx.today(),
      await ctx.forwardProgress(task.id),
    );
  }

  function checked(task: repo.TaskRow, values: Record<string, unknown>, complete: boolean): TaskValues {
    const r = checkTaskAnswer(ctx.fieldsOf(task), values, { complete });
    if (r.errors.length) throw new ValidationError(r.errors.map((e) => e.message).join('；'), r.errors);
    return r.values;
  }

  /** Tells the target unit's responsible people (in the write's transaction). */
  async function tellUnit(trx: Executor, unitId: string, title: string, body: string, link: string) {
    for (const u of await repo.listResponsibleUsers(trx, [unitId])) await notify(trx, clock, { userId: u.userId, title, body, link });
  }

  return {
    async getAnswer(actor: Actor, id: string, answerId: string) {
      const { task, scope } = await ctx.loadTaskForRead(actor, id);
      const a = await repo.findAnswer(db, id, answerId);
      if (!a || !pathInScope(scope, a.orgUnitPath)) throw new NotFoundError('填报');
      return ctx.presentAnswer(actor, task, a, ctx.today(), await ctx.forwardProgress(id));
    },

    /** Saves the values as a draft (required fields may still be empty); a returned answer becomes a draft again. */
    async saveDraft(actor: Actor, id: string, answerId: string, body: SaveAnswer) {
      const { task, answer } = await ctx.loadAnswerForAnswering(actor, id, answerId);
      ctx.assertTransition(answer, 'save');
      const v = validate(saveAnswerSchema, body);
      const values = checked(task, v.values, false);
      return move(actor, task, answer, 'answer.save', { status: 'draft', answerValues: JSON.stringify(values) }, {});
    },

    /** Submits the answer to the sender: every required field filled. Without a body the saved draft is submitted. */
    async submitAnswer(actor: Actor, id: string, answerId: string, body: SaveAnswer | undefined) {
      const { task, answer } = await ctx.loadAnswerForAnswering(actor, id, answerId);
      ctx.assertTransition(answer, 'submit');
      const raw = body ? validate(saveAnswerSchema, body).values : ctx.valuesOf(answer);
      const values = checked(task, raw, true);
      const at = clock.now().toISOString();
      return move(
        actor,
        task,
        answer,
        'answer.submit',
        { status: 'submitted', answerValues: JSON.stringify(values), submittedAt: at, submittedBy: actor.userId },
        { late: ctx.today() > task.deadline },
      );
    },

    /** The sender returns a submitted answer with a reason; the target fixes and submits again. */
    async returnAnswer(actor: Actor, id: string, answerId: string, body: { reason: string }) {
      const { task, answer } = await ctx.loadAnswerForDeciding(actor, id, answerId);
      ctx.assertTransition(answer, 'return');
      const { reason } = validate(returnAnswerSchema, body);
      return move(
        actor,
        task,
        answer,
        'answer.return',
        { status: 'returned', returnReason: reason, decidedAt: clock.now().toISOString(), decidedBy: actor.userId },
        { reason },
        (trx) =>
          tellUnit(
            trx,
            answer.orgUnitId,
            `任务「${task.title}」的填报被退回`,
            `退回理由：${reason}`,
            `/tasks/${task.id}/answers/${answer.id}`,
          ),
      );
    },

    async approveAnswer(actor: Actor, id: string, answerId: string, body: { comment?: string } | undefined) {
      const { task, answer } = await ctx.loadAnswerForDeciding(actor, id, answerId);
      ctx.assertTransition(answer, 'approve');
      const { comment } = validate(approveAnswerSchema, body ?? {});
      return move(
        actor,
        task,
        answer,
        'answer.approve',
        { status: 'approved', returnReason: null, decidedAt: clock.now().toISOString(), decidedBy: actor.userId },
        { comment: comment ?? null },
      );
    },

    /**
     * The cascade's sum: the reported answers of the task this unit forwarded, added up into its own answer (a
     * draft; text, dates and choices it filled itself are kept), ready to check and submit upward.
     */
    async mergeFromBelow(actor: Actor, id: string, answerId: string) {
      const { task, answer } = await ctx.loadAnswerForAnswering(actor, id, answerId);
      ctx.assertTransition(answer, 'save');
      const child = await repo.findChildTaskOf(db, answerId);
      if (!child) throw new ConflictError('该任务尚未转发给下级单位，没有可汇总的填报');
      const below = (await repo.listReportedValuesOfChild(db, child.id)).map((r) => ctx.valuesOf(r));
      if (below.length === 0) throw new ConflictError('下级单位还没有已提交的填报，无可汇总');
      const fields = ctx.fieldsOf(task);
      const sum = mergeTaskAnswers(fields, below);
      const own = ctx.valuesOf(answer);
      const values: TaskValues = {};
      for (const f of fields) values[f.key] = sum[f.key] ?? own[f.key] ?? null;
      return move(
        actor,
        task,
        answer,
        'answer.merge',
        { status: 'draft', answerValues: JSON.stringify(values) },
        { childTaskId: child.id, merged: below.length },
      );
    },

    /** The task's form as an Excel template of fixed layout. */
    async answerTemplate(actor: Actor, id: string, reply: FastifyReply) {
      const { task } = await ctx.loadTaskForRead(actor, id);
      return sendTemplate(reply, answerImportSpec(task.title, ctx.fieldsOf(task)));
    },

    /** The filled template uploaded through the shared import: errors by row and column, all-or-nothing, saved as a draft. */
    async importAnswer(actor: Actor, id: string, answerId: string, source: UploadSource) {
      const { task, answer } = await ctx.loadAnswerForAnswering(actor, id, answerId);
      ctx.assertTransition(answer, 'save');
      const fields = ctx.fieldsOf(task);
      return startImport(
        { db, clock },
        {
          actor,
          source,
          spec: answerImportSpec(task.title, fields, async (trx, values) => {
            // Checked again inside the import's transaction: the answer may have been submitted since the upload.
            const now = await repo.findAnswer(trx, id, answerId);
            const status = now?.status as AnswerStatus;
            const problem = answerTransitionProblem(status, 'save');
            if (problem) return problem;
            await repo.updateAnswer(trx, answerId, status, {
              status: 'draft',
              answerValues: JSON.stringify(values),
              updatedAt: clock.now().toISOString(),
            });
            return null;
          }),
          targetKey: `task-answer:${answerId}`,
          orgUnitId: answer.orgUnitId,
          entityType: 'task_answer',
          entityId: answerId,
          context: undefined,
        },
      );
    },
  };
}
