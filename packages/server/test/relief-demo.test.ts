import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eligibilityRuleLines, HARDSHIP_STATUSES, type Programme } from '@jinguo/domain';
import { createFundsModule } from '../src/modules/funds/index.js';
import { programmeCatalogue, reliefModule } from '../src/modules/relief/index.js';
import { sponsorshipModule } from '../src/modules/sponsorship/index.js';
import { buildTestApp, TEST_DATABASES, type TestApp } from './build-test-app.js';
import { computeFact, demoContext } from './demo-context.js';

/** The 2026 demo year against the figures of the reference summary (part 一). */
describe.each(TEST_DATABASES)('relief, 春蕾 and ledger demo 2026 on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    const ctx = await demoContext(t);
    // Seeded in the bootstrap's order: relief, sponsorship, funds.
    for (const m of [reliefModule, sponsorshipModule, createFundsModule(programmeCatalogue)]) await m.seedDemo!(ctx);
  }, 240_000);
  afterAll(() => t.close());

  it('poor-mother relief: 10 to the province, 25 to the city at 668 yuan a head; 14,000 yuan and 5,000 yuan of supplies raised and all paid out', async () => {
    expect((await computeFact(t, 'relief.reported', { programme: 'POOR_MOTHER', level: 'province' })).value).toBe(10);
    expect((await computeFact(t, 'relief.reported', { programme: 'POOR_MOTHER', level: 'city' })).value).toBe(25);
    expect((await computeFact(t, 'relief.reported.incomePerCapita', { programme: 'POOR_MOTHER' })).value).toBe(66800);
    expect((await computeFact(t, 'funds.raised.cash', { programme: 'POOR_MOTHER' })).value).toBe(1_400_000);
    expect((await computeFact(t, 'funds.raised.goods', { programme: 'POOR_MOTHER' })).value).toBe(500_000);
    expect((await computeFact(t, 'funds.paid.cash', { programme: 'POOR_MOTHER' })).value).toBe(1_400_000);
    expect((await computeFact(t, 'funds.paid.goods', { programme: 'POOR_MOTHER' })).value).toBe(500_000);
    expect((await computeFact(t, 'relief.granted', { programme: 'POOR_MOTHER' })).value).toBe(35);
  });

  it('drought relief: 400 yuan to one mother (潘会芬, 大山村) and fertiliser worth 500 yuan to the village', async () => {
    expect((await computeFact(t, 'relief.granted', { programme: 'DROUGHT' })).value).toBe(1);
    expect((await computeFact(t, 'funds.paid.cash', { programme: 'DROUGHT' })).value).toBe(40_000);
    expect((await computeFact(t, 'funds.paid.goods', { programme: 'DROUGHT' })).value).toBe(50_000);
    const pan = await t.handle.db
      .selectFrom('fundDisbursements as b')
      .innerJoin('persons as p', 'p.id', 'b.recipientPersonId')
      .innerJoin('orgUnits as v', 'v.id', 'p.residenceOrgId')
      .select(['p.name', 'v.name as village', 'b.amountFen'])
      .where('b.programmeCode', '=', 'DROUGHT')
      .executeTakeFirstOrThrow();
    expect(pan).toEqual({ name: '潘会芬', village: '大山村', amountFen: 40000 });
    const village = await t.handle.db
      .selectFrom('fundDisbursements as b')
      .innerJoin('orgUnits as v', 'v.id', 'b.recipientOrgId')
      .select(['v.name', 'b.quantity', 'b.amountFen'])
      .where('b.programmeCode', '=', 'DROUGHT')
      .executeTakeFirstOrThrow();
    expect({ ...village, quantity: Number(village.quantity), amountFen: Number(village.amountFen) }).toEqual({
      name: '大山村',
      quantity: 500,
      amountFen: 50000,
    });
  });

  it('春蕾: 5 girls sponsored, 1,200 yuan in all, one pairing meeting', async () => {
    expect((await computeFact(t, 'sponsorship.students')).value).toBe(5);
    expect((await computeFact(t, 'sponsorship.paid')).value).toBe(120_000);
    expect((await computeFact(t, 'sponsorship.meetings')).value).toBe(1);
  });

  it('leaves every holding account at or above zero and equal to its journal', async () => {
    const accounts = await t.handle.db.selectFrom('fundAccounts').select(['id', 'code', 'kind', 'balanceFen']).execute();
    for (const a of accounts) {
      const sum = await t.handle.db
        .selectFrom('fundJournalLines')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amountFen'), eb.lit(0)).as('s'))
        .where('accountId', '=', a.id)
        .executeTakeFirstOrThrow();
      expect(Number(a.balanceFen), a.code).toBe((a.kind === 'income' ? -1 : 1) * Number(sum.s));
      expect(Number(a.balanceFen), a.code).toBeGreaterThanOrEqual(0);
    }
    expect((await computeFact(t, 'funds.balance', { account: 'RELIEF_FUND' })).value).toBe(0);
  });

  it('keeps the persons deduplicated and their ID numbers valid and encrypted', async () => {
    const persons = await t.handle.db.selectFrom('persons').select(['idNumberEnc', 'idNumberBidx']).execute();
    expect(persons.length).toBe(35 + 1 + 2 + 5);
    expect(new Set(persons.map((p) => p.idNumberBidx)).size).toBe(persons.length);
    for (const p of persons) expect(t.cipher.decrypt(p.idNumberEnc!)).toMatch(/^510399\d{11}[\dX]$/);
  });

  it('两癌 relief carries the 35–64 age rule (domain.md §4), listed with every other rule of the programme', async () => {
    const s = await t.login('programme');
    const res = await s.inject({ url: '/api/relief/programmes' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const list = (Array.isArray(body) ? body : body.items) as Programme[];
    const twoCancer = list.find((p) => p.code === 'TWO_CANCER')!;
    expect(twoCancer.rules).toMatchObject({ ageMin: 35, ageMax: 64 });
    expect(eligibilityRuleLines(twoCancer.rules)).toEqual([
      `认定身份之一：${HARDSHIP_STATUSES.join('、')}`,
      '年龄 35–64 岁',
      '女性',
      '宫颈浸润癌 IIB 期及以上或乳腺浸润癌',
      '终身一次（硬性）',
      '只限银行转账（硬性）',
    ]);
  });
});
