import {
  BUDGET_LINE_RULES,
  cancelCommitmentSchema,
  createCommitmentSchema,
  linkSpendingSchema,
  shanghaiDate,
  type BudgetCommitment,
  type BudgetLineDetail,
  type SpendingCandidate,
} from '@jinguo/domain';
import type { Db } from '../../db/database.js';
import { auditActor, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, fieldError, isUniqueViolation, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './budget.repository.js';
import { presentLine, type BudgetService } from './budget.service.js';
import { validate } from '../../platform/validate.js';

export type SpendingService = ReturnType<typeof createSpendingService>;

const yuan = (fen: number) => `${(fen / 100).toFixed(2)}元`;
function presentCommitment(c: Awaited<ReturnType<typeof repo.listCommitments>>[number]): BudgetCommitment {
  return {
    id: c.id,
    lineId: c.lineId,
    committedOn: c.committedOn,
    description: c.description,
    amountFen: Number(c.amountFen),
    status: c.status,
    settledOn: c.settledOn,
    note: c.note,
  };
}

/**
 * A line's commitments (承诺: a contract or a planned payment not yet made) and its spending: payments already
 * made in the fund ledger, charged to the line by a link. Nothing spent or committed may pass the approved amount.
 */
export function createSpendingService({ db, clock, budget }: { db: Db; clock: Clock; budget: BudgetService }) {
  const today = () => shanghaiDate(clock.now());
  const approvedLine = async (actor: Actor, id: string) => {
    const l = await budget.loadLine(actor, id, 'budget.write');
    if (!BUDGET_LINE_RULES.canSpend(l.status)) throw new ConflictError('预算核定后才能登记承诺和支出');
    return l;
  };

  const service = {
    /** One line with its commitments and the ledger payments charged to it. */
    async getLine(actor: Actor, id: string): Promise<BudgetLineDetail> {
      const l = await budget.loadLine(actor, id, 'budget.read');
      const [commitments, spending] = await Promise.all([repo.listCommitments(db, id), repo.listSpending(db, id)]);
      return {
        ...presentLine(l),
        commitments: commitments.map(presentCommitment),
        spending: spending.map((s) => ({
          id: s.id,
          disbursementId: s.disbursementId,
          paidOn: s.paidOn,
          accountName: s.accountName,
          purpose: s.purpose,
          amountFen: Number(s.amountFen),
          reversed: Number(s.reversed) === 1,
          commitmentId: s.commitmentId,
        })),
      };
    },

    async addCommitment(actor: Actor, id: string, body: unknown) {
      const l = await approvedLine(actor, id);
      const v = validate(createCommitmentSchema, body);
      if (String(l.year) !== v.committedOn.slice(0, 4)) throw fieldError('committedOn', `承诺日期须在${l.year}年度内`);
      const available = Number(l.approvedFen) - Number(l.executedFen) - Number(l.committedFen);
      if (v.amountFen > available)
        throw new ConflictError(`超出可用预算（可用${yuan(available)}）`, [
          { path: 'amountFen', message: `超出可用预算（可用${yuan(available)}）` },
        ]);
      const cid = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertCommitment(trx, {
          id: cid,
          lineId: id,
          ownerOrgId: l.ownerOrgId,
          committedOn: v.committedOn,
          description: v.description,
          amountFen: v.amountFen,
          status: 'open',
          settledOn: null,
          cancelReason: null,
          note: v.note ?? null,
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'commitment.add',
          entityType: 'budget_line',
          entityId: id,
          orgUnitId: l.ownerOrgId,
          detail: { commitmentId: cid, amountFen: v.amountFen, description: v.description },
        });
      });
      return service.getLine(actor, id);
    },

    async cancelCommitment(actor: Actor, id: string, commitmentId: string, body: unknown) {
      const l = await budget.loadLine(actor, id, 'budget.write');
      const v = validate(cancelCommitmentSchema, body);
      const c = await repo.findCommitment(db, commitmentId);
      if (!c || c.lineId !== id) throw new NotFoundError('承诺事项');
      if (c.status !== 'open') throw new ConflictError('只有待支付的承诺可以取消');
      await db.transaction().execute(async (trx) => {
        await repo.updateCommitment(trx, commitmentId, {
          status: 'cancelled',
          cancelReason: v.reason,
          updatedAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'commitment.cancel',
          entityType: 'budget_line',
          entityId: id,
          orgUnitId: l.ownerOrgId,
          detail: { commitmentId, reason: v.reason },
        });
      });
      return service.getLine(actor, id);
    },

    /** Ledger payments that may be charged to this line (suggested first: those out of the line's own account). */
    async candidates(actor: Actor, id: string): Promise<SpendingCandidate[]> {
      const l = await budget.loadLine(actor, id, 'budget.write');
      const rows = await repo.spendingCandidates(db, requirePermission(actor, 'budget.write'), Number(l.year));
      return rows
        .map((d) => ({
          id: d.id,
          paidOn: d.paidOn,
          accountName: d.accountName,
          programmeCode: d.programmeCode,
          purpose: d.purpose,
          amountFen: Number(d.amountFen),
          fromLineAccount: !!l.fundAccountId && d.accountId === l.fundAccountId,
        }))
        .sort((a, b) => Number(b.fromLineAccount) - Number(a.fromLineAccount) || a.paidOn.localeCompare(b.paidOn));
    },

    /**
     * Charges ledger payments to the line: each in scope, of the line's year, cash, not reversed, not charged
     * elsewhere; together within what the line has left. Settles the named commitment.
     */
    async link(actor: Actor, id: string, body: unknown) {
      const l = await approvedLine(actor, id);
      const scope = requirePermission(actor, 'budget.write');
      const v = validate(linkSpendingSchema, body);
      const ids = [...new Set(v.disbursementIds)];
      const found = await repo.disbursementsForLink(db, scope, ids);
      if (found.length !== ids.length) throw fieldError('disbursementIds', '拨付记录不存在或不在您的工作范围内');
      for (const d of found) {
        if (Number(d.reversed) === 1) throw fieldError('disbursementIds', `${d.paidOn}的拨付已冲销，不能计入预算执行`);
        if (d.form !== 'cash') throw fieldError('disbursementIds', '物资拨付不计入预算执行，请选择资金拨付');
        if (d.paidOn.slice(0, 4) !== String(l.year)) throw fieldError('disbursementIds', `只能计入${l.year}年度的拨付（${d.paidOn}）`);
        if (d.linkedLineId)
          throw new ConflictError('所选拨付已计入预算项目', [{ path: 'disbursementIds', message: '所选拨付已计入预算项目' }]);
      }
      const commitment = v.commitmentId ? await repo.findCommitment(db, v.commitmentId) : null;
      if (v.commitmentId && (!commitment || commitment.lineId !== id || commitment.status !== 'open'))
        throw fieldError('commitmentId', '承诺事项不存在或已支付、已取消');
      const adding = found.reduce((s, d) => s + Number(d.amountFen), 0);
      // A settled commitment no longer reserves its amount: the payment takes its place.
      const left = Number(l.approvedFen) - Number(l.executedFen) - Number(l.committedFen) + Number(commitment?.amountFen ?? 0);
      if (adding > left) throw new ConflictError(`超出核定预算：本次${yuan(adding)}，可用${yuan(left)}`);
      const at = clock.now().toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          await repo.insertSpendings(
            trx,
            ids.map((disbursementId) => ({
              id: newId(),
              lineId: id,
              ownerOrgId: l.ownerOrgId,
              disbursementId,
              commitmentId: commitment?.id ?? null,
              linkedBy: actor.userId,
              linkedAt: at,
            })),
          );
          if (commitment) {
            const settledOn = found.map((d) => d.paidOn).sort()[found.length - 1];
            await repo.updateCommitment(trx, commitment.id, { status: 'settled', settledOn, updatedAt: at });
          }
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'spending.link',
            entityType: 'budget_line',
            entityId: id,
            orgUnitId: l.ownerOrgId,
            detail: { disbursementIds: ids, amountFen: adding, commitmentId: commitment?.id ?? null },
          });
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new ConflictError('所选拨付已计入预算项目');
        throw e;
      }
      return service.getLine(actor, id);
    },

    /** Takes a payment off the line (charged by mistake); a commitment it settled is open again when nothing else settles it. */
    async unlink(actor: Actor, id: string, spendingId: string) {
      const l = await budget.loadLine(actor, id, 'budget.write');
      const s = await repo.findSpending(db, id, spendingId);
      if (!s) throw new NotFoundError('支出记录');
      await db.transaction().execute(async (trx) => {
        await repo.deleteSpending(trx, spendingId);
        if (s.commitmentId && (await repo.countCommitmentLinks(trx, s.commitmentId)) === 0)
          await repo.updateCommitment(trx, s.commitmentId, { status: 'open', settledOn: null, updatedAt: clock.now().toISOString() });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'spending.unlink',
          entityType: 'budget_line',
          entityId: id,
          orgUnitId: l.ownerOrgId,
          detail: { disbursementId: s.disbursementId, on: today() },
        });
      });
      return service.getLine(actor, id);
    },
  };
  return service;
}
