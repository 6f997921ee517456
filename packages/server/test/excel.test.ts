import { Readable } from 'node:stream';
import ExcelJS from '../src/platform/exceljs.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '@jinguo/domain';
import type { Actor } from '../src/platform/actor.js';
import { cells, ImportRejected, keysetRows, sendExport, startImport, type ImportSpec, type UploadSource } from '../src/platform/excel.js';
import { buildTestApp, TEST_DATABASES, type TestApp } from './build-test-app.js';

/**
 * The shared Excel mechanism, exercised through a spec that imports into the holiday calendar (a real table
 * with no module rules of its own), so these tests are about the mechanism only.
 */
type HolidayRow = { date: string; kind: 'holiday' | 'workday'; name: string; idNumber: string | null; amount: number | null };

function holidaySpec(opts: { failOnCommit?: boolean } = {}): ImportSpec<HolidayRow, { forbidden: string }> {
  return {
    kind: 'test.holidays',
    title: '节假日',
    columns: [
      { key: 'date', header: '日期', required: true, example: '2026-10-01', parse: cells.date() },
      { key: 'kind', header: '类型', required: true, example: '放假', parse: cells.oneOf({ holiday: '放假', workday: '调休上班' }) },
      { key: 'name', header: '名称', required: true, example: '国庆节', parse: cells.text(20) },
      { key: 'idNumber', header: '身份证号', example: '11010519491231002X', parse: cells.idNumber() },
      { key: 'amount', header: '金额（元）', example: '12.50', parse: cells.yuan() },
    ],
    validateRow(values, ctx) {
      if (values.name === ctx.forbidden) return [{ column: 'name', message: '该名称不允许' }];
    },
    async commit(trx, rows) {
      for (const r of rows)
        await trx.insertInto('holidays').values({ date: r.values.date, kind: r.values.kind, name: r.values.name }).execute();
      if (opts.failOnCommit) throw new ImportRejected([{ row: rows[0].rowNumber, column: '日期', message: '数据库中已有该日期' }]);
      return { created: rows.length };
    },
  };
}

async function workbook(rows: unknown[][], headers = ['日期', '类型', '名称', '身份证号', '金额（元）']): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(buf: Buffer, filename = 'holidays.xlsx'): UploadSource {
  return async () => ({ filename, file: Readable.from([buf]) });
}

