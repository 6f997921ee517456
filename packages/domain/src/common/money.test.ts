import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToChineseUppercase, formatFen, formatYuanWhole, parseYuanToFen } from './money.js';

describe('parseYuanToFen', () => {
  it('reads what people type as yuan into integer fen', () => {
    expect(parseYuanToFen('1,200.50')).toBe(120050);
    expect(parseYuanToFen('1200.5')).toBe(120050);
    expect(parseYuanToFen('1200')).toBe(120000);
    expect(parseYuanToFen('¥12')).toBe(1200);
    expect(parseYuanToFen('￥1，000元')).toBe(100000);
    expect(parseYuanToFen(' 0.07 ')).toBe(7);
    expect(parseYuanToFen('-3.5')).toBe(-350);
  });

  it('never drifts like floating point (0.1 + 0.2, 19.99 × 100)', () => {
    expect(parseYuanToFen('0.29')).toBe(29);
    expect(parseYuanToFen('19.99')).toBe(1999);
    expect(parseYuanToFen('1.15')).toBe(115);
  });

  it('rejects more than two decimals and anything that is not an amount', () => {
    for (const bad of ['1.234', '1.', '.5', 'abc', '', '1e3', '12,34.5.6', '--1', '1,2.3.4', '99999999999999999999'])
      expect(parseYuanToFen(bad), bad).toBeNull();
  });

  it('reads back every amount it formats', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (fen) => {
        expect(parseYuanToFen(formatFen(fen))).toBe(fen);
      }),
    );
  });
});

describe('formatFen and formatYuanWhole', () => {
  it('formats with thousands separators and two decimals', () => {
    expect(formatFen(123456)).toBe('1,234.56');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(-120050)).toBe('-1,200.50');
    expect(formatYuanWhole(1400000)).toBe('14000');
    expect(formatYuanWhole(1400050)).toBe('14000.50');
  });
});

describe('fenToChineseUppercase (大写金额)', () => {
  it.each([
    [0, '零元整'],
    [1, '壹分'],
    [10, '壹角'],
    [100, '壹元整'],
    [105, '壹元零伍分'],
    [120050, '壹仟贰佰元伍角'],
    [123450, '壹仟贰佰叁拾肆元伍角'],
    [123456, '壹仟贰佰叁拾肆元伍角陆分'],
    [1000000, '壹万元整'],
    [1001000, '壹万零壹拾元整'],
    [100000100, '壹佰万零壹元整'],
    [1000000000, '壹仟万元整'],
    [10000000000, '壹亿元整'],
    [10001000000, '壹亿零壹万元整'],
    [1234567890, '壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角'],
  ])('%i fen → %s', (fen, text) => {
    expect(fenToChineseUppercase(fen)).toBe(text);
  });

  it('refuses negative or fractional fen', () => {
    expect(() => fenToChineseUppercase(-1)).toThrow(RangeError);
    expect(() => fenToChineseUppercase(1.5)).toThrow(RangeError);
  });

  it('always ends in 整 or a 角/分 figure and uses only the uppercase numerals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e14 }), (fen) => {
        const text = fenToChineseUppercase(fen);
        expect(text).toMatch(/^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/);
        expect(text).toMatch(fen % 100 === 0 ? /整$/ : /[角分]$/);
        expect(text).not.toMatch(/零零/);
      }),
    );
  });
});
