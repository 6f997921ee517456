import {
  areaOutline,
  createIndicatorSchema,
  INDICATOR_BREAKDOWNS,
  updateIndicatorSchema,
  type CreateIndicator,
  type Indicator,
  type IndicatorListQuery,
  type UpdateIndicator,
} from '@jinguo/domain';
import { auditActor, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit, diff } from '../../platform/audit.js';
import { ConflictError, isUniqueViolation } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { assertVersion } from '../../platform/versioning.js';
import { dialectOf } from '../../db/database.js';
import * as repo from './indicators.repository.js';
import type { IndicatorsTable } from './indicators.tables.js';
import { validate } from '../../platform/validate.js';
import type { IndicatorsContext } from './indicators.context.js';
import { AREA_ORDER, defaultIndicatorRows, presentIndicator } from './indicators.present.js';

/** The 两纲 catalogue: the indicators an owner unit keeps, their targets and who answers for them. */
export function createCatalogueService(ctx: IndicatorsContext) {
  const { db, clock, at, managedOwner, checkResponsible, loadIndicatorForManage } = ctx;
  return {
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
  };
}
