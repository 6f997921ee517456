import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStaffdevDemo } from '../src/modules/staffdev/staffdev.demo.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { createAccount, unitId } from './fixtures.js';
import { computeFact, demoContext, factRecords } from './demo-context.js';
import { importFile, readXlsx, xlsx } from './excel-upload.js';

const NOWHERE = '01890000-0000-7000-8000-000000000000';

async function rows(t: TestApp, table: 'staffMembers' | 'staffTrainings' | 'staffDegrees' | 'staffCertificates') {
  const r = await t.handle.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe.each(TEST_DATABASES)('staff development on %s', (kind) => {
  let t: TestApp;
  let org: TestSession;
  let niufoOrg: TestSession;
  let yonganOrg: TestSession;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp(kind);
    org = await t.login('organisation');
    // Two townships' organisation officers: each keeps her own staff register.
    niufoOrg = await createAccount(t, 'niufo_org', 'organisation_officer', '牛佛镇');
    yonganOrg = await createAccount(t, 'yongan_org', 'organisation_officer', '永安镇');
    ids.root = (await t.handle.db.selectFrom('orgUnits').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id;
    ids.niufo = await unitId(t, '牛佛镇');
    ids.yongan = await unitId(t, '永安镇');
  });
  afterAll(() => t.close());

  const person = {
    name: '黄丽',
    gender: 'female',
    category: 'wcc_office',
    position: '妇儿工委办主任',
    birthYear: 1979,
    education: 'bachelor',
  };

  it('POST /api/staffdev/staff: 401, 400 naming the field, 403 without the permission, 201 with the audit entry', async () => {
    const before = await rows(t, 'staffMembers');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/staffdev/staff', payload: { ...person, ownerOrgId: ids.root } })).statusCode,
    ).toBe(401);
    const bad = await org.inject({
      method: 'POST',
      url: '/api/staffdev/staff',
      payload: { ...person, ownerOrgId: ids.root, category: 'boss' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toEqual({ path: 'category', message: '请选择人员类别' });
    const niufo = await t.login('niufo'); // a township chair holds no staffdev permission
    expect((await niufo.inject({ url: '/api/staffdev/staff' })).statusCode).toBe(403);
    const outside = await niufoOrg.inject({ method: 'POST', url: '/api/staffdev/staff', payload: { ...person, ownerOrgId: ids.root } });
    expect(outside.json().fields[0].path).toBe('ownerOrgId');
    expect(await rows(t, 'staffMembers')).toBe(before);
    const ok = await org.inject({ method: 'POST', url: '/api/staffdev/staff', payload: { ...person, ownerOrgId: ids.root } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      name: '黄丽',
      category: 'wcc_office',
      trainings: 0,
      hours: 0,
      studying: false,
      can: { write: true },
    });
    ids.huang = ok.json().id;
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select(['action', 'entityId'])
      .where('entityType', '=', 'staff_member')
      .execute();
    expect(audit).toEqual([{ action: 'create', entityId: ids.huang }]);
    expect((await org.inject({ url: `/api/staffdev/staff/${NOWHERE}` })).statusCode).toBe(404);
  });

  it('keeps the register of each person: trainings by level with totals, degree studies, certificates', async () => {
    const url = `/api/staffdev/staff/${ids.huang}/trainings`;
    const training = {
      title: '国务院妇儿工委干部培训班',
      organiser: '国务院妇女儿童工作委员会办公室',
      level: 'national',
      startDate: '2026-09-14',
      endDate: '2026-09-19',
      hours: 40,
    };
    expect((await t.app.inject({ method: 'POST', url, payload: training })).statusCode).toBe(401);
    const bad = await org.inject({ method: 'POST', url, payload: { ...training, endDate: '2026-09-01' } });
    expect(bad.json().fields).toEqual([{ path: 'endDate', message: '结束日期不能早于开始日期' }]);
    expect((await niufoOrg.inject({ method: 'POST', url, payload: training })).statusCode).toBe(404);
    expect(await rows(t, 'staffTrainings')).toBe(0);
    await org.inject({ method: 'POST', url, payload: training });
    await org.inject({
      method: 'POST',
      url,
      payload: { title: '全市“两纲”统计监测业务培训', organiser: '市妇儿工委办', level: 'city', startDate: '2026-08-11', hours: 16 },
    });
    const last = await org.inject({
      method: 'POST',
      url,
      payload: { title: '全省妇儿工委办主任培训班', organiser: '省妇儿工委办', level: 'province', startDate: '2025-06-02', hours: 24 },
    });
    expect(last.json().byYear).toEqual([
      {
        year: 2026,
        trainings: 2,
        hours: 56,
        byLevel: [
          { level: 'national', trainings: 1, hours: 40 },
          { level: 'city', trainings: 1, hours: 16 },
        ],
      },
      { year: 2025, trainings: 1, hours: 24, byLevel: [{ level: 'province', trainings: 1, hours: 24 }] },
    ]);
    expect(last.json()).toMatchObject({ trainings: 2, hours: 56 });
    // A record entered by mistake is removed (audited).
    const wrong = last.json().trainingRecords.find((r: { year: number; startDate: string }) => r.startDate === '2025-06-02');
    const removed = await org.inject({ method: 'DELETE', url: `${url}/${wrong.id}` });
    expect(removed.json().byYear.map((y: { year: number }) => y.year)).toEqual([2026]);

    const degree = await org.inject({
      method: 'POST',
      url: `/api/staffdev/staff/${ids.huang}/degrees`,
      payload: {
        degree: 'master',
        school: '四川大学',
        major: '公共管理',
        mode: 'in_service',
        startDate: '2025-09-01',
        status: 'graduated',
      },
    });
    expect(degree.json().fields).toEqual([{ path: 'completedOn', message: '已毕业或退学须填写日期' }]);
    const studying = await org.inject({
      method: 'POST',
      url: `/api/staffdev/staff/${ids.huang}/degrees`,
      payload: { degree: 'master', school: '四川大学', major: '公共管理', mode: 'in_service', startDate: '2025-09-01' },
    });
    expect(studying.json().studying).toBe(true);
    const d = studying.json().degreeRecords[0];
    const early = await org.inject({
      method: 'PUT',
      url: `/api/staffdev/staff/${ids.huang}/degrees/${d.id}`,
      payload: { status: 'graduated', completedOn: '2025-01-01' },
    });
    expect(early.json().fields[0].path).toBe('completedOn');
    const cert = await org.inject({
      method: 'POST',
      url: `/api/staffdev/staff/${ids.huang}/certificates`,
      payload: { name: '社会工作者职业水平证书（中级）', issuer: '人力资源和社会保障部', issuedOn: '2026-06-20' },
    });
    expect(cert.json()).toMatchObject({ certificates: 1, certificateRecords: [{ name: '社会工作者职业水平证书（中级）' }] });
    const actions = await t.handle.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'staff_member')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'create',
      'training.add',
      'training.add',
      'training.add',
      'training.delete',
      'degree.add',
      'certificate.add',
    ]);
  });

  it('counts the figures from the records: 人次, people, hours by level and category, degrees, certificates', async () => {
    expect((await computeFact(t, 'staffdev.trainings')).value).toBe(2);
    expect((await computeFact(t, 'staffdev.trainings', { level: 'national' })).value).toBe(1);
    expect((await computeFact(t, 'staffdev.people', { category: 'wcc_office', level: 'national' })).value).toBe(1);
    expect((await computeFact(t, 'staffdev.people', { category: 'federation' })).value).toBe(0);
    expect((await computeFact(t, 'staffdev.hours')).value).toBe(56);
    expect((await computeFact(t, 'staffdev.degrees')).value).toBe(1);
    expect((await computeFact(t, 'staffdev.degrees', {}, { period: { year: 2024, from: '2024-01-01', to: '2024-12-31' } })).value).toBe(0);
    expect((await computeFact(t, 'staffdev.certificates')).value).toBe(1);
    await expect(computeFact(t, 'staffdev.trainings', { level: 'county' })).rejects.toThrow('未知的培训级别');
    const people = await factRecords(t, 'staffdev.people');
    expect(people.rows).toEqual([{ id: ids.huang, name: '黄丽', category: '妇儿工委办干部', trainings: 2, hours: 56 }]);
  });

  it('keeps two townships apart', async () => {
    const a = await niufoOrg.inject({
      method: 'POST',
      url: '/api/staffdev/staff',
      payload: { ...person, name: '赵秀英', category: 'grassroots', ownerOrgId: ids.niufo },
    });
    const b = await yonganOrg.inject({
      method: 'POST',
      url: '/api/staffdev/staff',
      payload: { ...person, name: '钱玉兰', category: 'grassroots', ownerOrgId: ids.yongan },
    });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect((await niufoOrg.inject({ url: `/api/staffdev/staff/${b.json().id}` })).statusCode).toBe(404);
    expect(
      (await yonganOrg.inject({ method: 'PATCH', url: `/api/staffdev/staff/${a.json().id}`, payload: { position: 'x' } })).statusCode,
    ).toBe(404);
    expect((await niufoOrg.inject({ url: '/api/staffdev/staff' })).json().items.map((x: { name: string }) => x.name)).toEqual(['赵秀英']);
    expect((await org.inject({ url: '/api/staffdev/staff' })).json().total).toBe(3);
    await niufoOrg.inject({
      method: 'POST',
      url: `/api/staffdev/staff/${a.json().id}/trainings`,
      payload: { title: '区委党校基层干部培训班', organiser: '区委党校', level: 'district', startDate: '2026-10-12', hours: 24 },
    });
    expect((await computeFact(t, 'staffdev.hours', {}, { unit: '牛佛镇' })).value).toBe(24);
    expect((await computeFact(t, 'staffdev.hours', {}, { unit: '永安镇' })).value).toBe(0);
  });

  it('imports the register and training records from Excel, all or nothing, and exports them', async () => {
    const STAFF = ['姓名', '性别', '人员类别', '职务', '出生年份', '学历'];
    const ok = await importFile(
      org,
      '/api/staffdev/staff/import',
      await xlsx(STAFF, [
        ['王丽华', '女', '妇联机关干部', '主席', '1972', '大学本科'],
        ['李敏', '女', '妇联机关干部', '权益部部长', '1982', '大学本科'],
      ]),
    );
    expect(ok.job!.status).toBe('succeeded');
    const TRAININGS = ['姓名', '培训名称', '主办单位', '培训级别', '开始日期', '结束日期', '学时', '备注'];
    const before = await rows(t, 'staffTrainings');
    const bad = await importFile(
      org,
      '/api/staffdev/trainings/import',
      await xlsx(TRAININGS, [
        ['李敏', '全省妇联系统维权干部业务培训班', '省妇联', '省级', '2026-04-13', '2026-04-16', '32', ''],
        ['周小红', '领导干部专题培训', '区委组织部', '县级', '2026-11-02', '', '12', ''],
      ]),
    );
    expect(bad.job!.result.errors!.map((e) => e.text)).toEqual(['第3行「培训级别」：应为以下之一：全国、省级、市级、区级、其他']);
    const unknown = await importFile(
      org,
      '/api/staffdev/trainings/import',
      await xlsx(TRAININGS, [['周小红', '领导干部专题培训', '区委组织部', '区级', '2026-11-02', '', '12', '']]),
    );
    expect(unknown.job!.result.errors!.map((e) => e.text)).toEqual(['第2行「姓名」：本单位干部队伍名册中没有此人']);
    expect(await rows(t, 'staffTrainings')).toBe(before);
    const good = await importFile(
      org,
      '/api/staffdev/trainings/import',
      await xlsx(TRAININGS, [['李敏', '全省妇联系统维权干部业务培训班', '省妇联', '省级', '2026-04-13', '2026-04-16', '32', '']]),
    );
    expect(good.job!.status).toBe('succeeded');
    expect((await computeFact(t, 'staffdev.trainings', { level: 'province' })).value).toBe(1);
    const register = await readXlsx(await org.inject({ url: '/api/staffdev/staff/export?year=2026' }));
    expect(register[0]).toEqual([
      '姓名',
      '性别',
      '人员类别',
      '职务',
      '学历',
      '培训次数',
      '培训学时',
      '参加学历教育',
      '取得证书',
      '所在单位',
    ]);
    const li = register.find((r) => r[0] === '李敏')!;
    expect(li.slice(5, 9)).toEqual([1, 32, '否', 0]);
    const records = await readXlsx(await org.inject({ url: '/api/staffdev/trainings/export?year=2026' }));
    expect(records).toHaveLength(5);
  });
});

describe.each(TEST_DATABASES)('staff development: the demo district 2026 on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    await seedStaffdevDemo(await demoContext(t));
  });
  afterAll(() => t.close());

  it('sent staff to 11 trainings at all four levels, and one 妇儿工委办 cadre to the national class', async () => {
    expect((await computeFact(t, 'staffdev.trainings')).value).toBe(11);
    const byLevel = [];
    for (const level of ['national', 'province', 'city', 'district'])
      byLevel.push((await computeFact(t, 'staffdev.trainings', { level })).value);
    expect(byLevel).toEqual([2, 2, 4, 3]);
    expect((await computeFact(t, 'staffdev.people', { category: 'wcc_office', level: 'national' })).value).toBe(1);
    expect((await computeFact(t, 'staffdev.hours')).value).toBe(260);
    expect((await computeFact(t, 'staffdev.degrees')).value).toBe(3);
    expect((await computeFact(t, 'staffdev.certificates')).value).toBe(2);
    expect((await factRecords(t, 'staffdev.trainings')).total).toBe(11);
  });
});
