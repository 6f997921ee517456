import {
  fenToChineseUppercase,
  formatFen,
  isValidCreditCode,
  maskBankCard,
  maskName,
  normalSide,
  permissionsOf,
  ROLES,
  shanghaiDate,
  SYSTEM_ACCOUNTS,
  type CreateDisbursement,
  type CreateDonation,
  type CreateFundAccount,
  HOLDING_ACCOUNT_KINDS,
  type UpdateFundAccount,
  type Disbursement,
  type Donation,
  type DonationReceipt,
  type FundAccount,
  type FundAccountKind,
  type FundSummaryRow,
  type FundJournalEntry,
  type JournalEntryKind,
  type PaymentMethod,
  type RecipientKind,
} from '@jinguo/domain';
import type { Db, Executor } from '../../db/database.js';
import { auditActor, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { assertAssignable } from '../../platform/assignees.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { ConflictError, fieldError, NotFoundError } from '../../platform/errors.js';
import { recordIdempotencyKey, type IdempotencyClaim } from '../../platform/idempotency.js';
import { newId } from '../../platform/ids.js';
import * as repo from './funds.repository.js';
import { findUnit } from '../org/index.js';
import { findHousehold, findPerson, personInScope } from '../people/index.js';
import type { ProgrammeCatalogue } from './programmes.js';

export type FundsService = ReturnType<typeof createFundsService>;
type Deps = { db: Db; clock: Clock; cipher: FieldCipher; programmes: ProgrammeCatalogue };

type Line = { accountId: string; amountFen: number; quantity: number };
type AccountRow = NonNullable<Awaited<ReturnType<typeof repo.findAccount>>>;

const yuan = (fen: number) => `${formatFen(fen)}元`;

// ---------- the posting core (used inside a caller's transaction) ----------

/** A counter account of the owning unit (捐赠收入, 财政拨款收入, 支出), created on first use. */
async function counterAccount(trx: Executor, clock: Clock, ownerOrgId: string, key: keyof typeof SYSTEM_ACCOUNTS) {
  const def = SYSTEM_ACCOUNTS[key];
  const at = clock.now().toISOString();
  return repo.ensureAccount(trx, {
    id: newId(),
    ownerOrgId,
    code: def.code,
    name: def.name,
    kind: def.kind,
    programmeCode: null,
    item: null,
    unit: null,
    unitValueFen: null,
    balanceFen: 0,
    balanceQty: 0,
    active: 1,
    createdAt: at,
    updatedAt: at,
  });
}

/**
 * Posts one balanced entry: locks its accounts, checks that no account leaves its normal direction (a holding
 * account never below zero, in money or in quantity), appends the entry and its lines, moves the running
 * balances. Runs inside the caller's transaction, so the entry exists exactly when the business record does.
 */
export async function postEntry(
  trx: Executor,
  clock: Clock,
  p: {
    ownerOrgId: string;
    entryDate: string;
    kind: JournalEntryKind;
    memo: string;
    lines: Line[];
    reversesEntryId?: string | null;
    reason?: string | null;
    createdBy: string | null;
  },
): Promise<string> {
  const total = p.lines.reduce((s, l) => s + l.amountFen, 0);
  if (total !== 0 || p.lines.length < 2) throw new Error(`unbalanced journal entry (${total})`);
  const accounts = await repo.lockAccounts(
    trx,
    p.lines.map((l) => l.accountId),
  );
  const next = new Map<string, { fen: number; qty: number }>();
  for (const l of p.lines) {
    const a = accounts.get(l.accountId);
    if (!a) throw new Error(`unknown account ${l.accountId}`);
    const cur = next.get(a.id) ?? { fen: a.balanceFen, qty: a.balanceQty };
    next.set(a.id, { fen: cur.fen + normalSide(a.kind) * l.amountFen, qty: cur.qty + l.quantity });
  }
  for (const [id, bal] of next) {
    const a = accounts.get(id)!;
    if (bal.qty < 0)
      throw new ConflictError(
        `库存不足：「${a.name}」现有 ${a.balanceQty}${a.unit ?? ''}，本次需 ${a.balanceQty - bal.qty}${a.unit ?? ''}`,
      );
    if (bal.fen < 0)
      throw new ConflictError(`余额不足：账户「${a.name}」当前余额 ${yuan(a.balanceFen)}，本次需 ${yuan(a.balanceFen - bal.fen)}`);
  }
  const at = clock.now().toISOString();
  const entryId = newId();
  const seq = await repo.nextJournalSeq(trx);
  await repo.insertEntry(
    trx,
    {
      id: entryId,
      seq,
      ownerOrgId: p.ownerOrgId,
      entryDate: p.entryDate,
      kind: p.kind,
      memo: p.memo,
      reversesEntryId: p.reversesEntryId ?? null,
      reason: p.reason ?? null,
      createdBy: p.createdBy,
      createdAt: at,
    },
    p.lines.map((l) => ({
      id: newId(),
      entryId,
      accountId: l.accountId,
      entryDate: p.entryDate,
      amountFen: l.amountFen,
      quantity: l.quantity,
    })),
  );
  for (const [id, bal] of next) await repo.setAccountBalance(trx, id, bal.fen, bal.qty, at);
  return entryId;
}

type Allocation = { donationId: string; fen: number; qty: number };

/**
 * Spends an account's open donations for a disbursement: those designated to its programme first, then
 * undesignated ones, each first-in first-out; donations designated to another programme are never used.
 * Goods are valued lot by lot (the share of the lot's remaining value; the last unit takes the exact rest).
 */
async function allocate(
  trx: Executor,
  account: { id: string; name: string; kind: FundAccountKind; unit: string | null },
  programmeCode: string | null,
  upTo: string,
  need: { fen: number } | { qty: number },
) {
  const out: Allocation[] = [];
  const goods = 'qty' in need;
  let rest = goods ? need.qty : need.fen;
  for (const programme of programmeCode ? [programmeCode, null] : [null]) {
    let after: { donatedOn: string; createdAt: string; id: string } | null = null;
    while (rest > 0) {
      const lots = await repo.openDonationsPage(trx, account.id, programme, upTo, after, 100);
      for (const lot of lots) {
        if (rest === 0) break;
        const lotFen = Number(lot.remainingFen);
        if (goods) {
          const lotQty = Number(lot.remainingQty);
          const take = Math.min(lotQty, rest);
          const fen = take === lotQty ? lotFen : Number((BigInt(lotFen) * BigInt(take)) / BigInt(lotQty));
          out.push({ donationId: lot.id, fen, qty: take });
          rest -= take;
        } else {
          const take = Math.min(lotFen, rest);
          out.push({ donationId: lot.id, fen: take, qty: 0 });
          rest -= take;
        }
      }
      if (lots.length < 100) break;
      after = lots[lots.length - 1];
    }
    if (rest === 0) break;
  }
  if (rest > 0) await refuseShort(trx, account, programmeCode, upTo, goods ? null : need.fen, goods ? need.qty : null);
  return out;
}

async function refuseShort(
  trx: Executor,
  account: { id: string; name: string; unit: string | null },
  programmeCode: string | null,
  upTo: string,
  needFen: number | null,
  needQty: number | null,
): Promise<never> {
  const split = await repo.openValueSplit(trx, account.id, programmeCode, upTo);
  const reserved = split.allFen - split.usableFen;
  const tail = reserved > 0 ? `（另有 ${yuan(reserved)} 为指定用于其他项目的捐赠，不能挪用）` : '';
  if (needQty !== null)
    throw new ConflictError(
      `库存不足：「${account.name}」截至${upTo}可用于该项目的数量为 ${split.usableQty}${account.unit ?? ''}，本次需 ${needQty}${account.unit ?? ''}${tail}`,
    );
  throw new ConflictError(
    `余额不足：账户「${account.name}」截至${upTo}可用于该项目的余额为 ${yuan(split.usableFen)}，本次拨付 ${yuan(needFen!)}${tail}`,
  );
}

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

// ---------- presenters ----------

export function presentAccount(a: {
  id: string;
  code: string;
  name: string;
  kind: FundAccountKind;
  programmeCode: string | null;
  item: string | null;
  unit: string | null;
  unitValueFen: number | null;
  balanceFen: number;
  balanceQty: number;
  active: number;
}): FundAccount {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    kind: a.kind,
    programmeCode: a.programmeCode,
    item: a.item,
    unit: a.unit,
    unitValueFen: a.unitValueFen == null ? null : Number(a.unitValueFen),
    balanceFen: Number(a.balanceFen),
    balanceQty: Number(a.balanceQty),
    active: a.active === 1,
  };
}

