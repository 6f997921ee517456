import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { createCasesService } from '../src/modules/cases/cases.service.js';

describe.each(TEST_DATABASES)('referrals: consent gate, agency inbox, one-time links, escalation on %s', (kind) => {
  let t: TestApp;
  let rights: TestSession;
  let police: TestSession;
  let caseId: string;
  let dongchengPolice: string;
  const unit = async (name: string) =>
    (await t.handle.db.selectFrom('orgUnits').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const post = (s: TestSession, url: string, payload: object = {}) => s.inject({ method: 'POST', url, payload });
  const pub = (url: string, payload?: object) => t.app.inject({ method: payload ? 'POST' : 'GET', url, payload });

  async function newCase(narrative = '详细经过：对方多次殴打') {
    const res = await post(rights, '/api/cases', {
      channel: 'phone',
      receivedDate: '2026-11-27',
      category: 'domestic_violence',
      summary: '丈夫殴打，请求帮助',
      narrative,
      applicant: { name: '转介当事人', gender: 'female', phone: '13687654321', residenceOrgId: await unit('东兴社区') },
    });
    const id = res.json().id as string;
    await post(rights, `/api/cases/${id}/accept`, { date: '2026-11-28' });
    return id;
  }
  async function consent(id: string, agencyOrgId: string) {
    return (
      await post(rights, `/api/cases/${id}/consents`, {
        agencyOrgId,
        purpose: '由派出所出具告诫书',
        givenBy: '本人',
        givenDate: '2026-11-28',
        method: 'written',
      })
    ).json().id as string;
  }
  const referral = (agencyOrgId: string, over: object = {}) => ({
    agencyOrgId,
    serviceRequested: '请出具告诫书',
    dueDate: '2026-12-10',
    ...over,
  });

  beforeAll(async () => {
    t = await buildTestApp(kind);
    rights = await t.login('rights');
    police = await t.login('police');
    dongchengPolice = await unit('东城派出所');
    caseId = await newCase();
  });
  afterAll(() => t.close());

  it('refuses to send without her recorded consent, and refuses a reason from someone without the grant', async () => {
    const none = await post(rights, `/api/cases/${caseId}/referrals`, referral(dongchengPolice));
    expect(none.statusCode).toBe(400);
    expect(none.json().fields[0]).toMatchObject({ path: 'consentId', message: expect.stringContaining('个人信息保护法') });
    const withReason = await post(
      rights,
      `/api/cases/${caseId}/referrals`,
      referral(dongchengPolice, { withoutConsentReason: '紧急情况' }),
    );
    expect(withReason.statusCode).toBe(403);
    const wrongConsent = await consent(caseId, await unit('区法律援助中心'));
    expect(
      (await post(rights, `/api/cases/${caseId}/referrals`, referral(dongchengPolice, { consentId: wrongConsent }))).json(),
    ).toMatchObject({ statusCode: 400, fields: [{ path: 'consentId' }] });
    expect(await t.handle.db.selectFrom('caseReferrals').select('id').execute()).toHaveLength(0);
  });

  it('records her consent given in the referral dialog with the referral, in one write', async () => {
    const id = await newCase();
    const given = { purpose: '由派出所出具告诫书', givenBy: '转介当事人', givenDate: '2026-11-28', method: 'oral_recorded' };
    const future = await post(
      rights,
      `/api/cases/${id}/referrals`,
      referral(dongchengPolice, { consent: { ...given, givenDate: '2099-01-01' } }),
    );
    expect(future.json()).toMatchObject({ statusCode: 400, fields: [{ path: 'consent.givenDate', message: '同意日期不能晚于今天' }] });
    const both = await post(
      rights,
      `/api/cases/${id}/referrals`,
      referral(dongchengPolice, { consentId: await consent(id, dongchengPolice), consent: given }),
    );
    expect(both.json()).toMatchObject({ statusCode: 400, fields: [{ path: 'consent' }] });
    const before = (await rights.inject({ url: `/api/cases/${id}` })).json().consents.length;

    const sent = await post(rights, `/api/cases/${id}/referrals`, referral(dongchengPolice, { consent: given }));
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ consentRecorded: true, withoutConsentReason: null });
    const detail = (await rights.inject({ url: `/api/cases/${id}` })).json();
    expect(detail.consents).toHaveLength(before + 1);
    const recorded = detail.consents.find((k: { method: string }) => k.method === 'oral_recorded');
    expect(recorded).toMatchObject({
      purpose: '由派出所出具告诫书',
      givenBy: '转介当事人',
      givenDate: '2026-11-28',
      method: 'oral_recorded',
      withdrawnAt: null,
    });
    // Sending started the accepted case: 开始办理 is entered before the referral, so the history reads in that order.
    const start = detail.events.find((e: { transition: string }) => e.transition === 'start');
    expect(start.date).toBe(sent.json().sentDate);
    expect(start.id < sent.json().id).toBe(true);
    const row = await t.handle.db
      .selectFrom('caseReferrals')
      .select('consentId')
      .where('id', '=', sent.json().id)
      .executeTakeFirstOrThrow();
    expect(row.consentId).toBe(recorded.id);
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', 'in', [id, sent.json().id])
      .where('action', 'in', ['consent.record', 'referral.send'])
      .orderBy('seq')
      .execute();
    // The consent recorded for the 'both' check, then the one given in the dialog and the referral, in that order.
    expect(audit.map((a) => a.action)).toEqual(['consent.record', 'consent.record', 'referral.send']);
  });

  it('lets a leader with the separate grant send without consent, giving a reason, audited as such', async () => {
    const other = await newCase();
    const chair = await t.login('chair');
    const sent = await post(
      chair,
      `/api/cases/${other}/referrals`,
      referral(dongchengPolice, { withoutConsentReason: '当事人生命安全面临紧迫危险，无法及时取得同意' }),
    );
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ consentRecorded: false, withoutConsentReason: expect.stringContaining('紧迫危险') });
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select(['action', 'detail', 'actorName'])
      .where('entityId', '=', sent.json().id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'referral.send.withoutConsent', actorName: 'chair' });
    // without consent the agency sees the phone masked
    const seen = (await police.inject({ url: `/api/agency/referrals/${sent.json().id}` })).json();
    expect(seen.applicantPhone).toBe('136****4321');
  });

  it('sends with consent; the police see only referrals to 东城派出所, with only the fields they need', async () => {
    const consentId = await consent(caseId, dongchengPolice);
    const bad = await post(rights, `/api/cases/${caseId}/referrals`, referral(dongchengPolice, { consentId, dueDate: '2026-11-01' }));
    expect(bad.json()).toMatchObject({ statusCode: 400, fields: [{ path: 'dueDate' }] });
    const notAgency = await post(rights, `/api/cases/${caseId}/referrals`, referral(await unit('区教育局'), { consentId }));
    expect(notAgency.json()).toMatchObject({ statusCode: 400, fields: [{ path: 'agencyOrgId' }] });
    const sent = await post(rights, `/api/cases/${caseId}/referrals`, referral(dongchengPolice, { consentId }));
    expect(sent.statusCode).toBe(201);
    const refId = sent.json().id;

    const inbox = (await police.inject({ url: '/api/agency/referrals?status=open' })).json();
    expect(inbox.items.map((i: { id: string }) => i.id)).toContain(refId);
    expect(inbox.items.every((i: { agencyName: string }) => i.agencyName === '东城派出所')).toBe(true);
    const opened = await police.inject({ url: `/api/agency/referrals/${refId}` });
    expect(opened.json()).toMatchObject({
      caseNo: expect.any(String),
      applicantName: '转介当事人',
      applicantPhone: '13687654321',
      narrative: null,
      serviceRequested: '请出具告诫书',
    });
    expect(opened.body).not.toContain('多次殴打');
    expect(Object.keys(opened.json())).not.toContain('summary');

    const legalaid = await t.login('legalaid');
    expect((await legalaid.inject({ url: `/api/agency/referrals/${refId}` })).statusCode).toBe(404);
    expect((await legalaid.inject({ url: '/api/agency/referrals' })).json().total).toBe(0);
    expect((await post(legalaid, `/api/agency/referrals/${refId}/accept`, { date: '2026-11-29' })).statusCode).toBe(404);
    expect((await police.inject({ url: `/api/cases/${caseId}` })).statusCode).toBe(403);
    expect((await police.inject({ url: '/api/cases' })).statusCode).toBe(403);
    expect((await rights.inject({ url: '/api/agency/referrals' })).statusCode).toBe(403);
  });

  it('shares the narrative with the agency only when the federation chose to', async () => {
    const id = await newCase('对方持刀威胁的经过');
    const consentId = await consent(id, dongchengPolice);
    const sent = (await post(rights, `/api/cases/${id}/referrals`, referral(dongchengPolice, { consentId, shareNarrative: true }))).json();
    expect((await police.inject({ url: `/api/agency/referrals/${sent.id}` })).json().narrative).toBe('对方持刀威胁的经过');
  });

  it('answers through the inbox: accept, then the outcome; wrong order refused; the case then closes', async () => {
    const refId = (await rights.inject({ url: `/api/cases/${caseId}` }))
      .json()
      .referrals.find((r: { consentRecorded: boolean }) => r.consentRecorded).id;
    expect((await post(police, `/api/agency/referrals/${refId}/outcome`, { date: '2026-11-29', outcome: '已出具告诫书' })).statusCode).toBe(
      409,
    );
    expect((await post(police, `/api/agency/referrals/${refId}/accept`, { date: '2026-11-01' })).json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'date' }],
    });
    const closeEarly = await post(rights, `/api/cases/${caseId}/close`, {
      date: '2026-11-29',
      outcome: 'supported',
      reply: '已处理',
      satisfaction: 'satisfied',
    });
    expect(closeEarly.statusCode).toBe(409);
    expect(closeEarly.json().message).toContain('尚有1件转介未办结');
    expect(
      (await post(police, `/api/agency/referrals/${refId}/accept`, { date: '2026-11-29', receiptNote: '已接收' })).json(),
    ).toMatchObject({ status: 'accepted', answeredDate: '2026-11-29' });
    expect((await post(police, `/api/agency/referrals/${refId}/decline`, { date: '2026-11-29', reason: '不属于辖区' })).statusCode).toBe(
      409,
    );
    expect(
      (await post(police, `/api/agency/referrals/${refId}/outcome`, { date: '2026-11-29', outcome: '已对施暴人出具告诫书' })).json(),
    ).toMatchObject({ status: 'done' });
    const notes = await t.handle.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.userId')
      .select(['users.username', 'notifications.title'])
      .where('notifications.title', 'like', '转介已办结%')
      .execute();
    expect(notes.map((n) => n.username)).toContain('rights');
    // the other (no-consent) referral is revoked so the case can close
    const open = (await rights.inject({ url: `/api/cases/${caseId}` }))
      .json()
      .referrals.filter((r: { status: string }) => r.status === 'sent');
    for (const r of open) await post(rights, `/api/referrals/${r.id}/revoke`, { reason: '重复' });
    expect(
      (
        await post(rights, `/api/cases/${caseId}/close`, {
          date: '2026-11-29',
          outcome: 'referred_resolved',
          reply: '已处理',
          satisfaction: 'satisfied',
        })
      ).json().status,
    ).toBe('closed');
  });

  it("opens one referral alone through a printed letter's link, which expires and dies once answered", async () => {
    const legalAid = await unit('区法律援助中心');
    const a = await newCase();
    const b = await newCase();
    const refA = (
      await post(
        rights,
        `/api/cases/${a}/referrals`,
        referral(legalAid, { consentId: await consent(a, legalAid), serviceRequested: '请提供法律援助' }),
      )
    ).json().id;
    const refB = (
      await post(
        rights,
        `/api/cases/${b}/referrals`,
        referral(legalAid, { consentId: await consent(b, legalAid), serviceRequested: '援助B' }),
      )
    ).json().id;

    expect((await t.app.inject({ method: 'POST', url: `/api/referrals/${refA}/letter` })).statusCode).toBe(401);
    const niufo = await t.login('niufo');
    expect((await post(niufo, `/api/referrals/${refA}/letter`)).statusCode).toBe(404);
    const letter = (await post(rights, `/api/referrals/${refA}/letter`)).json();
    expect(letter.url).toMatch(/\/r\/[A-Za-z0-9_-]{43}$/);
    expect(letter.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const token = letter.url.split('/r/')[1];
    const stored = await t.handle.db.selectFrom('caseReferrals').select(['linkTokenHash']).where('id', '=', refA).executeTakeFirstOrThrow();
    expect(stored.linkTokenHash).not.toBe(token);
    expect(stored.linkTokenHash).toMatch(/^[0-9a-f]{64}$/);

    const view = await pub(`/api/public/referral-links/${token}`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ serviceRequested: '请提供法律援助', agencyName: '区法律援助中心' });
    expect(view.body).not.toContain('援助B');
    expect((await pub(`/api/public/referral-links/${token.slice(0, -2)}xx`)).statusCode).toBe(404);
    expect((await pub(`/api/public/referral-links/not-a-token`)).statusCode).toBe(404);
    expect((await pub(`/api/public/referral-links/${refB}`)).statusCode).toBe(404);

    expect((await pub(`/api/public/referral-links/${token}/accept`, { date: '2026-11-29' })).json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'handlerName' }],
    });
    expect(
      (
        await pub(`/api/public/referral-links/${token}/accept`, { date: '2026-11-29', handlerName: '钱律师', receiptNote: '已指派律师' })
      ).json(),
    ).toMatchObject({ status: 'accepted' });
    expect((await pub(`/api/public/referral-links/${token}/accept`, { date: '2026-11-29', handlerName: '钱律师' })).statusCode).toBe(409);
    expect(
      (
        await pub(`/api/public/referral-links/${token}/outcome`, { date: '2026-11-29', handlerName: '钱律师', outcome: '已代理诉讼' })
      ).json(),
    ).toMatchObject({ status: 'done' });
    // answered for good: the link no longer opens anything
    expect((await pub(`/api/public/referral-links/${token}`)).statusCode).toBe(404);
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select(['action', 'actorName'])
      .where('entityId', '=', refA)
      .orderBy('seq')
      .execute();
    expect(audit.map((x) => x.action)).toEqual([
      'referral.send',
      'referral.link.issue',
      'read.sensitive',
      'referral.accept',
      'referral.outcome',
    ]);
    expect(audit.find((x) => x.action === 'referral.accept')!.actorName).toBe('link:钱律师');
    // B is untouched
    expect((await rights.inject({ url: `/api/cases/${b}` })).json().referrals[0].status).toBe('sent');

    // B's link: a reprint replaces the earlier link, and a link expires after 30 days
    const first = (await post(rights, `/api/referrals/${refB}/letter`)).json().url.split('/r/')[1];
    const second = (await post(rights, `/api/referrals/${refB}/letter`)).json().url.split('/r/')[1];
    expect((await pub(`/api/public/referral-links/${first}`)).statusCode).toBe(404);
    expect((await pub(`/api/public/referral-links/${second}`)).statusCode).toBe(200);
    t.clock.advance(31 * 86400_000);
    try {
      expect((await pub(`/api/public/referral-links/${second}`)).statusCode).toBe(404);
    } finally {
      t.clock.advance(-31 * 86400_000);
      rights = await t.login('rights');
    }
  });

  it('escalates an overdue referral to the federation once, and shows it on the overdue board', async () => {
    const id = await newCase();
    const consentId = await consent(id, dongchengPolice);
    const ref = (await post(rights, `/api/cases/${id}/referrals`, referral(dongchengPolice, { consentId, dueDate: '2026-12-01' }))).json();
    const svc = createCasesService(t.app.jinguo.deps);
    t.clock.advance(5 * 86400_000); // 2026-12-04
    try {
      const first = await svc.runDaily();
      expect(first.escalated).toBeGreaterThanOrEqual(1);
      const row = await t.handle.db.selectFrom('caseReferrals').select('escalatedAt').where('id', '=', ref.id).executeTakeFirstOrThrow();
      expect(row.escalatedAt).not.toBeNull();
      const notes = await t.handle.db
        .selectFrom('notifications')
        .innerJoin('users', 'users.id', 'notifications.userId')
        .select(['users.username'])
        .where('notifications.title', 'like', `转介超期未办结：${ref.caseNo}%`)
        .execute();
      expect(notes.map((n) => n.username).sort()).toEqual(['chair', 'rights']);
      const again = await svc.runDaily();
      expect(again.escalated).toBe(0);
      const notesAgain = await t.handle.db
        .selectFrom('notifications')
        .select('id')
        .where('title', 'like', `转介超期未办结：${ref.caseNo}%`)
        .execute();
      expect(notesAgain).toHaveLength(2);
      // (sessions time out while the clock moves: log in again)
      const board = (await (await t.login('rights')).inject({ url: '/api/cases/overdue' })).json();
      expect(board.referrals.map((r: { id: string }) => r.id)).toContain(ref.id);
      expect(board.referrals.find((r: { id: string }) => r.id === ref.id)).toMatchObject({ daysOverdue: 3, agencyName: '东城派出所' });
      const niufo = await t.login('niufo');
      expect((await niufo.inject({ url: '/api/cases/overdue' })).json().referrals).toHaveLength(0);
    } finally {
      t.clock.advance(-5 * 86400_000);
      rights = await t.login('rights');
    }
  });

  it('reminds the assignee and leaders of a case deadline within 3 days or missed', async () => {
    const res = await post(rights, '/api/cases', {
      channel: 'letter',
      receivedDate: '2026-11-10',
      category: 'other',
      summary: '超过受理期限',
      applicant: { name: '提醒测试', gender: 'female', residenceOrgId: await unit('大山村') },
    });
    const { caseNo } = res.json(); // accept by 11-25 (Wed) → missed by 11-29
    const r = await createCasesService(t.app.jinguo.deps).runDaily();
    expect(r.reminders).toBeGreaterThan(0);
    const notes = await t.handle.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.userId')
      .select(['users.username', 'notifications.title'])
      .where('notifications.title', 'like', `%${caseNo}%`)
      .execute();
    expect(notes.map((n) => n.username).sort()).toEqual(['chair', 'rights']);
    expect(notes[0].title).toContain('已超期');
    const board = (await rights.inject({ url: '/api/cases/overdue' })).json();
    expect(board.cases.find((c: { caseNo: string }) => c.caseNo === caseNo)).toMatchObject({
      deadlineLabel: expect.stringContaining('受理'),
      daysOverdue: 4,
    });
  });
});
