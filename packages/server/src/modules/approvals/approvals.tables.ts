import type { ApprovalHistoryAction, ApprovalKind, ApprovalStatus, Role } from '@jinguo/domain';

// Tables owned by the approvals module (Kysely types, camelCase; the database columns are snake_case).

export type ApprovalRequestsTable = {
  id: string;
  kind: ApprovalKind;
  subjectId: string;
  title: string;
  link: string;
  summary: string;
  /** The kind's own fields as JSON (a case extension: days, reason, date). */
  payload: string;
  ownerOrgId: string;
  status: ApprovalStatus;
  /** ResolvedStep[] as JSON, fixed when the request was made (or resubmitted). */
  steps: string;
  currentStep: number;
  currentOrgId: string | null;
  currentRole: Role | null;
  requestedBy: string;
  requestedAt: string;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ApprovalDecisionsTable = {
  id: string;
  requestId: string;
  ownerOrgId: string;
  stepNo: number | null;
  action: ApprovalHistoryAction;
  comment: string | null;
  decidedBy: string;
  onBehalfOf: string | null;
  decidedAt: string;
};

export type ApprovalSettingsTable = {
  id: string;
  orgUnitId: string;
  kind: ApprovalKind;
  steps: string;
  updatedBy: string | null;
  updatedAt: string;
};

export type ApprovalDeputiesTable = {
  id: string;
  ownerOrgId: string;
  principalUserId: string;
  deputyUserId: string;
  fromDate: string;
  toDate: string;
  reason: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
};

export type ApprovalsTables = {
  approvalRequests: ApprovalRequestsTable;
  approvalDecisions: ApprovalDecisionsTable;
  approvalSettings: ApprovalSettingsTable;
  approvalDeputies: ApprovalDeputiesTable;
};
