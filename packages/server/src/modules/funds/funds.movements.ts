import { maskBankCard, shanghaiDate, type FundAccountKind, type PaymentMethod, type RecipientKind } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { assertAssignable } from '../../platform/assignees.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './funds.repository.js';
import { allocate, counterAccount, postEntry } from './funds.posting.js';

export type InternalReceipt = {
  account: { id: string; ownerOrgId: string; name: string; kind: FundAccountKind };
  source: 'donation' | 'appropriation';
  donorKind: 'person' | 'organisation' | 'anonymous';
  donorPersonId: string | null;
  donorName: string;
  donorCreditCode: string | null;
  programmeCode: string | null;
  quantity: number | null;
  unitValueFen: number | null;
  amountFen: number;
  donatedOn: string;
  memo: string | null;
  createdBy: string | null;
};

/**
 * Money or goods received, inside the caller's transaction: the receipt number (donations only, gap-free per
 * unit and year), the balanced entry (Dr the holding account, Cr 捐赠收入 or 财政拨款收入) and the donation row.
 */
export async function receiveInTransaction(trx: Executor, clock: Clock, r: InternalReceipt) {
  const income = await counterAccount(
    trx,
    clock,
    r.account.ownerOrgId,
    r.source === 'appropriation' ? 'appropriationIncome' : 'donationIncome',
  );
  let receiptNo: string | null = null;
  if (r.source === 'donation') {
    const n = await repo.nextReceiptNumber(trx, r.account.ownerOrgId, Number(r.donatedOn.slice(0, 4)));
    receiptNo = `${r.donatedOn.slice(0, 4)}-${String(n).padStart(6, '0')}`;
  }
  const entryId = await postEntry(trx, clock, {
    ownerOrgId: r.account.ownerOrgId,
    entryDate: r.donatedOn,
    kind: r.source === 'appropriation' ? 'appropriation' : 'donation',
    memo: `${r.source === 'appropriation' ? '财政拨款' : '接收捐赠'}：${r.donorName} → ${r.account.name}${receiptNo ? `（收据 ${receiptNo}）` : ''}`,
    lines: [
      { accountId: r.account.id, amountFen: r.amountFen, quantity: r.quantity ?? 0 },
      { accountId: income.id, amountFen: -r.amountFen, quantity: 0 },
    ],
    createdBy: r.createdBy,
  });
  const id = newId();
  await repo.insertDonation(trx, {
    id,
    ownerOrgId: r.account.ownerOrgId,
    receiptNo,
    source: r.source,
    donorKind: r.donorKind,
    donorPersonId: r.donorPersonId,
    donorName: r.donorName,
    donorCreditCode: r.donorCreditCode,
    accountId: r.account.id,
    programmeCode: r.programmeCode,
    form: r.account.kind === 'goods' ? 'goods' : 'cash',
    quantity: r.quantity,
    unitValueFen: r.unitValueFen,
    amountFen: r.amountFen,
    remainingFen: r.amountFen,
    remainingQty: r.quantity ?? 0,
    donatedOn: r.donatedOn,
    memo: r.memo,
    entryId,
    reversalEntryId: null,
    reversalReason: null,
    createdBy: r.createdBy,
    createdAt: clock.now().toISOString(),
  });
  return { id, receiptNo, entryId };
}

export type InternalDisbursement = {
  account: { id: string; ownerOrgId: string; name: string; kind: FundAccountKind; unit: string | null };
  programmeCode: string | null;
  recipientKind: RecipientKind;
  recipientPersonId?: string | null;
  recipientHouseholdId?: string | null;
  recipientOrgId?: string | null;
  recipientEventName?: string | null;
  recipientLabel: string;
  method: PaymentMethod;
  bankCard?: string | null;
  /** Encrypted card number already held by the source record (a relief application). */
  bankCardEnc?: string | null;
  bankCardMasked?: string | null;
  amountFen?: number;
  quantity?: number;
  paidOn: string;
  approvedBy: string;
  purpose: string;
  sourceKind?: string | null;
  sourceId?: string | null;
  createdBy: string | null;
};

/**
 * A disbursement inside the caller's transaction: allocation to donations, the balanced entry
 * (Dr 支出, Cr the holding account), the disbursement row and its allocations. Relief and sponsorship
 * pay through here so a payment and the record it settles commit together.
 */
