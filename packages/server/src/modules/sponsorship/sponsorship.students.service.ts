import {
  ageOnDate,
  checkResidentIdNumber,
  isMinorAge,
  isValidPhone,
  maskPhone,
  normalizePhone,
  type CreateStudent,
  type Student,
  type StudentStatus,
} from '@jinguo/domain';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, fieldError, isUniqueViolation } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { assertGuardianConsent, minorSearchText } from '../../platform/minors.js';
import * as repo from './sponsorship.repository.js';
import { townshipOf, findUnit } from '../org/index.js';
import { findOrCreatePerson } from '../people/index.js';
import { MINORS, type SponsorshipContext } from './sponsorship.context.js';

/** 春蕾 students: registered (a minor, with consent), listed, their status. */
export function createStudentService(ctx: SponsorshipContext) {
  const { db, clock, cipher, today, presentStudent, loadStudent } = ctx;
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
  };
}
