import type { Versioned } from '../../platform/platform.tables.js';
// Tables owned by the relief module (Kysely types, camelCase; the database columns are snake_case).
import type { ApplicationStatus, PaymentMethod, ReliefProgrammeKind, ReportLevel } from '@jinguo/domain';

export type ReliefProgrammesTable = {
  id: string;
  ownerOrgId: string;
  code: string;
  name: string;
  kind: ReliefProgrammeKind;
  year: number;
  /** JSON of EligibilityRules. */
  rules: string;
  quota: number | null;
  /** JSON array of ReportLevel. */
  reportTo: string;
  fundAccountId: string | null;
  grantAmountFen: number | null;
  description: string | null;
  active: number;
  createdAt: string;
  updatedAt: string;
};

export type ReliefApplicationsTable = {
  id: string;
  ownerOrgId: string;
  villageOrgId: string | null;
  programmeId: string;
  personId: string;
  householdId: string | null;
  status: ApplicationStatus;
  appliedOn: string;
  householdIncomeFen: number;
  householdMembers: number;
  /** JSON array of the vulnerability tags recorded for the application. */
  tags: string;
  /** Encrypted JSON of the diagnosis (health data, PIPL art. 28). */
  diagnosisEnc: string | null;
  paymentMethod: PaymentMethod;
  bankCardEnc: string | null;
  bankCardMasked: string | null;
  /** JSON of the last Verdict, re-evaluated at every change. */
  verdict: string;
  eligible: number;
  overrideReason: string | null;
  overrideBy: string | null;
  rejectReason: string | null;
  grantAmountFen: number | null;
  disbursementId: string | null;
  source: 'manual' | 'import' | 'demo';
  importBatch: string | null;
  note: string | null;
  verifiedBy: string | null;
  verifiedOn: string | null;
  decidedBy: string | null;
  decidedOn: string | null;
  reportedOn: string | null;
  grantedBy: string | null;
  grantedOn: string | null;
  paidOn: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ReliefApplicationEventsTable = {
  id: string;
  applicationId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  actorId: string | null;
  at: string;
};

export type ReliefSubmissionsTable = {
  id: string;
  ownerOrgId: string;
  programmeId: string;
  level: ReportLevel;
  submittedOn: string;
  itemCount: number;
  fileName: string;
  fileSha256: string;
  fileContent: Buffer | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
};

export type ReliefSubmissionItemsTable = {
  submissionId: string;
  applicationId: string;
  level: ReportLevel;
  householdIncomeFen: number;
  householdMembers: number;
};

export type ReliefTables = {
  reliefProgrammes: ReliefProgrammesTable & Versioned;
  reliefApplications: ReliefApplicationsTable & Versioned;
  reliefApplicationEvents: ReliefApplicationEventsTable;
  reliefSubmissions: ReliefSubmissionsTable;
  reliefSubmissionItems: ReliefSubmissionItemsTable;
};
