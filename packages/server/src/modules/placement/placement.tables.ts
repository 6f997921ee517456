import type {
  EducationLevel,
  ExportMemberStatus,
  FollowUpResult,
  JobReferralStatus,
  NotHiredReason,
  SeekerCategory,
  SeekerStatus,
  VacancyStatus,
  WorkHours,
} from '@jinguo/domain';

// Tables owned by the placement module (Kysely types, camelCase; the database columns are snake_case).

export type PlacementEmployersTable = {
  id: string;
  ownerOrgId: string;
  name: string;
  /** 统一社会信用代码, checked (GB 32100) and unique per registering unit. */
  creditCode: string;
  industry: string | null;
  address: string | null;
  contactName: string | null;
  contactPhoneEnc: string | null;
  contactPhoneMasked: string | null;
  note: string | null;
  active: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type PlacementVacanciesTable = {
  id: string;
  ownerOrgId: string;
  employerId: string;
  title: string;
  /** JSON array of skill names. */
  skills: string;
  hours: WorkHours;
  positions: number;
  wageMinFen: number | null;
  wageMaxFen: number | null;
  locationOrgId: string | null;
  locationText: string;
  ageMin: number | null;
  ageMax: number | null;
  publishedOn: string;
  closesOn: string | null;
  status: VacancyStatus;
  description: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

/** A job seeker: a person of the registry (personId) with what she can do and wants; masked display copies only. */
export type PlacementSeekersTable = {
  id: string;
  ownerOrgId: string;
  personId: string;
  name: string;
  gender: 'female' | 'male';
  birthDate: string | null;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  category: SeekerCategory;
  education: EducationLevel | null;
  hours: WorkHours;
  /** JSON array of org unit ids. */
  placeOrgIds: string;
  acceptsOutside: number;
  expectedWageFen: number | null;
  wishes: string | null;
  registeredOn: string;
  status: SeekerStatus;
  statusDate: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type PlacementSeekerSkillsTable = { seekerId: string; skill: string; ownerOrgId: string };

export type PlacementSeekerTrainingsTable = {
  id: string;
  seekerId: string;
  ownerOrgId: string;
  /** A row of the activities module's training roster, when the training was the federation's own. */
  traineeId: string | null;
  title: string;
  organiser: string | null;
  completedOn: string | null;
  createdAt: string;
};

export type PlacementReferralsTable = {
  id: string;
  ownerOrgId: string;
  seekerId: string;
  vacancyId: string;
  employerId: string;
  referredOn: string;
  score: number;
  /** JSON array of MatchReason. */
  reasons: string;
  status: JobReferralStatus;
  outcomeOn: string | null;
  monthlyWageFen: number | null;
  notHiredReason: NotHiredReason | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type PlacementExportBatchesTable = {
  id: string;
  ownerOrgId: string;
  title: string;
  destination: string;
  employerId: string;
  departureDate: string;
  supportPerPersonFen: number;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type PlacementExportMembersTable = {
  id: string;
  batchId: string;
  seekerId: string;
  ownerOrgId: string;
  status: ExportMemberStatus;
  supportFen: number;
  createdAt: string;
  updatedAt: string;
};

export type PlacementFollowUpsTable = {
  id: string;
  memberId: string;
  batchId: string;
  ownerOrgId: string;
  months: number;
  doneOn: string;
  result: FollowUpResult;
  monthlyWageFen: number | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
};

export type PlacementTables = {
  placementEmployers: PlacementEmployersTable;
  placementVacancies: PlacementVacanciesTable;
  placementSeekers: PlacementSeekersTable;
  placementSeekerSkills: PlacementSeekerSkillsTable;
  placementSeekerTrainings: PlacementSeekerTrainingsTable;
  placementReferrals: PlacementReferralsTable;
  placementExportBatches: PlacementExportBatchesTable;
  placementExportMembers: PlacementExportMembersTable;
  placementFollowUps: PlacementFollowUpsTable;
};
