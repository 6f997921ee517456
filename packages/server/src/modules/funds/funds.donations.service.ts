import { fenToChineseUppercase, isValidCreditCode, type CreateDonation, type Donation, type DonationReceipt } from '@jinguo/domain';
import { auditActor, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, fieldError } from '../../platform/errors.js';
import { recordIdempotencyKey, type IdempotencyClaim } from '../../platform/idempotency.js';
import * as repo from './funds.repository.js';
import { findPerson, personInScope } from '../people/index.js';
import type { FundsContext } from './funds.context.js';
import { receiveInTransaction } from './funds.movements.js';
import { postEntry, yuan } from './funds.posting.js';
import { presentDonation } from './funds.present.js';

/** Money and goods received: donations and appropriations, their receipts and reversals. */
export function createDonationService(ctx: FundsContext) {
  const { db, clock, programmes, today, accountInScope, programmeCheck, loadDonation } = ctx;
  return {
    /** Records money or goods received, with its balanced entry and (for a donation) the next receipt number. */
    async recordDonation(actor: Actor, input: CreateDonation, idem?: IdempotencyClaim | null): Promise<Donation> {
      const scope = requirePermission(actor, 'funds.write');
      const account = await accountInScope(scope, input.accountId);
      if (account.kind === 'income' || account.kind === 'expense') throw fieldError('accountId', '请选择资金、预算经费或物资账户');
      if (input.source === 'appropriation' && account.kind !== 'budget') throw fieldError('accountId', '财政拨款须记入预算经费账户');
      if (input.source === 'donation' && account.kind === 'budget') throw fieldError('accountId', '社会捐赠不能记入预算经费账户');
      if (input.donatedOn > today()) throw fieldError('donatedOn', '捐赠日期不能晚于今天');
      const goods = account.kind === 'goods';
      let amountFen: number;
      let quantity: number | null = null;
      let unitValueFen: number | null = null;
      if (goods) {
        if (!input.quantity) throw fieldError('quantity', '物资捐赠须填写数量');
        unitValueFen = input.unitValueFen ?? (account.unitValueFen == null ? null : Number(account.unitValueFen));
        if (!unitValueFen) throw fieldError('unitValueFen', '请填写单位价值');
        quantity = input.quantity;
        amountFen = quantity * unitValueFen;
        if (!Number.isSafeInteger(amountFen) || amountFen > 1e13) throw fieldError('quantity', '物资价值过大');
      } else {
        if (!input.amountFen) throw fieldError('amountFen', '请填写金额');
        if (input.quantity) throw fieldError('quantity', '资金捐赠不填数量');
        amountFen = input.amountFen;
      }
      const programmeCode = input.programmeCode ?? account.programmeCode ?? null;
      await programmeCheck(programmeCode, account.ownerPath);
      let donorName: string;
      let donorPersonId: string | null = null;
      if (input.donorKind === 'anonymous') donorName = '匿名';
      else if (input.donorKind === 'person' && input.donorPersonId) {
        const p = await findPerson(db, input.donorPersonId);
        if (!p || p.mergedIntoId || !personInScope(scope, p)) throw fieldError('donorPersonId', '捐赠人不存在或不在您的工作范围内');
        donorPersonId = p.id;
        donorName = p.name;
      } else donorName = input.donorName!;
      const creditCode = input.donorKind === 'organisation' && input.donorCreditCode ? input.donorCreditCode.toUpperCase() : null;
      if (creditCode && !isValidCreditCode(creditCode)) throw fieldError('donorCreditCode', '统一社会信用代码不正确');
      let id = '';
      await db.transaction().execute(async (trx) => {
        const r = await receiveInTransaction(trx, clock, {
          account,
          source: input.source,
          donorKind: input.donorKind,
          donorPersonId,
          donorName,
          donorCreditCode: creditCode,
          programmeCode,
          quantity,
          unitValueFen,
          amountFen,
          donatedOn: input.donatedOn,
          memo: input.memo ?? null,
          createdBy: actor.userId,
        });
        id = r.id;
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'fund_donation',
          entityId: id,
          orgUnitId: account.ownerOrgId,
          detail: { receiptNo: r.receiptNo, accountId: account.id, programmeCode, amountFen, quantity, donorKind: input.donorKind },
        });
        await recordIdempotencyKey(trx, idem, id);
      });
      return presentDonation((await repo.findDonation(db, id))!);
    },

    async listDonations(
      actor: Actor,
      q: { programmeCode?: string; accountId?: string; from?: string; to?: string; q?: string; page: number; pageSize: number },
    ) {
      const scope = requirePermission(actor, 'funds.read');
      const r = await repo.listDonations(db, scope, { ...q, text: q.q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { items: r.items.map(presentDonation), total: r.total, page: q.page, pageSize: q.pageSize };
    },

    async getDonation(actor: Actor, id: string) {
      return presentDonation(await loadDonation(requirePermission(actor, 'funds.read'), id));
    },

    /** The printable 捐赠收据: the amount also in Chinese capitals (大写金额). */
    async receipt(actor: Actor, id: string): Promise<DonationReceipt> {
      const d = await loadDonation(requirePermission(actor, 'funds.read'), id);
      if (!d.receiptNo) throw new ConflictError('财政拨款不出具捐赠收据');
      const names = d.programmeCode
        ? await programmes.namesByCode(db, { permission: 'funds.read', paths: [d.ownerPath] })
        : new Map<string, string>();
      return {
        ...presentDonation(d),
        amountUppercase: fenToChineseUppercase(Number(d.amountFen)),
        orgName: d.ownerName,
        donorCreditCode: d.donorCreditCode,
        programmeName: d.programmeCode ? (names.get(d.programmeCode) ?? null) : null,
        issuedBy: d.createdByName ?? '',
      };
    },

    /** Corrects a donation by a reversing entry; refused once any of it has reached a beneficiary. */
    async reverseDonation(actor: Actor, id: string, reason: string, idem?: IdempotencyClaim | null) {
      const scope = requirePermission(actor, 'funds.write');
      const d = await loadDonation(scope, id);
      await db.transaction().execute(async (trx) => {
        await repo.lockAccounts(trx, [d.accountId]);
        const cur = (await repo.findDonation(trx, id))!;
        if (cur.reversalEntryId) throw new ConflictError('该捐赠已冲销');
        const spent = Number(cur.amountFen) - Number(cur.remainingFen);
        if (spent > 0) throw new ConflictError(`该捐赠已有${yuan(spent)}拨付给受助人，须先冲销相关拨付`);
        const lines = await repo.linesOfEntry(trx, cur.entryId);
        const original = await repo.findEntry(trx, cur.entryId);
        const entryId = await postEntry(trx, clock, {
          ownerOrgId: cur.ownerOrgId,
          entryDate: today(),
          kind: 'reversal',
          memo: `冲销：${original!.memo}`,
          lines: lines.map((l) => ({ accountId: l.accountId, amountFen: -Number(l.amountFen), quantity: -Number(l.quantity) })),
          reversesEntryId: cur.entryId,
          reason,
          createdBy: actor.userId,
        });
        await repo.markDonationReversed(trx, id, entryId, reason);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'reverse',
          entityType: 'fund_donation',
          entityId: id,
          orgUnitId: d.ownerOrgId,
          detail: { reason, reversalEntryId: entryId },
        });
        await recordIdempotencyKey(trx, idem, id);
      });
      return presentDonation((await repo.findDonation(db, id))!);
    },
  };
}
