import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  childDetailSchema,
  childListQuerySchema,
  childSchema,
  createChildPairingSchema,
  createChildSchema,
  createHelpSchema,
  createProxyMotherSchema,
  createVisitSchema,
  endChildPairingSchema,
  endChildSchema,
  idParamsSchema,
  idSchema,
  pageOf,
  proxyMotherSchema,
  reverseHelpSchema,
  updateChildSchema,
} from '@jinguo/domain';
import { requireActor } from '../../platform/http.js';
import { FILE_UPLOAD } from '../../platform/input.js';
import type { CareService } from './care.service.js';
import type { ChildrenService } from './children.service.js';

const jobStarted = z.object({ jobId: z.string() });

export function registerChildrenRoutes(app: FastifyInstance, { children, care }: { children: ChildrenService; care: CareService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['children'];
  const base = '/api/children';

  // The register.
  r.get(base, { schema: { tags, querystring: childListQuerySchema, response: { 200: pageOf(childSchema) } } }, (req) =>
    children.listChildren(requireActor(req), req.query),
  );
  r.get(`${base}/export`, { schema: { tags, querystring: childListQuerySchema.omit({ page: true, pageSize: true }) } }, (req, reply) =>
    children.exportChildren(requireActor(req), req.query, reply),
  );
  r.get(`${base}/template`, { schema: { tags } }, (req, reply) => children.childrenTemplate(requireActor(req), reply));
  r.post(`${base}/import`, { schema: { ...FILE_UPLOAD, tags, response: { 202: jobStarted } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.status(202);
    return children.importChildren(actor, () => req.file());
  });
  r.post(base, { schema: { tags, body: createChildSchema, response: { 201: childSchema } } }, async (req, reply) => {
    reply.status(201);
    return children.createChild(requireActor(req), req.body);
  });

  // 代理妈妈.
  r.get(`${base}/proxy-mothers`, { schema: { tags, response: { 200: z.array(proxyMotherSchema) } } }, (req) =>
    children.listMothers(requireActor(req)),
  );
  r.post(
    `${base}/proxy-mothers`,
    { schema: { tags, body: createProxyMotherSchema, response: { 201: proxyMotherSchema } } },
    async (req, reply) => {
      reply.status(201);
      return children.createMother(requireActor(req), req.body);
    },
  );

  // One child: her details (an audited read), pairings, visits and help.
  r.get(`${base}/:id`, { schema: { tags, params: idParamsSchema, response: { 200: childDetailSchema } } }, (req) =>
    care.getChild(requireActor(req), req.params.id),
  );
  r.patch(`${base}/:id`, { schema: { tags, params: idParamsSchema, body: updateChildSchema, response: { 200: childSchema } } }, (req) =>
    children.updateChild(requireActor(req), req.params.id, req.body),
  );
  r.post(`${base}/:id/end`, { schema: { tags, params: idParamsSchema, body: endChildSchema, response: { 200: childSchema } } }, (req) =>
    children.endChild(requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/:id/pairings`,
    { schema: { tags, params: idParamsSchema, body: createChildPairingSchema, response: { 200: childDetailSchema } } },
    (req) => care.pair(requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/:id/pairings/:pairingId/end`,
    {
      schema: {
        tags,
        params: z.object({ id: idSchema, pairingId: idSchema }),
        body: endChildPairingSchema,
        response: { 200: childDetailSchema },
      },
    },
    (req) => care.endPairing(requireActor(req), req.params.id, req.params.pairingId, req.body),
  );
  r.post(
    `${base}/:id/visits`,
    { schema: { tags, params: idParamsSchema, body: createVisitSchema, response: { 200: childDetailSchema } } },
    (req) => care.addVisit(requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/:id/help`,
    { schema: { tags, params: idParamsSchema, body: createHelpSchema, response: { 200: childDetailSchema } } },
    (req) => care.giveHelp(requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/:id/help/:helpId/reverse`,
    {
      schema: { tags, params: z.object({ id: idSchema, helpId: idSchema }), body: reverseHelpSchema, response: { 200: childDetailSchema } },
    },
    (req) => care.reverseHelp(requireActor(req), req.params.id, req.params.helpId, req.body),
  );
}
