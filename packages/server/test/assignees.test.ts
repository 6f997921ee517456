import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { createAccount, unitId } from './fixtures.js';
import { userHoldsPermission } from '../src/platform/assignees.js';
import { createCasesService } from '../src/modules/cases/cases.service.js';

/**
 * Who may be put in charge of a record: an assignee or approver must already hold the permission over the
 * record's unit, and being assigned grants no access of its own.
 */
describe.each(TEST_DATABASES)('assignees and approvers on %s', (kind) => {
  let t: TestApp;
  let niufo: TestSession;
  let dongcheng: TestSession;
  const ids: Record<string, string> = {};
  let seq = 0;

  const register = (s: TestSession, over: Record<string, unknown> = {}) =>
    s.inject({
      method: 'POST',
      url: '/api/cases',
      payload: {
        channel: 'visit',
        receivedDate: '2026-11-27',
        category: 'marriage_family',
        summary: `指派测试 ${++seq}`,
        applicant: { name: `指派测试人${seq}`, gender: 'female', residenceOrgId: ids.dashan },
        ...over,
      },
    });

  beforeAll(async () => {
    t = await buildTestApp(kind);
    niufo = await t.login('niufo');
    dongcheng = await t.login('dongcheng');
    for (const u of await t.handle.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
    ids.dashan = await unitId(t, '大山村');
  });
  afterAll(() => t.close());

  it('refuses an assignee who holds no cases permission over the case unit, on registration and on edit (400 naming the field)', async () => {
    for (const who of ['dongcheng', 'police', 'auditor', 'sysadmin', 'liaison', 'programme']) {
      const res = await register(niufo, { assigneeUserId: ids[who] });
      expect(res.statusCode, who).toBe(400);
      expect(res.json().fields, who).toEqual([{ path: 'assigneeUserId', message: '承办人须为对承办单位有信访办理权限的在用账户' }]);
    }
    expect(await t.handle.db.selectFrom('cases').select('id').execute()).toHaveLength(0);

    // Herself, or the district rights officer whose scope covers 牛佛镇: accepted.
    expect((await register(niufo, { assigneeUserId: ids.niufo })).statusCode).toBe(201);
    const c = (await register(niufo, { assigneeUserId: ids.rights })).json();
    const patch = (assigneeUserId: string) => niufo.inject({ method: 'PATCH', url: `/api/cases/${c.id}`, payload: { assigneeUserId } });
    for (const who of ['dongcheng', 'police', 'auditor']) {
      const res = await patch(ids[who]);
      expect(res.statusCode, who).toBe(400);
      expect(res.json().fields[0].path).toBe('assigneeUserId');
    }
    expect((await patch(ids.niufo)).json().assigneeName).toBe('赵秀英（牛佛镇妇联主席）');

    // A disabled account holds nothing, whatever its roles.
    const helper = await createAccount(t, 'niufo2', 'township_chair', '牛佛镇');
    expect((await patch(helper.userId)).statusCode).toBe(200);
    const sys = await t.login('sysadmin');
    expect((await sys.inject({ method: 'PATCH', url: `/api/users/${helper.userId}`, payload: { active: false } })).statusCode).toBe(200);
    expect((await patch(helper.userId)).json().fields[0].path).toBe('assigneeUserId');
    expect((await register(niufo, { assigneeUserId: helper.userId })).statusCode).toBe(400);
  });

  it('gives an assignee outside the case scope no access at all: read, edit, actions and lists all 404 or omit it', async () => {
    const c = (await register(niufo, { summary: '牛佛镇事项，曾被指派给东城街道' })).json();
    // An assignment made before the rule existed (or written around it) must still open nothing.
    await t.handle.db.updateTable('cases').set({ assigneeUserId: ids.dongcheng }).where('id', '=', c.id).execute();
    expect((await dongcheng.inject({ url: `/api/cases/${c.id}` })).statusCode).toBe(404);
    expect((await dongcheng.inject({ method: 'PATCH', url: `/api/cases/${c.id}`, payload: { summary: '改' } })).statusCode).toBe(404);
    expect(
      (
        await dongcheng.inject({
          method: 'POST',
          url: `/api/cases/${c.id}/actions`,
          payload: { kind: 'consultation', date: '2026-11-28', note: '越权记录' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await dongcheng.inject({ method: 'POST', url: `/api/cases/${c.id}/accept`, payload: { date: '2026-11-28' } })).statusCode).toBe(
      404,
    );
    const list = await dongcheng.inject({ url: '/api/cases?pageSize=200' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(c.id);
    expect(list.body).not.toContain(c.caseNo);
    const overdue = await dongcheng.inject({ url: '/api/cases/overdue' });
    expect(overdue.body).not.toContain(c.id);
    expect(await t.handle.db.selectFrom('caseActions').select('id').where('caseId', '=', c.id).execute()).toHaveLength(0);
  });

  it('stops the deadline reminders of an assignee whose role was taken away; her leaders still get them', async () => {
    const helper = await createAccount(t, 'niufo3', 'township_chair', '牛佛镇');
    const c = (
      await register(niufo, { receivedDate: '2026-11-10', summary: '提醒测试：超过受理期限', assigneeUserId: helper.userId })
    ).json();
    const sec = await t.login('secadmin');
    const grant = (await sec.inject({ url: `/api/users/${helper.userId}` })).json().roles[0];
    expect((await sec.inject({ method: 'DELETE', url: `/api/users/${helper.userId}/roles/${grant.id}` })).statusCode).toBe(200);
    await createCasesService(t.app.jinguo.deps).runDaily();
    const notes = await t.handle.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.userId')
      .select('users.username')
      .where('notifications.title', 'like', `%${c.caseNo}%`)
      .execute();
    const told = notes.map((n) => n.username);
    expect(told).toContain('niufo');
    expect(told).not.toContain('niufo3');
  });

  it('answers "holds P over U" from the roles of an active account (one helper for every module)', async () => {
    const unit = async (name: string) =>
      (await t.handle.db.selectFrom('orgUnits').select('path').where('name', '=', name).executeTakeFirstOrThrow()).path;
    const db = t.handle.db;
    expect(await userHoldsPermission(db, ids.niufo, 'cases.write', await unit('大山村'))).toBe(true);
    expect(await userHoldsPermission(db, ids.niufo, 'cases.write', await unit('东兴社区'))).toBe(false);
    expect(await userHoldsPermission(db, ids.niufo, 'cases.dv.read', await unit('大山村'))).toBe(false);
    expect(await userHoldsPermission(db, ids.chair, 'funds.approve', await unit('东城街道'))).toBe(true);
    expect(await userHoldsPermission(db, ids.police, 'cases.read', await unit('东城派出所'))).toBe(false);
    expect(await userHoldsPermission(db, '01900000-0000-7000-8000-000000000000', 'cases.read', await unit('大山村'))).toBe(false);
  });

  it('refuses a fund disbursement approved by a disabled leader or by a leader whose scope misses the account', async () => {
    const finance = await t.login('finance');
    const account = await finance.inject({
      method: 'POST',
      url: '/api/funds/accounts',
      payload: { code: 'ASSIGN_TEST', name: '指派测试账户', kind: 'cash' },
    });
    expect(account.statusCode).toBe(201);
    const donation = await finance.inject({
      method: 'POST',
      url: '/api/funds/donations',
      payload: {
        source: 'donation',
        donorKind: 'organisation',
        donorName: '某公司',
        accountId: account.json().id,
        amountFen: 100000,
        donatedOn: '2026-03-01',
      },
    });
    expect(donation.statusCode).toBe(201);
    const pay = (approvedBy: string) =>
      finance.inject({
        method: 'POST',
        url: '/api/funds/disbursements',
        payload: {
          accountId: account.json().id,
          recipientKind: 'event',
          recipientEventName: '慰问活动',
          method: 'cash',
          amountFen: 1000,
          paidOn: '2026-04-01',
          approvedBy,
          purpose: '慰问',
        },
      });
    const townLeader = await createAccount(t, 'dcleader', 'federation_leader', '东城街道');
    expect((await pay(townLeader.userId)).json().fields).toEqual([
      { path: 'approvedBy', message: '审批人须为对该账户有拨付审批权限的人员' },
    ]);
    const leader = await createAccount(t, 'leader2', 'federation_leader', '510399');
    expect((await pay(leader.userId)).statusCode).toBe(201);
    const sys = await t.login('sysadmin');
    expect((await sys.inject({ method: 'PATCH', url: `/api/users/${leader.userId}`, payload: { active: false } })).statusCode).toBe(200);
    const refused = await pay(leader.userId);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields[0].path).toBe('approvedBy');
  });
});
