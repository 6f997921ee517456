import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/platform/audit.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { xlsx } from './excel-upload.js';
import { countRows, unitId } from './fixtures.js';

const MESSAGE = '含有无效字符（空字符或不成对的 Unicode 代理字符）';

type Part = { disposition: string; body: Buffer | string; encoding?: 'latin1' | 'utf8' };

/** A multipart body written byte for byte (headers in latin1 unless told), so a test can send names a browser would not. */
function multipart(parts: Part[]) {
  const boundary = '----jinguoguard';
  const chunks = parts.flatMap((p) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; ${p.disposition}\r\n\r\n`, p.encoding ?? 'latin1'),
    typeof p.body === 'string' ? Buffer.from(p.body, 'latin1') : p.body,
    Buffer.from('\r\n'),
  ]);
  return {
    payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe.each(TEST_DATABASES)('strings that cannot be stored, refused at the edge, on %s', (kind) => {
  let t: TestApp;
  let rights: TestSession;
  let village: string;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    rights = await t.login('rights');
    village = await unitId(t, '大山村');
  });
  afterAll(() => t.close());

  const json = (s: TestSession | null, method: 'POST' | 'PUT' | 'PATCH', url: string, body: string) =>
    (s ?? t.app).inject({ method, url, payload: body, headers: { 'content-type': 'application/json' } });

  it('answers the reported requests with 400 naming the field, not a 500 (PostgreSQL) or a broken audit chain (both)', async () => {
    const entries = await countRows(t, 'auditLog');
    const login = await json(null, 'POST', '/api/auth/login', '{"username":"\\u0000abc","password":"x"}');
    expect(login.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION', message: `请求内容有误：username：${MESSAGE}` });
    const search = await rights.inject({ url: '/api/people?q=%00' });
    expect(search.json()).toMatchObject({
      statusCode: 400,
      message: `查询参数有误：q：${MESSAGE}`,
      fields: [{ path: 'q', message: MESSAGE }],
    });
    const persons = Number(
      (
        await t.handle.db
          .selectFrom('persons')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const create = await json(
      rights,
      'POST',
      '/api/people',
      JSON.stringify({ name: 'a\u0000b', gender: 'female', residenceOrgId: village }),
    );
    expect(create.json()).toMatchObject({ statusCode: 400, fields: [{ path: 'name', message: MESSAGE }] });
    expect(
      Number(
        (
          await t.handle.db
            .selectFrom('persons')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(persons);
    // Lone surrogates, high and low, anywhere in a nested body; a bad key is named by its parent and not echoed.
    const nested = await json(
      rights,
      'POST',
      '/api/cases',
      '{"channel":"visit","receivedDate":"2026-11-27","category":"other","summary":"x","parties":[{"name":"ok","role":"witness","relation":"other","note":"x\\udc00"}]}',
    );
    expect(nested.json()).toMatchObject({ statusCode: 400, fields: [{ path: 'parties.0.note', message: MESSAGE }] });
    const key = await json(rights, 'POST', '/api/people', '{"residenceOrgId":"x","\\ud800":1}');
    expect(key.json()).toMatchObject({ statusCode: 400, fields: [{ path: '(root)', message: `字段名${MESSAGE}` }] });
    expect(key.body).not.toContain('\\ud800');
    // A path parameter.
    const param = await rights.inject({ url: '/api/facts/cases.received%00/records' });
    expect(param.json()).toMatchObject({ statusCode: 400, message: `路径参数有误：name：${MESSAGE}` });
    // None of these reached a service: nothing audited, and the chain holds.
    expect(await countRows(t, 'auditLog')).toBe(entries);
    expect(await verifyAuditChain(t.handle.db)).toMatchObject({ ok: true });
    // Well-formed text passes: astral characters (surrogate pairs), combining marks, control characters other than NUL.
    const fine = await json(
      rights,
      'POST',
      '/api/people',
      JSON.stringify({ name: '𠮷野👩‍👩‍👧e\u0301\u0007', gender: 'female', residenceOrgId: village }),
    );
    expect(fine.statusCode, fine.body).toBe(201);
    expect(fine.json().person.name).toBe('𠮷野👩‍👩‍👧e\u0301\u0007');
    expect(await verifyAuditChain(t.handle.db)).toMatchObject({ ok: true });
  });

  it('refuses an upload whose file name, field name or text field cannot be stored, before reading the file', async () => {
    const niufo = await t.login('niufo');
    const file = await xlsx(['名称'], [['x']]);
    const url = '/api/activities/events/import';
    const cases: [string, Part[], { path: string; message: string }][] = [
      [
        'file name with NUL',
        [{ disposition: 'name="file"; filename="a\u0000.xlsx"', body: file }],
        { path: 'file', message: `文件名${MESSAGE}` },
      ],
      [
        'field name with NUL',
        [{ disposition: 'name="fi\u0000le"; filename="a.xlsx"', body: file }],
        { path: '(root)', message: `字段名${MESSAGE}` },
      ],
      [
        'text field with NUL',
        [
          { disposition: 'name="note"', body: 'a\u0000b' },
          { disposition: 'name="file"; filename="a.xlsx"', body: file },
        ],
        { path: 'note', message: MESSAGE },
      ],
    ];
    const jobs = Number(
      (
        await t.handle.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    for (const [label, parts, field] of cases) {
      const res = await niufo.inject({ method: 'POST', url, ...multipart(parts) });
      expect(res.statusCode, label).toBe(400);
      expect(res.json().fields, label).toEqual([field]);
    }
    expect(
      Number(
        (
          await t.handle.db
            .selectFrom('jobs')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(jobs);
    // A well-formed name (astral characters, a traversal) is taken by its base name, as before.
    const ok = await niufo.inject({
      method: 'POST',
      url,
      ...multipart([{ disposition: 'name="file"; filename="../../👩‍👩‍👧.xlsx"', body: file, encoding: 'utf8' }]),
    });
    expect(ok.statusCode, ok.body).toBe(202);
  });
});
