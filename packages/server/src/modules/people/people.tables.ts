import type { Versioned } from '../../platform/platform.tables.js';
// Tables owned by the people module (Kysely types, camelCase; the database columns are snake_case).
import type { PersonGender } from '@jinguo/domain';

/** A household: its size and annual income give 家庭年人均收入 (income per head), which relief rules read. */
export type HouseholdsTable = {
  id: string;
  ownerOrgId: string;
  residenceOrgId: string | null;
  members: number;
  annualIncomeFen: number;
  createdAt: string;
  updatedAt: string;
};

/**
 * One row per person served. ID number, phone and address are stored encrypted (`*Enc`); the keyed hashes
 * (`*Bidx`) allow exact look-up and deduplication; the `*Masked` columns hold the display form every
 * list shows (first 6 + last 4 of an ID number, 138****5678), so a 50-row page decrypts nothing.
 */
export type PersonsTable = {
  id: string;
  ownerOrgId: string;
  residenceOrgId: string | null;
  householdId: string | null;
  name: string;
  gender: PersonGender;
  birthDate: string | null;
  ethnicity: string | null;
  idNumberEnc: string | null;
  idNumberBidx: string | null;
  idNumberMasked: string | null;
  phoneEnc: string | null;
  phoneBidx: string | null;
  phoneMasked: string | null;
  addressEnc: string | null;
  addressMasked: string | null;
  /** JSON array of vulnerability tags (留守妇女, 低保 …). */
  tags: string;
  /** Set when this row was folded into another person; it then stays only as a pointer. */
  mergedIntoId: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
};

/** The configurable list of vulnerability tags. */
export type PeopleTagsTable = { tag: string; sortOrder: number; active: number };

export type PeopleTables = {
  households: HouseholdsTable;
  persons: PersonsTable & Versioned;
  peopleTags: PeopleTagsTable;
};
