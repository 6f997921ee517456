import { z } from 'zod';
import { businessDateSchema } from '../common/dates.js';
import { idSchema } from '../common/ids.js';
import { pageQuerySchema, requiredText } from '../common/schemas.js';
import { createPersonSchema, personListItemSchema } from '../people/index.js';
import { RISK_LEVELS, RISK_QUESTIONS } from './risk.js';
import { CASE_STATUSES, type CaseStatus } from './workflow.js';

export const CASE_CHANNELS = ['visit', 'letter', 'phone', 'online', 'hotline', 'referred_in'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];
export const CASE_CHANNEL_LABELS: Record<CaseChannel, string> = {
  visit: '来访',
  letter: '来信',
  phone: '来电',
  online: '网上信访',
  hotline: '12338热线',
  referred_in: '上级转来',
};

/** The category list a new install starts with; admins edit it (case_categories). The DV code is fixed: risk screening hangs on it. */
export const DV_CATEGORY = 'domestic_violence';
export const DEFAULT_CASE_CATEGORIES: { code: string; label: string }[] = [
  { code: DV_CATEGORY, label: '家庭暴力' },
  { code: 'marriage_family', label: '婚姻家庭纠纷' },
  { code: 'property', label: '财产权益' },
  { code: 'labour', label: '劳动和社会保障' },
  { code: 'personal_rights', label: '人身权利' },
  { code: 'child_rights', label: '儿童权益' },
  { code: 'other', label: '其他' },
];

export const MATTER_TYPES = ['suggestion', 'accusation', 'appeal_request'] as const;
export const MATTER_TYPE_LABELS: Record<(typeof MATTER_TYPES)[number], string> = {
  suggestion: '建议意见类',
  accusation: '检举控告类',
  appeal_request: '申诉求决类',
};

export const PARTY_ROLES = ['respondent', 'other_party', 'child', 'witness'] as const;
export const PARTY_ROLE_LABELS: Record<(typeof PARTY_ROLES)[number], string> = {
  respondent: '被反映人',
  other_party: '其他当事人',
  child: '子女',
  witness: '知情人',
};
export const PARTY_RELATIONS = [
  'spouse',
  'former_spouse',
  'partner',
  'parent',
  'child',
  'in_law',
  'sibling',
  'employer',
  'neighbour',
  'other',
] as const;
export const PARTY_RELATION_LABELS: Record<(typeof PARTY_RELATIONS)[number], string> = {
  spouse: '配偶',
  former_spouse: '前配偶',
  partner: '同居者',
  parent: '父母',
  child: '子女',
  in_law: '姻亲',
  sibling: '兄弟姐妹',
  employer: '用人单位',
  neighbour: '邻居',
  other: '其他',
};

export const ACTION_KINDS = [
  'consultation',
  'legal_consultation',
  'mediation',
  'home_visit',
  'accompaniment',
  'protection_order',
  'police_warning',
  'follow_up',
  'note',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export const ACTION_KIND_LABELS: Record<ActionKind, string> = {
  consultation: '接谈咨询',
  legal_consultation: '法律顾问咨询',
  mediation: '调解',
  home_visit: '入户走访',
  accompaniment: '陪同（就医、报警、诉讼）',
  protection_order: '协助申请人身安全保护令',
  police_warning: '公安告诫书',
  follow_up: '回访',
  note: '办理记录',
};
export const PROTECTION_ORDER_STATUSES = ['applied', 'issued', 'refused'] as const;
export const PROTECTION_ORDER_STATUS_LABELS: Record<(typeof PROTECTION_ORDER_STATUSES)[number], string> = {
  applied: '已申请',
  issued: '已签发',
  refused: '已驳回',
};

export const CASE_OUTCOMES = ['supported', 'explained', 'not_supported', 'mediated', 'referred_resolved'] as const;
export const CASE_OUTCOME_LABELS: Record<(typeof CASE_OUTCOMES)[number], string> = {
  supported: '支持',
  explained: '解释说明',
  not_supported: '不予支持',
  mediated: '调解解决',
  referred_resolved: '转介办理解决',
};
export const SATISFACTION = ['satisfied', 'basically_satisfied', 'unsatisfied', 'unknown'] as const;
export const SATISFACTION_LABELS: Record<(typeof SATISFACTION)[number], string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
  unknown: '未评价',
};

