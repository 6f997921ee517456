import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  answerObjectionSchema,
  awardListQuerySchema,
  awardNominationSchema,
  awardReviewSchema,
  awardSchema,
  businessDateSchema,
  campaignSchema,
  createAwardSchema,
  createCampaignSchema,
  createNominationSchema,
  createPledgeSchema,
  idParamsSchema,
  idSchema,
  nominationDetailSchema,
  nominationListQuerySchema,
  nominationSchema,
  objectionSchema,
  pageOf,
  pledgeListQuerySchema,
  pledgeSchema,
  reviewDecisionSchema,
  revokeAwardSchema,
  standingSchema,
  startNoticeSchema,
  updateCampaignSchema,
} from '@jinguo/domain';
import { ifMatchHeadersSchema, ifMatchOf, withEtag } from '../../platform/versioning.js';
import { requireActor } from '../../platform/http.js';
import type { HonoursService } from './honours.service.js';
import { FILE_UPLOAD } from '../../platform/input.js';

const jobStarted = z.object({ jobId: z.string() });

export function registerHonoursRoutes(app: FastifyInstance, { honours }: { honours: HonoursService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['honours'];

  r.get('/api/honours/campaigns', { schema: { tags, response: { 200: z.array(campaignSchema) } } }, (req) =>
    honours.listCampaigns(requireActor(req)),
  );
  r.post(
    '/api/honours/campaigns',
    { schema: { tags, body: createCampaignSchema, response: { 201: campaignSchema } } },
    async (req, reply) => {
      reply.status(201);
      return honours.createCampaign(requireActor(req), req.body);
    },
  );
  r.patch(
    '/api/honours/campaigns/:id',
    {
      schema: {
        tags,
        headers: ifMatchHeadersSchema,
        params: idParamsSchema,
        body: updateCampaignSchema,
        response: { 200: campaignSchema },
      },
    },
    async (req, reply) => withEtag(reply, await honours.updateCampaign(requireActor(req), req.params.id, req.body, ifMatchOf(req))),
  );
  r.get(
    '/api/honours/campaigns/:id/standing',
    {
      schema: {
        tags,
        params: idParamsSchema,
        querystring: z.object({ asOf: businessDateSchema.optional() }),
        response: { 200: standingSchema },
      },
    },
    (req) => honours.standing(requireActor(req), req.params.id, req.query.asOf),
  );

  r.get(
    '/api/honours/nominations',
    { schema: { tags, querystring: nominationListQuerySchema, response: { 200: pageOf(nominationSchema) } } },
    (req) => honours.listNominations(requireActor(req), req.query),
  );
  r.get(
    '/api/honours/nominations/export',
    { schema: { tags, querystring: nominationListQuerySchema.omit({ page: true, pageSize: true }) } },
    (req, reply) => honours.exportNominations(requireActor(req), req.query, reply),
  );
  r.post(
    '/api/honours/nominations',
    { schema: { tags, body: createNominationSchema, response: { 201: nominationDetailSchema } } },
    async (req, reply) => {
      reply.status(201);
      return honours.nominate(requireActor(req), req.body);
    },
  );
  r.get('/api/honours/nominations/:id', { schema: { tags, params: idParamsSchema, response: { 200: nominationDetailSchema } } }, (req) =>
    honours.getNomination(requireActor(req), req.params.id),
  );
  r.post(
    '/api/honours/nominations/:id/review',
    { schema: { tags, params: idParamsSchema, body: reviewDecisionSchema, response: { 200: nominationDetailSchema } } },
    (req) => honours.review(requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/honours/nominations/:id/notice',
    { schema: { tags, params: idParamsSchema, body: startNoticeSchema, response: { 200: nominationDetailSchema } } },
    (req) => honours.startNotice(requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/honours/nominations/:id/objections',
    { schema: { tags, params: idParamsSchema, body: objectionSchema, response: { 200: nominationDetailSchema } } },
    (req) => honours.recordObjection(requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/honours/nominations/:id/objections/:objectionId/answer',
    {
      schema: {
        tags,
        params: z.object({ id: idSchema, objectionId: idSchema }),
        body: answerObjectionSchema,
        response: { 200: nominationDetailSchema },
      },
    },
    (req) => honours.answerObjection(requireActor(req), req.params.id, req.params.objectionId, req.body),
  );
  r.post(
    '/api/honours/nominations/:id/award',
    { schema: { tags, params: idParamsSchema, body: awardNominationSchema, response: { 200: nominationDetailSchema } } },
    (req) => honours.award(requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/honours/nominations/:id/withdraw',
    { schema: { tags, params: idParamsSchema, response: { 200: nominationDetailSchema } } },
    (req) => honours.withdraw(requireActor(req), req.params.id),
  );

  const awardFilters = awardListQuerySchema.omit({ page: true, pageSize: true });
  r.get('/api/honours/awards', { schema: { tags, querystring: awardListQuerySchema, response: { 200: pageOf(awardSchema) } } }, (req) =>
    honours.listAwards(requireActor(req), req.query),
  );
  r.get('/api/honours/awards/export', { schema: { tags, querystring: awardFilters } }, (req, reply) =>
    honours.exportAwards(requireActor(req), req.query, reply),
  );
  r.get('/api/honours/awards/template', { schema: { tags } }, (req, reply) => honours.awardsTemplate(requireActor(req), reply));
  r.post('/api/honours/awards/import', { schema: { ...FILE_UPLOAD, tags, response: { 202: jobStarted } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.status(202);
    return honours.importAwards(actor, () => req.file());
  });
  r.post('/api/honours/awards', { schema: { tags, body: createAwardSchema, response: { 201: awardSchema } } }, async (req, reply) => {
    reply.status(201);
    return honours.createAward(requireActor(req), req.body);
  });
  r.post(
    '/api/honours/awards/:id/revoke',
    { schema: { tags, params: idParamsSchema, body: revokeAwardSchema, response: { 200: awardSchema } } },
    (req) => honours.revokeAward(requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/honours/awards/:id/reexamine',
    { schema: { tags, params: idParamsSchema, body: awardReviewSchema, response: { 200: awardSchema } } },
    (req) => honours.reviewAward(requireActor(req), req.params.id, req.body),
  );

  const pledgeFilters = pledgeListQuerySchema.omit({ page: true, pageSize: true });
  r.get('/api/honours/pledges', { schema: { tags, querystring: pledgeListQuerySchema, response: { 200: pageOf(pledgeSchema) } } }, (req) =>
    honours.listPledges(requireActor(req), req.query),
  );
  r.get('/api/honours/pledges/export', { schema: { tags, querystring: pledgeFilters } }, (req, reply) =>
    honours.exportPledges(requireActor(req), req.query, reply),
  );
  r.get('/api/honours/pledges/template', { schema: { tags } }, (req, reply) => honours.pledgesTemplate(requireActor(req), reply));
  r.post('/api/honours/pledges/import', { schema: { ...FILE_UPLOAD, tags, response: { 202: jobStarted } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.status(202);
    return honours.importPledges(actor, () => req.file());
  });
  r.post('/api/honours/pledges', { schema: { tags, body: createPledgeSchema, response: { 201: pledgeSchema } } }, async (req, reply) => {
    reply.status(201);
    return honours.createPledge(requireActor(req), req.body);
  });
}
