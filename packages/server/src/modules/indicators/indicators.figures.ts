import {
  evaluateIndicator,
  isRateUnit,
  rateValue,
  round4,
  type EvaluationStatus,
  type Indicator,
  type IndicatorBreakdown,
  type IndicatorUnit,
} from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import type { Scope } from '../../platform/actor.js';
import * as repo from './indicators.repository.js';

export const REGION_KIND_SET = new Set<string>(repo.REGION_KINDS);

/** An approved figure of a region: its own row, or the sum of its townships' / streets' rows. */
export type Figure = {
  value: number;
  numerator: number | null;
  denominator: number | null;
  basis: 'reported' | 'rolled_up';
  rolledUpFrom: number;
};
export const figureKey = (indicatorId: string, regionId: string, year: number, breakdown: string) =>
  `${indicatorId}|${regionId}|${year}|${breakdown}`;

/**
 * Approved figures of regions for years. A region's own approved row wins; without one, the rows of its townships
 * and streets are rolled up — rates as Σ numerators ÷ Σ denominators × scale, and only when every row carried both;
 * numbers as Σ values. The sums are one GROUP BY in the database; here the two results are merged.
 */
export async function approvedFigures(
  db: Executor,
  regionIds: string[],
  years: number[],
  units: Map<string, IndicatorUnit>,
): Promise<Map<string, Figure>> {
  const out = new Map<string, Figure>();
  if (regionIds.length === 0 || years.length === 0) return out;
  const [own, rolled] = await Promise.all([repo.approvedOwnRows(db, regionIds, years), repo.approvedRolledUp(db, regionIds, years)]);
  for (const r of rolled) {
    const unit = units.get(r.indicatorId);
    if (!unit) continue;
    let value: number | null;
    if (isRateUnit(unit))
      value =
        r.complete && r.numerator !== null && r.denominator !== null && r.denominator > 0
          ? rateValue(unit, r.numerator, r.denominator)
          : null;
    else value = round4(r.value);
    if (value === null) continue;
    out.set(figureKey(r.indicatorId, r.regionOrgId, r.year, r.breakdown), {
      value,
      numerator: isRateUnit(unit) ? r.numerator : null,
      denominator: isRateUnit(unit) ? r.denominator : null,
      basis: 'rolled_up',
      rolledUpFrom: r.rows,
    });
  }
  for (const r of own) {
    if (!units.has(r.indicatorId)) continue;
    out.set(figureKey(r.indicatorId, r.regionOrgId, Number(r.year), r.breakdown), {
      value: Number(r.value),
      numerator: r.numerator == null ? null : Number(r.numerator),
      denominator: r.denominator == null ? null : Number(r.denominator),
      basis: 'reported',
      rolledUpFrom: 0,
    });
  }
  return out;
}

export type EvaluatedIndicator = {
  indicator: Indicator;
  figure: Figure | null;
  previous: Figure | null;
  status: EvaluationStatus;
  breakdowns: { breakdown: IndicatorBreakdown; value: number }[];
};

/** Every given indicator of a region for a year, with its approved figure, last year's, and its status against the target. */
export async function evaluateRegion(db: Executor, regionId: string, year: number, indicators: Indicator[]): Promise<EvaluatedIndicator[]> {
  const units = new Map(indicators.map((i) => [i.id, i.unit]));
  const figures = await approvedFigures(db, [regionId], [year, year - 1], units);
  return indicators.map((indicator) => {
    const figure = figures.get(figureKey(indicator.id, regionId, year, 'total')) ?? null;
    const previous = figures.get(figureKey(indicator.id, regionId, year - 1, 'total')) ?? null;
    const breakdowns = indicator.breakdowns
      .filter((b) => b !== 'total')
      .flatMap((b) => {
        const f = figures.get(figureKey(indicator.id, regionId, year, b));
        return f ? [{ breakdown: b, value: f.value }] : [];
      });
    return {
      indicator,
      figure,
      previous,
      status: evaluateIndicator(indicator, figure?.value ?? null, previous?.value ?? null),
      breakdowns,
    };
  });
}

/** The unit at the top of a fact's scope, when it is a region (district, township, street). */
export async function topRegionOf(db: Executor, scope: Scope) {
  const [top] = [...scope.paths].sort((a, b) => a.length - b.length);
  if (!top) return null;
  const [unit] = await repo.unitsByPaths(db, [top]);
  return unit && REGION_KIND_SET.has(unit.kind) ? unit : null;
}
