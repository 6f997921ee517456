import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EVALUATION_STATUS_LABELS,
  formatChineseDate,
  formatIndicatorValue,
  INDICATOR_AREA_LABELS,
  INDICATOR_BREAKDOWN_LABELS,
  shanghaiDate,
  targetText,
  type Indicator,
  type IndicatorEntry,
  type IndicatorEvaluation,
  type IndicatorEvaluationRow,
  type IndicatorValue,
} from '@jinguo/domain';
import { DEFAULT_INDICATORS } from '../src/modules/indicators/indicators.catalogue.js';
import { GONGWEN, mm } from '../src/platform/gongwen.js';
import { newId } from '../src/platform/ids.js';
import { hashPassword } from '../src/platform/passwords.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { computeFact, factRecords } from './demo-context.js';
import { importFile, readXlsx, xlsx } from './excel-upload.js';
import { unitId } from './fixtures.js';

const HEADERS = ['指标代码', '指标名称', '地区', '年度', '分组', '分子', '分母', '数值', '数据来源', '说明'];
const NO_SUCH_ID = '01890000-0000-7000-8000-000000000000';

describe.each(TEST_DATABASES)('indicators on %s', (kind) => {
  let t: TestApp;
  let stat: TestSession;
  let chair: TestSession;
  let liaison: TestSession;
  const ids: Record<string, string> = {};
  const byCode = new Map<string, Indicator>();

  const values = (s: TestSession, year: number, regionOrgId: string, list: Record<string, unknown>[]) =>
    s.inject({ method: 'PUT', url: '/api/indicators/values', payload: { year, regionOrgId, values: list } });
  const step = (s: TestSession, what: 'submit' | 'approve' | 'return', ids_: string[], reason?: string) =>
    s.inject({
      method: 'POST',
      url: `/api/indicators/values/${what}`,
      payload: reason === undefined ? { ids: ids_ } : { ids: ids_, reason },
    });
  const evaluation = async (s: TestSession, year: number, regionOrgId?: string) =>
    (
      await s.inject({ url: `/api/indicators/evaluation?year=${year}${regionOrgId ? `&regionOrgId=${regionOrgId}` : ''}` })
    ).json() as IndicatorEvaluation;
  const rowOf = (e: IndicatorEvaluation, code: string) => e.rows.find((r) => r.indicator.code === code)!;
  const countValues = async () =>
    Number(
      (
        await t.handle.db
          .selectFrom('indicatorValues')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audits = async (action: string) =>
    Number(
      (
        await t.handle.db
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Saves, submits and approves total figures as the statistician; returns the value ids. */
  const approve = async (year: number, regionOrgId: string, list: Record<string, unknown>[]) => {
    const saved = await values(stat, year, regionOrgId, list);
    expect(saved.statusCode, saved.body).toBe(200);
    const valueIds = (saved.json() as IndicatorValue[]).map((v) => v.id);
    expect((await step(stat, 'submit', valueIds)).statusCode).toBe(200);
    expect((await step(stat, 'approve', valueIds)).statusCode).toBe(200);
    return valueIds;
  };

  beforeAll(async () => {
    t = await buildTestApp(kind);
    [stat, chair, liaison] = await Promise.all([t.login('statistician'), t.login('chair'), t.login('liaison')]);
    ids.root = await unitId(t, '510399');
    ids.health = await unitId(t, '区卫生健康局');
    ids.education = await unitId(t, '区教育局');
    ids.school = await unitId(t, '永嘉小学');
    ids.niufo = await unitId(t, '牛佛镇');
    ids.yongan = await unitId(t, '永安镇');
    ids.dongcheng = await unitId(t, '东城街道');
    ids.village = await unitId(t, '大山村');
  });
  afterAll(() => t?.close());

  it('GET/POST /api/indicators: 401, 403 for roles without the permission, 400 naming the field, 201, 409 on a duplicate code', async () => {
    expect((await t.app.inject({ url: '/api/indicators' })).statusCode).toBe(401);
    for (const user of ['niufo', 'police', 'auditor', 'sysadmin'])
      expect((await (await t.login(user)).inject({ url: '/api/indicators' })).statusCode, user).toBe(403);
    const base = {
      ownerOrgId: ids.root,
      code: 'T.RATE',
      area: 'W_HEALTH',
      name: '测试筛查率',
      unit: 'percent',
      direction: 'gte',
      target: 70,
      responsibleOrgId: ids.root,
    };
    expect((await liaison.inject({ method: 'POST', url: '/api/indicators', payload: base })).statusCode).toBe(403);

    const noTarget = await stat.inject({ method: 'POST', url: '/api/indicators', payload: { ...base, target: null } });
    expect(noTarget.statusCode).toBe(400);
    expect(noTarget.json().fields).toEqual([{ path: 'target', message: '目标方向为“≥”时须填写目标值' }]);
    const noLabel = await stat.inject({ method: 'POST', url: '/api/indicators', payload: { ...base, unit: 'number' } });
    expect(noLabel.json().fields.map((f: { path: string }) => f.path)).toEqual(['unitLabel']);
    const badCode = await stat.inject({ method: 'POST', url: '/api/indicators', payload: { ...base, code: '指标一' } });
    expect(badCode.json().fields[0]).toMatchObject({ path: 'code', message: expect.stringContaining('指标代码') });
    const school = await stat.inject({ method: 'POST', url: '/api/indicators', payload: { ...base, responsibleOrgId: ids.school } });
    expect(school.statusCode).toBe(400);
    expect(school.json().fields).toEqual([{ path: 'responsibleOrgId', message: '负责单位须为本级妇联或其下属的部门' }]);
    const township = await stat.inject({ method: 'POST', url: '/api/indicators', payload: { ...base, ownerOrgId: ids.niufo } });
    expect(township.json().fields[0].path).toBe('ownerOrgId');

    const created = await stat.inject({ method: 'POST', url: '/api/indicators', payload: base });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'T.RATE',
      outline: 'women',
      targetText: '≥ 70%',
      responsibleOrgName: '示例区妇联',
      breakdowns: ['total'],
      reviewThresholdPercent: 20,
      targetVerified: false,
      active: true,
    });
    const dup = await stat.inject({ method: 'POST', url: '/api/indicators', payload: base });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().fields[0].path).toBe('code');
    expect(await audits('create')).toBeGreaterThan(0);

    const num = await stat.inject({
      method: 'POST',
      url: '/api/indicators',
      payload: {
        ...base,
        code: 'T.NUM',
        area: 'C_FAMILY',
        name: '测试活动场次',
        unit: 'number',
        unitLabel: '场',
        direction: 'rising',
        target: null,
        baselineValue: 3,
      },
    });
    expect(num.json()).toMatchObject({ outline: 'children', targetText: '逐步提高' });
  });

  it('PATCH /api/indicators/:id checks the merged indicator; an inactive one leaves the list', async () => {
    const list = (await stat.inject({ url: '/api/indicators' })).json() as Indicator[];
    const rate = list.find((i) => i.code === 'T.RATE')!;
    const bad = await stat.inject({ method: 'PATCH', url: `/api/indicators/${rate.id}`, payload: { unit: 'number' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('unitLabel');
    const about = await stat.inject({
      method: 'PATCH',
      url: `/api/indicators/${rate.id}`,
      payload: { direction: 'about', target: 45, tolerance: 2, breakdowns: ['total', 'female'] },
    });
    expect(about.json()).toMatchObject({ targetText: '45%左右', tolerance: 2, breakdowns: ['total', 'female'] });
    expect(
      (
        await stat.inject({
          method: 'PATCH',
          url: `/api/indicators/${rate.id}`,
          payload: { direction: 'gte', target: 70, tolerance: null, breakdowns: ['total'] },
        })
      ).json().targetText,
    ).toBe('≥ 70%');
    expect((await stat.inject({ method: 'PATCH', url: `/api/indicators/${NO_SUCH_ID}`, payload: { name: 'x' } })).statusCode).toBe(404);
    expect((await liaison.inject({ method: 'PATCH', url: `/api/indicators/${rate.id}`, payload: { name: 'x' } })).statusCode).toBe(403);

    const extra = (
      await stat.inject({
        method: 'POST',
        url: '/api/indicators',
        payload: {
          ownerOrgId: ids.root,
          code: 'T.OLD',
          area: 'W_LAW',
          name: '停用的指标',
          unit: 'percent',
          direction: 'rising',
          responsibleOrgId: ids.root,
        },
      })
    ).json();
    expect((await stat.inject({ method: 'PATCH', url: `/api/indicators/${extra.id}`, payload: { active: false } })).json().active).toBe(
      false,
    );
    expect(((await stat.inject({ url: '/api/indicators' })).json() as Indicator[]).map((i) => i.code)).not.toContain('T.OLD');
    expect(((await stat.inject({ url: '/api/indicators?includeInactive=true' })).json() as Indicator[]).map((i) => i.code)).toContain(
      'T.OLD',
    );
  });

  it('POST /api/indicators/defaults adds the missing national indicators, matching member units by name', async () => {
    expect((await liaison.inject({ method: 'POST', url: '/api/indicators/defaults', payload: { ownerOrgId: ids.root } })).statusCode).toBe(
      403,
    );
    expect((await stat.inject({ method: 'POST', url: '/api/indicators/defaults', payload: { ownerOrgId: ids.health } })).statusCode).toBe(
      400,
    );
    const added = await stat.inject({ method: 'POST', url: '/api/indicators/defaults', payload: { ownerOrgId: ids.root } });
    expect(added.json()).toEqual({ added: DEFAULT_INDICATORS.length });
    expect((await stat.inject({ method: 'POST', url: '/api/indicators/defaults', payload: { ownerOrgId: ids.root } })).json()).toEqual({
      added: 0,
    });
    expect(await audits('indicator.defaults')).toBe(1);

    // The liaison of a department under the district reads the district's catalogue.
    const list = (await liaison.inject({ url: '/api/indicators' })).json() as Indicator[];
    for (const i of list) byCode.set(i.code, i);
    expect(list.length).toBe(DEFAULT_INDICATORS.length + 2);
    // By area order, then code: T.RATE is a 妇女与健康 indicator too.
    expect(list.slice(0, 4).map((i) => i.code)).toEqual(['T.RATE', 'W1.01', 'W1.02', 'W1.03']);
    expect(byCode.get('W1.02')).toMatchObject({ responsibleOrgName: '区卫生健康局', targetText: '≥ 70%', targetVerified: true });
    expect(byCode.get('C3.01')!.responsibleOrgName).toBe('区教育局');
    expect(byCode.get('W6.01')!.responsibleOrgName).toBe('示例区妇联');
    expect(byCode.get('W1.03')!.targetVerified).toBe(false);
    const children = (await liaison.inject({ url: '/api/indicators?outline=children&area=C_HEALTH' })).json() as Indicator[];
    expect(children.length).toBeGreaterThan(0);
    expect(children.every((i) => i.area === 'C_HEALTH')).toBe(true);
  });

  it('GET /api/indicators/regions: the district first, then its townships and streets; 403 without the permission', async () => {
    const regions = (await stat.inject({ url: '/api/indicators/regions' })).json() as { id: string; name: string; kind: string }[];
    expect(regions[0]).toMatchObject({ id: ids.root, kind: 'federation' });
    expect(regions).toHaveLength(17);
    expect(new Set(regions.slice(1).map((r) => r.kind))).toEqual(new Set(['township', 'street']));
    expect(((await liaison.inject({ url: '/api/indicators/regions' })).json() as unknown[]).length).toBe(17);
    expect((await (await t.login('niufo')).inject({ url: '/api/indicators/regions' })).statusCode).toBe(403);
  });

  it('GET /api/indicators/entry lists only what the caller reports, one row per breakdown', async () => {
    const entry = (await liaison.inject({ url: `/api/indicators/entry?year=2026&regionOrgId=${ids.root}` })).json() as IndicatorEntry;
    expect(entry.rows.length).toBeGreaterThan(0);
    expect(new Set(entry.rows.map((r) => r.indicator.responsibleOrgName))).toEqual(new Set(['区卫生健康局']));
    expect(entry.rows.filter((r) => r.indicator.code === 'W1.01').map((r) => r.breakdown)).toEqual(['total', 'urban', 'rural']);
    const all = (await stat.inject({ url: `/api/indicators/entry?year=2026&regionOrgId=${ids.root}` })).json() as IndicatorEntry;
    expect(new Set(all.rows.map((r) => r.indicator.code)).size).toBe(DEFAULT_INDICATORS.length + 2);
    expect((await liaison.inject({ url: `/api/indicators/entry?year=2026&regionOrgId=${ids.village}` })).json().fields[0].path).toBe(
      'regionOrgId',
    );
    expect((await liaison.inject({ url: `/api/indicators/entry?year=2026&regionOrgId=${NO_SUCH_ID}` })).statusCode).toBe(400);
    expect((await chair.inject({ url: `/api/indicators/entry?year=2026&regionOrgId=${ids.root}` })).statusCode).toBe(403);
  });

  it('PUT /api/indicators/values refuses bad figures by field and other units’ indicators, all or nothing', async () => {
    const w102 = byCode.get('W1.02')!.id;
    const w101 = byCode.get('W1.01')!.id;
    const bad = await values(liaison, 2026, ids.root, [
      { indicatorId: w102, numerator: 700, denominator: 1000 },
      { indicatorId: w101, numerator: 1 },
      { indicatorId: w102, breakdown: 'female', value: 80 },
      { indicatorId: byCode.get('C1.01')!.id, numerator: 30, denominator: 20, breakdown: 'male' },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { path: string }) => f.path)).toEqual([
      'values.1.denominator',
      'values.2.breakdown',
      'values.3.value',
    ]);
    expect(bad.json().fields[2].message).toBe('「新生儿死亡率」数值不能大于1000');
    expect(bad.json().message).toContain('分子和分母须同时填写');
    const over = await values(liaison, 2026, ids.root, [{ indicatorId: w102, numerator: 1200, denominator: 1000 }]);
    expect(over.json().fields).toEqual([{ path: 'values.0.numerator', message: '「适龄妇女宫颈癌人群筛查率」分子不能大于分母' }]);
    const dup = await values(liaison, 2026, ids.root, [
      { indicatorId: w102, value: 70 },
      { indicatorId: w102, value: 71 },
    ]);
    expect(dup.json().fields[0].path).toBe('values.1.breakdown');
    const unknown = await values(liaison, 2026, ids.root, [{ indicatorId: NO_SUCH_ID, value: 1 }]);
    expect(unknown.json().fields[0].path).toBe('values.0.indicatorId');
    // The 区卫生健康局 liaison cannot report an indicator 区教育局 is responsible for.
    const education = await values(liaison, 2026, ids.root, [
      { indicatorId: w102, numerator: 700, denominator: 1000 },
      { indicatorId: byCode.get('C3.01')!.id, numerator: 900, denominator: 1000 },
    ]);
    expect(education.statusCode).toBe(403);
    expect(education.json().fields).toEqual([
      { path: 'values.1.indicatorId', message: '「学前教育毛入园率」由区教育局负责填报，您无权填报' },
    ]);
    expect(
      (
        await chair.inject({
          method: 'PUT',
          url: '/api/indicators/values',
          payload: { year: 2026, regionOrgId: ids.root, values: [{ indicatorId: w102, value: 70 }] },
        })
      ).statusCode,
    ).toBe(403);
    expect((await values(liaison, 2026, ids.root, [])).json().fields[0].path).toBe('values');
    expect(await countValues()).toBe(0);
  });

  it('save → submit → approve (locked) → reopen → save → submit → return (notified) → resubmit → approve, each step an event and an audit entry', async () => {
    const w102 = byCode.get('W1.02')!.id;
    const saved = await values(liaison, 2026, ids.root, [{ indicatorId: w102, numerator: 712, denominator: 1000, source: '妇幼卫生年报' }]);
    expect(saved.statusCode).toBe(200);
    const [v] = saved.json() as IndicatorValue[];
    expect(v).toMatchObject({
      status: 'draft',
      value: 71.2,
      numerator: 712,
      denominator: 1000,
      regionName: '示例区妇联',
      indicatorCode: 'W1.02',
      previousValue: null,
      warnings: [],
    });
    ids.value = v.id;

    expect((await step(liaison, 'approve', [v.id])).statusCode).toBe(403);
    expect((await step(stat, 'approve', [v.id])).statusCode).toBe(409);
    const submitted = await step(liaison, 'submit', [v.id]);
    expect(submitted.json()[0]).toMatchObject({ status: 'submitted', submittedByName: '冯科长（区卫生健康局）' });
    const again = await step(liaison, 'submit', [v.id]);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('当前为“已报送”');
    const resave = await values(liaison, 2026, ids.root, [{ indicatorId: w102, numerator: 713, denominator: 1000 }]);
    expect(resave.statusCode).toBe(409);
    expect(resave.json().message).toContain('已报送待审核');
    const queue = (await stat.inject({ url: '/api/indicators/values?year=2026&status=submitted' })).json() as IndicatorValue[];
    expect(queue.map((q) => q.id)).toEqual([v.id]);

    expect((await step(stat, 'approve', [v.id])).json()[0]).toMatchObject({ status: 'approved', decidedByName: '杨雪（统计员）' });
    const locked = await values(liaison, 2026, ids.root, [{ indicatorId: w102, numerator: 713, denominator: 1000 }]);
    expect(locked.statusCode).toBe(409);
    expect(locked.json().message).toContain('已审核，数据已锁定');
    expect((await step(stat, 'return', [v.id], '核对')).statusCode).toBe(409);
    expect((await step(stat, 'approve', [v.id])).statusCode).toBe(409);

    const noReason = await stat.inject({ method: 'POST', url: `/api/indicators/values/${v.id}/reopen`, payload: { reason: ' ' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields[0].path).toBe('reason');
    expect(
      (await liaison.inject({ method: 'POST', url: `/api/indicators/values/${v.id}/reopen`, payload: { reason: 'x' } })).statusCode,
    ).toBe(403);
    const reopened = await stat.inject({
      method: 'POST',
      url: `/api/indicators/values/${v.id}/reopen`,
      payload: { reason: '市统计局核定数有调整' },
    });
    expect(reopened.json()).toMatchObject({ status: 'returned', returnReason: '市统计局核定数有调整' });
    expect(
      (await stat.inject({ method: 'POST', url: `/api/indicators/values/${v.id}/reopen`, payload: { reason: '再次' } })).statusCode,
    ).toBe(409);

    expect((await values(liaison, 2026, ids.root, [{ indicatorId: w102, numerator: 705, denominator: 1000 }])).json()[0]).toMatchObject({
      status: 'draft',
      value: 70.5,
    });
    await step(liaison, 'submit', [v.id]);
    const noReturnReason = await step(stat, 'return', [v.id], '');
    expect(noReturnReason.json().fields[0].path).toBe('reason');
    const returned = await step(stat, 'return', [v.id], '分母与妇幼年报不一致');
    expect(returned.json()[0]).toMatchObject({ status: 'returned', returnReason: '分母与妇幼年报不一致' });
    const notes = (await liaison.inject({ url: '/api/notifications' })).json().items as { title: string; body: string }[];
    expect(notes.some((n) => n.title.includes('退回') && n.body.includes('分母与妇幼年报不一致'))).toBe(true);
    expect(notes.some((n) => n.title.includes('重新打开') && n.body.includes('市统计局核定数有调整'))).toBe(true);

    await step(liaison, 'submit', [v.id]);
    await step(stat, 'approve', [v.id]);
    const events = (await liaison.inject({ url: `/api/indicators/values/${v.id}/events` })).json() as {
      action: string;
      toStatus: string;
      reason: string | null;
      actorName: string;
    }[];
    expect(events.map((e) => e.action)).toEqual(['save', 'submit', 'approve', 'reopen', 'save', 'submit', 'return', 'submit', 'approve']);
    expect(events[6]).toMatchObject({ toStatus: 'returned', reason: '分母与妇幼年报不一致', actorName: '杨雪（统计员）' });
    expect(
      (await t.handle.db.selectFrom('auditLog').select('action').where('entityId', '=', v.id).orderBy('seq').execute()).map(
        (a) => a.action,
      ),
    ).toEqual(events.map((e) => `indicator_value.${e.action}`));
    expect((await liaison.inject({ url: `/api/indicators/values/${NO_SUCH_ID}/events` })).statusCode).toBe(404);
    // The event history is append-only in the database itself.
    await expect(
      t.handle.db.updateTable('indicatorValueEvents').set({ reason: 'x' }).where('valueId', '=', v.id).execute(),
    ).rejects.toThrow();
  });

  it('a value far from last year’s carries a warning and needs a note before it is submitted', async () => {
    const w105 = byCode.get('W1.05')!.id;
    await approve(2025, ids.root, [{ indicatorId: w105, numerator: 900, denominator: 1000 }]);
    const [draft] = (
      await values(liaison, 2026, ids.root, [{ indicatorId: w105, numerator: 600, denominator: 1000 }])
    ).json() as IndicatorValue[];
    expect(draft.previousValue).toBe(90);
    expect(draft.warnings).toEqual(['与上年（90）相比下降33.3%，超过20%，请说明原因']);
    const refused = await step(liaison, 'submit', [draft.id]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('报送前须填写“说明”');
    expect(refused.json().fields[0].path).toBe('ids.0.note');
    const entry = (await liaison.inject({ url: `/api/indicators/entry?year=2026&regionOrgId=${ids.root}` })).json() as IndicatorEntry;
    expect(entry.rows.find((r) => r.indicator.id === w105)).toMatchObject({
      previousValue: 90,
      current: { status: 'draft', warnings: [expect.stringContaining('下降')] },
    });
    await values(liaison, 2026, ids.root, [
      { indicatorId: w105, numerator: 600, denominator: 1000, note: '统计口径调整：分母改为辖区常住孕产妇' },
    ]);
    expect((await step(liaison, 'submit', [draft.id])).json()[0].status).toBe('submitted');
  });

  it('evaluation rolls a district figure up from its townships (rates Σ/Σ, numbers Σ); the district’s own row wins', async () => {
    const rate = byCode.get('T.RATE')!.id;
    const num = byCode.get('T.NUM')!.id;
    await approve(2026, ids.niufo, [
      { indicatorId: rate, numerator: 700, denominator: 1000 },
      { indicatorId: num, value: 3 },
    ]);
    await approve(2026, ids.dongcheng, [
      { indicatorId: rate, numerator: 200, denominator: 500 },
      { indicatorId: num, value: 4 },
    ]);
    await approve(2025, ids.niufo, [{ indicatorId: num, value: 2 }]);
    await approve(2025, ids.dongcheng, [{ indicatorId: num, value: 4 }]);
    // A draft does not count.
    await values(stat, 2026, ids.yongan, [{ indicatorId: rate, numerator: 1000, denominator: 1000 }]);

    let e = await evaluation(stat, 2026, ids.root);
    expect(rowOf(e, 'T.RATE')).toMatchObject({
      value: 60,
      numerator: 900,
      denominator: 1500,
      basis: 'rolled_up',
      rolledUpFrom: 2,
      status: 'not_met',
    });
    expect(rowOf(e, 'T.NUM')).toMatchObject({ value: 7, basis: 'rolled_up', rolledUpFrom: 2, previousValue: 6, status: 'improving' });
    expect(rowOf(e, 'W1.02')).toMatchObject({ value: 70.5, basis: 'reported', status: 'met' });
    expect(rowOf(e, 'C3.01')).toMatchObject({ value: null, basis: null, status: 'no_data' });
    expect(e.counts).toMatchObject({
      total: DEFAULT_INDICATORS.length + 2,
      withData: 3,
      met: 1,
      notMet: 1,
      improving: 1,
      noData: DEFAULT_INDICATORS.length - 1,
    });
    expect(e.byArea.find((a) => a.area === 'C_FAMILY')).toMatchObject({ met: 1, notMet: 0 });

    // A township reporting the rate alone stops the rate from rolling up (Σ/Σ needs every numerator and denominator).
    await approve(2026, ids.yongan, [{ indicatorId: rate, value: 50 }]);
    expect(rowOf(await evaluation(stat, 2026, ids.root), 'T.RATE')).toMatchObject({ value: null, status: 'no_data' });
    await approve(2026, ids.root, [{ indicatorId: rate, numerator: 750, denominator: 1000 }]);
    e = await evaluation(stat, 2026, ids.root);
    expect(rowOf(e, 'T.RATE')).toMatchObject({ value: 75, basis: 'reported', rolledUpFrom: 0, status: 'met' });
    expect(rowOf(await evaluation(stat, 2026, ids.niufo), 'T.RATE')).toMatchObject({ value: 70, basis: 'reported', status: 'met' });
    // Without a region: the caller's top region (the district).
    expect((await evaluation(stat, 2026)).regionOrgId).toBe(ids.root);
    // The liaison sees only the indicators 区卫生健康局 reports.
    const mine = await evaluation(liaison, 2026, ids.root);
    expect(new Set(mine.rows.map((r) => r.indicator.responsibleOrgName))).toEqual(new Set(['区卫生健康局']));

    expect((await computeFact(t, 'indicators.monitored')).value).toBe(e.counts.withData);
    expect((await computeFact(t, 'indicators.met')).value).toBe(e.counts.met + e.counts.improving);
    expect(await computeFact(t, 'indicators.metRate')).toMatchObject({
      numerator: e.counts.met + e.counts.improving,
      denominator: e.counts.withData,
    });
    const records = await factRecords(t, 'indicators.met');
    expect(records.total).toBe(e.counts.met + e.counts.improving);
    expect(records.rows.map((r) => r.code).sort()).toEqual(['T.NUM', 'T.RATE', 'W1.02']);
    expect((await computeFact(t, 'indicators.monitored', {}, { unit: '牛佛镇' })).value).toBe(2);
  });

  it('keeps districts apart: another district’s statistician sees none of these values; chairs, agencies and 三员 get 403', async () => {
    const at = t.clock.now().toISOString();
    const other = newId();
    const town = newId();
    const userId = newId();
    await t.handle.db
      .insertInto('orgUnits')
      .values({
        id: other,
        parentId: null,
        path: `/${other}/`,
        depth: 0,
        kind: 'federation',
        level: 'DISTRICT',
        code: '510398',
        name: '另一区妇联',
        agencyType: null,
        active: 1,
        sortOrder: 1,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await t.handle.db
      .insertInto('orgUnits')
      .values({
        id: town,
        parentId: other,
        path: `/${other}/${town}/`,
        depth: 1,
        kind: 'township',
        level: 'TOWNSHIP',
        code: '510398100',
        name: '另一镇',
        agencyType: null,
        active: 1,
        sortOrder: 0,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await t.handle.db
      .insertInto('users')
      .values({
        id: userId,
        username: 'otherstat',
        displayName: '另一区统计员',
        passwordHash: await hashPassword('Other-Pass-2026-x'),
        mustChangePassword: 0,
        failedLogins: 0,
        lockedUntil: null,
        active: 1,
        orgUnitId: other,
        passwordChangedAt: at,
        lastLoginAt: null,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await t.handle.db
      .insertInto('roleAssignments')
      .values({ id: newId(), userId, role: 'statistician', orgUnitId: other, createdAt: at, createdBy: null })
      .execute();
    const o = await t.login('otherstat', 'Other-Pass-2026-x');

    expect((await o.inject({ url: '/api/indicators' })).json()).toEqual([]);
    expect(((await o.inject({ url: '/api/indicators/regions' })).json() as { id: string }[]).map((r) => r.id)).toEqual([other, town]);
    expect((await o.inject({ url: '/api/indicators/values?year=2026' })).json()).toEqual([]);
    expect((await o.inject({ url: `/api/indicators/values/${ids.value}/events` })).statusCode).toBe(404);
    expect((await o.inject({ url: `/api/indicators/evaluation?year=2026&regionOrgId=${ids.root}` })).statusCode).toBe(404);
    expect((await o.inject({ url: `/api/indicators/entry?year=2026&regionOrgId=${ids.niufo}` })).statusCode).toBe(404);
    expect((await values(o, 2026, ids.root, [{ indicatorId: byCode.get('T.RATE')!.id, value: 10 }])).statusCode).toBe(404);
    expect((await step(o, 'approve', [ids.value])).statusCode).toBe(404);
    expect(
      (await o.inject({ method: 'POST', url: `/api/indicators/values/${ids.value}/reopen`, payload: { reason: 'x' } })).statusCode,
    ).toBe(404);
    expect(
      (await o.inject({ method: 'PATCH', url: `/api/indicators/${byCode.get('T.RATE')!.id}`, payload: { name: 'x' } })).statusCode,
    ).toBe(404);
    expect((await o.inject({ method: 'POST', url: '/api/indicators/defaults', payload: { ownerOrgId: ids.root } })).statusCode).toBe(400);
    expect((await evaluation(o, 2026)).rows).toEqual([]);

    // The liaison reads the values of the indicators 区卫生健康局 reports, in every region, and nothing else.
    const seen = (await liaison.inject({ url: '/api/indicators/values?year=2026' })).json() as IndicatorValue[];
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((v) => ['W1.02', 'W1.05'].includes(v.indicatorCode))).toBe(true);

    for (const user of ['niufo', 'police', 'auditor', 'secadmin']) {
      const s = await t.login(user);
      for (const url of [
        '/api/indicators/regions',
        `/api/indicators/entry?year=2026&regionOrgId=${ids.root}`,
        '/api/indicators/values?year=2026',
        '/api/indicators/evaluation?year=2026',
      ])
        expect((await s.inject({ url })).statusCode, `${user} ${url}`).toBe(403);
    }
  });

  it('Excel: a template prefilled with the caller’s open rows; an import that names the bad row and writes nothing; drafts from a good file; approved rows refused', async () => {
    const tpl = await liaison.inject({ url: `/api/indicators/values/template?year=2026&regionOrgId=${ids.niufo}` });
    expect(tpl.statusCode).toBe(200);
    const sheet = await readXlsx(tpl);
    expect(sheet[0]).toEqual(HEADERS);
    const entry = (await liaison.inject({ url: `/api/indicators/entry?year=2026&regionOrgId=${ids.niufo}` })).json() as IndicatorEntry;
    expect(sheet.length - 1).toBe(entry.rows.length);
    expect(sheet[1].slice(0, 5)).toEqual(['W1.01', '孕产妇死亡率', '牛佛镇', '2026', '合计']);
    expect((await (await t.login('niufo')).inject({ url: '/api/indicators/values/template' })).statusCode).toBe(403);

    const before = await countValues();
    const bad = await importFile(
      liaison,
      '/api/indicators/values/import',
      await xlsx(HEADERS, [
        ['W1.02', '', '牛佛镇', '2026', '合计', '650', '1000', '', '妇幼年报', ''],
        ['W1.03', '', '牛佛镇', '2026', '合计', '650', '', '', '', ''],
        ['C3.01', '', '牛佛镇', '2026', '合计', '', '', '90', '', ''],
        ['W1.02', '', '火星镇', '2026', '合计', '1', '2', '', '', ''],
        ['W1.01', '', '牛佛镇', '2026', '男性', '', '', '5', '', ''],
      ]),
    );
    expect(bad.job!.status).toBe('failed');
    expect(bad.job!.result.errors!.map((e) => e.text)).toEqual([
      '第3行「分母」：分子和分母须同时填写',
      '第4行「指标代码」：该指标由区教育局负责填报，您无权填报',
      '第5行「地区」：不是您可填报的地区（请填写区或乡镇、街道的全称）',
      `第6行「分组」：该指标不按“${INDICATOR_BREAKDOWN_LABELS.male}”分组填报`,
    ]);
    expect(await countValues()).toBe(before);

    const good = await importFile(
      liaison,
      '/api/indicators/values/import',
      await xlsx(HEADERS, [
        ['W1.02', '适龄妇女宫颈癌人群筛查率', '牛佛镇', '2026', '合计', '640', '1000', '', '妇幼年报', ''],
        ['W1.02', '', '永安镇', '2026', '', '1,320', '2000', '', '', ''],
        ['W1.01', '', '牛佛镇', '2026', '合计', '', '', '', '', ''],
      ]),
    );
    expect(good.job!.status).toBe('succeeded');
    expect(good.job!.result).toMatchObject({ rows: 3, created: 2, counts: { updated: 0, skipped: 1 } });
    const niufo = (await liaison.inject({ url: `/api/indicators/values?year=2026&regionOrgId=${ids.niufo}` })).json() as IndicatorValue[];
    expect(niufo.find((v) => v.indicatorCode === 'W1.02')).toMatchObject({ status: 'draft', value: 64, source: '妇幼年报' });
    const events = (
      await liaison.inject({ url: `/api/indicators/values/${niufo.find((v) => v.indicatorCode === 'W1.02')!.id}/events` })
    ).json();
    expect(events.map((e: { action: string }) => e.action)).toEqual(['import']);

    const approved = await importFile(
      liaison,
      '/api/indicators/values/import',
      await xlsx(HEADERS, [['W1.02', '', '示例区妇联', '2026', '合计', '700', '1000', '', '', '']]),
    );
    expect(approved.job!.result.errors!.map((e) => e.text)).toEqual(['第2行「指标代码」：该数据已审核，已锁定，不能导入修改']);
  });

  it('exports the evaluation (监测评估表) with one row per indicator', async () => {
    const res = await stat.inject({ url: `/api/indicators/evaluation/export?year=2026&regionOrgId=${ids.root}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('监测评估表'));
    const rows = await readXlsx(res);
    expect(rows[0].slice(0, 4)).toEqual(['纲要', '领域', '指标代码', '指标名称']);
    expect(rows).toHaveLength(DEFAULT_INDICATORS.length + 3);
    const rate = rows.find((r) => r[2] === 'T.RATE')!;
    expect(rate).toContain('75%');
    expect(rate).toContain('达标');
    const num = rows.find((r) => r[2] === 'T.NUM')!;
    expect(num).toContain('由2个乡镇（街道）汇总');
    expect(await audits('export')).toBeGreaterThan(0);
    expect((await (await t.login('niufo')).inject({ url: '/api/indicators/evaluation/export?year=2026' })).statusCode).toBe(403);
  });
});

/** The text of each paragraph of a .docx's document.xml (runs joined, XML entities decoded). */
function paragraphsOf(xml: string): string[] {
  const decode = (t: string) =>
    t
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map((p) =>
    decode([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
  );
}

describe.each(TEST_DATABASES)('两纲统计监测报告 (.docx) of the demo district on %s', (kind) => {
  let t: TestApp;
  let stat: TestSession;
  let district: string;

  beforeAll(async () => {
    t = await buildTestApp(kind, { demo: 'full' });
    stat = await t.login('statistician');
    district = await unitId(t, '510399');
  });
  afterAll(() => t?.close());

  const reportAudits = async () =>
    (
      await t.handle.db
        .selectFrom('auditLog')
        .select(['actorName', 'orgUnitId', 'detail'])
        .where('action', '=', 'export')
        .where('entityType', '=', 'indicator_evaluation')
        .orderBy('seq')
        .execute()
    ).filter((a) => String(a.detail).includes('indicators.report'));
  const download = async (s: TestSession, year: number) => {
    const res = await s.inject({ url: `/api/indicators/evaluation/report?year=${year}&regionOrgId=${district}` });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    return { res, xml, paragraphs: paragraphsOf(xml) };
  };
  const phrase = (r: IndicatorEvaluationRow) =>
    `${r.indicator.name}${formatIndicatorValue(r.value, r.indicator)}（目标${targetText(r.indicator).replace(/\s+/g, '')}`;

  it.each([2025, 2026])(
    "GET /api/indicators/evaluation/report?year=%i: the evaluation's figures in the 公文 layout, audited",
    async (year) => {
      const e = (
        await stat.inject({ url: `/api/indicators/evaluation?year=${year}&regionOrgId=${district}` })
      ).json() as IndicatorEvaluation;
      const c = e.counts;
      expect(c.withData).toBeGreaterThan(0);
      const audited = (await reportAudits()).length;
      const { res, xml, paragraphs } = await download(stat, year);

      const title = year === 2025 ? '示例区“两纲”中期评估报告' : `示例区“两纲”${year}年度统计监测报告`;
      expect(res.headers['content-type']).toContain('wordprocessingml');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(`${title}.docx`)}`,
      );
      expect(paragraphs[0]).toBe(title);
      expect(xml).toMatch(/w:eastAsia="方正小标宋简体"[\s\S]*?<w:sz w:val="44"\/>[\s\S]*?示例区“两纲”/);

      // The page as platform/gongwen.ts sets it: A4, margins 37 / 26 / 35 / 28 mm, the 22 × 28 grid.
      expect(xml).toContain(`<w:pgSz w:w="${GONGWEN.pageWidth}" w:h="${GONGWEN.pageHeight}"`);
      expect(xml).toContain(
        `<w:pgMar w:top="${mm(GONGWEN.marginTopMm)}" w:right="${mm(GONGWEN.marginRightMm)}" w:bottom="${mm(GONGWEN.marginBottomMm)}" w:left="${mm(GONGWEN.marginLeftMm)}"`,
      );
      expect(xml).toMatch(new RegExp(`<w:docGrid w:type="linesAndChars" w:linePitch="${GONGWEN.linePitch}"`));

      // The opening paragraph's counts are the evaluation API's; the met rate as the facts define it.
      const opening = paragraphs.find((p) => p.startsWith(`${year}年，示例区纳入“两纲”统计监测的指标共`))!;
      expect(opening).toContain(`指标共${c.total}项，其中${c.withData}项已有审核通过的年度数据`);
      expect(opening).toContain(`达到规划目标或持续向好${c.met + c.improving}项（达标${c.met}项、向好${c.improving}项）`);
      expect(opening).toContain(`未达标或未向好${c.notMet + c.notImproving}项（未达标${c.notMet}项、未向好${c.notImproving}项）`);
      expect(opening).toContain(`尚未填报${c.noData}项`);
      const rate = Math.round(((c.met + c.improving) / c.withData) * 10000) / 100;
      expect(opening).toContain(`为${Number.isInteger(rate) ? rate : rate.toFixed(2)}%。`);

      // Sections, an area sub-heading with its paragraph, one table per outline.
      expect(paragraphs).toContain('一、妇女发展纲要实施情况');
      expect(paragraphs).toContain('二、儿童发展纲要实施情况');
      expect(paragraphs).toContain('三、存在的问题');
      expect(paragraphs).toContain(`（一）${INDICATOR_AREA_LABELS.W_HEALTH}`);
      const health = e.rows.filter((r) => r.indicator.area === 'W_HEALTH');
      expect(paragraphs).toContainEqual(
        expect.stringMatching(new RegExp(`^本领域监测指标${health.length}项，已有数据${health.filter((r) => r.value !== null).length}项`)),
      );
      expect(paragraphs.filter((p) => p === '指标')).toHaveLength(2);
      expect(paragraphs).toContain(`表1  妇女发展纲要监测指标${year}年评估情况`);
      expect(paragraphs).toContain(`表2  儿童发展纲要监测指标${year}年评估情况`);

      // A met and a not-met indicator with value against target, in the prose and in the table.
      const met = e.rows.find((r) => r.status === 'met' && r.basis === 'reported')!;
      expect(paragraphs.some((p) => p.includes(phrase(met)))).toBe(true);
      const row = paragraphs.indexOf(met.indicator.name);
      expect(paragraphs.slice(row, row + 5)).toEqual([
        met.indicator.name,
        targetText(met.indicator).replace(/\s+/g, ''),
        formatIndicatorValue(met.value, met.indicator),
        formatIndicatorValue(met.previousValue, met.indicator),
        EVALUATION_STATUS_LABELS.met,
      ]);
      const notMet = e.rows.find((r) => r.status === 'not_met');
      if (year === 2025) expect(notMet).toBeDefined();
      if (notMet) {
        expect(paragraphs.some((p) => p.includes(phrase(notMet)))).toBe(true);
        // 三、存在的问题 names it with its responsible unit.
        const problems = paragraphs.slice(paragraphs.indexOf('三、存在的问题'));
        expect(problems).toContainEqual(expect.stringContaining(`${phrase(notMet)}`));
        expect(problems.find((p) => p.includes(phrase(notMet)))).toContain(`责任单位：${notMet.indicator.responsibleOrgName}`);
      }
      const problems = paragraphs.slice(paragraphs.indexOf('三、存在的问题'));
      const missing = e.rows.find((r) => r.status === 'no_data');
      if (missing)
        expect(problems).toContainEqual(
          expect.stringMatching(new RegExp(`^\\d+\\.${missing.indicator.responsibleOrgName}（\\d+项）：.*${missing.indicator.name}`)),
        );
      const rolled = e.rows.find((r) => r.basis === 'rolled_up');
      if (year === 2025) expect(rolled).toBeDefined();
      if (rolled) expect(paragraphs.some((p) => p.includes(`由${rolled.rolledUpFrom}个乡镇（街道）汇总`))).toBe(true);
      const unverified = e.rows.filter((r) => !r.indicator.targetVerified);
      expect(problems).toContainEqual(expect.stringContaining(`以下${unverified.length}项指标的目标尚未与印发的规划文本核对（未核实）`));

      // The signature: the region's federation and today's date.
      expect(paragraphs.slice(-2)).toEqual(['示例区妇联', formatChineseDate(shanghaiDate(t.clock.now()))]);

      const entries = await reportAudits();
      expect(entries).toHaveLength(audited + 1);
      expect(entries.at(-1)).toMatchObject({ orgUnitId: district });
      expect(JSON.parse(entries.at(-1)!.detail!)).toMatchObject({
        kind: 'indicators.report',
        format: 'docx',
        rows: e.rows.length,
        filters: { year, regionOrgId: district },
      });
    },
  );

  it("the report keeps the evaluation's scope: a liaison's covers their unit's indicators; a township chair and an agency get 403", async () => {
    const liaison = await t.login('liaison');
    const e = (await liaison.inject({ url: `/api/indicators/evaluation?year=2025&regionOrgId=${district}` })).json() as IndicatorEvaluation;
    const { paragraphs } = await download(liaison, 2025);
    expect(paragraphs).toContainEqual(expect.stringContaining(`指标共${e.counts.total}项，其中${e.counts.withData}项已有`));
    expect(new Set(e.rows.map((r) => r.indicator.responsibleOrgName))).toEqual(new Set(['区卫生健康局']));
    expect(paragraphs.some((p) => p.includes('女性高中阶段毛入学率'))).toBe(false);
    for (const user of ['niufo', 'police']) {
      const s = await t.login(user);
      const before = (await reportAudits()).length;
      expect((await s.inject({ url: `/api/indicators/evaluation/report?year=2025&regionOrgId=${district}` })).statusCode, user).toBe(403);
      expect((await reportAudits()).length).toBe(before);
    }
    expect((await stat.inject({ url: '/api/indicators/evaluation/report?year=abc' })).statusCode).toBe(400);
  });
});
