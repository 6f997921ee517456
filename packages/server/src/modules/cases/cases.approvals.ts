import { calendarFrom, CASE_STATUS_LABELS, extendCaseSchema, nextCaseDeadline, shanghaiDate, type CaseStatus } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { auditActor, can, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { createRequestInTransaction, registerApprovalKind, registerInboxProvider } from '../approvals/index.js';
import * as repo from './cases.repository.js';
import { listOverdueHeldBy } from './cases.inbox.repository.js';
import { daysOverdue } from './cases.present.js';

// A case's extension goes through the approval engine: 信访工作条例第34条 wants the unit head's approval, so the
// request waits for her and the deadline moves only when it is approved. Return and rejection leave the deadline
// as it was and say why on the case's timeline.

type ExtensionPayload = { days: number; reason: string; date: string };

const summaryOf = (p: { days: number; reason: string }) => `延长${p.days}日：${p.reason}`;

async function caseEvent(
  trx: Executor,
  clock: Clock,
  actor: Actor,
  c: { id: string; status: CaseStatus },
  e: { date: string; transition: string; reason: string },
) {
  await repo.insertEvent(trx, {
    id: newId(),
    caseId: c.id,
    at: clock.now().toISOString(),
    eventDate: e.date,
    transition: e.transition,
    fromStatus: c.status,
    toStatus: c.status,
    reason: e.reason,
    actorUserId: actor.userId,
  });
}

/** Opens the extension request to the unit head, in the caller's transaction, with an entry on the case. */
export async function requestExtension(
  trx: Executor,
  clock: Clock,
  actor: Actor,
  c: { id: string; caseNo: string; status: CaseStatus; ownerOrgId: string; ownerPath: string },
  p: ExtensionPayload,
) {
  const requestId = await createRequestInTransaction(trx, clock, actor, {
    kind: 'case.extension',
    subjectId: c.id,
    title: `信访事项${c.caseNo}申请延期${p.days}日`,
    link: `/cases/${c.id}`,
    summary: summaryOf(p),
    payload: p,
    ownerOrgId: c.ownerOrgId,
    ownerPath: c.ownerPath,
  });
  await caseEvent(trx, clock, actor, c, { date: p.date, transition: 'extendRequest', reason: `申请${summaryOf(p)}（待单位负责人审批）` });
  await appendAudit(trx, clock, auditActor(actor), {
    action: 'case.extend.request',
    entityType: 'case',
    entityId: c.id,
    orgUnitId: c.ownerOrgId,
    detail: { days: p.days, date: p.date, requestId },
  });
}

const OUTCOME_EVENTS = {
  returned: { transition: 'extendReturn', words: '延期申请被退回' },
  rejected: { transition: 'extendReject', words: '延期申请未获批准' },
  withdrawn: { transition: 'extendWithdraw', words: '延期申请已撤回' },
  resubmitted: { transition: 'extendRequest', words: '重新申请' },
} as const;

registerApprovalKind({
  kind: 'case.extension',
  permission: 'cases.read',
  parsePayload(payload) {
    const parsed = extendCaseSchema.safeParse(payload);
    if (!parsed.success)
      throw new ValidationError(
        parsed.error.issues[0]?.message ?? '延期申请内容不正确',
        parsed.error.issues.map((i) => ({ path: `payload.${i.path.join('.')}`, message: i.message })),
      );
    const prev = payload as Partial<ExtensionPayload>;
    const p = { days: parsed.data.days, reason: parsed.data.reason, date: parsed.data.date ?? prev.date ?? '' };
    return { payload: p, summary: summaryOf(p) };
  },
  async onDecided(trx, { clock, actor, outcome, comment, subject }) {
    const c = await repo.findCase(trx, subject.subjectId);
    if (!c) throw new ConflictError('信访事项已不存在');
    const p = subject.payload as ExtensionPayload;
    if (outcome !== 'approved') {
      const e = OUTCOME_EVENTS[outcome];
      const reason =
        outcome === 'resubmitted'
          ? `${e.words}${summaryOf(p)}（待单位负责人审批）`
          : `${e.words}${comment ? `：${comment}` : ''}，办理期限不变`;
      await caseEvent(trx, clock, actor, c, {
        date: outcome === 'resubmitted' ? p.date : shanghaiDate(clock.now()),
        transition: e.transition,
        reason,
      });
      return;
    }
    // The case may have moved on while the request waited: an extension of a closed case, or a second one, is refused
    // and with it the approval (the approver returns or rejects it instead).
    if (c.status !== 'accepted' && c.status !== 'in_progress')
      throw new ConflictError(`该事项当前状态为“${CASE_STATUS_LABELS[c.status]}”，不能再延期，请退回或不同意该申请`);
    if (c.extensionDays != null) throw new ConflictError('办理期限只能延长一次（信访工作条例第34条），该事项已延期');
    const cal = calendarFrom(await repo.listHolidays(trx));
    const next = { ...c, extensionDays: p.days };
    await repo.updateCase(trx, c.id, {
      extensionDays: p.days,
      extensionReason: p.reason,
      nextDueDate: nextCaseDeadline(next, cal)?.due ?? null,
      updatedAt: clock.now().toISOString(),
    });
    await caseEvent(trx, clock, actor, c, {
      date: p.date,
      transition: 'extend',
      reason: `延长${p.days}日：${p.reason}（${actor.displayName}批准${comment ? `：${comment}` : ''}）`,
    });
    await appendAudit(trx, clock, auditActor(actor), {
      action: 'case.extend',
      entityType: 'case',
      entityId: c.id,
      orgUnitId: c.ownerOrgId,
      detail: { days: p.days, date: p.date, requestId: subject.requestId },
    });
  },
});

registerInboxProvider({
  source: 'overdue_case',
  async list(db, { actor, today }) {
    if (!can(actor, 'cases.read')) return [];
    const rows = await listOverdueHeldBy(db, requirePermission(actor, 'cases.read'), actor.userId, today);
    return rows.map((r) => ({
      source: 'overdue_case' as const,
      id: r.id,
      title: `信访事项${r.caseNo}（${r.categoryLabel ?? r.category}）`,
      link: `/cases/${r.id}`,
      kindLabel: '信访事项',
      unitName: r.ownerName,
      since: r.nextDueDate!,
      dueDate: r.nextDueDate,
      daysOverdue: daysOverdue(r.nextDueDate!, today),
      note: `已超期${daysOverdue(r.nextDueDate!, today)}日`,
    }));
  },
});
