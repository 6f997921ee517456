import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addRotationMemberSchema,
  cadreAnalysisQuerySchema,
  cadreAnalysisSchema,
  cadreTargetSchema,
  createCadreTargetSchema,
  okSchema,
  cadreListQuerySchema,
  cadreSchema,
  createCadreSchema,
  createRecommendationSchema,
  createRotationSchema,
  idParamsSchema,
  idSchema,
  pageOf,
  recommendationListQuerySchema,
  recommendationSchema,
  rotationMemberSchema,
  rotationSchema,
  updateCadreSchema,
  updateRecommendationStatusSchema,
} from '@jinguo/domain';
import { requireActor } from '../../platform/http.js';
import { ifMatchHeadersSchema, ifMatchOf, withEtag } from '../../platform/versioning.js';
import type { CadreAnalysisService } from './cadres.analysis.js';
import type { CadresService } from './cadres.service.js';
import { FILE_UPLOAD } from '../../platform/input.js';

const jobStarted = z.object({ jobId: z.string() });
const rotationDetail = rotationSchema.extend({ members: z.array(rotationMemberSchema) });

export function registerCadresRoutes(
  app: FastifyInstance,
  { cadres, analysis }: { cadres: CadresService; analysis: CadreAnalysisService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cadres'];

  r.get('/api/cadres', { schema: { tags, querystring: cadreListQuerySchema, response: { 200: pageOf(cadreSchema) } } }, (req) =>
    cadres.listCadres(requireActor(req), req.query),
  );
  r.get(
    '/api/cadres/analysis',
    { schema: { tags, querystring: cadreAnalysisQuerySchema, response: { 200: cadreAnalysisSchema } } },
    (req) => analysis.analyse(requireActor(req), req.query),
  );
  r.get('/api/cadres/analysis/report', { schema: { tags, querystring: cadreAnalysisQuerySchema } }, async (req, reply) => {
    const file = await analysis.report(requireActor(req), req.query);
    reply.header('content-type', file.contentType);
    reply.header('content-disposition', `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    return reply.send(file.body);
  });
  r.get(
    '/api/cadres/targets',
    { schema: { tags, querystring: cadreAnalysisQuerySchema.pick({ org: true }), response: { 200: z.array(cadreTargetSchema) } } },
    (req) => analysis.listTargets(requireActor(req), req.query.org),
  );
  r.post(
    '/api/cadres/targets',
    { schema: { tags, body: createCadreTargetSchema, response: { 201: cadreTargetSchema } } },
    async (req, reply) => {
      reply.status(201);
      return analysis.createTarget(requireActor(req), req.body);
    },
  );
  r.delete('/api/cadres/targets/:id', { schema: { tags, params: idParamsSchema, response: { 200: okSchema } } }, (req) =>
    analysis.deleteTarget(requireActor(req), req.params.id),
  );
  r.get('/api/cadres/export', { schema: { tags, querystring: cadreListQuerySchema.omit({ page: true, pageSize: true }) } }, (req, reply) =>
    cadres.exportCadres(requireActor(req), req.query, reply),
  );
  r.get('/api/cadres/template', { schema: { tags } }, (req, reply) => {
    requireActor(req);
    return cadres.cadresTemplate(reply);
  });
  r.post('/api/cadres/import', { schema: { ...FILE_UPLOAD, tags, response: { 202: jobStarted } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.status(202);
    return cadres.importCadres(actor, () => req.file());
  });
  r.post('/api/cadres', { schema: { tags, body: createCadreSchema, response: { 201: cadreSchema } } }, async (req, reply) => {
    reply.status(201);
    return cadres.createCadre(requireActor(req), req.body);
  });
  r.patch(
    '/api/cadres/:id',
    { schema: { tags, headers: ifMatchHeadersSchema, params: idParamsSchema, body: updateCadreSchema, response: { 200: cadreSchema } } },
    async (req, reply) => withEtag(reply, await cadres.updateCadre(requireActor(req), req.params.id, req.body, ifMatchOf(req))),
  );

  r.get('/api/cadres/rotations', { schema: { tags, response: { 200: z.array(rotationSchema) } } }, (req) =>
    cadres.listRotations(requireActor(req)),
  );
  r.post(
    '/api/cadres/rotations',
    { schema: { tags, body: createRotationSchema, response: { 201: rotationDetail } } },
    async (req, reply) => {
      reply.status(201);
      return cadres.createRotation(requireActor(req), req.body);
    },
  );
  r.get('/api/cadres/rotations/:id', { schema: { tags, params: idParamsSchema, response: { 200: rotationDetail } } }, (req) =>
    cadres.getRotation(requireActor(req), req.params.id),
  );
  r.post(
    '/api/cadres/rotations/:id/members',
    { schema: { tags, params: idParamsSchema, body: addRotationMemberSchema, response: { 200: rotationDetail } } },
    (req) => cadres.addMember(requireActor(req), req.params.id, req.body),
  );
  r.delete(
    '/api/cadres/rotations/:id/members/:memberId',
    { schema: { tags, params: z.object({ id: idSchema, memberId: idSchema }), response: { 200: rotationDetail } } },
    (req) => cadres.removeMember(requireActor(req), req.params.id, req.params.memberId),
  );
  r.get('/api/cadres/rotations/:id/members/template', { schema: { tags, params: idParamsSchema } }, (req, reply) => {
    requireActor(req);
    return cadres.membersTemplate(reply);
  });
  r.post(
    '/api/cadres/rotations/:id/members/import',
    { schema: { ...FILE_UPLOAD, tags, params: idParamsSchema, response: { 202: jobStarted } } },
    async (req, reply) => {
      const actor = requireActor(req);
      reply.status(202);
      return cadres.importMembers(actor, req.params.id, () => req.file());
    },
  );
  r.get('/api/cadres/rotations/:id/members/export', { schema: { tags, params: idParamsSchema } }, (req, reply) =>
    cadres.exportMembers(requireActor(req), req.params.id, reply),
  );

  const recFilters = recommendationListQuerySchema.omit({ page: true, pageSize: true });
  r.get(
    '/api/cadres/recommendations',
    { schema: { tags, querystring: recommendationListQuerySchema, response: { 200: pageOf(recommendationSchema) } } },
    (req) => cadres.listRecommendations(requireActor(req), req.query),
  );
  r.get('/api/cadres/recommendations/export', { schema: { tags, querystring: recFilters } }, (req, reply) =>
    cadres.exportRecommendations(requireActor(req), req.query, reply),
  );
  r.get('/api/cadres/recommendations/template', { schema: { tags } }, (req, reply) => {
    requireActor(req);
    return cadres.recommendationsTemplate(reply);
  });
  r.post('/api/cadres/recommendations/import', { schema: { ...FILE_UPLOAD, tags, response: { 202: jobStarted } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.status(202);
    return cadres.importRecommendations(actor, () => req.file());
  });
  r.post(
    '/api/cadres/recommendations',
    { schema: { tags, body: createRecommendationSchema, response: { 201: recommendationSchema } } },
    async (req, reply) => {
      reply.status(201);
      return cadres.createRecommendation(requireActor(req), req.body);
    },
  );
  r.put(
    '/api/cadres/recommendations/:id/status',
    { schema: { tags, params: idParamsSchema, body: updateRecommendationStatusSchema, response: { 200: recommendationSchema } } },
    (req) => cadres.updateRecommendationStatus(requireActor(req), req.params.id, req.body),
  );
}
