import { checkPasswordPolicy } from '@jinguo/domain';
import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './passwords.js';

describe('password hashing (scrypt)', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('Qiu-Ju-Da-Guan-Si-9');
    const b = await hashPassword('Qiu-Ju-Da-Guan-Si-9');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toContain('Qiu-Ju');
    expect(await verifyPassword('Qiu-Ju-Da-Guan-Si-9', a)).toBe(true);
    expect(await verifyPassword('qiu-ju-da-guan-si-9', a)).toBe(false);
    expect(await verifyPassword('Qiu-Ju-Da-Guan-Si-9', 'bcrypt$whatever')).toBe(false);
  });

  it('generates passwords that pass the policy and do not repeat', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const p = generatePassword();
      expect(checkPasswordPolicy(p)).toEqual([]);
      seen.add(p);
    }
    expect(seen.size).toBe(500);
  });
});
