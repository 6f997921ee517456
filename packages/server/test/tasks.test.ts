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
    t.clock.set('2026-12-11T02:00:00.000Z');
    status = (await chair.inject({ url: `/api/tasks/${taskId}` })).json();
    expect(status.lateCount).toBe(14);
    expect(status.answers.filter((a: { late: boolean }) => a.late)).toHaveLength(14);
    t.clock.set('2026-11-29T02:00:00.000Z');
  });
});
