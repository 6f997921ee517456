import { INDICATOR_VALUE_STATUS_LABELS, type IndicatorRegion, type IndicatorValue, type IndicatorValueStatus } from '@jinguo/domain';
import type { Db, Executor } from '../../db/database.js';
import { auditActor, can, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, fieldError, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../../platform/notifications.js';
import * as repo from './indicators.repository.js';
import type { IndicatorValueAction } from './indicators.tables.js';
import { findUnit } from '../org/index.js';
import { approvedFigures, figureKey, REGION_KIND_SET } from './indicators.figures.js';
import { presentValue, valueLabel } from './indicators.present.js';

export type Region = { id: string; name: string; kind: string; depth: number; path: string };
/** What the parts of the indicators service share: regions in scope, the catalogue's owner, a value's review step. */
export function createIndicatorsContext({ db, clock }: { db: Db; clock: Clock }) {
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

  return {
    db,
    clock,
    at,
    submitScopeOf,
    loadRegion,
    ensureRegionVisible,
    listRegions,
    managedOwner,
    checkResponsible,
    loadIndicatorForManage,
    previousFor,
    presentValues,
    recordStep,
    loadForReview,
    requireStatus,
    notifyReporters,
  };
}

export type IndicatorsContext = ReturnType<typeof createIndicatorsContext>;
