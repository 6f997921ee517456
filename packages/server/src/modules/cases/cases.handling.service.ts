import type { z } from 'zod';
import {
  ACTION_KIND_LABELS,
  assessRisk,
  CASE_STATUS_LABELS,
  checkTransition,
  civilDeadline,
  daysBetween,
  DEADLINE_RULES,
  DV_CATEGORY,
  isOpenCaseStatus,
  RISK_LEVEL_LABELS,
  type caseActionInputSchema,
  type CaseTransition,
  type RiskAnswers,
  type transitionBodySchemas,
} from '@jinguo/domain';
import { auditActor, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, fieldError, ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findUnit } from '../org/index.js';
import { requestExtension } from './cases.approvals.js';
import * as repo from './cases.repository.js';
import type { CasesContext } from './cases.context.js';
import { assertReviewer, levelsOf, REVIEW_TRANSITIONS } from './cases.levels.js';

type TransitionBody<T extends CaseTransition> = z.infer<(typeof transitionBodySchemas)[T]>;

/** Handling a case: risk screening, the workflow's steps, the one extension, actions on the timeline. */
export function createHandlingService(ctx: CasesContext) {
  const { db, clock, today, nowIso, calendar, loadCase, derived, followUpFrom, checkDate, event, autoStart, get } = ctx;
  return {
    /** DV risk screening: the answers give the level; high raises the case to the top and sets a visit cadence. */
    async assessRisk(actor: Actor, id: string, answers: RiskAnswers, date?: string) {
      const { c } = await loadCase(actor, id, 'cases.write');
      if (c.category !== DV_CATEGORY)
        throw new ValidationError('风险评估只适用于家庭暴力类事项', [{ path: 'answers', message: '风险评估只适用于家庭暴力类事项' }]);
      const d = date ?? today();
      checkDate(d, 'date', c.receivedDate, '收到日期');
      const { level, yes, critical } = assessRisk(answers);
      const cal = await calendar();
      await db.transaction().execute(async (trx) => {
        await repo.updateCase(trx, id, {
          riskLevel: level,
          riskAnswers: JSON.stringify(answers),
          riskAssessedDate: d,
          nextFollowUpDate: isOpenCaseStatus(c.status) ? followUpFrom(level, d) : null,
          ...derived({ ...c, riskLevel: level }, cal),
          updatedAt: nowIso(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'risk.assess',
          entityType: 'case',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { level, yes, critical, before: c.riskLevel },
        });
      });
      return { level, label: RISK_LEVEL_LABELS[level], yes, critical };
    },

    /** One workflow step; a step not allowed from the current state is refused with the states it needs. */
    async transition<T extends CaseTransition>(actor: Actor, id: string, t: T, body: TransitionBody<T>) {
      // 复查/复核 belong to the federations above the unit that handled the case; every other step to that unit.
      const review = REVIEW_TRANSITIONS[t];
      const { c } = await loadCase(actor, id, 'cases.write', review ? 'any' : 'handler');
      if (review) assertReviewer(actor, await levelsOf(db, c.ownerPath), review);
      const check = checkTransition(c.status, t);
      if (!check.ok) throw new ConflictError(check.message);
      const cal = await calendar();
      const b = body as { date: string; reason?: string; notice?: string | null };
      const set: Partial<repo.CaseRow> = { status: check.to, updatedAt: nowIso() };
      let reason: string | null = b.reason ?? null;
      switch (t) {
        case 'accept':
          checkDate(b.date, 'date', c.receivedDate, '收到日期');
          Object.assign(set, { acceptedDate: b.date, acceptNotice: b.notice ?? null });
          reason = b.notice ?? null;
          break;
        case 'notAccept':
          checkDate(b.date, 'date', c.receivedDate, '收到日期');
          Object.assign(set, { notAcceptedReason: b.reason, acceptNotice: b.notice ?? null, nextFollowUpDate: null });
          break;
        case 'divert': {
          // 诉访分离: a matter for the courts leaves the petition count (信访工作条例第22、28、31条).
          const d = body as TransitionBody<'divert'>;
          checkDate(d.date, 'date', c.receivedDate, '收到日期');
          Object.assign(set, { divertedDate: d.date, divertedTo: d.divertedTo, divertedReason: d.reason, nextFollowUpDate: null });
          reason = `${d.reason}（导入：${d.divertedTo}）`;
          break;
        }
        case 'start':
          checkDate(b.date, 'date', c.acceptedDate, '受理日期');
          break;
        case 'close': {
          const d = body as TransitionBody<'close'>;
          checkDate(d.date, 'date', c.acceptedDate, '受理日期');
          const referrals = await repo.listReferralsOfCase(db, id);
          // Closure follows every referral of the case: not before one was sent, answered or reported done.
          const lastReferralDay = referrals
            .filter((r) => r.status !== 'revoked')
            .flatMap((r) => [r.sentDate, r.answeredDate, r.doneDate])
            .filter((x): x is string => !!x)
            .sort()
            .at(-1);
          if (lastReferralDay && d.date < lastReferralDay)
            throw fieldError('date', `办结日期不能早于该事项转介的最后日期（${lastReferralDay}）`);
          const open = referrals.filter((r) => r.status === 'sent' || r.status === 'accepted');
          if (open.length)
            throw new ConflictError(
              `尚有${open.length}件转介未办结（${open.map((r) => r.agencyName).join('、')}），请跟进至办结或撤回后再办结`,
            );
          const handleDue = civilDeadline(c.acceptedDate!, DEADLINE_RULES.handleDays + (c.extensionDays ?? 0), cal);
          Object.assign(set, {
            closedDate: d.date,
            outcome: d.outcome,
            reply: d.reply,
            satisfaction: d.satisfaction,
            daysToClose: daysBetween(c.acceptedDate!, d.date),
            closedOnTime: d.date <= handleDue ? 1 : 0,
            nextFollowUpDate: null,
          });
          reason = d.reply;
          break;
        }
        case 'reopen':
          checkDate(b.date, 'date', c.closedDate ?? c.reviewDecidedDate, '办结日期');
          Object.assign(set, {
            closedDate: null,
            outcome: null,
            reply: null,
            satisfaction: null,
            daysToClose: null,
            closedOnTime: null,
            nextFollowUpDate: followUpFrom(c.riskLevel, b.date),
          });
          break;
        case 'requestReview': {
          checkDate(b.date, 'date', c.closedDate, '答复日期');
          const last = civilDeadline(c.closedDate!, DEADLINE_RULES.reviewRequestDays, cal);
          if (b.date > last) throw fieldError('date', `已超过申请复查期限（答复之日起30日，截止${last}）`);
          set.reviewRequestedDate = b.date;
          break;
        }
        case 'decideReview': {
          const d = body as TransitionBody<'decideReview'>;
          checkDate(d.date, 'date', c.reviewRequestedDate, '复查申请日期');
          Object.assign(set, { reviewDecidedDate: d.date, reviewResult: `${d.result === 'upheld' ? '维持' : '变更'}：${d.reason}` });
          break;
        }
        case 'requestReReview': {
          checkDate(b.date, 'date', c.reviewDecidedDate, '复查答复日期');
          const last = civilDeadline(c.reviewDecidedDate!, DEADLINE_RULES.rereviewRequestDays, cal);
          if (b.date > last) throw fieldError('date', `已超过申请复核期限（复查答复之日起30日，截止${last}）`);
          set.rereviewRequestedDate = b.date;
          break;
        }
        case 'decideReReview': {
          const d = body as TransitionBody<'decideReReview'>;
          checkDate(d.date, 'date', c.rereviewRequestedDate, '复核申请日期');
          Object.assign(set, { rereviewDecidedDate: d.date, rereviewResult: `${d.result === 'upheld' ? '维持' : '变更'}：${d.reason}` });
          break;
        }
      }
      const next = { ...c, ...set } as repo.CaseRow;
      Object.assign(set, derived(next, cal));
      await db.transaction().execute(async (trx) => {
        await repo.updateCase(trx, id, set);
        await event(trx, actor, id, { date: b.date, transition: t, from: c.status, to: check.to, reason });
        await appendAudit(trx, clock, auditActor(actor), {
          action: `case.${t}`,
          entityType: 'case',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { from: c.status, to: check.to, date: b.date },
        });
      });
      return get(actor, id);
    },

    /** The one extension the regulation allows: at most 30 days, with the reason told to the applicant. */
    /**
     * The one extension the regulation allows (at most 30 days, the reason told to the applicant): a request to the
     * unit head through the approval engine (cases.approvals.ts); the deadline moves only when she approves.
     */
    async extend(actor: Actor, id: string, body: { days: number; reason: string; date?: string }) {
      const { c } = await loadCase(actor, id, 'cases.write');
      if (c.status !== 'accepted' && c.status !== 'in_progress')
        throw new ConflictError(`当前状态为“${CASE_STATUS_LABELS[c.status]}”，只有已受理或办理中的事项可以延期`);
      if (c.extensionDays != null) throw new ConflictError('办理期限只能延长一次（信访工作条例第34条），该事项已延期');
      const date = body.date ?? today();
      checkDate(date, 'date', c.acceptedDate, '受理日期');
      await db.transaction().execute((trx) => requestExtension(trx, clock, actor, c, { days: body.days, reason: body.reason, date }));
      return get(actor, id);
    },

    /** An action on the timeline (consultation, mediation, home visit, protection order, police warning …). */
    async addAction(actor: Actor, id: string, a: z.infer<typeof caseActionInputSchema>) {
      const { c } = await loadCase(actor, id, 'cases.write');
      const closedToActions = ['diverted', 'not_accepted', 'final', 'transferred', 'assigned'];
      if (closedToActions.includes(c.status) && a.kind !== 'follow_up') {
        throw new ConflictError(`事项${CASE_STATUS_LABELS[c.status]}，只能记录回访`);
      }
      checkDate(a.date, 'date', c.receivedDate, '收到日期');
      if (a.kind === 'police_warning' && a.policeOrgId) {
        const police = await findUnit(db, a.policeOrgId);
        if (police?.kind !== 'agency' || police.agencyType !== 'police') throw fieldError('policeOrgId', '请选择公安派出所');
      }
      if (a.protectionOrderDecidedDate && a.protectionOrderDecidedDate < a.date && a.protectionOrderStatus !== 'applied') {
        // the decision may be recorded on a later action; only a date before the application is wrong
      }
      const cal = await calendar();
      const at = nowIso();
      const visit = a.kind === 'home_visit' || a.kind === 'follow_up';
      await db.transaction().execute(async (trx) => {
        await repo.insertAction(trx, {
          id: newId(),
          caseId: id,
          ownerOrgId: c.ownerOrgId,
          kind: a.kind,
          actionDate: a.date,
          byName: a.byName ?? null,
          recordedBy: actor.userId,
          note: a.note,
          protectionOrderStatus: a.kind === 'protection_order' ? (a.protectionOrderStatus ?? null) : null,
          protectionOrderEmergency: a.protectionOrderEmergency ? 1 : 0,
          protectionOrderAppliedAt:
            a.kind === 'protection_order' ? (a.protectionOrderAppliedAt ?? (a.protectionOrderStatus === 'applied' ? at : null)) : null,
          protectionOrderDecidedDate: a.protectionOrderDecidedDate ?? null,
          warningNo: a.warningNo ?? null,
          policeOrgId: a.policeOrgId ?? null,
          createdAt: at,
        });
        if (visit && isOpenCaseStatus(c.status))
          await repo.updateCase(trx, id, { nextFollowUpDate: followUpFrom(c.riskLevel, a.date), updatedAt: at });
        await autoStart(trx, actor, c, a.date, cal);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'case.action',
          entityType: 'case',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { kind: a.kind, label: ACTION_KIND_LABELS[a.kind], date: a.date },
        });
      });
      return get(actor, id);
    },
  };
}
