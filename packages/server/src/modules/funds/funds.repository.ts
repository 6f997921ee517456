import { sql } from 'kysely';
import { dialectOf, type Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type {
  FundAccountsTable,
  FundAllocationsTable,
  FundDisbursementsTable,
  FundDonationsTable,
  FundJournalEntriesTable,
  FundJournalLinesTable,
} from './funds.tables.js';

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

export function insertAccount(db: Executor, row: FundAccountsTable) {
  return db.insertInto('fundAccounts').values(row).execute();
}

export function updateAccount(db: Executor, id: string, patch: Partial<Pick<FundAccountsTable, 'name' | 'programmeCode' | 'updatedAt'>>) {
  return db.updateTable('fundAccounts').set(patch).where('id', '=', id).execute();
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

// ---------- donations ----------

/** The next receipt number of the unit's year, taken in the donation's transaction (gap-free, no duplicates). */
export async function nextReceiptNumber(trx: Executor, ownerOrgId: string, year: number): Promise<number> {
  const r = await trx
    .insertInto('fundReceiptCounters')
    .values({ ownerOrgId, year, lastValue: 1 })
    .onConflict((oc) => oc.columns(['ownerOrgId', 'year']).doUpdateSet({ lastValue: sql`fund_receipt_counters.last_value + 1` }))
    .returning('lastValue')
    .executeTakeFirstOrThrow();
  return Number(r.lastValue);
}

export function insertDonation(trx: Executor, row: FundDonationsTable) {
  return trx.insertInto('fundDonations').values(row).execute();
}

const DONATION_COLUMNS = [
  'd.id',
  'd.ownerOrgId',
  'd.receiptNo',
  'd.source',
  'd.donorKind',
  'd.donorPersonId',
  'd.donorName',
  'd.donorCreditCode',
  'd.accountId',
  'd.programmeCode',
  'd.form',
  'd.quantity',
  'd.unitValueFen',
  'd.amountFen',
  'd.remainingFen',
  'd.remainingQty',
  'd.donatedOn',
  'd.memo',
  'd.entryId',
  'd.reversalEntryId',
  'd.reversalReason',
  'd.createdBy',
  'd.createdAt',
] as const;

export function findDonation(db: Executor, id: string) {
  return db
    .selectFrom('fundDonations as d')
    .innerJoin('fundAccounts as a', 'a.id', 'd.accountId')
    .innerJoin('orgUnits as o', 'o.id', 'd.ownerOrgId')
    .leftJoin('users as u', 'u.id', 'd.createdBy')
    .select(DONATION_COLUMNS)
    .select(['a.name as accountName', 'a.item', 'a.unit', 'o.path as ownerPath', 'o.name as ownerName', 'u.displayName as createdByName'])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

export async function listDonations(
  db: Executor,
  scope: Scope,
  q: { programmeCode?: string; accountId?: string; from?: string; to?: string; text?: string; limit: number; offset: number },
) {
  let query = db.selectFrom('fundDonations as d').where((eb) => orgInScope(eb, 'd.owner_org_id', scope));
  if (q.programmeCode) query = query.where('d.programmeCode', '=', q.programmeCode);
  if (q.accountId) query = query.where('d.accountId', '=', q.accountId);
  if (q.from) query = query.where('d.donatedOn', '>=', q.from);
  if (q.to) query = query.where('d.donatedOn', '<=', q.to);
  if (q.text)
    query = query.where((eb) => eb.or([eb('d.donorName', 'like', `%${q.text!.replace(/[%_\\]/g, '')}%`), eb('d.receiptNo', '=', q.text!)]));
  const [{ total }] = await query.select(sql<number>`count(*)`.as('total')).execute();
  const items = await query
    .innerJoin('fundAccounts as a', 'a.id', 'd.accountId')
    .select(DONATION_COLUMNS)
    .select(['a.name as accountName', 'a.item', 'a.unit'])
    .orderBy('d.donatedOn', 'desc')
    .orderBy('d.createdAt', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { items, total: Number(total) };
}

/**
 * A page of the donations of an account still open on a date, for one programme or the undesignated ones
 * (programme null), first in first out, after a keyset position. A disbursement spends its programme's
 * designated donations first, then undesignated ones; those designated to another programme are never used.
 */
export function openDonationsPage(
  trx: Executor,
  accountId: string,
  programmeCode: string | null,
  upTo: string,
  after: { donatedOn: string; createdAt: string; id: string } | null,
  limit: number,
) {
  let q = trx
    .selectFrom('fundDonations')
    .select(['id', 'remainingFen', 'remainingQty', 'donatedOn', 'createdAt'])
    .where('accountId', '=', accountId)
    .where('remainingFen', '>', 0)
    .where('donatedOn', '<=', upTo)
    .where('programmeCode', programmeCode === null ? 'is' : '=', programmeCode);
  if (after)
    q = q.where((eb) => eb(eb.refTuple('donatedOn', 'createdAt', 'id'), '>', eb.tuple(after.donatedOn, after.createdAt, after.id)));
  return q.orderBy('donatedOn').orderBy('createdAt').orderBy('id').limit(limit).execute();
}

/** Σ open value of an account split into usable-for-this-programme and reserved-for-others (for the refusal message). */
export async function openValueSplit(trx: Executor, accountId: string, programmeCode: string | null, upTo: string) {
  const r = await trx
    .selectFrom('fundDonations')
    .select([
      sql<number>`coalesce(sum(case when programme_code is null or programme_code = ${programmeCode ?? ''} then remaining_fen else 0 end), 0)`.as(
        'usableFen',
      ),
      sql<number>`coalesce(sum(case when programme_code is null or programme_code = ${programmeCode ?? ''} then remaining_qty else 0 end), 0)`.as(
        'usableQty',
      ),
      sql<number>`coalesce(sum(remaining_fen), 0)`.as('allFen'),
    ])
    .where('accountId', '=', accountId)
    .where('remainingFen', '>', 0)
    .where('donatedOn', '<=', upTo)
    .executeTakeFirstOrThrow();
  return { usableFen: Number(r.usableFen), usableQty: Number(r.usableQty), allFen: Number(r.allFen) };
}

export function adjustDonationRemaining(trx: Executor, id: string, deltaFen: number, deltaQty: number) {
  return trx
    .updateTable('fundDonations')
    .set((eb) => ({ remainingFen: eb('remainingFen', '+', deltaFen), remainingQty: eb('remainingQty', '+', deltaQty) }))
    .where('id', '=', id)
    .execute();
}

export function markDonationReversed(trx: Executor, id: string, reversalEntryId: string, reason: string) {
  return trx
    .updateTable('fundDonations')
    .set({ reversalEntryId, reversalReason: reason, remainingFen: 0, remainingQty: 0 })
    .where('id', '=', id)
    .execute();
}

// ---------- disbursements ----------

export function insertDisbursement(trx: Executor, row: FundDisbursementsTable) {
  return trx.insertInto('fundDisbursements').values(row).execute();
}

function disbursementQuery(db: Executor) {
  return (
    db
      .selectFrom('fundDisbursements as b')
      .innerJoin('fundAccounts as a', 'a.id', 'b.accountId')
      .innerJoin('orgUnits as o', 'o.id', 'b.ownerOrgId')
      .leftJoin('persons as p', 'p.id', 'b.recipientPersonId')
      .leftJoin('orgUnits as v', 'v.id', 'b.recipientOrgId')
      .leftJoin('users as ap', 'ap.id', 'b.approvedBy')
      .selectAll('b')
      .select([
        'a.name as accountName',
        'a.item',
        'a.unit',
        'o.path as ownerPath',
        'p.name as personName',
        'v.name as orgName',
        'ap.displayName as approvedByName',
      ])
      // A household has no name of its own: it is shown by one of its members.
      .select((eb) =>
        eb
          .selectFrom('persons as hp')
          .select((e2) => e2.fn.min('hp.name').as('n'))
          .whereRef('hp.householdId', '=', 'b.recipientHouseholdId')
          .as('householdName'),
      )
  );
}

export function findDisbursement(db: Executor, id: string) {
  return disbursementQuery(db).where('b.id', '=', id).executeTakeFirst();
}

export async function listDisbursements(
  db: Executor,
  scope: Scope,
  q: { programmeCode?: string; accountId?: string; recipientPersonId?: string; from?: string; to?: string; limit: number; offset: number },
) {
  let base = db.selectFrom('fundDisbursements as b').where((eb) => orgInScope(eb, 'b.owner_org_id', scope));
  if (q.programmeCode) base = base.where('b.programmeCode', '=', q.programmeCode);
  if (q.accountId) base = base.where('b.accountId', '=', q.accountId);
  if (q.recipientPersonId) base = base.where('b.recipientPersonId', '=', q.recipientPersonId);
  if (q.from) base = base.where('b.paidOn', '>=', q.from);
  if (q.to) base = base.where('b.paidOn', '<=', q.to);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const ids = await base
    .select('b.id')
    .orderBy('b.paidOn', 'desc')
    .orderBy('b.createdAt', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const rows = ids.length
    ? await disbursementQuery(db)
        .where(
          'b.id',
          'in',
          ids.map((r) => r.id),
        )
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: ids.map((r) => byId.get(r.id)!), total: Number(total) };
}

export function markDisbursementReversed(trx: Executor, id: string, reversalEntryId: string, reason: string) {
  return trx.updateTable('fundDisbursements').set({ reversalEntryId, reversalReason: reason }).where('id', '=', id).execute();
}

/**
 * The ledger's payments out as other modules read them (budget lines, help to children): they keep only a link
 * to a disbursement and join this view for its amount, date, account and reversal, so the money stays the
 * ledger's alone. A subquery: join it `.as('d')` on the link's disbursement id.
 */
/** The ledger's accounts as other modules may read them (a relief programme names the account it pays from). */
export function accountsView(db: Executor) {
  return db.selectFrom('fundAccounts as av').select(['av.id', 'av.name', 'av.ownerOrgId']);
}

export function disbursementsView(db: Executor) {
  return db
    .selectFrom('fundDisbursements as fd')
    .innerJoin('fundAccounts as fa', 'fa.id', 'fd.accountId')
    .select([
      'fd.id',
      'fd.ownerOrgId',
      'fd.accountId',
      'fa.name as accountName',
      'fd.programmeCode',
      'fd.form',
      'fd.amountFen',
      'fd.quantity',
      'fd.paidOn',
      'fd.purpose',
      'fd.recipientKind',
      'fd.recipientPersonId',
      sql<number>`case when fd.reversal_entry_id is null then 0 else 1 end`.as('reversed'),
    ]);
}

// ---------- allocations (the donor trace) ----------

export function insertAllocations(trx: Executor, rows: FundAllocationsTable[]) {
  if (rows.length === 0) return Promise.resolve();
  return trx.insertInto('fundAllocations').values(rows).execute();
}

/** A disbursement's allocations netted per donation (what a reversal gives back). */
export function netAllocationsOfDisbursement(trx: Executor, disbursementId: string) {
  return trx
    .selectFrom('fundAllocations')
    .select(['donationId', sql<number>`sum(amount_fen)`.as('fen'), sql<number>`sum(quantity)`.as('qty')])
    .where('disbursementId', '=', disbursementId)
    .groupBy('donationId')
    .execute();
}

/** Where a donation went: its allocations netted per disbursement, with the recipient of each. */
export function traceDonation(db: Executor, donationId: string) {
  return db
    .selectFrom('fundAllocations as al')
    .innerJoin('fundDisbursements as b', 'b.id', 'al.disbursementId')
    .leftJoin('persons as p', 'p.id', 'b.recipientPersonId')
    .leftJoin('orgUnits as v', 'v.id', 'b.recipientOrgId')
    .select([
      'b.id as disbursementId',
      'b.paidOn',
      'b.programmeCode',
      'b.recipientKind',
      'b.recipientEventName',
      'b.recipientHouseholdId',
      'b.purpose',
      'p.name as personName',
      'v.name as orgName',
      sql<number>`sum(al.amount_fen)`.as('fen'),
      sql<number>`sum(al.quantity)`.as('qty'),
    ])
    .where('al.donationId', '=', donationId)
    .groupBy([
      'b.id',
      'b.paidOn',
      'b.programmeCode',
      'b.recipientKind',
      'b.recipientEventName',
      'b.recipientHouseholdId',
      'b.purpose',
      'p.name',
      'v.name',
    ])
    .having(sql`sum(al.amount_fen)`, '>', 0)
    .orderBy('b.paidOn')
    .orderBy('b.id')
    .execute();
}

// ---------- aggregates (reports and facts: always in SQL) ----------

export type AggregateFilter = { scope: Scope; from: string; to: string; programmeCode?: string; accountId?: string; accountCode?: string };

/** Donations (not reversed) in the period, summed per key and form. */
export function sumDonations(db: Executor, f: AggregateFilter, by: 'programme' | 'account') {
  const key = by === 'programme' ? sql<string>`coalesce(d.programme_code, '')` : sql<string>`d.account_id`;
  let q = db
    .selectFrom('fundDonations as d')
    .select([key.as('key'), 'd.form', sql<number>`sum(d.amount_fen)`.as('fen')])
    .where((eb) => orgInScope(eb, 'd.owner_org_id', f.scope))
    .where('d.reversalEntryId', 'is', null)
    .where('d.donatedOn', '>=', f.from)
    .where('d.donatedOn', '<=', f.to);
  if (f.programmeCode) q = q.where('d.programmeCode', '=', f.programmeCode);
  return q.groupBy([key, 'd.form']).execute();
}

/** Disbursements (not reversed) in the period, summed per key and form. */
export function sumDisbursements(db: Executor, f: AggregateFilter, by: 'programme' | 'account') {
  const key = by === 'programme' ? sql<string>`coalesce(b.programme_code, '')` : sql<string>`b.account_id`;
  let q = db
    .selectFrom('fundDisbursements as b')
    .select([key.as('key'), 'b.form', sql<number>`sum(b.amount_fen)`.as('fen')])
    .where((eb) => orgInScope(eb, 'b.owner_org_id', f.scope))
    .where('b.reversalEntryId', 'is', null)
    .where('b.paidOn', '>=', f.from)
    .where('b.paidOn', '<=', f.to);
  if (f.programmeCode) q = q.where('b.programmeCode', '=', f.programmeCode);
  return q.groupBy([key, 'b.form']).execute();
}

/** Σ donation value of one form and programme in the period (a fact). */
export async function totalDonations(db: Executor, f: AggregateFilter & { form: 'cash' | 'goods' }) {
  let q = db
    .selectFrom('fundDonations as d')
    .select([sql<number>`coalesce(sum(d.amount_fen), 0)`.as('fen'), sql<number>`count(*)`.as('n')])
    .where((eb) => orgInScope(eb, 'd.owner_org_id', f.scope))
    .where('d.reversalEntryId', 'is', null)
    .where('d.form', '=', f.form)
    .where('d.donatedOn', '>=', f.from)
    .where('d.donatedOn', '<=', f.to);
  if (f.programmeCode) q = q.where('d.programmeCode', '=', f.programmeCode);
  const r = await q.executeTakeFirstOrThrow();
  return { fen: Number(r.fen), n: Number(r.n) };
}

export async function totalDisbursements(db: Executor, f: AggregateFilter & { form: 'cash' | 'goods' }) {
  let q = db
    .selectFrom('fundDisbursements as b')
    .select([sql<number>`coalesce(sum(b.amount_fen), 0)`.as('fen'), sql<number>`count(*)`.as('n')])
    .where((eb) => orgInScope(eb, 'b.owner_org_id', f.scope))
    .where('b.reversalEntryId', 'is', null)
    .where('b.form', '=', f.form)
    .where('b.paidOn', '>=', f.from)
    .where('b.paidOn', '<=', f.to);
  if (f.programmeCode) q = q.where('b.programmeCode', '=', f.programmeCode);
  const r = await q.executeTakeFirstOrThrow();
  return { fen: Number(r.fen), n: Number(r.n) };
}

export function donationRecords(db: Executor, f: AggregateFilter & { form: 'cash' | 'goods' }, page: { limit: number; offset: number }) {
  let q = db
    .selectFrom('fundDonations as d')
    .innerJoin('fundAccounts as a', 'a.id', 'd.accountId')
    .where((eb) => orgInScope(eb, 'd.owner_org_id', f.scope))
    .where('d.reversalEntryId', 'is', null)
    .where('d.form', '=', f.form)
    .where('d.donatedOn', '>=', f.from)
    .where('d.donatedOn', '<=', f.to);
  if (f.programmeCode) q = q.where('d.programmeCode', '=', f.programmeCode);
  return Promise.all([
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    q
      .select([
        'd.id',
        'd.receiptNo',
        'd.donatedOn',
        'd.donorName',
        'd.programmeCode',
        'a.name as accountName',
        'd.quantity',
        'a.unit',
        'd.amountFen',
      ])
      .orderBy('d.donatedOn')
      .orderBy('d.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
}

export function disbursementRecords(
  db: Executor,
  f: AggregateFilter & { form: 'cash' | 'goods' },
  page: { limit: number; offset: number },
) {
  let q = db
    .selectFrom('fundDisbursements as b')
    .innerJoin('fundAccounts as a', 'a.id', 'b.accountId')
    .leftJoin('persons as p', 'p.id', 'b.recipientPersonId')
    .leftJoin('orgUnits as v', 'v.id', 'b.recipientOrgId')
    .where((eb) => orgInScope(eb, 'b.owner_org_id', f.scope))
    .where('b.reversalEntryId', 'is', null)
    .where('b.form', '=', f.form)
    .where('b.paidOn', '>=', f.from)
    .where('b.paidOn', '<=', f.to);
  if (f.programmeCode) q = q.where('b.programmeCode', '=', f.programmeCode);
  return Promise.all([
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    q
      .select([
        'b.id',
        'b.paidOn',
        'b.recipientKind',
        'p.name as personName',
        'v.name as orgName',
        'b.recipientEventName',
        'b.programmeCode',
        'a.name as accountName',
        'b.quantity',
        'a.unit',
        'b.amountFen',
      ])
      .orderBy('b.paidOn')
      .orderBy('b.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
}

/** The balance of accounts with this code inside the scope, as of a date (Σ journal lines, in the normal direction). */
export async function balanceAsOf(db: Executor, scope: Scope, accountCode: string, upTo: string) {
  const r = await db
    .selectFrom('fundJournalLines as l')
    .innerJoin('fundAccounts as a', 'a.id', 'l.accountId')
    .select([
      sql<number>`coalesce(sum(case when a.kind = 'income' then -l.amount_fen else l.amount_fen end), 0)`.as('fen'),
      sql<number>`count(*)`.as('n'),
    ])
    .where('a.code', '=', accountCode)
    .where((eb) => orgInScope(eb, 'a.owner_org_id', scope))
    .where('l.entryDate', '<=', upTo)
    .executeTakeFirstOrThrow();
  return { fen: Number(r.fen), n: Number(r.n) };
}

export function balanceRecords(db: Executor, scope: Scope, accountCode: string, upTo: string, page: { limit: number; offset: number }) {
  const q = db
    .selectFrom('fundJournalLines as l')
    .innerJoin('fundAccounts as a', 'a.id', 'l.accountId')
    .innerJoin('fundJournalEntries as e', 'e.id', 'l.entryId')
    .where('a.code', '=', accountCode)
    .where((eb) => orgInScope(eb, 'a.owner_org_id', scope))
    .where('l.entryDate', '<=', upTo);
  return Promise.all([
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    q
      .select(['e.id', 'e.seq', 'l.entryDate', 'e.kind', 'e.memo', 'a.name as accountName', 'l.amountFen', 'l.quantity'])
      .orderBy('e.seq')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
}

/** What is still unspent of the donations designated to each programme ('' = undesignated), now. */
export function remainingByProgramme(db: Executor, scope: Scope) {
  return db
    .selectFrom('fundDonations as d')
    .select([sql<string>`coalesce(d.programme_code, '')`.as('key'), sql<number>`sum(d.remaining_fen)`.as('fen')])
    .where((eb) => orgInScope(eb, 'd.owner_org_id', scope))
    .where('d.remainingFen', '>', 0)
    .groupBy(sql`coalesce(d.programme_code, '')`)
    .execute();
}

/** Active users holding one of the roles over a unit inside the scope (for the approver choice). */
export function listApprovers(db: Executor, scope: Scope, roles: string[]) {
  return db
    .selectFrom('roleAssignments as ra')
    .innerJoin('users as u', 'u.id', 'ra.userId')
    .select(['u.id', 'u.displayName'])
    .distinct()
    .where('ra.role', 'in', roles as never)
    .where('u.active', '=', 1)
    .where((eb) => orgInScope(eb, 'ra.org_unit_id', scope))
    .orderBy('u.displayName')
    .execute();
}

/** Disbursements to a person or to her household, newest first. */
export async function disbursementsOfBeneficiary(db: Executor, scope: Scope, personId: string, householdId: string | null) {
  const ids = await db
    .selectFrom('fundDisbursements as b')
    .select('b.id')
    .where((eb) => orgInScope(eb, 'b.owner_org_id', scope))
    .where((eb) =>
      householdId
        ? eb.or([eb('b.recipientPersonId', '=', personId), eb('b.recipientHouseholdId', '=', householdId)])
        : eb('b.recipientPersonId', '=', personId),
    )
    .orderBy('b.paidOn', 'desc')
    .limit(500)
    .execute();
  if (!ids.length) return [];
  const rows = await disbursementQuery(db)
    .where(
      'b.id',
      'in',
      ids.map((r) => r.id),
    )
    .orderBy('b.paidOn', 'desc')
    .execute();
  return rows;
}
