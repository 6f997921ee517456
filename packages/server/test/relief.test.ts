import ExcelJS from '../src/platform/exceljs.js';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evaluateEligibility,
  eligibilityRulesSchema,
  HARDSHIP_STATUSES,
  nextApplicationStatus,
  type EligibilityFacts,
} from '@jinguo/domain';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { makeIdNumber, unitId, womanId } from './relief-funds-fixtures.js';

const base: EligibilityFacts = {
  appliedOn: '2026-03-10',
  birthDate: '1975-06-01',
  gender: 'female',
  householdIncomeFen: 4 * 66800,
  householdMembers: 4,
  tags: ['低保'],
  diagnosis: null,
  paymentMethod: 'cash',
  hasBankCard: false,
  priorLifetimeApplications: 0,
};
const twoCancerRules = eligibilityRulesSchema.parse({
  anyOfTags: [...HARDSHIP_STATUSES],
  gender: 'female',
  requireTwoCancerDiagnosis: true,
  oncePerLifetime: true,
  lifetimeGroup: 'TWO_CANCER',
  transferOnly: true,
});
const diagnosis = {
  cancer: 'cervical' as const,
  invasive: true,
  stage: 'IIB' as const,
  hospital: '自贡市第一人民医院',
  diagnosedOn: '2026-02-01',
};

