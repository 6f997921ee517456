// Schemas, literal unions and pure rules of the cadres module (roster, rotations, 推优).
import { z } from 'zod';
import { businessDateSchema } from '../common/dates.js';
import { EDUCATION_LABELS, EDUCATION_LEVELS, type EducationLevel } from '../common/education.js';
import { idSchema } from '../common/ids.js';
import { pageQuerySchema, requiredText } from '../common/schemas.js';

export const CADRE_RANKS = ['county', 'section_chief', 'deputy_section', 'staff', 'other'] as const;
export type CadreRank = (typeof CADRE_RANKS)[number];
export const CADRE_RANK_LABELS: Record<CadreRank, string> = {
  county: '县处级',
  section_chief: '正科级',
  deputy_section: '副科级',
  staff: '科员及以下',
  other: '其他',
};

export const CADRE_GENDERS = ['female', 'male'] as const;

/** 领导职务层次: the post a cadre holds (正职, 副职) or none (非领导职务). */
export const CADRE_POST_LEVELS = ['chief', 'deputy', 'non_leading'] as const;
export type CadrePostLevel = (typeof CADRE_POST_LEVELS)[number];
export const CADRE_POST_LEVEL_LABELS: Record<CadrePostLevel, string> = { chief: '正职', deputy: '副职', non_leading: '非领导职务' };

/** The kind of unit a cadre serves in, as 女干部 analyses group them. */
export const CADRE_UNIT_CATEGORIES = ['party', 'government', 'township', 'institution', 'enterprise', 'other'] as const;
export type CadreUnitCategory = (typeof CADRE_UNIT_CATEGORIES)[number];
export const CADRE_UNIT_CATEGORY_LABELS: Record<CadreUnitCategory, string> = {
  party: '党群部门',
  government: '政府部门',
  township: '乡镇（街道）',
  institution: '事业单位',
  enterprise: '国有企业',
  other: '其他单位',
};

/** Age bands of the analysis report (age = the year minus the birth year). */
export const CADRE_AGE_BANDS = ['to35', 'from36to45', 'from46to54', 'from55'] as const;
export type CadreAgeBand = (typeof CADRE_AGE_BANDS)[number];
export const CADRE_AGE_BAND_LABELS: Record<CadreAgeBand, string> = {
  to35: '35岁及以下',
  from36to45: '36至45岁',
  from46to54: '46至54岁',
  from55: '55岁及以上',
};
/** The band of someone born in `birthYear`, in `year`; null when the birth year is not recorded. */
export function ageBandOf(birthYear: number | null | undefined, year: number): CadreAgeBand | null {
  if (birthYear == null) return null;
  const age = year - birthYear;
  return age <= 35 ? 'to35' : age <= 45 ? 'from36to45' : age <= 54 ? 'from46to54' : 'from55';
}

export const ROTATION_DIRECTIONS = ['up', 'down'] as const;
export type RotationDirection = (typeof ROTATION_DIRECTIONS)[number];
export const ROTATION_DIRECTION_LABELS: Record<RotationDirection, string> = { up: '上挂', down: '下派' };

export const RECOMMENDATION_STATUSES = ['recommended', 'activist', 'candidate', 'probationary', 'member', 'not_adopted'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];
export const RECOMMENDATION_STATUS_LABELS: Record<RecommendationStatus, string> = {
  recommended: '已推荐',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  member: '正式党员',
  not_adopted: '未采纳',
};

export const createCadreSchema = z.strictObject({
  ownerOrgId: idSchema,
  name: requiredText('姓名', 50),
  gender: z.enum(CADRE_GENDERS, { message: '请选择性别' }),
  unitName: requiredText('单位', 100),
  position: z.string().trim().max(100).nullish(),
  rank: z.enum(CADRE_RANKS, { message: '请选择职级' }),
  birthYear: z.number().int().min(1930, { message: '出生年份不合理' }).max(2015, { message: '出生年份不合理' }).nullish(),
  partyMember: z.boolean().default(false),
  note: z.string().trim().max(500).nullish(),
  education: z.enum(EDUCATION_LEVELS, { message: '请选择学历' }).nullish(),
  postLevel: z.enum(CADRE_POST_LEVELS, { message: '请选择领导职务层次' }).nullish(),
  unitCategory: z.enum(CADRE_UNIT_CATEGORIES, { message: '请选择单位类别' }).nullish(),
  /** Since when on the roster (任现职时间); unknown = counted in every year before it left. */
  servingSince: businessDateSchema.nullish(),
  /** A reserve cadre (后备干部): part of the pool of candidates. */
  reserve: z.boolean().default(false),
});
export type CreateCadre = z.input<typeof createCadreSchema>;
/** `active: false` takes the cadre off the roster from `leftOn` (default: today); `active: true` puts her back. */
export const updateCadreSchema = createCadreSchema
  .partial()
  .extend({ active: z.boolean().optional(), leftOn: businessDateSchema.nullish(), reserve: z.boolean().optional() });

