import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '@jinguo/domain';
import type { Db } from '../db/database.js';
import { requireActor } from './http.js';
import { getJobForActor } from './jobs.js';

export const jobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  progress: z.number(),
  total: z.number(),
  message: z.string().nullable(),
  result: z.unknown(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** GET /api/jobs/:id — the progress of a long job, for the user who started it only. */
export function registerJobRoutes(app: FastifyInstance, { db }: { db: Db }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/jobs/:id', { schema: { tags: ['platform'], params: idParamsSchema, response: { 200: jobSchema } } }, (req) =>
    getJobForActor(db, requireActor(req), req.params.id),
  );
}
