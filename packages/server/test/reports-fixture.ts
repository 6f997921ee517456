import { sql } from 'kysely';
import { orgInScope } from '../src/db/scope.js';
import { rate, type FactContext, type FactDefinition } from '../src/platform/facts.js';
import { newId } from '../src/platform/ids.js';
import type { TestApp } from './build-test-app.js';

/**
 * A small table of "visits" with hand-counted figures, and facts over it written the way modules write
 * theirs (SQL aggregates scoped with orgInScope over the period), so the reports engine is tested
 * against numbers counted by hand rather than against another module's code.
 *
 *   unit        date        channel  amount(fen)  accepted closed
 *   牛佛镇      2026-03-05  visit    140000       1        1
 *   牛佛镇      2026-03-20  letter   0            1        0
 *   牛佛镇      2026-06-01  visit    50           1        0
 *   大山村      2026-07-07  visit    100000       0        0      (大山村 is under 牛佛镇)
 *   东城街道    2026-03-08  visit    0            1        1
 *   东城街道    2026-12-31  letter   20000        1        1
 *   示例区妇联  2026-01-01  visit    0            0        0
 *   牛佛镇      2025-05-05  visit    0            1        1      (previous year)
 *   东城街道    2027-01-01  visit    0            1        1      (next year)
 *
 * 2026, district: 7 visits (5 visit, 2 letter), 2,600.50 yuan, closure 3/5 = 60%.
 * 牛佛镇: 4 (3 visit, 1 letter), 2,400.50 yuan, 1/3 = 33.33%. 东城街道: 2, 200 yuan, 2/2 = 100%.
 * 大山村: 1 visit, closure 0/0 → "—". March 2026, district: 3.
 */
export const FIXTURE_ROWS: [string, string, string, number, number, number][] = [
  ['510399100', '2026-03-05', 'visit', 140000, 1, 1],
  ['510399100', '2026-03-20', 'letter', 0, 1, 0],
  ['510399100', '2026-06-01', 'visit', 50, 1, 0],
  ['510399100200', '2026-07-07', 'visit', 100000, 0, 0],
  ['510399001', '2026-03-08', 'visit', 0, 1, 1],
  ['510399001', '2026-12-31', 'letter', 20000, 1, 1],
  ['510399', '2026-01-01', 'visit', 0, 0, 0],
  ['510399100', '2025-05-05', 'visit', 0, 1, 1],
  ['510399001', '2027-01-01', 'visit', 0, 1, 1],
];

export async function createFixtureTable(t: TestApp): Promise<void> {
  const db = t.handle.db;
  await sql`CREATE TABLE fixture_visits (id text PRIMARY KEY, owner_org_id text NOT NULL, visit_date text NOT NULL, channel text NOT NULL, amount bigint NOT NULL, accepted integer NOT NULL, closed integer NOT NULL)`.execute(
    db,
  );
  await sql`CREATE INDEX fixture_visits_org_date ON fixture_visits (owner_org_id, visit_date)`.execute(db);
  for (const [code, date, channel, amount, accepted, closed] of FIXTURE_ROWS)
    await insertVisit(t, code, date, channel, amount, accepted, closed);
}

export async function insertVisit(
  t: TestApp,
  code: string,
  date: string,
  channel: string,
  amount = 0,
  accepted = 1,
  closed = 0,
): Promise<string> {
  const db = t.handle.db;
  const unit = await db.selectFrom('orgUnits').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  const id = newId();
  await sql`INSERT INTO fixture_visits VALUES (${id}, ${unit.id}, ${date}, ${channel}, ${amount}, ${accepted}, ${closed})`.execute(db);
  return id;
}

// The facts' queries: the table is not in the typed schema, so the builder is used untyped here.
function visits(ctx: FactContext, params: Record<string, string>) {
  let q = (ctx.db as any)
    .selectFrom('fixture_visits')
    .where((eb: any) => orgInScope(eb, 'owner_org_id', ctx.scope))
    .where('visit_date', '>=', ctx.period.from)
    .where('visit_date', '<=', ctx.period.to);
  if (params.channel) q = q.where('channel', '=', params.channel);
  return q;
}

async function listVisits(
  ctx: FactContext,
  params: Record<string, string>,
  page: { limit: number; offset: number },
  extra?: (q: any) => any,
) {
  let q = visits(ctx, params);
  if (extra) q = extra(q);
  const [{ n }] = await q.select(sql<number>`count(*)`.as('n')).execute();
  const rows = await q
    .select(['id', 'visit_date', 'channel', 'amount'])
    .orderBy('visit_date')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    columns: [
      { key: 'date', label: '日期' },
      { key: 'channel', label: '渠道' },
    ],
    rows: rows.map((r: any) => ({ id: r.id, date: r.visitDate, channel: r.channel, amount: Number(r.amount) })),
    total: Number(n),
  };
}

export function fixtureFacts(): FactDefinition[] {
  const base = { module: 'fixture', permission: 'cases.read' as const };
  return [
    {
      ...base,
      name: 'fixture.visits',
      label: { zh: '来访来信', en: 'Visits' },
      unit: '件',
      kind: 'count',
      definition: '期间内登记的来信来访件数；参数 channel=visit|letter 只计一种渠道。',
      async compute(ctx, params) {
        const [{ n }] = await visits(ctx, params).select(sql<number>`count(*)`.as('n')).execute();
        return { value: Number(n) };
      },
      records: (ctx, params, page) => listVisits(ctx, params, page),
    },
    {
      ...base,
      name: 'fixture.visits.byChannel',
      label: { zh: '按渠道', en: 'By channel' },
      unit: '件',
      kind: 'breakdown',
      definition: '按渠道分列的件数。',
      async compute(ctx, params) {
        const rows = await visits(ctx, params)
          .select(['channel', sql<number>`count(*)`.as('n')])
          .groupBy('channel')
          .orderBy('channel')
          .execute();
        const breakdown = rows.map((r: any) => ({ key: r.channel, label: r.channel === 'visit' ? '来访' : '来信', value: Number(r.n) }));
        return { value: breakdown.reduce((a: number, b: { value: number }) => a + b.value, 0), breakdown };
      },
      records: (ctx, params, page) => listVisits(ctx, params, page),
    },
    {
      ...base,
      name: 'fixture.amount',
      label: { zh: '金额', en: 'Amount' },
      unit: '元',
      kind: 'money',
      definition: '期间内登记的金额合计（分）。',
      async compute(ctx, params) {
        const [{ s }] = await visits(ctx, params).select(sql<number>`coalesce(sum(amount), 0)`.as('s')).execute();
        return { value: Number(s) };
      },
      records: (ctx, params, page) => listVisits(ctx, params, page, (q) => q.where('amount', '>', 0)),
    },
    {
      ...base,
      name: 'fixture.closureRate',
      label: { zh: '办结率', en: 'Closure rate' },
      unit: '%',
      kind: 'rate',
      definition: '已办结件数 ÷ 已受理件数；范围内各单位的分子、分母分别相加后再相除。',
      async compute(ctx, params) {
        const [r] = await visits(ctx, params)
          .select([sql<number>`coalesce(sum(closed), 0)`.as('num'), sql<number>`coalesce(sum(accepted), 0)`.as('den')])
          .execute();
        return rate(Number(r.num), Number(r.den));
      },
      records: (ctx, params, page) => listVisits(ctx, params, page, (q) => q.where('accepted', '=', 1)),
    },
  ];
}

/** Adds the fixture facts to the app's registry (the same array buildApp filled from the modules). */
export function registerFixtureFacts(t: TestApp): void {
  t.app.jinguo.facts.push(...fixtureFacts());
}
