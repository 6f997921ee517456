import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  approvalDetailSchema,
  approvalListItemSchema,
  approvalListQuerySchema,
  approvalSettingsBodySchema,
  approvalSettingsQuerySchema,
  approvalSettingsSchema,
  decideApprovalSchema,
  deputyBodySchema,
  deputyListSchema,
  idParamsSchema,
  inboxCountSchema,
  inboxQuerySchema,
  inboxSchema,
  pageOf,
  resubmitApprovalSchema,
  withdrawApprovalSchema,
} from '@jinguo/domain';
import { requireActor } from '../../platform/http.js';
import type { ApprovalsService } from './approvals.service.js';

/** /api/approvals (requests, decisions, step settings, 代理) and /api/inbox (我的待办). */
export function registerApprovalsRoutes(app: FastifyInstance, { approvals }: { approvals: ApprovalsService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['approvals'];

  r.get('/api/inbox', { schema: { tags, querystring: inboxQuerySchema, response: { 200: inboxSchema } } }, (req) =>
    approvals.inbox(requireActor(req), req.query.source),
  );
  r.get('/api/inbox/count', { schema: { tags, response: { 200: inboxCountSchema } } }, (req) => approvals.inboxCount(requireActor(req)));

  r.get(
    '/api/approvals',
    { schema: { tags, querystring: approvalListQuerySchema, response: { 200: pageOf(approvalListItemSchema) } } },
    (req) => approvals.list(requireActor(req), req.query),
  );
  r.get(
    '/api/approvals/settings',
    { schema: { tags, querystring: approvalSettingsQuerySchema, response: { 200: approvalSettingsSchema } } },
    (req) => approvals.settings(requireActor(req), req.query.orgUnitId),
  );
  r.put(
    '/api/approvals/settings',
    { schema: { tags, body: approvalSettingsBodySchema, response: { 200: approvalSettingsSchema } } },
    (req) => approvals.configure(requireActor(req), req.body),
  );
  r.get('/api/approvals/deputies', { schema: { tags, response: { 200: deputyListSchema } } }, (req) =>
    approvals.deputies(requireActor(req)),
  );
  r.post(
    '/api/approvals/deputies',
    { schema: { tags, body: deputyBodySchema, response: { 201: deputyListSchema } } },
    async (req, reply) => {
      const out = await approvals.nameDeputy(requireActor(req), req.body);
      reply.status(201);
      return out;
    },
  );
  r.post('/api/approvals/deputies/:id/revoke', { schema: { tags, params: idParamsSchema, response: { 200: deputyListSchema } } }, (req) =>
    approvals.revokeDeputy(requireActor(req), req.params.id),
  );
  r.get('/api/approvals/:id', { schema: { tags, params: idParamsSchema, response: { 200: approvalDetailSchema } } }, (req) =>
    approvals.get(requireActor(req), req.params.id),
  );
  r.post(
    '/api/approvals/:id/decide',
    { schema: { tags, params: idParamsSchema, body: decideApprovalSchema, response: { 200: approvalDetailSchema } } },
    (req) => approvals.decide(requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/approvals/:id/resubmit',
    { schema: { tags, params: idParamsSchema, body: resubmitApprovalSchema, response: { 200: approvalDetailSchema } } },
    (req) => approvals.resubmit(requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/approvals/:id/withdraw',
    { schema: { tags, params: idParamsSchema, body: withdrawApprovalSchema, response: { 200: approvalDetailSchema } } },
    (req) => approvals.withdraw(requireActor(req), req.params.id, req.body ?? {}),
  );
}
