import { z } from 'zod';
import { PERMISSIONS, ROLES } from './permissions.js';

export const loginBodySchema = z.strictObject({
  username: z.string().trim().min(1, { message: '请输入用户名' }).max(64),
  password: z.string().min(1, { message: '请输入密码' }).max(256),
  /** The second factor once the account has one: a 6-digit code from the authenticator app, or a one-time recovery code. */
  totpCode: z.string().trim().max(32, { message: '动态验证码格式不正确' }).optional(),
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
  /** Whether the account has a second factor (TOTP) enrolled. */
  secondFactorEnabled: z.boolean(),
  /** Whether its roles require one (the security settings): then it cannot be turned off. */
  secondFactorRequired: z.boolean(),
  /** Its roles require a second factor and none is enrolled yet: only enrolment (and sign-out) is open until it is. */
  mustEnrolSecondFactor: z.boolean(),
  roles: z.array(roleAssignmentSchema),
  permissions: z.array(z.enum(PERMISSIONS)),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const totpCodeBodySchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: '动态验证码应为6位数字' }),
});

export const disableTotpBodySchema = z.strictObject({
  currentPassword: z.string().min(1, { message: '请输入当前密码' }).max(256),
});

/** Enrolment: the new secret (to type in) and its otpauth:// URI as a QR code (to scan); active only once a code from it is confirmed. */
export const totpSetupSchema = z.object({ secret: z.string(), otpauthUri: z.string(), qrDataUrl: z.string() });

/** One-time recovery codes: shown once, stored only as keyed hashes. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase; bounds the work a single sign-in can ask of the server. */
export const PASSWORD_MAX_LENGTH = 128;
/** A new password may not repeat any of the user's last PASSWORD_HISTORY passwords (the current one included). */
export const PASSWORD_HISTORY = 5;

/** A few of the most common passwords; the server also scores every new password against large dictionaries (zxcvbn). */
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

/**
 * Runs a person types without thinking: the digits and the alphabet in order, and the rows of a keyboard
 * (unshifted and shifted). Five or more neighbours in a row, either way, make a "run".
 */
const RUN_SOURCES = [
  '01234567890',
  'abcdefghijklmnopqrstuvwxyz',
  '`1234567890-=',
  '~!@#$%^&*()_+',
  'qwertyuiop[]\\',
  'qwertyuiop{}|',
  "asdfghjkl;'",
  'asdfghjkl:"',
  'zxcvbnm,./',
  'zxcvbnm<>?',
];
export const MAX_RUN = 4;

/** The longest keyboard, digit or alphabet run in the password (case ignored), e.g. 9 for "Aa1!123456789012". */
export function longestRun(password: string): number {
  const s = password.toLowerCase();
  let longest = s.length ? 1 : 0;
  for (const source of RUN_SOURCES) {
    for (const seq of [source, [...source].reverse().join('')]) {
      let run = 1;
      for (let i = 1; i < s.length; i++) {
        const at = seq.indexOf(s[i - 1]);
        run = at >= 0 && seq[at + 1] === s[i] ? run + 1 : 1;
        if (run > longest) longest = run;
      }
    }
  }
  return longest;
}

/** Who the password belongs to: it must not contain their username, their name or their unit. */
export type PasswordOwner = { username?: string; displayName?: string; orgName?: string; orgCode?: string | null };

/** A name without its parenthesised role, e.g. "王丽华（主席）" → "王丽华". */
const coreName = (name: string) => name.replace(/[（(].*?[）)]/g, '').trim();

/**
 * Password policy (等保 level 3): 12–128 characters, 3 of 4 character classes, not a common password, no
 * keyboard/digit/alphabet run of 5 or more, nothing of the owner's username, name or unit. Returns every reason
 * it fails (empty: acceptable). The server adds a dictionary score (zxcvbn) and the password history.
 */
export function checkPasswordPolicy(password: string, owner: PasswordOwner | string = {}): string[] {
  const who: PasswordOwner = typeof owner === 'string' ? { username: owner } : owner;
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`密码长度至少${PASSWORD_MIN_LENGTH}位`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`密码长度不能超过${PASSWORD_MAX_LENGTH}位`);
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) problems.push('密码须包含大写字母、小写字母、数字、特殊字符中的至少三类');
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password) || /^(0123456789|1234567890|qwertyuiop|asdfghjkl)/.test(lower)) {
    problems.push('密码过于常见，请换一个');
  }
  if (longestRun(password) > MAX_RUN) problems.push('密码不能包含连续的数字、字母或键盘序列（如 12345、abcde、qwert）');
  if (who.username && who.username.length >= 3 && lower.includes(who.username.toLowerCase())) problems.push('密码不能包含用户名');
  const name = who.displayName ? coreName(who.displayName).toLowerCase() : '';
  if (name.length >= 2 && lower.includes(name)) problems.push('密码不能包含姓名');
  const unit = who.orgName ? coreName(who.orgName).toLowerCase() : '';
  if ((unit.length >= 2 && lower.includes(unit)) || (who.orgCode && who.orgCode.length >= 4 && lower.includes(who.orgCode.toLowerCase()))) {
    problems.push('密码不能包含所在单位的名称或代码');
  }
  return problems;
}
