import type { FundSummaryRow } from '@jinguo/domain';
import { auditActor, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { NotFoundError } from '../../platform/errors.js';
import * as repo from './funds.repository.js';
import { findPerson, personInScope } from '../people/index.js';
import type { FundsContext } from './funds.context.js';
import { presentDisbursement, presentDonation, recipientLabel } from './funds.present.js';

/** What the ledger shows across records: the summary by programme and account, a donation's trace, a person's history. */
export function createOverviewService(ctx: FundsContext) {
  const { db, clock, programmes, today, loadDonation } = ctx;
  return {
    /** Raised vs paid vs remaining, per programme and per account: every figure a SQL aggregate. */
    async summary(
      actor: Actor,
      period: { from?: string; to?: string },
    ): Promise<{ byProgramme: FundSummaryRow[]; byAccount: FundSummaryRow[] }> {
      const scope = requirePermission(actor, 'funds.read');
      const year = today().slice(0, 4);
      const f = { scope, from: period.from ?? `${year}-01-01`, to: period.to ?? `${year}-12-31` };
      const [dp, bp, da, ba, remP, accounts, names] = await Promise.all([
        repo.sumDonations(db, f, 'programme'),
        repo.sumDisbursements(db, f, 'programme'),
        repo.sumDonations(db, f, 'account'),
        repo.sumDisbursements(db, f, 'account'),
        repo.remainingByProgramme(db, scope),
        repo.listAccounts(db, scope, { holdingOnly: true }),
        programmes.namesByCode(db, scope),
      ]);
      const rows = (
        keys: string[],
        label: (k: string) => string,
        d: typeof dp,
        b: typeof bp,
        remaining: (k: string) => number,
      ): FundSummaryRow[] =>
        keys.map((key) => {
          const pick = (xs: typeof dp, form: string) => Number(xs.find((x) => x.key === key && x.form === form)?.fen ?? 0);
          return {
            key,
            label: label(key),
            raisedCashFen: pick(d, 'cash'),
            raisedGoodsFen: pick(d, 'goods'),
            paidCashFen: pick(b, 'cash'),
            paidGoodsFen: pick(b, 'goods'),
            remainingFen: remaining(key),
          };
        });
      const programmeKeys = [...new Set([...dp, ...bp, ...remP].map((x) => x.key))].sort((a, b) =>
        a === '' ? 1 : b === '' ? -1 : a.localeCompare(b),
      );
      return {
        byProgramme: rows(
          programmeKeys,
          (k) => (k === '' ? '未指定项目' : (names.get(k) ?? k)),
          dp,
          bp,
          (k) => Number(remP.find((x) => x.key === k)?.fen ?? 0),
        ),
        byAccount: rows(
          accounts.map((a) => a.id),
          (k) => accounts.find((a) => a.id === k)!.name,
          da,
          ba,
          (k) => Number(accounts.find((a) => a.id === k)!.balanceFen),
        ),
      };
    },

    /** Where a donation went (by designation, then first-in first-out), recipients' names masked. */
    async trace(actor: Actor, donationId: string) {
      const scope = requirePermission(actor, 'funds.read');
      const d = await loadDonation(scope, donationId);
      const rows = await repo.traceDonation(db, donationId);
      const items = rows.map((r) => ({
        disbursementId: r.disbursementId,
        paidOn: r.paidOn,
        programmeCode: r.programmeCode,
        recipientKind: r.recipientKind,
        recipientLabel: r.recipientKind === 'household' ? '家庭' : recipientLabel(r),
        amountFen: Number(r.fen),
        quantity: Number(r.qty),
        purpose: r.purpose,
      }));
      const allocatedFen = items.reduce((s, i) => s + i.amountFen, 0);
      return { donation: presentDonation(d), allocatedFen, remainingFen: Number(d.remainingFen), items };
    },

    /** Everything paid to a person or her household, across programmes; the read is audited. */
    async beneficiaryHistory(actor: Actor, personId: string) {
      const scope = requirePermission(actor, 'funds.read');
      const person = await findPerson(db, personId);
      // Her name and history only where she is owned or lives inside the caller's scope, as the registry shows her.
      if (!person || !personInScope(scope, person)) throw new NotFoundError('受助人');
      const rows = await repo.disbursementsOfBeneficiary(db, scope, personId, person.householdId);
      const items = rows.map(presentDisbursement);
      await db.transaction().execute((trx) =>
        appendAudit(trx, clock, auditActor(actor), {
          action: 'read.sensitive',
          entityType: 'person',
          entityId: personId,
          orgUnitId: person.ownerOrgId,
          detail: { view: 'funds.beneficiaryHistory' },
        }),
      );
      return {
        personId,
        name: person.name,
        totalCashFen: items.filter((i) => i.form === 'cash' && !i.reversed).reduce((s, i) => s + i.amountFen, 0),
        totalGoodsFen: items.filter((i) => i.form === 'goods' && !i.reversed).reduce((s, i) => s + i.amountFen, 0),
        items,
      };
    },
  };
}
