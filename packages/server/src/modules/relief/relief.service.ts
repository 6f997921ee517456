import { createHash } from 'node:crypto';
import ExcelJS from '../../platform/exceljs.js';
import {
  APPLICATION_ACTION_LABELS,
  APPLICATION_STATUS_LABELS,
  checkResidentIdNumber,
  diagnosisSchema,
  effectiveEligibility,
  eligibilityRulesSchema,
  evaluateEligibility,
  formatChineseDate,
  formatFen,
  incomePerHeadFen,
  maskBankCard,
  nextApplicationStatus,
  REPORT_LEVEL_LABELS,
  REPORT_UP_COLUMNS,
  reliefVerdictSchema,
  shanghaiDate,
  type ApplicationAction,
  type ApplicationDetail,
  type ApplicationListItem,
  type ApplicationStatus,
  type CreateApplication,
  type Diagnosis,
  type EligibilityRules,
  type PaymentMethod,
  type Programme,
  type ProgrammeInput,
  type ReliefVerdict,
  type ReportLevel,
} from '@jinguo/domain';
import type { Db, DialectName, Executor } from '../../db/database.js';
import { auditActor, can, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { ConflictError, fieldError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { keysetRows, sendExport, startImport, type ExportSpec, type UploadSource } from '../../platform/excel.js';
import type { FastifyReply } from 'fastify';
import { assertVersion } from '../../platform/versioning.js';
import { recordIdempotencyKey, type IdempotencyClaim } from '../../platform/idempotency.js';
import { newId } from '../../platform/ids.js';
import { screeningImport, type ScreeningContext } from './relief.import.js';
import * as repo from './relief.repository.js';
import { findAccount, disburseInTransaction, reverseDisbursementInTransaction } from '../funds/index.js';
import { townshipOf } from '../org/index.js';
import { findPerson, findOrCreatePerson, personInScope } from '../people/index.js';

export type ReliefService = ReturnType<typeof createReliefService>;
type Deps = { db: Db; dialect: DialectName; clock: Clock; cipher: FieldCipher };
type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof repo.findProgramme>>>;
type ApplicationRow = NonNullable<Awaited<ReturnType<typeof repo.findApplication>>>;

export function parseRules(json: string): EligibilityRules {
  return eligibilityRulesSchema.parse(JSON.parse(json));
}
export function parseTags(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}
function parseVerdict(json: string): ReliefVerdict {
  return reliefVerdictSchema.parse(JSON.parse(json));
}

/** How many other applications of the person count against a once-per-lifetime rule of the programme. */
export async function priorLifetime(db: Executor, programme: { code: string; rules: string }, personId: string, excludeId: string | null) {
  const rules = parseRules(programme.rules);
  if (!rules.oncePerLifetime) return 0;
  const ids = await repo.programmeIdsInLifetimeGroup(db, repo.lifetimeGroupOf(programme.code, programme.rules));
  return repo.countLifetimeApplications(db, personId, ids, excludeId);
}

export function presentProgramme(
  p: ProgrammeRow | Awaited<ReturnType<typeof repo.listProgrammes>>[number],
  counts: Record<string, number> = {},
): Programme {
  return {
    id: p.id,
    version: Number(p.version),
    code: p.code,
    name: p.name,
    kind: p.kind,
    year: Number(p.year),
    rules: parseRules(p.rules),
    quota: p.quota == null ? null : Number(p.quota),
    reportTo: JSON.parse(p.reportTo),
    fundAccountId: p.fundAccountId,
    fundAccountName: p.fundAccountName ?? null,
    grantAmountFen: p.grantAmountFen == null ? null : Number(p.grantAmountFen),
    description: p.description,
    active: p.active === 1,
    counts,
  };
}

function presentListItem(
  a: Awaited<ReturnType<typeof repo.listApplications>>['items'][number],
  levels: ReportLevel[],
): ApplicationListItem {
  const members = Number(a.householdMembers);
  const income = Number(a.householdIncomeFen);
  return {
    id: a.id,
    programmeId: a.programmeId,
    programmeCode: a.programmeCode,
    programmeName: a.programmeName,
    personId: a.personId,
    name: a.name,
    idNumberMasked: a.idNumberMasked,
    townshipId: a.ownerOrgId,
    townshipName: a.townshipName,
    villageName: a.villageName,
    householdMembers: members,
    householdIncomeFen: income,
    incomePerHeadFen: incomePerHeadFen(income, members),
    status: a.status,
    eligible: a.eligible === 1,
    overridden: !!a.overrideReason,
    appliedOn: a.appliedOn,
    reportedTo: levels,
    grantAmountFen: a.grantAmountFen == null ? null : Number(a.grantAmountFen),
  };
}

export function createReliefService({ db, dialect, clock, cipher }: Deps) {
  const today = () => shanghaiDate(clock.now());

  async function programmeFor(scope: Scope, id: string, field = 'programmeId') {
    const p = await repo.findProgrammeVisible(db, scope, id);
    if (!p) throw field ? fieldError(field, '项目不存在或无权使用') : new NotFoundError('项目');
    return p;
  }

  async function loadApplication(actor: Actor, permission: 'relief.read' | 'relief.write' | 'relief.approve' | 'funds.write', id: string) {
    const scope = requirePermission(actor, permission);
    // Payment is the finance officer's: she sees the application through her relief.read scope.
    const readScope = permission === 'funds.write' ? requirePermission(actor, 'relief.read') : scope;
    const a = await repo.findApplication(db, id);
    if (!a || !pathInScope(readScope, a.ownerPath) || !pathInScope(scope, a.ownerPath)) throw new NotFoundError('救助申请');
    return { a, scope };
  }

  /** Re-evaluates an application's rules on its recorded data (and the person's other applications). */
  async function verdictOf(
    exec: Executor,
    programme: { code: string; rules: string },
    a: {
      id: string | null;
      personId: string;
      birthDate: string | null;
      gender: string | null;
      appliedOn: string;
      householdIncomeFen: number;
      householdMembers: number;
      tags: string[];
      diagnosis: Diagnosis | null;
      paymentMethod: PaymentMethod;
      hasBankCard: boolean;
    },
  ) {
    return evaluateEligibility(parseRules(programme.rules), {
      appliedOn: a.appliedOn,
      birthDate: a.birthDate,
      gender: a.gender === 'female' || a.gender === 'male' ? a.gender : null,
      householdIncomeFen: a.householdIncomeFen,
      householdMembers: a.householdMembers,
      tags: a.tags,
      diagnosis: a.diagnosis,
      paymentMethod: a.paymentMethod,
      hasBankCard: a.hasBankCard,
      priorLifetimeApplications: await priorLifetime(exec, programme, a.personId, a.id),
    });
  }

  function decryptDiagnosis(enc: string | null): Diagnosis | null {
    return enc ? diagnosisSchema.parse(JSON.parse(cipher.decrypt(enc))) : null;
  }

  async function currentVerdict(exec: Executor, a: ApplicationRow) {
    const programme = (await repo.findProgramme(exec, a.programmeId))!;
    return verdictOf(exec, programme, {
      id: a.id,
      personId: a.personId,
      birthDate: a.birthDate,
      gender: a.gender,
      appliedOn: a.appliedOn,
      householdIncomeFen: Number(a.householdIncomeFen),
      householdMembers: Number(a.householdMembers),
      tags: parseTags(a.tags),
      diagnosis: decryptDiagnosis(a.diagnosisEnc),
      paymentMethod: a.paymentMethod,
      hasBankCard: !!a.bankCardEnc,
    });
  }

  async function event(
    trx: Executor,
    applicationId: string,
    action: ApplicationAction,
    from: ApplicationStatus | null,
    to: ApplicationStatus,
    actor: Actor,
    reason: string | null = null,
  ) {
    await repo.insertEvent(trx, {
      id: newId(),
      applicationId,
      action,
      fromStatus: from,
      toStatus: to,
      reason,
      actorId: actor.userId,
      at: clock.now().toISOString(),
    });
  }

  function refuseTransition(from: ApplicationStatus, action: ApplicationAction): never {
    throw new ConflictError(`当前状态为“${APPLICATION_STATUS_LABELS[from]}”，不能执行“${APPLICATION_ACTION_LABELS[action]}”`);
  }

  async function detail(actor: Actor, id: string): Promise<ApplicationDetail> {
    const { a } = await loadApplication(actor, 'relief.read', id);
    const [levels, history] = await Promise.all([repo.reportedLevels(db, [id]), repo.listEvents(db, id)]);
    const mayApprove = can(actor, 'relief.approve');
    // A diagnosis is health data: shown only to those who decide, and each read is in the audit trail.
    const diagnosis = mayApprove ? decryptDiagnosis(a.diagnosisEnc) : null;
    if (diagnosis)
      await db.transaction().execute((trx) =>
        appendAudit(trx, clock, auditActor(actor), {
          action: 'read.sensitive',
          entityType: 'relief_application',
          entityId: id,
          orgUnitId: a.ownerOrgId,
          detail: { fields: ['diagnosis'] },
        }),
      );
    const verdict = parseVerdict(a.verdict);
    const programme = (await repo.findProgramme(db, a.programmeId))!;
    const reportsUp = (JSON.parse(programme.reportTo) as string[]).length > 0;
    const hardFails = verdict.results.some((r) => !r.ok && r.hard);
    const effective = effectiveEligibility(verdict, !!a.overrideReason);
    const write = can(actor, 'relief.write');
    const pay = can(actor, 'funds.write');
    const members = Number(a.householdMembers);
    const income = Number(a.householdIncomeFen);
    return {
      ...presentListItem(
        { ...a, ownerOrgId: a.ownerOrgId },
        levels.map((l) => l.level),
      ),
      version: Number(a.version),
      tags: parseTags(a.tags),
      phoneMasked: a.phoneMasked,
      paymentMethod: a.paymentMethod,
      bankCardMasked: a.bankCardMasked,
      diagnosis,
      hasDiagnosis: !!a.diagnosisEnc,
      verdict,
      reportsUp,
      overrideReason: a.overrideReason,
      rejectReason: a.rejectReason,
      disbursementId: a.disbursementId,
      paidOn: a.paidOn,
      note: a.note,
      source: a.source,
      incomePerHeadFen: incomePerHeadFen(income, members),
      history,
      can: {
        edit: write && (a.status === 'submitted' || a.status === 'verified'),
        verify: mayApprove && nextApplicationStatus(a.status, 'verify', reportsUp) !== null,
        approve: mayApprove && nextApplicationStatus(a.status, 'approve', reportsUp) !== null && effective,
        reject: mayApprove && nextApplicationStatus(a.status, 'reject', reportsUp) !== null,
        grant: mayApprove && nextApplicationStatus(a.status, 'grant', reportsUp) !== null,
        pay: pay && a.status === 'granted',
        override:
          mayApprove && ['submitted', 'verified', 'approved'].includes(a.status) && !verdict.eligible && !a.overrideReason && !hardFails,
        reversePayment: pay && a.status === 'paid',
      },
    };
  }

  return {
    // ---------- programmes ----------

    async listProgrammes(actor: Actor, q: { year?: number }): Promise<Programme[]> {
      const scope = requirePermission(actor, 'relief.read');
      const rows = await repo.listProgrammes(db, scope, q);
      const counts = await repo.countByStatus(
        db,
        scope,
        rows.map((r) => r.id),
      );
      return rows.map((r) =>
        presentProgramme(r, Object.fromEntries(counts.filter((c) => c.programmeId === r.id).map((c) => [c.status, Number(c.n)]))),
      );
    },

    async getProgramme(actor: Actor, id: string): Promise<Programme> {
      const scope = requirePermission(actor, 'relief.read');
      const p = await repo.findProgrammeVisible(db, scope, id);
      if (!p) throw new NotFoundError('项目');
      const counts = await repo.countByStatus(db, scope, [id]);
      return presentProgramme(p, Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])));
    },

    /** Sets up a programme of the caller's unit (programme officer or leader): rules, quota, reporting, fund account. */
    async createProgramme(actor: Actor, input: ProgrammeInput): Promise<Programme> {
      const scope = requirePermission(actor, 'relief.approve');
      const ownerOrgId = scope.paths[0].split('/').filter(Boolean).pop()!;
      await checkProgrammeFields(scope, input);
      if (await repo.findProgrammeByCodeYear(db, ownerOrgId, input.code, input.year))
        throw new ConflictError(`${input.year}年已有代码为 ${input.code} 的项目`, [{ path: 'code', message: '该年度已有此代码的项目' }]);
      const at = clock.now().toISOString();
      const row = {
        id: newId(),
        ownerOrgId,
        code: input.code,
        name: input.name,
        kind: input.kind,
        year: input.year,
        rules: JSON.stringify(input.rules),
        quota: input.quota ?? null,
        reportTo: JSON.stringify(input.reportTo),
        fundAccountId: input.fundAccountId ?? null,
        grantAmountFen: input.grantAmountFen ?? null,
        description: input.description ?? null,
        active: 1,
        createdAt: at,
        updatedAt: at,
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertProgramme(trx, row);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'relief_programme',
          entityId: row.id,
          orgUnitId: ownerOrgId,
          detail: {
            after: { code: row.code, name: row.name, year: row.year, rules: input.rules, quota: row.quota, reportTo: input.reportTo },
          },
        });
      });
      return presentProgramme({ ...row, version: 1, fundAccountName: null });
    },

    async updateProgramme(
      actor: Actor,
      id: string,
      patch: Partial<ProgrammeInput> & { active?: boolean },
      ifMatch?: number | null,
    ): Promise<Programme> {
      const scope = requirePermission(actor, 'relief.approve');
      const p = await repo.findProgramme(db, id);
      if (!p || !pathInScope(scope, p.ownerPath)) throw new NotFoundError('项目');
      await checkProgrammeFields(scope, patch);
      const next = {
        name: patch.name ?? p.name,
        kind: patch.kind ?? p.kind,
        rules: patch.rules ? JSON.stringify(patch.rules) : p.rules,
        quota: patch.quota === undefined ? p.quota : patch.quota,
        reportTo: patch.reportTo ? JSON.stringify(patch.reportTo) : p.reportTo,
        fundAccountId: patch.fundAccountId === undefined ? p.fundAccountId : patch.fundAccountId,
        grantAmountFen: patch.grantAmountFen === undefined ? p.grantAmountFen : patch.grantAmountFen,
        description: patch.description === undefined ? p.description : patch.description,
        active: patch.active === undefined ? p.active : patch.active ? 1 : 0,
        updatedAt: clock.now().toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        await assertVersion(trx, dialect, {
          table: 'relief_programmes',
          id,
          expected: ifMatch,
          entityType: 'relief_programme',
          what: '救助项目',
        });
        await repo.updateProgramme(trx, id, next);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'relief_programme',
          entityId: id,
          orgUnitId: p.ownerOrgId,
          detail: { changes: patch },
        });
      });
      return this.getProgramme(actor, id);
    },

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
          {
            id,
            ownerOrgId: place.township.id,
            villageOrgId: place.village?.id ?? null,
            programmeId: programme.id,
            personId,
            householdId: person.householdId,
            status: 'submitted',
            appliedOn: input.appliedOn,
            householdIncomeFen: input.householdIncomeFen,
            householdMembers: input.householdMembers,
            tags: JSON.stringify(tags),
            diagnosisEnc: input.diagnosis ? cipher.encrypt(JSON.stringify(input.diagnosis)) : null,
            paymentMethod: input.paymentMethod,
            bankCardEnc: input.bankCard ? cipher.encrypt(input.bankCard) : null,
            bankCardMasked: input.bankCard ? maskBankCard(input.bankCard) : null,
            verdict: JSON.stringify(verdict),
            eligible: verdict.eligible ? 1 : 0,
            overrideReason: null,
            overrideBy: null,
            rejectReason: null,
            grantAmountFen: null,
            disbursementId: null,
            source: 'manual',
            importBatch: null,
            note: input.note ?? null,
            verifiedBy: null,
            verifiedOn: null,
            decidedBy: null,
            decidedOn: null,
            reportedOn: null,
            grantedBy: null,
            grantedOn: null,
            paidOn: null,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          },
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

    /** verify / approve / reject (reason) / grant: one step of the workflow, each in one transaction with its audit entry. */
    async transition(
      actor: Actor,
      id: string,
      input: {
        action: 'verify' | 'approve' | 'reject' | 'grant';
        reason?: string | null;
        grantAmountFen?: number | null;
        date?: string | null;
      },
    ) {
      const { a } = await loadApplication(actor, 'relief.approve', id);
      const programme = (await repo.findProgramme(db, a.programmeId))!;
      const reportsUp = (JSON.parse(programme.reportTo) as string[]).length > 0;
      const date = input.date ?? today();
      if (date > today()) throw fieldError('date', '日期不能晚于今天');
      if (input.action === 'reject' && !input.reason) throw fieldError('reason', '请填写不予通过的理由');
      await db.transaction().execute(async (trx) => {
        const locked = (await repo.lockApplication(trx, id, dialect === 'postgres'))!;
        const to = nextApplicationStatus(locked.status, input.action, reportsUp);
        if (!to) refuseTransition(locked.status, input.action);
        const verdict = await currentVerdict(trx, (await repo.findApplication(trx, id))!);
        const patch: Parameters<typeof repo.updateApplication>[2] = {
          status: to,
          verdict: JSON.stringify(verdict),
          eligible: verdict.eligible ? 1 : 0,
          updatedAt: clock.now().toISOString(),
        };
        if (input.action === 'verify') Object.assign(patch, { verifiedBy: actor.userId, verifiedOn: date });
        if (input.action === 'approve' || input.action === 'grant') {
          if (!effectiveEligibility(verdict, !!a.overrideReason)) {
            const failed = verdict.results.filter((r) => !r.ok);
            const hard = failed.some((r) => r.hard);
            throw new ConflictError(
              `不符合条件：${failed.map((r) => r.message).join('；')}${hard ? '（硬性规定，不能人工认定）' : '。如确需救助，请先“人工认定”并说明理由'}`,
            );
          }
        }
        if (input.action === 'approve') {
          if (programme.quota != null && (await repo.countPlaced(trx, programme.id)) >= Number(programme.quota))
            throw new ConflictError(`本项目名额 ${programme.quota} 个已满`);
          Object.assign(patch, { decidedBy: actor.userId, decidedOn: date, rejectReason: null });
        }
        if (input.action === 'reject') Object.assign(patch, { decidedBy: actor.userId, decidedOn: date, rejectReason: input.reason });
        if (input.action === 'grant') {
          const amount = input.grantAmountFen ?? (programme.grantAmountFen == null ? null : Number(programme.grantAmountFen));
          if (!amount) throw fieldError('grantAmountFen', '请填写救助金额');
          Object.assign(patch, { grantedBy: actor.userId, grantedOn: date, grantAmountFen: amount });
        }
        await repo.updateApplication(trx, id, patch);
        await event(trx, id, input.action, locked.status, to, actor, input.reason ?? null);
        await appendAudit(trx, clock, auditActor(actor), {
          action: input.action,
          entityType: 'relief_application',
          entityId: id,
          orgUnitId: a.ownerOrgId,
          detail: { from: locked.status, to, reason: input.reason ?? null, grantAmountFen: patch.grantAmountFen ?? null },
        });
      });
      return detail(actor, id);
    },

    /** 人工认定: an officer declares an application eligible despite a failed rule, with a reason (never a hard rule). */
    async override(actor: Actor, id: string, reason: string) {
      const { a } = await loadApplication(actor, 'relief.approve', id);
      if (!['submitted', 'verified', 'approved'].includes(a.status)) refuseTransition(a.status, 'override');
      await db.transaction().execute(async (trx) => {
        await repo.lockApplication(trx, id, dialect === 'postgres');
        const verdict = await currentVerdict(trx, (await repo.findApplication(trx, id))!);
        if (verdict.eligible) throw new ConflictError('该申请符合全部条件，无需人工认定');
        const hard = verdict.results.filter((r) => !r.ok && r.hard);
        if (hard.length) throw new ConflictError(`硬性规定不能人工认定：${hard.map((r) => r.message).join('；')}`);
        await repo.updateApplication(trx, id, {
          overrideReason: reason,
          overrideBy: actor.userId,
          verdict: JSON.stringify(verdict),
          eligible: 0,
          updatedAt: clock.now().toISOString(),
        });
        await event(trx, id, 'override', a.status, a.status, actor, reason);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'override',
          entityType: 'relief_application',
          entityId: id,
          orgUnitId: a.ownerOrgId,
          detail: { reason, failedRules: verdict.results.filter((r) => !r.ok).map((r) => r.rule) },
        });
      });
      return detail(actor, id);
    },

    /** Pays a granted application through the ledger (from the programme's fund account); both commit together. */
    async pay(actor: Actor, id: string, input: { paidOn: string; note?: string | null }, idem?: IdempotencyClaim | null) {
      const { a } = await loadApplication(actor, 'funds.write', id);
      const programme = (await repo.findProgramme(db, a.programmeId))!;
      if (!programme.fundAccountId) throw new ConflictError('该项目未设置支付账户，请先在项目设置中选择资金账户');
      const account = (await findAccount(db, programme.fundAccountId))!;
      if (account.kind === 'goods') throw new ConflictError('物资救助请在资金台账中按物资拨付');
      if (a.paymentMethod === 'in_kind') throw new ConflictError('发放方式为实物发放，请在资金台账中按物资拨付');
      if (input.paidOn > today()) throw fieldError('paidOn', '发放日期不能晚于今天');
      await db.transaction().execute(async (trx) => {
        const locked = (await repo.lockApplication(trx, id, dialect === 'postgres'))!;
        if (!nextApplicationStatus(locked.status, 'pay', true)) refuseTransition(locked.status, 'pay');
        const fresh = (await repo.findApplication(trx, id))!;
        const verdict = await currentVerdict(trx, fresh);
        // Transfer-only and once-per-lifetime hold at the moment money moves, not only when approved.
        const hard = verdict.results.filter((r) => !r.ok && r.hard);
        if (hard.length) throw new ConflictError(`不能发放：${hard.map((r) => r.message).join('；')}`);
        const r = await disburseInTransaction(
          trx,
          { clock, cipher },
          {
            account,
            programmeCode: programme.code,
            recipientKind: 'person',
            recipientPersonId: a.personId,
            recipientLabel: a.name,
            method: fresh.paymentMethod,
            bankCardEnc: fresh.bankCardEnc,
            bankCardMasked: fresh.bankCardMasked,
            amountFen: Number(fresh.grantAmountFen),
            paidOn: input.paidOn,
            approvedBy: fresh.grantedBy!,
            purpose: `${programme.name}${input.note ? `（${input.note}）` : ''}`,
            sourceKind: 'relief_application',
            sourceId: id,
            createdBy: actor.userId,
          },
        );
        await repo.updateApplication(trx, id, {
          status: 'paid',
          disbursementId: r.id,
          paidOn: input.paidOn,
          updatedAt: clock.now().toISOString(),
        });
        await event(trx, id, 'pay', 'granted', 'paid', actor, input.note ?? null);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'pay',
          entityType: 'relief_application',
          entityId: id,
          orgUnitId: a.ownerOrgId,
          detail: { disbursementId: r.id, amountFen: r.amountFen, accountId: account.id },
        });
        await recordIdempotencyKey(trx, idem, id);
      });
      return detail(actor, id);
    },

    /** Reverses the payment in the ledger; the application goes back to granted. */
    async reversePayment(actor: Actor, id: string, reason: string, idem?: IdempotencyClaim | null) {
      const { a } = await loadApplication(actor, 'funds.write', id);
      await db.transaction().execute(async (trx) => {
        const locked = (await repo.lockApplication(trx, id, dialect === 'postgres'))!;
        if (!nextApplicationStatus(locked.status, 'reverse_payment', true) || !locked.disbursementId)
          refuseTransition(locked.status, 'reverse_payment');
        const r = await reverseDisbursementInTransaction(trx, clock, locked.disbursementId, reason, actor.userId);
        await repo.updateApplication(trx, id, {
          status: 'granted',
          disbursementId: null,
          paidOn: null,
          updatedAt: clock.now().toISOString(),
        });
        await event(trx, id, 'reverse_payment', 'paid', 'granted', actor, reason);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'reverse_payment',
          entityType: 'relief_application',
          entityId: id,
          orgUnitId: a.ownerOrgId,
          detail: { reason, disbursementId: locked.disbursementId, reversalEntryId: r.entryId },
        });
        await recordIdempotencyKey(trx, idem, id);
      });
      return detail(actor, id);
    },

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

    // ---------- reporting up ----------

    /**
     * Reports approved candidates to the city or province federation: the fixed-layout workbook (full ID numbers,
     * as the receiving federation must check them; an audited export) is generated, kept with a submission record,
     * and the candidates move to "reported". Returns the submission.
     */
    async reportUp(
      actor: Actor,
      input: { programmeId: string; level: ReportLevel; applicationIds: string[]; submittedOn: string; note?: string | null },
    ) {
      const scope = requirePermission(actor, 'relief.approve');
      const programme = await programmeFor(scope, input.programmeId);
      const levels = JSON.parse(programme.reportTo) as ReportLevel[];
      if (!levels.includes(input.level)) throw fieldError('level', `本项目不向${REPORT_LEVEL_LABELS[input.level]}上报`);
      if (input.submittedOn > today()) throw fieldError('submittedOn', '上报日期不能晚于今天');
      const ids = [...new Set(input.applicationIds)];
      const rows = await repo.applicationsForReport(db, ids);
      const problems: string[] = [];
      if (rows.length !== ids.length) throw fieldError('applicationIds', '所选申请不存在或无权访问');
      for (const r of rows) {
        if (!pathInScope(scope, r.ownerPath) || r.programmeId !== programme.id)
          throw fieldError('applicationIds', '所选申请不存在或无权访问');
        if (r.status !== 'approved' && r.status !== 'reported') problems.push(`${r.name}（${APPLICATION_STATUS_LABELS[r.status]}）`);
      }
      if (problems.length)
        throw new ConflictError(
          `只能上报已批准的对象：${problems.slice(0, 10).join('、')}${problems.length > 10 ? ` 等 ${problems.length} 人` : ''}`,
        );
      const already = (await repo.reportedLevels(db, ids)).filter((l) => l.level === input.level);
      if (already.length) {
        const names = rows.filter((r) => already.some((x) => x.applicationId === r.id)).map((r) => r.name);
        throw new ConflictError(`以下对象已上报${REPORT_LEVEL_LABELS[input.level]}：${names.slice(0, 10).join('、')}`);
      }
      const file = await buildReportWorkbook(
        programme.name,
        input.level,
        input.submittedOn,
        rows.map((r) => ({ ...r, idNumber: r.idNumberEnc ? cipher.decrypt(r.idNumberEnc) : '' })),
      );
      const sha = createHash('sha256').update(file).digest('hex');
      const id = newId();
      const at = clock.now().toISOString();
      const ownerOrgId = programme.ownerOrgId;
      const fileName = `${programme.year}年${programme.name}对象名单（上报${REPORT_LEVEL_LABELS[input.level]}）_${input.submittedOn}.xlsx`;
      await db.transaction().execute(async (trx) => {
        // Locked in id order, so two overlapping reports never wait on each other in a cycle.
        for (const r of [...rows].sort((x, y) => x.id.localeCompare(y.id))) {
          const locked = (await repo.lockApplication(trx, r.id, dialect === 'postgres'))!;
          if (locked.status !== 'approved' && locked.status !== 'reported') refuseTransition(locked.status, 'report');
        }
        await repo.insertSubmission(
          trx,
          {
            id,
            ownerOrgId,
            programmeId: programme.id,
            level: input.level,
            submittedOn: input.submittedOn,
            itemCount: rows.length,
            fileName,
            fileSha256: sha,
            fileContent: file,
            note: input.note ?? null,
            createdBy: actor.userId,
            createdAt: at,
          },
          rows.map((r) => ({
            submissionId: id,
            applicationId: r.id,
            level: input.level,
            householdIncomeFen: Number(r.householdIncomeFen),
            householdMembers: Number(r.householdMembers),
          })),
        );
        for (const r of rows) {
          if (r.status === 'approved')
            await repo.updateApplication(trx, r.id, { status: 'reported', reportedOn: input.submittedOn, updatedAt: at });
          await event(trx, r.id, 'report', r.status, 'reported', actor, `上报${REPORT_LEVEL_LABELS[input.level]}`);
        }
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'export',
          entityType: 'relief_submission',
          entityId: id,
          orgUnitId: ownerOrgId,
          detail: {
            kind: 'relief.reportUp',
            programmeId: programme.id,
            level: input.level,
            rows: rows.length,
            revealed: true,
            sha256: sha,
          },
        });
      });
      return (await repo.listSubmissions(db, scope, programme.id)).find((s) => s.id === id)!;
    },

    async listSubmissions(actor: Actor, programmeId?: string) {
      const scope = requirePermission(actor, 'relief.read');
      return repo.listSubmissions(db, scope, programmeId);
    },

    /** The reported workbook exactly as generated (holds full ID numbers: relief.approve only, audited). */
    async submissionFile(actor: Actor, id: string) {
      const scope = requirePermission(actor, 'relief.approve');
      const s = await repo.findSubmission(db, id);
      if (!s || !pathInScope(scope, s.ownerPath) || !s.fileContent) throw new NotFoundError('上报记录');
      await db.transaction().execute((trx) =>
        appendAudit(trx, clock, auditActor(actor), {
          action: 'export',
          entityType: 'relief_submission',
          entityId: id,
          orgUnitId: s.ownerOrgId,
          detail: { kind: 'relief.reportUp.download', rows: s.itemCount, revealed: true },
        }),
      );
      return { fileName: s.fileName, content: Buffer.from(s.fileContent) };
    },

    // ---------- import / export ----------

    /** Starts the screening import into a programme (the platform's all-or-nothing, idempotent import). */
    async importScreening(actor: Actor, programmeId: string, source: UploadSource) {
      const scope = requirePermission(actor, 'relief.write');
      const programme = await programmeFor(scope, programmeId, '');
      if (!programme.active) throw new ConflictError('该项目已停用');
      const context: ScreeningContext = { db, cipher, clock, actor, scope, programme, today: today(), batch: newId() };
      return startImport(
        { db, clock },
        {
          actor,
          source,
          spec: screeningImport,
          targetKey: programme.id,
          orgUnitId: programme.ownerOrgId,
          entityType: 'relief_programme',
          entityId: programme.id,
          context,
        },
      );
    },

    /** The screening list as Excel, with the list's filters and scope (ID numbers masked). */
    async exportApplications(
      actor: Actor,
      q: { programmeId?: string; townshipId?: string; status?: ApplicationStatus; eligible?: 'true' | 'false'; q?: string; year?: number },
      reply: FastifyReply,
    ) {
      const scope = requirePermission(actor, 'relief.read');
      const f = { ...q, eligible: q.eligible === undefined ? undefined : q.eligible === 'true', text: q.q };
      const rows = keysetRows((afterId, limit) => repo.applicationsForExport(db, scope, f, afterId, limit));
      return sendExport(reply, { db, clock }, { actor, spec: screeningExport, rows, filters: q });
    },
  };

  async function checkProgrammeFields(scope: Scope, input: Partial<ProgrammeInput>) {
    if (input.fundAccountId) {
      const acc = await findAccount(db, input.fundAccountId);
      if (!acc || !pathInScope(scope, acc.ownerPath) || !['cash', 'budget', 'goods'].includes(acc.kind))
        throw fieldError('fundAccountId', '资金账户不存在或不可用');
    }
    if (input.rules && input.rules.ageMin != null && input.rules.ageMax != null && input.rules.ageMin > input.rules.ageMax)
      throw fieldError('rules.ageMax', '年龄上限不能小于下限');
    if (input.rules?.transferOnly && input.kind === 'in_kind')
      throw new ValidationError('实物救助项目不能设为只限银行转账', [
        { path: 'rules.transferOnly', message: '实物救助项目不能设为只限银行转账' },
      ]);
  }
}

