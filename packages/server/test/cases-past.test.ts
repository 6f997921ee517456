import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';

/**
 * A year of paper entered in December (issue 13): every dated step takes the day it happened, never in the future
 * and never before the step it follows; the audit trail keeps the real time of entry beside it; the figures count
 * the entered days (the answer time is March's, not "0 days").
 */
describe.each(TEST_DATABASES)('entering the past: dated steps of a case on %s', (kind) => {
  let t: TestApp;
  let rights: TestSession;
  let legalAid: string;
  const unit = async (name: string) =>
    (await t.handle.db.selectFrom('orgUnits').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const post = (s: TestSession, url: string, payload: object = {}) => s.inject({ method: 'POST', url, payload });
  const ENTERED_AT = '2026-12-07T02:00:00.000Z';

  async function pastCase(receivedDate: string, acceptedDate: string) {
    const res = await post(rights, '/api/cases', {
      channel: 'letter',
      receivedDate,
      category: 'property',
      summary: `补录 ${receivedDate}`,
      applicant: { name: `补录当事人${receivedDate}`, gender: 'female', residenceOrgId: await unit('大山村') },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    expect((await post(rights, `/api/cases/${id}/accept`, { date: acceptedDate })).statusCode).toBe(200);
    return id;
  }
  const consent = (id: string, givenDate: string) =>
    post(rights, `/api/cases/${id}/consents`, {
      agencyOrgId: legalAid,
      purpose: '法律援助',
      givenBy: '本人',
      givenDate,
      method: 'written',
    });

  beforeAll(async () => {
    t = await buildTestApp(kind);
    t.clock.set(ENTERED_AT);
    rights = await t.login('rights');
    legalAid = await unit('区法律援助中心');
  });
  afterAll(() => t.close());

  it('sends a referral of March on its own day; the agency answers on its day; the audit keeps the time of entry', async () => {
    const id = await pastCase('2026-03-02', '2026-03-04');
    const k = (await consent(id, '2026-03-04')).json().id as string;
    const sent = await post(rights, `/api/cases/${id}/referrals`, {
      agencyOrgId: legalAid,
      serviceRequested: '请提供法律援助',
      dueDate: '2026-03-20',
      consentId: k,
      sentDate: '2026-03-05',
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ sentDate: '2026-03-05', dueDate: '2026-03-20' });
    const referralId = sent.json().id as string;
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select(['at', 'detail'])
      .where('entityId', '=', referralId)
      .where('action', '=', 'referral.send')
      .executeTakeFirstOrThrow();
    expect(audit.at.slice(0, 10)).toBe('2026-12-07');
    expect(JSON.parse(audit.detail!)).toMatchObject({ sentDate: '2026-03-05' });
    // The case started on the day of the referral, not on the day it was entered.
    const detail = (await rights.inject({ url: `/api/cases/${id}` })).json();
    expect(detail.events.find((e: { transition: string }) => e.transition === 'start')).toMatchObject({ date: '2026-03-05' });

    const la = await t.login('legalaid');
    const early = await post(la, `/api/agency/referrals/${referralId}/accept`, { date: '2026-03-04' });
    expect(early.json()).toMatchObject({ statusCode: 400, fields: [{ path: 'date', message: expect.stringContaining('2026-03-05') }] });
    const answered = await post(la, `/api/agency/referrals/${referralId}/accept`, { date: '2026-03-09' });
    expect(answered.statusCode).toBe(200);
    expect((await rights.inject({ url: `/api/cases/${id}` })).json().referrals[0]).toMatchObject({
      answeredDate: '2026-03-09',
      daysToAnswer: 4,
    });
    expect((await post(la, `/api/agency/referrals/${referralId}/outcome`, { date: '2026-04-10', outcome: '已代理起诉' })).statusCode).toBe(
      200,
    );

    // Closure follows the referral: not before its last day (04-10), though after the acceptance (03-04).
    const close = { outcome: 'referred_resolved', reply: '经法律援助解决', satisfaction: 'satisfied' };
    const tooEarly = await post(rights, `/api/cases/${id}/close`, { ...close, date: '2026-04-01' });
    expect(tooEarly.json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'date', message: '办结日期不能早于该事项转介的最后日期（2026-04-10）' }],
    });
    const closed = await post(rights, `/api/cases/${id}/close`, { ...close, date: '2026-04-20' });
    expect(closed.json()).toMatchObject({ status: 'closed', closedDate: '2026-04-20', daysToClose: 47 });

    // The summary's answer time is the entered one: 4 days, not 0.
    const facts = (await rights.inject({ url: `/api/facts?year=2026&f=${encodeURIComponent('cases.referrals.meanDaysToAnswer')}` })).json();
    expect(facts.facts[0]).toMatchObject({ value: 4 });
  });

  it('refuses a sent date in the future, before the case was received or before her consent, with the field named', async () => {
    const id = await pastCase('2026-05-10', '2026-05-12');
    const k = (await consent(id, '2026-05-12')).json().id as string;
    const send = (over: object) =>
      post(rights, `/api/cases/${id}/referrals`, {
        agencyOrgId: legalAid,
        serviceRequested: '请提供法律援助',
        dueDate: '2026-12-20',
        consentId: k,
        ...over,
      });
    expect((await send({ sentDate: '2026-12-08' })).json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'sentDate', message: '日期不能晚于今天' }],
    });
    expect((await send({ sentDate: '2026-05-09' })).json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'sentDate', message: '日期不能早于收到日期（2026-05-10）' }],
    });
    expect((await send({ sentDate: '2026-05-11' })).json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'sentDate', message: '转介日期不能早于当事人同意的日期（2026-05-12）' }],
    });
    expect((await send({ sentDate: '2026-05-13', dueDate: '2026-05-12' })).json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'dueDate', message: '答复期限不能早于转介日期（2026-05-13）' }],
    });
    // A due date already past is fine for a referral of the past.
    const ok = await send({ sentDate: '2026-05-13', dueDate: '2026-05-28' });
    expect(ok.statusCode).toBe(201);
    expect(await t.handle.db.selectFrom('caseReferrals').select('id').where('caseId', '=', id).execute()).toHaveLength(1);
  });

  it('dates consent (given, withdrawn) and the extension; refuses them out of order', async () => {
    const id = await pastCase('2026-06-01', '2026-06-03');
    expect((await consent(id, '2026-05-31')).json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'givenDate', message: '日期不能早于收到日期（2026-06-01）' }],
    });
    const k = (await consent(id, '2026-06-05')).json().id as string;
    const early = await post(rights, `/api/cases/${id}/consents/${k}/withdraw`, { date: '2026-06-04' });
    expect(early.json()).toMatchObject({ statusCode: 400, fields: [{ path: 'date', message: '日期不能早于同意日期（2026-06-05）' }] });
    const future = await post(rights, `/api/cases/${id}/consents/${k}/withdraw`, { date: '2026-12-08' });
    expect(future.json()).toMatchObject({ statusCode: 400, fields: [{ path: 'date', message: '日期不能晚于今天' }] });
    const withdrawn = await post(rights, `/api/cases/${id}/consents/${k}/withdraw`, { date: '2026-07-01' });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().consents[0]).toMatchObject({ withdrawnDate: '2026-07-01', withdrawnAt: ENTERED_AT });

    const extEarly = await post(rights, `/api/cases/${id}/extend`, { days: 30, reason: '需调查', date: '2026-06-02' });
    expect(extEarly.json()).toMatchObject({ statusCode: 400, fields: [{ path: 'date', message: '日期不能早于受理日期（2026-06-03）' }] });
    const ext = await post(rights, `/api/cases/${id}/extend`, { days: 30, reason: '需调查', date: '2026-07-20' });
    expect(ext.statusCode).toBe(200);
    // The request keeps the day it was made; the extension, once the unit head approves it, is dated that day too.
    expect(ext.json().events.find((e: { transition: string }) => e.transition === 'extendRequest')).toMatchObject({ date: '2026-07-20' });
    const request = await t.handle.db.selectFrom('approvalRequests').select('id').where('subjectId', '=', id).executeTakeFirstOrThrow();
    const chair = await t.login('chair');
    expect((await post(chair, `/api/approvals/${request.id}/decide`, { decision: 'approve', step: 1 })).statusCode).toBe(200);
    const approved = (await rights.inject({ url: `/api/cases/${id}` })).json();
    expect(approved.events.find((e: { transition: string }) => e.transition === 'extend')).toMatchObject({ date: '2026-07-20' });
  });

  it('withdraws a consent today when no date is given (a client that sends no body)', async () => {
    const id = await pastCase('2026-08-01', '2026-08-02');
    const k = (await consent(id, '2026-08-02')).json().id as string;
    const res = await rights.inject({ method: 'POST', url: `/api/cases/${id}/consents/${k}/withdraw` });
    expect(res.statusCode).toBe(200);
    expect(res.json().consents[0]).toMatchObject({ withdrawnDate: '2026-12-07' });
  });
});
