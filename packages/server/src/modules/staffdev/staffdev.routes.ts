import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createCertificateSchema,
  createDegreeSchema,
  createStaffSchema,
  createTrainingRecordSchema,
  idParamsSchema,
  idSchema,
  pageOf,
  staffDetailSchema,
  staffListQuerySchema,
  staffSchema,
  updateDegreeSchema,
  updateStaffSchema,
} from '@jinguo/domain';
import { requireActor } from '../../platform/http.js';
import { FILE_UPLOAD } from '../../platform/input.js';
import type { StaffdevService } from './staffdev.service.js';

const jobStarted = z.object({ jobId: z.string() });
const recordParams = z.object({ id: idSchema, recordId: idSchema });
const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

/** /api/staffdev: the staff register and each person's trainings, degree studies and certificates. */
export function registerStaffdevRoutes(app: FastifyInstance, { staffdev }: { staffdev: StaffdevService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['staffdev'];
  const base = '/api/staffdev';

  r.get(`${base}/staff`, { schema: { tags, querystring: staffListQuerySchema, response: { 200: pageOf(staffSchema) } } }, (req) =>
    staffdev.listStaff(requireActor(req), req.query),
  );
  r.get(
    `${base}/staff/export`,
    { schema: { tags, querystring: staffListQuerySchema.omit({ page: true, pageSize: true }) } },
    (req, reply) => staffdev.exportStaff(requireActor(req), req.query, reply),
  );
  r.get(`${base}/staff/template`, { schema: { tags } }, (req, reply) => {
    requireActor(req);
    return staffdev.staffTemplate(reply);
  });
  r.post(`${base}/staff/import`, { schema: { ...FILE_UPLOAD, tags, response: { 202: jobStarted } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.status(202);
    return staffdev.importStaff(actor, () => req.file());
  });
  r.get(`${base}/trainings/export`, { schema: { tags, querystring: yearQuery } }, (req, reply) =>
    staffdev.exportTrainings(requireActor(req), req.query.year, reply),
  );
  r.get(`${base}/trainings/template`, { schema: { tags } }, (req, reply) => {
    requireActor(req);
    return staffdev.trainingsTemplate(reply);
  });
  r.post(`${base}/trainings/import`, { schema: { ...FILE_UPLOAD, tags, response: { 202: jobStarted } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.status(202);
    return staffdev.importTrainings(actor, () => req.file());
  });
  r.post(`${base}/staff`, { schema: { tags, body: createStaffSchema, response: { 201: staffDetailSchema } } }, async (req, reply) => {
    reply.status(201);
    return staffdev.createStaff(requireActor(req), req.body);
  });
  r.get(`${base}/staff/:id`, { schema: { tags, params: idParamsSchema, response: { 200: staffDetailSchema } } }, (req) =>
    staffdev.getStaff(requireActor(req), req.params.id),
  );
  r.patch(
    `${base}/staff/:id`,
    { schema: { tags, params: idParamsSchema, body: updateStaffSchema, response: { 200: staffDetailSchema } } },
    (req) => staffdev.updateStaff(requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/staff/:id/trainings`,
    { schema: { tags, params: idParamsSchema, body: createTrainingRecordSchema, response: { 200: staffDetailSchema } } },
    (req) => staffdev.addTraining(requireActor(req), req.params.id, req.body),
  );
  r.delete(
    `${base}/staff/:id/trainings/:recordId`,
    { schema: { tags, params: recordParams, response: { 200: staffDetailSchema } } },
    (req) => staffdev.deleteTraining(requireActor(req), req.params.id, req.params.recordId),
  );
  r.post(
    `${base}/staff/:id/degrees`,
    { schema: { tags, params: idParamsSchema, body: createDegreeSchema, response: { 200: staffDetailSchema } } },
    (req) => staffdev.addDegree(requireActor(req), req.params.id, req.body),
  );
  r.put(
    `${base}/staff/:id/degrees/:recordId`,
    { schema: { tags, params: recordParams, body: updateDegreeSchema, response: { 200: staffDetailSchema } } },
    (req) => staffdev.updateDegree(requireActor(req), req.params.id, req.params.recordId, req.body),
  );
  r.post(
    `${base}/staff/:id/certificates`,
    { schema: { tags, params: idParamsSchema, body: createCertificateSchema, response: { 200: staffDetailSchema } } },
    (req) => staffdev.addCertificate(requireActor(req), req.params.id, req.body),
  );
}
