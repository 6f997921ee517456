import type { Versioned } from '../../platform/platform.tables.js';
import type { HolderKind, HonourLevel, NominationStatus } from '@jinguo/domain';

// Tables owned by the honours module (Kysely types, camelCase; the database columns are snake_case).

/** Configuration shared by the whole install (not owned by a unit): the campaigns and their rules. */
export type HonourCampaignsTable = {
  id: string;
  code: string;
  name: string;
  holderKind: HolderKind;
  noticeDays: number;
  /** JSON HonourRules (domain): lower-level years, women share, female leader, prerequisite … */
  rules: string;
  active: number;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
};

export type HonourNominationsTable = {
  id: string;
  ownerOrgId: string;
  campaignId: string;
  level: HonourLevel;
  year: number;
  holderKind: HolderKind;
  holderName: string;
  holderOrgId: string | null;
  /** The holder's identity across years: the org unit id, or "name:<name>" for families and persons. */
  holderKey: string;
  holderGender: 'female' | 'male' | null;
  womenCount: number | null;
  memberCount: number | null;
  leaderFemale: number | null;
  deeds: string | null;
  nominatedOn: string;
  status: NominationStatus;
  /** The unit whose review is due next (moves up one level per approval). */
  reviewOrgId: string | null;
  noticeStart: string | null;
  noticeEnd: string | null;
  decisionReason: string | null;
  awardId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type HonourReviewsTable = {
  id: string;
  nominationId: string;
  ownerOrgId: string;
  reviewerOrgId: string;
  decision: 'approve' | 'reject';
  comment: string | null;
  reviewedBy: string;
  reviewedAt: string;
};

export type HonourObjectionsTable = {
  id: string;
  nominationId: string;
  ownerOrgId: string;
  receivedOn: string;
  objector: string | null;
  content: string;
  answer: string | null;
  answeredOn: string | null;
  upheld: number | null;
  createdBy: string | null;
  createdAt: string;
};

export type HonourAwardsTable = {
  id: string;
  ownerOrgId: string;
  campaignId: string;
  nominationId: string | null;
  level: HonourLevel;
  year: number;
  awardedOn: string;
  certificateNo: string | null;
  holderKind: HolderKind;
  holderName: string;
  holderOrgId: string | null;
  holderKey: string;
  status: 'active' | 'revoked';
  revokedOn: string | null;
  revokeReason: string | null;
  nextReviewDue: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type HonourAwardReviewsTable = {
  id: string;
  awardId: string;
  ownerOrgId: string;
  reviewedOn: string;
  result: 'pass' | 'fail';
  note: string | null;
  reviewedBy: string;
  createdAt: string;
};

export type HonourPledgesTable = {
  id: string;
  ownerOrgId: string;
  campaignId: string;
  signerName: string;
  signerPosition: string | null;
  signerUnit: string | null;
  signedOn: string;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
};

export type HonoursTables = {
  honourCampaigns: HonourCampaignsTable & Versioned;
  honourNominations: HonourNominationsTable;
  honourReviews: HonourReviewsTable;
  honourObjections: HonourObjectionsTable;
  honourAwards: HonourAwardsTable;
  honourAwardReviews: HonourAwardReviewsTable;
  honourPledges: HonourPledgesTable;
};
