import {
  APPLICATION_STATUS_LABELS,
  checkResidentIdNumber,
  maskBankCard,
  type ApplicationStatus,
  type CreateApplication,
  type Diagnosis,
  type PaymentMethod,
} from '@jinguo/domain';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, fieldError } from '../../platform/errors.js';
import { assertVersion } from '../../platform/versioning.js';
import { recordIdempotencyKey, type IdempotencyClaim } from '../../platform/idempotency.js';
import { newId } from '../../platform/ids.js';
import * as repo from './relief.repository.js';
import { newApplicationRow } from './relief.rows.js';
import { townshipOf } from '../org/index.js';
import { findPerson, findOrCreatePerson, personInScope } from '../people/index.js';
import type { ReliefContext } from './relief.context.js';
import { parseRules, parseTags, presentListItem } from './relief.present.js';

/** 摸底调查: registering candidates, correcting what was recorded, the lists and a person's relief history. */
export function createApplicationService(ctx: ReliefContext) {
  const { db, dialect, clock, cipher, today, programmeFor, loadApplication, verdictOf, decryptDiagnosis, event, detail } = ctx;
  return {
    // ---------- screening (摸底调查) ----------

    /** Registers one candidate: the person (found or created in the registry), the household as recorded, the verdict. */
    async createApplication(actor: Actor, input: CreateApplication, idem?: IdempotencyClaim | null) {
      const scope = requirePermission(actor, 'relief.write');
      const programme = await programmeFor(scope, input.programmeId);
      if (!programme.active) throw fieldError('programmeId', '该项目已停用');
      if (input.appliedOn > today()) throw fieldError('appliedOn', '登记日期不能晚于今天');
      const rules = parseRules(programme.rules);
      let residenceId = input.residenceOrgId ?? null;
      let existing: Awaited<ReturnType<typeof findPerson>> | null = null;
      if (input.personId) {
        existing = await findPerson(db, input.personId);
        // A registered person is chosen only where the caller may see her (owned or living in the scope).
        if (!existing || existing.mergedIntoId || !personInScope(scope, existing))
          throw fieldError('personId', '人员不存在或不在您的工作范围内');
        residenceId = residenceId ?? existing.residenceOrgId;
      } else {
        if (!input.name) throw fieldError('name', '姓名不能为空');
        if (!input.idNumber) throw fieldError('idNumber', '身份证号不能为空');
        const check = checkResidentIdNumber(input.idNumber, today());
        if (!check.ok) throw fieldError('idNumber', check.reason);
        if (!residenceId) throw fieldError('residenceOrgId', '请选择居住的村（社区）');
      }
      if (!residenceId) throw fieldError('residenceOrgId', '请选择居住的村（社区）');
      const place = await townshipOf(db, residenceId);
      if (!place) throw fieldError('residenceOrgId', '居住地须为村（社区）或乡镇（街道）');
      if (!pathInScope(scope, (place.village ?? place.township).path)) throw fieldError('residenceOrgId', '居住地不在您的工作范围内');
      if (input.diagnosis && !rules.requireTwoCancerDiagnosis) throw fieldError('diagnosis', '本项目不登记诊断信息');
      if (input.paymentMethod === 'bank_transfer' && !input.bankCard) throw fieldError('bankCard', '银行转账须填写银行卡号');
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const personId = existing
          ? existing.id
          : (
              await findOrCreatePerson(
                trx,
                { cipher, clock, actor },
                {
                  name: input.name!,
                  gender: (checkResidentIdNumber(input.idNumber!, today()) as { gender: 'female' | 'male' }).gender,
                  idNumber: input.idNumber,
                  phone: input.phone ?? null,
                  residenceOrgId: residenceId!,
                  ownerOrgId: place.township.id,
                  tags: input.tags,
                  household: { members: input.householdMembers, annualIncomeFen: input.householdIncomeFen },
                },
              )
            ).id;
        const open = await repo.findOpenApplication(trx, personId, programme.id);
        if (open) throw new ConflictError(`该人员已在本项目中登记（状态：${APPLICATION_STATUS_LABELS[open.status]}）`);
        const person = (await findPerson(trx, personId))!;
        const tags = [...new Set([...parseTags(person.tags), ...input.tags])];
        const verdict = await verdictOf(trx, programme, {
          id: null,
          personId,
          birthDate: person.birthDate,
          gender: person.gender,
          appliedOn: input.appliedOn,
          householdIncomeFen: input.householdIncomeFen,
          householdMembers: input.householdMembers,
          tags,
          diagnosis: input.diagnosis ?? null,
          paymentMethod: input.paymentMethod,
          hasBankCard: !!input.bankCard,
        });
        await repo.insertApplications(trx, [
          newApplicationRow(cipher, {
            id,
            ownerOrgId: place.township.id,
            villageOrgId: place.village?.id ?? null,
            programmeId: programme.id,
            personId,
            householdId: person.householdId,
            appliedOn: input.appliedOn,
            householdIncomeFen: input.householdIncomeFen,
            householdMembers: input.householdMembers,
            tags,
            diagnosis: input.diagnosis ?? null,
            paymentMethod: input.paymentMethod,
            bankCard: input.bankCard ?? null,
            verdict,
            source: 'manual',
            importBatch: null,
            note: input.note ?? null,
            createdBy: actor.userId,
            at,
          }),
        ]);
        await event(trx, id, 'submit', null, 'submitted', actor);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'relief_application',
          entityId: id,
          orgUnitId: place.township.id,
          detail: {
            programmeId: programme.id,
            personId,
            eligible: verdict.eligible,
            householdMembers: input.householdMembers,
            householdIncomeFen: input.householdIncomeFen,
            bankCard: input.bankCard ?? null,
            diagnosis: input.diagnosis ? 'recorded' : null,
          },
        });
        await recordIdempotencyKey(trx, idem, id);
      });
      return detail(actor, id);
    },

    /** Corrects what was recorded while the application is still with the township or district; re-evaluates the rules. */
    async updateApplication(
      actor: Actor,
      id: string,
      patch: {
        householdMembers?: number;
        householdIncomeFen?: number;
        tags?: string[];
        diagnosis?: Diagnosis | null;
        paymentMethod?: PaymentMethod;
        bankCard?: string | null;
        note?: string | null;
      },
      ifMatch?: number | null,
    ) {
      const { a } = await loadApplication(actor, 'relief.write', id);
      if (a.status !== 'submitted' && a.status !== 'verified')
        throw new ConflictError(`当前状态为“${APPLICATION_STATUS_LABELS[a.status]}”，不能修改登记信息`);
      const programme = (await repo.findProgramme(db, a.programmeId))!;
      if (patch.diagnosis && !parseRules(programme.rules).requireTwoCancerDiagnosis) throw fieldError('diagnosis', '本项目不登记诊断信息');
      const paymentMethod = patch.paymentMethod ?? a.paymentMethod;
      const bankCardEnc = patch.bankCard === undefined ? a.bankCardEnc : patch.bankCard ? cipher.encrypt(patch.bankCard) : null;
      if (paymentMethod === 'bank_transfer' && !bankCardEnc) throw fieldError('bankCard', '银行转账须填写银行卡号');
      const next = {
        householdMembers: patch.householdMembers ?? Number(a.householdMembers),
        householdIncomeFen: patch.householdIncomeFen ?? Number(a.householdIncomeFen),
        tags: patch.tags ?? parseTags(a.tags),
        diagnosis: patch.diagnosis === undefined ? decryptDiagnosis(a.diagnosisEnc) : patch.diagnosis,
      };
      await db.transaction().execute(async (trx) => {
        await repo.lockApplication(trx, id, dialect === 'postgres');
        await assertVersion(trx, dialect, {
          table: 'relief_applications',
          id,
          expected: ifMatch,
          entityType: 'relief_application',
          what: '救助申请',
        });
        const verdict = await verdictOf(trx, programme, {
          id,
          personId: a.personId,
          birthDate: a.birthDate,
          gender: a.gender,
          appliedOn: a.appliedOn,
          ...next,
          paymentMethod,
          hasBankCard: !!bankCardEnc,
        });
        await repo.updateApplication(trx, id, {
          householdMembers: next.householdMembers,
          householdIncomeFen: next.householdIncomeFen,
          tags: JSON.stringify(next.tags),
          diagnosisEnc: next.diagnosis ? cipher.encrypt(JSON.stringify(next.diagnosis)) : null,
          paymentMethod,
          bankCardEnc,
          bankCardMasked: patch.bankCard === undefined ? a.bankCardMasked : patch.bankCard ? maskBankCard(patch.bankCard) : null,
          note: patch.note === undefined ? a.note : patch.note,
          verdict: JSON.stringify(verdict),
          eligible: verdict.eligible ? 1 : 0,
          updatedAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'relief_application',
          entityId: id,
          orgUnitId: a.ownerOrgId,
          detail: { fields: Object.keys(patch), eligible: verdict.eligible },
        });
      });
      return detail(actor, id);
    },

    async listApplications(
      actor: Actor,
      q: {
        programmeId?: string;
        townshipId?: string;
        status?: ApplicationStatus;
        eligible?: 'true' | 'false';
        q?: string;
        year?: number;
        page: number;
        pageSize: number;
      },
    ) {
      const scope = requirePermission(actor, 'relief.read');
      const r = await repo.listApplications(db, scope, {
        ...q,
        eligible: q.eligible === undefined ? undefined : q.eligible === 'true',
        text: q.q,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const levels = await repo.reportedLevels(
        db,
        r.items.map((i) => i.id),
      );
      return {
        items: r.items.map((i) =>
          presentListItem(
            i,
            levels.filter((l) => l.applicationId === i.id).map((l) => l.level),
          ),
        ),
        total: r.total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    getApplication: detail,

    /** A person's applications across programmes (her relief history). */
    async historyOfPerson(actor: Actor, personId: string) {
      const scope = requirePermission(actor, 'relief.read');
      const rows = await repo.applicationsOfPerson(db, scope, personId);
      const levels = await repo.reportedLevels(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => ({
        ...presentListItem(
          r,
          levels.filter((l) => l.applicationId === r.id).map((l) => l.level),
        ),
        paidOn: r.paidOn,
        rejectReason: r.rejectReason,
      }));
    },
  };
}
