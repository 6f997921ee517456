import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDailyJobs } from '../src/app.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { createAccount, unitId } from './fixtures.js';
import { importFile, multipart, readXlsx, xlsx } from './excel-upload.js';

// Attachments are stored under the data directory: a temporary one for this file's app.
const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-tasks-test-'));
process.env.JINGUO_DATA_DIR = DATA_DIR;
afterAll(() => fs.rmSync(DATA_DIR, { recursive: true, force: true }));

const FIELDS = [
  { key: 'women', label: '培训妇女人数', type: 'persons', required: true },
  { key: 'funds', label: '投入资金', type: 'money' },
  { key: 'note', label: '备注', type: 'text' },
  { key: 'grade', label: '自评等级', type: 'choice', options: ['好', '中', '差'] },
  {
    key: 'events',
    label: '活动明细',
    type: 'table',
    columns: [
      { key: 'name', label: '活动名称', type: 'text' },
      { key: 'people', label: '参加人数', type: 'persons' },
    ],
  },
];
const TOWNS = { mode: 'kinds', kinds: ['township', 'street'] };

async function notices(t: TestApp, userId: string) {
  return t.handle.db.selectFrom('notifications').select(['title', 'dedupKey']).where('userId', '=', userId).execute();
}
async function auditCount(t: TestApp, action: string) {
  const r = await t.handle.db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe.each(TEST_DATABASES)('任务下发 on %s', (kind) => {
  let t: TestApp;
  let chair: TestSession;
  let niufo: TestSession;
  let dongcheng: TestSession;
  let rights: TestSession;
  let yongan: TestSession & { userId: string };
  let dashan: TestSession & { userId: string };
  let shiqiao: TestSession & { userId: string };
  const ids: Record<string, string> = {};
  let taskId = '';
  const answerOf: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp(kind);
    chair = await t.login('chair');
    niufo = await t.login('niufo');
    dongcheng = await t.login('dongcheng');
    rights = await t.login('rights');
    yongan = await createAccount(t, 'yongan', 'township_chair', '永安镇');
    dashan = await createAccount(t, 'dashan', 'township_chair', '大山村');
    shiqiao = await createAccount(t, 'shiqiao', 'township_chair', '石桥村');
    ids.root = (await t.handle.db.selectFrom('orgUnits').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id;
    ids.niufo = await unitId(t, '牛佛镇');
    ids.dongcheng = await unitId(t, '东城街道');
    ids.dashan = await unitId(t, '大山村');
  });
  afterAll(() => t.close());

  const task = (over: Record<string, unknown> = {}) => ({
    ownerOrgId: ids.root,
    title: '2026年巾帼培训情况统计',
    instructions: '请各镇街如实填报。',
    deadline: '2026-12-10',
    targets: TOWNS,
    fields: FIELDS,
    ...over,
  });

  it('creates a task: 401, 400 naming the field, 403 without tasks.write, 201 with one answer per target and the audit entry', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/tasks', payload: task() })).statusCode).toBe(401);
    const noOptions = await chair.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: task({ fields: [{ key: 'grade', label: '自评等级', type: 'choice' }] }),
    });
    expect(noOptions.statusCode).toBe(400);
    expect(noOptions.json().fields).toEqual([{ path: 'fields.0.options', message: '字段「自评等级」是单选，请填写选项' }]);
    const past = await chair.inject({ method: 'POST', url: '/api/tasks', payload: task({ deadline: '2026-11-01' }) });
    expect(past.statusCode).toBe(400);
    expect(past.json().fields[0].path).toBe('deadline');
    // A unit outside the sender's subtree (the township's sibling, chosen by the township) is refused by name.
    const sibling = await niufo.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: task({ ownerOrgId: ids.niufo, targets: { mode: 'chosen', unitIds: [ids.dongcheng] } }),
    });
    expect(sibling.statusCode).toBe(400);
    expect(sibling.json().fields[0].path).toBe('targets.unitIds');
    expect((await rights.inject({ method: 'POST', url: '/api/tasks', payload: task() })).statusCode).toBe(403);
    const before = await auditCount(t, 'task.create');
    const created = await chair.inject({ method: 'POST', url: '/api/tasks', payload: task() });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    taskId = body.id;
    expect(body.expected).toBe(16);
    expect(body.reported).toBe(0);
    expect(body.answers.map((a: { status: string }) => a.status)).toEqual(Array(16).fill('pending'));
    for (const a of body.answers) answerOf[a.orgUnitName] = a.id;
    expect(await auditCount(t, 'task.create')).toBe(before + 1);
  });

  it('a target sees only its own answer; a sibling’s answer is 404; the sender cannot fill in for a target', async () => {
    const mine = await niufo.inject({ url: `/api/tasks/${taskId}` });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().answers.map((a: { orgUnitName: string }) => a.orgUnitName)).toEqual(['牛佛镇']);
    expect(mine.json().answers[0].can).toEqual({ edit: true, decide: false, forward: true });
    expect((await niufo.inject({ url: `/api/tasks/${taskId}/answers/${answerOf['东城街道']}` })).statusCode).toBe(404);
    const write = await niufo.inject({
      method: 'PUT',
      url: `/api/tasks/${taskId}/answers/${answerOf['东城街道']}`,
      payload: { values: { women: 1 } },
    });
    expect(write.statusCode).toBe(404);
    const merged = await niufo.inject({ url: `/api/tasks/${taskId}/merged` });
    expect(merged.json().rows.map((r: { orgUnitName: string }) => r.orgUnitName)).toEqual(['牛佛镇']);
    const received = await niufo.inject({ url: '/api/tasks?box=received' });
    expect(received.json().items.map((i: { id: string; myStatus: string }) => [i.id, i.myStatus])).toEqual([[taskId, 'pending']]);
    const byChair = await chair.inject({
      method: 'PUT',
      url: `/api/tasks/${taskId}/answers/${answerOf['牛佛镇']}`,
      payload: { values: { women: 1 } },
    });
    expect(byChair.statusCode).toBe(403);
    // A department's liaison holds tasks.read but the task was not sent to her: 404.
    const liaison = await t.login('liaison');
    expect((await liaison.inject({ url: `/api/tasks/${taskId}` })).statusCode).toBe(404);
  });

  it('draft → submit → return with a reason → resubmit → approve; every illegal move is 409 naming the state', async () => {
    const url = `/api/tasks/${taskId}/answers/${answerOf['牛佛镇']}`;
    // 我的待办 of the township chair: the task to answer, linked to her unit's answer; never in the sender's.
    const todo = async (s: TestSession) =>
      ((await s.inject({ url: '/api/inbox?source=task' })).json().items as { id: string; link: string; note: string }[]).filter(
        (i) => i.id === answerOf['牛佛镇'],
      );
    expect((await todo(niufo)).map((i) => [i.link, i.note])).toEqual([[url.replace('/api', ''), '2026-12-10前填报']]);
    expect(await todo(chair)).toEqual([]);
    const bad = await niufo.inject({ method: 'PUT', url, payload: { values: { women: -3, grade: '优' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([
      { path: 'values.women', message: '「培训妇女人数」应为不小于0的整数人数' },
      { path: 'values.grade', message: '「自评等级」应为以下之一：好、中、差' },
    ]);
    const draft = await niufo.inject({
      method: 'PUT',
      url,
      payload: { values: { funds: 150000, events: [{ name: '家政培训', people: 40 }] } },
    });
    expect(draft.statusCode).toBe(200);
    expect(draft.json().status).toBe('draft');
    // Submitting without the required head count names it.
    const incomplete = await niufo.inject({ method: 'POST', url: `${url}/submit`, payload: {} });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().fields).toEqual([{ path: 'values.women', message: '「培训妇女人数」为必填项' }]);
    const notYet = await chair.inject({ method: 'POST', url: `${url}/approve`, payload: {} });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().message).toBe('填报当前为「草稿」状态，不能通过');
    const submitted = await niufo.inject({
      method: 'POST',
      url: `${url}/submit`,
      payload: {
        values: {
          women: 120,
          funds: 150000,
          grade: '好',
          events: [
            { name: '家政培训', people: 40 },
            { name: '电商培训', people: 35 },
          ],
        },
      },
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    expect(await todo(niufo)).toEqual([]);
    const again = await niufo.inject({ method: 'POST', url: `${url}/submit`, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('填报当前为「已提交」状态，不能提交');
    expect((await niufo.inject({ method: 'PUT', url, payload: { values: {} } })).json().message).toBe('填报当前为「已提交」状态，不能保存');
    // The target cannot decide on its own answer (no scope over the sender): 404.
    expect((await niufo.inject({ method: 'POST', url: `${url}/approve`, payload: {} })).statusCode).toBe(404);
    const noReason = await chair.inject({ method: 'POST', url: `${url}/return`, payload: { reason: ' ' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields[0]).toEqual({ path: 'reason', message: '退回理由不能为空' });
    const niufoUser = await t.handle.db.selectFrom('users').select('id').where('username', '=', 'niufo').executeTakeFirstOrThrow();
    const returned = await chair.inject({ method: 'POST', url: `${url}/return`, payload: { reason: '资金数与台账不符' } });
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '资金数与台账不符' });
    expect((await notices(t, niufoUser.id)).map((n) => n.title)).toContain('任务「2026年巾帼培训情况统计」的填报被退回');
    expect((await todo(niufo)).map((i) => i.note)).toEqual(['已退回：资金数与台账不符']);
    expect((await chair.inject({ method: 'POST', url: `${url}/approve`, payload: {} })).json().message).toBe(
      '填报当前为「已退回」状态，不能通过',
    );
    expect((await chair.inject({ method: 'POST', url: `${url}/return`, payload: { reason: '再退' } })).json().message).toBe(
      '填报当前为「已退回」状态，不能退回',
    );
    const fixed = await niufo.inject({
      method: 'POST',
      url: `${url}/submit`,
      payload: {
        values: {
          women: 120,
          funds: 120000,
          grade: '好',
          events: [
            { name: '家政培训', people: 40 },
            { name: '电商培训', people: 35 },
          ],
        },
      },
    });
    expect(fixed.json().status).toBe('submitted');
    const approved = await chair.inject({ method: 'POST', url: `${url}/approve`, payload: { comment: '已核' } });
    expect(approved.json().status).toBe('approved');
    expect((await chair.inject({ method: 'POST', url: `${url}/approve`, payload: {} })).json().message).toBe(
      '填报当前为「已通过」状态，不能通过',
    );
    expect((await chair.inject({ method: 'POST', url: `${url}/return`, payload: { reason: 'x' } })).statusCode).toBe(409);
    expect((await niufo.inject({ method: 'POST', url: `${url}/submit`, payload: {} })).statusCode).toBe(409);
    expect(await auditCount(t, 'answer.return')).toBe(1);
    expect(await auditCount(t, 'answer.approve')).toBe(1);
  });

  it('the sender sees 已报/应报, who is late, and the merged result with totals as a page and an Excel file', async () => {
    const dc = `/api/tasks/${taskId}/answers/${answerOf['东城街道']}`;
    await dongcheng.inject({
      method: 'POST',
      url: `${dc}/submit`,
      payload: { values: { women: 30, funds: 5050, events: [{ name: '宣讲', people: 12 }] } },
    });
    let status = (await chair.inject({ url: `/api/tasks/${taskId}` })).json();
    expect([status.reported, status.expected, status.lateCount]).toEqual([2, 16, 0]);
    const merged = (await chair.inject({ url: `/api/tasks/${taskId}/merged` })).json();
    expect(merged.rows).toHaveLength(16);
    expect(merged.totals).toEqual({ women: 150, funds: 125050, 'events#rows': 3, 'events.people': 87 });
    const res = await chair.inject({ url: `/api/tasks/${taskId}/merged/export` });
    expect(res.statusCode).toBe(200);
    const sheet = await readXlsx(res);
    expect(sheet[0]).toEqual([
      '单位',
      '状态',
      '培训妇女人数',
      '投入资金（元）',
      '备注',
      '自评等级',
      '活动明细（行数）',
      '活动明细·参加人数（合计）',
    ]);
    const total = sheet[sheet.length - 1];
    expect(total.slice(0, 4)).toEqual(['合计（已报2/应报16）', undefined, 150, 1250.5]);
    expect(total.slice(6)).toEqual([3, 87]);
    const niufoRow = sheet.find((r) => r[0] === '牛佛镇')!;
    expect(niufoRow.slice(1, 4)).toEqual(['已通过', 120, 1200]);
    // After the deadline the 14 units that have not reported are late; the two that did on time are not.
    // (A fresh session: days later the morning's ones have timed out.)
    t.clock.set('2026-12-11T02:00:00.000Z');
    status = (await (await t.login('chair')).inject({ url: `/api/tasks/${taskId}` })).json();
    expect(status.lateCount).toBe(14);
    expect(status.answers.filter((a: { late: boolean }) => a.late)).toHaveLength(14);
    t.clock.set('2026-11-29T02:00:00.000Z');
  });

  const HEADERS = ['培训妇女人数', '投入资金', '备注', '自评等级', '活动明细·活动名称', '活动明细·参加人数'];

  it('Excel answer: the form as a template of fixed layout; a bad file is refused by row and column with nothing written, a good one saves a draft', async () => {
    const template = await yongan.inject({ url: `/api/tasks/${taskId}/template` });
    expect(template.statusCode).toBe(200);
    expect((await readXlsx(template))[0]).toEqual(HEADERS);
    const url = `/api/tasks/${taskId}/answers/${answerOf['永安镇']}/import`;
    const bad = await importFile(
      yongan,
      url,
      await xlsx(HEADERS, [
        ['abc', '100', '', '好', '家政培训', '10'],
        ['', '', '', '', '电商讲座', '八'],
        ['5', '', '', '', '宣讲', '3'],
      ]),
    );
    expect(bad.job?.status).toBe('failed');
    expect(bad.job?.result.errors?.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, '培训妇女人数', '应为整数'],
      [3, '活动明细·参加人数', '应为整数'],
    ]);
    let answer = (await yongan.inject({ url: `/api/tasks/${taskId}/answers/${answerOf['永安镇']}` })).json();
    expect([answer.status, answer.values]).toEqual(['pending', {}]);
    const scalarLater = await importFile(
      yongan,
      url,
      await xlsx(HEADERS, [
        ['25', '100', '', '好', '家政培训', '10'],
        ['5', '', '', '', '宣讲', '3'],
      ]),
    );
    expect(scalarLater.job?.result.errors?.map((e) => [e.row, e.column, e.message])).toEqual([
      [3, '培训妇女人数', '单项数值只在第一行填写'],
    ]);
    const good = await importFile(
      yongan,
      url,
      await xlsx(HEADERS, [
        ['25', '100.50', '按时完成', '中', '家政培训', '10'],
        ['', '', '', '', '电商讲座', '8'],
      ]),
    );
    expect(good.job?.status).toBe('succeeded');
    answer = (await yongan.inject({ url: `/api/tasks/${taskId}/answers/${answerOf['永安镇']}` })).json();
    expect(answer.status).toBe('draft');
    expect(answer.values).toEqual({
      women: 25,
      funds: 10050,
      note: '按时完成',
      grade: '中',
      events: [
        { name: '家政培训', people: 10 },
        { name: '电商讲座', people: 8 },
      ],
    });
    // Another unit's answer cannot be uploaded into.
    expect(
      (await importFile(yongan, `/api/tasks/${taskId}/answers/${answerOf['东城街道']}/import`, await xlsx(HEADERS, []))).res.statusCode,
    ).toBe(404);
  });

  it('cascade: a township forwards to its villages, adds up their answers and submits the sum; the district sees who waits on whom', async () => {
    const created = await chair.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: task({ title: '留守儿童关爱情况', deadline: '2026-12-20' }),
    });
    const parent = created.json();
    const niufoAnswer = parent.answers.find((a: { orgUnitName: string }) => a.orgUnitName === '牛佛镇').id;
    const fwd = `/api/tasks/${parent.id}/answers/${niufoAnswer}/forward`;
    const late = await niufo.inject({ method: 'POST', url: fwd, payload: { deadline: '2026-12-25', targets: { mode: 'children' } } });
    expect(late.statusCode).toBe(400);
    expect(late.json().fields[0]).toEqual({ path: 'deadline', message: '下级的截止日期不能晚于上级任务的截止日期（2026-12-20）' });
    const forwarded = await niufo.inject({ method: 'POST', url: fwd, payload: { deadline: '2026-12-15', targets: { mode: 'children' } } });
    expect(forwarded.statusCode).toBe(201);
    const child = forwarded.json();
    expect(child.parentTaskId).toBe(parent.id);
    expect(child.answers.map((a: { orgUnitName: string }) => a.orgUnitName)).toEqual(['大山村', '石桥村']);
    expect(
      (await niufo.inject({ method: 'POST', url: fwd, payload: { deadline: '2026-12-15', targets: { mode: 'children' } } })).statusCode,
    ).toBe(409);
    const merge = `/api/tasks/${parent.id}/answers/${niufoAnswer}/merge`;
    expect((await niufo.inject({ method: 'POST', url: merge })).json().message).toBe('下级单位还没有已提交的填报，无可汇总');
    const village = (name: string) => child.answers.find((a: { orgUnitName: string }) => a.orgUnitName === name).id;
    await dashan.inject({
      method: 'POST',
      url: `/api/tasks/${child.id}/answers/${village('大山村')}/submit`,
      payload: { values: { women: 12, funds: 30000, events: [{ name: '走访', people: 6 }] } },
    });
    let waiting = (await chair.inject({ url: `/api/tasks/${parent.id}` }))
      .json()
      .answers.find((a: { id: string }) => a.id === niufoAnswer).forward;
    expect(waiting).toEqual({
      taskId: child.id,
      expected: 2,
      reported: 1,
      waiting: [{ orgUnitId: expect.any(String), orgUnitName: '石桥村' }],
    });
    // A village never sees its sibling village's answer.
    expect(
      (await dashan.inject({ url: `/api/tasks/${child.id}` })).json().answers.map((a: { orgUnitName: string }) => a.orgUnitName),
    ).toEqual(['大山村']);
    await shiqiao.inject({
      method: 'POST',
      url: `/api/tasks/${child.id}/answers/${village('石桥村')}/submit`,
      payload: { values: { women: 8, funds: 1250, events: [{ name: '讲座', people: 20 }] } },
    });
    const merged = await niufo.inject({ method: 'POST', url: merge });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().status).toBe('draft');
    expect(merged.json().values).toEqual({
      women: 20,
      funds: 31250,
      note: null,
      grade: null,
      events: [
        { name: '走访', people: 6 },
        { name: '讲座', people: 20 },
      ],
    });
    expect(
      (await niufo.inject({ method: 'POST', url: `/api/tasks/${parent.id}/answers/${niufoAnswer}/submit`, payload: {} })).json().status,
    ).toBe('submitted');
    waiting = (await chair.inject({ url: `/api/tasks/${parent.id}` }))
      .json()
      .answers.find((a: { id: string }) => a.id === niufoAnswer).forward;
    expect(waiting).toMatchObject({ expected: 2, reported: 2, waiting: [] });
    const totals = (await chair.inject({ url: `/api/tasks/${parent.id}/merged` })).json().totals;
    expect(totals).toEqual({ women: 20, funds: 31250, 'events#rows': 2, 'events.people': 26 });
    // The district sees the township's child task among the tasks sent inside its scope.
    expect((await chair.inject({ url: '/api/tasks?box=sent' })).json().items.map((i: { id: string }) => i.id)).toContain(child.id);
  });

  it('通知公告: sent down with an attachment; read receipts per unit; the sender sees the units that have not read it', async () => {
    const empty = await chair.inject({
      method: 'POST',
      url: '/api/notices',
      payload: { ownerOrgId: ids.root, title: '', body: '正文', targets: TOWNS },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().fields[0]).toEqual({ path: 'title', message: '公告标题不能为空' });
    expect(
      (
        await rights.inject({
          method: 'POST',
          url: '/api/notices',
          payload: { ownerOrgId: ids.root, title: 'x', body: 'y', targets: TOWNS },
        })
      ).statusCode,
    ).toBe(403);
    const created = await chair.inject({
      method: 'POST',
      url: '/api/notices',
      payload: { ownerOrgId: ids.root, title: '关于开展三八节活动的通知', body: '各镇街妇联：……', targets: TOWNS },
    });
    expect(created.statusCode).toBe(201);
    const n = created.json();
    expect(n.unread).toHaveLength(16);
    const pdf = Buffer.from('%PDF-1.4\n%jinguo\n');
    const upload = await chair.inject({
      method: 'POST',
      url: `/api/notices/${n.id}/attachments`,
      ...multipart(pdf, '活动方案.pdf', 'file', 'application/pdf'),
    });
    expect(upload.statusCode).toBe(200);
    const file = upload.json().files[0];
    expect(file).toMatchObject({ fileName: '活动方案.pdf', size: pdf.length });
    const exe = await chair.inject({
      method: 'POST',
      url: `/api/notices/${n.id}/attachments`,
      ...multipart(pdf, 'x.exe', 'file', 'application/octet-stream'),
    });
    expect(exe.statusCode).toBe(400);
    expect((await niufo.inject({ method: 'POST', url: `/api/notices/${n.id}/attachments`, ...multipart(pdf, 'a.pdf') })).statusCode).toBe(
      403,
    );
    const got = await niufo.inject({ url: `/api/notices/${n.id}/attachments/${file.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    const received = (await niufo.inject({ url: '/api/notices?box=received' })).json().items;
    expect(received.map((i: { id: string; readByMe: boolean }) => [i.id, i.readByMe])).toEqual([[n.id, false]]);
    const read = await niufo.inject({ method: 'POST', url: `/api/notices/${n.id}/read` });
    expect(read.statusCode).toBe(200);
    expect(read.json().recipients).toEqual([
      { orgUnitId: ids.niufo, orgUnitName: '牛佛镇', readAt: '2026-11-29T02:00:00.000Z', readByName: '赵秀英（牛佛镇妇联主席）' },
    ]);
    const sender = (await chair.inject({ url: `/api/notices/${n.id}` })).json();
    expect(sender.unread).toHaveLength(15);
    expect(sender.unread.map((u: { orgUnitName: string }) => u.orgUnitName)).not.toContain('牛佛镇');
    expect(
      (await dongcheng.inject({ url: `/api/notices/${n.id}` })).json().recipients.map((r: { orgUnitName: string }) => r.orgUnitName),
    ).toEqual(['东城街道']);
    const liaison = await t.login('liaison');
    expect((await liaison.inject({ url: `/api/notices/${n.id}` })).statusCode).toBe(404);
    expect((await liaison.inject({ url: `/api/notices/${n.id}/attachments/${file.id}` })).statusCode).toBe(404);
    expect(await auditCount(t, 'notice.read')).toBe(1);
    // A township chair signs for her township only, not for the villages below it that the notice also went to.
    const deep = await chair.inject({
      method: 'POST',
      url: '/api/notices',
      payload: {
        ownerOrgId: ids.root,
        title: '关于村级妇联换届的通知',
        body: '……',
        targets: { mode: 'kinds', kinds: ['township', 'village'] },
      },
    });
    const signed = (await niufo.inject({ method: 'POST', url: `/api/notices/${deep.json().id}/read` })).json();
    expect(signed.recipients.map((r: { orgUnitName: string; readAt: string | null }) => [r.orgUnitName, !!r.readAt])).toEqual([
      ['牛佛镇', true],
      ['大山村', false],
      ['石桥村', false],
    ]);
  });

  it('reminders: the daily job tells an unreported unit’s people once before the deadline and once when late', async () => {
    const mine = async () => (await notices(t, yongan.userId)).filter((n) => n.title.startsWith('任务「2026年巾帼培训情况统计」'));
    const dc = await t.handle.db.selectFrom('users').select('id').where('username', '=', 'dongcheng').executeTakeFirstOrThrow();
    t.clock.set('2026-12-06T02:00:00.000Z'); // four days before: nothing yet
    await runDailyJobs(t.app);
    expect(await mine()).toEqual([]);
    t.clock.set('2026-12-08T02:00:00.000Z');
    await runDailyJobs(t.app);
    await runDailyJobs(t.app);
    expect((await mine()).map((n) => n.title)).toEqual(['任务「2026年巾帼培训情况统计」将于2026-12-10截止']);
    t.clock.set('2026-12-11T02:00:00.000Z');
    await runDailyJobs(t.app);
    t.clock.set('2026-12-12T02:00:00.000Z');
    await runDailyJobs(t.app);
    expect((await mine()).map((n) => n.title).sort()).toEqual(
      ['任务「2026年巾帼培训情况统计」将于2026-12-10截止', '任务「2026年巾帼培训情况统计」已逾期未报'].sort(),
    );
    // 东城街道 reported: nothing about this task.
    expect((await notices(t, dc.id)).filter((n) => n.title.startsWith('任务「2026年巾帼培训情况统计」'))).toEqual([]);
  });
});
