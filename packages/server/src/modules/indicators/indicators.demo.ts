import { isRateUnit, rateValue, round4, valueWarnings, type IndicatorBreakdown, type IndicatorValueStatus } from '@jinguo/domain';
import { newId } from '../../platform/ids.js';
import type { DemoContext } from '../module.js';
import * as repo from './indicators.repository.js';
import { defaultIndicatorRows } from './indicators.present.js';
import type { IndicatorsTable, IndicatorValueEventsTable, IndicatorValuesTable } from './indicators.tables.js';

/** A figure: numerator/denominator for a rate, or the value alone. */
type Fig = [number, number] | number;

/**
 * The district's approved totals for 2024 and 2025 (and 2026 for the indicators whose departments have reported),
 * near the national actuals of domain.md §5: some met, some not. 2026 health figures come from the 区卫生健康局
 * liaison (drafts, submitted, one returned); 宫颈癌筛查率 is reported by each township and street and rolled up.
 */
const DISTRICT: Record<string, { 2024?: Fig; 2025?: Fig; 2026?: Fig }> = {
  'W1.01': { 2024: [0, 2650], 2025: [1, 2480] },
  'W1.03': { 2024: [40120, 76710], 2025: [43580, 76730] },
  'W1.04': { 2024: [0, 6], 2025: [0, 5] },
  'W1.05': { 2024: [2398, 2650], 2025: [2291, 2480] },
  'W2.01': { 2024: [4120, 4560], 2025: [4230, 4520], 2026: [4260, 4490] },
  'W2.02': { 2024: 9.6, 2025: 9.7 },
  'W3.01': { 2024: 42.7, 2025: 43.6, 2026: 43.9 },
  'W3.02': { 2024: [7710, 19820], 2025: [7930, 20130], 2026: [8120, 20400] },
  'W3.03': { 2024: [312, 820], 2025: [335, 850], 2026: [352, 868] },
  'W4.01': { 2024: [29, 112], 2025: [35, 110], 2026: [35, 110] },
  'W4.02': { 2024: [41, 78], 2025: [43, 80], 2026: [44, 80] },
  'W4.03': { 2024: [62, 235], 2025: [62, 235] },
  'W4.04': { 2024: [48, 210], 2025: [51, 212] },
  'W4.05': { 2024: [38, 196], 2025: [41, 198], 2026: [43, 201] },
  'W5.01': { 2024: 96.8, 2025: 97.1, 2026: 97.3 },
  'W5.02': { 2024: 90.2, 2025: 91.5, 2026: 92.4 },
  'W5.03': { 2024: 12850, 2025: 13420, 2026: 13960 },
  'W6.01': { 2024: [23, 32], 2025: [27, 32], 2026: [30, 32] },
  'W6.02': { 2024: 8600, 2025: 9350, 2026: 10200 },
  'W7.01': { 2024: 78.6, 2025: 82.4, 2026: 85.1 },
  'W8.01': { 2024: 164, 2025: 151, 2026: 138 },
  'W8.02': { 2024: 9, 2025: 12, 2026: 14 },
  'W8.03': { 2024: [72, 75], 2025: [80, 82], 2026: [78, 78] },
  'C1.01': { 2024: [7, 2650], 2025: [6, 2480] },
  'C1.02': { 2024: [12, 2650], 2025: [11, 2480] },
  'C1.03': { 2024: [17, 2650], 2025: [14, 2480] },
  'C1.04': { 2024: [58, 56200], 2025: [63, 55800] },
  'C1.05': { 2024: [162, 56200], 2025: [170, 55800] },
  'C1.06': { 2024: [412, 5630], 2025: [380, 5590] },
  'C1.07': { 2024: [118, 5630], 2025: [101, 5590] },
  'C1.08': { 2024: [496, 1020], 2025: [548, 1040] },
  'C1.09': { 2024: 99.1, 2025: 99.3 },
  'C2.01': { 2024: [9, 62300], 2025: [8, 61800] },
  'C2.02': { 2024: 1, 2025: 0, 2026: 0 },
  'C3.01': { 2024: [8420, 9150], 2025: [8310, 8960], 2026: [8150, 8700] },
  'C3.02': { 2024: 97.2, 2025: 97.6, 2026: 97.9 },
  'C3.03': { 2024: [8460, 9300], 2025: [8720, 9250], 2026: [8800, 9200] },
  'C3.04': { 2024: 82.6, 2025: 86.1, 2026: 88.3 },
  'C4.01': { 2024: 1560, 2025: 1620, 2026: 1690 },
  'C4.02': { 2024: [27, 32], 2025: [29, 32], 2026: [31, 32] },
  'C5.01': { 2024: 88.5, 2025: 91.2, 2026: 92.6 },
  'C5.02': { 2024: 46, 2025: 52, 2026: 58 },
  'C6.01': { 2024: [301, 366], 2025: [310, 365], 2026: [318, 365] },
  'C6.02': { 2024: 2, 2025: 4, 2026: 6 },
  'C7.01': { 2024: [14, 412], 2025: [11, 398] },
  'C7.02': { 2024: 36, 2025: 41, 2026: 44 },
};

