import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { CHANGED_PASSWORD, createAccount, unitId } from './fixtures.js';

/**
 * Petitions between levels: a province, its city, the city's two districts. 转送/交办 from the city to a district, the
 * district's 报结, the city's 督办 once overdue, every illegal step, and 复查 by the level above the handling unit, 复核
 * by the one above that.
 */
describe.each(TEST_DATABASES)('petitions between levels on %s', (kind) => {
  let t: TestApp;
  const s: Record<string, TestSession & { userId: string }> = {};
  const u: Record<string, string> = {};
  let seq = 0;

  async function register(session: TestSession, ownerOrgId?: string) {
    seq++;
    const res = await session.inject({
      method: 'POST',
      url: '/api/cases',
      payload: {
        channel: 'letter',
        receivedDate: '2026-11-20',
        category: 'marriage_family',
        summary: `来信反映区里的家庭纠纷 ${seq}`,
        ownerOrgId,
        applicant: { name: `来信人${seq}`, gender: 'female', residenceOrgId: u.village },
      },
    });
    if (res.statusCode !== 201) throw new Error(`register ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  }
  const get = (session: TestSession, id: string) => session.inject({ url: `/api/cases/${id}` });
  const post = (session: TestSession, url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    session.inject({ method: 'POST', url, payload, headers });
  const listIds = async (session: TestSession) =>
    ((await session.inject({ url: '/api/cases?pageSize=100' })).json().items as { id: string }[]).map((c) => c.id);
  const events = (res: { json: () => { events: { transition: string; reason: string | null }[] } }) => res.json().events;
  const notices = async (userId: string) =>
    (await t.handle.db.selectFrom('notifications').select(['title', 'link']).where('userId', '=', userId).execute()).map((n) => n.title);

  beforeAll(async () => {
    t = await buildTestApp(kind, { top: { level: 'PROVINCE', name: '示例省妇联', code: '510000' } });
    const sys = await t.login('sysadmin');
    const unit = async (payload: Record<string, unknown>) => {
      const res = await sys.inject({ method: 'POST', url: '/api/org/units', payload });
      if (res.statusCode !== 201) throw new Error(res.body);
      return res.json().id as string;
    };
    u.province = await unitId(t, '510000');
    u.city = await unit({ parentId: u.province, kind: 'federation', name: '示例市妇联', code: '510300' });
    u.a = await unit({ parentId: u.city, kind: 'federation', name: '自流井区妇联', code: '510302' });
    u.b = await unit({ parentId: u.city, kind: 'federation', name: '贡井区妇联', code: '510303' });
    u.town = await unit({ parentId: u.a, kind: 'township', name: '仲权镇', code: '510302100' });
    u.village = await unit({ parentId: u.town, kind: 'village', name: '仲权村', code: '510302100200' });
    u.dept = await unit({ parentId: u.city, kind: 'department', name: '市教育局' });
    s.provRights = await createAccount(t, 'provrights', 'rights_officer', '示例省妇联');
    s.cityRights = await createAccount(t, 'cityrights', 'rights_officer', '示例市妇联');
    s.cityChair = await createAccount(t, 'citychair', 'federation_leader', '示例市妇联');
    s.aRights = await createAccount(t, 'arights', 'rights_officer', '自流井区妇联');
    s.aChair = await createAccount(t, 'achair', 'federation_leader', '自流井区妇联');
    s.bRights = await createAccount(t, 'brights', 'rights_officer', '贡井区妇联');
  });
  afterAll(() => t.close());

  let source = '';
  let target = '';

  it('交办: the city assigns a registered petition to a district, which sees it with the instructions and due date', async () => {
    source = await register(s.cityRights);
    const targets = await s.cityRights.inject({ url: `/api/cases/${source}/handover-targets` });
    expect(targets.statusCode, targets.body).toBe(200);
    expect(targets.json().map((x: { name: string }) => x.name)).toEqual(['自流井区妇联', '贡井区妇联', '仲权镇']);
    const version = (await get(s.cityRights, source)).json().version;
    const res = await post(
      s.cityRights,
      `/api/cases/${source}/handover`,
      { kind: 'assign', toOrgId: u.a, instructions: '请自流井区妇联调查核实并于期限内报结', dueDate: '2026-12-05', date: '2026-11-21' },
      { 'if-match': `"${version}"` },
    );
    expect(res.statusCode, res.body).toBe(200);
    const sent = res.json();
    expect(sent.status).toBe('assigned');
    expect(sent.handoverOut).toMatchObject({
      kind: 'assign',
      fromOrgName: '示例市妇联',
      toOrgName: '自流井区妇联',
      status: 'sent',
      dueDate: '2026-12-05',
      sentDate: '2026-11-21',
      overdue: false,
      targetStatus: 'registered',
      result: null,
    });
    expect(sent.handoverIn).toBeNull();
    expect(events(res).at(-1)).toMatchObject({ transition: 'assign', reason: '交办自流井区妇联：请自流井区妇联调查核实并于期限内报结' });
    target = sent.handoverOut.targetCaseId;
    const audit = await t.handle.db.selectFrom('auditLog').selectAll().where('action', '=', 'case.assign').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entityType: 'case_handover', orgUnitId: u.city });
    expect(JSON.parse(audit.detail!)).toMatchObject({ caseId: source, to: '自流井区妇联', targetCaseId: target, dueDate: '2026-12-05' });
    expect(await notices(s.aChair.userId)).toContain(`示例市妇联交办：${sent.handoverOut.targetCaseNo}`);

    // The district: its own case, numbered by it, received the day it was assigned, with the city's instructions.
    expect(await listIds(s.aRights)).toEqual([target]);
    const mine = await get(s.aRights, target);
    expect(mine.json()).toMatchObject({
      ownerName: '自流井区妇联',
      caseNo: '2026-0001',
      channel: 'referred_in',
      receivedDate: '2026-11-21',
      status: 'registered',
      summary: '来信反映区里的家庭纠纷 1',
      handoverOut: null,
      handoverIn: {
        instructions: '请自流井区妇联调查核实并于期限内报结',
        dueDate: '2026-12-05',
        fromOrgName: '示例市妇联',
        sourceCaseNo: '2026-0001',
        sourceCaseId: null,
        status: 'sent',
      },
      can: { write: true, report: true, press: false, handover: true },
    });
    expect(mine.json().applicantName).toBe('来信人1');
    // The city's case id never reaches the district (its number does).
    expect(mine.body).not.toContain(source);
  });

  it('a sibling district never sees it; the city reads it but does not act on it', async () => {
    expect(await listIds(s.bRights)).toEqual([]);
    expect((await get(s.bRights, target)).statusCode).toBe(404);
    expect((await get(s.bRights, source)).statusCode).toBe(404);
    expect((await post(s.bRights, `/api/cases/${target}/handover/report`, { result: '已办', date: '2026-11-29' })).statusCode).toBe(404);
    expect((await get(s.aRights, source)).statusCode).toBe(404);
    expect((await post(s.aRights, `/api/cases/${source}/handover/press`, { note: '催办' })).statusCode).toBe(404);

    const seen = await get(s.cityRights, target);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().can).toMatchObject({ write: false, transitions: [], report: false, refer: false });
    const accept = await post(s.cityRights, `/api/cases/${target}/accept`, { date: '2026-11-22' });
    expect(accept.statusCode).toBe(409);
    expect(accept.json().message).toBe('该事项由自流井区妇联承办：上级妇联可以查看、督办，不能代为办理');
    expect((await post(s.cityRights, `/api/cases/${target}/handover/report`, { result: '代报', date: '2026-11-29' })).statusCode).toBe(409);
    expect((await get(s.aRights, target)).json().status).toBe('registered');
  });

  it('refuses a handover to a unit outside the subtree, not a federation, itself, or of a case no longer registered', async () => {
    const refused = async (session: TestSession, id: string, payload: Record<string, unknown>) => {
      const res = await post(session, `/api/cases/${id}/handover`, {
        kind: 'assign',
        instructions: '请办理',
        dueDate: '2026-12-20',
        ...payload,
      });
      return [res.statusCode, res.json().message, res.json().fields?.[0]?.path];
    };
    const own = await register(s.cityRights);
    expect(await refused(s.cityRights, own, { toOrgId: u.dept })).toEqual([
      409,
      '接收单位（toOrgId）须为示例市妇联以下在用的妇联组织（区县妇联、乡镇或街道）',
      undefined,
    ]);
    expect((await refused(s.cityRights, own, { toOrgId: u.city }))[0]).toBe(409);
    expect((await refused(s.cityRights, own, { toOrgId: u.province }))[0]).toBe(404);
    const districtCase = await register(s.aRights);
    expect((await refused(s.aRights, districtCase, { toOrgId: u.b }))[0]).toBe(404);
    expect(await refused(s.cityRights, source, { toOrgId: u.b })).toEqual([
      409,
      '当前状态为“已交办”，只有已登记（尚未受理）的事项可以交办',
      undefined,
    ]);
    expect(await refused(s.cityRights, own, { toOrgId: u.b, dueDate: null })).toEqual([
      400,
      expect.stringContaining('交办须填写报结期限'),
      'dueDate',
    ]);
    expect(await refused(s.cityRights, own, { toOrgId: u.b, date: '2026-11-25', dueDate: '2026-11-24' })).toEqual([
      400,
      expect.stringContaining('报结期限须晚于交办日期（2026-11-25）'),
      'dueDate',
    ]);
    // Nothing was written by the refusals: the case is still the city's, registered, with no handover.
    const after = (await get(s.cityRights, own)).json();
    expect(after).toMatchObject({ status: 'registered', handoverOut: null });
    expect(await listIds(s.bRights)).toEqual([]);
    // A stale If-Match is refused with 412 before anything is written.
    const stale = await post(
      s.cityRights,
      `/api/cases/${own}/handover`,
      { kind: 'transfer', toOrgId: u.b, instructions: '请办理' },
      { 'if-match': `"${after.version - 1}"` },
    );
    expect(stale.statusCode).toBe(412);
  });

  it('督办 only once overdue: an entry on both cases and notices to the district chair and the assignee', async () => {
    const early = await post(s.cityRights, `/api/cases/${source}/handover/press`, { note: '请抓紧办理' });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('尚未超过报结期限（2026-12-05），不能督办');
    // The district takes it on: assigns its officer, accepts, closes.
    const v = (await get(s.aRights, target)).json().version;
    const patched = await s.aRights.inject({
      method: 'PATCH',
      url: `/api/cases/${target}`,
      payload: { assigneeUserId: s.aRights.userId },
      headers: { 'if-match': `"${v}"` },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await post(s.aRights, `/api/cases/${target}/accept`, { date: '2026-11-22' })).statusCode).toBe(200);
    const closed = await post(s.aRights, `/api/cases/${target}/close`, {
      date: '2026-11-25',
      outcome: 'explained',
      reply: '已调查核实并向当事人解释',
      satisfaction: 'basically_satisfied',
    });
    expect(closed.statusCode, closed.body).toBe(200);

    t.clock.set('2026-12-07T02:00:00.000Z');
    // Eight days on, the sessions have ended: everyone logs in again.
    for (const [k, v] of Object.entries(s)) s[k] = { ...(await t.login(v.username, CHANGED_PASSWORD)), userId: v.userId };
    const sourceView = (await get(s.cityRights, source)).json();
    expect(sourceView.handoverOut).toMatchObject({ overdue: true, status: 'sent', targetStatus: 'closed' });
    expect(sourceView.can.press).toBe(true);
    const pressed = await post(s.cityRights, `/api/cases/${source}/handover/press`, { note: '请于三日内报结' });
    expect(pressed.statusCode, pressed.body).toBe(200);
    expect(pressed.json().handoverOut).toMatchObject({ pressCount: 1, lastPressedDate: '2026-12-07' });
    expect(events(pressed).at(-1)).toMatchObject({ transition: 'press', reason: '督办（报结期限2026-12-05）：请于三日内报结' });
    expect(events(await get(s.aRights, target)).at(-1)).toMatchObject({
      transition: 'press',
      reason: '示例市妇联督办（报结期限2026-12-05）：请于三日内报结',
    });
    const title = '督办：示例市妇联交办的2026-0001已超过报结期限（2026-12-05）';
    expect(await notices(s.aChair.userId)).toContain(title);
    expect(await notices(s.aRights.userId)).toContain(title);
    expect(await notices(s.bRights.userId)).not.toContain(title);
    const audit = await t.handle.db.selectFrom('auditLog').selectAll().where('action', '=', 'case.press').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toMatchObject({ caseId: source, dueDate: '2026-12-05', count: 1 });
    const backdated = await post(s.cityRights, `/api/cases/${source}/handover/press`, { note: '补记', date: '2026-12-04' });
    expect([backdated.statusCode, backdated.json().fields?.[0]?.path]).toEqual([400, 'date']);
  });

  it('报结: the district reports the result once; the city sees it; a second report or a press after it is refused', async () => {
    const res = await post(s.aRights, `/api/cases/${target}/handover/report`, {
      result: '已调查核实，向当事人解释政策',
      date: '2026-12-07',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().handoverIn).toMatchObject({ status: 'reported', reportedDate: '2026-12-07', reportedOnTime: false });
    expect(res.json().can.report).toBe(false);
    const seen = (await get(s.cityRights, source)).json();
    expect(seen.handoverOut).toMatchObject({
      status: 'reported',
      result: '已调查核实，向当事人解释政策',
      reportedDate: '2026-12-07',
      overdue: false,
    });
    expect(seen.can.press).toBe(false);
    expect(events({ json: () => seen }).at(-1)).toMatchObject({
      transition: 'report',
      reason: '自流井区妇联报结：已调查核实，向当事人解释政策',
    });
    expect(await notices(s.cityRights.userId)).toContain('自流井区妇联已报结：2026-0001');
    const again = await post(s.aRights, `/api/cases/${target}/handover/report`, { result: '再报', date: '2026-12-07' });
    expect([again.statusCode, again.json().message]).toEqual([409, '该事项已于2026-12-07报结，不能重复报结']);
    const press = await post(s.cityRights, `/api/cases/${source}/handover/press`, { note: '催' });
    expect([press.statusCode, press.json().message]).toEqual([409, '自流井区妇联已于2026-12-07报结，无需督办']);
    const notReceived = await post(s.cityRights, `/api/cases/${source}/handover/report`, { result: '报', date: '2026-12-07' });
    expect(notReceived.statusCode).toBe(409);
    expect(
      await t.handle.db
        .selectFrom('auditLog')
        .select('action')
        .where('action', 'in', ['case.assign', 'case.press', 'case.report'])
        .execute(),
    ).toHaveLength(3);
  });

  it('转送 without a due date: the district handles it; there is nothing to press', async () => {
    const id = await register(s.cityRights);
    const res = await post(s.cityRights, `/api/cases/${id}/handover`, {
      kind: 'transfer',
      toOrgId: u.b,
      instructions: '转贡井区妇联依法处理',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'transferred', handoverOut: { kind: 'transfer', dueDate: null, toOrgName: '贡井区妇联' } });
    expect(await listIds(s.bRights)).toEqual([res.json().handoverOut.targetCaseId]);
    expect(await listIds(s.aRights)).not.toContain(res.json().handoverOut.targetCaseId);
    const press = await post(s.cityRights, `/api/cases/${id}/handover/press`, { note: '催' });
    expect([press.statusCode, press.json().message]).toEqual([409, '该转送未设报结期限，不能督办']);
  });

  it('复查 is the city’s, 复核 the province’s: the district cannot review its own decision', async () => {
    const detail = (await get(s.aRights, target)).json();
    expect(detail).toMatchObject({ status: 'closed', reviewOrgName: '示例市妇联', rereviewOrgName: '示例省妇联' });
    expect(detail.can.transitions).toEqual(['reopen']);
    const own = await post(s.aRights, `/api/cases/${target}/requestReview`, { date: '2026-12-01', reason: '对答复不服' });
    expect([own.statusCode, own.json().message]).toEqual([
      409,
      '复查由示例市妇联受理和决定，承办单位不能复查自己的处理意见（信访工作条例第35、36条）',
    ]);
    const byProvince = await post(s.provRights, `/api/cases/${target}/requestReview`, { date: '2026-12-01', reason: '对答复不服' });
    expect([byProvince.statusCode, byProvince.json().message]).toEqual([409, '复查由示例市妇联受理和决定（信访工作条例第35、36条）']);
    expect((await get(s.cityRights, target)).json().can.transitions).toEqual(['requestReview']);

    const requested = await post(s.cityRights, `/api/cases/${target}/requestReview`, { date: '2026-12-01', reason: '对答复不服' });
    expect(requested.statusCode, requested.body).toBe(200);
    expect(
      (await post(s.aRights, `/api/cases/${target}/decideReview`, { date: '2026-12-03', result: 'upheld', reason: '维持' })).statusCode,
    ).toBe(409);
    const decided = await post(s.cityRights, `/api/cases/${target}/decideReview`, {
      date: '2026-12-03',
      result: 'upheld',
      reason: '维持原处理意见',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'review_decided', reviewResult: '维持：维持原处理意见' });

    const cityRe = await post(s.cityRights, `/api/cases/${target}/requestReReview`, { date: '2026-12-04', reason: '仍不服' });
    expect([cityRe.statusCode, cityRe.json().message]).toEqual([409, '复核由示例省妇联受理和决定（信访工作条例第35、36条）']);
    expect((await post(s.aRights, `/api/cases/${target}/requestReReview`, { date: '2026-12-04', reason: '仍不服' })).statusCode).toBe(409);
    expect((await post(s.provRights, `/api/cases/${target}/requestReReview`, { date: '2026-12-04', reason: '仍不服' })).statusCode).toBe(
      200,
    );
    const final = await post(s.provRights, `/api/cases/${target}/decideReReview`, {
      date: '2026-12-06',
      result: 'changed',
      reason: '变更处理意见',
    });
    expect(final.statusCode, final.body).toBe(200);
    expect(final.json()).toMatchObject({ status: 'final', rereviewResult: '变更：变更处理意见' });
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select(['action', 'actorName'])
      .where('action', 'in', ['case.requestReview', 'case.decideReview', 'case.requestReReview', 'case.decideReReview'])
      .execute();
    expect(audit.map((a) => `${a.action}:${a.actorName}`).sort()).toEqual(
      [
        'case.decideReReview:provrights',
        'case.decideReview:cityrights',
        'case.requestReReview:provrights',
        'case.requestReview:cityrights',
      ].sort(),
    );
  });

  it('a township’s case is reviewed by its district and re-reviewed by the city', async () => {
    await createAccount(t, 'townrights', 'rights_officer', '仲权镇');
    const id = await register(s.aRights, u.town);
    const d = (await get(s.aRights, id)).json();
    expect(d).toMatchObject({ ownerName: '仲权镇', reviewOrgName: '自流井区妇联', rereviewOrgName: '示例市妇联' });
  });
});
