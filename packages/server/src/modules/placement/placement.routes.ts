import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addExportMembersSchema,
  createEmployerSchema,
  createExportBatchSchema,
  createJobReferralSchema,
  createSeekerSchema,
  createVacancySchema,
  employerContactSchema,
  employerListQuerySchema,
  employerSchema,
  exportBatchDetailSchema,
  exportBatchSchema,
  idParamsSchema,
  idSchema,
  jobReferralListQuerySchema,
  jobReferralOutcomeSchema,
  jobReferralSchema,
  pageOf,
  recordFollowUpSchema,
  seekerDetailSchema,
  seekerListQuerySchema,
  seekerMatchSchema,
  seekerSchema,
  seekerTrainingInputSchema,
  traineeRecordSchema,
  updateEmployerSchema,
  updateExportMemberSchema,
  updateSeekerSchema,
  updateVacancySchema,
  vacancyListQuerySchema,
  vacancyMatchSchema,
  vacancySchema,
} from '@jinguo/domain';
import { requireActor } from '../../platform/http.js';
import { FILE_UPLOAD } from '../../platform/input.js';
import type { EmployersService } from './employers.service.js';
import type { ExportsService } from './exports.service.js';
import type { ReferralsService } from './referrals.service.js';
import type { SeekersService } from './seekers.service.js';

const jobStarted = z.object({ jobId: z.string() });
const memberParams = z.object({ id: idSchema, memberId: idSchema });
const filtersOf = <T extends z.ZodObject>(s: T) => s.omit({ page: true, pageSize: true } as never);

export type PlacementServices = {
  employers: EmployersService;
  seekers: SeekersService;
  referrals: ReferralsService;
  exports: ExportsService;
};

