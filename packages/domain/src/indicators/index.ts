// Schemas, literal unions and pure rules of the indicators module: the monitored indicators of the two
// development outlines (两纲, domain.md §5), the values departments report per year and region, their review,
// and the evaluation against the targets.
import { z } from 'zod';
import { idSchema } from '../common/ids.js';
import { requiredText } from '../common/schemas.js';

export const OUTLINES = ['women', 'children'] as const;
export type Outline = (typeof OUTLINES)[number];
export const OUTLINE_LABELS: Record<Outline, string> = { women: '妇女发展纲要', children: '儿童发展纲要' };

/** The areas of each outline (women 8, children 7), in the order the outlines list them. */
export const INDICATOR_AREAS = [
  { code: 'W_HEALTH', outline: 'women', label: '妇女与健康' },
  { code: 'W_EDUCATION', outline: 'women', label: '妇女与教育' },
  { code: 'W_ECONOMY', outline: 'women', label: '妇女与经济' },
  { code: 'W_DECISION', outline: 'women', label: '妇女参与决策和管理' },
  { code: 'W_SOCIAL_SECURITY', outline: 'women', label: '妇女与社会保障' },
  { code: 'W_FAMILY', outline: 'women', label: '妇女与家庭建设' },
  { code: 'W_ENVIRONMENT', outline: 'women', label: '妇女与环境' },
  { code: 'W_LAW', outline: 'women', label: '妇女与法治' },
  { code: 'C_HEALTH', outline: 'children', label: '儿童与健康' },
  { code: 'C_SAFETY', outline: 'children', label: '儿童与安全' },
  { code: 'C_EDUCATION', outline: 'children', label: '儿童与教育' },
  { code: 'C_WELFARE', outline: 'children', label: '儿童与福利' },
  { code: 'C_FAMILY', outline: 'children', label: '儿童与家庭' },
  { code: 'C_ENVIRONMENT', outline: 'children', label: '儿童与环境' },
  { code: 'C_LAW', outline: 'children', label: '儿童与法律保护' },
] as const satisfies readonly { code: string; outline: Outline; label: string }[];
export const INDICATOR_AREA_CODES = INDICATOR_AREAS.map((a) => a.code) as [IndicatorArea, ...IndicatorArea[]];
export type IndicatorArea = (typeof INDICATOR_AREAS)[number]['code'];
export const INDICATOR_AREA_LABELS = Object.fromEntries(INDICATOR_AREAS.map((a) => [a.code, a.label])) as Record<IndicatorArea, string>;
export function areaOutline(area: IndicatorArea): Outline {
  return INDICATOR_AREAS.find((a) => a.code === area)!.outline;
}

/**
 * How a value is expressed. A rate (percent, permille, per 1,000, per 100,000) is reported as numerator and
 * denominator whenever the department has them — then a district's rate can be rolled up from its townships
 * (Σ numerators ÷ Σ denominators) — or as the rate alone when only the rate is known. A plain number
 * (count, yuan, years …) carries its own unit label.
 */
