import { sql } from 'kysely';
import type { StudentStatus } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type {
  SponsorshipConsentsTable,
  SponsorshipMeetingsTable,
  SponsorshipPairingsTable,
  SponsorshipPaymentsTable,
  SponsorshipSponsorsTable,
  SponsorshipStudentsTable,
} from './sponsorship.tables.js';

// ---------- students ----------

export function insertConsent(db: Executor, row: SponsorshipConsentsTable) {
  return db.insertInto('sponsorshipConsents').values(row).execute();
}

export function insertStudent(db: Executor, row: SponsorshipStudentsTable) {
  return db.insertInto('sponsorshipStudents').values(row).execute();
}

export function updateStudent(db: Executor, id: string, patch: Partial<SponsorshipStudentsTable>) {
  return db.updateTable('sponsorshipStudents').set(patch).where('id', '=', id).execute();
}

function studentQuery(db: Executor) {
  return db
    .selectFrom('sponsorshipStudents as s')
    .innerJoin('persons as p', 'p.id', 's.personId')
    .innerJoin('orgUnits as t', 't.id', 's.ownerOrgId')
    .leftJoin('orgUnits as sch', 'sch.id', 's.schoolOrgId')
    .selectAll('s')
    .select(['p.name', 'p.birthDate', 't.name as townshipName', 't.path as ownerPath', 'sch.name as schoolOrgName'])
    .select((eb) =>
      eb.selectFrom('sponsorshipConsents as c').select(sql<number>`count(*)`.as('n')).whereRef('c.studentId', '=', 's.id').as('consents'),
    )
    .select((eb) =>
      eb
        .selectFrom('sponsorshipPairings as pa')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('pa.studentId', '=', 's.id')
        .where('pa.status', '=', 'active')
        .as('activePairings'),
    );
}

export function findStudent(db: Executor, id: string) {
  return studentQuery(db).where('s.id', '=', id).executeTakeFirst();
}

export function findStudentByPerson(db: Executor, personId: string) {
  return db.selectFrom('sponsorshipStudents').select(['id', 'status']).where('personId', '=', personId).executeTakeFirst();
}

export async function listStudents(
  db: Executor,
  scope: Scope,
  q: { status?: StudentStatus; text?: string; limit: number; offset: number },
) {
  let base = db
    .selectFrom('sponsorshipStudents as s')
    .innerJoin('persons as p', 'p.id', 's.personId')
    .where((eb) => orgInScope(eb, 's.owner_org_id', scope));
  if (q.status) base = base.where('s.status', '=', q.status);
  if (q.text) base = base.where('p.name', 'like', `%${q.text.replace(/[%_\\]/g, '')}%`);
  const [{ total }] = await base.select(sql<number>`count(*)`.as('total')).execute();
  const ids = await base.select('s.id').orderBy('s.createdAt', 'desc').orderBy('s.id').limit(q.limit).offset(q.offset).execute();
  const rows = ids.length
    ? await studentQuery(db)
        .where(
          's.id',
          'in',
          ids.map((r) => r.id),
        )
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: ids.map((r) => byId.get(r.id)!), total: Number(total) };
}

// ---------- sponsors ----------

export function insertSponsor(db: Executor, row: SponsorshipSponsorsTable) {
  return db.insertInto('sponsorshipSponsors').values(row).execute();
}

function sponsorQuery(db: Executor) {
  return db
    .selectFrom('sponsorshipSponsors as sp')
    .innerJoin('orgUnits as o', 'o.id', 'sp.ownerOrgId')
    .selectAll('sp')
    .select('o.path as ownerPath')
    .select((eb) =>
      eb
        .selectFrom('sponsorshipPairings as pa')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('pa.sponsorId', '=', 'sp.id')
        .where('pa.status', '=', 'active')
        .as('activePairings'),
    )
    .select((eb) =>
      eb
        .selectFrom('sponsorshipPayments as pm')
        .innerJoin('sponsorshipPairings as pa2', 'pa2.id', 'pm.pairingId')
        .select(sql<number>`coalesce(sum(pm.amount_fen), 0)`.as('s'))
        .whereRef('pa2.sponsorId', '=', 'sp.id')
        .where('pm.reversed', '=', 0)
        .as('totalPaidFen'),
    );
}

