import {
  APPROVAL_ACTION_LABELS,
  APPROVAL_KIND_LABELS,
  APPROVAL_STATUS_LABELS,
  approvalStepLabel,
  DEFAULT_APPROVAL_STEPS,
  type ApprovalKind,
  type ApprovalStepDef,
  type ApproverLevel,
  type ApproverRole,
  type Role,
  shanghaiDate,
} from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { auditActor, can, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, ConflictError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../../platform/notifications.js';
import { approvalKind, approvalKinds } from './approvals.kinds.js';
import * as repo from './approvals.repository.js';

/** A step as fixed on the request: the definition and the unit and role it resolved to. */
export type ResolvedStep = {
  no: number;
  role: ApproverRole;
  at: ApproverLevel;
  resolvedRole: Role;
  orgUnitId: string;
  orgUnitName: string;
};

/** A place where a caller decides: her own role at a unit, or her head's while she is that head's deputy (代理). */
export type Seat = { orgUnitId: string; role: Role; onBehalfOf: string | null; onBehalfOfName: string | null };

// Units that have a chair of their own: a federation at any level, a township or a street.
const FEDERATION_KINDS = new Set(['federation', 'township', 'street']);

export function parseSteps(json: string): ResolvedStep[] {
  return JSON.parse(json) as ResolvedStep[];
}

/** The kinds the caller may read, each in the scope of its subject's permission. */
export function kindScopes(actor: Actor): repo.KindScopes {
  return approvalKinds()
    .filter((k) => can(actor, k.permission))
    .map((k) => ({ kind: k.kind, scope: requirePermission(actor, k.permission) }));
}

/** The units from the top down to this one (the path's ids), loaded with their kinds. */
export async function unitsOnPath(ex: Executor, path: string) {
  const ids = path.split('/').filter(Boolean);
  const rows = await repo.listUnitsByIds(ex, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((u): u is NonNullable<typeof u> => !!u);
}

/** The steps that apply to a unit's requests of a kind: the nearest setting on its path, else domain.md's defaults. */
export async function stepsFor(ex: Executor, kind: ApprovalKind, path: string) {
  const ids = path.split('/').filter(Boolean);
  const [nearest] = await repo.listSettingsOn(ex, ids, kind);
  if (nearest) return { steps: JSON.parse(nearest.steps) as ApprovalStepDef[], setting: nearest };
  return { steps: [...DEFAULT_APPROVAL_STEPS[kind]], setting: null };
}

/**
 * Resolves step definitions to units and roles for a subject's unit: `unit` is the federation unit that owns it
 * (itself, or the nearest federation, township or street above a village or department), `parent` the one above.
 * A step with no such unit is refused with what is missing.
 */
export async function resolveSteps(ex: Executor, path: string, defs: readonly ApprovalStepDef[]): Promise<ResolvedStep[] | string> {
  const units = (await unitsOnPath(ex, path)).filter((u) => FEDERATION_KINDS.has(u.kind));
  const own = units.at(-1);
  const parent = units.at(-2);
  const out: ResolvedStep[] = [];
  for (const [i, d] of defs.entries()) {
    const unit = d.at === 'unit' ? own : parent;
    if (!unit) return `第${i + 1}步“${approvalStepLabel(d)}”：${d.at === 'unit' ? '本级' : '上一级'}没有妇联组织`;
    const resolvedRole: Role = d.role === 'head' ? (unit.kind === 'federation' ? 'federation_leader' : 'township_chair') : d.role;
    out.push({ no: i + 1, role: d.role, at: d.at, resolvedRole, orgUnitId: unit.id, orgUnitName: unit.name });
  }
  return out;
}

/** Where the caller decides today: her grants, and her heads' while she stands in for them. */
export async function seatsOf(ex: Executor, actor: Actor, today: string): Promise<Seat[]> {
  const own: Seat[] = actor.grants.map((g) => ({ orgUnitId: g.orgUnitId, role: g.role, onBehalfOf: null, onBehalfOfName: null }));
  const deputyFor = await repo.listActiveDeputyFor(ex, actor.userId, today);
  const theirs: Seat[] = [];
  for (const d of deputyFor)
    for (const g of await repo.listGrantsOf(ex, d.principalUserId))
      theirs.push({ orgUnitId: g.orgUnitId, role: g.role as Role, onBehalfOf: d.principalUserId, onBehalfOfName: d.principalName });
  return [...own, ...theirs];
}

/** The seat from which the caller decides the request's current step (her own first), if any. */
export function seatFor(seats: Seat[], r: { currentOrgId: string | null; currentRole: Role | null }): Seat | undefined {
  return seats.find((s) => s.orgUnitId === r.currentOrgId && s.role === r.currentRole);
}

/** Tells whoever decides a step (holders and their deputies today) that a request waits for them. */
export async function notifyDeciders(ex: Executor, clock: Clock, step: ResolvedStep, r: { id: string; title: string }, today: string) {
  const holders = await repo.listHolders(ex, step.orgUnitId, step.resolvedRole);
  const ids = new Set(holders.map((h) => h.id));
  for (const h of holders) for (const d of await repo.listDeputiesOf(ex, h.id)) if (isActive(d, today)) ids.add(d.deputyUserId);
  for (const userId of ids)
    await notify(ex, clock, {
      userId,
      title: `待审批：${r.title}`,
      body: `第${step.no}步：${approvalStepLabel(step)}`,
      link: `/approvals/${r.id}`,
    });
}

export function isActive(d: { revokedAt: string | null; fromDate: string; toDate: string }, today: string) {
  return !d.revokedAt && d.fromDate <= today && d.toDate >= today;
}

export type NewRequest = {
  kind: ApprovalKind;
  subjectId: string;
  title: string;
  link: string;
  summary: string;
  payload: Record<string, unknown>;
  ownerOrgId: string;
  ownerPath: string;
};

/**
 * Opens a request inside the subject module's transaction: the steps are resolved now (a later change of the
 * settings does not move a request under way), the submission is the history's first entry, audited, and the
 * first step's deciders are told. One open request per subject and kind (409 otherwise).
 */
export async function createRequestInTransaction(trx: Executor, clock: Clock, actor: Actor, n: NewRequest): Promise<string> {
  const open = await repo.findOpenRequestFor(trx, n.kind, n.subjectId);
  if (open)
    throw new ConflictError(
      open.status === 'returned'
        ? `该事项的${APPROVAL_KIND_LABELS[n.kind]}申请已被退回，请在审批页修改后重新提交`
        : `该事项已有${APPROVAL_KIND_LABELS[n.kind]}申请在审批中`,
    );
  const { steps: defs } = await stepsFor(trx, n.kind, n.ownerPath);
  const steps = await resolveSteps(trx, n.ownerPath, defs);
  if (typeof steps === 'string') throw new ConflictError(`审批步骤无法确定：${steps}，请单位管理员检查审批设置`);
  const at = clock.now().toISOString();
  const id = newId();
  const first = steps[0]!;
  await repo.insertRequest(trx, {
    id,
    kind: n.kind,
    subjectId: n.subjectId,
    title: n.title,
    link: n.link,
    summary: n.summary,
    payload: JSON.stringify(n.payload),
    ownerOrgId: n.ownerOrgId,
    status: 'pending',
    steps: JSON.stringify(steps),
    currentStep: 1,
    currentOrgId: first.orgUnitId,
    currentRole: first.resolvedRole,
    requestedBy: actor.userId,
    requestedAt: at,
    decidedAt: null,
    createdAt: at,
    updatedAt: at,
  });
  await repo.insertDecision(trx, {
    id: newId(),
    requestId: id,
    ownerOrgId: n.ownerOrgId,
    stepNo: null,
    action: 'submit',
    comment: n.summary,
    decidedBy: actor.userId,
    onBehalfOf: null,
    decidedAt: at,
  });
  await appendAudit(trx, clock, auditActor(actor), {
    action: 'approval.submit',
    entityType: 'approval_request',
    entityId: id,
    orgUnitId: n.ownerOrgId,
    detail: { kind: n.kind, subjectId: n.subjectId, steps: steps.length },
  });
  await notifyDeciders(trx, clock, first, { id, title: n.title }, shanghaiDate(clock.now()));
  return id;
}

export function kindDef(kind: ApprovalKind) {
  const def = approvalKind(kind);
  // A request of a kind no loaded module registers cannot be decided: nobody would react to the outcome.
  if (!def) throw new AppError(500, 'INTERNAL', `审批类型未注册：${kind}`);
  return def;
}

export const labels = { action: APPROVAL_ACTION_LABELS, status: APPROVAL_STATUS_LABELS, kind: APPROVAL_KIND_LABELS };