/** /api/placement: employers and vacancies, job seekers, matching and referrals, 劳务输出. One service call per route. */
export function registerPlacementRoutes(app: FastifyInstance, { employers, seekers, referrals, exports }: PlacementServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['placement'];
  const base = '/api/placement';

  // ------------------------------------------------------------ employers
  r.get(`${base}/employers`, { schema: { tags, querystring: employerListQuerySchema, response: { 200: pageOf(employerSchema) } } }, (req) =>
    employers.listEmployers(requireActor(req), req.query),
  );
  r.get(`${base}/employers/export`, { schema: { tags, querystring: filtersOf(employerListQuerySchema) } }, (req, reply) =>
    employers.exportEmployers(requireActor(req), req.query as never, reply),
  );
  r.get(`${base}/employers/template`, { schema: { tags } }, (req, reply) => {
    requireActor(req);
    return employers.employersTemplate(reply);
  });
  r.post(`${base}/employers/import`, { schema: { ...FILE_UPLOAD, tags, response: { 202: jobStarted } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.status(202);
    return employers.importEmployers(actor, () => req.file());
  });
  r.post(`${base}/employers`, { schema: { tags, body: createEmployerSchema, response: { 201: employerSchema } } }, async (req, reply) => {
    reply.status(201);
    return employers.createEmployer(requireActor(req), req.body);
  });
  r.get(`${base}/employers/:id`, { schema: { tags, params: idParamsSchema, response: { 200: employerSchema } } }, (req) =>
    employers.getEmployer(requireActor(req), req.params.id),
  );
  r.patch(
    `${base}/employers/:id`,
    { schema: { tags, params: idParamsSchema, body: updateEmployerSchema, response: { 200: employerSchema } } },
    (req) => employers.updateEmployer(requireActor(req), req.params.id, req.body),
  );
  r.get(`${base}/employers/:id/contact`, { schema: { tags, params: idParamsSchema, response: { 200: employerContactSchema } } }, (req) =>
    employers.revealContact(requireActor(req), req.params.id),
  );

  // ------------------------------------------------------------ vacancies
  r.get(`${base}/vacancies`, { schema: { tags, querystring: vacancyListQuerySchema, response: { 200: pageOf(vacancySchema) } } }, (req) =>
    employers.listVacancies(requireActor(req), req.query),
  );
  r.get(`${base}/vacancies/export`, { schema: { tags, querystring: filtersOf(vacancyListQuerySchema) } }, (req, reply) =>
    employers.exportVacancies(requireActor(req), req.query as never, reply),
  );
  r.post(`${base}/vacancies`, { schema: { tags, body: createVacancySchema, response: { 201: vacancySchema } } }, async (req, reply) => {
    reply.status(201);
    return employers.createVacancy(requireActor(req), req.body);
  });
  r.get(`${base}/vacancies/:id`, { schema: { tags, params: idParamsSchema, response: { 200: vacancySchema } } }, (req) =>
    employers.getVacancy(requireActor(req), req.params.id),
  );
  r.patch(
    `${base}/vacancies/:id`,
    { schema: { tags, params: idParamsSchema, body: updateVacancySchema, response: { 200: vacancySchema } } },
    (req) => employers.updateVacancy(requireActor(req), req.params.id, req.body),
  );
  r.get(
    `${base}/vacancies/:id/matches`,
    { schema: { tags, params: idParamsSchema, response: { 200: z.array(seekerMatchSchema) } } },
    (req) => referrals.matchesForVacancy(requireActor(req), req.params.id),
  );
  r.post(
    `${base}/vacancies/:id/referrals`,
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: createJobReferralSchema.omit({ vacancyId: true }),
        response: { 201: jobReferralSchema },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return referrals.createReferral(requireActor(req), req.params.id, req.body);
    },
  );

  // ------------------------------------------------------------ job seekers
  r.get(`${base}/seekers`, { schema: { tags, querystring: seekerListQuerySchema, response: { 200: pageOf(seekerSchema) } } }, (req) =>
    seekers.listSeekers(requireActor(req), req.query),
  );
  r.get(`${base}/seekers/export`, { schema: { tags, querystring: filtersOf(seekerListQuerySchema) } }, (req, reply) =>
    seekers.exportSeekers(requireActor(req), req.query as never, reply),
  );
  r.get(`${base}/seekers/template`, { schema: { tags } }, (req, reply) => {
    requireActor(req);
    return seekers.seekersTemplate(reply);
  });
  r.post(`${base}/seekers/import`, { schema: { ...FILE_UPLOAD, tags, response: { 202: jobStarted } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.status(202);
    return seekers.importSeekers(actor, () => req.file());
  });
  r.post(`${base}/seekers`, { schema: { tags, body: createSeekerSchema, response: { 201: seekerDetailSchema } } }, async (req, reply) => {
    reply.status(201);
    return seekers.createSeeker(requireActor(req), req.body);
  });
  r.get(`${base}/seekers/:id`, { schema: { tags, params: idParamsSchema, response: { 200: seekerDetailSchema } } }, (req) =>
    seekers.getSeeker(requireActor(req), req.params.id),
  );
  r.patch(
    `${base}/seekers/:id`,
    { schema: { tags, params: idParamsSchema, body: updateSeekerSchema, response: { 200: seekerDetailSchema } } },
    (req) => seekers.updateSeeker(requireActor(req), req.params.id, req.body),
  );
  r.post(
    `${base}/seekers/:id/trainings`,
    { schema: { tags, params: idParamsSchema, body: seekerTrainingInputSchema, response: { 200: seekerDetailSchema } } },
    (req) => seekers.addTraining(requireActor(req), req.params.id, req.body),
  );
  r.get(
    `${base}/seekers/:id/trainee-records`,
    { schema: { tags, params: idParamsSchema, response: { 200: z.array(traineeRecordSchema) } } },
    (req) => seekers.traineeRecords(requireActor(req), req.params.id),
  );
  r.get(
    `${base}/seekers/:id/matches`,
    { schema: { tags, params: idParamsSchema, response: { 200: z.array(vacancyMatchSchema) } } },
    (req) => referrals.matchesForSeeker(requireActor(req), req.params.id),
  );

  // ------------------------------------------------------------ referrals
  r.get(
    `${base}/referrals`,
    { schema: { tags, querystring: jobReferralListQuerySchema, response: { 200: pageOf(jobReferralSchema) } } },
    (req) => referrals.listReferrals(requireActor(req), req.query),
  );
  r.get(`${base}/referrals/export`, { schema: { tags, querystring: filtersOf(jobReferralListQuerySchema) } }, (req, reply) =>
    referrals.exportReferrals(requireActor(req), req.query as never, reply),
  );
  r.put(
    `${base}/referrals/:id/outcome`,
    { schema: { tags, params: idParamsSchema, body: jobReferralOutcomeSchema, response: { 200: jobReferralSchema } } },
    (req) => referrals.recordOutcome(requireActor(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------ 劳务输出
  r.get(
    `${base}/exports`,
    {
      schema: {
        tags,
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: z.array(exportBatchSchema) },
      },
    },
    (req) => exports.listBatches(requireActor(req), req.query.year),
  );
  r.post(
    `${base}/exports`,
    { schema: { tags, body: createExportBatchSchema, response: { 201: exportBatchDetailSchema } } },
    async (req, reply) => {
      reply.status(201);
      return exports.createBatch(requireActor(req), req.body);
    },
  );
  r.get(`${base}/exports/:id`, { schema: { tags, params: idParamsSchema, response: { 200: exportBatchDetailSchema } } }, (req) =>
    exports.getBatch(requireActor(req), req.params.id),
  );
  r.post(
    `${base}/exports/:id/members`,
    { schema: { tags, params: idParamsSchema, body: addExportMembersSchema, response: { 200: exportBatchDetailSchema } } },
    (req) => exports.addMembers(requireActor(req), req.params.id, req.body),
  );
  r.get(`${base}/exports/:id/members/export`, { schema: { tags, params: idParamsSchema } }, (req, reply) =>
    exports.exportMembers(requireActor(req), req.params.id, reply),
  );
  r.patch(
    `${base}/exports/:id/members/:memberId`,
    { schema: { tags, params: memberParams, body: updateExportMemberSchema, response: { 200: exportBatchDetailSchema } } },
    (req) => exports.updateMember(requireActor(req), req.params.id, req.params.memberId, req.body),
  );
  r.post(
    `${base}/exports/:id/members/:memberId/follow-ups`,
    { schema: { tags, params: memberParams, body: recordFollowUpSchema, response: { 200: exportBatchDetailSchema } } },
    (req) => exports.recordFollowUp(requireActor(req), req.params.id, req.params.memberId, req.body),
  );
}
