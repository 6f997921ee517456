import { describe, expect, it } from 'vitest';
import {
  checkIndicatorValue,
  createIndicatorSchema,
  evaluateIndicator,
  formatIndicatorValue,
  rateValue,
  round4,
  targetText,
  updateIndicatorSchema,
  valueWarnings,
  type IndicatorDirection,
} from './index.js';

const ind = (
  direction: IndicatorDirection,
  target: number | null,
  extra: { tolerance?: number | null; baselineValue?: number | null } = {},
) => ({ direction, target, tolerance: extra.tolerance ?? null, baselineValue: extra.baselineValue ?? null });

describe('evaluateIndicator', () => {
  it.each([
    ['gte', 70, 70, 'met'],
    ['gte', 70, 69.99, 'not_met'],
    ['gt', 70, 70, 'not_met'],
    ['gt', 70, 70.01, 'met'],
    ['lte', 12, 12, 'met'],
    ['lte', 12, 12.01, 'not_met'],
    ['lt', 2, 2, 'not_met'],
    ['lt', 2, 1.99, 'met'],
    ['lt', 2, 0, 'met'],
  ] as const)('%s %d: %d is %s', (direction, target, value, status) => {
    expect(evaluateIndicator(ind(direction, target), value, null)).toBe(status);
  });

  it('"about" is met within the tolerance on either side, inclusive', () => {
    const about = ind('about', 45, { tolerance: 2 });
    expect(evaluateIndicator(about, 43, null)).toBe('met');
    expect(evaluateIndicator(about, 47, null)).toBe('met');
    expect(evaluateIndicator(about, 42.99, null)).toBe('not_met');
    expect(evaluateIndicator(about, 47.01, null)).toBe('not_met');
  });

  it('"about" without a tolerance allows 5% of the target', () => {
    const about = ind('about', 40);
    expect(evaluateIndicator(about, 38, null)).toBe('met');
    expect(evaluateIndicator(about, 42, null)).toBe('met');
    expect(evaluateIndicator(about, 37.9, null)).toBe('not_met');
    expect(evaluateIndicator(about, 42.1, null)).toBe('not_met');
  });

  it('"rising" and "falling" compare with last year, else the baseline, and need one of them', () => {
    expect(evaluateIndicator(ind('rising', null), 5, 4)).toBe('improving');
    expect(evaluateIndicator(ind('rising', null), 4, 4)).toBe('not_improving');
    expect(evaluateIndicator(ind('rising', null), 3, 4)).toBe('not_improving');
    expect(evaluateIndicator(ind('falling', null), 3, 4)).toBe('improving');
    expect(evaluateIndicator(ind('falling', null), 4, 4)).toBe('not_improving');
    expect(evaluateIndicator(ind('rising', null, { baselineValue: 10 }), 11, null)).toBe('improving');
    expect(evaluateIndicator(ind('rising', null, { baselineValue: 10 }), 11, 12)).toBe('not_improving');
    expect(evaluateIndicator(ind('rising', null), 11, null)).toBe('no_target');
  });

  it('no value is 未填报; a numeric direction without a target cannot be judged', () => {
    expect(evaluateIndicator(ind('gte', 70), null, 80)).toBe('no_data');
    expect(evaluateIndicator(ind('gte', null), 80, null)).toBe('no_target');
  });
});

describe('rateValue', () => {
  it('scales by the unit and rounds to 4 decimals', () => {
    expect(rateValue('percent', 1, 3)).toBe(33.3333);
    expect(rateValue('permille', 11, 2480)).toBe(4.4355);
    expect(rateValue('per_1000', 63, 55800)).toBe(1.129);
    expect(rateValue('per_100k', 1, 2480)).toBe(40.3226);
  });
  it('is null for a zero denominator or a plain number', () => {
    expect(rateValue('percent', 0, 0)).toBeNull();
    expect(rateValue('number', 1, 2)).toBeNull();
  });
  it('round4 rounds half away from zero at the 4th decimal', () => {
    expect(round4(1.23455)).toBe(1.2346);
    expect(round4(70)).toBe(70);
  });
});

