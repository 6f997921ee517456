import {
  areaOutline,
  INDICATOR_AREAS,
  INDICATOR_BREAKDOWN_LABELS,
  INDICATOR_BREAKDOWNS,
  targetText,
  valueWarnings,
  type Indicator,
  type IndicatorArea,
  type IndicatorBreakdown,
  type IndicatorValue,
} from '@jinguo/domain';
import { newId } from '../../platform/ids.js';
import { DEFAULT_INDICATORS } from './indicators.catalogue.js';
import type * as repo from './indicators.repository.js';
import type { IndicatorsTable } from './indicators.tables.js';

/** The database's integer column holds numerators and denominators up to 2^31 − 1. */
export const MAX_COUNT = 2_147_483_647;

export const AREA_ORDER = Object.fromEntries(INDICATOR_AREAS.map((a, i) => [a.code, i])) as Record<IndicatorArea, number>;

export function parseBreakdowns(json: string): IndicatorBreakdown[] {
  const list = JSON.parse(json) as IndicatorBreakdown[];
  return INDICATOR_BREAKDOWNS.filter((b) => list.includes(b));
}

export function presentIndicator(r: repo.IndicatorRow): Indicator {
  const unitLabel = r.unitLabel ?? null;
  const target = r.target == null ? null : Number(r.target);
  return {
    id: r.id,
    ownerOrgId: r.ownerOrgId,
    ownerOrgName: r.ownerOrgName,
    code: r.code,
    outline: r.outline,
    area: r.area,
    name: r.name,
    unit: r.unit,
    unitLabel,
    direction: r.direction,
    target,
    tolerance: r.tolerance == null ? null : Number(r.tolerance),
    targetYear: Number(r.targetYear),
    baselineYear: r.baselineYear == null ? null : Number(r.baselineYear),
    baselineValue: r.baselineValue == null ? null : Number(r.baselineValue),
    responsibleOrgId: r.responsibleOrgId,
    responsibleOrgName: r.responsibleOrgName,
    breakdowns: parseBreakdowns(r.breakdowns),
    reviewThresholdPercent: Number(r.reviewThresholdPercent),
    definition: r.definition,
    targetVerified: r.targetVerified === 1,
    active: r.active === 1,
    targetText: targetText({ direction: r.direction, target, unit: r.unit, unitLabel }),
    version: Number(r.version),
  };
}

export const breakdownText = (b: IndicatorBreakdown) => (b === 'total' ? '' : `（${INDICATOR_BREAKDOWN_LABELS[b]}）`);
export const valueLabel = (r: { indicatorName: string; breakdown: IndicatorBreakdown; regionName?: string }) =>
  `「${r.indicatorName}${breakdownText(r.breakdown)}」`;

export function toNumberOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

export function presentValue(r: repo.ValueRow, previousValue: number | null): IndicatorValue {
  const value = Number(r.value);
  return {
    id: r.id,
    indicatorId: r.indicatorId,
    indicatorCode: r.indicatorCode,
    indicatorName: r.indicatorName,
    unit: r.unit,
    unitLabel: r.unitLabel,
    regionOrgId: r.regionOrgId,
    regionName: r.regionName,
    year: Number(r.year),
    breakdown: r.breakdown,
    numerator: toNumberOrNull(r.numerator),
    denominator: toNumberOrNull(r.denominator),
    value,
    source: r.source,
    note: r.note,
    status: r.status,
    previousValue,
    warnings: valueWarnings(value, previousValue, Number(r.reviewThresholdPercent)),
    returnReason: r.returnReason,
    submittedByName: r.submittedByName ?? null,
    submittedAt: r.submittedAt,
    decidedByName: r.decidedByName ?? null,
    decidedAt: r.decidedAt,
    updatedAt: r.updatedAt,
  };
}

/** The default catalogue as rows for an owner: missing codes only; member units matched by department name. */
export function defaultIndicatorRows(
  owner: { id: string },
  departments: { id: string; name: string }[],
  existingCodes: Set<string>,
  createdBy: string | null,
  at: string,
): IndicatorsTable[] {
  const byName = new Map<string, string>();
  for (const d of departments) if (!byName.has(d.name)) byName.set(d.name, d.id);
  return DEFAULT_INDICATORS.filter((d) => !existingCodes.has(d.code)).map((d) => ({
    id: newId(),
    ownerOrgId: owner.id,
    code: d.code,
    outline: areaOutline(d.area),
    area: d.area,
    areaOrder: AREA_ORDER[d.area],
    name: d.name,
    unit: d.unit,
    unitLabel: d.unit === 'number' ? (d.unitLabel ?? null) : null,
    direction: d.direction,
    target: d.target ?? null,
    tolerance: d.tolerance ?? null,
    targetYear: 2030,
    baselineYear: d.baselineYear ?? null,
    baselineValue: d.baselineValue ?? null,
    responsibleOrgId: (d.department && byName.get(d.department)) || owner.id,
    breakdowns: JSON.stringify(d.breakdowns ?? ['total']),
    reviewThresholdPercent: d.reviewThresholdPercent ?? 20,
    definition: d.definition,
    targetVerified: d.targetVerified ? 1 : 0,
    active: 1,
    createdBy,
    createdAt: at,
    updatedAt: at,
  }));
}
