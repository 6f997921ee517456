import { checkIndicatorValue, saveIndicatorValuesSchema, type IndicatorEntry, type IndicatorValue } from '@jinguo/domain';
import type { z } from 'zod';
import { pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { AppError, ConflictError, ValidationError, isUniqueViolation, type FieldError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './indicators.repository.js';
import type { IndicatorValueAction, IndicatorValuesTable } from './indicators.tables.js';
import { validate } from '../../platform/validate.js';
import type { IndicatorsContext } from './indicators.context.js';
import { approvedFigures, figureKey } from './indicators.figures.js';
import { breakdownText, MAX_COUNT, parseBreakdowns, presentIndicator } from './indicators.present.js';

/** Entry: the values a member unit reports for a year, saved as drafts. */
export function createEntryService(ctx: IndicatorsContext) {
  const { db, at, loadRegion, ensureRegionVisible, presentValues, recordStep } = ctx;
  return {
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
  };
}
