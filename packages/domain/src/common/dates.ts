import { z } from 'zod';
import { isValidDate } from './calendar.js';

export * from './calendar.js';

/** Business dates are calendar dates in Asia/Shanghai, stored as "YYYY-MM-DD". */
export const businessDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' })
  .refine((s) => isValidDate(s), { message: '不是有效日期' });
