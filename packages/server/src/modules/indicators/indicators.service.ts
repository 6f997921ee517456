import {
  areaOutline,
  checkIndicatorValue,
  createIndicatorSchema,
  evaluateIndicator,
  formatChineseDate,
  INDICATOR_AREAS,
  INDICATOR_BREAKDOWN_LABELS,
  INDICATOR_BREAKDOWNS,
  INDICATOR_VALUE_STATUS_LABELS,
  indicatorValueIdsSchema,
  isRateUnit,
  rateValue,
  reopenIndicatorValueSchema,
  returnIndicatorValuesSchema,
  round4,
  saveIndicatorValuesSchema,
  shanghaiDate,
  targetText,
  updateIndicatorSchema,
  valueWarnings,
  type CreateIndicator,
  type EvaluationStatus,
  type Indicator,
  type IndicatorArea,
  type IndicatorBreakdown,
  type IndicatorEntry,
  type IndicatorEvaluation,
  type IndicatorListQuery,
  type IndicatorRegion,
  type IndicatorUnit,
  type IndicatorValue,
  type IndicatorValueEvent,
  type IndicatorValueListQuery,
  type IndicatorValueStatus,
  type Outline,
  type UpdateIndicator,
} from '@jinguo/domain';
import type { z } from 'zod';
import { dialectOf, type Db, type Executor } from '../../db/database.js';
import { auditActor, can, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit, diff } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import {
  AppError,
  ConflictError,
  fieldError,
  NotFoundError,
  ValidationError,
  isUniqueViolation,
  type FieldError,
} from '../../platform/errors.js';
import { DOCX_MIME } from '../../platform/gongwen.js';
import { newId } from '../../platform/ids.js';
import { assertVersion } from '../../platform/versioning.js';
import { notify } from '../../platform/notifications.js';
import { DEFAULT_INDICATORS } from './indicators.catalogue.js';
import { evaluationReportDocx, evaluationReportTitle } from './indicators.report.js';
import * as repo from './indicators.repository.js';
import type { IndicatorsTable, IndicatorValueAction, IndicatorValuesTable } from './indicators.tables.js';
import { validate } from '../../platform/validate.js';
import { findUnit } from '../org/index.js';

export type IndicatorsService = ReturnType<typeof createIndicatorsService>;

/** The database's integer column holds numerators and denominators up to 2^31 − 1. */
const MAX_COUNT = 2_147_483_647;
const REGION_KIND_SET = new Set<string>(repo.REGION_KINDS);

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

const breakdownText = (b: IndicatorBreakdown) => (b === 'total' ? '' : `（${INDICATOR_BREAKDOWN_LABELS[b]}）`);
const valueLabel = (r: { indicatorName: string; breakdown: IndicatorBreakdown; regionName?: string }) =>
  `「${r.indicatorName}${breakdownText(r.breakdown)}」`;

