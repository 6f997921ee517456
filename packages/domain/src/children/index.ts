// Schemas, literal unions and pure rules of the children module (关爱留守儿童), shared by server and web.
// The minor-protection rules (guardian consent under 14, details only for a narrower permission) are the
// shared ones of common/minors.ts, as 春蕾 uses them; nothing here restates them.
import { z } from 'zod';
import { businessDateSchema } from '../common/dates.js';
import { idSchema } from '../common/ids.js';
import { guardianConsentSchema } from '../common/minors.js';
import { pageQuerySchema, requiredText } from '../common/schemas.js';

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label}不能超过${max}个字符` })
    .nullish();

/**
 * 农村留守儿童 (国发〔2016〕13号): under 16, both parents working away, or one away and the other unable to
 * look after the child. A child registered at 16 or older is refused.
 */
export const LEFT_BEHIND_MAX_AGE = 16;

export const LEFT_BEHIND_SITUATIONS = ['both_away', 'one_away'] as const;
export type LeftBehindSituation = (typeof LEFT_BEHIND_SITUATIONS)[number];
export const LEFT_BEHIND_SITUATION_LABELS: Record<LeftBehindSituation, string> = {
  both_away: '父母均外出务工',
  one_away: '一方外出务工、另一方无监护能力',
};

export const CARER_KINDS = ['grandparents', 'relatives', 'entrusted', 'none'] as const;
export type CarerKind = (typeof CARER_KINDS)[number];
export const CARER_KIND_LABELS: Record<CarerKind, string> = {
  grandparents: '祖父母或外祖父母',
  relatives: '其他亲属',
  entrusted: '委托他人照料',
  none: '无人照料',
};

export const CHILD_NEEDS = ['study', 'psychological', 'health', 'safety', 'living'] as const;
export type ChildNeed = (typeof CHILD_NEEDS)[number];
export const CHILD_NEED_LABELS: Record<ChildNeed, string> = {
  study: '学业辅导',
  psychological: '心理关爱',
  health: '健康医疗',
  safety: '安全监护',
  living: '生活困难',
};

export const CHILD_STATUSES = ['active', 'ended'] as const;
export type ChildStatus = (typeof CHILD_STATUSES)[number];
export const CHILD_STATUS_LABELS: Record<ChildStatus, string> = { active: '在册关爱', ended: '已结束' };

export const VISIT_MODES = ['home', 'school', 'phone', 'video'] as const;
export type VisitMode = (typeof VISIT_MODES)[number];
export const VISIT_MODE_LABELS: Record<VisitMode, string> = { home: '入户走访', school: '到校看望', phone: '电话联系', video: '视频联系' };

export const VISITOR_KINDS = ['proxy_mother', 'federation', 'teacher', 'other'] as const;
export type VisitorKind = (typeof VISITOR_KINDS)[number];
export const VISITOR_KIND_LABELS: Record<VisitorKind, string> = {
  proxy_mother: '代理妈妈',
  federation: '妇联干部',
  teacher: '老师',
  other: '其他',
};

export const HELP_KINDS = ['study', 'living', 'medical', 'festival', 'other'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];
export const HELP_KIND_LABELS: Record<HelpKind, string> = {
  study: '助学和学习用品',
  living: '生活补助',
  medical: '医疗救助',
  festival: '节日慰问',
  other: '其他帮扶',
};

const needsSchema = z.array(z.enum(CHILD_NEEDS, { message: '关爱需求不正确' })).max(CHILD_NEEDS.length);

export const createChildSchema = z.strictObject({
  /** Recorded before anything else for a child under 14 (the server refuses without it). */
  consent: guardianConsentSchema.nullish(),
  name: requiredText('姓名', 50),
  idNumber: requiredText('身份证号', 18),
  /** The village or community (or township) the child lives in: its township owns the record. */
  residenceOrgId: idSchema,
  schoolOrgId: idSchema.nullish(),
  schoolName: optionalText('就读学校', 100),
  grade: optionalText('年级', 20),
  situation: z.enum(LEFT_BEHIND_SITUATIONS, { message: '请选择留守情形' }),
  fatherWorkPlace: optionalText('父亲务工地', 100),
  motherWorkPlace: optionalText('母亲务工地', 100),
  carerKind: z.enum(CARER_KINDS, { message: '请选择照料方式' }),
  carerName: optionalText('照料人姓名', 50),
  carerRelation: optionalText('照料人关系', 20),
  carerPhone: z.string().trim().max(20).nullish(),
  needs: needsSchema.default([]),
  registeredOn: businessDateSchema,
  note: optionalText('备注', 500),
});
export type CreateChild = z.input<typeof createChildSchema>;

export const updateChildSchema = z
  .strictObject({
    schoolName: optionalText('就读学校', 100),
    grade: optionalText('年级', 20),
    situation: z.enum(LEFT_BEHIND_SITUATIONS, { message: '请选择留守情形' }).optional(),
    fatherWorkPlace: optionalText('父亲务工地', 100),
    motherWorkPlace: optionalText('母亲务工地', 100),
    carerKind: z.enum(CARER_KINDS, { message: '请选择照料方式' }).optional(),
    carerName: optionalText('照料人姓名', 50),
    carerRelation: optionalText('照料人关系', 20),
    carerPhone: z.string().trim().max(20).nullish(),
    needs: needsSchema.optional(),
    note: optionalText('备注', 500),
  })
  .refine((v) => Object.keys(v).length > 0, { path: ['(root)'], message: '没有要修改的内容' });
export type UpdateChild = z.input<typeof updateChildSchema>;

/** A child leaves the register: parents came home, she turned 16, moved away … */
export const endChildSchema = z.strictObject({ endedOn: businessDateSchema, reason: requiredText('结束原因', 200) });

export const childListQuerySchema = pageQuerySchema.extend({
  status: z.enum(CHILD_STATUSES).optional(),
  townshipId: idSchema.optional(),
  need: z.enum(CHILD_NEEDS).optional(),
  /** Searched only for holders of children.minors.read (a name search would reveal names to others). */
  q: z.string().trim().max(50).optional(),
});
export type ChildListQuery = z.infer<typeof childListQuerySchema>;

/** A child as any children.read holder sees her: without children.minors.read only a masked name and the township. */
export const childSchema = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  /** False when the caller may not see a minor's details: the nullable fields below are then null. */
  detailsVisible: z.boolean(),
  age: z.number().int().nullable(),
  gender: z.enum(['female', 'male']).nullable(),
  townshipId: z.string(),
  townshipName: z.string(),
  villageName: z.string().nullable(),
  schoolName: z.string().nullable(),
  grade: z.string().nullable(),
  situation: z.enum(LEFT_BEHIND_SITUATIONS).nullable(),
  fatherWorkPlace: z.string().nullable(),
  motherWorkPlace: z.string().nullable(),
  carerKind: z.enum(CARER_KINDS).nullable(),
  carerName: z.string().nullable(),
  carerRelation: z.string().nullable(),
  carerPhoneMasked: z.string().nullable(),
  needs: z.array(z.enum(CHILD_NEEDS)).nullable(),
  note: z.string().nullable(),
  consentRecorded: z.boolean(),
  status: z.enum(CHILD_STATUSES),
  registeredOn: z.string(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  proxyMotherName: z.string().nullable(),
  visits: z.number().int(),
  helpFen: z.number().int(),
});
export type LeftBehindChild = z.infer<typeof childSchema>;

// ─── 代理妈妈 ─────────────────────────────────────────────────────────────────────────────────

export const createProxyMotherSchema = z.strictObject({
  name: requiredText('姓名', 50),
  idNumber: z.string().trim().max(18).nullish(),
  phone: z.string().trim().max(20).nullish(),
  residenceOrgId: idSchema,
  /** Her work or role: 村妇联执委, 教师, 退休干部 … */
  unitName: optionalText('工作单位或身份', 100),
  note: optionalText('备注', 500),
});
export type CreateProxyMother = z.input<typeof createProxyMotherSchema>;

export const proxyMotherSchema = z.object({
  id: z.string(),
  personId: z.string(),
  ownerOrgId: z.string(),
  townshipName: z.string(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  unitName: z.string().nullable(),
  note: z.string().nullable(),
  activePairings: z.number().int(),
});
export type ProxyMother = z.infer<typeof proxyMotherSchema>;

export const createChildPairingSchema = z.strictObject({
  proxyMotherId: idSchema,
  startDate: businessDateSchema,
  note: optionalText('备注', 500),
});
export const endChildPairingSchema = z.strictObject({ endDate: businessDateSchema, reason: requiredText('结束原因', 200) });

export const childPairingSchema = z.object({
  id: z.string(),
  childId: z.string(),
  childName: z.string(),
  proxyMotherId: z.string(),
  proxyMotherName: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  endReason: z.string().nullable(),
  note: z.string().nullable(),
});
export type ChildPairing = z.infer<typeof childPairingSchema>;

// ─── visits and help ──────────────────────────────────────────────────────────────────────────

export const createVisitSchema = z.strictObject({
  visitedOn: businessDateSchema,
  mode: z.enum(VISIT_MODES, { message: '请选择走访方式' }),
  visitorKind: z.enum(VISITOR_KINDS, { message: '请选择走访人' }),
  visitorName: requiredText('走访人姓名', 50),
  /** What was found (stored encrypted: a narrative about a minor). */
  findings: requiredText('走访情况', 1000),
  needs: needsSchema.default([]),
  followUp: optionalText('后续措施', 500),
});
export type CreateVisit = z.input<typeof createVisitSchema>;

export const visitSchema = z.object({
  id: z.string(),
  childId: z.string(),
  visitedOn: z.string(),
  mode: z.enum(VISIT_MODES),
  visitorKind: z.enum(VISITOR_KINDS),
  visitorName: z.string(),
  /** Null for a caller who may not see the child's details. */
  findings: z.string().nullable(),
  needs: z.array(z.enum(CHILD_NEEDS)),
  followUp: z.string().nullable(),
});
export type ChildVisit = z.infer<typeof visitSchema>;

/** Help given through the fund ledger: a disbursement to the child, paid by the ledger in the same transaction. */
export const createHelpSchema = z.strictObject({
  kind: z.enum(HELP_KINDS, { message: '请选择帮扶类别' }),
  description: requiredText('帮扶内容', 200),
  accountId: idSchema,
  /** Cash (fen) from a cash or budget account … */
  amountFen: z
    .number({ message: '金额须为数字（分）' })
    .int({ message: '金额必须是整数分' })
    .positive({ message: '金额须大于0' })
    .nullish(),
  /** … or a quantity from a goods account. */
  quantity: z.number({ message: '数量须为数字' }).int({ message: '数量须为整数' }).positive({ message: '数量须大于0' }).nullish(),
  method: z.enum(['cash', 'bank_transfer', 'in_kind'], { message: '请选择发放方式' }),
  bankCard: z
    .string()
    .trim()
    .regex(/^\d{12,19}$/, { message: '银行卡号应为12–19位数字' })
    .nullish(),
  givenOn: businessDateSchema,
  approvedBy: idSchema,
});
export type CreateHelp = z.input<typeof createHelpSchema>;
export const reverseHelpSchema = z.strictObject({ reason: requiredText('冲销原因', 200) });

export const helpSchema = z.object({
  id: z.string(),
  childId: z.string(),
  kind: z.enum(HELP_KINDS),
  description: z.string(),
  givenOn: z.string(),
  accountName: z.string(),
  form: z.enum(['cash', 'goods']),
  amountFen: z.number().int(),
  quantity: z.number().int().nullable(),
  disbursementId: z.string(),
  reversed: z.boolean(),
});
export type ChildHelp = z.infer<typeof helpSchema>;

/** One child with her 代理妈妈 pairings, visit log and the help she received. */
export const childDetailSchema = childSchema.extend({
  pairingHistory: z.array(childPairingSchema),
  visitLog: z.array(visitSchema),
  helpGiven: z.array(helpSchema),
});
export type LeftBehindChildDetail = z.infer<typeof childDetailSchema>;

/** Is a child of this age (on the registration date) a 留守儿童 the register may take? */
export function leftBehindAgeProblem(age: number): string | null {
  if (age < 0) return '出生日期晚于登记日期';
  return age >= LEFT_BEHIND_MAX_AGE ? `留守儿童为不满${LEFT_BEHIND_MAX_AGE}周岁的未成年人（该儿童登记时已满${age}周岁）` : null;
}
