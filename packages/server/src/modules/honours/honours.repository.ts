import { sql, type RawBuilder } from 'kysely';
import type { AwardListQuery, HonourLevel, NominationListQuery, PledgeListQuery } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type {
  HonourAwardReviewsTable,
  HonourAwardsTable,
  HonourCampaignsTable,
  HonourNominationsTable,
  HonourObjectionsTable,
  HonourPledgesTable,
  HonourReviewsTable,
} from './honours.tables.js';

/** district 0 < city 1 < province 2 < national 3, in SQL (for "highest level held"). */
export function levelRankSql(column: string): RawBuilder<number> {
  return sql<number>`CASE ${sql.ref(column)} WHEN 'district' THEN 0 WHEN 'city' THEN 1 WHEN 'province' THEN 2 WHEN 'national' THEN 3 END`;
}

/** An award holds on a date when it was awarded on or before it and not revoked by then. */
export function heldOn(date: string) {
  return sql<boolean>`(a.awarded_on <= ${date} AND (a.revoked_on IS NULL OR a.revoked_on > ${date}))`;
}

// ---------------------------------------------------------------- campaigns

export function listCampaigns(db: Executor) {
  return db.selectFrom('honourCampaigns').selectAll().orderBy('sortOrder').orderBy('code').execute();
}
export function findCampaign(db: Executor, id: string) {
  return db.selectFrom('honourCampaigns').selectAll().where('id', '=', id).executeTakeFirst();
}
export function findCampaignByCode(db: Executor, code: string) {
  return db.selectFrom('honourCampaigns').selectAll().where('code', '=', code).executeTakeFirst();
}
export function insertCampaign(db: Executor, row: HonourCampaignsTable) {
  return db.insertInto('honourCampaigns').values(row).execute();
}
export function updateCampaign(db: Executor, id: string, patch: Partial<HonourCampaignsTable>) {
  return db.updateTable('honourCampaigns').set(patch).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- nominations

export function insertNomination(db: Executor, row: HonourNominationsTable) {
  return db.insertInto('honourNominations').values(row).execute();
}
export function updateNomination(db: Executor, id: string, patch: Partial<HonourNominationsTable>) {
  return db.updateTable('honourNominations').set(patch).where('id', '=', id).execute();
}

function nominationSelect(db: Executor) {
  return db
    .selectFrom('honourNominations as n')
    .innerJoin('honourCampaigns as c', 'c.id', 'n.campaignId')
    .innerJoin('orgUnits as o', 'o.id', 'n.ownerOrgId')
    .leftJoin('orgUnits as r', 'r.id', 'n.reviewOrgId')
    .selectAll('n')
    .select([
      'c.code as campaignCode',
      'c.name as campaignName',
      'c.noticeDays',
      'c.rules',
      'o.name as ownerOrgName',
      'o.path as ownerOrgPath',
      'r.name as reviewOrgName',
      'r.path as reviewOrgPath',
      'r.parentId as reviewOrgParentId',
    ]);
}
export type NominationRow = Awaited<ReturnType<typeof findNomination>> & object;

export function findNomination(db: Executor, id: string) {
  return nominationSelect(db).where('n.id', '=', id).executeTakeFirst();
}

export async function listNominations(db: Executor, scope: Scope, q: NominationListQuery) {
  let base = db.selectFrom('honourNominations as n').where((eb) => orgInScope(eb, 'n.owner_org_id', scope));
  if (q.campaignId) base = base.where('n.campaignId', '=', q.campaignId);
  if (q.status) base = base.where('n.status', '=', q.status);
  if (q.year) base = base.where('n.year', '=', q.year);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  let items = nominationSelect(db).where((eb) => orgInScope(eb, 'n.owner_org_id', scope));
  if (q.campaignId) items = items.where('n.campaignId', '=', q.campaignId);
  if (q.status) items = items.where('n.status', '=', q.status);
  if (q.year) items = items.where('n.year', '=', q.year);
  return {
    items: await items
      .orderBy('n.nominatedOn', 'desc')
      .orderBy('n.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    total: Number(total),
  };
}

export function listNominationsAfter(
  db: Executor,
  scope: Scope,
  q: Omit<NominationListQuery, 'page' | 'pageSize'>,
  afterId: string | null,
  limit: number,
) {
  let items = nominationSelect(db).where((eb) => orgInScope(eb, 'n.owner_org_id', scope));
  if (q.campaignId) items = items.where('n.campaignId', '=', q.campaignId);
  if (q.status) items = items.where('n.status', '=', q.status);
  if (q.year) items = items.where('n.year', '=', q.year);
  if (afterId) items = items.where('n.id', '>', afterId);
  return items.orderBy('n.id').limit(limit).execute();
}

/** An open nomination (not ended) of the same holder, campaign and level. */
export function findOpenNomination(db: Executor, campaignId: string, holderKey: string, level: HonourLevel) {
  return db
    .selectFrom('honourNominations')
    .select('id')
    .where('campaignId', '=', campaignId)
    .where('holderKey', '=', holderKey)
    .where('level', '=', level)
    .where('status', 'in', ['in_review', 'approved', 'publicised'])
    .executeTakeFirst();
}

export function insertReview(db: Executor, row: HonourReviewsTable) {
  return db.insertInto('honourReviews').values(row).execute();
}
export function listReviews(db: Executor, nominationId: string) {
  return db
    .selectFrom('honourReviews as v')
    .innerJoin('orgUnits as o', 'o.id', 'v.reviewerOrgId')
    .select(['v.id', 'o.name as reviewerOrgName', 'v.decision', 'v.comment', 'v.reviewedAt'])
    .where('v.nominationId', '=', nominationId)
    .orderBy('v.reviewedAt')
    .orderBy('v.id')
    .execute();
}

export function insertObjection(db: Executor, row: HonourObjectionsTable) {
  return db.insertInto('honourObjections').values(row).execute();
}
export function updateObjection(db: Executor, id: string, patch: Partial<HonourObjectionsTable>) {
  return db.updateTable('honourObjections').set(patch).where('id', '=', id).execute();
}
export function listObjections(db: Executor, nominationId: string) {
  return db
    .selectFrom('honourObjections')
    .selectAll()
    .where('nominationId', '=', nominationId)
    .orderBy('receivedOn')
    .orderBy('id')
    .execute();
}

// ---------------------------------------------------------------- awards

export function insertAward(db: Executor, row: HonourAwardsTable) {
  return db.insertInto('honourAwards').values(row).execute();
}
export function updateAward(db: Executor, id: string, patch: Partial<HonourAwardsTable>) {
  return db.updateTable('honourAwards').set(patch).where('id', '=', id).execute();
}
function awardSelect(db: Executor) {
  return db
    .selectFrom('honourAwards as a')
    .innerJoin('honourCampaigns as c', 'c.id', 'a.campaignId')
    .innerJoin('orgUnits as o', 'o.id', 'a.ownerOrgId')
    .selectAll('a')
    .select(['c.name as campaignName', 'c.code as campaignCode', 'c.rules', 'o.name as ownerOrgName', 'o.path as ownerOrgPath']);
}
export function findAward(db: Executor, id: string) {
  return awardSelect(db).where('a.id', '=', id).executeTakeFirst();
}
function awardFilters<T extends ReturnType<typeof awardSelect>>(query: T, scope: Scope, q: Omit<AwardListQuery, 'page' | 'pageSize'>): T {
  let out = query.where((eb) => orgInScope(eb, 'a.owner_org_id', scope));
  if (q.campaignId) out = out.where('a.campaignId', '=', q.campaignId);
  if (q.level) out = out.where('a.level', '=', q.level);
  if (q.status) out = out.where('a.status', '=', q.status);
  if (q.year) out = out.where('a.year', '=', q.year);
  return out as T;
}
export async function listAwards(db: Executor, scope: Scope, q: AwardListQuery) {
  const base = awardFilters(awardSelect(db), scope, q);
  const [{ total }] = await base.clearSelect().select(sql<number>`count(*)`.as('total')).execute();
  const items = await base
    .orderBy('a.awardedOn', 'desc')
    .orderBy('a.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}
export function listAwardsAfter(
  db: Executor,
  scope: Scope,
  q: Omit<AwardListQuery, 'page' | 'pageSize'>,
  afterId: string | null,
  limit: number,
) {
  let query = awardFilters(awardSelect(db), scope, q);
  if (afterId) query = query.where('a.id', '>', afterId);
  return query.orderBy('a.id').limit(limit).execute();
}

/** Every title a holder has or had (any campaign), for the rule checks. */
export function listHolderTitles(db: Executor, holderKey: string) {
  return db
    .selectFrom('honourAwards as a')
    .innerJoin('honourCampaigns as c', 'c.id', 'a.campaignId')
    .select(['c.code as campaignCode', 'c.name as campaignName', 'a.level', 'a.awardedOn', 'a.status', 'a.revokedOn'])
    .where('a.holderKey', '=', holderKey)
    .execute();
}

/** Holders by their highest level held on a date (one holder counts once, at the top level it holds). */
export function standingByLevel(db: Executor, scope: Scope, campaignId: string, asOf: string) {
  const top = db
    .selectFrom('honourAwards as a')
    .select(['a.holderKey', sql<number>`max(${levelRankSql('a.level')})`.as('rank')])
    .where('a.campaignId', '=', campaignId)
    .where((eb) => orgInScope(eb, 'a.owner_org_id', scope))
    .where(heldOn(asOf))
    .groupBy('a.holderKey');
  return db
    .selectFrom(top.as('h'))
    .select(['h.rank', sql<number>`count(*)`.as('holders')])
    .groupBy('h.rank')
    .execute();
}

export function awardedInYear(db: Executor, scope: Scope, campaignId: string, from: string, to: string) {
  return db
    .selectFrom('honourAwards as a')
    .select(['a.level', sql<number>`count(*)`.as('awards')])
    .where('a.campaignId', '=', campaignId)
    .where((eb) => orgInScope(eb, 'a.owner_org_id', scope))
    .where('a.awardedOn', '>=', from)
    .where('a.awardedOn', '<=', to)
    .groupBy('a.level')
    .execute();
}

export function insertAwardReview(db: Executor, row: HonourAwardReviewsTable) {
  return db.insertInto('honourAwardReviews').values(row).execute();
}
export function findAwardByCertificate(db: Executor, campaignId: string, level: HonourLevel, certificateNo: string) {
  return db
    .selectFrom('honourAwards')
    .select('id')
    .where('campaignId', '=', campaignId)
    .where('level', '=', level)
    .where('certificateNo', '=', certificateNo)
    .executeTakeFirst();
}

// ---------------------------------------------------------------- pledges

export async function insertPledges(db: Executor, rows: HonourPledgesTable[]) {
  for (let i = 0; i < rows.length; i += 300)
    await db
      .insertInto('honourPledges')
      .values(rows.slice(i, i + 300))
      .execute();
}
function pledgeSelect(db: Executor, scope: Scope, q: Omit<PledgeListQuery, 'page' | 'pageSize'>) {
  let query = db
    .selectFrom('honourPledges as p')
    .innerJoin('honourCampaigns as c', 'c.id', 'p.campaignId')
    .innerJoin('orgUnits as o', 'o.id', 'p.ownerOrgId')
    .where((eb) => orgInScope(eb, 'p.owner_org_id', scope));
  if (q.campaignId) query = query.where('p.campaignId', '=', q.campaignId);
  if (q.year) query = query.where('p.signedOn', '>=', `${q.year}-01-01`).where('p.signedOn', '<=', `${q.year}-12-31`);
  return query;
}
export async function listPledges(db: Executor, scope: Scope, q: PledgeListQuery) {
  const base = pledgeSelect(db, scope, q);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const items = await base
    .selectAll('p')
    .select(['c.name as campaignName', 'o.name as ownerOrgName'])
    .orderBy('p.signedOn', 'desc')
    .orderBy('p.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}
export function listPledgesAfter(
  db: Executor,
  scope: Scope,
  q: Omit<PledgeListQuery, 'page' | 'pageSize'>,
  afterId: string | null,
  limit: number,
) {
  let query = pledgeSelect(db, scope, q).selectAll('p').select(['c.name as campaignName', 'o.name as ownerOrgName']);
  if (afterId) query = query.where('p.id', '>', afterId);
  return query.orderBy('p.id').limit(limit).execute();
}
export function findPledge(db: Executor, id: string) {
  return db
    .selectFrom('honourPledges as p')
    .innerJoin('honourCampaigns as c', 'c.id', 'p.campaignId')
    .innerJoin('orgUnits as o', 'o.id', 'p.ownerOrgId')
    .selectAll('p')
    .select(['c.name as campaignName', 'o.name as ownerOrgName'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}
