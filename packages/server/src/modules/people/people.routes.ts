import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createPersonSchema,
  idParamsSchema,
  mergePersonsSchema,
  pageOf,
  personDetailSchema,
  personListItemSchema,
  personRevealSchema,
  personSearchQuerySchema,
  personTagsSchema,
  updatePersonSchema,
} from '@jinguo/domain';
import { ifMatchHeadersSchema, ifMatchOf, withEtag } from '../../platform/versioning.js';
import { requireActor } from '../../platform/http.js';
import type { PeopleService } from './people.service.js';

export function registerPeopleRoutes(app: FastifyInstance, { people }: { people: PeopleService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['people'];

  r.get('/api/people', { schema: { tags, querystring: personSearchQuerySchema, response: { 200: pageOf(personListItemSchema) } } }, (req) =>
    people.search(requireActor(req), req.query),
  );
  r.post(
    '/api/people',
    {
      schema: {
        tags,
        body: createPersonSchema,
        response: {
          200: z.object({ person: personDetailSchema, created: z.literal(false) }),
          201: z.object({ person: personDetailSchema, created: z.literal(true) }),
        },
      },
    },
    async (req, reply) => {
      const result = await people.create(requireActor(req), req.body);
      reply.status(result.created ? 201 : 200);
      return result as never;
    },
  );
  r.get('/api/people/tags', { schema: { tags, response: { 200: z.array(z.string()) } } }, (req) => people.listTags(requireActor(req)));
  r.put('/api/people/tags', { schema: { tags, body: personTagsSchema, response: { 200: z.array(z.string()) } } }, (req) =>
    people.replaceTags(requireActor(req), req.body.tags),
  );
  r.get('/api/people/:id', { schema: { tags, params: idParamsSchema, response: { 200: personDetailSchema } } }, async (req, reply) =>
    withEtag(reply, await people.get(requireActor(req), req.params.id)),
  );
  r.patch(
    '/api/people/:id',
    {
      schema: {
        tags,
        headers: ifMatchHeadersSchema,
        params: idParamsSchema,
        body: updatePersonSchema,
        response: { 200: personDetailSchema },
      },
    },
    async (req, reply) => withEtag(reply, await people.update(requireActor(req), req.params.id, req.body, ifMatchOf(req))),
  );
  r.post('/api/people/:id/reveal', { schema: { tags, params: idParamsSchema, response: { 200: personRevealSchema } } }, (req) =>
    people.reveal(requireActor(req), req.params.id),
  );
  r.get(
    '/api/people/:id/duplicates',
    { schema: { tags, params: idParamsSchema, response: { 200: z.array(personListItemSchema) } } },
    (req) => people.duplicates(requireActor(req), req.params.id),
  );
  r.post(
    '/api/people/:id/merge',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: mergePersonsSchema,
        response: { 200: z.object({ person: personDetailSchema, referencesMoved: z.number().int() }) },
      },
    },
    (req) => people.merge(requireActor(req), req.params.id, req.body.duplicateId, req.body.reason),
  );
}
