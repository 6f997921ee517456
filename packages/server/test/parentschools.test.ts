import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedActivitiesDemo } from '../src/modules/activities/activities.demo.js';
import { seedAssociationsDemo } from '../src/modules/associations/associations.demo.js';
import { seedParentSchoolsDemo } from '../src/modules/parentschools/parentschools.demo.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { computeFact, demoContext, factRecords } from './demo-context.js';
import { importFile, readXlsx, xlsx } from './excel-upload.js';
import { unitId } from './fixtures.js';

const NOWHERE = '01890000-0000-7000-8000-000000000000';
const SITE_HEADERS = ['家长学校名称', '办学类型', '举办单位', '所属妇联', '成立日期', '负责人', '备注'];
const CLASS_HEADERS = ['家长学校', '授课日期', '授课主题', '授课人', '课时', '到课家长人数', '备注'];
const ORDER_HEADERS = ['家长学校', '教材名称', '征订册数', '征订日期', '已收金额（元）', '已付金额（元）', '备注'];

describe.each(TEST_DATABASES)('parent schools on %s', (kind) => {
  let t: TestApp;
  let programme: TestSession;
  let dongcheng: TestSession;
  let niufo: TestSession;
  const ids: Record<string, string> = {};
  const count = async (table: 'parentSchoolSites' | 'parentSchoolClasses' | 'parentSchoolOrders') =>
    Number(
      (
        await t.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audits = (entityId: string) =>
    t.handle.db.selectFrom('auditLog').select(['action', 'entityType', 'orgUnitId']).where('entityId', '=', entityId).execute();

  beforeAll(async () => {
    t = await buildTestApp(kind);
    programme = await t.login('programme');
    dongcheng = await t.login('dongcheng');
    niufo = await t.login('niufo');
    ids.root = await unitId(t, '510399');
    ids.dongcheng = await unitId(t, '东城街道');
    ids.niufo = await unitId(t, '牛佛镇');
    ids.chunhua = await unitId(t, '春华社区');
  });
  afterAll(() => t.close());

  it('POST /api/parentschools/sites: 401, 400 naming the fields, 403 without the permission, 201 with an audit entry, 409 for the same name', async () => {
    const site = {
      ownerOrgId: ids.dongcheng,
      name: '春华社区家长学校',
      kind: 'community',
      hostOrgId: ids.chunhua,
      establishedOn: '2026-03-01',
    };
    expect((await t.app.inject({ method: 'POST', url: '/api/parentschools/sites', payload: site })).statusCode).toBe(401);
    const bad = await dongcheng.inject({
      method: 'POST',
      url: '/api/parentschools/sites',
      payload: { ...site, kind: 'church', hostOrgId: null, establishedOn: '2026-02-30' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['establishedOn', 'kind']);
    const noHost = await dongcheng.inject({ method: 'POST', url: '/api/parentschools/sites', payload: { ...site, hostOrgId: null } });
    expect(noHost.json().fields).toEqual([{ path: 'hostName', message: '请选择或填写举办单位' }]);
    const organisation = await t.login('organisation'); // no parent-school permission
    expect((await organisation.inject({ url: '/api/parentschools/sites' })).statusCode).toBe(403);
    expect((await organisation.inject({ method: 'POST', url: '/api/parentschools/sites', payload: site })).statusCode).toBe(403);
    expect(await count('parentSchoolSites')).toBe(0);

    const ok = await dongcheng.inject({ method: 'POST', url: '/api/parentschools/sites', payload: site });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      name: '春华社区家长学校',
      hostName: '春华社区',
      ownerOrgName: '东城街道',
      classes: 0,
      attendance: 0,
    });
    ids.site = ok.json().id;
    expect(await audits(ids.site)).toEqual([{ action: 'create', entityType: 'parent_school_site', orgUnitId: ids.dongcheng }]);
    const dup = await dongcheng.inject({ method: 'POST', url: '/api/parentschools/sites', payload: site });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().fields).toEqual([{ path: 'name', message: '该单位已有同名家长学校' }]);
    expect(
      (await dongcheng.inject({ method: 'PATCH', url: `/api/parentschools/sites/${NOWHERE}`, payload: { principal: '孙红梅' } }))
        .statusCode,
    ).toBe(404);
  });

  it('keeps two townships apart: a site outside the scope is 404 and cannot be created there; nothing is written', async () => {
    expect((await niufo.inject({ url: `/api/parentschools/sites/${ids.site}` })).statusCode).toBe(404);
    expect(
      (await niufo.inject({ method: 'PATCH', url: `/api/parentschools/sites/${ids.site}`, payload: { principal: 'x' } })).statusCode,
    ).toBe(404);
    expect((await niufo.inject({ url: '/api/parentschools/sites' })).json().total).toBe(0);
    const outside = await niufo.inject({
      method: 'POST',
      url: '/api/parentschools/sites',
      payload: { ownerOrgId: ids.dongcheng, name: '越权家长学校', kind: 'community', hostName: '某社区', establishedOn: '2026-03-01' },
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().fields).toEqual([{ path: 'ownerOrgId', message: '所属妇联不存在或不在您的工作范围内' }]);
    // Hosted by a unit of the tree outside her scope (东城's 春华社区): refused, its name never comes back.
    const foreignHost = await niufo.inject({
      method: 'POST',
      url: '/api/parentschools/sites',
      payload: { ownerOrgId: ids.niufo, name: '越界举办家长学校', kind: 'community', hostOrgId: ids.chunhua, establishedOn: '2026-03-01' },
    });
    expect(foreignHost.statusCode).toBe(400);
    expect(foreignHost.json().fields).toEqual([{ path: 'hostOrgId', message: '举办单位不存在或不在您的工作范围内' }]);
    const niufoSite = await niufo.inject({
      method: 'POST',
      url: '/api/parentschools/sites',
      payload: { ownerOrgId: ids.niufo, name: '大山村家长学校', kind: 'village', hostName: '大山村村委会', establishedOn: '2025-09-01' },
    });
    expect(niufoSite.statusCode).toBe(201);
    ids.niufoSite = niufoSite.json().id;
    expect((await dongcheng.inject({ url: '/api/parentschools/sites' })).json().items.map((s: { name: string }) => s.name)).toEqual([
      '春华社区家长学校',
    ]);
    expect((await programme.inject({ url: '/api/parentschools/sites' })).json().total).toBe(2);
    // A class at the other township's site is refused as a field error, and nothing is written.
    const cls = await dongcheng.inject({
      method: 'POST',
      url: '/api/parentschools/classes',
      payload: { siteId: ids.niufoSite, heldOn: '2026-05-10', topic: '亲子沟通', teacherName: '李老师', hours: 1.5, attendance: 30 },
    });
    expect(cls.json().fields).toEqual([{ path: 'siteId', message: '家长学校不存在或不在您的工作范围内' }]);
    expect(await count('parentSchoolClasses')).toBe(0);
  });

  it('records teachers (phone masked) and classes only while the site is open', async () => {
    const badPhone = await dongcheng.inject({
      method: 'POST',
      url: '/api/parentschools/teachers',
      payload: { ownerOrgId: ids.dongcheng, name: '李红', phone: '138-abc' },
    });
    expect(badPhone.json().fields).toEqual([{ path: 'phone', message: '电话号码格式不正确' }]);
    const teacher = await dongcheng.inject({
      method: 'POST',
      url: '/api/parentschools/teachers',
      payload: { ownerOrgId: ids.dongcheng, name: '李红', title: '家庭教育讲师', phone: '13812345678', siteId: ids.site },
    });
    expect(teacher.statusCode).toBe(201);
    expect(teacher.json()).toMatchObject({ phoneMasked: '138****5678', siteName: '春华社区家长学校', classes: 0 });
    ids.teacher = teacher.json().id;

    const early = await dongcheng.inject({
      method: 'POST',
      url: '/api/parentschools/classes',
      payload: { siteId: ids.site, heldOn: '2026-02-20', topic: '亲子沟通', teacherId: ids.teacher, hours: 1.5, attendance: 30 },
    });
    expect(early.json().fields).toEqual([{ path: 'heldOn', message: '授课日期须在该家长学校开办期间（成立之后、停办之前）' }]);
    const noTeacher = await dongcheng.inject({
      method: 'POST',
      url: '/api/parentschools/classes',
      payload: { siteId: ids.site, heldOn: '2026-05-10', topic: '亲子沟通', hours: 1.5, attendance: 30 },
    });
    expect(noTeacher.json().fields).toEqual([{ path: 'teacherName', message: '请选择或填写授课人' }]);
    const ok = await dongcheng.inject({
      method: 'POST',
      url: '/api/parentschools/classes',
      payload: { siteId: ids.site, heldOn: '2026-05-10', topic: '亲子沟通', teacherId: ids.teacher, hours: 1.5, attendance: 42 },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ source: 'own', teacherName: '李红', attendance: 42, siteName: '春华社区家长学校' });
    expect(await audits(ok.json().id)).toEqual([{ action: 'create', entityType: 'parent_school_class', orgUnitId: ids.dongcheng }]);
    expect((await computeFact(t, 'parentschools.classes')).value).toBe(1);
    expect((await computeFact(t, 'parentschools.attendance')).value).toBe(42);
  });

  it('takes a family-education training session as a class without copying it: its parents are counted once', async () => {
    const course = await programme.inject({
      method: 'POST',
      url: '/api/activities/courses',
      payload: { title: '家长课堂', category: 'family_education', ownerOrgId: ids.dongcheng, startDate: '2026-06-01' },
    });
    const withSession = await programme.inject({
      method: 'POST',
      url: `/api/activities/courses/${course.json().id}/sessions`,
      payload: { topic: '家校共育', sessionDate: '2026-06-06', hours: 2, venue: '春华社区', attendeeMode: 'count', attendeeCount: 120 },
    });
    expect(withSession.statusCode).toBe(201);
    const skills = await programme.inject({
      method: 'POST',
      url: '/api/activities/courses',
      payload: { title: '家政培训', category: 'skills', ownerOrgId: ids.dongcheng, startDate: '2026-06-01' },
    });
    await programme.inject({
      method: 'POST',
      url: `/api/activities/courses/${skills.json().id}/sessions`,
      payload: { topic: '育婴', sessionDate: '2026-06-08', hours: 4, attendeeMode: 'count', attendeeCount: 25 },
    });
    const linkable = (await dongcheng.inject({ url: '/api/parentschools/linkable-sessions?year=2026' })).json();
    expect(linkable.map((s: { topic: string; attendeeCount: number }) => [s.topic, s.attendeeCount])).toEqual([['家校共育', 120]]);
    ids.session = linkable[0].id;
    const skillSession = (
      await t.handle.db.selectFrom('trainingSessions').select('id').where('topic', '=', '育婴').executeTakeFirstOrThrow()
    ).id;
    const wrong = await dongcheng.inject({
      method: 'POST',
      url: '/api/parentschools/classes/link',
      payload: { siteId: ids.site, trainingSessionId: skillSession },
    });
    expect(wrong.json().fields).toEqual([{ path: 'trainingSessionId', message: '只能关联家庭教育类培训的期次' }]);
    expect(
      (
        await niufo.inject({
          method: 'POST',
          url: '/api/parentschools/classes/link',
          payload: { siteId: ids.niufoSite, trainingSessionId: ids.session },
        })
      ).json().fields,
    ).toEqual([{ path: 'trainingSessionId', message: '培训期次不存在或不在您的工作范围内' }]);

    const linked = await dongcheng.inject({
      method: 'POST',
      url: '/api/parentschools/classes/link',
      payload: { siteId: ids.site, trainingSessionId: ids.session },
    });
    expect(linked.statusCode).toBe(201);
    expect(linked.json()).toMatchObject({
      source: 'training',
      heldOn: '2026-06-06',
      topic: '家校共育',
      attendance: 120,
      courseTitle: '家长课堂',
    });
    ids.linkedClass = linked.json().id;
    expect(
      (
        await dongcheng.inject({
          method: 'POST',
          url: '/api/parentschools/classes/link',
          payload: { siteId: ids.site, trainingSessionId: ids.session },
        })
      ).statusCode,
    ).toBe(409);
    expect((await computeFact(t, 'parentschools.attendance')).value).toBe(162);
    expect((await computeFact(t, 'parentschools.attendance', { source: 'training' })).value).toBe(120);

    // The training's attendance is corrected in activities: the parent school's figure follows, there is no copy.
    const fixed = await programme.inject({
      method: 'PUT',
      url: `/api/activities/sessions/${ids.session}`,
      payload: { topic: '家校共育', sessionDate: '2026-06-06', hours: 2, venue: '春华社区', attendeeMode: 'count', attendeeCount: 130 },
    });
    expect(fixed.statusCode).toBe(200);
    expect((await computeFact(t, 'parentschools.attendance', { source: 'training' })).value).toBe(130);
    expect((await computeFact(t, 'activities.training.trainees', { category: 'family_education' })).value).toBe(130);
    expect((await computeFact(t, 'parentschools.classes', { source: 'own' })).value).toBe(1);
    expect((await computeFact(t, 'parentschools.attendance')).value).toBe(172);
    const site = (await dongcheng.inject({ url: `/api/parentschools/sites/${ids.site}?year=2026` })).json();
    expect(site).toMatchObject({ classes: 2, attendance: 172 });
    const records = await factRecords(t, 'parentschools.attendance');
    expect(records.rows.reduce((s, r) => s + Number(r.attendance), 0)).toBe(172);
    expect(records.total).toBe(2);
    expect((await dongcheng.inject({ url: '/api/parentschools/sites/x' })).statusCode, 'a malformed id is a 400, never a 500').toBe(400);
  });

  it('deletes a class with its audit entry (a linked session becomes linkable again)', async () => {
    expect((await niufo.inject({ method: 'DELETE', url: `/api/parentschools/classes/${ids.linkedClass}` })).statusCode).toBe(404);
    const del = await dongcheng.inject({ method: 'DELETE', url: `/api/parentschools/classes/${ids.linkedClass}` });
    expect(del.json()).toEqual({ ok: true });
    expect((await audits(ids.linkedClass)).map((a) => a.action)).toEqual(['link', 'delete']);
    expect((await dongcheng.inject({ url: '/api/parentschools/linkable-sessions?year=2026' })).json()).toHaveLength(1);
    expect((await computeFact(t, 'parentschools.attendance')).value).toBe(42);
  });

  it('closes a site: it no longer counts after the closing day', async () => {
    expect((await computeFact(t, 'parentschools.sites')).value).toBe(2);
    const bad = await niufo.inject({
      method: 'PATCH',
      url: `/api/parentschools/sites/${ids.niufoSite}`,
      payload: { closedOn: '2025-01-01' },
    });
    expect(bad.json().fields).toEqual([{ path: 'closedOn', message: '停办日期不能早于成立日期' }]);
    const closed = await niufo.inject({
      method: 'PATCH',
      url: `/api/parentschools/sites/${ids.niufoSite}`,
      payload: { closedOn: '2026-06-30' },
    });
    expect(closed.json().closedOn).toBe('2026-06-30');
    expect((await computeFact(t, 'parentschools.sites')).value).toBe(1);
    expect((await computeFact(t, 'parentschools.sites', {}, { period: { year: 2026, from: '2026-01-01', to: '2026-06-29' } })).value).toBe(
      2,
    );
    const records = await factRecords(t, 'parentschools.sites');
    expect(records.rows.map((r) => r.name)).toEqual(['春华社区家长学校']);
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select('detail')
      .where('entityId', '=', ids.niufoSite)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toEqual({ changes: { closedOn: [null, '2026-06-30'] } });
  });

  it('runs the yearly textbook order: money within what is due, copies within those ordered, one line per site and title', async () => {
    const book = await programme.inject({
      method: 'POST',
      url: '/api/parentschools/textbooks',
      payload: { title: '家庭教育读本（小学版）', publisher: '四川教育出版社', unitPriceFen: 1500 },
    });
    expect(book.statusCode).toBe(201);
    ids.book = book.json().id;
    expect(
      (
        await programme.inject({
          method: 'POST',
          url: '/api/parentschools/textbooks',
          payload: { title: '家庭教育读本（小学版）', unitPriceFen: 1 },
        })
      ).statusCode,
    ).toBe(409);
    const order = { year: 2026, siteId: ids.site, textbookId: ids.book, quantity: 60, orderedOn: '2026-03-10' };
    const tooMuch = await dongcheng.inject({
      method: 'POST',
      url: '/api/parentschools/orders',
      payload: { ...order, collectedFen: 90001 },
    });
    expect(tooMuch.json().fields).toEqual([{ path: 'collectedFen', message: '已收金额不能超过应收金额（册数×单价）' }]);
    expect(await count('parentSchoolOrders')).toBe(0);
    const ok = await dongcheng.inject({ method: 'POST', url: '/api/parentschools/orders', payload: { ...order, collectedFen: 45000 } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ amountFen: 90000, collectedFen: 45000, outstandingFen: 45000, status: 'ordered' });
    ids.order = ok.json().id;
    expect((await dongcheng.inject({ method: 'POST', url: '/api/parentschools/orders', payload: order })).statusCode).toBe(409);
    expect(
      (await niufo.inject({ method: 'PATCH', url: `/api/parentschools/orders/${ids.order}`, payload: { paidFen: 1 } })).statusCode,
    ).toBe(404);
    const over = await dongcheng.inject({
      method: 'PATCH',
      url: `/api/parentschools/orders/${ids.order}`,
      payload: { deliveredQty: 61, deliveredOn: '2026-04-01' },
    });
    expect(over.json().fields).toEqual([{ path: 'deliveredQty', message: '到货册数不能超过征订册数' }]);
    const part = await dongcheng.inject({
      method: 'PATCH',
      url: `/api/parentschools/orders/${ids.order}`,
      payload: { deliveredQty: 30, deliveredOn: '2026-04-01', paidFen: 45000 },
    });
    expect(part.json()).toMatchObject({ status: 'partly_delivered', paidFen: 45000 });
    const totals = (await programme.inject({ url: '/api/parentschools/orders/totals?year=2026' })).json();
    expect(totals).toEqual({
      year: 2026,
      orders: 1,
      quantity: 60,
      amountFen: 90000,
      collectedFen: 45000,
      paidFen: 45000,
      deliveredQty: 30,
      collectionRate: 50,
    });
    expect((await computeFact(t, 'parentschools.textbooks')).value).toBe(60);
    expect((await computeFact(t, 'parentschools.textbooks.due')).value).toBe(90000);
    expect((await computeFact(t, 'parentschools.textbooks.collected')).value).toBe(45000);
    expect((await computeFact(t, 'parentschools.textbooks', {}, { unit: '牛佛镇' })).value).toBe(0);
    expect((await factRecords(t, 'parentschools.textbooks')).total).toBe(1);
  });

  it('imports sites, classes and an order sheet all or nothing, with errors by row and column, and exports them', async () => {
    const badSites = await importFile(
      dongcheng,
      '/api/parentschools/sites/import',
      await xlsx(SITE_HEADERS, [
        ['东兴社区家长学校', '社区', '东兴社区居委会', '', '2026-03-01', '', ''],
        ['永安村家长学校', '村', '永红村', '永安镇', '2026-03-01', '', ''],
        ['春华社区家长学校', '社区', '春华社区', '东城街道', '2026-03-01', '', ''],
      ]),
    );
    expect(badSites.job!.status).toBe('failed');
    expect(badSites.job!.result.errors!.map((e) => e.text)).toEqual(['第3行「所属妇联」：单位不存在或不在您的工作范围内']);
    const dupSites = await importFile(
      dongcheng,
      '/api/parentschools/sites/import',
      await xlsx(SITE_HEADERS, [
        ['东兴社区家长学校', '社区', '东兴社区居委会', '', '2026-03-01', '', ''],
        ['春华社区家长学校', '社区', '春华社区', '东城街道', '2026-03-01', '', ''],
      ]),
    );
    expect(dupSites.job!.result.errors!.map((e) => e.text)).toEqual(['第3行「家长学校名称」：该单位已有同名家长学校']);
    expect((await dongcheng.inject({ url: '/api/parentschools/sites' })).json().total).toBe(1);
    const goodSites = await importFile(
      dongcheng,
      '/api/parentschools/sites/import',
      await xlsx(SITE_HEADERS, [['东兴社区家长学校', '社区', '东兴社区居委会', '', '2026-03-01', '陈春梅', '']]),
    );
    expect(goodSites.job!.status).toBe('succeeded');

    const badClasses = await importFile(
      dongcheng,
      '/api/parentschools/classes/import',
      await xlsx(CLASS_HEADERS, [
        ['东兴社区家长学校', '2026-05-20', '好习惯', '王老师', '1.5', '35', ''],
        ['大山村家长学校', '2026-05-20', '好习惯', '王老师', '1.25', '35', ''],
      ]),
    );
    expect(badClasses.job!.result.errors!.map((e) => e.text)).toEqual([
      '第3行「家长学校」：家长学校不存在或不在您的工作范围内',
      '第3行「课时」：应为0.5至24之间、以0.5为单位的数',
    ]);
    const goodClasses = await importFile(
      dongcheng,
      '/api/parentschools/classes/import',
      await xlsx(CLASS_HEADERS, [['东兴社区家长学校', '2026-05-20', '好习惯', '王老师', '1.5', '35', '']]),
    );
    expect(goodClasses.job!.status).toBe('succeeded');
    expect((await computeFact(t, 'parentschools.attendance', {}, { unit: '东城街道' })).value).toBe(77);

    const badOrders = await importFile(
      dongcheng,
      '/api/parentschools/orders/import?year=2026',
      await xlsx(ORDER_HEADERS, [
        ['东兴社区家长学校', '家庭教育读本（小学版）', '40', '2026-03-12', '600', '0', ''],
        ['东兴社区家长学校', '不存在的教材', '40', '2026-03-12', '0', '0', ''],
      ]),
    );
    expect(badOrders.job!.result.errors!.map((e) => e.text)).toEqual(['第3行「教材名称」：教材目录中没有该教材']);
    expect((await computeFact(t, 'parentschools.textbooks')).value).toBe(60);
    const goodOrders = await importFile(
      dongcheng,
      '/api/parentschools/orders/import?year=2026',
      await xlsx(ORDER_HEADERS, [['东兴社区家长学校', '家庭教育读本（小学版）', '40', '2026-03-12', '600', '0', '']]),
    );
    expect(goodOrders.job!.status).toBe('succeeded');
    expect((await computeFact(t, 'parentschools.textbooks')).value).toBe(100);

    const sites = await readXlsx(await dongcheng.inject({ url: '/api/parentschools/sites/export?year=2026' }));
    expect(sites[0]).toEqual([
      '家长学校名称',
      '办学类型',
      '举办单位',
      '所属妇联',
      '成立日期',
      '停办日期',
      '负责人',
      '本年授课次数',
      '本年参训家长人次',
    ]);
    expect(sites.slice(1).map((r) => [r[0], r[7], r[8]])).toEqual([
      ['春华社区家长学校', 1, 42],
      ['东兴社区家长学校', 1, 35],
    ]);
    const orders = await readXlsx(await dongcheng.inject({ url: '/api/parentschools/orders/export?year=2026' }));
    expect(orders).toHaveLength(3);
    const exported = await t.handle.db.selectFrom('auditLog').select('detail').where('action', '=', 'export').execute();
    expect(exported.map((e) => JSON.parse(e.detail!).kind).sort()).toEqual(['parentschools.orders', 'parentschools.sites']);
  });
});

describe.each(TEST_DATABASES)('parent schools: the demo district 2026 on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    const ctx = await demoContext(t);
    await seedAssociationsDemo(ctx);
    await seedActivitiesDemo(ctx);
    await seedParentSchoolsDemo(ctx);
  });
  afterAll(() => t.close());

  it('12 open sites; the three 家庭教育培训班 sessions are classes of theirs with the same 500-odd parents, counted once', async () => {
    expect((await computeFact(t, 'parentschools.sites')).value).toBe(12);
    expect((await computeFact(t, 'parentschools.classes', { source: 'training' })).value).toBe(3);
    const training = (await computeFact(t, 'parentschools.attendance', { source: 'training' })).value!;
    expect(training).toBe((await computeFact(t, 'activities.training.trainees', { category: 'family_education' })).value);
    expect(training).toBeGreaterThan(500);
    expect(training).toBeLessThan(600);
    const all = await computeFact(t, 'parentschools.attendance');
    const own = await computeFact(t, 'parentschools.attendance', { source: 'own' });
    expect(all.value).toBe(training + own.value!);
    expect((await computeFact(t, 'parentschools.classes')).value).toBe(27);
    for (const name of ['parentschools.sites', 'parentschools.classes', 'parentschools.textbooks']) {
      const value = (await computeFact(t, name)).value;
      const records = await factRecords(t, name);
      if (name === 'parentschools.textbooks') expect(records.rows.reduce((s, r) => s + Number(r.quantity), 0)).toBe(value);
      else expect(records.total).toBe(value);
    }
    const due = (await computeFact(t, 'parentschools.textbooks.due')).value!;
    const collected = (await computeFact(t, 'parentschools.textbooks.collected')).value!;
    expect(collected).toBeLessThan(due);
  });
});
