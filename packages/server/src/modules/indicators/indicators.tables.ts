import type { Versioned } from '../../platform/platform.tables.js';
import type { IndicatorArea, IndicatorBreakdown, IndicatorDirection, IndicatorUnit, IndicatorValueStatus, Outline } from '@jinguo/domain';

// Tables owned by the indicators module (Kysely types, camelCase; the database columns are snake_case).

export type IndicatorsTable = {
  id: string;
  ownerOrgId: string;
  code: string;
  outline: Outline;
  area: IndicatorArea;
  areaOrder: number;
  name: string;
  unit: IndicatorUnit;
  unitLabel: string | null;
  direction: IndicatorDirection;
  target: number | null;
  tolerance: number | null;
  targetYear: number;
  baselineYear: number | null;
  baselineValue: number | null;
  responsibleOrgId: string;
  /** JSON array of IndicatorBreakdown. */
  breakdowns: string;
  reviewThresholdPercent: number;
  definition: string | null;
  targetVerified: number;
  active: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type IndicatorValuesTable = {
  id: string;
  indicatorId: string;
  /** The catalogue's owner (the county-level federation). */
  ownerOrgId: string;
  regionOrgId: string;
  year: number;
  breakdown: IndicatorBreakdown;
  numerator: number | null;
  denominator: number | null;
  value: number;
  source: string | null;
  note: string | null;
  status: IndicatorValueStatus;
  returnReason: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type IndicatorValueAction = 'save' | 'submit' | 'approve' | 'return' | 'reopen' | 'import';

/** Append-only: every step of a value (the database refuses UPDATE and DELETE). */
export type IndicatorValueEventsTable = {
  id: string;
  valueId: string;
  ownerOrgId: string;
  action: IndicatorValueAction;
  fromStatus: IndicatorValueStatus | null;
  toStatus: IndicatorValueStatus;
  value: number;
  reason: string | null;
  actorId: string | null;
  actorName: string | null;
  at: string;
};

export type IndicatorsTables = {
  indicators: IndicatorsTable & Versioned;
  indicatorValues: IndicatorValuesTable;
  indicatorValueEvents: IndicatorValueEventsTable;
};
