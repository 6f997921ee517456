import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figuresOf, parseTemplateText, type SummaryContent, type SummaryFigure } from '@jinguo/domain';
import { loadModuleWork } from '../src/modules/reports/reports.service.js';
import { buildTestApp, TEST_DATABASES, type TestApp } from './build-test-app.js';

/**
 * The demo district's generated 2026 summary, figure by figure, against the reference summary
 * (shared/reference/district-annual-summary.txt, part 一). Each figure must be a figure of the document —
 * computed from a fact over the demo records — never text typed into a template. A figure whose module has
 * not landed yet fails here: that says exactly which part of the reference is not reproduced yet.
 *
 * Each check names the fact and its parameters exactly: a figure of another fact (or another category, type or
 * level) that happens to have the same value does not satisfy it.
 */
/** `below`: the reference says "500多名" / "13000多元" — more than `value`, less than `below`. */
type Check = {
  what: string;
  value: number;
  below?: number;
  text?: string;
  fact: string;
  params?: Record<string, string>;
};

const CHECKS: Check[] = [
  { what: '来信来访 78 件', fact: 'cases.received', value: 78, text: '78' },
  { what: '来访 71 件', fact: 'cases.received.byChannel', params: { channel: 'visit' }, value: 71 },
  { what: '来信 7 件', fact: 'cases.received.byChannel', params: { channel: 'letter' }, value: 7 },
  { what: '维权合议庭立案 5 件', fact: 'cases.tribunalFilings', value: 5 },
  { what: '办结率 100%', fact: 'cases.closureRate', value: 100, text: '100%' },
  { what: '上报省妇联贫困母亲 10 名', fact: 'relief.reported', params: { programme: 'POOR_MOTHER', level: 'province' }, value: 10 },
  { what: '上报市妇联贫困母亲 25 名', fact: 'relief.reported', params: { programme: 'POOR_MOTHER', level: 'city' }, value: 25 },
  {
    what: '家庭年人均收入 668 元',
    fact: 'relief.reported.incomePerCapita',
    params: { programme: 'POOR_MOTHER' },
    value: 66800,
    text: '668元',
  },
  { what: '争取资金 14000 元', fact: 'funds.raised.cash', params: { programme: 'POOR_MOTHER' }, value: 1400000, text: '14000元' },
  { what: '医疗物资价值 5000 元', fact: 'funds.raised.goods', params: { programme: 'POOR_MOTHER' }, value: 500000, text: '5000元' },
  { what: '抗旱补助现金 400 元', fact: 'funds.paid.cash', params: { programme: 'DROUGHT' }, value: 40000, text: '400元' },
  { what: '抗旱化肥价值 500 元', fact: 'funds.paid.goods', params: { programme: 'DROUGHT' }, value: 50000, text: '500元' },
  { what: '春蕾资助贫困学生 5 名', fact: 'sponsorship.students', value: 5 },
  { what: '春蕾发放资助款 1200 元', fact: 'sponsorship.paid', value: 120000, text: '1200元' },
  { what: '技能培训 6 期', fact: 'activities.training.sessions', params: { category: 'skills' }, value: 6 },
  // 二次就业 is the placement module's figure: training outcomes and placements joined, one woman counted once.
  { what: '二次就业 80 名', fact: 'placement.reemployed', value: 80 },
  { what: '其中省级 1 个', fact: 'honours.held', params: { campaign: 'WOMEN_CIVILIZED_POST', level: 'province' }, value: 1 },
  { what: '市级 9 个', fact: 'honours.held', params: { campaign: 'WOMEN_CIVILIZED_POST', level: 'city' }, value: 9 },
  { what: '区级 10 个', fact: 'honours.held', params: { campaign: 'WOMEN_CIVILIZED_POST', level: 'district' }, value: 10 },
  {
    what: '全国巾帼文明示范岗（区妇幼保健院）',
    fact: 'honours.held',
    params: { campaign: 'WOMEN_CIVILIZED_POST', level: 'national' },
    value: 1,
  },
  { what: '推优发展女党员 12 名', fact: 'cadres.recommendations', value: 12 },
  { what: '上挂下派干部 48 名', fact: 'cadres.rotation.total', value: 48 },
  { what: '其中女干部 17 人', fact: 'cadres.rotation.women', value: 17 },
  { what: '占 35.42%', fact: 'cadres.rotation.womenShare', value: 35.42, text: '35.42%' },
  { what: '六一送慰问品 380 件', fact: 'activities.resources.quantity', params: { type: 'childrens_day', category: 'gift' }, value: 380 },
  { what: '慰问品价值 7000 元', fact: 'activities.resources.value', params: { type: 'childrens_day', category: 'gift' }, value: 700000 },
  { what: '为儿童办好事实事 25 件', fact: 'activities.goodDeeds', params: { type: 'childrens_day' }, value: 25 },
  { what: '慰问演出 30 场', fact: 'activities.performances', params: { type: 'childrens_day' }, value: 30 },
  { what: '捐书 280 册', fact: 'activities.resources.quantity', params: { type: 'childrens_day', category: 'book' }, value: 280 },
  { what: '捐书价值 3200 元', fact: 'activities.resources.value', params: { type: 'childrens_day', category: 'book' }, value: 320000 },
  { what: '赠教具 35 件', fact: 'activities.resources.quantity', params: { type: 'childrens_day', category: 'teaching_aid' }, value: 35 },
  {
    what: '教具价值 3000 元',
    fact: 'activities.resources.value',
    params: { type: 'childrens_day', category: 'teaching_aid' },
    value: 300000,
  },
  {
    what: '六一慰问金 13000多元',
    fact: 'activities.resources.value',
    params: { type: 'childrens_day', category: 'cash' },
    value: 1300000,
    below: 1400000,
  },
  { what: '家庭教育培训班 3 期', fact: 'activities.training.sessions', params: { category: 'family_education' }, value: 3 },
  {
    what: '500多名家庭教育工作者、家长参加培训',
    fact: 'activities.training.trainees',
    params: { category: 'family_education' },
    value: 500,
    below: 600,
  },
  { what: '结核病控制培训班 2 期', fact: 'activities.training.sessions', params: { category: 'health' }, value: 2 },
  { what: '培训妇联干部、乡村医生、妇女群众 320 人', fact: 'activities.training.trainees', params: { category: 'health' }, value: 320 },
  { what: '参加乳腺疾病普查妇女 3220 名', fact: 'activities.screened', params: { type: 'health_screening' }, value: 3220 },
  {
    what: '选送一名妇儿工委办干部参加国务院妇儿工委干部培训班',
    fact: 'staffdev.people',
    params: { category: 'wcc_office', level: 'national' },
    value: 1,
  },
];

