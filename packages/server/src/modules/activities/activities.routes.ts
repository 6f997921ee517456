import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addParticipantSchema,
  addTraineeSchema,
  courseListItemSchema,
  courseListQuerySchema,
  courseSchema,
  createCourseSchema,
  createEventSchema,
  createPublicitySchema,
  createSessionSchema,
  eventListItemSchema,
  eventListQuerySchema,
  eventSchema,
  eventTotalsSchema,
  idParamsSchema,
  idSchema,
  okSchema,
  pageOf,
  pageQuerySchema,
  participantSchema,
  publicityListQuerySchema,
  publicitySchema,
  sessionSchema,
  traineeOutcomeSchema,
  traineeSchema,
} from '@jinguo/domain';
import { requireActor } from '../../platform/http.js';
import { ifMatchHeadersSchema, ifMatchOf, withEtag } from '../../platform/versioning.js';
import type { ActivitiesService } from './activities.service.js';
import { FILE_UPLOAD } from '../../platform/input.js';

const jobStarted = z.object({ jobId: z.string() });
const filtersOnly = <T extends z.ZodObject>(s: T) => s.omit({ page: true, pageSize: true } as never);

/** Events, rosters, photos, training and publicity: thin routes, one service call each. */
export function registerActivitiesRoutes(app: FastifyInstance, { activities }: { activities: ActivitiesService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['activities'];
  const eventFilters = filtersOnly(eventListQuerySchema);

  r.get(
    '/api/activities/events',
    { schema: { tags, querystring: eventListQuerySchema, response: { 200: pageOf(eventListItemSchema) } } },
    (req) => activities.listEvents(requireActor(req), req.query),
  );
  r.get('/api/activities/events/totals', { schema: { tags, querystring: eventFilters, response: { 200: eventTotalsSchema } } }, (req) =>
    activities.eventTotals(requireActor(req), req.query as never),
  );
  r.get('/api/activities/events/export', { schema: { tags, querystring: eventFilters } }, (req, reply) =>
    activities.exportEvents(requireActor(req), req.query as never, reply),
  );
  r.get('/api/activities/events/template', { schema: { tags } }, (req, reply) => activities.eventsTemplate(requireActor(req), reply));
  r.post('/api/activities/events/import', { schema: { ...FILE_UPLOAD, tags, response: { 202: jobStarted } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.status(202);
    return activities.importEvents(actor, () => req.file());
  });
  r.post('/api/activities/events', { schema: { tags, body: createEventSchema, response: { 201: eventSchema } } }, async (req, reply) => {
    reply.status(201);
    return activities.createEvent(requireActor(req), req.body);
  });
  r.get('/api/activities/events/:id', { schema: { tags, params: idParamsSchema, response: { 200: eventSchema } } }, async (req, reply) =>
    withEtag(reply, await activities.getEvent(requireActor(req), req.params.id)),
  );
  r.put(
    '/api/activities/events/:id',
    { schema: { tags, headers: ifMatchHeadersSchema, params: idParamsSchema, body: createEventSchema, response: { 200: eventSchema } } },
    async (req, reply) => withEtag(reply, await activities.updateEvent(requireActor(req), req.params.id, req.body, ifMatchOf(req))),
  );
  r.delete('/api/activities/events/:id', { schema: { tags, params: idParamsSchema, response: { 200: okSchema } } }, (req) =>
    activities.deleteEvent(requireActor(req), req.params.id),
  );

  r.get(
    '/api/activities/events/:id/participants',
    { schema: { tags, params: idParamsSchema, querystring: pageQuerySchema, response: { 200: pageOf(participantSchema) } } },
    (req) => activities.listParticipants(requireActor(req), req.params.id, req.query),
  );
  r.post(
    '/api/activities/events/:id/participants',
    { schema: { tags, params: idParamsSchema, body: addParticipantSchema, response: { 200: eventSchema } } },
    (req) => activities.addParticipant(requireActor(req), req.params.id, req.body),
  );
  r.delete(
    '/api/activities/events/:id/participants/:participantId',
    { schema: { tags, params: z.object({ id: idSchema, participantId: idSchema }), response: { 200: eventSchema } } },
    (req) => activities.removeParticipant(requireActor(req), req.params.id, req.params.participantId),
  );
  r.get('/api/activities/events/:id/participants/template', { schema: { tags, params: idParamsSchema } }, (req, reply) => {
    requireActor(req);
    return activities.participantsTemplate(reply);
  });
  r.post(
    '/api/activities/events/:id/participants/import',
    { schema: { ...FILE_UPLOAD, tags, params: idParamsSchema, response: { 202: jobStarted } } },
    async (req, reply) => {
      const actor = requireActor(req);
      reply.status(202);
      return activities.importParticipants(actor, req.params.id, () => req.file());
    },
  );
  r.get('/api/activities/events/:id/participants/export', { schema: { tags, params: idParamsSchema } }, (req, reply) =>
    activities.exportParticipants(requireActor(req), req.params.id, reply),
  );

  r.post(
    '/api/activities/events/:id/photos',
    {
      schema: {
        ...FILE_UPLOAD,
        tags,
        params: idParamsSchema,
        querystring: z.object({ caption: z.string().max(200).optional() }),
        response: { 200: eventSchema },
      },
    },
    (req) => activities.uploadPhoto(requireActor(req), req.params.id, () => req.file(), req.query.caption ?? null),
  );
  r.get(
    '/api/activities/events/:id/photos/:photoId',
    { schema: { tags, params: z.object({ id: idSchema, photoId: idSchema }) } },
    async (req, reply) => {
      const photo = await activities.openPhoto(requireActor(req), req.params.id, req.params.photoId);
      return reply
        .header('content-type', photo.mime)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(photo.fileName)}`)
        .header('cache-control', 'private, no-store')
        .send(photo.body);
    },
  );
  r.delete(
    '/api/activities/events/:id/photos/:photoId',
    { schema: { tags, params: z.object({ id: idSchema, photoId: idSchema }), response: { 200: eventSchema } } },
    (req) => activities.deletePhoto(requireActor(req), req.params.id, req.params.photoId),
  );

  const courseFilters = filtersOnly(courseListQuerySchema);
  r.get(
    '/api/activities/courses',
    { schema: { tags, querystring: courseListQuerySchema, response: { 200: pageOf(courseListItemSchema) } } },
    (req) => activities.listCourses(requireActor(req), req.query),
  );
  r.get('/api/activities/courses/export', { schema: { tags, querystring: courseFilters } }, (req, reply) =>
    activities.exportCourses(requireActor(req), req.query as never, reply),
  );
  r.get('/api/activities/courses/template', { schema: { tags } }, (req, reply) => activities.coursesTemplate(requireActor(req), reply));
  r.post('/api/activities/courses/import', { schema: { ...FILE_UPLOAD, tags, response: { 202: jobStarted } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.status(202);
    return activities.importCourses(actor, () => req.file());
  });
  r.post('/api/activities/courses', { schema: { tags, body: createCourseSchema, response: { 201: courseSchema } } }, async (req, reply) => {
    reply.status(201);
    return activities.createCourse(requireActor(req), req.body);
  });
  r.get('/api/activities/courses/:id', { schema: { tags, params: idParamsSchema, response: { 200: courseSchema } } }, async (req, reply) =>
    withEtag(reply, await activities.getCourse(requireActor(req), req.params.id)),
  );
  r.put(
    '/api/activities/courses/:id',
    { schema: { tags, headers: ifMatchHeadersSchema, params: idParamsSchema, body: createCourseSchema, response: { 200: courseSchema } } },
    async (req, reply) => withEtag(reply, await activities.updateCourse(requireActor(req), req.params.id, req.body, ifMatchOf(req))),
  );
  r.post(
    '/api/activities/courses/:id/sessions',
    { schema: { tags, params: idParamsSchema, body: createSessionSchema, response: { 201: sessionSchema } } },
    async (req, reply) => {
      reply.status(201);
      return activities.createSession(requireActor(req), req.params.id, req.body);
    },
  );
  r.put(
    '/api/activities/sessions/:id',
    { schema: { tags, params: idParamsSchema, body: createSessionSchema, response: { 200: courseSchema } } },
    (req) => activities.updateSession(requireActor(req), req.params.id, req.body),
  );
  r.get(
    '/api/activities/sessions/:id/trainees',
    { schema: { tags, params: idParamsSchema, response: { 200: z.array(traineeSchema) } } },
    (req) => activities.listTrainees(requireActor(req), req.params.id),
  );
  r.post(
    '/api/activities/sessions/:id/trainees',
    { schema: { tags, params: idParamsSchema, body: addTraineeSchema, response: { 201: traineeSchema } } },
    async (req, reply) => {
      reply.status(201);
      return activities.addTrainee(requireActor(req), req.params.id, req.body);
    },
  );
  r.get('/api/activities/sessions/:id/trainees/template', { schema: { tags, params: idParamsSchema } }, (req, reply) => {
    requireActor(req);
    return activities.traineesTemplate(reply);
  });
  r.post(
    '/api/activities/sessions/:id/trainees/import',
    { schema: { ...FILE_UPLOAD, tags, params: idParamsSchema, response: { 202: jobStarted } } },
    async (req, reply) => {
      const actor = requireActor(req);
      reply.status(202);
      return activities.importTrainees(actor, req.params.id, () => req.file());
    },
  );
  r.get('/api/activities/sessions/:id/trainees/export', { schema: { tags, params: idParamsSchema } }, (req, reply) =>
    activities.exportTrainees(requireActor(req), req.params.id, reply),
  );
  r.put(
    '/api/activities/trainees/:id/outcome',
    { schema: { tags, params: idParamsSchema, body: traineeOutcomeSchema, response: { 200: traineeSchema } } },
    (req) => activities.setOutcome(requireActor(req), req.params.id, req.body),
  );
  r.put(
    '/api/activities/trainees/:id/attendance',
    { schema: { tags, params: idParamsSchema, body: z.strictObject({ attended: z.boolean() }), response: { 200: traineeSchema } } },
    (req) => activities.setAttendance(requireActor(req), req.params.id, req.body.attended),
  );
  r.delete('/api/activities/trainees/:id', { schema: { tags, params: idParamsSchema, response: { 200: okSchema } } }, (req) =>
    activities.removeTrainee(requireActor(req), req.params.id),
  );

  const publicityFilters = filtersOnly(publicityListQuerySchema);
  r.get(
    '/api/activities/publicity',
    { schema: { tags, querystring: publicityListQuerySchema, response: { 200: pageOf(publicitySchema) } } },
    (req) => activities.listPublicity(requireActor(req), req.query),
  );
  r.get('/api/activities/publicity/export', { schema: { tags, querystring: publicityFilters } }, (req, reply) =>
    activities.exportPublicity(requireActor(req), req.query as never, reply),
  );
  r.get('/api/activities/publicity/template', { schema: { tags } }, (req, reply) => activities.publicityTemplate(requireActor(req), reply));
  r.post('/api/activities/publicity/import', { schema: { ...FILE_UPLOAD, tags, response: { 202: jobStarted } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.status(202);
    return activities.importPublicity(actor, () => req.file());
  });
  r.post(
    '/api/activities/publicity',
    { schema: { tags, body: createPublicitySchema, response: { 201: publicitySchema } } },
    async (req, reply) => {
      reply.status(201);
      return activities.createPublicity(requireActor(req), req.body);
    },
  );
  r.delete('/api/activities/publicity/:id', { schema: { tags, params: idParamsSchema, response: { 200: okSchema } } }, (req) =>
    activities.deletePublicity(requireActor(req), req.params.id),
  );
}
