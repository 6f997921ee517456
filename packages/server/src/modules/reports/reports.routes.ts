import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createTemplateSchema,
  dashboardOutSchema,
  dashboardQuerySchema,
  editParagraphSchema,
  EXPORT_FORMATS,
  factRecordsOutSchema,
  factsOutSchema,
  factsQuerySchema,
  freezeSummarySchema,
  generateSummarySchema,
  idSchema,
  movedFigureSchema,
  okSchema,
  reportOrgOutSchema,
  reportOrgSchema,
  reportYearSchema,
  summaryContentSchema,
  summaryListItemSchema,
  summaryOutSchema,
  summaryVersionSchema,
  SUMMARY_STATUSES,
  templateOutSchema,
  updateTemplateSchema,
} from '@jinguo/domain';
import { fieldError } from '../../platform/errors.js';
import { requireActor } from '../../platform/http.js';
import { ifMatchHeadersSchema, ifMatchOf, withEtag } from '../../platform/versioning.js';
import { actorAccess } from './facts.engine.js';
import type { ReportsService } from './reports.service.js';

const RESERVED = new Set(['year', 'org', 'month', 'page', 'pageSize']);
const summaryIdParams = z.object({ id: idSchema });
const templateIdParams = z.object({ id: z.union([z.literal('builtin'), idSchema]) });

