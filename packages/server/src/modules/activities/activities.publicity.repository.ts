import { sql } from 'kysely';
import type { PublicityListQuery } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { ActivityPublicityTable } from './activities.tables.js';

// ---------------------------------------------------------------- publicity

export function insertPublicity(db: Executor, row: ActivityPublicityTable) {
  return db.insertInto('activityPublicity').values(row).execute();
}
export function deletePublicity(db: Executor, id: string) {
  return db.deleteFrom('activityPublicity').where('id', '=', id).execute();
}
export function findPublicity(db: Executor, id: string) {
  return db
    .selectFrom('activityPublicity as p')
    .innerJoin('orgUnits as o', 'o.id', 'p.ownerOrgId')
    .selectAll('p')
    .select(['o.name as ownerOrgName', 'o.path as ownerOrgPath'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}
function publicityFilters(db: Executor, scope: Scope, q: Omit<PublicityListQuery, 'page' | 'pageSize'>) {
  let query = db.selectFrom('activityPublicity as p').where((eb) => orgInScope(eb, 'p.owner_org_id', scope));
  if (q.level) query = query.where('p.level', '=', q.level);
  if (q.medium) query = query.where('p.medium', '=', q.medium);
  if (q.from) query = query.where('p.publishedOn', '>=', q.from);
  if (q.to) query = query.where('p.publishedOn', '<=', q.to);
  return query;
}
export async function listPublicity(db: Executor, scope: Scope, q: PublicityListQuery) {
  const base = publicityFilters(db, scope, q);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const items = await base
    .innerJoin('orgUnits as o', 'o.id', 'p.ownerOrgId')
    .selectAll('p')
    .select('o.name as ownerOrgName')
    .orderBy('p.publishedOn', 'desc')
    .orderBy('p.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}
export function listPublicityAfter(
  db: Executor,
  scope: Scope,
  q: Omit<PublicityListQuery, 'page' | 'pageSize'>,
  afterId: string | null,
  limit: number,
) {
  let query = publicityFilters(db, scope, q)
    .innerJoin('orgUnits as o', 'o.id', 'p.ownerOrgId')
    .selectAll('p')
    .select('o.name as ownerOrgName');
  if (afterId) query = query.where('p.id', '>', afterId);
  return query.orderBy('p.id').limit(limit).execute();
}