export const cadreListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  gender: z.enum(CADRE_GENDERS).optional(),
  rank: z.enum(CADRE_RANKS).optional(),
});
export type CadreListQuery = z.infer<typeof cadreListQuerySchema>;

export const cadreSchema = z.object({
  id: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  name: z.string(),
  gender: z.enum(CADRE_GENDERS),
  unitName: z.string(),
  position: z.string().nullable(),
  rank: z.enum(CADRE_RANKS),
  birthYear: z.number().nullable(),
  partyMember: z.boolean(),
  note: z.string().nullable(),
  active: z.boolean(),
  education: z.enum(EDUCATION_LEVELS).nullable(),
  postLevel: z.enum(CADRE_POST_LEVELS).nullable(),
  unitCategory: z.enum(CADRE_UNIT_CATEGORIES).nullable(),
  servingSince: z.string().nullable(),
  leftOn: z.string().nullable(),
  reserve: z.boolean(),
  /** The ETag, sent back as If-Match on an edit (412 when someone changed the record meanwhile). */
  version: z.number().int(),
});
export type Cadre = z.infer<typeof cadreSchema>;

// ---------------------------------------------------------------- the women-cadre analysis

/** The breakdowns of the analysis report, each a fact parameter of cadres.roster.* (e.g. ?rank=county). */
export const CADRE_DIMENSIONS = ['rank', 'postLevel', 'ageBand', 'education', 'unitCategory'] as const;
export type CadreDimension = (typeof CADRE_DIMENSIONS)[number];
export const CADRE_DIMENSION_LABELS: Record<CadreDimension, string> = {
  rank: '职级',
  postLevel: '领导职务',
  ageBand: '年龄',
  education: '学历',
  unitCategory: '单位类别',
};
/** The keys of each dimension with their labels ("unknown": not recorded). */
export const CADRE_DIMENSION_KEYS: Record<CadreDimension, Record<string, string>> = {
  rank: CADRE_RANK_LABELS,
  postLevel: CADRE_POST_LEVEL_LABELS,
  ageBand: CADRE_AGE_BAND_LABELS,
  education: EDUCATION_LABELS as Record<EducationLevel, string>,
  unitCategory: CADRE_UNIT_CATEGORY_LABELS,
};
export const UNKNOWN_KEY = 'unknown';
export const UNKNOWN_LABEL = '未填写';

/** What a target is about: the whole roster, one key of a dimension, or the reserve pool. */
export const CADRE_TARGET_DIMENSIONS = ['overall', 'reserve', ...CADRE_DIMENSIONS] as const;
export type CadreTargetDimension = (typeof CADRE_TARGET_DIMENSIONS)[number];

export const cadreAnalysisQuerySchema = z.object({
  year: z.coerce.number().int().min(2000, { message: '年份不能早于2000年' }).max(2100, { message: '年份不能晚于2100年' }).optional(),
  /** The unit (id or code) whose subtree is analysed; default: the top of the caller's scope. */
  org: z.string().trim().min(1).max(64).optional(),
});
export type CadreAnalysisQuery = z.infer<typeof cadreAnalysisQuerySchema>;

const factRefOut = z.object({ name: z.string(), params: z.record(z.string(), z.string()) });
export const cadreShareRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  total: z.number().int(),
  women: z.number().int(),
  /** Percent to 2 decimals; null with nobody in the row. */
  womenShare: z.number().nullable(),
  /** The fact behind the women's figure (its drill-down lists them); the total is cadres.roster.total with the same params. */
  fact: factRefOut,
});
export type CadreShareRow = z.infer<typeof cadreShareRowSchema>;

export const cadreTargetStatusSchema = z.object({
  id: z.string(),
  label: z.string(),
  dimension: z.enum(CADRE_TARGET_DIMENSIONS),
  key: z.string().nullable(),
  targetShare: z.number(),
  actual: z.number().nullable(),
  /** Percentage points: actual − target (negative = below the target). */
  gap: z.number().nullable(),
  met: z.boolean().nullable(),
  note: z.string().nullable(),
});
export type CadreTargetStatus = z.infer<typeof cadreTargetStatusSchema>;

/** Women's share of the roster on 31 December of the year, by each dimension, over the years, the pool, and the targets. */
export const cadreAnalysisSchema = z.object({
  year: z.number().int(),
  asOf: z.string(),
  org: z.object({ id: z.string(), name: z.string() }),
  total: z.number(),
  women: z.number(),
  womenShare: z.number().nullable(),
  byRank: z.array(z.object({ rank: z.enum(CADRE_RANKS), total: z.number(), women: z.number(), womenShare: z.number().nullable() })),
  dimensions: z.array(z.object({ dimension: z.enum(CADRE_DIMENSIONS), label: z.string(), rows: z.array(cadreShareRowSchema) })),
  units: z.array(cadreShareRowSchema),
  trend: z.array(z.object({ year: z.number().int(), total: z.number().int(), women: z.number().int(), womenShare: z.number().nullable() })),
  reserve: cadreShareRowSchema,
  recommendations: z.object({
    total: z.number().int(),
    byStatus: z.array(z.object({ status: z.enum(RECOMMENDATION_STATUSES), count: z.number().int() })),
  }),
  targets: z.array(cadreTargetStatusSchema),
});
export type CadreAnalysis = z.infer<typeof cadreAnalysisSchema>;

