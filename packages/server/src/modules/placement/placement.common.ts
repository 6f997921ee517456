import type {
  Employer,
  ExportBatch,
  JobReferral,
  MatchPlace,
  MatchReason,
  MatchSeeker,
  MatchVacancy,
  Seeker,
  Vacancy,
} from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { pathInScope, type Scope } from '../../platform/actor.js';
import { fieldError } from '../../platform/errors.js';
import { findUnit } from '../org/index.js';
import type * as employersRepo from './employers.repository.js';
import { unitsByIds } from './employers.repository.js';
import type * as referralsRepo from './referrals.repository.js';
import type { SeekerRow } from './seekers.repository.js';

/** Shared by the placement services: JSON columns, scope checks, the unit look-ups of matching, and the presenters. */

export function jsonArray(text: string | null | undefined): string[] {
  if (!text) return [];
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}
export const num = (v: number | string | null | undefined) => (v == null ? null : Number(v));

/** The unit must exist and lie inside the scope; else a 400 naming the field. */
export async function unitInScope(db: Executor, scope: Scope, id: string, field: string, label: string) {
  const unit = await findUnit(db, id);
  if (!unit || !pathInScope(scope, unit.path)) throw fieldError(field, `${label}不存在或不在您的工作范围内`);
  return unit;
}

/** Units by id (paths for matching, names for display). */
export async function placesOf(db: Executor, ids: string[]): Promise<Map<string, MatchPlace>> {
  const rows = await unitsByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Places named in a body (a vacancy's workplace, a seeker's preferred places) must be units inside the caller's
 * scope, as in the Excel import: a unit elsewhere would come back by name in the record and its matches (another
 * district's, even). Unknown and outside answer alike, naming the field.
 */
export async function placesInScope(db: Executor, scope: Scope, ids: string[], field: string): Promise<void> {
  const places = await placesOf(db, ids);
  for (const id of ids) {
    const p = places.get(id);
    if (!p || !pathInScope(scope, p.path)) throw fieldError(field, '地点不存在或不在您的工作范围内');
  }
}

export function matchSeekerOf(s: SeekerRow, skills: string[], places: Map<string, MatchPlace>): MatchSeeker {
  return {
    skills,
    hours: s.hours,
    places: jsonArray(s.placeOrgIds)
      .map((id) => places.get(id))
      .filter((p): p is MatchPlace => !!p),
    acceptsOutside: s.acceptsOutside === 1,
    expectedWageFen: num(s.expectedWageFen),
    birthDate: s.birthDate,
  };
}

export type VacancyRow = NonNullable<Awaited<ReturnType<typeof employersRepo.findVacancy>>>;
export function matchVacancyOf(v: VacancyRow, places: Map<string, MatchPlace>): MatchVacancy {
  return {
    skills: jsonArray(v.skills),
    hours: v.hours,
    location: v.locationOrgId ? (places.get(v.locationOrgId) ?? null) : null,
    locationText: v.locationText,
    wageMinFen: num(v.wageMinFen),
    wageMaxFen: num(v.wageMaxFen),
    ageMin: num(v.ageMin),
    ageMax: num(v.ageMax),
  };
}

type EmployerRow = NonNullable<Awaited<ReturnType<typeof employersRepo.findEmployer>>>;
export function presentEmployer(e: EmployerRow): Employer {
  return {
    id: e.id,
    ownerOrgId: e.ownerOrgId,
    ownerOrgName: e.ownerOrgName,
    name: e.name,
    creditCode: e.creditCode,
    industry: e.industry,
    address: e.address,
    contactName: e.contactName,
    contactPhoneMasked: e.contactPhoneMasked,
    note: e.note,
    active: e.active === 1,
    openVacancies: Number(e.openVacancies),
    hired: Number(e.hired),
  };
}

export function presentVacancy(v: VacancyRow): Vacancy {
  return {
    id: v.id,
    ownerOrgId: v.ownerOrgId,
    employerId: v.employerId,
    employerName: v.employerName,
    title: v.title,
    skills: jsonArray(v.skills),
    hours: v.hours,
    positions: Number(v.positions),
    filled: Number(v.filled),
    wageMinFen: num(v.wageMinFen),
    wageMaxFen: num(v.wageMaxFen),
    locationOrgId: v.locationOrgId,
    locationText: v.locationText,
    ageMin: num(v.ageMin),
    ageMax: num(v.ageMax),
    publishedOn: v.publishedOn,
    closesOn: v.closesOn,
    status: v.status,
    description: v.description,
  };
}

export function presentSeeker(s: SeekerRow, skills: string[], places: Map<string, MatchPlace>): Seeker {
  const placeOrgIds = jsonArray(s.placeOrgIds);
  return {
    id: s.id,
    ownerOrgId: s.ownerOrgId,
    ownerOrgName: s.ownerOrgName,
    personId: s.personId,
    name: s.name,
    gender: s.gender,
    birthDate: s.birthDate,
    idNumberMasked: s.idNumberMasked,
    phoneMasked: s.phoneMasked,
    category: s.category,
    education: s.education,
    skills,
    hours: s.hours,
    placeOrgIds,
    placeNames: placeOrgIds.map((id) => places.get(id)?.name ?? '（已删除的单位）'),
    acceptsOutside: s.acceptsOutside === 1,
    expectedWageFen: num(s.expectedWageFen),
    wishes: s.wishes,
    registeredOn: s.registeredOn,
    status: s.status,
    statusDate: s.statusDate,
  };
}

type ReferralRow = NonNullable<Awaited<ReturnType<typeof referralsRepo.findReferral>>>;
export function presentReferral(r: ReferralRow): JobReferral {
  let reasons: MatchReason[] = [];
  try {
    reasons = JSON.parse(r.reasons);
  } catch {
    reasons = [];
  }
  return {
    id: r.id,
    ownerOrgId: r.ownerOrgId,
    seekerId: r.seekerId,
    seekerName: r.seekerName,
    vacancyId: r.vacancyId,
    vacancyTitle: r.vacancyTitle,
    employerName: r.employerName,
    referredOn: r.referredOn,
    score: Number(r.score),
    reasons,
    status: r.status,
    outcomeOn: r.outcomeOn,
    monthlyWageFen: num(r.monthlyWageFen),
    notHiredReason: r.notHiredReason,
    note: r.note,
  };
}

type BatchRow = NonNullable<Awaited<ReturnType<typeof referralsRepo.findBatch>>>;
export function presentBatch(b: BatchRow, followUpsDue: number): ExportBatch {
  return {
    id: b.id,
    ownerOrgId: b.ownerOrgId,
    ownerOrgName: b.ownerOrgName,
    title: b.title,
    destination: b.destination,
    employerId: b.employerId,
    employerName: b.employerName,
    departureDate: b.departureDate,
    supportPerPersonFen: Number(b.supportPerPersonFen),
    note: b.note,
    departed: Number(b.departed),
    supportFen: Number(b.supportFen),
    followUpsDue,
  };
}
