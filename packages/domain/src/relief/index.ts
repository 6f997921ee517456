// Schemas, literal unions and pure rules of the relief module, shared by server and web.
// The eligibility engine lives here so the page can explain a verdict with the same words the server uses.
import { z } from 'zod';
import { businessDateSchema } from '../common/dates.js';
import { idSchema } from '../common/ids.js';
import { formatFen } from '../common/money.js';
import { pageQuerySchema, requiredText } from '../common/schemas.js';
import { PAYMENT_METHODS, PAYMENT_METHOD_LABELS, programmeCodeSchema, type PaymentMethod } from '../funds/index.js';

export const RELIEF_PROGRAMME_KINDS = ['cash', 'in_kind', 'sponsorship'] as const;
export type ReliefProgrammeKind = (typeof RELIEF_PROGRAMME_KINDS)[number];
export const RELIEF_PROGRAMME_KIND_LABELS: Record<ReliefProgrammeKind, string> = {
  cash: '资金救助',
  in_kind: '实物救助',
  sponsorship: '助学资助',
};

export const REPORT_LEVELS = ['city', 'province'] as const;
export type ReportLevel = (typeof REPORT_LEVELS)[number];
export const REPORT_LEVEL_LABELS: Record<ReportLevel, string> = { city: '市妇联', province: '省妇联' };

export const APPLICATION_STATUSES = ['submitted', 'verified', 'approved', 'rejected', 'reported', 'granted', 'paid'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '已提交',
  verified: '已核实',
  approved: '已批准',
  rejected: '未通过',
  reported: '已上报',
  granted: '已确定救助',
  paid: '已发放',
};

export const APPLICATION_ACTIONS = [
  'submit',
  'verify',
  'approve',
  'reject',
  'report',
  'grant',
  'pay',
  'override',
  'reverse_payment',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];
export const APPLICATION_ACTION_LABELS: Record<ApplicationAction, string> = {
  submit: '提交',
  verify: '核实',
  approve: '批准',
  reject: '不予通过',
  report: '上报',
  grant: '确定救助',
  pay: '发放',
  override: '人工认定',
  reverse_payment: '冲销发放',
};

/**
 * The workflow: township submits → district verifies → approves or rejects (with a reason) → reports up
 * (only programmes that report to a city or province) → grants → pays through the ledger. A payment
 * reversed in the ledger puts the application back to granted.
 */
export function nextApplicationStatus(from: ApplicationStatus, action: ApplicationAction, reportsUp: boolean): ApplicationStatus | null {
  switch (action) {
    case 'verify':
      return from === 'submitted' ? 'verified' : null;
    case 'approve':
      return from === 'verified' ? 'approved' : null;
    case 'reject':
      return from === 'submitted' || from === 'verified' || from === 'approved' ? 'rejected' : null;
    case 'report':
      return reportsUp && (from === 'approved' || from === 'reported') ? 'reported' : null;
    case 'grant':
      return (reportsUp ? from === 'reported' : from === 'approved') ? 'granted' : null;
    case 'pay':
      return from === 'granted' ? 'paid' : null;
    case 'reverse_payment':
      return from === 'paid' ? 'granted' : null;
    default:
      return null;
  }
}

/** Statuses in which an application still counts against "once per lifetime" (rejected applicants may reapply). */
export const LIFETIME_COUNTING_STATUSES: ApplicationStatus[] = ['submitted', 'verified', 'approved', 'reported', 'granted', 'paid'];

/** Hardship statuses recognised by civil affairs / rural revitalisation (两癌救助, domain.md §4). */
export const HARDSHIP_STATUSES = ['低保', '特困', '易返贫致贫', '低保边缘', '支出型困难'] as const;

/** FIGO stages of cervical cancer, in order: 两癌救助 requires invasive cervical cancer of stage IIB or higher. */
export const CERVICAL_STAGES = ['IA', 'IB', 'IIA', 'IIB', 'IIIA', 'IIIB', 'IIIC', 'IVA', 'IVB'] as const;
export const CANCER_KINDS = ['cervical', 'breast'] as const;
export const CANCER_KIND_LABELS: Record<(typeof CANCER_KINDS)[number], string> = { cervical: '宫颈癌', breast: '乳腺癌' };

