// The role × route matrix's entries for the approval engine and 我的待办 (test code only).
import type { Entry } from './role-matrix.table.js';
import { bad, FUTURE, notFound, UNKNOWN_ID } from './role-matrix.want.js';

// A request is read through its subject's permission (a case extension: cases.read): the roles that read approvals
// but not cases find it nowhere, inside their unit or not.
const NO_CASES = { programme_officer: 404, finance_officer: 404, organisation_officer: 404, department_liaison: 404 } as const;

export const MATRIX_APPROVALS: Record<string, Entry> = {
  // Every account has an inbox; what it holds comes from the providers of the modules it may read.
  'GET /api/inbox': { permission: 'session', ok: 200, leak: 'approvalRequest' },
  'GET /api/inbox/count': { permission: 'session', ok: 200 },
  'GET /api/approvals': { permission: 'approvals.read', query: () => 'pageSize=200', ok: 200, leak: 'approvalRequest' },
  'GET /api/approvals/settings': { permission: 'approvals.read', ok: 200 },
  // A village cannot set steps (only a federation, township or street): refused after the scope check.
  'PUT /api/approvals/settings': {
    permission: 'approvals.configure',
    record: 'residence',
    body: (c) => ({ orgUnitId: c.id, kind: 'case.extension', steps: [{ role: 'head', at: 'unit' }] }),
    ok: bad('orgUnitId'),
  },
  'GET /api/approvals/deputies': { permission: 'approvals.read', ok: 200 },
  'POST /api/approvals/deputies': {
    permission: 'approvals.decide',
    // An account that does not exist cannot stand in for anyone: refused on the field after the permission check.
    body: () => ({ deputyUserId: UNKNOWN_ID, from: FUTURE, to: FUTURE, reason: '矩阵' }),
    ok: bad('deputyUserId'),
  },
  'POST /api/approvals/deputies/{id}/revoke': {
    permission: 'approvals.decide',
    params: () => ({ id: UNKNOWN_ID }),
    ok: notFound(/代理设置/),
  },
  // The fixture's requests are decided: every step on them is refused (409), inside the scope.
  'GET /api/approvals/{id}': { permission: 'approvals.read', record: 'approvalRequest', ok: 200, roles: NO_CASES },
  'POST /api/approvals/{id}/decide': {
    permission: 'approvals.read',
    record: 'approvalRequest',
    body: () => ({ decision: 'approve', step: 1 }),
    ok: 409,
    roles: NO_CASES,
  },
  'POST /api/approvals/{id}/resubmit': {
    permission: 'approvals.read',
    record: 'approvalRequest',
    body: () => ({}),
    ok: 409,
    roles: NO_CASES,
  },
  'POST /api/approvals/{id}/withdraw': { permission: 'approvals.read', record: 'approvalRequest', ok: 409, roles: NO_CASES },
};
