import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { createPerson, insertProgrammeRow, unitId, userId, womanId } from './relief-funds-fixtures.js';

describe.each(TEST_DATABASES)('fund ledger on %s', (kind) => {
  let t: TestApp;
  let finance: TestSession;
  let chairId: string;
  let cashId: string;
  let goodsId: string;
  let personId: string;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    finance = await t.login('finance');
    chairId = await userId(t, 'chair');
    await insertProgrammeRow(t, { code: 'POOR_MOTHER', name: '贫困母亲救助' });
    await insertProgrammeRow(t, { code: 'DROUGHT', name: '抗旱救助' });
    await insertProgrammeRow(t, { code: 'TWO_CANCER', name: '两癌救助', rules: { transferOnly: true, oncePerLifetime: true } });
    personId = await createPerson(t, {
      name: '潘会芬',
      idNumber: womanId(1),
      residence: '大山村',
      household: { members: 4, annualIncomeFen: 267200 },
    });
    const cash = await finance.inject({
      method: 'POST',
      url: '/api/funds/accounts',
      payload: { code: 'RELIEF_FUND', name: '救助基金', kind: 'cash' },
    });
    expect(cash.statusCode).toBe(201);
    cashId = cash.json().id;
    const goods = await finance.inject({
      method: 'POST',
      url: '/api/funds/accounts',
      payload: { code: 'GOODS_FERT', name: '化肥', kind: 'goods', item: '复合肥', unit: '公斤', unitValueFen: 100 },
    });
    expect(goods.statusCode).toBe(201);
    goodsId = goods.json().id;
  });
  afterAll(() => t.close());

  const donate = (s: TestSession, body: Record<string, unknown>) =>
    s.inject({
      method: 'POST',
      url: '/api/funds/donations',
      payload: {
        source: 'donation',
        donorKind: 'organisation',
        donorName: '川力实业有限公司',
        accountId: cashId,
        donatedOn: '2026-03-01',
        ...body,
      },
    });
  const pay = (s: TestSession, body: Record<string, unknown>) =>
    s.inject({
      method: 'POST',
      url: '/api/funds/disbursements',
      payload: {
        accountId: cashId,
        recipientKind: 'person',
        recipientPersonId: personId,
        method: 'cash',
        paidOn: '2026-04-01',
        approvedBy: chairId,
        purpose: '救助金',
        ...body,
      },
    });
  const account = async (id: string) => (await finance.inject({ url: `/api/funds/accounts/${id}` })).json();

  it('answers 401 without a session, 403 without the permission, 400 on bad input, 404 outside', async () => {
    expect((await t.app.inject({ url: '/api/funds/accounts' })).statusCode).toBe(401);
    const niufo = await t.login('niufo');
    expect((await niufo.inject({ url: '/api/funds/accounts' })).statusCode).toBe(403);
    const programme = await t.login('programme');
    expect((await programme.inject({ url: '/api/funds/accounts' })).statusCode).toBe(200);
    expect((await donate(programme, { amountFen: 100 })).statusCode).toBe(403);
    const bad = await donate(finance, { amountFen: -5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/amountFen/);
    expect((await donate(finance, { amountFen: 12.5 })).json().fields[0].message).toBe('金额必须是整数分');
    expect(
      (await donate(finance, { donorKind: 'organisation', donorName: '', amountFen: 100 }))
        .json()
        .fields.some((f: { path: string }) => f.path === 'donorName'),
    ).toBe(true);
    expect((await finance.inject({ url: '/api/funds/donations/0193a0b0-0000-7000-8000-000000000000' })).statusCode).toBe(404);
    expect((await finance.inject({ url: '/api/funds/accounts/not-an-id' })).statusCode).toBe(400);
  });

  it('numbers receipts without gaps and prints the amount in Chinese capitals', async () => {
    const a = await donate(finance, { amountFen: 800000, programmeCode: 'POOR_MOTHER' });
    expect(a.statusCode).toBe(201);
    const b = await donate(finance, { donorKind: 'anonymous', donorName: null, amountFen: 120050, programmeCode: 'POOR_MOTHER' });
    expect(a.json().receiptNo).toBe('2026-000001');
    expect(b.json().receiptNo).toBe('2026-000002');
    expect(b.json().donorName).toBe('匿名');
    const receipt = (await finance.inject({ url: `/api/funds/donations/${b.json().id}/receipt` })).json();
    expect(receipt.amountUppercase).toBe('壹仟贰佰元伍角');
    expect(receipt.programmeName).toBe('贫困母亲救助');
    expect((await account(cashId)).balanceFen).toBe(920050);
  });

  it('refuses a donation in the future, to an unknown programme, or with a bad credit code', async () => {
    expect((await donate(finance, { amountFen: 100, donatedOn: '2099-01-01' })).json().fields[0].path).toBe('donatedOn');
    expect((await donate(finance, { amountFen: 100, programmeCode: 'NO_SUCH' })).json().fields[0]).toEqual({
      path: 'programmeCode',
      message: '项目代码 NO_SUCH 不存在',
    });
    expect((await donate(finance, { amountFen: 100, donorCreditCode: '91350100M000100Y44' })).json().fields[0].path).toBe(
      'donorCreditCode',
    );
  });

  it('values goods as quantity × unit value and keeps the stock quantity', async () => {
    const r = await finance.inject({
      method: 'POST',
      url: '/api/funds/donations',
      payload: {
        donorKind: 'organisation',
        donorName: '某农资公司',
        accountId: goodsId,
        quantity: 500,
        donatedOn: '2026-04-02',
        programmeCode: 'DROUGHT',
      },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ form: 'goods', quantity: 500, unitValueFen: 100, amountFen: 50000 });
    expect(await account(goodsId)).toMatchObject({ balanceFen: 50000, balanceQty: 500 });
  });

  it('pays out through a balanced entry, needs an approver with funds.approve, and refuses more than there is with a Chinese 409', async () => {
    expect(
      (await pay(finance, { amountFen: 10000, approvedBy: await userId(t, 'finance'), programmeCode: 'POOR_MOTHER' })).json().fields[0]
        .path,
    ).toBe('approvedBy');
    expect((await pay(finance, { amountFen: 10000, method: 'bank_transfer', programmeCode: 'POOR_MOTHER' })).json().fields[0].path).toBe(
      'bankCard',
    );
    const ok = await pay(finance, { amountFen: 40000, programmeCode: 'POOR_MOTHER' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ recipientLabel: '潘*芬', amountFen: 40000, approvedByName: '王丽华（主席）' });
    const too = await pay(finance, { amountFen: 100000000, programmeCode: 'POOR_MOTHER' });
    expect(too.statusCode).toBe(409);
    expect(too.json().message).toMatch(/^余额不足：账户「救助基金」/);
    const journal = (await finance.inject({ url: `/api/funds/journal?accountId=${cashId}` })).json();
    for (const e of journal.items) expect(e.lines.reduce((s: number, l: { amountFen: number }) => s + l.amountFen, 0)).toBe(0);
  });

  it('never spends money designated to another programme', async () => {
    const drought = await donate(finance, { amountFen: 40000, programmeCode: 'DROUGHT', donatedOn: '2026-05-01' });
    const before = await account(cashId);
    // The account holds more than enough, but what is left for POOR_MOTHER is less than asked.
    const poorLeft = before.balanceFen - 40000;
    const r = await pay(finance, { amountFen: poorLeft + 100, programmeCode: 'POOR_MOTHER', paidOn: '2026-05-02' });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('为指定用于其他项目的捐赠，不能挪用');
    const d = await pay(finance, { amountFen: 40000, programmeCode: 'DROUGHT', paidOn: '2026-05-02' });
    expect(d.statusCode).toBe(201);
    const trace = (await finance.inject({ url: `/api/funds/donations/${drought.json().id}/trace` })).json();
    expect(trace.items).toHaveLength(1);
    expect(trace.items[0]).toMatchObject({ amountFen: 40000, recipientLabel: '潘*芬', programmeCode: 'DROUGHT' });
    expect(trace.remainingFen).toBe(0);
  });

  it('pays a transfer-only programme by bank transfer only, and masks the card', async () => {
    await donate(finance, { amountFen: 1000000, programmeCode: 'TWO_CANCER', donatedOn: '2026-06-01' });
    const cash = await pay(finance, { amountFen: 1000000, programmeCode: 'TWO_CANCER', method: 'cash' });
    expect(cash.statusCode).toBe(400);
    expect(cash.json().fields[0]).toEqual({ path: 'method', message: '该项目只能通过银行转账发放，不能发放现金' });
    const transfer = await pay(finance, {
      amountFen: 1000000,
      programmeCode: 'TWO_CANCER',
      method: 'bank_transfer',
      bankCard: '6222020200112233445',
      paidOn: '2026-06-02',
    });
    expect(transfer.statusCode).toBe(201);
    expect(transfer.json().bankCardMasked).toBe('**** 3445');
    const row = await t.handle.db
      .selectFrom('fundDisbursements')
      .select(['bankCardEnc'])
      .where('id', '=', transfer.json().id)
      .executeTakeFirstOrThrow();
    expect(row.bankCardEnc).not.toContain('6222020200112233445');
    expect(t.cipher.decrypt(row.bankCardEnc!)).toBe('6222020200112233445');
  });

  it('gives goods to a village, valued lot by lot, and refuses more than the stock', async () => {
    const village = await unitId(t, '大山村');
    const over = await pay(finance, {
      accountId: goodsId,
      recipientKind: 'village',
      recipientOrgId: village.id,
      recipientPersonId: null,
      method: 'in_kind',
      quantity: 501,
      programmeCode: 'DROUGHT',
      paidOn: '2026-04-03',
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().message).toMatch(/^库存不足/);
    const r = await pay(finance, {
      accountId: goodsId,
      recipientKind: 'village',
      recipientOrgId: village.id,
      recipientPersonId: null,
      method: 'in_kind',
      quantity: 500,
      programmeCode: 'DROUGHT',
      paidOn: '2026-04-03',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ form: 'goods', quantity: 500, amountFen: 50000, recipientLabel: '大山村' });
    expect(await account(goodsId)).toMatchObject({ balanceFen: 0, balanceQty: 0 });
  });

  it('corrects only by reversing entries: a spent donation cannot be reversed until its payments are', async () => {
    const d = await donate(finance, { amountFen: 30000, donatedOn: '2026-07-01', programmeCode: 'DROUGHT' });
    const p = await pay(finance, { amountFen: 30000, programmeCode: 'DROUGHT', paidOn: '2026-07-02' });
    const refused = await finance.inject({
      method: 'POST',
      url: `/api/funds/donations/${d.json().id}/reverse`,
      payload: { reason: '重复登记' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('该捐赠已有300.00元拨付给受助人，须先冲销相关拨付');
    expect(
      (await finance.inject({ method: 'POST', url: `/api/funds/disbursements/${p.json().id}/reverse`, payload: { reason: '' } }))
        .statusCode,
    ).toBe(400);
    const rev = await finance.inject({
      method: 'POST',
      url: `/api/funds/disbursements/${p.json().id}/reverse`,
      payload: { reason: '发放对象有误' },
    });
    expect(rev.statusCode).toBe(200);
    expect(rev.json()).toMatchObject({ reversed: true, reversalReason: '发放对象有误' });
    expect(
      (await finance.inject({ method: 'POST', url: `/api/funds/disbursements/${p.json().id}/reverse`, payload: { reason: '再来' } }))
        .statusCode,
    ).toBe(409);
    const before = (await account(cashId)).balanceFen;
    const ok = await finance.inject({
      method: 'POST',
      url: `/api/funds/donations/${d.json().id}/reverse`,
      payload: { reason: '重复登记' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await account(cashId)).balanceFen).toBe(before - 30000);
    const journal = (await finance.inject({ url: '/api/funds/journal?pageSize=5' })).json();
    expect(journal.items[0]).toMatchObject({ kind: 'reversal', reason: '重复登记' });
    expect(journal.items[0].reversesEntryId).toBe(d.json().entryId);
  });

  it('keeps the journal append-only in the database itself', async () => {
    await expect(sql`UPDATE fund_journal_lines SET amount_fen = 0`.execute(t.handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM fund_journal_entries`.execute(t.handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM fund_allocations`.execute(t.handle.db)).rejects.toThrow(/append-only/);
  });

  it('keeps every cached balance equal to the sum of its journal lines', async () => {
    const rows = await sql<{ id: string; kind: string; balanceFen: number; sumFen: number | null }>`
      SELECT a.id, a.kind, a.balance_fen, (SELECT sum(l.amount_fen) FROM fund_journal_lines l WHERE l.account_id = a.id) AS sum_fen FROM fund_accounts a`.execute(
      t.handle.db,
    );
    expect(rows.rows.length).toBeGreaterThan(3);
    for (const r of rows.rows) expect(Number(r.balanceFen)).toBe((r.kind === 'income' ? -1 : 1) * Number(r.sumFen ?? 0));
  });

  it('reports raised vs paid vs remaining and the facts agree with it', async () => {
    const s = (await finance.inject({ url: '/api/funds/reports/summary?from=2026-01-01&to=2026-12-31' })).json();
    const drought = s.byProgramme.find((r: { key: string }) => r.key === 'DROUGHT');
    // 40,000 + 30,000 (reversed) cash donated; 50,000 goods; paid 40,000 cash (30,000 reversed) and 50,000 goods.
    expect(drought).toMatchObject({
      label: '抗旱救助',
      raisedCashFen: 40000,
      raisedGoodsFen: 50000,
      paidCashFen: 40000,
      paidGoodsFen: 50000,
      remainingFen: 0,
    });
    const facts = t.app.jinguo.facts;
    const f = facts.find((x) => x.name === 'funds.paid.cash')!;
    const scope = { permission: 'funds.read' as const, paths: [(await unitId(t, '510399')).path] };
    const ctx = { db: t.handle.db, dialect: t.dialect, scope, period: { year: 2026, from: '2026-01-01', to: '2026-12-31' } };
    expect((await f.compute(ctx, { programme: 'DROUGHT' })).value).toBe(40000);
    const rec = await f.records(ctx, { programme: 'DROUGHT' }, { limit: 50, offset: 0 });
    expect(rec.total).toBe(1);
    const bal = facts.find((x) => x.name === 'funds.balance')!;
    expect((await bal.compute(ctx, { account: 'RELIEF_FUND' })).value).toBe((await account(cashId)).balanceFen);
  });

  it("shows a beneficiary's history across programmes", async () => {
    const h = (await finance.inject({ url: `/api/funds/beneficiaries/${personId}` })).json();
    expect(h.name).toBe('潘会芬');
    expect(new Set(h.items.map((i: { programmeCode: string }) => i.programmeCode))).toEqual(
      new Set(['POOR_MOTHER', 'DROUGHT', 'TWO_CANCER']),
    );
    expect(h.totalCashFen).toBe(40000 + 40000 + 1000000);
  });
});

// Issue 13: a fund account could not name its programme until the programme existed, and the programme wanted the
// account. Either can now be created first and linked after.
describe.each(TEST_DATABASES)('a fund account and a relief programme, either first, linked after on %s', (kind) => {
  let t: TestApp;
  let finance: TestSession;
  let programme: TestSession;
  const rules = { requiredTags: [], anyOfTags: [], requireTwoCancerDiagnosis: false, oncePerLifetime: false, transferOnly: false };
  const newProgramme = (code: string, fundAccountId?: string) =>
    programme.inject({
      method: 'POST',
      url: '/api/relief/programmes',
      payload: { code, name: `项目${code}`, kind: 'cash', year: 2026, rules, fundAccountId },
    });
  const newAccount = (code: string, programmeCode?: string) =>
    finance.inject({ method: 'POST', url: '/api/funds/accounts', payload: { code, name: `账户${code}`, kind: 'cash', programmeCode } });
  const patchAccount = (id: string, payload: object) => finance.inject({ method: 'PATCH', url: `/api/funds/accounts/${id}`, payload });

  beforeAll(async () => {
    t = await buildTestApp(kind);
    finance = await t.login('finance');
    programme = await t.login('programme');
  });
  afterAll(() => t.close());

  it('account first: the programme names the account, then the account names the programme', async () => {
    expect((await newAccount('EARLY_FUND', 'LATE_PROG')).json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'programmeCode', message: '项目代码 LATE_PROG 不存在' }],
    });
    const acc = (await newAccount('EARLY_FUND')).json();
    expect(acc.programmeCode).toBeNull();
    expect((await patchAccount(acc.id, { programmeCode: 'LATE_PROG' })).json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'programmeCode' }],
    });
    const prog = await newProgramme('LATE_PROG', acc.id);
    expect(prog.statusCode).toBe(201);
    expect(prog.json().fundAccountId).toBe(acc.id);
    const linked = await patchAccount(acc.id, { programmeCode: 'LATE_PROG' });
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toMatchObject({ id: acc.id, name: '账户EARLY_FUND', programmeCode: 'LATE_PROG' });
    expect((await finance.inject({ url: `/api/funds/accounts/${acc.id}` })).json().programmeCode).toBe('LATE_PROG');
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select('detail')
      .where('entityId', '=', acc.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toMatchObject({ before: { programmeCode: null }, after: { programmeCode: 'LATE_PROG' } });
    // Once named, the earmark is not moved to another programme (booked money keeps its programme).
    await newProgramme('OTHER_PROG');
    const moved = await patchAccount(acc.id, { programmeCode: 'OTHER_PROG' });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().fields).toEqual([{ path: 'programmeCode', message: '该账户已指定用于项目 LATE_PROG' }]);
  });

  it('programme first: the account names the programme, then the programme names the account', async () => {
    const prog = (await newProgramme('FIRST_PROG')).json();
    expect(prog.fundAccountId).toBeNull();
    const acc = await newAccount('AFTER_FUND', 'FIRST_PROG');
    expect(acc.statusCode).toBe(201);
    const linked = await programme.inject({
      method: 'PATCH',
      url: `/api/relief/programmes/${prog.id}`,
      payload: { fundAccountId: acc.json().id },
    });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().fundAccountId).toBe(acc.json().id);
  });
});