type ExportRow = Awaited<ReturnType<typeof repo.applicationsForExport>>[number];
const screeningExport: ExportSpec<ExportRow> = {
  kind: 'relief.applications',
  title: '摸底调查名单',
  entityType: 'relief_application',
  columns: [
    { key: 'programmeName', header: '项目' },
    { key: 'townshipName', header: '乡镇（街道）' },
    { key: 'villageName', header: '村（社区）' },
    { key: 'name', header: '姓名' },
    { key: 'idNumberMasked', header: '身份证号', width: 22 },
    { key: 'phoneMasked', header: '联系电话' },
    { key: 'householdMembers', header: '家庭人口', format: 'integer' },
    { key: 'householdIncomeFen', header: '家庭年收入（元）', format: 'fen' },
    {
      key: 'id',
      header: '家庭年人均收入（元）',
      format: 'fen',
      value: (r) => incomePerHeadFen(Number(r.householdIncomeFen), Number(r.householdMembers)),
    },
    { key: 'tags', header: '困难情形', value: (r) => parseTags(r.tags).join('、') },
    { key: 'status', header: '状态', value: (r) => APPLICATION_STATUS_LABELS[r.status] },
    { key: 'eligible', header: '是否符合条件', value: (r) => (r.eligible === 1 ? '符合' : r.overrideReason ? '人工认定' : '不符合') },
    { key: 'appliedOn', header: '登记日期', format: 'date' },
  ],
};

