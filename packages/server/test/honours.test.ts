import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNominationRules } from '@jinguo/domain';
import { seedHonoursDemo } from '../src/modules/honours/honours.demo.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { computeFact, demoContext, factRecords } from './demo-context.js';
import { importFile, readXlsx, xlsx } from './excel-upload.js';

describe('honours rules (domain.md §4), pure', () => {
  const post = {
    code: 'WOMEN_CIVILIZED_POST',
    name: '巾帼文明岗',
    rules: { lowerLevelYears: 2, minWomenPercent: 50, requireFemaleLeader: true },
  };
  const ok = { level: 'city' as const, nominatedOn: '2026-03-20', womenCount: 30, memberCount: 50, leaderFemale: true };
  const district = (awardedOn: string) => ({
    campaignCode: 'WOMEN_CIVILIZED_POST',
    campaignName: '巾帼文明岗',
    level: 'district' as const,
    awardedOn,
    status: 'active' as const,
  });

  it('accepts a post that held the district title two full years', () => {
    expect(checkNominationRules(post, ok, [district('2024-03-20')])).toEqual([]);
  });
  it('refuses one day short of two years, and says from when it may apply', () => {
    expect(checkNominationRules(post, ok, [district('2024-03-21')])).toEqual([
      '取得区级巾帼文明岗称号（2024年3月21日）未满2年，2026年3月21日后方可申报市级',
    ]);
  });
  it('names every unmet condition at once', () => {
    expect(checkNominationRules(post, { ...ok, womenCount: 20, memberCount: 50, leaderFemale: false }, [])).toEqual([
      '须先取得区级巾帼文明岗称号满2年，才能申报市级',
      '女职工占比40%，低于50%',
      '岗长（负责人）须为女性',
    ]);
  });
  it('does not count a revoked lower title, and refuses a level already held', () => {
    expect(checkNominationRules(post, ok, [{ ...district('2020-01-01'), status: 'revoked' }])[0]).toBe(
      '须先取得区级巾帼文明岗称号满2年，才能申报市级',
    );
    expect(checkNominationRules(post, ok, [district('2020-01-01'), { ...district('2022-01-01'), level: 'city' }])[0]).toBe(
      '已持有市级巾帼文明岗称号，不能再申报市级',
    );
  });
  it('requires the prerequisite title for national 五好家庭 only', () => {
    const five = {
      code: 'FIVE_GOOD_FAMILY',
      name: '五好文明家庭',
      rules: { prerequisite: { campaign: 'MOST_BEAUTIFUL_FAMILY', minLevel: 'province' as const, forLevels: ['national' as const] } },
    };
    const names = { MOST_BEAUTIFUL_FAMILY: '最美家庭' };
    expect(checkNominationRules(five, { level: 'national', nominatedOn: '2026-05-01' }, [], names)).toEqual([
      '申报全国须已获得省级及以上最美家庭称号',
    ]);
    expect(checkNominationRules(five, { level: 'district', nominatedOn: '2026-05-01' }, [], names)).toEqual([]);
    const beautiful = {
      campaignCode: 'MOST_BEAUTIFUL_FAMILY',
      campaignName: '最美家庭',
      level: 'province' as const,
      awardedOn: '2025-01-01',
      status: 'active' as const,
    };
    expect(checkNominationRules(five, { level: 'national', nominatedOn: '2026-05-01' }, [beautiful], names)).toEqual([]);
  });
});