export function findSponsor(db: Executor, id: string) {
  return sponsorQuery(db).where('sp.id', '=', id).executeTakeFirst();
}

export function listSponsors(db: Executor, scope: Scope) {
  return sponsorQuery(db)
    .where((eb) => orgInScope(eb, 'sp.owner_org_id', scope))
    .orderBy('sp.name')
    .limit(500)
    .execute();
}

// ---------- pairings ----------

export function insertPairing(db: Executor, row: SponsorshipPairingsTable) {
  return db.insertInto('sponsorshipPairings').values(row).execute();
}

export function updatePairing(db: Executor, id: string, patch: Partial<SponsorshipPairingsTable>) {
  return db.updateTable('sponsorshipPairings').set(patch).where('id', '=', id).execute();
}

function pairingQuery(db: Executor) {
  return db
    .selectFrom('sponsorshipPairings as pa')
    .innerJoin('sponsorshipStudents as s', 's.id', 'pa.studentId')
    .innerJoin('persons as p', 'p.id', 's.personId')
    .innerJoin('sponsorshipSponsors as sp', 'sp.id', 'pa.sponsorId')
    .innerJoin('orgUnits as o', 'o.id', 'pa.ownerOrgId')
    .selectAll('pa')
    .select([
      'p.name as studentName',
      'p.birthDate',
      'sp.name as sponsorName',
      'o.path as ownerPath',
      's.personId',
      's.status as studentStatus',
    ])
    .select((eb) =>
      eb
        .selectFrom('sponsorshipPayments as pm')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('pm.pairingId', '=', 'pa.id')
        .where('pm.reversed', '=', 0)
        .as('paidTerms'),
    )
    .select((eb) =>
      eb
        .selectFrom('sponsorshipPayments as pm')
        .select(sql<number>`coalesce(sum(pm.amount_fen), 0)`.as('s'))
        .whereRef('pm.pairingId', '=', 'pa.id')
        .where('pm.reversed', '=', 0)
        .as('paidFen'),
    );
}

export function findPairing(db: Executor, id: string) {
  return pairingQuery(db).where('pa.id', '=', id).executeTakeFirst();
}

export function listPairings(db: Executor, scope: Scope, q: { studentId?: string; sponsorId?: string; activeOnly?: boolean }) {
  let query = pairingQuery(db).where((eb) => orgInScope(eb, 'pa.owner_org_id', scope));
  if (q.studentId) query = query.where('pa.studentId', '=', q.studentId);
  if (q.sponsorId) query = query.where('pa.sponsorId', '=', q.sponsorId);
  if (q.activeOnly) query = query.where('pa.status', '=', 'active');
  return query.orderBy('pa.createdAt', 'desc').limit(1000).execute();
}

/** The terms already paid (not reversed) of the given pairings. */
export function paidTerms(db: Executor, pairingIds: string[]) {
  if (!pairingIds.length) return Promise.resolve([] as { pairingId: string; term: string }[]);
  return db
    .selectFrom('sponsorshipPayments')
    .select(['pairingId', 'term'])
    .where('pairingId', 'in', pairingIds)
    .where('reversed', '=', 0)
    .execute();
}

// ---------- payments ----------

export function insertPayment(db: Executor, row: SponsorshipPaymentsTable) {
  return db.insertInto('sponsorshipPayments').values(row).execute();
}

export function findPayment(db: Executor, id: string) {
  return db
    .selectFrom('sponsorshipPayments as pm')
    .innerJoin('orgUnits as o', 'o.id', 'pm.ownerOrgId')
    .selectAll('pm')
    .select('o.path as ownerPath')
    .where('pm.id', '=', id)
    .executeTakeFirst();
}

export function findPaidTerm(db: Executor, pairingId: string, term: string) {
  return db
    .selectFrom('sponsorshipPayments')
    .select('id')
    .where('pairingId', '=', pairingId)
    .where('term', '=', term)
    .where('reversed', '=', 0)
    .executeTakeFirst();
}

export function markPaymentReversed(db: Executor, id: string) {
  return db.updateTable('sponsorshipPayments').set({ reversed: 1 }).where('id', '=', id).execute();
}

