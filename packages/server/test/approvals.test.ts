import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { unitId } from './fixtures.js';

// The approval engine through its first kind, the case extension (信访工作条例第34条: the unit head approves),
// and 我的待办. The test clock stands at 2026-11-29 10:00 (Asia/Shanghai).
describe.each(TEST_DATABASES)('approvals: engine, case extension, deputies, settings, 我的待办 on %s', (kind) => {
  let t: TestApp;
  let rights: TestSession;
  let chair: TestSession;
  let statistician: TestSession;
  let niufo: TestSession;
  let dongcheng: TestSession;
  let seq = 0;
  const post = (s: TestSession, url: string, payload?: object) => s.inject({ method: 'POST', url, ...(payload && { payload }) });
  const userId = async (username: string) =>
    (await t.handle.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

  /** A case registered and accepted on 11-03 by the district's rights officer (due 2027-01-04). */
  async function acceptedCase(s: TestSession = rights, over: Record<string, unknown> = {}, accepted = '2026-11-03') {
    seq++;
    const res = await post(s, '/api/cases', {
      channel: 'phone',
      receivedDate: accepted,
      category: 'marriage_family',
      summary: `延期审批 ${seq}`,
      applicant: { name: `审批申请人${seq}`, gender: 'female', residenceOrgId: await unitId(t, '大山村') },
      ...over,
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    const id = res.json().id as string;
    expect((await post(s, `/api/cases/${id}/accept`, { date: accepted })).statusCode).toBe(200);
    return id;
  }
  async function requestOf(caseId: string) {
    return (
      await t.handle.db
        .selectFrom('approvalRequests')
        .selectAll()
        .where('subjectId', '=', caseId)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
  }
  const caseOf = async (s: TestSession, id: string) => (await s.inject({ url: `/api/cases/${id}` })).json();
  const inbox = async (s: TestSession, q = '') => (await s.inject({ url: `/api/inbox${q}` })).json();

  beforeAll(async () => {
    t = await buildTestApp(kind);
    rights = await t.login('rights');
    chair = await t.login('chair');
    statistician = await t.login('statistician');
    niufo = await t.login('niufo');
    dongcheng = await t.login('dongcheng');
  });
  afterAll(() => t.close());

  it('an extension waits for the unit head; approving it moves the deadline, once, with the decision kept and audited', async () => {
    const id = await acceptedCase();
    const asked = await post(rights, `/api/cases/${id}/extend`, { days: 30, reason: '需调查取证' });
    expect(asked.statusCode).toBe(200);
    // Nothing moves yet: the deadline is the 60-day one and the case says the request waits.
    expect(asked.json()).toMatchObject({ nextDueDate: '2027-01-04', extensionDays: null });
    expect(asked.json().events.at(-1)).toMatchObject({
      transition: 'extendRequest',
      reason: '申请延长30日：需调查取证（待单位负责人审批）',
    });
    expect((await post(rights, `/api/cases/${id}/extend`, { days: 10, reason: '再申请' })).json()).toMatchObject({
      statusCode: 409,
      message: '该事项已有信访事项延期申请在审批中',
    });
    const rid = await requestOf(id);

    const detail = (await chair.inject({ url: `/api/approvals/${rid}` })).json();
    expect(detail).toMatchObject({
      kind: 'case.extension',
      status: 'pending',
      currentStep: 1,
      stepCount: 1,
      link: `/cases/${id}`,
      summary: '延长30日：需调查取证',
      steps: [{ no: 1, label: '本级单位负责人（主席）', orgUnitName: '示例区妇联', deciders: ['王丽华（主席）'], state: 'current' }],
      can: { decide: true, decideFor: null, resubmit: false, withdraw: false },
    });
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual(['submit']);
    const chairInbox = await inbox(chair);
    expect(chairInbox.items.filter((i: { id: string }) => i.id === rid)).toMatchObject([{ source: 'approval', link: `/approvals/${rid}` }]);
    expect((await chair.inject({ url: '/api/inbox/count' })).json().total).toBe(chairInbox.counts.total);

    // Not hers to decide (the requester, an officer), the wrong step, a sibling township: refused, nothing written.
    expect((await post(rights, `/api/approvals/${rid}/decide`, { decision: 'approve', step: 1 })).json()).toMatchObject({
      statusCode: 409,
      message: '第1步由示例区妇联的本级单位负责人（主席）审批，不由您审批',
    });
    expect((await post(niufo, `/api/approvals/${rid}/decide`, { decision: 'approve', step: 1 })).statusCode).toBe(404);
    expect((await niufo.inject({ url: `/api/approvals/${rid}` })).json()).toMatchObject({
      statusCode: 404,
      message: '审批申请不存在或无权访问',
    });
    expect((await post(chair, `/api/approvals/${rid}/decide`, { decision: 'approve', step: 2 })).json()).toMatchObject({ statusCode: 409 });
    expect((await post(chair, `/api/approvals/${rid}/decide`, { decision: 'return', step: 1 })).json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'comment', message: '退回须写明理由' }],
    });
    expect((await post(chair, `/api/approvals/${rid}/decide`, { decision: 'maybe', step: 1 })).json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'decision' }],
    });
    expect((await caseOf(rights, id)).nextDueDate).toBe('2027-01-04');

    const approved = await post(chair, `/api/approvals/${rid}/decide`, { decision: 'approve', step: 1, comment: '同意延期' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', can: { decide: false }, steps: [{ state: 'done' }] });
    expect(approved.json().history.at(-1)).toMatchObject({
      action: 'approve',
      byName: '王丽华（主席）',
      onBehalfOfName: null,
      comment: '同意延期',
    });
    const c = await caseOf(rights, id);
    expect(c).toMatchObject({ nextDueDate: '2027-02-01', extensionDays: 30, extensionReason: '需调查取证' });
    expect(c.events.map((e: { transition: string }) => e.transition)).toEqual(['register', 'accept', 'extendRequest', 'extend']);
    // Deciding twice: the request is no longer pending.
    expect((await post(chair, `/api/approvals/${rid}/decide`, { decision: 'approve', step: 1 })).json()).toMatchObject({
      statusCode: 409,
      message: '该申请已批准，不能再审批',
    });
    expect((await post(rights, `/api/cases/${id}/extend`, { days: 5, reason: '再延' })).json().message).toContain('只能延长一次');
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select(['action', 'entityId'])
      .where('action', 'like', 'approval.%')
      .orderBy('seq')
      .execute();
    expect(audit.filter((a) => a.entityId === rid).map((a) => a.action)).toEqual(['approval.submit', 'approval.approve']);
    const decisions = await t.handle.db.selectFrom('approvalDecisions').select('action').where('requestId', '=', rid).execute();
    expect(decisions).toHaveLength(2);
    // The rights officer is told.
    const note = await t.handle.db
      .selectFrom('notifications')
      .select('title')
      .where('userId', '=', await userId('rights'))
      .execute();
    expect(note.map((n) => n.title)).toContain(`已批准：${detail.title}`);
  });

  it('a returned request leaves the deadline, says why on the case, waits in the requester’s 我的待办, and is fixed and resubmitted', async () => {
    const id = await acceptedCase();
    await post(rights, `/api/cases/${id}/extend`, { days: 30, reason: '情况复杂' });
    const rid = await requestOf(id);
    const returned = await post(chair, `/api/approvals/${rid}/decide`, { decision: 'return', step: 1, comment: '请写明需调查的具体事项' });
    expect(returned.json()).toMatchObject({ status: 'returned', statusLabel: '已退回' });
    const c = await caseOf(rights, id);
    expect(c).toMatchObject({ nextDueDate: '2027-01-04', extensionDays: null });
    expect(c.events.at(-1)).toMatchObject({ transition: 'extendReturn', reason: '延期申请被退回：请写明需调查的具体事项，办理期限不变' });
    // Approving a returned request, or asking again beside it, is refused.
    expect((await post(chair, `/api/approvals/${rid}/decide`, { decision: 'approve', step: 1 })).json()).toMatchObject({
      statusCode: 409,
      message: '该申请已退回，不能再审批',
    });
    expect((await post(rights, `/api/cases/${id}/extend`, { days: 30, reason: 'x' })).json().message).toBe(
      '该事项的信访事项延期申请已被退回，请在审批页修改后重新提交',
    );
    const mine = await inbox(rights, '?source=returned');
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(rid);
    expect(mine.items.find((i: { id: string }) => i.id === rid).note).toBe('王丽华（主席）退回：请写明需调查的具体事项');
    expect(mine.items.every((i: { source: string }) => i.source === 'returned')).toBe(true);
    // Only the requester resubmits; a bad fix names the field.
    expect((await post(chair, `/api/approvals/${rid}/resubmit`, {})).statusCode).toBe(409);
    expect((await post(rights, `/api/approvals/${rid}/resubmit`, { payload: { days: 40, reason: 'x' } })).json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'payload.days' }],
    });
    const again = await post(rights, `/api/approvals/${rid}/resubmit`, { payload: { days: 20, reason: '需走访三户邻居核实' } });
    expect(again.json()).toMatchObject({ status: 'pending', currentStep: 1, summary: '延长20日：需走访三户邻居核实' });
    expect((await inbox(rights, '?source=returned')).items.map((i: { id: string }) => i.id)).not.toContain(rid);
    await post(chair, `/api/approvals/${rid}/decide`, { decision: 'approve', step: 1 });
    expect(await caseOf(rights, id)).toMatchObject({ extensionDays: 20, nextDueDate: '2027-01-22' }); // 11-03 + 80 days (a Friday);
    const history = (await chair.inject({ url: `/api/approvals/${rid}` })).json().history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['submit', 'return', 'resubmit', 'approve']);
  });

  it('a rejected request leaves the deadline and says why; a withdrawn one too; the case may ask again', async () => {
    const id = await acceptedCase();
    await post(rights, `/api/cases/${id}/extend`, { days: 30, reason: '工作量大' });
    const rid = await requestOf(id);
    expect((await post(chair, `/api/approvals/${rid}/decide`, { decision: 'reject', step: 1 })).json().fields[0].message).toBe(
      '不同意须写明理由',
    );
    await post(chair, `/api/approvals/${rid}/decide`, { decision: 'reject', step: 1, comment: '工作量大不是延期理由' });
    const c = await caseOf(rights, id);
    expect(c).toMatchObject({ nextDueDate: '2027-01-04', extensionDays: null });
    expect(c.events.at(-1)).toMatchObject({ transition: 'extendReject', reason: '延期申请未获批准：工作量大不是延期理由，办理期限不变' });
    expect((await post(rights, `/api/approvals/${rid}/resubmit`, {})).json().message).toBe('该申请未批准，只有被退回的申请可以重新提交');
    expect((await post(rights, `/api/approvals/${rid}/withdraw`)).statusCode).toBe(409);

    expect((await post(rights, `/api/cases/${id}/extend`, { days: 15, reason: '需鉴定' })).statusCode).toBe(200);
    const second = await requestOf(id);
    expect(second).not.toBe(rid);
    expect((await post(chair, `/api/approvals/${second}/withdraw`)).json().message).toBe('只有申请人可以撤回');
    expect((await post(rights, `/api/approvals/${second}/withdraw`, { comment: '已调解' })).json().status).toBe('withdrawn');
    expect((await caseOf(rights, id)).events.at(-1)).toMatchObject({ transition: 'extendWithdraw' });
    expect((await post(chair, `/api/approvals/${second}/decide`, { decision: 'approve', step: 1 })).statusCode).toBe(409);
  });

  it('refuses the approval itself when the case was closed while the request waited (the deadline stays)', async () => {
    const id = await acceptedCase();
    await post(rights, `/api/cases/${id}/extend`, { days: 30, reason: '需调查' });
    const rid = await requestOf(id);
    const closed = await post(rights, `/api/cases/${id}/close`, {
      date: '2026-11-20',
      outcome: 'mediated',
      reply: '已调解',
      satisfaction: 'satisfied',
    });
    expect(closed.statusCode).toBe(200);
    const res = await post(chair, `/api/approvals/${rid}/decide`, { decision: 'approve', step: 1 });
    expect(res.json()).toMatchObject({ statusCode: 409, message: '该事项当前状态为“已办结”，不能再延期，请退回或不同意该申请' });
    expect((await chair.inject({ url: `/api/approvals/${rid}` })).json()).toMatchObject({
      status: 'pending',
      history: [{ action: 'submit' }],
    });
    expect(await caseOf(rights, id)).toMatchObject({ extensionDays: null });
    expect((await post(rights, `/api/approvals/${rid}/withdraw`)).json().status).toBe('withdrawn');
  });

  it('a head’s own request is not hers to approve; a township’s request goes to its chair, unseen by a sibling', async () => {
    const id = await acceptedCase(niufo);
    await post(niufo, `/api/cases/${id}/extend`, { days: 10, reason: '当事人外出' });
    const rid = await requestOf(id);
    const seen = (await niufo.inject({ url: `/api/approvals/${rid}` })).json();
    expect(seen).toMatchObject({
      steps: [{ orgUnitName: '牛佛镇', deciders: ['赵秀英（牛佛镇妇联主席）'] }],
      can: { decide: false, withdraw: true },
    });
    expect((await post(niufo, `/api/approvals/${rid}/decide`, { decision: 'approve', step: 1 })).json().message).toBe(
      '不能审批本人提交的申请',
    );
    // The district sees its township's requests; the other township does not, in the list or by id.
    expect((await chair.inject({ url: '/api/approvals?pageSize=200' })).json().items.map((i: { id: string }) => i.id)).toContain(rid);
    const sibling = (await dongcheng.inject({ url: '/api/approvals?pageSize=200' })).json();
    expect(sibling.items.map((i: { id: string }) => i.id)).not.toContain(rid);
    expect((await dongcheng.inject({ url: `/api/approvals/${rid}` })).statusCode).toBe(404);
    expect((await inbox(dongcheng)).items.map((i: { id: string }) => i.id)).not.toContain(rid);
    // An agency account and the 三员 have no approvals at all.
    expect((await (await t.login('police')).inject({ url: '/api/approvals' })).statusCode).toBe(403);
    expect((await (await t.login('sysadmin')).inject({ url: `/api/approvals/${rid}` })).statusCode).toBe(403);
    await post(niufo, `/api/approvals/${rid}/withdraw`);
  });

  it('代理: a deputy decides in the head’s stead only inside her period; both names recorded and audited', async () => {
    const statId = await userId('statistician');
    expect(
      (
        await post(chair, '/api/approvals/deputies', {
          deputyUserId: await userId('chair'),
          from: '2026-11-29',
          to: '2026-12-05',
          reason: '出差',
        })
      ).json(),
    ).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'deputyUserId', message: '不能指定本人为代理人' }],
    });
    expect(
      (
        await post(chair, '/api/approvals/deputies', {
          deputyUserId: await userId('police'),
          from: '2026-11-29',
          to: '2026-12-05',
          reason: '出差',
        })
      ).json(),
    ).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'deputyUserId' }],
    });
    expect(
      (await post(chair, '/api/approvals/deputies', { deputyUserId: statId, from: '2026-11-28', to: '2026-12-05', reason: '出差' })).json(),
    ).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'from', message: '开始日期不能早于今天' }],
    });
    expect(
      (await post(rights, '/api/approvals/deputies', { deputyUserId: statId, from: '2026-11-29', to: '2026-12-05', reason: '出差' }))
        .statusCode,
    ).toBe(403);
    // A period starting tomorrow gives her nothing today.
    const later = await post(chair, '/api/approvals/deputies', {
      deputyUserId: statId,
      from: '2026-11-30',
      to: '2026-12-05',
      reason: '学习',
    });
    expect(later.statusCode).toBe(201);
    const id = await acceptedCase();
    await post(rights, `/api/cases/${id}/extend`, { days: 30, reason: '需调查' });
    const rid = await requestOf(id);
    expect((await post(statistician, `/api/approvals/${rid}/decide`, { decision: 'approve', step: 1 })).statusCode).toBe(409);
    expect((await inbox(statistician, '?source=approval')).items).toHaveLength(0);
    expect(
      (await post(chair, '/api/approvals/deputies', { deputyUserId: statId, from: '2026-11-29', to: '2026-12-01', reason: '出差' })).json(),
    ).toMatchObject({
      statusCode: 409,
    });
    const laterId = later.json().mine[0].id as string;
    expect((await post(rights, `/api/approvals/deputies/${laterId}/revoke`)).statusCode).toBe(403);
    expect((await post(niufo, `/api/approvals/deputies/${laterId}/revoke`)).statusCode).toBe(404);
    expect((await post(chair, `/api/approvals/deputies/${laterId}/revoke`)).json().mine[0]).toMatchObject({
      revokedAt: expect.any(String),
      active: false,
    });

    const named = await post(chair, '/api/approvals/deputies', {
      deputyUserId: statId,
      from: '2026-11-29',
      to: '2026-12-05',
      reason: '出差',
    });
    expect(named.json().mine.find((d: { active: boolean }) => d.active)).toMatchObject({
      deputyName: '杨雪（统计员）',
      from: '2026-11-29',
    });
    const waiting = await inbox(statistician, '?source=approval');
    expect(waiting.items.find((i: { id: string }) => i.id === rid).note).toContain('（代理王丽华（主席））');
    const seen = (await statistician.inject({ url: `/api/approvals/${rid}` })).json();
    expect(seen).toMatchObject({ can: { decide: true, decideFor: '王丽华（主席）' } });
    expect(seen.steps[0].deciders).toEqual(['王丽华（主席）', '杨雪（统计员）（代理王丽华（主席））']);
    const decided = await post(statistician, `/api/approvals/${rid}/decide`, { decision: 'approve', step: 1, comment: '代为同意' });
    expect(decided.json().history.at(-1)).toMatchObject({ byName: '杨雪（统计员）', onBehalfOfName: '王丽华（主席）' });
    const row = await t.handle.db
      .selectFrom('approvalDecisions')
      .selectAll()
      .where('requestId', '=', rid)
      .where('action', '=', 'approve')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ decidedBy: statId, onBehalfOf: await userId('chair') });
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select(['action', 'detail'])
      .where('entityId', '=', rid)
      .where('action', '=', 'approval.approve')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(String(audit.detail))).toMatchObject({ onBehalfOf: await userId('chair') });
    const named2 = await t.handle.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', 'like', 'approval.deputy.%')
      .orderBy('seq')
      .execute();
    expect(named2.map((a) => a.action)).toEqual(['approval.deputy.name', 'approval.deputy.revoke', 'approval.deputy.name']);
    // Revoked, she decides no more.
    const current = named.json().mine.find((d: { active: boolean }) => d.active).id;
    await post(chair, `/api/approvals/deputies/${current}/revoke`);
    const id2 = await acceptedCase();
    await post(rights, `/api/cases/${id2}/extend`, { days: 30, reason: '需调查' });
    expect((await post(statistician, `/api/approvals/${await requestOf(id2)}/decide`, { decision: 'approve', step: 1 })).statusCode).toBe(
      409,
    );
    await post(rights, `/api/approvals/${await requestOf(id2)}/withdraw`);
  });

  it('the unit’s administrator configures the steps: two steps at the district, inherited by its townships; a request keeps the steps it started with', async () => {
    const district = await unitId(t, '示例区妇联');
    const niufoUnit = await unitId(t, '牛佛镇');
    const before = (await chair.inject({ url: `/api/approvals/settings?orgUnitId=${district}` })).json();
    expect(before).toMatchObject({
      canConfigure: true,
      kinds: [{ kind: 'case.extension', source: 'default', steps: [{ role: 'head', at: 'unit' }] }],
    });
    const put = (s: TestSession, payload: object) => s.inject({ method: 'PUT', url: '/api/approvals/settings', payload });
    expect((await put(rights, { orgUnitId: district, kind: 'case.extension', steps: [{ role: 'head', at: 'unit' }] })).statusCode).toBe(
      403,
    );
    expect(
      (await put(chair, { orgUnitId: district, kind: 'case.extension', steps: [{ role: 'head', at: 'parent' }] })).json(),
    ).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'steps', message: '第1步“上一级单位负责人（主席）”：上一级没有妇联组织' }],
    });
    expect((await put(chair, { orgUnitId: district, kind: 'case.extension', steps: [] })).json().fields[0]).toMatchObject({
      path: 'steps',
      message: '至少需要一个审批步骤',
    });
    expect(
      (await put(chair, { orgUnitId: await unitId(t, '大山村'), kind: 'case.extension', steps: [{ role: 'head', at: 'unit' }] })).json()
        .fields[0].path,
    ).toBe('orgUnitId');
    // An id outside every scope of the caller: 404 (the township chair cannot configure the district).
    expect((await put(niufo, { orgUnitId: district, kind: 'case.extension', steps: [{ role: 'head', at: 'unit' }] })).statusCode).toBe(403);

    const pending = await acceptedCase();
    await post(rights, `/api/cases/${pending}/extend`, { days: 30, reason: '设置前提交' });
    const oldRid = await requestOf(pending);

    const set = await put(chair, {
      orgUnitId: district,
      kind: 'case.extension',
      steps: [
        { role: 'head', at: 'unit' },
        { role: 'statistician', at: 'unit' },
      ],
    });
    expect(set.json().kinds[0]).toMatchObject({ source: 'own', steps: [{ role: 'head' }, { role: 'statistician' }] });
    const inherited = (await niufo.inject({ url: `/api/approvals/settings?orgUnitId=${niufoUnit}` })).json();
    expect(inherited).toMatchObject({ canConfigure: false, kinds: [{ source: 'inherited', sourceName: '示例区妇联' }] });
    expect(await t.handle.db.selectFrom('auditLog').select('action').where('action', '=', 'approval.settings').execute()).toHaveLength(1);

    // The request made before keeps its one step.
    expect((await chair.inject({ url: `/api/approvals/${oldRid}` })).json().stepCount).toBe(1);
    const id = await acceptedCase();
    await post(rights, `/api/cases/${id}/extend`, { days: 30, reason: '两步审批' });
    const rid = await requestOf(id);
    expect((await post(statistician, `/api/approvals/${rid}/decide`, { decision: 'approve', step: 1 })).statusCode).toBe(409);
    const first = (await post(chair, `/api/approvals/${rid}/decide`, { decision: 'approve', step: 1 })).json();
    expect(first).toMatchObject({
      status: 'pending',
      currentStep: 2,
      steps: [{ state: 'done' }, { state: 'current', deciders: ['杨雪（统计员）'] }],
    });
    expect((await caseOf(rights, id)).extensionDays).toBeNull();
    expect((await inbox(chair)).items.map((i: { id: string }) => i.id)).not.toContain(rid);
    expect((await inbox(statistician)).items.map((i: { id: string }) => i.id)).toContain(rid);
    expect((await post(chair, `/api/approvals/${rid}/decide`, { decision: 'approve', step: 1 })).json().message).toContain('第1步已经审批');
    await post(statistician, `/api/approvals/${rid}/decide`, { decision: 'approve', step: 2 });
    expect((await caseOf(rights, id)).extensionDays).toBe(30);
    await post(rights, `/api/approvals/${oldRid}/withdraw`);
    await put(chair, { orgUnitId: district, kind: 'case.extension', steps: [{ role: 'head', at: 'unit' }] });
  });

  it('我的待办 counts what waits for me: my decisions, my returned requests, the overdue cases I hold; filtered by source', async () => {
    const rightsId = await userId('rights');
    const chairBefore = (await inbox(chair)).counts.bySource.approval;
    const overdue = await acceptedCase(rights, { assigneeUserId: rightsId, receivedDate: '2026-06-01' }, '2026-06-01');
    const fresh = await acceptedCase(rights, { assigneeUserId: rightsId });
    const ask = await acceptedCase();
    await post(rights, `/api/cases/${ask}/extend`, { days: 30, reason: '待审批' });
    const ret = await acceptedCase();
    await post(rights, `/api/cases/${ret}/extend`, { days: 30, reason: '将被退回' });
    await post(chair, `/api/approvals/${await requestOf(ret)}/decide`, { decision: 'return', step: 1, comment: '理由不足' });

    const mine = await inbox(rights);
    const ids = mine.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(overdue);
    expect(ids).not.toContain(fresh);
    expect(ids).toContain(await requestOf(ret));
    expect(ids).not.toContain(await requestOf(ask));
    expect(mine.items.find((i: { id: string }) => i.id === overdue)).toMatchObject({
      source: 'overdue_case',
      link: `/cases/${overdue}`,
      dueDate: '2026-07-31',
      daysOverdue: 121,
    });
    expect(mine.counts.total).toBe(mine.items.length);
    expect(mine.counts.bySource).toMatchObject({ approval: 0, returned: 1, overdue_case: 1 });
    expect((await rights.inject({ url: '/api/inbox/count' })).json()).toEqual({ total: 2 });
    const onlyCases = await inbox(rights, '?source=overdue_case');
    expect(onlyCases.items.map((i: { id: string }) => i.id)).toEqual([overdue]);
    expect(onlyCases.counts.total).toBe(2);
    expect((await rights.inject({ url: '/api/inbox?source=nope' })).statusCode).toBe(400);

    const chairBox = await inbox(chair);
    expect(chairBox.counts.bySource.approval).toBe(chairBefore + 1);
    expect(chairBox.items.filter((i: { source: string }) => i.source === 'approval').map((i: { id: string }) => i.id)).toContain(
      await requestOf(ask),
    );
    await post(chair, `/api/approvals/${await requestOf(ask)}/decide`, { decision: 'approve', step: 1 });
    expect((await chair.inject({ url: '/api/inbox/count' })).json().total).toBe(chairBox.counts.total - 1);
    expect((await t.app.inject({ url: '/api/inbox' })).statusCode).toBe(401);
  });
});
