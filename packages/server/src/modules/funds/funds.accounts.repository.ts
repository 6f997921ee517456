import { sql } from 'kysely';
import { dialectOf, type Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { FundAccountsTable, FundJournalEntriesTable, FundJournalLinesTable } from './funds.tables.js';

// ---------- accounts ----------

export function findAccount(db: Executor, id: string) {
  return db
    .selectFrom('fundAccounts as a')
    .innerJoin('orgUnits as o', 'o.id', 'a.ownerOrgId')
    .selectAll('a')
    .select(['o.path as ownerPath', 'o.name as ownerName'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export function findAccountByCode(db: Executor, ownerOrgId: string, code: string) {
  return db.selectFrom('fundAccounts').selectAll().where('ownerOrgId', '=', ownerOrgId).where('code', '=', code).executeTakeFirst();
}

export function listAccounts(db: Executor, scope: Scope, opts: { holdingOnly?: boolean } = {}) {
  let q = db
    .selectFrom('fundAccounts')
    .selectAll()
    .where((eb) => orgInScope(eb, 'owner_org_id', scope));
  if (opts.holdingOnly) q = q.where('kind', 'in', ['cash', 'budget', 'goods']);
  return q
    .orderBy(sql`case kind when 'cash' then 1 when 'budget' then 2 when 'goods' then 3 when 'income' then 4 else 5 end`)
    .orderBy('code')
    .execute();
}

export function updateAccount(db: Executor, id: string, patch: Partial<Pick<FundAccountsTable, 'name' | 'programmeCode' | 'updatedAt'>>) {
  return db.updateTable('fundAccounts').set(patch).where('id', '=', id).execute();
}

export function insertAccount(db: Executor, row: FundAccountsTable) {
  return db.insertInto('fundAccounts').values(row).execute();
}

/** Creates a counter account on first use; the unique (owner, code) key settles a race. */
export async function ensureAccount(db: Executor, row: FundAccountsTable) {
  await db
    .insertInto('fundAccounts')
    .values(row)
    .onConflict((oc) => oc.columns(['ownerOrgId', 'code']).doNothing())
    .execute();
  return (await findAccountByCode(db, row.ownerOrgId, row.code))!;
}

/**
 * Locks the accounts for the rest of the transaction, in id order so two postings never wait on each other
 * in a cycle. PostgreSQL: SELECT … FOR UPDATE; SQLite serialises write transactions by itself.
 */
export async function lockAccounts(trx: Executor, ids: string[]) {
  const sorted = [...new Set(ids)].sort();
  let q = trx
    .selectFrom('fundAccounts')
    .select(['id', 'code', 'name', 'kind', 'unit', 'balanceFen', 'balanceQty', 'active'])
    .where('id', 'in', sorted)
    .orderBy('id');
  if (dialectOf(trx as never) === 'postgres') q = q.forUpdate();
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.id, { ...r, balanceFen: Number(r.balanceFen), balanceQty: Number(r.balanceQty) }]));
}

export function setAccountBalance(trx: Executor, id: string, balanceFen: number, balanceQty: number, at: string) {
  return trx.updateTable('fundAccounts').set({ balanceFen, balanceQty, updatedAt: at }).where('id', '=', id).execute();
}

// ---------- journal ----------

/** The next journal sequence number, taken inside the posting transaction (gap-free). */
export async function nextJournalSeq(trx: Executor): Promise<number> {
  const r = await trx
    .updateTable('fundJournalHead')
    .set((eb) => ({ lastSeq: eb('lastSeq', '+', 1) }))
    .where('id', '=', 1)
    .returning('lastSeq')
    .executeTakeFirstOrThrow();
  return Number(r.lastSeq);
}

export async function insertEntry(trx: Executor, entry: FundJournalEntriesTable, lines: FundJournalLinesTable[]) {
  await trx.insertInto('fundJournalEntries').values(entry).execute();
  await trx.insertInto('fundJournalLines').values(lines).execute();
}

export function findEntry(db: Executor, id: string) {
  return db.selectFrom('fundJournalEntries').selectAll().where('id', '=', id).executeTakeFirst();
}

export function linesOfEntry(db: Executor, entryId: string) {
  return db.selectFrom('fundJournalLines').selectAll().where('entryId', '=', entryId).orderBy('id').execute();
}

/**
 * The journal, newest posting first (its sequence; the unique index makes the first page instant at a million
 * entries), limited to the scope; with an account, only the entries touching it, found through that account's
 * lines (their index is ordered by business date).
 */
export async function listEntries(
  db: Executor,
  scope: Scope,
  q: { accountId?: string; from?: string; to?: string; limit: number; offset: number },
) {
  let ids: { id: string }[];
  let total: number;
  if (q.accountId) {
    let lq = db
      .selectFrom('fundJournalLines as l')
      .innerJoin('fundJournalEntries as e', 'e.id', 'l.entryId')
      .where('l.accountId', '=', q.accountId)
      .where((eb) => orgInScope(eb, 'e.owner_org_id', scope));
    if (q.from) lq = lq.where('l.entryDate', '>=', q.from);
    if (q.to) lq = lq.where('l.entryDate', '<=', q.to);
    total = Number((await lq.select(sql<number>`count(distinct l.entry_id)`.as('n')).executeTakeFirstOrThrow()).n);
    ids = await lq
      .select(['e.id', 'l.entryDate', 'e.seq'])
      .distinct()
      .orderBy('l.entryDate', 'desc')
      .orderBy('e.seq', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute();
  } else {
    let eq = db.selectFrom('fundJournalEntries as e').where((eb) => orgInScope(eb, 'e.owner_org_id', scope));
    if (q.from) eq = eq.where('e.entryDate', '>=', q.from);
    if (q.to) eq = eq.where('e.entryDate', '<=', q.to);
    total = Number((await eq.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    ids = await eq.select('e.id').orderBy('e.seq', 'desc').limit(q.limit).offset(q.offset).execute();
  }
  if (!ids.length) return { entries: [], lines: [], total };
  const rows = await db
    .selectFrom('fundJournalEntries as e')
    .leftJoin('users as u', 'u.id', 'e.createdBy')
    .selectAll('e')
    .select(['u.displayName as createdByName'])
    .where(
      'e.id',
      'in',
      ids.map((r) => r.id),
    )
    .execute();
  // Which of them were reversed: a separate look-up by the unique key (a LEFT JOIN on it was planned as a scan).
  const reversals = await db
    .selectFrom('fundJournalEntries')
    .select(['id', 'reversesEntryId'])
    .where(
      'reversesEntryId',
      'in',
      ids.map((r) => r.id),
    )
    .execute();
  const reversedBy = new Map(reversals.map((r) => [r.reversesEntryId!, r.id]));
  const byId = new Map(rows.map((r) => [r.id, { ...r, reversedByEntryId: reversedBy.get(r.id) ?? null }]));
  const entries = ids.map((r) => byId.get(r.id)!);
  const lines = await db
    .selectFrom('fundJournalLines as l')
    .innerJoin('fundAccounts as a', 'a.id', 'l.accountId')
    .select(['l.entryId', 'l.accountId', 'a.code as accountCode', 'a.name as accountName', 'l.amountFen', 'l.quantity'])
    .where(
      'l.entryId',
      'in',
      entries.map((e) => e.id),
    )
    .orderBy('l.id')
    .execute();
  return { entries, lines, total };
}

/** Σ of an account's journal lines up to a date (debit positive): the ledger's own answer, never the cached balance. */
export async function sumLines(db: Executor, accountId: string, upTo?: string) {
  let q = db
    .selectFrom('fundJournalLines')
    .select([sql<number>`coalesce(sum(amount_fen), 0)`.as('fen'), sql<number>`coalesce(sum(quantity), 0)`.as('qty')])
    .where('accountId', '=', accountId);
  if (upTo) q = q.where('entryDate', '<=', upTo);
  const r = await q.executeTakeFirstOrThrow();
  return { fen: Number(r.fen), qty: Number(r.qty) };
}
