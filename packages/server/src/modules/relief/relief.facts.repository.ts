import { sql } from 'kysely';
import type { ReportLevel } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';

// ---------- facts (SQL aggregates) ----------

export type FactFilter = { scope: Scope; from: string; to: string; programmeCode?: string; level?: ReportLevel };

function reportedItems(db: Executor, f: FactFilter) {
  let q = db
    .selectFrom('reliefSubmissionItems as si')
    .innerJoin('reliefSubmissions as s', 's.id', 'si.submissionId')
    .innerJoin('reliefApplications as ap', 'ap.id', 'si.applicationId')
    .innerJoin('reliefProgrammes as pr', 'pr.id', 'ap.programmeId')
    .where((eb) => orgInScope(eb, 'ap.owner_org_id', f.scope))
    .where('s.submittedOn', '>=', f.from)
    .where('s.submittedOn', '<=', f.to);
  if (f.programmeCode) q = q.where('pr.code', '=', f.programmeCode);
  if (f.level) q = q.where('si.level', '=', f.level);
  return q;
}

/** Candidates reported up in the period (each counted once even when reported to both levels). */
export async function countReported(db: Executor, f: FactFilter) {
  const r = await reportedItems(db, f).select(sql<number>`count(distinct si.application_id)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Σ household income and Σ members over the reported households (each household once), as recorded when reported. */
export async function reportedIncomeSums(db: Executor, f: FactFilter) {
  const perApplication = reportedItems(db, f)
    .select([
      'si.applicationId',
      sql<number>`max(si.household_income_fen)`.as('income'),
      sql<number>`max(si.household_members)`.as('members'),
    ])
    .groupBy('si.applicationId');
  const r = await db
    .selectFrom(perApplication.as('x'))
    .select([sql<number>`coalesce(sum(x.income), 0)`.as('income'), sql<number>`coalesce(sum(x.members), 0)`.as('members')])
    .executeTakeFirstOrThrow();
  return { income: Number(r.income), members: Number(r.members) };
}

export function reportedRecords(db: Executor, f: FactFilter, page: { limit: number; offset: number }) {
  const q = reportedItems(db, f).innerJoin('persons as p', 'p.id', 'ap.personId').innerJoin('orgUnits as t', 't.id', 'ap.ownerOrgId');
  return Promise.all([
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    q
      .select([
        'ap.id',
        's.submittedOn',
        'si.level',
        'pr.name as programmeName',
        't.name as townshipName',
        'p.name',
        'p.idNumberMasked',
        'si.householdMembers',
        'si.householdIncomeFen',
      ])
      .orderBy('s.submittedOn')
      .orderBy('si.level')
      .orderBy('ap.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
}

function decided(db: Executor, f: FactFilter, kind: 'approved' | 'granted') {
  let q = db
    .selectFrom('reliefApplications as ap')
    .innerJoin('reliefProgrammes as pr', 'pr.id', 'ap.programmeId')
    .where((eb) => orgInScope(eb, 'ap.owner_org_id', f.scope));
  if (kind === 'approved')
    q = q
      .where('ap.status', 'in', ['approved', 'reported', 'granted', 'paid'])
      .where('ap.decidedOn', '>=', f.from)
      .where('ap.decidedOn', '<=', f.to);
  else q = q.where('ap.status', 'in', ['granted', 'paid']).where('ap.grantedOn', '>=', f.from).where('ap.grantedOn', '<=', f.to);
  if (f.programmeCode) q = q.where('pr.code', '=', f.programmeCode);
  return q;
}

export async function countDecided(db: Executor, f: FactFilter, kind: 'approved' | 'granted') {
  const r = await decided(db, f, kind).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function decidedRecords(db: Executor, f: FactFilter, kind: 'approved' | 'granted', page: { limit: number; offset: number }) {
  const q = decided(db, f, kind).innerJoin('persons as p', 'p.id', 'ap.personId').innerJoin('orgUnits as t', 't.id', 'ap.ownerOrgId');
  return Promise.all([
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    q
      .select([
        'ap.id',
        'ap.decidedOn',
        'ap.grantedOn',
        'ap.status',
        'pr.name as programmeName',
        't.name as townshipName',
        'p.name',
        'p.idNumberMasked',
        'ap.grantAmountFen',
      ])
      .orderBy(kind === 'approved' ? 'ap.decidedOn' : 'ap.grantedOn')
      .orderBy('ap.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
}

/** Applications screened in the period (by the date registered). */
function screened(db: Executor, f: FactFilter) {
  let q = db
    .selectFrom('reliefApplications as ap')
    .innerJoin('reliefProgrammes as pr', 'pr.id', 'ap.programmeId')
    .where((eb) => orgInScope(eb, 'ap.owner_org_id', f.scope))
    .where('ap.appliedOn', '>=', f.from)
    .where('ap.appliedOn', '<=', f.to);
  if (f.programmeCode) q = q.where('pr.code', '=', f.programmeCode);
  return q;
}

export async function countScreened(db: Executor, f: FactFilter) {
  const r = await screened(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function screenedRecords(db: Executor, f: FactFilter, page: { limit: number; offset: number }) {
  const q = screened(db, f).innerJoin('persons as p', 'p.id', 'ap.personId').innerJoin('orgUnits as t', 't.id', 'ap.ownerOrgId');
  return Promise.all([
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    q
      .select(['ap.id', 'ap.appliedOn', 'ap.status', 'pr.name as programmeName', 't.name as townshipName', 'p.name', 'p.idNumberMasked'])
      .orderBy('ap.appliedOn')
      .orderBy('ap.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
}
