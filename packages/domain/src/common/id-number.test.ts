import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkResidentIdNumber } from './id-number.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const withCheck = (first17: string) => first17 + '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0) % 11];

describe('checkResidentIdNumber (GB 11643)', () => {
  it('accepts the standard test vectors with birth date, sex and region', () => {
    expect(checkResidentIdNumber('11010519491231002X')).toEqual({
      ok: true,
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
    });
    expect(checkResidentIdNumber('360426199101010071')).toEqual({
      ok: true,
      birthDate: '1991-01-01',
      gender: 'male',
      regionCode: '360426',
    });
  });

  it('accepts a lower-case x and surrounding spaces', () => {
    expect(checkResidentIdNumber(' 11010519491231002x ').ok).toBe(true);
  });

  it('reads the sex from the parity of the 17th digit: odd male, even female', () => {
    expect(checkResidentIdNumber(withCheck('51030319900308002'))).toMatchObject({ ok: true, gender: 'female' });
    expect(checkResidentIdNumber(withCheck('51030319900308001'))).toMatchObject({ ok: true, gender: 'male' });
  });

  it('rejects a wrong check character', () => {
    expect(checkResidentIdNumber('110105194912310021')).toEqual({ ok: false, reason: '身份证号校验位错误' });
    expect(checkResidentIdNumber('360426199101010072').ok).toBe(false);
  });

  it('rejects an impossible or future birth date even with a correct check character', () => {
    expect(checkResidentIdNumber(withCheck('11010519490231002'))).toEqual({ ok: false, reason: '身份证号中的出生日期无效' });
    expect(checkResidentIdNumber(withCheck('11010518991231002')).ok).toBe(false);
    expect(checkResidentIdNumber(withCheck('11010520300101002'), '2026-11-29').ok).toBe(false);
    expect(checkResidentIdNumber(withCheck('11010520000229002')).ok).toBe(true);
    expect(checkResidentIdNumber(withCheck('11010519000229002')).ok).toBe(false);
  });

  it('rejects the wrong length or characters', () => {
    for (const bad of ['', '11010519491231002', '11010519491231002XX', '1101051949123100AX', '110105194912310X2X']) {
      expect(checkResidentIdNumber(bad)).toEqual({ ok: false, reason: '身份证号应为18位（末位可为X）' });
    }
  });

  it('catches every single-digit typo (MOD 11-2)', () => {
    const date = fc.date({ min: new Date('1930-01-01'), max: new Date('2020-12-31'), noInvalidDate: true });
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-6]\d{5}$/),
        date,
        fc.stringMatching(/^\d{3}$/),
        fc.nat(16),
        fc.integer({ min: 1, max: 9 }),
        (region, d, seq, pos, delta) => {
          const id = withCheck(region + d.toISOString().slice(0, 10).replace(/-/g, '') + seq);
          expect(checkResidentIdNumber(id).ok).toBe(true);
          const typo = id.slice(0, pos) + ((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
          const result = checkResidentIdNumber(typo);
          expect(result.ok).toBe(false);
        },
      ),
    );
  });
});