/** The fixed layout sent to the city or province: title, the columns of REPORT_UP_COLUMNS, a total line. */
async function buildReportWorkbook(
  programmeName: string,
  level: ReportLevel,
  date: string,
  rows: {
    townshipName: string;
    villageName: string | null;
    name: string;
    idNumber: string;
    householdMembers: number;
    householdIncomeFen: number;
    tags: string;
    phoneMasked: string | null;
  }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jinguo 巾帼';
  const ws = wb.addWorksheet('上报名单', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.mergeCells(1, 1, 1, REPORT_UP_COLUMNS.length);
  ws.getCell(1, 1).value = `${programmeName}对象名单`;
  ws.getCell(1, 1).font = { size: 16, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, REPORT_UP_COLUMNS.length);
  ws.getCell(2, 1).value = `报送：${REPORT_LEVEL_LABELS[level]}　　报送日期：${formatChineseDate(date)}　　共 ${rows.length} 人`;
  const header = ws.getRow(3);
  REPORT_UP_COLUMNS.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  const widths = [6, 14, 12, 10, 22, 10, 16, 18, 20, 14];
  for (const [i, w] of widths.entries()) ws.getColumn(i + 1).width = w;
  let income = 0;
  let members = 0;
  rows.forEach((r, i) => {
    const m = Number(r.householdMembers);
    const inc = Number(r.householdIncomeFen);
    income += inc;
    members += m;
    const row = ws.addRow([
      i + 1,
      r.townshipName,
      r.villageName ?? '',
      r.name,
      r.idNumber,
      m,
      Number(formatFen(inc).replace(/,/g, '')),
      Number(formatFen(incomePerHeadFen(inc, m)).replace(/,/g, '')),
      parseTags(r.tags).join('、'),
      r.phoneMasked ?? '',
    ]);
    row.getCell(5).numFmt = '@';
    row.getCell(7).numFmt = '#,##0.00';
    row.getCell(8).numFmt = '#,##0.00';
  });
  const total = ws.addRow([
    '合计',
    '',
    '',
    `${rows.length}人`,
    '',
    members,
    Number(formatFen(income).replace(/,/g, '')),
    members ? Number(formatFen(Math.round(income / members)).replace(/,/g, '')) : 0,
    '',
    '',
  ]);
  total.font = { bold: true };
  total.getCell(7).numFmt = '#,##0.00';
  total.getCell(8).numFmt = '#,##0.00';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
