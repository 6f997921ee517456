import type { Versioned } from '../../platform/platform.tables.js';
import type { CadreRank, RecommendationStatus, RotationDirection } from '@jinguo/domain';

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

export type CadresTables = {
  cadres: CadresTable & Versioned;
  cadreRotations: CadreRotationsTable;
  cadreRotationMembers: CadreRotationMembersTable;
  partyRecommendations: PartyRecommendationsTable;
};
