import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { createPerson, userId, womanId } from './relief-funds-fixtures.js';

describe.each(TEST_DATABASES)('concurrent disbursements on %s', (kind) => {
  let t: TestApp;
  let finance: TestSession;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    finance = await t.login('finance');
  });
  afterAll(() => t.close());

  it('fires 100 concurrent disbursements at an account that can pay 50: exactly 50 succeed, the rest get a Chinese 409', async () => {
    const account = (
      await finance.inject({
        method: 'POST',
        url: '/api/funds/accounts',
        payload: { code: 'RACE_FUND', name: '并发测试基金', kind: 'cash' },
      })
    ).json();
    expect(
      (
        await finance.inject({
          method: 'POST',
          url: '/api/funds/donations',
          payload: { donorKind: 'anonymous', accountId: account.id, amountFen: 50 * 10000, donatedOn: '2026-03-01' },
        })
      ).statusCode,
    ).toBe(201);
    const personId = await createPerson(t, { name: '陈秀兰', idNumber: womanId(7), residence: '石桥村' });
    const approvedBy = await userId(t, 'chair');
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        finance.inject({
          method: 'POST',
          url: '/api/funds/disbursements',
          payload: {
            accountId: account.id,
            recipientKind: 'person',
            recipientPersonId: personId,
            method: 'cash',
            amountFen: 10000,
            paidOn: '2026-03-02',
            approvedBy,
            purpose: '并发测试',
          },
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(50);
    expect(codes.filter((c) => c === 409)).toHaveLength(50);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().message).toMatch(/^余额不足：账户「并发测试基金」/);
    const after = (await finance.inject({ url: `/api/funds/accounts/${account.id}` })).json();
    expect(after.balanceFen).toBe(0);
    // The journal agrees: 1 donation + 50 disbursements touch the account, and they sum to zero.
    const sum = await sql<{
      n: number;
      s: number;
    }>`SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS s FROM fund_journal_lines WHERE account_id = ${account.id}`.execute(
      t.handle.db,
    );
    expect(Number(sum.rows[0].n)).toBe(51);
    expect(Number(sum.rows[0].s)).toBe(0);
    const donation = await t.handle.db
      .selectFrom('fundDonations')
      .select(['remainingFen'])
      .where('accountId', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(Number(donation.remainingFen)).toBe(0);
  });
});
