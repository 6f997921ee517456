import { sql } from 'kysely';
import type { ChildListQuery } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import { disbursementsView } from '../funds/index.js';
import { personsView } from '../people/index.js';
import type {
  ChildConsentsTable,
  ChildHelpTable,
  ChildPairingsTable,
  ChildProxyMothersTable,
  ChildVisitsTable,
  LeftBehindChildrenTable,
} from './children.tables.js';
import { containsText } from '../../db/text.js';

/**
 * The children module's queries. A child's and a 代理妈妈's name, sex and birth date are the person registry's
 * (people's personsView); the help's amount, date and reversal are the ledger's (funds' disbursementsView).
 */

/** Σ help per child (not reversed), from the ledger. */
function helpByChild(db: Executor) {
  return db
    .selectFrom('childHelp as hh')
    .innerJoin(disbursementsView(db).as('hd'), 'hd.id', 'hh.disbursementId')
    .where('hd.reversed', '=', 0)
    .select(['hh.childId', sql<number>`sum(hd.amount_fen)`.as('fen')])
    .groupBy('hh.childId');
}
/** The 代理妈妈 of each child's open pairing. */
function openMother(db: Executor) {
  return db
    .selectFrom('childPairings as op')
    .innerJoin('childProxyMothers as om', 'om.id', 'op.proxyMotherId')
    .innerJoin(personsView(db).as('omp'), 'omp.id', 'om.personId')
    .where('op.endDate', 'is', null)
    .select(['op.childId', 'omp.name']);
}
function childSelect(db: Executor) {
  return db
    .selectFrom('leftBehindChildren as c')
    .innerJoin(personsView(db).as('p'), 'p.id', 'c.personId')
    .innerJoin('orgUnits as t', 't.id', 'c.ownerOrgId')
    .leftJoin('orgUnits as v', 'v.id', 'c.villageOrgId')
    .leftJoin('orgUnits as sc', 'sc.id', 'c.schoolOrgId')
    .leftJoin(helpByChild(db).as('hb'), 'hb.childId', 'c.id')
    .leftJoin(openMother(db).as('mo'), 'mo.childId', 'c.id')
    .selectAll('c')
    .select((eb) => [
      'p.name',
      'p.gender',
      'p.birthDate',
      't.name as townshipName',
      't.path as ownerOrgPath',
      'v.name as villageName',
      'sc.name as schoolOrgName',
      'mo.name as proxyMotherName',
      sql<number>`coalesce(hb.fen, 0)`.as('helpFen'),
      eb.selectFrom('childConsents as cc').select(sql<number>`count(*)`.as('n')).whereRef('cc.childId', '=', 'c.id').as('consents'),
      eb.selectFrom('childVisits as cv').select(sql<number>`count(*)`.as('n')).whereRef('cv.childId', '=', 'c.id').as('visits'),
    ]);
}
export type ChildRow = NonNullable<Awaited<ReturnType<typeof findChild>>>;

