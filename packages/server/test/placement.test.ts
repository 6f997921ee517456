import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidCreditCode, maskIdNumber } from '@jinguo/domain';
import { makeIdNumber } from '../src/platform/demo.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { computeFact, factRecords } from './demo-context.js';
import { importFile, readXlsx, xlsx } from './excel-upload.js';
import { unitId } from './fixtures.js';

/** A valid 统一社会信用代码 from its first 17 characters. */
function creditCode(base17: string): string {
  for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY') if (isValidCreditCode(base17 + c)) return base17 + c;
  throw new Error('no check character');
}
const idNo = (birth: string, seq: number) => makeIdNumber('510399', birth, seq, true);
/** The same code with a wrong check character. */
const broken = (valid: string) => valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
const NOWHERE = '01890000-0000-7000-8000-000000000000';

async function count(
  t: TestApp,
  table: 'placementEmployers' | 'placementSeekers' | 'placementReferrals' | 'persons' | 'placementExportMembers',
) {
  const r = await t.handle.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
async function auditActions(t: TestApp, entityType: string) {
  const rows = await t.handle.db.selectFrom('auditLog').select(['action']).where('entityType', '=', entityType).orderBy('seq').execute();
  return rows.map((r) => r.action);
}

describe.each(TEST_DATABASES)('placement (职介 and 劳务输出) on %s', (kind) => {
  let t: TestApp;
  let prog: TestSession;
  let niufo: TestSession;
  let dongcheng: TestSession;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp(kind);
    prog = await t.login('programme');
    niufo = await t.login('niufo');
    dongcheng = await t.login('dongcheng');
    ids.root = (await t.handle.db.selectFrom('orgUnits').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id;
    for (const name of ['牛佛镇', '东城街道', '大山村', '石桥村', '东兴社区', '永安镇']) ids[name] = await unitId(t, name);
  });
  afterAll(() => t.close());

  const employer = (over: Record<string, unknown> = {}) => ({
    ownerOrgId: ids.root,
    name: '示例区巾帼家政服务有限公司',
    creditCode: creditCode('91510399MA6200002'),
    industry: '居民服务',
    contactName: '罗女士',
    contactPhone: '13908130002',
    ...over,
  });

  it('POST /api/placement/employers: 401, 400 naming the credit code, 403 without the permission, 201, 409 for the same code', async () => {
    const before = await count(t, 'placementEmployers');
    expect((await t.app.inject({ method: 'POST', url: '/api/placement/employers', payload: employer() })).statusCode).toBe(401);
    const bad = await prog.inject({
      method: 'POST',
      url: '/api/placement/employers',
      payload: employer({ creditCode: broken(creditCode('91510399MA6200002')) }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([{ path: 'creditCode', message: '统一社会信用代码不正确（18位，校验位不符）' }]);
    const org = await t.login('organisation'); // the organisation officer has no placement permission
    expect((await org.inject({ url: '/api/placement/employers' })).statusCode).toBe(403);
    expect((await org.inject({ method: 'POST', url: '/api/placement/employers', payload: employer() })).statusCode).toBe(403);
    // A unit outside the township chair's scope is refused, naming the field.
    const outside = await niufo.inject({ method: 'POST', url: '/api/placement/employers', payload: employer() });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().fields[0].path).toBe('ownerOrgId');
    expect(await count(t, 'placementEmployers')).toBe(before);

    const ok = await prog.inject({ method: 'POST', url: '/api/placement/employers', payload: employer() });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ name: '示例区巾帼家政服务有限公司', contactPhoneMasked: '139****0002', openVacancies: 0, hired: 0 });
    expect(ok.json()).not.toHaveProperty('contactPhoneEnc');
    ids.housekeeping = ok.json().id;
    const dup = await prog.inject({ method: 'POST', url: '/api/placement/employers', payload: employer({ name: '另一个名字' }) });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().fields[0].path).toBe('creditCode');
    // The phone is stored encrypted; the full number is an audited read.
    const stored = await t.handle.db
      .selectFrom('placementEmployers')
      .selectAll()
      .where('id', '=', ids.housekeeping)
      .executeTakeFirstOrThrow();
    expect(stored.contactPhoneEnc).toMatch(/^enc1:/);
    const contact = await prog.inject({ url: `/api/placement/employers/${ids.housekeeping}/contact` });
    expect(contact.json()).toEqual({ contactName: '罗女士', contactPhone: '13908130002' });
    expect(await auditActions(t, 'placement_employer')).toEqual(['create', 'reveal']);
    expect((await niufo.inject({ url: `/api/placement/employers/${ids.housekeeping}` })).statusCode).toBe(404);
    expect((await prog.inject({ url: `/api/placement/employers/${NOWHERE}` })).statusCode).toBe(404);

    const farm = await prog.inject({
      method: 'POST',
      url: '/api/placement/employers',
      payload: employer({ name: '示例区绿源果蔬种植专业合作社', creditCode: creditCode('93510399MA6200004'), contactPhone: null }),
    });
    ids.farm = farm.json().id;
  });

  it('POST /api/placement/vacancies: 400 naming the field, the employer outside the scope refused, 201', async () => {
    const vacancy = {
      employerId: ids.housekeeping,
      title: '家政服务员',
      skills: ['家政服务', '保洁'],
      hours: 'full_time',
      positions: 2,
      wageMinFen: 280000,
      wageMaxFen: 380000,
      locationOrgId: ids.东城街道,
      locationText: '东城街道',
      publishedOn: '2026-04-01',
    };
    expect((await t.app.inject({ method: 'POST', url: '/api/placement/vacancies', payload: vacancy })).statusCode).toBe(401);
    const bad = await prog.inject({ method: 'POST', url: '/api/placement/vacancies', payload: { ...vacancy, wageMaxFen: 100000 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([{ path: 'wageMaxFen', message: '月薪上限不能低于下限' }]);
    const foreign = await niufo.inject({ method: 'POST', url: '/api/placement/vacancies', payload: vacancy });
    expect(foreign.json().fields[0]).toEqual({ path: 'employerId', message: '用人单位不存在或不在您的工作范围内' });
    const ok = await prog.inject({ method: 'POST', url: '/api/placement/vacancies', payload: vacancy });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      employerName: '示例区巾帼家政服务有限公司',
      skills: ['家政服务', '保洁'],
      filled: 0,
      status: 'open',
    });
    ids.maid = ok.json().id;
    const outside = await prog.inject({
      method: 'POST',
      url: '/api/placement/vacancies',
      payload: {
        ...vacancy,
        title: '家政服务员（宁波）',
        skills: ['家政服务'],
        locationOrgId: null,
        locationText: '浙江省宁波市',
        positions: 10,
      },
    });
    ids.ningbo = outside.json().id;
    const grower = await prog.inject({
      method: 'POST',
      url: '/api/placement/vacancies',
      payload: {
        employerId: ids.farm,
        title: '果蔬种植工',
        skills: ['种植'],
        hours: 'part_time',
        positions: 5,
        locationOrgId: ids.石桥村,
        locationText: '牛佛镇石桥村',
        publishedOn: '2026-04-25',
      },
    });
    ids.grower = grower.json().id;
    expect((await niufo.inject({ url: `/api/placement/vacancies/${ids.maid}` })).statusCode).toBe(404);
    expect(
      (await prog.inject({ method: 'PATCH', url: `/api/placement/vacancies/${ids.maid}`, payload: { positions: 0 } })).statusCode,
    ).toBe(400);
  });

  const seeker = (over: Record<string, unknown> = {}) => ({
    ownerOrgId: ids.root,
    name: '张秀英',
    gender: 'female',
    idNumber: idNo('1982-05-12', 700),
    phone: '13800138000',
    residenceOrgId: ids.大山村,
    registeredOn: '2026-04-10',
    category: 'laid_off',
    education: 'high_school',
    skills: ['家政服务', '保洁'],
    hours: 'full_time',
    placeOrgIds: [ids.东城街道],
    acceptsOutside: false,
    expectedWageFen: 300000,
    ...over,
  });

  it('POST /api/placement/seekers registers the person through the registry once, with 400, 409 and nothing written on refusal', async () => {
    const persons = await count(t, 'persons');
    const seekers = await count(t, 'placementSeekers');
    expect((await t.app.inject({ method: 'POST', url: '/api/placement/seekers', payload: seeker() })).statusCode).toBe(401);
    const bad = await prog.inject({
      method: 'POST',
      url: '/api/placement/seekers',
      payload: seeker({ idNumber: broken(idNo('1982-05-12', 700)) }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('idNumber');
    const wrongSex = await prog.inject({ method: 'POST', url: '/api/placement/seekers', payload: seeker({ gender: 'male' }) });
    expect(wrongSex.statusCode).toBe(400);
    expect(wrongSex.json().fields[0].path).toBe('gender');
    const badPlace = await prog.inject({ method: 'POST', url: '/api/placement/seekers', payload: seeker({ placeOrgIds: [NOWHERE] }) });
    expect(badPlace.json().fields[0]).toEqual({ path: 'placeOrgIds', message: '地点不存在或不在您的工作范围内' });
    expect([await count(t, 'persons'), await count(t, 'placementSeekers')]).toEqual([persons, seekers]);

    const ok = await prog.inject({ method: 'POST', url: '/api/placement/seekers', payload: seeker() });
    expect(ok.statusCode).toBe(201);
    const s = ok.json();
    expect(s).toMatchObject({
      name: '张秀英',
      idNumberMasked: maskIdNumber(idNo('1982-05-12', 700)),
      phoneMasked: '138****8000',
      birthDate: '1982-05-12',
      skills: ['保洁', '家政服务'],
      placeNames: ['东城街道'],
      status: 'seeking',
      trainings: [],
    });
    expect(JSON.stringify(s)).not.toContain('13800138000');
    ids.zhang = s.id;
    ids.zhangPerson = s.personId;
    expect(await count(t, 'persons')).toBe(persons + 1);
    // The same person again at the same unit: 409; at a township (its own registration) the registry is not duplicated.
    expect((await prog.inject({ method: 'POST', url: '/api/placement/seekers', payload: seeker() })).statusCode).toBe(409);
    // A township's preferred places lie in its own area (东城街道 is another township's: refused below).
    const atNiufo = await niufo.inject({
      method: 'POST',
      url: '/api/placement/seekers',
      payload: seeker({ ownerOrgId: ids.牛佛镇, placeOrgIds: [ids.牛佛镇] }),
    });
    expect(atNiufo.statusCode).toBe(201);
    expect(atNiufo.json().personId).toBe(ids.zhangPerson);
    ids.zhangAtNiufo = atNiufo.json().id;
    expect(await count(t, 'persons')).toBe(persons + 1);
    expect(await auditActions(t, 'placement_seeker')).toEqual(['create', 'create']);
  });

  it('keeps two townships apart: each sees only its own seekers', async () => {
    const li = await dongcheng.inject({
      method: 'POST',
      url: '/api/placement/seekers',
      payload: seeker({
        ownerOrgId: ids.东城街道,
        name: '李桂兰',
        idNumber: idNo('1985-03-08', 702),
        phone: null,
        residenceOrgId: ids.东兴社区,
        skills: ['收银'],
      }),
    });
    expect(li.statusCode).toBe(201);
    ids.li = li.json().id;
    expect((await niufo.inject({ url: `/api/placement/seekers/${ids.li}` })).statusCode).toBe(404);
    expect((await dongcheng.inject({ url: `/api/placement/seekers/${ids.zhangAtNiufo}` })).statusCode).toBe(404);
    expect((await niufo.inject({ method: 'PATCH', url: `/api/placement/seekers/${ids.li}`, payload: { wishes: 'x' } })).statusCode).toBe(
      404,
    );
    // A place or workplace outside the caller's scope is refused like an unknown one (its name would come back).
    const elsewhere = { path: 'placeOrgIds', message: '地点不存在或不在您的工作范围内' };
    const placeOut = await dongcheng.inject({
      method: 'PATCH',
      url: `/api/placement/seekers/${ids.li}`,
      payload: { placeOrgIds: [ids.牛佛镇] },
    });
    expect([placeOut.statusCode, placeOut.json().fields]).toEqual([400, [elsewhere]]);
    expect(placeOut.body).not.toContain('牛佛镇');
    const newOut = await niufo.inject({
      method: 'POST',
      url: '/api/placement/seekers',
      payload: seeker({ ownerOrgId: ids.牛佛镇, name: '王芳', idNumber: idNo('1986-04-09', 704), placeOrgIds: [ids.东城街道] }),
    });
    expect([newOut.statusCode, newOut.json().fields]).toEqual([400, [elsewhere]]);
    const nList = (await niufo.inject({ url: '/api/placement/seekers' })).json();
    expect(nList.items.map((x: { name: string }) => x.name)).toEqual(['张秀英']);
    const dList = (await dongcheng.inject({ url: '/api/placement/seekers' })).json();
    expect(dList.items.map((x: { name: string }) => x.name)).toEqual(['李桂兰']);
    expect((await prog.inject({ url: '/api/placement/seekers?pageSize=50' })).json().total).toBe(3);
    expect((await prog.inject({ url: '/api/placement/seekers?skill=收银' })).json().items.map((x: { id: string }) => x.id)).toEqual([
      ids.li,
    ]);
    expect((await computeFact(t, 'placement.seekers', {}, { unit: '牛佛镇' })).value).toBe(1);
    expect((await computeFact(t, 'placement.seekers', {}, { unit: '东城街道' })).value).toBe(1);
  });

  it('matches seekers and vacancies with the reasons shown', async () => {
    expect((await t.app.inject({ url: `/api/placement/vacancies/${ids.maid}/matches` })).statusCode).toBe(401);
    expect((await niufo.inject({ url: `/api/placement/vacancies/${ids.maid}/matches` })).statusCode).toBe(404);
    const matches = (await prog.inject({ url: `/api/placement/vacancies/${ids.maid}/matches` })).json();
    // 李桂兰 has none of the skills: only the two registrations of 张秀英 are proposed.
    expect(matches.map((m: { seekerId: string }) => m.seekerId).sort()).toEqual([ids.zhang, ids.zhangAtNiufo].sort());
    const zhang = matches.find((m: { seekerId: string }) => m.seekerId === ids.zhang);
    expect(zhang.score).toBe(100);
    expect(zhang.reasons.map((r: { text: string }) => r.text)).toEqual([
      '技能相符：家政服务、保洁',
      '工作地点在意向范围：东城街道',
      '工时相符：全职',
      '薪酬符合期望：岗位月薪2800元–3800元，期望3000元',
      '岗位无年龄要求',
    ]);
    // She will not work outside the district: the Ningbo vacancy says so.
    const forHer = (await prog.inject({ url: `/api/placement/seekers/${ids.zhang}/matches` })).json();
    const ningbo = forHer.find((m: { vacancyId: string }) => m.vacancyId === ids.ningbo);
    expect(ningbo.reasons[1]).toEqual({ kind: 'place', ok: false, text: '不愿外出务工（岗位在浙江省宁波市）' });
    expect(forHer[0].vacancyId).toBe(ids.maid);
    expect(forHer.some((m: { vacancyId: string }) => m.vacancyId === ids.grower)).toBe(false);
  });

  it('refers her to the vacancy and records the outcome: hired with date and wage, or not hired and why', async () => {
    const url = `/api/placement/vacancies/${ids.maid}/referrals`;
    expect((await t.app.inject({ method: 'POST', url, payload: { seekerId: ids.zhang, referredOn: '2026-04-12' } })).statusCode).toBe(401);
    const early = await prog.inject({ method: 'POST', url, payload: { seekerId: ids.zhang, referredOn: '2026-03-01' } });
    expect(early.json().fields).toEqual([{ path: 'referredOn', message: '推荐日期不能早于岗位发布日期' }]);
    expect(
      (await niufo.inject({ method: 'POST', url, payload: { seekerId: ids.zhangAtNiufo, referredOn: '2026-04-12' } })).statusCode,
    ).toBe(404);
    const foreign = await prog.inject({ method: 'POST', url, payload: { seekerId: NOWHERE, referredOn: '2026-04-12' } });
    expect(foreign.json().fields[0].path).toBe('seekerId');
    const ok = await prog.inject({ method: 'POST', url, payload: { seekerId: ids.zhang, referredOn: '2026-04-12' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'referred', score: 100, seekerName: '张秀英', employerName: '示例区巾帼家政服务有限公司' });
    expect(ok.json().reasons[0].text).toBe('技能相符：家政服务、保洁');
    ids.referral = ok.json().id;
    expect((await prog.inject({ method: 'POST', url, payload: { seekerId: ids.zhang, referredOn: '2026-04-13' } })).statusCode).toBe(409);

    const outcomeUrl = `/api/placement/referrals/${ids.referral}/outcome`;
    const noReason = await prog.inject({ method: 'PUT', url: outcomeUrl, payload: { status: 'not_hired', outcomeOn: '2026-04-20' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields[0].path).toBe('reason');
    expect(
      (
        await prog.inject({ method: 'PUT', url: outcomeUrl, payload: { status: 'hired', outcomeOn: '2026-04-01', monthlyWageFen: 300000 } })
      ).json().fields[0].path,
    ).toBe('outcomeOn');
    expect(
      (
        await dongcheng.inject({
          method: 'PUT',
          url: outcomeUrl,
          payload: { status: 'hired', outcomeOn: '2026-04-20', monthlyWageFen: 300000 },
        })
      ).statusCode,
    ).toBe(404);
    const hired = await prog.inject({
      method: 'PUT',
      url: outcomeUrl,
      payload: { status: 'hired', outcomeOn: '2026-04-20', monthlyWageFen: 320000 },
    });
    expect(hired.json()).toMatchObject({ status: 'hired', outcomeOn: '2026-04-20', monthlyWageFen: 320000 });
    expect(
      (await prog.inject({ method: 'PUT', url: outcomeUrl, payload: { status: 'withdrawn', outcomeOn: '2026-04-21' } })).statusCode,
    ).toBe(409);
    expect((await prog.inject({ url: `/api/placement/seekers/${ids.zhang}` })).json()).toMatchObject({
      status: 'employed',
      statusDate: '2026-04-20',
    });
    expect((await prog.inject({ url: `/api/placement/vacancies/${ids.maid}` })).json().filled).toBe(1);
    // An employed woman is not referred again.
    const again = await prog.inject({
      method: 'POST',
      url: `/api/placement/vacancies/${ids.ningbo}/referrals`,
      payload: { seekerId: ids.zhang, referredOn: '2026-05-01' },
    });
    expect(again.statusCode).toBe(409);
    expect(await auditActions(t, 'placement_referral')).toEqual(['create', 'outcome']);
    expect((await computeFact(t, 'placement.placed')).value).toBe(1);
    expect((await computeFact(t, 'placement.referrals')).value).toBe(1);
  });

  it('sends a 劳务输出 batch with travel support and records the follow-ups after 1, 3 and 6 months', async () => {
    const batch = {
      ownerOrgId: ids.root,
      title: '2026年家政服务劳务输出（宁波）',
      destination: '浙江省宁波市',
      employerId: ids.housekeeping,
      departureDate: '2026-07-01',
      supportPerPersonFen: 30000,
    };
    expect((await t.app.inject({ method: 'POST', url: '/api/placement/exports', payload: batch })).statusCode).toBe(401);
    expect(
      (await prog.inject({ method: 'POST', url: '/api/placement/exports', payload: { ...batch, employerId: NOWHERE } })).json().fields[0]
        .path,
    ).toBe('employerId');
    const created = await prog.inject({ method: 'POST', url: '/api/placement/exports', payload: batch });
    expect(created.statusCode).toBe(201);
    ids.batch = created.json().id;
    expect((await niufo.inject({ url: `/api/placement/exports/${ids.batch}` })).statusCode).toBe(404);
    const members = `/api/placement/exports/${ids.batch}/members`;
    expect((await prog.inject({ method: 'POST', url: members, payload: { seekerIds: [] } })).json().fields[0].path).toBe('seekerIds');
    const added = await prog.inject({ method: 'POST', url: members, payload: { seekerIds: [ids.li, ids.zhangAtNiufo] } });
    expect(added.statusCode).toBe(200);
    const detail = added.json();
    expect(detail).toMatchObject({ departed: 2, supportFen: 60000 });
    expect(detail.members[0].followUps.map((f: { months: number; dueOn: string }) => [f.months, f.dueOn])).toEqual([
      [1, '2026-08-01'],
      [3, '2026-10-01'],
      [6, '2027-01-01'],
    ]);
    // The test clock stands at 2026-11-29: the 1- and 3-month follow-ups of both are due.
    expect(detail.followUpsDue).toBe(4);
    expect((await prog.inject({ method: 'POST', url: members, payload: { seekerIds: [ids.li] } })).statusCode).toBe(409);
    const li = detail.members.find((m: { seekerId: string }) => m.seekerId === ids.li);
    const fu = `/api/placement/exports/${ids.batch}/members/${li.id}/follow-ups`;
    const early = await prog.inject({ method: 'POST', url: fu, payload: { months: 1, doneOn: '2026-06-01', result: 'working' } });
    expect(early.json().fields[0]).toEqual({ path: 'doneOn', message: '回访日期不能早于出发日期' });
    expect(
      (await prog.inject({ method: 'POST', url: fu, payload: { months: 2, doneOn: '2026-08-03', result: 'working' } })).statusCode,
    ).toBe(400);
    const done = await prog.inject({
      method: 'POST',
      url: fu,
      payload: { months: 1, doneOn: '2026-08-03', result: 'working', monthlyWageFen: 550000 },
    });
    expect(done.json().followUpsDue).toBe(3);
    expect(
      (await prog.inject({ method: 'POST', url: fu, payload: { months: 1, doneOn: '2026-08-04', result: 'working' } })).statusCode,
    ).toBe(409);
    // One of the two did not go: she stops counting.
    const other = detail.members.find((m: { seekerId: string }) => m.seekerId === ids.zhangAtNiufo);
    await prog.inject({ method: 'PATCH', url: `${members}/${other.id}`, payload: { status: 'withdrawn' } });
    expect((await computeFact(t, 'placement.exported')).value).toBe(1);
    expect((await computeFact(t, 'placement.exportSupport')).value).toBe(30000);
    expect((await computeFact(t, 'placement.followUps', { months: '1' })).value).toBe(1);
    expect(await auditActions(t, 'placement_export_batch')).toEqual(['create', 'member.add', 'follow-up', 'member.update']);
    const exported = await readXlsx(await prog.inject({ url: `${members}/export` }));
    expect(exported[0]).toEqual(['姓名', '联系电话', '状态', '路费补贴（元）']);
    const byName = Object.fromEntries(exported.slice(1).map((r) => [r[0], [r[1] ?? null, r[2], r[3]]]));
    expect(byName).toEqual({ 张秀英: ['138****8000', '未成行', 300], 李桂兰: [null, '已输出', 300] });
  });

  it('counts 二次就业 once per woman across training outcomes, hires and 劳务输出', async () => {
    // A trainee with an ID number is the registry's person: 张秀英, trained and re-employed, then hired above.
    const course = (
      await prog.inject({
        method: 'POST',
        url: '/api/activities/courses',
        payload: { title: '家政服务培训', category: 'skills', ownerOrgId: ids.root, startDate: '2026-03-16' },
      })
    ).json();
    const session = (
      await prog.inject({
        method: 'POST',
        url: `/api/activities/courses/${course.id}/sessions`,
        payload: { topic: '家政服务（一）', sessionDate: '2026-03-16', hours: 24 },
      })
    ).json();
    const trainee = async (name: string, idNumber: string | null) =>
      (
        await prog.inject({
          method: 'POST',
          url: `/api/activities/sessions/${session.id}/trainees`,
          payload: { name, gender: 'female', idNumber },
        })
      ).json();
    const zhang = await trainee('张秀英', idNo('1982-05-12', 700));
    expect(zhang.personId).toBe(ids.zhangPerson);
    const wang = await trainee('王玉兰', null); // no ID number: not in the registry
    const zhao = await trainee('赵春梅', null);
    for (const x of [zhang, wang, zhao])
      await prog.inject({
        method: 'PUT',
        url: `/api/activities/trainees/${x.id}/outcome`,
        payload: { outcome: 'reemployed', outcomeDate: '2026-04-20' },
      });
    // Trained and re-employed (3) + hired (张秀英 again) + sent to Ningbo (李桂兰): 4 women.
    expect((await computeFact(t, 'activities.training.outcome', { outcome: 'reemployed' })).value).toBe(3);
    expect((await computeFact(t, 'placement.reemployed')).value).toBe(4);

    // 王玉兰 registers as a job seeker with that training taken, then goes to Ningbo: still one woman.
    const records = (await prog.inject({ url: `/api/placement/seekers/${ids.zhang}/trainee-records` })).json();
    expect(records.map((r: { traineeId: string; linkedPerson: boolean }) => [r.traineeId, r.linkedPerson])).toEqual([[zhang.id, true]]);
    const wangSeeker = await prog.inject({
      method: 'POST',
      url: '/api/placement/seekers',
      payload: seeker({
        name: '王玉兰',
        idNumber: idNo('1979-11-02', 704),
        phone: null,
        acceptsOutside: true,
        trainings: [{ traineeId: wang.id, title: '家政服务培训', completedOn: '2026-03-16' }],
      }),
    });
    expect(wangSeeker.statusCode).toBe(201);
    // A roster row that already belongs to another person cannot be claimed.
    const claim = await prog.inject({
      method: 'POST',
      url: `/api/placement/seekers/${ids.li}/trainings`,
      payload: { traineeId: wang.id, title: '家政服务培训' },
    });
    expect(claim.json().fields[0]).toEqual({ path: 'training.0.traineeId', message: '该培训记录已关联其他求职人员' });
    await prog.inject({
      method: 'POST',
      url: `/api/placement/exports/${ids.batch}/members`,
      payload: { seekerIds: [wangSeeker.json().id] },
    });
    expect((await computeFact(t, 'placement.exported')).value).toBe(2);
    expect((await computeFact(t, 'placement.reemployed')).value).toBe(4);
    const people = await factRecords(t, 'placement.reemployed');
    expect(people.total).toBe(4);
    expect(Object.fromEntries(people.rows.map((r) => [r.name, r.via]))).toEqual({
      张秀英: '培训后再就业、职介所介绍就业',
      王玉兰: '培训后再就业、劳务输出',
      赵春梅: '培训后再就业',
      李桂兰: '劳务输出',
    });
    // A township sees only its own people: 牛佛镇's registration of 张秀英 did not go.
    expect((await computeFact(t, 'placement.reemployed', {}, { unit: '牛佛镇' })).value).toBe(0);
    expect((await computeFact(t, 'placement.reemployed', {}, { unit: '东城街道' })).value).toBe(1);
    expect((await computeFact(t, 'placement.reemployed', {}, { period: { year: 2025, from: '2025-01-01', to: '2025-12-31' } })).value).toBe(
      0,
    );
  });

  it('imports employers and job seekers from Excel all or nothing, and exports the lists', async () => {
    const EMPLOYER_HEADERS = ['单位名称', '统一社会信用代码', '行业', '地址', '联系人', '联系电话', '备注'];
    const bad = await importFile(
      prog,
      '/api/placement/employers/import',
      await xlsx(EMPLOYER_HEADERS, [
        ['示例区惠民超市有限公司', creditCode('91510399MA6200005'), '零售', '', '周店长', '13908130005', ''],
        ['坏代码公司', broken(creditCode('91510399MA6200006')), '', '', '', '', ''],
      ]),
    );
    expect(bad.job!.status).toBe('failed');
    expect(bad.job!.result.errors!.map((e) => e.text)).toEqual(['第3行「统一社会信用代码」：统一社会信用代码不正确（18位，校验位不符）']);
    const before = await count(t, 'placementEmployers');
    const ok = await importFile(
      prog,
      '/api/placement/employers/import',
      await xlsx(EMPLOYER_HEADERS, [['示例区惠民超市有限公司', creditCode('91510399MA6200005'), '零售', '', '周店长', '13908130005', '']]),
    );
    expect(ok.job!.status).toBe('succeeded');
    expect(await count(t, 'placementEmployers')).toBe(before + 1);

    const SEEKER_HEADERS = [
      '姓名',
      '性别',
      '身份证号',
      '联系电话',
      '居住地',
      '人员类别',
      '学历',
      '技能',
      '期望工时',
      '意向地点',
      '愿意外出务工',
      '期望月薪（元）',
      '求职意向',
      '登记日期',
    ];
    const row = (name: string, idNumber: string, residence: string) => [
      name,
      '女',
      idNumber,
      '',
      residence,
      '农村富余劳动力',
      '',
      '种植、养殖',
      '兼职',
      '牛佛镇',
      '否',
      '2000',
      '',
      '2026-05-06',
    ];
    const badSeekers = await importFile(
      niufo,
      '/api/placement/seekers/import',
      await xlsx(SEEKER_HEADERS, [row('刘淑芬', idNo('1980-02-02', 706), '大山村'), row('陈海燕', idNo('1981-03-03', 708), '东兴社区')]),
    );
    expect(badSeekers.job!.result.errors!.map((e) => e.text)).toEqual(['第3行「居住地」：未知的地点“东兴社区”，或不在您的工作范围内']);
    const seekers = await count(t, 'placementSeekers');
    const good = await importFile(
      niufo,
      '/api/placement/seekers/import',
      await xlsx(SEEKER_HEADERS, [row('刘淑芬', idNo('1980-02-02', 706), '大山村'), row('陈海燕', idNo('1981-03-03', 708), '石桥村')]),
    );
    expect(good.job!.status).toBe('succeeded');
    expect(await count(t, 'placementSeekers')).toBe(seekers + 2);
    const imported = (await niufo.inject({ url: '/api/placement/seekers?q=刘淑芬' })).json().items[0];
    expect(imported).toMatchObject({ ownerOrgName: '牛佛镇', skills: ['养殖', '种植'], placeNames: ['牛佛镇'], expectedWageFen: 200000 });
    // She fits the growing job in 石桥村 (inside 牛佛镇).
    const grower = (await prog.inject({ url: `/api/placement/vacancies/${ids.grower}/matches` })).json();
    expect(grower.find((m: { name: string }) => m.name === '刘淑芬').reasons[1].text).toBe('工作地点在意向范围：牛佛镇');

    const exported = await readXlsx(await niufo.inject({ url: '/api/placement/seekers/export' }));
    expect(exported[0]).toEqual([
      '姓名',
      '性别',
      '身份证号',
      '联系电话',
      '人员类别',
      '学历',
      '技能',
      '期望工时',
      '愿意外出务工',
      '期望月薪（元）',
      '登记日期',
      '状态',
      '登记单位',
    ]);
    expect(exported).toHaveLength(4);
    expect(JSON.stringify(exported)).not.toMatch(/19800202/);
    const referrals = await readXlsx(await prog.inject({ url: '/api/placement/referrals/export' }));
    expect(referrals[1].slice(0, 8)).toEqual([
      '2026-04-12',
      '张秀英',
      '示例区巾帼家政服务有限公司',
      '家政服务员',
      100,
      '已录用',
      '2026-04-20',
      3200,
    ]);
  });
  it("refuses a vacancy's workplace outside the caller's scope, as an unknown one (its name would come back)", async () => {
    const own = await niufo.inject({
      method: 'POST',
      url: '/api/placement/employers',
      payload: employer({ ownerOrgId: ids.牛佛镇, name: '牛佛镇巾帼农业合作社', creditCode: creditCode('93510399MA6200009') }),
    });
    expect(own.statusCode).toBe(201);
    const vacancy = {
      employerId: own.json().id,
      title: '采茶工',
      hours: 'part_time',
      positions: 3,
      locationOrgId: ids.东城街道,
      locationText: '东城街道',
      publishedOn: '2026-05-01',
    };
    const out = await niufo.inject({ method: 'POST', url: '/api/placement/vacancies', payload: vacancy });
    expect([out.statusCode, out.json().fields]).toEqual([400, [{ path: 'locationOrgId', message: '地点不存在或不在您的工作范围内' }]]);
    const inside = await niufo.inject({
      method: 'POST',
      url: '/api/placement/vacancies',
      payload: { ...vacancy, locationOrgId: ids.石桥村, locationText: '牛佛镇石桥村' },
    });
    expect(inside.statusCode).toBe(201);
    const moved = await niufo.inject({
      method: 'PATCH',
      url: `/api/placement/vacancies/${inside.json().id}`,
      payload: { locationOrgId: ids.东城街道 },
    });
    expect([moved.statusCode, moved.json().fields?.[0]?.path]).toEqual([400, 'locationOrgId']);
  });
});

describe.each(TEST_DATABASES)('placement: the demo district 2026 on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind, { demo: 'full' });
  }, 300_000);
  afterAll(() => t?.close());

  it('states 80 women back in work though 45 of them were also placed or sent out, and the 职介所 figures equal the records', async () => {
    expect((await computeFact(t, 'activities.training.outcome', { outcome: 'reemployed' })).value).toBe(80);
    expect((await computeFact(t, 'placement.reemployed')).value).toBe(80);
    expect((await computeFact(t, 'placement.placed')).value).toBe(33);
    expect((await computeFact(t, 'placement.exported')).value).toBe(12);
    expect((await computeFact(t, 'placement.exportSupport')).value).toBe(360000);
    expect((await computeFact(t, 'placement.seekers')).value).toBe(63);
    expect((await computeFact(t, 'placement.referrals')).value).toBe(43);
    expect((await computeFact(t, 'placement.employers')).value).toBe(6);
    for (const name of ['placement.placed', 'placement.exported', 'placement.seekers', 'placement.referrals', 'placement.employers'])
      expect((await factRecords(t, name)).total, name).toBe((await computeFact(t, name)).value);
    const via = (await factRecords(t, 'placement.reemployed')).rows.map((r) => r.via);
    expect(via.filter((v) => v === '培训后再就业、职介所介绍就业')).toHaveLength(33);
    expect(via.filter((v) => v === '培训后再就业、劳务输出')).toHaveLength(12);
    expect(via.filter((v) => v === '培训后再就业')).toHaveLength(35);
  });
});