export const REFERRAL_KINDS = ['service', 'court_filing'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];
export const REFERRAL_KIND_LABELS: Record<ReferralKind, string> = { service: '转介服务', court_filing: '维权合议庭立案' };
export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'done', 'revoked'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  sent: '已发送待接收',
  accepted: '已接收办理中',
  declined: '已拒绝',
  done: '已办结',
  revoked: '已撤回',
};

const riskAnswersSchema = z.strictObject(
  Object.fromEntries(RISK_QUESTIONS.map((q) => [q.key, z.boolean().optional()])) as Record<
    (typeof RISK_QUESTIONS)[number]['key'],
    z.ZodOptional<z.ZodBoolean>
  >,
);

export const casePartyInputSchema = z.strictObject({
  name: requiredText('当事人姓名', 50),
  role: z.enum(PARTY_ROLES, { message: '请选择当事人身份' }),
  relation: z.enum(PARTY_RELATIONS, { message: '请选择与申请人的关系' }),
  note: z.string().trim().max(200).nullish(),
});

/** Registering a petition: the few fields a phone intake needs are required, the rest can follow. */
export const createCaseSchema = z
  .strictObject({
    channel: z.enum(CASE_CHANNELS, { message: '请选择来源渠道' }),
    receivedDate: businessDateSchema,
    category: requiredText('类别', 40),
    matterType: z.enum(MATTER_TYPES).nullish(),
    summary: requiredText('诉求摘要', 300),
    narrative: z.string().trim().max(10000, { message: '详细情况不能超过10000字' }).nullish(),
    applicantId: idSchema.optional(),
    applicant: createPersonSchema.optional(),
    parties: z.array(casePartyInputSchema).max(20).optional(),
    ownerOrgId: idSchema.optional(),
    assigneeUserId: idSchema.nullish(),
    riskAnswers: riskAnswersSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.applicantId && !v.applicant) ctx.addIssue({ code: 'custom', path: ['applicant'], message: '请选择或登记申请人' });
  });
export type CreateCase = z.infer<typeof createCaseSchema>;

export const updateCaseSchema = z.strictObject({
  category: requiredText('类别', 40).optional(),
  matterType: z.enum(MATTER_TYPES).nullish(),
  summary: requiredText('诉求摘要', 300).optional(),
  narrative: z.string().trim().max(10000).nullish(),
  assigneeUserId: idSchema.nullish(),
});

export const riskAssessmentSchema = z.strictObject({ answers: riskAnswersSchema, date: businessDateSchema.optional() });

const reasonText = (label: string) => requiredText(label, 500);

/** The body of each workflow step (a clear reason where the law or practice asks for one). */
export const transitionBodySchemas = {
  accept: z.strictObject({ date: businessDateSchema, notice: z.string().trim().max(500).nullish() }),
  notAccept: z.strictObject({ date: businessDateSchema, reason: reasonText('不予受理理由'), notice: reasonText('告知申请人的内容') }),
  divert: z.strictObject({ date: businessDateSchema, reason: reasonText('导入诉讼的理由'), divertedTo: requiredText('导入的机关', 100) }),
  start: z.strictObject({ date: businessDateSchema }),
  close: z.strictObject({
    date: businessDateSchema,
    outcome: z.enum(CASE_OUTCOMES, { message: '请选择办理结果' }),
    reply: reasonText('答复意见'),
    satisfaction: z.enum(SATISFACTION, { message: '请选择当事人满意度' }),
  }),
  reopen: z.strictObject({ date: businessDateSchema, reason: reasonText('重新办理理由') }),
  requestReview: z.strictObject({ date: businessDateSchema, reason: reasonText('复查请求') }),
  decideReview: z.strictObject({
    date: businessDateSchema,
    result: z.enum(['upheld', 'changed'], { message: '请选择复查结果' }),
    reason: reasonText('复查意见'),
  }),
  requestReReview: z.strictObject({ date: businessDateSchema, reason: reasonText('复核请求') }),
  decideReReview: z.strictObject({
    date: businessDateSchema,
    result: z.enum(['upheld', 'changed'], { message: '请选择复核结果' }),
    reason: reasonText('复核意见'),
  }),
};

