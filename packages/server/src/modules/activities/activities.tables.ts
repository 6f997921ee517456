import type { Versioned } from '../../platform/platform.tables.js';
import type {
  ActivityType,
  ParticipantGroup,
  ParticipantKind,
  PublicityLevel,
  PublicityMedium,
  ResourceCategory,
  TraineeOutcome,
  TrainingCategory,
} from '@jinguo/domain';

// Tables owned by the activities module (Kysely types, camelCase; the database columns are snake_case).

export type ActivityEventsTable = {
  id: string;
  /** The organising unit (主办单位); lists and facts are scoped on it. */
  ownerOrgId: string;
  type: ActivityType;
  title: string;
  startDate: string;
  endDate: string | null;
  /** JSON array of names. */
  partnerUnits: string;
  venue: string | null;
  targetGroup: string | null;
  participantMode: 'count' | 'roster';
  /** Always the figure counted: typed in "count" mode, the roster size in "roster" mode. */
  participantCount: number;
  /** JSON { group: count }. */
  groupCounts: string;
  unitsVisited: number;
  /** JSON array of names. */
  visitedUnitNames: string;
  goodDeeds: number;
  performances: number;
  associationId: string | null;
  description: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ActivityEventResourcesTable = {
  id: string;
  eventId: string;
  ownerOrgId: string;
  category: ResourceCategory;
  item: string;
  quantity: number;
  valueFen: number;
  note: string | null;
  sortOrder: number;
};

export type ActivityEventParticipantsTable = {
  id: string;
  eventId: string;
  ownerOrgId: string;
  kind: ParticipantKind;
  name: string;
  gender: 'female' | 'male' | null;
  unitName: string | null;
  participantGroup: ParticipantGroup | null;
  phoneEnc: string | null;
  phoneMasked: string | null;
  createdAt: string;
};

export type ActivityEventPhotosTable = {
  id: string;
  eventId: string;
  ownerOrgId: string;
  fileName: string;
  /** The file under <data dir>/files/activities/<event id>/. */
  storedName: string;
  mime: string;
  size: number;
  caption: string | null;
  createdBy: string | null;
  createdAt: string;
};

export type TrainingCoursesTable = {
  id: string;
  ownerOrgId: string;
  title: string;
  category: TrainingCategory;
  startDate: string;
  endDate: string | null;
  partner: string | null;
  description: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type TrainingSessionsTable = {
  id: string;
  courseId: string;
  ownerOrgId: string;
  topic: string;
  sessionDate: string;
  endDate: string | null;
  hours: number;
  teacher: string | null;
  venue: string | null;
  attendeeMode: 'count' | 'roster';
  /** Typed in "count" mode; the trainees marked present in "roster" mode. */
  attendeeCount: number;
  /** JSON { group: count } (health trainings: cadres, village doctors, women). */
  groupCounts: string;
  createdAt: string;
  updatedAt: string;
};

export type TrainingTraineesTable = {
  id: string;
  sessionId: string;
  courseId: string;
  ownerOrgId: string;
  personId: string | null;
  name: string;
  gender: 'female' | 'male';
  idNumberEnc: string | null;
  idNumberBidx: string | null;
  idNumberMasked: string | null;
  phoneEnc: string | null;
  phoneMasked: string | null;
  attended: number;
  outcome: TraineeOutcome | null;
  outcomeDate: string | null;
  outcomeNote: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ActivityPublicityTable = {
  id: string;
  ownerOrgId: string;
  outlet: string;
  medium: PublicityMedium;
  level: PublicityLevel;
  title: string;
  publishedOn: string;
  link: string | null;
  eventId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ActivitiesTables = {
  activityEvents: ActivityEventsTable & Versioned;
  activityEventResources: ActivityEventResourcesTable;
  activityEventParticipants: ActivityEventParticipantsTable;
  activityEventPhotos: ActivityEventPhotosTable;
  trainingCourses: TrainingCoursesTable & Versioned;
  trainingSessions: TrainingSessionsTable;
  trainingTrainees: TrainingTraineesTable;
  activityPublicity: ActivityPublicityTable;
};
