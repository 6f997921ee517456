import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CadreAnalysis } from '@jinguo/domain';
import { seedCadresDemo } from '../src/modules/cadres/cadres.demo.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { createAccount, unitId } from './fixtures.js';
import { computeFact, demoContext, factRecords } from './demo-context.js';
import { importFile, xlsx } from './excel-upload.js';

/** The text of each paragraph of a .docx's document.xml (runs joined). */
function paragraphsOf(xml: string): string[] {
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map((p) =>
    [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
  );
}
const year = (y: number) => ({ period: { year: y, from: `${y}-01-01`, to: `${y}-12-31` } });

describe.each(TEST_DATABASES)('the women-cadre analysis on %s', (kind) => {
  let t: TestApp;
  let org: TestSession;
  let niufoOrg: TestSession;
  let yonganOrg: TestSession;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp(kind);
    org = await t.login('organisation');
    niufoOrg = await createAccount(t, 'niufo_org', 'organisation_officer', '牛佛镇');
    yonganOrg = await createAccount(t, 'yongan_org', 'organisation_officer', '永安镇');
    ids.root = (await t.handle.db.selectFrom('orgUnits').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id;
    ids.niufo = await unitId(t, '牛佛镇');
    ids.yongan = await unitId(t, '永安镇');
  });
  afterAll(() => t.close());

  const cadre = (name: string, over: Record<string, unknown>) => ({
    ownerOrgId: ids.root,
    name,
    gender: 'female',
    unitName: '区教育局',
    rank: 'section_chief',
    birthYear: 1980,
    ...over,
  });
  async function add(s: TestSession, name: string, over: Record<string, unknown>) {
    const res = await s.inject({ method: 'POST', url: '/api/cadres', payload: cadre(name, over) });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().id as string;
  }

  it('records the new roster fields, and a cadre taken off the roster leaves it on a date', async () => {
    const bad = await org.inject({
      method: 'POST',
      url: '/api/cadres',
      payload: cadre('陈静', { postLevel: 'boss', servingSince: '2026-02-30' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['postLevel', 'servingSince']);
    ids.chen = await add(org, '陈静', {
      postLevel: 'chief',
      education: 'postgraduate',
      unitCategory: 'government',
      servingSince: '2021-03-01',
      reserve: false,
    });
    await add(org, '王伟', {
      gender: 'male',
      postLevel: 'chief',
      education: 'bachelor',
      unitCategory: 'government',
      servingSince: '2019-06-01',
    });
    await add(org, '刘强', {
      gender: 'male',
      rank: 'county',
      postLevel: 'deputy',
      education: 'bachelor',
      unitCategory: 'party',
      servingSince: '2018-01-01',
    });
    ids.li = await add(org, '李娟', {
      rank: 'deputy_section',
      postLevel: 'deputy',
      education: 'bachelor',
      unitCategory: 'township',
      unitName: '牛佛镇人民政府',
      birthYear: 1994,
      servingSince: '2025-04-01',
      reserve: true,
    });
    ids.zhou = await add(org, '周明', { gender: 'male', rank: 'staff', birthYear: 1996, servingSince: '2024-09-01', reserve: true });
    // 周明 left the roster in 2025; 刘强 leaves today (the test clock: 2026-11-29).
    const left = await org.inject({ method: 'PATCH', url: `/api/cadres/${ids.zhou}`, payload: { active: false, leftOn: '2025-10-31' } });
    expect(left.json()).toMatchObject({ active: false, leftOn: '2025-10-31' });
    const before = await org.inject({ method: 'PATCH', url: `/api/cadres/${ids.zhou}`, payload: { leftOn: '2020-01-01' } });
    expect(before.json().fields).toEqual([{ path: 'leftOn', message: '离开日期不能早于任职日期' }]);
    const liu = (await org.inject({ url: '/api/cadres?q=刘强' })).json().items[0];
    const gone = await org.inject({ method: 'PATCH', url: `/api/cadres/${liu.id}`, payload: { active: false } });
    expect(gone.json().leftOn).toBe('2026-11-29');
  });

  it('GET /api/cadres/analysis: 401, 400 naming the year, 404 for a unit outside the scope, the breakdowns and the years', async () => {
    expect((await t.app.inject({ url: '/api/cadres/analysis' })).statusCode).toBe(401);
    const bad = await org.inject({ url: '/api/cadres/analysis?year=1990' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('year');
    expect((await niufoOrg.inject({ url: `/api/cadres/analysis?org=${ids.root}` })).statusCode).toBe(404);
    expect((await niufoOrg.inject({ url: '/api/cadres/analysis?org=510399' })).statusCode).toBe(404);

    const a: CadreAnalysis = (await org.inject({ url: '/api/cadres/analysis?year=2026' })).json();
    // On 31 December 2026: 陈静, 王伟, 李娟 (刘强 left on 29 November, 周明 in 2025).
    expect(a).toMatchObject({ year: 2026, asOf: '2026-12-31', total: 3, women: 2, womenShare: 66.67 });
    const dim = (d: string) =>
      Object.fromEntries(a.dimensions.find((x) => x.dimension === d)!.rows.map((r) => [r.key, [r.total, r.women]]));
    expect(dim('postLevel')).toEqual({ chief: [2, 1], deputy: [1, 1], non_leading: [0, 0] });
    expect(dim('ageBand')).toEqual({ to35: [1, 1], from36to45: [0, 0], from46to54: [2, 1], from55: [0, 0] });
    expect(dim('unitCategory')).toMatchObject({ government: [2, 1], township: [1, 1], party: [0, 0] });
    expect(a.units.map((u) => [u.label, u.total, u.women])).toEqual([
      ['区教育局', 2, 1],
      ['牛佛镇人民政府', 1, 1],
    ]);
    expect(a.trend).toEqual([
      { year: 2022, total: 3, women: 1, womenShare: 33.33 },
      { year: 2023, total: 3, women: 1, womenShare: 33.33 },
      { year: 2024, total: 4, women: 1, womenShare: 25 },
      { year: 2025, total: 4, women: 2, womenShare: 50 },
      { year: 2026, total: 3, women: 2, womenShare: 66.67 },
    ]);
    expect(a.reserve).toMatchObject({ total: 1, women: 1, womenShare: 100 });
    // Every figure is the fact with the same parameters: its drill-down lists the cadres behind it.
    for (const d of a.dimensions)
      for (const r of d.rows) {
        expect((await computeFact(t, 'cadres.roster.women', r.fact.params, year(2026))).value, `${d.dimension}=${r.key}`).toBe(r.women);
        expect((await computeFact(t, 'cadres.roster.total', r.fact.params, year(2026))).value, `${d.dimension}=${r.key}`).toBe(r.total);
      }
    for (const p of a.trend) expect((await computeFact(t, 'cadres.roster.womenShare', {}, year(p.year))).value).toBe(p.womenShare);
    const women = await factRecords(t, 'cadres.roster.women', { postLevel: 'chief' });
    expect(women.rows.map((r) => r.name)).toEqual(['陈静']);
    await expect(computeFact(t, 'cadres.roster.total', { rank: 'general' })).rejects.toThrow('未知的职级');
  });

  it('sets targets and states the gaps: 401, 400 naming the key, 404 outside the scope, 201, delete', async () => {
    const target = { ownerOrgId: ids.root, label: '正职干部中女干部比例', dimension: 'postLevel', key: 'chief', targetShare: 60 };
    expect((await t.app.inject({ method: 'POST', url: '/api/cadres/targets', payload: target })).statusCode).toBe(401);
    const noKey = await org.inject({ method: 'POST', url: '/api/cadres/targets', payload: { ...target, key: null } });
    expect(noKey.json().fields[0]).toEqual({ path: 'key', message: '请选择分项（正职、副职、非领导职务）' });
    const tooFine = await org.inject({ method: 'POST', url: '/api/cadres/targets', payload: { ...target, targetShare: 33.333 } });
    expect(tooFine.json().fields[0].path).toBe('targetShare');
    const outside = await niufoOrg.inject({ method: 'POST', url: '/api/cadres/targets', payload: target });
    expect(outside.json().fields[0].path).toBe('ownerOrgId');
    const created = await org.inject({ method: 'POST', url: '/api/cadres/targets', payload: target });
    expect(created.statusCode).toBe(201);
    await org.inject({
      method: 'POST',
      url: '/api/cadres/targets',
      payload: { ownerOrgId: ids.root, label: '女干部占比', dimension: 'overall', targetShare: 30 },
    });
    const a: CadreAnalysis = (await org.inject({ url: '/api/cadres/analysis?year=2026' })).json();
    expect(a.targets.map((x) => [x.label, x.targetShare, x.actual, x.gap, x.met])).toEqual([
      ['正职干部中女干部比例', 60, 50, -10, false],
      ['女干部占比', 30, 66.67, 36.67, true],
    ]);
    expect((await niufoOrg.inject({ method: 'DELETE', url: `/api/cadres/targets/${created.json().id}` })).statusCode).toBe(404);
    expect((await org.inject({ method: 'DELETE', url: `/api/cadres/targets/${created.json().id}` })).json()).toEqual({ ok: true });
    expect((await org.inject({ url: '/api/cadres/targets' })).json().map((x: { label: string }) => x.label)).toEqual(['女干部占比']);
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'cadre_target')
      .orderBy('seq')
      .execute();
    expect(audit.map((x) => x.action)).toEqual(['create', 'create', 'delete']);
  });

  it('writes the analysis report as a 公文 .docx with tables and Word charts; the download is audited', async () => {
    expect((await t.app.inject({ url: '/api/cadres/analysis/report?year=2026' })).statusCode).toBe(401);
    const res = await org.inject({ url: '/api/cadres/analysis/report?year=2026' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(String(res.headers['content-disposition'])).toContain(
      encodeURIComponent('示例区妇联关于选拔任用女干部的分析报告（2026年）.docx'),
    );
    const zip = await JSZip.loadAsync(res.rawPayload);
    const text = paragraphsOf(await zip.file('word/document.xml')!.async('string'));
    expect(text[0]).toBe('示例区妇联关于选拔任用女干部的分析报告');
    expect(text).toContain(
      '截至2026年12月31日，在册干部3名，其中女干部2名，占66.67%。与2025年末相比，女干部人数持平，占比提高16.67个百分点。',
    );
    expect(text).toContain('正职干部2名，其中女干部1名，占50.00%；副职干部1名，其中女干部1名，占100.00%。');
    expect(text).toContain('对照1项女干部比例目标，均已达到。');
    expect(text).toContain('在册后备干部1名，其中女性1名，占100.00%。2026年由妇联组织推优0名。');
    // Native Word charts: one per breakdown with cadres, and the years.
    const charts = Object.keys(zip.files).filter((f) => /^word\/charts\/chart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(6);
    expect(await zip.file(charts[0])!.async('string')).toContain('女干部占比');
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select(['action', 'detail'])
      .where('entityType', '=', 'cadre_analysis')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].action).toBe('export');
  });

  it('analyses each township on its own roster', async () => {
    await add(niufoOrg, '赵秀英', { ownerOrgId: ids.niufo, unitName: '牛佛镇人民政府', unitCategory: 'township' });
    await add(yonganOrg, '钱伟', { ownerOrgId: ids.yongan, gender: 'male', unitName: '永安镇人民政府' });
    expect((await niufoOrg.inject({ url: '/api/cadres/analysis?year=2026' })).json()).toMatchObject({
      total: 1,
      women: 1,
      org: { id: ids.niufo },
    });
    expect((await yonganOrg.inject({ url: '/api/cadres/analysis?year=2026' })).json()).toMatchObject({ total: 1, women: 0 });
    expect((await org.inject({ url: '/api/cadres/analysis?year=2026&org=510399100' })).json()).toMatchObject({
      total: 1,
      org: { name: '牛佛镇' },
    });
    expect((await org.inject({ url: `/api/cadres/analysis?year=2026&org=${ids.niufo}` })).json()).toMatchObject({
      total: 1,
      org: { name: '牛佛镇' },
    });
    expect((await org.inject({ url: '/api/cadres/analysis?year=2026' })).json().total).toBe(5);
  });

  it('imports the new roster columns from Excel', async () => {
    const headers = ['姓名', '性别', '单位', '职务', '职级', '学历', '领导职务', '单位类别', '任现职时间', '是否后备干部'];
    const bad = await importFile(
      org,
      '/api/cadres/import',
      await xlsx(headers, [['孙红梅', '女', '区财政局', '副局长', '副科级', '大学本科', '副手', '政府部门', '2023-05-01', '是']]),
    );
    expect(bad.job!.result.errors!.map((e) => e.text)).toEqual(['第2行「领导职务」：应为以下之一：正职、副职、非领导职务']);
    const ok = await importFile(
      org,
      '/api/cadres/import',
      await xlsx(headers, [['孙红梅', '女', '区财政局', '副局长', '副科级', '大学本科', '副职', '政府部门', '2023-05-01', '是']]),
    );
    expect(ok.job!.status).toBe('succeeded');
    const sun = (await org.inject({ url: '/api/cadres?q=孙红梅' })).json().items[0];
    expect(sun).toMatchObject({
      education: 'bachelor',
      postLevel: 'deputy',
      unitCategory: 'government',
      servingSince: '2023-05-01',
      reserve: true,
    });
  });
});

describe.each(TEST_DATABASES)('the women-cadre analysis of the demo district on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    await seedCadresDemo(await demoContext(t));
  });
  afterAll(() => t.close());

  it('states the roster, its growth since 2022, the reserve pool and the gaps against the district targets', async () => {
    const chair = await t.login('chair');
    const a: CadreAnalysis = (await chair.inject({ url: '/api/cadres/analysis?year=2026' })).json();
    expect(a).toMatchObject({ total: 177, women: 50, womenShare: 28.25 });
    expect(a.trend.map((x) => x.womenShare)).toEqual([20.14, 20.67, 23.46, 27.01, 28.25]);
    expect(a.reserve).toMatchObject({ total: 26, women: 4 });
    expect(a.recommendations.total).toBe(12);
    expect(a.targets.map((x) => [x.label, x.met])).toEqual([
      ['女干部占干部总数的比例', false],
      ['县处级干部中女干部比例', true],
      ['正职干部中女干部比例', false],
      ['后备干部中女干部比例', false],
    ]);
    // The rotation figures of the reference summary are unchanged by the roster's new history.
    expect((await computeFact(t, 'cadres.rotation.womenShare')).value).toBe(35.42);
    expect((await factRecords(t, 'cadres.roster.women')).total).toBe(50);
  });
});
