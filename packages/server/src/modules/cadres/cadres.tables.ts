import type { Versioned } from '../../platform/platform.tables.js';
import type {
  CadrePostLevel,
  CadreRank,
  CadreTargetDimension,
  CadreUnitCategory,
  EducationLevel,
  RecommendationStatus,
  RotationDirection,
} from '@jinguo/domain';

// Tables owned by the cadres module (Kysely types, camelCase; the database columns are snake_case).

export type CadresTable = {
  id: string;
  ownerOrgId: string;
  name: string;
  gender: 'female' | 'male';
  unitName: string;
  position: string | null;
  rank: CadreRank;
  birthYear: number | null;
  partyMember: number;
  note: string | null;
  active: number;
  education: EducationLevel | null;
  postLevel: CadrePostLevel | null;
  unitCategory: CadreUnitCategory | null;
  /** On the roster from this date (null: since before records began). */
  servingSince: string | null;
  /** Off the roster from this date (null: still on it); the roster of 31 December of any year is counted from these two. */
  leftOn: string | null;
  /** 后备干部: counted in the pool of candidates. */
  reserve: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CadreRotationsTable = {
  id: string;
  ownerOrgId: string;
  title: string;
  startDate: string;
  endDate: string | null;
  description: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CadreRotationMembersTable = {
  id: string;
  rotationId: string;
  cadreId: string;
  ownerOrgId: string;
  direction: RotationDirection;
  hostUnit: string | null;
  createdAt: string;
};

export type PartyRecommendationsTable = {
  id: string;
  ownerOrgId: string;
  candidateName: string;
  unitName: string | null;
  recommendedOn: string;
  status: RecommendationStatus;
  statusDate: string | null;
  note: string | null;
  cadreId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

/** A target women's share (basis points: 3000 = 30.00%) for the roster, a key of a dimension, or the reserve pool. */
export type CadreTargetsTable = {
  id: string;
  ownerOrgId: string;
  label: string;
  dimension: CadreTargetDimension;
  key: string | null;
  targetShareBp: number;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CadresTables = {
  cadres: CadresTable & Versioned;
  cadreRotations: CadreRotationsTable;
  cadreRotationMembers: CadreRotationMembersTable;
  partyRecommendations: PartyRecommendationsTable;
  cadreTargets: CadreTargetsTable;
};
