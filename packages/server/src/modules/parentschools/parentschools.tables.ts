import type { SiteKind } from '@jinguo/domain';

// Tables owned by the parentschools module (Kysely types, camelCase; the database columns are snake_case).

export type ParentSchoolSitesTable = {
  id: string;
  ownerOrgId: string;
  name: string;
  kind: SiteKind;
  hostOrgId: string | null;
  hostName: string | null;
  establishedOn: string;
  closedOn: string | null;
  principal: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ParentSchoolTeachersTable = {
  id: string;
  ownerOrgId: string;
  siteId: string | null;
  name: string;
  title: string | null;
  unitName: string | null;
  phoneEnc: string | null;
  phoneMasked: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

/** A class recorded here, or (trainingSessionId set) a training session of the activities module: then date, topic and attendance are null here. */
export type ParentSchoolClassesTable = {
  id: string;
  siteId: string;
  ownerOrgId: string;
  heldOn: string | null;
  topic: string | null;
  teacherId: string | null;
  teacherName: string | null;
  hours: number | null;
  attendance: number | null;
  trainingSessionId: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ParentSchoolTextbooksTable = {
  id: string;
  ownerOrgId: string;
  title: string;
  publisher: string | null;
  gradeBand: string | null;
  unitPriceFen: number;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ParentSchoolOrdersTable = {
  id: string;
  ownerOrgId: string;
  year: number;
  siteId: string;
  textbookId: string;
  quantity: number;
  /** The price when ordered: a later change of the catalogue price does not change what was due. */
  unitPriceFen: number;
  collectedFen: number;
  paidFen: number;
  orderedOn: string;
  deliveredQty: number;
  deliveredOn: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ParentSchoolsTables = {
  parentSchoolSites: ParentSchoolSitesTable;
  parentSchoolTeachers: ParentSchoolTeachersTable;
  parentSchoolClasses: ParentSchoolClassesTable;
  parentSchoolTextbooks: ParentSchoolTextbooksTable;
  parentSchoolOrders: ParentSchoolOrdersTable;
};
