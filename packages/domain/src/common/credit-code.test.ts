import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidCreditCode } from './credit-code.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const withCheck = (first17: string) =>
  first17 + ALPHABET[(31 - ([...first17].reduce((s, c, i) => s + ALPHABET.indexOf(c) * WEIGHTS[i], 0) % 31)) % 31];

describe('isValidCreditCode (GB 32100-2015)', () => {
  it('accepts the standard test vector, in either case', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode(' 91350100m000100y43 ')).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4A')).toBe(false);
  });

  it('rejects the letters the standard leaves out (I, O, S, V, Z) and the wrong length', () => {
    for (const bad of ['91350100M000100I43', '91350100O000100Y43', 'S1350100M000100Y43', '91350100M000100Y4', '91350100M000100Y433', '']) {
      expect(isValidCreditCode(bad), bad).toBe(false);
    }
  });

  it('requires six region digits after the two leading characters', () => {
    expect(isValidCreditCode(withCheck('91A50100M000100Y4'))).toBe(false);
    expect(isValidCreditCode(withCheck('91350100M000100Y4'))).toBe(true);
  });

  it('accepts every code built with the mod-31 check and rejects any single changed character', () => {
    const ch = fc.constantFrom(...ALPHABET);
    fc.assert(
      fc.property(
        fc.array(ch, { minLength: 2, maxLength: 2 }),
        fc.stringMatching(/^\d{6}$/),
        fc.array(ch, { minLength: 9, maxLength: 9 }),
        fc.nat(16),
        fc.integer({ min: 1, max: 30 }),
        (head, region, entity, pos, delta) => {
          const code = withCheck(head.join('') + region + entity.join(''));
          expect(isValidCreditCode(code)).toBe(true);
          const changed = code.slice(0, pos) + ALPHABET[(ALPHABET.indexOf(code[pos]) + delta) % 31] + code.slice(pos + 1);
          if (/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}/.test(changed)) expect(isValidCreditCode(changed)).toBe(false);
        },
      ),
    );
  });
});