describe('checkIndicatorValue', () => {
  const rate = { unit: 'percent' as const, breakdowns: ['total', 'female', 'male'] as const };
  const count = { unit: 'number' as const, breakdowns: ['total'] as const };

  it('computes a rate from numerator and denominator', () => {
    expect(checkIndicatorValue(rate, { breakdown: 'total', numerator: 712, denominator: 1000 })).toEqual({ value: 71.2, problems: [] });
    expect(checkIndicatorValue(rate, { breakdown: 'female', numerator: 0, denominator: 5 })).toEqual({ value: 0, problems: [] });
    expect(checkIndicatorValue(rate, { breakdown: 'total', numerator: 5, denominator: 5 })).toEqual({ value: 100, problems: [] });
  });
  it('accepts a rate alone, or all three when they agree', () => {
    expect(checkIndicatorValue(rate, { breakdown: 'total', value: 45.12345 })).toEqual({ value: 45.1235, problems: [] });
    expect(checkIndicatorValue(rate, { breakdown: 'total', numerator: 1, denominator: 3, value: 33.33 })).toEqual({
      value: 33.3333,
      problems: [],
    });
    expect(checkIndicatorValue(rate, { breakdown: 'total', numerator: 1, denominator: 3, value: 34 }).problems).toEqual([
      { field: 'value', message: '数值与分子、分母不符（按分子、分母应为33.3333）' },
    ]);
  });
  it('names the field at fault', () => {
    expect(checkIndicatorValue(rate, { breakdown: 'total', numerator: 1 }).problems).toEqual([
      { field: 'denominator', message: '分子和分母须同时填写' },
    ]);
    expect(checkIndicatorValue(rate, { breakdown: 'total', denominator: 1 }).problems).toEqual([
      { field: 'numerator', message: '分子和分母须同时填写' },
    ]);
    expect(checkIndicatorValue(rate, { breakdown: 'total', numerator: 0, denominator: 0 }).problems).toEqual([
      { field: 'denominator', message: '分母须大于0' },
    ]);
    expect(checkIndicatorValue(rate, { breakdown: 'total', numerator: 6, denominator: 5 }).problems).toEqual([
      { field: 'numerator', message: '分子不能大于分母' },
    ]);
    expect(checkIndicatorValue(rate, { breakdown: 'total' }).problems[0].field).toBe('value');
    expect(checkIndicatorValue(rate, { breakdown: 'urban', value: 1 }).problems).toEqual([
      { field: 'breakdown', message: '该指标不按“城镇”分组填报' },
    ]);
  });
  it('keeps each unit in its range', () => {
    expect(checkIndicatorValue(rate, { breakdown: 'total', value: 100 }).value).toBe(100);
    expect(checkIndicatorValue(rate, { breakdown: 'total', value: 100.01 }).problems).toEqual([
      { field: 'value', message: '数值不能大于100' },
    ]);
    expect(checkIndicatorValue(rate, { breakdown: 'total', value: -0.1 }).problems).toEqual([
      { field: 'value', message: '数值不能为负数' },
    ]);
    const permille = { unit: 'permille' as const, breakdowns: ['total'] as const };
    expect(checkIndicatorValue(permille, { breakdown: 'total', numerator: 3, denominator: 2 }).problems).toEqual([
      { field: 'value', message: '数值不能大于1000' },
    ]);
    expect(checkIndicatorValue(permille, { breakdown: 'total', value: 1000 }).value).toBe(1000);
    const per1000 = { unit: 'per_1000' as const, breakdowns: ['total'] as const };
    expect(checkIndicatorValue(per1000, { breakdown: 'total', value: 1000.5 }).problems[0].field).toBe('value');
    const per100k = { unit: 'per_100k' as const, breakdowns: ['total'] as const };
    expect(checkIndicatorValue(per100k, { breakdown: 'total', numerator: 3, denominator: 2 }).value).toBe(150000);
  });
  it('a number takes a value only', () => {
    expect(checkIndicatorValue(count, { breakdown: 'total', value: 1200 })).toEqual({ value: 1200, problems: [] });
    expect(checkIndicatorValue(count, { breakdown: 'total', numerator: 1, denominator: 2 }).problems).toEqual([
      { field: 'numerator', message: '该指标直接填写数值，不填分子、分母' },
    ]);
    expect(checkIndicatorValue(count, { breakdown: 'total' }).problems).toEqual([{ field: 'value', message: '请填写数值' }]);
    expect(checkIndicatorValue(count, { breakdown: 'total', value: -1 }).problems).toEqual([{ field: 'value', message: '数值不能为负数' }]);
  });
});

