import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCadresDemo } from '../src/modules/cadres/cadres.demo.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { computeFact, demoContext, factRecords } from './demo-context.js';
import { importFile, readXlsx, xlsx } from './excel-upload.js';

const MEMBER_HEADERS = ['姓名', '性别', '单位', '职务', '职级', '上挂或下派', '挂职单位'];

describe.each(TEST_DATABASES)('cadres on %s', (kind) => {
  let t: TestApp;
  let org: TestSession;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp(kind);
    org = await t.login('organisation');
    ids.root = (await t.handle.db.selectFrom('orgUnits').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  it('POST /api/cadres: 401, 400, 403, 201, 409 for the same name in the same unit', async () => {
    const cadre = {
      ownerOrgId: ids.root,
      name: '陈静',
      gender: 'female',
      unitName: '区教育局',
      position: '副局长',
      rank: 'deputy_section',
    };
    expect((await t.app.inject({ method: 'POST', url: '/api/cadres', payload: cadre })).statusCode).toBe(401);
    const bad = await org.inject({ method: 'POST', url: '/api/cadres', payload: { ...cadre, rank: 'general', birthYear: 1800 } });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['birthYear', 'rank']);
    const niufo = await t.login('niufo'); // a township chair has no cadres permission
    expect((await niufo.inject({ url: '/api/cadres' })).statusCode).toBe(403);
    const ok = await org.inject({ method: 'POST', url: '/api/cadres', payload: cadre });
    expect(ok.statusCode).toBe(201);
    ids.chen = ok.json().id;
    expect((await org.inject({ method: 'POST', url: '/api/cadres', payload: cadre })).statusCode).toBe(409);
    expect(
      (await org.inject({ method: 'PATCH', url: '/api/cadres/01890000-0000-7000-8000-000000000000', payload: { position: 'x' } }))
        .statusCode,
    ).toBe(404);
  });

  it('runs a rotation: members from the roster and from Excel, the women share computed from the rows', async () => {
    const r = await org.inject({
      method: 'POST',
      url: '/api/cadres/rotations',
      payload: { ownerOrgId: ids.root, title: '2026年上挂下派', startDate: '2026-03-01', endDate: '2026-02-01' },
    });
    expect(r.json().fields[0]).toEqual({ path: 'endDate', message: '结束日期不能早于开始日期' });
    const created = (
      await org.inject({
        method: 'POST',
        url: '/api/cadres/rotations',
        payload: { ownerOrgId: ids.root, title: '2026年上挂下派', startDate: '2026-03-01' },
      })
    ).json();
    ids.rotation = created.id;
    const added = (
      await org.inject({
        method: 'POST',
        url: `/api/cadres/rotations/${ids.rotation}/members`,
        payload: { cadreId: ids.chen, direction: 'down', hostUnit: '牛佛镇人民政府' },
      })
    ).json();
    expect(added).toMatchObject({ total: 1, women: 1, womenShare: 100 });
    expect(
      (
        await org.inject({
          method: 'POST',
          url: `/api/cadres/rotations/${ids.rotation}/members`,
          payload: { cadreId: ids.chen, direction: 'up' },
        })
      ).statusCode,
    ).toBe(409);

    const bad = await importFile(
      org,
      `/api/cadres/rotations/${ids.rotation}/members/import`,
      await xlsx(MEMBER_HEADERS, [
        ['陈静', '男', '区教育局', '副局长', '副科级', '下派', ''],
        ['王伟', '男', '区财政局', '科员', '科员及以下', '外派', ''],
      ]),
    );
    expect(bad.job!.status).toBe('failed');
    expect(bad.job!.result.errors!.map((e) => e.text)).toEqual(['第3行「上挂或下派」：应为以下之一：上挂、下派']);
    const rows = [
      ['王伟', '男', '区财政局', '科员', '科员及以下', '下派', '永安镇人民政府'],
      ['李娟', '女', '区民政局', '副科长', '副科级', '上挂', '市民政局'],
    ];
    const ok = await importFile(org, `/api/cadres/rotations/${ids.rotation}/members/import`, await xlsx(MEMBER_HEADERS, rows));
    expect(ok.job!.status).toBe('succeeded');
    const detail = (await org.inject({ url: `/api/cadres/rotations/${ids.rotation}` })).json();
    expect(detail).toMatchObject({ total: 3, women: 2, womenShare: 66.67 });
    // A gender that disagrees with the roster is refused in the commit, and nothing is written.
    const wrong = await importFile(
      org,
      `/api/cadres/rotations/${ids.rotation}/members/import`,
      await xlsx(MEMBER_HEADERS, [['陈静', '男', '区教育局', '副局长', '副科级', '下派', '']]),
    );
    expect(wrong.job!.result.errors!.map((e) => e.text)).toEqual(['第2行「性别」：与花名册不一致（花名册为女）']);
    expect((await org.inject({ url: `/api/cadres/rotations/${ids.rotation}` })).json().total).toBe(3);

    expect((await computeFact(t, 'cadres.rotation.total')).value).toBe(3);
    expect((await computeFact(t, 'cadres.rotation.women')).value).toBe(2);
    expect(await computeFact(t, 'cadres.rotation.womenShare')).toEqual({ value: 66.67, numerator: 2, denominator: 3 });
    const exported = await readXlsx(await org.inject({ url: `/api/cadres/rotations/${ids.rotation}/members/export` }));
    expect(exported).toHaveLength(4);
  });

  it('analyses the roster by rank and records 推优 with status changes', async () => {
    const a = (await org.inject({ url: '/api/cadres/analysis' })).json();
    expect(a).toMatchObject({ total: 3, women: 2, womenShare: 66.67 });
    const rec = await org.inject({
      method: 'POST',
      url: '/api/cadres/recommendations',
      payload: { ownerOrgId: ids.root, candidateName: '刘芳', unitName: '春华社区', recommendedOn: '2026-06-20' },
    });
    expect(rec.statusCode).toBe(201);
    const early = await org.inject({
      method: 'PUT',
      url: `/api/cadres/recommendations/${rec.json().id}/status`,
      payload: { status: 'activist', statusDate: '2026-06-01' },
    });
    expect(early.json().fields[0]).toEqual({ path: 'statusDate', message: '日期不能早于推荐日期' });
    const done = await org.inject({
      method: 'PUT',
      url: `/api/cadres/recommendations/${rec.json().id}/status`,
      payload: { status: 'activist', statusDate: '2026-09-01' },
    });
    expect(done.json()).toMatchObject({ status: 'activist', statusDate: '2026-09-01' });
    expect((await computeFact(t, 'cadres.recommendations')).value).toBe(1);
    expect(
      (await computeFact(t, 'cadres.rotation.womenShare', {}, { period: { year: 2025, from: '2025-01-01', to: '2025-12-31' } })).value,
    ).toBeNull();
  });
});

describe.each(TEST_DATABASES)('cadres: the demo district 2026 on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    await seedCadresDemo(await demoContext(t));
  });
  afterAll(() => t.close());

  it('17 women among 48 rotated cadres = 35.42%, and 12 women recommended', async () => {
    expect((await computeFact(t, 'cadres.rotation.total')).value).toBe(48);
    expect((await computeFact(t, 'cadres.rotation.women')).value).toBe(17);
    expect(await computeFact(t, 'cadres.rotation.womenShare')).toEqual({ value: 35.42, numerator: 17, denominator: 48 });
    expect((await computeFact(t, 'cadres.recommendations')).value).toBe(12);
    const women = await factRecords(t, 'cadres.rotation.women');
    expect(women.total).toBe(17);
    expect(new Set(women.rows.map((r) => r.gender))).toEqual(new Set(['女']));
  });
});
