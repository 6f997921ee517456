import { z } from 'zod';
import { idSchema } from '../common/ids.js';
import { requiredText } from '../common/schemas.js';
import { ROLES } from '../platform/permissions.js';

export const ORG_KINDS = [
  'federation',
  'township',
  'street',
  'village',
  'community',
  'department',
  'agency',
  'school',
  'enterprise',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  federation: '妇联',
  township: '乡镇',
  street: '街道',
  village: '村',
  community: '社区',
  department: '区级部门',
  agency: '合作机构',
  school: '学校',
  enterprise: '企业',
};

/** Administrative level of a unit (geographic units only; others are null). */
export const ORG_LEVELS = ['PROVINCE', 'CITY', 'DISTRICT', 'TOWNSHIP', 'SUBDISTRICT', 'VILLAGE', 'COMMUNITY'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const ORG_LEVEL_LABELS: Record<OrgLevel, string> = {
  PROVINCE: '省',
  CITY: '市',
  DISTRICT: '区（县）',
  TOWNSHIP: '乡镇',
  SUBDISTRICT: '街道',
  VILLAGE: '村',
  COMMUNITY: '社区',
};

/** Agencies are typed so referrals can be routed by kind. */
export const AGENCY_TYPES = ['police', 'court', 'justice', 'legal_aid', 'civil_affairs', 'health', 'education', 'other'] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];
export const AGENCY_TYPE_LABELS: Record<AgencyType, string> = {
  police: '公安',
  court: '法院',
  justice: '司法行政',
  legal_aid: '法律援助',
  civil_affairs: '民政',
  health: '医疗卫生',
  education: '教育',
  other: '其他',
};

/** The code a unit carries: 6 digits for a province/city/district (GB/T 2260), 9 for a township or street, 12 for a village or community. */
export function expectedCodeLength(level: OrgLevel | null | undefined): number | null {
  switch (level) {
    case 'PROVINCE':
    case 'CITY':
    case 'DISTRICT':
      return 6;
    case 'TOWNSHIP':
    case 'SUBDISTRICT':
      return 9;
    case 'VILLAGE':
    case 'COMMUNITY':
      return 12;
    default:
      return null;
  }
}

/** Kinds that sit on the administrative map (they carry GB/T 2260 / 统计用区划代码 codes). */
export const GEOGRAPHIC_KINDS: readonly OrgKind[] = ['federation', 'township', 'street', 'village', 'community'];

/**
 * Which kinds of unit may sit directly above a unit of this kind: the tree mirrors the administrative map
 * (federation → township/street → village/community), and departments, agencies, schools and enterprises
 * hang under a geographic unit or a department.
 */
export function allowedParentKinds(kind: OrgKind): readonly OrgKind[] {
  switch (kind) {
    case 'federation':
      return ['federation'];
    case 'township':
    case 'street':
      return ['federation'];
    case 'village':
    case 'community':
      return ['township', 'street'];
    default:
      return [...GEOGRAPHIC_KINDS, 'department'];
  }
}

/** The kinds a new child of this unit may have (the inverse of allowedParentKinds). */
export function allowedChildKinds(parentKind: OrgKind): OrgKind[] {
  return ORG_KINDS.filter((k) => allowedParentKinds(k).includes(parentKind));
}

export function levelForKind(kind: OrgKind): OrgLevel | null {
  switch (kind) {
    case 'township':
      return 'TOWNSHIP';
    case 'street':
      return 'SUBDISTRICT';
    case 'village':
      return 'VILLAGE';
    case 'community':
      return 'COMMUNITY';
    default:
      return null;
  }
}

const orgFields = {
  name: requiredText('名称', 100),
  kind: z.enum(ORG_KINDS, { message: '请选择单位类型' }),
  level: z.enum(ORG_LEVELS, { message: '层级不正确' }).nullable().optional(),
  code: z
    .string()
    .trim()
    .regex(/^(\d{6}|\d{9}|\d{12})$/, { message: '代码应为6位（区县）、9位（乡镇街道）或12位（村社区）数字' })
    .nullable()
    .optional(),
  agencyType: z.enum(AGENCY_TYPES).nullable().optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
};

export const createOrgUnitSchema = z.strictObject({ ...orgFields, parentId: idSchema });
export const updateOrgUnitSchema = z.strictObject({
  name: orgFields.name.optional(),
  code: orgFields.code,
  agencyType: orgFields.agencyType,
  sortOrder: orgFields.sortOrder,
});
/** Moving a coded unit to a parent with another code needs the unit's new code (its coded descendants follow). */
export const moveOrgUnitSchema = z.strictObject({ parentId: idSchema, code: orgFields.code });

export const orgUnitSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  level: z.enum(ORG_LEVELS).nullable(),
  code: z.string().nullable(),
  agencyType: z.enum(AGENCY_TYPES).nullable(),
  depth: z.number().int(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  childCount: z.number().int().optional(),
});
export type OrgUnit = z.infer<typeof orgUnitSchema>;
export type CreateOrgUnit = z.infer<typeof createOrgUnitSchema>;

// Users and role assignments (managed in the org module; authentication itself is platform).

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, { message: '用户名须以字母开头，3–32位字母、数字、下划线、点或连字符' });

export const createUserSchema = z.strictObject({
  username: usernameSchema,
  displayName: requiredText('姓名', 50),
  orgUnitId: idSchema,
});
export const updateUserSchema = z.strictObject({
  displayName: requiredText('姓名', 50).optional(),
  orgUnitId: idSchema.optional(),
  active: z.boolean().optional(),
});
export const assignRoleSchema = z.strictObject({
  role: z.enum(ROLES, { message: '请选择角色' }),
  orgUnitId: idSchema,
});

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  active: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  /** A second factor (TOTP) is enrolled; the security admin may reset it. */
  secondFactorEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(z.object({ id: z.string(), role: z.enum(ROLES), orgUnitId: z.string(), orgUnitName: z.string() })),
});
export type User = z.infer<typeof userSchema>;
