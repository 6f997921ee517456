import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createMeetingSchema,
  createPairingSchema,
  createSponsorSchema,
  createStudentSchema,
  duePaymentSchema,
  endPairingSchema,
  idParamsSchema,
  idSchema,
  meetingSchema,
  pageOf,
  pairingSchema,
  payTermSchema,
  reverseTermPaymentSchema,
  sponsorSchema,
  studentQuerySchema,
  studentSchema,
  studentStatusSchema,
  termPaymentSchema,
} from '@jinguo/domain';
import { idempotencyHeadersSchema, type Idempotency } from '../../platform/idempotency.js';
import { requireActor } from '../../platform/http.js';
import type { SponsorshipService } from './sponsorship.service.js';

/** 春蕾: students, sponsors, pairings, term payments and pairing meetings — thin routes. */
export function registerSponsorshipRoutes(app: FastifyInstance, s: SponsorshipService, idempotency: Idempotency): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sponsorship'];

  r.get(
    '/api/sponsorship/students',
    { schema: { tags, querystring: studentQuerySchema, response: { 200: pageOf(studentSchema) } } },
    (req) => s.listStudents(requireActor(req), req.query),
  );
  r.post(
    '/api/sponsorship/students',
    { schema: { tags, body: createStudentSchema, response: { 201: studentSchema } } },
    async (req, reply) => {
      const out = await s.createStudent(requireActor(req), req.body);
      reply.status(201);
      return out;
    },
  );
  r.get('/api/sponsorship/students/:id', { schema: { tags, params: idParamsSchema, response: { 200: studentSchema } } }, (req) =>
    s.getStudent(requireActor(req), req.params.id),
  );
  r.post(
    '/api/sponsorship/students/:id/status',
    { schema: { tags, params: idParamsSchema, body: studentStatusSchema, response: { 200: studentSchema } } },
    (req) => s.setStudentStatus(requireActor(req), req.params.id, req.body.status, req.body.reason),
  );

  r.get('/api/sponsorship/sponsors', { schema: { tags, response: { 200: z.array(sponsorSchema) } } }, (req) =>
    s.listSponsors(requireActor(req)),
  );
  r.post(
    '/api/sponsorship/sponsors',
    { schema: { tags, body: createSponsorSchema, response: { 201: sponsorSchema } } },
    async (req, reply) => {
      const out = await s.createSponsor(requireActor(req), req.body);
      reply.status(201);
      return out;
    },
  );

  r.get(
    '/api/sponsorship/pairings',
    {
      schema: {
        tags,
        querystring: z.object({ studentId: idSchema.optional(), sponsorId: idSchema.optional() }),
        response: { 200: z.array(pairingSchema) },
      },
    },
    (req) => s.listPairings(requireActor(req), req.query),
  );
  r.post(
    '/api/sponsorship/pairings',
    { schema: { tags, body: createPairingSchema, response: { 201: pairingSchema } } },
    async (req, reply) => {
      const out = await s.createPairing(requireActor(req), req.body);
      reply.status(201);
      return out;
    },
  );
  r.post(
    '/api/sponsorship/pairings/:id/end',
    { schema: { tags, params: idParamsSchema, body: endPairingSchema, response: { 200: pairingSchema } } },
    (req) => s.endPairing(requireActor(req), req.params.id, req.body.reason),
  );
  r.post(
    '/api/sponsorship/pairings/:id/payments',
    {
      schema: {
        tags,
        headers: idempotencyHeadersSchema,
        params: idParamsSchema,
        body: payTermSchema,
        response: { 201: termPaymentSchema },
      },
    },
    (req, reply) =>
      idempotency.run(req, reply, {
        status: 201,
        write: (idem) => s.payTerm(requireActor(req), req.params.id, req.body, idem),
        replay: (id) => s.getPayment(requireActor(req), id),
      }),
  );

  r.get(
    '/api/sponsorship/payments',
    { schema: { tags, querystring: z.object({ pairingId: idSchema.optional() }), response: { 200: z.array(termPaymentSchema) } } },
    (req) => s.listPayments(requireActor(req), req.query.pairingId),
  );
  r.get('/api/sponsorship/payments/due', { schema: { tags, response: { 200: z.array(duePaymentSchema) } } }, (req) =>
    s.duePayments(requireActor(req)),
  );
  r.post(
    '/api/sponsorship/payments/:id/reverse',
    {
      schema: {
        tags,
        headers: idempotencyHeadersSchema,
        params: idParamsSchema,
        body: reverseTermPaymentSchema,
        response: { 200: termPaymentSchema },
      },
    },
    (req, reply) =>
      idempotency.run(req, reply, {
        status: 200,
        write: (idem) => s.reversePayment(requireActor(req), req.params.id, req.body.reason, idem),
        replay: (id) => s.getPayment(requireActor(req), id),
      }),
  );

  r.get('/api/sponsorship/meetings', { schema: { tags, response: { 200: z.array(meetingSchema) } } }, (req) =>
    s.listMeetings(requireActor(req)),
  );
  r.post(
    '/api/sponsorship/meetings',
    { schema: { tags, body: createMeetingSchema, response: { 201: meetingSchema } } },
    async (req, reply) => {
      const out = await s.createMeeting(requireActor(req), req.body);
      reply.status(201);
      return out;
    },
  );
}
