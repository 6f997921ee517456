import {
  CASE_STATUS_LABELS,
  HANDOVER_KIND_LABELS,
  type HandoverInput,
  type handoverPressSchema,
  type handoverReportSchema,
} from '@jinguo/domain';
import type { z } from 'zod';
import type { Executor } from '../../db/database.js';
import { auditActor, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, fieldError, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../../platform/notifications.js';
import { assertVersion } from '../../platform/versioning.js';
import { findUnit, listActiveUsersWithRoleAt } from '../org/index.js';
import type { CasesContext } from './cases.context.js';
import { FEDERATION_KINDS } from './cases.levels.js';
import * as repo from './cases.repository.js';
import { newCaseRow } from './cases.rows.js';

/**
 * 转送 / 交办 between levels (信访工作条例第22、23条): a petition registered at a federation about a matter of a unit below
 * is passed on to a federation unit below it, which handles it as its own case (its own number, officers and scope) and
 * reports the result back (报结); the sender presses (督办) one unreported after its due date.
 */
export function createHandoverService(ctx: CasesContext) {
  const { db, dialect, clock, today, nowIso, calendar, loadCase, derived, checkDate, event, entitledAssignee, recipientsFor, get } = ctx;

  /** The chairs of the receiving unit and the case's assignee: who is told of a new handover or a press. */
  async function receivers(ex: Executor, toOrgId: string, target: { assigneeUserId: string | null; ownerPath: string }) {
    const ids = new Set((await listActiveUsersWithRoleAt(ex, toOrgId, 'federation_leader')).map((u) => u.id));
    const assignee = await entitledAssignee(ex, target);
    if (assignee) ids.add(assignee);
    return [...ids];
  }

  return {
    /** The federation units below a case's unit that it may be passed on to (the unit picker's list). */
    async handoverTargets(actor: Actor, id: string) {
      const { c } = await loadCase(actor, id, 'cases.write');
      return repo.listFederationsBelow(db, c.ownerPath, [...FEDERATION_KINDS]);
    },

    /**
     * 转送 or 交办 a registered case to a federation unit below its unit: the receiving unit gets its own case (received
     * that day, channel 上级转来) with the sender's instructions and due date; the sender's case leaves its intake.
     */
    async handOver(actor: Actor, id: string, input: HandoverInput, ifMatch?: number | null) {
      const { c } = await loadCase(actor, id, 'cases.write');
      const what = HANDOVER_KIND_LABELS[input.kind];
      const date = input.date ?? today();
      checkDate(date, 'date', c.receivedDate, '收到日期');
      if (c.status !== 'registered')
        throw new ConflictError(`当前状态为“${CASE_STATUS_LABELS[c.status]}”，只有已登记（尚未受理）的事项可以${what}`);
      const to = await findUnit(db, input.toOrgId);
      // A unit outside the sender's subtree does not exist for it.
      if (!to || !to.path.startsWith(c.ownerPath)) throw new NotFoundError('接收单位');
      if (to.id === c.ownerOrgId || !FEDERATION_KINDS.has(to.kind) || !to.active)
        throw new ConflictError(`接收单位（toOrgId）须为${c.ownerName}以下在用的妇联组织（区县妇联、乡镇或街道）`);
      if (input.dueDate && input.dueDate <= date) throw fieldError('dueDate', `报结期限须晚于${what}日期（${date}）`);
      const cal = await calendar();
      const at = nowIso();
      const targetId = newId();
      const handoverId = newId();
      const year = Number(date.slice(0, 4));
      await db.transaction().execute(async (trx) => {
        await assertVersion(trx, dialect, { table: 'cases', id, expected: ifMatch, entityType: 'case', what: '事项' });
        const seq = await repo.allocateCaseSeq(trx, to.id, year);
        const caseNo = `${year}-${String(seq).padStart(4, '0')}`;
        await repo.insertCase(
          trx,
          newCaseRow(
            {
              id: targetId,
              ownerOrgId: to.id,
              year,
              seq,
              caseNo,
              channel: 'referred_in',
              category: c.category,
              matterType: c.matterType,
              summary: c.summary,
              narrativeEnc: c.narrativeEnc,
              applicantPersonId: c.applicantPersonId,
              assigneeUserId: null,
              riskAnswers: c.riskAnswers,
              riskAssessedDate: c.riskAssessedDate,
              nextFollowUpDate: c.nextFollowUpDate,
              receivedDate: date,
              riskLevel: c.riskLevel,
              createdBy: actor.userId,
            },
            at,
            (base) => derived(base, cal),
          ),
        );
        const parties = await repo.listParties(trx, c.id);
        await repo.insertParties(
          trx,
          parties.map((p) => ({ ...p, id: newId(), caseId: targetId })),
        );
        await repo.insertHandover(trx, {
          id: handoverId,
          sourceCaseId: c.id,
          targetCaseId: targetId,
          ownerOrgId: c.ownerOrgId,
          toOrgId: to.id,
          kind: input.kind,
          instructions: input.instructions,
          sentDate: date,
          dueDate: input.dueDate ?? null,
          status: 'sent',
          result: null,
          reportedDate: null,
          reportedOnTime: null,
          reportedBy: null,
          pressCount: 0,
          lastPressedDate: null,
          sentBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        const status = input.kind === 'transfer' ? ('transferred' as const) : ('assigned' as const);
        await repo.updateCase(trx, c.id, { status, ...derived({ ...c, status }, cal), nextFollowUpDate: null, updatedAt: at });
        await event(trx, actor, c.id, {
          date,
          transition: input.kind,
          from: c.status,
          to: status,
          reason: `${what}${to.name}：${input.instructions}`,
        });
        await event(trx, actor, targetId, {
          date,
          transition: 'register',
          from: null,
          to: 'registered',
          reason: `${c.ownerName}${what}（${c.caseNo}）${input.dueDate ? `，${input.dueDate}前报结` : ''}`,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: `case.${input.kind}`,
          entityType: 'case_handover',
          entityId: handoverId,
          orgUnitId: c.ownerOrgId,
          detail: {
            caseId: c.id,
            caseNo: c.caseNo,
            to: to.name,
            targetCaseId: targetId,
            targetCaseNo: caseNo,
            date,
            dueDate: input.dueDate ?? null,
          },
        });
        for (const userId of await receivers(trx, to.id, { assigneeUserId: null, ownerPath: to.path }))
          await notify(trx, clock, {
            userId,
            title: `${c.ownerName}${what}：${caseNo}`,
            body: `${input.instructions}${input.dueDate ? `（${input.dueDate}前报结）` : ''}`,
            link: `/cases/${targetId}`,
          });
      });
      return get(actor, id);
    },

    /** 报结: the receiving unit reports the result of a case passed on to it, once (for 交办, due by its date). */
    async reportHandover(actor: Actor, id: string, body: z.infer<typeof handoverReportSchema>, ifMatch?: number | null) {
      const { c } = await loadCase(actor, id, 'cases.write');
      const h = await repo.findHandover(db, 'targetCaseId', id);
      if (!h) throw new ConflictError('该事项不是上级转送或交办的事项，无需报结');
      if (h.status === 'reported') throw new ConflictError(`该事项已于${h.reportedDate}报结，不能重复报结`);
      checkDate(body.date, 'date', h.sentDate, `${HANDOVER_KIND_LABELS[h.kind]}日期`);
      const onTime = h.dueDate ? (body.date <= h.dueDate ? 1 : 0) : null;
      const at = nowIso();
      await db.transaction().execute(async (trx) => {
        await assertVersion(trx, dialect, { table: 'cases', id, expected: ifMatch, entityType: 'case', what: '事项' });
        // Claimed in the update itself: two reports at once leave one.
        const claimed = await repo.claimHandoverReport(trx, h.id, {
          result: body.result,
          reportedDate: body.date,
          reportedOnTime: onTime,
          reportedBy: actor.userId,
          updatedAt: at,
        });
        if (!claimed) throw new ConflictError('该事项已报结，不能重复报结');
        await repo.updateCase(trx, id, { updatedAt: at });
        await event(trx, actor, id, {
          date: body.date,
          transition: 'report',
          from: c.status,
          to: c.status,
          reason: `向${h.fromOrgName}报结：${body.result}`,
        });
        const source = (await repo.findCase(trx, h.sourceCaseId))!;
        await event(trx, actor, source.id, {
          date: body.date,
          transition: 'report',
          from: source.status,
          to: source.status,
          reason: `${h.toOrgName}报结：${body.result}`,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'case.report',
          entityType: 'case_handover',
          entityId: h.id,
          orgUnitId: h.toOrgId,
          detail: {
            caseId: id,
            caseNo: c.caseNo,
            sourceCaseNo: h.sourceCaseNo,
            date: body.date,
            onTime: onTime == null ? null : onTime === 1,
          },
        });
        for (const userId of await recipientsFor(trx, source))
          await notify(trx, clock, {
            userId,
            title: `${h.toOrgName}已报结：${source.caseNo}`,
            body: body.result.slice(0, 200),
            link: `/cases/${source.id}`,
          });
      });
      return get(actor, id);
    },

    /** 督办: the sender presses a handover unreported after its due date — an entry on both cases, notices to the receiver. */
    async pressHandover(actor: Actor, id: string, body: z.infer<typeof handoverPressSchema>, ifMatch?: number | null) {
      const { c } = await loadCase(actor, id, 'cases.write');
      const h = await repo.findHandover(db, 'sourceCaseId', id);
      if (!h) throw new ConflictError('该事项没有转送或交办，无需督办');
      if (h.status === 'reported') throw new ConflictError(`${h.toOrgName}已于${h.reportedDate}报结，无需督办`);
      const t = today();
      if (!h.dueDate || t <= h.dueDate)
        throw new ConflictError(h.dueDate ? `尚未超过报结期限（${h.dueDate}），不能督办` : '该转送未设报结期限，不能督办');
      const date = body.date ?? t;
      checkDate(date, 'date', null, '');
      if (date <= h.dueDate) throw fieldError('date', `督办日期须晚于报结期限（${h.dueDate}）`);
      const target = (await repo.findCase(db, h.targetCaseId))!;
      const at = nowIso();
      await db.transaction().execute(async (trx) => {
        await assertVersion(trx, dialect, { table: 'cases', id, expected: ifMatch, entityType: 'case', what: '事项' });
        await repo.updateHandover(trx, h.id, { pressCount: Number(h.pressCount) + 1, lastPressedDate: date, updatedAt: at });
        await repo.updateCase(trx, id, { updatedAt: at });
        const reason = `督办（报结期限${h.dueDate}）：${body.note}`;
        await event(trx, actor, id, { date, transition: 'press', from: c.status, to: c.status, reason });
        await event(trx, actor, target.id, {
          date,
          transition: 'press',
          from: target.status,
          to: target.status,
          reason: `${c.ownerName}${reason}`,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'case.press',
          entityType: 'case_handover',
          entityId: h.id,
          orgUnitId: c.ownerOrgId,
          detail: {
            caseId: id,
            caseNo: c.caseNo,
            targetCaseNo: h.targetCaseNo,
            to: h.toOrgName,
            dueDate: h.dueDate,
            date,
            count: Number(h.pressCount) + 1,
          },
        });
        for (const userId of await receivers(trx, h.toOrgId, target))
          await notify(trx, clock, {
            userId,
            title: `督办：${c.ownerName}${HANDOVER_KIND_LABELS[h.kind]}的${target.caseNo}已超过报结期限（${h.dueDate}）`,
            body: body.note,
            link: `/cases/${target.id}`,
          });
      });
      return get(actor, id);
    },
  };
}
