import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedActivitiesDemo } from '../src/modules/activities/activities.demo.js';
import { seedAssociationsDemo } from '../src/modules/associations/associations.demo.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { computeFact, demoContext, factRecords } from './demo-context.js';
import { importFile, readXlsx, xlsx } from './excel-upload.js';

describe.each(TEST_DATABASES)('associations on %s', (kind) => {
  let t: TestApp;
  let org: TestSession;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp(kind);
    org = await t.login('organisation');
    ids.root = (await t.handle.db.selectFrom('orgUnits').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  it('creates an association (401, 400, 201, 409) and keeps its members with joined and left dates', async () => {
    const a = { ownerOrgId: ids.root, name: '女企业家协会', kind: 'women_entrepreneurs', foundedOn: '2008-03-08' };
    expect((await t.app.inject({ method: 'POST', url: '/api/associations', payload: a })).statusCode).toBe(401);
    expect((await org.inject({ method: 'POST', url: '/api/associations', payload: { ...a, kind: 'club' } })).json().fields[0].path).toBe(
      'kind',
    );
    const created = await org.inject({ method: 'POST', url: '/api/associations', payload: a });
    expect(created.statusCode).toBe(201);
    ids.a = created.json().id;
    expect((await org.inject({ method: 'POST', url: '/api/associations', payload: a })).statusCode).toBe(409);
    expect((await (await t.login('finance')).inject({ url: `/api/associations/${ids.a}` })).statusCode).toBe(403);

    const left = await org.inject({
      method: 'POST',
      url: `/api/associations/${ids.a}/members`,
      payload: { memberKind: 'person', name: '周丽', role: '会长', joinedOn: '2020-01-01', leftOn: '2019-01-01' },
    });
    expect(left.json().fields[0]).toEqual({ path: 'leftOn', message: '退出日期不能早于加入日期' });
    await org.inject({
      method: 'POST',
      url: `/api/associations/${ids.a}/members`,
      payload: { memberKind: 'person', name: '周丽', role: '会长', joinedOn: '2020-01-01' },
    });
    await org.inject({
      method: 'POST',
      url: `/api/associations/${ids.a}/members`,
      payload: { memberKind: 'organisation', name: '盛源商贸有限公司', role: '单位会员', joinedOn: '2021-01-01', leftOn: '2026-06-30' },
    });
    const current = (await org.inject({ url: `/api/associations/${ids.a}/members?current=true` })).json();
    expect(current.items.map((m: { name: string }) => m.name)).toEqual(['周丽']);
    expect((await org.inject({ url: `/api/associations/${ids.a}` })).json().members).toBe(1);
    // At the end of 2025 both were members; at the end of 2026 one.
    expect((await computeFact(t, 'associations.members', {}, { period: { year: 2025, from: '2025-01-01', to: '2025-12-31' } })).value).toBe(
      2,
    );
    expect((await computeFact(t, 'associations.members')).value).toBe(1);
  });

  it('imports members from Excel and exports the list', async () => {
    const headers = ['会员类型', '会员名称', '工作单位', '职务', '加入日期', '退出日期', '备注'];
    const bad = await importFile(
      org,
      `/api/associations/${ids.a}/members/import`,
      await xlsx(headers, [['个人会员', '何静', '', '', '2026-13-01', '', '']]),
    );
    expect(bad.job!.result.errors!.map((e) => e.text)).toEqual(['第2行「职务」：不能为空', '第2行「加入日期」：不是有效日期']);
    const ok = await importFile(
      org,
      `/api/associations/${ids.a}/members/import`,
      await xlsx(headers, [['个人会员', '何静', '金穗农业', '理事', '2026-03-08', '', '']]),
    );
    expect(ok.job!.result).toMatchObject({ created: 1 });
    const rows = await readXlsx(await org.inject({ url: `/api/associations/${ids.a}/members/export?current=true` }));
    expect(rows.map((r) => r[1])).toEqual(['会员名称', '周丽', '何静']);
  });

  it('links events to the association as its activities', async () => {
    const programme = await t.login('programme');
    const e = await programme.inject({
      method: 'POST',
      url: '/api/activities/events',
      payload: {
        type: 'lecture',
        title: '企业经营管理讲座',
        startDate: '2026-09-18',
        ownerOrgId: ids.root,
        associationId: ids.a,
        participantCount: 80,
      },
    });
    expect(e.json()).toMatchObject({ associationName: '女企业家协会' });
    expect((await org.inject({ url: `/api/associations/${ids.a}` })).json().activitiesThisYear).toBe(1);
    expect((await computeFact(t, 'associations.activities')).value).toBe(1);
  });
});

describe.each(TEST_DATABASES)('associations: the demo district 2026 on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    const ctx = await demoContext(t);
    await seedAssociationsDemo(ctx);
    await seedActivitiesDemo(ctx);
  });
  afterAll(() => t.close());

  it('four quarterly platform activities and the members at the year end', async () => {
    expect((await computeFact(t, 'associations.activities')).value).toBe(4);
    const rec = await factRecords(t, 'associations.activities');
    expect(rec.rows.map((r) => r.startDate)).toEqual(['2026-03-06', '2026-05-20', '2026-09-18', '2026-11-20']);
    // 女企业家协会 18 persons (one left in June) + 6 companies; 巾帼之友协会 16 persons (one left).
    expect((await computeFact(t, 'associations.members')).value).toBe(38);
  });
});
