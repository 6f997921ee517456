import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignRoleSchema,
  createOrgUnitSchema,
  createUserSchema,
  idParamsSchema,
  idSchema,
  moveOrgUnitSchema,
  ORG_KINDS,
  orgUnitSchema,
  pageOf,
  pageQuerySchema,
  updateOrgUnitSchema,
  updateUserSchema,
  userSchema,
} from '@jinguo/domain';
import { requireActor } from '../../platform/http.js';
import { ifMatchHeadersSchema, ifMatchOf, withEtag } from '../../platform/versioning.js';
import type { OrgService } from './org.service.js';
import type { UsersService } from './users.service.js';

const unitWithAncestors = orgUnitSchema.extend({
  ancestors: z.array(z.object({ id: z.string(), name: z.string() })),
  canManage: z.boolean(),
});
const userWithPassword = z.object({ user: userSchema, initialPassword: z.string() });

export function registerOrgRoutes(app: FastifyInstance, { org, users }: { org: OrgService; users: UsersService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['org'];

  r.get('/api/org/roots', { schema: { tags, response: { 200: z.array(orgUnitSchema) } } }, (req) => org.listRoots(requireActor(req)));

  r.get(
    '/api/org/units',
    {
      schema: {
        tags,
        querystring: z.object({
          parentId: idSchema.optional(),
          q: z.string().trim().max(50).optional(),
          kind: z.union([z.enum(ORG_KINDS), z.array(z.enum(ORG_KINDS))]).optional(),
          activeOnly: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
        response: { 200: z.array(orgUnitSchema) },
      },
    },
    (req) => {
      const actor = requireActor(req);
      const { parentId, q, kind, activeOnly, limit } = req.query;
      if (parentId) return org.listChildren(actor, parentId);
      return org.search(actor, {
        q,
        kind: kind === undefined ? undefined : Array.isArray(kind) ? kind : [kind],
        activeOnly: activeOnly === 'true',
        limit,
      });
    },
  );

  r.get('/api/org/units/:id', { schema: { tags, params: idParamsSchema, response: { 200: unitWithAncestors } } }, async (req, reply) =>
    withEtag(reply, await org.get(requireActor(req), req.params.id)),
  );
  r.post('/api/org/units', { schema: { tags, body: createOrgUnitSchema, response: { 201: orgUnitSchema } } }, async (req, reply) => {
    reply.status(201);
    return org.create(requireActor(req), req.body);
  });
  r.patch(
    '/api/org/units/:id',
    {
      schema: { tags, headers: ifMatchHeadersSchema, params: idParamsSchema, body: updateOrgUnitSchema, response: { 200: orgUnitSchema } },
    },
    async (req, reply) => withEtag(reply, await org.update(requireActor(req), req.params.id, req.body, ifMatchOf(req))),
  );
  r.post(
    '/api/org/units/:id/move',
    { schema: { tags, params: idParamsSchema, body: moveOrgUnitSchema, response: { 200: orgUnitSchema } } },
    (req) => org.move(requireActor(req), req.params.id, req.body.parentId, req.body.code),
  );
  r.post('/api/org/units/:id/deactivate', { schema: { tags, params: idParamsSchema, response: { 200: orgUnitSchema } } }, (req) =>
    org.setActive(requireActor(req), req.params.id, false),
  );
  r.post('/api/org/units/:id/activate', { schema: { tags, params: idParamsSchema, response: { 200: orgUnitSchema } } }, (req) =>
    org.setActive(requireActor(req), req.params.id, true),
  );

  const userTags = ['users'];
  r.get(
    '/api/users',
    {
      schema: {
        tags: userTags,
        querystring: pageQuerySchema.extend({ q: z.string().trim().max(50).optional() }),
        response: { 200: pageOf(userSchema) },
      },
    },
    (req) => users.list(requireActor(req), req.query),
  );
  r.get('/api/users/:id', { schema: { tags: userTags, params: idParamsSchema, response: { 200: userSchema } } }, async (req, reply) =>
    withEtag(reply, await users.get(requireActor(req), req.params.id)),
  );
  r.post('/api/users', { schema: { tags: userTags, body: createUserSchema, response: { 201: userWithPassword } } }, async (req, reply) => {
    reply.status(201);
    return users.create(requireActor(req), req.body);
  });
  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags: userTags,
        headers: ifMatchHeadersSchema,
        params: idParamsSchema,
        body: updateUserSchema,
        response: { 200: userSchema },
      },
    },
    async (req, reply) => withEtag(reply, await users.update(requireActor(req), req.params.id, req.body, ifMatchOf(req))),
  );
  r.post(
    '/api/users/:id/reset-password',
    { schema: { tags: userTags, params: idParamsSchema, response: { 200: z.object({ initialPassword: z.string() }) } } },
    (req) => users.resetPassword(requireActor(req), req.params.id),
  );
  r.post(
    '/api/users/:id/reset-second-factor',
    { schema: { tags: userTags, params: idParamsSchema, response: { 200: userSchema } } },
    (req) => users.resetSecondFactor(requireActor(req), req.params.id),
  );
  r.post('/api/users/:id/unlock', { schema: { tags: userTags, params: idParamsSchema, response: { 200: userSchema } } }, (req) =>
    users.unlock(requireActor(req), req.params.id),
  );
  r.post(
    '/api/users/:id/roles',
    { schema: { tags: userTags, params: idParamsSchema, body: assignRoleSchema, response: { 200: userSchema } } },
    (req) => users.assignRole(requireActor(req), req.params.id, req.body.role, req.body.orgUnitId),
  );
  r.delete(
    '/api/users/:id/roles/:assignmentId',
    { schema: { tags: userTags, params: z.object({ id: idSchema, assignmentId: idSchema }), response: { 200: userSchema } } },
    (req) => users.revokeRole(requireActor(req), req.params.id, req.params.assignmentId),
  );
}
