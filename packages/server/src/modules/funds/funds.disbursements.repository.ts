import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { FundAllocationsTable, FundDisbursementsTable } from './funds.tables.js';

// ---------- disbursements ----------

export function insertDisbursement(trx: Executor, row: FundDisbursementsTable) {
  return trx.insertInto('fundDisbursements').values(row).execute();
}

export function disbursementQuery(db: Executor) {
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