export const diagnosisSchema = z.strictObject({
  cancer: z.enum(CANCER_KINDS, { message: '请选择癌症类型' }),
  invasive: z.boolean({ message: '请说明是否为浸润性癌' }),
  stage: z.enum(CERVICAL_STAGES, { message: '分期不正确' }).nullish(),
  hospital: requiredText('诊断医院', 100),
  diagnosedOn: businessDateSchema,
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;

/** A programme's eligibility rules: each is checked against the recorded data, never a checkbox. */
export const eligibilityRulesSchema = z.strictObject({
  /** 家庭年人均收入 at or below this, in fen. */
  incomePerHeadMaxFen: z.number().int().positive({ message: '收入标准须大于0' }).nullish(),
  /** Every one of these vulnerability tags must be recorded. */
  requiredTags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  /** At least one of these (e.g. the recognised hardship statuses). */
  anyOfTags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  ageMin: z.number().int().min(0).max(120).nullish(),
  ageMax: z.number().int().min(0).max(120).nullish(),
  gender: z.enum(['female', 'male']).nullish(),
  /** A qualifying diagnosis: invasive cervical cancer ≥ IIB or invasive breast cancer. */
  requireTwoCancerDiagnosis: z.boolean().default(false),
  /** Once per person ever, across every programme of the same lifetime group (old and new names of one grant). */
  oncePerLifetime: z.boolean().default(false),
  lifetimeGroup: z.string().trim().max(40).nullish(),
  /** Paid only by bank transfer, never cash. */
  transferOnly: z.boolean().default(false),
});
export type EligibilityRules = z.infer<typeof eligibilityRulesSchema>;

export const RELIEF_RULE_KEYS = [
  'incomePerHead',
  'requiredTags',
  'anyOfTags',
  'age',
  'gender',
  'diagnosis',
  'oncePerLifetime',
  'transferOnly',
] as const;
export type ReliefRuleKey = (typeof RELIEF_RULE_KEYS)[number];
export const RELIEF_RULE_LABELS: Record<ReliefRuleKey, string> = {
  incomePerHead: '家庭年人均收入',
  requiredTags: '必备情形',
  anyOfTags: '困难身份',
  age: '年龄',
  gender: '性别',
  diagnosis: '诊断',
  oncePerLifetime: '终身一次',
  transferOnly: '银行转账发放',
};
/**
 * A programme's rules in words, one line per rule the engine applies (age included), so the programme page and
 * any printout list exactly what is checked.
 */
export function eligibilityRuleLines(r: EligibilityRules): string[] {
  const out: string[] = [];
  if (r.incomePerHeadMaxFen != null) out.push(`家庭年人均收入 ≤ ${formatFen(r.incomePerHeadMaxFen)} 元`);
  if (r.requiredTags.length) out.push(`须具备：${r.requiredTags.join('、')}`);
  if (r.anyOfTags.length) out.push(`认定身份之一：${r.anyOfTags.join('、')}`);
  if (r.ageMin != null || r.ageMax != null) out.push(`年龄 ${r.ageMin ?? 0}–${r.ageMax ?? '∞'} 岁`);
  if (r.gender) out.push(r.gender === 'female' ? '女性' : '男性');
  if (r.requireTwoCancerDiagnosis) out.push('宫颈浸润癌 IIB 期及以上或乳腺浸润癌');
  if (r.oncePerLifetime) out.push('终身一次（硬性）');
  if (r.transferOnly) out.push('只限银行转账（硬性）');
  return out;
}

/** Rules set by statute or by the funder: an officer's override cannot set them aside. */
export const RELIEF_HARD_RULES: ReliefRuleKey[] = ['oncePerLifetime', 'transferOnly'];

export type ReliefRuleResult = { rule: ReliefRuleKey; ok: boolean; hard: boolean; message: string };
export type ReliefVerdict = { eligible: boolean; results: ReliefRuleResult[] };

/** What the engine reads: the recorded data of one application. */
export type EligibilityFacts = {
  appliedOn: string;
  birthDate: string | null;
  gender: 'female' | 'male' | null;
  householdIncomeFen: number;
  householdMembers: number;
  tags: string[];
  diagnosis: Diagnosis | null;
  paymentMethod: PaymentMethod;
  hasBankCard: boolean;
  /** Other applications of the same person in the same lifetime group that still count (not rejected). */
  priorLifetimeApplications: number;
};

export function ageOnDate(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = date.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const yuan = (fen: number) => `${formatFen(fen)}元`;

/** Evaluates every rule of a programme on the recorded data; the verdict lists each rule with its reason in Chinese. */
export function evaluateEligibility(rules: EligibilityRules, f: EligibilityFacts): ReliefVerdict {
  const results: ReliefRuleResult[] = [];
  const add = (rule: ReliefRuleKey, ok: boolean, message: string) =>
    results.push({ rule, ok, hard: RELIEF_HARD_RULES.includes(rule), message });

  if (rules.incomePerHeadMaxFen != null) {
    // 家庭年人均收入 = annual household income ÷ members, rounded down to the fen.
    const perHead = f.householdMembers > 0 ? Math.floor(f.householdIncomeFen / f.householdMembers) : f.householdIncomeFen;
    const ok = f.householdMembers > 0 && perHead <= rules.incomePerHeadMaxFen;
    add(
      'incomePerHead',
      ok,
      `家庭年人均收入 ${yuan(perHead)}（${yuan(f.householdIncomeFen)} ÷ ${f.householdMembers} 人），${ok ? '不高于' : '高于'}标准 ${yuan(rules.incomePerHeadMaxFen)}`,
    );
  }
  if (rules.requiredTags.length) {
    const missing = rules.requiredTags.filter((t) => !f.tags.includes(t));
    add(
      'requiredTags',
      missing.length === 0,
      missing.length === 0 ? `具有所需情形：${rules.requiredTags.join('、')}` : `缺少所需情形：${missing.join('、')}`,
    );
  }
  if (rules.anyOfTags.length) {
    const have = rules.anyOfTags.filter((t) => f.tags.includes(t));
    add(
      'anyOfTags',
      have.length > 0,
      have.length > 0 ? `具有认定身份：${have.join('、')}` : `未登记认定的困难身份（须为${rules.anyOfTags.join('、')}之一）`,
    );
  }
  if (rules.ageMin != null || rules.ageMax != null) {
    const range = `${rules.ageMin ?? 0}–${rules.ageMax ?? '∞'} 岁`;
    if (!f.birthDate) add('age', false, `未记录出生日期，无法核对年龄（须在 ${range}）`);
    else {
      const age = ageOnDate(f.birthDate, f.appliedOn);
      const ok = (rules.ageMin == null || age >= rules.ageMin) && (rules.ageMax == null || age <= rules.ageMax);
      add('age', ok, `申请时 ${age} 岁，${ok ? '在' : '不在'} ${range}范围内`);
    }
  }
  if (rules.gender) {
    const ok = f.gender === rules.gender;
    add('gender', ok, ok ? '性别符合' : `仅限${rules.gender === 'female' ? '女性' : '男性'}`);
  }
  if (rules.requireTwoCancerDiagnosis) {
    const d = f.diagnosis;
    if (!d) add('diagnosis', false, '未记录诊断（须为二级以上医院确诊的宫颈浸润癌 IIB 期及以上或乳腺浸润癌）');
    else if (d.cancer === 'breast')
      add('diagnosis', d.invasive, d.invasive ? `乳腺浸润癌（${d.hospital}，${d.diagnosedOn}确诊），符合` : '乳腺癌须为浸润性癌');
    else {
      const stageOk = !!d.stage && CERVICAL_STAGES.indexOf(d.stage) >= CERVICAL_STAGES.indexOf('IIB');
      const ok = d.invasive && stageOk;
      add(
        'diagnosis',
        ok,
        ok
          ? `宫颈浸润癌 ${d.stage} 期（${d.hospital}，${d.diagnosedOn}确诊），符合`
          : `宫颈癌须为浸润性且不低于 IIB 期（记录为${d.invasive ? '浸润性' : '非浸润性'}${d.stage ? ` ${d.stage} 期` : '、未记录分期'}）`,
      );
    }
  }
  if (rules.oncePerLifetime) {
    const ok = f.priorLifetimeApplications === 0;
    add('oncePerLifetime', ok, ok ? '此前未申请或获得过该救助' : '已申请或获得过该救助（终身一次，未通过的申请除外），不能重复申请');
  }
  if (rules.transferOnly) {
    const ok = f.paymentMethod === 'bank_transfer' && f.hasBankCard;
    add(
      'transferOnly',
      ok,
      ok
        ? '发放方式为银行转账'
        : f.paymentMethod !== 'bank_transfer'
          ? `该救助只能银行转账发放，不能${PAYMENT_METHOD_LABELS[f.paymentMethod]}`
          : '银行转账须登记收款银行卡号',
    );
  }
  return { eligible: results.every((r) => r.ok), results };
}

/** An override (人工认定, with a reason) makes an application eligible unless a hard rule fails. */
export function effectiveEligibility(verdict: ReliefVerdict, overridden: boolean): boolean {
  return verdict.eligible || (overridden && verdict.results.every((r) => r.ok || !r.hard));
}

// ---------- schemas ----------

export const programmeInputSchema = z.strictObject({
  code: programmeCodeSchema,
  name: requiredText('项目名称', 50),
  kind: z.enum(RELIEF_PROGRAMME_KINDS, { message: '请选择项目类型' }),
  year: z.number({ message: '年度须为数字' }).int().min(2000, { message: '年度不正确' }).max(2100, { message: '年度不正确' }),
  rules: eligibilityRulesSchema,
  quota: z.number().int().positive({ message: '名额须大于0' }).nullish(),
  reportTo: z.array(z.enum(REPORT_LEVELS)).max(2).default([]),
  fundAccountId: idSchema.nullish(),
  grantAmountFen: z.number().int().positive({ message: '救助标准须大于0' }).nullish(),
  description: z.string().trim().max(500).nullish(),
});
export type ProgrammeInput = z.infer<typeof programmeInputSchema>;
export const programmeUpdateSchema = programmeInputSchema
  .omit({ code: true, year: true })
  .partial()
  .extend({ active: z.boolean().optional() })
  .strict();

export const programmeSchema = z.object({
  id: z.string(),
  /** Moves on every change: the ETag, sent back as If-Match when editing. */
  version: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(RELIEF_PROGRAMME_KINDS),
  year: z.number().int(),
  rules: eligibilityRulesSchema,
  quota: z.number().int().nullable(),
  reportTo: z.array(z.enum(REPORT_LEVELS)),
  fundAccountId: z.string().nullable(),
  fundAccountName: z.string().nullable(),
  grantAmountFen: z.number().int().nullable(),
  description: z.string().nullable(),
  active: z.boolean(),
  counts: z.record(z.string(), z.number().int()),
});
export type Programme = z.infer<typeof programmeSchema>;

const bankCardSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{12,19}$/, { message: '银行卡号应为12–19位数字' }));

/** A candidate registered in the screening survey: the person, her household and its income, her situation. */
export const createApplicationSchema = z.strictObject({
  programmeId: idSchema,
  /** An existing registry person, or the fields to find-or-create one (deduplicated on the ID number). */
  personId: idSchema.nullish(),
  name: requiredText('姓名', 50).nullish(),
  idNumber: z.string().trim().max(18).nullish(),
  phone: z.string().trim().max(20).nullish(),
  residenceOrgId: idSchema.nullish(),
  householdMembers: z
    .number({ message: '家庭人口须为数字' })
    .int({ message: '家庭人口须为整数' })
    .min(1, { message: '家庭人口至少1人' })
    .max(30, { message: '家庭人口不能超过30人' }),
  householdIncomeFen: z
    .number({ message: '家庭年收入须为数字' })
    .int({ message: '家庭年收入须为整数分' })
    .min(0, { message: '家庭年收入不能为负' })
    .max(1e12),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  diagnosis: diagnosisSchema.nullish(),
  paymentMethod: z.enum(PAYMENT_METHODS, { message: '请选择发放方式' }),
  bankCard: bankCardSchema.nullish(),
  appliedOn: businessDateSchema,
  note: z.string().trim().max(500).nullish(),
});
export type CreateApplication = z.infer<typeof createApplicationSchema>;

export const updateApplicationSchema = z.strictObject({
  householdMembers: createApplicationSchema.shape.householdMembers.optional(),
  householdIncomeFen: createApplicationSchema.shape.householdIncomeFen.optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).optional(),
  diagnosis: diagnosisSchema.nullish(),
  paymentMethod: z.enum(PAYMENT_METHODS).optional(),
  bankCard: bankCardSchema.nullish(),
  note: z.string().trim().max(500).nullish(),
});

