// The role × route matrix's expectations, one entry per route of the OpenAPI document (test code only).
//
// Each entry says who may call the route (a permission — any of a list — of the fixed role catalogue, or any
// signed-in account, or anyone), which record its path (or body) points at, and what a caller who may call it
// gets: `ok` on a record inside the caller's scope, `outside` (default 404) on one outside it. A caller without
// the permission gets 403, a request without a session 401. Writes are sent with a body the service refuses
// after the authorisation and scope checks (a date after today, an unknown code, a record in the wrong state …),
// so the matrix proves who gets past the checks without changing the shared data.
import { MATRIX_MODULES_A } from './role-matrix.table.modules-a.js';
import { DEFAULT_SETTINGS, type Permission, type Role } from '@jinguo/domain';
import type { Kind, Row } from './role-matrix.kinds.js';
import { MATRIX_MODULES_B } from './role-matrix.table.modules-b.js';
import { MATRIX_APPROVALS } from './role-matrix.table.approvals.js';
import { MATRIX_TASKS } from './role-matrix.table.tasks.js';
// The shared answers live in their own module: the modules' tables use them while this one is still loading.
import { bad, FUTURE, notFound, PAST, REFUSED, UNKNOWN_ID } from './role-matrix.want.js';

/** What a request must answer: a status (or one of several), optionally the field a 400 names or the message. */
export type Want = number | readonly number[] | { status: number | readonly number[]; field?: string; message?: RegExp };

export type Ctx = {
  /** The id of the record for this variant (inside or outside the caller's scope). */
  id: string;
  row: Row;
  variant: 'inside' | 'outside';
  /** Another record of a kind, inside (or outside) the same caller's scope. */
  other: (kind: Kind, variant?: 'inside' | 'outside') => Row;
  self: { userId: string; unitId: string };
  fixture: Fixture;
};

/** Records the fixture makes for the matrix (a printed letter's token, a summary, a holiday …). */
export type Fixture = {
  linkToken: string;
  holidayDate: string;
  holidayName: string;
  holidayKind: 'holiday' | 'workday';
  /** A man's 身份证号, and a 16-year-old girl's (no guardian consent needed). */
  maleIdNumber: string;
  girlIdNumber: string;
  /** An active 评选项目 for units. */
  unitCampaignId: string;
};

export type Entry = {
  /** Who may call: a permission (any of several), every signed-in account ('session'), or anyone ('public'). */
  permission: Permission | readonly Permission[] | 'session' | 'public';
  /** The record the path's ids (or the body) name; inside and outside the caller's scope. None: one call. */
  record?: Kind;
  /** The path's other parameters. */
  params?: (c: Ctx) => Record<string, string>;
  query?: (c: Ctx) => string;
  body?: (c: Ctx) => unknown;
  /** A multipart upload route, called with an empty multipart body. */
  multipart?: boolean;
  ok: Want;
  outside?: Want;
  /** A second permission asked for after the record is found in scope: 403 inside without it. */
  also?: Permission;
  /** The kind whose record outside the caller's scope must not appear in the body (default: `record`). */
  leak?: Kind;
  /** The body may name other records' ids (the audit trail): only the neighbour mark is checked. */
  idsMayAppear?: boolean;
  /** A fresh session for this call (the call ends it). */
  freshSession?: boolean;
  /** Where one role's answer differs from the rule, and why (in a comment). */
  roles?: Partial<Record<Role, Want | { inside?: Want; outside?: Want }>>;
};

/** The same answer for every role that must use a second factor (the default setting: the 三员 and the chairs). */
const enrolled = (want: Want): Partial<Record<Role, Want>> => Object.fromEntries(DEFAULT_SETTINGS.secondFactorRoles.map((r) => [r, want]));

