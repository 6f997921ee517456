import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  associationMemberSchema,
  associationSchema,
  createAssociationSchema,
  idParamsSchema,
  idSchema,
  memberListQuerySchema,
  memberSchemaInput,
  pageOf,
  updateAssociationSchema,
} from '@jinguo/domain';
import { requireActor } from '../../platform/http.js';
import { ifMatchHeadersSchema, ifMatchOf, withEtag } from '../../platform/versioning.js';
import type { AssociationsService } from './associations.service.js';
import { FILE_UPLOAD } from '../../platform/input.js';

export function registerAssociationsRoutes(app: FastifyInstance, { associations }: { associations: AssociationsService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['associations'];
  r.get('/api/associations', { schema: { tags, response: { 200: z.array(associationSchema) } } }, (req) =>
    associations.list(requireActor(req)),
  );
  r.post(
    '/api/associations',
    { schema: { tags, body: createAssociationSchema, response: { 201: associationSchema } } },
    async (req, reply) => {
      reply.status(201);
      return associations.create(requireActor(req), req.body);
    },
  );
  r.get('/api/associations/:id', { schema: { tags, params: idParamsSchema, response: { 200: associationSchema } } }, async (req, reply) =>
    withEtag(reply, await associations.get(requireActor(req), req.params.id)),
  );
  r.patch(
    '/api/associations/:id',
    {
      schema: {
        tags,
        headers: ifMatchHeadersSchema,
        params: idParamsSchema,
        body: updateAssociationSchema,
        response: { 200: associationSchema },
      },
    },
    async (req, reply) => withEtag(reply, await associations.update(requireActor(req), req.params.id, req.body, ifMatchOf(req))),
  );
  r.get(
    '/api/associations/:id/members',
    { schema: { tags, params: idParamsSchema, querystring: memberListQuerySchema, response: { 200: pageOf(associationMemberSchema) } } },
    (req) => associations.listMembers(requireActor(req), req.params.id, req.query),
  );
  r.post(
    '/api/associations/:id/members',
    { schema: { tags, params: idParamsSchema, body: memberSchemaInput, response: { 201: associationMemberSchema } } },
    async (req, reply) => {
      reply.status(201);
      return associations.addMember(requireActor(req), req.params.id, req.body);
    },
  );
  r.put(
    '/api/associations/:id/members/:memberId',
    {
      schema: {
        tags,
        params: z.object({ id: idSchema, memberId: idSchema }),
        body: memberSchemaInput,
        response: { 200: associationMemberSchema },
      },
    },
    (req) => associations.updateMember(requireActor(req), req.params.id, req.params.memberId, req.body),
  );
  r.get('/api/associations/:id/members/template', { schema: { tags, params: idParamsSchema } }, (req, reply) => {
    requireActor(req);
    return associations.membersTemplate(reply);
  });
  r.post(
    '/api/associations/:id/members/import',
    { schema: { ...FILE_UPLOAD, tags, params: idParamsSchema, response: { 202: z.object({ jobId: z.string() }) } } },
    async (req, reply) => {
      const actor = requireActor(req);
      reply.status(202);
      return associations.importMembers(actor, req.params.id, () => req.file());
    },
  );
  r.get(
    '/api/associations/:id/members/export',
    { schema: { tags, params: idParamsSchema, querystring: memberListQuerySchema.omit({ page: true, pageSize: true }) } },
    (req, reply) => associations.exportMembers(requireActor(req), req.params.id, req.query, reply),
  );
}