export const applicationTransitionSchema = z.strictObject({
  action: z.enum(['verify', 'approve', 'reject', 'grant'], { message: '操作不正确' }),
  reason: z.string().trim().max(500).nullish(),
  grantAmountFen: z.number().int().positive({ message: '救助金额须大于0' }).nullish(),
  date: businessDateSchema.nullish(),
});
export const applicationOverrideSchema = z.strictObject({ reason: requiredText('认定理由', 500) });
export const applicationPaySchema = z.strictObject({ paidOn: businessDateSchema, note: z.string().trim().max(200).nullish() });
export const applicationReversePaymentSchema = z.strictObject({ reason: requiredText('冲销原因', 200) });

export const reliefReportUpSchema = z.strictObject({
  programmeId: idSchema,
  level: z.enum(REPORT_LEVELS, { message: '请选择上报对象' }),
  applicationIds: z.array(idSchema).min(1, { message: '请选择要上报的对象' }).max(5000),
  submittedOn: businessDateSchema,
  note: z.string().trim().max(200).nullish(),
});

export const applicationQuerySchema = pageQuerySchema.extend({
  programmeId: idSchema.optional(),
  townshipId: idSchema.optional(),
  status: z.enum(APPLICATION_STATUSES).optional(),
  eligible: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

const ruleResultSchema = z.object({ rule: z.enum(RELIEF_RULE_KEYS), ok: z.boolean(), hard: z.boolean(), message: z.string() });
export const reliefVerdictSchema = z.object({ eligible: z.boolean(), results: z.array(ruleResultSchema) });

export const applicationListItemSchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  programmeCode: z.string(),
  programmeName: z.string(),
  personId: z.string(),
  name: z.string(),
  idNumberMasked: z.string().nullable(),
  townshipId: z.string(),
  townshipName: z.string(),
  villageName: z.string().nullable(),
  householdMembers: z.number().int(),
  householdIncomeFen: z.number().int(),
  incomePerHeadFen: z.number().int(),
  status: z.enum(APPLICATION_STATUSES),
  eligible: z.boolean(),
  overridden: z.boolean(),
  appliedOn: z.string(),
  reportedTo: z.array(z.enum(REPORT_LEVELS)),
  grantAmountFen: z.number().int().nullable(),
});
export type ApplicationListItem = z.infer<typeof applicationListItemSchema>;

