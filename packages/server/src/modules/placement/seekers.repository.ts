import { sql } from 'kysely';
import type { SeekerListQuery } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { PlacementSeekersTable, PlacementSeekerTrainingsTable } from './placement.tables.js';
import { containsText } from '../../db/text.js';

function seekerFilters(db: Executor, scope: Scope, q: Omit<SeekerListQuery, 'page' | 'pageSize'>) {
  let query = db.selectFrom('placementSeekers as s').where((eb) => orgInScope(eb, 's.owner_org_id', scope));
  if (q.q) query = query.where(containsText('s.name', q.q));
  if (q.status) query = query.where('s.status', '=', q.status);
  if (q.category) query = query.where('s.category', '=', q.category);
  if (q.acceptsOutside) query = query.where('s.acceptsOutside', '=', q.acceptsOutside === 'true' ? 1 : 0);
  if (q.skill) {
    const skill = q.skill;
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('placementSeekerSkills as k').select('k.seekerId').whereRef('k.seekerId', '=', 's.id').where('k.skill', '=', skill),
      ),
    );
  }
  return query;
}
const seekerColumns = (query: ReturnType<typeof seekerFilters>) =>
  query.innerJoin('orgUnits as o', 'o.id', 's.ownerOrgId').selectAll('s').select(['o.name as ownerOrgName', 'o.path as ownerOrgPath']);

export type SeekerRow = Awaited<ReturnType<typeof findSeeker>> & object;

export async function listSeekers(db: Executor, scope: Scope, q: SeekerListQuery) {
  const base = seekerFilters(db, scope, q);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const items = await seekerColumns(base)
    .orderBy('s.registeredOn', 'desc')
    .orderBy('s.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
}
export function listSeekersAfter(
  db: Executor,
  scope: Scope,
  q: Omit<SeekerListQuery, 'page' | 'pageSize'>,
  afterId: string | null,
  limit: number,
) {
  let query = seekerColumns(seekerFilters(db, scope, q));
  if (afterId) query = query.where('s.id', '>', afterId);
  return query.orderBy('s.id').limit(limit).execute();
}
export function findSeeker(db: Executor, id: string) {
  return seekerColumns(db.selectFrom('placementSeekers as s') as ReturnType<typeof seekerFilters>)
    .where('s.id', '=', id)
    .executeTakeFirst();
}
export function findSeekersByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return seekerColumns(db.selectFrom('placementSeekers as s') as ReturnType<typeof seekerFilters>)
    .where('s.id', 'in', ids)
    .execute();
}
/** The person's registration at a unit (one per unit and person). */
export function findSeekerByPerson(db: Executor, ownerOrgId: string, personId: string) {
  return db
    .selectFrom('placementSeekers')
    .select(['id', 'name'])
    .where('ownerOrgId', '=', ownerOrgId)
    .where('personId', '=', personId)
    .executeTakeFirst();
}
/**
 * Seekers looking for work inside the scope who have at least one of the skills (all seekers looking for work when
 * no skill is asked): the candidates a vacancy is matched against, most recently registered first.
 */
export function candidateSeekers(db: Executor, scope: Scope, skills: string[], limit: number) {
  let query = seekerFilters(db, scope, { status: 'seeking' });
  if (skills.length)
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('placementSeekerSkills as k').select('k.seekerId').whereRef('k.seekerId', '=', 's.id').where('k.skill', 'in', skills),
      ),
    );
  return seekerColumns(query).orderBy('s.registeredOn', 'desc').orderBy('s.id').limit(limit).execute();
}
export async function insertSeekers(db: Executor, rows: PlacementSeekersTable[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('placementSeekers')
      .values(rows.slice(i, i + 200))
      .execute();
}
export function updateSeeker(db: Executor, id: string, patch: Partial<PlacementSeekersTable>) {
  return db.updateTable('placementSeekers').set(patch).where('id', '=', id).execute();
}

/** Replaces a seeker's skills (the matching index). */
export async function replaceSkills(db: Executor, seekerId: string, ownerOrgId: string, skills: string[]) {
  await db.deleteFrom('placementSeekerSkills').where('seekerId', '=', seekerId).execute();
  if (skills.length)
    await db
      .insertInto('placementSeekerSkills')
      .values(skills.map((skill) => ({ seekerId, skill, ownerOrgId })))
      .execute();
}
/** Skills of several seekers, by seeker id. */
export async function skillsOf(db: Executor, seekerIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(seekerIds.map((id) => [id, []]));
  for (let i = 0; i < seekerIds.length; i += 500) {
    const rows = await db
      .selectFrom('placementSeekerSkills')
      .select(['seekerId', 'skill'])
      .where('seekerId', 'in', seekerIds.slice(i, i + 500))
      .orderBy('skill')
      .execute();
    for (const r of rows) out.get(r.seekerId)?.push(r.skill);
  }
  return out;
}

export async function insertTrainings(db: Executor, rows: PlacementSeekerTrainingsTable[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('placementSeekerTrainings')
      .values(rows.slice(i, i + 200))
      .execute();
}
export function listTrainings(db: Executor, seekerId: string) {
  return db
    .selectFrom('placementSeekerTrainings')
    .selectAll()
    .where('seekerId', '=', seekerId)
    .orderBy('completedOn', 'desc')
    .orderBy('id')
    .execute();
}
/** Training-roster rows already linked to a seeker other than `seekerId` (one trainee row belongs to one person). */
export function traineesLinkedElsewhere(db: Executor, traineeIds: string[], seekerId: string | null) {
  if (traineeIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('placementSeekerTrainings as st')
    .innerJoin('placementSeekers as s', 's.id', 'st.seekerId')
    .select(['st.traineeId', 's.personId'])
    .where('st.traineeId', 'in', traineeIds);
  if (seekerId) q = q.where('st.seekerId', '<>', seekerId);
  return q.execute();
}