export const INDICATOR_UNITS = ['percent', 'permille', 'per_1000', 'per_100k', 'number'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export const INDICATOR_UNIT_META: Record<IndicatorUnit, { label: string; scale: number | null }> = {
  percent: { label: '%', scale: 100 },
  permille: { label: '‰', scale: 1000 },
  per_1000: { label: '每千人', scale: 1000 },
  per_100k: { label: '/10万', scale: 100_000 },
  number: { label: '数值', scale: null },
};
export function isRateUnit(unit: IndicatorUnit): boolean {
  return INDICATOR_UNIT_META[unit].scale !== null;
}

/** The target's direction: ≥ 70 %, < 2 %, about 45 %, or a rising / falling trend (逐步提高) with no number. */
export const INDICATOR_DIRECTIONS = ['gte', 'gt', 'lte', 'lt', 'about', 'rising', 'falling'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];
export const INDICATOR_DIRECTION_LABELS: Record<IndicatorDirection, string> = {
  gte: '≥',
  gt: '>',
  lte: '≤',
  lt: '<',
  about: '左右',
  rising: '逐步提高',
  falling: '逐步降低',
};
export function directionNeedsTarget(d: IndicatorDirection): boolean {
  return d !== 'rising' && d !== 'falling';
}

/** A value describes the whole population of its region, or one split of it (分性别统计, urban / rural). */
export const INDICATOR_BREAKDOWNS = ['total', 'female', 'male', 'urban', 'rural'] as const;
export type IndicatorBreakdown = (typeof INDICATOR_BREAKDOWNS)[number];
export const INDICATOR_BREAKDOWN_LABELS: Record<IndicatorBreakdown, string> = {
  total: '合计',
  female: '女性',
  male: '男性',
  urban: '城镇',
  rural: '农村',
};

/** draft → submitted → approved (locked) | returned (reason) → edited → submitted …; an approver may reopen an approved value with a reason. */
export const INDICATOR_VALUE_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type IndicatorValueStatus = (typeof INDICATOR_VALUE_STATUSES)[number];
export const INDICATOR_VALUE_STATUS_LABELS: Record<IndicatorValueStatus, string> = {
  draft: '草稿',
  submitted: '已报送',
  returned: '已退回',
  approved: '已审核',
};

export const EVALUATION_STATUSES = ['met', 'not_met', 'improving', 'not_improving', 'no_target', 'no_data'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];
export const EVALUATION_STATUS_LABELS: Record<EvaluationStatus, string> = {
  met: '达标',
  not_met: '未达标',
  improving: '向好',
  not_improving: '未向好',
  no_target: '无可比数据',
  no_data: '未填报',
};

const decimal = (label: string) => z.number({ message: `${label}须为数字` }).finite({ message: `${label}须为数字` });
const count = (label: string) =>
  z
    .number({ message: `${label}须为数字` })
    .int({ message: `${label}须为整数` })
    .min(0, { message: `${label}不能为负数` })
    .max(1_000_000_000_000, { message: `${label}过大` });
const yearSchema = (label: string) =>
  z.coerce
    .number({ message: `请填写${label}` })
    .int({ message: `${label}须为整数` })
    .min(2000, { message: `${label}不合理` })
    .max(2100, { message: `${label}不合理` });

export const indicatorCodeSchema = z
  .string({ message: '指标代码不能为空' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, { message: '指标代码只能由字母、数字、点、横线组成，最长32位' });

const indicatorFields = {
  ownerOrgId: idSchema,
  code: indicatorCodeSchema,
  area: z.enum(INDICATOR_AREA_CODES, { message: '请选择领域' }),
  name: requiredText('指标名称', 100),
  unit: z.enum(INDICATOR_UNITS, { message: '请选择计量单位' }),
  /** For unit "number": 人, 个, 元, 岁 …; ignored for rates. */
  unitLabel: z.string().trim().max(10, { message: '单位名称不能超过10个字符' }).nullish(),
  direction: z.enum(INDICATOR_DIRECTIONS, { message: '请选择目标方向' }),
  target: decimal('目标值').nullish(),
  /** For "about": how far from the target still counts as met (same unit as the value). */
  tolerance: decimal('允许偏差').min(0, { message: '允许偏差不能为负数' }).nullish(),
  targetYear: yearSchema('目标年份').default(2030),
  baselineYear: yearSchema('基期年份').nullish(),
  baselineValue: decimal('基期值').nullish(),
  /** The member unit (成员单位) that reports it: an org unit of kind department (or the federation itself). */
  responsibleOrgId: idSchema,
  breakdowns: z.array(z.enum(INDICATOR_BREAKDOWNS)).max(5).default(['total']),
  /** A change from last year's approved value larger than this (percent of it) must be explained before submitting. */
  reviewThresholdPercent: z
    .number({ message: '波动阈值须为数字' })
    .int({ message: '波动阈值须为整数' })
    .min(1, { message: '波动阈值至少为1' })
    .max(1000, { message: '波动阈值过大' })
    .default(20),
  /** 口径 and source: how the figure is defined and where it comes from. */
  definition: z.string().trim().max(1000).nullish(),
  /** false while the target has not been checked against the issued plan (domain.md [G]). */
  targetVerified: z.boolean().default(false),
};

function refineIndicator(
  v: {
    direction?: IndicatorDirection;
    target?: number | null;
    unit?: IndicatorUnit;
    unitLabel?: string | null;
    breakdowns?: IndicatorBreakdown[];
  },
  ctx: z.RefinementCtx,
) {
  if (v.direction && directionNeedsTarget(v.direction) && (v.target === null || v.target === undefined))
    ctx.addIssue({ code: 'custom', path: ['target'], message: `目标方向为“${INDICATOR_DIRECTION_LABELS[v.direction]}”时须填写目标值` });
  if (v.unit === 'number' && !v.unitLabel)
    ctx.addIssue({ code: 'custom', path: ['unitLabel'], message: '计量单位为“数值”时须填写单位名称（如 人、个、元）' });
  if (v.breakdowns && !v.breakdowns.includes('total')) ctx.addIssue({ code: 'custom', path: ['breakdowns'], message: '分组须包含“合计”' });
}

export const createIndicatorSchema = z.strictObject(indicatorFields).superRefine(refineIndicator);
export type CreateIndicator = z.input<typeof createIndicatorSchema>;
/** Every field may change except the owner and the code; a value already reported keeps its numbers. */
export const updateIndicatorSchema = z
  .strictObject({ ...indicatorFields, active: z.boolean() })
  .omit({ ownerOrgId: true, code: true })
  .partial()
  .superRefine(refineIndicator);
export type UpdateIndicator = z.input<typeof updateIndicatorSchema>;

export const indicatorListQuerySchema = z.object({
  outline: z.enum(OUTLINES).optional(),
  area: z.enum(INDICATOR_AREA_CODES).optional(),
  q: z.string().trim().max(50).optional(),
  responsibleOrgId: idSchema.optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});
export type IndicatorListQuery = z.infer<typeof indicatorListQuerySchema>;

export const indicatorSchema = z.object({
  id: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  code: z.string(),
  outline: z.enum(OUTLINES),
  area: z.enum(INDICATOR_AREA_CODES),
  name: z.string(),
  unit: z.enum(INDICATOR_UNITS),
  unitLabel: z.string().nullable(),
  direction: z.enum(INDICATOR_DIRECTIONS),
  target: z.number().nullable(),
  tolerance: z.number().nullable(),
  targetYear: z.number(),
  baselineYear: z.number().nullable(),
  baselineValue: z.number().nullable(),
  responsibleOrgId: z.string(),
  responsibleOrgName: z.string(),
  breakdowns: z.array(z.enum(INDICATOR_BREAKDOWNS)),
  reviewThresholdPercent: z.number(),
  definition: z.string().nullable(),
  targetVerified: z.boolean(),
  active: z.boolean(),
  /** "≥ 70%", "12/10万 以下" … as one line for tables. */
  targetText: z.string(),
  /** The ETag, sent back as If-Match on an edit (412 when someone changed the indicator meanwhile). */
  version: z.number().int(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

/** One reported figure. For a rate give numerator + denominator (preferred) or value; for a number give value. */
export const indicatorValueInputSchema = z.strictObject({
  indicatorId: idSchema,
  breakdown: z.enum(INDICATOR_BREAKDOWNS, { message: '请选择分组' }).default('total'),
  numerator: count('分子').nullish(),
  denominator: count('分母').nullish(),
  value: decimal('数值').nullish(),
  source: z.string().trim().max(200, { message: '数据来源不能超过200个字符' }).nullish(),
  /** The explanation a large change from last year needs (see reviewThresholdPercent). */
  note: z.string().trim().max(1000, { message: '说明不能超过1000个字符' }).nullish(),
});
export type IndicatorValueInput = z.input<typeof indicatorValueInputSchema>;

/** Save a year's figures for one region as drafts (all or nothing); an approved value is locked. */
export const saveIndicatorValuesSchema = z.strictObject({
  year: yearSchema('年度'),
  regionOrgId: idSchema,
  values: z.array(indicatorValueInputSchema).min(1, { message: '没有要保存的数据' }).max(500, { message: '一次最多保存500项' }),
});
export type SaveIndicatorValues = z.input<typeof saveIndicatorValuesSchema>;

export const indicatorValueIdsSchema = z.strictObject({
  ids: z.array(idSchema).min(1, { message: '请选择数据' }).max(500, { message: '一次最多500项' }),
});
export const returnIndicatorValuesSchema = indicatorValueIdsSchema.extend({ reason: requiredText('退回原因', 500) });
export const reopenIndicatorValueSchema = z.strictObject({ reason: requiredText('重新打开的原因', 500) });

export const indicatorValueListQuerySchema = z.object({
  year: yearSchema('年度'),
  regionOrgId: idSchema.optional(),
  indicatorId: idSchema.optional(),
  status: z.enum(INDICATOR_VALUE_STATUSES).optional(),
  outline: z.enum(OUTLINES).optional(),
});
export type IndicatorValueListQuery = z.infer<typeof indicatorValueListQuerySchema>;

export const indicatorValueSchema = z.object({
  id: z.string(),
  indicatorId: z.string(),
  indicatorCode: z.string(),
  indicatorName: z.string(),
  unit: z.enum(INDICATOR_UNITS),
  unitLabel: z.string().nullable(),
  regionOrgId: z.string(),
  regionName: z.string(),
  year: z.number(),
  breakdown: z.enum(INDICATOR_BREAKDOWNS),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number(),
  source: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(INDICATOR_VALUE_STATUSES),
  /** Last year's approved value for the same indicator, region and breakdown; null if none. */
  previousValue: z.number().nullable(),
  /** Plausibility messages (e.g. a change beyond the threshold); submitting needs a note when there are any. */
  warnings: z.array(z.string()),
  returnReason: z.string().nullable(),
  submittedByName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type IndicatorValue = z.infer<typeof indicatorValueSchema>;

export const indicatorValueEventSchema = z.object({
  id: z.string(),
  action: z.enum(['save', 'submit', 'approve', 'return', 'reopen', 'import']),
  fromStatus: z.enum(INDICATOR_VALUE_STATUSES).nullable(),
  toStatus: z.enum(INDICATOR_VALUE_STATUSES),
  value: z.number(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export type IndicatorValueEvent = z.infer<typeof indicatorValueEventSchema>;

/** The entry sheet: every indicator the caller may report for (year, region), with what is there already. */
export const indicatorEntryQuerySchema = z.object({ year: yearSchema('年度'), regionOrgId: idSchema });
export const indicatorEntrySchema = z.object({
  year: z.number(),
  regionOrgId: z.string(),
  regionName: z.string(),
  rows: z.array(
    z.object({
      indicator: indicatorSchema,
      breakdown: z.enum(INDICATOR_BREAKDOWNS),
      current: indicatorValueSchema.nullable(),
      previousValue: z.number().nullable(),
    }),
  ),
});
export type IndicatorEntry = z.infer<typeof indicatorEntrySchema>;

/** The regions a caller may report for or read: the federation's district and its townships / streets. */
export const indicatorRegionSchema = z.object({ id: z.string(), name: z.string(), kind: z.string(), depth: z.number() });
export type IndicatorRegion = z.infer<typeof indicatorRegionSchema>;

export const indicatorEvaluationQuerySchema = z.object({
  year: yearSchema('年度'),
  regionOrgId: idSchema.optional(),
  outline: z.enum(OUTLINES).optional(),
});
export const indicatorEvaluationRowSchema = z.object({
  indicator: indicatorSchema,
  /** The approved total value: the region's own, or rolled up from its townships (Σ numerators ÷ Σ denominators; Σ for numbers). */
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** "reported" — the region's own approved row; "rolled_up" — computed from N townships' rows; null — no data. */
  basis: z.enum(['reported', 'rolled_up']).nullable(),
  rolledUpFrom: z.number(),
  previousValue: z.number().nullable(),
  status: z.enum(EVALUATION_STATUSES),
  /** Approved values of the indicator's other breakdowns (female/male, urban/rural). */
  breakdowns: z.array(z.object({ breakdown: z.enum(INDICATOR_BREAKDOWNS), value: z.number() })),
});
export type IndicatorEvaluationRow = z.infer<typeof indicatorEvaluationRowSchema>;
export const indicatorEvaluationSchema = z.object({
  year: z.number(),
  regionOrgId: z.string(),
  regionName: z.string(),
  counts: z.object({
    total: z.number(),
    withData: z.number(),
    met: z.number(),
    notMet: z.number(),
    improving: z.number(),
    notImproving: z.number(),
    noData: z.number(),
  }),
  byArea: z.array(
    z.object({ area: z.enum(INDICATOR_AREA_CODES), total: z.number(), met: z.number(), notMet: z.number(), noData: z.number() }),
  ),
  rows: z.array(indicatorEvaluationRowSchema),
});
export type IndicatorEvaluation = z.infer<typeof indicatorEvaluationSchema>;

// ---------------------------------------------------------------- pure rules

/** Round to 4 decimals (values are stored so; tables show 2). */
export function round4(n: number): number {
  return Math.round(n * 10000) / 10000;
}

/** A rate from numerator and denominator in the unit's scale (percent ×100, per 100,000 ×100,000); null when the denominator is 0. */
export function rateValue(unit: IndicatorUnit, numerator: number, denominator: number): number | null {
  const scale = INDICATOR_UNIT_META[unit].scale;
  if (scale === null || denominator === 0) return null;
  return round4((numerator / denominator) * scale);
}

export type ValueProblem = { field: 'numerator' | 'denominator' | 'value' | 'breakdown'; message: string };

/**
 * Checks one reported figure against its indicator and returns the value to store, or the problems by field.
 * Rates: numerator and denominator together (denominator > 0; a percent cannot exceed 100) or the rate alone;
 * if all three are given they must agree. Numbers: a value. Ranges: percent 0–100, permille / per-1,000 0–1000,
 * per 100,000 ≥ 0.
 */
export function checkIndicatorValue(
  indicator: { unit: IndicatorUnit; breakdowns: readonly IndicatorBreakdown[] },
  input: { breakdown: IndicatorBreakdown; numerator?: number | null; denominator?: number | null; value?: number | null },
): { value: number; problems: [] } | { value: null; problems: ValueProblem[] } {
  const problems: ValueProblem[] = [];
  if (!indicator.breakdowns.includes(input.breakdown))
    problems.push({ field: 'breakdown', message: `该指标不按“${INDICATOR_BREAKDOWN_LABELS[input.breakdown]}”分组填报` });
  const hasNum = input.numerator !== null && input.numerator !== undefined;
  const hasDen = input.denominator !== null && input.denominator !== undefined;
  const hasValue = input.value !== null && input.value !== undefined;
  let value: number | null = null;
  if (isRateUnit(indicator.unit)) {
    if (hasNum !== hasDen) problems.push({ field: hasNum ? 'denominator' : 'numerator', message: '分子和分母须同时填写' });
    else if (hasNum && hasDen) {
      if (input.denominator === 0) problems.push({ field: 'denominator', message: '分母须大于0' });
      else if (indicator.unit === 'percent' && input.numerator! > input.denominator!)
        problems.push({ field: 'numerator', message: '分子不能大于分母' });
      else {
        value = rateValue(indicator.unit, input.numerator!, input.denominator!);
        if (hasValue && value !== null && Math.abs(value - input.value!) > 0.01 + Math.abs(value) * 0.001)
          problems.push({ field: 'value', message: `数值与分子、分母不符（按分子、分母应为${value}）` });
      }
    } else if (hasValue) value = round4(input.value!);
    else problems.push({ field: 'value', message: '请填写分子和分母，或直接填写数值' });
  } else {
    if (hasNum || hasDen) problems.push({ field: hasNum ? 'numerator' : 'denominator', message: '该指标直接填写数值，不填分子、分母' });
    else if (!hasValue) problems.push({ field: 'value', message: '请填写数值' });
    else value = round4(input.value!);
  }
  if (value !== null && problems.length === 0) {
    const max = indicator.unit === 'percent' ? 100 : indicator.unit === 'permille' || indicator.unit === 'per_1000' ? 1000 : Infinity;
    if (value < 0) problems.push({ field: 'value', message: '数值不能为负数' });
    else if (value > max) problems.push({ field: 'value', message: `数值不能大于${max}` });
  }
  return problems.length ? { value: null, problems } : { value: value!, problems: [] };
}

/** The plausibility warnings of a value (shown while entering; submitting with any needs a note). */
export function valueWarnings(value: number, previousValue: number | null, thresholdPercent: number): string[] {
  if (previousValue === null) return [];
  // Values are stored to 4 decimals; messages show 2, as the tables do.
  const shown = (n: number) => Math.round(n * 100) / 100;
  if (previousValue === 0) return value === 0 ? [] : [`上年数值为0，本年为${shown(value)}，请说明`];
  const change = ((value - previousValue) / Math.abs(previousValue)) * 100;
  if (Math.abs(change) > thresholdPercent)
    return [
      `与上年（${shown(previousValue)}）相比${change > 0 ? '上升' : '下降'}${Math.abs(Math.round(change * 10) / 10)}%，超过${thresholdPercent}%，请说明原因`,
    ];
  return [];
}

/**
 * The evaluation of one indicator's value against its target. "about" is met within the tolerance (default:
 * 5 % of the target); "rising"/"falling" compare with last year's value (or the baseline when there is none).
 */
export function evaluateIndicator(
  indicator: { direction: IndicatorDirection; target: number | null; tolerance: number | null; baselineValue: number | null },
  value: number | null,
  previousValue: number | null,
): EvaluationStatus {
  if (value === null) return 'no_data';
  const { direction, target } = indicator;
  if (!directionNeedsTarget(direction)) {
    const before = previousValue ?? indicator.baselineValue;
    if (before === null) return 'no_target';
    return (direction === 'rising' ? value > before : value < before) ? 'improving' : 'not_improving';
  }
  if (target === null) return 'no_target';
  switch (direction) {
    case 'gte':
      return value >= target ? 'met' : 'not_met';
    case 'gt':
      return value > target ? 'met' : 'not_met';
    case 'lte':
      return value <= target ? 'met' : 'not_met';
    case 'lt':
      return value < target ? 'met' : 'not_met';
    case 'about': {
      const tolerance = indicator.tolerance ?? Math.abs(target) * 0.05;
      return Math.abs(value - target) <= tolerance + 1e-9 ? 'met' : 'not_met';
    }
  }
  return 'no_target';
}

/** "≥ 70%", "< 2%", "45% 左右", "逐步提高" — the target as the plans write it. */
export function targetText(indicator: {
  direction: IndicatorDirection;
  target: number | null;
  unit: IndicatorUnit;
  unitLabel: string | null;
}): string {
  const unit = indicator.unit === 'number' ? (indicator.unitLabel ?? '') : INDICATOR_UNIT_META[indicator.unit].label;
  if (!directionNeedsTarget(indicator.direction) || indicator.target === null) return INDICATOR_DIRECTION_LABELS[indicator.direction];
  const n = `${indicator.target}${indicator.unit === 'per_1000' ? '' : unit}`;
  const shown = indicator.unit === 'per_1000' ? `每千人${n}` : n;
  return indicator.direction === 'about' ? `${shown}左右` : `${INDICATOR_DIRECTION_LABELS[indicator.direction]} ${shown}`;
}

/** A value with its unit for reading: "86.5%", "12.3/10万", "1,200元". */
export function formatIndicatorValue(value: number | null, indicator: { unit: IndicatorUnit; unitLabel: string | null }): string {
  if (value === null) return '—';
  const n = Number.isInteger(value)
    ? value.toLocaleString('zh-CN')
    : (Math.round(value * 100) / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  if (indicator.unit === 'number') return `${n}${indicator.unitLabel ?? ''}`;
  if (indicator.unit === 'per_1000') return `每千人${n}`;
  return `${n}${INDICATOR_UNIT_META[indicator.unit].label}`;
}