describe('eligibility rules (the engine)', () => {
  it('compares income per head (rounded down) with the threshold and says why', () => {
    const rules = eligibilityRulesSchema.parse({ incomePerHeadMaxFen: 100000 });
    const ok = evaluateEligibility(rules, base);
    expect(ok.eligible).toBe(true);
    expect(ok.results[0].message).toBe('家庭年人均收入 668.00元（2,672.00元 ÷ 4 人），不高于标准 1,000.00元');
    const over = evaluateEligibility(rules, { ...base, householdIncomeFen: 400004 });
    expect(over.eligible).toBe(false);
    expect(over.results[0].message).toContain('高于标准');
    // Exactly at the threshold is eligible ("at or below"), and so is 400,003 fen (100,000.75 per head, rounded down).
    expect(evaluateEligibility(rules, { ...base, householdIncomeFen: 400003 }).eligible).toBe(true);
    expect(evaluateEligibility(rules, { ...base, householdIncomeFen: 400000 }).eligible).toBe(true);
  });

  it('checks tags, age on the application date and sex', () => {
    const rules = eligibilityRulesSchema.parse({
      requiredTags: ['单亲母亲'],
      anyOfTags: ['低保', '特困'],
      ageMin: 35,
      ageMax: 64,
      gender: 'female',
    });
    const v = evaluateEligibility(rules, { ...base, tags: ['单亲母亲', '特困'] });
    expect(v.eligible).toBe(true);
    const young = evaluateEligibility(rules, { ...base, tags: ['单亲母亲', '特困'], birthDate: '1991-03-11' });
    expect(young.results.find((r) => r.rule === 'age')).toMatchObject({ ok: false, message: '申请时 34 岁，不在 35–64 岁范围内' });
    const birthday = evaluateEligibility(rules, { ...base, tags: ['单亲母亲', '特困'], birthDate: '1991-03-10' });
    expect(birthday.results.find((r) => r.rule === 'age')!.ok).toBe(true);
    expect(evaluateEligibility(rules, { ...base, tags: ['特困'] }).results.find((r) => r.rule === 'requiredTags')).toMatchObject({
      ok: false,
      message: '缺少所需情形：单亲母亲',
    });
    expect(
      evaluateEligibility(rules, { ...base, tags: ['单亲母亲'], gender: 'male' })
        .results.filter((r) => !r.ok)
        .map((r) => r.rule),
    ).toEqual(['anyOfTags', 'gender']);
  });

  it('两癌救助: a hardship status AND invasive cervical cancer ≥ IIB or invasive breast cancer', () => {
    const good = { ...base, diagnosis, paymentMethod: 'bank_transfer' as const, hasBankCard: true };
    expect(evaluateEligibility(twoCancerRules, good).eligible).toBe(true);
    expect(
      evaluateEligibility(twoCancerRules, { ...good, diagnosis: { ...diagnosis, stage: 'IIA' } }).results.find(
        (r) => r.rule === 'diagnosis',
      )!.ok,
    ).toBe(false);
    expect(evaluateEligibility(twoCancerRules, { ...good, diagnosis: { ...diagnosis, stage: 'IIIA' } }).eligible).toBe(true);
    expect(evaluateEligibility(twoCancerRules, { ...good, diagnosis: { ...diagnosis, invasive: false } }).eligible).toBe(false);
    expect(evaluateEligibility(twoCancerRules, { ...good, diagnosis: { ...diagnosis, cancer: 'breast', stage: null } }).eligible).toBe(
      true,
    );
    expect(
      evaluateEligibility(twoCancerRules, { ...good, diagnosis: { ...diagnosis, cancer: 'breast', stage: null, invasive: false } })
        .eligible,
    ).toBe(false);
    expect(evaluateEligibility(twoCancerRules, { ...good, tags: ['残疾'] }).results.find((r) => r.rule === 'anyOfTags')!.ok).toBe(false);
    expect(evaluateEligibility(twoCancerRules, { ...good, diagnosis: null }).results.find((r) => r.rule === 'diagnosis')!.message).toMatch(
      /^未记录诊断/,
    );
  });

  it('两癌救助: once per lifetime and bank transfer only are hard rules', () => {
    const good = { ...base, diagnosis, paymentMethod: 'bank_transfer' as const, hasBankCard: true };
    const again = evaluateEligibility(twoCancerRules, { ...good, priorLifetimeApplications: 1 });
    expect(again.results.find((r) => r.rule === 'oncePerLifetime')).toMatchObject({ ok: false, hard: true });
    const cash = evaluateEligibility(twoCancerRules, { ...good, paymentMethod: 'cash' });
    expect(cash.results.find((r) => r.rule === 'transferOnly')).toMatchObject({
      ok: false,
      hard: true,
      message: '该救助只能银行转账发放，不能现金',
    });
    const noCard = evaluateEligibility(twoCancerRules, { ...good, hasBankCard: false });
    expect(noCard.results.find((r) => r.rule === 'transferOnly')).toMatchObject({ ok: false, message: '银行转账须登记收款银行卡号' });
  });

  it('knows the workflow, and refuses every illegal step', () => {
    expect(nextApplicationStatus('submitted', 'verify', true)).toBe('verified');
    expect(nextApplicationStatus('submitted', 'approve', true)).toBeNull();
    expect(nextApplicationStatus('approved', 'grant', true)).toBeNull();
    expect(nextApplicationStatus('approved', 'grant', false)).toBe('granted');
    expect(nextApplicationStatus('approved', 'report', false)).toBeNull();
    expect(nextApplicationStatus('reported', 'grant', true)).toBe('granted');
    expect(nextApplicationStatus('rejected', 'verify', true)).toBeNull();
    expect(nextApplicationStatus('paid', 'reject', true)).toBeNull();
    expect(nextApplicationStatus('paid', 'reverse_payment', true)).toBe('granted');
  });
});