export const extendCaseSchema = z.strictObject({
  days: z
    .number({ message: '延长天数须为数字' })
    .int()
    .min(1, { message: '延长天数至少1天' })
    .max(30, { message: '延长不得超过30日（信访工作条例第34条）' }),
  reason: reasonText('延期理由'),
  /** The day the extension was approved, when it is entered afterwards (default today). */
  date: businessDateSchema.optional(),
});

export const caseActionInputSchema = z
  .strictObject({
    kind: z.enum(ACTION_KINDS, { message: '请选择办理措施' }),
    date: businessDateSchema,
    byName: z.string().trim().max(50).nullish(),
    note: requiredText('记录内容', 2000),
    protectionOrderStatus: z.enum(PROTECTION_ORDER_STATUSES).nullish(),
    protectionOrderEmergency: z.boolean().optional(),
    protectionOrderAppliedAt: z.iso.datetime({ offset: true, message: '申请时间格式不正确' }).nullish(),
    protectionOrderDecidedDate: businessDateSchema.nullish(),
    warningNo: z.string().trim().max(50).nullish(),
    policeOrgId: idSchema.nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'protection_order' && !v.protectionOrderStatus)
      ctx.addIssue({ code: 'custom', path: ['protectionOrderStatus'], message: '请选择保护令状态' });
    if (v.kind === 'protection_order' && v.protectionOrderStatus && v.protectionOrderStatus !== 'applied' && !v.protectionOrderDecidedDate)
      ctx.addIssue({ code: 'custom', path: ['protectionOrderDecidedDate'], message: '请填写法院作出裁定的日期' });
  });

export const caseConsentInputSchema = z.strictObject({
  agencyOrgId: idSchema,
  purpose: requiredText('同意的用途', 200),
  givenBy: requiredText('同意人', 50),
  givenDate: businessDateSchema,
  method: z.enum(['written', 'oral_recorded'], { message: '请选择同意方式' }),
});

export const sendReferralSchema = z.strictObject({
  agencyOrgId: idSchema,
  kind: z.enum(REFERRAL_KINDS).default('service'),
  serviceRequested: requiredText('请求的服务', 300),
  dueDate: businessDateSchema,
  noteForAgency: z.string().trim().max(1000).nullish(),
  shareNarrative: z.boolean().default(false),
  consentId: idSchema.nullish(),
  /**
   * Her consent to this agency, given now and recorded with the referral in the same write: the dialog asks for it
   * when no recorded consent covers the agency, so the sender never has to leave the dialog to fix a refusal.
   */
  consent: caseConsentInputSchema.omit({ agencyOrgId: true }).nullish(),
  withoutConsentReason: z.string().trim().max(500).nullish(),
  /** The day it was sent, when a referral of the past is entered afterwards (default today; never before the case was received). */
  sentDate: businessDateSchema.optional(),
});

/** Withdrawing a consent: the day she withdrew it, when entered afterwards (default today). */
export const withdrawConsentSchema = z.strictObject({ date: businessDateSchema.optional() }).nullish();

export const referralAcceptSchema = z.strictObject({
  date: businessDateSchema,
  receiptNote: z.string().trim().max(500).nullish(),
  /** Court filings: 立案日期 and the court's case number. */
  filedDate: businessDateSchema.nullish(),
  courtCaseNo: z.string().trim().max(60).nullish(),
  handlerName: z.string().trim().max(50).nullish(),
});
export const referralDeclineSchema = z.strictObject({
  date: businessDateSchema,
  reason: requiredText('拒绝理由', 500),
  handlerName: z.string().trim().max(50).nullish(),
});
export const referralOutcomeSchema = z.strictObject({
  date: businessDateSchema,
  outcome: requiredText('办理结果', 1000),
  courtResult: z.string().trim().max(200).nullish(),
  handlerName: z.string().trim().max(50).nullish(),
});
export const referralRevokeSchema = z.strictObject({ reason: requiredText('撤回理由', 300) });

const statusFilter = z.union([z.enum(CASE_STATUSES), z.array(z.enum(CASE_STATUSES))]).optional();

