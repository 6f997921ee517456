import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';

/**
 * The figures against a hand-counted fixture: the year is played through by moving the clock, so every
 * date is what the workflow itself recorded.
 *
 *   C5 visit 2025-12-28 other          accepted 2026-01-05, closed 01-20 (15 days, on time)
 *   C1 visit 2026-01-10 DV             accepted 01-12, closed 02-20 (39 days, on time)
 *   C2 letter 2026-03-05 property      accepted 03-06, court filing sent 03-06, filed 03-20 (14 days), closed 05-20 (75 days, late)
 *   C3 phone 2026-06-01 other          not accepted
 *   C4 visit 2026-07-01 marriage       diverted to the courts (诉访分离)
 *   C6 visit 2026-10-01 labour @牛佛镇  accepted 10-02, legal adviser 10-08, legal aid referral 10-08 answered 10-10 (2 days)
 *   C7 online 2026-11-20 child rights  registered
 */
describe.each(TEST_DATABASES)('case figures against a hand-counted fixture on %s', (kind) => {
  let t: TestApp;
  const unit = async (name: string) =>
    (await t.handle.db.selectFrom('orgUnits').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const on = async (date: string, user: string) => {
    t.clock.set(`${date}T02:00:00.000Z`);
    return t.login(user);
  };
  const ok = async (s: TestSession, url: string, payload: object, status = 200) => {
    const res = await s.inject({ method: 'POST', url, payload });
    if (res.statusCode !== status) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const register = async (s: TestSession, channel: string, receivedDate: string, category: string, residence = '大山村') =>
    (
      await ok(
        s,
        '/api/cases',
        {
          channel,
          receivedDate,
          category,
          summary: `${category} ${receivedDate}`,
          applicant: { name: `当事人${receivedDate}`, gender: 'female', residenceOrgId: await unit(residence) },
        },
        201,
      )
    ).id as string;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    let s = await on('2025-12-28', 'rights');
    const c5 = await register(s, 'visit', '2025-12-28', 'other');
    s = await on('2026-01-05', 'rights');
    await ok(s, `/api/cases/${c5}/accept`, { date: '2026-01-05' });
    s = await on('2026-01-10', 'rights');
    const c1 = await register(s, 'visit', '2026-01-10', 'domestic_violence');
    s = await on('2026-01-12', 'rights');
    await ok(s, `/api/cases/${c1}/accept`, { date: '2026-01-12' });
    s = await on('2026-01-20', 'rights');
    await ok(s, `/api/cases/${c5}/close`, { date: '2026-01-20', outcome: 'explained', reply: '已解释', satisfaction: 'satisfied' });
    s = await on('2026-02-20', 'rights');
    await ok(s, `/api/cases/${c1}/close`, { date: '2026-02-20', outcome: 'supported', reply: '已处理', satisfaction: 'satisfied' });

    s = await on('2026-03-05', 'rights');
    const c2 = await register(s, 'letter', '2026-03-05', 'property');
    s = await on('2026-03-06', 'rights');
    await ok(s, `/api/cases/${c2}/accept`, { date: '2026-03-06' });
    const tribunal = await unit('区人民法院妇女儿童维权合议庭');
    const k2 = (
      await ok(
        s,
        `/api/cases/${c2}/consents`,
        { agencyOrgId: tribunal, purpose: '支持起诉', givenBy: '本人', givenDate: '2026-03-06', method: 'written' },
        201,
      )
    ).id;
    const r2 = (
      await ok(
        s,
        `/api/cases/${c2}/referrals`,
        { agencyOrgId: tribunal, kind: 'court_filing', serviceRequested: '支持起诉，请立案', dueDate: '2026-03-30', consentId: k2 },
        201,
      )
    ).id;
    let court = await on('2026-03-20', 'court');
    expect(
      (await court.inject({ method: 'POST', url: `/api/agency/referrals/${r2}/accept`, payload: { date: '2026-03-20' } })).json(),
    ).toMatchObject({ statusCode: 400, fields: [{ path: 'filedDate' }] });
    await ok(court, `/api/agency/referrals/${r2}/accept`, {
      date: '2026-03-20',
      filedDate: '2026-03-20',
      courtCaseNo: '（2026）川0399民初88号',
    });
    court = await on('2026-05-18', 'court');
    await ok(court, `/api/agency/referrals/${r2}/outcome`, { date: '2026-05-18', outcome: '调解结案', courtResult: '调解' });
    s = await on('2026-05-20', 'rights');
    await ok(s, `/api/cases/${c2}/close`, {
      date: '2026-05-20',
      outcome: 'referred_resolved',
      reply: '经法院调解解决',
      satisfaction: 'satisfied',
    });

    s = await on('2026-06-01', 'rights');
    const c3 = await register(s, 'phone', '2026-06-01', 'other');
    s = await on('2026-06-02', 'rights');
    await ok(s, `/api/cases/${c3}/notAccept`, { date: '2026-06-02', reason: '不属于妇联职责范围', notice: '已告知向有关部门反映' });
    s = await on('2026-07-01', 'rights');
    const c4 = await register(s, 'visit', '2026-07-01', 'marriage_family');
    await ok(s, `/api/cases/${c4}/divert`, { date: '2026-07-01', reason: '已起诉离婚', divertedTo: '区人民法院' });

    let niufo = await on('2026-10-01', 'niufo');
    const c6 = await register(niufo, 'visit', '2026-10-01', 'labour', '石桥村');
    niufo = await on('2026-10-02', 'niufo');
    await ok(niufo, `/api/cases/${c6}/accept`, { date: '2026-10-02' });
    niufo = await on('2026-10-08', 'niufo');
    await ok(
      niufo,
      `/api/cases/${c6}/actions`,
      { kind: 'legal_consultation', date: '2026-10-08', note: '法律顾问解答', byName: '常年法律顾问' },
      201,
    );
    const legalAid = await unit('区法律援助中心');
    const k6 = (
      await ok(
        niufo,
        `/api/cases/${c6}/consents`,
        { agencyOrgId: legalAid, purpose: '法律援助', givenBy: '本人', givenDate: '2026-10-08', method: 'oral_recorded' },
        201,
      )
    ).id;
    const r6 = (
      await ok(
        niufo,
        `/api/cases/${c6}/referrals`,
        { agencyOrgId: legalAid, serviceRequested: '请提供法律援助', dueDate: '2026-10-20', consentId: k6 },
        201,
      )
    ).id;
    const la = await on('2026-10-10', 'legalaid');
    await ok(la, `/api/agency/referrals/${r6}/accept`, { date: '2026-10-10' });

    s = await on('2026-11-20', 'rights');
    await register(s, 'online', '2026-11-20', 'child_rights');
    t.clock.set('2026-11-29T02:00:00.000Z');
  });
  afterAll(() => t.close());

  async function facts(user: string, year: number, refs: string[]) {
    const s = await t.login(user);
    const qs = refs.map((f) => `f=${encodeURIComponent(f)}`).join('&');
    const res = await s.inject({ url: `/api/facts?year=${year}&${qs}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const list = (Array.isArray(body) ? body : (body.facts ?? body.values ?? body.items)) as {
      ref: string;
      value: number | null;
      breakdown?: { key: string; value: number }[];
      definition?: string;
      partParam?: string;
    }[];
    return Object.fromEntries(list.map((f) => [f.ref, f]));
  }

  it("states the district's year as counted by hand", async () => {
    const f = await facts('rights', 2026, [
      'cases.received',
      'cases.received.byChannel?channel=visit',
      'cases.received.byChannel?channel=letter',
      'cases.received.byChannel?channel=phone',
      'cases.received.byChannel?channel=online',
      'cases.received.byChannel?channel=hotline',
      'cases.received.byChannel',
      'cases.received.byCategory',
      'cases.received.byUnit',
      'cases.accepted',
      'cases.closed',
      'cases.closureRate',
      'cases.onTimeRate',
      'cases.meanDaysToClose',
      'cases.diverted',
      'cases.referrals.byAgency',
      'cases.referrals.meanDaysToAnswer',
      'cases.tribunalFilings',
      'cases.legalConsultations',
    ]);
    const v = (ref: string) => f[ref].value;
    expect(v('cases.received')).toBe(5);
    expect(v('cases.received.byChannel?channel=visit')).toBe(2);
    expect(v('cases.received.byChannel?channel=letter')).toBe(1);
    expect(v('cases.received.byChannel?channel=phone')).toBe(1);
    expect(v('cases.received.byChannel?channel=online')).toBe(1);
    expect(v('cases.received.byChannel?channel=hotline')).toBe(0);
    expect(f['cases.received.byChannel'].breakdown!.find((b) => b.key === 'visit')!.value).toBe(2);
    expect(Object.fromEntries(f['cases.received.byCategory'].breakdown!.map((b) => [b.key, b.value]))).toEqual({
      domestic_violence: 1,
      property: 1,
      other: 1,
      labour: 1,
      child_rights: 1,
    });
    expect(f['cases.received.byUnit'].breakdown!.map((b) => b.value).sort()).toEqual([1, 4]);
    expect(v('cases.accepted')).toBe(4);
    expect(v('cases.closed')).toBe(3);
    expect(f['cases.closureRate']).toMatchObject({ value: 75, numerator: 3, denominator: 4 });
    expect(f['cases.closureRate'].definition).toContain('期内受理');
    expect(v('cases.onTimeRate')).toBe(66.67);
    expect(v('cases.meanDaysToClose')).toBe(43);
    expect(v('cases.diverted')).toBe(1);
    // The court filing (C2) is counted once, as a tribunal filing, not also as a referral; the answer time is the
    // service referral's (C6: 2 days).
    expect(v('cases.referrals.byAgency')).toBe(1);
    expect(v('cases.referrals.meanDaysToAnswer')).toBe(2);
    expect(v('cases.tribunalFilings')).toBe(1);
    expect(v('cases.legalConsultations')).toBe(1);
  });

  it('writes the summary with every channel that has petitions and each referral counted once', async () => {
    const s = await t.login('statistician');
    const res = await s.inject({ method: 'POST', url: '/api/reports/summaries/generate', payload: { year: 2026, org: '510399' } });
    expect(res.statusCode).toBe(200);
    const paragraphs: string[] = [];
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        const o = x as { type?: string; segments?: { t: string; text?: string; figure?: { text: string } }[] };
        if (o.type === 'paragraph' && o.segments)
          paragraphs.push(o.segments.map((g) => (g.t === 'text' ? g.text : g.figure!.text)).join(''));
        Object.values(o).forEach(walk);
      }
    };
    walk(res.json().content);
    // 5 = 2 visits + 1 letter + 1 phone + 1 online: the parts add up to the whole (no hotline: not stated).
    expect(paragraphs).toContain(
      '以宣传贯彻《信访工作条例》和法律援助为重点，认真做好群众来信来访。今年共接待群众来信来访5件，其中来访2件，来信1件，来电1件，网上信访1件。对信访中的典型案例，请常年法律顾问到场提供法律咨询1次。',
    );
    expect(paragraphs).toContain(
      '不断巩固公安、司法、民政等部门参与的社会化维权支持体系，全年向合作机构转介1件，机构平均2天作出答复。以法院维权合议庭为中心，在维权庭立案审理1件，做到了件件有回声，件件有着落，办结率75%。',
    );
  });

  it("bounds the figures by the caller's scope and by the year", async () => {
    const n = await facts('niufo', 2026, [
      'cases.received',
      'cases.accepted',
      'cases.closed',
      'cases.closureRate',
      'cases.legalConsultations',
      'cases.tribunalFilings',
    ]);
    expect(n['cases.received'].value).toBe(1);
    expect(n['cases.accepted'].value).toBe(1);
    expect(n['cases.closed'].value).toBe(0);
    expect(n['cases.closureRate'].value).toBe(0);
    expect(n['cases.legalConsultations'].value).toBe(1);
    expect(n['cases.tribunalFilings'].value).toBe(0);
    const y2025 = await facts('rights', 2025, ['cases.received', 'cases.accepted', 'cases.closureRate']);
    expect(y2025['cases.received'].value).toBe(1);
    expect(y2025['cases.accepted'].value).toBe(0);
    expect(y2025['cases.closureRate'].value).toBeNull();
  });

  it('drills down to exactly the rows counted', async () => {
    const s = await t.login('rights');
    const rec = (await s.inject({ url: '/api/facts/cases.received/records?year=2026' })).json();
    expect(rec.total).toBe(5);
    expect(rec.rows).toHaveLength(5);
    const visits = (await s.inject({ url: '/api/facts/cases.received.byChannel/records?year=2026&channel=visit' })).json();
    expect(visits.total).toBe(2);
    // Each part of a breakdown opens its own records: the fact names the parameter that picks a part.
    const parts = await facts('rights', 2026, ['cases.received.byUnit', 'cases.received.byCategory']);
    expect(parts['cases.received.byUnit'].partParam).toBe('owner');
    expect(parts['cases.received.byCategory'].partParam).toBe('category');
    const district = await unit('示例区妇联');
    const own = parts['cases.received.byUnit'].breakdown!.find((b) => b.key === district)!;
    expect(own.value).toBe(4);
    const ownRecords = (await s.inject({ url: `/api/facts/cases.received.byUnit/records?year=2026&owner=${district}` })).json();
    expect(ownRecords.total).toBe(4);
    expect(ownRecords.rows.every((r: { owner: string }) => r.owner === '示例区妇联')).toBe(true);
    const labour = (await s.inject({ url: '/api/facts/cases.received.byCategory/records?year=2026&category=labour' })).json();
    expect(labour.total).toBe(1);
    const filings = (await s.inject({ url: '/api/facts/cases.tribunalFilings/records?year=2026' })).json();
    expect(filings.rows).toHaveLength(1);
    expect(filings.rows[0]).toMatchObject({ courtCaseNo: '（2026）川0399民初88号', daysToAnswer: 14 });
  });
});

describe.each(TEST_DATABASES)("the demo district's 2026 on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind, { demo: 'full' });
  });
  afterAll(() => t.close());

  it("states the reference summary's figures: 78 petitions, 71 visits, 7 letters, 5 at the tribunal, 办结率 100%", async () => {
    const s = await t.login('chair');
    const refs = [
      'cases.received',
      'cases.received.byChannel?channel=visit',
      'cases.received.byChannel?channel=letter',
      'cases.tribunalFilings',
      'cases.closureRate',
      'cases.accepted',
      'cases.closed',
      'cases.legalConsultations',
      'cases.diverted',
    ];
    const res = await s.inject({ url: `/api/facts?year=2026&${refs.map((f) => `f=${encodeURIComponent(f)}`).join('&')}` });
    const body = res.json();
    const list = (Array.isArray(body) ? body : (body.facts ?? body.values ?? body.items)) as { ref: string; value: number; text: string }[];
    const v = Object.fromEntries(list.map((f) => [f.ref, f]));
    expect(v['cases.received'].value).toBe(78);
    expect(v['cases.received.byChannel?channel=visit'].value).toBe(71);
    expect(v['cases.received.byChannel?channel=letter'].value).toBe(7);
    expect(v['cases.tribunalFilings'].value).toBe(5);
    expect(v['cases.closureRate'].text).toBe('100%');
    expect(v['cases.accepted'].value).toBe(78);
    expect(v['cases.closed'].value).toBe(78);
    expect(v['cases.legalConsultations'].value).toBeGreaterThan(0);
    expect(v['cases.diverted'].value).toBe(2);
    // every demo person's ID number is valid and stored encrypted
    const persons = await t.handle.db.selectFrom('persons').select(['idNumberEnc']).execute();
    const { checkResidentIdNumber } = await import('@jinguo/domain');
    for (const p of persons.filter((x) => x.idNumberEnc)) expect(checkResidentIdNumber(t.cipher.decrypt(p.idNumberEnc!)).ok).toBe(true);
  });
});