describe.each(TEST_DATABASES)('the shared Excel mechanism on %s', (kind) => {
  let t: TestApp;
  let actor: Actor;
  let otherActor: Actor;
  let rootId: string;

  async function actorOf(username: string): Promise<Actor> {
    const db = t.handle.db;
    const u = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
    const grants = await db
      .selectFrom('roleAssignments as r')
      .innerJoin('orgUnits as o', 'o.id', 'r.orgUnitId')
      .select(['r.id', 'r.role', 'r.orgUnitId', 'o.path as orgPath', 'o.name as orgName'])
      .where('r.userId', '=', u.id)
      .execute();
    return {
      userId: u.id,
      username,
      displayName: u.displayName,
      sessionId: 'test',
      csrfToken: 'test',
      ip: null,
      mustChangePassword: false,
      grants,
    };
  }

  async function waitJob(id: string) {
    for (;;) {
      const job = await t.handle.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      if (job.status !== 'running') return { ...job, result: job.result ? JSON.parse(job.result) : null };
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  const deps = () => ({ db: t.handle.db, clock: t.clock });
  const run = (buf: Buffer, opts: { target?: string; failOnCommit?: boolean; filename?: string } = {}) =>
    startImport(deps(), {
      actor,
      source: upload(buf, opts.filename),
      spec: holidaySpec(opts),
      targetKey: opts.target ?? 'calendar',
      orgUnitId: rootId,
      entityType: 'holiday',
      context: { forbidden: '禁止' },
    });
  const holidayCount = async () =>
    Number(
      (
        await t.handle.db
          .selectFrom('holidays')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await buildTestApp(kind);
    actor = await actorOf('programme');
    otherActor = await actorOf('finance');
    rootId = (await t.handle.db.selectFrom('orgUnits').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  it('imports every row in one transaction, audits the count, and reports success on the job', async () => {
    const before = await holidayCount();
    const { jobId } = await run(
      await workbook([
        ['2026-01-01', '放假', '元旦', '11010519491231002X', '100'],
        [new Date(Date.UTC(2026, 1, 17)), 'holiday', '春节', null, 1.5],
        ['2026/2/28', '调休上班', '春节调休', '', ''],
      ]),
    );
    const job = await waitJob(jobId);
    expect(job.status).toBe('succeeded');
    expect(job.progress).toBe(100);
    expect(job.result).toMatchObject({ rows: 3, created: 3 });
    expect(await holidayCount()).toBe(before + 3);
    const feb = await t.handle.db.selectFrom('holidays').selectAll().where('date', '=', '2026-02-17').executeTakeFirstOrThrow();
    expect(feb).toMatchObject({ kind: 'holiday', name: '春节' });
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'import')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toMatchObject({ kind: 'test.holidays', rows: 3, created: 3 });
    // Count, not contents: no name or ID number from the file reaches the trail.
    expect(audit.detail).not.toContain('元旦');
    expect(audit.detail).not.toContain('11010519491231002X');
  });

  it('reports every error with row and column in Chinese, and writes nothing', async () => {
    const before = await holidayCount();
    const { jobId } = await run(
      await workbook([
        ['2026-05-01', '放假', '劳动节', '', ''],
        ['2026-13-01', '放假', '坏日期', '', ''],
        ['2026-05-02', '休息', '', '110105194912310021', 'abc'],
        ['2026-05-03', '放假', '禁止', '', ''],
        ['2026-05-04', '放假', '身份证数字', 110105194912310020, ''],
      ]),
    );
    const job = await waitJob(jobId);
    expect(job.status).toBe('failed');
    const texts = (job.result.errors as { text: string }[]).map((e) => e.text);
    expect(texts).toEqual([
      '第3行「日期」：不是有效日期',
      '第4行「类型」：应为以下之一：放假、调休上班',
      '第4行「名称」：不能为空',
      '第4行「身份证号」：校验位错误',
      '第4行「金额（元）」：应为金额（元，最多两位小数）',
      '第5行「名称」：该名称不允许',
      '第6行「身份证号」：请将该列设为文本格式后重新填写（数字格式会丢失末几位）',
    ]);
    expect(job.result.errorCount).toBe(7);
    expect(job.message).toContain('未导入任何数据');
    // The valid first row was not written either: all or nothing.
    expect(await holidayCount()).toBe(before);
    expect(await t.handle.db.selectFrom('holidays').select('date').where('date', '=', '2026-05-01').executeTakeFirst()).toBeUndefined();
  });

  it('rolls back everything when the commit itself refuses a row', async () => {
    const before = await holidayCount();
    const { jobId } = await run(
      await workbook([
        ['2026-06-01', '放假', '儿童节', '', ''],
        ['2026-06-02', '放假', '次日', '', ''],
      ]),
      { failOnCommit: true },
    );
    const job = await waitJob(jobId);
    expect(job.status).toBe('failed');
    expect(job.result.errors[0].text).toBe('第2行「日期」：数据库中已有该日期');
    expect(await holidayCount()).toBe(before);
  });

  it('imports the same file into the same target once, and says so the second time', async () => {
    const buf = await workbook([['2026-09-10', '放假', '教师节', '', '']]);
    const first = await waitJob((await run(buf, { target: 'calendar-b' })).jobId);
    expect(first.status).toBe('succeeded');
    const before = await holidayCount();
    const again = await waitJob((await run(buf, { target: 'calendar-b' })).jobId);
    expect(again.status).toBe('succeeded');
    expect(again.result).toMatchObject({ duplicate: true, created: 0 });
    expect(again.message).toMatch(/已于\d{4}-\d{2}-\d{2}导入过/);
    expect(await holidayCount()).toBe(before);
  });

  it('skips the untouched example row and blank rows, and matches headers in any order', async () => {
    const buf = await workbook(
      [['国庆节', '2026-10-01', '放假', '11010519491231002X', '12.50'], [], ['重阳节', '2026-10-18', '放假', '', '']],
      ['名称*', '日期', '类型', '身份证号', '金额（元）'],
    );
    const job = await waitJob((await run(buf, { target: 'calendar-c' })).jobId);
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ rows: 1, created: 1 });
  });

  it('reads workbooks other writers produce: entries in another order, entries stored uncompressed', async () => {
    // jszip ships with exceljs; it rebuilds the same workbook the way other writers lay it out.
    const { default: JSZip } = await import('jszip');
    const rebuild = async (rows: unknown[][], order: (names: string[]) => string[], compression: 'STORE' | 'DEFLATE') => {
      const original = await JSZip.loadAsync(await workbook(rows));
      const names = Object.keys(original.files).filter((n) => !original.files[n].dir);
      const out = new JSZip();
      for (const n of order(names)) out.file(n, await original.file(n)!.async('uint8array'));
      return out.generateAsync({ type: 'nodebuffer', compression });
    };
    // Shared strings before the sheet and xl/workbook.xml last: exceljs used to throw looking up the sheet's name.
    const stringsFirst = await rebuild(
      [['2026-08-01', '放假', '建军节', '', '']],
      (n) => [
        ...n.filter((x) => x.startsWith('[') || x.includes('rels') || x.includes('sharedStrings')),
        ...n.filter((x) => x.includes('worksheets/')),
        ...n.filter((x) => !x.startsWith('[') && !x.includes('rels') && !x.includes('sharedStrings') && !x.includes('worksheets/')),
      ],
      'DEFLATE',
    );
    const a = await waitJob((await run(stringsFirst, { target: 'calendar-f' })).jobId);
    expect([a.status, a.message]).toEqual(['succeeded', '导入成功：共 1 行，新增 1 条']);
    // Stored entries (SheetJS's default): exceljs's streaming reader leaves some runs with unresolved shared
    // strings; each of these imports must still read every cell.
    for (let i = 0; i < 6; i++) {
      const stored = await rebuild([[`2026-09-0${i + 1}`, '放假', `假日${i}`, '', '']], (n) => n, 'STORE');
      const b = await waitJob((await run(stored, { target: `calendar-stored-${i}` })).jobId);
      expect([b.status, b.message]).toEqual(['succeeded', '导入成功：共 1 行，新增 1 条']);
    }
    expect(await t.handle.db.selectFrom('holidays').select('name').where('date', '=', '2026-09-06').executeTakeFirst()).toEqual({
      name: '假日5',
    });
  });

  it('refuses cells that carry U+0000 or a lone surrogate (XML character references), naming row and column', async () => {
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(
      await workbook([
        ['2026-11-01', '放假', 'NULNAME', '', ''],
        ['2026-11-02', '放假', 'SURNAME', '', ''],
        ['2026-11-03', '放假', '正常', '', ''],
      ]),
    );
    // &#0; and &#xD800; in the shared strings: what no person types but a file can hold. exceljs's XML parser refuses
    // them; the fallback reader of shared strings (found through the zip's central directory) decodes them. The local
    // header names the entry differently, so the streaming reader never sees it and the fallback always runs.
    const xml = (await zip.file('xl/sharedStrings.xml')!.async('string')).replace('NULNAME', 'a&#0;b').replace('SURNAME', 'x&#xD800;y');
    zip.file('xl/sharedStrings.xml', xml);
    const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const local = buf.indexOf('xl/sharedStrings.xml');
    expect(local).toBeLessThan(buf.lastIndexOf('xl/sharedStrings.xml'));
    buf.write('xl/sharedStrinGs.xml', local, 'latin1');

    const before = await holidayCount();
    const job = await waitJob((await run(buf, { target: 'calendar-unstorable' })).jobId);
    expect(job.status).toBe('failed');
    expect(job.result.errors.map((e: { text: string }) => e.text)).toEqual([
      '第2行「名称」：含有无效字符（空字符或不成对的 Unicode 代理字符）',
      '第3行「名称」：含有无效字符（空字符或不成对的 Unicode 代理字符）',
    ]);
    expect(await holidayCount()).toBe(before);
  });

  it('refuses a file without the required columns, a non-xlsx file and a missing file', async () => {
    const job = await waitJob((await run(await workbook([['x']], ['名称']), { target: 'calendar-d' })).jobId);
    expect(job.status).toBe('failed');
    expect(job.result.errors.map((e: { text: string }) => e.text)).toEqual([
      '第1行「日期」：缺少此必填列，请使用下载的模板',
      '第1行「类型」：缺少此必填列，请使用下载的模板',
    ]);
    await expect(run(Buffer.from('name,date\n'), { filename: 'a.csv' })).rejects.toMatchObject({
      statusCode: 400,
      fields: [{ path: 'file' }],
    });
    await expect(run(Buffer.from('not a zip at all'), { filename: 'a.xlsx' })).rejects.toMatchObject({
      statusCode: 400,
      message: '文件不是有效的 .xlsx 格式',
    });
    await expect(run(Buffer.from('x'), { filename: 'old.xls' })).rejects.toMatchObject({ message: /另存为 \.xlsx/ });
    await expect(
      startImport(deps(), {
        actor,
        source: async () => undefined,
        spec: holidaySpec(),
        targetKey: 'x',
        orgUnitId: rootId,
        entityType: 'holiday',
        context: { forbidden: '' },
      }),
    ).rejects.toMatchObject({ message: '请选择要导入的文件' });
  });

  it('shows a job only to its creator (GET /api/jobs/:id: 401, 400, 404, 200)', async () => {
    const { jobId } = await run(await workbook([['2026-12-25', '放假', '测试', '', '']]), { target: 'calendar-e' });
    await waitJob(jobId);
    expect((await t.app.inject({ url: `/api/jobs/${jobId}` })).statusCode).toBe(401);
    const mine = await t.login('programme');
    expect((await mine.inject({ url: '/api/jobs/not-an-id' })).statusCode).toBe(400);
    const other = await t.login('finance');
    expect((await other.inject({ url: `/api/jobs/${jobId}` })).statusCode).toBe(404);
    const res = await mine.inject({ url: `/api/jobs/${jobId}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: jobId, status: 'succeeded', progress: 100, total: 100, result: { created: 1 } });
    void otherActor;
  });

  it('streams an export with masked columns unless the caller may reveal, and audits the count', async () => {
    type R = { id: string; name: string; idNumber: string; amount: number };
    const all: R[] = Array.from({ length: 2500 }, (_, i) => ({
      id: String(i).padStart(6, '0'),
      name: `人员${i}`,
      idNumber: '11010519491231002X',
      amount: i * 100 + 5,
    }));
    const spec = {
      kind: 'test.people',
      title: '测试导出',
      entityType: 'test',
      revealPermission: 'people.reveal' as const,
      columns: [
        { key: 'name' as const, header: '姓名' },
        { key: 'idNumber' as const, header: '身份证号', mask: maskIdNumber },
        { key: 'amount' as const, header: '金额（元）', format: 'fen' as const },
      ],
    };
    const exportAs = async (who: Actor) => {
      const rows = keysetRows<R>(async (after, limit) => all.filter((r) => after === null || r.id > after).slice(0, limit), 1000);
      const chunks: Buffer[] = [];
      const reply = {
        headers: {} as Record<string, string>,
        header(k: string, v: string) {
          this.headers[k] = v;
          return this;
        },
        send(stream: NodeJS.ReadableStream) {
          stream.on('data', (c: Buffer) => chunks.push(c));
          this.done = new Promise<void>((r) => stream.on('end', () => r()));
          return this;
        },
        done: Promise.resolve(),
      };
      await sendExport(reply as never, deps(), { actor: who, spec, rows, filters: { year: 2026 } });
      await reply.done;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.concat(chunks) as never);
      return { ws: wb.worksheets[0], headers: reply.headers };
    };
    const masked = await exportAs(actor); // programme officer: no people.reveal
    expect(masked.headers['content-disposition']).toContain(encodeURIComponent('测试导出'));
    expect(masked.ws.rowCount).toBe(2501);
    expect(masked.ws.getRow(1).values).toEqual([undefined, '姓名', '身份证号', '金额（元）']);
    expect(masked.ws.getRow(2).values).toEqual([undefined, '人员0', '110105********002X', 0.05]);
    expect(masked.ws.getRow(2501).getCell(1).value).toBe('人员2499');
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'export')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toMatchObject({ kind: 'test.people', rows: 2500, revealed: false, filters: { year: 2026 } });
    const full = await exportAs(await actorOf('rights')); // rights officer holds people.reveal
    expect(full.ws.getRow(2).getCell(2).value).toBe('11010519491231002X');
    const audit2 = await t.handle.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'export')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit2.detail!)).toMatchObject({ rows: 2500, revealed: true });
  });
});
