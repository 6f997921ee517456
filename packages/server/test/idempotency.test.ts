import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { createPerson, unitId, userId, womanId } from './relief-funds-fixtures.js';

/** Idempotency-Key on the writes that create money, goods, payments and cases (platform/idempotency.ts). */
describe.each(TEST_DATABASES)('Idempotency-Key on %s', (kind) => {
  let t: TestApp;
  let finance: TestSession;
  let niufo: TestSession;
  let cashId: string;
  let goodsId: string;
  let personId: string;
  let chairId: string;
  let n = 0;
  const key = () => `test-key-${kind}-${++n}-${Math.random().toString(36).slice(2)}`;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    finance = await t.login('finance');
    niufo = await t.login('niufo');
    chairId = await userId(t, 'chair');
    personId = await createPerson(t, {
      name: '潘会芬',
      idNumber: womanId(7),
      residence: '大山村',
      household: { members: 3, annualIncomeFen: 200000 },
    });
    cashId = (
      await finance.inject({ method: 'POST', url: '/api/funds/accounts', payload: { code: 'RELIEF_FUND', name: '救助基金', kind: 'cash' } })
    ).json().id;
    goodsId = (
      await finance.inject({
        method: 'POST',
        url: '/api/funds/accounts',
        payload: { code: 'GOODS_FERT', name: '化肥', kind: 'goods', item: '复合肥', unit: '公斤', unitValueFen: 100 },
      })
    ).json().id;
  });
  afterAll(() => t.close());

  const donation = (over: Record<string, unknown> = {}) => ({
    source: 'donation',
    donorKind: 'organisation',
    donorName: '川力实业有限公司',
    accountId: cashId,
    donatedOn: '2026-03-01',
    amountFen: 50000,
    ...over,
  });
  const donate = (s: TestSession, k: string | null, body: Record<string, unknown>) =>
    s.inject({ method: 'POST', url: '/api/funds/donations', headers: k ? { 'idempotency-key': k } : {}, payload: body });
  const count = async (table: 'fundDonations' | 'fundDisbursements' | 'fundJournalEntries' | 'cases' | 'idempotencyKeys') =>
    Number(
      (
        await t.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const balance = async (id: string) => (await finance.inject({ url: `/api/funds/accounts/${id}` })).json().balanceFen as number;

  it('answers a retry with the first answer (status and body) and writes once', async () => {
    const k = key();
    const before = { donations: await count('fundDonations'), entries: await count('fundJournalEntries'), balance: await balance(cashId) };
    const first = await donate(finance, k, donation());
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await donate(finance, k, donation());
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(again.body).toBe(first.body);
    expect({ donations: await count('fundDonations'), entries: await count('fundJournalEntries'), balance: await balance(cashId) }).toEqual(
      {
        donations: before.donations + 1,
        entries: before.entries + 1,
        balance: before.balance + 50000,
      },
    );
    // Without a key, the same body is a second donation (keys are what make a retry safe).
    expect((await donate(finance, null, donation())).statusCode).toBe(201);
    expect(await count('fundDonations')).toBe(before.donations + 2);
  });

  it('refuses the same key with another body (422, Chinese), and writes nothing', async () => {
    const k = key();
    expect((await donate(finance, k, donation({ amountFen: 10000 }))).statusCode).toBe(201);
    const before = { donations: await count('fundDonations'), balance: await balance(cashId) };
    const other = await donate(finance, k, donation({ amountFen: 20000 }));
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.json().message).toContain('已于');
    expect(other.json().message).toContain('用于另一项提交');
    // …or on another endpoint.
    const elsewhere = await finance.inject({
      method: 'POST',
      url: '/api/funds/disbursements',
      headers: { 'idempotency-key': k },
      payload: {
        accountId: cashId,
        recipientKind: 'person',
        recipientPersonId: personId,
        method: 'cash',
        amountFen: 100,
        paidOn: '2026-04-01',
        approvedBy: chairId,
        purpose: '救助金',
      },
    });
    expect(elsewhere.statusCode).toBe(422);
    expect({ donations: await count('fundDonations'), balance: await balance(cashId) }).toEqual(before);
  });

  it('keeps keys per user, and refuses a malformed key with 400 naming the header', async () => {
    const k = key();
    expect((await donate(finance, k, donation())).statusCode).toBe(201);
    // Another user's key of the same value is another key: her case is registered, not refused as a reuse.
    const hers = await niufo.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { 'idempotency-key': k },
      payload: { channel: 'visit', receivedDate: '2026-11-27', category: 'marriage_family', summary: '来访', applicantId: personId },
    });
    expect(hers.statusCode, hers.body).toBe(201);
    expect(hers.headers['idempotent-replayed']).toBeUndefined();
    const bad = await donate(finance, 'short', donation());
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('idempotency-key');
  });

  it('answers the retry after a crash between commit and answer: the key committed with the write', async () => {
    const k = key();
    const first = await donate(finance, k, donation({ amountFen: 777 }));
    expect(first.statusCode).toBe(201);
    const row = await t.handle.db.selectFrom('idempotencyKeys').selectAll().where('idemKey', '=', k).executeTakeFirstOrThrow();
    expect(row.resultId).toBe(first.json().id);
    // The stored answer is encrypted like any personal data (the donor's name is in it).
    expect(row.responseEnc).toMatch(/^enc1:/);
    expect(row.responseEnc).not.toContain('川力');
    // The state a crash after the commit leaves: the write and the key, no stored answer.
    await t.handle.db.updateTable('idempotencyKeys').set({ responseEnc: null }).where('idemKey', '=', k).execute();
    const before = await count('fundDonations');
    const retry = await donate(finance, k, donation({ amountFen: 777 }));
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(await count('fundDonations')).toBe(before);
  });

  it('writes exactly once when requests with one key arrive together', async () => {
    const k = key();
    const before = { donations: await count('fundDonations'), balance: await balance(cashId) };
    const answers = await Promise.all(Array.from({ length: 8 }, () => donate(finance, k, donation({ amountFen: 300 }))));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(new Set(answers.map((a) => a.json().receiptNo)).size).toBe(1);
    expect({ donations: await count('fundDonations'), balance: await balance(cashId) }).toEqual({
      donations: before.donations + 1,
      balance: before.balance + 300,
    });
  });

  it('leaves the key free when the request fails (409), so the corrected retry goes through', async () => {
    const k = key();
    const pay = (quantity: number) =>
      finance.inject({
        method: 'POST',
        url: '/api/funds/disbursements',
        headers: { 'idempotency-key': k },
        payload: {
          accountId: goodsId,
          recipientKind: 'person',
          recipientPersonId: personId,
          method: 'in_kind',
          quantity,
          paidOn: '2026-04-01',
          approvedBy: chairId,
          purpose: '春耕化肥',
        },
      });
    const short = await pay(50);
    expect(short.statusCode).toBe(409);
    expect(await count('fundDisbursements')).toBe(0);
    // Goods arrive (an in-kind receipt, itself idempotent), then the same key pays out.
    const receipt = {
      source: 'donation',
      donorKind: 'organisation',
      donorName: '农资公司',
      accountId: goodsId,
      donatedOn: '2026-03-02',
      quantity: 80,
    };
    const rk = key();
    expect((await donate(finance, rk, receipt)).statusCode).toBe(201);
    expect((await donate(finance, rk, receipt)).headers['idempotent-replayed']).toBe('true');
    const ok = await pay(50);
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await pay(50);
    expect(again.json()).toEqual(ok.json());
    expect(await count('fundDisbursements')).toBe(1);
    const account = (await finance.inject({ url: `/api/funds/accounts/${goodsId}` })).json();
    expect({ qty: account.balanceQty, fen: account.balanceFen }).toEqual({ qty: 30, fen: 3000 });
  });

  it('covers reversals: a retried reversal answers as the first, not 409 "已冲销"', async () => {
    const d = (await donate(finance, key(), donation({ amountFen: 123 }))).json();
    const k = key();
    const reverse = () =>
      finance.inject({
        method: 'POST',
        url: `/api/funds/donations/${d.id}/reverse`,
        headers: { 'idempotency-key': k },
        payload: { reason: '录入错误' },
      });
    const first = await reverse();
    expect(first.statusCode, first.body).toBe(200);
    const entries = await count('fundJournalEntries');
    const again = await reverse();
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await count('fundJournalEntries')).toBe(entries);
    // Without the key the second reversal is refused as before.
    expect(
      (await finance.inject({ method: 'POST', url: `/api/funds/donations/${d.id}/reverse`, payload: { reason: '录入错误' } })).statusCode,
    ).toBe(409);
  });

  it('registers a case once per key, with one case number', async () => {
    const k = key();
    const body = {
      channel: 'phone',
      receivedDate: '2026-11-27',
      category: 'marriage_family',
      summary: '电话反映家庭纠纷（重试）',
      applicant: { name: '来电人', gender: 'female', phone: '13800001234', residenceOrgId: (await unitId(t, '大山村')).id },
    };
    const before = await count('cases');
    const answers = await Promise.all(
      [1, 2, 3].map(() => niufo.inject({ method: 'POST', url: '/api/cases', headers: { 'idempotency-key': k }, payload: body })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(await count('cases')).toBe(before + 1);
    // A crash before the answer was stored: the answer is rebuilt from the case itself.
    await t.handle.db.updateTable('idempotencyKeys').set({ responseEnc: null }).where('idemKey', '=', k).execute();
    const rebuilt = await niufo.inject({ method: 'POST', url: '/api/cases', headers: { 'idempotency-key': k }, payload: body });
    expect(rebuilt.json()).toEqual(answers[0].json());
    expect(await count('cases')).toBe(before + 1);
  });
});
