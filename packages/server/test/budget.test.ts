import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBudgetDemo } from '../src/modules/budget/budget.demo.js';
import { seedFundsDemo } from '../src/modules/funds/funds.demo.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { computeFact, demoContext, factRecords } from './demo-context.js';
import { importFile, readXlsx, xlsx } from './excel-upload.js';
import { createAccount, unitId } from './fixtures.js';

const NOWHERE = '01890000-0000-7000-8000-000000000000';
const LINE_HEADERS = ['预算年度', '预算项目', '用途', '申请金额（元）', '说明'];

/** The text of each paragraph of a .docx (runs joined). */
async function docxParagraphs(payload: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(payload);
  const xml = await zip.file('word/document.xml')!.async('string');
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map((p) =>
    [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&')).join(''),
  );
}

describe.each(TEST_DATABASES)('budget on %s', (kind) => {
  let t: TestApp;
  let finance: TestSession;
  let chairId: string;
  const ids: Record<string, string> = {};
  const pay = async (fen: number, paidOn: string, purpose: string, account = 'OUTLINES_BUDGET') => {
    const accountId = (await t.handle.db.selectFrom('fundAccounts').select('id').where('code', '=', account).executeTakeFirstOrThrow()).id;
    const r = await finance.inject({
      method: 'POST',
      url: '/api/funds/disbursements',
      payload: {
        accountId,
        recipientKind: 'event',
        recipientEventName: purpose,
        method: 'cash',
        amountFen: fen,
        paidOn,
        approvedBy: chairId,
        purpose,
      },
    });
    if (r.statusCode !== 201) throw new Error(r.body);
    return r.json().id as string;
  };
  const line = (id: string) => finance.inject({ url: `/api/budget/lines/${id}` }).then((r) => r.json());
  const spendings = async () =>
    Number(
      (
        await t.handle.db
          .selectFrom('budgetSpendings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await buildTestApp(kind);
    await seedFundsDemo(await demoContext(t));
    finance = await t.login('finance');
    chairId = (await t.handle.db.selectFrom('users').select('id').where('username', '=', 'chair').executeTakeFirstOrThrow()).id;
    ids.root = await unitId(t, '510399');
    ids.account = (
      await t.handle.db.selectFrom('fundAccounts').select('id').where('code', '=', 'OUTLINES_BUDGET').executeTakeFirstOrThrow()
    ).id;
    ids.monitoring = (
      await t.handle.db.selectFrom('fundDisbursements').select('id').where('amountFen', '=', 350000).executeTakeFirstOrThrow()
    ).id;
    ids.liuyi = (
      await t.handle.db.selectFrom('fundDisbursements').select('id').where('amountFen', '=', 1300000).executeTakeFirstOrThrow()
    ).id;
    ids.meeting = await pay(480000, '2026-03-28', '全市两纲工作现场会');
  });
  afterAll(() => t.close());

  it('POST /api/budget/lines: 401, 400 naming the fields, 403 without budget.write, 201 draft with its audit entry, 409 same name', async () => {
    const body = {
      ownerOrgId: ids.root,
      year: 2026,
      purpose: 'outlines_special',
      name: '“两纲”专项经费',
      fundAccountId: ids.account,
      requestedFen: 2500000,
    };
    expect((await t.app.inject({ method: 'POST', url: '/api/budget/lines', payload: body })).statusCode).toBe(401);
    const bad = await finance.inject({
      method: 'POST',
      url: '/api/budget/lines',
      payload: { ...body, purpose: 'party', requestedFen: -1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['purpose', 'requestedFen']);
    const programme = await t.login('programme'); // reads budgets, does not write them
    expect((await programme.inject({ url: '/api/budget/lines' })).statusCode).toBe(200);
    expect((await programme.inject({ method: 'POST', url: '/api/budget/lines', payload: body })).statusCode).toBe(403);
    expect((await (await t.login('niufo')).inject({ url: '/api/budget/lines' })).statusCode).toBe(403);
    const noProgramme = await finance.inject({
      method: 'POST',
      url: '/api/budget/lines',
      payload: { ...body, purpose: 'programme', name: '春蕾' },
    });
    expect(noProgramme.json().fields).toEqual([{ path: 'programmeCode', message: '项目经费须选择所属项目' }]);

    const ok = await finance.inject({ method: 'POST', url: '/api/budget/lines', payload: body });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'draft', requestedFen: 2500000, approvedFen: null, executedFen: 0, executionRate: null });
    ids.line = ok.json().id;
    expect((await finance.inject({ method: 'POST', url: '/api/budget/lines', payload: body })).statusCode).toBe(409);
    const audit = await t.handle.db.selectFrom('auditLog').select(['action', 'entityType']).where('entityId', '=', ids.line).execute();
    expect(audit).toEqual([{ action: 'create', entityType: 'budget_line' }]);
    expect((await finance.inject({ url: `/api/budget/lines/${NOWHERE}` })).statusCode).toBe(404);
  });

  it('edits the request while drafting, submits it, records the approved amount (not before the request)', async () => {
    expect(
      (await finance.inject({ method: 'PATCH', url: `/api/budget/lines/${ids.line}`, payload: { requestedFen: 2400000 } })).json()
        .requestedFen,
    ).toBe(2400000);
    const early = await finance.inject({
      method: 'POST',
      url: `/api/budget/lines/${ids.line}/approve`,
      payload: { approvedFen: 2000000, approvedOn: '2026-02-15' },
    });
    expect(early.statusCode).toBe(409);
    const sub = await finance.inject({
      method: 'POST',
      url: `/api/budget/lines/${ids.line}/submit`,
      payload: { requestedOn: '2026-01-10' },
    });
    expect(sub.json().status).toBe('requested');
    const locked = await finance.inject({ method: 'PATCH', url: `/api/budget/lines/${ids.line}`, payload: { requestedFen: 1 } });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().fields).toEqual([{ path: 'requestedFen', message: '已申报的预算不能再修改申请金额' }]);
    const before = await finance.inject({
      method: 'POST',
      url: `/api/budget/lines/${ids.line}/approve`,
      payload: { approvedFen: 2000000, approvedOn: '2026-01-05' },
    });
    expect(before.json().fields).toEqual([{ path: 'approvedOn', message: '核定日期不能早于申报日期' }]);
    const ok = await finance.inject({
      method: 'POST',
      url: `/api/budget/lines/${ids.line}/approve`,
      payload: { approvedFen: 2000000, approvedOn: '2026-02-15', approvalRef: '区财预〔2026〕8号' },
    });
    expect(ok.json()).toMatchObject({ status: 'approved', approvedFen: 2000000, availableFen: 2000000, executionRate: 0 });
    const actions = await t.handle.db.selectFrom('auditLog').select('action').where('entityId', '=', ids.line).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['create', 'update', 'submit', 'approve']);
  });

  it('charges ledger payments to the line: suggested from its account, within the approved amount, each once', async () => {
    const candidates = (await finance.inject({ url: `/api/budget/lines/${ids.line}/candidates` })).json();
    expect(candidates.map((c: { amountFen: number; fromLineAccount: boolean }) => [c.amountFen, c.fromLineAccount])).toEqual([
      [480000, true],
      [350000, true],
      [1300000, false],
    ]);
    const linked = await finance.inject({
      method: 'POST',
      url: `/api/budget/lines/${ids.line}/spending`,
      payload: { disbursementIds: [ids.meeting, ids.monitoring] },
    });
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toMatchObject({ executedFen: 830000, availableFen: 1170000, executionRate: 41.5 });
    expect(linked.json().spending.map((s: { purpose: string }) => s.purpose)).toEqual(['全市两纲工作现场会', '两纲中期评估监测统计工作']);
    const again = await finance.inject({
      method: 'POST',
      url: `/api/budget/lines/${ids.line}/spending`,
      payload: { disbursementIds: [ids.meeting] },
    });
    expect(again.statusCode).toBe(409);
    const over = await finance.inject({
      method: 'POST',
      url: `/api/budget/lines/${ids.line}/spending`,
      payload: { disbursementIds: [ids.liuyi] },
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().message).toBe('超出核定预算：本次13000.00元，可用11700.00元');
    expect(await spendings()).toBe(2);
    const lower = await finance.inject({
      method: 'POST',
      url: `/api/budget/lines/${ids.line}/approve`,
      payload: { approvedFen: 800000, approvedOn: '2026-06-01' },
    });
    expect(lower.json().fields).toEqual([{ path: 'approvedFen', message: '核定金额不能少于已执行和已承诺的金额（8300.00元）' }]);
  });

  it('reserves commitments and settles one with a payment; a reversed payment stops counting at once (no copy of the money)', async () => {
    const c = await finance.inject({
      method: 'POST',
      url: `/api/budget/lines/${ids.line}/commitments`,
      payload: { committedOn: '2026-09-01', description: '回顾展布展合同', amountFen: 500000 },
    });
    expect(c.json()).toMatchObject({ committedFen: 500000, availableFen: 670000 });
    const commitmentId = c.json().commitments[0].id;
    const tooBig = await finance.inject({
      method: 'POST',
      url: `/api/budget/lines/${ids.line}/commitments`,
      payload: { committedOn: '2026-09-02', description: '另一合同', amountFen: 700000 },
    });
    expect(tooBig.json().fields).toEqual([{ path: 'amountFen', message: '超出可用预算（可用6700.00元）' }]);
    const exhibition = await pay(480000, '2026-09-10', '回顾展布展');
    const settle = await finance.inject({
      method: 'POST',
      url: `/api/budget/lines/${ids.line}/spending`,
      payload: { disbursementIds: [exhibition], commitmentId },
    });
    expect(settle.json()).toMatchObject({ executedFen: 1310000, committedFen: 0, executionRate: 65.5 });
    expect(settle.json().commitments[0]).toMatchObject({ status: 'settled', settledOn: '2026-09-10' });

    const reversed = await finance.inject({
      method: 'POST',
      url: `/api/funds/disbursements/${ids.meeting}/reverse`,
      payload: { reason: '重复支付' },
    });
    expect(reversed.statusCode).toBe(200);
    const after = await line(ids.line);
    expect(after).toMatchObject({ executedFen: 830000, executionRate: 41.5 });
    expect(after.spending.find((s: { disbursementId: string }) => s.disbursementId === ids.meeting).reversed).toBe(true);
    const cancelled = await pay(2000, '2026-10-02', '作废支付');
    await finance.inject({ method: 'POST', url: `/api/funds/disbursements/${cancelled}/reverse`, payload: { reason: '作废' } });
    const refused = await finance.inject({
      method: 'POST',
      url: `/api/budget/lines/${ids.line}/spending`,
      payload: { disbursementIds: [cancelled] },
    });
    expect(refused.json().fields).toEqual([{ path: 'disbursementIds', message: '2026-10-02的拨付已冲销，不能计入预算执行' }]);
    const linkedSmall = await finance.inject({
      method: 'POST',
      url: `/api/budget/lines/${ids.line}/spending`,
      payload: { disbursementIds: [await pay(1000, '2026-10-01', '冲销测试')] },
    });
    expect(linkedSmall.statusCode).toBe(200);
    const small = linkedSmall.json().spending.find((s: { amountFen: number }) => s.amountFen === 1000);
    const unlinked = await finance.inject({ method: 'DELETE', url: `/api/budget/lines/${ids.line}/spending/${small.id}` });
    expect(unlinked.json().executedFen).toBe(830000);
    const ex = settle.json().spending.find((s: { disbursementId: string }) => s.disbursementId === exhibition);
    const reopened = await finance.inject({ method: 'DELETE', url: `/api/budget/lines/${ids.line}/spending/${ex.id}` });
    expect(reopened.json()).toMatchObject({ executedFen: 350000, committedFen: 500000 });
    expect(reopened.json().commitments[0].status).toBe('open');
    await finance.inject({
      method: 'POST',
      url: `/api/budget/lines/${ids.line}/spending`,
      payload: { disbursementIds: [exhibition], commitmentId },
    });
  });

  it('keeps townships apart: a township finance officer sees and charges only her own', async () => {
    const niufo = await createAccount(t, 'niufofin', 'finance_officer', '牛佛镇');
    expect((await niufo.inject({ url: `/api/budget/lines/${ids.line}` })).statusCode).toBe(404);
    expect((await niufo.inject({ url: '/api/budget/lines' })).json().total).toBe(0);
    const outside = await niufo.inject({
      method: 'POST',
      url: '/api/budget/lines',
      payload: { ownerOrgId: ids.root, year: 2026, purpose: 'working_funds', name: '工作经费', requestedFen: 100000 },
    });
    expect(outside.json().fields).toEqual([{ path: 'ownerOrgId', message: '预算单位不存在或不在您的工作范围内' }]);
    const own = await niufo.inject({
      method: 'POST',
      url: '/api/budget/lines',
      payload: {
        ownerOrgId: await unitId(t, '牛佛镇'),
        year: 2026,
        purpose: 'working_funds',
        name: '镇妇联工作经费',
        requestedFen: 100000,
      },
    });
    expect(own.statusCode).toBe(201);
    await niufo.inject({ method: 'POST', url: `/api/budget/lines/${own.json().id}/submit`, payload: { requestedOn: '2026-03-01' } });
    await niufo.inject({
      method: 'POST',
      url: `/api/budget/lines/${own.json().id}/approve`,
      payload: { approvedFen: 100000, approvedOn: '2026-03-20' },
    });
    const steal = await niufo.inject({
      method: 'POST',
      url: `/api/budget/lines/${own.json().id}/spending`,
      payload: { disbursementIds: [ids.liuyi] },
    });
    expect(steal.json().fields).toEqual([{ path: 'disbursementIds', message: '拨付记录不存在或不在您的工作范围内' }]);
    expect((await niufo.inject({ url: `/api/budget/lines/${own.json().id}/candidates` })).json()).toEqual([]);
    expect((await finance.inject({ url: '/api/budget/lines?year=2026' })).json().total).toBe(2);
  });

  it('states execution by line and month, and the facts equal the records', async () => {
    const ex = (await finance.inject({ url: `/api/budget/execution?year=2026&ownerOrgId=${ids.root}` })).json();
    expect(ex.lines).toHaveLength(1);
    expect(ex.lines[0].months).toEqual([0, 0, 0, 0, 0, 0, 350000, 0, 480000, 0, 0, 0]);
    expect(ex.totals).toMatchObject({ approvedFen: 2000000, executedFen: 830000, committedFen: 0, executionRate: 41.5 });
    expect((await computeFact(t, 'budget.planned')).value).toBe(2100000);
    expect((await computeFact(t, 'budget.planned', { purpose: 'outlines_special' })).value).toBe(2000000);
    expect((await computeFact(t, 'budget.executed')).value).toBe(830000);
    expect(await computeFact(t, 'budget.executionRate', { purpose: 'outlines_special' })).toEqual({
      value: 41.5,
      numerator: 830000,
      denominator: 2000000,
    });
    expect((await computeFact(t, 'budget.executionRate', { purpose: 'programme' })).value).toBeNull();
    expect((await computeFact(t, 'budget.executed', {}, { unit: '牛佛镇' })).value).toBe(0);
    const records = await factRecords(t, 'budget.executed');
    expect(records.rows.reduce((s, r) => s + Number(r.amountYuan) * 100, 0)).toBe(830000);
    expect((await factRecords(t, 'budget.planned')).total).toBe(2);
  });

  it('imports lines all or nothing and exports them with their execution', async () => {
    const bad = await importFile(
      finance,
      '/api/budget/lines/import',
      await xlsx(LINE_HEADERS, [
        ['2027', '妇儿工委办工作经费', '工作经费', '12000', ''],
        ['2027', '春蕾计划', '项目经费', '5000', ''],
        ['2027', '妇儿工委办工作经费', '工作经费', '1', ''],
      ]),
    );
    expect(bad.job!.status).toBe('failed');
    expect(bad.job!.result.errors!.map((e) => e.text)).toEqual([
      '第3行「用途」：项目经费须在系统中选择所属项目后登记',
      '第4行「预算项目」：与第2行重复',
    ]);
    expect((await finance.inject({ url: '/api/budget/lines?year=2027' })).json().total).toBe(0);
    const good = await importFile(
      finance,
      '/api/budget/lines/import',
      await xlsx(LINE_HEADERS, [['2027', '妇儿工委办工作经费', '工作经费', '12000', '']]),
    );
    expect(good.job!.status).toBe('succeeded');
    expect((await finance.inject({ url: '/api/budget/lines?year=2027' })).json().items[0]).toMatchObject({
      status: 'draft',
      requestedFen: 1200000,
    });
    const rows = await readXlsx(await finance.inject({ url: '/api/budget/lines/export?year=2026' }));
    expect(rows[0]).toEqual([
      '预算年度',
      '预算项目',
      '用途',
      '预算单位',
      '状态',
      '申请金额（元）',
      '核定金额（元）',
      '批复文号',
      '执行金额（元）',
      '已承诺未付（元）',
      '执行率（%）',
    ]);
    const mine = rows.find((r) => r[1] === '“两纲”专项经费')!;
    expect([mine[6], mine[8], mine[10]]).toEqual([20000, 8300, '41.50']);
  });

  it('drafts next year’s request as a 公文 from this year’s execution, audited', async () => {
    const res = await finance.inject({ url: `/api/budget/request?year=2026&ownerOrgId=${ids.root}` });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const p = await docxParagraphs(res.rawPayload);
    expect(p[0]).toBe('关于申请2027年度妇儿工委工作经费和“两纲”专项经费预算的请示');
    expect(p).toContain('示例区财政局：');
    expect(p.find((x) => x.startsWith('2026年，核定我会'))).toBe(
      '2026年，核定我会妇儿工委工作经费及“两纲”专项经费等预算1项，共计20000元；截至2026年11月29日，已支出8300元，执行率41.50%。',
    );
    // Next year: the imported 2027 working-funds line as drafted; the 两纲 line proposed at this year's approved amount.
    expect(p.find((x) => x.startsWith('根据2026年度执行情况'))).toBe(
      '根据2026年度执行情况和2027年工作安排，申请2027年度预算2项，共计32000元（大写：叁万贰仟元整）。',
    );
    expect(p).toContain('“两纲”专项经费：按月支出为7月3500元、9月4800元。');
    expect(p.at(-1)).toBe('2026年11月29日');
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select('detail')
      .where('action', '=', 'export')
      .where('entityType', '=', 'budget_line')
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail!).kind)).toContain('budget.request');
  });
});

describe.each(TEST_DATABASES)('budget: the demo district 2026 on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    const ctx = await demoContext(t);
    await seedFundsDemo(ctx);
    await seedBudgetDemo(ctx);
  });
  afterAll(() => t.close());

  it('the 两纲 funds: 20000 approved, 13900 spent through the ledger (69.50%), the working funds still waiting for approval', async () => {
    expect((await computeFact(t, 'budget.planned')).value).toBe(2000000);
    expect((await computeFact(t, 'budget.executed')).value).toBe(1390000);
    expect((await computeFact(t, 'budget.executionRate')).value).toBe(69.5);
    expect((await factRecords(t, 'budget.executed')).total).toBe(4);
    const finance = await t.login('finance');
    const lines = (await finance.inject({ url: '/api/budget/lines?year=2026' })).json().items;
    expect(lines.map((l: { name: string; status: string }) => [l.name, l.status])).toEqual([
      ['妇儿工委办工作经费', 'requested'],
      ['“两纲”专项经费', 'approved'],
    ]);
  });
});
