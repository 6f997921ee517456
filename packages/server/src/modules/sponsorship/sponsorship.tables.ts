// Tables owned by the sponsorship module (Kysely types, camelCase; the database columns are snake_case).
import type { PairingStatus, SchoolStage, SponsorKind, StudentStatus } from '@jinguo/domain';

/** A guardian's consent to processing a child's data (PIPL art. 31), recorded before anything else about her. */
export type SponsorshipConsentsTable = {
  id: string;
  studentId: string;
  guardianName: string;
  relation: string;
  consentDate: string;
  method: 'written' | 'oral';
  purpose: string;
  note: string | null;
  recordedBy: string | null;
  recordedAt: string;
};

export type SponsorshipStudentsTable = {
  id: string;
  ownerOrgId: string;
  personId: string;
  schoolOrgId: string | null;
  schoolName: string | null;
  stage: SchoolStage;
  grade: string;
  guardianName: string;
  guardianRelation: string;
  guardianPhoneEnc: string | null;
  guardianPhoneMasked: string | null;
  householdMembers: number;
  householdIncomeFen: number;
  status: StudentStatus;
  statusReason: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type SponsorshipSponsorsTable = {
  id: string;
  ownerOrgId: string;
  kind: SponsorKind;
  personId: string | null;
  name: string;
  creditCode: string | null;
  phoneEnc: string | null;
  phoneMasked: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
};

export type SponsorshipPairingsTable = {
  id: string;
  ownerOrgId: string;
  studentId: string;
  sponsorId: string;
  startTerm: string;
  endTerm: string;
  amountPerTermFen: number;
  status: PairingStatus;
  endedReason: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type SponsorshipPaymentsTable = {
  id: string;
  ownerOrgId: string;
  pairingId: string;
  studentId: string;
  term: string;
  amountFen: number;
  paidOn: string;
  disbursementId: string;
  reversed: number;
  createdBy: string | null;
  createdAt: string;
};

export type SponsorshipMeetingsTable = {
  id: string;
  ownerOrgId: string;
  title: string;
  heldOn: string;
  place: string;
  attendees: number;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
};

export type SponsorshipTables = {
  sponsorshipConsents: SponsorshipConsentsTable;
  sponsorshipStudents: SponsorshipStudentsTable;
  sponsorshipSponsors: SponsorshipSponsorsTable;
  sponsorshipPairings: SponsorshipPairingsTable;
  sponsorshipPayments: SponsorshipPaymentsTable;
  sponsorshipMeetings: SponsorshipMeetingsTable;
  sponsorshipMeetingPairings: { meetingId: string; pairingId: string };
};
