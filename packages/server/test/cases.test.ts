import ExcelJS from '../src/platform/exceljs.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { makeIdNumber } from '../src/platform/demo.js';
import { caseListQuery } from '../src/modules/cases/cases.repository.js';

// The test clock stands at 2026-11-29 10:00 (Asia/Shanghai).
describe.each(TEST_DATABASES)('cases: registration, workflow, deadlines, access on %s', (kind) => {
  let t: TestApp;
  let rights: TestSession;
  const unit = async (name: string) =>
    (await t.handle.db.selectFrom('orgUnits').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  let seq = 0;
  async function register(s: TestSession, over: Record<string, unknown> = {}) {
    seq++;
    const res = await s.inject({
      method: 'POST',
      url: '/api/cases',
      payload: {
        channel: 'phone',
        receivedDate: '2026-11-27',
        category: 'marriage_family',
        summary: `电话反映家庭纠纷 ${seq}`,
        applicant: { name: `来电人${seq}`, gender: 'female', phone: `1380000${String(1000 + seq)}`, residenceOrgId: await unit('大山村') },
        ...over,
      },
    });
    if (res.statusCode !== 201) throw new Error(`register failed ${res.statusCode} ${res.body}`);
    return res.json() as { id: string; caseNo: string };
  }
  const post = (s: TestSession, url: string, payload: object) => s.inject({ method: 'POST', url, payload });

  beforeAll(async () => {
    t = await buildTestApp(kind);
    rights = await t.login('rights');
  });
  afterAll(() => t.close());

  it("registers a phone intake: 401 → 400 (field named) → 201 with the federation's next number", async () => {
    const valid = {
      channel: 'phone',
      receivedDate: '2026-11-28',
      category: 'other',
      summary: 'x',
      applicant: { name: '甲', gender: 'female', residenceOrgId: await unit('大山村') },
    };
    expect((await t.app.inject({ method: 'POST', url: '/api/cases', payload: valid })).statusCode).toBe(401);
    const bad = await post(rights, '/api/cases', { channel: 'fax', receivedDate: '2026-13-01', category: 'other', summary: '' });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['channel', 'receivedDate', 'summary']));
    const noApplicant = await post(rights, '/api/cases', { channel: 'phone', receivedDate: '2026-11-28', category: 'other', summary: 'x' });
    expect(noApplicant.json()).toMatchObject({ statusCode: 400, fields: [{ path: 'applicant', message: '请选择或登记申请人' }] });
    const future = await post(rights, '/api/cases', {
      channel: 'phone',
      receivedDate: '2026-12-01',
      category: 'other',
      summary: '未来',
      applicant: { name: '甲', gender: 'female', residenceOrgId: await unit('大山村') },
    });
    expect(future.json()).toMatchObject({ statusCode: 400, fields: [{ path: 'receivedDate' }] });
    const badCat = await post(rights, '/api/cases', {
      channel: 'phone',
      receivedDate: '2026-11-28',
      category: 'nope',
      summary: 'x',
      applicant: { name: '甲', gender: 'female', residenceOrgId: await unit('大山村') },
    });
    expect(badCat.json()).toMatchObject({ statusCode: 400, fields: [{ path: 'category' }] });
    const badId = await post(rights, '/api/cases', {
      channel: 'phone',
      receivedDate: '2026-11-28',
      category: 'other',
      summary: 'x',
      applicant: { name: '甲', gender: 'female', idNumber: '110105194912310021', residenceOrgId: await unit('大山村') },
    });
    expect(badId.json()).toMatchObject({ statusCode: 400, fields: [{ path: 'applicant.idNumber', message: '身份证号校验位错误' }] });
    expect(await t.handle.db.selectFrom('persons').select('id').where('name', '=', '甲').execute()).toHaveLength(0);

    const a = await register(rights);
    const b = await register(rights);
    expect(a.caseNo).toMatch(/^2026-\d{4}$/);
    expect(Number(b.caseNo.slice(5))).toBe(Number(a.caseNo.slice(5)) + 1);
    const niufo = await t.login('niufo');
    const n = await register(niufo, { applicant: { name: '牛佛来电', gender: 'female', residenceOrgId: await unit('大山村') } });
    expect(n.caseNo).toBe('2026-0001'); // numbered per owning federation
  });

  it('gives concurrent registrations distinct case numbers', async () => {
    const made = await Promise.all(Array.from({ length: 8 }, () => register(rights)));
    const nos = made.map((m) => m.caseNo);
    expect(new Set(nos).size).toBe(8);
  });

  it('lists with masked phone, server-side paging, and high risk first', async () => {
    const dv = await register(rights, {
      category: 'domestic_violence',
      summary: '丈夫掐脖子威胁',
      riskAnswers: { strangulation: true },
      receivedDate: '2026-11-01',
    });
    const list = (await rights.inject({ url: '/api/cases?pageSize=5&status=registered' })).json();
    expect(list.items[0].id).toBe(dv.id);
    expect(list.items[0].riskLevel).toBe('high');
    expect(list.items).toHaveLength(5);
    expect(list.total).toBeGreaterThan(5);
    expect(list.items.every((i: { applicantPhoneMasked: string }) => /^138\*{4}\d{4}$/.test(i.applicantPhoneMasked))).toBe(true);
    const page2 = (await rights.inject({ url: '/api/cases?pageSize=5&page=2&status=registered' })).json();
    expect(page2.items.map((i: { id: string }) => i.id)).not.toContain(dv.id);
    expect((await rights.inject({ url: '/api/cases?status=bogus' })).statusCode).toBe(400);
    expect((await rights.inject({ url: `/api/cases?q=${dv.caseNo}` })).json().items.map((i: { id: string }) => i.id)).toEqual([dv.id]);
  });

  it('walks the workflow and refuses illegal steps with a clear error', async () => {
    const c = await register(rights, { receivedDate: '2026-11-02' });
    const close = await post(rights, `/api/cases/${c.id}/close`, {
      date: '2026-11-20',
      outcome: 'supported',
      reply: '已答复',
      satisfaction: 'satisfied',
    });
    expect(close.statusCode).toBe(409);
    expect(close.json().message).toBe('当前状态为“已登记”，不能办结（只有“已受理”或“办理中”的事项可以办结）');
    expect((await post(rights, `/api/cases/${c.id}/notAccept`, { date: '2026-11-03' })).json()).toMatchObject({ statusCode: 400 });
    expect((await post(rights, `/api/cases/${c.id}/accept`, { date: '2026-11-01' })).json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'date', message: expect.stringContaining('不能早于收到日期') }],
    });
    const accepted = (await post(rights, `/api/cases/${c.id}/accept`, { date: '2026-11-03', notice: '已书面告知' })).json();
    expect(accepted.status).toBe('accepted');
    expect(accepted.nextDueDate).toBe('2027-01-04'); // 11-03 + 60 = 2027-01-02, a Saturday
    expect((await post(rights, `/api/cases/${c.id}/accept`, { date: '2026-11-03' })).statusCode).toBe(409);

    expect((await post(rights, `/api/cases/${c.id}/extend`, { days: 31, reason: '需要' })).json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'days' }],
    });
    // The extension is a request to the unit head (信访工作条例第34条): the deadline moves when she approves it.
    const asked = (await post(rights, `/api/cases/${c.id}/extend`, { days: 30, reason: '需调查取证' })).json();
    expect(asked.nextDueDate).toBe('2027-01-04');
    const request = await t.handle.db.selectFrom('approvalRequests').select('id').where('subjectId', '=', c.id).executeTakeFirstOrThrow();
    const chair = await t.login('chair');
    expect((await post(chair, `/api/approvals/${request.id}/decide`, { decision: 'approve', step: 1 })).statusCode).toBe(200);
    const ext = (await rights.inject({ url: `/api/cases/${c.id}` })).json();
    expect(ext.nextDueDate).toBe('2027-02-01'); // 11-03 + 90 = 2027-02-01 (Monday)
    // The label says the period the date was computed with, not the 60 days before the extension.
    expect(ext.deadlines.find((d: { kind: string }) => d.kind === 'handle')).toMatchObject({
      label: '办结期限（受理之日起90日，含延期30日）',
      due: '2027-02-01',
    });
    expect((await post(rights, `/api/cases/${c.id}/extend`, { days: 5, reason: '再延' })).json().message).toContain('只能延长一次');

    const withAction = (
      await post(rights, `/api/cases/${c.id}/actions`, { kind: 'mediation', date: '2026-11-10', note: '组织调解', byName: '调解员' })
    ).json();
    expect(withAction.status).toBe('in_progress');
    expect(withAction.events.map((e: { transition: string }) => e.transition)).toEqual([
      'register',
      'accept',
      'extendRequest',
      'extend',
      'start',
    ]);

    const closed = (
      await post(rights, `/api/cases/${c.id}/close`, {
        date: '2026-11-20',
        outcome: 'mediated',
        reply: '调解成功',
        satisfaction: 'satisfied',
      })
    ).json();
    expect(closed).toMatchObject({ status: 'closed', daysToClose: 17, nextDueDate: null });
    expect(closed.deadlines.find((d: { kind: string }) => d.kind === 'handle')).toMatchObject({ met: true });

    const review = (await post(rights, `/api/cases/${c.id}/requestReview`, { date: '2026-11-25', reason: '对答复不服' })).json();
    expect(review).toMatchObject({ status: 'review_requested', nextDueDate: '2026-12-25' });
    const decided = (
      await post(rights, `/api/cases/${c.id}/decideReview`, { date: '2026-11-28', result: 'upheld', reason: '维持原答复' })
    ).json();
    expect(decided.status).toBe('review_decided');
    expect((await post(rights, `/api/cases/${c.id}/requestReview`, { date: '2026-11-28', reason: 'x' })).statusCode).toBe(409);
    const rr = (await post(rights, `/api/cases/${c.id}/requestReReview`, { date: '2026-11-29', reason: '仍不服' })).json();
    expect(rr.status).toBe('rereview_requested');
    const fin = (await post(rights, `/api/cases/${c.id}/decideReReview`, { date: '2026-11-29', result: 'upheld', reason: '维持' })).json();
    expect(fin).toMatchObject({ status: 'final', can: { transitions: [] } });
    expect((await post(rights, `/api/cases/${c.id}/reopen`, { date: '2026-11-29', reason: '再办' })).statusCode).toBe(409);
  });

  it('refuses a 复查 request after its 30-day window', async () => {
    const c = await register(rights, { receivedDate: '2026-08-03' });
    await post(rights, `/api/cases/${c.id}/accept`, { date: '2026-08-04' });
    await post(rights, `/api/cases/${c.id}/close`, { date: '2026-09-01', outcome: 'explained', reply: '解释', satisfaction: 'unknown' });
    const late = await post(rights, `/api/cases/${c.id}/requestReview`, { date: '2026-11-02', reason: '迟到' });
    expect(late.json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'date', message: expect.stringContaining('已超过申请复查期限') }],
    });
    const reopened = (await post(rights, `/api/cases/${c.id}/reopen`, { date: '2026-11-02', reason: '发现新情况' })).json();
    expect(reopened).toMatchObject({ status: 'in_progress', closedDate: null });
  });

  it('diverts a litigation matter (诉访分离) with a reason', async () => {
    const c = await register(rights);
    expect((await post(rights, `/api/cases/${c.id}/divert`, { date: '2026-11-28', reason: '已起诉' })).json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'divertedTo' }],
    });
    const d = (
      await post(rights, `/api/cases/${c.id}/divert`, { date: '2026-11-28', reason: '已进入诉讼程序', divertedTo: '区人民法院' })
    ).json();
    expect(d).toMatchObject({ status: 'diverted', divertedTo: '区人民法院', nextDueDate: null });
  });

  it("keeps 东城街道 cases out of 牛佛镇's sight (404) and out of its list", async () => {
    const dongcheng = await t.login('dongcheng');
    const c = await register(dongcheng, {
      summary: '东城街道的事项',
      applicant: { name: '东城申请人', gender: 'female', residenceOrgId: await unit('东兴社区') },
    });
    const niufo = await t.login('niufo');
    expect((await niufo.inject({ url: `/api/cases/${c.id}` })).statusCode).toBe(404);
    expect((await post(niufo, `/api/cases/${c.id}/accept`, { date: '2026-11-28' })).statusCode).toBe(404);
    expect((await niufo.inject({ url: `/api/cases?q=${encodeURIComponent('东城申请人')}` })).json().total).toBe(0);
    expect((await niufo.inject({ url: `/api/cases?orgUnitId=${await unit('东城街道')}` })).json().total).toBe(0);
    expect((await dongcheng.inject({ url: `/api/cases/${c.id}` })).statusCode).toBe(200);
    expect((await rights.inject({ url: `/api/cases/${c.id}` })).statusCode).toBe(200);
    const police = await t.login('police');
    expect((await police.inject({ url: `/api/cases/${c.id}` })).statusCode).toBe(403);
    expect((await rights.inject({ url: '/api/cases/00000000-0000-7000-8000-000000000000' })).statusCode).toBe(404);
  });

  it('hands a case to a township chair only by making her federation its owner; no other township sees it', async () => {
    const niufoUser = await t.handle.db.selectFrom('users').select('id').where('username', '=', 'niufo').executeTakeFirstOrThrow();
    // Assignment alone opens nothing: a district-owned case cannot name the 牛佛镇 chair as its assignee.
    const refused = await rights.inject({
      method: 'POST',
      url: '/api/cases',
      payload: {
        channel: 'phone',
        receivedDate: '2026-11-27',
        category: 'marriage_family',
        summary: '区级事项',
        applicant: { name: '区级事项申请人', gender: 'female', residenceOrgId: await unit('大山村') },
        assigneeUserId: niufoUser.id,
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields[0].path).toBe('assigneeUserId');
    const c = await register(rights, {
      summary: '交由牛佛镇妇联主席办理的区级事项',
      ownerOrgId: await unit('牛佛镇'),
      assigneeUserId: niufoUser.id,
    });
    const niufo = await t.login('niufo');
    expect((await niufo.inject({ url: `/api/cases/${c.id}` })).statusCode).toBe(200);
    expect((await niufo.inject({ url: '/api/cases?pageSize=200' })).json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    const dongcheng = await t.login('dongcheng');
    expect((await dongcheng.inject({ url: `/api/cases/${c.id}` })).statusCode).toBe(404);
  });

  it('shows a DV narrative only with cases.dv.read, and audits every open of a case', async () => {
    const niufo = await t.login('niufo');
    const c = await register(niufo, {
      category: 'domestic_violence',
      narrative: '多次遭受殴打的详细经过',
      applicant: { name: '牛佛家暴当事人', gender: 'female', residenceOrgId: await unit('石桥村') },
    });
    const own = (await niufo.inject({ url: `/api/cases/${c.id}` })).json();
    expect(own).toMatchObject({ narrative: null, narrativeWithheld: true });
    const byRights = (await rights.inject({ url: `/api/cases/${c.id}` })).json();
    expect(byRights.narrative).toBe('多次遭受殴打的详细经过');
    const opens = await t.handle.db
      .selectFrom('auditLog')
      .select(['action', 'actorName', 'detail'])
      .where('entityType', '=', 'case')
      .where('entityId', '=', c.id)
      .where('action', 'in', ['read', 'read.sensitive'])
      .orderBy('seq')
      .execute();
    expect(opens.map((o) => [o.action, o.actorName])).toEqual([
      ['read', 'niufo'],
      ['read.sensitive', 'rights'],
    ]);
    expect(opens[1].detail).not.toContain('殴打');
    const stored = await t.handle.db.selectFrom('cases').select('narrativeEnc').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(stored.narrativeEnc).not.toContain('殴打');
  });

  it('screens DV risk: high raises the case to the top and sets a 7-day visit cadence', async () => {
    const c = await register(rights, { category: 'domestic_violence', receivedDate: '2026-10-01' });
    expect((await post(rights, `/api/cases/${c.id}/risk`, { answers: { weapon: 'yes' } })).statusCode).toBe(400);
    const r = (await post(rights, `/api/cases/${c.id}/risk`, { answers: { weapon: true, escalating: true }, date: '2026-11-28' })).json();
    expect(r).toMatchObject({ level: 'high', critical: 1, yes: 2 });
    const detail = (await rights.inject({ url: `/api/cases/${c.id}` })).json();
    expect(detail).toMatchObject({ riskLevel: 'high', nextFollowUpDate: '2026-12-05' });
    const top = (await rights.inject({ url: '/api/cases?pageSize=50' })).json().items;
    expect(top.findIndex((i: { riskLevel: string | null }) => i.riskLevel !== 'high')).toBeGreaterThan(
      top.findIndex((i: { id: string }) => i.id === c.id),
    );
    const other = await register(rights);
    expect((await post(rights, `/api/cases/${other.id}/risk`, { answers: { weapon: true } })).json().message).toContain('只适用于家庭暴力');
  });

  it('recomputes stored deadlines when an admin edits the holiday calendar (settings.manage only)', async () => {
    const c = await register(rights, { receivedDate: '2026-11-27' }); // 15 days → 2026-12-12 (Sat) → 12-14
    expect((await rights.inject({ url: `/api/cases/${c.id}` })).json().nextDueDate).toBe('2026-12-14');
    expect(
      (await rights.inject({ method: 'PUT', url: '/api/holidays/2026-12-14', payload: { kind: 'holiday', name: '测试假日' } })).statusCode,
    ).toBe(403);
    const sec = await t.login('secadmin');
    expect((await sec.inject({ method: 'PUT', url: '/api/holidays/2026-02-30', payload: { kind: 'holiday', name: 'x' } })).statusCode).toBe(
      400,
    );
    expect(
      (await sec.inject({ method: 'PUT', url: '/api/holidays/2026-12-14', payload: { kind: 'vacation', name: 'x' } })).json(),
    ).toMatchObject({ statusCode: 400, fields: [{ path: 'kind' }] });
    const put = await sec.inject({ method: 'PUT', url: '/api/holidays/2026-12-14', payload: { kind: 'holiday', name: '测试假日' } });
    expect(put.statusCode).toBe(200);
    expect(put.json().recomputed).toBeGreaterThan(0);
    expect((await rights.inject({ url: `/api/cases/${c.id}` })).json().nextDueDate).toBe('2026-12-15');
    expect((await rights.inject({ url: '/api/holidays?year=2026' })).json()).toContainEqual({
      date: '2026-12-14',
      kind: 'holiday',
      name: '测试假日',
    });
    await sec.inject({ method: 'DELETE', url: '/api/holidays/2026-12-14' });
    expect((await rights.inject({ url: `/api/cases/${c.id}` })).json().nextDueDate).toBe('2026-12-14');
    expect((await sec.inject({ method: 'DELETE', url: '/api/holidays/2026-12-14' })).statusCode).toBe(404);
  });

  it('records timeline actions: protection order with its 24/72-hour decision time, police warning from a police station', async () => {
    const c = await register(rights, { category: 'domestic_violence' });
    await post(rights, `/api/cases/${c.id}/accept`, { date: '2026-11-28' });
    expect(
      (await post(rights, `/api/cases/${c.id}/actions`, { kind: 'protection_order', date: '2026-11-28', note: '协助申请' })).json(),
    ).toMatchObject({ statusCode: 400, fields: [{ path: 'protectionOrderStatus' }] });
    const po = (
      await post(rights, `/api/cases/${c.id}/actions`, {
        kind: 'protection_order',
        date: '2026-11-28',
        note: '协助申请',
        protectionOrderStatus: 'applied',
        protectionOrderEmergency: true,
        protectionOrderAppliedAt: '2026-11-28T01:00:00.000Z',
      })
    ).json();
    expect(po.actions.at(-1)).toMatchObject({ protectionOrderStatus: 'applied', protectionOrderDue: '2026-11-29T01:00:00.000Z' });
    const wrongPolice = await post(rights, `/api/cases/${c.id}/actions`, {
      kind: 'police_warning',
      date: '2026-11-28',
      note: '告诫',
      policeOrgId: await unit('区法律援助中心'),
    });
    expect(wrongPolice.json()).toMatchObject({ statusCode: 400, fields: [{ path: 'policeOrgId' }] });
    const w = (
      await post(rights, `/api/cases/${c.id}/actions`, {
        kind: 'police_warning',
        date: '2026-11-28',
        note: '告诫',
        policeOrgId: await unit('东城派出所'),
        warningNo: '告字〔2026〕1号',
      })
    ).json();
    expect(w.actions.at(-1)).toMatchObject({ kind: 'police_warning', policeOrgName: '东城派出所' });
  });

  it('exports the list to Excel masked for a township chair and revealed (audited) for the rights officer', async () => {
    const id = makeIdNumber('510399', '1988-08-08', 20, true);
    await register(rights, {
      summary: '导出测试',
      applicant: { name: '导出人', gender: 'female', idNumber: id, phone: '13512345678', residenceOrgId: await unit('大山村') },
    });
    const read = async (s: TestSession) => {
      const res = await s.inject({ url: `/api/cases/export.xlsx?q=${encodeURIComponent('导出人')}` });
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as never);
      const ws = wb.worksheets[0];
      return ws.getRow(2).values as unknown[];
    };
    const full = await read(rights);
    expect(full).toContain(id);
    expect(full).toContain('13512345678');
    // the statistician reads cases but may not reveal: masked
    const stats = await read(await t.login('statistician'));
    expect(stats).not.toContain(id);
    expect(stats).toContain(`510399********${id.slice(-4)}`);
    expect(stats).toContain('135****5678');
    const audits = await t.handle.db
      .selectFrom('auditLog')
      .select(['actorName', 'detail'])
      .where('action', '=', 'export')
      .where('entityType', '=', 'case')
      .execute();
    expect(audits.find((a) => a.actorName === 'rights')!.detail).toContain('"revealed":true');
    expect(audits.find((a) => a.actorName === 'statistician')!.detail).toContain('"revealed":false');
  });
});

describe('cases list plan on SQLite', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('serves the case list (status + township filter, newest first) from the composite index', async () => {
    const township = await t.handle.db.selectFrom('orgUnits').select(['id', 'path']).where('name', '=', '牛佛镇').executeTakeFirstOrThrow();
    const compiled = caseListQuery(
      { scope: { permission: 'cases.read', paths: [township.path] }, ownerIds: [township.id], statuses: ['registered'] },
      { limit: 50, offset: 0, sort: 'received_desc' },
    ).compile(t.handle.db);
    const plan2 = t.handle.sqlite!.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as {
      detail: string;
    }[];
    const text = plan2.map((r) => r.detail).join('\n');
    expect(text).toMatch(/SEARCH c USING (COVERING )?INDEX cases_list_idx/);
    expect(text).not.toMatch(/SCAN c\b/);
  });
});
