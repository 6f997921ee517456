// The role × route matrix's entries for parentschools (家长学校, 教材征订), budget (妇儿工委 and 两纲 funds) and
// children (关爱留守儿童): see role-matrix.table.ts for what an entry says. Test code only.
import { makeIdNumber } from './relief-funds-fixtures.js';
import type { Entry } from './role-matrix.table.js';
import { bad, FUTURE, notFound, PAST, REFUSED, UNKNOWN_ID } from './role-matrix.want.js';

/** A 14-year-old (on the register's dates): a left-behind child who needs no guardian consent. */
const CHILD_ID_NUMBER = makeIdNumber('2012-03-04', 35);

export const MATRIX_MODULES_B: Record<string, Entry> = {
  // ---------------------------------------------------------------- parentschools (家长学校, 教材征订)
  'GET /api/parentschools/sites': { permission: 'parentschools.read', query: () => 'pageSize=200', ok: 200, leak: 'parentSchoolSite' },
  'GET /api/parentschools/sites/export': { permission: 'parentschools.read', ok: 200 },
  'GET /api/parentschools/sites/template': { permission: 'parentschools.write', ok: 200 },
  'POST /api/parentschools/sites/import': { permission: 'parentschools.write', multipart: true, ok: REFUSED },
  'POST /api/parentschools/sites': {
    permission: 'parentschools.write',
    record: 'federation',
    // Inside: hosted by a school outside the caller's scope (its name would otherwise come back in the answer).
    body: (c) => ({
      ownerOrgId: c.id,
      name: '矩阵家长学校',
      kind: 'school',
      hostOrgId: c.other('school', 'outside').id,
      establishedOn: PAST,
    }),
    ok: bad('hostOrgId'),
    outside: bad('ownerOrgId'),
  },
  'GET /api/parentschools/sites/{id}': { permission: 'parentschools.read', record: 'parentSchoolSite', ok: 200 },
  'PATCH /api/parentschools/sites/{id}': {
    permission: 'parentschools.write',
    record: 'parentSchoolSite',
    // Closed before it was established.
    body: () => ({ closedOn: '2000-01-01' }),
    ok: bad('closedOn'),
  },
  'GET /api/parentschools/teachers': { permission: 'parentschools.read', ok: 200, leak: 'parentSchoolTeacher' },
  'POST /api/parentschools/teachers': {
    permission: 'parentschools.write',
    record: 'unit',
    body: (c) => ({ ownerOrgId: c.id, name: '矩阵', phone: '123' }),
    ok: bad('phone'),
    outside: bad('ownerOrgId'),
  },
  'GET /api/parentschools/classes': { permission: 'parentschools.read', query: () => 'pageSize=200', ok: 200, leak: 'parentSchoolClass' },
  'GET /api/parentschools/classes/export': { permission: 'parentschools.read', ok: 200 },
  'GET /api/parentschools/classes/template': { permission: 'parentschools.write', ok: 200 },
  'POST /api/parentschools/classes/import': { permission: 'parentschools.write', multipart: true, ok: REFUSED },
  'POST /api/parentschools/classes': {
    permission: 'parentschools.write',
    record: 'parentSchoolSite',
    body: (c) => ({ siteId: c.id, heldOn: FUTURE, topic: '矩阵', teacherName: '矩阵', hours: 1, attendance: 1 }),
    ok: bad('heldOn'),
    outside: bad('siteId'),
  },
  'POST /api/parentschools/classes/link': {
    permission: 'parentschools.write',
    record: 'parentSchoolSite',
    body: (c) => ({ siteId: c.id, trainingSessionId: c.other('session', 'outside').id }),
    ok: bad('trainingSessionId'),
    outside: bad('siteId'),
  },
  // Inside an unknown class (nothing is deleted); outside a real one of another unit.
  'DELETE /api/parentschools/classes/{id}': {
    permission: 'parentschools.write',
    record: 'parentSchoolClass',
    params: (c) => ({ id: c.variant === 'inside' ? UNKNOWN_ID : c.id }),
    ok: notFound(/授课记录/),
    outside: notFound(/授课记录/),
  },
  'GET /api/parentschools/linkable-sessions': { permission: 'parentschools.write', query: () => 'year=2026', ok: 200, leak: 'session' },
  // The catalogue is the install's: every holder of the permission reads it, and adds to it for her own unit.
  'GET /api/parentschools/textbooks': { permission: 'parentschools.read', ok: 200 },
  'POST /api/parentschools/textbooks': {
    permission: 'parentschools.write',
    body: (c) => ({ title: String(c.other('textbook').title), unitPriceFen: 100 }),
    ok: { status: 409, field: 'title' },
  },
  'GET /api/parentschools/orders': { permission: 'parentschools.read', query: () => 'pageSize=200', ok: 200, leak: 'parentSchoolOrder' },
  'GET /api/parentschools/orders/totals': { permission: 'parentschools.read', query: () => 'year=2026', ok: 200 },
  'GET /api/parentschools/orders/export': { permission: 'parentschools.read', ok: 200 },
  'GET /api/parentschools/orders/template': { permission: 'parentschools.write', ok: 200 },
  'POST /api/parentschools/orders/import': {
    permission: 'parentschools.write',
    query: () => 'year=2026',
    multipart: true,
    ok: REFUSED,
  },
  'POST /api/parentschools/orders': {
    permission: 'parentschools.write',
    record: 'parentSchoolSite',
    body: (c) => ({ year: 2026, siteId: c.id, textbookId: c.other('textbook').id, quantity: 1, orderedOn: FUTURE }),
    ok: bad('orderedOn'),
    outside: bad('siteId'),
  },
  'PATCH /api/parentschools/orders/{id}': {
    permission: 'parentschools.write',
    record: 'parentSchoolOrder',
    body: () => ({ deliveredOn: FUTURE }),
    ok: bad('deliveredOn'),
  },

  // ---------------------------------------------------------------- budget (妇儿工委 and 两纲 funds)
  'GET /api/budget/lines': { permission: 'budget.read', query: () => 'pageSize=200', ok: 200, leak: 'budgetLine' },
  'GET /api/budget/lines/export': { permission: 'budget.read', ok: 200 },
  'GET /api/budget/lines/template': { permission: 'session', ok: 200 },
  'POST /api/budget/lines/import': { permission: 'budget.write', multipart: true, ok: REFUSED },
  'POST /api/budget/lines': {
    permission: 'budget.write',
    record: 'unit',
    body: (c) => ({
      ownerOrgId: c.id,
      year: 2026,
      purpose: 'other',
      name: '矩阵',
      requestedFen: 100,
      fundAccountId: c.other('account', 'outside').id,
    }),
    ok: bad('fundAccountId'),
    outside: bad('ownerOrgId'),
  },
  'GET /api/budget/lines/{id}': { permission: 'budget.read', record: 'budgetLine', ok: 200 },
  'PATCH /api/budget/lines/{id}': {
    permission: 'budget.write',
    record: 'budgetLine',
    body: (c) => ({ fundAccountId: c.other('account', 'outside').id }),
    ok: bad('fundAccountId'),
  },
  // An approved line cannot be submitted again (409); a drafted one not on a date after today (400).
  'POST /api/budget/lines/{id}/submit': {
    permission: 'budget.write',
    record: 'budgetLine',
    body: () => ({ requestedOn: FUTURE }),
    ok: REFUSED,
  },
  'POST /api/budget/lines/{id}/approve': {
    permission: 'budget.write',
    record: 'budgetLine',
    body: () => ({ approvedFen: 100, approvedOn: FUTURE }),
    ok: REFUSED,
  },
  'POST /api/budget/lines/{id}/commitments': {
    permission: 'budget.write',
    record: 'budgetLine',
    body: () => ({ committedOn: FUTURE, description: '矩阵', amountFen: 1 }),
    ok: REFUSED,
  },
  'POST /api/budget/lines/{id}/commitments/{commitmentId}/cancel': {
    permission: 'budget.write',
    record: 'budgetLine',
    params: () => ({ commitmentId: UNKNOWN_ID }),
    body: () => ({ reason: '矩阵' }),
    ok: notFound(/承诺事项/),
  },
  // The payments that may be charged: the caller's scope only.
  'GET /api/budget/lines/{id}/candidates': { permission: 'budget.write', record: 'budgetLine', ok: 200, leak: 'disbursement' },
  'POST /api/budget/lines/{id}/spending': {
    permission: 'budget.write',
    record: 'budgetLine',
    body: (c) => ({ disbursementIds: [c.other('disbursement', 'outside').id] }),
    ok: REFUSED,
  },
  'DELETE /api/budget/lines/{id}/spending/{spendingId}': {
    permission: 'budget.write',
    record: 'budgetLine',
    params: () => ({ spendingId: UNKNOWN_ID }),
    ok: notFound(/支出记录/),
  },
  // A scoped table: for a unit outside the scope it is empty, not refused (no line of it may appear).
  'GET /api/budget/execution': {
    permission: 'budget.read',
    record: 'unit',
    query: (c) => `year=2026&ownerOrgId=${c.id}`,
    ok: 200,
    outside: 200,
    leak: 'budgetLine',
  },
  'GET /api/budget/request': {
    permission: 'budget.read',
    record: 'unit',
    query: (c) => `year=2026&ownerOrgId=${c.id}`,
    ok: 200,
    outside: bad('ownerOrgId'),
  },

  // ---------------------------------------------------------------- children (关爱留守儿童)
  'GET /api/children': { permission: 'children.read', query: () => 'pageSize=200', ok: 200, leak: 'child' },
  'GET /api/children/export': { permission: 'children.read', ok: 200 },
  'GET /api/children/template': { permission: 'children.write', ok: 200 },
  'POST /api/children/import': { permission: 'children.write', multipart: true, ok: REFUSED },
  'POST /api/children': {
    permission: 'children.write',
    record: 'residence',
    // Inside: at a school outside the caller's scope (its name would otherwise come back in the answer).
    body: (c) => ({
      name: '矩阵儿童',
      idNumber: CHILD_ID_NUMBER,
      residenceOrgId: c.id,
      schoolOrgId: c.other('school', 'outside').id,
      situation: 'both_away',
      carerKind: 'grandparents',
      registeredOn: PAST,
    }),
    ok: bad('schoolOrgId'),
    outside: bad('residenceOrgId'),
  },
  'GET /api/children/proxy-mothers': { permission: 'children.read', ok: 200, leak: 'proxyMother' },
  'POST /api/children/proxy-mothers': {
    permission: 'children.write',
    record: 'residence',
    body: (c) => ({ name: '矩阵', residenceOrgId: c.id, phone: '123' }),
    ok: bad('phone'),
    outside: bad('residenceOrgId'),
  },
  'GET /api/children/{id}': { permission: 'children.read', record: 'child', ok: 200 },
  'PATCH /api/children/{id}': { permission: 'children.write', record: 'child', body: () => ({ carerPhone: '123' }), ok: bad('carerPhone') },
  'POST /api/children/{id}/end': {
    permission: 'children.write',
    record: 'child',
    body: () => ({ endedOn: FUTURE, reason: '矩阵' }),
    ok: bad('endedOn'),
  },
  'POST /api/children/{id}/pairings': {
    permission: 'children.write',
    record: 'child',
    body: (c) => ({ proxyMotherId: c.other('proxyMother', 'outside').id, startDate: PAST }),
    ok: bad('proxyMotherId'),
  },
  'POST /api/children/{id}/pairings/{pairingId}/end': {
    permission: 'children.write',
    record: 'child',
    params: () => ({ pairingId: UNKNOWN_ID }),
    body: () => ({ endDate: PAST, reason: '矩阵' }),
    ok: notFound(/结对/),
  },
  'POST /api/children/{id}/visits': {
    permission: 'children.write',
    record: 'child',
    body: () => ({ visitedOn: FUTURE, mode: 'home', visitorKind: 'federation', visitorName: '矩阵', findings: '矩阵' }),
    ok: bad('visitedOn'),
  },
  'POST /api/children/{id}/help': {
    permission: 'children.write',
    record: 'child',
    body: (c) => ({
      kind: 'study',
      description: '矩阵',
      accountId: c.other('account', 'outside').id,
      amountFen: 100,
      method: 'cash',
      givenOn: PAST,
      approvedBy: UNKNOWN_ID,
    }),
    ok: bad('accountId'),
  },
  'POST /api/children/{id}/help/{helpId}/reverse': {
    permission: 'children.write',
    record: 'child',
    params: () => ({ helpId: UNKNOWN_ID }),
    body: () => ({ reason: '矩阵' }),
    ok: notFound(/帮扶记录/),
  },
};