function toNumberOrNull(v: unknown): number | null {
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

type Region = { id: string; name: string; kind: string; depth: number; path: string };

/**
 * The 两纲 catalogue, the values member units report (draft → submitted → approved | returned; reopen), their
 * review, and the evaluation against the targets with the roll-up from townships.
 */
export function createIndicatorsService({ db, clock }: { db: Db; clock: Clock }) {
  const at = () => clock.now().toISOString();

  function submitScopeOf(actor: Actor): Scope | null {
    return can(actor, 'indicators.submit') ? requirePermission(actor, 'indicators.submit') : null;
  }

  /** A region: an existing unit of kind federation / township / street (else a 400 naming the field). */
  async function loadRegion(id: string, field = 'regionOrgId'): Promise<Region> {
    const unit = await findUnit(db, id);
    if (!unit) throw fieldError(field, '地区不存在或无权访问');
    if (!REGION_KIND_SET.has(unit.kind)) throw fieldError(field, '所选单位不是统计地区（须为区、乡镇或街道）');
    return unit;
  }

  /** The caller may see a region: it lies in their scope, or under a catalogue they read (a liaison's district). */
  async function ensureRegionVisible(scope: Scope, region: Region) {
    if (pathInScope(scope, region.path)) return;
    const owners = await repo.catalogueOwnersAbove(db, region.path);
    if (owners.some((o) => pathInScope(scope, o.path) || scope.paths.some((p) => p.startsWith(o.path)))) return;
    throw new NotFoundError('地区');
  }

  async function listRegions(actor: Actor): Promise<IndicatorRegion[]> {
    const read = requirePermission(actor, 'indicators.read');
    const submit = submitScopeOf(actor);
    const paths = [...new Set([...read.paths, ...(submit?.paths ?? [])])];
    const tops = await repo.unitsByPaths(db, paths);
    const found = new Map<string, Region>();
    for (const u of tops) {
      let regions: Region[];
      if (u.kind === 'federation') regions = await repo.regionsUnder(db, u.path);
      else if (REGION_KIND_SET.has(u.kind)) regions = [u];
      else {
        // A department or other member unit: the regions of the catalogues above it.
        regions = [];
        for (const o of await repo.catalogueOwnersAbove(db, u.path)) regions.push(...(await repo.regionsUnder(db, o.path)));
      }
      for (const r of regions) found.set(r.id, r);
    }
    return [...found.values()]
      .sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name, 'zh-CN'))
      .map((r) => ({ id: r.id, name: r.name, kind: r.kind, depth: Number(r.depth) }));
  }

  /** A catalogue owner the caller manages: a federation in their approve scope. */
  async function managedOwner(actor: Actor, ownerOrgId: string) {
    const scope = requirePermission(actor, 'indicators.approve');
    const owner = await findUnit(db, ownerOrgId);
    if (!owner || !pathInScope(scope, owner.path)) throw fieldError('ownerOrgId', '单位不存在或不在您的工作范围内');
    if (owner.kind !== 'federation') throw fieldError('ownerOrgId', '指标体系须由妇联（妇儿工委办公室所在单位）维护');
    return owner;
  }

  /** The responsible member unit: the owner itself or a department below it. */
  async function checkResponsible(owner: { id: string; path: string }, responsibleOrgId: string) {
    if (responsibleOrgId === owner.id) return;
    const unit = await findUnit(db, responsibleOrgId);
    if (unit?.kind !== 'department' || !unit.path.startsWith(owner.path))
      throw fieldError('responsibleOrgId', '负责单位须为本级妇联或其下属的部门');
  }

  async function loadIndicatorForManage(actor: Actor, id: string) {
    const scope = requirePermission(actor, 'indicators.approve');
    const row = await repo.findIndicator(db, id);
    if (!row || !pathInScope(scope, row.ownerOrgPath)) throw new NotFoundError('指标');
    return row;
  }

  async function previousFor(rows: repo.ValueRow[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const byYear = new Map<number, repo.ValueRow[]>();
    for (const r of rows) {
      const list = byYear.get(Number(r.year));
      if (list) list.push(r);
      else byYear.set(Number(r.year), [r]);
    }
    for (const [year, list] of byYear) {
      const units = new Map(list.map((r) => [r.indicatorId, r.unit]));
      const figures = await approvedFigures(db, [...new Set(list.map((r) => r.regionOrgId))], [year - 1], units);
      for (const r of list) {
        const f = figures.get(figureKey(r.indicatorId, r.regionOrgId, year - 1, r.breakdown));
        if (f) out.set(r.id, f.value);
      }
    }
    return out;
  }
  async function presentValues(rows: repo.ValueRow[]): Promise<IndicatorValue[]> {
    const prev = await previousFor(rows);
    return rows.map((r) => presentValue(r, prev.get(r.id) ?? null));
  }

  async function recordStep(
    trx: Executor,
    actor: Actor,
    row: { id: string; ownerOrgId: string; regionOrgId: string },
    action: IndicatorValueAction,
    fromStatus: IndicatorValueStatus | null,
    toStatus: IndicatorValueStatus,
    value: number,
    reason: string | null,
    detail: Record<string, unknown> = {},
  ) {
    const when = at();
    await repo.insertEvent(trx, {
      id: newId(),
      valueId: row.id,
      ownerOrgId: row.ownerOrgId,
      action,
      fromStatus,
      toStatus,
      value,
      reason,
      actorId: actor.userId,
      actorName: actor.displayName,
      at: when,
    });
    await appendAudit(trx, clock, auditActor(actor), {
      action: `indicator_value.${action}`,
      entityType: 'indicator_value',
      entityId: row.id,
      orgUnitId: row.regionOrgId,
      detail: { from: fromStatus, to: toStatus, value, ...(reason ? { reason } : {}), ...detail },
    });
  }

  /** Loads values for a review step: each must exist with its region in the caller's approve scope. */
  async function loadForReview(actor: Actor, ids: string[]) {
    const scope = requirePermission(actor, 'indicators.approve');
    const rows = await repo.findValues(db, [...new Set(ids)]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const list = [...new Set(ids)].map((id) => {
      const r = byId.get(id);
      if (!r || !pathInScope(scope, r.regionPath)) throw new NotFoundError('指标数据');
      return r;
    });
    return list;
  }

  function requireStatus(rows: repo.ValueRow[], allowed: IndicatorValueStatus[], what: string) {
    const wrong = rows.filter((r) => !allowed.includes(r.status));
    if (wrong.length)
      throw new ConflictError(
        wrong.map((r) => `${r.regionName}${valueLabel(r)}当前为“${INDICATOR_VALUE_STATUS_LABELS[r.status]}”，${what}`).join('；'),
        wrong.map((r) => ({ path: 'ids', message: `${valueLabel(r)}当前为“${INDICATOR_VALUE_STATUS_LABELS[r.status]}”` })),
      );
  }

  async function notifyReporters(trx: Executor, rows: repo.ValueRow[], title: (n: number) => string, reason: string) {
    const byUser = new Map<string, repo.ValueRow[]>();
    for (const r of rows) {
      if (!r.submittedBy) continue;
      const list = byUser.get(r.submittedBy);
      if (list) list.push(r);
      else byUser.set(r.submittedBy, [r]);
    }
    for (const [userId, list] of byUser) {
      const names =
        list
          .slice(0, 5)
          .map((r) => `${r.regionName}${valueLabel(r)}`)
          .join('、') + (list.length > 5 ? `等${list.length}项` : '');
      await notify(trx, clock, {
        userId,
        title: title(list.length),
        body: `${names}；原因：${reason}`,
        link: `/indicators/entry?year=${list[0].year}&regionOrgId=${list[0].regionOrgId}`,
      });
    }
  }

  const service = {
    listRegions,

    // ------------------------------------------------------------ catalogue
    async listIndicators(actor: Actor, q: IndicatorListQuery): Promise<Indicator[]> {
      const scope = requirePermission(actor, 'indicators.read');
      return (await repo.listIndicators(db, scope, q)).map(presentIndicator);
    },

    async createIndicator(actor: Actor, body: CreateIndicator): Promise<Indicator> {
      requirePermission(actor, 'indicators.approve');
      const v = validate(createIndicatorSchema, body);
      const owner = await managedOwner(actor, v.ownerOrgId);
      await checkResponsible(owner, v.responsibleOrgId);
      if (await repo.findIndicatorByCode(db, owner.id, v.code))
        throw new ConflictError(`指标代码“${v.code}”已存在`, [{ path: 'code', message: `指标代码“${v.code}”已存在` }]);
      const id = newId();
      const when = at();
      const row: IndicatorsTable = {
        id,
        ownerOrgId: owner.id,
        code: v.code,
        outline: areaOutline(v.area),
        area: v.area,
        areaOrder: AREA_ORDER[v.area],
        name: v.name,
        unit: v.unit,
        unitLabel: v.unit === 'number' ? (v.unitLabel ?? null) : null,
        direction: v.direction,
        target: v.target ?? null,
        tolerance: v.tolerance ?? null,
        targetYear: v.targetYear,
        baselineYear: v.baselineYear ?? null,
        baselineValue: v.baselineValue ?? null,
        responsibleOrgId: v.responsibleOrgId,
        breakdowns: JSON.stringify(INDICATOR_BREAKDOWNS.filter((b) => v.breakdowns.includes(b))),
        reviewThresholdPercent: v.reviewThresholdPercent,
        definition: v.definition || null,
        targetVerified: v.targetVerified ? 1 : 0,
        active: 1,
        createdBy: actor.userId,
        createdAt: when,
        updatedAt: when,
      };
      try {
        await db.transaction().execute(async (trx) => {
          await repo.insertIndicators(trx, [row]);
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'create',
            entityType: 'indicator',
            entityId: id,
            orgUnitId: owner.id,
            detail: { after: { code: v.code, name: v.name, direction: v.direction, target: row.target } },
          });
        });
      } catch (err) {
        if (isUniqueViolation(err))
          throw new ConflictError(`指标代码“${v.code}”已存在`, [{ path: 'code', message: `指标代码“${v.code}”已存在` }]);
        throw err;
      }
      return presentIndicator((await repo.findIndicator(db, id))!);
    },

    /** Edits an indicator; with `ifMatch` only if it is still at that version (else 412 naming who changed it). */
    async updateIndicator(actor: Actor, id: string, body: UpdateIndicator, ifMatch?: number | null): Promise<Indicator> {
      const row = await loadIndicatorForManage(actor, id);
      const v = validate(updateIndicatorSchema, body);
      const before = presentIndicator(row);
      // The merged indicator must still hold together (a target for "≥", a unit label for numbers, 合计 among the breakdowns).
      const merged = validate(createIndicatorSchema, {
        ownerOrgId: row.ownerOrgId,
        code: row.code,
        area: v.area ?? before.area,
        name: v.name ?? before.name,
        unit: v.unit ?? before.unit,
        unitLabel: v.unitLabel === undefined ? before.unitLabel : v.unitLabel,
        direction: v.direction ?? before.direction,
        target: v.target === undefined ? before.target : v.target,
        tolerance: v.tolerance === undefined ? before.tolerance : v.tolerance,
        targetYear: v.targetYear ?? before.targetYear,
        baselineYear: v.baselineYear === undefined ? before.baselineYear : v.baselineYear,
        baselineValue: v.baselineValue === undefined ? before.baselineValue : v.baselineValue,
        responsibleOrgId: v.responsibleOrgId ?? before.responsibleOrgId,
        breakdowns: v.breakdowns ?? before.breakdowns,
        reviewThresholdPercent: v.reviewThresholdPercent ?? before.reviewThresholdPercent,
        definition: v.definition === undefined ? before.definition : v.definition,
        targetVerified: v.targetVerified ?? before.targetVerified,
      });
      if (merged.responsibleOrgId !== row.responsibleOrgId)
        await checkResponsible({ id: row.ownerOrgId, path: row.ownerOrgPath }, merged.responsibleOrgId);
      const patch: Partial<IndicatorsTable> = {
        area: merged.area,
        outline: areaOutline(merged.area),
        areaOrder: AREA_ORDER[merged.area],
        name: merged.name,
        unit: merged.unit,
        unitLabel: merged.unit === 'number' ? (merged.unitLabel ?? null) : null,
        direction: merged.direction,
        target: merged.target ?? null,
        tolerance: merged.tolerance ?? null,
        targetYear: merged.targetYear,
        baselineYear: merged.baselineYear ?? null,
        baselineValue: merged.baselineValue ?? null,
        responsibleOrgId: merged.responsibleOrgId,
        breakdowns: JSON.stringify(INDICATOR_BREAKDOWNS.filter((b) => merged.breakdowns.includes(b))),
        reviewThresholdPercent: merged.reviewThresholdPercent,
        definition: merged.definition || null,
        targetVerified: merged.targetVerified ? 1 : 0,
        ...(v.active === undefined ? {} : { active: v.active ? 1 : 0 }),
        updatedAt: at(),
      };
      await db.transaction().execute(async (trx) => {
        await assertVersion(trx, dialectOf(trx), { table: 'indicators', id, expected: ifMatch, entityType: 'indicator', what: '指标' });
        await repo.updateIndicator(trx, id, patch);
        const after = presentIndicator((await repo.findIndicator(trx, id))!);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'indicator',
          entityId: id,
          orgUnitId: row.ownerOrgId,
          detail: { changes: diff(before, after) },
        });
      });
      return presentIndicator((await repo.findIndicator(db, id))!);
    },

    /** Adds the default national-outline indicators the owner's catalogue lacks (by code). */
    async addDefaults(actor: Actor, body: { ownerOrgId: string }): Promise<{ added: number }> {
      const owner = await managedOwner(actor, body.ownerOrgId);
      const codes = new Set((await repo.listCodes(db, owner.id)).map((r) => r.code));
      const rows = defaultIndicatorRows(owner, await repo.departmentsUnder(db, owner.path), codes, actor.userId, at());
      if (rows.length === 0) return { added: 0 };
      await db.transaction().execute(async (trx) => {
        await repo.insertIndicators(trx, rows);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'indicator.defaults',
          entityType: 'indicator_catalogue',
          entityId: owner.id,
          orgUnitId: owner.id,
          detail: { added: rows.length, codes: rows.map((r) => r.code) },
        });
      });
      return { added: rows.length };
    },

    // ------------------------------------------------------------ entry
    async entry(actor: Actor, q: { year: number; regionOrgId: string }): Promise<IndicatorEntry> {
      const submit = requirePermission(actor, 'indicators.submit');
      const region = await loadRegion(q.regionOrgId);
      await ensureRegionVisible(submit, region);
      const regionInScope = pathInScope(submit, region.path);
      const indicators = (await repo.indicatorsForRegion(db, region.path))
        .filter((i) => regionInScope || pathInScope(submit, i.responsibleOrgPath))
        .map(presentIndicator);
      const current = await repo.valuesOfRegion(
        db,
        region.id,
        q.year,
        indicators.map((i) => i.id),
      );
      const presented = await presentValues(current);
      const byKey = new Map(presented.map((v) => [`${v.indicatorId}|${v.breakdown}`, v]));
      const figures = await approvedFigures(db, [region.id], [q.year - 1], new Map(indicators.map((i) => [i.id, i.unit])));
      return {
        year: q.year,
        regionOrgId: region.id,
        regionName: region.name,
        rows: indicators.flatMap((indicator) =>
          indicator.breakdowns.map((breakdown) => ({
            indicator,
            breakdown,
            current: byKey.get(`${indicator.id}|${breakdown}`) ?? null,
            previousValue: figures.get(figureKey(indicator.id, region.id, q.year - 1, breakdown))?.value ?? null,
          })),
        ),
      };
    },

    /** Saves a year's figures for one region as drafts, all or nothing; approved and submitted values are locked. */
    async saveValues(
      actor: Actor,
      body: z.input<typeof saveIndicatorValuesSchema>,
      opts: { action?: IndicatorValueAction } = {},
    ): Promise<IndicatorValue[]> {
      const submit = requirePermission(actor, 'indicators.submit');
      const v = validate(saveIndicatorValuesSchema, body);
      const region = await loadRegion(v.regionOrgId);
      await ensureRegionVisible(submit, region);
      const regionInScope = pathInScope(submit, region.path);
      const indicators = new Map((await repo.indicatorsForRegion(db, region.path)).map((i) => [i.id, i]));
      const existing = new Map(
        (await repo.valuesOfRegion(db, region.id, v.year, [...new Set(v.values.map((x) => x.indicatorId))])).map((r) => [
          `${r.indicatorId}|${r.breakdown}`,
          r,
        ]),
      );
      const invalid: FieldError[] = [];
      const forbidden: FieldError[] = [];
      const locked: FieldError[] = [];
      const seen = new Map<string, number>();
      const planned: {
        input: (typeof v.values)[number];
        value: number;
        indicator: repo.IndicatorRow;
        current: repo.ValueRow | undefined;
      }[] = [];
      const problemOf = (input: (typeof v.values)[number], i: number): { list: FieldError[]; errors: FieldError[] } | null => {
        const indicator = indicators.get(input.indicatorId);
        if (!indicator)
          return { list: invalid, errors: [{ path: `values.${i}.indicatorId`, message: '指标不存在、已停用或不属于该地区的指标体系' }] };
        if (!regionInScope && !pathInScope(submit, indicator.responsibleOrgPath))
          return {
            list: forbidden,
            errors: [
              { path: `values.${i}.indicatorId`, message: `「${indicator.name}」由${indicator.responsibleOrgName}负责填报，您无权填报` },
            ],
          };
        const key = `${input.indicatorId}|${input.breakdown}`;
        if (seen.has(key))
          return {
            list: invalid,
            errors: [{ path: `values.${i}.breakdown`, message: `与第${seen.get(key)! + 1}项重复（同一指标、同一分组）` }],
          };
        seen.set(key, i);
        const check = checkIndicatorValue({ unit: indicator.unit, breakdowns: parseBreakdowns(indicator.breakdowns) }, input);
        if (check.problems.length)
          return {
            list: invalid,
            errors: check.problems.map((p) => ({ path: `values.${i}.${p.field}`, message: `「${indicator.name}」${p.message}` })),
          };
        for (const f of ['numerator', 'denominator'] as const)
          if ((input[f] ?? 0) > MAX_COUNT)
            return {
              list: invalid,
              errors: [{ path: `values.${i}.${f}`, message: `「${indicator.name}」${f === 'numerator' ? '分子' : '分母'}过大` }],
            };
        const current = existing.get(key);
        if (current?.status === 'approved')
          return {
            list: locked,
            errors: [
              {
                path: `values.${i}`,
                message: `「${indicator.name}${breakdownText(input.breakdown)}」已审核，数据已锁定；如需修改请审核人重新打开`,
              },
            ],
          };
        if (current?.status === 'submitted')
          return {
            list: locked,
            errors: [
              {
                path: `values.${i}`,
                message: `「${indicator.name}${breakdownText(input.breakdown)}」已报送待审核，不能修改；如需修改请审核人退回`,
              },
            ],
          };
        planned.push({ input, value: check.value!, indicator, current });
        return null;
      };
      for (const [i, input] of v.values.entries()) {
        const problem = problemOf(input, i);
        if (problem) problem.list.push(...problem.errors);
      }
      if (forbidden.length) throw new AppError(403, 'FORBIDDEN', forbidden.map((f) => f.message).join('；'), forbidden);
      if (invalid.length) throw new ValidationError(invalid.map((f) => f.message).join('；'), invalid);
      if (locked.length) throw new ConflictError(locked.map((f) => f.message).join('；'), locked);

      const ids: string[] = [];
      const action = opts.action ?? 'save';
      try {
        await db.transaction().execute(async (trx) => {
          for (const p of planned) {
            const when = at();
            const fields = {
              numerator: p.input.numerator ?? null,
              denominator: p.input.denominator ?? null,
              value: p.value,
              source: p.input.source || null,
              note: p.input.note || null,
            };
            if (p.current) {
              const ok = await repo.updateValue(trx, p.current.id, ['draft', 'returned'], { ...fields, status: 'draft', updatedAt: when });
              if (!ok) throw new ConflictError(`「${p.indicator.name}」刚被他人报送或审核，请刷新后重试`);
              await recordStep(trx, actor, p.current, action, p.current.status, 'draft', p.value, null);
              ids.push(p.current.id);
            } else {
              const row: IndicatorValuesTable = {
                id: newId(),
                indicatorId: p.indicator.id,
                ownerOrgId: p.indicator.ownerOrgId,
                regionOrgId: region.id,
                year: v.year,
                breakdown: p.input.breakdown,
                ...fields,
                status: 'draft',
                returnReason: null,
                submittedBy: null,
                submittedAt: null,
                decidedBy: null,
                decidedAt: null,
                createdBy: actor.userId,
                createdAt: when,
                updatedAt: when,
              };
              await repo.insertValue(trx, row);
              await recordStep(trx, actor, row, action, null, 'draft', p.value, null);
              ids.push(row.id);
            }
          }
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new ConflictError('同一指标的数据刚被他人保存，请刷新后重试');
        throw err;
      }
      const rows = await repo.findValues(db, ids);
      const order = new Map(ids.map((id, i) => [id, i]));
      return presentValues(rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!));
    },

    /** Submits drafts / returned values for review; a value with warnings needs a note. */
    async submitValues(actor: Actor, body: z.input<typeof indicatorValueIdsSchema>): Promise<IndicatorValue[]> {
      const submit = requirePermission(actor, 'indicators.submit');
      const { ids } = validate(indicatorValueIdsSchema, body);
      const unique = [...new Set(ids)];
      const rows = await repo.findValues(db, unique);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const list = unique.map((id) => {
        const r = byId.get(id);
        if (!r || !(pathInScope(submit, r.regionPath) || pathInScope(submit, r.responsibleOrgPath))) throw new NotFoundError('指标数据');
        return r;
      });
      requireStatus(list, ['draft', 'returned'], '只有草稿或被退回的数据可以报送');
      const presented = await presentValues(list);
      const needNote = presented.filter((p) => p.warnings.length > 0 && !p.note);
      if (needNote.length)
        throw new ValidationError(
          needNote.map((p) => `${valueLabel(p)}${p.warnings[0]}：报送前须填写“说明”`).join('；'),
          needNote.map((p) => ({
            path: `ids.${unique.indexOf(p.id)}.note`,
            message: `${valueLabel(p)}${p.warnings[0]}：报送前须填写“说明”`,
          })),
        );
      await db.transaction().execute(async (trx) => {
        for (const r of list) {
          const when = at();
          const ok = await repo.updateValue(trx, r.id, ['draft', 'returned'], {
            status: 'submitted',
            submittedBy: actor.userId,
            submittedAt: when,
            returnReason: null,
            decidedBy: null,
            decidedAt: null,
            updatedAt: when,
          });
          if (!ok) throw new ConflictError(`${valueLabel(r)}的状态刚被他人改变，请刷新后重试`);
          await recordStep(trx, actor, r, 'submit', r.status, 'submitted', Number(r.value), null);
        }
      });
      return presentValues(await repo.findValues(db, unique));
    },

    /** Approves submitted values: they are locked from then on. */
    async approveValues(actor: Actor, body: z.input<typeof indicatorValueIdsSchema>): Promise<IndicatorValue[]> {
      const { ids } = validate(indicatorValueIdsSchema, body);
      const list = await loadForReview(actor, ids);
      requireStatus(list, ['submitted'], '只有已报送的数据可以审核通过');
      await db.transaction().execute(async (trx) => {
        for (const r of list) {
          const when = at();
          if (
            !(await repo.updateValue(trx, r.id, ['submitted'], {
              status: 'approved',
              decidedBy: actor.userId,
              decidedAt: when,
              updatedAt: when,
            }))
          )
            throw new ConflictError(`${valueLabel(r)}的状态刚被他人改变，请刷新后重试`);
          await recordStep(trx, actor, r, 'approve', 'submitted', 'approved', Number(r.value), null);
        }
      });
      return presentValues(
        await repo.findValues(
          db,
          list.map((r) => r.id),
        ),
      );
    },

    /** Returns submitted values to their reporter with a reason (they become editable again); the reporter is notified. */
    async returnValues(actor: Actor, body: z.input<typeof returnIndicatorValuesSchema>): Promise<IndicatorValue[]> {
      const { ids, reason } = validate(returnIndicatorValuesSchema, body);
      const list = await loadForReview(actor, ids);
      requireStatus(list, ['submitted'], '只有已报送的数据可以退回');
      await db.transaction().execute(async (trx) => {
        for (const r of list) {
          const when = at();
          if (
            !(await repo.updateValue(trx, r.id, ['submitted'], {
              status: 'returned',
              returnReason: reason,
              decidedBy: actor.userId,
              decidedAt: when,
              updatedAt: when,
            }))
          )
            throw new ConflictError(`${valueLabel(r)}的状态刚被他人改变，请刷新后重试`);
          await recordStep(trx, actor, r, 'return', 'submitted', 'returned', Number(r.value), reason);
        }
        await notifyReporters(trx, list, (n) => `两纲监测数据被退回（${n}项）`, reason);
      });
      return presentValues(
        await repo.findValues(
          db,
          list.map((r) => r.id),
        ),
      );
    },

    /** Reopens an approved value with a reason: it goes back to the reporter as returned. */
    async reopenValue(actor: Actor, id: string, body: z.input<typeof reopenIndicatorValueSchema>): Promise<IndicatorValue> {
      const { reason } = validate(reopenIndicatorValueSchema, body);
      const [r] = await loadForReview(actor, [id]);
      requireStatus([r], ['approved'], '只有已审核的数据可以重新打开');
      await db.transaction().execute(async (trx) => {
        const when = at();
        if (
          !(await repo.updateValue(trx, r.id, ['approved'], {
            status: 'returned',
            returnReason: reason,
            decidedBy: actor.userId,
            decidedAt: when,
            updatedAt: when,
          }))
        )
          throw new ConflictError(`${valueLabel(r)}的状态刚被他人改变，请刷新后重试`);
        await recordStep(trx, actor, r, 'reopen', 'approved', 'returned', Number(r.value), reason);
        await notifyReporters(trx, [r], () => '已审核的两纲监测数据被重新打开', reason);
      });
      return (await presentValues([(await repo.findValue(db, id))!]))[0];
    },

    async listValues(actor: Actor, q: IndicatorValueListQuery): Promise<IndicatorValue[]> {
      const scope = requirePermission(actor, 'indicators.read');
      return presentValues(await repo.listValues(db, scope, q));
    },

    async valueEvents(actor: Actor, id: string): Promise<IndicatorValueEvent[]> {
      const scope = requirePermission(actor, 'indicators.read');
      const r = await repo.findValue(db, id);
      if (!r || !(pathInScope(scope, r.regionPath) || pathInScope(scope, r.responsibleOrgPath))) throw new NotFoundError('指标数据');
      return (await repo.listEvents(db, id)).map((e) => ({
        id: e.id,
        action: e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        value: Number(e.value),
        reason: e.reason,
        actorName: e.actorName,
        at: e.at,
      }));
    },

    // ------------------------------------------------------------ evaluation
    async evaluation(actor: Actor, q: { year: number; regionOrgId?: string; outline?: Outline }): Promise<IndicatorEvaluation> {
      const scope = requirePermission(actor, 'indicators.read');
      let region: Region;
      if (q.regionOrgId) {
        region = await loadRegion(q.regionOrgId);
        await ensureRegionVisible(scope, region);
      } else {
        const [first] = await listRegions(actor);
        if (!first) throw fieldError('regionOrgId', '没有可查看的地区，请先建立指标体系');
        region = await loadRegion(first.id);
      }
      const regionInScope = pathInScope(scope, region.path);
      // Values are readable for the region in scope, or for the indicators the caller's unit reports.
      const indicators = (await repo.indicatorsForRegion(db, region.path))
        .filter((i) => (regionInScope || pathInScope(scope, i.responsibleOrgPath)) && (!q.outline || i.outline === q.outline))
        .map(presentIndicator);
      const evaluated = await evaluateRegion(db, region.id, q.year, indicators);
      const counts = { total: evaluated.length, withData: 0, met: 0, notMet: 0, improving: 0, notImproving: 0, noData: 0 };
      const areas = new Map<IndicatorArea, { area: IndicatorArea; total: number; met: number; notMet: number; noData: number }>();
      for (const e of evaluated) {
        if (e.figure) counts.withData++;
        if (e.status === 'met') counts.met++;
        if (e.status === 'not_met') counts.notMet++;
        if (e.status === 'improving') counts.improving++;
        if (e.status === 'not_improving') counts.notImproving++;
        if (e.status === 'no_data') counts.noData++;
        const a = areas.get(e.indicator.area) ?? { area: e.indicator.area, total: 0, met: 0, notMet: 0, noData: 0 };
        a.total++;
        // By area: 向好 counts with 达标 and 未向好 with 未达标 (the chart's three bars).
        if (e.status === 'met' || e.status === 'improving') a.met++;
        if (e.status === 'not_met' || e.status === 'not_improving') a.notMet++;
        if (e.status === 'no_data') a.noData++;
        areas.set(e.indicator.area, a);
      }
      return {
        year: q.year,
        regionOrgId: region.id,
        regionName: region.name,
        counts,
        byArea: [...areas.values()].sort((a, b) => AREA_ORDER[a.area] - AREA_ORDER[b.area]),
        rows: evaluated.map((e) => ({
          indicator: e.indicator,
          value: e.figure?.value ?? null,
          numerator: e.figure?.numerator ?? null,
          denominator: e.figure?.denominator ?? null,
          basis: e.figure?.basis ?? null,
          rolledUpFrom: e.figure?.rolledUpFrom ?? 0,
          previousValue: e.previous?.value ?? null,
          status: e.status,
          breakdowns: e.breakdowns,
        })),
      };
    },

    /**
     * 两纲统计监测报告 (.docx, 公文 layout): the evaluation above for the same year and region — same permission,
     * same scope, same figures — worded as a report; the download is audited like the evaluation's Excel export.
     */
    async evaluationReport(
      actor: Actor,
      q: { year: number; regionOrgId?: string },
    ): Promise<{ body: Buffer; filename: string; contentType: string }> {
      const evaluation = await service.evaluation(actor, q);
      const body = await evaluationReportDocx(evaluation, {
        organ: evaluation.regionName,
        date: formatChineseDate(shanghaiDate(clock.now())),
      });
      await db.transaction().execute((trx) =>
        appendAudit(trx, clock, auditActor(actor), {
          action: 'export',
          entityType: 'indicator_evaluation',
          orgUnitId: evaluation.regionOrgId,
          detail: {
            kind: 'indicators.report',
            format: 'docx',
            rows: evaluation.rows.length,
            filters: { year: q.year, regionOrgId: evaluation.regionOrgId },
          },
        }),
      );
      return { body, filename: `${evaluationReportTitle(evaluation)}.docx`, contentType: DOCX_MIME };
    },

    /** For the Excel module: the caller's submit scope and the regions they see. */
    submitScopeOf,
    loadRegion,
    ensureRegionVisible,
  };
  return service;
}
