// Schemas, literal unions and pure rules of the associations module.
import { z } from 'zod';
import { businessDateSchema } from '../common/dates.js';
import { idSchema } from '../common/ids.js';
import { pageQuerySchema, requiredText } from '../common/schemas.js';

export const ASSOCIATION_KINDS = ['women_entrepreneurs', 'friends_of_women', 'professional', 'other'] as const;
export type AssociationKind = (typeof ASSOCIATION_KINDS)[number];
export const ASSOCIATION_KIND_LABELS: Record<AssociationKind, string> = {
  women_entrepreneurs: '女企业家协会',
  friends_of_women: '巾帼之友协会',
  professional: '行业女性组织',
  other: '其他团体会员',
};

export const ASSOCIATION_MEMBER_KINDS = ['person', 'organisation'] as const;
export type AssociationMemberKind = (typeof ASSOCIATION_MEMBER_KINDS)[number];
export const ASSOCIATION_MEMBER_KIND_LABELS: Record<AssociationMemberKind, string> = { person: '个人会员', organisation: '单位会员' };
/** Usual roles, offered as choices; any text is accepted. */
export const ASSOCIATION_ROLES = ['会长', '副会长', '秘书长', '常务理事', '理事', '会员'] as const;

export const createAssociationSchema = z.strictObject({
  ownerOrgId: idSchema,
  name: requiredText('协会名称', 100),
  kind: z.enum(ASSOCIATION_KINDS, { message: '请选择类别' }),
  foundedOn: businessDateSchema.nullish(),
  contactName: z.string().trim().max(50).nullish(),
  description: z.string().trim().max(2000).nullish(),
});
export type CreateAssociation = z.input<typeof createAssociationSchema>;
export const updateAssociationSchema = createAssociationSchema
  .omit({ ownerOrgId: true })
  .partial()
  .extend({ active: z.boolean().optional() });

export const associationSchema = z.object({
  id: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  name: z.string(),
  kind: z.enum(ASSOCIATION_KINDS),
  foundedOn: z.string().nullable(),
  contactName: z.string().nullable(),
  description: z.string().nullable(),
  active: z.boolean(),
  members: z.number(),
  activitiesThisYear: z.number(),
  /** The ETag, sent back as If-Match on an edit (412 when someone changed the association meanwhile). */
  version: z.number().int(),
});
export type Association = z.infer<typeof associationSchema>;

export const memberSchemaInput = z
  .strictObject({
    memberKind: z.enum(ASSOCIATION_MEMBER_KINDS, { message: '请选择会员类型' }),
    name: requiredText('会员名称', 100),
    unitName: z.string().trim().max(100).nullish(),
    role: requiredText('职务', 20),
    joinedOn: businessDateSchema,
    leftOn: businessDateSchema.nullish(),
    note: z.string().trim().max(500).nullish(),
  })
  .refine((v) => !v.leftOn || v.leftOn >= v.joinedOn, { path: ['leftOn'], message: '退出日期不能早于加入日期' });
export type AssociationMemberInput = z.input<typeof memberSchemaInput>;

export const memberListQuerySchema = pageQuerySchema.extend({
  current: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
});
export type MemberListQuery = z.infer<typeof memberListQuerySchema>;

export const associationMemberSchema = z.object({
  id: z.string(),
  associationId: z.string(),
  memberKind: z.enum(ASSOCIATION_MEMBER_KINDS),
  name: z.string(),
  unitName: z.string().nullable(),
  role: z.string(),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  note: z.string().nullable(),
});
export type AssociationMember = z.infer<typeof associationMemberSchema>;
