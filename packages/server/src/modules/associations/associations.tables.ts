import type { Versioned } from '../../platform/platform.tables.js';
import type { AssociationKind, AssociationMemberKind } from '@jinguo/domain';

// Tables owned by the associations module (Kysely types, camelCase; the database columns are snake_case).

export type AssociationsTable = {
  id: string;
  ownerOrgId: string;
  name: string;
  kind: AssociationKind;
  foundedOn: string | null;
  contactName: string | null;
  description: string | null;
  active: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type AssociationMembersTable = {
  id: string;
  associationId: string;
  ownerOrgId: string;
  memberKind: AssociationMemberKind;
  name: string;
  unitName: string | null;
  role: string;
  joinedOn: string;
  leftOn: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
};

export type AssociationsTables = {
  associations: AssociationsTable & Versioned;
  associationMembers: AssociationMembersTable;
};