export async function disburseInTransaction(trx: Executor, deps: { clock: Clock; cipher: FieldCipher }, d: InternalDisbursement) {
  const expense = await counterAccount(trx, deps.clock, d.account.ownerOrgId, 'disbursementExpense');
  await repo.lockAccounts(trx, [d.account.id, expense.id]);
  const goods = d.account.kind === 'goods';
  const allocations = await allocate(trx, d.account, d.programmeCode, d.paidOn, goods ? { qty: d.quantity! } : { fen: d.amountFen! });
  const amountFen = allocations.reduce((s, a) => s + a.fen, 0);
  const quantity = goods ? d.quantity! : 0;
  const entryId = await postEntry(trx, deps.clock, {
    ownerOrgId: d.account.ownerOrgId,
    entryDate: d.paidOn,
    kind: 'disbursement',
    memo: `拨付：${d.account.name} → ${d.recipientLabel}（${d.purpose}）`,
    lines: [
      { accountId: expense.id, amountFen, quantity: 0 },
      { accountId: d.account.id, amountFen: -amountFen, quantity: -quantity },
    ],
    createdBy: d.createdBy,
  });
  const id = newId();
  const at = deps.clock.now().toISOString();
  await repo.insertDisbursement(trx, {
    id,
    ownerOrgId: d.account.ownerOrgId,
    accountId: d.account.id,
    programmeCode: d.programmeCode,
    form: goods ? 'goods' : 'cash',
    method: d.method,
    recipientKind: d.recipientKind,
    recipientPersonId: d.recipientPersonId ?? null,
    recipientHouseholdId: d.recipientHouseholdId ?? null,
    recipientOrgId: d.recipientOrgId ?? null,
    recipientEventName: d.recipientEventName ?? null,
    bankCardEnc: d.bankCardEnc ?? (d.bankCard ? deps.cipher.encrypt(d.bankCard) : null),
    bankCardMasked: d.bankCardMasked ?? (d.bankCard ? maskBankCard(d.bankCard) : null),
    quantity: goods ? quantity : null,
    amountFen,
    paidOn: d.paidOn,
    approvedBy: d.approvedBy,
    purpose: d.purpose,
    sourceKind: d.sourceKind ?? null,
    sourceId: d.sourceId ?? null,
    entryId,
    reversalEntryId: null,
    reversalReason: null,
    createdBy: d.createdBy,
    createdAt: at,
  });
  await repo.insertAllocations(
    trx,
    allocations.map((a) => ({
      id: newId(),
      disbursementId: id,
      donationId: a.donationId,
      amountFen: a.fen,
      quantity: a.qty,
      createdAt: at,
    })),
  );
  for (const a of allocations) await repo.adjustDonationRemaining(trx, a.donationId, -a.fen, -a.qty);
  return { id, amountFen, quantity, entryId };
}

/** Reverses a disbursement inside the caller's transaction: a mirrored entry, and its donations open again. */
export async function reverseDisbursementInTransaction(
  trx: Executor,
  clock: Clock,
  disbursementId: string,
  reason: string,
  createdBy: string | null,
) {
  const d = await repo.findDisbursement(trx, disbursementId);
  if (!d) throw new NotFoundError('拨付记录');
  if (d.reversalEntryId) throw new ConflictError('该笔拨付已冲销');
  const lines = await repo.linesOfEntry(trx, d.entryId);
  const original = await repo.findEntry(trx, d.entryId);
  const entryId = await postEntry(trx, clock, {
    ownerOrgId: d.ownerOrgId,
    entryDate: shanghaiDate(clock.now()),
    kind: 'reversal',
    memo: `冲销：${original!.memo}`,
    lines: lines.map((l) => ({ accountId: l.accountId, amountFen: -Number(l.amountFen), quantity: -Number(l.quantity) })),
    reversesEntryId: d.entryId,
    reason,
    createdBy,
  });
  const at = clock.now().toISOString();
  const net = await repo.netAllocationsOfDisbursement(trx, disbursementId);
  await repo.insertAllocations(
    trx,
    net
      .filter((n) => Number(n.fen) !== 0 || Number(n.qty) !== 0)
      .map((n) => ({
        id: newId(),
        disbursementId,
        donationId: n.donationId,
        amountFen: -Number(n.fen),
        quantity: -Number(n.qty),
        createdAt: at,
      })),
  );
  for (const n of net) await repo.adjustDonationRemaining(trx, n.donationId, Number(n.fen), Number(n.qty));
  await repo.markDisbursementReversed(trx, disbursementId, entryId, reason);
  return { entryId, ownerOrgId: d.ownerOrgId };
}

/** The approver must be an active account holding funds.approve over the account's owning unit (the recorder alone cannot pay). */
export function assertApprover(db: Executor, approvedBy: string, ownerPath: string) {
  return assertAssignable(db, 'approvedBy', approvedBy, 'funds.approve', ownerPath, '审批人须为对该账户有拨付审批权限的人员');
}
