import { sql } from 'kysely';
import type { EventListQuery } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import { containsText } from '../../db/text.js';
import type { Scope } from '../../platform/actor.js';
import type {
  ActivityEventParticipantsTable,
  ActivityEventPhotosTable,
  ActivityEventResourcesTable,
  ActivityEventsTable,
} from './activities.tables.js';

// ---------------------------------------------------------------- events

export function insertEvent(db: Executor, row: ActivityEventsTable) {
  return db.insertInto('activityEvents').values(row).execute();
}

export function updateEvent(db: Executor, id: string, patch: Partial<ActivityEventsTable>) {
  return db.updateTable('activityEvents').set(patch).where('id', '=', id).execute();
}

export function findEvent(db: Executor, id: string) {
  return db
    .selectFrom('activityEvents as e')
    .innerJoin('orgUnits as o', 'o.id', 'e.ownerOrgId')
    .leftJoin('associations as a', 'a.id', 'e.associationId')
    .selectAll('e')
    .select(['o.name as ownerOrgName', 'o.path as ownerOrgPath', 'a.name as associationName'])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

function eventFilters(db: Executor, scope: Scope, q: Omit<EventListQuery, 'page' | 'pageSize'>) {
  let query = db.selectFrom('activityEvents as e').where((eb) => orgInScope(eb, 'e.owner_org_id', scope));
  if (q.type) query = query.where('e.type', '=', q.type);
  if (q.from) query = query.where('e.startDate', '>=', q.from);
  if (q.to) query = query.where('e.startDate', '<=', q.to);
  if (q.ownerOrgId) query = query.where('e.ownerOrgId', '=', q.ownerOrgId);
  if (q.associationId) query = query.where('e.associationId', '=', q.associationId);
  if (q.q) query = query.where(containsText('e.title', q.q));
  return query;
}

const resourceSums = (db: Executor) =>
  db
    .selectFrom('activityEventResources')
    .select(['eventId', sql<number>`sum(quantity)`.as('quantity'), sql<number>`sum(value_fen)`.as('valueFen')])
    .groupBy('eventId');

/** A page of events with their resource totals, newest first. */
export async function listEvents(db: Executor, scope: Scope, q: EventListQuery) {
  const base = eventFilters(db, scope, q);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const items = await base
    .innerJoin('orgUnits as o', 'o.id', 'e.ownerOrgId')
    .leftJoin(resourceSums(db).as('r'), 'r.eventId', 'e.id')
    .select([
      'e.id',
      'e.type',
      'e.title',
      'e.startDate',
      'e.endDate',
      'e.ownerOrgId',
      'o.name as ownerOrgName',
      'e.venue',
      'e.participantMode',
      'e.participantCount',
      'e.unitsVisited',
      'e.goodDeeds',
      'e.performances',
      sql<number>`coalesce(r.quantity, 0)`.as('resourceQuantity'),
      sql<number>`coalesce(r.value_fen, 0)`.as('resourceValueFen'),
    ])
    .orderBy('e.startDate', 'desc')
    .orderBy('e.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}

/** Sums over every event the filters select (SQL aggregates). */
export async function eventTotals(db: Executor, scope: Scope, q: Omit<EventListQuery, 'page' | 'pageSize'>) {
  const head = await eventFilters(db, scope, q)
    .select([
      sql<number>`count(*)`.as('events'),
      sql<number>`coalesce(sum(e.participant_count), 0)`.as('participants'),
      sql<number>`coalesce(sum(e.units_visited), 0)`.as('unitsVisited'),
      sql<number>`coalesce(sum(e.good_deeds), 0)`.as('goodDeeds'),
      sql<number>`coalesce(sum(e.performances), 0)`.as('performances'),
      sql<number>`count(distinct e.owner_org_id)`.as('organisers'),
    ])
    .executeTakeFirstOrThrow();
  const resources = await eventFilters(db, scope, q)
    .innerJoin('activityEventResources as r', 'r.eventId', 'e.id')
    .select(['r.category', sql<number>`sum(r.quantity)`.as('quantity'), sql<number>`sum(r.value_fen)`.as('valueFen')])
    .groupBy('r.category')
    .orderBy('r.category')
    .execute();
  return { ...head, resources };
}

/** Events for an export, in id order after a key (keyset), with the same filters as the list. */
export function listEventsAfter(
  db: Executor,
  scope: Scope,
  q: Omit<EventListQuery, 'page' | 'pageSize'>,
  afterId: string | null,
  limit: number,
) {
  let query = eventFilters(db, scope, q)
    .innerJoin('orgUnits as o', 'o.id', 'e.ownerOrgId')
    .leftJoin(resourceSums(db).as('r'), 'r.eventId', 'e.id')
    .selectAll('e')
    .select([
      'o.name as ownerOrgName',
      sql<number>`coalesce(r.quantity, 0)`.as('resourceQuantity'),
      sql<number>`coalesce(r.value_fen, 0)`.as('resourceValueFen'),
    ]);
  if (afterId) query = query.where('e.id', '>', afterId);
  return query.orderBy('e.id').limit(limit).execute();
}

export function listResources(db: Executor, eventId: string) {
  return db.selectFrom('activityEventResources').selectAll().where('eventId', '=', eventId).orderBy('sortOrder').execute();
}

export async function replaceResources(db: Executor, eventId: string, rows: ActivityEventResourcesTable[]) {
  await db.deleteFrom('activityEventResources').where('eventId', '=', eventId).execute();
  if (rows.length) await db.insertInto('activityEventResources').values(rows).execute();
}

/** Moves an event's child rows with it when its organising unit changes (they carry the owner for scoping). */
export async function setEventChildrenOwner(db: Executor, eventId: string, ownerOrgId: string) {
  await db.updateTable('activityEventResources').set({ ownerOrgId }).where('eventId', '=', eventId).execute();
  await db.updateTable('activityEventParticipants').set({ ownerOrgId }).where('eventId', '=', eventId).execute();
  await db.updateTable('activityEventPhotos').set({ ownerOrgId }).where('eventId', '=', eventId).execute();
}

export async function deleteEvent(db: Executor, id: string) {
  await db.updateTable('activityPublicity').set({ eventId: null }).where('eventId', '=', id).execute();
  await db.deleteFrom('activityEventResources').where('eventId', '=', id).execute();
  await db.deleteFrom('activityEventParticipants').where('eventId', '=', id).execute();
  await db.deleteFrom('activityEventPhotos').where('eventId', '=', id).execute();
  await db.deleteFrom('activityEvents').where('id', '=', id).execute();
}

// ---------------------------------------------------------------- roster

/** Inserts roster rows in multi-row statements (an import of 100,000 rows is a few hundred statements). */
export async function insertParticipants(db: Executor, rows: ActivityEventParticipantsTable[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('activityEventParticipants')
      .values(rows.slice(i, i + 500))
      .execute();
}

export function listParticipants(db: Executor, eventId: string, page: { limit: number; offset: number }) {
  return db
    .selectFrom('activityEventParticipants')
    .select(['id', 'kind', 'name', 'gender', 'unitName', 'participantGroup as group', 'phoneMasked'])
    .where('eventId', '=', eventId)
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export function listParticipantsAfter(db: Executor, eventId: string, afterId: string | null, limit: number) {
  let q = db.selectFrom('activityEventParticipants').selectAll().where('eventId', '=', eventId);
  if (afterId) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}

/** The roster's size and its breakdown by group, from the rows. */
export async function rosterCounts(db: Executor, eventId: string) {
  const rows = await db
    .selectFrom('activityEventParticipants')
    .select(['participantGroup', sql<number>`count(*)`.as('n')])
    .where('eventId', '=', eventId)
    .groupBy('participantGroup')
    .execute();
  const total = rows.reduce((a, r) => a + Number(r.n), 0);
  const groups: Record<string, number> = {};
  for (const r of rows) if (r.participantGroup) groups[r.participantGroup] = Number(r.n);
  return { total, groups };
}

export function findParticipant(db: Executor, eventId: string, id: string) {
  return db.selectFrom('activityEventParticipants').selectAll().where('eventId', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export function deleteParticipant(db: Executor, id: string) {
  return db.deleteFrom('activityEventParticipants').where('id', '=', id).execute();
}

// ---------------------------------------------------------------- photos

export function insertPhoto(db: Executor, row: ActivityEventPhotosTable) {
  return db.insertInto('activityEventPhotos').values(row).execute();
}
export function listPhotos(db: Executor, eventId: string) {
  return db.selectFrom('activityEventPhotos').selectAll().where('eventId', '=', eventId).orderBy('createdAt').orderBy('id').execute();
}
export function findPhoto(db: Executor, eventId: string, id: string) {
  return db.selectFrom('activityEventPhotos').selectAll().where('eventId', '=', eventId).where('id', '=', id).executeTakeFirst();
}
export function deletePhoto(db: Executor, id: string) {
  return db.deleteFrom('activityEventPhotos').where('id', '=', id).execute();
}
