import { effectiveEligibility, nextApplicationStatus } from '@jinguo/domain';
import { auditActor, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, fieldError } from '../../platform/errors.js';
import { recordIdempotencyKey, type IdempotencyClaim } from '../../platform/idempotency.js';
import * as repo from './relief.repository.js';
import { findAccount, disburseInTransaction, reverseDisbursementInTransaction } from '../funds/index.js';
import type { ReliefContext } from './relief.context.js';
import { refuseTransition } from './relief.present.js';

/** The workflow after registration: verify, approve, reject, grant, 人工认定, and paying through the ledger. */
export function createDecisionService(ctx: ReliefContext) {
  const { db, dialect, clock, cipher, today, loadApplication, currentVerdict, event, detail } = ctx;
  return {
    /** verify / approve / reject (reason) / grant: one step of the workflow, each in one transaction with its audit entry. */
    async transition(
      actor: Actor,
      id: string,
      input: {
        action: 'verify' | 'approve' | 'reject' | 'grant';
        reason?: string | null;
        grantAmountFen?: number | null;
        date?: string | null;
      },
    ) {
      const { a } = await loadApplication(actor, 'relief.approve', id);
      const programme = (await repo.findProgramme(db, a.programmeId))!;
      const reportsUp = (JSON.parse(programme.reportTo) as string[]).length > 0;
      const date = input.date ?? today();
      if (date > today()) throw fieldError('date', '日期不能晚于今天');
      if (input.action === 'reject' && !input.reason) throw fieldError('reason', '请填写不予通过的理由');
      await db.transaction().execute(async (trx) => {
        const locked = (await repo.lockApplication(trx, id, dialect === 'postgres'))!;
        const to = nextApplicationStatus(locked.status, input.action, reportsUp);
        if (!to) refuseTransition(locked.status, input.action);
        const verdict = await currentVerdict(trx, (await repo.findApplication(trx, id))!);
        const patch: Parameters<typeof repo.updateApplication>[2] = {
          status: to,
          verdict: JSON.stringify(verdict),
          eligible: verdict.eligible ? 1 : 0,
          updatedAt: clock.now().toISOString(),
        };
        if (input.action === 'verify') Object.assign(patch, { verifiedBy: actor.userId, verifiedOn: date });
        if (input.action === 'approve' || input.action === 'grant') {
          if (!effectiveEligibility(verdict, !!a.overrideReason)) {
            const failed = verdict.results.filter((r) => !r.ok);
            const hard = failed.some((r) => r.hard);
            throw new ConflictError(
              `不符合条件：${failed.map((r) => r.message).join('；')}${hard ? '（硬性规定，不能人工认定）' : '。如确需救助，请先“人工认定”并说明理由'}`,
            );
          }
        }
        if (input.action === 'approve') {
          if (programme.quota != null && (await repo.countPlaced(trx, programme.id)) >= Number(programme.quota))
            throw new ConflictError(`本项目名额 ${programme.quota} 个已满`);
          Object.assign(patch, { decidedBy: actor.userId, decidedOn: date, rejectReason: null });
        }
        if (input.action === 'reject') Object.assign(patch, { decidedBy: actor.userId, decidedOn: date, rejectReason: input.reason });
        if (input.action === 'grant') {
          const amount = input.grantAmountFen ?? (programme.grantAmountFen == null ? null : Number(programme.grantAmountFen));
          if (!amount) throw fieldError('grantAmountFen', '请填写救助金额');
          Object.assign(patch, { grantedBy: actor.userId, grantedOn: date, grantAmountFen: amount });
        }
        await repo.updateApplication(trx, id, patch);
        await event(trx, id, input.action, locked.status, to, actor, input.reason ?? null);
        await appendAudit(trx, clock, auditActor(actor), {
          action: input.action,
          entityType: 'relief_application',
          entityId: id,
          orgUnitId: a.ownerOrgId,
          detail: { from: locked.status, to, reason: input.reason ?? null, grantAmountFen: patch.grantAmountFen ?? null },
        });
      });
      return detail(actor, id);
    },

    /** 人工认定: an officer declares an application eligible despite a failed rule, with a reason (never a hard rule). */
    async override(actor: Actor, id: string, reason: string) {
      const { a } = await loadApplication(actor, 'relief.approve', id);
      if (!['submitted', 'verified', 'approved'].includes(a.status)) refuseTransition(a.status, 'override');
      await db.transaction().execute(async (trx) => {
        await repo.lockApplication(trx, id, dialect === 'postgres');
        const verdict = await currentVerdict(trx, (await repo.findApplication(trx, id))!);
        if (verdict.eligible) throw new ConflictError('该申请符合全部条件，无需人工认定');
        const hard = verdict.results.filter((r) => !r.ok && r.hard);
        if (hard.length) throw new ConflictError(`硬性规定不能人工认定：${hard.map((r) => r.message).join('；')}`);
        await repo.updateApplication(trx, id, {
          overrideReason: reason,
          overrideBy: actor.userId,
          verdict: JSON.stringify(verdict),
          eligible: 0,
          updatedAt: clock.now().toISOString(),
        });
        await event(trx, id, 'override', a.status, a.status, actor, reason);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'override',
          entityType: 'relief_application',
          entityId: id,
          orgUnitId: a.ownerOrgId,
          detail: { reason, failedRules: verdict.results.filter((r) => !r.ok).map((r) => r.rule) },
        });
      });
      return detail(actor, id);
    },

    /** Pays a granted application through the ledger (from the programme's fund account); both commit together. */
    async pay(actor: Actor, id: string, input: { paidOn: string; note?: string | null }, idem?: IdempotencyClaim | null) {
      const { a } = await loadApplication(actor, 'funds.write', id);
      const programme = (await repo.findProgramme(db, a.programmeId))!;
      if (!programme.fundAccountId) throw new ConflictError('该项目未设置支付账户，请先在项目设置中选择资金账户');
      const account = (await findAccount(db, programme.fundAccountId))!;
      if (account.kind === 'goods') throw new ConflictError('物资救助请在资金台账中按物资拨付');
      if (a.paymentMethod === 'in_kind') throw new ConflictError('发放方式为实物发放，请在资金台账中按物资拨付');
      if (input.paidOn > today()) throw fieldError('paidOn', '发放日期不能晚于今天');
      await db.transaction().execute(async (trx) => {
        const locked = (await repo.lockApplication(trx, id, dialect === 'postgres'))!;
        if (!nextApplicationStatus(locked.status, 'pay', true)) refuseTransition(locked.status, 'pay');
        const fresh = (await repo.findApplication(trx, id))!;
        const verdict = await currentVerdict(trx, fresh);
        // Transfer-only and once-per-lifetime hold at the moment money moves, not only when approved.
        const hard = verdict.results.filter((r) => !r.ok && r.hard);
        if (hard.length) throw new ConflictError(`不能发放：${hard.map((r) => r.message).join('；')}`);
        const r = await disburseInTransaction(
          trx,
          { clock, cipher },
          {
            account,
            programmeCode: programme.code,
            recipientKind: 'person',
            recipientPersonId: a.personId,
            recipientLabel: a.name,
            method: fresh.paymentMethod,
            bankCardEnc: fresh.bankCardEnc,
            bankCardMasked: fresh.bankCardMasked,
            amountFen: Number(fresh.grantAmountFen),
            paidOn: input.paidOn,
            approvedBy: fresh.grantedBy!,
            purpose: `${programme.name}${input.note ? `（${input.note}）` : ''}`,
            sourceKind: 'relief_application',
            sourceId: id,
            createdBy: actor.userId,
          },
        );
        await repo.updateApplication(trx, id, {
          status: 'paid',
          disbursementId: r.id,
          paidOn: input.paidOn,
          updatedAt: clock.now().toISOString(),
        });
        await event(trx, id, 'pay', 'granted', 'paid', actor, input.note ?? null);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'pay',
          entityType: 'relief_application',
          entityId: id,
          orgUnitId: a.ownerOrgId,
          detail: { disbursementId: r.id, amountFen: r.amountFen, accountId: account.id },
        });
        await recordIdempotencyKey(trx, idem, id);
      });
      return detail(actor, id);
    },

    /** Reverses the payment in the ledger; the application goes back to granted. */
    async reversePayment(actor: Actor, id: string, reason: string, idem?: IdempotencyClaim | null) {
      const { a } = await loadApplication(actor, 'funds.write', id);
      await db.transaction().execute(async (trx) => {
        const locked = (await repo.lockApplication(trx, id, dialect === 'postgres'))!;
        if (!nextApplicationStatus(locked.status, 'reverse_payment', true) || !locked.disbursementId)
          refuseTransition(locked.status, 'reverse_payment');
        const r = await reverseDisbursementInTransaction(trx, clock, locked.disbursementId, reason, actor.userId);
        await repo.updateApplication(trx, id, {
          status: 'granted',
          disbursementId: null,
          paidOn: null,
          updatedAt: clock.now().toISOString(),
        });
        await event(trx, id, 'reverse_payment', 'paid', 'granted', actor, reason);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'reverse_payment',
          entityType: 'relief_application',
          entityId: id,
          orgUnitId: a.ownerOrgId,
          detail: { reason, disbursementId: locked.disbursementId, reversalEntryId: r.entryId },
        });
        await recordIdempotencyKey(trx, idem, id);
      });
      return detail(actor, id);
    },
  };
}
