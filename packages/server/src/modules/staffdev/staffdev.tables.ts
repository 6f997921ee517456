import type { Degree, EducationLevel, StaffCategory, StudyMode, StudyStatus, TrainingLevel } from '@jinguo/domain';

// Tables owned by the staffdev module (Kysely types, camelCase; the database columns are snake_case).

/** A member of the federation's own staff, or a cadre it sends to training. */
export type StaffMembersTable = {
  id: string;
  ownerOrgId: string;
  name: string;
  gender: 'female' | 'male';
  category: StaffCategory;
  position: string | null;
  birthYear: number | null;
  education: EducationLevel | null;
  note: string | null;
  active: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

/** A training a staff member was sent to (选送), with its level and hours. */
export type StaffTrainingsTable = {
  id: string;
  staffId: string;
  ownerOrgId: string;
  title: string;
  organiser: string;
  level: TrainingLevel;
  startDate: string;
  endDate: string | null;
  hours: number;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

/** 学历教育: a degree study, under way or ended. */
export type StaffDegreesTable = {
  id: string;
  staffId: string;
  ownerOrgId: string;
  degree: Degree;
  school: string;
  major: string | null;
  mode: StudyMode;
  startDate: string;
  status: StudyStatus;
  completedOn: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type StaffCertificatesTable = {
  id: string;
  staffId: string;
  ownerOrgId: string;
  name: string;
  issuer: string | null;
  issuedOn: string;
  expiresOn: string | null;
  createdBy: string | null;
  createdAt: string;
};

export type StaffdevTables = {
  staffMembers: StaffMembersTable;
  staffTrainings: StaffTrainingsTable;
  staffDegrees: StaffDegreesTable;
  staffCertificates: StaffCertificatesTable;
};