type DonationRow =
  | NonNullable<Awaited<ReturnType<typeof repo.findDonation>>>
  | Awaited<ReturnType<typeof repo.listDonations>>['items'][number];
function presentDonation(d: DonationRow): Donation {
  return {
    id: d.id,
    receiptNo: d.receiptNo,
    source: d.source,
    donorKind: d.donorKind,
    donorPersonId: d.donorPersonId,
    donorName: d.donorName,
    accountId: d.accountId,
    accountName: d.accountName,
    programmeCode: d.programmeCode,
    form: d.form,
    item: d.item,
    unit: d.unit,
    quantity: d.quantity == null ? null : Number(d.quantity),
    unitValueFen: d.unitValueFen == null ? null : Number(d.unitValueFen),
    amountFen: Number(d.amountFen),
    remainingFen: Number(d.remainingFen),
    donatedOn: d.donatedOn,
    memo: d.memo,
    entryId: d.entryId,
    reversed: !!d.reversalEntryId,
    reversalReason: d.reversalReason,
    createdAt: d.createdAt,
  };
}

/** How a recipient is shown: a person's name masked (lists and traces never carry a beneficiary's full name). */
export function recipientLabel(r: {
  recipientKind: RecipientKind;
  personName?: string | null;
  householdName?: string | null;
  orgName?: string | null;
  recipientEventName?: string | null;
}): string {
  switch (r.recipientKind) {
    case 'person':
      return maskName(r.personName ?? null) ?? '（已删除）';
    case 'household':
      return `${maskName(r.householdName ?? null) ?? ''}家庭`;
    case 'village':
      return r.orgName ?? '—';
    case 'event':
      return r.recipientEventName ?? '—';
  }
}