const matches = (c: Check, f: SummaryFigure) =>
  f.status === 'ok' &&
  f.fact === c.fact &&
  Object.entries(c.params ?? {}).every(([k, v]) => f.params[k]?.toUpperCase() === v.toUpperCase()) &&
  f.value != null &&
  (c.below ? f.value >= c.value && f.value < c.below : f.value === c.value);

describe.each(TEST_DATABASES)('the demo 2026 summary reproduces the reference on %s', (kind) => {
  let t: TestApp;
  let content: SummaryContent;
  let figures: SummaryFigure[];

  beforeAll(async () => {
    t = await buildTestApp(kind, { demo: 'full' });
    const s = await t.login('statistician');
    const res = await s.inject({ method: 'POST', url: '/api/reports/summaries/generate', payload: { year: 2026, org: '510399' } });
    if (res.statusCode !== 200) throw new Error(`generate failed: ${res.statusCode} ${res.body}`);
    content = res.json().content;
    figures = figuresOf(content).map((f) => f.figure);
  }, 300_000);
  afterAll(() => t?.close());

  it('has the reference structure: 一、主要工作 … 四、下一步工作思路和打算', () => {
    expect(content.title).toBe('示例区妇联2026年工作总结');
    expect(content.sections.map((s) => s.heading)).toEqual([
      '一、2026年的主要工作',
      '二、基本经验',
      '三、存在问题及原因',
      '四、下一步工作思路和打算',
    ]);
    expect(content.sections[0].sections.length).toBeGreaterThan(0);
  });

  it('types none of the reference figures into the modules’ paragraphs (they come from facts)', async () => {
    const { blocks } = await loadModuleWork();
    const literal = blocks.flatMap((b) =>
      b.paragraphs.map((p) =>
        parseTemplateText(p)
          .map((s) => (s.t === 'text' ? s.text : ' '))
          .join(''),
      ),
    );
    for (const n of ['78', '71', '14000', '5000', '35.42', '3220', '13000', '668']) {
      expect(
        literal.filter((p) => new RegExp(`(^|[^0-9])${n.replace('.', '\\.')}([^0-9]|$)`).test(p)),
        n,
      ).toEqual([]);
    }
  });

  it.each(CHECKS.map((c) => [c.what, c] as const))('states %s', (_what, c) => {
    const hit = figures.find((f) => matches(c, f));
    expect(
      hit,
      `${c.what}: no figure ${c.fact}${c.params ? JSON.stringify(c.params) : ''} ${c.below ? `…${c.below}` : ` = ${c.value}`} among ${figures.filter((f) => f.status === 'ok').length} computed figures`,
    ).toBeDefined();
    if (c.text) expect(hit!.text.replace(/元$/, '')).toBe(c.text.replace(/元$/, ''));
  });

  // The honours paragraph states the levels (省级1个，市级9个，区级10个, and the national one apart) rather than the
  // reference's total "20个"; no fact counts "every level but national", so the 20 is checked as the levels' sum.
  it('states the 20 巾帼文明示范岗 as 省级 1 + 市级 9 + 区级 10', () => {
    const at = (level: string) =>
      figures.find(
        (f) =>
          f.status === 'ok' &&
          f.fact === 'honours.held' &&
          f.params.level?.toUpperCase() === level &&
          f.params.campaign === 'WOMEN_CIVILIZED_POST',
      )?.value;
    expect([at('PROVINCE'), at('CITY'), at('DISTRICT')]).toEqual([1, 9, 10]);
    expect(at('PROVINCE')! + at('CITY')! + at('DISTRICT')!).toBe(20);
  });

  // Figures that count rows list exactly those rows; sums (participants over events) and means list the rows
  // they add up, so only the row counts are held to "total = value".
  it.each([
    'cases.received',
    'cases.accepted',
    'cases.closed',
    'cases.diverted',
    'cases.tribunalFilings',
    'relief.reported',
    'sponsorship.students',
    'cadres.recommendations',
    'cadres.rotation.total',
    'placement.reemployed',
    'placement.placed',
    'honours.held',
    'org.townships',
    'org.departments',
  ])('lists exactly the %s records it counts', async (name) => {
    const chair = await t.login('chair');
    const f = (await chair.inject({ url: `/api/facts?year=2026&org=510399&f=${name}` })).json().facts[0];
    expect(f.status).toBe('ok');
    const r = (await chair.inject({ url: `/api/facts/${name}/records?year=2026&org=510399&pageSize=1` })).json();
    expect(r.total).toBe(f.value);
  });

  it('says plainly, never with a number, where a line of work records nothing yet', () => {
    for (const f of figures.filter((x) => x.status !== 'ok')) {
      expect(f.value).toBeNull();
      expect(f.text).not.toMatch(/\d/);
    }
  });
});
