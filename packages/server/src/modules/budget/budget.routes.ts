import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approveBudgetLineSchema,
  budgetLineDetailSchema,
  budgetLineListQuerySchema,
  budgetLineSchema,
  budgetRequestQuerySchema,
  budgetYearSchema,
  cancelCommitmentSchema,
  createBudgetLineSchema,
  createCommitmentSchema,
  executionSchema,
  idParamsSchema,
  idSchema,
  linkSpendingSchema,
  pageOf,
  requestBudgetLineSchema,
  spendingCandidateSchema,
  updateBudgetLineSchema,
} from '@jinguo/domain';
import { requireActor } from '../../platform/http.js';
import { FILE_UPLOAD } from '../../platform/input.js';
import type { BudgetService } from './budget.service.js';
import type { SpendingService } from './spending.service.js';

const jobStarted = z.object({ jobId: z.string() });

export function registerBudgetRoutes(
  app: FastifyInstance,
  { budget, spending }: { budget: BudgetService; spending: SpendingService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['budget'];
  const base = '/api/budget';
  const lineParams = idParamsSchema;

  r.get(`${base}/lines`, { schema: { tags, querystring: budgetLineListQuerySchema, response: { 200: pageOf(budgetLineSchema) } } }, (req) =>
    budget.listLines(requireActor(req), req.query),
  );
  r.get(
    `${base}/lines/export`,
    { schema: { tags, querystring: budgetLineListQuerySchema.omit({ page: true, pageSize: true }) } },
    (req, reply) => budget.exportLines(requireActor(req), req.query, reply),
  );
  r.get(`${base}/lines/template`, { schema: { tags } }, (req, reply) => {
    requireActor(req);
    return budget.linesTemplate(reply);
  });
  r.post(`${base}/lines/import`, { schema: { ...FILE_UPLOAD, tags, response: { 202: jobStarted } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.status(202);
    return budget.importLines(actor, () => req.file());
  });
  r.post(`${base}/lines`, { schema: { tags, body: createBudgetLineSchema, response: { 201: budgetLineSchema } } }, async (req, reply) => {
    reply.status(201);
    return budget.createLine(requireActor(req), req.body);
  });
  r.get(`${base}/lines/:id`, { schema: { tags, params: lineParams, response: { 200: budgetLineDetailSchema } } }, (req) =>
    spending.getLine(requireActor(req), req.params.id),
  );
  r.patch(
    `${base}/lines/:id`,
    { schema: { tags, params: lineParams, body: updateBudgetLineSchema, response: { 200: budgetLineSchema } } },
    (req) => budget.updateLine(requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/lines/:id/submit`,
    { schema: { tags, params: lineParams, body: requestBudgetLineSchema, response: { 200: budgetLineSchema } } },
    (req) => budget.submitLine(requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/lines/:id/approve`,
    { schema: { tags, params: lineParams, body: approveBudgetLineSchema, response: { 200: budgetLineSchema } } },
    (req) => budget.approveLine(requireActor(req), req.params.id, req.body),
  );

  // Commitments and spending (links to the ledger's disbursements).
  r.post(
    `${base}/lines/:id/commitments`,
    { schema: { tags, params: lineParams, body: createCommitmentSchema, response: { 200: budgetLineDetailSchema } } },
    (req) => spending.addCommitment(requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/lines/:id/commitments/:commitmentId/cancel`,
    {
      schema: {
        tags,
        params: z.object({ id: idSchema, commitmentId: idSchema }),
        body: cancelCommitmentSchema,
        response: { 200: budgetLineDetailSchema },
      },
    },
    (req) => spending.cancelCommitment(requireActor(req), req.params.id, req.params.commitmentId, req.body),
  );
  r.get(
    `${base}/lines/:id/candidates`,
    { schema: { tags, params: lineParams, response: { 200: z.array(spendingCandidateSchema) } } },
    (req) => spending.candidates(requireActor(req), req.params.id),
  );
  r.post(
    `${base}/lines/:id/spending`,
    { schema: { tags, params: lineParams, body: linkSpendingSchema, response: { 200: budgetLineDetailSchema } } },
    (req) => spending.link(requireActor(req), req.params.id, req.body),
  );
  r.delete(
    `${base}/lines/:id/spending/:spendingId`,
    { schema: { tags, params: z.object({ id: idSchema, spendingId: idSchema }), response: { 200: budgetLineDetailSchema } } },
    (req) => spending.unlink(requireActor(req), req.params.id, req.params.spendingId),
  );

  // Execution by line and month, and next year's request as a Word document.
  r.get(
    `${base}/execution`,
    {
      schema: {
        tags,
        querystring: z.object({ year: budgetYearSchema, ownerOrgId: idSchema.optional() }),
        response: { 200: executionSchema },
      },
    },
    (req) => budget.execution(requireActor(req), req.query.year, req.query.ownerOrgId),
  );
  r.get(`${base}/request`, { schema: { tags, querystring: budgetRequestQuerySchema } }, async (req, reply) => {
    const file = await budget.requestDocument(requireActor(req), req.query.year, req.query.ownerOrgId);
    reply.header('content-type', file.contentType);
    reply.header('content-disposition', `attachment; filename="request.docx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    return reply.send(file.body);
  });
}
