import { sql } from 'kysely';
import type { JobReferralListQuery } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type {
  PlacementExportBatchesTable,
  PlacementExportMembersTable,
  PlacementFollowUpsTable,
  PlacementReferralsTable,
} from './placement.tables.js';

// ---------------------------------------------------------------- referrals

function referralFilters(db: Executor, scope: Scope, q: Omit<JobReferralListQuery, 'page' | 'pageSize'>) {
  let query = db
    .selectFrom('placementReferrals as r')
    .innerJoin('placementSeekers as s', 's.id', 'r.seekerId')
    .innerJoin('placementVacancies as v', 'v.id', 'r.vacancyId')
    .innerJoin('placementEmployers as e', 'e.id', 'r.employerId')
    .where((eb) => orgInScope(eb, 'r.owner_org_id', scope));
  if (q.status) query = query.where('r.status', '=', q.status);
  if (q.seekerId) query = query.where('r.seekerId', '=', q.seekerId);
  if (q.vacancyId) query = query.where('r.vacancyId', '=', q.vacancyId);
  if (q.year) query = query.where('r.referredOn', '>=', `${q.year}-01-01`).where('r.referredOn', '<=', `${q.year}-12-31`);
  return query;
}
const referralColumns = (query: ReturnType<typeof referralFilters>) =>
  query
    .innerJoin('orgUnits as o', 'o.id', 'r.ownerOrgId')
    .selectAll('r')
    .select(['s.name as seekerName', 'v.title as vacancyTitle', 'e.name as employerName', 'o.path as ownerOrgPath']);

export async function listReferrals(db: Executor, scope: Scope, q: JobReferralListQuery) {
  const base = referralFilters(db, scope, q);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const items = await referralColumns(base)
    .orderBy('r.referredOn', 'desc')
    .orderBy('r.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}
export function listReferralsAfter(
  db: Executor,
  scope: Scope,
  q: Omit<JobReferralListQuery, 'page' | 'pageSize'>,
  afterId: string | null,
  limit: number,
) {
  let query = referralColumns(referralFilters(db, scope, q));
  if (afterId) query = query.where('r.id', '>', afterId);
  return query.orderBy('r.id').limit(limit).execute();
}
export function findReferral(db: Executor, id: string) {
  return referralColumns(
    db
      .selectFrom('placementReferrals as r')
      .innerJoin('placementSeekers as s', 's.id', 'r.seekerId')
      .innerJoin('placementVacancies as v', 'v.id', 'r.vacancyId')
      .innerJoin('placementEmployers as e', 'e.id', 'r.employerId') as ReturnType<typeof referralFilters>,
  )
    .where('r.id', '=', id)
    .executeTakeFirst();
}
/** The seeker's referral to the vacancy still waiting for an outcome, if any. */
export function findPendingReferral(db: Executor, seekerId: string, vacancyId: string) {
  return db
    .selectFrom('placementReferrals')
    .select('id')
    .where('seekerId', '=', seekerId)
    .where('vacancyId', '=', vacancyId)
    .where('status', '=', 'referred')
    .executeTakeFirst();
}
/** Which of these seekers already have a referral to the vacancy (any outcome), or which vacancies a seeker was referred to. */
export async function referredPairs(db: Executor, q: { vacancyId?: string; seekerId?: string }) {
  let query = db.selectFrom('placementReferrals').select(['seekerId', 'vacancyId']);
  if (q.vacancyId) query = query.where('vacancyId', '=', q.vacancyId);
  if (q.seekerId) query = query.where('seekerId', '=', q.seekerId);
  return query.execute();
}
export function countHired(db: Executor, vacancyId: string) {
  return db
    .selectFrom('placementReferrals')
    .select(sql<number>`count(*)`.as('n'))
    .where('vacancyId', '=', vacancyId)
    .where('status', '=', 'hired')
    .executeTakeFirstOrThrow();
}
export function insertReferrals(db: Executor, rows: PlacementReferralsTable[]) {
  return db.insertInto('placementReferrals').values(rows).execute();
}
export function updateReferral(db: Executor, id: string, patch: Partial<PlacementReferralsTable>) {
  return db.updateTable('placementReferrals').set(patch).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- 劳务输出

const batchColumns = (db: Executor) =>
  db
    .selectFrom('placementExportBatches as b')
    .innerJoin('orgUnits as o', 'o.id', 'b.ownerOrgId')
    .innerJoin('placementEmployers as e', 'e.id', 'b.employerId')
    .selectAll('b')
    .select([
      'o.name as ownerOrgName',
      'o.path as ownerOrgPath',
      'e.name as employerName',
      sql<number>`(select count(*) from placement_export_members m where m.batch_id = b.id and m.status = 'departed')`.as('departed'),
      sql<number>`(select coalesce(sum(m.support_fen), 0) from placement_export_members m where m.batch_id = b.id and m.status = 'departed')`.as(
        'supportFen',
      ),
      sql<number>`(select count(*) from placement_follow_ups f where f.batch_id = b.id)`.as('followUpsDone'),
    ]);

export function listBatches(db: Executor, scope: Scope, year: number | undefined) {
  let q = batchColumns(db).where((eb) => orgInScope(eb, 'b.owner_org_id', scope));
  if (year) q = q.where('b.departureDate', '>=', `${year}-01-01`).where('b.departureDate', '<=', `${year}-12-31`);
  return q.orderBy('b.departureDate', 'desc').orderBy('b.id', 'desc').execute();
}
export function findBatch(db: Executor, id: string) {
  return batchColumns(db).where('b.id', '=', id).executeTakeFirst();
}
export function insertBatch(db: Executor, row: PlacementExportBatchesTable) {
  return db.insertInto('placementExportBatches').values(row).execute();
}
export function listMembers(db: Executor, batchId: string) {
  return db
    .selectFrom('placementExportMembers as m')
    .innerJoin('placementSeekers as s', 's.id', 'm.seekerId')
    .selectAll('m')
    .select(['s.name', 's.phoneMasked', 's.personId'])
    .where('m.batchId', '=', batchId)
    .orderBy('s.name')
    .orderBy('m.id')
    .execute();
}
export function findMember(db: Executor, batchId: string, memberId: string) {
  return db.selectFrom('placementExportMembers').selectAll().where('batchId', '=', batchId).where('id', '=', memberId).executeTakeFirst();
}
export function membersOfSeekers(db: Executor, batchId: string, seekerIds: string[]) {
  return db
    .selectFrom('placementExportMembers')
    .select('seekerId')
    .where('batchId', '=', batchId)
    .where('seekerId', 'in', seekerIds)
    .execute();
}
export async function insertMembers(db: Executor, rows: PlacementExportMembersTable[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('placementExportMembers')
      .values(rows.slice(i, i + 200))
      .execute();
}
export function updateMember(db: Executor, id: string, patch: Partial<PlacementExportMembersTable>) {
  return db.updateTable('placementExportMembers').set(patch).where('id', '=', id).execute();
}
export function listFollowUps(db: Executor, batchId: string) {
  return db.selectFrom('placementFollowUps').selectAll().where('batchId', '=', batchId).execute();
}
export function findFollowUp(db: Executor, memberId: string, months: number) {
  return db.selectFrom('placementFollowUps').select('id').where('memberId', '=', memberId).where('months', '=', months).executeTakeFirst();
}
export async function insertFollowUps(db: Executor, rows: PlacementFollowUpsTable[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('placementFollowUps')
      .values(rows.slice(i, i + 200))
      .execute();
}
