import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, longestRun } from '../platform/auth.js';

describe('password policy (等保 level 3)', () => {
  it('accepts a long password with three classes of characters', () => {
    expect(checkPasswordPolicy('Qiu-Ju-Da-Guan-Si-9')).toEqual([]);
    expect(checkPasswordPolicy('mountain-river-42')).toEqual([]);
    expect(checkPasswordPolicy('ZhaoXiuYing2026')).toEqual([]);
  });

  it('needs at least 12 characters', () => {
    expect(checkPasswordPolicy('Short-Pw-1')).toContain('密码长度至少12位');
  });

  it('needs 3 of the 4 character classes', () => {
    expect(checkPasswordPolicy('alllowercaseletters')).toContain('密码须包含大写字母、小写字母、数字、特殊字符中的至少三类');
    expect(checkPasswordPolicy('lowercase1234567')).toContain('密码须包含大写字母、小写字母、数字、特殊字符中的至少三类');
  });

  it('rejects common passwords and obvious patterns whatever their case', () => {
    expect(checkPasswordPolicy('Password@123')).toContain('密码过于常见，请换一个');
    expect(checkPasswordPolicy('pASSWORD@123')).toContain('密码过于常见，请换一个');
    expect(checkPasswordPolicy('Jinguo@123456')).toContain('密码过于常见，请换一个');
    expect(checkPasswordPolicy('1234567890Ab!')).toContain('密码过于常见，请换一个');
  });

  it('rejects a password containing the username', () => {
    expect(checkPasswordPolicy('Niufo-Chair-2026', 'niufo')).toContain('密码不能包含用户名');
    expect(checkPasswordPolicy('Niufo-Chair-2026', 'rights')).toEqual([]);
  });

  it('refuses more than 128 characters (a 200-character password was accepted before)', () => {
    const long = `Aa1!${'x9Q$'.repeat(49)}`;
    expect(long).toHaveLength(200);
    expect(checkPasswordPolicy(long)).toEqual(['密码长度不能超过128位']);
    expect(checkPasswordPolicy(`Aa1!${'x9Q$'.repeat(31)}`)).toEqual([]);
  });

  it('refuses digit, alphabet and keyboard runs of 5 or more, either way and in any case', () => {
    const run = '密码不能包含连续的数字、字母或键盘序列（如 12345、abcde、qwert）';
    expect(longestRun('Aa1!123456789012')).toBe(12);
    for (const p of [
      'Aa1!123456789012',
      'Tea-Hills-98765x',
      'Tea-Hills-ABCDEx',
      'Zz9#QWERTyuiop',
      'Tea-Hills-!@#$%x',
      'Tea-Hills-lkjhgX1',
      'Tea-7890-1Hills',
    ])
      expect(checkPasswordPolicy(p), p).toContain(run);
    // Four is not a run; a year is not a run.
    for (const p of ['Tea-Hills-1234x', 'Jinguo-Demo-2026', 'Strong-Pass-2026-xy']) expect(checkPasswordPolicy(p), p).toEqual([]);
  });

  it("refuses the owner's name and unit as well as the username", () => {
    const owner = { username: 'niufo', displayName: '赵秀英（牛佛镇妇联主席）', orgName: '牛佛镇', orgCode: '510399100' };
    expect(checkPasswordPolicy('赵秀英-Tea-Hills-7', owner)).toEqual(['密码不能包含姓名']);
    expect(checkPasswordPolicy('牛佛镇-Tea-Hills-7', owner)).toEqual(['密码不能包含所在单位的名称或代码']);
    expect(checkPasswordPolicy('Tea-Hills-510399100', owner)).toContain('密码不能包含所在单位的名称或代码');
    expect(checkPasswordPolicy('Tea-Hills-Spring-7', owner)).toEqual([]);
  });

  it('lists every reason at once', () => {
    expect(checkPasswordPolicy('abc')).toHaveLength(2);
  });
});