export const applicationDetailSchema = applicationListItemSchema.extend({
  /** Moves on every change of the application: the ETag, sent back as If-Match when editing. */
  version: z.number().int(),
  tags: z.array(z.string()),
  phoneMasked: z.string().nullable(),
  paymentMethod: z.enum(PAYMENT_METHODS),
  bankCardMasked: z.string().nullable(),
  /** Shown only to relief.approve holders (health data); the read is audited. */
  diagnosis: diagnosisSchema.nullable(),
  hasDiagnosis: z.boolean(),
  verdict: reliefVerdictSchema,
  /** The programme reports candidates up (city / province): the workflow then has a "reported" step. */
  reportsUp: z.boolean(),
  overrideReason: z.string().nullable(),
  rejectReason: z.string().nullable(),
  disbursementId: z.string().nullable(),
  paidOn: z.string().nullable(),
  note: z.string().nullable(),
  source: z.string(),
  history: z.array(
    z.object({
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      reason: z.string().nullable(),
      actorName: z.string().nullable(),
      at: z.string(),
    }),
  ),
  can: z.object({
    edit: z.boolean(),
    verify: z.boolean(),
    approve: z.boolean(),
    reject: z.boolean(),
    grant: z.boolean(),
    pay: z.boolean(),
    override: z.boolean(),
    reversePayment: z.boolean(),
  }),
});
export type ApplicationDetail = z.infer<typeof applicationDetailSchema>;

