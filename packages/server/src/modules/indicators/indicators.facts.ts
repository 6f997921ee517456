import { EVALUATION_STATUS_LABELS, formatIndicatorValue } from '@jinguo/domain';
import { rate, type FactContext, type FactDefinition, type FactRecords, type SummaryBlockDef } from '../../platform/facts.js';
import * as repo from './indicators.repository.js';
import { evaluateRegion, topRegionOf, type EvaluatedIndicator } from './indicators.figures.js';
import { presentIndicator } from './indicators.present.js';

/**
 * 两纲 figures for reports. The region is the unit at the top of the fact's scope (the district for the district's
 * summary); its figure per indicator is its own approved total or the roll-up of its townships (one GROUP BY in the
 * database), judged against the target by the pure rule evaluateIndicator — one row per indicator, never the
 * value rows themselves, reach JavaScript.
 */
async function evaluated(ctx: FactContext): Promise<EvaluatedIndicator[]> {
  const region = await topRegionOf(ctx.db, ctx.scope);
  if (!region) return [];
  const indicators = (await repo.indicatorsForRegion(ctx.db, region.path)).map(presentIndicator);
  return (await evaluateRegion(ctx.db, region.id, ctx.period.year, indicators)).filter((e) => e.figure !== null);
}

const isMet = (e: EvaluatedIndicator) => e.status === 'met' || e.status === 'improving';

function records(list: EvaluatedIndicator[], page: { limit: number; offset: number }): FactRecords {
  return {
    columns: [
      { key: 'code', label: '指标代码' },
      { key: 'name', label: '指标' },
      { key: 'value', label: '数值' },
      { key: 'target', label: '目标' },
      { key: 'status', label: '评估结果' },
      { key: 'basis', label: '数据来源' },
    ],
    total: list.length,
    rows: list.slice(page.offset, page.offset + page.limit).map((e) => ({
      code: e.indicator.code,
      name: e.indicator.name,
      value: formatIndicatorValue(e.figure!.value, e.indicator),
      target: e.indicator.targetText,
      status: EVALUATION_STATUS_LABELS[e.status],
      basis: e.figure!.basis === 'rolled_up' ? `由${e.figure!.rolledUpFrom}个乡镇（街道）汇总` : '本级填报',
    })),
  };
}

export function indicatorsFacts(): FactDefinition[] {
  return [
    {
      name: 'indicators.monitored',
      module: 'indicators',
      label: { zh: '已有年度数据的“两纲”监测指标', en: 'Outline indicators with data for the year' },
      unit: '项',
      kind: 'count',
      definition: '指标体系中启用的指标里，本年度已有审核通过的合计数据（本级填报，或由乡镇、街道的审核数据汇总）的项数。',
      permission: 'indicators.read',
      async compute(ctx) {
        return { value: (await evaluated(ctx)).length };
      },
      records: async (ctx, _p, page) => records(await evaluated(ctx), page),
    },
    {
      name: 'indicators.met',
      module: 'indicators',
      label: { zh: '达到规划目标或持续向好的指标', en: 'Indicators meeting the target or improving' },
      unit: '项',
      kind: 'count',
      definition: '已有年度数据的指标中，评估为“达标”（对照2030年目标）或“向好”（逐步提高/降低类指标与上年相比）的项数。',
      permission: 'indicators.read',
      async compute(ctx) {
        return { value: (await evaluated(ctx)).filter(isMet).length };
      },
      records: async (ctx, _p, page) => records((await evaluated(ctx)).filter(isMet), page),
    },
    {
      name: 'indicators.metRate',
      module: 'indicators',
      label: { zh: '“两纲”监测指标达标率', en: 'Share of monitored indicators met' },
      unit: '%',
      kind: 'rate',
      definition: '达到规划目标或持续向好的指标项数 ÷ 已有年度数据的指标项数，百分比保留两位小数。',
      permission: 'indicators.read',
      async compute(ctx) {
        const list = await evaluated(ctx);
        return rate(list.filter(isMet).length, list.length);
      },
      records: async (ctx, _p, page) => records(await evaluated(ctx), page),
    },
  ];
}

export const indicatorsSummary: SummaryBlockDef[] = [
  {
    module: 'indicators',
    order: 95,
    heading: '推进“两纲”实施，开展统计监测',
    paragraphs: [
      '全{area}纳入“两纲”统计监测的指标中，{indicators.monitored}项已有年度数据，其中{indicators.met}项达到规划目标或持续向好，达标率{indicators.metRate}。',
    ],
  },
];