export const MATRIX: Record<string, Entry> = {
  // ---------------------------------------------------------------- platform
  'GET /api/health': { permission: 'public', ok: 200 },
  'POST /api/auth/login': { permission: 'public', body: () => ({ username: 'matrix-nobody', password: 'Wrong-Pass-2026' }), ok: 401 },
  'POST /api/auth/logout': { permission: 'session', ok: 200, freshSession: true },
  'GET /api/auth/me': { permission: 'session', ok: 200 },
  'POST /api/auth/password': {
    permission: 'session',
    body: () => ({ currentPassword: 'Not-The-Password-1', newPassword: 'Another-Strong-Pass-2026' }),
    ok: bad('currentPassword'),
  },
  // The second factor (TOTP). The roles that must use it are enrolled when the suite's install is finished; the
  // others are not: each call is answered by where the caller's own enrolment stands.
  'POST /api/auth/totp/setup': { permission: 'session', ok: 200, roles: enrolled(409) },
  'POST /api/auth/totp/enable': { permission: 'session', body: () => ({ code: '000000' }), ok: bad('code'), roles: enrolled(409) },
  'POST /api/auth/totp/recovery-codes': { permission: 'session', body: () => ({ code: '000000' }), ok: 409, roles: enrolled(bad('code')) },
  'POST /api/auth/totp/disable': {
    permission: 'session',
    body: () => ({ currentPassword: 'Not-The-Password-1' }),
    ok: bad('currentPassword'),
    roles: enrolled(403),
  },
  'GET /api/settings': { permission: 'settings.manage', ok: 200 },
  // The default value written again: passes every check and changes nothing.
  'PATCH /api/settings': { permission: 'settings.manage', body: () => ({ sessionIdleMinutes: 30 }), ok: 200 },
  'GET /api/audit': { permission: 'audit.read', query: () => 'pageSize=200', ok: 200, idsMayAppear: true },
  'GET /api/audit/verify': { permission: 'audit.read', ok: 200 },
  'GET /api/notifications': { permission: 'session', ok: 200 },
  'POST /api/notifications/read-all': { permission: 'session', ok: 200 },
  // Only the user who started a job may read it.
  'GET /api/jobs/{id}': { permission: 'session', params: () => ({ id: UNKNOWN_ID }), ok: 404 },

  // ---------------------------------------------------------------- org
  'GET /api/org/roots': { permission: 'org.read', ok: 200, leak: 'unit' },
  'GET /api/org/units': { permission: 'org.read', record: 'unit', query: (c) => `parentId=${c.id}`, ok: 200 },
  'POST /api/org/units': {
    permission: 'org.manage',
    record: 'unit',
    // A village right under the caller's unit (a federation) is the wrong kind of child.
    body: (c) => ({ parentId: c.id, kind: 'village', name: '矩阵测试村' }),
    ok: bad('kind'),
    outside: bad('parentId'),
  },
  'GET /api/org/units/{id}': { permission: 'org.read', record: 'unit', ok: 200 },
  'PATCH /api/org/units/{id}': { permission: 'org.manage', record: 'unit', body: () => ({ agencyType: 'police' }), ok: bad('agencyType') },
  'POST /api/org/units/{id}/move': {
    permission: 'org.manage',
    record: 'unit',
    body: (c) => ({ parentId: c.id }),
    ok: { status: 400, message: /顶级单位不能移动/ },
  },
  'POST /api/org/units/{id}/deactivate': { permission: 'org.manage', record: 'unit', ok: { status: 400, message: /顶级单位不能停用/ } },
  // Already active: answered without a change.
  'POST /api/org/units/{id}/activate': { permission: 'org.manage', record: 'unit', ok: 200 },

  // ---------------------------------------------------------------- users (三员分立)
  'GET /api/users': { permission: 'users.read', ok: 200, leak: 'user' },
  'POST /api/users': {
    permission: 'users.manage',
    record: 'unit',
    body: (c) => ({ username: 'rights', displayName: '重名', orgUnitId: c.id }),
    ok: { status: 409, field: 'username' },
    outside: bad('orgUnitId'),
  },
  'GET /api/users/{id}': { permission: 'users.read', record: 'user', ok: 200 },
  'PATCH /api/users/{id}': {
    permission: 'users.manage',
    record: 'user',
    body: (c) => ({ orgUnitId: c.other('unit', 'outside').id }),
    ok: bad('orgUnitId'),
  },
  // Inside, the caller's own account: refused (a reset of one's own password goes through 我的账户).
  'POST /api/users/{id}/reset-password': { permission: 'users.manage', record: 'user', ok: { status: 400, message: /我的账户/ } },
  // The account found inside is the caller's own: nobody resets her own second factor.
  'POST /api/users/{id}/reset-second-factor': {
    permission: 'users.secondFactor.reset',
    record: 'user',
    ok: { status: 400, message: /不能重置自己的双因素认证/ },
  },
  'POST /api/users/{id}/unlock': { permission: 'users.manage', record: 'user', ok: 200 },
  'POST /api/users/{id}/roles': {
    permission: 'roles.assign',
    record: 'user',
    body: (c) => ({ role: 'statistician', orgUnitId: c.other('unit', 'outside').id }),
    ok: bad('orgUnitId'),
  },
  'DELETE /api/users/{id}/roles/{assignmentId}': {
    permission: 'roles.assign',
    record: 'assignment',
    params: (c) => ({ assignmentId: String(c.row.assignmentId) }),
    ok: { status: 400, message: /不能撤销自己的角色/ },
  },

  // ---------------------------------------------------------------- people
  'GET /api/people': { permission: 'people.read', query: () => 'pageSize=200', ok: 200, leak: 'person' },
  'POST /api/people': {
    permission: 'people.write',
    record: 'residence',
    // Inside: a man's ID number for a woman (refused after the scope check); outside: a valid person living elsewhere.
    body: (c) =>
      c.variant === 'inside'
        ? { name: '矩阵测试', gender: 'female', idNumber: c.fixture.maleIdNumber, residenceOrgId: c.id }
        : { name: '矩阵测试', gender: 'female', residenceOrgId: c.id },
    ok: bad('gender'),
    outside: bad('residenceOrgId'),
  },
  'GET /api/people/tags': { permission: ['people.read', 'settings.manage'], ok: 200 },
  'PUT /api/people/tags': { permission: 'settings.manage', body: () => ({ tags: ['低保'] }), ok: 200 },
  'GET /api/people/{id}': { permission: 'people.read', record: 'person', ok: 200 },
  'PATCH /api/people/{id}': {
    permission: 'people.write',
    record: 'person',
    body: (c) => ({ idNumber: c.fixture.maleIdNumber, gender: 'female' }),
    ok: bad('gender'),
  },
  'POST /api/people/{id}/reveal': { permission: 'people.reveal', record: 'person', ok: 200 },
  'GET /api/people/{id}/duplicates': { permission: 'people.read', record: 'person', ok: 200 },
  'POST /api/people/{id}/merge': {
    permission: 'people.write',
    record: 'person',
    body: (c) => ({ duplicateId: c.other('person', 'outside').id, reason: '矩阵' }),
    ok: bad('duplicateId'),
  },

  // ---------------------------------------------------------------- cases
  'GET /api/cases': { permission: 'cases.read', query: () => 'pageSize=200', ok: 200, leak: 'case' },
  'POST /api/cases': {
    permission: 'cases.write',
    record: 'federation',
    body: (c) => ({
      channel: 'visit',
      receivedDate: PAST,
      category: c.variant === 'inside' ? 'no_such_category' : 'other',
      summary: '矩阵测试',
      ownerOrgId: c.id,
      applicant: { name: '矩阵测试', gender: 'female', residenceOrgId: c.other('residence').id },
    }),
    ok: bad('category'),
    outside: bad('ownerOrgId'),
  },
  'GET /api/cases/export.xlsx': { permission: 'cases.read', ok: 200 },
  'GET /api/cases/categories': { permission: ['cases.read', 'settings.manage'], ok: 200 },
  'PUT /api/cases/categories': {
    permission: 'settings.manage',
    body: () => ({ categories: [{ code: 'other', label: '其他', active: true }] }),
    ok: bad('categories'),
  },
  'GET /api/cases/overdue': { permission: 'cases.read', ok: 200, leak: 'case' },
  'GET /api/cases/{id}': { permission: 'cases.read', record: 'case', ok: 200 },
  'PATCH /api/cases/{id}': { permission: 'cases.write', record: 'case', body: () => ({ category: 'no_such_category' }), ok: REFUSED },
  'POST /api/cases/{id}/reveal-applicant': { permission: 'cases.read', record: 'case', also: 'people.reveal', ok: 200 },
  'POST /api/cases/{id}/risk': { permission: 'cases.write', record: 'case', body: () => ({ answers: {}, date: FUTURE }), ok: 400 },
  'POST /api/cases/{id}/accept': { permission: 'cases.write', record: 'case', body: () => ({ date: FUTURE }), ok: REFUSED },
  'POST /api/cases/{id}/notAccept': {
    permission: 'cases.write',
    record: 'case',
    body: () => ({ date: FUTURE, reason: '矩阵', notice: '矩阵' }),
    ok: REFUSED,
  },
  'POST /api/cases/{id}/divert': {
    permission: 'cases.write',
    record: 'case',
    body: () => ({ date: FUTURE, reason: '矩阵', divertedTo: '法院' }),
    ok: REFUSED,
  },
  'POST /api/cases/{id}/start': { permission: 'cases.write', record: 'case', body: () => ({ date: FUTURE }), ok: REFUSED },
  'POST /api/cases/{id}/close': {
    permission: 'cases.write',
    record: 'case',
    body: () => ({ date: FUTURE, outcome: 'supported', reply: '矩阵', satisfaction: 'satisfied' }),
    ok: REFUSED,
  },
  'POST /api/cases/{id}/reopen': { permission: 'cases.write', record: 'case', body: () => ({ date: FUTURE, reason: '矩阵' }), ok: REFUSED },
  'POST /api/cases/{id}/requestReview': {
    permission: 'cases.write',
    record: 'case',
    body: () => ({ date: FUTURE, reason: '矩阵' }),
    ok: REFUSED,
  },
  'POST /api/cases/{id}/decideReview': {
    permission: 'cases.write',
    record: 'case',
    body: () => ({ date: FUTURE, result: 'upheld', reason: '矩阵' }),
    ok: REFUSED,
  },
  'POST /api/cases/{id}/requestReReview': {
    permission: 'cases.write',
    record: 'case',
    body: () => ({ date: FUTURE, reason: '矩阵' }),
    ok: REFUSED,
  },
  'POST /api/cases/{id}/decideReReview': {
    permission: 'cases.write',
    record: 'case',
    body: () => ({ date: FUTURE, result: 'upheld', reason: '矩阵' }),
    ok: REFUSED,
  },
  'GET /api/cases/{id}/handover-targets': { permission: 'cases.write', record: 'case', ok: 200 },
  'POST /api/cases/{id}/handover': {
    permission: 'cases.write',
    record: 'case',
    body: (c) => ({ kind: 'assign', toOrgId: c.other('federation').id, instructions: '矩阵', dueDate: FUTURE, date: FUTURE }),
    ok: bad('date'),
  },
  // No demo case was passed on from above or to a unit below: refused for its state after the scope check.
  'POST /api/cases/{id}/handover/report': {
    permission: 'cases.write',
    record: 'case',
    body: () => ({ result: '矩阵', date: PAST }),
    ok: 409,
  },
  'POST /api/cases/{id}/handover/press': { permission: 'cases.write', record: 'case', body: () => ({ note: '矩阵' }), ok: 409 },
  'POST /api/cases/{id}/extend': { permission: 'cases.write', record: 'case', body: () => ({ days: 10, reason: '矩阵' }), ok: 409 },
  'POST /api/cases/{id}/actions': {
    permission: 'cases.write',
    record: 'case',
    body: () => ({ kind: 'consultation', date: FUTURE, note: '矩阵' }),
    ok: REFUSED,
  },
  'POST /api/cases/{id}/consents': {
    permission: 'cases.write',
    record: 'case',
    // A federation is no partner agency.
    body: (c) => ({ agencyOrgId: c.other('federation').id, purpose: '矩阵', givenBy: '本人', givenDate: PAST, method: 'written' }),
    ok: bad('agencyOrgId'),
  },
  'POST /api/cases/{id}/consents/{consentId}/withdraw': {
    permission: 'cases.write',
    record: 'case',
    params: () => ({ consentId: UNKNOWN_ID }),
    ok: notFound(/同意记录/),
  },
  'POST /api/cases/{id}/referrals': {
    permission: 'referrals.send',
    record: 'case',
    body: (c) => ({ agencyOrgId: c.other('federation').id, serviceRequested: '矩阵', dueDate: FUTURE }),
    ok: REFUSED,
  },
  // Every demo referral is answered: revoking it or printing its letter is refused.
  'POST /api/referrals/{id}/revoke': { permission: 'cases.write', record: 'referral', body: () => ({ reason: '矩阵' }), ok: 409 },
  'POST /api/referrals/{id}/letter': { permission: 'cases.write', record: 'referral', ok: 409 },
  'GET /api/agency/referrals': { permission: 'referrals.respond', query: () => 'pageSize=100', ok: 200, leak: 'agencyReferral' },
  'GET /api/agency/referrals/{id}': { permission: 'referrals.respond', record: 'agencyReferral', ok: 200 },
  'POST /api/agency/referrals/{id}/accept': {
    permission: 'referrals.respond',
    record: 'agencyReferral',
    body: () => ({ date: PAST }),
    ok: 409,
  },
  'POST /api/agency/referrals/{id}/decline': {
    permission: 'referrals.respond',
    record: 'agencyReferral',
    body: () => ({ date: PAST, reason: '矩阵' }),
    ok: 409,
  },
  'POST /api/agency/referrals/{id}/outcome': {
    permission: 'referrals.respond',
    record: 'agencyReferral',
    body: () => ({ date: PAST, outcome: '矩阵' }),
    ok: 409,
  },
  // The printed letter's link: anyone holding it (no session); inside, the fixture's live token, outside a dead one.
  'GET /api/public/referral-links/{token}': {
    permission: 'public',
    params: (c) => ({ token: c.variant === 'inside' ? c.fixture.linkToken : 'A'.repeat(43) }),
    record: 'unit',
    ok: 200,
    outside: 404,
  },
  'POST /api/public/referral-links/{token}/accept': {
    permission: 'public',
    record: 'unit',
    params: (c) => ({ token: c.variant === 'inside' ? c.fixture.linkToken : 'A'.repeat(43) }),
    body: () => ({ date: PAST }),
    ok: bad('handlerName'),
    outside: 404,
  },
  'POST /api/public/referral-links/{token}/decline': {
    permission: 'public',
    record: 'unit',
    params: (c) => ({ token: c.variant === 'inside' ? c.fixture.linkToken : 'A'.repeat(43) }),
    body: () => ({ date: PAST, reason: '矩阵' }),
    ok: bad('handlerName'),
    outside: 404,
  },
  'POST /api/public/referral-links/{token}/outcome': {
    permission: 'public',
    record: 'unit',
    params: (c) => ({ token: c.variant === 'inside' ? c.fixture.linkToken : 'A'.repeat(43) }),
    body: () => ({ date: PAST, outcome: '矩阵' }),
    ok: bad('handlerName'),
    outside: 404,
  },
  'GET /api/holidays': { permission: ['cases.read', 'settings.manage'], ok: 200 },
  // An existing holiday written again as it is: nothing changes.
  'PUT /api/holidays/{date}': {
    permission: 'settings.manage',
    params: (c) => ({ date: c.fixture.holidayDate }),
    body: (c) => ({ kind: c.fixture.holidayKind, name: c.fixture.holidayName }),
    ok: 200,
  },
  'DELETE /api/holidays/{date}': { permission: 'settings.manage', params: () => ({ date: '2031-01-07' }), ok: notFound(/节假日/) },

  // ---------------------------------------------------------------- relief
  'GET /api/relief/programmes': { permission: 'relief.read', ok: 200, leak: 'programme' },
  'POST /api/relief/programmes': {
    permission: 'relief.approve',
    body: (c) => ({
      code: 'MATRIX',
      name: '矩阵',
      kind: 'cash',
      year: 2026,
      rules: {},
      fundAccountId: c.other('account', 'outside').id,
    }),
    ok: bad('fundAccountId'),
  },
  'GET /api/relief/programmes/{id}': { permission: 'relief.read', record: 'programme', ok: 200 },
  'PATCH /api/relief/programmes/{id}': {
    permission: 'relief.approve',
    record: 'ownProgramme',
    body: (c) => ({ fundAccountId: c.other('account', 'outside').id }),
    ok: bad('fundAccountId'),
  },
  'GET /api/relief/screening/template': { permission: 'session', ok: 200 },
  'POST /api/relief/programmes/{id}/screening/import': { permission: 'relief.write', record: 'programme', multipart: true, ok: REFUSED },
  'GET /api/relief/applications': { permission: 'relief.read', query: () => 'pageSize=200', ok: 200, leak: 'application' },
  'POST /api/relief/applications': {
    permission: 'relief.write',
    record: 'residence',
    body: (c) => ({
      programmeId: c.other('programme').id,
      name: '矩阵测试',
      idNumber: c.fixture.maleIdNumber,
      residenceOrgId: c.id,
      householdMembers: 3,
      householdIncomeFen: 100000,
      paymentMethod: 'cash',
      appliedOn: FUTURE,
    }),
    ok: bad('appliedOn'),
    outside: bad('appliedOn'),
  },
  'GET /api/relief/applications/export': { permission: 'relief.read', ok: 200 },
  'GET /api/relief/applications/{id}': { permission: 'relief.read', record: 'application', ok: 200 },
  'PATCH /api/relief/applications/{id}': {
    permission: 'relief.write',
    record: 'application',
    body: () => ({ paymentMethod: 'bank_transfer', bankCard: null }),
    ok: REFUSED,
  },
  'POST /api/relief/applications/{id}/transition': {
    permission: 'relief.approve',
    record: 'application',
    body: () => ({ action: 'verify', date: FUTURE }),
    ok: bad('date'),
  },
  'POST /api/relief/applications/{id}/override': {
    permission: 'relief.approve',
    record: 'application',
    body: () => ({ reason: '矩阵' }),
    ok: 409,
  },
  'POST /api/relief/applications/{id}/pay': {
    permission: 'funds.write',
    record: 'application',
    body: () => ({ paidOn: FUTURE }),
    ok: REFUSED,
  },
  'POST /api/relief/applications/{id}/reverse-payment': {
    permission: 'funds.write',
    record: 'unpaidApplication',
    body: () => ({ reason: '矩阵' }),
    ok: REFUSED,
  },
  // A person's history is a scoped list: outside it is empty, not refused.
  'GET /api/relief/persons/{id}/applications': { permission: 'relief.read', record: 'person', ok: 200, outside: 200, leak: 'application' },
  'GET /api/relief/submissions': { permission: 'relief.read', ok: 200, leak: 'submission' },
  'POST /api/relief/submissions': {
    permission: 'relief.approve',
    record: 'application',
    body: (c) => ({ programmeId: c.other('programme').id, level: 'city', applicationIds: [c.id], submittedOn: FUTURE }),
    ok: REFUSED,
    outside: REFUSED,
  },
  'GET /api/relief/submissions/{id}/file': { permission: 'relief.approve', record: 'submission', ok: 200 },

  // ---------------------------------------------------------------- sponsorship (春蕾)
  'GET /api/sponsorship/students': { permission: 'sponsorship.read', ok: 200, leak: 'student' },
  'POST /api/sponsorship/students': {
    permission: 'sponsorship.write',
    record: 'residence',
    // Inside: a boy's ID number (春蕾 is for girls); outside: a girl living elsewhere.
    body: (c) => ({
      name: '矩阵测试',
      idNumber: c.variant === 'inside' ? c.fixture.maleIdNumber : c.fixture.girlIdNumber,
      residenceOrgId: c.id,
      stage: 'senior',
      grade: '高一',
      guardianName: '监护人',
      guardianRelation: 'mother',
      householdMembers: 3,
      householdIncomeFen: 100000,
    }),
    ok: bad('idNumber'),
    outside: bad('residenceOrgId'),
  },
  'GET /api/sponsorship/students/{id}': { permission: 'sponsorship.read', record: 'student', ok: 200 },
  // Every demo girl is in the programme: setting "active" again changes nothing.
  'POST /api/sponsorship/students/{id}/status': {
    permission: 'sponsorship.write',
    record: 'student',
    body: () => ({ status: 'active', reason: '矩阵' }),
    ok: 200,
  },
  'GET /api/sponsorship/sponsors': { permission: 'sponsorship.read', ok: 200, leak: 'sponsor' },
  'POST /api/sponsorship/sponsors': {
    permission: 'sponsorship.write',
    record: 'person',
    body: (c) => ({ kind: 'person', name: '矩阵', personId: c.id, phone: '123' }),
    ok: bad('phone'),
    outside: bad('phone'),
  },
  'GET /api/sponsorship/pairings': { permission: 'sponsorship.read', ok: 200, leak: 'pairing' },
  'POST /api/sponsorship/pairings': {
    permission: 'sponsorship.write',
    record: 'student',
    body: (c) => ({ studentId: c.id, sponsorId: c.other('sponsor').id, startTerm: '2026-2', endTerm: '2040-1', amountPerTermFen: 100 }),
    ok: REFUSED,
    outside: bad('studentId'),
  },
  'POST /api/sponsorship/pairings/{id}/end': {
    permission: 'sponsorship.write',
    record: 'pairing',
    body: () => ({ reason: '矩阵' }),
    ok: REFUSED,
  },
  'POST /api/sponsorship/pairings/{id}/payments': {
    permission: 'funds.write',
    record: 'pairing',
    also: 'sponsorship.read',
    body: () => ({ term: '2099-1', paidOn: FUTURE, approvedBy: UNKNOWN_ID, method: 'cash' }),
    ok: REFUSED,
  },
  'GET /api/sponsorship/payments': { permission: 'sponsorship.read', ok: 200, leak: 'sponsorshipPayment' },
  'GET /api/sponsorship/payments/due': { permission: 'sponsorship.read', ok: 200, leak: 'pairing' },
  'POST /api/sponsorship/payments/{id}/reverse': {
    permission: 'funds.write',
    record: 'sponsorshipPayment',
    body: () => ({ reason: '矩阵' }),
    ok: REFUSED,
  },
  'GET /api/sponsorship/meetings': { permission: 'sponsorship.read', ok: 200 },
  'POST /api/sponsorship/meetings': {
    permission: 'sponsorship.write',
    record: 'pairing',
    body: (c) => ({ title: '矩阵', heldOn: FUTURE, place: '矩阵', attendees: 1, pairingIds: [c.id] }),
    ok: bad('heldOn'),
    outside: bad('heldOn'),
  },

  // ---------------------------------------------------------------- funds
  'GET /api/funds/accounts': { permission: 'funds.read', ok: 200, leak: 'account' },
  'POST /api/funds/accounts': {
    permission: 'funds.write',
    body: () => ({ code: 'MATRIX', name: '矩阵', kind: 'cash', programmeCode: 'NO_SUCH_PROGRAMME' }),
    ok: REFUSED,
  },
  'GET /api/funds/accounts/{id}': { permission: 'funds.read', record: 'account', ok: 200 },
  // Naming a programme that does not exist (400), or another than the one the account already names (409): never a write.
  'PATCH /api/funds/accounts/{id}': {
    permission: 'funds.write',
    record: 'account',
    body: () => ({ programmeCode: 'NO_SUCH_PROGRAMME' }),
    ok: REFUSED,
  },
  'GET /api/funds/journal': { permission: 'funds.read', query: () => 'pageSize=200', ok: 200, leak: 'account' },
  'GET /api/funds/donations': { permission: 'funds.read', query: () => 'pageSize=200', ok: 200, leak: 'donation' },
  'POST /api/funds/donations': {
    permission: 'funds.write',
    record: 'account',
    body: (c) => ({ donorKind: 'anonymous', accountId: c.id, amountFen: 100, donatedOn: FUTURE }),
    ok: bad('donatedOn'),
    outside: bad('accountId'),
  },
  'GET /api/funds/donations/{id}': { permission: 'funds.read', record: 'donation', ok: 200 },
  'GET /api/funds/donations/{id}/receipt': { permission: 'funds.read', record: 'donation', ok: 200 },
  'GET /api/funds/donations/{id}/trace': { permission: 'funds.read', record: 'donation', ok: 200 },
  'POST /api/funds/donations/{id}/reverse': {
    permission: 'funds.write',
    record: 'donation',
    body: () => ({ reason: '矩阵' }),
    ok: REFUSED,
  },
  'GET /api/funds/disbursements': { permission: 'funds.read', query: () => 'pageSize=200', ok: 200, leak: 'disbursement' },
  'POST /api/funds/disbursements': {
    permission: 'funds.write',
    record: 'account',
    body: (c) => ({
      accountId: c.id,
      recipientKind: 'event',
      recipientEventName: '矩阵',
      method: 'cash',
      amountFen: 100,
      paidOn: FUTURE,
      approvedBy: UNKNOWN_ID,
      purpose: '矩阵',
    }),
    ok: REFUSED,
    outside: bad('accountId'),
  },
  'GET /api/funds/disbursements/{id}': { permission: 'funds.read', record: 'disbursement', ok: 200 },
  'POST /api/funds/disbursements/{id}/reverse': {
    permission: 'funds.write',
    record: 'disbursement',
    body: () => ({ reason: '矩阵' }),
    ok: REFUSED,
  },
  'GET /api/funds/approvers': { permission: 'funds.read', ok: 200, leak: 'user' },
  'GET /api/funds/reports/summary': { permission: 'funds.read', ok: 200 },
  'GET /api/funds/beneficiaries/{id}': { permission: 'funds.read', record: 'person', ok: 200 },

  // ---------------------------------------------------------------- associations
  'GET /api/associations': { permission: 'associations.read', ok: 200, leak: 'association' },
  'POST /api/associations': {
    permission: 'associations.write',
    record: 'unit',
    // Inside: the name of an association the unit already has.
    body: (c) => ({ ownerOrgId: c.id, name: c.variant === 'inside' ? String(c.other('association').name) : '矩阵协会', kind: 'other' }),
    ok: { status: 409, field: 'name' },
    outside: bad('ownerOrgId'),
  },
  'GET /api/associations/{id}': { permission: 'associations.read', record: 'association', ok: 200 },
  'PATCH /api/associations/{id}': {
    permission: 'associations.write',
    record: 'association',
    // Renamed to its sibling's name.
    body: (c) => ({ name: String(c.other('otherAssociation').name) }),
    ok: { status: 409, field: 'name' },
  },
  'GET /api/associations/{id}/members': { permission: 'associations.read', record: 'association', ok: 200 },
  'POST /api/associations/{id}/members': {
    permission: 'associations.write',
    record: 'association',
    // Nothing refuses a well-formed member: one row named 矩阵 is added to the caller's association (harmless).
    body: () => ({ memberKind: 'person', name: '矩阵', role: 'member', joinedOn: PAST }),
    ok: 201,
  },
  'PUT /api/associations/{id}/members/{memberId}': {
    permission: 'associations.write',
    record: 'association',
    params: () => ({ memberId: UNKNOWN_ID }),
    body: () => ({ memberKind: 'person', name: '矩阵', role: 'member', joinedOn: PAST }),
    ok: notFound(/会员/),
  },
  // A blank form: any signed-in account, whatever the id (it names no association).
  'GET /api/associations/{id}/members/template': { permission: 'session', record: 'association', ok: 200, outside: 200 },
  'POST /api/associations/{id}/members/import': { permission: 'associations.write', record: 'association', multipart: true, ok: REFUSED },
  'GET /api/associations/{id}/members/export': { permission: 'associations.read', record: 'association', ok: 200 },

  // ---------------------------------------------------------------- activities
  'GET /api/activities/events': { permission: 'activities.read', query: () => 'pageSize=200', ok: 200, leak: 'event' },
  'POST /api/activities/events': {
    permission: 'activities.write',
    record: 'unit',
    body: (c) => ({ type: 'lecture', title: '矩阵', startDate: FUTURE, ownerOrgId: c.id, associationId: UNKNOWN_ID }),
    ok: REFUSED,
    outside: bad('ownerOrgId'),
  },
  'GET /api/activities/events/totals': { permission: 'activities.read', ok: 200 },
  'GET /api/activities/events/export': { permission: 'activities.read', ok: 200 },
  'GET /api/activities/events/template': { permission: 'activities.write', ok: 200 },
  'POST /api/activities/events/import': { permission: 'activities.write', multipart: true, ok: REFUSED },
  'GET /api/activities/events/{id}': { permission: 'activities.read', record: 'event', ok: 200 },
  'PUT /api/activities/events/{id}': {
    permission: 'activities.write',
    record: 'event',
    body: (c) => ({ type: 'lecture', title: '矩阵', startDate: PAST, ownerOrgId: c.other('unit', 'outside').id }),
    ok: bad('ownerOrgId'),
  },
  'DELETE /api/activities/events/{id}': {
    permission: 'activities.write',
    record: 'event',
    // Deleting would succeed: the matrix deletes nothing, so this route is checked on an unknown id only.
    params: () => ({ id: UNKNOWN_ID }),
    ok: notFound(/活动/),
    outside: notFound(/活动/),
  },
  'GET /api/activities/events/{id}/participants': { permission: 'activities.read', record: 'event', ok: 200 },
  'POST /api/activities/events/{id}/participants': {
    permission: 'activities.write',
    record: 'event',
    // Nothing refuses a well-formed participant: one row named 矩阵 is added (harmless); the event comes back.
    body: () => ({ name: '矩阵' }),
    ok: 200,
  },
  'DELETE /api/activities/events/{id}/participants/{participantId}': {
    permission: 'activities.write',
    record: 'event',
    params: () => ({ participantId: UNKNOWN_ID }),
    ok: notFound(/参与/),
  },
  'GET /api/activities/events/{id}/participants/template': { permission: 'session', record: 'event', ok: 200, outside: 200 },
  'POST /api/activities/events/{id}/participants/import': { permission: 'activities.write', record: 'event', multipart: true, ok: REFUSED },
  'GET /api/activities/events/{id}/participants/export': { permission: 'activities.read', record: 'event', ok: 200 },
  'POST /api/activities/events/{id}/photos': { permission: 'activities.write', record: 'event', multipart: true, ok: REFUSED },
  'GET /api/activities/events/{id}/photos/{photoId}': {
    permission: 'activities.read',
    record: 'event',
    params: () => ({ photoId: UNKNOWN_ID }),
    ok: notFound(/照片/),
  },
  'DELETE /api/activities/events/{id}/photos/{photoId}': {
    permission: 'activities.write',
    record: 'event',
    params: () => ({ photoId: UNKNOWN_ID }),
    ok: notFound(/照片/),
  },
  'GET /api/activities/courses': { permission: 'activities.read', query: () => 'pageSize=200', ok: 200, leak: 'course' },
  'POST /api/activities/courses': {
    permission: 'activities.write',
    record: 'unit',
    // Nothing refuses a well-formed course in the caller's unit: one course named 矩阵 is added (harmless).
    body: (c) => ({ title: '矩阵', category: 'skills', ownerOrgId: c.id, startDate: PAST }),
    ok: 201,
    outside: bad('ownerOrgId'),
  },
  'GET /api/activities/courses/export': { permission: 'activities.read', ok: 200 },
  'GET /api/activities/courses/template': { permission: 'activities.write', ok: 200 },
  'POST /api/activities/courses/import': { permission: 'activities.write', multipart: true, ok: REFUSED },
  'GET /api/activities/courses/{id}': { permission: 'activities.read', record: 'course', ok: 200 },
  'PUT /api/activities/courses/{id}': {
    permission: 'activities.write',
    record: 'course',
    body: (c) => ({ title: '矩阵', category: 'skills', ownerOrgId: c.other('unit', 'outside').id, startDate: PAST }),
    ok: bad('ownerOrgId'),
  },
  'POST /api/activities/courses/{id}/sessions': {
    permission: 'activities.write',
    record: 'course',
    body: () => ({ topic: '矩阵', sessionDate: '2000-01-01', hours: 1 }),
    ok: bad('sessionDate'),
  },
  'PUT /api/activities/sessions/{id}': {
    permission: 'activities.write',
    record: 'session',
    body: () => ({ topic: '矩阵', sessionDate: '2000-01-01', hours: 1 }),
    ok: bad('sessionDate'),
  },
  'GET /api/activities/sessions/{id}/trainees': { permission: 'activities.read', record: 'session', ok: 200 },
  'POST /api/activities/sessions/{id}/trainees': {
    permission: 'activities.write',
    record: 'session',
    body: () => ({ name: '矩阵', gender: 'female', idNumber: '123' }),
    ok: REFUSED,
  },
  'GET /api/activities/sessions/{id}/trainees/template': { permission: 'session', record: 'session', ok: 200, outside: 200 },
  'POST /api/activities/sessions/{id}/trainees/import': { permission: 'activities.write', record: 'session', multipart: true, ok: REFUSED },
  'GET /api/activities/sessions/{id}/trainees/export': { permission: 'activities.read', record: 'session', ok: 200 },
  'PUT /api/activities/trainees/{id}/outcome': {
    permission: 'activities.write',
    record: 'trainee',
    body: () => ({ outcome: 'reemployed', outcomeDate: '2000-01-01' }),
    ok: bad('outcomeDate'),
  },
  // Writes the attendance it already has (the demo's trainees attended).
  'PUT /api/activities/trainees/{id}/attendance': {
    permission: 'activities.write',
    record: 'trainee',
    body: () => ({ attended: true }),
    ok: 200,
  },
  'DELETE /api/activities/trainees/{id}': {
    permission: 'activities.write',
    record: 'trainee',
    params: () => ({ id: UNKNOWN_ID }),
    ok: notFound(/学员/),
    outside: notFound(/学员/),
  },
  'GET /api/activities/publicity': { permission: 'activities.read', ok: 200, leak: 'publicity' },
  'POST /api/activities/publicity': {
    permission: 'activities.write',
    record: 'unit',
    body: (c) => ({
      outlet: '矩阵',
      medium: 'website',
      level: 'district',
      title: '矩阵',
      publishedOn: PAST,
      ownerOrgId: c.id,
      eventId: UNKNOWN_ID,
    }),
    ok: bad('eventId'),
    outside: bad('ownerOrgId'),
  },
  'GET /api/activities/publicity/export': { permission: 'activities.read', ok: 200 },
  'GET /api/activities/publicity/template': { permission: 'activities.write', ok: 200 },
  'POST /api/activities/publicity/import': { permission: 'activities.write', multipart: true, ok: REFUSED },
  'DELETE /api/activities/publicity/{id}': {
    permission: 'activities.write',
    record: 'publicity',
    params: () => ({ id: UNKNOWN_ID }),
    ok: notFound(/宣传/),
    outside: notFound(/宣传/),
  },

  // ---------------------------------------------------------------- honours
  'GET /api/honours/campaigns': { permission: 'honours.read', ok: 200 },
  // The catalogue is the top federation's: a township chair holds honours.write but may not change it.
  'POST /api/honours/campaigns': {
    permission: 'honours.write',
    body: () => ({ code: 'GOOD_PARENT', name: '矩阵', holderKind: 'person', noticeDays: 5 }),
    ok: { status: 409, field: 'code' },
    roles: { township_chair: 403 },
  },
  'PATCH /api/honours/campaigns/{id}': {
    permission: 'honours.write',
    params: () => ({ id: UNKNOWN_ID }),
    body: () => ({ noticeDays: 5 }),
    ok: notFound(/评选项目/),
    roles: { township_chair: 403 },
  },
  'GET /api/honours/campaigns/{id}/standing': { permission: 'honours.read', params: () => ({ id: UNKNOWN_ID }), ok: 404 },
  'GET /api/honours/nominations': { permission: 'honours.read', ok: 200, leak: 'nomination' },
  'POST /api/honours/nominations': {
    permission: 'honours.write',
    record: 'unit',
    // Inside: a holder unit outside the caller's scope.
    body: (c) => ({
      campaignId: c.fixture.unitCampaignId,
      level: 'district',
      year: 2026,
      ownerOrgId: c.id,
      holderName: '矩阵',
      holderOrgId: c.other('unit', 'outside').id,
      nominatedOn: PAST,
    }),
    ok: bad('holderOrgId'),
    outside: bad('ownerOrgId'),
  },
  'GET /api/honours/nominations/export': { permission: 'honours.read', ok: 200 },
  'GET /api/honours/nominations/{id}': { permission: 'honours.read', record: 'nomination', ok: 200 },
  'POST /api/honours/nominations/{id}/review': {
    permission: 'honours.write',
    record: 'nomination',
    body: () => ({ decision: 'reject', comment: '矩阵' }),
    ok: REFUSED,
  },
  'POST /api/honours/nominations/{id}/notice': {
    permission: 'honours.write',
    record: 'nomination',
    body: () => ({ noticeStart: FUTURE }),
    ok: REFUSED,
  },
  'POST /api/honours/nominations/{id}/objections': {
    permission: 'honours.write',
    record: 'nomination',
    body: () => ({ receivedOn: FUTURE, content: '矩阵' }),
    ok: REFUSED,
  },
  'POST /api/honours/nominations/{id}/objections/{objectionId}/answer': {
    permission: 'honours.write',
    record: 'nomination',
    params: () => ({ objectionId: UNKNOWN_ID }),
    body: () => ({ answer: '矩阵', answeredOn: PAST, upheld: false }),
    ok: notFound(/异议/),
  },
  'POST /api/honours/nominations/{id}/award': {
    permission: 'honours.write',
    record: 'nomination',
    body: () => ({ awardedOn: FUTURE }),
    ok: REFUSED,
  },
  'POST /api/honours/nominations/{id}/withdraw': { permission: 'honours.write', record: 'nomination', ok: REFUSED },
  'GET /api/honours/awards': { permission: 'honours.read', query: () => 'pageSize=200', ok: 200, leak: 'award' },
  'POST /api/honours/awards': {
    permission: 'honours.write',
    record: 'unit',
    body: (c) => ({
      campaignId: c.fixture.unitCampaignId,
      level: 'district',
      year: 2026,
      awardedOn: PAST,
      holderName: '矩阵',
      holderOrgId: c.other('unit', 'outside').id,
      ownerOrgId: c.id,
    }),
    ok: bad('holderOrgId'),
    outside: bad('ownerOrgId'),
  },
  'GET /api/honours/awards/export': { permission: 'honours.read', ok: 200 },
  'GET /api/honours/awards/template': { permission: 'honours.write', ok: 200 },
  'POST /api/honours/awards/import': { permission: 'honours.write', multipart: true, ok: REFUSED },
  'POST /api/honours/awards/{id}/revoke': {
    permission: 'honours.write',
    record: 'award',
    body: () => ({ revokedOn: FUTURE, reason: '矩阵' }),
    ok: REFUSED,
  },
  'POST /api/honours/awards/{id}/reexamine': {
    permission: 'honours.write',
    record: 'award',
    body: () => ({ reviewedOn: FUTURE, result: 'pass' }),
    ok: REFUSED,
  },
  'GET /api/honours/pledges': { permission: 'honours.read', query: () => 'pageSize=200', ok: 200 },
  'POST /api/honours/pledges': {
    permission: 'honours.write',
    record: 'unit',
    // Nothing refuses a well-formed pledge of the caller's unit: one pledge signed 矩阵 is added (harmless).
    body: (c) => ({ campaignId: c.fixture.unitCampaignId, ownerOrgId: c.id, signerName: '矩阵', signedOn: PAST }),
    ok: 201,
    outside: bad('ownerOrgId'),
  },
  'GET /api/honours/pledges/export': { permission: 'honours.read', ok: 200 },
  'GET /api/honours/pledges/template': { permission: 'honours.write', ok: 200 },
  'POST /api/honours/pledges/import': { permission: 'honours.write', multipart: true, ok: REFUSED },

  // ---------------------------------------------------------------- cadres
  'GET /api/cadres': { permission: 'cadres.read', query: () => 'pageSize=200', ok: 200, leak: 'cadre' },
  'POST /api/cadres': {
    permission: 'cadres.write',
    record: 'unit',
    // Inside: a cadre already on the unit's roster (same name and work unit).
    body: (c) => {
      const dup = c.variant === 'inside' ? c.other('cadre') : null;
      return {
        ownerOrgId: c.id,
        name: String(dup?.name ?? '矩阵'),
        gender: 'female',
        unitName: String(dup?.unitName ?? '矩阵'),
        rank: 'staff',
      };
    },
    ok: { status: 409, field: 'name' },
    outside: bad('ownerOrgId'),
  },
  'GET /api/cadres/analysis': { permission: 'cadres.read', ok: 200 },
  'GET /api/cadres/export': { permission: 'cadres.read', ok: 200 },
  'GET /api/cadres/template': { permission: 'session', ok: 200 },
  'POST /api/cadres/import': { permission: 'cadres.write', multipart: true, ok: REFUSED },
  'PATCH /api/cadres/{id}': {
    permission: 'cadres.write',
    record: 'cadre',
    body: (c) => ({ ownerOrgId: c.other('unit', 'outside').id }),
    ok: bad('ownerOrgId'),
  },
  'GET /api/cadres/rotations': { permission: 'cadres.read', ok: 200, leak: 'rotation' },
  'POST /api/cadres/rotations': {
    permission: 'cadres.write',
    record: 'unit',
    // Nothing refuses a well-formed rotation of the caller's unit: one named 矩阵 is added (harmless).
    body: (c) => ({ ownerOrgId: c.id, title: '矩阵', startDate: PAST }),
    ok: 201,
    outside: bad('ownerOrgId'),
  },
  'GET /api/cadres/rotations/{id}': { permission: 'cadres.read', record: 'rotation', ok: 200 },
  'POST /api/cadres/rotations/{id}/members': {
    permission: 'cadres.write',
    record: 'rotation',
    body: (c) => ({ cadreId: c.other('cadre', 'outside').id, direction: 'up' }),
    ok: bad('cadreId'),
  },
  'DELETE /api/cadres/rotations/{id}/members/{memberId}': {
    permission: 'cadres.write',
    record: 'rotation',
    params: () => ({ memberId: UNKNOWN_ID }),
    ok: notFound(/成员/),
  },
  'GET /api/cadres/rotations/{id}/members/template': { permission: 'session', record: 'rotation', ok: 200, outside: 200 },
  'POST /api/cadres/rotations/{id}/members/import': { permission: 'cadres.write', record: 'rotation', multipart: true, ok: REFUSED },
  'GET /api/cadres/rotations/{id}/members/export': { permission: 'cadres.read', record: 'rotation', ok: 200 },
  'GET /api/cadres/recommendations': { permission: 'cadres.read', query: () => 'pageSize=200', ok: 200, leak: 'recommendation' },
  'POST /api/cadres/recommendations': {
    permission: 'cadres.write',
    record: 'unit',
    body: (c) => ({ ownerOrgId: c.id, candidateName: '矩阵', recommendedOn: PAST, cadreId: c.other('cadre', 'outside').id }),
    ok: bad('cadreId'),
    outside: bad('ownerOrgId'),
  },
  'GET /api/cadres/recommendations/export': { permission: 'cadres.read', ok: 200 },
  'GET /api/cadres/recommendations/template': { permission: 'session', ok: 200 },
  'POST /api/cadres/recommendations/import': { permission: 'cadres.write', multipart: true, ok: REFUSED },
  'PUT /api/cadres/recommendations/{id}/status': {
    permission: 'cadres.write',
    record: 'recommendation',
    body: () => ({ status: 'activist', statusDate: '2000-01-01' }),
    ok: bad('statusDate'),
  },

  // ---------------------------------------------------------------- indicators (两纲)
  'GET /api/indicators': { permission: 'indicators.read', ok: 200, leak: 'indicator' },
  'POST /api/indicators': {
    permission: 'indicators.approve',
    record: 'federation',
    body: (c) => ({
      ownerOrgId: c.id,
      code: 'MATRIX',
      area: 'W_HEALTH',
      name: '矩阵',
      unit: 'percent',
      direction: 'rising',
      responsibleOrgId: UNKNOWN_ID,
    }),
    ok: bad('responsibleOrgId'),
    outside: bad('ownerOrgId'),
  },
  'POST /api/indicators/defaults': {
    permission: 'indicators.approve',
    record: 'federation',
    // The standard catalogue is already there: nothing is added.
    body: (c) => ({ ownerOrgId: c.id }),
    ok: 200,
    outside: bad('ownerOrgId'),
  },
  'GET /api/indicators/regions': { permission: 'indicators.read', ok: 200, leak: 'region' },
  'GET /api/indicators/entry': {
    permission: 'indicators.submit',
    record: 'region',
    query: (c) => `year=2026&regionOrgId=${c.id}`,
    ok: 200,
  },
  'GET /api/indicators/values': { permission: 'indicators.read', query: () => 'year=2026', ok: 200, leak: 'indicatorValue' },
  'PUT /api/indicators/values': {
    permission: 'indicators.submit',
    record: 'region',
    body: (c) => ({ year: 2026, regionOrgId: c.id, values: [{ indicatorId: UNKNOWN_ID, value: 1 }] }),
    ok: REFUSED,
  },
  'POST /api/indicators/values/submit': {
    permission: 'indicators.submit',
    record: 'indicatorValue',
    body: (c) => ({ ids: [c.id] }),
    ok: REFUSED,
  },
  'POST /api/indicators/values/approve': {
    permission: 'indicators.approve',
    record: 'indicatorValue',
    body: (c) => ({ ids: [c.id] }),
    ok: REFUSED,
  },
  'POST /api/indicators/values/return': {
    permission: 'indicators.approve',
    record: 'indicatorValue',
    body: (c) => ({ ids: [c.id], reason: '矩阵' }),
    ok: REFUSED,
  },
  'GET /api/indicators/values/template': { permission: 'indicators.submit', ok: 200 },
  'POST /api/indicators/values/import': { permission: 'indicators.submit', multipart: true, ok: REFUSED },
  'POST /api/indicators/values/{id}/reopen': {
    permission: 'indicators.approve',
    record: 'openIndicatorValue',
    body: () => ({ reason: '矩阵' }),
    ok: REFUSED,
  },
  'GET /api/indicators/values/{id}/events': { permission: 'indicators.read', record: 'indicatorValue', ok: 200 },
  'GET /api/indicators/evaluation': { permission: 'indicators.read', query: () => 'year=2026', ok: 200 },
  'GET /api/indicators/evaluation/export': { permission: 'indicators.read', query: () => 'year=2026', ok: 200 },
  'GET /api/indicators/evaluation/report': { permission: 'indicators.read', query: () => 'year=2026', ok: 200 },
  'PATCH /api/indicators/{id}': {
    permission: 'indicators.approve',
    record: 'indicator',
    body: () => ({ responsibleOrgId: UNKNOWN_ID }),
    ok: REFUSED,
  },

  // ---------------------------------------------------------------- reports
  'GET /api/facts': { permission: 'reports.read', record: 'unit', query: (c) => `year=2026&org=${c.id}&f=cases.received`, ok: 200 },
  'GET /api/facts/{name}/records': {
    permission: 'reports.read',
    record: 'unit',
    params: () => ({ name: 'cases.received' }),
    query: (c) => `year=2026&org=${c.id}`,
    also: 'cases.read',
    ok: 200,
  },
  'GET /api/reports/dashboard': {
    permission: 'reports.read',
    record: 'unit',
    query: (c) => `year=2026&org=${c.id}&fact=cases.received`,
    ok: 200,
  },
  'GET /api/reports/scopes': { permission: 'reports.read', ok: 200, leak: 'unit' },
  'GET /api/reports/templates': { permission: 'reports.read', ok: 200, leak: 'template' },
  // Nothing refuses a well-formed template: one named 矩阵 is added for the caller's unit (harmless).
  'POST /api/reports/templates': { permission: 'reports.write', body: () => ({ name: '矩阵' }), ok: 201 },
  'GET /api/reports/templates/{id}': { permission: 'reports.read', record: 'template', ok: 200 },
  'PATCH /api/reports/templates/{id}': {
    permission: 'reports.write',
    record: 'ownTemplate',
    // Its own name again: nothing changes.
    body: () => ({ name: '矩阵模板' }),
    ok: 200,
  },
  'DELETE /api/reports/templates/{id}': {
    permission: 'reports.write',
    record: 'ownTemplate',
    params: () => ({ id: UNKNOWN_ID }),
    ok: notFound(/模板/),
    outside: notFound(/模板/),
  },
  'GET /api/reports/summaries': { permission: 'reports.read', ok: 200, leak: 'summary' },
  'POST /api/reports/summaries/generate': {
    permission: 'reports.write',
    record: 'federation',
    body: (c) => ({ year: 2026, org: c.id, templateId: UNKNOWN_ID }),
    ok: notFound(/模板/),
    outside: notFound(/单位/),
  },
  'GET /api/reports/summaries/{id}': { permission: 'reports.read', record: 'summary', ok: 200 },
  'PATCH /api/reports/summaries/{id}/paragraph': {
    permission: 'reports.write',
    record: 'summary',
    body: () => ({ blockId: 'x', segments: [], version: 999 }),
    ok: 409,
  },
  'POST /api/reports/summaries/{id}/refresh': { permission: 'reports.write', record: 'summary', body: () => ({ version: 999 }), ok: 409 },
  'POST /api/reports/summaries/{id}/freeze': { permission: 'reports.write', record: 'summary', body: () => ({ version: 999 }), ok: 409 },
  'GET /api/reports/summaries/{id}/moved': { permission: 'reports.read', record: 'summary', ok: 200 },
  'GET /api/reports/summaries/{id}/versions': { permission: 'reports.read', record: 'summary', ok: 200 },
  'GET /api/reports/summaries/{id}/versions/{version}': {
    permission: 'reports.read',
    record: 'summary',
    params: () => ({ version: '1' }),
    ok: 200,
  },
  'GET /api/reports/summaries/{id}/export': { permission: 'reports.read', record: 'summary', query: () => 'format=docx', ok: 200 },

  ...MATRIX_MODULES_B,
  ...MATRIX_APPROVALS,
  ...MATRIX_MODULES_A,
  ...MATRIX_TASKS,
};