/** The facts API, the dashboard, templates and annual summaries. Thin: validate, authenticate, one service call. */
export function registerReportsRoutes(app: FastifyInstance, svc: ReportsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];

  r.get('/api/facts', { schema: { tags, querystring: factsQuerySchema, response: { 200: factsOutSchema } } }, (req) => {
    const { year, org, f } = req.query;
    return svc.facts(actorAccess(requireActor(req)), { year, org, f: f === undefined ? undefined : Array.isArray(f) ? f : [f] });
  });

  r.get(
    '/api/facts/:name/records',
    {
      schema: {
        tags,
        params: z.object({ name: z.string().regex(/^[a-z][a-zA-Z0-9_.]{1,100}$/, { message: '数据项名称不正确' }) }),
        // Any other query key is a parameter of the fact (e.g. channel=visit).
        querystring: z.looseObject({
          year: reportYearSchema,
          org: reportOrgSchema.optional(),
          month: z.coerce.number().int().min(1, { message: '月份应为1–12' }).max(12, { message: '月份应为1–12' }).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: factRecordsOutSchema },
      },
    },
    (req) => {
      const actor = requireActor(req);
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.query)) {
        if (RESERVED.has(k)) continue;
        if (typeof v !== 'string' || !/^[a-zA-Z][a-zA-Z0-9_]*$/.test(k) || v.length > 100) throw fieldError(k, `参数 ${k} 不正确`);
        params[k] = v;
      }
      const { year, org, month, page, pageSize } = req.query;
      return svc.records(actorAccess(actor), req.params.name, { year, org, month, page, pageSize, params });
    },
  );

  r.get('/api/reports/dashboard', { schema: { tags, querystring: dashboardQuerySchema, response: { 200: dashboardOutSchema } } }, (req) =>
    svc.dashboard(actorAccess(requireActor(req)), req.query),
  );

  r.get('/api/reports/scopes', { schema: { tags, response: { 200: z.array(reportOrgOutSchema.extend({ depth: z.number() })) } } }, (req) =>
    svc.scopes(actorAccess(requireActor(req))),
  );

  // ─── Templates ──────────────────────────────────────────────────────────────────────────────
  r.get('/api/reports/templates', { schema: { tags, response: { 200: z.array(templateOutSchema) } } }, (req) =>
    svc.listTemplates(actorAccess(requireActor(req))),
  );
  r.get(
    '/api/reports/templates/:id',
    { schema: { tags, params: templateIdParams, response: { 200: templateOutSchema } } },
    async (req, reply) => withEtag(reply, await svc.getTemplate(actorAccess(requireActor(req)), req.params.id)),
  );
  r.post(
    '/api/reports/templates',
    { schema: { tags, body: createTemplateSchema, response: { 201: templateOutSchema } } },
    async (req, reply) => {
      const out = await svc.createTemplate(actorAccess(requireActor(req)), req.body);
      reply.status(201);
      return out;
    },
  );
  r.patch(
    '/api/reports/templates/:id',
    {
      schema: {
        tags,
        headers: ifMatchHeadersSchema,
        params: templateIdParams,
        body: updateTemplateSchema,
        response: { 200: templateOutSchema },
      },
    },
    async (req, reply) =>
      withEtag(reply, await svc.updateTemplate(actorAccess(requireActor(req)), req.params.id, req.body, ifMatchOf(req))),
  );
  r.delete('/api/reports/templates/:id', { schema: { tags, params: templateIdParams, response: { 200: okSchema } } }, async (req) => {
    await svc.deleteTemplate(actorAccess(requireActor(req)), req.params.id);
    return { ok: true as const };
  });

  // ─── Summaries ──────────────────────────────────────────────────────────────────────────────
  r.get(
    '/api/reports/summaries',
    {
      schema: {
        tags,
        querystring: z.object({
          year: reportYearSchema.optional(),
          org: reportOrgSchema.optional(),
          status: z.enum(SUMMARY_STATUSES).optional(),
        }),
        response: { 200: z.array(summaryListItemSchema) },
      },
    },
    (req) => svc.listSummaries(actorAccess(requireActor(req)), req.query),
  );
  r.post('/api/reports/summaries/generate', { schema: { tags, body: generateSummarySchema, response: { 200: summaryOutSchema } } }, (req) =>
    svc.generate(actorAccess(requireActor(req)), req.body),
  );
  r.get('/api/reports/summaries/:id', { schema: { tags, params: summaryIdParams, response: { 200: summaryOutSchema } } }, (req) =>
    svc.get(actorAccess(requireActor(req)), req.params.id),
  );
  r.patch(
    '/api/reports/summaries/:id/paragraph',
    { schema: { tags, params: summaryIdParams, body: editParagraphSchema, response: { 200: summaryOutSchema } } },
    (req) => svc.editParagraph(actorAccess(requireActor(req)), req.params.id, req.body),
  );
  r.post(
    '/api/reports/summaries/:id/refresh',
    { schema: { tags, params: summaryIdParams, body: freezeSummarySchema, response: { 200: summaryOutSchema } } },
    (req) => svc.refresh(actorAccess(requireActor(req)), req.params.id, req.body.version),
  );
  r.post(
    '/api/reports/summaries/:id/freeze',
    { schema: { tags, params: summaryIdParams, body: freezeSummarySchema, response: { 200: summaryOutSchema } } },
    (req) => svc.freeze(actorAccess(requireActor(req)), req.params.id, req.body.version),
  );
  r.get(
    '/api/reports/summaries/:id/moved',
    { schema: { tags, params: summaryIdParams, response: { 200: z.array(movedFigureSchema) } } },
    (req) => svc.moved(actorAccess(requireActor(req)), req.params.id),
  );
  r.get(
    '/api/reports/summaries/:id/versions',
    { schema: { tags, params: summaryIdParams, response: { 200: z.array(summaryVersionSchema) } } },
    (req) => svc.versions(actorAccess(requireActor(req)), req.params.id),
  );
  r.get(
    '/api/reports/summaries/:id/versions/:version',
    {
      schema: {
        tags,
        params: z.object({ id: idSchema, version: z.coerce.number().int().min(1, { message: '版本号不正确' }) }),
        response: {
          200: z.object({
            version: z.number(),
            status: z.enum(SUMMARY_STATUSES),
            action: z.string(),
            createdAt: z.string(),
            content: summaryContentSchema,
          }),
        },
      },
    },
    (req) => svc.version(actorAccess(requireActor(req)), req.params.id, req.params.version),
  );
  r.get(
    '/api/reports/summaries/:id/export',
    {
      schema: {
        tags,
        params: summaryIdParams,
        querystring: z.object({
          format: z.enum(EXPORT_FORMATS, { message: '格式应为 docx、md 或 html' }),
          version: z.coerce.number().int().min(1).optional(),
        }),
      },
    },
    async (req, reply) => {
      const file = await svc.export(actorAccess(requireActor(req)), req.params.id, req.query.format, req.query.version);
      // The print view opens in the browser; the documents download.
      const disposition = req.query.format === 'html' ? 'inline' : 'attachment';
      reply.header('content-type', file.contentType);
      reply.header(
        'content-disposition',
        `${disposition}; filename="summary.${req.query.format}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      );
      return reply.send(file.body);
    },
  );
}
