import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';

/** Revoking a referral, or her withdrawing the consent it went out under, ends the agency's access at once. */
describe.each(TEST_DATABASES)('referral access ends with revocation and withdrawn consent on %s', (kind) => {
  let t: TestApp;
  let rights: TestSession;
  let police: TestSession;
  let policeUnit: string;
  let n = 0;
  const unit = async (name: string) =>
    (await t.handle.db.selectFrom('orgUnits').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const post = (s: TestSession, url: string, payload: object = {}) => s.inject({ method: 'POST', url, payload });
  const pub = (url: string, payload?: object) => t.app.inject({ method: payload ? 'POST' : 'GET', url, payload });

  /** A DV case of 东城 with her consent to share with 东城派出所 and a referral sent under it (narrative shared). */
  async function referred() {
    n++;
    const applicant = `撤回测试当事人${n}`;
    const created = await post(rights, '/api/cases', {
      channel: 'visit',
      receivedDate: '2026-11-27',
      category: 'domestic_violence',
      summary: '请求出具告诫书',
      narrative: `撤回测试经过${n}：多次被打`,
      applicant: { name: applicant, gender: 'female', phone: '13612345678', residenceOrgId: await unit('东兴社区') },
    });
    const caseId = created.json().id as string;
    await post(rights, `/api/cases/${caseId}/accept`, { date: '2026-11-28' });
    const consentId = (
      await post(rights, `/api/cases/${caseId}/consents`, {
        agencyOrgId: policeUnit,
        purpose: '出具告诫书',
        givenBy: '本人',
        givenDate: '2026-11-28',
        method: 'written',
      })
    ).json().id as string;
    const sent = await post(rights, `/api/cases/${caseId}/referrals`, {
      agencyOrgId: policeUnit,
      serviceRequested: '请出具告诫书',
      dueDate: '2026-12-10',
      consentId,
      shareNarrative: true,
    });
    expect(sent.statusCode).toBe(201);
    const referralId = sent.json().id as string;
    const letter = await post(rights, `/api/referrals/${referralId}/letter`);
    expect(letter.statusCode).toBe(200);
    const token = new URL(letter.json().url).pathname.split('/').pop()!;
    return { caseId, consentId, referralId, token, applicant, narrative: `撤回测试经过${n}` };
  }

  /** Everything the agency could reach: the inbox (any status), the opened referral, the answers, the letter's link. */
  async function agencySees(r: Awaited<ReturnType<typeof referred>>) {
    const inbox = await police.inject({ url: '/api/agency/referrals?pageSize=100' });
    const closed = await police.inject({ url: '/api/agency/referrals?status=closed&pageSize=100' });
    const opened = await police.inject({ url: `/api/agency/referrals/${r.referralId}` });
    const link = await pub(`/api/public/referral-links/${r.token}`);
    return { inbox, closed, opened, link };
  }

  beforeAll(async () => {
    t = await buildTestApp(kind);
    rights = await t.login('rights');
    police = await t.login('police');
    policeUnit = await unit('东城派出所');
  });
  afterAll(() => t.close());

  it('answers 404 in the inbox and on the link once the federation revokes, shows nothing of her, and audits it', async () => {
    const r = await referred();
    const before = await agencySees(r);
    expect(before.opened.statusCode).toBe(200);
    expect(before.opened.json()).toMatchObject({ applicantName: r.applicant, applicantPhone: '13612345678' });
    expect(before.opened.body).toContain(r.narrative);
    expect(before.link.statusCode).toBe(200);
    expect(before.inbox.body).toContain(r.referralId);

    expect((await post(rights, `/api/referrals/${r.referralId}/revoke`, { reason: '当事人已搬离' })).statusCode).toBe(200);
    const after = await agencySees(r);
    expect(after.opened.statusCode).toBe(404);
    expect(after.link.statusCode).toBe(404);
    for (const res of Object.values(after)) {
      expect(res.body).not.toContain(r.applicant);
      expect(res.body).not.toContain(r.narrative);
    }
    expect(after.inbox.body).not.toContain(r.referralId);
    expect(after.closed.body).not.toContain(r.referralId);
    const answers: [string, object][] = [
      ['accept', { date: '2026-11-29' }],
      ['decline', { date: '2026-11-29', reason: '无法处理' }],
      ['outcome', { date: '2026-11-29', outcome: '已处理' }],
    ];
    for (const [verb, body] of answers)
      expect((await post(police, `/api/agency/referrals/${r.referralId}/${verb}`, body)).statusCode).toBe(404);
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select(['action', 'actorName'])
      .where('entityId', '=', r.referralId)
      .where('action', '=', 'referral.revoke')
      .execute();
    expect(audit).toEqual([{ action: 'referral.revoke', actorName: 'rights' }]);
    // The agency is told that the referral was withdrawn, without her name.
    const notes = (await police.inject({ url: '/api/notifications' })).json();
    const told = JSON.stringify(notes);
    expect(told).toContain('转介已撤回');
    expect(told).not.toContain(r.applicant);
  });

  it('revokes the open referrals under a consent she withdraws and closes the answered ones to the agency, audited', async () => {
    const open = await referred();
    expect((await post(police, `/api/agency/referrals/${open.referralId}/accept`, { date: '2026-11-29' })).statusCode).toBe(200);
    const done = await referred();
    expect((await post(police, `/api/agency/referrals/${done.referralId}/accept`, { date: '2026-11-29' })).statusCode).toBe(200);
    expect(
      (await post(police, `/api/agency/referrals/${done.referralId}/outcome`, { date: '2026-11-29', outcome: '已出具告诫书' })).statusCode,
    ).toBe(200);
    expect((await police.inject({ url: `/api/agency/referrals/${done.referralId}` })).statusCode).toBe(200);

    for (const r of [open, done]) {
      const k = await post(rights, `/api/cases/${r.caseId}/consents/${r.consentId}/withdraw`);
      expect(k.statusCode).toBe(200);
      const after = await agencySees(r);
      expect(after.opened.statusCode).toBe(404);
      expect(after.link.statusCode).toBe(404);
      for (const res of Object.values(after)) {
        expect(res.body).not.toContain(r.applicant);
        expect(res.body).not.toContain(r.narrative);
      }
    }
    const detail = (await rights.inject({ url: `/api/cases/${open.caseId}` })).json();
    expect(detail.referrals[0]).toMatchObject({ status: 'revoked' });
    // The answered referral keeps its outcome in the federation's file.
    expect((await rights.inject({ url: `/api/cases/${done.caseId}` })).json().referrals[0]).toMatchObject({ status: 'done' });
    const trail = await t.handle.db
      .selectFrom('auditLog')
      .select(['action', 'entityId', 'detail'])
      .where('action', 'in', ['consent.withdraw', 'referral.revoke'])
      .where((eb) => eb.or([eb('entityId', '=', open.caseId), eb('entityId', '=', open.referralId)]))
      .orderBy('seq')
      .execute();
    expect(trail.map((a) => a.action)).toEqual(['consent.withdraw', 'referral.revoke']);
    expect(JSON.parse(trail[0].detail!)).toMatchObject({ referralsRevoked: [open.referralId] });
    expect(JSON.parse(trail[1].detail!)).toMatchObject({ consentId: open.consentId, via: 'consent.withdraw' });
  });

  it('keeps open to the agency a referral a leader sends afterwards without consent, on her grant and reason', async () => {
    const r = await referred();
    expect((await post(rights, `/api/cases/${r.caseId}/consents/${r.consentId}/withdraw`)).statusCode).toBe(200);
    expect((await police.inject({ url: `/api/agency/referrals/${r.referralId}` })).statusCode).toBe(404);
    const chair = await t.login('chair');
    const urgent = await post(chair, `/api/cases/${r.caseId}/referrals`, {
      agencyOrgId: policeUnit,
      serviceRequested: '紧急出警',
      dueDate: '2026-12-10',
      withoutConsentReason: '当事人生命安全面临紧迫危险',
    });
    expect(urgent.statusCode).toBe(201);
    expect(urgent.json().consentRecorded).toBe(false);
    const opened = await police.inject({ url: `/api/agency/referrals/${urgent.json().id}` });
    expect(opened.statusCode).toBe(200);
    // Without consent the phone stays masked.
    expect(opened.json()).toMatchObject({ applicantName: r.applicant, applicantPhone: '136****5678' });
  });
});
