import { ageOnDate, isMinorAge, shanghaiDate, termsBetween, type Pairing, type Sponsor, type Student } from '@jinguo/domain';
import type { Db, DialectName } from '../../db/database.js';
import { pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { NotFoundError } from '../../platform/errors.js';
import { minorDetailsVisible, minorNameFor } from '../../platform/minors.js';
import * as repo from './sponsorship.repository.js';

export type SponsorshipDeps = { db: Db; dialect: DialectName; clock: Clock; cipher: FieldCipher };
type StudentRow = NonNullable<Awaited<ReturnType<typeof repo.findStudent>>>;

/** The narrower permission that shows a minor's details (the shared rules: platform/minors.ts). */
export const MINORS = 'sponsorship.minors.read';

/** The programme whose fund account pays 春蕾 terms. */
export const SPRING_BUD = 'SPRING_BUD';

/** What the parts of the 春蕾 service share: the presenters (a minor's details by permission) and loading in scope. */
export function createSponsorshipContext({ db, clock, cipher }: SponsorshipDeps) {
  const today = () => shanghaiDate(clock.now());
  const ownerOf = (scope: Scope) => scope.paths[0].split('/').filter(Boolean).pop()!;
  const ageOf = (birthDate: string | null) => (birthDate ? ageOnDate(birthDate, today()) : null);

  /** A minor's details go only to holders of sponsorship.minors.read; everyone else sees a masked name. */
  function presentStudent(actor: Actor, s: StudentRow): Student {
    const age = ageOf(s.birthDate);
    const minor = isMinorAge(age);
    const visible = minorDetailsVisible(actor, age, MINORS);
    return {
      id: s.id,
      personId: s.personId,
      name: minorNameFor(actor, s.name, age, MINORS),
      minor,
      detailsVisible: visible,
      age: visible ? age : null,
      townshipName: s.townshipName,
      schoolName: visible ? (s.schoolOrgName ?? s.schoolName) : null,
      stage: visible ? s.stage : null,
      grade: visible ? s.grade : null,
      guardianName: visible ? s.guardianName : null,
      guardianRelation: visible ? s.guardianRelation : null,
      guardianPhoneMasked: visible ? s.guardianPhoneMasked : null,
      householdMembers: visible ? Number(s.householdMembers) : null,
      householdIncomeFen: visible ? Number(s.householdIncomeFen) : null,
      consentRecorded: Number(s.consents) > 0,
      status: s.status,
      activePairings: Number(s.activePairings),
      createdAt: s.createdAt,
    };
  }

  const studentNameFor = (actor: Actor, name: string, birthDate: string | null) => minorNameFor(actor, name, ageOf(birthDate), MINORS);

  function presentPairing(actor: Actor, p: NonNullable<Awaited<ReturnType<typeof repo.findPairing>>>): Pairing {
    return {
      id: p.id,
      studentId: p.studentId,
      studentName: studentNameFor(actor, p.studentName, p.birthDate),
      sponsorId: p.sponsorId,
      sponsorName: p.sponsorName,
      startTerm: p.startTerm,
      endTerm: p.endTerm,
      amountPerTermFen: Number(p.amountPerTermFen),
      status: p.status,
      paidTerms: Number(p.paidTerms),
      totalTerms: termsBetween(p.startTerm, p.endTerm).length,
      paidFen: Number(p.paidFen),
      note: p.note,
    };
  }

  function presentSponsor(s: NonNullable<Awaited<ReturnType<typeof repo.findSponsor>>>): Sponsor {
    return {
      id: s.id,
      kind: s.kind,
      name: s.name,
      creditCode: s.creditCode,
      phoneMasked: s.phoneMasked,
      note: s.note,
      activePairings: Number(s.activePairings),
      totalPaidFen: Number(s.totalPaidFen),
    };
  }

  async function loadStudent(actor: Actor, permission: 'sponsorship.read' | 'sponsorship.write', id: string) {
    const scope = requirePermission(actor, permission);
    const s = await repo.findStudent(db, id);
    if (!s || !pathInScope(scope, s.ownerPath)) throw new NotFoundError('受助学生');
    return s;
  }

  async function loadPairing(actor: Actor, permission: 'sponsorship.read' | 'sponsorship.write', id: string) {
    const scope = requirePermission(actor, permission);
    const p = await repo.findPairing(db, id);
    if (!p || !pathInScope(scope, p.ownerPath)) throw new NotFoundError('结对');
    return p;
  }

  return {
    db,
    clock,
    cipher,
    today,
    ownerOf,
    ageOf,
    presentStudent,
    studentNameFor,
    presentPairing,
    presentSponsor,
    loadStudent,
    loadPairing,
  };
}

export type SponsorshipContext = ReturnType<typeof createSponsorshipContext>;