export function listPayments(db: Executor, scope: Scope, pairingId?: string) {
  let q = db
    .selectFrom('sponsorshipPayments as pm')
    .innerJoin('sponsorshipPairings as pa', 'pa.id', 'pm.pairingId')
    .innerJoin('sponsorshipStudents as s', 's.id', 'pm.studentId')
    .innerJoin('persons as p', 'p.id', 's.personId')
    .innerJoin('sponsorshipSponsors as sp', 'sp.id', 'pa.sponsorId')
    .select([
      'pm.id',
      'pm.pairingId',
      'p.name as studentName',
      'p.birthDate',
      'sp.name as sponsorName',
      'pm.term',
      'pm.amountFen',
      'pm.paidOn',
      'pm.disbursementId',
      'pm.reversed',
    ])
    .where((eb) => orgInScope(eb, 'pm.owner_org_id', scope));
  if (pairingId) q = q.where('pm.pairingId', '=', pairingId);
  return q.orderBy('pm.paidOn', 'desc').orderBy('pm.id').limit(1000).execute();
}

// ---------- meetings ----------

export async function insertMeeting(db: Executor, row: SponsorshipMeetingsTable, pairingIds: string[]) {
  await db.insertInto('sponsorshipMeetings').values(row).execute();
  if (pairingIds.length)
    await db
      .insertInto('sponsorshipMeetingPairings')
      .values(pairingIds.map((pairingId) => ({ meetingId: row.id, pairingId })))
      .execute();
}

export function listMeetings(db: Executor, scope: Scope) {
  return db
    .selectFrom('sponsorshipMeetings as m')
    .selectAll('m')
    .select((eb) =>
      eb
        .selectFrom('sponsorshipMeetingPairings as mp')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('mp.meetingId', '=', 'm.id')
        .as('pairings'),
    )
    .where((eb) => orgInScope(eb, 'm.owner_org_id', scope))
    .orderBy('m.heldOn', 'desc')
    .limit(500)
    .execute();
}

// ---------- facts ----------

export type SponsorshipFactFilter = { scope: Scope; from: string; to: string };

function paymentsIn(db: Executor, f: SponsorshipFactFilter) {
  return db
    .selectFrom('sponsorshipPayments as pm')
    .where((eb) => orgInScope(eb, 'pm.owner_org_id', f.scope))
    .where('pm.reversed', '=', 0)
    .where('pm.paidOn', '>=', f.from)
    .where('pm.paidOn', '<=', f.to);
}

export async function paymentTotals(db: Executor, f: SponsorshipFactFilter) {
  const r = await paymentsIn(db, f)
    .select([sql<number>`count(distinct pm.student_id)`.as('students'), sql<number>`coalesce(sum(pm.amount_fen), 0)`.as('fen')])
    .executeTakeFirstOrThrow();
  return { students: Number(r.students), fen: Number(r.fen) };
}

export function paymentRecords(db: Executor, f: SponsorshipFactFilter, page: { limit: number; offset: number }) {
  const q = paymentsIn(db, f)
    .innerJoin('sponsorshipStudents as s', 's.id', 'pm.studentId')
    .innerJoin('persons as p', 'p.id', 's.personId')
    .innerJoin('sponsorshipPairings as pa', 'pa.id', 'pm.pairingId')
    .innerJoin('sponsorshipSponsors as sp', 'sp.id', 'pa.sponsorId');
  return Promise.all([
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    q
      .select(['pm.id', 'pm.paidOn', 'pm.term', 'p.name', 'sp.name as sponsorName', 'pm.amountFen'])
      .orderBy('pm.paidOn')
      .orderBy('pm.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
}

function meetingsIn(db: Executor, f: SponsorshipFactFilter) {
  return db
    .selectFrom('sponsorshipMeetings as m')
    .where((eb) => orgInScope(eb, 'm.owner_org_id', f.scope))
    .where('m.heldOn', '>=', f.from)
    .where('m.heldOn', '<=', f.to);
}

export async function countMeetings(db: Executor, f: SponsorshipFactFilter) {
  return Number((await meetingsIn(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

export function meetingRecords(db: Executor, f: SponsorshipFactFilter, page: { limit: number; offset: number }) {
  const q = meetingsIn(db, f);
  return Promise.all([
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    q.select(['m.id', 'm.heldOn', 'm.title', 'm.place', 'm.attendees']).orderBy('m.heldOn').limit(page.limit).offset(page.offset).execute(),
  ]);
}
