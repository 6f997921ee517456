import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedChildrenDemo } from '../src/modules/children/children.demo.js';
import { seedFundsDemo } from '../src/modules/funds/funds.demo.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { computeFact, demoContext, factRecords } from './demo-context.js';
import { importFile, readXlsx, xlsx } from './excel-upload.js';
import { unitId } from './fixtures.js';

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid ID number of the demo district (odd sequence = male). */
function idNumber(birth: string, seq: number): string {
  const body = `510399${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * W[i];
  return body + '10X98765432'[sum % 11];
}
const HEADERS = [
  '姓名',
  '身份证号',
  '居住村（社区）',
  '就读学校',
  '年级',
  '留守情形',
  '照料方式',
  '照料人姓名',
  '照料人关系',
  '照料人电话',
  '登记日期',
  '监护人姓名',
  '监护人关系',
  '同意日期',
  '同意方式',
];

describe.each(TEST_DATABASES)('left-behind children on %s', (kind) => {
  let t: TestApp;
  let niufo: TestSession;
  let dongcheng: TestSession;
  let programme: TestSession;
  let stat: TestSession;
  const ids: Record<string, string> = {};
  const count = async (table: 'leftBehindChildren' | 'childConsents' | 'persons') =>
    Number(
      (
        await t.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const child = (over: Record<string, unknown> = {}) => ({
    consent: { guardianName: '王建国', relation: '父亲', consentDate: '2026-03-01', method: 'written' },
    name: '王小明',
    idNumber: idNumber('2016-05-20', 701),
    residenceOrgId: ids.dashan,
    schoolName: '牛佛镇中心学校',
    grade: '四年级',
    situation: 'both_away',
    fatherWorkPlace: '广东省东莞市',
    carerKind: 'grandparents',
    carerName: '王秀兰',
    carerRelation: '祖母',
    carerPhone: '13981330001',
    needs: ['study', 'psychological'],
    registeredOn: '2026-03-15',
    ...over,
  });

  beforeAll(async () => {
    t = await buildTestApp(kind);
    await seedFundsDemo(await demoContext(t));
    niufo = await t.login('niufo');
    dongcheng = await t.login('dongcheng');
    programme = await t.login('programme');
    stat = await t.login('statistician');
    ids.dashan = await unitId(t, '大山村');
    ids.shiqiao = await unitId(t, '石桥村');
    ids.chunhua = await unitId(t, '春华社区');
    ids.niufo = await unitId(t, '牛佛镇');
  });
  afterAll(() => t.close());

  it('POST /api/children: 401, 400 naming the fields, 403 without the permission; the under-14 rule and the age limit write nothing', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/children', payload: child() })).statusCode).toBe(401);
    const bad = await niufo.inject({ method: 'POST', url: '/api/children', payload: child({ situation: 'away', carerKind: 'robot' }) });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['carerKind', 'situation']);
    expect((await (await t.login('organisation')).inject({ method: 'POST', url: '/api/children', payload: child() })).statusCode).toBe(403);
    const persons = await count('persons');
    const noConsent = await niufo.inject({ method: 'POST', url: '/api/children', payload: child({ consent: null }) });
    expect(noConsent.json().fields).toEqual([{ path: 'consent', message: '未满14周岁的儿童，须先记录监护人同意后才能登记其信息' }]);
    const tooOld = await niufo.inject({ method: 'POST', url: '/api/children', payload: child({ idNumber: idNumber('2009-01-10', 703) }) });
    expect(tooOld.json().fields).toEqual([{ path: 'idNumber', message: '留守儿童为不满16周岁的未成年人（该儿童登记时已满17周岁）' }]);
    const outside = await niufo.inject({ method: 'POST', url: '/api/children', payload: child({ residenceOrgId: ids.chunhua }) });
    expect(outside.json().fields).toEqual([{ path: 'residenceOrgId', message: '居住地须为您工作范围内的村（社区）或乡镇（街道）' }]);
    // A school of the tree outside her scope (the district's): refused, its name never comes back (she types it instead).
    const foreignSchool = await niufo.inject({
      method: 'POST',
      url: '/api/children',
      payload: child({ schoolOrgId: await unitId(t, '区实验小学') }),
    });
    expect(foreignSchool.statusCode).toBe(400);
    expect(foreignSchool.json().fields).toEqual([{ path: 'schoolOrgId', message: '学校不存在或不在您的工作范围内' }]);
    expect([await count('leftBehindChildren'), await count('childConsents'), await count('persons')]).toEqual([0, 0, persons]);
  });

  it('registers a child from the person registry, consent first, with audit entries; 409 the second time', async () => {
    const ok = await niufo.inject({ method: 'POST', url: '/api/children', payload: child() });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      name: '王小明',
      detailsVisible: true,
      townshipName: '牛佛镇',
      villageName: '大山村',
      consentRecorded: true,
      carerPhoneMasked: '139****0001',
      needs: ['study', 'psychological'],
      status: 'active',
    });
    ids.child = ok.json().id;
    const person = await t.handle.db
      .selectFrom('persons')
      .select(['tags', 'name'])
      .where('id', '=', ok.json().personId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(person.tags)).toEqual(['留守儿童']);
    const audit = await t.handle.db.selectFrom('auditLog').select('action').where('entityId', '=', ids.child).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['consent.record', 'create']);
    const raw = await t.handle.db
      .selectFrom('leftBehindChildren')
      .select('carerPhoneEnc')
      .where('id', '=', ids.child)
      .executeTakeFirstOrThrow();
    expect(raw.carerPhoneEnc).toMatch(/^enc1:/);
    expect((await niufo.inject({ method: 'POST', url: '/api/children', payload: child() })).statusCode).toBe(409);
  });

  it('shows a minor’s details only with children.minors.read, and audits those reads', async () => {
    const list = (await stat.inject({ url: '/api/children?q=王' })).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      name: '王*明',
      detailsVisible: false,
      age: null,
      schoolName: null,
      carerName: null,
      needs: null,
    });
    const statDetail = (await stat.inject({ url: `/api/children/${ids.child}` })).json();
    expect(statDetail).toMatchObject({ name: '王*明', detailsVisible: false, situation: null });
    const reads = () =>
      t.handle.db
        .selectFrom('auditLog')
        .select('actorName')
        .where('entityId', '=', ids.child)
        .where('action', '=', 'read.sensitive')
        .execute();
    expect(await reads()).toEqual([]);
    const full = (await programme.inject({ url: `/api/children/${ids.child}` })).json();
    expect(full).toMatchObject({ name: '王小明', age: 10, schoolName: '牛佛镇中心学校', carerName: '王秀兰' });
    expect(await reads()).toEqual([{ actorName: 'programme' }]);
    const masked = await readXlsx(await stat.inject({ url: '/api/children/export' }));
    expect(masked[1].slice(0, 6)).toEqual(['王*明', undefined, undefined, '牛佛镇', '大山村', undefined]);
    const revealed = await readXlsx(await programme.inject({ url: '/api/children/export' }));
    expect(revealed[1].slice(0, 2)).toEqual(['王小明', '男']);
  });

  it('keeps townships apart: another township’s child is 404 and her list is empty', async () => {
    expect((await dongcheng.inject({ url: `/api/children/${ids.child}` })).statusCode).toBe(404);
    expect((await dongcheng.inject({ method: 'PATCH', url: `/api/children/${ids.child}`, payload: { grade: '五年级' } })).statusCode).toBe(
      404,
    );
    expect((await dongcheng.inject({ url: '/api/children' })).json().total).toBe(0);
    expect((await computeFact(t, 'children.registered', {}, { unit: '东城街道' })).value).toBe(0);
    expect((await computeFact(t, 'children.registered', {}, { unit: '牛佛镇' })).value).toBe(1);
  });

  it('pairs a 代理妈妈 (one at a time), records visits with encrypted findings', async () => {
    const mother = await niufo.inject({
      method: 'POST',
      url: '/api/children/proxy-mothers',
      payload: { name: '李桂兰', phone: '13981320001', residenceOrgId: ids.shiqiao, unitName: '村妇联执委' },
    });
    expect(mother.statusCode).toBe(201);
    ids.mother = mother.json().id;
    const other = await dongcheng.inject({
      method: 'POST',
      url: '/api/children/proxy-mothers',
      payload: { name: '孙丽', residenceOrgId: ids.chunhua },
    });
    expect((await dongcheng.inject({ url: '/api/children/proxy-mothers' })).json().map((m: { name: string }) => m.name)).toEqual(['孙丽']);
    const wrong = await niufo.inject({
      method: 'POST',
      url: `/api/children/${ids.child}/pairings`,
      payload: { proxyMotherId: other.json().id, startDate: '2026-04-01' },
    });
    expect(wrong.json().fields).toEqual([{ path: 'proxyMotherId', message: '代理妈妈不存在或不在您的工作范围内' }]);
    const paired = await niufo.inject({
      method: 'POST',
      url: `/api/children/${ids.child}/pairings`,
      payload: { proxyMotherId: ids.mother, startDate: '2026-04-01' },
    });
    expect(paired.json()).toMatchObject({ proxyMotherName: '李桂兰' });
    expect(
      (
        await niufo.inject({
          method: 'POST',
          url: `/api/children/${ids.child}/pairings`,
          payload: { proxyMotherId: ids.mother, startDate: '2026-04-02' },
        })
      ).statusCode,
    ).toBe(409);
    const early = await niufo.inject({
      method: 'POST',
      url: `/api/children/${ids.child}/visits`,
      payload: { visitedOn: '2026-03-01', mode: 'home', visitorKind: 'proxy_mother', visitorName: '李桂兰', findings: '情况良好' },
    });
    expect(early.json().fields).toEqual([{ path: 'visitedOn', message: '走访日期不能早于登记日期' }]);
    const visited = await niufo.inject({
      method: 'POST',
      url: `/api/children/${ids.child}/visits`,
      payload: {
        visitedOn: '2026-05-10',
        mode: 'home',
        visitorKind: 'proxy_mother',
        visitorName: '李桂兰',
        findings: '孩子想念父母，已安排视频通话',
        needs: ['psychological'],
      },
    });
    expect(visited.json().visitLog[0]).toMatchObject({ findings: '孩子想念父母，已安排视频通话', needs: ['psychological'] });
    expect((await stat.inject({ url: `/api/children/${ids.child}` })).json().visitLog[0].findings).toBeNull();
    const raw = await t.handle.db.selectFrom('childVisits').select('findingsEnc').executeTakeFirstOrThrow();
    expect(raw.findingsEnc).toMatch(/^enc1:/);
    expect((await computeFact(t, 'children.paired')).value).toBe(1);
    expect((await computeFact(t, 'children.proxyMothers')).value).toBe(1);
    expect((await computeFact(t, 'children.visits')).value).toBe(1);
  });

  it('gives help through the ledger (approved, in scope), reversed only from here; the figures read the ledger', async () => {
    const finance = await t.login('finance');
    const account = (await t.handle.db.selectFrom('fundAccounts').select('id').where('code', '=', 'EVENT_FUND').executeTakeFirstOrThrow())
      .id;
    await finance.inject({
      method: 'POST',
      url: '/api/funds/donations',
      payload: {
        accountId: account,
        source: 'donation',
        donorKind: 'organisation',
        donorName: '区女企业家协会',
        amountFen: 500000,
        donatedOn: '2026-05-20',
      },
    });
    const chair = (await t.handle.db.selectFrom('users').select('id').where('username', '=', 'chair').executeTakeFirstOrThrow()).id;
    const me = (await t.handle.db.selectFrom('users').select('id').where('username', '=', 'programme').executeTakeFirstOrThrow()).id;
    const help = {
      kind: 'study',
      description: '秋季开学助学金',
      accountId: account,
      amountFen: 30000,
      method: 'cash',
      givenOn: '2026-08-28',
      approvedBy: chair,
    };
    const notApprover = await programme.inject({
      method: 'POST',
      url: `/api/children/${ids.child}/help`,
      payload: { ...help, approvedBy: me },
    });
    expect(notApprover.json().fields).toEqual([{ path: 'approvedBy', message: '审批人须为对该账户有拨付审批权限的人员' }]);
    const noAccount = await niufo.inject({ method: 'POST', url: `/api/children/${ids.child}/help`, payload: help });
    expect(noAccount.json().fields).toEqual([{ path: 'accountId', message: '请选择您工作范围内的资金、预算经费或物资账户' }]);
    const given = await programme.inject({ method: 'POST', url: `/api/children/${ids.child}/help`, payload: help });
    expect(given.statusCode).toBe(200);
    expect(given.json().helpGiven[0]).toMatchObject({ amountFen: 30000, givenOn: '2026-08-28', reversed: false, accountName: '活动经费' });
    expect(given.json().helpFen).toBe(30000);
    const d = await t.handle.db
      .selectFrom('fundDisbursements')
      .select(['recipientPersonId', 'sourceKind', 'amountFen'])
      .where('id', '=', given.json().helpGiven[0].disbursementId)
      .executeTakeFirstOrThrow();
    expect(d).toEqual({ recipientPersonId: given.json().personId, sourceKind: 'children_help', amountFen: 30000 });
    expect((await computeFact(t, 'children.help.amount')).value).toBe(30000);
    expect((await computeFact(t, 'children.helped')).value).toBe(1);

    const viaFunds = await finance.inject({
      method: 'POST',
      url: `/api/funds/disbursements/${given.json().helpGiven[0].disbursementId}/reverse`,
      payload: { reason: '错发' },
    });
    expect(viaFunds.statusCode).toBe(409);
    expect(viaFunds.json().message).toBe('该笔拨付是留守儿童帮扶，请在关爱留守儿童页面冲销');
    const reversed = await programme.inject({
      method: 'POST',
      url: `/api/children/${ids.child}/help/${given.json().helpGiven[0].id}/reverse`,
      payload: { reason: '重复发放' },
    });
    expect(reversed.json().helpGiven[0].reversed).toBe(true);
    expect(reversed.json().helpFen).toBe(0);
    expect((await computeFact(t, 'children.help.amount')).value).toBe(0);
    await programme.inject({ method: 'POST', url: `/api/children/${ids.child}/help`, payload: help });
    expect((await factRecords(t, 'children.help.amount')).rows.map((r) => r.amountYuan)).toEqual([300]);
  });

  it('takes a child off the register: her pairing ends the same day; the facts equal their records', async () => {
    const early = await niufo.inject({
      method: 'POST',
      url: `/api/children/${ids.child}/end`,
      payload: { endedOn: '2026-03-01', reason: '父母返乡' },
    });
    expect(early.json().fields).toEqual([{ path: 'endedOn', message: '结束日期不能早于登记日期' }]);
    const ended = await niufo.inject({
      method: 'POST',
      url: `/api/children/${ids.child}/end`,
      payload: { endedOn: '2026-10-01', reason: '父母返乡' },
    });
    expect(ended.json()).toMatchObject({ status: 'ended', endedOn: '2026-10-01', proxyMotherName: null });
    const detail = (await niufo.inject({ url: `/api/children/${ids.child}` })).json();
    expect(detail.pairingHistory[0]).toMatchObject({ endDate: '2026-10-01', endReason: '父母返乡' });
    expect(
      (
        await niufo.inject({
          method: 'POST',
          url: `/api/children/${ids.child}/visits`,
          payload: { visitedOn: '2026-10-10', mode: 'phone', visitorKind: 'federation', visitorName: '赵秀英', findings: 'x' },
        })
      ).statusCode,
    ).toBe(409);
    // On the register during 2026 (it ended in October), not in 2027.
    expect((await computeFact(t, 'children.registered')).value).toBe(1);
    expect((await computeFact(t, 'children.registered', {}, { period: { year: 2027, from: '2027-01-01', to: '2027-12-31' } })).value).toBe(
      0,
    );
    const by = await computeFact(t, 'children.byTownship');
    expect(by.breakdown).toEqual([{ key: ids.niufo, label: '牛佛镇', value: 1 }]);
    for (const name of ['children.registered', 'children.paired', 'children.visits', 'children.helped']) {
      const records = await factRecords(t, name);
      expect(records.total, name).toBe((await computeFact(t, name)).value);
    }
    expect((await factRecords(t, 'children.registered')).rows[0].name).toBe('王*明');
  });

  it('imports the register all or nothing: the consent rule by row, units in scope only', async () => {
    const good = [
      '李小红',
      idNumber('2017-02-03', 702),
      '石桥村',
      '牛佛镇中心学校',
      '三年级',
      '父母均外出务工',
      '祖父母或外祖父母',
      '李德明',
      '祖父',
      '13981330002',
      '2026-03-20',
    ];
    const consent = ['李建国', '父亲', '2026-03-18', '书面同意'];
    const bad = await importFile(
      niufo,
      '/api/children/import',
      await xlsx(HEADERS, [
        [...good, ...consent],
        ['张小丽', idNumber('2018-04-04', 704), '石桥村', '', '', '父母均外出务工', '其他亲属', '', '', '', '2026-03-20', '', '', '', ''],
        ['赵小军', idNumber('2016-06-06', 705), '春华社区', '', '', '父母均外出务工', '其他亲属', '', '', '', '2026-03-20', ...consent],
      ]),
    );
    expect(bad.job!.status).toBe('failed');
    expect(bad.job!.result.errors!.map((e) => e.text)).toEqual([
      '第3行「监护人姓名」：未满14周岁的儿童，须先记录监护人同意后才能登记其信息',
      '第4行「居住村（社区）」：单位不存在或不在您的工作范围内',
    ]);
    expect(await count('leftBehindChildren')).toBe(1);
    const ok = await importFile(niufo, '/api/children/import', await xlsx(HEADERS, [[...good, ...consent]]));
    expect(ok.job!.status).toBe('succeeded');
    expect(await count('leftBehindChildren')).toBe(2);
    expect(await count('childConsents')).toBe(2);
    expect((await niufo.inject({ url: '/api/children/template' })).statusCode).toBe(200);
  });
});

describe.each(TEST_DATABASES)('left-behind children: the demo district 2026 on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    const ctx = await demoContext(t);
    await seedFundsDemo(ctx);
    await seedChildrenDemo(ctx);
  });
  afterAll(() => t.close());

  it('24 children of five townships, 16 paired with 8 代理妈妈, 40 visits, 5800 yuan of help through the ledger', async () => {
    expect((await computeFact(t, 'children.registered')).value).toBe(24);
    const by = await computeFact(t, 'children.byTownship');
    expect(by.breakdown!.map((b) => b.label)).toEqual(['牛佛镇', '永安镇', '仙市镇', '何市镇', '沿滩镇']);
    expect(by.breakdown!.reduce((s, b) => s + b.value, 0)).toBe(24);
    expect((await computeFact(t, 'children.paired')).value).toBe(16);
    expect((await computeFact(t, 'children.proxyMothers')).value).toBe(8);
    expect((await computeFact(t, 'children.visits')).value).toBe(40);
    expect((await computeFact(t, 'children.helped')).value).toBe(16);
    expect((await computeFact(t, 'children.help.amount')).value).toBe(580000);
    const consents = await t.handle.db
      .selectFrom('childConsents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(consents.n)).toBe(21);
  });
});
