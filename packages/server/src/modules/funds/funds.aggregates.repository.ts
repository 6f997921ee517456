import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import { disbursementQuery } from './funds.disbursements.repository.js';

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
