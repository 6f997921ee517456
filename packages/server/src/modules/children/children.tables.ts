import type { CarerKind, ChildStatus, HelpKind, LeftBehindSituation, VisitMode, VisitorKind } from '@jinguo/domain';

// Tables owned by the children module (Kysely types, camelCase; the database columns are snake_case).

/** A guardian's consent to processing a child's data (PIPL art. 31), written in the registration's transaction; append-only. */
export type ChildConsentsTable = {
  id: string;
  childId: string;
  guardianName: string;
  relation: string;
  consentDate: string;
  method: 'written' | 'oral';
  purpose: string;
  note: string | null;
  recordedBy: string | null;
  recordedAt: string;
};

export type LeftBehindChildrenTable = {
  id: string;
  /** The township or street the child lives in: it owns the record. */
  ownerOrgId: string;
  personId: string;
  villageOrgId: string | null;
  schoolOrgId: string | null;
  schoolName: string | null;
  grade: string | null;
  situation: LeftBehindSituation;
  fatherWorkPlace: string | null;
  motherWorkPlace: string | null;
  carerKind: CarerKind;
  carerName: string | null;
  carerRelation: string | null;
  carerPhoneEnc: string | null;
  carerPhoneMasked: string | null;
  /** JSON array of ChildNeed. */
  needs: string;
  status: ChildStatus;
  registeredOn: string;
  endedOn: string | null;
  endReason: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ChildProxyMothersTable = {
  id: string;
  ownerOrgId: string;
  personId: string;
  unitName: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ChildPairingsTable = {
  id: string;
  ownerOrgId: string;
  childId: string;
  proxyMotherId: string;
  startDate: string;
  endDate: string | null;
  endReason: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ChildVisitsTable = {
  id: string;
  ownerOrgId: string;
  childId: string;
  visitedOn: string;
  mode: VisitMode;
  visitorKind: VisitorKind;
  visitorName: string;
  /** What the visit found, encrypted (a narrative about a minor). */
  findingsEnc: string;
  needs: string;
  followUp: string | null;
  createdBy: string | null;
  createdAt: string;
};

/** Help given to a child: the ledger's disbursement (amount, account, reversal) with what it was for. */
export type ChildHelpTable = {
  id: string;
  ownerOrgId: string;
  childId: string;
  kind: HelpKind;
  description: string;
  disbursementId: string;
  createdBy: string | null;
  createdAt: string;
};

export type ChildrenTables = {
  childConsents: ChildConsentsTable;
  leftBehindChildren: LeftBehindChildrenTable;
  childProxyMothers: ChildProxyMothersTable;
  childPairings: ChildPairingsTable;
  childVisits: ChildVisitsTable;
  childHelp: ChildHelpTable;
};
