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

/**
 * The levels a whole installation can start at (`jinguo init --level …`, JINGUO_TOP_LEVEL): a province, a city or a
 * district federation, or a township's. A federation is one organisation on five levels; the one that buys the
 * platform is its top.
 */
export const TOP_LEVELS = ['PROVINCE', 'CITY', 'DISTRICT', 'TOWNSHIP'] as const;
export type TopLevel = (typeof TOP_LEVELS)[number];

/** The levels a federation unit (kind `federation`) can have; below the district, a township or street is its own kind. */
export const FEDERATION_LEVELS = ['PROVINCE', 'CITY', 'DISTRICT'] as const;

/** The kind of the unit at the top of an installation of this level (a township's federation is the township itself). */
export function topKindForLevel(level: TopLevel): OrgKind {
  return level === 'TOWNSHIP' ? 'township' : 'federation';
}

/** The level directly above: the federation a unit of this level reports to (and a `jinguo org join` puts on top). */
export function parentLevelOf(level: OrgLevel | null | undefined): OrgLevel | null {
  switch (level) {
    case 'CITY':
      return 'PROVINCE';
    case 'DISTRICT':
      return 'CITY';
    case 'TOWNSHIP':
    case 'SUBDISTRICT':
      return 'DISTRICT';
    case 'VILLAGE':
    case 'COMMUNITY':
      return 'TOWNSHIP';
    default:
      return null;
  }
}

/** The level of a federation child of a federation of this level: a province's cities, a city's districts. */
export function childFederationLevel(level: OrgLevel | null | undefined): OrgLevel | null {
  return level === 'PROVINCE' ? 'CITY' : level === 'CITY' ? 'DISTRICT' : null;
}

/** What a department is called at the level of the federation it belongs to: 省直部门, 市直部门, 区级部门, 乡镇（街道）站所. */
export function departmentLabel(level: OrgLevel | null | undefined): string {
  switch (level) {
    case 'PROVINCE':
      return '省直部门';
    case 'CITY':
      return '市直部门';
    case 'TOWNSHIP':
    case 'SUBDISTRICT':
      return '乡镇（街道）站所';
    default:
      return ORG_KIND_LABELS.department;
  }
}

/** A kind's label under a parent of this level (only departments change their name with the level). */
export function kindLabelAt(kind: OrgKind, parentLevel: OrgLevel | null | undefined): string {
  return kind === 'department' ? departmentLabel(parentLevel) : ORG_KIND_LABELS[kind];
}

/**
 * The digits of a GB/T 2260 code its children share: a province's first 2 (51xxxx), a city's first 4 (5103xx), a
 * district's 6, a township's 9 (统计用区划代码).
 */
export function codePrefixOf(level: OrgLevel | null | undefined, code: string): string {
  if (level === 'PROVINCE') return code.slice(0, 2);
  if (level === 'CITY') return code.slice(0, 4);
  return code;
}

/**
 * Why a unit's code does not fit its level and its parent's code (null when it does): the length follows the level
 * (6 / 9 / 12 digits), a province's code ends in 0000 and a city's in 00 (GB/T 2260), and a code extends the part
 * of its parent's code that its children share (a district of 510300 is 5103xx, a township of 510399 is 510399xxx).
 */
export function codeProblem(
  code: string | null | undefined,
  level: OrgLevel | null | undefined,
  parent: { code: string | null; level: OrgLevel | null } | null,
): string | null {
  if (!code) return null;
  const expected = expectedCodeLength(level);
  if (!expected) return null;
  if (!/^\d+$/.test(code) || code.length !== expected) return `该层级的代码应为${expected}位数字`;
  if (level === 'PROVINCE' && !code.endsWith('0000')) return '省级代码应以0000结尾（如510000）';
  if (level === 'CITY' && (!code.endsWith('00') || code.endsWith('0000'))) return '市级代码应以00结尾（如510300）';
  if (parent?.code) {
    const prefix = codePrefixOf(parent.level, parent.code);
    if (prefix.length < code.length && !code.startsWith(prefix)) return `代码应以上级单位代码 ${prefix} 开头`;
  }
  return null;
}

/**
 * Why a unit of this kind and level may not sit under this parent (null when it may). Federations nest level by
 * level (a province's cities, a city's districts); townships and streets sit under a district — or under a city
 * without districts (不设区的市, e.g. 东莞市); villages under a township or street; departments, agencies, schools and
 * enterprises under a geographic unit or a department.
 */
export function parentProblem(
  child: { kind: OrgKind; level: OrgLevel | null | undefined },
  parent: { kind: OrgKind; level: OrgLevel | null },
): string | null {
  const allowed = allowedParentKinds(child.kind);
  if (!allowed.includes(parent.kind))
    return `${ORG_KIND_LABELS[child.kind]}只能设在${allowed.map((k) => ORG_KIND_LABELS[k]).join('、')}之下`;
  if (child.kind === 'federation') {
    const level = childFederationLevel(parent.level);
    if (!level) return `${ORG_LEVEL_LABELS[parent.level ?? 'DISTRICT']}级妇联之下不能再设妇联（乡镇、街道请选相应类型）`;
    if (child.level !== level) return `${ORG_LEVEL_LABELS[parent.level!]}级妇联之下的妇联层级应为“${ORG_LEVEL_LABELS[level]}”`;
  }
  if ((child.kind === 'township' || child.kind === 'street') && parent.level !== 'DISTRICT' && parent.level !== 'CITY')
    return `${ORG_KIND_LABELS[child.kind]}只能设在区（县）或不设区的市之下`;
  return null;
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
    .regex(/^(\d{6}|\d{9}|\d{12})$/, { message: '代码应为6位（省、市、区县）、9位（乡镇街道）或12位（村社区）数字' })
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
  /** Moves on every change: the ETag, sent back as If-Match on an edit (412 when someone changed the unit meanwhile). */
  version: z.number().int(),
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
  /** Moves when an administrator edits the account (name, unit, active): the ETag, sent back as If-Match. */
  version: z.number().int(),
  roles: z.array(z.object({ id: z.string(), role: z.enum(ROLES), orgUnitId: z.string(), orgUnitName: z.string() })),
});
export type User = z.infer<typeof userSchema>;
