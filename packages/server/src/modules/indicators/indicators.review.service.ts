import {
  indicatorValueIdsSchema,
  reopenIndicatorValueSchema,
  returnIndicatorValuesSchema,
  type IndicatorValue,
  type IndicatorValueEvent,
  type IndicatorValueListQuery,
} from '@jinguo/domain';
import type { z } from 'zod';
import { pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import * as repo from './indicators.repository.js';
import { validate } from '../../platform/validate.js';
import type { IndicatorsContext } from './indicators.context.js';
import { valueLabel } from './indicators.present.js';

/** The review of reported values: submit, approve, return, reopen, and their history. */
export function createReviewService(ctx: IndicatorsContext) {
  const { db, at, presentValues, recordStep, loadForReview, requireStatus, notifyReporters } = ctx;
  return {
    async submitValues(actor: Actor, body: z.input<typeof indicatorValueIdsSchema>): Promise<IndicatorValue[]> {
      const submit = requirePermission(actor, 'indicators.submit');
      const { ids } = validate(indicatorValueIdsSchema, body);
      const unique = [...new Set(ids)];
      const rows = await repo.findValues(db, unique);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const list = unique.map((id) => {
        const r = byId.get(id);
        if (!r || !(pathInScope(submit, r.regionPath) || pathInScope(submit, r.responsibleOrgPath))) throw new NotFoundError('指标数据');
        return r;
      });
      requireStatus(list, ['draft', 'returned'], '只有草稿或被退回的数据可以报送');
      const presented = await presentValues(list);
      const needNote = presented.filter((p) => p.warnings.length > 0 && !p.note);
      if (needNote.length)
        throw new ValidationError(
          needNote.map((p) => `${valueLabel(p)}${p.warnings[0]}：报送前须填写“说明”`).join('；'),
          needNote.map((p) => ({
            path: `ids.${unique.indexOf(p.id)}.note`,
            message: `${valueLabel(p)}${p.warnings[0]}：报送前须填写“说明”`,
          })),
        );
      await db.transaction().execute(async (trx) => {
        for (const r of list) {
          const when = at();
          const ok = await repo.updateValue(trx, r.id, ['draft', 'returned'], {
            status: 'submitted',
            submittedBy: actor.userId,
            submittedAt: when,
            returnReason: null,
            decidedBy: null,
            decidedAt: null,
            updatedAt: when,
          });
          if (!ok) throw new ConflictError(`${valueLabel(r)}的状态刚被他人改变，请刷新后重试`);
          await recordStep(trx, actor, r, 'submit', r.status, 'submitted', Number(r.value), null);
        }
      });
      return presentValues(await repo.findValues(db, unique));
    },

    /** Approves submitted values: they are locked from then on. */
    async approveValues(actor: Actor, body: z.input<typeof indicatorValueIdsSchema>): Promise<IndicatorValue[]> {
      const { ids } = validate(indicatorValueIdsSchema, body);
      const list = await loadForReview(actor, ids);
      requireStatus(list, ['submitted'], '只有已报送的数据可以审核通过');
      await db.transaction().execute(async (trx) => {
        for (const r of list) {
          const when = at();
          if (
            !(await repo.updateValue(trx, r.id, ['submitted'], {
              status: 'approved',
              decidedBy: actor.userId,
              decidedAt: when,
              updatedAt: when,
            }))
          )
            throw new ConflictError(`${valueLabel(r)}的状态刚被他人改变，请刷新后重试`);
          await recordStep(trx, actor, r, 'approve', 'submitted', 'approved', Number(r.value), null);
        }
      });
      return presentValues(
        await repo.findValues(
          db,
          list.map((r) => r.id),
        ),
      );
    },

    /** Returns submitted values to their reporter with a reason (they become editable again); the reporter is notified. */
    async returnValues(actor: Actor, body: z.input<typeof returnIndicatorValuesSchema>): Promise<IndicatorValue[]> {
      const { ids, reason } = validate(returnIndicatorValuesSchema, body);
      const list = await loadForReview(actor, ids);
      requireStatus(list, ['submitted'], '只有已报送的数据可以退回');
      await db.transaction().execute(async (trx) => {
        for (const r of list) {
          const when = at();
          if (
            !(await repo.updateValue(trx, r.id, ['submitted'], {
              status: 'returned',
              returnReason: reason,
              decidedBy: actor.userId,
              decidedAt: when,
              updatedAt: when,
            }))
          )
            throw new ConflictError(`${valueLabel(r)}的状态刚被他人改变，请刷新后重试`);
          await recordStep(trx, actor, r, 'return', 'submitted', 'returned', Number(r.value), reason);
        }
        await notifyReporters(trx, list, (n) => `两纲监测数据被退回（${n}项）`, reason);
      });
      return presentValues(
        await repo.findValues(
          db,
          list.map((r) => r.id),
        ),
      );
    },

    /** Reopens an approved value with a reason: it goes back to the reporter as returned. */
    async reopenValue(actor: Actor, id: string, body: z.input<typeof reopenIndicatorValueSchema>): Promise<IndicatorValue> {
      const { reason } = validate(reopenIndicatorValueSchema, body);
      const [r] = await loadForReview(actor, [id]);
      requireStatus([r], ['approved'], '只有已审核的数据可以重新打开');
      await db.transaction().execute(async (trx) => {
        const when = at();
        if (
          !(await repo.updateValue(trx, r.id, ['approved'], {
            status: 'returned',
            returnReason: reason,
            decidedBy: actor.userId,
            decidedAt: when,
            updatedAt: when,
          }))
        )
          throw new ConflictError(`${valueLabel(r)}的状态刚被他人改变，请刷新后重试`);
        await recordStep(trx, actor, r, 'reopen', 'approved', 'returned', Number(r.value), reason);
        await notifyReporters(trx, [r], () => '已审核的两纲监测数据被重新打开', reason);
      });
      return (await presentValues([(await repo.findValue(db, id))!]))[0];
    },

    async listValues(actor: Actor, q: IndicatorValueListQuery): Promise<IndicatorValue[]> {
      const scope = requirePermission(actor, 'indicators.read');
      return presentValues(await repo.listValues(db, scope, q));
    },

    async valueEvents(actor: Actor, id: string): Promise<IndicatorValueEvent[]> {
      const scope = requirePermission(actor, 'indicators.read');
      const r = await repo.findValue(db, id);
      if (!r || !(pathInScope(scope, r.regionPath) || pathInScope(scope, r.responsibleOrgPath))) throw new NotFoundError('指标数据');
      return (await repo.listEvents(db, id)).map((e) => ({
        id: e.id,
        action: e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        value: Number(e.value),
        reason: e.reason,
        actorName: e.actorName,
        at: e.at,
      }));
    },
  };
}
