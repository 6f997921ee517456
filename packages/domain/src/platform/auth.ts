import { z } from 'zod';
import { PERMISSIONS, ROLES } from './permissions.js';

export const loginBodySchema = z.strictObject({
  username: z.string().trim().min(1, { message: '请输入用户名' }).max(64),
  password: z.string().min(1, { message: '请输入密码' }).max(256),
});

export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1, { message: '请输入当前密码' }).max(256),
  newPassword: z.string().min(1, { message: '请输入新密码' }).max(256),
});

export const roleAssignmentSchema = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
});

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
  roles: z.array(roleAssignmentSchema),
  permissions: z.array(z.enum(PERMISSIONS)),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meSchema>;

/** A few of the most common passwords; the policy also rejects obvious keyboard and repetition patterns. */
const COMMON_PASSWORDS = new Set(
  [
    'password',
    'password123',
    'password1234',
    'passw0rd',
    'p@ssw0rd',
    'p@ssword123',
    'qwerty',
    'qwerty123',
    'qwertyuiop',
    '123456',
    '12345678',
    '123456789',
    '1234567890',
    '123456789012',
    'abc123',
    'abcd1234',
    'abc123456789',
    'admin',
    'admin123',
    'admin@123',
    'admin123456',
    'administrator',
    'welcome',
    'welcome123',
    'iloveyou',
    'letmein',
    '1q2w3e4r',
    '1qaz2wsx',
    '1qaz2wsx3edc',
    'zaq12wsx',
    'woaini',
    'woaini1314',
    'woaini520',
    '5201314',
    'qwe123',
    'qwe123456',
    'aa123456',
    'a123456',
    'a123456789',
    'root',
    'root123',
    'test',
    'test123',
    'changeme',
    'p@ssw0rd123',
    'Aa123456',
    'Aa123456789',
    'Admin@123456',
    'Qwer1234!@#$',
    'P@ssw0rd1234',
    'Password@123',
    'Abcd@1234567',
    'Jinguo@123456',
  ].map((p) => p.toLowerCase()),
);

/** Password policy (等保 level 3): at least 12 characters, 3 of 4 character classes, not a common password. Returns the reasons it fails. */
export function checkPasswordPolicy(password: string, username?: string): string[] {
  const problems: string[] = [];
  if (password.length < 12) problems.push('密码长度至少12位');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) problems.push('密码须包含大写字母、小写字母、数字、特殊字符中的至少三类');
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password) || /^(0123456789|1234567890|qwertyuiop|asdfghjkl)/.test(lower)) {
    problems.push('密码过于常见，请换一个');
  }
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) problems.push('密码不能包含用户名');
  return problems;
}