describe.each(TEST_DATABASES)('relief programmes, screening and workflow on %s', (kind) => {
  let t: TestApp;
  let programme: TestSession;
  let niufo: TestSession;
  let finance: TestSession;
  let poorId: string;
  let cancerId: string;
  let droughtId: string;
  let fundId: string;
  let seq = 0;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    programme = await t.login('programme');
    niufo = await t.login('niufo');
    finance = await t.login('finance');
    fundId = (
      await finance.inject({ method: 'POST', url: '/api/funds/accounts', payload: { code: 'RELIEF_FUND', name: '救助基金', kind: 'cash' } })
    ).json().id;
    const mk = async (body: Record<string, unknown>) => {
      const r = await programme.inject({
        method: 'POST',
        url: '/api/relief/programmes',
        payload: { kind: 'cash', year: 2026, reportTo: [], fundAccountId: fundId, ...body },
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    poorId = await mk({
      code: 'POOR_MOTHER',
      name: '贫困母亲救助',
      rules: { incomePerHeadMaxFen: 100000, gender: 'female' },
      reportTo: ['province', 'city'],
      grantAmountFen: 40000,
      quota: 3,
    });
    cancerId = await mk({
      code: 'TWO_CANCER',
      name: '两癌救助',
      rules: {
        anyOfTags: [...HARDSHIP_STATUSES],
        requireTwoCancerDiagnosis: true,
        oncePerLifetime: true,
        lifetimeGroup: 'TWO_CANCER',
        transferOnly: true,
      },
      grantAmountFen: 1000000,
    });
    droughtId = await mk({ code: 'DROUGHT', name: '抗旱救助', rules: { incomePerHeadMaxFen: 100000 }, grantAmountFen: 40000 });
    await finance.inject({
      method: 'POST',
      url: '/api/funds/donations',
      payload: { donorKind: 'anonymous', accountId: fundId, amountFen: 5_000_000, donatedOn: '2026-01-05' },
    });
  });
  afterAll(() => t.close());

  async function apply(s: TestSession, body: Record<string, unknown> = {}) {
    seq++;
    const village = await unitId(t, (body.village as string) ?? '大山村');
    delete body.village;
    return s.inject({
      method: 'POST',
      url: '/api/relief/applications',
      payload: {
        programmeId: poorId,
        name: `测试${seq}`,
        idNumber: womanId(100 + seq),
        residenceOrgId: village.id,
        householdMembers: 4,
        householdIncomeFen: 4 * 66800,
        tags: ['低保'],
        paymentMethod: 'cash',
        appliedOn: '2026-03-10',
        ...body,
      },
    });
  }
  const act = (s: TestSession, id: string, action: string, extra: Record<string, unknown> = {}) =>
    s.inject({ method: 'POST', url: `/api/relief/applications/${id}/transition`, payload: { action, ...extra } });

  it('answers 401, 403, 400 and 404 on the programme and application endpoints', async () => {
    expect((await t.app.inject({ url: '/api/relief/programmes' })).statusCode).toBe(401);
    expect((await (await t.login('police')).inject({ url: '/api/relief/programmes' })).statusCode).toBe(403);
    expect(
      (
        await niufo.inject({
          method: 'POST',
          url: '/api/relief/programmes',
          payload: { code: 'X_Y', name: 'x', kind: 'cash', year: 2026, rules: {} },
        })
      ).statusCode,
    ).toBe(403);
    const bad = await programme.inject({
      method: 'POST',
      url: '/api/relief/programmes',
      payload: { code: 'lower', name: '', kind: 'cash', year: 1800, rules: { incomePerHeadMaxFen: -1 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['code', 'name', 'rules.incomePerHeadMaxFen', 'year']);
    const dup = await programme.inject({
      method: 'POST',
      url: '/api/relief/programmes',
      payload: { code: 'POOR_MOTHER', name: '重复', kind: 'cash', year: 2026, rules: {} },
    });
    expect(dup.statusCode).toBe(409);
    expect((await programme.inject({ url: '/api/relief/applications/0193a0b0-0000-7000-8000-000000000000' })).statusCode).toBe(404);
    const members = await apply(niufo, { householdMembers: 0 });
    expect(members.statusCode).toBe(400);
    expect(members.json().fields[0]).toEqual({ path: 'householdMembers', message: '家庭人口至少1人' });
    const id = await apply(niufo, { idNumber: '510399198005120024' });
    expect(id.json().fields[0]).toEqual({ path: 'idNumber', message: '身份证号校验位错误' });
    // The township chair sees the district's programmes (to register candidates) but not what other townships registered.
    expect(
      (await niufo.inject({ url: '/api/relief/programmes' }))
        .json()
        .map((p: { code: string }) => p.code)
        .sort(),
    ).toEqual(['DROUGHT', 'POOR_MOTHER', 'TWO_CANCER']);
  });

  it('registers a candidate through the person registry, evaluates the rules and shows the verdict', async () => {
    const r = await apply(niufo, { name: '赵桂香', phone: '13981300001' });
    expect(r.statusCode, r.body).toBe(201);
    const a = r.json();
    expect(a).toMatchObject({
      status: 'submitted',
      eligible: true,
      townshipName: '牛佛镇',
      villageName: '大山村',
      incomePerHeadFen: 66800,
      householdMembers: 4,
    });
    expect(a.idNumberMasked).toMatch(/^510300\*+\d{3}[\dX]$/);
    expect(a.verdict.results.map((x: { rule: string }) => x.rule)).toEqual(['incomePerHead', 'gender']);
    expect(a.history).toEqual([expect.objectContaining({ action: 'submit', toStatus: 'submitted' })]);
    const person = await t.handle.db
      .selectFrom('persons')
      .select(['idNumberEnc', 'householdId'])
      .where('id', '=', a.personId)
      .executeTakeFirstOrThrow();
    expect(person.idNumberEnc).not.toContain('510300');
    expect(person.householdId).toBeTruthy();
    // The same woman in the same programme again is refused; the registry keeps one person.
    const again = await apply(niufo, { name: '赵桂香', idNumber: womanId(100 + seq) });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('该人员已在本项目中登记（状态：已提交）');
  });

  it('keeps townships apart: 东城街道 neither sees nor registers in 牛佛镇', async () => {
    const a = (await apply(niufo)).json();
    const dongcheng = await t.login('dongcheng');
    expect((await dongcheng.inject({ url: `/api/relief/applications/${a.id}` })).statusCode).toBe(404);
    expect(
      (await dongcheng.inject({ url: '/api/relief/applications?pageSize=200' })).json().items.some((x: { id: string }) => x.id === a.id),
    ).toBe(false);
    const there = await apply(dongcheng);
    expect(there.statusCode).toBe(400);
    expect(there.json().fields[0]).toEqual({ path: 'residenceOrgId', message: '居住地不在您的工作范围内' });
    expect((await apply(dongcheng, { village: '东兴社区' })).statusCode).toBe(201);
    // Township chairs register; only the district verifies and decides.
    expect((await act(niufo, a.id, 'verify')).statusCode).toBe(403);
    const list = (await niufo.inject({ url: '/api/relief/applications?pageSize=200' })).json();
    expect(list.items.every((x: { townshipName: string }) => x.townshipName === '牛佛镇')).toBe(true);
  });

  it('runs the workflow and refuses illegal steps with a Chinese 409', async () => {
    const a = (await apply(niufo)).json();
    const skip = await act(programme, a.id, 'approve');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().message).toBe('当前状态为“已提交”，不能执行“批准”');
    expect((await act(programme, a.id, 'verify')).json().status).toBe('verified');
    expect((await act(programme, a.id, 'approve')).json().status).toBe('approved');
    // A programme that reports up must report before granting.
    expect((await act(programme, a.id, 'grant')).json().message).toBe('当前状态为“已批准”，不能执行“确定救助”');
    const rep = await programme.inject({
      method: 'POST',
      url: '/api/relief/submissions',
      payload: { programmeId: poorId, level: 'city', applicationIds: [a.id], submittedOn: '2026-04-12' },
    });
    expect(rep.statusCode, rep.body).toBe(201);
    expect((await act(programme, a.id, 'grant')).json()).toMatchObject({ status: 'granted', grantAmountFen: 40000 });
    expect(
      (await programme.inject({ method: 'POST', url: `/api/relief/applications/${a.id}/pay`, payload: { paidOn: '2026-05-20' } }))
        .statusCode,
    ).toBe(403);
    const before = (await finance.inject({ url: `/api/funds/accounts/${fundId}` })).json().balanceFen;
    const payOnce = () =>
      finance.inject({
        method: 'POST',
        url: `/api/relief/applications/${a.id}/pay`,
        headers: { 'idempotency-key': `relief-pay-${a.id}` },
        payload: { paidOn: '2026-05-20' },
      });
    const paid = await payOnce();
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', paidOn: '2026-05-20' });
    // A retried payment (same Idempotency-Key) answers as the first: no second disbursement, no 409.
    const retried = await payOnce();
    expect(retried.statusCode).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json()).toEqual(paid.json());
    expect((await finance.inject({ url: `/api/funds/accounts/${fundId}` })).json().balanceFen).toBe(before - 40000);
    // The ledger refuses to reverse it directly: the application does.
    const d = paid.json().disbursementId;
    expect(
      (await finance.inject({ method: 'POST', url: `/api/funds/disbursements/${d}/reverse`, payload: { reason: '试' } })).json().message,
    ).toBe('该笔拨付是救助申请的发放，请在救助申请页面冲销');
    expect((await act(programme, a.id, 'reject', { reason: '晚了' })).statusCode).toBe(409);
    const back = await finance.inject({
      method: 'POST',
      url: `/api/relief/applications/${a.id}/reverse-payment`,
      payload: { reason: '银行退回' },
    });
    expect(back.json()).toMatchObject({ status: 'granted', disbursementId: null });
    expect((await finance.inject({ url: `/api/funds/accounts/${fundId}` })).json().balanceFen).toBe(before);
    expect(back.json().history.map((h: { action: string }) => h.action)).toEqual([
      'submit',
      'verify',
      'approve',
      'report',
      'grant',
      'pay',
      'reverse_payment',
    ]);
  });

  it('rejects only with a reason, and a rejected application goes nowhere', async () => {
    const a = (await apply(niufo)).json();
    const noReason = await act(programme, a.id, 'reject');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields[0]).toEqual({ path: 'reason', message: '请填写不予通过的理由' });
    expect((await act(programme, a.id, 'reject', { reason: '家庭收入核实后超标' })).json()).toMatchObject({
      status: 'rejected',
      rejectReason: '家庭收入核实后超标',
    });
    expect((await act(programme, a.id, 'verify')).statusCode).toBe(409);
  });

  it('refuses to approve an ineligible candidate unless an officer overrides with a reason (audited)', async () => {
    const a = (await apply(niufo, { householdIncomeFen: 4 * 150000 })).json();
    expect(a.eligible).toBe(false);
    await act(programme, a.id, 'verify');
    const refused = await act(programme, a.id, 'approve');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/^不符合条件：家庭年人均收入 1,500.00元.*如确需救助，请先“人工认定”并说明理由$/);
    expect(
      (await programme.inject({ method: 'POST', url: `/api/relief/applications/${a.id}/override`, payload: { reason: '' } })).statusCode,
    ).toBe(400);
    expect(
      (await niufo.inject({ method: 'POST', url: `/api/relief/applications/${a.id}/override`, payload: { reason: '因病致贫' } }))
        .statusCode,
    ).toBe(403);
    const o = await programme.inject({
      method: 'POST',
      url: `/api/relief/applications/${a.id}/override`,
      payload: { reason: '丈夫重病，医疗支出大，实际困难' },
    });
    expect(o.json()).toMatchObject({ overridden: true, overrideReason: '丈夫重病，医疗支出大，实际困难', eligible: false });
    expect((await act(programme, a.id, 'approve')).json().status).toBe('approved');
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select(['action', 'detail'])
      .where('entityId', '=', a.id)
      .where('action', '=', 'override')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!).reason).toBe('丈夫重病，医疗支出大，实际困难');
  });

  it('fills the quota and then refuses approval', async () => {
    const placed = Number(
      (
        await sql<{
          n: number;
        }>`SELECT count(*) AS n FROM relief_applications WHERE programme_id = ${poorId} AND status IN ('approved','reported','granted','paid')`.execute(
          t.handle.db,
        )
      ).rows[0].n,
    );
    for (let i = placed; i < 3; i++) {
      const a = (await apply(niufo)).json();
      await act(programme, a.id, 'verify');
      expect((await act(programme, a.id, 'approve')).statusCode).toBe(200);
    }
    const last = (await apply(niufo)).json();
    await act(programme, last.id, 'verify');
    const full = await act(programme, last.id, 'approve');
    expect(full.statusCode).toBe(409);
    expect(full.json().message).toBe('本项目名额 3 个已满');
  });

  it('两癌救助 end to end: bank card encrypted and masked, diagnosis shown only to deciders, once per lifetime, transfer only', async () => {
    const idNumber = womanId(900);
    const diag = { cancer: 'cervical', invasive: true, stage: 'IIB', hospital: '自贡市第一人民医院', diagnosedOn: '2026-02-01' };
    const cash = await apply(niufo, { programmeId: cancerId, idNumber, diagnosis: diag, paymentMethod: 'cash' });
    expect(cash.statusCode).toBe(201);
    expect(cash.json().verdict.results.find((r: { rule: string }) => r.rule === 'transferOnly')).toMatchObject({ ok: false, hard: true });
    expect(cash.json().diagnosis).toBeNull();
    expect(cash.json().hasDiagnosis).toBe(true);
    // A hard rule cannot be overridden.
    const ov = await programme.inject({
      method: 'POST',
      url: `/api/relief/applications/${cash.json().id}/override`,
      payload: { reason: '特殊情况' },
    });
    expect(ov.statusCode).toBe(409);
    expect(ov.json().message).toMatch(/^硬性规定不能人工认定：该救助只能银行转账发放/);
    const fixed = await niufo.inject({
      method: 'PATCH',
      url: `/api/relief/applications/${cash.json().id}`,
      payload: { paymentMethod: 'bank_transfer', bankCard: '6228 4804 0256 4890 018' },
    });
    expect(fixed.json()).toMatchObject({ eligible: true, bankCardMasked: '**** 0018' });
    const row = await t.handle.db
      .selectFrom('reliefApplications')
      .select(['bankCardEnc', 'diagnosisEnc'])
      .where('id', '=', cash.json().id)
      .executeTakeFirstOrThrow();
    expect(row.bankCardEnc).not.toContain('0018');
    expect(row.diagnosisEnc).not.toContain('IIB');
    const seen = (await programme.inject({ url: `/api/relief/applications/${cash.json().id}` })).json();
    expect(seen.diagnosis).toMatchObject({ stage: 'IIB' });
    expect(
      await t.handle.db
        .selectFrom('auditLog')
        .select('action')
        .where('entityId', '=', cash.json().id)
        .where('action', '=', 'read.sensitive')
        .executeTakeFirst(),
    ).toBeTruthy();
    for (const action of ['verify', 'approve', 'grant']) expect((await act(programme, cash.json().id, action)).statusCode).toBe(200);
    const paid = await finance.inject({
      method: 'POST',
      url: `/api/relief/applications/${cash.json().id}/pay`,
      payload: { paidOn: '2026-06-01' },
    });
    expect(paid.json().status).toBe('paid');
    const disb = (await finance.inject({ url: `/api/funds/disbursements/${paid.json().disbursementId}` })).json();
    expect(disb).toMatchObject({ method: 'bank_transfer', bankCardMasked: '**** 0018', amountFen: 1000000 });
    // Next year's programme is the same grant: once per lifetime across both.
    const next = await programme.inject({
      method: 'POST',
      url: '/api/relief/programmes',
      payload: {
        code: 'TWO_CANCER',
        name: '两癌救助',
        kind: 'cash',
        year: 2027,
        reportTo: [],
        fundAccountId: fundId,
        rules: {
          anyOfTags: ['低保'],
          requireTwoCancerDiagnosis: true,
          oncePerLifetime: true,
          lifetimeGroup: 'TWO_CANCER',
          transferOnly: true,
        },
        grantAmountFen: 1000000,
      },
    });
    const second = await apply(niufo, {
      programmeId: next.json().id,
      idNumber,
      diagnosis: diag,
      paymentMethod: 'bank_transfer',
      bankCard: '6228480402564890018',
    });
    expect(second.json().verdict.results.find((r: { rule: string }) => r.rule === 'oncePerLifetime')).toMatchObject({
      ok: false,
      message: '已申请或获得过该救助（终身一次，未通过的申请除外），不能重复申请',
    });
    await act(programme, second.json().id, 'verify');
    expect((await act(programme, second.json().id, 'approve')).json().message).toMatch(/（硬性规定，不能人工认定）$/);
    // A rejected applicant may apply again.
    await act(programme, second.json().id, 'reject', { reason: '已获救助' });
    const otherId = womanId(901);
    const r1 = (
      await apply(niufo, {
        programmeId: cancerId,
        idNumber: otherId,
        diagnosis: diag,
        paymentMethod: 'bank_transfer',
        bankCard: '6228480402564890026',
      })
    ).json();
    await act(programme, r1.id, 'reject', { reason: '材料不全' });
    const r2 = (
      await apply(niufo, {
        programmeId: next.json().id,
        idNumber: otherId,
        diagnosis: diag,
        paymentMethod: 'bank_transfer',
        bankCard: '6228480402564890026',
      })
    ).json();
    expect(r2.eligible).toBe(true);
  });

  it('reports up in the fixed layout with full ID numbers, records the submission and refuses a second report to the same level', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const a = (await apply(programme, { programmeId: droughtId, village: '石桥村' })).json();
      ids.push(a.id);
    }
    expect(
      (
        await programme.inject({
          method: 'POST',
          url: '/api/relief/submissions',
          payload: { programmeId: droughtId, level: 'city', applicationIds: ids, submittedOn: '2026-04-12' },
        })
      ).json().fields[0],
    ).toEqual({ path: 'level', message: '本项目不向市妇联上报' });
    const poorIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const a = (await apply(programme, { village: '永红村' })).json();
      await act(programme, a.id, 'verify');
      poorIds.push(a.id);
    }
    const notApproved = await programme.inject({
      method: 'POST',
      url: '/api/relief/submissions',
      payload: { programmeId: poorId, level: 'province', applicationIds: poorIds, submittedOn: '2026-04-10' },
    });
    expect(notApproved.statusCode).toBe(409);
    expect(notApproved.json().message).toMatch(/^只能上报已批准的对象/);
    // Approval is limited by the quota (3, filled above): free places by rejecting two approved ones first.
    const approved = await t.handle.db
      .selectFrom('reliefApplications')
      .select('id')
      .where('programmeId', '=', poorId)
      .where('status', '=', 'approved')
      .limit(2)
      .execute();
    for (const x of approved) await act(programme, x.id, 'reject', { reason: '腾出名额' });
    for (const id of poorIds) expect((await act(programme, id, 'approve')).statusCode).toBe(200);
    const ok = await programme.inject({
      method: 'POST',
      url: '/api/relief/submissions',
      payload: { programmeId: poorId, level: 'province', applicationIds: poorIds, submittedOn: '2026-04-10', note: '省妇联' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ level: 'province', itemCount: 2, programmeName: '贫困母亲救助' });
    expect(ok.json().fileName).toBe('2026年贫困母亲救助对象名单（上报省妇联）_2026-04-10.xlsx');
    const list = (await programme.inject({ url: `/api/relief/applications?programmeId=${poorId}&status=reported&pageSize=200` })).json();
    expect(list.items.filter((x: { id: string }) => poorIds.includes(x.id)).map((x: { reportedTo: string[] }) => x.reportedTo)).toEqual([
      ['province'],
      ['province'],
    ]);
    const again = await programme.inject({
      method: 'POST',
      url: '/api/relief/submissions',
      payload: { programmeId: poorId, level: 'province', applicationIds: poorIds, submittedOn: '2026-04-20' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/^以下对象已上报省妇联/);
    // The other level is still possible for the same candidates.
    expect(
      (
        await programme.inject({
          method: 'POST',
          url: '/api/relief/submissions',
          payload: { programmeId: poorId, level: 'city', applicationIds: poorIds, submittedOn: '2026-04-21' },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('exports the submission file exactly as recorded (sha256), with full ID numbers, to deciders only', async () => {
    const subs = (await programme.inject({ url: `/api/relief/submissions?programmeId=${poorId}` })).json();
    expect(subs.length).toBeGreaterThan(0);
    const s = subs[0];
    const file = await programme.inject({ url: `/api/relief/submissions/${s.id}/file` });
    expect(file.statusCode).toBe(200);
    expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(s.fileSha256);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '序号',
      '乡镇（街道）',
      '村（社区）',
      '姓名',
      '身份证号',
      '家庭人口',
      '家庭年收入（元）',
      '家庭年人均收入（元）',
      '困难情形',
      '联系电话',
    ]);
    expect(String(ws.getRow(4).getCell(5).value)).toMatch(/^\d{17}[\dX]$/);
    expect((await niufo.inject({ url: `/api/relief/submissions/${s.id}/file` })).statusCode).toBe(403);
    const exported = await t.handle.db
      .selectFrom('auditLog')
      .select('detail')
      .where('entityId', '=', s.id)
      .where('action', '=', 'export')
      .execute();
    expect(exported.length).toBeGreaterThanOrEqual(2);
  });

  it('gives facts that match a hand-counted fixture', async () => {
    // A fresh programme so the fixture is only what this test records: 3 reported to the province, 2 to the city.
    const code = 'FACT_TEST';
    const pid = (
      await programme.inject({
        method: 'POST',
        url: '/api/relief/programmes',
        payload: { code, name: '事实核对', kind: 'cash', year: 2026, reportTo: ['province', 'city'], rules: {} },
      })
    ).json().id;
    const households = [
      [3, 150000],
      [4, 280000],
      [2, 90000],
      [5, 300000],
      [1, 70000],
    ];
    const ids: string[] = [];
    for (const [m, inc] of households) {
      const a = (await apply(programme, { programmeId: pid, householdMembers: m, householdIncomeFen: inc, village: '石桥村' })).json();
      await act(programme, a.id, 'verify', { date: '2026-03-01' });
      await act(programme, a.id, 'approve', { date: '2026-03-02' });
      ids.push(a.id);
    }
    await programme.inject({
      method: 'POST',
      url: '/api/relief/submissions',
      payload: { programmeId: pid, level: 'province', applicationIds: ids.slice(0, 3), submittedOn: '2026-04-01' },
    });
    await programme.inject({
      method: 'POST',
      url: '/api/relief/submissions',
      payload: { programmeId: pid, level: 'city', applicationIds: ids.slice(3), submittedOn: '2026-04-02' },
    });
    await act(programme, ids[0], 'grant', { grantAmountFen: 10000, date: '2026-05-01' });
    const fact = (name: string) => t.app.jinguo.facts.find((f) => f.name === name)!;
    const root = await unitId(t, '510399');
    const ctx = (paths: string[]) => ({
      db: t.handle.db,
      dialect: t.dialect,
      scope: { permission: 'relief.read' as const, paths },
      period: { year: 2026, from: '2026-01-01', to: '2026-12-31' },
    });
    const all = ctx([root.path]);
    expect((await fact('relief.reported').compute(all, { programme: code, level: 'province' })).value).toBe(3);
    expect((await fact('relief.reported').compute(all, { programme: code, level: 'city' })).value).toBe(2);
    expect((await fact('relief.reported').compute(all, { programme: code })).value).toBe(5);
    // (150000 + 280000 + 90000 + 300000 + 70000) / (3 + 4 + 2 + 5 + 1) = 890000 / 15 = 59333.33 → 59333 fen.
    const ipc = await fact('relief.reported.incomePerCapita').compute(all, { programme: code });
    expect(ipc).toEqual({ value: 59333, numerator: 890000, denominator: 15 });
    expect((await fact('relief.reported.incomePerCapita').compute(all, { programme: code, level: 'city' })).value).toBe(
      Math.round(370000 / 6),
    );
    expect((await fact('relief.approved').compute(all, { programme: code })).value).toBe(5);
    expect((await fact('relief.granted').compute(all, { programme: code })).value).toBe(1);
    const rec = await fact('relief.reported').records(all, { programme: code, level: 'province' }, { limit: 10, offset: 0 });
    expect(rec.total).toBe(3);
    expect(rec.rows.every((r) => r.level === '省妇联')).toBe(true);
    // A period that ends before the reports counts none; another township's scope counts none (all were 石桥村).
    expect(
      (await fact('relief.reported').compute({ ...all, period: { year: 2026, from: '2026-01-01', to: '2026-03-31' } }, { programme: code }))
        .value,
    ).toBe(0);
    const dongcheng = await unitId(t, '东城街道');
    expect((await fact('relief.reported').compute(ctx([dongcheng.path]), { programme: code })).value).toBe(0);
  });

  it('the ID number generator used by these tests makes valid numbers', () => {
    expect(makeIdNumber('1949-12-31', 2, '110105')).toBe('11010519491231002X');
  });
});
