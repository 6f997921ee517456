import { formatChineseDate, shanghaiDate, type IndicatorArea, type IndicatorEvaluation, type Outline } from '@jinguo/domain';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { fieldError } from '../../platform/errors.js';
import { DOCX_MIME } from '../../platform/gongwen.js';
import { evaluationReportDocx, evaluationReportTitle } from './indicators.report.js';
import * as repo from './indicators.repository.js';
import type { IndicatorsContext, Region } from './indicators.context.js';
import { evaluateRegion } from './indicators.figures.js';
import { AREA_ORDER, presentIndicator } from './indicators.present.js';

/** The evaluation against the targets, with the roll-up from townships, and its 公文 report. */
export function createEvaluationService(ctx: IndicatorsContext) {
  const { db, clock, submitScopeOf, loadRegion, ensureRegionVisible, listRegions } = ctx;
  const service = {
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