/** Sex-disaggregated and urban/rural splits of some approved totals. */
const SPLITS: Record<string, Partial<Record<2024 | 2025, Partial<Record<IndicatorBreakdown, Fig>>>>> = {
  'W1.01': { 2024: { urban: [0, 1010], rural: [0, 1640] }, 2025: { urban: [0, 980], rural: [1, 1500] } },
  'C1.01': { 2024: { female: [3, 1270], male: [4, 1380] }, 2025: { female: [2, 1190], male: [4, 1290] } },
  'C1.02': { 2024: { female: [5, 1270], male: [7, 1380] }, 2025: { female: [5, 1190], male: [6, 1290] } },
  'C1.03': { 2024: { female: [7, 1270], male: [10, 1380] }, 2025: { female: [6, 1190], male: [8, 1290] } },
  'C3.03': { 2024: { female: [4120, 4560], male: [4340, 4740] }, 2025: { female: [4230, 4520], male: [4490, 4730] } },
};

/** Why a value moved more than its threshold (submitting it needs the note). */
const NOTES: Record<string, string> = {
  'W1.01': '2025年发生1例孕产妇死亡（羊水栓塞），已经市级孕产妇死亡评审；上年为0例',
  'W4.01': '2025年村（社区）“两委”换届，女性成员增加',
  'W8.02': '反家庭暴力法宣传和保护令申请指导力度加大',
  'C2.02': '全年未发生拐卖儿童案件',
  'C6.02': '新建成两个儿童友好社区',
};

const SOURCES: Record<string, string> = { W: '部门年报', C: '部门年报' };

