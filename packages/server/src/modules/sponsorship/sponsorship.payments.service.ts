import { maskName, termLabel, termsBetween } from '@jinguo/domain';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, fieldError, isUniqueViolation, NotFoundError } from '../../platform/errors.js';
import { recordIdempotencyKey, type IdempotencyClaim } from '../../platform/idempotency.js';
import { newId } from '../../platform/ids.js';
import * as repo from './sponsorship.repository.js';
import { findAccount, assertApprover, disburseInTransaction, reverseDisbursementInTransaction } from '../funds/index.js';
import { findProgrammeByCodeFor } from '../relief/index.js';
import { SPRING_BUD, type SponsorshipContext } from './sponsorship.context.js';

/** Paying a pairing's term through the ledger, and reversing it. */
export function createPaymentService(ctx: SponsorshipContext) {
  const { db, clock, cipher, today, studentNameFor, loadPairing } = ctx;
  return {
    // ---------- payments ----------

    async listPayments(actor: Actor, pairingId?: string) {
      const scope = requirePermission(actor, 'sponsorship.read');
      return (await repo.listPayments(db, scope, pairingId)).map((r) => ({
        id: r.id,
        pairingId: r.pairingId,
        studentName: studentNameFor(actor, r.studentName, r.birthDate),
        sponsorName: r.sponsorName,
        term: r.term,
        amountFen: Number(r.amountFen),
        paidOn: r.paidOn,
        disbursementId: r.disbursementId,
        reversed: r.reversed === 1,
      }));
    },

    /** One term payment, as the payments list shows it (the answer of a replayed payment). */
    async getPayment(actor: Actor, id: string) {
      const scope = requirePermission(actor, 'sponsorship.read');
      const pm = await repo.findPayment(db, id);
      if (!pm || !pathInScope(scope, pm.ownerPath)) throw new NotFoundError('资助款发放记录');
      return (await this.listPayments(actor, pm.pairingId)).find((x) => x.id === id)!;
    },

    /** Pays one term of a pairing through the ledger (from the 春蕾 programme's fund account); both commit together. */
    async payTerm(
      actor: Actor,
      pairingId: string,
      input: { term: string; paidOn: string; approvedBy: string; method: 'cash' | 'bank_transfer'; bankCard?: string | null },
      idem?: IdempotencyClaim | null,
    ) {
      requirePermission(actor, 'funds.write');
      const p = await loadPairing(actor, 'sponsorship.read', pairingId);
      if (p.status !== 'active') throw new ConflictError('该结对已结束，不能再发放');
      if (!termsBetween(p.startTerm, p.endTerm).includes(input.term)) throw fieldError('term', `${termLabel(input.term)}不在结对期内`);
      if (input.paidOn > today()) throw fieldError('paidOn', '发放日期不能晚于今天');
      if (input.method === 'bank_transfer' && !input.bankCard) throw fieldError('bankCard', '银行转账须填写银行卡号');
      // The 春蕾 programme of the pairing's own federation (or one above it): never another district's fund account.
      const programme = await findProgrammeByCodeFor(db, SPRING_BUD, p.ownerPath);
      if (!programme?.fundAccountId) throw new ConflictError('春蕾计划项目未设置资金账户');
      const account = (await findAccount(db, programme.fundAccountId))!;
      await assertApprover(db, input.approvedBy, account.ownerPath);
      if (await repo.findPaidTerm(db, pairingId, input.term)) throw new ConflictError(`${termLabel(input.term)}的资助款已发放`);
      const id = newId();
      try {
        await db.transaction().execute(async (trx) => {
          const r = await disburseInTransaction(
            trx,
            { clock, cipher },
            {
              account,
              programmeCode: SPRING_BUD,
              recipientKind: 'person',
              recipientPersonId: p.personId,
              recipientLabel: maskName(p.studentName)!,
              method: input.method,
              bankCard: input.method === 'bank_transfer' ? input.bankCard : null,
              amountFen: Number(p.amountPerTermFen),
              paidOn: input.paidOn,
              approvedBy: input.approvedBy,
              purpose: `春蕾资助款（${termLabel(input.term)}，资助人：${p.sponsorName}）`,
              sourceKind: 'sponsorship_payment',
              sourceId: id,
              createdBy: actor.userId,
            },
          );
          await repo.insertPayment(trx, {
            id,
            ownerOrgId: p.ownerOrgId,
            pairingId,
            studentId: p.studentId,
            term: input.term,
            amountFen: r.amountFen,
            paidOn: input.paidOn,
            disbursementId: r.id,
            reversed: 0,
            createdBy: actor.userId,
            createdAt: clock.now().toISOString(),
          });
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'pay',
            entityType: 'sponsorship_pairing',
            entityId: pairingId,
            orgUnitId: p.ownerOrgId,
            detail: { term: input.term, amountFen: r.amountFen, disbursementId: r.id },
          });
          await recordIdempotencyKey(trx, idem, id);
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new ConflictError(`${termLabel(input.term)}的资助款已发放`);
        throw e;
      }
      return (await this.listPayments(actor, pairingId)).find((x) => x.id === id)!;
    },

    /** Reverses a term payment in the ledger; the term is due again. */
    async reversePayment(actor: Actor, id: string, reason: string, idem?: IdempotencyClaim | null) {
      const scope = requirePermission(actor, 'funds.write');
      const pm = await repo.findPayment(db, id);
      if (!pm || !pathInScope(scope, pm.ownerPath)) throw new NotFoundError('资助款发放记录');
      if (pm.reversed) throw new ConflictError('该笔资助款已冲销');
      await db.transaction().execute(async (trx) => {
        const r = await reverseDisbursementInTransaction(trx, clock, pm.disbursementId, reason, actor.userId);
        await repo.markPaymentReversed(trx, id);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'reverse',
          entityType: 'sponsorship_pairing',
          entityId: pm.pairingId,
          orgUnitId: pm.ownerOrgId,
          detail: { paymentId: id, term: pm.term, reason, reversalEntryId: r.entryId },
        });
        await recordIdempotencyKey(trx, idem, id);
      });
      return (await this.listPayments(actor, pm.pairingId)).find((x) => x.id === id)!;
    },
  };
}
