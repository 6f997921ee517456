import { z } from 'zod';

/** UUID (any version; Jinguo generates v7). Ids are strings everywhere. */
export const idSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: '编号格式不正确' });

export const idParamsSchema = z.object({ id: idSchema });
