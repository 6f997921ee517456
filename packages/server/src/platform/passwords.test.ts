import { checkPasswordPolicy } from '@jinguo/domain';
import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy.js';
import { generatePassword, hashPassword, needsRehash, verifyPassword } from './passwords.js';

describe('password hashing (scrypt)', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('Qiu-Ju-Da-Guan-Si-9');
    const b = await hashPassword('Qiu-Ju-Da-Guan-Si-9');
    expect(a).not.toBe(b);
    // N = 2^17 (was 16384 before the Trust work): OWASP's first scrypt choice.
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(needsRehash(a)).toBe(false);
    expect(needsRehash('scrypt$16384$8$1$c2FsdA==$aGFzaA==')).toBe(true);
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
    // The dictionary score too (the server's full policy), on a sample.
    for (const p of [...seen].slice(0, 50)) expect(passwordProblems(p, { username: 'sysadmin' })).toEqual([]);
  });

  it('scores passwords against dictionaries: common words with digits fail, passphrases pass', () => {
    expect(passwordProblems('Password123!', {})).toEqual([
      '密码容易被猜中（常见单词、姓名、日期或其简单变形），请换一个更长、更随机的密码',
    ]);
    expect(passwordProblems('P@ssw0rd!2026', {})).toHaveLength(1);
    // The owner's details count as guessable words.
    expect(passwordProblems('Wanglihua@26', {})).toEqual([]);
    expect(passwordProblems('Wanglihua@26', { displayName: 'wanglihua' })).toHaveLength(2);
    expect(passwordProblems('Qiu-Ju-Da-Guan-Si-9', {})).toEqual([]);
    expect(
      passwordProblems('Strong-Pass-2026-xy', { username: 'rights', displayName: '李敏', orgName: '示例区妇联', orgCode: '510399' }),
    ).toEqual([]);
  });
});
