import { AGENCY_TYPE_LABELS, ORG_KIND_LABELS, ORG_LEVEL_LABELS, type AgencyType, type OrgKind, type OrgLevel } from '@jinguo/domain';

type T = (zh: string, en: string) => string;

const KIND_EN: Record<OrgKind, string> = {
  federation: 'Federation',
  township: 'Township',
  street: 'Street',
  village: 'Village',
  community: 'Community',
  department: 'Department',
  agency: 'Partner agency',
  school: 'School',
  enterprise: 'Enterprise',
};
const LEVEL_EN: Record<OrgLevel, string> = {
  PROVINCE: 'Province',
  CITY: 'City',
  DISTRICT: 'District',
  TOWNSHIP: 'Township',
  SUBDISTRICT: 'Street',
  VILLAGE: 'Village',
  COMMUNITY: 'Community',
};
const AGENCY_EN: Record<AgencyType, string> = {
  police: 'Police',
  court: 'Court',
  justice: 'Justice',
  legal_aid: 'Legal aid',
  civil_affairs: 'Civil affairs',
  health: 'Health',
  education: 'Education',
  other: 'Other',
};

export const KIND_COLORS: Record<OrgKind, string> = {
  federation: 'magenta',
  township: 'blue',
  street: 'geekblue',
  village: 'green',
  community: 'cyan',
  department: 'purple',
  agency: 'orange',
  school: 'gold',
  enterprise: 'volcano',
};

export const kindLabel = (t: T, k: OrgKind) => t(ORG_KIND_LABELS[k], KIND_EN[k]);
export const levelLabel = (t: T, l: OrgLevel | null) => (l ? t(ORG_LEVEL_LABELS[l], LEVEL_EN[l]) : '—');
export const agencyTypeLabel = (t: T, a: AgencyType | null) => (a ? t(AGENCY_TYPE_LABELS[a], AGENCY_EN[a]) : '—');
