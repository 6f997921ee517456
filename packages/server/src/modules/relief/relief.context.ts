import {
  diagnosisSchema,
  effectiveEligibility,
  evaluateEligibility,
  incomePerHeadFen,
  nextApplicationStatus,
  shanghaiDate,
  type ApplicationAction,
  type ApplicationDetail,
  type ApplicationStatus,
  type Diagnosis,
  type PaymentMethod,
  type ProgrammeInput,
} from '@jinguo/domain';
import type { Db, DialectName, Executor } from '../../db/database.js';
import { auditActor, can, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { fieldError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './relief.repository.js';
import { findAccount } from '../funds/index.js';
import { parseRules, parseTags, parseVerdict, presentListItem, priorLifetime } from './relief.present.js';

export type ReliefDeps = { db: Db; dialect: DialectName; clock: Clock; cipher: FieldCipher };
type ApplicationRow = NonNullable<Awaited<ReturnType<typeof repo.findApplication>>>;

/** What the parts of the relief service share: loading in scope, the verdict, the workflow's events, the detail view. */
export function createReliefContext(deps: ReliefDeps) {
  const { db, clock, cipher } = deps;
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

  return {
    ...deps,
    today,
    programmeFor,
    loadApplication,
    verdictOf,
    decryptDiagnosis,
    currentVerdict,
    event,
    detail,
    checkProgrammeFields,
  };
}

export type ReliefContext = ReturnType<typeof createReliefContext>;
