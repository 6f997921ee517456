import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createIndicatorSchema,
  idParamsSchema,
  idSchema,
  indicatorEntryQuerySchema,
  indicatorEntrySchema,
  indicatorEvaluationQuerySchema,
  indicatorEvaluationSchema,
  indicatorListQuerySchema,
  indicatorRegionSchema,
  indicatorSchema,
  indicatorValueEventSchema,
  indicatorValueIdsSchema,
  indicatorValueListQuerySchema,
  indicatorValueSchema,
  reopenIndicatorValueSchema,
  returnIndicatorValuesSchema,
  saveIndicatorValuesSchema,
  updateIndicatorSchema,
} from '@jinguo/domain';
import { requireActor } from '../../platform/http.js';
import { ifMatchHeadersSchema, ifMatchOf, withEtag } from '../../platform/versioning.js';
import type { IndicatorsExcel } from './indicators.excel.js';
import type { IndicatorsService } from './indicators.service.js';
import { FILE_UPLOAD } from '../../platform/input.js';

const jobStarted = z.object({ jobId: z.string() });
const defaultsBody = z.strictObject({ ownerOrgId: idSchema });
const reportQuery = indicatorEvaluationQuerySchema.pick({ year: true, regionOrgId: true });
const templateQuery = z.object({ year: indicatorEntryQuerySchema.shape.year.optional(), regionOrgId: idSchema.optional() });

export function registerIndicatorsRoutes(
  app: FastifyInstance,
  { indicators, excel }: { indicators: IndicatorsService; excel: IndicatorsExcel },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['indicators'];

  // The catalogue.
  r.get(
    '/api/indicators',
    { schema: { tags, querystring: indicatorListQuerySchema, response: { 200: z.array(indicatorSchema) } } },
    (req) => indicators.listIndicators(requireActor(req), req.query),
  );
  r.post('/api/indicators', { schema: { tags, body: createIndicatorSchema, response: { 201: indicatorSchema } } }, async (req, reply) => {
    const actor = requireActor(req);
    const created = await indicators.createIndicator(actor, req.body);
    reply.status(201);
    return created;
  });
  r.post('/api/indicators/defaults', { schema: { tags, body: defaultsBody, response: { 200: z.object({ added: z.number() }) } } }, (req) =>
    indicators.addDefaults(requireActor(req), req.body),
  );
  r.get('/api/indicators/regions', { schema: { tags, response: { 200: z.array(indicatorRegionSchema) } } }, (req) =>
    indicators.listRegions(requireActor(req)),
  );

  // Entry and review.
  r.get(
    '/api/indicators/entry',
    { schema: { tags, querystring: indicatorEntryQuerySchema, response: { 200: indicatorEntrySchema } } },
    (req) => indicators.entry(requireActor(req), req.query),
  );
  r.get(
    '/api/indicators/values',
    { schema: { tags, querystring: indicatorValueListQuerySchema, response: { 200: z.array(indicatorValueSchema) } } },
    (req) => indicators.listValues(requireActor(req), req.query),
  );
  r.put(
    '/api/indicators/values',
    { schema: { tags, body: saveIndicatorValuesSchema, response: { 200: z.array(indicatorValueSchema) } } },
    (req) => indicators.saveValues(requireActor(req), req.body),
  );
  r.post(
    '/api/indicators/values/submit',
    { schema: { tags, body: indicatorValueIdsSchema, response: { 200: z.array(indicatorValueSchema) } } },
    (req) => indicators.submitValues(requireActor(req), req.body),
  );
  r.post(
    '/api/indicators/values/approve',
    { schema: { tags, body: indicatorValueIdsSchema, response: { 200: z.array(indicatorValueSchema) } } },
    (req) => indicators.approveValues(requireActor(req), req.body),
  );
  r.post(
    '/api/indicators/values/return',
    { schema: { tags, body: returnIndicatorValuesSchema, response: { 200: z.array(indicatorValueSchema) } } },
    (req) => indicators.returnValues(requireActor(req), req.body),
  );
  r.get('/api/indicators/values/template', { schema: { tags, querystring: templateQuery } }, (req, reply) =>
    excel.template(requireActor(req), req.query, reply),
  );
  r.post('/api/indicators/values/import', { schema: { ...FILE_UPLOAD, tags, response: { 202: jobStarted } } }, async (req, reply) => {
    const actor = requireActor(req);
    const started = await excel.importValues(actor, () => req.file());
    reply.status(202);
    return started;
  });
  r.post(
    '/api/indicators/values/:id/reopen',
    { schema: { tags, params: idParamsSchema, body: reopenIndicatorValueSchema, response: { 200: indicatorValueSchema } } },
    (req) => indicators.reopenValue(requireActor(req), req.params.id, req.body),
  );
  r.get(
    '/api/indicators/values/:id/events',
    { schema: { tags, params: idParamsSchema, response: { 200: z.array(indicatorValueEventSchema) } } },
    (req) => indicators.valueEvents(requireActor(req), req.params.id),
  );

  // Evaluation.
  r.get(
    '/api/indicators/evaluation',
    { schema: { tags, querystring: indicatorEvaluationQuerySchema, response: { 200: indicatorEvaluationSchema } } },
    (req) => indicators.evaluation(requireActor(req), req.query),
  );
  r.get('/api/indicators/evaluation/export', { schema: { tags, querystring: indicatorEvaluationQuerySchema } }, (req, reply) =>
    excel.exportEvaluation(requireActor(req), req.query, reply),
  );
  // 两纲统计监测报告: the same evaluation as a Word document in the 公文 layout.
  r.get('/api/indicators/evaluation/report', { schema: { tags, querystring: reportQuery } }, async (req, reply) => {
    const file = await indicators.evaluationReport(requireActor(req), req.query);
    reply.header('content-type', file.contentType);
    reply.header('content-disposition', `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    return reply.send(file.body);
  });

  r.patch(
    '/api/indicators/:id',
    {
      schema: {
        tags,
        headers: ifMatchHeadersSchema,
        params: idParamsSchema,
        body: updateIndicatorSchema,
        response: { 200: indicatorSchema },
      },
    },
    async (req, reply) => withEtag(reply, await indicators.updateIndicator(requireActor(req), req.params.id, req.body, ifMatchOf(req))),
  );
}
