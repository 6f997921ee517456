import {
  ageOnDate,
  checkResidentIdNumber,
  isValidCreditCode,
  isMinorAge,
  maskName,
  isValidPhone,
  maskPhone,
  normalizePhone,
  shanghaiDate,
  termDueOn,
  termLabel,
  termsBetween,
  type CreateStudent,
  type DuePayment,
  type Pairing,
  type Sponsor,
  type Student,
  type StudentStatus,
} from '@jinguo/domain';
import type { Db, DialectName } from '../../db/database.js';
import { auditActor, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { ConflictError, fieldError, isUniqueViolation, NotFoundError } from '../../platform/errors.js';
import { recordIdempotencyKey, type IdempotencyClaim } from '../../platform/idempotency.js';
import { newId } from '../../platform/ids.js';
import { assertGuardianConsent, minorDetailsVisible, minorNameFor, minorSearchText } from '../../platform/minors.js';
import * as repo from './sponsorship.repository.js';
import { townshipOf, findUnit } from '../org/index.js';
import { findAccount, assertApprover, disburseInTransaction, reverseDisbursementInTransaction } from '../funds/index.js';
import { findPerson, findOrCreatePerson, personInScope } from '../people/index.js';
import { findProgrammeByCodeFor } from '../relief/index.js';

export type SponsorshipService = ReturnType<typeof createSponsorshipService>;
type Deps = { db: Db; dialect: DialectName; clock: Clock; cipher: FieldCipher };
type StudentRow = NonNullable<Awaited<ReturnType<typeof repo.findStudent>>>;

/** The narrower permission that shows a minor's details (the shared rules: platform/minors.ts). */
const MINORS = 'sponsorship.minors.read';

/** The programme whose fund account pays 春蕾 terms. */
export const SPRING_BUD = 'SPRING_BUD';

export function createSponsorshipService({ db, clock, cipher }: Deps) {
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
    // ---------- students ----------

    /**
     * Registers a 春蕾 girl. For a child under 14 her guardian's consent is the first row written (PIPL art. 31):
     * without it nothing about her is stored.
     */
    async createStudent(actor: Actor, input: CreateStudent): Promise<Student> {
      const scope = requirePermission(actor, 'sponsorship.write');
      const check = checkResidentIdNumber(input.idNumber, today());
      if (!check.ok) throw fieldError('idNumber', check.reason);
      if (check.gender !== 'female') throw fieldError('idNumber', '春蕾计划资助对象为女童（身份证号显示为男性）');
      const age = ageOnDate(check.birthDate, today());
      assertGuardianConsent(age, input.consent, today());
      const place = await townshipOf(db, input.residenceOrgId);
      if (!place || !pathInScope(scope, (place.village ?? place.township).path))
        throw fieldError('residenceOrgId', '居住地须为您工作范围内的村（社区）或乡镇（街道）');
      if (input.schoolOrgId) {
        const school = await findUnit(db, input.schoolOrgId);
        if (school?.kind !== 'school') throw fieldError('schoolOrgId', '学校不存在');
      } else if (!input.schoolName) throw fieldError('schoolName', '请选择或填写学校');
      if (input.guardianPhone && !isValidPhone(input.guardianPhone)) throw fieldError('guardianPhone', '电话号码格式不正确');
      const id = newId();
      const at = clock.now().toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          if (input.consent) {
            await repo.insertConsent(trx, {
              id: newId(),
              studentId: id,
              guardianName: input.consent.guardianName,
              relation: input.consent.relation,
              consentDate: input.consent.consentDate,
              method: input.consent.method,
              purpose: '春蕾计划结对助学：登记、结对与资助款发放',
              note: input.consent.note ?? null,
              recordedBy: actor.userId,
              recordedAt: at,
            });
            await appendAudit(trx, clock, auditActor(actor), {
              action: 'consent.record',
              entityType: 'sponsorship_student',
              entityId: id,
              orgUnitId: place.township.id,
              detail: { method: input.consent.method, consentDate: input.consent.consentDate },
            });
          }
          const person = await findOrCreatePerson(
            trx,
            { cipher, clock, actor },
            {
              name: input.name,
              gender: 'female',
              idNumber: input.idNumber,
              residenceOrgId: input.residenceOrgId,
              ownerOrgId: place.township.id,
              tags: [],
              household: { members: input.householdMembers, annualIncomeFen: input.householdIncomeFen },
            },
          );
          if (await repo.findStudentByPerson(trx, person.id)) throw new ConflictError('该学生已登记为春蕾受助学生');
          const phone = input.guardianPhone ? normalizePhone(input.guardianPhone) : null;
          await repo.insertStudent(trx, {
            id,
            ownerOrgId: place.township.id,
            personId: person.id,
            schoolOrgId: input.schoolOrgId ?? null,
            schoolName: input.schoolOrgId ? null : (input.schoolName ?? null),
            stage: input.stage,
            grade: input.grade,
            guardianName: input.guardianName,
            guardianRelation: input.guardianRelation,
            guardianPhoneEnc: phone ? cipher.encrypt(phone) : null,
            guardianPhoneMasked: maskPhone(phone),
            householdMembers: input.householdMembers,
            householdIncomeFen: input.householdIncomeFen,
            status: 'active',
            statusReason: null,
            note: input.note ?? null,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          });
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'create',
            entityType: 'sponsorship_student',
            entityId: id,
            orgUnitId: place.township.id,
            detail: { personId: person.id, minor: isMinorAge(age), consent: !!input.consent },
          });
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new ConflictError('该学生已登记为春蕾受助学生');
        throw e;
      }
      return presentStudent(actor, (await repo.findStudent(db, id))!);
    },

    async listStudents(actor: Actor, q: { status?: StudentStatus; q?: string; page: number; pageSize: number }) {
      const scope = requirePermission(actor, 'sponsorship.read');
      // Searching minors by name would reveal them to those who may not see their names.
      const text = minorSearchText(actor, q.q, MINORS);
      const r = await repo.listStudents(db, scope, { status: q.status, text, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { items: r.items.map((s) => presentStudent(actor, s)), total: r.total, page: q.page, pageSize: q.pageSize };
    },

    /** One girl's record; reading a minor's details is an audited sensitive read. */
    async getStudent(actor: Actor, id: string) {
      const s = await loadStudent(actor, 'sponsorship.read', id);
      const out = presentStudent(actor, s);
      if (out.minor && out.detailsVisible)
        await db.transaction().execute((trx) =>
          appendAudit(trx, clock, auditActor(actor), {
            action: 'read.sensitive',
            entityType: 'sponsorship_student',
            entityId: id,
            orgUnitId: s.ownerOrgId,
            detail: { minor: true },
          }),
        );
      return out;
    },

    async setStudentStatus(actor: Actor, id: string, status: StudentStatus, reason: string) {
      const s = await loadStudent(actor, 'sponsorship.write', id);
      await db.transaction().execute(async (trx) => {
        await repo.updateStudent(trx, id, { status, statusReason: reason, updatedAt: clock.now().toISOString() });
        // A girl who graduates or leaves ends her open pairings: no more terms fall due.
        if (status !== 'active')
          for (const p of await repo.listPairings(
            trx,
            { permission: 'sponsorship.write', paths: [s.ownerPath] },
            { studentId: id, activeOnly: true },
          ))
            await repo.updatePairing(trx, p.id, { status: 'ended', endedReason: reason, updatedAt: clock.now().toISOString() });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'status',
          entityType: 'sponsorship_student',
          entityId: id,
          orgUnitId: s.ownerOrgId,
          detail: { from: s.status, to: status, reason },
        });
      });
      return presentStudent(actor, (await repo.findStudent(db, id))!);
    },

    // ---------- sponsors ----------

    async listSponsors(actor: Actor): Promise<Sponsor[]> {
      return (await repo.listSponsors(db, requirePermission(actor, 'sponsorship.read'))).map(presentSponsor);
    },

    async createSponsor(
      actor: Actor,
      input: {
        kind: 'person' | 'organisation';
        name: string;
        personId?: string | null;
        creditCode?: string | null;
        phone?: string | null;
        note?: string | null;
      },
    ): Promise<Sponsor> {
      const scope = requirePermission(actor, 'sponsorship.write');
      if (input.creditCode && !isValidCreditCode(input.creditCode.toUpperCase())) throw fieldError('creditCode', '统一社会信用代码不正确');
      if (input.phone && !isValidPhone(input.phone)) throw fieldError('phone', '电话号码格式不正确');
      if (input.personId) {
        const p = await findPerson(db, input.personId);
        if (!p || p.mergedIntoId || !personInScope(scope, p)) throw fieldError('personId', '人员不存在或不在您的工作范围内');
      }
      const id = newId();
      const at = clock.now().toISOString();
      const ownerOrgId = ownerOf(scope);
      const phone = input.phone ? normalizePhone(input.phone) : null;
      await db.transaction().execute(async (trx) => {
        await repo.insertSponsor(trx, {
          id,
          ownerOrgId,
          kind: input.kind,
          personId: input.personId ?? null,
          name: input.name,
          creditCode: input.creditCode?.toUpperCase() ?? null,
          phoneEnc: phone ? cipher.encrypt(phone) : null,
          phoneMasked: maskPhone(phone),
          note: input.note ?? null,
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'sponsorship_sponsor',
          entityId: id,
          orgUnitId: ownerOrgId,
          detail: { kind: input.kind, name: input.name },
        });
      });
      return presentSponsor((await repo.findSponsor(db, id))!);
    },

    // ---------- pairings ----------

    async listPairings(actor: Actor, q: { studentId?: string; sponsorId?: string }) {
      const scope = requirePermission(actor, 'sponsorship.read');
      return (await repo.listPairings(db, scope, q)).map((p) => presentPairing(actor, p));
    },

    /** Pairs a girl with a sponsor for a range of terms at a fixed amount per term (一助一 or several sponsors for one girl). */
    async createPairing(
      actor: Actor,
      input: { studentId: string; sponsorId: string; startTerm: string; endTerm: string; amountPerTermFen: number; note?: string | null },
    ) {
      const scope = requirePermission(actor, 'sponsorship.write');
      const s = await repo.findStudent(db, input.studentId);
      if (!s || !pathInScope(scope, s.ownerPath)) throw fieldError('studentId', '受助学生不存在');
      if (s.status !== 'active') throw fieldError('studentId', '该学生不在受助状态');
      const sp = await repo.findSponsor(db, input.sponsorId);
      if (!sp || !pathInScope(scope, sp.ownerPath)) throw fieldError('sponsorId', '资助人不存在');
      if (termsBetween(input.startTerm, input.endTerm).length > 16) throw fieldError('endTerm', '一次结对最长8年（16个学期）');
      if ((await repo.listPairings(db, scope, { studentId: s.id, sponsorId: sp.id, activeOnly: true })).length)
        throw new ConflictError('该资助人与该学生已有进行中的结对');
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertPairing(trx, {
          id,
          ownerOrgId: s.ownerOrgId,
          studentId: s.id,
          sponsorId: sp.id,
          startTerm: input.startTerm,
          endTerm: input.endTerm,
          amountPerTermFen: input.amountPerTermFen,
          status: 'active',
          endedReason: null,
          note: input.note ?? null,
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'sponsorship_pairing',
          entityId: id,
          orgUnitId: s.ownerOrgId,
          detail: {
            studentId: s.id,
            sponsorId: sp.id,
            startTerm: input.startTerm,
            endTerm: input.endTerm,
            amountPerTermFen: input.amountPerTermFen,
          },
        });
      });
      return presentPairing(actor, (await repo.findPairing(db, id))!);
    },

    async endPairing(actor: Actor, id: string, reason: string) {
      const p = await loadPairing(actor, 'sponsorship.write', id);
      if (p.status !== 'active') throw new ConflictError('该结对已结束');
      await db.transaction().execute(async (trx) => {
        await repo.updatePairing(trx, id, { status: 'ended', endedReason: reason, updatedAt: clock.now().toISOString() });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'end',
          entityType: 'sponsorship_pairing',
          entityId: id,
          orgUnitId: p.ownerOrgId,
          detail: { reason },
        });
      });
      return presentPairing(actor, (await repo.findPairing(db, id))!);
    },

    /** For every active pairing: its unpaid terms already due (overdue) and its next term — the finance officer's work list. */
    async duePayments(actor: Actor): Promise<DuePayment[]> {
      const scope = requirePermission(actor, 'sponsorship.read');
      const pairings = await repo.listPairings(db, scope, { activeOnly: true });
      const paid = await repo.paidTerms(
        db,
        pairings.map((p) => p.id),
      );
      const done = new Set(paid.map((p) => `${p.pairingId}|${p.term}`));
      const out: DuePayment[] = [];
      for (const p of pairings) {
        let upcoming = false;
        for (const term of termsBetween(p.startTerm, p.endTerm)) {
          const dueOn = termDueOn(term);
          if (done.has(`${p.id}|${term}`)) continue;
          const overdue = dueOn < today();
          if (!overdue) {
            if (upcoming) break;
            upcoming = true;
          }
          out.push({
            pairingId: p.id,
            studentId: p.studentId,
            studentName: studentNameFor(actor, p.studentName, p.birthDate),
            sponsorName: p.sponsorName,
            term,
            dueOn,
            amountFen: Number(p.amountPerTermFen),
            overdue,
          });
        }
      }
      return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.studentName.localeCompare(b.studentName));
    },

    // ---------- payments ----------

    async listPayments(actor: Actor, pairingId?: string) {
      const scope = requirePermission(actor, 'sponsorship.read');
      return (await repo.listPayments(db, scope, pairingId)).map((r) => ({
        id: r.id,
        pairingId: r.pairingId,
        studentName: studentNameFor(actor, r.studentName, r.birthDate),
        sponsorName: r.sponsorName,
        term: r.term,
        amountFen: Number(r.amountFen),
        paidOn: r.paidOn,
        disbursementId: r.disbursementId,
        reversed: r.reversed === 1,
      }));
    },

    /** One term payment, as the payments list shows it (the answer of a replayed payment). */
    async getPayment(actor: Actor, id: string) {
      const scope = requirePermission(actor, 'sponsorship.read');
      const pm = await repo.findPayment(db, id);
      if (!pm || !pathInScope(scope, pm.ownerPath)) throw new NotFoundError('资助款发放记录');
      return (await this.listPayments(actor, pm.pairingId)).find((x) => x.id === id)!;
    },

    /** Pays one term of a pairing through the ledger (from the 春蕾 programme's fund account); both commit together. */
    async payTerm(
      actor: Actor,
      pairingId: string,
      input: { term: string; paidOn: string; approvedBy: string; method: 'cash' | 'bank_transfer'; bankCard?: string | null },
      idem?: IdempotencyClaim | null,
    ) {
      requirePermission(actor, 'funds.write');
      const p = await loadPairing(actor, 'sponsorship.read', pairingId);
      if (p.status !== 'active') throw new ConflictError('该结对已结束，不能再发放');
      if (!termsBetween(p.startTerm, p.endTerm).includes(input.term)) throw fieldError('term', `${termLabel(input.term)}不在结对期内`);
      if (input.paidOn > today()) throw fieldError('paidOn', '发放日期不能晚于今天');
      if (input.method === 'bank_transfer' && !input.bankCard) throw fieldError('bankCard', '银行转账须填写银行卡号');
      // The 春蕾 programme of the pairing's own federation (or one above it): never another district's fund account.
      const programme = await findProgrammeByCodeFor(db, SPRING_BUD, p.ownerPath);
      if (!programme?.fundAccountId) throw new ConflictError('春蕾计划项目未设置资金账户');
      const account = (await findAccount(db, programme.fundAccountId))!;
      await assertApprover(db, input.approvedBy, account.ownerPath);
      if (await repo.findPaidTerm(db, pairingId, input.term)) throw new ConflictError(`${termLabel(input.term)}的资助款已发放`);
      const id = newId();
      try {
        await db.transaction().execute(async (trx) => {
          const r = await disburseInTransaction(
            trx,
            { clock, cipher },
            {
              account,
              programmeCode: SPRING_BUD,
              recipientKind: 'person',
              recipientPersonId: p.personId,
              recipientLabel: maskName(p.studentName)!,
              method: input.method,
              bankCard: input.method === 'bank_transfer' ? input.bankCard : null,
              amountFen: Number(p.amountPerTermFen),
              paidOn: input.paidOn,
              approvedBy: input.approvedBy,
              purpose: `春蕾资助款（${termLabel(input.term)}，资助人：${p.sponsorName}）`,
              sourceKind: 'sponsorship_payment',
              sourceId: id,
              createdBy: actor.userId,
            },
          );
          await repo.insertPayment(trx, {
            id,
            ownerOrgId: p.ownerOrgId,
            pairingId,
            studentId: p.studentId,
            term: input.term,
            amountFen: r.amountFen,
            paidOn: input.paidOn,
            disbursementId: r.id,
            reversed: 0,
            createdBy: actor.userId,
            createdAt: clock.now().toISOString(),
          });
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'pay',
            entityType: 'sponsorship_pairing',
            entityId: pairingId,
            orgUnitId: p.ownerOrgId,
            detail: { term: input.term, amountFen: r.amountFen, disbursementId: r.id },
          });
          await recordIdempotencyKey(trx, idem, id);
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new ConflictError(`${termLabel(input.term)}的资助款已发放`);
        throw e;
      }
      return (await this.listPayments(actor, pairingId)).find((x) => x.id === id)!;
    },

    /** Reverses a term payment in the ledger; the term is due again. */
    async reversePayment(actor: Actor, id: string, reason: string, idem?: IdempotencyClaim | null) {
      const scope = requirePermission(actor, 'funds.write');
      const pm = await repo.findPayment(db, id);
      if (!pm || !pathInScope(scope, pm.ownerPath)) throw new NotFoundError('资助款发放记录');
      if (pm.reversed) throw new ConflictError('该笔资助款已冲销');
      await db.transaction().execute(async (trx) => {
        const r = await reverseDisbursementInTransaction(trx, clock, pm.disbursementId, reason, actor.userId);
        await repo.markPaymentReversed(trx, id);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'reverse',
          entityType: 'sponsorship_pairing',
          entityId: pm.pairingId,
          orgUnitId: pm.ownerOrgId,
          detail: { paymentId: id, term: pm.term, reason, reversalEntryId: r.entryId },
        });
        await recordIdempotencyKey(trx, idem, id);
      });
      return (await this.listPayments(actor, pm.pairingId)).find((x) => x.id === id)!;
    },

    // ---------- meetings (结对见面会) ----------

    async listMeetings(actor: Actor) {
      return (await repo.listMeetings(db, requirePermission(actor, 'sponsorship.read'))).map((m) => ({
        id: m.id,
        title: m.title,
        heldOn: m.heldOn,
        place: m.place,
        attendees: Number(m.attendees),
        pairings: Number(m.pairings),
        note: m.note,
      }));
    },

    async createMeeting(
      actor: Actor,
      input: { title: string; heldOn: string; place: string; attendees: number; pairingIds: string[]; note?: string | null },
    ) {
      const scope = requirePermission(actor, 'sponsorship.write');
      if (input.heldOn > today()) throw fieldError('heldOn', '见面会日期不能晚于今天');
      for (const pid of new Set(input.pairingIds)) {
        const p = await repo.findPairing(db, pid);
        if (!p || !pathInScope(scope, p.ownerPath)) throw fieldError('pairingIds', '所选结对不存在');
      }
      const id = newId();
      const ownerOrgId = ownerOf(scope);
      await db.transaction().execute(async (trx) => {
        await repo.insertMeeting(
          trx,
          {
            id,
            ownerOrgId,
            title: input.title,
            heldOn: input.heldOn,
            place: input.place,
            attendees: input.attendees,
            note: input.note ?? null,
            createdBy: actor.userId,
            createdAt: clock.now().toISOString(),
          },
          [...new Set(input.pairingIds)],
        );
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'sponsorship_meeting',
          entityId: id,
          orgUnitId: ownerOrgId,
          detail: { title: input.title, heldOn: input.heldOn, pairings: input.pairingIds.length },
        });
      });
      return (await this.listMeetings(actor)).find((m) => m.id === id)!;
    },
  };
}
