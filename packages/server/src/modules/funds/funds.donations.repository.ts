import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { FundDonationsTable } from './funds.tables.js';

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
