import type { Versioned } from '../../platform/platform.tables.js';
import type { AgencyType, OrgKind, OrgLevel } from '@jinguo/domain';

export type OrgUnitsTable = {
  id: string;
  parentId: string | null;
  /** Materialised path of ids, "/root/child/…/self/": a subtree is a prefix range on an indexed column. */
  path: string;
  depth: number;
  kind: OrgKind;
  level: OrgLevel | null;
  code: string | null;
  name: string;
  agencyType: AgencyType | null;
  active: number;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
};

export type OrgTables = {
  orgUnits: OrgUnitsTable & Versioned;
};