describe('valueWarnings', () => {
  it('warns beyond the threshold, not at it', () => {
    expect(valueWarnings(120, 100, 20)).toEqual([]);
    expect(valueWarnings(80, 100, 20)).toEqual([]);
    expect(valueWarnings(120.1, 100, 20)).toEqual(['与上年（100）相比上升20.1%，超过20%，请说明原因']);
    expect(valueWarnings(60, 90, 20)).toEqual(['与上年（90）相比下降33.3%，超过20%，请说明原因']);
  });
  it('has nothing to compare without last year; a change from 0 always needs a word', () => {
    expect(valueWarnings(50, null, 20)).toEqual([]);
    expect(valueWarnings(0, 0, 20)).toEqual([]);
    expect(valueWarnings(40.3, 0, 50)).toEqual(['上年数值为0，本年为40.3，请说明']);
    // Stored values carry 4 decimals; the message shows 2, as the tables do.
    expect(valueWarnings(40, 56.7966, 20)).toEqual(['与上年（56.8）相比下降29.6%，超过20%，请说明原因']);
  });
});

describe('targetText and formatIndicatorValue', () => {
  it('write the target as the plans do', () => {
    expect(targetText({ direction: 'gte', target: 70, unit: 'percent', unitLabel: null })).toBe('≥ 70%');
    expect(targetText({ direction: 'lt', target: 2, unit: 'percent', unitLabel: null })).toBe('< 2%');
    expect(targetText({ direction: 'about', target: 45, unit: 'percent', unitLabel: null })).toBe('45%左右');
    expect(targetText({ direction: 'lte', target: 12, unit: 'per_100k', unitLabel: null })).toBe('≤ 12/10万');
    expect(targetText({ direction: 'gte', target: 1.12, unit: 'per_1000', unitLabel: null })).toBe('≥ 每千人1.12');
    expect(targetText({ direction: 'rising', target: null, unit: 'number', unitLabel: '人' })).toBe('逐步提高');
  });
  it('formats a value with its unit', () => {
    expect(formatIndicatorValue(71.2, { unit: 'percent', unitLabel: null })).toBe('71.2%');
    expect(formatIndicatorValue(4.4355, { unit: 'permille', unitLabel: null })).toBe('4.44‰');
    expect(formatIndicatorValue(13420, { unit: 'number', unitLabel: '人' })).toBe('13,420人');
    expect(formatIndicatorValue(null, { unit: 'percent', unitLabel: null })).toBe('—');
  });
});

describe('indicator schemas', () => {
  const base = {
    ownerOrgId: '01890000-0000-7000-8000-000000000001',
    code: 'W1.02',
    area: 'W_HEALTH',
    name: '筛查率',
    unit: 'percent',
    direction: 'gte',
    target: 70,
    responsibleOrgId: '01890000-0000-7000-8000-000000000002',
  };
  it('fill the defaults', () => {
    expect(createIndicatorSchema.parse(base)).toMatchObject({
      targetYear: 2030,
      breakdowns: ['total'],
      reviewThresholdPercent: 20,
      targetVerified: false,
    });
  });
  it('refuse a numeric direction without a target, a number without its unit label, breakdowns without 合计', () => {
    const paths = (input: unknown) => (createIndicatorSchema.safeParse(input).error?.issues ?? []).map((i) => i.path.join('.'));
    expect(paths({ ...base, target: null })).toEqual(['target']);
    expect(paths({ ...base, unit: 'number' })).toEqual(['unitLabel']);
    expect(paths({ ...base, breakdowns: ['female', 'male'] })).toEqual(['breakdowns']);
    expect(paths({ ...base, direction: 'rising', target: null })).toEqual([]);
    expect(paths({ ...base, extra: 1 })).toEqual(['']);
  });
  it('an update cannot change the owner or the code', () => {
    expect(updateIndicatorSchema.safeParse({ code: 'X' }).success).toBe(false);
    expect(updateIndicatorSchema.safeParse({ name: '新名称', active: false }).success).toBe(true);
  });
});
