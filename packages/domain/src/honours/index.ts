// Schemas, literal unions and pure rules of the honours module (campaigns, nominations, 公示, awards, pledges).
import { z } from 'zod';
import { businessDateSchema, formatChineseDate } from '../common/dates.js';
import { idSchema } from '../common/ids.js';
import { pageQuerySchema, requiredText } from '../common/schemas.js';

export const HONOUR_LEVELS = ['district', 'city', 'province', 'national'] as const;
export type HonourLevel = (typeof HONOUR_LEVELS)[number];
export const HONOUR_LEVEL_LABELS: Record<HonourLevel, string> = { district: '区级', city: '市级', province: '省级', national: '全国' };
/** district < city < province < national */
export function honourLevelRank(level: HonourLevel): number {
  return HONOUR_LEVELS.indexOf(level);
}

export const HOLDER_KINDS = ['unit', 'family', 'person'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];
export const HOLDER_KIND_LABELS: Record<HolderKind, string> = { unit: '集体（单位）', family: '家庭', person: '个人' };

export const NOMINATION_STATUSES = ['in_review', 'approved', 'publicised', 'awarded', 'rejected', 'withdrawn'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];
export const NOMINATION_STATUS_LABELS: Record<NominationStatus, string> = {
  in_review: '审核中',
  approved: '审核通过待公示',
  publicised: '公示中',
  awarded: '已授予',
  rejected: '未通过',
  withdrawn: '已撤回',
};

/** A campaign's rules (domain.md §4); every key optional so each campaign states only what applies. */
export const honourRulesSchema = z.strictObject({
  /** Years the next-lower level's title must have been held before nominating one level up (巾帼文明岗: 2). */
  lowerLevelYears: z.number().int().min(1).max(10).optional(),
  /** Minimum share of women among the unit's members, in percent (巾帼文明岗: 50). */
  minWomenPercent: z.number().int().min(1).max(100).optional(),
  requireFemaleLeader: z.boolean().optional(),
  requireFemaleHolder: z.boolean().optional(),
  /** Years between periodic re-reviews of an award (dynamic management). */
  reviewCycleYears: z.number().int().min(1).max(10).optional(),
  /** Another title the holder must already hold (e.g. national 五好家庭 ← provincial 最美家庭). */
  prerequisite: z
    .strictObject({ campaign: z.string().min(1), minLevel: z.enum(HONOUR_LEVELS), forLevels: z.array(z.enum(HONOUR_LEVELS)).min(1) })
    .optional(),
});
export type HonourRules = z.infer<typeof honourRulesSchema>;

export const campaignSchema = z.object({
  id: z.string(),
  /** Moves on every change: the ETag, sent back as If-Match when editing. */
  version: z.number().int(),
  code: z.string(),
  name: z.string(),
  holderKind: z.enum(HOLDER_KINDS),
  noticeDays: z.number(),
  rules: honourRulesSchema,
  active: z.boolean(),
  sortOrder: z.number(),
});
export type HonourCampaign = z.infer<typeof campaignSchema>;

export const createCampaignSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]{2,39}$/, { message: '代码须为大写字母、数字和下划线（3–40位）' }),
  name: requiredText('名称', 50),
  holderKind: z.enum(HOLDER_KINDS, { message: '请选择表彰对象' }),
  noticeDays: z
    .number()
    .int({ message: '公示天数须为整数' })
    .min(1, { message: '公示天数至少1天' })
    .max(30, { message: '公示天数不能超过30天' }),
  rules: honourRulesSchema.default({}),
});
export const updateCampaignSchema = z.strictObject({
  name: requiredText('名称', 50).optional(),
  noticeDays: z.number().int().min(1, { message: '公示天数至少1天' }).max(30, { message: '公示天数不能超过30天' }).optional(),
  rules: honourRulesSchema.optional(),
  active: z.boolean().optional(),
});

const optionalCount = (label: string) =>
  z
    .number({ message: `${label}须为数字` })
    .int({ message: `${label}须为整数` })
    .min(0, { message: `${label}不能为负` })
    .max(1_000_000)
    .nullish();

export const createNominationSchema = z
  .strictObject({
    campaignId: idSchema,
    level: z.enum(HONOUR_LEVELS, { message: '请选择申报级别' }),
    year: z.number().int().min(2000).max(2100),
    ownerOrgId: idSchema,
    holderName: requiredText('表彰对象名称', 100),
    holderOrgId: idSchema.nullish(),
    holderGender: z.enum(['female', 'male']).nullish(),
    womenCount: optionalCount('女职工人数'),
    memberCount: optionalCount('职工总人数'),
    leaderFemale: z.boolean().nullish(),
    deeds: z.string().trim().max(4000, { message: '事迹不能超过4000字' }).nullish(),
    nominatedOn: businessDateSchema,
  })
  .refine((v) => v.womenCount == null || v.memberCount == null || v.womenCount <= v.memberCount, {
    path: ['womenCount'],
    message: '女职工人数不能多于职工总人数',
  });