type DisbursementRow = NonNullable<Awaited<ReturnType<typeof repo.findDisbursement>>>;
function presentDisbursement(d: DisbursementRow): Disbursement {
  return {
    id: d.id,
    accountId: d.accountId,
    accountName: d.accountName,
    programmeCode: d.programmeCode,
    form: d.form,
    method: d.method,
    recipientKind: d.recipientKind,
    recipientPersonId: d.recipientPersonId,
    recipientHouseholdId: d.recipientHouseholdId,
    recipientOrgId: d.recipientOrgId,
    recipientLabel: recipientLabel(d),
    bankCardMasked: d.bankCardMasked,
    item: d.item,
    unit: d.unit,
    quantity: d.quantity == null ? null : Number(d.quantity),
    amountFen: Number(d.amountFen),
    paidOn: d.paidOn,
    approvedByName: d.approvedByName,
    purpose: d.purpose,
    sourceKind: d.sourceKind,
    sourceId: d.sourceId,
    entryId: d.entryId,
    reversed: !!d.reversalEntryId,
    reversalReason: d.reversalReason,
    createdAt: d.createdAt,
  };
}

/** Where a disbursement caused by another record is reversed (that record alone may reverse it). */
const REVERSED_AT_SOURCE: Record<string, string> = {
  relief_application: '该笔拨付是救助申请的发放，请在救助申请页面冲销',
  sponsorship_payment: '该笔拨付是春蕾资助款，请在资助页面冲销',
  children_help: '该笔拨付是留守儿童帮扶，请在关爱留守儿童页面冲销',
};

// ---------- the service (authorises, owns the transaction, writes the audit entry) ----------

