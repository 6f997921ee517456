import {
  APPROVAL_KINDS,
  APPROVAL_KIND_LABELS,
  approvalStepLabel,
  decisionProblem,
  shanghaiDate,
  type ApprovalDetail,
  type ApprovalHistoryAction,
  type ApprovalKind,
  type ApprovalListItem,
  type ApprovalSettings,
  type ApprovalStatus,
  type ApprovalStepDef,
  type DecideApproval,
  type Deputy,
  type Inbox,
  type InboxSource,
} from '@jinguo/domain';
import type { Db, Executor } from '../../db/database.js';
import { auditActor, can, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { assertAssignable } from '../../platform/assignees.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, fieldError, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../../platform/notifications.js';
import {
  isActive,
  kindDef,
  kindScopes,
  labels,
  notifyDeciders,
  parseSteps,
  resolveSteps,
  seatFor,
  seatsOf,
  stepsFor,
  type ResolvedStep,
} from './approvals.engine.js';
import type { ApprovalOutcome } from './approvals.kinds.js';
import { inboxProviders } from './approvals.kinds.js';
import * as repo from './approvals.repository.js';
import type { ApprovalRequestsTable } from './approvals.tables.js';
import './approvals.inbox.js';

export type ApprovalsService = ReturnType<typeof createApprovalsService>;

export function createApprovalsService({ db, clock }: { db: Db; clock: Clock }) {
  const today = () => shanghaiDate(clock.now());
  const nowIso = () => clock.now().toISOString();

  /** The request if the caller may read its subject's kind in its unit, else 404 (a sibling's does not exist). */
  async function load(actor: Actor, id: string) {
    requirePermission(actor, 'approvals.read');
    const r = await repo.findRequest(db, id);
    const scope = r && kindScopes(actor).find((k) => k.kind === r.kind)?.scope;
    if (!r || !scope || !pathInScope(scope, r.ownerPath)) throw new NotFoundError('审批申请');
    return r;
  }

  function present(r: repo.RequestRow): ApprovalListItem {
    const steps = parseSteps(r.steps);
    const current = r.status === 'pending' ? steps[r.currentStep - 1] : undefined;
    return {
      id: r.id,
      kind: r.kind,
      kindLabel: APPROVAL_KIND_LABELS[r.kind],
      title: r.title,
      link: r.link,
      status: r.status,
      statusLabel: labels.status[r.status],
      currentStep: r.currentStep,
      stepCount: steps.length,
      currentStepLabel: current ? `${current.orgUnitName}${approvalStepLabel(current).replace(/^(本级|上一级)/, '')}` : null,
      ownerOrgId: r.ownerOrgId,
      ownerName: r.ownerName,
      requestedByName: r.requestedByName,
      requestedAt: r.requestedAt,
      updatedAt: r.updatedAt,
    };
  }

  /** Names of who may decide a step today: the holders, and a deputy standing in for one ("李四（代理王丽华）"). */
  async function decidersOf(step: ResolvedStep): Promise<string[]> {
    const holders = await repo.listHolders(db, step.orgUnitId, step.resolvedRole);
    const names = holders.map((h) => h.displayName);
    for (const h of holders)
      for (const d of await repo.listDeputiesOf(db, h.id)) if (isActive(d, today())) names.push(`${d.deputyName}（代理${h.displayName}）`);
    return names;
  }

  /** Runs the subject module's hook inside the transaction that records the outcome. */
  async function react(
    trx: Executor,
    actor: Actor,
    r: repo.RequestRow,
    outcome: ApprovalOutcome,
    comment: string | null,
    payload?: Record<string, unknown>,
  ) {
    await kindDef(r.kind).onDecided(trx, {
      clock,
      actor,
      outcome,
      comment,
      subject: {
        requestId: r.id,
        kind: r.kind,
        subjectId: r.subjectId,
        ownerOrgId: r.ownerOrgId,
        payload: payload ?? JSON.parse(r.payload),
      },
    });
  }

  /**
   * Moves the request on from the state it was read in and writes the history entry and its audit row, in the
   * caller's transaction; a move someone else made meanwhile refuses (409) and nothing is written.
   */
  async function record(
    trx: Executor,
    actor: Actor,
    r: repo.RequestRow,
    set: Partial<ApprovalRequestsTable>,
    e: {
      did: ApprovalHistoryAction;
      stepNo: number | null;
      comment: string | null;
      onBehalfOf: string | null;
      at: string;
      detail?: object;
    },
  ) {
    const moved = await repo.updateRequestFrom(trx, r.id, r, { ...set, updatedAt: e.at });
    if (!moved) throw new ConflictError('该申请刚被他人处理，请刷新后查看');
    await repo.insertDecision(trx, {
      id: newId(),
      requestId: r.id,
      ownerOrgId: r.ownerOrgId,
      stepNo: e.stepNo,
      action: e.did,
      comment: e.comment,
      decidedBy: actor.userId,
      onBehalfOf: e.onBehalfOf,
      decidedAt: e.at,
    });
    await appendAudit(trx, clock, auditActor(actor), {
      action: `approval.${e.did}`,
      entityType: 'approval_request',
      entityId: r.id,
      orgUnitId: r.ownerOrgId,
      detail: { kind: r.kind, subjectId: r.subjectId, ...e.detail, ...(e.onBehalfOf && { onBehalfOf: e.onBehalfOf }) },
    });
  }

  return {
    /** The requests of the caller's scope, newest first. */
    async list(actor: Actor, q: { status?: ApprovalStatus; kind?: ApprovalKind; page: number; pageSize: number }) {
      requirePermission(actor, 'approvals.read');
      const kinds = kindScopes(actor);
      const f = { status: q.status, kind: q.kind };
      const [rows, total] = await Promise.all([
        repo.listRequests(db, kinds, { ...f, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
        repo.countRequests(db, kinds, f),
      ]);
      return { items: rows.map(present), total, page: q.page, pageSize: q.pageSize };
    },

    /** One request: its steps with who decides them, its history and what the caller may do. */
    async get(actor: Actor, id: string): Promise<ApprovalDetail> {
      const r = await load(actor, id);
      const steps = parseSteps(r.steps);
      const [history, seats] = await Promise.all([repo.listDecisions(db, id), seatsOf(db, actor, today())]);
      const seat = r.status === 'pending' ? seatFor(seats, r) : undefined;
      const mine = r.requestedBy === actor.userId;
      return {
        ...present(r),
        summary: r.summary,
        steps: await Promise.all(
          steps.map(async (s) => ({
            no: s.no,
            role: s.role,
            at: s.at,
            label: approvalStepLabel(s),
            orgUnitId: s.orgUnitId,
            orgUnitName: s.orgUnitName,
            deciders: await decidersOf(s),
            state:
              r.status === 'approved' || s.no < r.currentStep
                ? ('done' as const)
                : s.no === r.currentStep && r.status === 'pending'
                  ? ('current' as const)
                  : ('waiting' as const),
          })),
        ),
        history: history.map((h) => ({
          id: h.id,
          stepNo: h.stepNo,
          action: h.action,
          actionLabel: labels.action[h.action],
          comment: h.comment,
          byName: h.byName,
          onBehalfOfName: h.onBehalfOfName ?? null,
          at: h.decidedAt,
        })),
        can: {
          decide: !!seat && !mine,
          decideFor: seat && !mine ? seat.onBehalfOfName : null,
          resubmit: mine && r.status === 'returned',
          withdraw: mine && (r.status === 'pending' || r.status === 'returned'),
        },
      };
    },

    /**
     * Approve, return (with a reason) or reject the current step. Only the step's decider (or her deputy today), never
     * the requester herself; a request not pending, or a step already decided, is refused (409) and nothing changes.
     */
    async decide(actor: Actor, id: string, body: DecideApproval) {
      const r = await load(actor, id);
      if (r.status !== 'pending') throw new ConflictError(`该申请${labels.status[r.status]}，不能再审批`);
      const steps = parseSteps(r.steps);
      const step = steps[r.currentStep - 1]!;
      if (body.step !== r.currentStep)
        throw new ConflictError(
          `第${body.step}步已经审批，该申请现在第${r.currentStep}步（${step.orgUnitName}${approvalStepLabel(step)}）`,
        );
      const seat = seatFor(await seatsOf(db, actor, today()), r);
      if (!seat) throw new ConflictError(`第${r.currentStep}步由${step.orgUnitName}的${approvalStepLabel(step)}审批，不由您审批`);
      if (r.requestedBy === actor.userId) throw new ConflictError('不能审批本人提交的申请');
      const problem = decisionProblem(body);
      if (problem) throw fieldError('comment', problem);
      const comment = body.comment?.trim() || null;
      const at = nowIso();
      const next = body.decision === 'approve' ? steps[r.currentStep] : undefined;
      const status: ApprovalStatus =
        body.decision === 'approve' ? (next ? 'pending' : 'approved') : body.decision === 'return' ? 'returned' : 'rejected';
      await db.transaction().execute(async (trx) => {
        await record(
          trx,
          actor,
          r,
          {
            status,
            currentStep: next ? next.no : r.currentStep,
            currentOrgId: next ? next.orgUnitId : null,
            currentRole: next ? next.resolvedRole : null,
            decidedAt: status === 'pending' ? null : at,
          },
          {
            did: body.decision,
            stepNo: r.currentStep,
            comment,
            onBehalfOf: seat.onBehalfOf,
            at,
            detail: { step: r.currentStep, status },
          },
        );
        if (status === 'pending') await notifyDeciders(trx, clock, next!, r, today());
        else {
          await react(trx, actor, r, status as ApprovalOutcome, comment);
          await notify(trx, clock, {
            userId: r.requestedBy,
            title: `${labels.status[status]}：${r.title}`,
            body: comment,
            link: `/approvals/${id}`,
          });
        }
      });
      return this.get(actor, id);
    },

    /** The requester sends a returned request again, fixed: it starts over at the first step of today's settings. */
    async resubmit(actor: Actor, id: string, body: { comment?: string; payload?: Record<string, unknown> }) {
      const r = await load(actor, id);
      if (r.requestedBy !== actor.userId) throw new ConflictError('只有申请人可以重新提交');
      if (r.status !== 'returned') throw new ConflictError(`该申请${labels.status[r.status]}，只有被退回的申请可以重新提交`);
      const def = kindDef(r.kind);
      const { payload, summary } = def.parsePayload(body.payload ?? JSON.parse(r.payload));
      const { steps: defs } = await stepsFor(db, r.kind, r.ownerPath);
      const steps = await resolveSteps(db, r.ownerPath, defs);
      if (typeof steps === 'string') throw new ConflictError(`审批步骤无法确定：${steps}，请单位管理员检查审批设置`);
      const at = nowIso();
      const comment = body.comment?.trim() || summary;
      await db.transaction().execute(async (trx) => {
        await record(
          trx,
          actor,
          r,
          {
            status: 'pending',
            steps: JSON.stringify(steps),
            currentStep: 1,
            currentOrgId: steps[0]!.orgUnitId,
            currentRole: steps[0]!.resolvedRole,
            payload: JSON.stringify(payload),
            summary,
            decidedAt: null,
          },
          { did: 'resubmit', stepNo: null, comment, onBehalfOf: null, at },
        );
        await react(trx, actor, r, 'resubmitted', comment, payload);
        await notifyDeciders(trx, clock, steps[0]!, r, today());
      });
      return this.get(actor, id);
    },

    /** The requester takes back a request not yet decided for good. */
    async withdraw(actor: Actor, id: string, body: { comment?: string }) {
      const r = await load(actor, id);
      if (r.requestedBy !== actor.userId) throw new ConflictError('只有申请人可以撤回');
      if (r.status !== 'pending' && r.status !== 'returned') throw new ConflictError(`该申请${labels.status[r.status]}，不能撤回`);
      const at = nowIso();
      const comment = body.comment?.trim() || null;
      await db.transaction().execute(async (trx) => {
        await record(
          trx,
          actor,
          r,
          { status: 'withdrawn', currentOrgId: null, currentRole: null, decidedAt: at },
          { did: 'withdraw', stepNo: null, comment, onBehalfOf: null, at },
        );
        await react(trx, actor, r, 'withdrawn', comment);
      });
      return this.get(actor, id);
    },

    // ------------------------------------------------------------ settings

    /** The steps each kind follows at a unit (its own setting, one inherited from above, or the defaults). */
    async settings(actor: Actor, orgUnitId?: string): Promise<ApprovalSettings> {
      const scope = requirePermission(actor, 'approvals.read');
      const unitId = orgUnitId ?? actor.grants.find((g) => pathInScope(scope, g.orgPath))?.orgUnitId;
      const unit = unitId ? (await repo.listUnitsByIds(db, [unitId]))[0] : undefined;
      if (!unit || !pathInScope(scope, unit.path)) throw new NotFoundError('单位');
      const configure = can(actor, 'approvals.configure') && pathInScope(requirePermission(actor, 'approvals.configure'), unit.path);
      const kinds = await Promise.all(
        APPROVAL_KINDS.map(async (kind) => {
          const { steps, setting } = await stepsFor(db, kind, unit.path);
          return {
            kind,
            label: APPROVAL_KIND_LABELS[kind],
            steps,
            source: !setting ? ('default' as const) : setting.orgUnitId === unit.id ? ('own' as const) : ('inherited' as const),
            sourceName: setting?.orgUnitName ?? null,
            updatedAt: setting?.updatedAt ?? null,
          };
        }),
      );
      return { orgUnitId: unit.id, orgUnitName: unit.name, canConfigure: configure, kinds };
    },

    /** A unit's administrator sets a kind's steps for its unit (and the units below that set none of their own). */
    async configure(actor: Actor, body: { orgUnitId: string; kind: ApprovalKind; steps: ApprovalStepDef[] }) {
      const scope = requirePermission(actor, 'approvals.configure');
      const unit = (await repo.listUnitsByIds(db, [body.orgUnitId]))[0];
      if (!unit || !pathInScope(scope, unit.path)) throw new NotFoundError('单位');
      if (!['federation', 'township', 'street'].includes(unit.kind))
        throw fieldError('orgUnitId', '只有妇联组织（妇联、乡镇、街道）可以设置审批步骤');
      const resolved = await resolveSteps(db, unit.path, body.steps);
      if (typeof resolved === 'string') throw fieldError('steps', resolved);
      const before = await stepsFor(db, body.kind, unit.path);
      await db.transaction().execute(async (trx) => {
        await repo.upsertSetting(trx, {
          id: newId(),
          orgUnitId: unit.id,
          kind: body.kind,
          steps: JSON.stringify(body.steps),
          updatedBy: actor.userId,
          updatedAt: nowIso(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'approval.settings',
          entityType: 'approval_settings',
          entityId: unit.id,
          orgUnitId: unit.id,
          detail: { kind: body.kind, before: before.steps, after: body.steps },
        });
      });
      return this.settings(actor, unit.id);
    },

    // ------------------------------------------------------------ 代理

    /** The caller's deputies, the heads she stands in for, and whom she may name. */
    async deputies(actor: Actor) {
      requirePermission(actor, 'approvals.read');
      const t = today();
      const present = (d: Awaited<ReturnType<typeof repo.listDeputiesOf>>[number]): Deputy => ({
        id: d.id,
        principalUserId: d.principalUserId,
        principalName: d.principalName,
        deputyUserId: d.deputyUserId,
        deputyName: d.deputyName,
        from: d.fromDate,
        to: d.toDate,
        reason: d.reason,
        active: isActive(d, t),
        revokedAt: d.revokedAt,
        createdAt: d.createdAt,
      });
      const head = headGrant(actor);
      const [mine, forOthers, candidates] = await Promise.all([
        repo.listDeputiesOf(db, actor.userId),
        repo.listDeputiesNamingUser(db, actor.userId),
        head ? repo.listUsersInSubtree(db, head.orgPath) : Promise.resolve([]),
      ]);
      return {
        canName: !!head,
        mine: mine.map(present),
        forOthers: forOthers.map(present),
        candidates: candidates.filter((c) => c.id !== actor.userId).map((c) => ({ id: c.id, name: c.displayName })),
      };
    },

    /** A head names a deputy for a period (代理): the deputy decides her steps in that period, both names recorded. */
    async nameDeputy(actor: Actor, body: { deputyUserId: string; from: string; to: string; reason: string }) {
      requirePermission(actor, 'approvals.decide');
      const head = headGrant(actor)!;
      if (body.deputyUserId === actor.userId) throw fieldError('deputyUserId', '不能指定本人为代理人');
      if (body.from < today()) throw fieldError('from', '开始日期不能早于今天');
      await assertAssignable(
        db,
        'deputyUserId',
        body.deputyUserId,
        'approvals.read',
        head.orgPath,
        '代理人须为对本单位有审批查看权限的在用账户',
      );
      const overlapping = (await repo.listDeputiesOf(db, actor.userId)).find(
        (d) => !d.revokedAt && d.fromDate <= body.to && d.toDate >= body.from,
      );
      if (overlapping)
        throw new ConflictError(`${overlapping.fromDate}至${overlapping.toDate}已由${overlapping.deputyName}代理，请先撤销后再指定`);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertDeputy(trx, {
          id,
          ownerOrgId: head.orgUnitId,
          principalUserId: actor.userId,
          deputyUserId: body.deputyUserId,
          fromDate: body.from,
          toDate: body.to,
          reason: body.reason,
          createdBy: actor.userId,
          createdAt: nowIso(),
          revokedAt: null,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'approval.deputy.name',
          entityType: 'approval_deputy',
          entityId: id,
          orgUnitId: head.orgUnitId,
          detail: { deputyUserId: body.deputyUserId, from: body.from, to: body.to },
        });
        await notify(trx, clock, {
          userId: body.deputyUserId,
          title: `${actor.displayName}指定您为审批代理人`,
          body: `${body.from}至${body.to}：${body.reason}`,
          link: '/approvals/deputies',
        });
      });
      return this.deputies(actor);
    },

    /** The head ends her deputy's period early. */
    async revokeDeputy(actor: Actor, id: string) {
      requirePermission(actor, 'approvals.decide');
      const d = await repo.findDeputy(db, id);
      if (!d || d.principalUserId !== actor.userId) throw new NotFoundError('代理设置');
      if (d.revokedAt) throw new ConflictError('该代理已撤销');
      await db.transaction().execute(async (trx) => {
        await repo.revokeDeputy(trx, id, nowIso());
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'approval.deputy.revoke',
          entityType: 'approval_deputy',
          entityId: id,
          orgUnitId: d.ownerOrgId,
          detail: { deputyUserId: d.deputyUserId },
        });
      });
      return this.deputies(actor);
    },

    // ------------------------------------------------------------ 我的待办

    /** Everything waiting for the caller, from every module's provider, oldest first; a source filter narrows it. */
    async inbox(actor: Actor, source?: InboxSource): Promise<Inbox> {
      const ctx = { actor, today: today() };
      const lists = await Promise.all(inboxProviders().map(async (p) => ({ source: p.source, items: await p.list(db, ctx) })));
      const bySource = Object.fromEntries(lists.map((l) => [l.source, l.items.length]));
      const items = lists
        .filter((l) => !source || l.source === source)
        .flatMap((l) => l.items)
        .sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
      return { items, counts: { total: lists.reduce((n, l) => n + l.items.length, 0), bySource } };
    },

    async inboxCount(actor: Actor) {
      return { total: (await this.inbox(actor)).counts.total };
    },
  };

  /** The grant by which the caller heads a unit (approvals.decide), if she does. */
  function headGrant(actor: Actor) {
    return actor.grants.find((g) => g.role === 'federation_leader' || g.role === 'township_chair');
  }
}
