import { sql } from 'kysely';
import type { BudgetLineListQuery } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import { disbursementsView } from '../funds/index.js';
import type { BudgetCommitmentsTable, BudgetLinesTable, BudgetSpendingsTable } from './budget.tables.js';

/**
 * The budget module's queries. Spending is never stored here: a line's 执行数 is the sum of the ledger
 * disbursements linked to it (the funds module's disbursementsView), reversed ones excluded.
 */

/** Σ linked, not reversed disbursements per line (fen). */
function executedByLine(db: Executor) {
  return db
    .selectFrom('budgetSpendings as bs')
    .innerJoin(disbursementsView(db).as('d'), 'd.id', 'bs.disbursementId')
    .where('d.reversed', '=', 0)
    .select(['bs.lineId', sql<number>`sum(d.amount_fen)`.as('fen')])
    .groupBy('bs.lineId');
}
/** Σ open commitments per line (fen). */
function committedByLine(db: Executor) {
  return db
    .selectFrom('budgetCommitments as bc')
    .where('bc.status', '=', 'open')
    .select(['bc.lineId', sql<number>`sum(bc.amount_fen)`.as('fen')])
    .groupBy('bc.lineId');
}
function lineSelect(db: Executor) {
  return db
    .selectFrom('budgetLines as l')
    .innerJoin('orgUnits as o', 'o.id', 'l.ownerOrgId')
    .leftJoin(executedByLine(db).as('ex'), 'ex.lineId', 'l.id')
    .leftJoin(committedByLine(db).as('cm'), 'cm.lineId', 'l.id')
    .selectAll('l')
    .select([
      'o.name as ownerOrgName',
      'o.path as ownerOrgPath',
      sql<number>`coalesce(ex.fen, 0)`.as('executedFen'),
      sql<number>`coalesce(cm.fen, 0)`.as('committedFen'),
    ]);
}
export type LineRow = NonNullable<Awaited<ReturnType<typeof findLine>>>;
/** Lines are listed in the order of BUDGET_PURPOSES (working funds, the 两纲 funds, programmes, other). */
const purposeOrder = sql`case l.purpose when 'working_funds' then 1 when 'outlines_special' then 2 when 'programme' then 3 else 4 end`;