type ChildFilter = Omit<ChildListQuery, 'page' | 'pageSize' | 'q'> & { text?: string };
function childFilters(query: ReturnType<typeof childSelect>, scope: Scope, q: ChildFilter) {
  let out = query.where((eb) => orgInScope(eb, 'c.owner_org_id', scope));
  if (q.status) out = out.where('c.status', '=', q.status);
  if (q.townshipId) out = out.where('c.ownerOrgId', '=', q.townshipId);
  if (q.need) out = out.where(containsText('c.needs', `"${q.need}"`));
  if (q.text) out = out.where(containsText('p.name', q.text));
  return out;
}
export async function listChildren(db: Executor, scope: Scope, q: ChildFilter & { limit: number; offset: number }) {
  const base = childFilters(childSelect(db), scope, q);
  const [{ total }] = await base.clearSelect().select(sql<number>`count(*)`.as('total')).execute();
  const items = await base
    .orderBy('t.sortOrder')
    .orderBy('c.registeredOn', 'desc')
    .orderBy('c.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { items, total: Number(total) };
}
export function listChildrenAfter(db: Executor, scope: Scope, q: ChildFilter, afterId: string | null, limit: number) {
  let query = childFilters(childSelect(db), scope, q);
  if (afterId) query = query.where('c.id', '>', afterId);
  return query.orderBy('c.id').limit(limit).execute();
}
export function findChild(db: Executor, id: string) {
  return childSelect(db).where('c.id', '=', id).executeTakeFirst();
}
export function findChildByPerson(db: Executor, personId: string) {
  return db.selectFrom('leftBehindChildren').select('id').where('personId', '=', personId).executeTakeFirst();
}
export function insertChild(db: Executor, row: LeftBehindChildrenTable) {
  return db.insertInto('leftBehindChildren').values(row).execute();
}
export function updateChild(db: Executor, id: string, patch: Partial<LeftBehindChildrenTable>) {
  return db.updateTable('leftBehindChildren').set(patch).where('id', '=', id).execute();
}
export function insertConsent(db: Executor, row: ChildConsentsTable) {
  return db.insertInto('childConsents').values(row).execute();
}

// ---------------------------------------------------------------- 代理妈妈 and pairings

function motherSelect(db: Executor) {
  return db
    .selectFrom('childProxyMothers as m')
    .innerJoin(personsView(db).as('mp'), 'mp.id', 'm.personId')
    .innerJoin('orgUnits as o', 'o.id', 'm.ownerOrgId')
    .selectAll('m')
    .select((eb) => [
      'mp.name',
      'mp.phoneMasked',
      'o.name as townshipName',
      'o.path as ownerOrgPath',
      eb
        .selectFrom('childPairings as mc')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('mc.proxyMotherId', '=', 'm.id')
        .where('mc.endDate', 'is', null)
        .as('activePairings'),
    ]);
}
export function listMothers(db: Executor, scope: Scope) {
  return motherSelect(db)
    .where((eb) => orgInScope(eb, 'm.owner_org_id', scope))
    .orderBy('o.sortOrder')
    .orderBy('mp.name')
    .orderBy('m.id')
    .execute();
}
export function findMother(db: Executor, id: string) {
  return motherSelect(db).where('m.id', '=', id).executeTakeFirst();
}
export function findMotherByPerson(db: Executor, personId: string) {
  return db.selectFrom('childProxyMothers').select('id').where('personId', '=', personId).executeTakeFirst();
}
export function insertMother(db: Executor, row: ChildProxyMothersTable) {
  return db.insertInto('childProxyMothers').values(row).execute();
}

export function listPairings(db: Executor, childId: string) {
  return db
    .selectFrom('childPairings as cp')
    .innerJoin('childProxyMothers as m', 'm.id', 'cp.proxyMotherId')
    .innerJoin(personsView(db).as('mp'), 'mp.id', 'm.personId')
    .selectAll('cp')
    .select('mp.name as proxyMotherName')
    .where('cp.childId', '=', childId)
    .orderBy('cp.startDate', 'desc')
    .orderBy('cp.id')
    .execute();
}
export function findOpenPairing(db: Executor, childId: string) {
  return db.selectFrom('childPairings').selectAll().where('childId', '=', childId).where('endDate', 'is', null).executeTakeFirst();
}
export function findPairing(db: Executor, id: string) {
  return db.selectFrom('childPairings').selectAll().where('id', '=', id).executeTakeFirst();
}
export function insertPairing(db: Executor, row: ChildPairingsTable) {
  return db.insertInto('childPairings').values(row).execute();
}
export function updatePairing(db: Executor, id: string, patch: Partial<ChildPairingsTable>) {
  return db.updateTable('childPairings').set(patch).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- visits and help

export function listVisits(db: Executor, childId: string) {
  return db.selectFrom('childVisits').selectAll().where('childId', '=', childId).orderBy('visitedOn', 'desc').orderBy('id').execute();
}
export function insertVisit(db: Executor, row: ChildVisitsTable) {
  return db.insertInto('childVisits').values(row).execute();
}

export function listHelp(db: Executor, childId: string) {
  return db
    .selectFrom('childHelp as h')
    .innerJoin(disbursementsView(db).as('d'), 'd.id', 'h.disbursementId')
    .select([
      'h.id',
      'h.childId',
      'h.kind',
      'h.description',
      'h.disbursementId',
      'd.paidOn',
      'd.accountName',
      'd.form',
      'd.amountFen',
      'd.quantity',
      'd.reversed',
    ])
    .where('h.childId', '=', childId)
    .orderBy('d.paidOn', 'desc')
    .orderBy('h.id')
    .execute();
}
export function findHelp(db: Executor, childId: string, id: string) {
  return db
    .selectFrom('childHelp as h')
    .innerJoin(disbursementsView(db).as('d'), 'd.id', 'h.disbursementId')
    .select(['h.id', 'h.disbursementId', 'd.reversed'])
    .where('h.childId', '=', childId)
    .where('h.id', '=', id)
    .executeTakeFirst();
}
export function insertHelp(db: Executor, row: ChildHelpTable) {
  return db.insertInto('childHelp').values(row).execute();
}
