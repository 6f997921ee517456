import { sql } from 'kysely';
import type { MemberListQuery } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { AssociationMembersTable, AssociationsTable } from './associations.tables.js';
import { containsText } from '../../db/text.js';

/** Members current on a date: joined on or before it, not yet left. */
function currentOn(date: string) {
  return sql<boolean>`(m.joined_on <= ${date} AND (m.left_on IS NULL OR m.left_on > ${date}))`;
}

export function insertAssociation(db: Executor, row: AssociationsTable) {
  return db.insertInto('associations').values(row).execute();
}
export function updateAssociation(db: Executor, id: string, patch: Partial<AssociationsTable>) {
  return db.updateTable('associations').set(patch).where('id', '=', id).execute();
}
export function findAssociationByName(db: Executor, ownerOrgId: string, name: string) {
  return db.selectFrom('associations').select('id').where('ownerOrgId', '=', ownerOrgId).where('name', '=', name).executeTakeFirst();
}

/** Associations in scope with their current member count and this year's activities (events naming them). */
export function listAssociations(db: Executor, scope: Scope, today: string, yearFrom: string, yearTo: string, id?: string) {
  let q = db
    .selectFrom('associations as a')
    .innerJoin('orgUnits as o', 'o.id', 'a.ownerOrgId')
    .selectAll('a')
    .select([
      'o.name as ownerOrgName',
      'o.path as ownerOrgPath',
      (eb) =>
        eb
          .selectFrom('associationMembers as m')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('m.associationId', '=', 'a.id')
          .where(currentOn(today))
          .as('members'),
      (eb) =>
        eb
          .selectFrom('activityEvents as e')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('e.associationId', '=', 'a.id')
          .where('e.startDate', '>=', yearFrom)
          .where('e.startDate', '<=', yearTo)
          .as('activitiesThisYear'),
    ])
    .where((eb) => orgInScope(eb, 'a.owner_org_id', scope));
  if (id) q = q.where('a.id', '=', id);
  return q.orderBy('a.name').execute();
}

export function findAssociation(db: Executor, id: string) {
  return db
    .selectFrom('associations as a')
    .innerJoin('orgUnits as o', 'o.id', 'a.ownerOrgId')
    .selectAll('a')
    .select(['o.name as ownerOrgName', 'o.path as ownerOrgPath'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export async function insertMembers(db: Executor, rows: AssociationMembersTable[]) {
  for (let i = 0; i < rows.length; i += 300)
    await db
      .insertInto('associationMembers')
      .values(rows.slice(i, i + 300))
      .execute();
}
export function updateMember(db: Executor, id: string, patch: Partial<AssociationMembersTable>) {
  return db.updateTable('associationMembers').set(patch).where('id', '=', id).execute();
}
export function findMember(db: Executor, associationId: string, id: string) {
  return db.selectFrom('associationMembers').selectAll().where('associationId', '=', associationId).where('id', '=', id).executeTakeFirst();
}

function memberFilters(db: Executor, associationId: string, q: Omit<MemberListQuery, 'page' | 'pageSize'>, today: string) {
  let query = db.selectFrom('associationMembers as m').where('m.associationId', '=', associationId);
  if (q.current === 'true') query = query.where(currentOn(today));
  if (q.current === 'false') query = query.where((eb) => eb.not(currentOn(today)));
  if (q.q) query = query.where(containsText('m.name', q.q));
  return query;
}
export async function listMembers(db: Executor, associationId: string, q: MemberListQuery, today: string) {
  const base = memberFilters(db, associationId, q, today);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const items = await base
    .selectAll('m')
    .orderBy('m.joinedOn')
    .orderBy('m.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}
export function listMembersAfter(
  db: Executor,
  associationId: string,
  q: Omit<MemberListQuery, 'page' | 'pageSize'>,
  today: string,
  afterId: string | null,
  limit: number,
) {
  let query = memberFilters(db, associationId, q, today).selectAll('m');
  if (afterId) query = query.where('m.id', '>', afterId);
  return query.orderBy('m.id').limit(limit).execute();
}