export const reliefSubmissionSchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  programmeName: z.string(),
  level: z.enum(REPORT_LEVELS),
  submittedOn: z.string(),
  itemCount: z.number().int(),
  fileName: z.string(),
  fileSha256: z.string(),
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type ReliefSubmission = z.infer<typeof reliefSubmissionSchema>;

/** The screening template's columns, in order (the Excel template the page hands out). */
export const SCREENING_COLUMNS = [
  { key: 'township', header: '乡镇（街道）', required: true },
  { key: 'village', header: '村（社区）', required: false },
  { key: 'name', header: '姓名', required: true },
  { key: 'idNumber', header: '身份证号', required: true },
  { key: 'phone', header: '联系电话', required: false },
  { key: 'householdMembers', header: '家庭人口', required: true },
  { key: 'householdIncomeYuan', header: '家庭年收入（元）', required: true },
  { key: 'tags', header: '困难情形', required: false },
  { key: 'paymentMethod', header: '发放方式', required: false },
  { key: 'bankCard', header: '银行卡号', required: false },
  { key: 'note', header: '备注', required: false },
] as const;
export type ScreeningColumnKey = (typeof SCREENING_COLUMNS)[number]['key'];

/** The fixed layout of the list reported up to the city or province federation. */
export const REPORT_UP_COLUMNS = [
  '序号',
  '乡镇（街道）',
  '村（社区）',
  '姓名',
  '身份证号',
  '家庭人口',
  '家庭年收入（元）',
  '家庭年人均收入（元）',
  '困难情形',
  '联系电话',
] as const;
