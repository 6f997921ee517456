// Schemas, literal unions and pure rules of the cadres module (roster, rotations, 推优).
import { z } from 'zod';
import { businessDateSchema } from '../common/dates.js';
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
export const CADRE_GENDER_LABELS: Record<(typeof CADRE_GENDERS)[number], string> = { female: '女', male: '男' };

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
});
export type CreateCadre = z.input<typeof createCadreSchema>;
export const updateCadreSchema = createCadreSchema.partial().extend({ active: z.boolean().optional() });

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
});
export type Cadre = z.infer<typeof cadreSchema>;

/** Women's share of the roster (by rank), computed from the rows. */
export const cadreAnalysisSchema = z.object({
  total: z.number(),
  women: z.number(),
  womenShare: z.number().nullable(),
  byRank: z.array(z.object({ rank: z.enum(CADRE_RANKS), total: z.number(), women: z.number(), womenShare: z.number().nullable() })),
});
export type CadreAnalysis = z.infer<typeof cadreAnalysisSchema>;

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