export const caseListQuerySchema = pageQuerySchema.extend({
  status: statusFilter,
  /** An owning unit: its whole subtree (a township with its villages). */
  orgUnitId: idSchema.optional(),
  category: z.string().trim().max(40).optional(),
  channel: z.enum(CASE_CHANNELS).optional(),
  risk: z.enum(RISK_LEVELS).optional(),
  from: businessDateSchema.optional(),
  to: businessDateSchema.optional(),
  /** Case number (2026-0078) or the applicant's name. */
  q: z.string().trim().max(50).optional(),
  sort: z.enum(['received_desc', 'received_asc']).default('received_desc'),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

export const caseListItemSchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  channel: z.enum(CASE_CHANNELS),
  receivedDate: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  summary: z.string(),
  status: z.enum(CASE_STATUSES),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  applicantId: z.string(),
  applicantName: z.string(),
  applicantPhoneMasked: z.string().nullable(),
  ownerOrgId: z.string(),
  ownerName: z.string(),
  assigneeName: z.string().nullable(),
  nextDueDate: z.string().nullable(),
  overdue: z.boolean(),
});
export type CaseListItem = z.infer<typeof caseListItemSchema>;

export const deadlineSchema = z.object({
  kind: z.string(),
  label: z.string(),
  due: z.string(),
  ours: z.boolean(),
  met: z.boolean().nullable(),
  overdue: z.boolean(),
});

export const caseActionSchema = z.object({
  id: z.string(),
  kind: z.enum(ACTION_KINDS),
  date: z.string(),
  byName: z.string().nullable(),
  recordedBy: z.string().nullable(),
  note: z.string(),
  protectionOrderStatus: z.enum(PROTECTION_ORDER_STATUSES).nullable(),
  protectionOrderEmergency: z.boolean(),
  protectionOrderAppliedAt: z.string().nullable(),
  protectionOrderDecidedDate: z.string().nullable(),
  protectionOrderDue: z.string().nullable(),
  warningNo: z.string().nullable(),
  policeOrgName: z.string().nullable(),
  createdAt: z.string(),
});

export const referralSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  kind: z.enum(REFERRAL_KINDS),
  agencyOrgId: z.string(),
  agencyName: z.string(),
  serviceRequested: z.string(),
  noteForAgency: z.string().nullable(),
  sentDate: z.string(),
  dueDate: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  overdue: z.boolean(),
  consentRecorded: z.boolean(),
  withoutConsentReason: z.string().nullable(),
  shareNarrative: z.boolean(),
  answeredDate: z.string().nullable(),
  daysToAnswer: z.number().nullable(),
  receiptNote: z.string().nullable(),
  declineReason: z.string().nullable(),
  outcome: z.string().nullable(),
  doneDate: z.string().nullable(),
  handlerName: z.string().nullable(),
  filedDate: z.string().nullable(),
  courtCaseNo: z.string().nullable(),
  courtResult: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  linkIssuedAt: z.string().nullable(),
  linkExpiresAt: z.string().nullable(),
});
export type Referral = z.infer<typeof referralSchema>;

export const caseConsentSchema = z.object({
  id: z.string(),
  agencyOrgId: z.string(),
  agencyName: z.string(),
  purpose: z.string(),
  givenBy: z.string(),
  givenDate: z.string(),
  method: z.string(),
  recordedBy: z.string().nullable(),
  /** When the withdrawal was recorded (the real time of entry). */
  withdrawnAt: z.string().nullable(),
  /** The day she withdrew it. */
  withdrawnDate: z.string().nullable(),
});

export const caseEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  date: z.string(),
  transition: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
});

export const casePartySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(PARTY_ROLES),
  relation: z.enum(PARTY_RELATIONS),
  note: z.string().nullable(),
});

/**
 * 转送 / 交办 (信访工作条例第22、23条): a petition received at a city or province federation about a matter of a unit
 * below is passed on (转送) or assigned with a required report (交办) to a federation unit below it, which handles it
 * as its own case and reports the result back (报结); the sender may press (督办) one unreported after its due date.
 */
export const HANDOVER_KINDS = ['transfer', 'assign'] as const;
export type HandoverKind = (typeof HANDOVER_KINDS)[number];
export const HANDOVER_KIND_LABELS: Record<HandoverKind, string> = { transfer: '转送', assign: '交办' };
export const HANDOVER_STATUSES = ['sent', 'reported'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];
export const HANDOVER_STATUS_LABELS: Record<HandoverStatus, string> = { sent: '待报结', reported: '已报结' };

