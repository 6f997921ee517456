// The role × route matrix's entries for placement (妇联职介所, 劳务输出), staffdev and the cadres module's analysis
// report and targets; spread into MATRIX in role-matrix.table.ts (same rules as there: the permission and record the
// service checks, and for writes a body refused after the checks, or one harmless row). Test code only.
import type { Entry } from './role-matrix.table.js';
import { bad, notFound, PAST, REFUSED, UNKNOWN_ID } from './role-matrix.want.js';

/** A job seeker's registration, valid for the route's schema. */
const seekerBody = (ownerOrgId: string, residenceOrgId: string, idNumber: string, placeOrgIds: string[]) => ({
  ownerOrgId,
  name: '矩阵求职',
  gender: 'female',
  idNumber,
  residenceOrgId,
  registeredOn: PAST,
  category: 'laid_off',
  hours: 'full_time',
  placeOrgIds,
});

export const MATRIX_MODULES_A: Record<string, Entry> = {
  // ---------------------------------------------------------------- placement: employers and vacancies
  'GET /api/placement/employers': { permission: 'placement.read', query: () => 'pageSize=200', ok: 200, leak: 'employer' },
  'GET /api/placement/employers/export': { permission: 'placement.read', ok: 200 },
  'GET /api/placement/employers/template': { permission: 'session', ok: 200 },
  'POST /api/placement/employers/import': { permission: 'placement.write', multipart: true, ok: REFUSED },
  // Inside: the credit code of an employer the unit already registered; outside: a unit outside the scope.
  'POST /api/placement/employers': {
    permission: 'placement.write',
    record: 'employer',
    body: (c) => ({ ownerOrgId: String(c.row.ownerOrgId), name: '矩阵用人单位', creditCode: String(c.row.creditCode) }),
    ok: { status: 409, field: 'creditCode' },
    outside: bad('ownerOrgId'),
  },
  'GET /api/placement/employers/{id}': { permission: 'placement.read', record: 'employer', ok: 200 },
  // The credit code of another employer of the same unit.
  'PATCH /api/placement/employers/{id}': {
    permission: 'placement.write',
    record: 'employer',
    body: (c) => ({ creditCode: String(c.row.otherCode ?? c.row.creditCode) }),
    ok: { status: 409, field: 'creditCode' },
  },
  // The full phone number: writers only, each read audited.
  'GET /api/placement/employers/{id}/contact': { permission: 'placement.write', record: 'employer', ok: 200 },
  'GET /api/placement/vacancies': { permission: 'placement.read', query: () => 'pageSize=200', ok: 200, leak: 'vacancy' },
  'GET /api/placement/vacancies/export': { permission: 'placement.read', ok: 200 },
  // Inside: a workplace outside the caller's scope (its name would come back); outside: the employer.
  'POST /api/placement/vacancies': {
    permission: 'placement.write',
    record: 'employer',
    body: (c) => ({
      employerId: c.id,
      title: '矩阵岗位',
      hours: 'full_time',
      positions: 1,
      locationOrgId: c.other('unit', 'outside').id,
      locationText: '矩阵',
      publishedOn: PAST,
    }),
    ok: bad('locationOrgId'),
    outside: bad('employerId'),
  },
  'GET /api/placement/vacancies/{id}': { permission: 'placement.read', record: 'vacancy', ok: 200 },
  'PATCH /api/placement/vacancies/{id}': {
    permission: 'placement.write',
    record: 'vacancy',
    body: (c) => ({ locationOrgId: c.other('unit', 'outside').id }),
    ok: bad('locationOrgId'),
  },
  // The seekers scored are the caller's only.
  'GET /api/placement/vacancies/{id}/matches': { permission: 'placement.read', record: 'vacancy', ok: 200, leak: 'seeker' },
  'POST /api/placement/vacancies/{id}/referrals': {
    permission: 'placement.write',
    record: 'vacancy',
    body: (c) => ({ seekerId: c.other('seeker', 'outside').id, referredOn: PAST }),
    ok: bad('seekerId'),
  },

  // ---------------------------------------------------------------- placement: job seekers and referrals
  'GET /api/placement/seekers': { permission: 'placement.read', query: () => 'pageSize=200', ok: 200, leak: 'seeker' },
  'GET /api/placement/seekers/export': { permission: 'placement.read', ok: 200 },
  'GET /api/placement/seekers/template': { permission: 'session', ok: 200 },
  'POST /api/placement/seekers/import': { permission: 'placement.write', multipart: true, ok: REFUSED },
  // Inside: a preferred place outside the caller's scope; outside: the registering unit.
  'POST /api/placement/seekers': {
    permission: 'placement.write',
    record: 'unit',
    body: (c) => seekerBody(c.id, c.other('residence').id, c.fixture.girlIdNumber, [c.other('unit', 'outside').id]),
    ok: bad('placeOrgIds'),
    outside: bad('ownerOrgId'),
  },
  'GET /api/placement/seekers/{id}': { permission: 'placement.read', record: 'seeker', ok: 200 },
  'PATCH /api/placement/seekers/{id}': {
    permission: 'placement.write',
    record: 'seeker',
    body: (c) => ({ placeOrgIds: [c.other('unit', 'outside').id] }),
    ok: bad('placeOrgIds'),
  },
  // A row of another unit's training roster.
  'POST /api/placement/seekers/{id}/trainings': {
    permission: 'placement.write',
    record: 'seeker',
    body: (c) => ({ traineeId: c.other('trainee', 'outside').id, title: '矩阵培训' }),
    ok: bad('training.0.traineeId'),
  },
  // The roster rows offered for linking are the caller's only.
  'GET /api/placement/seekers/{id}/trainee-records': { permission: 'placement.read', record: 'seeker', ok: 200, leak: 'trainee' },
  'GET /api/placement/seekers/{id}/matches': { permission: 'placement.read', record: 'seeker', ok: 200, leak: 'vacancy' },
  'GET /api/placement/referrals': { permission: 'placement.read', query: () => 'pageSize=200', ok: 200, leak: 'jobReferral' },
  'GET /api/placement/referrals/export': { permission: 'placement.read', ok: 200 },
  // An outcome before the referral (or a second outcome).
  'PUT /api/placement/referrals/{id}/outcome': {
    permission: 'placement.write',
    record: 'jobReferral',
    body: () => ({ status: 'withdrawn', outcomeOn: '2000-01-01' }),
    ok: REFUSED,
  },

  // ---------------------------------------------------------------- placement: 劳务输出
  'GET /api/placement/exports': { permission: 'placement.read', ok: 200, leak: 'exportBatch' },
  // Inside: an employer outside the caller's scope; outside: the organising unit.
  'POST /api/placement/exports': {
    permission: 'placement.write',
    record: 'unit',
    body: (c) => ({
      ownerOrgId: c.id,
      title: '矩阵批次',
      destination: '矩阵',
      employerId: c.other('employer', 'outside').id,
      departureDate: PAST,
    }),
    ok: bad('employerId'),
    outside: bad('ownerOrgId'),
  },
  'GET /api/placement/exports/{id}': { permission: 'placement.read', record: 'exportBatch', ok: 200 },
  'POST /api/placement/exports/{id}/members': {
    permission: 'placement.write',
    record: 'exportBatch',
    body: (c) => ({ seekerIds: [c.other('seeker', 'outside').id] }),
    ok: bad('seekerIds.0'),
  },
  'GET /api/placement/exports/{id}/members/export': { permission: 'placement.read', record: 'exportBatch', ok: 200 },
  // Inside: a member the batch does not have; outside: the batch itself is not found.
  'PATCH /api/placement/exports/{id}/members/{memberId}': {
    permission: 'placement.write',
    record: 'exportBatch',
    params: () => ({ memberId: UNKNOWN_ID }),
    body: () => ({ status: 'withdrawn' }),
    ok: notFound(/输出人员/),
    outside: notFound(/劳务输出批次/),
  },
  // A follow-up dated before the departure (or of a member who did not go).
  'POST /api/placement/exports/{id}/members/{memberId}/follow-ups': {
    permission: 'placement.write',
    record: 'exportMember',
    params: (c) => ({ memberId: String(c.row.memberId) }),
    body: () => ({ months: 1, doneOn: '2000-01-01', result: 'working' }),
    ok: REFUSED,
    outside: notFound(/劳务输出批次/),
  },

  // ---------------------------------------------------------------- staffdev
  'GET /api/staffdev/staff': { permission: 'staffdev.read', query: () => 'pageSize=200', ok: 200, leak: 'staff' },
  'GET /api/staffdev/staff/export': { permission: 'staffdev.read', ok: 200 },
  'GET /api/staffdev/staff/template': { permission: 'session', ok: 200 },
  'POST /api/staffdev/staff/import': { permission: 'staffdev.write', multipart: true, ok: REFUSED },
  'GET /api/staffdev/trainings/export': { permission: 'staffdev.read', ok: 200 },
  'GET /api/staffdev/trainings/template': { permission: 'session', ok: 200 },
  'POST /api/staffdev/trainings/import': { permission: 'staffdev.write', multipart: true, ok: REFUSED },
  // Nothing refuses a well-formed person of the caller's unit: one named 矩阵 is added (harmless).
  'POST /api/staffdev/staff': {
    permission: 'staffdev.write',
    record: 'unit',
    body: (c) => ({ ownerOrgId: c.id, name: '矩阵', gender: 'female', category: 'federation' }),
    ok: 201,
    outside: bad('ownerOrgId'),
  },
  'GET /api/staffdev/staff/{id}': { permission: 'staffdev.read', record: 'staff', ok: 200 },
  // Her own name again: nothing changes.
  'PATCH /api/staffdev/staff/{id}': { permission: 'staffdev.write', record: 'staff', body: (c) => ({ name: String(c.row.name) }), ok: 200 },
  // Nothing refuses a well-formed training, study or certificate (no date rule beyond the schema's): one record
  // named 矩阵 is added to the person inside (harmless); outside, the person is not found.
  'POST /api/staffdev/staff/{id}/trainings': {
    permission: 'staffdev.write',
    record: 'staff',
    body: () => ({ title: '矩阵培训', organiser: '矩阵', level: 'district', startDate: PAST, hours: 1 }),
    ok: 200,
    outside: notFound(/人员/),
  },
  // Inside: a record the person does not have; outside: the person.
  'DELETE /api/staffdev/staff/{id}/trainings/{recordId}': {
    permission: 'staffdev.write',
    record: 'staff',
    params: () => ({ recordId: UNKNOWN_ID }),
    ok: notFound(/培训记录/),
    outside: notFound(/人员/),
  },
  'POST /api/staffdev/staff/{id}/degrees': {
    permission: 'staffdev.write',
    record: 'staff',
    body: () => ({ degree: 'bachelor', school: '矩阵', mode: 'in_service', startDate: PAST }),
    ok: 200,
    outside: notFound(/人员/),
  },
  // Finished before it began.
  'PUT /api/staffdev/staff/{id}/degrees/{recordId}': {
    permission: 'staffdev.write',
    record: 'staffDegree',
    params: (c) => ({ recordId: String(c.row.degreeId) }),
    body: () => ({ status: 'graduated', completedOn: '2000-01-01' }),
    ok: bad('completedOn'),
    outside: notFound(/人员/),
  },
  'POST /api/staffdev/staff/{id}/certificates': {
    permission: 'staffdev.write',
    record: 'staff',
    body: () => ({ name: '矩阵证书', issuedOn: PAST }),
    ok: 200,
    outside: notFound(/人员/),
  },

  // ---------------------------------------------------------------- cadres: the analysis report and targets
  'GET /api/cadres/analysis/report': {
    permission: 'cadres.read',
    record: 'unit',
    query: (c) => `year=2026&org=${c.id}`,
    ok: 200,
    outside: notFound(/单位/),
  },
  'GET /api/cadres/targets': {
    permission: 'cadres.read',
    record: 'unit',
    query: (c) => `org=${c.id}`,
    ok: 200,
    outside: notFound(/单位/),
    leak: 'cadreTarget',
  },
  // Nothing refuses a well-formed target of the caller's unit: one named 矩阵 is added (harmless).
  'POST /api/cadres/targets': {
    permission: 'cadres.write',
    record: 'unit',
    body: (c) => ({ ownerOrgId: c.id, label: '矩阵目标', dimension: 'overall', targetShare: 30 }),
    ok: 201,
    outside: bad('ownerOrgId'),
  },
  // Inside: a target that does not exist (the demo's stay); outside: the real target of another unit.
  'DELETE /api/cadres/targets/{id}': {
    permission: 'cadres.write',
    record: 'cadreTarget',
    params: (c) => ({ id: c.variant === 'inside' ? UNKNOWN_ID : c.id }),
    ok: notFound(/目标/),
    outside: notFound(/目标/),
  },
};
