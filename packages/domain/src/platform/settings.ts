import { z } from 'zod';

/** Settings an admin may change at run time, with their defaults. */
export const settingsSchema = z.object({
  sessionIdleMinutes: z.number().int().min(5).max(240),
  sessionAbsoluteHours: z.number().int().min(1).max(72),
  loginMaxFailures: z.number().int().min(3).max(20),
  loginLockMinutes: z.number().int().min(5).max(1440),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  loginMaxFailures: 5,
  loginLockMinutes: 30,
};

export const SETTING_LABELS: Record<keyof Settings, string> = {
  sessionIdleMinutes: '会话空闲超时（分钟）',
  sessionAbsoluteHours: '会话绝对超时（小时）',
  loginMaxFailures: '连续登录失败锁定次数',
  loginLockMinutes: '账户锁定时长（分钟）',
};