export const handoverInputSchema = z
  .strictObject({
    kind: z.enum(HANDOVER_KINDS, { message: '请选择转送或交办' }),
    toOrgId: idSchema,
    instructions: requiredText('转送/交办意见', 1000),
    /** The day the result is to be reported by: required for 交办, optional for 转送. */
    dueDate: businessDateSchema.nullish(),
    /** The day it was passed on, when entered afterwards (default today). */
    date: businessDateSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'assign' && !v.dueDate) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: '交办须填写报结期限' });
  });
export type HandoverInput = z.infer<typeof handoverInputSchema>;

export const handoverReportSchema = z.strictObject({
  result: requiredText('办理结果', 2000),
  date: businessDateSchema,
});

export const handoverPressSchema = z.strictObject({
  note: requiredText('督办意见', 500),
  date: businessDateSchema.optional(),
});

export const caseHandoverSchema = z.object({
  id: z.string(),
  kind: z.enum(HANDOVER_KINDS),
  fromOrgId: z.string(),
  fromOrgName: z.string(),
  toOrgId: z.string(),
  toOrgName: z.string(),
  /** Null on the receiving side: the sender's case is outside the receiving unit's scope (its number is shown). */
  sourceCaseId: z.string().nullable(),
  sourceCaseNo: z.string(),
  targetCaseId: z.string(),
  targetCaseNo: z.string(),
  /** The receiving unit's case as it stands (the sender reads it through its subtree scope). */
  targetStatus: z.enum(CASE_STATUSES),
  instructions: z.string(),
  sentDate: z.string(),
  dueDate: z.string().nullable(),
  status: z.enum(HANDOVER_STATUSES),
  overdue: z.boolean(),
  result: z.string().nullable(),
  reportedDate: z.string().nullable(),
  reportedOnTime: z.boolean().nullable(),
  pressCount: z.number().int(),
  lastPressedDate: z.string().nullable(),
});
export type CaseHandover = z.infer<typeof caseHandoverSchema>;

/** A federation unit a case may be passed on to (the picker lists only federation units below the case's unit). */
export const handoverTargetSchema = z.object({ id: z.string(), name: z.string(), level: z.string().nullable() });
export type HandoverTarget = z.infer<typeof handoverTargetSchema>;

