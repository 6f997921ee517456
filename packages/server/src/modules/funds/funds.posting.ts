import { formatFen, normalSide, SYSTEM_ACCOUNTS, type FundAccountKind, type JournalEntryKind } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './funds.repository.js';

type Line = { accountId: string; amountFen: number; quantity: number };

export const yuan = (fen: number) => `${formatFen(fen)}元`;

// ---------- the posting core (used inside a caller's transaction) ----------

/** A counter account of the owning unit (捐赠收入, 财政拨款收入, 支出), created on first use. */
export async function counterAccount(trx: Executor, clock: Clock, ownerOrgId: string, key: keyof typeof SYSTEM_ACCOUNTS) {
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
export async function allocate(
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

export async function refuseShort(
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