export async function seedIndicatorsDemo(ctx: DemoContext): Promise<void> {
  const { db, clock } = ctx;
  const now = clock.now().toISOString();
  const district = ctx.org('510399');
  const statistician = ctx.user('statistician').id;
  const chair = ctx.user('chair').id;
  const liaison = ctx.user('liaison').id;
  const names = new Map(
    (await db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', [statistician, chair, liaison]).execute()).map((u) => [
      u.id,
      u.displayName,
    ]),
  );

  const catalogue: IndicatorsTable[] = defaultIndicatorRows(
    district,
    await repo.departmentsUnder(db, district.path),
    new Set(),
    statistician,
    now,
  );
  const byCode = new Map(catalogue.map((i) => [i.code, i]));
  const values: IndicatorValuesTable[] = [];
  const events: IndicatorValueEventsTable[] = [];
  const approvedTotal = new Map<string, number>();

  const put = (
    code: string,
    regionId: string,
    year: number,
    fig: Fig,
    status: IndicatorValueStatus,
    opts: { breakdown?: IndicatorBreakdown; reporter?: string; note?: string; returnReason?: string; when?: string } = {},
  ) => {
    const indicator = byCode.get(code)!;
    const [numerator, denominator] = Array.isArray(fig) ? fig : [null, null];
    const value = Array.isArray(fig) ? rateValue(indicator.unit, fig[0], fig[1])! : round4(fig);
    if (Array.isArray(fig) && !isRateUnit(indicator.unit)) throw new Error(`demo: ${code} figure does not match its unit`);
    const breakdown = opts.breakdown ?? 'total';
    const reporter = opts.reporter ?? statistician;
    const previous = approvedTotal.get(`${code}|${regionId}|${year - 1}|${breakdown}`) ?? null;
    const note =
      opts.note ??
      (valueWarnings(value, previous, indicator.reviewThresholdPercent).length
        ? (NOTES[code] ?? '较上年变化较大，已与原始台账核对')
        : null);
    // Year N is reported early in N+1 (domain.md §5); this year's figures are being entered now.
    const submittedAt = year < ctx.year ? `${year + 1}-02-${String(10 + (values.length % 15)).padStart(2, '0')}T02:00:00.000Z` : now;
    const decidedAt = year < ctx.year ? `${year + 1}-03-${String(5 + (values.length % 20)).padStart(2, '0')}T03:00:00.000Z` : now;
    const decider = year < ctx.year ? chair : statistician;
    const row: IndicatorValuesTable = {
      id: newId(),
      indicatorId: indicator.id,
      ownerOrgId: district.id,
      regionOrgId: regionId,
      year,
      breakdown,
      numerator,
      denominator,
      value,
      source: SOURCES[code[0]] ?? null,
      note,
      status,
      returnReason: opts.returnReason ?? null,
      submittedBy: status === 'draft' ? null : reporter,
      submittedAt: status === 'draft' ? null : submittedAt,
      decidedBy: status === 'approved' || status === 'returned' ? decider : null,
      decidedAt: status === 'approved' || status === 'returned' ? decidedAt : null,
      createdBy: reporter,
      createdAt: submittedAt,
      updatedAt: status === 'approved' || status === 'returned' ? decidedAt : submittedAt,
    };
    values.push(row);
    if (status === 'approved') approvedTotal.set(`${code}|${regionId}|${year}|${breakdown}`, value);
    const event = (
      action: IndicatorValueEventsTable['action'],
      fromStatus: IndicatorValueStatus | null,
      toStatus: IndicatorValueStatus,
      actorId: string,
      at: string,
      reason: string | null = null,
    ) =>
      events.push({
        id: newId(),
        valueId: row.id,
        ownerOrgId: district.id,
        action,
        fromStatus,
        toStatus,
        value,
        reason,
        actorId,
        actorName: names.get(actorId) ?? null,
        at,
      });
    event('save', null, 'draft', reporter, submittedAt);
    if (status !== 'draft') event('submit', 'draft', 'submitted', reporter, submittedAt);
    if (status === 'approved') event('approve', 'submitted', 'approved', decider, decidedAt);
    if (status === 'returned') event('return', 'submitted', 'returned', decider, decidedAt, row.returnReason);
  };

  for (const year of [2024, 2025, 2026] as const) {
    for (const [code, figs] of Object.entries(DISTRICT)) {
      const fig = figs[year];
      if (fig === undefined) continue;
      const reporter = byCode.get(code)!.responsibleOrgId === ctx.org('区卫生健康局').id ? liaison : statistician;
      put(code, district.id, year, fig, 'approved', { reporter });
      if (year !== 2026)
        for (const [b, f] of Object.entries(SPLITS[code]?.[year] ?? {}))
          put(code, district.id, year, f!, 'approved', { breakdown: b as IndicatorBreakdown, reporter });
    }
  }

  // 宫颈癌筛查率: every township and street reports numerator and denominator; the district's figure is their roll-up.
  const towns = await repo.regionsUnder(db, district.path);
  towns
    .filter((t) => t.id !== district.id)
    .forEach((t, i) => {
      const women = 3800 + ((i * 613) % 4000);
      put('W1.02', t.id, 2024, [Math.round(women * (0.6 + (i % 5) * 0.02)), women], 'approved', { reporter: liaison });
      put('W1.02', t.id, 2025, [Math.round((women + 40) * (0.66 + (i % 5) * 0.025)), women + 40], 'approved', { reporter: liaison });
      if (i < 5)
        put('W1.02', t.id, 2026, [Math.round((women + 70) * (0.7 + (i % 4) * 0.02)), women + 70], 'submitted', { reporter: liaison });
      else if (i < 8) put('W1.02', t.id, 2026, [Math.round((women + 70) * 0.72), women + 70], 'draft', { reporter: liaison });
    });

  // The liaison's 2026 district figures: drafts, submitted, and one returned with the reviewer's reason.
  put('W1.01', district.id, 2026, [0, 2360], 'draft', { reporter: liaison });
  put('W1.05', district.id, 2026, [2205, 2360], 'draft', { reporter: liaison });
  put('W1.04', district.id, 2026, [0, 4], 'submitted', { reporter: liaison });
  put('C1.02', district.id, 2026, [10, 2360], 'submitted', { reporter: liaison });
  put('C1.01', district.id, 2026, [5, 2360], 'returned', {
    reporter: liaison,
    returnReason: '分母（活产数）与妇幼卫生年报的2360例一致，但分子与死亡监测报表的4例不符，请核对后重新报送',
  });

  await db.transaction().execute(async (trx) => {
    await repo.insertIndicators(trx, catalogue);
    await repo.insertValues(trx, values);
    await repo.insertEvents(trx, events);
  });
}
