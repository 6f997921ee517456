import { describe, expect, it } from 'vitest';
import {
  chineseOrdinal,
  factRefKey,
  formatFactValue,
  parseFactRef,
  parseTemplateText,
  REPORT_FORBIDDEN_TEXT,
  REPORT_MISSING_TEXT,
  segmentsText,
} from '@jinguo/domain';
import type { FactOutcome } from '../src/modules/reports/facts.engine.js';
import { intersectScope, monthPeriod } from '../src/modules/reports/facts.engine.js';
import {
  builtinTemplate,
  expandTemplate,
  PENDING_TEXT,
  renderSummary,
  renderText,
  templateRefs,
  type RenderContext,
} from '../src/modules/reports/summary.generator.js';

function outcome(
  name: string,
  kind: 'count' | 'money' | 'rate' | 'breakdown',
  value: number | null,
  status: 'ok' | 'forbidden' = 'ok',
  params: Record<string, string> = {},
): [string, FactOutcome] {
  const text = status === 'ok' ? formatFactValue(kind, value) : REPORT_FORBIDDEN_TEXT;
  return [
    factRefKey(name, params),
    {
      def: {} as never,
      raw: null,
      out: {
        name,
        ref: factRefKey(name, params),
        params,
        module: name.split('.')[0],
        label: { zh: name, en: name },
        unit: '',
        kind,
        definition: '',
        permission: 'cases.read',
        status,
        value: status === 'ok' ? value : null,
        text,
      },
    },
  ];
}

function ctx(entries: [string, FactOutcome][]): RenderContext {
  let n = 0;
  return { year: 2026, orgName: '示例区妇联', orgLevel: 'DISTRICT', date: '2026-12-31', figures: new Map(entries), newId: () => `b${++n}` };
}

describe('placeholders', () => {
  it('parses names and parameters, and canonicalises their order', () => {
    expect(parseFactRef('relief.reported?programme=POOR_MOTHER&level=province')).toEqual({
      name: 'relief.reported',
      params: { programme: 'POOR_MOTHER', level: 'province' },
    });
    expect(factRefKey('relief.reported', { programme: 'POOR_MOTHER', level: 'province' })).toBe(
      'relief.reported?level=province&programme=POOR_MOTHER',
    );
    for (const bad of ['cases', 'Cases.received', 'cases.received?channel', 'cases.received?=x', 'cases.received?a b=c', ''])
      expect(parseFactRef(bad), bad).toBeNull();
  });

  it('splits text into words, facts and variables; malformed braces stay visible as text', () => {
    expect(parseTemplateText('共{cases.received}件（{year}年）{not a ref}{x}')).toEqual([
      { t: 'text', text: '共' },
      { t: 'fact', ref: { name: 'cases.received', params: {} }, raw: '{cases.received}' },
      { t: 'text', text: '件（' },
      { t: 'var', name: 'year', raw: '{year}' },
      { t: 'text', text: '年）{not a ref}{x}' },
    ]);
  });
});

