import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENING_COLUMNS } from '@jinguo/domain';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { importFile, multipart, readXlsx, xlsx } from './excel-upload.js';
import { womanId } from './relief-funds-fixtures.js';

const HEADERS = [
  '乡镇（街道）',
  '村（社区）',
  '姓名',
  '身份证号',
  '联系电话',
  '家庭人口',
  '家庭年收入（元）',
  '困难情形',
  '发放方式',
  '银行卡号',
  '备注',
];

let next = 3000;
/** A valid screening row for 牛佛镇 (a new woman each call unless an ID number is given). */
function row(over: Partial<Record<(typeof HEADERS)[number], unknown>> = {}): unknown[] {
  const v: Record<string, unknown> = {
    '乡镇（街道）': '牛佛镇',
    '村（社区）': '大山村',
    姓名: `导入${next}`,
    身份证号: womanId(next++),
    联系电话: '13800138000',
    家庭人口: 4,
    '家庭年收入（元）': '2,672',
    困难情形: '低保',
    发放方式: '现金',
    银行卡号: '',
    备注: '',
    ...over,
  };
  return HEADERS.map((h) => v[h]);
}

describe.each(TEST_DATABASES)('screening import (摸底调查) on %s', (kind) => {
  let t: TestApp;
  let niufo: TestSession;
  let poorId: string;
  let cancerId: string;
  const count = async (table: 'reliefApplications' | 'persons' | 'households') =>
    Number(
      (
        await t.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const url = (id: string) => `/api/relief/programmes/${id}/screening/import`;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    niufo = await t.login('niufo');
    const programme = await t.login('programme');
    poorId = (
      await programme.inject({
        method: 'POST',
        url: '/api/relief/programmes',
        payload: {
          code: 'POOR_MOTHER',
          name: '贫困母亲救助',
          kind: 'cash',
          year: 2026,
          reportTo: ['city'],
          rules: { incomePerHeadMaxFen: 100000 },
        },
      })
    ).json().id;
    cancerId = (
      await programme.inject({
        method: 'POST',
        url: '/api/relief/programmes',
        payload: {
          code: 'TWO_CANCER',
          name: '两癌救助',
          kind: 'cash',
          year: 2026,
          reportTo: [],
          rules: { anyOfTags: ['低保'], transferOnly: true, oncePerLifetime: true },
        },
      })
    ).json().id;
  });
  afterAll(() => t.close());

  it('hands out the template with the Chinese headers', async () => {
    const res = await niufo.inject({ url: '/api/relief/screening/template' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(res);
    expect(rows[0]).toEqual(SCREENING_COLUMNS.map((c) => c.header));
    expect(rows[0]).toEqual(HEADERS);
  });

  it('refuses callers without relief.write before reading the file, and a missing file with a 400', async () => {
    const finance = await t.login('finance');
    const file = await xlsx(HEADERS, [row()]);
    expect((await finance.inject({ method: 'POST', url: url(poorId), ...multipart(file) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: url(poorId), ...multipart(file) })).statusCode).toBe(401);
    expect((await niufo.inject({ method: 'POST', url: url('0193a0b0-0000-7000-8000-000000000000'), ...multipart(file) })).statusCode).toBe(
      404,
    );
    const none = await niufo.inject({ method: 'POST', url: url(poorId), payload: {} });
    expect(none.statusCode).toBe(400);
  });

  it('reports every bad row and column in Chinese and imports nothing; the corrected file imports; the same file again creates nothing', async () => {
    const before = { apps: await count('reliefApplications'), persons: await count('persons'), households: await count('households') };
    const good = row({ 姓名: '好行一' });
    const badId = row({ 身份证号: '510399198005120024' });
    const badIncome = row({ '家庭年收入（元）': '两千' });
    const badTown = row({ '乡镇（街道）': '不存在镇', '村（社区）': '' });
    const bad = await importFile(niufo, url(poorId), await xlsx(HEADERS, [good, badId, badIncome, badTown]), '摸底调查.xlsx');
    expect(bad.res.statusCode).toBe(202);
    expect(bad.job!.status).toBe('failed');
    expect(bad.job!.message).toBe('发现 3 处错误，未导入任何数据；请改正后重新上传');
    expect(bad.job!.result.errors!.map((e) => e.text)).toEqual([
      '第3行「身份证号」：校验位错误',
      '第4行「家庭年收入（元）」：应为金额（元，最多两位小数）',
      '第5行「乡镇（街道）」：未知的乡镇（街道）“不存在镇”，或不在您的工作范围内',
    ]);
    expect({ apps: await count('reliefApplications'), persons: await count('persons'), households: await count('households') }).toEqual(
      before,
    );

    const fixedRows = [
      good,
      row({ 姓名: '改正二' }),
      row({ 姓名: '改正三', '家庭年收入（元）': '2000' }),
      row({ 姓名: '改正四', '乡镇（街道）': '牛佛镇', '村（社区）': '石桥村', '家庭年收入（元）': '8000.50' }),
    ];
    const fixed = await xlsx(HEADERS, fixedRows);
    const ok = await importFile(niufo, url(poorId), fixed, '摸底调查.xlsx');
    expect(ok.job!.status, JSON.stringify(ok.job)).toBe('succeeded');
    expect(ok.job!.result).toMatchObject({ rows: 4, created: 4 });
    expect(await count('reliefApplications')).toBe(before.apps + 4);
    const list = (await niufo.inject({ url: `/api/relief/applications?programmeId=${poorId}&pageSize=200` })).json();
    const last = list.items.find((x: { name: string }) => x.name === '改正四');
    // 8000.50 yuan for 4 people: 2000.12 a head (rounded down), above the 1000-yuan line.
    expect(last).toMatchObject({
      villageName: '石桥村',
      householdIncomeFen: 800050,
      incomePerHeadFen: 200012,
      eligible: false,
      status: 'submitted',
    });

    const again = await importFile(niufo, url(poorId), fixed, '摸底调查-副本.xlsx');
    expect(again.job!.status).toBe('succeeded');
    expect(again.job!.result).toMatchObject({ duplicate: true, created: 0 });
    expect(again.job!.message).toMatch(/^该文件已于.*导入过（4行），本次未重复导入$/);
    expect(await count('reliefApplications')).toBe(before.apps + 4);
  });

  it('refuses a person already registered in the programme, and the same ID number twice in one file', async () => {
    const id = womanId(next++);
    const first = await importFile(niufo, url(poorId), await xlsx(HEADERS, [row({ 身份证号: id, 姓名: '已登记' })]));
    expect(first.job!.status).toBe('succeeded');
    const before = await count('reliefApplications');
    const dupPerson = await importFile(niufo, url(poorId), await xlsx(HEADERS, [row(), row({ 身份证号: id, 姓名: '已登记' })]));
    expect(dupPerson.job!.status).toBe('failed');
    expect(dupPerson.job!.result.errors!.map((e) => e.text)).toEqual(['第3行「身份证号」：已登记已在本项目中登记']);
    const twice = womanId(next++);
    const dupRow = await importFile(niufo, url(poorId), await xlsx(HEADERS, [row({ 身份证号: twice }), row(), row({ 身份证号: twice })]));
    expect(dupRow.job!.result.errors!.map((e) => e.text)).toEqual(['第4行「身份证号」：与第2行重复']);
    expect(await count('reliefApplications')).toBe(before);
  });

  it('enforces the programme: transfer only needs a bank card, and cash is refused', async () => {
    const res = await importFile(
      niufo,
      url(cancerId),
      await xlsx(HEADERS, [
        row({ 发放方式: '现金' }),
        row({ 发放方式: '银行转账', 银行卡号: '' }),
        row({ 发放方式: '银行转账', 银行卡号: '6228480402564890018' }),
        row({ 发放方式: '', 银行卡号: '62284804' }),
      ]),
    );
    expect(res.job!.result.errors!.map((e) => e.text)).toEqual([
      '第2行「发放方式」：本项目只能银行转账发放',
      '第3行「银行卡号」：银行转账须填写银行卡号',
      '第5行「银行卡号」：应为12–19位数字',
    ]);
    const ok = await importFile(
      niufo,
      url(cancerId),
      await xlsx(HEADERS, [
        row({ 发放方式: '银行转账', 银行卡号: '6228 4804 0256 4890 018' }),
        row({ 发放方式: '', 银行卡号: '6228480402564890026' }),
      ]),
    );
    expect(ok.job!.status).toBe('succeeded');
    const rows = await t.handle.db
      .selectFrom('reliefApplications')
      .select(['bankCardEnc', 'bankCardMasked', 'paymentMethod'])
      .where('programmeId', '=', cancerId)
      .execute();
    expect(rows.map((r) => r.bankCardMasked).sort()).toEqual(['**** 0018', '**** 0026']);
    expect(rows.every((r) => r.paymentMethod === 'bank_transfer' && !r.bankCardEnc!.includes('6228'))).toBe(true);
  });

  it('keeps townships apart: 东城街道 cannot import candidates of 牛佛镇', async () => {
    const dongcheng = await t.login('dongcheng');
    const res = await importFile(
      dongcheng,
      url(poorId),
      await xlsx(HEADERS, [row(), row({ '乡镇（街道）': '东城街道', '村（社区）': '东兴社区' })]),
    );
    expect(res.job!.result.errors!.map((e) => e.text)).toEqual(['第2行「乡镇（街道）」：未知的乡镇（街道）“牛佛镇”，或不在您的工作范围内']);
  });

  it('leaves nothing behind when the import fails in the middle of writing', async () => {
    const before = { apps: await count('reliefApplications'), persons: await count('persons'), households: await count('households') };
    // The database refuses the 151st new application: the failure strikes after 150 rows and their persons are written.
    const limit = before.apps + 150;
    if (kind === 'sqlite')
      await sql
        .raw(
          `CREATE TRIGGER boom BEFORE INSERT ON relief_applications WHEN (SELECT count(*) FROM relief_applications) >= ${limit} BEGIN SELECT RAISE(ABORT, 'disk gone'); END`,
        )
        .execute(t.handle.db);
    else {
      await sql
        .raw(
          `CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN IF (SELECT count(*) FROM relief_applications) >= ${limit} THEN RAISE EXCEPTION 'disk gone'; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql`,
        )
        .execute(t.handle.db);
      await sql.raw('CREATE TRIGGER boom BEFORE INSERT ON relief_applications FOR EACH ROW EXECUTE FUNCTION boom()').execute(t.handle.db);
    }
    try {
      const rows = Array.from({ length: 300 }, () => row());
      const res = await importFile(niufo, url(poorId), await xlsx(HEADERS, rows));
      expect(res.job!.status).toBe('failed');
      expect(res.job!.message).toBe('导入失败（服务器内部错误），未写入任何数据');
    } finally {
      await sql.raw(`DROP TRIGGER boom${kind === 'postgres' ? ' ON relief_applications' : ''}`).execute(t.handle.db);
      if (kind === 'postgres') await sql.raw('DROP FUNCTION boom()').execute(t.handle.db);
    }
    expect({ apps: await count('reliefApplications'), persons: await count('persons'), households: await count('households') }).toEqual(
      before,
    );
    const imports = await t.handle.db
      .selectFrom('fileImports')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('rows', '=', 300)
      .executeTakeFirstOrThrow();
    expect(Number(imports.n)).toBe(0);
  });

  it('exports the screening list with masked ID numbers', async () => {
    const res = await niufo.inject({ url: `/api/relief/applications/export?programmeId=${poorId}` });
    expect(res.statusCode).toBe(200);
    const rows = await readXlsx(res);
    expect(rows[0]).toContain('身份证号');
    const idCol = rows[0].indexOf('身份证号');
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows.slice(1)) expect(String(r[idCol])).toMatch(/^\d{6}\*+\d{3}[\dX]$/);
  });
});
