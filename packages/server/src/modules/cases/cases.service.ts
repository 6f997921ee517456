import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import type { z } from 'zod';
import {
  ACTION_KIND_LABELS,
  addDays,
  assessRisk,
  calendarFrom,
  CASE_CHANNEL_LABELS,
  CASE_STATUS_LABELS,
  CASE_TRANSITIONS,
  CASE_TRANSITION_NAMES,
  checkTransition,
  civilDeadline,
  daysBetween,
  deadlineLabel,
  DEADLINE_RULES,
  DV_CATEGORY,
  FOLLOW_UP_DAYS,
  isOpenCaseStatus,
  maskIdNumber,
  maskPhone,
  nextCaseDeadline,
  REFERRAL_STATUS_LABELS,
  RISK_LEVEL_LABELS,
  RISK_RANK,
  shanghaiDate,
  type caseActionInputSchema,
  type CaseDetail,
  type CaseListQuery,
  type CaseStatus,
  type CaseTransition,
  type caseConsentInputSchema,
  type CreateCase,
  type HolidayCalendar,
  type referralAcceptSchema,
  type referralDeclineSchema,
  type referralOutcomeSchema,
  type RiskAnswers,
  type RiskLevel,
  type sendReferralSchema,
  type transitionBodySchemas,
  type updateCaseSchema,
} from '@jinguo/domain';
import type { Db, DialectName, Executor } from '../../db/database.js';
import { auditActor, can, collapsePaths, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { assertAssignable, userHoldsPermission } from '../../platform/assignees.js';
import { appendAudit, type AuditContext } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { AppError, ConflictError, fieldError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { sendExport, type ExportSpec } from '../../platform/excel.js';
import { assertVersion } from '../../platform/versioning.js';
import { recordIdempotencyKey, type IdempotencyClaim } from '../../platform/idempotency.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../../platform/notifications.js';
import * as repo from './cases.repository.js';
import { requestExtension } from './cases.approvals.js';
import {
  daysOverdue,
  presentAction,
  presentAgencyReferral,
  presentCaseListItem,
  presentDeadlines,
  presentReferral,
} from './cases.present.js';
import { findUnit, listActiveUsersWithRoleAt } from '../org/index.js';
import { findOrCreatePerson, findPerson, listEncryptedContacts } from '../people/index.js';

type TransitionBody<T extends CaseTransition> = z.infer<(typeof transitionBodySchemas)[T]>;
type RespondKind = 'accept' | 'decline' | 'outcome';

/** How long a printed referral letter's link works. */
const LINK_VALID_DAYS = 30;
/** Reminders start this many days before a deadline. */
const REMIND_DAYS_AHEAD = 3;
const FEDERATION_KINDS = new Set(['federation', 'township', 'street']);

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type CasesService = ReturnType<typeof createCasesService>;

export function createCasesService({
  db,
  dialect,
  clock,
  cipher,
  publicUrl,
}: {
  db: Db;
  dialect: DialectName;
  clock: Clock;
  cipher: FieldCipher;
  publicUrl: string | null;
}) {
  const today = () => shanghaiDate(clock.now());
  const nowIso = () => clock.now().toISOString();

  let calendarCache: HolidayCalendar | null = null;
  /** The admin-kept holiday calendar (cached; edits through this service clear it). */
  async function calendar(ex: Executor = db): Promise<HolidayCalendar> {
    if (calendarCache && ex === db) return calendarCache;
    const cal = calendarFrom(await repo.listHolidays(ex));
    if (ex === db) calendarCache = cal;
    return cal;
  }

  /**
   * The case if its owning unit lies inside the caller's scope for the permission, else 404. Being its assignee
   * grants nothing: an assignee must already hold cases.write over the case's unit (assertAssignee).
   */
  async function loadCase(actor: Actor, id: string, permission: 'cases.read' | 'cases.write' = 'cases.read') {
    const scope = requirePermission(actor, permission);
    const c = await repo.findCase(db, id);
    if (!c || !pathInScope(scope, c.ownerPath)) throw new NotFoundError('信访事项');
    return { c, scope };
  }

  /** The one rule for who may be put in charge of a case: someone who could handle it anyway. */
  function assertAssignee(userId: string, ownerPath: string) {
    return assertAssignable(db, 'assigneeUserId', userId, 'cases.write', ownerPath, '承办人须为对承办单位有信访办理权限的在用账户');
  }

  /** The deadline, priority and follow-up fields that follow from a case's state. */
  function derived(
    c: Pick<
      repo.CaseRow,
      | 'status'
      | 'receivedDate'
      | 'acceptedDate'
      | 'extensionDays'
      | 'closedDate'
      | 'reviewRequestedDate'
      | 'reviewDecidedDate'
      | 'rereviewRequestedDate'
      | 'rereviewDecidedDate'
      | 'riskLevel'
    >,
    cal: HolidayCalendar,
  ) {
    const open = isOpenCaseStatus(c.status);
    return {
      nextDueDate: nextCaseDeadline(c, cal)?.due ?? null,
      priority: open ? RISK_RANK[(c.riskLevel as RiskLevel | null) ?? 'none'] : 0,
    };
  }

  function followUpFrom(level: RiskLevel | null, from: string): string | null {
    const days = level ? FOLLOW_UP_DAYS[level] : null;
    return days ? addDays(from, days) : null;
  }

  function checkDate(date: string, field: string, notBefore: string | null, what: string) {
    if (date > today()) throw fieldError(field, '日期不能晚于今天');
    if (notBefore && date < notBefore) throw fieldError(field, `日期不能早于${what}（${notBefore}）`);
  }

  async function event(
    trx: Executor,
    actor: Actor | null,
    caseId: string,
    e: { date: string; transition: string; from: CaseStatus | null; to: CaseStatus; reason?: string | null },
  ) {
    await repo.insertEvent(trx, {
      id: newId(),
      caseId,
      at: nowIso(),
      eventDate: e.date,
      transition: e.transition,
      fromStatus: e.from,
      toStatus: e.to,
      reason: e.reason ?? null,
      actorUserId: actor?.userId ?? null,
    });
  }

  /** An accepted case moves to "in progress" with its first action or referral (recorded as its own step). */
  async function autoStart(trx: Executor, actor: Actor, c: repo.CaseDetailRow, date: string, cal: HolidayCalendar) {
    if (c.status !== 'accepted') return;
    const next = { ...c, status: 'in_progress' as const };
    await repo.updateCase(trx, c.id, { status: 'in_progress', ...derived(next, cal), updatedAt: nowIso() });
    // A step dated before the acceptance (a referral sent on the day of receipt, entered later) starts the work
    // on the day of acceptance: handling cannot start before the case was accepted.
    const on = c.acceptedDate && c.acceptedDate > date ? c.acceptedDate : date;
    await event(trx, actor, c.id, { date: on, transition: 'start', from: 'accepted', to: 'in_progress', reason: '开始办理' });
  }

  async function categories() {
    return repo.listCategories(db);
  }

  /** The case's assignee, if she may still read it (a role taken away since does not leave her the reminders). */
  async function entitledAssignee(ex: Executor, c: { assigneeUserId: string | null; ownerPath: string }) {
    return c.assigneeUserId && (await userHoldsPermission(ex, c.assigneeUserId, 'cases.read', c.ownerPath)) ? c.assigneeUserId : null;
  }

  /** Users who answer for a case: its assignee and the leaders of its unit and the units above. */
  async function recipientsFor(ex: Executor, c: { assigneeUserId: string | null; ownerPath: string }) {
    const leaders = await repo.listLeadersFor(ex, c.ownerPath);
    const ids = new Set(leaders.map((l) => l.id));
    const assignee = await entitledAssignee(ex, c);
    if (assignee) ids.add(assignee);
    return [...ids];
  }

  async function agencyUsers(ex: Executor, agencyOrgId: string) {
    return listActiveUsersWithRoleAt(ex, agencyOrgId, 'agency_user');
  }

  async function buildFilter(actor: Actor, q: Partial<CaseListQuery> & { applicantId?: string }): Promise<repo.CaseFilter> {
    const scope = requirePermission(actor, 'cases.read');
    // With a unit filter the owners are read inside both the scope and that unit's subtree (one query).
    const owners = await repo.listOwnerUnits(db, scope, q.orgUnitId);
    let narrowed = scope;
    if (owners.length > 500 && q.orgUnitId) {
      // A province-sized scope: filter by path ranges instead of naming every owner.
      const unit = await findUnit(db, q.orgUnitId);
      const paths = unit ? scope.paths.flatMap((p) => (p.startsWith(unit.path) ? [p] : unit.path.startsWith(p) ? [unit.path] : [])) : [];
      narrowed = { permission: scope.permission, paths: collapsePaths(paths) };
    }
    const text = q.q?.trim();
    return {
      scope: narrowed,
      ownerIds: owners.length > 500 ? undefined : owners,
      statuses: q.status === undefined ? undefined : Array.isArray(q.status) ? q.status : [q.status],
      category: q.category,
      channel: q.channel,
      risk: q.risk,
      from: q.from,
      to: q.to,
      caseNo: text && /^\d{4}-\d{1,6}$/.test(text) ? text : undefined,
      applicantName: text && !/^\d{4}-\d{1,6}$/.test(text) ? text : undefined,
      applicantId: q.applicantId,
    };
  }

  async function presentDetail(actor: Actor, c: repo.CaseDetailRow, showNarrative: boolean): Promise<CaseDetail> {
    const t = today();
    const cal = await calendar();
    const [parties, actions, referrals, consents, events] = await Promise.all([
      repo.listParties(db, c.id),
      repo.listActions(db, c.id),
      repo.listReferralsOfCase(db, c.id),
      repo.listConsents(db, c.id),
      repo.listEvents(db, c.id),
    ]);
    const writeScope = can(actor, 'cases.write') ? requirePermission(actor, 'cases.write') : null;
    const mayWrite = !!writeScope && pathInScope(writeScope, c.ownerPath);
    const transitions = mayWrite
      ? CASE_TRANSITION_NAMES.filter((n) => (CASE_TRANSITIONS[n].from as readonly CaseStatus[]).includes(c.status))
      : [];
    let tags: string[] = [];
    try {
      tags = JSON.parse(c.applicantTags);
    } catch {
      tags = [];
    }
    return {
      id: c.id,
      version: Number(c.version),
      caseNo: c.caseNo,
      year: c.year,
      channel: c.channel,
      receivedDate: c.receivedDate,
      category: c.category,
      categoryLabel: c.categoryLabel ?? c.category,
      matterType: c.matterType as CaseDetail['matterType'],
      summary: c.summary,
      narrative: showNarrative && c.narrativeEnc ? cipher.decrypt(c.narrativeEnc) : null,
      narrativeWithheld: !!c.narrativeEnc && !showNarrative,
      status: c.status,
      riskLevel: c.riskLevel,
      riskAnswers: c.riskAnswers ? JSON.parse(c.riskAnswers) : null,
      riskAssessedDate: c.riskAssessedDate,
      nextFollowUpDate: c.nextFollowUpDate,
      applicantId: c.applicantPersonId,
      applicantName: c.applicantName,
      applicantPhoneMasked: c.applicantPhoneMasked,
      applicant: {
        id: c.applicantPersonId,
        name: c.applicantName,
        gender: c.applicantGender,
        birthDate: c.applicantBirthDate,
        idNumberMasked: c.applicantIdNumberMasked,
        phoneMasked: c.applicantPhoneMasked,
        residenceOrgId: c.applicantResidenceOrgId,
        residenceName: c.applicantResidenceName ?? null,
        tags,
      },
      parties: parties.map((p) => ({ id: p.id, name: p.name, role: p.role as never, relation: p.relation as never, note: p.note })),
      ownerOrgId: c.ownerOrgId,
      ownerName: c.ownerName,
      assigneeUserId: c.assigneeUserId,
      assigneeName: c.assigneeName ?? null,
      nextDueDate: c.nextDueDate,
      overdue: !!c.nextDueDate && t > c.nextDueDate,
      acceptedDate: c.acceptedDate,
      acceptNotice: c.acceptNotice,
      notAcceptedReason: c.notAcceptedReason,
      divertedTo: c.divertedTo,
      divertedReason: c.divertedReason,
      extensionDays: c.extensionDays,
      extensionReason: c.extensionReason,
      closedDate: c.closedDate,
      outcome: c.outcome as CaseDetail['outcome'],
      reply: c.reply,
      satisfaction: c.satisfaction as CaseDetail['satisfaction'],
      daysToClose: c.daysToClose == null ? null : Number(c.daysToClose),
      reviewRequestedDate: c.reviewRequestedDate,
      reviewDecidedDate: c.reviewDecidedDate,
      reviewResult: c.reviewResult,
      rereviewRequestedDate: c.rereviewRequestedDate,
      rereviewDecidedDate: c.rereviewDecidedDate,
      rereviewResult: c.rereviewResult,
      deadlines: presentDeadlines(c, cal, t),
      actions: actions.map(presentAction),
      referrals: referrals.map((r) => presentReferral(r, t)),
      consents: consents.map((k) => ({
        id: k.id,
        agencyOrgId: k.agencyOrgId,
        agencyName: k.agencyName,
        purpose: k.purpose,
        givenBy: k.givenBy,
        givenDate: k.givenDate,
        method: k.method,
        recordedBy: k.recordedByName ?? null,
        withdrawnAt: k.withdrawnAt,
        withdrawnDate: k.withdrawnDate,
      })),
      events: events.map((e) => ({
        id: e.id,
        at: e.at,
        date: e.eventDate,
        transition: e.transition,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        reason: e.reason,
        actorName: e.actorName ?? null,
      })),
      createdAt: c.createdAt,
      can: {
        write: mayWrite,
        transitions,
        extend: mayWrite && (c.status === 'accepted' || c.status === 'in_progress') && c.extensionDays == null,
        refer: can(actor, 'referrals.send') && pathInScope(requirePermission(actor, 'referrals.send'), c.ownerPath),
        referWithoutConsent:
          can(actor, 'referrals.sendWithoutConsent') && pathInScope(requirePermission(actor, 'referrals.sendWithoutConsent'), c.ownerPath),
        revealApplicant: can(actor, 'people.reveal'),
      },
    };
  }

  /**
   * Whether the agency may still open a referral: revoking it, or her withdrawing the consent it went out under,
   * ends the agency's access at once (PIPL Art. 15: processing on consent stops when it is withdrawn).
   */
  function agencyMayOpen(r: Pick<repo.ReferralDetailRow, 'status' | 'consentId' | 'consentWithdrawnAt'>) {
    return r.status !== 'revoked' && !(r.consentId && r.consentWithdrawnAt);
  }

  /** Loads a referral for an agency user (addressed to a unit in their referrals.respond scope, still open to it) or 404. */
  async function loadAgencyReferral(actor: Actor, id: string) {
    const scope = requirePermission(actor, 'referrals.respond');
    const r = await repo.findReferral(db, id);
    if (!r || !pathInScope(scope, r.agencyPath) || !agencyMayOpen(r)) throw new NotFoundError('转介');
    return r;
  }

  /** Ends a referral's life for the agency: revoked, its printed link dead, the agency's users told (no personal data). */
  async function revokeInTransaction(
    trx: Executor,
    actor: Actor,
    r: { id: string; agencyOrgId: string; agencyName: string },
    c: { id: string; caseNo: string; ownerOrgId: string; ownerName: string },
    reason: string,
    detail: Record<string, unknown> = {},
  ) {
    await repo.updateReferral(trx, r.id, {
      status: 'revoked',
      revokedReason: reason,
      linkTokenHash: null,
      linkExpiresAt: null,
      updatedAt: nowIso(),
    });
    await appendAudit(trx, clock, auditActor(actor), {
      action: 'referral.revoke',
      entityType: 'case_referral',
      entityId: r.id,
      orgUnitId: c.ownerOrgId,
      detail: { caseId: c.id, agency: r.agencyName, ...detail },
    });
    for (const u of await agencyUsers(trx, r.agencyOrgId))
      await notify(trx, clock, {
        userId: u.id,
        title: `转介已撤回：${c.ownerName} ${c.caseNo}`,
        body: '发函单位已撤回该转介，您已不能再查看其内容',
        link: '/agency/referrals',
      });
  }

  /** Loads the referral a one-time link opens, or refuses: unknown, expired, revoked or already answered for good. */
  async function loadByToken(token: string) {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError(404, 'NOT_FOUND', '链接无效、已过期或已使用，请联系发函的妇联');
    const r = await repo.findReferralByTokenHash(db, hashLinkToken(token));
    if (!r?.linkExpiresAt || r.linkExpiresAt <= nowIso() || !(r.status === 'sent' || r.status === 'accepted') || !agencyMayOpen(r)) {
      throw new AppError(404, 'NOT_FOUND', '链接无效、已过期或已使用，请联系发函的妇联');
    }
    return r;
  }

  /** An agency's answer, whether through its inbox or a printed letter's link. */
  async function respond(
    audit: AuditContext,
    actor: Actor | null,
    r: repo.ReferralDetailRow,
    kind: RespondKind,
    body: z.infer<typeof referralAcceptSchema> | z.infer<typeof referralDeclineSchema> | z.infer<typeof referralOutcomeSchema>,
  ) {
    const from: Record<RespondKind, string[]> = { accept: ['sent'], decline: ['sent'], outcome: ['accepted'] };
    const verb: Record<RespondKind, string> = { accept: '接收', decline: '拒绝', outcome: '报告办理结果' };
    if (!from[kind].includes(r.status)) {
      throw new ConflictError(
        `该转介当前为“${REFERRAL_STATUS_LABELS[r.status]}”，不能${verb[kind]}${kind === 'outcome' ? '（须先接收）' : ''}`,
      );
    }
    if (body.date > today()) throw fieldError('date', '日期不能晚于今天');
    if (body.date < r.sentDate) throw fieldError('date', `日期不能早于转介发出日期（${r.sentDate}）`);
    const at = nowIso();
    const patch: Partial<repo.ReferralRow> = { updatedAt: at, handlerName: body.handlerName ?? r.handlerName };
    if (kind === 'accept') {
      const b = body as z.infer<typeof referralAcceptSchema>;
      if (r.kind === 'court_filing' && !b.filedDate) throw fieldError('filedDate', '维权合议庭立案须填写立案日期');
      if (b.filedDate && b.filedDate < r.sentDate) throw fieldError('filedDate', '立案日期不能早于转介日期');
      if (b.filedDate && b.filedDate > today()) throw fieldError('filedDate', '立案日期不能晚于今天');
      Object.assign(patch, {
        status: 'accepted',
        answeredDate: b.date,
        daysToAnswer: daysBetween(r.sentDate, b.date),
        receiptNote: b.receiptNote ?? null,
        filedDate: b.filedDate ?? null,
        courtCaseNo: b.courtCaseNo ?? null,
      });
    } else if (kind === 'decline') {
      const b = body as z.infer<typeof referralDeclineSchema>;
      Object.assign(patch, {
        status: 'declined',
        answeredDate: b.date,
        daysToAnswer: daysBetween(r.sentDate, b.date),
        declineReason: b.reason,
      });
    } else {
      const b = body as z.infer<typeof referralOutcomeSchema>;
      if (r.answeredDate && b.date < r.answeredDate) throw fieldError('date', `办结日期不能早于接收日期（${r.answeredDate}）`);
      Object.assign(patch, { status: 'done', doneDate: b.date, outcome: b.outcome, courtResult: b.courtResult ?? null });
    }
    const c = await repo.findCase(db, r.caseId);
    await db.transaction().execute(async (trx) => {
      await repo.updateReferral(trx, r.id, patch);
      await appendAudit(trx, clock, audit, {
        action: `referral.${kind}`,
        entityType: 'case_referral',
        entityId: r.id,
        orgUnitId: r.ownerOrgId,
        detail: { caseId: r.caseId, agency: r.agencyName, status: patch.status ?? r.status, via: actor ? 'inbox' : 'link' },
      });
      const title = `转介${kind === 'accept' ? '已接收' : kind === 'decline' ? '被拒绝' : '已办结'}：${r.caseNo} ${r.agencyName}`;
      for (const userId of await recipientsFor(trx, { assigneeUserId: c?.assigneeUserId ?? null, ownerPath: r.ownerPath })) {
        await notify(trx, clock, {
          userId,
          title,
          body: kind === 'decline' ? `理由：${(body as { reason: string }).reason}` : null,
          link: `/cases/${r.caseId}`,
        });
      }
    });
    const updated = (await repo.findReferral(db, r.id))!;
    return presentAgencyReferral(updated, cipher, today(), null);
  }

  return {
    calendar,

    async listCategories(actor: Actor) {
      if (!can(actor, 'cases.read') && !can(actor, 'settings.manage')) throw new ForbiddenError();
      return (await categories()).map((c) => ({ code: c.code, label: c.label, active: c.active === 1 }));
    },

    async saveCategories(actor: Actor, rows: { code: string; label: string; active: boolean }[]) {
      requirePermission(actor, 'settings.manage');
      const codes = new Set<string>();
      for (const [i, r] of rows.entries()) {
        if (codes.has(r.code)) throw fieldError(`categories.${i}.code`, `类别代码 ${r.code} 重复`);
        codes.add(r.code);
      }
      const before = await categories();
      for (const b of before)
        if (!codes.has(b.code)) throw fieldError('categories', `类别“${b.label}”不能删除（已有事项使用时只能停用），请将其设为停用`);
      if (!rows.find((r) => r.code === DV_CATEGORY)) throw fieldError('categories', '家庭暴力类别不能删除');
      await db.transaction().execute(async (trx) => {
        await repo.saveCategories(trx, rows);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'case_categories',
          detail: {
            before: before.map((b) => `${b.code}:${b.label}:${b.active}`),
            after: rows.map((r) => `${r.code}:${r.label}:${r.active ? 1 : 0}`),
          },
        });
      });
      return (await categories()).map((c) => ({ code: c.code, label: c.label, active: c.active === 1 }));
    },

    /** Registers a petition: its number, the applicant (found or added to the registry), parties, risk, first deadline. */
    async register(actor: Actor, input: CreateCase, idem?: IdempotencyClaim | null) {
      const scope = requirePermission(actor, 'cases.write');
      const t = today();
      if (input.receivedDate > t) throw fieldError('receivedDate', '收到日期不能晚于今天');
      let owner = input.ownerOrgId ? await findUnit(db, input.ownerOrgId) : null;
      if (input.ownerOrgId && (!owner || !pathInScope(scope, owner.path))) throw fieldError('ownerOrgId', '承办单位不存在或无权登记');
      if (!owner) owner = (await findUnit(db, actor.grants.find((g) => scope.paths.includes(g.orgPath))!.orgUnitId))!;
      if (!FEDERATION_KINDS.has(owner.kind)) throw fieldError('ownerOrgId', '承办单位须为妇联（区、乡镇或街道）');
      const cat = (await categories()).find((c) => c.code === input.category);
      if (!cat?.active) throw fieldError('category', '请选择有效的类别');
      if (input.riskAnswers && input.category !== DV_CATEGORY) throw fieldError('riskAnswers', '风险评估只适用于家庭暴力类事项');
      if (input.assigneeUserId) await assertAssignee(input.assigneeUserId, owner.path);
      if (input.applicantId) {
        const p = await findPerson(db, input.applicantId);
        const peopleScope = can(actor, 'people.read') ? requirePermission(actor, 'people.read') : scope;
        if (
          !p ||
          p.mergedIntoId ||
          !((p.ownerPath && pathInScope(peopleScope, p.ownerPath)) || (p.residencePath && pathInScope(peopleScope, p.residencePath)))
        )
          throw fieldError('applicantId', '申请人不存在或无权访问');
      } else if (input.applicant && !can(actor, 'people.write')) {
        throw new ForbiddenError('没有登记人员的权限');
      }
      const risk = input.riskAnswers ? assessRisk(input.riskAnswers as RiskAnswers).level : null;
      const cal = await calendar();
      const id = newId();
      const at = nowIso();
      const year = Number(input.receivedDate.slice(0, 4));
      const created = await db.transaction().execute(async (trx) => {
        const applicantId =
          input.applicantId ??
          (
            await findOrCreatePerson(
              trx,
              { cipher, clock, actor, residenceScope: requirePermission(actor, 'people.write') },
              { ...input.applicant!, ownerOrgId: input.applicant!.ownerOrgId ?? owner.id },
            )
          ).id;
        const seq = await repo.allocateCaseSeq(trx, owner.id, year);
        const caseNo = `${year}-${String(seq).padStart(4, '0')}`;
        const base = {
          status: 'registered' as const,
          receivedDate: input.receivedDate,
          acceptedDate: null,
          extensionDays: null,
          closedDate: null,
          reviewRequestedDate: null,
          reviewDecidedDate: null,
          rereviewRequestedDate: null,
          rereviewDecidedDate: null,
          riskLevel: risk,
        };
        await repo.insertCase(trx, {
          id,
          ownerOrgId: owner.id,
          year,
          seq,
          caseNo,
          channel: input.channel,
          category: input.category,
          matterType: input.matterType ?? null,
          summary: input.summary,
          narrativeEnc: input.narrative ? cipher.encrypt(input.narrative) : null,
          applicantPersonId: applicantId,
          assigneeUserId: input.assigneeUserId ?? actor.userId,
          riskAnswers: input.riskAnswers ? JSON.stringify(input.riskAnswers) : null,
          riskAssessedDate: risk ? input.receivedDate : null,
          nextFollowUpDate: followUpFrom(risk, input.receivedDate),
          acceptNotice: null,
          notAcceptedReason: null,
          divertedDate: null,
          divertedTo: null,
          divertedReason: null,
          extensionReason: null,
          outcome: null,
          reply: null,
          satisfaction: null,
          daysToClose: null,
          closedOnTime: null,
          reviewResult: null,
          rereviewResult: null,
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
          ...base,
          ...derived(base, cal),
        });
        await repo.insertParties(
          trx,
          (input.parties ?? []).map((p) => ({
            id: newId(),
            caseId: id,
            personId: null,
            name: p.name,
            role: p.role,
            relation: p.relation,
            note: p.note ?? null,
          })),
        );
        await event(trx, actor, id, {
          date: input.receivedDate,
          transition: 'register',
          from: null,
          to: 'registered',
          reason: `${CASE_CHANNEL_LABELS[input.channel]}登记`,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'case',
          entityId: id,
          orgUnitId: owner.id,
          detail: { caseNo, channel: input.channel, category: input.category, riskLevel: risk, narrative: input.narrative ? true : null },
        });
        await recordIdempotencyKey(trx, idem, id);
        return { id, caseNo };
      });
      return created;
    },

    async list(actor: Actor, q: CaseListQuery & { applicantId?: string }) {
      const filter = await buildFilter(actor, q);
      const [total, rows] = await Promise.all([
        repo.countCases(db, filter),
        repo.listCases(db, filter, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize, sort: q.sort }),
      ]);
      const t = today();
      return { items: rows.map((r) => presentCaseListItem(r, t)), total, page: q.page, pageSize: q.pageSize };
    },

    /** The case file. Every open is in the audit trail; a DV narrative is shown only with cases.dv.read. */
    async get(actor: Actor, id: string) {
      const { c } = await loadCase(actor, id);
      const showNarrative = !!c.narrativeEnc && (c.category !== DV_CATEGORY || can(actor, 'cases.dv.read'));
      await db.transaction().execute((trx) =>
        appendAudit(trx, clock, auditActor(actor), {
          action: showNarrative ? 'read.sensitive' : 'read',
          entityType: 'case',
          entityId: c.id,
          orgUnitId: c.ownerOrgId,
          detail: { caseNo: c.caseNo, fields: showNarrative ? ['narrative'] : [] },
        }),
      );
      return presentDetail(actor, c, showNarrative);
    },

    async revealApplicant(actor: Actor, id: string) {
      const { c } = await loadCase(actor, id);
      requirePermission(actor, 'people.reveal');
      const [p] = await listEncryptedContacts(db, [c.applicantPersonId]);
      const out = {
        idNumber: p.idNumberEnc ? cipher.decrypt(p.idNumberEnc) : null,
        phone: p.phoneEnc ? cipher.decrypt(p.phoneEnc) : null,
        address: p.addressEnc ? cipher.decrypt(p.addressEnc) : null,
      };
      await db.transaction().execute((trx) =>
        appendAudit(trx, clock, auditActor(actor), {
          action: 'reveal',
          entityType: 'person',
          entityId: c.applicantPersonId,
          orgUnitId: c.ownerOrgId,
          detail: { viaCase: c.caseNo },
        }),
      );
      return out;
    },

    /** Edits the registration; with `ifMatch` only if the case is still at that version (else 412 naming who changed it). */
    async update(actor: Actor, id: string, patch: z.infer<typeof updateCaseSchema>, ifMatch?: number | null) {
      const { c } = await loadCase(actor, id, 'cases.write');
      if (!isOpenCaseStatus(c.status)) throw new ConflictError(`事项已${CASE_STATUS_LABELS[c.status]}，不能修改登记内容`);
      if (patch.category) {
        const cat = (await categories()).find((x) => x.code === patch.category);
        if (!cat?.active) throw fieldError('category', '请选择有效的类别');
      }
      if (patch.assigneeUserId) await assertAssignee(patch.assigneeUserId, c.ownerPath);
      const set: Partial<repo.CaseRow> = { updatedAt: nowIso() };
      if (patch.category !== undefined) set.category = patch.category;
      if (patch.matterType !== undefined) set.matterType = patch.matterType ?? null;
      if (patch.summary !== undefined) set.summary = patch.summary;
      if (patch.narrative !== undefined) set.narrativeEnc = patch.narrative ? cipher.encrypt(patch.narrative) : null;
      if (patch.assigneeUserId !== undefined) set.assigneeUserId = patch.assigneeUserId ?? null;
      await db.transaction().execute(async (trx) => {
        await assertVersion(trx, dialect, { table: 'cases', id, expected: ifMatch, entityType: 'case', what: '事项' });
        await repo.updateCase(trx, id, set);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'case',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { fields: Object.keys(patch) },
        });
      });
      return this.get(actor, id);
    },

    /** DV risk screening: the answers give the level; high raises the case to the top and sets a visit cadence. */
    async assessRisk(actor: Actor, id: string, answers: RiskAnswers, date?: string) {
      const { c } = await loadCase(actor, id, 'cases.write');
      if (c.category !== DV_CATEGORY)
        throw new ValidationError('风险评估只适用于家庭暴力类事项', [{ path: 'answers', message: '风险评估只适用于家庭暴力类事项' }]);
      const d = date ?? today();
      checkDate(d, 'date', c.receivedDate, '收到日期');
      const { level, yes, critical } = assessRisk(answers);
      const cal = await calendar();
      await db.transaction().execute(async (trx) => {
        await repo.updateCase(trx, id, {
          riskLevel: level,
          riskAnswers: JSON.stringify(answers),
          riskAssessedDate: d,
          nextFollowUpDate: isOpenCaseStatus(c.status) ? followUpFrom(level, d) : null,
          ...derived({ ...c, riskLevel: level }, cal),
          updatedAt: nowIso(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'risk.assess',
          entityType: 'case',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { level, yes, critical, before: c.riskLevel },
        });
      });
      return { level, label: RISK_LEVEL_LABELS[level], yes, critical };
    },

    /** One workflow step; a step not allowed from the current state is refused with the states it needs. */
    async transition<T extends CaseTransition>(actor: Actor, id: string, t: T, body: TransitionBody<T>) {
      const { c } = await loadCase(actor, id, 'cases.write');
      const check = checkTransition(c.status, t);
      if (!check.ok) throw new ConflictError(check.message);
      const cal = await calendar();
      const b = body as { date: string; reason?: string; notice?: string | null };
      const set: Partial<repo.CaseRow> = { status: check.to, updatedAt: nowIso() };
      let reason: string | null = b.reason ?? null;
      switch (t) {
        case 'accept':
          checkDate(b.date, 'date', c.receivedDate, '收到日期');
          Object.assign(set, { acceptedDate: b.date, acceptNotice: b.notice ?? null });
          reason = b.notice ?? null;
          break;
        case 'notAccept':
          checkDate(b.date, 'date', c.receivedDate, '收到日期');
          Object.assign(set, { notAcceptedReason: b.reason, acceptNotice: b.notice ?? null, nextFollowUpDate: null });
          break;
        case 'divert': {
          // 诉访分离: a matter for the courts leaves the petition count (信访工作条例第22、28、31条).
          const d = body as TransitionBody<'divert'>;
          checkDate(d.date, 'date', c.receivedDate, '收到日期');
          Object.assign(set, { divertedDate: d.date, divertedTo: d.divertedTo, divertedReason: d.reason, nextFollowUpDate: null });
          reason = `${d.reason}（导入：${d.divertedTo}）`;
          break;
        }
        case 'start':
          checkDate(b.date, 'date', c.acceptedDate, '受理日期');
          break;
        case 'close': {
          const d = body as TransitionBody<'close'>;
          checkDate(d.date, 'date', c.acceptedDate, '受理日期');
          const referrals = await repo.listReferralsOfCase(db, id);
          // Closure follows every referral of the case: not before one was sent, answered or reported done.
          const lastReferralDay = referrals
            .filter((r) => r.status !== 'revoked')
            .flatMap((r) => [r.sentDate, r.answeredDate, r.doneDate])
            .filter((x): x is string => !!x)
            .sort()
            .at(-1);
          if (lastReferralDay && d.date < lastReferralDay)
            throw fieldError('date', `办结日期不能早于该事项转介的最后日期（${lastReferralDay}）`);
          const open = referrals.filter((r) => r.status === 'sent' || r.status === 'accepted');
          if (open.length)
            throw new ConflictError(
              `尚有${open.length}件转介未办结（${open.map((r) => r.agencyName).join('、')}），请跟进至办结或撤回后再办结`,
            );
          const handleDue = civilDeadline(c.acceptedDate!, DEADLINE_RULES.handleDays + (c.extensionDays ?? 0), cal);
          Object.assign(set, {
            closedDate: d.date,
            outcome: d.outcome,
            reply: d.reply,
            satisfaction: d.satisfaction,
            daysToClose: daysBetween(c.acceptedDate!, d.date),
            closedOnTime: d.date <= handleDue ? 1 : 0,
            nextFollowUpDate: null,
          });
          reason = d.reply;
          break;
        }
        case 'reopen':
          checkDate(b.date, 'date', c.closedDate ?? c.reviewDecidedDate, '办结日期');
          Object.assign(set, {
            closedDate: null,
            outcome: null,
            reply: null,
            satisfaction: null,
            daysToClose: null,
            closedOnTime: null,
            nextFollowUpDate: followUpFrom(c.riskLevel, b.date),
          });
          break;
        case 'requestReview': {
          checkDate(b.date, 'date', c.closedDate, '答复日期');
          const last = civilDeadline(c.closedDate!, DEADLINE_RULES.reviewRequestDays, cal);
          if (b.date > last) throw fieldError('date', `已超过申请复查期限（答复之日起30日，截止${last}）`);
          set.reviewRequestedDate = b.date;
          break;
        }
        case 'decideReview': {
          const d = body as TransitionBody<'decideReview'>;
          checkDate(d.date, 'date', c.reviewRequestedDate, '复查申请日期');
          Object.assign(set, { reviewDecidedDate: d.date, reviewResult: `${d.result === 'upheld' ? '维持' : '变更'}：${d.reason}` });
          break;
        }
        case 'requestReReview': {
          checkDate(b.date, 'date', c.reviewDecidedDate, '复查答复日期');
          const last = civilDeadline(c.reviewDecidedDate!, DEADLINE_RULES.rereviewRequestDays, cal);
          if (b.date > last) throw fieldError('date', `已超过申请复核期限（复查答复之日起30日，截止${last}）`);
          set.rereviewRequestedDate = b.date;
          break;
        }
        case 'decideReReview': {
          const d = body as TransitionBody<'decideReReview'>;
          checkDate(d.date, 'date', c.rereviewRequestedDate, '复核申请日期');
          Object.assign(set, { rereviewDecidedDate: d.date, rereviewResult: `${d.result === 'upheld' ? '维持' : '变更'}：${d.reason}` });
          break;
        }
      }
      const next = { ...c, ...set } as repo.CaseRow;
      Object.assign(set, derived(next, cal));
      await db.transaction().execute(async (trx) => {
        await repo.updateCase(trx, id, set);
        await event(trx, actor, id, { date: b.date, transition: t, from: c.status, to: check.to, reason });
        await appendAudit(trx, clock, auditActor(actor), {
          action: `case.${t}`,
          entityType: 'case',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { from: c.status, to: check.to, date: b.date },
        });
      });
      return this.get(actor, id);
    },

    /**
     * The one extension the regulation allows (at most 30 days, the reason told to the applicant): a request to the
     * unit head through the approval engine (cases.approvals.ts); the deadline moves only when she approves.
     */
    async extend(actor: Actor, id: string, body: { days: number; reason: string; date?: string }) {
      const { c } = await loadCase(actor, id, 'cases.write');
      if (c.status !== 'accepted' && c.status !== 'in_progress')
        throw new ConflictError(`当前状态为“${CASE_STATUS_LABELS[c.status]}”，只有已受理或办理中的事项可以延期`);
      if (c.extensionDays != null) throw new ConflictError('办理期限只能延长一次（信访工作条例第34条），该事项已延期');
      const date = body.date ?? today();
      checkDate(date, 'date', c.acceptedDate, '受理日期');
      await db.transaction().execute((trx) => requestExtension(trx, clock, actor, c, { days: body.days, reason: body.reason, date }));
      return this.get(actor, id);
    },

    /** An action on the timeline (consultation, mediation, home visit, protection order, police warning …). */
    async addAction(actor: Actor, id: string, a: z.infer<typeof caseActionInputSchema>) {
      const { c } = await loadCase(actor, id, 'cases.write');
      if ((c.status === 'diverted' || c.status === 'not_accepted' || c.status === 'final') && a.kind !== 'follow_up') {
        throw new ConflictError(`事项${CASE_STATUS_LABELS[c.status]}，只能记录回访`);
      }
      checkDate(a.date, 'date', c.receivedDate, '收到日期');
      if (a.kind === 'police_warning' && a.policeOrgId) {
        const police = await findUnit(db, a.policeOrgId);
        if (police?.kind !== 'agency' || police.agencyType !== 'police') throw fieldError('policeOrgId', '请选择公安派出所');
      }
      if (a.protectionOrderDecidedDate && a.protectionOrderDecidedDate < a.date && a.protectionOrderStatus !== 'applied') {
        // the decision may be recorded on a later action; only a date before the application is wrong
      }
      const cal = await calendar();
      const at = nowIso();
      const visit = a.kind === 'home_visit' || a.kind === 'follow_up';
      await db.transaction().execute(async (trx) => {
        await repo.insertAction(trx, {
          id: newId(),
          caseId: id,
          ownerOrgId: c.ownerOrgId,
          kind: a.kind,
          actionDate: a.date,
          byName: a.byName ?? null,
          recordedBy: actor.userId,
          note: a.note,
          protectionOrderStatus: a.kind === 'protection_order' ? (a.protectionOrderStatus ?? null) : null,
          protectionOrderEmergency: a.protectionOrderEmergency ? 1 : 0,
          protectionOrderAppliedAt:
            a.kind === 'protection_order' ? (a.protectionOrderAppliedAt ?? (a.protectionOrderStatus === 'applied' ? at : null)) : null,
          protectionOrderDecidedDate: a.protectionOrderDecidedDate ?? null,
          warningNo: a.warningNo ?? null,
          policeOrgId: a.policeOrgId ?? null,
          createdAt: at,
        });
        if (visit && isOpenCaseStatus(c.status))
          await repo.updateCase(trx, id, { nextFollowUpDate: followUpFrom(c.riskLevel, a.date), updatedAt: at });
        await autoStart(trx, actor, c, a.date, cal);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'case.action',
          entityType: 'case',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { kind: a.kind, label: ACTION_KIND_LABELS[a.kind], date: a.date },
        });
      });
      return this.get(actor, id);
    },

    /** Records her separate consent to share her data with one agency (PIPL Art. 29): who, when, for what. */
    async addConsent(actor: Actor, id: string, k: z.infer<typeof caseConsentInputSchema>) {
      const { c } = await loadCase(actor, id, 'cases.write');
      const agency = await findUnit(db, k.agencyOrgId);
      if (agency?.kind !== 'agency') throw fieldError('agencyOrgId', '请选择合作机构');
      checkDate(k.givenDate, 'givenDate', c.receivedDate, '收到日期');
      const consentId = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertConsent(trx, {
          id: consentId,
          caseId: id,
          personId: c.applicantPersonId,
          agencyOrgId: agency.id,
          purpose: k.purpose,
          givenBy: k.givenBy,
          givenDate: k.givenDate,
          method: k.method,
          recordedBy: actor.userId,
          recordedAt: nowIso(),
          withdrawnAt: null,
          withdrawnDate: null,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'consent.record',
          entityType: 'case',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { consentId, agency: agency.name, purpose: k.purpose, givenBy: k.givenBy, method: k.method },
        });
      });
      return { id: consentId };
    },

    async withdrawConsent(actor: Actor, id: string, consentId: string, date?: string) {
      const { c } = await loadCase(actor, id, 'cases.write');
      const k = (await repo.listConsents(db, id)).find((x) => x.id === consentId);
      if (!k) throw new NotFoundError('同意记录');
      if (k.withdrawnAt) throw new ConflictError('该同意已撤回');
      const withdrawnDate = date ?? today();
      checkDate(withdrawnDate, 'date', k.givenDate, '同意日期');
      await db.transaction().execute(async (trx) => {
        await repo.updateConsent(trx, consentId, { withdrawnAt: nowIso(), withdrawnDate });
        // The referrals that went out under this consent end with it: still open ones are revoked (the agency stops
        // work and loses the file); answered ones close to the agency through agencyMayOpen.
        const open = await repo.listOpenReferralsUnderConsent(trx, consentId);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'consent.withdraw',
          entityType: 'case',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { consentId, agency: k.agencyName, date: withdrawnDate, referralsRevoked: open.map((r) => r.id) },
        });
        for (const r of open) await revokeInTransaction(trx, actor, r, c, '当事人撤回同意', { consentId, via: 'consent.withdraw' });
      });
      return this.get(actor, id);
    },

    /**
     * Sends a referral to a partner agency. Her data goes out only with her recorded consent for that agency;
     * without it the sender needs referrals.sendWithoutConsent and a reason, and the audit entry says so.
     */
    async sendReferral(actor: Actor, id: string, body: z.infer<typeof sendReferralSchema>, idem?: IdempotencyClaim | null) {
      // Sending is its own grant, scoped like any other (a leader may send without holding cases.write).
      const sendScope = requirePermission(actor, 'referrals.send');
      const { c } = await loadCase(actor, id, 'cases.read');
      if (!pathInScope(sendScope, c.ownerPath)) throw new ForbiddenError('没有向合作机构转介该事项的权限');
      if (!['registered', 'accepted', 'in_progress', 'review_requested', 'rereview_requested'].includes(c.status))
        throw new ConflictError(`事项${CASE_STATUS_LABELS[c.status]}，不能再转介`);
      const agency = await findUnit(db, body.agencyOrgId);
      if (agency?.kind !== 'agency' || !agency.active) throw fieldError('agencyOrgId', '请选择合作机构');
      if (body.kind === 'court_filing' && agency.agencyType !== 'court')
        throw fieldError('agencyOrgId', '立案转介须发往法院（维权合议庭）');
      // A referral of the past keeps the day it was sent (so the agency's answer time is real), never before the
      // case was received nor after today; the audit entry keeps the time it was entered.
      const sentDate = body.sentDate ?? today();
      checkDate(sentDate, 'sentDate', c.receivedDate, '收到日期');
      if (body.dueDate < sentDate) throw fieldError('dueDate', `答复期限不能早于转介日期（${sentDate}）`);
      if (body.consent && body.consentId) throw fieldError('consent', '已选择同意记录，不必再填写同意');
      if (body.consent && body.consent.givenDate > today()) throw fieldError('consent.givenDate', '同意日期不能晚于今天');
      if (body.consent && body.consent.givenDate > sentDate)
        throw fieldError('consent.givenDate', `同意日期不能晚于转介日期（${sentDate}）`);
      if (body.consent && body.consent.givenDate < c.receivedDate)
        throw fieldError('consent.givenDate', `同意日期不能早于收到日期（${c.receivedDate}）`);
      const consent = body.consent ? null : await repo.findActiveConsent(db, id, agency.id, body.consentId);
      if (body.consentId && !consent) throw fieldError('consentId', '所选同意记录不存在、已撤回或不是对该机构的同意');
      if (consent && consent.givenDate > sentDate) throw fieldError('sentDate', `转介日期不能早于当事人同意的日期（${consent.givenDate}）`);
      // Consent given now is recorded in the referral's own transaction: both are written, or neither.
      const consentId = consent?.id ?? (body.consent ? newId() : null);
      const reason = body.withoutConsentReason?.trim() || null;
      if (!consentId) {
        if (!reason)
          throw fieldError(
            'consentId',
            `尚未记录当事人同意向“${agency.name}”提供其个人信息（个人信息保护法第二十九条单独同意），请先记录同意`,
          );
        if (!can(actor, 'referrals.sendWithoutConsent')) throw new ForbiddenError('未取得当事人同意的转介须由有“无同意转介”权限的领导发送');
      }
      const cal = await calendar();
      let referralId = '';
      const at = nowIso();
      await db.transaction().execute(async (trx) => {
        if (body.consent) {
          await repo.insertConsent(trx, {
            id: consentId!,
            caseId: id,
            personId: c.applicantPersonId,
            agencyOrgId: agency.id,
            ...body.consent,
            recordedBy: actor.userId,
            recordedAt: at,
            withdrawnAt: null,
            withdrawnDate: null,
          });
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'consent.record',
            entityType: 'case',
            entityId: id,
            orgUnitId: c.ownerOrgId,
            detail: {
              consentId,
              agency: agency.name,
              purpose: body.consent.purpose,
              givenBy: body.consent.givenBy,
              method: body.consent.method,
              via: 'referral',
            },
          });
        }
        // The case starts before the referral is entered, so its history reads 开始办理 then 转介 (ids are in entry order).
        await autoStart(trx, actor, c, sentDate, cal);
        referralId = newId();
        await repo.insertReferral(trx, {
          id: referralId,
          caseId: id,
          ownerOrgId: c.ownerOrgId,
          agencyOrgId: agency.id,
          kind: body.kind,
          serviceRequested: body.serviceRequested,
          noteForAgency: body.noteForAgency ?? null,
          shareNarrative: body.shareNarrative ? 1 : 0,
          consentId,
          withoutConsentReason: consentId ? null : reason,
          sentDate,
          dueDate: body.dueDate,
          status: 'sent',
          sentBy: actor.userId,
          answeredDate: null,
          daysToAnswer: null,
          receiptNote: null,
          declineReason: null,
          outcome: null,
          doneDate: null,
          handlerName: null,
          filedDate: null,
          courtCaseNo: null,
          courtResult: null,
          revokedReason: null,
          escalatedAt: null,
          linkTokenHash: null,
          linkIssuedAt: null,
          linkExpiresAt: null,
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: consentId ? 'referral.send' : 'referral.send.withoutConsent',
          entityType: 'case_referral',
          entityId: referralId,
          orgUnitId: c.ownerOrgId,
          detail: {
            caseId: id,
            caseNo: c.caseNo,
            agency: agency.name,
            kind: body.kind,
            consentId,
            withoutConsentReason: consentId ? null : reason,
            shareNarrative: body.shareNarrative,
            sentDate,
          },
        });
        await recordIdempotencyKey(trx, idem, referralId);
        for (const u of await agencyUsers(trx, agency.id))
          await notify(trx, clock, {
            userId: u.id,
            title: `新转介：${c.ownerName} ${c.caseNo}`,
            body: body.serviceRequested,
            link: `/agency/referrals/${referralId}`,
          });
      });
      return presentReferral((await repo.findReferral(db, referralId))!, today());
    },

    /** A referral of a case the caller can read (the answer of a replayed send). */
    async getReferral(actor: Actor, caseId: string, referralId: string) {
      await loadCase(actor, caseId, 'cases.read');
      const r = await repo.findReferral(db, referralId);
      if (r?.caseId !== caseId) throw new NotFoundError('转介');
      return presentReferral(r, today());
    },

    async revokeReferral(actor: Actor, referralId: string, reason: string) {
      const r = await repo.findReferral(db, referralId);
      if (!r) throw new NotFoundError('转介');
      const { c } = await loadCase(actor, r.caseId, 'cases.write');
      if (!(r.status === 'sent' || r.status === 'accepted'))
        throw new ConflictError(`该转介已${REFERRAL_STATUS_LABELS[r.status]}，不能撤回`);
      await db.transaction().execute((trx) => revokeInTransaction(trx, actor, r, c, reason));
      return presentReferral((await repo.findReferral(db, referralId))!, today());
    },

    /**
     * The printable 转介函 with a one-time link (and its QR code) for an agency without accounts. Each print
     * issues a new random token (stored only as its hash), replacing the previous letter's link.
     */
    async issueLetter(actor: Actor, referralId: string, origin: string) {
      const r = await repo.findReferral(db, referralId);
      if (!r) throw new NotFoundError('转介');
      const { c } = await loadCase(actor, r.caseId, 'cases.write');
      if (!(r.status === 'sent' || r.status === 'accepted'))
        throw new ConflictError(`该转介已${REFERRAL_STATUS_LABELS[r.status]}，不需要再出具转介函`);
      const token = randomBytes(32).toString('base64url');
      const issuedAt = nowIso();
      const expiresAt = new Date(clock.now().getTime() + LINK_VALID_DAYS * 86400_000).toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.updateReferral(trx, referralId, {
          linkTokenHash: hashLinkToken(token),
          linkIssuedAt: issuedAt,
          linkExpiresAt: expiresAt,
          updatedAt: issuedAt,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'referral.link.issue',
          entityType: 'case_referral',
          entityId: referralId,
          orgUnitId: c.ownerOrgId,
          detail: { caseNo: c.caseNo, agency: r.agencyName, expiresAt },
        });
      });
      const url = `${(publicUrl ?? origin).replace(/\/$/, '')}/r/${token}`;
      const qrDataUrl = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 220 });
      const fresh = (await repo.findReferral(db, referralId))!;
      const contact = c.assigneeName ?? null;
      return {
        referral: presentAgencyReferral(fresh, cipher, today(), contact),
        letterNo: `${c.caseNo}-转${fresh.id.slice(-4).toUpperCase()}`,
        fromOrgName: c.ownerName,
        url,
        qrDataUrl,
        expiresAt,
        issuedDate: today(),
      };
    },

    /** The agency inbox: only referrals addressed to the caller's agency, with only the fields it needs. */
    async inbox(actor: Actor, q: { status?: 'open' | 'closed'; page: number; pageSize: number }) {
      const scope = requirePermission(actor, 'referrals.respond');
      const status =
        q.status === 'open' ? (['sent', 'accepted'] as const) : q.status === 'closed' ? (['declined', 'done'] as const) : undefined;
      const { items, total } = await repo.listInbox(db, scope, {
        status: status ? [...status] : undefined,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const t = today();
      // A list shows no contact details: the phone appears only on the opened (audited) referral.
      return {
        items: items.map((r) => ({
          ...presentAgencyReferral(
            { ...r, consentId: null, shareNarrative: 0, applicantPhoneEnc: null, narrativeEnc: null },
            cipher,
            t,
            null,
          ),
          consentRecorded: !!r.consentId,
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async agencyGet(actor: Actor, referralId: string) {
      const r = await loadAgencyReferral(actor, referralId);
      await db.transaction().execute((trx) =>
        appendAudit(trx, clock, auditActor(actor), {
          action: 'read.sensitive',
          entityType: 'case_referral',
          entityId: r.id,
          orgUnitId: r.ownerOrgId,
          detail: { via: 'inbox', phone: !!r.consentId, narrative: r.shareNarrative === 1 },
        }),
      );
      return presentAgencyReferral(r, cipher, today(), null);
    },

    async agencyRespond(actor: Actor, referralId: string, kind: RespondKind, body: Parameters<typeof respond>[4]) {
      const r = await loadAgencyReferral(actor, referralId);
      return respond(auditActor(actor), actor, r, kind, { ...body, handlerName: body.handlerName ?? actor.displayName });
    },

    async linkGet(token: string, ip: string | null) {
      const r = await loadByToken(token);
      await db.transaction().execute((trx) =>
        appendAudit(
          trx,
          clock,
          { actorId: null, actorName: 'link', ip },
          {
            action: 'read.sensitive',
            entityType: 'case_referral',
            entityId: r.id,
            orgUnitId: r.ownerOrgId,
            detail: { via: 'link', phone: !!r.consentId, narrative: r.shareNarrative === 1 },
          },
        ),
      );
      return presentAgencyReferral(r, cipher, today(), null);
    },

    async linkRespond(token: string, ip: string | null, kind: RespondKind, body: Parameters<typeof respond>[4]) {
      const r = await loadByToken(token);
      if (!body.handlerName) throw fieldError('handlerName', '请填写经办人姓名');
      return respond({ actorId: null, actorName: `link:${body.handlerName}`.slice(0, 60), ip }, null, r, kind, body);
    },

    /** What is late: cases past their statutory deadline, referrals past due, follow-up visits not made. */
    async overdueBoard(actor: Actor) {
      const scope = requirePermission(actor, 'cases.read');
      const t = today();
      const lateCases = await repo.listCasesDueBefore(db, scope, t);
      const lateFollowUps = (await repo.listFollowUpsDueBefore(db, t)).filter((c) => pathInScope(scope, c.ownerPath));
      const ids = [...new Set([...lateCases.map((c) => c.id), ...lateFollowUps.map((c) => c.id)])];
      const byId = new Map<string, ReturnType<typeof presentCaseListItem>>();
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const page = await repo.listCasesByIds(db, chunk);
        for (const r of page) byId.set(r.id, presentCaseListItem(r, t));
      }
      const kindOf = (status: string) =>
        status === 'registered'
          ? 'accept'
          : status === 'review_requested'
            ? 'reviewDecide'
            : status === 'rereview_requested'
              ? 'rereviewDecide'
              : 'handle';
      const cases = lateCases
        .map((c) => ({
          ...byId.get(c.id)!,
          deadlineLabel: deadlineLabel(kindOf(c.status), c.extensionDays),
          daysOverdue: daysOverdue(c.nextDueDate!, t),
        }))
        .sort((a, b) => RISK_RANK[b.riskLevel ?? 'none'] - RISK_RANK[a.riskLevel ?? 'none'] || b.daysOverdue - a.daysOverdue);
      const followUps = lateFollowUps
        .map((c) => ({ ...byId.get(c.id)!, nextFollowUpDate: c.nextFollowUpDate!, daysOverdue: daysOverdue(c.nextFollowUpDate!, t) }))
        .sort((a, b) => RISK_RANK[b.riskLevel ?? 'none'] - RISK_RANK[a.riskLevel ?? 'none'] || b.daysOverdue - a.daysOverdue);
      const referrals = (await repo.listOverdueReferrals(db, scope, t)).map((r) => ({
        ...presentReferral(r, t),
        ownerName: r.ownerName,
        daysOverdue: daysOverdue(r.dueDate, t),
      }));
      return { cases, referrals, followUps };
    },

    /** The case list as Excel: the same filters and scope; ID number and phone masked unless the caller may reveal. */
    async exportList(actor: Actor, q: CaseListQuery, reply: FastifyReply) {
      const filter = await buildFilter(actor, q);
      const reveal = can(actor, 'people.reveal');
      const t = today();
      type Row = ReturnType<typeof presentCaseListItem> & {
        idNumber: string | null;
        phone: string | null;
        statusLabel: string;
        riskLabel: string;
        channelLabel: string;
      };
      async function* rows(): AsyncIterable<Row> {
        for (let offset = 0; ; offset += 1000) {
          const page = await repo.listCases(db, filter, { limit: 1000, offset, sort: q.sort });
          const persons = reveal && page.length ? await listEncryptedContacts(db, [...new Set(page.map((r) => r.applicantPersonId))]) : [];
          const byId = new Map(persons.map((p) => [p.id, p]));
          for (const r of page) {
            const item = presentCaseListItem(r, t);
            const p = byId.get(r.applicantPersonId);
            yield {
              ...item,
              idNumber: p?.idNumberEnc ? cipher.decrypt(p.idNumberEnc) : r.applicantIdNumberMasked,
              phone: p?.phoneEnc ? cipher.decrypt(p.phoneEnc) : item.applicantPhoneMasked,
              statusLabel: CASE_STATUS_LABELS[item.status],
              riskLabel: item.riskLevel ? RISK_LEVEL_LABELS[item.riskLevel] : '',
              channelLabel: CASE_CHANNEL_LABELS[item.channel],
            };
          }
          if (page.length < 1000) return;
        }
      }
      const spec: ExportSpec<Row> = {
        kind: 'cases.list',
        title: '信访事项列表',
        entityType: 'case',
        revealPermission: 'people.reveal',
        columns: [
          { key: 'caseNo', header: '编号', width: 12 },
          { key: 'receivedDate', header: '收到日期', format: 'date' },
          { key: 'channelLabel', header: '渠道' },
          { key: 'categoryLabel', header: '类别', width: 16 },
          { key: 'applicantName', header: '申请人' },
          { key: 'idNumber', header: '身份证号', width: 22, mask: maskIdNumber },
          { key: 'phone', header: '联系电话', width: 16, mask: maskPhone },
          { key: 'summary', header: '诉求摘要', width: 40 },
          { key: 'statusLabel', header: '状态' },
          { key: 'riskLabel', header: '风险等级' },
          { key: 'ownerName', header: '承办单位', width: 16 },
          { key: 'assigneeName', header: '承办人' },
          { key: 'nextDueDate', header: '当前期限', format: 'date' },
        ],
      };
      return sendExport(reply, { db, clock }, { actor, spec, rows: rows(), filters: { ...q, page: undefined, pageSize: undefined } });
    },

    async listHolidays(actor: Actor, year?: number) {
      if (!can(actor, 'cases.read') && !can(actor, 'settings.manage')) throw new ForbiddenError();
      return repo.listHolidays(db, year ? `${year}-01-01` : undefined, year ? `${year}-12-31` : undefined);
    },

    /** Edits the holiday calendar; open cases' stored deadlines are recomputed in the same transaction. */
    async setHoliday(actor: Actor, date: string, row: { kind: 'holiday' | 'workday'; name: string } | null) {
      requirePermission(actor, 'settings.manage');
      let recomputed = 0;
      await db.transaction().execute(async (trx) => {
        if (row) await repo.upsertHoliday(trx, { date, ...row });
        else {
          const r = await repo.deleteHoliday(trx, date);
          if (Number(r.numDeletedRows) === 0) throw new NotFoundError('节假日');
        }
        const cal = await calendar(trx);
        for (const c of await repo.listOpenCaseDates(trx)) {
          const due = nextCaseDeadline(c, cal)?.due ?? null;
          if (due !== c.nextDueDate) {
            await repo.updateCase(trx, c.id, { nextDueDate: due });
            recomputed++;
          }
        }
        await appendAudit(trx, clock, auditActor(actor), {
          action: row ? 'update' : 'delete',
          entityType: 'holiday',
          entityId: date,
          detail: { date, ...(row ?? {}), deadlinesRecomputed: recomputed },
        });
      });
      calendarCache = null;
      return { recomputed };
    },

    /**
     * The daily job: in-app reminders to the assignee and their leaders for deadlines within 3 days or
     * missed, follow-up visits due, and escalation of overdue referrals to the federation. Idempotent per day.
     */
    async runDaily(): Promise<{ reminders: number; escalated: number }> {
      const t = today();
      const soon = addDays(t, REMIND_DAYS_AHEAD + 1);
      let reminders = 0;
      let escalated = 0;
      const system = { actorId: null, actorName: 'system', ip: null };
      await db.transaction().execute(async (trx) => {
        for (const c of await repo.listCasesDueBefore(trx, null, soon)) {
          const late = c.nextDueDate! < t;
          const title = late ? `已超期：${c.caseNo}（期限${c.nextDueDate}）` : `临近期限：${c.caseNo}（${c.nextDueDate}前）`;
          for (const userId of await recipientsFor(trx, c)) {
            if (
              await notify(trx, clock, {
                userId,
                title,
                body: `状态：${CASE_STATUS_LABELS[c.status]}`,
                link: `/cases/${c.id}`,
                dedupKey: `case-due:${c.id}:${c.nextDueDate}:${late ? 'late' : 'soon'}:${userId}`,
              })
            )
              reminders++;
          }
        }
        for (const c of await repo.listFollowUpsDueBefore(trx, addDays(t, 1))) {
          const assignee = await entitledAssignee(trx, c);
          const userIds = assignee ? [assignee] : await recipientsFor(trx, c);
          for (const userId of userIds) {
            if (
              await notify(trx, clock, {
                userId,
                title: `回访到期：${c.caseNo}（${c.nextFollowUpDate}）`,
                body: c.priority >= 3 ? '高风险家庭，请按期入户回访' : null,
                link: `/cases/${c.id}`,
                dedupKey: `case-follow:${c.id}:${c.nextFollowUpDate}:${userId}`,
              })
            )
              reminders++;
          }
        }
        for (const r of await repo.listOverdueReferrals(trx, null, t)) {
          const c = await repo.findCase(trx, r.caseId);
          for (const userId of await recipientsFor(trx, { assigneeUserId: c?.assigneeUserId ?? null, ownerPath: r.ownerPath })) {
            if (
              await notify(trx, clock, {
                userId,
                title: `转介超期未办结：${r.caseNo} ${r.agencyName}`,
                body: `答复期限${r.dueDate}，状态：${REFERRAL_STATUS_LABELS[r.status]}`,
                link: `/cases/${r.caseId}`,
                dedupKey: `referral-late:${r.id}:${userId}`,
              })
            )
              reminders++;
          }
          if (!r.escalatedAt) {
            await repo.updateReferral(trx, r.id, { escalatedAt: nowIso() });
            await appendAudit(trx, clock, system, {
              action: 'referral.escalate',
              entityType: 'case_referral',
              entityId: r.id,
              orgUnitId: r.ownerOrgId,
              detail: { caseNo: r.caseNo, agency: r.agencyName, dueDate: r.dueDate },
            });
            escalated++;
          }
        }
      });
      return { reminders, escalated };
    },
  };
}
