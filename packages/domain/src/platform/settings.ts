import { z } from 'zod';
import { ROLES, SECURITY_ROLES, type Role } from './permissions.js';

/** Roles whose holders must sign in with a second factor (TOTP). The 三员 always (等保 level 3: administrators need two factors). */
export const secondFactorRolesSchema = z
  .array(z.enum(ROLES))
  .max(ROLES.length)
  .refine((roles) => SECURITY_ROLES.every((r) => roles.includes(r)), {
    message: '三员（系统管理员、安全管理员、安全审计员）必须启用双因素认证',
  });

/** Settings an admin may change at run time, with their defaults. */
export const settingsSchema = z.object({
  sessionIdleMinutes: z.number().int().min(5).max(240),
  sessionAbsoluteHours: z.number().int().min(1).max(72),
  loginMaxFailures: z.number().int().min(3).max(20),
  loginLockMinutes: z.number().int().min(5).max(1440),
  secondFactorRoles: secondFactorRolesSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  loginMaxFailures: 5,
  loginLockMinutes: 30,
  // A new installation: the 三员 and the chairs, who see the most (the demo relaxes the chairs, and says so).
  secondFactorRoles: ['system_admin', 'security_admin', 'auditor', 'federation_leader', 'township_chair'],
};

/** True when any of the roles requires a second factor under the settings. */
export function requiresSecondFactor(settings: Pick<Settings, 'secondFactorRoles'>, roles: readonly Role[]): boolean {
  return roles.some((r) => settings.secondFactorRoles.includes(r));
}

export const SETTING_LABELS: Record<keyof Settings, string> = {
  sessionIdleMinutes: '会话空闲超时（分钟）',
  sessionAbsoluteHours: '会话绝对超时（小时）',
  loginMaxFailures: '连续登录失败锁定次数',
  loginLockMinutes: '账户锁定时长（分钟）',
  secondFactorRoles: '须使用双因素认证（动态验证码）的角色',
};

/** GET/PUT /api/settings: the values with the label of each. */
export const settingsOutSchema = z.object({ values: settingsSchema, labels: z.record(z.string(), z.string()) });
export type SettingsOut = z.infer<typeof settingsOutSchema>;
