// Schemas, literal unions and pure rules of the approval engine (审批) and the 我的待办 inbox: one request names a
// record of any module (its subject), the unit, the ordered steps (a role at a unit) and keeps every decision.
import { z } from 'zod';
import { businessDateSchema } from '../common/dates.js';
import { idSchema } from '../common/ids.js';
import { pageQuerySchema, requiredText } from '../common/schemas.js';

/** The kinds of request, one per subject module's flow (the tasks module adds its answers here later). */
export const APPROVAL_KINDS = ['case.extension'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
export const APPROVAL_KIND_LABELS: Record<ApprovalKind, string> = {
  'case.extension': '信访事项延期',
};

export const APPROVAL_STATUSES = ['pending', 'returned', 'approved', 'rejected', 'withdrawn'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export const APPROVAL_STATUS_LABELS: Record<ApprovalStatus, string> = {
  pending: '审批中',
  returned: '已退回',
  approved: '已批准',
  rejected: '未批准',
  withdrawn: '已撤回',
};

/** What a decider does at her step; submit/resubmit/withdraw are the requester's entries in the same history. */
export const APPROVAL_DECISIONS = ['approve', 'return', 'reject'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];
export const APPROVAL_HISTORY_ACTIONS = ['submit', 'approve', 'return', 'reject', 'resubmit', 'withdraw'] as const;
export type ApprovalHistoryAction = (typeof APPROVAL_HISTORY_ACTIONS)[number];
export const APPROVAL_ACTION_LABELS: Record<ApprovalHistoryAction, string> = {
  submit: '提交',
  approve: '同意',
  return: '退回修改',
  reject: '不同意',
  resubmit: '重新提交',
  withdraw: '撤回',
};

/**
 * Who decides a step: `head` is the chair of the unit (妇联主席 of a federation, 乡镇（街道）妇联主席 of a township or
 * street); any other value is that role. `at`: the federation unit that owns the subject (`unit`) or the one above
 * it (`parent`).
 */
export const APPROVER_ROLES = [
  'head',
  'federation_leader',
  'township_chair',
  'rights_officer',
  'programme_officer',
  'finance_officer',
  'organisation_officer',
  'statistician',
] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];
export const APPROVER_ROLE_LABELS: Record<ApproverRole, string> = {
  head: '单位负责人（主席）',
  federation_leader: '妇联主席/领导',
  township_chair: '乡镇（街道）妇联主席',
  rights_officer: '维权干事',
  programme_officer: '项目干事',
  finance_officer: '财务人员',
  organisation_officer: '组织干事',
  statistician: '统计员',
};
export const APPROVER_LEVELS = ['unit', 'parent'] as const;
export type ApproverLevel = (typeof APPROVER_LEVELS)[number];
export const APPROVER_LEVEL_LABELS: Record<ApproverLevel, string> = { unit: '本级', parent: '上一级' };

export const approvalStepDefSchema = z.strictObject({
  role: z.enum(APPROVER_ROLES, { message: '请选择审批角色' }),
  at: z.enum(APPROVER_LEVELS, { message: '请选择审批层级' }),
});
export type ApprovalStepDef = z.infer<typeof approvalStepDefSchema>;

/** The most steps a request may have: more is a configuration mistake, not a workflow. */
export const MAX_APPROVAL_STEPS = 5;

/** The defaults (domain.md): a case extension needs the unit head's approval (信访工作条例第34条). */
export const DEFAULT_APPROVAL_STEPS: Record<ApprovalKind, readonly ApprovalStepDef[]> = {
  'case.extension': [{ role: 'head', at: 'unit' }],
};

/** A step's label: "本级单位负责人（主席）", "上一级妇联主席/领导". */
export function approvalStepLabel(s: ApprovalStepDef): string {
  return `${APPROVER_LEVEL_LABELS[s.at]}${APPROVER_ROLE_LABELS[s.role]}`;
}

export const approvalStepsSchema = z
  .array(approvalStepDefSchema)
  .min(1, { message: '至少需要一个审批步骤' })
  .max(MAX_APPROVAL_STEPS, { message: `审批步骤不能超过${MAX_APPROVAL_STEPS}个` })
  .refine((steps) => new Set(steps.map((s) => `${s.at}:${s.role}`)).size === steps.length, { message: '审批步骤不能重复' });

export const approvalSettingsBodySchema = z.strictObject({
  orgUnitId: idSchema,
  kind: z.enum(APPROVAL_KINDS, { message: '请选择审批事项类型' }),
  steps: approvalStepsSchema,
});
export const approvalSettingsQuerySchema = z.object({ orgUnitId: idSchema.optional() });
export const approvalSettingsSchema = z.object({
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  canConfigure: z.boolean(),
  kinds: z.array(
    z.object({
      kind: z.enum(APPROVAL_KINDS),
      label: z.string(),
      steps: z.array(approvalStepDefSchema),
      /** Where the steps come from: this unit's own setting, a unit above's, or the defaults. */
      source: z.enum(['own', 'inherited', 'default']),
      sourceName: z.string().nullable(),
      updatedAt: z.string().nullable(),
    }),
  ),
});
export type ApprovalSettings = z.infer<typeof approvalSettingsSchema>;

export const decideApprovalSchema = z.strictObject({
  decision: z.enum(APPROVAL_DECISIONS, { message: '请选择审批意见' }),
  /** The step the decider saw: a second click, or a step someone else decided meanwhile, is refused (409). */
  step: z.number().int().min(1, { message: '审批步骤不正确' }).max(MAX_APPROVAL_STEPS, { message: '审批步骤不正确' }),
  comment: z.string().trim().max(500, { message: '审批意见不能超过500个字符' }).optional(),
});
export type DecideApproval = z.infer<typeof decideApprovalSchema>;

/** A return or a rejection says why: the requester must know what to fix (or why not). */
export function decisionProblem(d: Pick<DecideApproval, 'decision' | 'comment'>): string | null {
  if (d.decision !== 'approve' && !d.comment?.trim()) return d.decision === 'return' ? '退回须写明理由' : '不同意须写明理由';
  return null;
}

export const approvalListQuerySchema = pageQuerySchema.extend({
  status: z.enum(APPROVAL_STATUSES).optional(),
  kind: z.enum(APPROVAL_KINDS).optional(),
});

export const approvalStepSchema = z.object({
  no: z.number().int(),
  role: z.enum(APPROVER_ROLES),
  at: z.enum(APPROVER_LEVELS),
  label: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  /** Who may decide it (by name), deputies marked; empty when nobody holds the role there. */
  deciders: z.array(z.string()),
  state: z.enum(['done', 'current', 'waiting']),
});

export const approvalHistoryEntrySchema = z.object({
  id: z.string(),
  stepNo: z.number().int().nullable(),
  action: z.enum(APPROVAL_HISTORY_ACTIONS),
  actionLabel: z.string(),
  comment: z.string().nullable(),
  byName: z.string(),
  /** The head a deputy decided for (代理): both names are kept. */
  onBehalfOfName: z.string().nullable(),
  at: z.string(),
});

export const approvalListItemSchema = z.object({
  id: z.string(),
  kind: z.enum(APPROVAL_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  link: z.string(),
  status: z.enum(APPROVAL_STATUSES),
  statusLabel: z.string(),
  currentStep: z.number().int(),
  stepCount: z.number().int(),
  currentStepLabel: z.string().nullable(),
  ownerOrgId: z.string(),
  ownerName: z.string(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  updatedAt: z.string(),
});
export type ApprovalListItem = z.infer<typeof approvalListItemSchema>;

export const approvalDetailSchema = approvalListItemSchema.extend({
  /** What the requester asked for, in words ("延长30日：需调查取证"). */
  summary: z.string(),
  steps: z.array(approvalStepSchema),
  history: z.array(approvalHistoryEntrySchema),
  can: z.object({
    decide: z.boolean(),
    /** The decider is acting for this head (代理). */
    decideFor: z.string().nullable(),
    resubmit: z.boolean(),
    withdraw: z.boolean(),
  }),
});
export type ApprovalDetail = z.infer<typeof approvalDetailSchema>;

export const resubmitApprovalSchema = z.strictObject({
  comment: z.string().trim().max(500, { message: '说明不能超过500个字符' }).optional(),
  /** The kind's own fields, fixed after a return (a case extension: days and reason). */
  payload: z.record(z.string(), z.unknown()).optional(),
});

/** A withdrawal may say why; a client may send no body at all. */
export const withdrawApprovalSchema = z
  .strictObject({ comment: z.string().trim().max(500, { message: '说明不能超过500个字符' }).optional() })
  .nullish();

// ---------------------------------------------------------------- 代理 (deputies)

export const deputyBodySchema = z
  .strictObject({
    deputyUserId: idSchema,
    from: businessDateSchema,
    to: businessDateSchema,
    reason: requiredText('代理事由', 200),
  })
  .refine((d) => d.to >= d.from, { message: '结束日期不能早于开始日期', path: ['to'] });

export const deputySchema = z.object({
  id: z.string(),
  principalUserId: z.string(),
  principalName: z.string(),
  deputyUserId: z.string(),
  deputyName: z.string(),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  active: z.boolean(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Deputy = z.infer<typeof deputySchema>;
export const deputyListSchema = z.object({
  /** The caller may name a deputy (she heads a unit). */
  canName: z.boolean(),
  mine: z.array(deputySchema),
  /** Heads the caller stands in for. */
  forOthers: z.array(deputySchema),
  candidates: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type DeputyList = z.infer<typeof deputyListSchema>;

// ---------------------------------------------------------------- 我的待办

/** The inbox's sources: each a provider a module registers (tasks adds "tasks to answer" with one more). */
export const INBOX_SOURCES = ['approval', 'returned', 'overdue_case', 'task'] as const;
export type InboxSource = (typeof INBOX_SOURCES)[number];
export const INBOX_SOURCE_LABELS: Record<InboxSource, string> = {
  approval: '待我审批',
  returned: '退回待修改',
  overdue_case: '超期信访事项',
  task: '待填报任务',
};

export const inboxQuerySchema = z.object({ source: z.enum(INBOX_SOURCES).optional() });
export const inboxItemSchema = z.object({
  source: z.enum(INBOX_SOURCES),
  id: z.string(),
  title: z.string(),
  /** The record to open (the request's page, the case's page). */
  link: z.string(),
  kindLabel: z.string(),
  unitName: z.string(),
  /** Since when it waits (ISO time or date). */
  since: z.string(),
  /** A due date when there is one; days past it when overdue. */
  dueDate: z.string().nullable(),
  daysOverdue: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;
export const inboxSchema = z.object({
  items: z.array(inboxItemSchema),
  counts: z.object({ total: z.number().int(), bySource: z.record(z.string(), z.number().int()) }),
});
export type Inbox = z.infer<typeof inboxSchema>;
export const inboxCountSchema = z.object({ total: z.number().int() });
