import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applicationDetailSchema,
  applicationListItemSchema,
  applicationOverrideSchema,
  applicationPaySchema,
  applicationQuerySchema,
  applicationReversePaymentSchema,
  applicationTransitionSchema,
  createApplicationSchema,
  idParamsSchema,
  idSchema,
  pageOf,
  programmeInputSchema,
  programmeSchema,
  programmeUpdateSchema,
  reliefReportUpSchema,
  reliefSubmissionSchema,
  updateApplicationSchema,
} from '@jinguo/domain';
import { attachmentHeader, sendTemplate, XLSX_MIME } from '../../platform/excel.js';
import { ifMatchHeadersSchema, ifMatchOf, withEtag } from '../../platform/versioning.js';
import { idempotencyHeadersSchema, type Idempotency } from '../../platform/idempotency.js';
import { requireActor } from '../../platform/http.js';
import { screeningImport } from './relief.import.js';
import type { ReliefService } from './relief.service.js';
import { FILE_UPLOAD } from '../../platform/input.js';

/** Relief programmes, the screening list and its import, the workflow, payment and reporting up: thin routes. */
export function registerReliefRoutes(app: FastifyInstance, relief: ReliefService, idempotency: Idempotency): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['relief'];

  r.get(
    '/api/relief/programmes',
    {
      schema: {
        tags,
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: z.array(programmeSchema) },
      },
    },
    (req) => relief.listProgrammes(requireActor(req), req.query),
  );
  r.post(
    '/api/relief/programmes',
    { schema: { tags, body: programmeInputSchema, response: { 201: programmeSchema } } },
    async (req, reply) => {
      reply.status(201);
      return relief.createProgramme(requireActor(req), req.body);
    },
  );
  r.get(
    '/api/relief/programmes/:id',
    { schema: { tags, params: idParamsSchema, response: { 200: programmeSchema } } },
    async (req, reply) => withEtag(reply, await relief.getProgramme(requireActor(req), req.params.id)),
  );
  r.patch(
    '/api/relief/programmes/:id',
    {
      schema: {
        tags,
        headers: ifMatchHeadersSchema,
        params: idParamsSchema,
        body: programmeUpdateSchema,
        response: { 200: programmeSchema },
      },
    },
    async (req, reply) => withEtag(reply, await relief.updateProgramme(requireActor(req), req.params.id, req.body, ifMatchOf(req))),
  );

  r.get('/api/relief/screening/template', { schema: { tags } }, async (req, reply) => {
    requireActor(req);
    return sendTemplate(reply, screeningImport);
  });
  r.post(
    '/api/relief/programmes/:id/screening/import',
    { schema: { ...FILE_UPLOAD, tags, params: idParamsSchema, response: { 202: z.object({ jobId: z.string() }) } } },
    async (req, reply) => {
      const out = await relief.importScreening(requireActor(req), req.params.id, () => req.file());
      reply.status(202);
      return out;
    },
  );

  r.get(
    '/api/relief/applications',
    { schema: { tags, querystring: applicationQuerySchema, response: { 200: pageOf(applicationListItemSchema) } } },
    (req) => relief.listApplications(requireActor(req), req.query),
  );
  r.get(
    '/api/relief/applications/export',
    { schema: { tags, querystring: applicationQuerySchema.omit({ page: true, pageSize: true }) } },
    (req, reply) => relief.exportApplications(requireActor(req), req.query, reply),
  );
  r.post(
    '/api/relief/applications',
    { schema: { tags, headers: idempotencyHeadersSchema, body: createApplicationSchema, response: { 201: applicationDetailSchema } } },
    (req, reply) =>
      idempotency.run(req, reply, {
        status: 201,
        write: (idem) => relief.createApplication(requireActor(req), req.body, idem),
        replay: (id) => relief.getApplication(requireActor(req), id),
      }),
  );
  r.get(
    '/api/relief/applications/:id',
    { schema: { tags, params: idParamsSchema, response: { 200: applicationDetailSchema } } },
    async (req, reply) => withEtag(reply, await relief.getApplication(requireActor(req), req.params.id)),
  );
  r.patch(
    '/api/relief/applications/:id',
    {
      schema: {
        tags,
        headers: ifMatchHeadersSchema,
        params: idParamsSchema,
        body: updateApplicationSchema,
        response: { 200: applicationDetailSchema },
      },
    },
    async (req, reply) => withEtag(reply, await relief.updateApplication(requireActor(req), req.params.id, req.body, ifMatchOf(req))),
  );
  r.post(
    '/api/relief/applications/:id/transition',
    { schema: { tags, params: idParamsSchema, body: applicationTransitionSchema, response: { 200: applicationDetailSchema } } },
    (req) => relief.transition(requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/relief/applications/:id/override',
    { schema: { tags, params: idParamsSchema, body: applicationOverrideSchema, response: { 200: applicationDetailSchema } } },
    (req) => relief.override(requireActor(req), req.params.id, req.body.reason),
  );
  r.post(
    '/api/relief/applications/:id/pay',
    {
      schema: {
        tags,
        headers: idempotencyHeadersSchema,
        params: idParamsSchema,
        body: applicationPaySchema,
        response: { 200: applicationDetailSchema },
      },
    },
    (req, reply) =>
      idempotency.run(req, reply, {
        status: 200,
        write: (idem) => relief.pay(requireActor(req), req.params.id, req.body, idem),
        replay: (id) => relief.getApplication(requireActor(req), id),
      }),
  );
  r.post(
    '/api/relief/applications/:id/reverse-payment',
    {
      schema: {
        tags,
        headers: idempotencyHeadersSchema,
        params: idParamsSchema,
        body: applicationReversePaymentSchema,
        response: { 200: applicationDetailSchema },
      },
    },
    (req, reply) =>
      idempotency.run(req, reply, {
        status: 200,
        write: (idem) => relief.reversePayment(requireActor(req), req.params.id, req.body.reason, idem),
        replay: (id) => relief.getApplication(requireActor(req), id),
      }),
  );

  r.get(
    '/api/relief/persons/:id/applications',
    {
      schema: {
        tags,
        params: idParamsSchema,
        response: {
          200: z.array(applicationListItemSchema.extend({ paidOn: z.string().nullable(), rejectReason: z.string().nullable() })),
        },
      },
    },
    (req) => relief.historyOfPerson(requireActor(req), req.params.id),
  );

  r.get(
    '/api/relief/submissions',
    { schema: { tags, querystring: z.object({ programmeId: idSchema.optional() }), response: { 200: z.array(reliefSubmissionSchema) } } },
    (req) => relief.listSubmissions(requireActor(req), req.query.programmeId),
  );
  r.post(
    '/api/relief/submissions',
    { schema: { tags, body: reliefReportUpSchema, response: { 201: reliefSubmissionSchema } } },
    async (req, reply) => {
      const out = await relief.reportUp(requireActor(req), req.body);
      reply.status(201);
      return out;
    },
  );
  r.get('/api/relief/submissions/:id/file', { schema: { tags, params: idParamsSchema } }, async (req, reply) => {
    const f = await relief.submissionFile(requireActor(req), req.params.id);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentHeader(f.fileName)).send(f.content);
  });
}