type LineFilter = Omit<BudgetLineListQuery, 'page' | 'pageSize'>;
function lineFilters(query: ReturnType<typeof lineSelect>, scope: Scope, q: LineFilter) {
  let out = query.where((eb) => orgInScope(eb, 'l.owner_org_id', scope));
  if (q.year) out = out.where('l.year', '=', q.year);
  if (q.purpose) out = out.where('l.purpose', '=', q.purpose);
  if (q.status) out = out.where('l.status', '=', q.status);
  return out;
}
async function countLines(db: Executor, scope: Scope, q: LineFilter) {
  let query = db.selectFrom('budgetLines as l').where((eb) => orgInScope(eb, 'l.owner_org_id', scope));
  if (q.year) query = query.where('l.year', '=', q.year);
  if (q.purpose) query = query.where('l.purpose', '=', q.purpose);
  if (q.status) query = query.where('l.status', '=', q.status);
  const r = await query.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  return Number(r.total);
}
export async function listLines(db: Executor, scope: Scope, q: BudgetLineListQuery) {
  const total = await countLines(db, scope, q);
  const items = await lineFilters(lineSelect(db), scope, q)
    .orderBy('l.year', 'desc')
    .orderBy(purposeOrder)
    .orderBy('l.name')
    .orderBy('l.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total };
}
export function listLinesAfter(db: Executor, scope: Scope, q: LineFilter, afterId: string | null, limit: number) {
  let query = lineFilters(lineSelect(db), scope, q);
  if (afterId) query = query.where('l.id', '>', afterId);
  return query.orderBy('l.id').limit(limit).execute();
}
/** Every line of a year in scope (optionally of one unit), for the execution table and the request document. */
export function linesOfYear(db: Executor, scope: Scope, year: number, ownerOrgId?: string) {
  let query = lineFilters(lineSelect(db), scope, { year });
  if (ownerOrgId) query = query.where('l.ownerOrgId', '=', ownerOrgId);
  return query.orderBy(purposeOrder).orderBy('l.name').execute();
}
export function findLine(db: Executor, id: string) {
  return lineSelect(db).where('l.id', '=', id).executeTakeFirst();
}
export function findLineByName(db: Executor, ownerOrgId: string, year: number, name: string) {
  return db
    .selectFrom('budgetLines')
    .select('id')
    .where('ownerOrgId', '=', ownerOrgId)
    .where('year', '=', year)
    .where('name', '=', name)
    .executeTakeFirst();
}
export function insertLines(db: Executor, rows: BudgetLinesTable[]) {
  return db.insertInto('budgetLines').values(rows).execute();
}
export function updateLine(db: Executor, id: string, patch: Partial<BudgetLinesTable>) {
  return db.updateTable('budgetLines').set(patch).where('id', '=', id).execute();
}

/** Spending by line and calendar month ("01" … "12") for a year's lines in scope: one SQL aggregate. */
export function executionByMonth(db: Executor, scope: Scope, year: number, ownerOrgId?: string) {
  let query = db
    .selectFrom('budgetSpendings as s')
    .innerJoin('budgetLines as l', 'l.id', 's.lineId')
    .innerJoin(disbursementsView(db).as('d'), 'd.id', 's.disbursementId')
    .where((eb) => orgInScope(eb, 'l.owner_org_id', scope))
    .where('l.year', '=', year)
    .where('d.reversed', '=', 0);
  if (ownerOrgId) query = query.where('l.ownerOrgId', '=', ownerOrgId);
  return query
    .select(['s.lineId', sql<string>`substr(d.paid_on, 6, 2)`.as('month'), sql<number>`sum(d.amount_fen)`.as('fen')])
    .groupBy(['s.lineId', sql`substr(d.paid_on, 6, 2)`])
    .execute();
}

// ---------------------------------------------------------------- commitments

export function listCommitments(db: Executor, lineId: string) {
  return db.selectFrom('budgetCommitments').selectAll().where('lineId', '=', lineId).orderBy('committedOn').orderBy('id').execute();
}
export function findCommitment(db: Executor, id: string) {
  return db.selectFrom('budgetCommitments').selectAll().where('id', '=', id).executeTakeFirst();
}
export function insertCommitment(db: Executor, row: BudgetCommitmentsTable) {
  return db.insertInto('budgetCommitments').values(row).execute();
}
export function updateCommitment(db: Executor, id: string, patch: Partial<BudgetCommitmentsTable>) {
  return db.updateTable('budgetCommitments').set(patch).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- spending (links to the ledger)

export function listSpending(db: Executor, lineId: string) {
  return db
    .selectFrom('budgetSpendings as s')
    .innerJoin(disbursementsView(db).as('d'), 'd.id', 's.disbursementId')
    .select(['s.id', 's.disbursementId', 's.commitmentId', 'd.paidOn', 'd.accountName', 'd.purpose', 'd.amountFen', 'd.reversed'])
    .where('s.lineId', '=', lineId)
    .orderBy('d.paidOn')
    .orderBy('s.id')
    .execute();
}
export function findSpending(db: Executor, lineId: string, id: string) {
  return db.selectFrom('budgetSpendings').selectAll().where('lineId', '=', lineId).where('id', '=', id).executeTakeFirst();
}
export function insertSpendings(db: Executor, rows: BudgetSpendingsTable[]) {
  return db.insertInto('budgetSpendings').values(rows).execute();
}
export function deleteSpending(db: Executor, id: string) {
  return db.deleteFrom('budgetSpendings').where('id', '=', id).execute();
}
export async function countCommitmentLinks(db: Executor, commitmentId: string) {
  const r = await db
    .selectFrom('budgetSpendings')
    .select(sql<number>`count(*)`.as('n'))
    .where('commitmentId', '=', commitmentId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Ledger payments in scope (by the payment's owner) with the given ids, and whether a line already has them. */
export function disbursementsForLink(db: Executor, scope: Scope, ids: string[]) {
  return db
    .selectFrom(disbursementsView(db).as('d'))
    .leftJoin('budgetSpendings as s', 's.disbursementId', 'd.id')
    .select(['d.id', 'd.paidOn', 'd.form', 'd.amountFen', 'd.reversed', 's.lineId as linkedLineId'])
    .where('d.id', 'in', ids)
    .where((eb) => orgInScope(eb, 'd.owner_org_id', scope))
    .execute();
}

/** Payments that may still be charged: in scope, in the year, cash, not reversed, charged to no line. */
export function spendingCandidates(db: Executor, scope: Scope, year: number) {
  return db
    .selectFrom(disbursementsView(db).as('d'))
    .select(['d.id', 'd.paidOn', 'd.accountId', 'd.accountName', 'd.programmeCode', 'd.purpose', 'd.amountFen'])
    .where((eb) => orgInScope(eb, 'd.owner_org_id', scope))
    .where('d.paidOn', '>=', `${year}-01-01`)
    .where('d.paidOn', '<=', `${year}-12-31`)
    .where('d.form', '=', 'cash')
    .where('d.reversed', '=', 0)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('budgetSpendings as bs').select('bs.id').whereRef('bs.disbursementId', '=', 'd.id'))))
    .orderBy('d.paidOn')
    .orderBy('d.id')
    .limit(500)
    .execute();
}
