import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from '../platform/auth.js';

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

  it('lists every reason at once', () => {
    expect(checkPasswordPolicy('abc')).toHaveLength(2);
  });
});