/** A target share for women among cadres (e.g. 女干部占比不低于30%), set by the unit that analyses. */
export const createCadreTargetSchema = z
  .strictObject({
    ownerOrgId: idSchema,
    label: requiredText('目标名称', 100),
    dimension: z.enum(CADRE_TARGET_DIMENSIONS, { message: '请选择目标维度' }),
    key: z.string().trim().max(30).nullish(),
    targetShare: z
      .number({ message: '目标比例须为数字' })
      .min(0, { message: '目标比例应在0–100之间' })
      .max(100, { message: '目标比例应在0–100之间' })
      .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, { message: '目标比例最多两位小数' }),
    note: z.string().trim().max(500).nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.dimension === 'overall' || v.dimension === 'reserve') {
      if (v.key) ctx.addIssue({ code: 'custom', path: ['key'], message: '总体和后备干部目标不需选择分项' });
      return;
    }
    const keys = CADRE_DIMENSION_KEYS[v.dimension];
    if (!v.key || !(v.key in keys))
      ctx.addIssue({ code: 'custom', path: ['key'], message: `请选择分项（${Object.values(keys).join('、')}）` });
  });
export type CreateCadreTarget = z.input<typeof createCadreTargetSchema>;
export const cadreTargetSchema = z.object({
  id: z.string(),
  ownerOrgId: z.string(),
  label: z.string(),
  dimension: z.enum(CADRE_TARGET_DIMENSIONS),
  key: z.string().nullable(),
  targetShare: z.number(),
  note: z.string().nullable(),
});
export type CadreTarget = z.infer<typeof cadreTargetSchema>;

/** Percentage points between an actual share and a target (2 decimals); null when there is no actual share. */
export function shareGap(actual: number | null, target: number): number | null {
  return actual == null ? null : Math.round((actual - target) * 100) / 100;
}

export const createRotationSchema = z
  .strictObject({
    ownerOrgId: idSchema,
    title: requiredText('名称', 100),
    startDate: businessDateSchema,
    endDate: businessDateSchema.nullish(),
    description: z.string().trim().max(2000).nullish(),
  })
  .refine((v) => !v.endDate || v.endDate >= v.startDate, { path: ['endDate'], message: '结束日期不能早于开始日期' });
export type CreateRotation = z.input<typeof createRotationSchema>;

export const addRotationMemberSchema = z.strictObject({
  cadreId: idSchema,
  direction: z.enum(ROTATION_DIRECTIONS, { message: '请选择上挂或下派' }),
  hostUnit: z.string().trim().max(100).nullish(),
});

export const rotationSchema = z.object({
  id: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  description: z.string().nullable(),
  total: z.number(),
  women: z.number(),
  /** Percent to 2 decimals (17/48 → 35.42); null with no members. */
  womenShare: z.number().nullable(),
});
export type Rotation = z.infer<typeof rotationSchema>;

export const rotationMemberSchema = z.object({
  id: z.string(),
  cadreId: z.string(),
  name: z.string(),
  gender: z.enum(CADRE_GENDERS),
  unitName: z.string(),
  position: z.string().nullable(),
  rank: z.enum(CADRE_RANKS),
  direction: z.enum(ROTATION_DIRECTIONS),
  hostUnit: z.string().nullable(),
});
export type RotationMember = z.infer<typeof rotationMemberSchema>;

export const createRecommendationSchema = z.strictObject({
  ownerOrgId: idSchema,
  candidateName: requiredText('推荐对象', 50),
  unitName: z.string().trim().max(100).nullish(),
  recommendedOn: businessDateSchema,
  note: z.string().trim().max(500).nullish(),
  cadreId: idSchema.nullish(),
});
export type CreateRecommendation = z.input<typeof createRecommendationSchema>;
export const updateRecommendationStatusSchema = z.strictObject({
  status: z.enum(RECOMMENDATION_STATUSES, { message: '请选择状态' }),
  statusDate: businessDateSchema,
  note: z.string().trim().max(500).nullish(),
});
export const recommendationListQuerySchema = pageQuerySchema.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(RECOMMENDATION_STATUSES).optional(),
});
export type RecommendationListQuery = z.infer<typeof recommendationListQuerySchema>;
export const recommendationSchema = z.object({
  id: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  candidateName: z.string(),
  unitName: z.string().nullable(),
  recommendedOn: z.string(),
  status: z.enum(RECOMMENDATION_STATUSES),
  statusDate: z.string().nullable(),
  note: z.string().nullable(),
});
export type PartyRecommendation = z.infer<typeof recommendationSchema>;

/** Share in percent to 2 decimals, as the summary states it (17/48 → 35.42); null when there is nothing to divide by. */
export function sharePercent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10000) / 100;
}
