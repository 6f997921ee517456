import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { insertProgrammeRow, makeIdNumber, unitId, userId } from './relief-funds-fixtures.js';

describe.each(TEST_DATABASES)('春蕾 sponsorship on %s', (kind) => {
  let t: TestApp;
  let programme: TestSession;
  let finance: TestSession;
  let chairId: string;
  let fundId: string;
  let seq = 0;
  const girlId = (birth: string) => {
    seq += 2;
    return makeIdNumber(birth, 600 + seq);
  };
  const persons = async () =>
    Number(
      (
        await t.handle.db
          .selectFrom('persons')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await buildTestApp(kind);
    programme = await t.login('programme');
    finance = await t.login('finance');
    chairId = await userId(t, 'chair');
    fundId = (
      await finance.inject({
        method: 'POST',
        url: '/api/funds/accounts',
        payload: { code: 'SPRING_BUD_FUND', name: '春蕾基金', kind: 'cash' },
      })
    ).json().id;
    await insertProgrammeRow(t, { code: 'SPRING_BUD', name: '春蕾计划', fundAccountId: fundId });
    await finance.inject({
      method: 'POST',
      url: '/api/funds/donations',
      payload: {
        donorKind: 'organisation',
        donorName: '川力实业有限公司',
        accountId: fundId,
        programmeCode: 'SPRING_BUD',
        amountFen: 200000,
        donatedOn: '2026-08-20',
      },
    });
  });
  afterAll(() => t.close());

  async function student(s: TestSession, over: Record<string, unknown> = {}) {
    const village = await unitId(t, '大山村');
    const school = await unitId(t, '牛佛镇中心学校');
    return s.inject({
      method: 'POST',
      url: '/api/sponsorship/students',
      payload: {
        name: '李思琪',
        idNumber: girlId('2013-10-21'),
        residenceOrgId: village.id,
        schoolOrgId: school.id,
        stage: 'junior',
        grade: '七年级',
        guardianName: '李秀珍',
        guardianRelation: '母亲',
        guardianPhone: '13981312001',
        householdMembers: 3,
        householdIncomeFen: 1080000,
        consent: { guardianName: '李秀珍', relation: '母亲', consentDate: '2026-08-10', method: 'written' },
        ...over,
      },
    });
  }

  it('answers 401, 403 and 404', async () => {
    expect((await t.app.inject({ url: '/api/sponsorship/students' })).statusCode).toBe(401);
    expect((await (await t.login('niufo')).inject({ url: '/api/sponsorship/students' })).statusCode).toBe(403);
    expect(
      (await finance.inject({ method: 'POST', url: '/api/sponsorship/sponsors', payload: { kind: 'organisation', name: 'x' } })).statusCode,
    ).toBe(403);
    expect((await programme.inject({ url: '/api/sponsorship/students/0193a0b0-0000-7000-8000-000000000000' })).statusCode).toBe(404);
  });

  it('records a guardian’s consent before anything else for a girl under 14, and stores nothing without it', async () => {
    const before = await persons();
    const none = await student(programme, { consent: null });
    expect(none.statusCode).toBe(400);
    expect(none.json().fields[0]).toEqual({ path: 'consent', message: '未满14周岁的儿童，须先记录监护人同意后才能登记其信息' });
    expect(await persons()).toBe(before);
    const ok = await student(programme);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      name: '李思琪',
      minor: true,
      detailsVisible: true,
      consentRecorded: true,
      schoolName: '牛佛镇中心学校',
      guardianPhoneMasked: '139****2001',
    });
    // In the audit trail the consent comes first, then the person, then the student.
    const trail = await t.handle.db
      .selectFrom('auditLog')
      .select(['seq', 'action', 'entityType'])
      .where('seq', '>', 0)
      .orderBy('seq', 'desc')
      .limit(3)
      .execute();
    expect(trail.reverse().map((e) => `${e.action}:${e.entityType}`)).toEqual([
      'consent.record:sponsorship_student',
      'create:person',
      'create:sponsorship_student',
    ]);
    const consent = await t.handle.db
      .selectFrom('sponsorshipConsents')
      .selectAll()
      .where('studentId', '=', ok.json().id)
      .executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ guardianName: '李秀珍', method: 'written' });
    // A 15-year-old may be registered without it (PIPL's line is 14).
    expect((await student(programme, { name: '王梓涵', idNumber: girlId('2011-06-15'), consent: null })).statusCode).toBe(201);
  });

  it('refuses a boy, a bad ID number and a student registered twice', async () => {
    const boy = await student(programme, { idNumber: makeIdNumber('2013-01-01', 601) });
    expect(boy.json().fields[0]).toEqual({ path: 'idNumber', message: '春蕾计划资助对象为女童（身份证号显示为男性）' });
    expect((await student(programme, { idNumber: '510399201301010023' })).json().fields[0].path).toBe('idNumber');
    const id = girlId('2014-04-04');
    expect((await student(programme, { name: '赵一诺', idNumber: id })).statusCode).toBe(201);
    expect((await student(programme, { name: '赵一诺', idNumber: id })).statusCode).toBe(409);
  });

  it("shows a minor's details only to holders of sponsorship.minors.read, and audits their reads", async () => {
    const s = (await student(programme, { name: '刘佳怡', idNumber: girlId('2016-09-02') })).json();
    const asFinance = (await finance.inject({ url: `/api/sponsorship/students/${s.id}` })).json();
    expect(asFinance).toMatchObject({
      name: '刘*怡',
      detailsVisible: false,
      schoolName: null,
      grade: null,
      guardianName: null,
      guardianPhoneMasked: null,
      age: null,
      householdIncomeFen: null,
    });
    const list = (await finance.inject({ url: '/api/sponsorship/students?pageSize=200' })).json();
    expect(list.items.every((x: { detailsVisible: boolean; name: string }) => !x.detailsVisible && x.name.includes('*'))).toBe(true);
    // Searching by name cannot be used to find out who the girls are.
    expect((await finance.inject({ url: `/api/sponsorship/students?q=${encodeURIComponent('刘佳怡')}` })).json().total).toBe(list.total);
    const chair = await t.login('chair');
    expect((await chair.inject({ url: `/api/sponsorship/students/${s.id}` })).json()).toMatchObject({
      name: '刘佳怡',
      detailsVisible: true,
      grade: '七年级',
    });
    const reads = await t.handle.db
      .selectFrom('auditLog')
      .select(['actorName'])
      .where('entityId', '=', s.id)
      .where('action', '=', 'read.sensitive')
      .execute();
    expect(reads.map((r) => r.actorName)).toEqual(['chair']);
  });

  it('pairs, pays a term through the ledger exactly once, reverses it, and keeps the due list', async () => {
    const s = (await student(programme, { name: '陈雨欣', idNumber: girlId('2015-03-08') })).json();
    const sponsor = (
      await programme.inject({
        method: 'POST',
        url: '/api/sponsorship/sponsors',
        payload: { kind: 'organisation', name: '川力实业有限公司', creditCode: '91350100M000100Y43' },
      })
    ).json();
    expect(
      (
        await programme.inject({
          method: 'POST',
          url: '/api/sponsorship/sponsors',
          payload: { kind: 'organisation', name: 'x', creditCode: '91350100M000100Y44' },
        })
      ).json().fields[0].path,
    ).toBe('creditCode');
    const bad = await programme.inject({
      method: 'POST',
      url: '/api/sponsorship/pairings',
      payload: { studentId: s.id, sponsorId: sponsor.id, startTerm: '2027-1', endTerm: '2026-2', amountPerTermFen: 24000 },
    });
    expect(bad.json().fields[0]).toEqual({ path: 'endTerm', message: '结束学期不能早于开始学期' });
    const p = (
      await programme.inject({
        method: 'POST',
        url: '/api/sponsorship/pairings',
        payload: { studentId: s.id, sponsorId: sponsor.id, startTerm: '2026-2', endTerm: '2027-1', amountPerTermFen: 24000 },
      })
    ).json();
    expect(p).toMatchObject({ totalTerms: 2, paidTerms: 0, status: 'active' });
    expect(
      (
        await programme.inject({
          method: 'POST',
          url: '/api/sponsorship/pairings',
          payload: { studentId: s.id, sponsorId: sponsor.id, startTerm: '2026-2', endTerm: '2027-1', amountPerTermFen: 24000 },
        })
      ).statusCode,
    ).toBe(409);

    const due = (await finance.inject({ url: '/api/sponsorship/payments/due' }))
      .json()
      .filter((d: { pairingId: string }) => d.pairingId === p.id);
    // The overdue autumn term, and the next one.
    expect(due).toEqual([
      expect.objectContaining({ term: '2026-2', dueOn: '2026-09-01', overdue: true, amountFen: 24000, studentName: '陈*欣' }),
      expect.objectContaining({ term: '2027-1', dueOn: '2027-03-01', overdue: false }),
    ]);

    const pay = (body: Record<string, unknown>, s2: TestSession = finance) =>
      s2.inject({
        method: 'POST',
        url: `/api/sponsorship/pairings/${p.id}/payments`,
        payload: { term: '2026-2', paidOn: '2026-09-05', approvedBy: chairId, method: 'cash', ...body },
      });
    expect((await pay({}, programme)).statusCode).toBe(403);
    expect((await pay({ term: '2028-1' })).json().fields[0]).toEqual({ path: 'term', message: '2028年春季学期不在结对期内' });
    const before = (await finance.inject({ url: `/api/funds/accounts/${fundId}` })).json().balanceFen;
    // Two finance officers pressing "pay" at once: one payment.
    const [a, b] = await Promise.all([pay({}), pay({})]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect((a.statusCode === 409 ? a : b).json().message).toBe('2026年秋季学期的资助款已发放');
    expect((await finance.inject({ url: `/api/funds/accounts/${fundId}` })).json().balanceFen).toBe(before - 24000);
    const paid = (a.statusCode === 201 ? a : b).json();
    // A retry of a payment whose answer was lost: with its Idempotency-Key it gets the first answer, not a
    // second payment, and not a 409 either.
    const k = 'sponsorship-pay-retry-0001';
    const spring = { term: '2027-1', paidOn: '2026-09-05' };
    const keyed = () =>
      finance.inject({
        method: 'POST',
        url: `/api/sponsorship/pairings/${p.id}/payments`,
        headers: { 'idempotency-key': k },
        payload: { approvedBy: chairId, method: 'cash', ...spring },
      });
    const first = await keyed();
    expect(first.statusCode, first.body).toBe(201);
    const [r1, r2] = await Promise.all([keyed(), keyed()]);
    expect([r1.statusCode, r2.statusCode]).toEqual([201, 201]);
    expect(r1.json()).toEqual(first.json());
    expect(r2.json()).toEqual(first.json());
    expect((await finance.inject({ url: `/api/funds/accounts/${fundId}` })).json().balanceFen).toBe(before - 48000);
    const rk = 'sponsorship-reverse-retry-0001';
    const reverseKeyed = () =>
      finance.inject({
        method: 'POST',
        url: `/api/sponsorship/payments/${first.json().id}/reverse`,
        headers: { 'idempotency-key': rk },
        payload: { reason: '提前发放，冲销' },
      });
    const keyedReversal = await reverseKeyed();
    expect(keyedReversal.statusCode, keyedReversal.body).toBe(200);
    expect((await reverseKeyed()).json()).toEqual(keyedReversal.json());
    expect((await finance.inject({ url: `/api/funds/accounts/${fundId}` })).json().balanceFen).toBe(before - 24000);
    const disb = (await finance.inject({ url: `/api/funds/disbursements/${paid.disbursementId}` })).json();
    expect(disb).toMatchObject({
      programmeCode: 'SPRING_BUD',
      sourceKind: 'sponsorship_payment',
      recipientLabel: '陈*欣',
      amountFen: 24000,
    });
    expect(
      (await finance.inject({ url: '/api/sponsorship/payments/due' }))
        .json()
        .filter((d: { pairingId: string }) => d.pairingId === p.id)
        .map((d: { term: string }) => d.term),
    ).toEqual(['2027-1']);

    const rev = await finance.inject({
      method: 'POST',
      url: `/api/sponsorship/payments/${paid.id}/reverse`,
      payload: { reason: '金额登记错误' },
    });
    expect(rev.json()).toMatchObject({ reversed: true });
    expect((await finance.inject({ url: `/api/funds/accounts/${fundId}` })).json().balanceFen).toBe(before);
    expect((await pay({})).statusCode).toBe(201);

    const ended = await programme.inject({ method: 'POST', url: `/api/sponsorship/pairings/${p.id}/end`, payload: { reason: '学生转学' } });
    expect(ended.json().status).toBe('ended');
    expect((await pay({ term: '2027-1', paidOn: '2026-11-01' })).json().message).toBe('该结对已结束，不能再发放');
  });

  it('records pairing meetings and gives facts that match the fixture', async () => {
    const bad = await programme.inject({
      method: 'POST',
      url: '/api/sponsorship/meetings',
      payload: { title: '', heldOn: '2026-09-10', place: '区妇联', attendees: -1 },
    });
    expect(bad.statusCode).toBe(400);
    const pairings = (await programme.inject({ url: '/api/sponsorship/pairings' })).json();
    const m = await programme.inject({
      method: 'POST',
      url: '/api/sponsorship/meetings',
      payload: {
        title: '春蕾计划结对助学现场见面会',
        heldOn: '2026-09-10',
        place: '区妇联会议室',
        attendees: 36,
        pairingIds: pairings.map((p: { id: string }) => p.id),
      },
    });
    expect(m.statusCode).toBe(201);
    expect(m.json().pairings).toBe(pairings.length);
    const fact = (name: string) => t.app.jinguo.facts.find((f) => f.name === name)!;
    const root = await unitId(t, '510399');
    const ctx = {
      db: t.handle.db,
      dialect: t.dialect,
      scope: { permission: 'sponsorship.read' as const, paths: [root.path] },
      period: { year: 2026, from: '2026-01-01', to: '2026-12-31' },
    };
    // Paid so far (not reversed): one 240-yuan term for 陈雨欣 (paid, reversed, paid again).
    expect((await fact('sponsorship.students').compute(ctx, {})).value).toBe(1);
    expect((await fact('sponsorship.paid').compute(ctx, {})).value).toBe(24000);
    expect((await fact('sponsorship.meetings').compute(ctx, {})).value).toBe(1);
    const rec = await fact('sponsorship.paid').records(ctx, {}, { limit: 10, offset: 0 });
    expect(rec.rows).toEqual([expect.objectContaining({ name: '陈*欣', amountFen: 24000, term: '2026年秋季学期' })]);
  });
});