export function createFundsService({ db, clock, cipher, programmes }: Deps) {
  const today = () => shanghaiDate(clock.now());

  /** Is the programme (as the account's unit knows it) restricted to bank transfer (两癌救助)? The ledger enforces it on every payment. */
  async function programmeIsTransferOnly(code: string | null, unitPath: string): Promise<boolean> {
    if (!code) return false;
    return (await programmes.findFor(db, code, unitPath))?.transferOnly ?? false;
  }

  async function accountInScope(scope: Scope, id: string, field = 'accountId'): Promise<AccountRow> {
    const a = await repo.findAccount(db, id);
    if (!a || !pathInScope(scope, a.ownerPath)) throw fieldError(field, '账户不存在或无权使用');
    if (!a.active) throw fieldError(field, '账户已停用');
    return a;
  }

  /** A programme code the unit knows: one of its own programmes or of the units above it, not another district's. */
  async function programmeCheck(code: string | null | undefined, unitPath: string, field = 'programmeCode') {
    if (!code) return null;
    const p = await programmes.findFor(db, code, unitPath);
    if (!p) throw fieldError(field, `项目代码 ${code} 不存在`);
    return p;
  }

  async function loadDonation(scope: Scope, id: string) {
    const d = await repo.findDonation(db, id);
    if (!d || !pathInScope(scope, d.ownerPath)) throw new NotFoundError('捐赠记录');
    return d;
  }

  async function loadDisbursement(scope: Scope, id: string) {
    const d = await repo.findDisbursement(db, id);
    if (!d || !pathInScope(scope, d.ownerPath)) throw new NotFoundError('拨付记录');
    return d;
  }

  return {
    async listAccounts(actor: Actor): Promise<FundAccount[]> {
      const scope = requirePermission(actor, 'funds.read');
      return (await repo.listAccounts(db, scope)).map(presentAccount);
    },

    async getAccount(actor: Actor, id: string) {
      const scope = requirePermission(actor, 'funds.read');
      const a = await repo.findAccount(db, id);
      if (!a || !pathInScope(scope, a.ownerPath)) throw new NotFoundError('账户');
      return presentAccount(a);
    },

    /** Opens a holding account (cash fund, budget allocation or goods stock) in the caller's own unit. */
    async createAccount(actor: Actor, input: CreateFundAccount): Promise<FundAccount> {
      const scope = requirePermission(actor, 'funds.write');
      const ownerOrgId = scope.paths[0].split('/').filter(Boolean).pop()!;
      await programmeCheck(input.programmeCode, scope.paths[0]);
      if (await repo.findAccountByCode(db, ownerOrgId, input.code))
        throw new ConflictError('账户代码已存在', [{ path: 'code', message: '账户代码已存在' }]);
      const at = clock.now().toISOString();
      const goods = input.kind === 'goods';
      const row = {
        id: newId(),
        ownerOrgId,
        code: input.code,
        name: input.name,
        kind: input.kind,
        programmeCode: input.programmeCode ?? null,
        item: goods ? (input.item ?? null) : null,
        unit: goods ? (input.unit ?? null) : null,
        unitValueFen: goods ? (input.unitValueFen ?? null) : null,
        balanceFen: 0,
        balanceQty: 0,
        active: 1,
        createdAt: at,
        updatedAt: at,
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertAccount(trx, row);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'fund_account',
          entityId: row.id,
          orgUnitId: ownerOrgId,
          detail: { after: { code: row.code, name: row.name, kind: row.kind, programmeCode: row.programmeCode } },
        });
      });
      return presentAccount(row);
    },

    /**
     * Renames a holding account or names the programme it is earmarked for, once both exist. The earmark is only set,
     * never moved: the donations already booked keep the programme they were received for, so an account that names
     * one programme cannot be turned to another (409).
     */
    async updateAccount(actor: Actor, id: string, patch: UpdateFundAccount): Promise<FundAccount> {
      const scope = requirePermission(actor, 'funds.write');
      const a = await repo.findAccount(db, id);
      if (!a || !pathInScope(scope, a.ownerPath) || !(HOLDING_ACCOUNT_KINDS as readonly string[]).includes(a.kind))
        throw new NotFoundError('账户');
      const programmeCode = patch.programmeCode === undefined ? a.programmeCode : patch.programmeCode;
      if (a.programmeCode && programmeCode !== a.programmeCode)
        throw new ConflictError(`该账户已指定用于项目 ${a.programmeCode}，不能改为其他项目（已入账的资金按原项目记账）`, [
          { path: 'programmeCode', message: `该账户已指定用于项目 ${a.programmeCode}` },
        ]);
      if (programmeCode !== a.programmeCode) await programmeCheck(programmeCode, a.ownerPath);
      const set = { name: patch.name ?? a.name, programmeCode, updatedAt: clock.now().toISOString() };
      await db.transaction().execute(async (trx) => {
        await repo.updateAccount(trx, id, set);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'fund_account',
          entityId: id,
          orgUnitId: a.ownerOrgId,
          detail: { before: { name: a.name, programmeCode: a.programmeCode }, after: { name: set.name, programmeCode } },
        });
      });
      return presentAccount({ ...a, ...set });
    },

    async listJournal(actor: Actor, q: { accountId?: string; from?: string; to?: string; page: number; pageSize: number }) {
      const scope = requirePermission(actor, 'funds.read');
      const r = await repo.listEntries(db, scope, { ...q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      const items: FundJournalEntry[] = r.entries.map((e) => ({
        id: e.id,
        seq: Number(e.seq),
        entryDate: e.entryDate,
        kind: e.kind,
        memo: e.memo,
        reversesEntryId: e.reversesEntryId,
        reversedByEntryId: e.reversedByEntryId,
        reason: e.reason,
        createdByName: e.createdByName,
        createdAt: e.createdAt,
        lines: r.lines
          .filter((l) => l.entryId === e.id)
          .map((l) => ({
            accountId: l.accountId,
            accountCode: l.accountCode,
            accountName: l.accountName,
            amountFen: Number(l.amountFen),
            quantity: Number(l.quantity),
          })),
      }));
      return { items, total: r.total, page: q.page, pageSize: q.pageSize };
    },

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

    /** Pays money or goods out of a holding account to a person, household, village or event. */
    async recordDisbursement(actor: Actor, input: CreateDisbursement, idem?: IdempotencyClaim | null): Promise<Disbursement> {
      const scope = requirePermission(actor, 'funds.write');
      const account = await accountInScope(scope, input.accountId);
      if (account.kind === 'income' || account.kind === 'expense') throw fieldError('accountId', '请选择资金、预算经费或物资账户');
      if (input.paidOn > today()) throw fieldError('paidOn', '拨付日期不能晚于今天');
      const goods = account.kind === 'goods';
      if (goods && !input.quantity) throw fieldError('quantity', '物资拨付须填写数量');
      if (goods && input.method !== 'in_kind') throw fieldError('method', '物资只能实物发放');
      if (!goods && !input.amountFen) throw fieldError('amountFen', '请填写金额');
      if (!goods && input.method === 'in_kind') throw fieldError('method', '资金须以银行转账或现金发放');
      const programmeCode = input.programmeCode ?? account.programmeCode ?? null;
      await programmeCheck(programmeCode, account.ownerPath);
      if (!goods && input.method !== 'bank_transfer' && (await programmeIsTransferOnly(programmeCode, account.ownerPath)))
        throw fieldError('method', '该项目只能通过银行转账发放，不能发放现金');
      await assertApprover(db, input.approvedBy, account.ownerPath);
      let label = '';
      switch (input.recipientKind) {
        case 'person': {
          const p = await findPerson(db, input.recipientPersonId!);
          if (!p || p.mergedIntoId || !personInScope(scope, p)) throw fieldError('recipientPersonId', '受助人不存在或不在您的工作范围内');
          label = maskName(p.name)!;
          break;
        }
        case 'household': {
          const h = await findHousehold(db, input.recipientHouseholdId!);
          const hUnits = h
            ? await Promise.all([findUnit(db, h.ownerOrgId), h.residenceOrgId ? findUnit(db, h.residenceOrgId) : undefined])
            : [];
          if (!hUnits.some((u) => u && pathInScope(scope, u.path)))
            throw fieldError('recipientHouseholdId', '受助家庭不存在或不在您的工作范围内');
          label = '家庭';
          break;
        }
        case 'village': {
          const unit = await findUnit(db, input.recipientOrgId!);
          if (!unit || !['village', 'community', 'township', 'street'].includes(unit.kind) || !pathInScope(scope, unit.path))
            throw fieldError('recipientOrgId', '请选择您工作范围内的村（社区）或乡镇（街道）');
          label = unit.name;
          break;
        }
        case 'event':
          label = input.recipientEventName!;
      }
      let id = '';
      await db.transaction().execute(async (trx) => {
        const r = await disburseInTransaction(
          trx,
          { clock, cipher },
          {
            account,
            programmeCode,
            recipientKind: input.recipientKind,
            recipientPersonId: input.recipientKind === 'person' ? input.recipientPersonId : null,
            recipientHouseholdId: input.recipientKind === 'household' ? input.recipientHouseholdId : null,
            recipientOrgId: input.recipientKind === 'village' ? input.recipientOrgId : null,
            recipientEventName: input.recipientKind === 'event' ? input.recipientEventName : null,
            recipientLabel: label,
            method: input.method,
            bankCard: input.method === 'bank_transfer' ? input.bankCard : null,
            amountFen: input.amountFen,
            quantity: input.quantity,
            paidOn: input.paidOn,
            approvedBy: input.approvedBy,
            purpose: input.purpose,
            createdBy: actor.userId,
          },
        );
        id = r.id;
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'fund_disbursement',
          entityId: id,
          orgUnitId: account.ownerOrgId,
          detail: {
            accountId: account.id,
            programmeCode,
            amountFen: r.amountFen,
            quantity: r.quantity,
            recipientKind: input.recipientKind,
            method: input.method,
            approvedBy: input.approvedBy,
          },
        });
        await recordIdempotencyKey(trx, idem, id);
      });
      return presentDisbursement((await repo.findDisbursement(db, id))!);
    },

    async listDisbursements(
      actor: Actor,
      q: {
        programmeCode?: string;
        accountId?: string;
        recipientPersonId?: string;
        from?: string;
        to?: string;
        page: number;
        pageSize: number;
      },
    ) {
      const scope = requirePermission(actor, 'funds.read');
      const r = await repo.listDisbursements(db, scope, { ...q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { items: r.items.map(presentDisbursement), total: r.total, page: q.page, pageSize: q.pageSize };
    },

    async getDisbursement(actor: Actor, id: string) {
      return presentDisbursement(await loadDisbursement(requirePermission(actor, 'funds.read'), id));
    },

    /** Reverses a disbursement made here; one made for a relief application, a 春蕾 term or a child's help is reversed there. */
    async reverseDisbursement(actor: Actor, id: string, reason: string, idem?: IdempotencyClaim | null) {
      const scope = requirePermission(actor, 'funds.write');
      const d = await loadDisbursement(scope, id);
      if (d.sourceKind) throw new ConflictError(REVERSED_AT_SOURCE[d.sourceKind] ?? '该笔拨付由业务记录发起，请在原业务页面冲销');
      await db.transaction().execute(async (trx) => {
        const r = await reverseDisbursementInTransaction(trx, clock, id, reason, actor.userId);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'reverse',
          entityType: 'fund_disbursement',
          entityId: id,
          orgUnitId: r.ownerOrgId,
          detail: { reason, reversalEntryId: r.entryId },
        });
        await recordIdempotencyKey(trx, idem, id);
      });
      return presentDisbursement((await repo.findDisbursement(db, id))!);
    },

    /** People who may approve a disbursement (funds.approve) over the caller's units, for the form. */
    async approvers(actor: Actor) {
      const scope = requirePermission(actor, 'funds.read');
      const roles = ROLES.filter((r) => permissionsOf(r).includes('funds.approve'));
      return repo.listApprovers(db, scope, roles);
    },

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
