import type { Versioned } from '../../platform/platform.tables.js';
// Tables owned by the cases module (Kysely types, camelCase; the database columns are snake_case).
import type {
  ActionKind,
  CaseChannel,
  CaseStatus,
  HandoverKind,
  HandoverStatus,
  ReferralKind,
  ReferralStatus,
  RiskLevel,
} from '@jinguo/domain';

/** The configurable category list (家庭暴力, 婚姻家庭纠纷 …). */
export type CaseCategoriesTable = { code: string; label: string; sortOrder: number; active: number };

/** The last case number given per owning federation and year: the upsert on it allocates 2026-0078 safely. */
export type CaseCountersTable = { ownerOrgId: string; year: number; lastNo: number };

export type CasesTable = {
  id: string;
  ownerOrgId: string;
  year: number;
  seq: number;
  caseNo: string;
  channel: CaseChannel;
  receivedDate: string;
  category: string;
  matterType: string | null;
  summary: string;
  /** Encrypted; a DV narrative is readable only with cases.dv.read. */
  narrativeEnc: string | null;
  applicantPersonId: string;
  assigneeUserId: string | null;
  status: CaseStatus;
  /** Sort rank: the risk rank (high 3 … none 0) while the case is open, 0 once it is not — high risk first in every list. */
  priority: number;
  riskLevel: RiskLevel | null;
  riskAnswers: string | null;
  riskAssessedDate: string | null;
  nextFollowUpDate: string | null;
  /** The deadline the federation works to in the current state (null when it owes nothing): the overdue board reads it. */
  nextDueDate: string | null;
  acceptedDate: string | null;
  acceptNotice: string | null;
  notAcceptedReason: string | null;
  divertedDate: string | null;
  divertedTo: string | null;
  divertedReason: string | null;
  extensionDays: number | null;
  extensionReason: string | null;
  closedDate: string | null;
  outcome: string | null;
  reply: string | null;
  satisfaction: string | null;
  daysToClose: number | null;
  /** 1 when closed on or before the handling deadline (按期办结), fixed at closure. */
  closedOnTime: number | null;
  reviewRequestedDate: string | null;
  reviewDecidedDate: string | null;
  reviewResult: string | null;
  rereviewRequestedDate: string | null;
  rereviewDecidedDate: string | null;
  rereviewResult: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CasePartiesTable = {
  id: string;
  caseId: string;
  personId: string | null;
  name: string;
  role: string;
  relation: string;
  note: string | null;
};

export type CaseActionsTable = {
  id: string;
  caseId: string;
  ownerOrgId: string;
  kind: ActionKind;
  actionDate: string;
  byName: string | null;
  recordedBy: string | null;
  note: string;
  protectionOrderStatus: string | null;
  protectionOrderEmergency: number;
  protectionOrderAppliedAt: string | null;
  protectionOrderDecidedDate: string | null;
  warningNo: string | null;
  policeOrgId: string | null;
  createdAt: string;
};

/** The workflow trail: each transition with its date and reason. */
export type CaseEventsTable = {
  id: string;
  caseId: string;
  at: string;
  eventDate: string;
  transition: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  actorUserId: string | null;
};

/** A woman's separate consent (PIPL Art. 29) to share her data with one agency for a stated purpose. */
export type CaseConsentsTable = {
  id: string;
  caseId: string;
  personId: string;
  agencyOrgId: string;
  purpose: string;
  givenBy: string;
  givenDate: string;
  method: string;
  recordedBy: string | null;
  recordedAt: string;
  withdrawnAt: string | null;
  /** The day she withdrew it (withdrawnAt: when that was entered). */
  withdrawnDate: string | null;
};

export type CaseReferralsTable = {
  id: string;
  caseId: string;
  /** The case's owning unit, copied so scoped lists and figures use one index. */
  ownerOrgId: string;
  agencyOrgId: string;
  kind: ReferralKind;
  serviceRequested: string;
  noteForAgency: string | null;
  shareNarrative: number;
  consentId: string | null;
  withoutConsentReason: string | null;
  sentDate: string;
  dueDate: string;
  status: ReferralStatus;
  sentBy: string | null;
  answeredDate: string | null;
  daysToAnswer: number | null;
  receiptNote: string | null;
  declineReason: string | null;
  outcome: string | null;
  doneDate: string | null;
  handlerName: string | null;
  filedDate: string | null;
  courtCaseNo: string | null;
  courtResult: string | null;
  revokedReason: string | null;
  escalatedAt: string | null;
  /** SHA-256 of the one-time link's token; the token itself is only ever printed. */
  linkTokenHash: string | null;
  linkIssuedAt: string | null;
  linkExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** 转送/交办 of a case to a federation unit below: the receiving unit's own case, the report back (报结), the presses (督办). */
export type CaseHandoversTable = {
  id: string;
  sourceCaseId: string;
  targetCaseId: string;
  /** The sender: the source case's unit. */
  ownerOrgId: string;
  toOrgId: string;
  kind: HandoverKind;
  instructions: string;
  sentDate: string;
  dueDate: string | null;
  status: HandoverStatus;
  result: string | null;
  reportedDate: string | null;
  reportedOnTime: number | null;
  reportedBy: string | null;
  pressCount: number;
  lastPressedDate: string | null;
  sentBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CasesTables = {
  caseCategories: CaseCategoriesTable;
  caseCounters: CaseCountersTable;
  cases: CasesTable & Versioned;
  caseParties: CasePartiesTable;
  caseActions: CaseActionsTable;
  caseEvents: CaseEventsTable;
  caseConsents: CaseConsentsTable;
  caseReferrals: CaseReferralsTable;
  caseHandovers: CaseHandoversTable;
};
