// The role × route matrix's entries for 任务下发 and 通知公告 (test code only). The fixture sends one task and one
// notice from the district to its townships and streets; the neighbour district has copies.
import type { Role } from '@jinguo/domain';
import type { Entry, Want } from './role-matrix.table.js';
import { bad, notFound, PAST, REFUSED, UNKNOWN_ID } from './role-matrix.want.js';

/**
 * The district's own roles see a township's answer inside their scope, but the sender never fills in for a target:
 * 403 there (a township chair answers her own unit's).
 */
const SENDER_ROLES: Role[] = [
  'federation_leader',
  'rights_officer',
  'programme_officer',
  'finance_officer',
  'organisation_officer',
  'statistician',
];
const senderRefused = Object.fromEntries(SENDER_ROLES.map((r) => [r, { inside: 403 }])) as Partial<Record<Role, { inside: Want }>>;
const answerParams = (c: { row: { taskId?: unknown; id: string } }) => ({ id: String(c.row.taskId), answerId: c.row.id });

export const MATRIX_TASKS: Record<string, Entry> = {
  'GET /api/tasks': { permission: 'tasks.read', query: () => 'box=sent&pageSize=200', ok: 200, leak: 'task' },
  // A deadline in the past: refused after the sender unit is found in the caller's scope.
  'POST /api/tasks': {
    permission: 'tasks.write',
    body: (c) => ({
      ownerOrgId: c.self.unitId || UNKNOWN_ID,
      title: '矩阵任务',
      deadline: PAST,
      targets: { mode: 'children' },
      fields: [{ key: 'women', label: '人数', type: 'persons' }],
    }),
    ok: bad('deadline'),
  },
  'GET /api/tasks/{id}': { permission: 'tasks.read', record: 'task', ok: 200 },
  'GET /api/tasks/{id}/merged': { permission: 'tasks.read', record: 'task', ok: 200 },
  'GET /api/tasks/{id}/merged/export': { permission: 'tasks.read', record: 'task', ok: 200 },
  'GET /api/tasks/{id}/template': { permission: 'tasks.read', record: 'task', ok: 200 },
  // An empty upload: refused naming the file. A target township sees the task but did not send it: 403.
  'POST /api/tasks/{id}/attachments': {
    permission: 'tasks.write',
    record: 'task',
    multipart: true,
    ok: bad('file'),
    roles: { township_chair: { inside: 403 } },
  },
  'GET /api/tasks/{id}/attachments/{fileId}': {
    permission: 'tasks.read',
    record: 'task',
    params: () => ({ fileId: UNKNOWN_ID }),
    ok: notFound(/附件/),
    outside: notFound(/任务/),
  },
  'GET /api/tasks/{id}/answers/{answerId}': { permission: 'tasks.read', record: 'taskAnswer', params: answerParams, ok: 200 },
  // A head count that is not a number: refused naming the value.
  'PUT /api/tasks/{id}/answers/{answerId}': {
    permission: 'tasks.answer',
    record: 'taskAnswer',
    params: answerParams,
    body: () => ({ values: { women: '矩阵' } }),
    ok: bad('values.women'),
    roles: senderRefused,
  },
  'POST /api/tasks/{id}/answers/{answerId}/submit': {
    permission: 'tasks.answer',
    record: 'taskAnswer',
    params: answerParams,
    body: () => ({ values: { women: '矩阵' } }),
    ok: bad('values.women'),
    roles: senderRefused,
  },
  // Nothing was submitted: returning or approving is 409. A township is not the sender: 404 for it.
  'POST /api/tasks/{id}/answers/{answerId}/return': {
    permission: 'tasks.write',
    record: 'taskAnswer',
    params: answerParams,
    body: () => ({ reason: '矩阵' }),
    ok: 409,
    roles: { township_chair: { inside: 404 } },
  },
  'POST /api/tasks/{id}/answers/{answerId}/approve': {
    permission: 'tasks.write',
    record: 'taskAnswer',
    params: answerParams,
    body: () => ({}),
    ok: 409,
    roles: { township_chair: { inside: 404 } },
  },
  'POST /api/tasks/{id}/answers/{answerId}/forward': {
    permission: 'tasks.answer',
    record: 'taskAnswer',
    params: answerParams,
    body: () => ({ deadline: PAST, targets: { mode: 'children' } }),
    ok: bad('deadline'),
    roles: senderRefused,
  },
  // Not forwarded: nothing to add up (409).
  'POST /api/tasks/{id}/answers/{answerId}/merge': {
    permission: 'tasks.answer',
    record: 'taskAnswer',
    params: answerParams,
    ok: 409,
    roles: senderRefused,
  },
  'POST /api/tasks/{id}/answers/{answerId}/import': {
    permission: 'tasks.answer',
    record: 'taskAnswer',
    params: answerParams,
    multipart: true,
    ok: REFUSED,
    roles: senderRefused,
  },

  'GET /api/notices': { permission: 'tasks.read', query: () => 'box=sent&pageSize=200', ok: 200, leak: 'notice' },
  'POST /api/notices': {
    permission: 'tasks.write',
    body: (c) => ({
      ownerOrgId: c.self.unitId || UNKNOWN_ID,
      title: '矩阵通知',
      body: '矩阵',
      targets: { mode: 'chosen', unitIds: [UNKNOWN_ID] },
    }),
    ok: bad('targets.unitIds'),
  },
  'GET /api/notices/{id}': { permission: 'tasks.read', record: 'notice', ok: 200 },
  // The sender's units do not sign for their own notice (403); a recipient's reading is its receipt.
  'POST /api/notices/{id}/read': { permission: 'tasks.read', record: 'notice', ok: 403, roles: { township_chair: { inside: 200 } } },
  'POST /api/notices/{id}/attachments': {
    permission: 'tasks.write',
    record: 'notice',
    multipart: true,
    ok: bad('file'),
    roles: { township_chair: { inside: 403 } },
  },
  'GET /api/notices/{id}/attachments/{fileId}': {
    permission: 'tasks.read',
    record: 'notice',
    params: () => ({ fileId: UNKNOWN_ID }),
    ok: notFound(/附件/),
    outside: notFound(/通知公告/),
  },
};
