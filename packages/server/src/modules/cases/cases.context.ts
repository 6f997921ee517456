import { createHash } from 'node:crypto';
import {
  addDays,
  calendarFrom,
  CASE_TRANSITIONS,
  CASE_TRANSITION_NAMES,
  DV_CATEGORY,
  FOLLOW_UP_DAYS,
  isOpenCaseStatus,
  nextCaseDeadline,
  RISK_RANK,
  shanghaiDate,
  type CaseDetail,
  type CaseListQuery,
  type CaseStatus,
  type HolidayCalendar,
  type RiskLevel,
} from '@jinguo/domain';
import type { Db, DialectName, Executor } from '../../db/database.js';
import { auditActor, can, collapsePaths, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { assertAssignable, userHoldsPermission } from '../../platform/assignees.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { fieldError, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../../platform/notifications.js';
import { presentAction, presentConsent, presentDeadlines, presentEvent, presentHandover, presentReferral } from './cases.present.js';
import { actsAsHandler, actsAsReviewer, assertHandler, levelsOf, REVIEW_TRANSITIONS } from './cases.levels.js';
import { findUnit, listActiveUsersWithRoleAt } from '../org/index.js';
import * as repo from './cases.repository.js';

export type CasesDeps = { db: Db; dialect: DialectName; clock: Clock; cipher: FieldCipher; publicUrl: string | null };

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What the parts of the cases service share: loading in scope, deadlines, the case's events, the detail view. */
export function createCasesContext(deps: CasesDeps) {
  const { db, clock, cipher } = deps;
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

  /** Edits of the holiday calendar go through this service: they clear the cache. */
  function forgetCalendar() {
    calendarCache = null;
  }

  /**
   * The case if its owning unit lies inside the caller's scope for the permission, else 404. Being its assignee
   * grants nothing: an assignee must already hold cases.write over the case's unit (assertAssignee).
   */
  async function loadCase(
    actor: Actor,
    id: string,
    permission: 'cases.read' | 'cases.write' = 'cases.read',
    as: 'handler' | 'any' = 'handler',
  ) {
    const scope = requirePermission(actor, permission);
    const c = await repo.findCase(db, id);
    if (!c || !pathInScope(scope, c.ownerPath)) throw new NotFoundError('信访事项');
    // Writing is the handling federation's (the levels above read, and act through their own flows: 'any').
    if (permission === 'cases.write' && as === 'handler') assertHandler(actor, await levelsOf(db, c.ownerPath));
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
    const [parties, actions, referrals, consents, events, lv, out, into] = await Promise.all([
      repo.listParties(db, c.id),
      repo.listActions(db, c.id),
      repo.listReferralsOfCase(db, c.id),
      repo.listConsents(db, c.id),
      repo.listEvents(db, c.id),
      levelsOf(db, c.ownerPath),
      repo.findHandover(db, 'sourceCaseId', c.id),
      repo.findHandover(db, 'targetCaseId', c.id),
    ]);
    const writeScope = can(actor, 'cases.write') ? requirePermission(actor, 'cases.write') : null;
    const inScope = !!writeScope && pathInScope(writeScope, c.ownerPath);
    const mayWrite = inScope && actsAsHandler(actor, lv);
    // Each step by the level it belongs to: 复查/复核 by the federations above the handling unit, the rest by it.
    const transitions = inScope
      ? CASE_TRANSITION_NAMES.filter(
          (n) =>
            (CASE_TRANSITIONS[n].from as readonly CaseStatus[]).includes(c.status) &&
            (REVIEW_TRANSITIONS[n] ? actsAsReviewer(actor, lv, REVIEW_TRANSITIONS[n]) : mayWrite),
        )
      : [];
    const handoverOut = out ? presentHandover(out, t) : null;
    // The receiving unit learns the sender's case number, never its id: that case lies outside its scope.
    const handoverIn = into ? { ...presentHandover(into, t), sourceCaseId: null } : null;
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
      consents: consents.map(presentConsent),
      events: events.map(presentEvent),
      createdAt: c.createdAt,
      handoverOut,
      handoverIn,
      reviewOrgName: lv.review.name,
      rereviewOrgName: lv.rereview.name,
      can: {
        write: mayWrite,
        transitions,
        extend: mayWrite && (c.status === 'accepted' || c.status === 'in_progress') && c.extensionDays == null,
        refer:
          can(actor, 'referrals.send') &&
          pathInScope(requirePermission(actor, 'referrals.send'), c.ownerPath) &&
          actsAsHandler(actor, lv, 'referrals.send'),
        referWithoutConsent:
          can(actor, 'referrals.sendWithoutConsent') && pathInScope(requirePermission(actor, 'referrals.sendWithoutConsent'), c.ownerPath),
        revealApplicant: can(actor, 'people.reveal'),
        handover: mayWrite && c.status === 'registered',
        report: mayWrite && handoverIn?.status === 'sent',
        press: mayWrite && !!handoverOut?.overdue,
      },
    };
  }

  /** The case file. Every open is in the audit trail; a DV narrative is shown only with cases.dv.read. */
  async function get(actor: Actor, id: string) {
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

  return {
    ...deps,
    today,
    nowIso,
    calendar,
    forgetCalendar,
    loadCase,
    assertAssignee,
    derived,
    followUpFrom,
    checkDate,
    event,
    autoStart,
    categories,
    entitledAssignee,
    recipientsFor,
    agencyUsers,
    buildFilter,
    presentDetail,
    get,
    revokeInTransaction,
  };
}

export type CasesContext = ReturnType<typeof createCasesContext>;