export const caseDetailSchema = caseListItemSchema.extend({
  /** Moves on every change of the case: the ETag, sent back as If-Match when editing. */
  version: z.number().int(),
  year: z.number().int(),
  matterType: z.enum(MATTER_TYPES).nullable(),
  narrative: z.string().nullable(),
  /** True when a narrative exists but the caller may not read it (DV narratives need cases.dv.read). */
  narrativeWithheld: z.boolean(),
  applicant: personListItemSchema,
  parties: z.array(casePartySchema),
  assigneeUserId: z.string().nullable(),
  riskAnswers: z.record(z.string(), z.boolean()).nullable(),
  riskAssessedDate: z.string().nullable(),
  nextFollowUpDate: z.string().nullable(),
  acceptedDate: z.string().nullable(),
  acceptNotice: z.string().nullable(),
  notAcceptedReason: z.string().nullable(),
  divertedTo: z.string().nullable(),
  divertedReason: z.string().nullable(),
  extensionDays: z.number().nullable(),
  extensionReason: z.string().nullable(),
  closedDate: z.string().nullable(),
  outcome: z.enum(CASE_OUTCOMES).nullable(),
  reply: z.string().nullable(),
  satisfaction: z.enum(SATISFACTION).nullable(),
  daysToClose: z.number().nullable(),
  reviewRequestedDate: z.string().nullable(),
  reviewDecidedDate: z.string().nullable(),
  reviewResult: z.string().nullable(),
  rereviewRequestedDate: z.string().nullable(),
  rereviewDecidedDate: z.string().nullable(),
  rereviewResult: z.string().nullable(),
  deadlines: z.array(deadlineSchema),
  actions: z.array(caseActionSchema),
  referrals: z.array(referralSchema),
  consents: z.array(caseConsentSchema),
  events: z.array(caseEventSchema),
  createdAt: z.string(),
  /** 转送/交办 from this case to a unit below (the sender's side). */
  handoverOut: caseHandoverSchema.nullable(),
  /** Where this case came from: the sender's 转送/交办 with its instructions and due date (the receiver's side). */
  handoverIn: caseHandoverSchema.nullable(),
  /** The federation that decides a 复查 of this case (one level above the unit that handled it), and a 复核 (two levels). */
  reviewOrgName: z.string().nullable(),
  rereviewOrgName: z.string().nullable(),
  can: z.object({
    write: z.boolean(),
    transitions: z.array(z.string()),
    extend: z.boolean(),
    refer: z.boolean(),
    referWithoutConsent: z.boolean(),
    revealApplicant: z.boolean(),
    /** 转送/交办 to a federation unit below (a registered case, by its own unit's officers). */
    handover: z.boolean(),
    /** 报结 a received case (its own unit's officers, not yet reported). */
    report: z.boolean(),
    /** 督办 an overdue unreported handover (the sender's officers). */
    press: z.boolean(),
  }),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** What an agency sees of a referral: the request and the minimum about the woman, never the case file. */
export const agencyReferralSchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  kind: z.enum(REFERRAL_KINDS),
  fromOrgName: z.string(),
  agencyName: z.string(),
  serviceRequested: z.string(),
  noteForAgency: z.string().nullable(),
  sentDate: z.string(),
  dueDate: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  overdue: z.boolean(),
  applicantName: z.string(),
  applicantGender: z.string(),
  applicantAge: z.number().nullable(),
  /** Full only when she consented to share with this agency; masked otherwise. */
  applicantPhone: z.string().nullable(),
  /** Her separate consent to share with this agency is on record (else the sender gave a reason). */
  consentRecorded: z.boolean(),
  categoryLabel: z.string(),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  /** Only when the federation chose to share it. */
  narrative: z.string().nullable(),
  answeredDate: z.string().nullable(),
  receiptNote: z.string().nullable(),
  declineReason: z.string().nullable(),
  outcome: z.string().nullable(),
  doneDate: z.string().nullable(),
  filedDate: z.string().nullable(),
  courtCaseNo: z.string().nullable(),
  courtResult: z.string().nullable(),
  contactName: z.string().nullable(),
});
export type AgencyReferral = z.infer<typeof agencyReferralSchema>;

export const referralLetterSchema = z.object({
  referral: agencyReferralSchema,
  letterNo: z.string(),
  fromOrgName: z.string(),
  url: z.string(),
  qrDataUrl: z.string(),
  expiresAt: z.string(),
  issuedDate: z.string(),
});
export type ReferralLetter = z.infer<typeof referralLetterSchema>;

export const holidaySchema = z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() });
export type Holiday = z.infer<typeof holidaySchema>;
export const holidayInputSchema = z.strictObject({
  kind: z.enum(['holiday', 'workday'], { message: '请选择类型' }),
  name: requiredText('名称', 40),
});
export const holidayParamsSchema = z.object({ date: businessDateSchema });

export const caseCategorySchema = z.object({ code: z.string(), label: z.string(), active: z.boolean() });
export type CaseCategory = z.infer<typeof caseCategorySchema>;
export const caseCategoriesInputSchema = z.strictObject({
  categories: z
    .array(
      z.strictObject({
        code: z
          .string()
          .trim()
          .regex(/^[a-z][a-z0-9_]{1,39}$/, { message: '代码须为小写字母开头的字母、数字、下划线' }),
        label: requiredText('类别名称', 40),
        active: z.boolean(),
      }),
    )
    .min(1)
    .max(50),
});

export const overdueBoardSchema = z.object({
  cases: z.array(caseListItemSchema.extend({ deadlineLabel: z.string(), daysOverdue: z.number() })),
  referrals: z.array(referralSchema.extend({ ownerName: z.string(), daysOverdue: z.number() })),
  followUps: z.array(caseListItemSchema.extend({ nextFollowUpDate: z.string(), daysOverdue: z.number() })),
});
export type OverdueBoard = z.infer<typeof overdueBoardSchema>;

export function isOpenCaseStatus(s: CaseStatus): boolean {
  return s === 'registered' || s === 'accepted' || s === 'in_progress' || s === 'review_requested' || s === 'rereview_requested';
}