describe('how figures are written', () => {
  it('writes counts, money, rates and nothing-to-divide-by', () => {
    expect(formatFactValue('count', 78)).toBe('78');
    expect(formatFactValue('money', 1400000)).toBe('14000元');
    expect(formatFactValue('money', 123450)).toBe('1,234.50元');
    expect(formatFactValue('money', 0)).toBe('0元');
    expect(formatFactValue('rate', 35.42)).toBe('35.42%');
    expect(formatFactValue('rate', 35.4)).toBe('35.40%');
    expect(formatFactValue('rate', 100)).toBe('100%');
    expect(formatFactValue('rate', null)).toBe('—');
    expect(formatFactValue('count', Number.NaN)).toBe('—');
  });

  it('prints a unit once, keeps 余/多 before it, and drops a measure word after a figure that cannot be stated', () => {
    const c = ctx([
      outcome('funds.raised.cash', 'money', 1400000),
      outcome('activities.value', 'money', 700000),
      outcome('cadres.share', 'rate', 35.42),
      outcome('cases.secret', 'count', 3, 'forbidden'),
    ]);
    expect(segmentsText(renderText('争取到资金{funds.raised.cash}元，', c))).toBe('争取到资金14000元，');
    expect(segmentsText(renderText('价值{activities.value}余元', c))).toBe('价值7000余元');
    expect(segmentsText(renderText('占{cadres.share}%。', c))).toBe('占35.42%。');
    expect(segmentsText(renderText('共{cases.secret}件，另有{nothere.x}名', c))).toBe(
      `共${REPORT_FORBIDDEN_TEXT}，另有${REPORT_MISSING_TEXT}`,
    );
    // The summary names its own area and leadership by its level: a city, a county, a township, a 乡, a street.
    const words = (orgLevel: string, orgName: string) =>
      segmentsText(renderText('在{leaders}的领导下，全{area}', { ...ctx([]), orgLevel, orgName }));
    expect(words('DISTRICT', '示例区妇联')).toBe('在区委、区政府的领导下，全区');
    expect(words('CITY', '示例市妇联')).toBe('在市委、市政府的领导下，全市');
    expect(words('DISTRICT', '荣县妇联')).toBe('在县委、县政府的领导下，全县');
    expect(words('TOWNSHIP', '牛佛镇妇联')).toBe('在镇党委、镇政府的领导下，全镇');
    expect(words('TOWNSHIP', '永安乡妇联')).toBe('在乡党委、乡政府的领导下，全乡');
    expect(words('SUBDISTRICT', '东城街道妇联')).toBe('在街道党工委、街道办事处的领导下，全街道');
    // A mean or rate with nothing to divide by reads "—", and its unit goes with it (not "机构平均—天").
    const none = ctx([outcome('cases.referrals.meanDaysToAnswer', 'count', null)]);
    expect(segmentsText(renderText('机构平均{cases.referrals.meanDaysToAnswer}天作出答复。', none))).toBe('机构平均—作出答复。');
    const segs = renderText('另有{nothere.x}名', c);
    expect(segs[1]).toMatchObject({ t: 'fig', figure: { fact: 'nothere.x', status: 'missing', value: null, kind: null } });
  });

  it('numbers headings 一、 and （一）, fills variables and signs with the organ and date', () => {
    const body = expandTemplate(
      builtinTemplate(),
      [
        { module: 'cases', order: 30, heading: '维护妇女儿童合法权益', paragraphs: ['共{cases.received}件。'] },
        { module: 'relief', order: 10, heading: '救助', paragraphs: ['{relief.reported}名'] },
      ],
      ['activities', 'reports'],
    );
    const content = renderSummary(body, ctx([outcome('cases.received', 'count', 78)]));
    expect(content.title).toBe('示例区妇联2026年工作总结');
    expect(content.sections.map((s) => s.heading)).toEqual([
      '一、2026年的主要工作',
      '二、基本经验',
      '三、存在问题及原因',
      '四、下一步工作思路和打算',
    ]);
    // Ordered by `order`; a line of work with nothing yet says so; reports itself is no line of work.
    expect(content.sections[0].sections.map((s) => s.heading)).toEqual([
      '（一）救助',
      '（二）维护妇女儿童合法权益',
      '（三）宣传教育和主题活动',
    ]);
    const third = content.sections[0].sections[2].blocks[0];
    expect(third.type === 'paragraph' && segmentsText(third.segments)).toBe(PENDING_TEXT);
    const second = content.sections[0].sections[1].blocks[0];
    expect(second.type === 'paragraph' && segmentsText(second.segments)).toBe('共78件。');
    expect(content.signature).toEqual({ organ: '示例区妇联', date: '2026年12月31日' });
    expect(templateRefs(body).map((r) => r.name)).toContain('cases.received');
    expect(chineseOrdinal(12)).toBe('十二');
    expect(chineseOrdinal(20)).toBe('二十');
  });

  it('joins blocks of several modules with the same heading into one sub-section, in (order, module) order', () => {
    const body = expandTemplate(
      builtinTemplate(),
      [
        { module: 'placement', order: 20, heading: '强化服务，推动妇女创业就业', paragraphs: ['介绍就业{placement.placed}人。'] },
        { module: 'relief', order: 20, heading: '贫困母亲救助行动', paragraphs: ['救助。'] },
        { module: 'activities', order: 20, heading: '强化服务，推动妇女创业就业', paragraphs: ['培训{activities.x}期。'] },
        { module: 'staffdev', order: 10, heading: '强化宣传教育', paragraphs: ['选送。'] },
      ],
      [],
    );
    const sub = body.sections[0].sections!;
    expect(sub.map((s) => s.heading)).toEqual(['强化宣传教育', '强化服务，推动妇女创业就业', '贫困母亲救助行动']);
    expect(sub[1].blocks.map((b) => (b.type === 'paragraph' ? b.text : ''))).toEqual([
      '培训{activities.x}期。',
      '介绍就业{placement.placed}人。',
    ]);
  });
});

describe('scope and period', () => {
  const scope = (paths: string[]) => ({ permission: 'cases.read' as const, paths });
  it('narrows a caller’s scope to a unit’s subtree', () => {
    expect(intersectScope(scope(['/d/']), '/d/t/').paths).toEqual(['/d/t/']);
    expect(intersectScope(scope(['/d/t/']), '/d/').paths).toEqual(['/d/t/']);
    expect(intersectScope(scope(['/d/t/', '/d/s/']), '/d/').paths).toEqual(['/d/s/', '/d/t/']);
    expect(intersectScope(scope(['/d/t/']), '/d/s/').paths).toEqual([]);
  });

  it('gives months their last day', () => {
    expect(monthPeriod(2026, 2)).toEqual({ year: 2026, from: '2026-02-01', to: '2026-02-28' });
    expect(monthPeriod(2028, 2).to).toBe('2028-02-29');
    expect(monthPeriod(2026, 12).to).toBe('2026-12-31');
  });
});
