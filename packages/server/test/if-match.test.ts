import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { createAccount } from './fixtures.js';
import { createPerson, unitId, womanId } from './relief-funds-fixtures.js';

/** Lost updates: ETag on GET and PATCH, If-Match on PATCH, 412 naming who changed the record (platform/versioning.ts). */
describe.each(TEST_DATABASES)('If-Match / ETag on %s', (kind) => {
  let t: TestApp;
  let rights: TestSession;
  let colleague: TestSession;
  let colleagueName: string;
  let caseId: string;
  let personId: string;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    rights = await t.login('rights');
    // A second rights officer of the district: two people who may both edit the same case.
    colleague = await createAccount(t, 'rights2', 'rights_officer', '示例区妇联');
    colleagueName = '测试rights2';
    const res = await rights.inject({
      method: 'POST',
      url: '/api/cases',
      payload: {
        channel: 'visit',
        receivedDate: '2026-11-27',
        category: 'marriage_family',
        summary: '来访反映家庭纠纷',
        applicant: { name: '来访人', gender: 'female', phone: '13800005678', residenceOrgId: (await unitId(t, '大山村')).id },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    caseId = res.json().id;
    personId = await createPerson(t, { name: '潘会芬', idNumber: womanId(3), residence: '大山村' });
  });
  afterAll(() => t.close());

  const patchCase = (s: TestSession, ifMatch: string | null, payload: Record<string, unknown>) =>
    s.inject({ method: 'PATCH', url: `/api/cases/${caseId}`, headers: ifMatch ? { 'if-match': ifMatch } : {}, payload });
  const summary = async () =>
    (await t.handle.db.selectFrom('cases').select('summary').where('id', '=', caseId).executeTakeFirstOrThrow()).summary;

  it('gives a case an ETag that moves with every change, and refuses a stale edit with 412 naming who changed it', async () => {
    const opened = await rights.inject({ url: `/api/cases/${caseId}` });
    expect(opened.headers.etag).toBe('"1"');
    expect(opened.json().version).toBe(1);
    // Two people opened version 1. The colleague saves first…
    const first = await patchCase(colleague, '"1"', { summary: '同事修改后的摘要' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    expect(first.json().version).toBe(2);
    // …the rights officer's save, made on version 1, would overwrite it: refused, nothing written.
    const stale = await patchCase(rights, '"1"', { summary: '维权干事的摘要' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('PRECONDITION_FAILED');
    // The test clock stands at 2026-11-29 02:00 UTC = 10:00 in Shanghai.
    expect(stale.json().message).toBe(
      `该事项已被${colleagueName}于 2026-11-29 10:00 修改（在您打开之后）。您的修改尚未保存：请重新加载，核对后再改`,
    );
    expect(await summary()).toBe('同事修改后的摘要');
    // Reloaded (version 2), her edit goes through.
    const reloaded = await rights.inject({ url: `/api/cases/${caseId}` });
    expect(reloaded.headers.etag).toBe('"2"');
    expect((await patchCase(rights, reloaded.headers.etag as string, { summary: '维权干事的摘要' })).statusCode).toBe(200);
    expect(await summary()).toBe('维权干事的摘要');
  });

  it('moves the version on changes other than PATCH too (a transition), so an edit made before it is stale', async () => {
    const before = (await rights.inject({ url: `/api/cases/${caseId}` })).json().version;
    const accepted = await rights.inject({ method: 'POST', url: `/api/cases/${caseId}/accept`, payload: { date: '2026-11-28' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().version).toBe(before + 1);
    const unchanged = await summary();
    expect((await patchCase(colleague, `"${before}"`, { summary: '迟到的修改' })).statusCode).toBe(412);
    expect(await summary()).toBe(unchanged);
  });

  it('lets exactly one of two simultaneous edits of the same version through', async () => {
    const v = (await rights.inject({ url: `/api/cases/${caseId}` })).headers.etag as string;
    const [a, b] = await Promise.all([patchCase(rights, v, { summary: '甲的修改' }), patchCase(colleague, v, { summary: '乙的修改' })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
    expect(await summary()).toBe(a.statusCode === 200 ? '甲的修改' : '乙的修改');
  });

  it('refuses a malformed If-Match (400) and applies a PATCH without one, as before', async () => {
    const bad = await patchCase(rights, 'version-3', { summary: '格式错误' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('if-match');
    const plain = await patchCase(rights, null, { summary: '不带 If-Match 的脚本修改' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers.etag).toBe(`"${plain.json().version}"`);
  });

  it('does the same for a person: ETag, 412 with the name of who changed her record, nothing overwritten', async () => {
    const opened = await rights.inject({ url: `/api/people/${personId}` });
    expect(opened.statusCode, opened.body).toBe(200);
    const v = opened.headers.etag as string;
    expect(v).toBe(`"${opened.json().version}"`);
    const first = await colleague.inject({
      method: 'PATCH',
      url: `/api/people/${personId}`,
      headers: { 'if-match': v },
      payload: { ethnicity: '汉族' },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).not.toBe(v);
    const stale = await rights.inject({
      method: 'PATCH',
      url: `/api/people/${personId}`,
      headers: { 'if-match': v },
      payload: { ethnicity: '彝族' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().message).toContain(`该人员档案已被${colleagueName}于 2026-11-29 10:00 修改`);
    expect((await rights.inject({ url: `/api/people/${personId}` })).json().ethnicity).toBe('汉族');
  });
  it('guards relief programmes too: the second of two edits made on one version is refused with 412', async () => {
    const programme = await t.login('programme');
    const created = await programme.inject({
      method: 'POST',
      url: '/api/relief/programmes',
      payload: { code: 'POOR_MOTHER', name: '贫困母亲救助', kind: 'cash', year: 2026, reportTo: [], rules: {} },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const opened = await programme.inject({ url: `/api/relief/programmes/${id}` });
    expect(opened.headers.etag).toBe(`"${opened.json().version}"`);
    const v = opened.headers.etag as string;
    const first = await programme.inject({
      method: 'PATCH',
      url: `/api/relief/programmes/${id}`,
      headers: { 'if-match': v },
      payload: { quota: 5 },
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await programme.inject({
      method: 'PATCH',
      url: `/api/relief/programmes/${id}`,
      headers: { 'if-match': v },
      payload: { quota: 9 },
    });
    expect(second.statusCode).toBe(412);
    expect(second.json().message).toContain('该救助项目已被');
    expect((await programme.inject({ url: `/api/relief/programmes/${id}` })).json().quota).toBe(5);
  });

  // Every other record people edit at the same time: the organisation's units and accounts, associations, cadres,
  // 两纲 indicators, summary templates, activities and training courses. Each is created, edited once on the version
  // it was created at, and then edited again on that same (now stale) version: 412 naming the record, nothing
  // overwritten, and the version (ETag) of the answer is the one a GET gives.
  type Guarded = {
    what: string;
    user: string;
    create: (s: TestSession) => Promise<{ id: string; version: number }>;
    get?: (id: string) => string;
    method: 'PATCH' | 'PUT';
    url: (id: string) => string;
    first: Record<string, unknown>;
    second: Record<string, unknown>;
    read: (s: TestSession, id: string) => Promise<unknown>;
    kept: unknown;
  };
  const root = async () =>
    (await t.handle.db.selectFrom('orgUnits').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id;
  const created = async (res: Promise<{ statusCode: number; body: string; json: () => any }>, pick = (j: any) => j) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(201);
    const j = pick(r.json());
    expect(j.version).toBe(1);
    return { id: j.id as string, version: j.version as number };
  };
  const event = async (over: Record<string, unknown> = {}) => ({
    type: 'childrens_day',
    title: '六一慰问',
    startDate: '2026-06-01',
    ownerOrgId: (await unitId(t, '牛佛镇')).id,
    participantCount: 40,
    resources: [],
    ...over,
  });
  const course = async (over: Record<string, unknown> = {}) => ({
    title: '家政培训班',
    category: 'skills',
    startDate: '2026-05-10',
    ownerOrgId: (await unitId(t, '牛佛镇')).id,
    ...over,
  });
  const GUARDED: Guarded[] = [
    {
      what: '单位',
      user: 'sysadmin',
      create: async (s) =>
        created(
          s.inject({ method: 'POST', url: '/api/org/units', payload: { parentId: await root(), kind: 'department', name: '区测试局' } }),
        ),
      get: (id) => `/api/org/units/${id}`,
      method: 'PATCH',
      url: (id) => `/api/org/units/${id}`,
      first: { name: '区测试局（一）' },
      second: { name: '区测试局（二）' },
      read: async (s, id) => (await s.inject({ url: `/api/org/units/${id}` })).json().name,
      kept: '区测试局（一）',
    },
    {
      what: '账户',
      user: 'sysadmin',
      create: async (s) =>
        created(
          s.inject({
            method: 'POST',
            url: '/api/users',
            payload: { username: 'etagclerk', displayName: '干事甲', orgUnitId: await root() },
          }),
          (j) => j.user,
        ),
      get: (id) => `/api/users/${id}`,
      method: 'PATCH',
      url: (id) => `/api/users/${id}`,
      first: { displayName: '干事乙' },
      second: { displayName: '干事丙' },
      read: async (s, id) => (await s.inject({ url: `/api/users/${id}` })).json().displayName,
      kept: '干事乙',
    },
    {
      what: '协会',
      user: 'organisation',
      create: async (s) =>
        created(
          s.inject({
            method: 'POST',
            url: '/api/associations',
            payload: { ownerOrgId: await root(), name: '女企业家协会', kind: 'women_entrepreneurs' },
          }),
        ),
      get: (id) => `/api/associations/${id}`,
      method: 'PATCH',
      url: (id) => `/api/associations/${id}`,
      first: { contactName: '甲' },
      second: { contactName: '乙' },
      read: async (s, id) => (await s.inject({ url: `/api/associations/${id}` })).json().contactName,
      kept: '甲',
    },
    {
      what: '干部信息',
      user: 'organisation',
      create: async (s) =>
        created(
          s.inject({
            method: 'POST',
            url: '/api/cadres',
            payload: { ownerOrgId: await root(), name: '陈静', gender: 'female', unitName: '区教育局', rank: 'deputy_section' },
          }),
        ),
      method: 'PATCH',
      url: (id) => `/api/cadres/${id}`,
      first: { position: '副局长' },
      second: { position: '局长' },
      read: async (s, id) => (await s.inject({ url: '/api/cadres?pageSize=200' })).json().items.find((c: any) => c.id === id).position,
      kept: '副局长',
    },
    {
      what: '指标',
      user: 'statistician',
      create: async (s) =>
        created(
          s.inject({
            method: 'POST',
            url: '/api/indicators',
            payload: {
              ownerOrgId: await root(),
              code: 'T.ETAG',
              area: 'W_HEALTH',
              name: '测试筛查率',
              unit: 'percent',
              direction: 'gte',
              target: 70,
              responsibleOrgId: await root(),
            },
          }),
        ),
      method: 'PATCH',
      url: (id) => `/api/indicators/${id}`,
      first: { target: 75 },
      second: { target: 80 },
      read: async (s, id) => (await s.inject({ url: '/api/indicators' })).json().find((i: any) => i.id === id).target,
      kept: 75,
    },
    {
      what: '模板',
      user: 'chair',
      create: async (s) => created(s.inject({ method: 'POST', url: '/api/reports/templates', payload: { name: '年度模板' } })),
      get: (id) => `/api/reports/templates/${id}`,
      method: 'PATCH',
      url: (id) => `/api/reports/templates/${id}`,
      first: { name: '年度模板（一）' },
      second: { name: '年度模板（二）' },
      read: async (s, id) => (await s.inject({ url: `/api/reports/templates/${id}` })).json().name,
      kept: '年度模板（一）',
    },
    {
      what: '活动',
      user: 'niufo',
      create: async (s) => created(s.inject({ method: 'POST', url: '/api/activities/events', payload: await event() })),
      get: (id) => `/api/activities/events/${id}`,
      method: 'PUT',
      url: (id) => `/api/activities/events/${id}`,
      first: { title: '六一慰问（一）' },
      second: { title: '六一慰问（二）' },
      read: async (s, id) => (await s.inject({ url: `/api/activities/events/${id}` })).json().title,
      kept: '六一慰问（一）',
    },
    {
      what: '培训班',
      user: 'niufo',
      create: async (s) => created(s.inject({ method: 'POST', url: '/api/activities/courses', payload: await course() })),
      get: (id) => `/api/activities/courses/${id}`,
      method: 'PUT',
      url: (id) => `/api/activities/courses/${id}`,
      first: { title: '家政培训班（一）' },
      second: { title: '家政培训班（二）' },
      read: async (s, id) => (await s.inject({ url: `/api/activities/courses/${id}` })).json().title,
      kept: '家政培训班（一）',
    },
  ];

  it.each(GUARDED.map((g) => [g.what, g] as const))('guards a %s: ETag, If-Match, 412 when stale, nothing overwritten', async (what, g) => {
    const s = await t.login(g.user);
    const { id, version } = await g.create(s);
    if (g.get) expect((await s.inject({ url: g.get(id) })).headers.etag).toBe(`"${version}"`);
    // A PUT replaces the whole record: it is sent with the fields it was created with.
    const body = async (change: Record<string, unknown>) =>
      g.method === 'PUT' ? { ...(what === '活动' ? await event() : await course()), ...change } : change;
    const first = await s.inject({
      method: g.method,
      url: g.url(id),
      headers: { 'if-match': `"${version}"` },
      payload: await body(g.first),
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(version + 1);
    expect(first.headers.etag).toBe(`"${version + 1}"`);
    if (g.get) expect((await s.inject({ url: g.get(id) })).headers.etag).toBe(`"${version + 1}"`);
    const stale = await s.inject({
      method: g.method,
      url: g.url(id),
      headers: { 'if-match': `"${version}"` },
      payload: await body(g.second),
    });
    expect(stale.statusCode, stale.body).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining(`该${what}已被`) });
    expect(await g.read(s, id)).toEqual(g.kept);
    // Without If-Match (a script) the edit applies, as before.
    const plain = await s.inject({ method: g.method, url: g.url(id), payload: await body(g.second) });
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.json().version).toBe(version + 2);
  });
});