describe.each(TEST_DATABASES)('honours on %s', (kind) => {
  let t: TestApp;
  let programme: TestSession;
  let niufo: TestSession;
  let dongcheng: TestSession;
  const ids: Record<string, string> = {};
  const campaign = async (code: string) =>
    (await t.handle.db.selectFrom('honourCampaigns').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    programme = await t.login('programme');
    niufo = await t.login('niufo');
    dongcheng = await t.login('dongcheng');
    ids.root = (await t.handle.db.selectFrom('orgUnits').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id;
    ids.niufo = (await t.handle.db.selectFrom('orgUnits').select('id').where('name', '=', '牛佛镇').executeTakeFirstOrThrow()).id;
    ids.post = await campaign('WOMEN_CIVILIZED_POST');
    ids.banner = await campaign('MARCH8_RED_BANNER');
  });
  afterAll(() => t.close());

  it('lists the seeded campaigns with their codes and rules', async () => {
    expect((await t.app.inject({ url: '/api/honours/campaigns' })).statusCode).toBe(401);
    const list = (await programme.inject({ url: '/api/honours/campaigns' })).json();
    expect(list.map((c: { code: string }) => c.code)).toEqual([
      'WOMEN_CIVILIZED_POST',
      'FIVE_GOOD_FAMILY',
      'LEARNING_FAMILY',
      'GOOD_PARENT',
      'INTEGRITY_FAMILY',
      'MOST_BEAUTIFUL_FAMILY',
      'MARCH8_RED_BANNER',
    ]);
    expect(list[0]).toMatchObject({
      name: '巾帼文明岗',
      holderKind: 'unit',
      noticeDays: 5,
      rules: { lowerLevelYears: 2, minWomenPercent: 50 },
    });
    // Configurable, by the district only.
    expect(
      (await niufo.inject({ method: 'PATCH', url: `/api/honours/campaigns/${ids.post}`, payload: { noticeDays: 7 } })).statusCode,
    ).toBe(403);
    expect(
      (await programme.inject({ method: 'PATCH', url: `/api/honours/campaigns/${ids.post}`, payload: { noticeDays: 0 } })).statusCode,
    ).toBe(400);
    expect(
      (await programme.inject({ method: 'PATCH', url: `/api/honours/campaigns/${ids.post}`, payload: { noticeDays: 5 } })).json()
        .noticeDays,
    ).toBe(5);
  });

  it('refuses a nomination that breaks the rules, with every reason', async () => {
    const res = await programme.inject({
      method: 'POST',
      url: '/api/honours/nominations',
      payload: {
        campaignId: ids.post,
        level: 'city',
        year: 2026,
        ownerOrgId: ids.root,
        holderName: '示例商贸公司',
        womenCount: 10,
        memberCount: 40,
        leaderFemale: false,
        nominatedOn: '2026-03-20',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([
      { path: 'rules', message: '须先取得区级巾帼文明岗称号满2年，才能申报市级' },
      { path: 'rules', message: '女职工占比25%，低于50%' },
      { path: 'rules', message: '岗长（负责人）须为女性' },
    ]);
    const male = await programme.inject({
      method: 'POST',
      url: '/api/honours/nominations',
      payload: {
        campaignId: ids.banner,
        level: 'district',
        year: 2026,
        ownerOrgId: ids.root,
        holderName: '张伟',
        holderGender: 'male',
        nominatedOn: '2026-02-20',
      },
    });
    expect(male.json().fields).toEqual([{ path: 'rules', message: '三八红旗手的表彰对象须为女性' }]);
    const counts = await programme.inject({
      method: 'POST',
      url: '/api/honours/nominations',
      payload: {
        campaignId: ids.post,
        level: 'district',
        year: 2026,
        ownerOrgId: ids.root,
        holderName: 'x',
        womenCount: 50,
        memberCount: 40,
        nominatedOn: '2026-02-20',
      },
    });
    expect(counts.json().fields[0]).toEqual({ path: 'womenCount', message: '女职工人数不能多于职工总人数' });
  });

  it('takes a township nomination through both reviews, 公示 with an objection answered, and the award', async () => {
    const nominate = {
      campaignId: ids.post,
      level: 'district',
      year: 2026,
      ownerOrgId: ids.niufo,
      holderName: '牛佛镇卫生院妇产科',
      womenCount: 14,
      memberCount: 16,
      leaderFemale: true,
      nominatedOn: '2026-03-02',
    };
    expect((await t.app.inject({ method: 'POST', url: '/api/honours/nominations', payload: nominate })).statusCode).toBe(401);
    const created = await niufo.inject({ method: 'POST', url: '/api/honours/nominations', payload: nominate });
    expect(created.statusCode).toBe(201);
    const n = created.json();
    ids.nomination = n.id;
    expect(n).toMatchObject({ status: 'in_review', reviewOrgName: '牛佛镇', actions: ['review', 'withdraw'] });
    expect((await niufo.inject({ method: 'POST', url: '/api/honours/nominations', payload: nominate })).statusCode).toBe(409);
    expect((await dongcheng.inject({ url: `/api/honours/nominations/${n.id}` })).statusCode).toBe(404);

    // 牛佛镇 reviews first; a reject needs a reason.
    expect(
      (await niufo.inject({ method: 'POST', url: `/api/honours/nominations/${n.id}/review`, payload: { decision: 'reject' } })).json()
        .fields[0].path,
    ).toBe('comment');
    const first = (
      await niufo.inject({
        method: 'POST',
        url: `/api/honours/nominations/${n.id}/review`,
        payload: { decision: 'approve', comment: '同意上报' },
      })
    ).json();
    expect(first).toMatchObject({ status: 'in_review', reviewOrgName: '示例区妇联', actions: ['withdraw'] });
    // The township cannot take the district's step.
    expect(
      (await niufo.inject({ method: 'POST', url: `/api/honours/nominations/${n.id}/review`, payload: { decision: 'approve' } })).statusCode,
    ).toBe(403);
    const second = (
      await programme.inject({ method: 'POST', url: `/api/honours/nominations/${n.id}/review`, payload: { decision: 'approve' } })
    ).json();
    expect(second.status).toBe('approved');
    expect(second.reviews.map((r: { reviewerOrgName: string }) => r.reviewerOrgName)).toEqual(['牛佛镇', '示例区妇联']);

    const notice = (
      await programme.inject({ method: 'POST', url: `/api/honours/nominations/${n.id}/notice`, payload: { noticeStart: '2026-03-10' } })
    ).json();
    expect(notice).toMatchObject({ status: 'publicised', noticeStart: '2026-03-10', noticeEnd: '2026-03-14' });
    const late = await programme.inject({
      method: 'POST',
      url: `/api/honours/nominations/${n.id}/objections`,
      payload: { receivedOn: '2026-03-15', content: '群众反映' },
    });
    expect(late.json().fields[0]).toEqual({ path: 'receivedOn', message: '异议须在公示期内（2026年3月10日至2026年3月14日）提出' });
    const withObjection = (
      await programme.inject({
        method: 'POST',
        url: `/api/honours/nominations/${n.id}/objections`,
        payload: { receivedOn: '2026-03-12', objector: '匿名', content: '女职工人数有误' },
      })
    ).json();
    const objectionId = withObjection.objections[0].id;
    const tooEarly = await programme.inject({
      method: 'POST',
      url: `/api/honours/nominations/${n.id}/award`,
      payload: { awardedOn: '2026-03-20' },
    });
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().message).toBe('还有1条异议未答复');
    await programme.inject({
      method: 'POST',
      url: `/api/honours/nominations/${n.id}/objections/${objectionId}/answer`,
      payload: { answer: '经核实，人数属实', answeredOn: '2026-03-13', upheld: false },
    });
    const inNotice = await programme.inject({
      method: 'POST',
      url: `/api/honours/nominations/${n.id}/award`,
      payload: { awardedOn: '2026-03-14' },
    });
    expect(inNotice.json().fields[0]).toEqual({ path: 'awardedOn', message: '公示期至2026年3月14日，期满后方可授予' });
    const done = (
      await programme.inject({
        method: 'POST',
        url: `/api/honours/nominations/${n.id}/award`,
        payload: { awardedOn: '2026-03-20', certificateNo: '区巾岗〔2026〕1号' },
      })
    ).json();
    expect(done.status).toBe('awarded');
    const awards = (await programme.inject({ url: `/api/honours/awards?campaignId=${ids.post}` })).json();
    expect(awards.items[0]).toMatchObject({
      holderName: '牛佛镇卫生院妇产科',
      level: 'district',
      status: 'active',
      nextReviewDue: '2029-03-20',
    });
    ids.award = awards.items[0].id;
    const exported = await readXlsx(await programme.inject({ url: `/api/honours/nominations/export?campaignId=${ids.post}` }));
    expect(exported[1].slice(0, 5)).toEqual(['2026-03-02', '巾帼文明岗', '区级', 2026, '牛佛镇卫生院妇产科']);
    expect((await readXlsx(await dongcheng.inject({ url: '/api/honours/nominations/export' }))).length).toBe(1);
    const audit = await t.handle.db.selectFrom('auditLog').select('action').where('entityId', '=', n.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'create',
      'review.approve',
      'review.approve',
      'notice.start',
      'objection.record',
      'objection.answer',
      'award',
    ]);
  });

  it('ends a nomination when an objection is upheld', async () => {
    const n = (
      await programme.inject({
        method: 'POST',
        url: '/api/honours/nominations',
        payload: {
          campaignId: ids.banner,
          level: 'district',
          year: 2026,
          ownerOrgId: ids.root,
          holderName: '李秀英',
          holderGender: 'female',
          nominatedOn: '2026-02-01',
        },
      })
    ).json();
    await programme.inject({ method: 'POST', url: `/api/honours/nominations/${n.id}/review`, payload: { decision: 'approve' } });
    await programme.inject({ method: 'POST', url: `/api/honours/nominations/${n.id}/notice`, payload: { noticeStart: '2026-02-10' } });
    const o = (
      await programme.inject({
        method: 'POST',
        url: `/api/honours/nominations/${n.id}/objections`,
        payload: { receivedOn: '2026-02-11', content: '事迹不实' },
      })
    ).json().objections[0];
    const after = (
      await programme.inject({
        method: 'POST',
        url: `/api/honours/nominations/${n.id}/objections/${o.id}/answer`,
        payload: { answer: '经核实，部分事迹不实', answeredOn: '2026-02-12', upheld: true },
      })
    ).json();
    expect(after).toMatchObject({ status: 'rejected', decisionReason: '公示期间异议经核实成立：经核实，部分事迹不实' });
  });

  it('revokes at re-review; a revoked title no longer counts, and the standing shows it', async () => {
    const before = (await programme.inject({ url: `/api/honours/campaigns/${ids.post}/standing?asOf=2026-12-31` })).json();
    expect(before.byLevel.find((l: { level: string }) => l.level === 'district').holders).toBe(1);
    expect(
      (
        await programme.inject({
          method: 'POST',
          url: `/api/honours/awards/${ids.award}/reexamine`,
          payload: { reviewedOn: '2026-10-01', result: 'fail' },
        })
      ).statusCode,
    ).toBe(400);
    const revoked = (
      await programme.inject({
        method: 'POST',
        url: `/api/honours/awards/${ids.award}/reexamine`,
        payload: { reviewedOn: '2026-10-01', result: 'fail', note: '女职工已不足半数' },
      })
    ).json();
    expect(revoked).toMatchObject({ status: 'revoked', revokedOn: '2026-10-01', revokeReason: '复审不合格：女职工已不足半数' });
    const after = (await programme.inject({ url: `/api/honours/campaigns/${ids.post}/standing?asOf=2026-12-31` })).json();
    expect(after.total).toBe(0);
    // Before the revocation date it was still held.
    expect(
      (
        await computeFact(
          t,
          'honours.held',
          { campaign: 'WOMEN_CIVILIZED_POST' },
          { period: { year: 2026, from: '2026-01-01', to: '2026-09-30' } },
        )
      ).value,
    ).toBe(1);
    expect((await computeFact(t, 'honours.held', { campaign: 'WOMEN_CIVILIZED_POST' })).value).toBe(0);
  });

  it('imports awards and pledges from Excel, refusing a duplicate certificate with its row', async () => {
    const headers = ['称号', '级别', '年度', '授予日期', '证书编号', '获奖对象', '对象所在单位（系统内）', '登记单位'];
    const bad = await importFile(
      programme,
      '/api/honours/awards/import',
      await xlsx(headers, [
        ['巾帼文明岗', '市级', '2021', '2021-03-08', 'A-1', '区统计局', '区统计局', '示例区妇联'],
        ['巾帼文明岗', '市级', '2021', '2021-03-08', 'A-1', '区审计局', '区审计局', '示例区妇联'],
        ['巾帼文明岗', '县级', '2021', '2020-03-08', '', '区档案馆', '', '示例区妇联'],
      ]),
    );
    expect(bad.job!.result.errors!.map((e) => e.text)).toEqual([
      '第3行「证书编号」：与第2行证书编号重复',
      '第4行「级别」：应为以下之一：区级、市级、省级、全国',
    ]);
    const good = await importFile(
      programme,
      '/api/honours/awards/import',
      await xlsx(headers, [['巾帼文明岗', '区级', '2021', '2021-03-08', 'A-1', '区统计局', '区统计局', '示例区妇联']]),
    );
    expect(good.job!.status).toBe('succeeded');
    const pledge = await importFile(
      programme,
      '/api/honours/pledges/import',
      await xlsx(
        ['承诺类别', '签订人', '职务', '工作单位', '签订日期', '组织单位'],
        [['廉洁家庭', '王建国', '局长', '区教育局', '2026-07-01', '示例区妇联']],
      ),
    );
    expect(pledge.job!.status).toBe('succeeded');
    expect((await computeFact(t, 'honours.pledges', { campaign: 'INTEGRITY_FAMILY' })).value).toBe(1);
    const rows = await readXlsx(await programme.inject({ url: '/api/honours/pledges/export' }));
    expect(rows[1].slice(0, 5)).toEqual(['廉洁家庭', '王建国', '局长', '区教育局', '2026-07-01']);
  });
});

describe.each(TEST_DATABASES)('honours: the demo district 2026 on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    await seedHonoursDemo(await demoContext(t));
  });
  afterAll(() => t.close());
  const f = async (name: string, params: Record<string, string>) => computeFact(t, name, params);

  it('巾帼文明岗: 1 national, 1 province, 9 city, 10 district held; 4 city titles this year', async () => {
    const byLevel = await f('honours.held.byLevel', { campaign: 'WOMEN_CIVILIZED_POST' });
    expect(byLevel.breakdown).toEqual([
      { key: 'national', label: '全国', value: 1 },
      { key: 'province', label: '省级', value: 1 },
      { key: 'city', label: '市级', value: 9 },
      { key: 'district', label: '区级', value: 10 },
    ]);
    expect((await f('honours.held', { campaign: 'WOMEN_CIVILIZED_POST', level: 'city' })).value).toBe(9);
    expect((await f('honours.awarded', { campaign: 'WOMEN_CIVILIZED_POST', level: 'city' })).value).toBe(4);
    const held = await factRecords(t, 'honours.held', { campaign: 'WOMEN_CIVILIZED_POST', level: 'national' });
    expect(held.rows.map((r) => r.holderName)).toEqual(['区妇幼保健院']);
  });

  it('好家长, pledges', async () => {
    expect((await f('honours.awarded', { campaign: 'GOOD_PARENT', level: 'city' })).value).toBe(10);
    expect((await f('honours.pledges', { campaign: 'INTEGRITY_FAMILY' })).value).toBe(86);
  });

  it('refuses an unknown level instead of counting nothing', async () => {
    await expect(f('honours.held', { campaign: 'WOMEN_CIVILIZED_POST', level: 'county' })).rejects.toMatchObject({ statusCode: 400 });
  });
});