export type CreateNomination = z.input<typeof createNominationSchema>;

export const nominationListQuerySchema = pageQuerySchema.extend({
  campaignId: idSchema.optional(),
  status: z.enum(NOMINATION_STATUSES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type NominationListQuery = z.infer<typeof nominationListQuerySchema>;

export const reviewDecisionSchema = z
  .strictObject({
    decision: z.enum(['approve', 'reject'], { message: '请选择审核意见' }),
    comment: z.string().trim().max(1000).nullish(),
  })
  .refine((v) => v.decision === 'approve' || !!v.comment, { path: ['comment'], message: '不通过时须写明理由' });

export const startNoticeSchema = z.strictObject({ noticeStart: businessDateSchema });
export const objectionSchema = z.strictObject({
  receivedOn: businessDateSchema,
  objector: z.string().trim().max(50).nullish(),
  content: requiredText('异议内容', 2000),
});
export const answerObjectionSchema = z.strictObject({
  answer: requiredText('答复', 2000),
  answeredOn: businessDateSchema,
  upheld: z.boolean({ message: '请选择异议是否成立' }),
});
export const awardNominationSchema = z.strictObject({
  awardedOn: businessDateSchema,
  certificateNo: z.string().trim().max(50).nullish(),
});

export const nominationSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignCode: z.string(),
  campaignName: z.string(),
  level: z.enum(HONOUR_LEVELS),
  year: z.number(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  holderKind: z.enum(HOLDER_KINDS),
  holderName: z.string(),
  holderOrgId: z.string().nullable(),
  holderGender: z.enum(['female', 'male']).nullable(),
  womenCount: z.number().nullable(),
  memberCount: z.number().nullable(),
  leaderFemale: z.boolean().nullable(),
  deeds: z.string().nullable(),
  nominatedOn: z.string(),
  status: z.enum(NOMINATION_STATUSES),
  reviewOrgId: z.string().nullable(),
  reviewOrgName: z.string().nullable(),
  noticeStart: z.string().nullable(),
  noticeEnd: z.string().nullable(),
  decisionReason: z.string().nullable(),
  awardId: z.string().nullable(),
});
export type Nomination = z.infer<typeof nominationSchema>;

export const nominationDetailSchema = nominationSchema.extend({
  reviews: z.array(
    z.object({
      id: z.string(),
      reviewerOrgName: z.string(),
      decision: z.enum(['approve', 'reject']),
      comment: z.string().nullable(),
      reviewedAt: z.string(),
    }),
  ),
  objections: z.array(
    z.object({
      id: z.string(),
      receivedOn: z.string(),
      objector: z.string().nullable(),
      content: z.string(),
      answer: z.string().nullable(),
      answeredOn: z.string().nullable(),
      upheld: z.boolean().nullable(),
    }),
  ),
  /** What the caller may do now (the page shows buttons; the server decides). */
  actions: z.array(z.enum(['review', 'startNotice', 'recordObjection', 'answerObjection', 'award', 'withdraw'])),
});
export type NominationDetail = z.infer<typeof nominationDetailSchema>;

export const createAwardSchema = z.strictObject({
  campaignId: idSchema,
  level: z.enum(HONOUR_LEVELS, { message: '请选择级别' }),
  year: z.number().int().min(1980).max(2100),
  awardedOn: businessDateSchema,
  certificateNo: z.string().trim().max(50).nullish(),
  holderName: requiredText('获奖对象名称', 100),
  holderOrgId: idSchema.nullish(),
  ownerOrgId: idSchema,
});
export type CreateAward = z.input<typeof createAwardSchema>;

export const awardListQuerySchema = pageQuerySchema.extend({
  campaignId: idSchema.optional(),
  level: z.enum(HONOUR_LEVELS).optional(),
  status: z.enum(['active', 'revoked']).optional(),
  year: z.coerce.number().int().min(1980).max(2100).optional(),
});
export type AwardListQuery = z.infer<typeof awardListQuerySchema>;

export const awardSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  level: z.enum(HONOUR_LEVELS),
  year: z.number(),
  awardedOn: z.string(),
  certificateNo: z.string().nullable(),
  holderKind: z.enum(HOLDER_KINDS),
  holderName: z.string(),
  holderOrgId: z.string().nullable(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  status: z.enum(['active', 'revoked']),
  revokedOn: z.string().nullable(),
  revokeReason: z.string().nullable(),
  nextReviewDue: z.string().nullable(),
  nominationId: z.string().nullable(),
});
export type HonourAward = z.infer<typeof awardSchema>;

export const revokeAwardSchema = z.strictObject({ revokedOn: businessDateSchema, reason: requiredText('撤销理由', 500) });
export const awardReviewSchema = z
  .strictObject({
    reviewedOn: businessDateSchema,
    result: z.enum(['pass', 'fail'], { message: '请选择复审结果' }),
    note: z.string().trim().max(1000).nullish(),
  })
  .refine((v) => v.result === 'pass' || !!v.note, { path: ['note'], message: '复审不合格须写明理由' });

export const standingSchema = z.object({
  campaignId: z.string(),
  asOf: z.string(),
  total: z.number(),
  byLevel: z.array(z.object({ level: z.enum(HONOUR_LEVELS), holders: z.number() })),
  awardedThisYear: z.array(z.object({ level: z.enum(HONOUR_LEVELS), awards: z.number() })),
});
export type HonourStanding = z.infer<typeof standingSchema>;

export const createPledgeSchema = z.strictObject({
  campaignId: idSchema,
  ownerOrgId: idSchema,
  signerName: requiredText('签订人', 50),
  signerPosition: z.string().trim().max(50).nullish(),
  signerUnit: z.string().trim().max(100).nullish(),
  signedOn: businessDateSchema,
  note: z.string().trim().max(500).nullish(),
});
export type CreatePledge = z.input<typeof createPledgeSchema>;
export const pledgeListQuerySchema = pageQuerySchema.extend({
  campaignId: idSchema.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type PledgeListQuery = z.infer<typeof pledgeListQuerySchema>;
export const pledgeSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  signerName: z.string(),
  signerPosition: z.string().nullable(),
  signerUnit: z.string().nullable(),
  signedOn: z.string(),
  note: z.string().nullable(),
});
export type HonourPledge = z.infer<typeof pledgeSchema>;

/** A title the holder already has, for the rule checks. */
export type HeldTitle = { campaignCode: string; campaignName: string; level: HonourLevel; awardedOn: string; status: 'active' | 'revoked' };

/** "2024-03-08" + n years (29 Feb → 28 Feb). */
function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/**
 * The campaign's rules applied to a nomination (domain.md §4). Returns the reasons it is refused, in Chinese,
 * each naming what is missing; an empty list means it may go forward.
 */
export function checkNominationRules(
  campaign: { code: string; name: string; rules: HonourRules },
  n: {
    level: HonourLevel;
    nominatedOn: string;
    holderGender?: 'female' | 'male' | null;
    womenCount?: number | null;
    memberCount?: number | null;
    leaderFemale?: boolean | null;
  },
  held: HeldTitle[],
  /** Campaign names by code, to name a prerequisite title the holder does not have. */
  campaignNames: Record<string, string> = {},
): string[] {
  const reasons: string[] = [];
  const r = campaign.rules;
  const active = held.filter((h) => h.status === 'active');
  const same = active.filter((h) => h.campaignCode === campaign.code);
  const levelLabel = HONOUR_LEVEL_LABELS[n.level];

  const already = same.filter((h) => honourLevelRank(h.level) >= honourLevelRank(n.level));
  if (already.length) reasons.push(`已持有${HONOUR_LEVEL_LABELS[already[0].level]}${campaign.name}称号，不能再申报${levelLabel}`);

  if (r.lowerLevelYears && n.level !== 'district') {
    const lower = HONOUR_LEVELS[honourLevelRank(n.level) - 1];
    const lowerLabel = HONOUR_LEVEL_LABELS[lower];
    const lowerTitles = same.filter((h) => h.level === lower).sort((a, b) => a.awardedOn.localeCompare(b.awardedOn));
    if (lowerTitles.length === 0) reasons.push(`须先取得${lowerLabel}${campaign.name}称号满${r.lowerLevelYears}年，才能申报${levelLabel}`);
    else if (addYears(lowerTitles[0].awardedOn, r.lowerLevelYears) > n.nominatedOn) {
      reasons.push(
        `取得${lowerLabel}${campaign.name}称号（${formatChineseDate(lowerTitles[0].awardedOn)}）未满${r.lowerLevelYears}年，${formatChineseDate(addYears(lowerTitles[0].awardedOn, r.lowerLevelYears))}后方可申报${levelLabel}`,
      );
    }
  }
  if (r.minWomenPercent) {
    if (n.womenCount == null || !n.memberCount) reasons.push('须填写职工总人数和女职工人数');
    else if (n.womenCount * 100 < r.minWomenPercent * n.memberCount) {
      const pct = Math.round((n.womenCount / n.memberCount) * 10000) / 100;
      reasons.push(`女职工占比${pct}%，低于${r.minWomenPercent}%`);
    }
  }
  if (r.requireFemaleLeader && n.leaderFemale !== true) reasons.push('岗长（负责人）须为女性');
  if (r.requireFemaleHolder && n.holderGender !== 'female') reasons.push(`${campaign.name}的表彰对象须为女性`);
  if (r.prerequisite?.forLevels.includes(n.level)) {
    const p = r.prerequisite;
    const ok = active.some((h) => h.campaignCode === p.campaign && honourLevelRank(h.level) >= honourLevelRank(p.minLevel));
    if (!ok) {
      const name = campaignNames[p.campaign] ?? p.campaign;
      reasons.push(`申报${levelLabel}须已获得${HONOUR_LEVEL_LABELS[p.minLevel]}及以上${name}称号`);
    }
  }
  return reasons;
}
