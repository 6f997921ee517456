import { describe, expect, it } from 'vitest';
import { maskAddress, maskBankCard, maskIdNumber, maskName, maskPhone } from './masking.js';

describe('display masking', () => {
  it('keeps the region and the last four of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('12345')).toBe('*****');
    expect(maskIdNumber(null)).toBeNull();
  });

  it('masks the middle four of a mobile number and keeps short service numbers', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('138-0013-8000')).toBe('138****8000');
    expect(maskPhone('12338')).toBe('12338');
    expect(maskPhone('075512345678')).toBe('075*******78');
    expect(maskPhone('')).toBeNull();
  });

  it('keeps the family name (and the last character of a long name)', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('王')).toBe('王');
    expect(maskName(undefined)).toBeNull();
  });

  it('keeps only the start of an address', () => {
    expect(maskAddress('四川省自贡市沿滩区牛佛镇大山村3组15号')).toBe('四川省自贡市****');
    expect(maskAddress('大山村')).toBe('大****');
  });

  it('shows only the last four digits of a bank card', () => {
    expect(maskBankCard('6222 0212 3456 7890')).toBe('**** 7890');
  });

  it('never returns the full value of a long input', () => {
    for (const [mask, value] of [
      [maskIdNumber, '360426199101010071'],
      [maskPhone, '13912345678'],
      [maskName, '李小红'],
      [maskAddress, '东城街道春华社区8栋'],
      [maskBankCard, '6217000010012345678'],
    ] as const) {
      expect(mask(value)).not.toBe(value);
    }
  });
});
