import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agencyReferralSchema,
  caseActionInputSchema,
  caseCategoriesInputSchema,
  caseCategorySchema,
  caseDetailSchema,
  caseListItemSchema,
  caseListQuerySchema,
  caseConsentInputSchema,
  createCaseSchema,
  extendCaseSchema,
  handoverInputSchema,
  handoverPressSchema,
  handoverReportSchema,
  handoverTargetSchema,
  withdrawConsentSchema,
  holidayInputSchema,
  holidayParamsSchema,
  holidaySchema,
  idParamsSchema,
  idSchema,
  overdueBoardSchema,
  pageOf,
  pageQuerySchema,
  personRevealSchema,
  referralAcceptSchema,
  referralDeclineSchema,
  referralLetterSchema,
  referralOutcomeSchema,
  referralRevokeSchema,
  referralSchema,
  riskAssessmentSchema,
  RISK_LEVELS,
  sendReferralSchema,
  transitionBodySchemas,
  updateCaseSchema,
  CASE_TRANSITION_NAMES,
  type CaseTransition,
} from '@jinguo/domain';
import { idempotencyHeadersSchema, type Idempotency } from '../../platform/idempotency.js';
import { ifMatchHeadersSchema, ifMatchOf, withEtag } from '../../platform/versioning.js';
import { requireActor } from '../../platform/http.js';
import type { CasesService } from './cases.service.js';

const RESPONSES = ['accept', 'decline', 'outcome'] as const;
const RESPONSE_BODIES = { accept: referralAcceptSchema, decline: referralDeclineSchema, outcome: referralOutcomeSchema } as const;

function origin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

export function registerCasesRoutes(app: FastifyInstance, { cases, idempotency }: { cases: CasesService; idempotency: Idempotency }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  const listQuery = caseListQuerySchema.extend({ applicantId: idSchema.optional() });

  r.get('/api/cases', { schema: { tags, querystring: listQuery, response: { 200: pageOf(caseListItemSchema) } } }, (req) =>
    cases.list(requireActor(req), req.query),
  );
  r.get('/api/cases/export.xlsx', { schema: { tags, querystring: caseListQuerySchema } }, (req, reply) =>
    cases.exportList(requireActor(req), req.query, reply),
  );
  r.post(
    '/api/cases',
    {
      schema: {
        tags,
        headers: idempotencyHeadersSchema,
        body: createCaseSchema,
        response: { 201: z.object({ id: z.string(), caseNo: z.string() }) },
      },
    },
    (req, reply) =>
      idempotency.run(req, reply, {
        status: 201,
        write: (idem) => cases.register(requireActor(req), req.body, idem),
        replay: async (id) => {
          const c = await cases.get(requireActor(req), id);
          return { id: c.id, caseNo: c.caseNo };
        },
      }),
  );
  r.get('/api/cases/categories', { schema: { tags, response: { 200: z.array(caseCategorySchema) } } }, (req) =>
    cases.listCategories(requireActor(req)),
  );
  r.put(
    '/api/cases/categories',
    { schema: { tags, body: caseCategoriesInputSchema, response: { 200: z.array(caseCategorySchema) } } },
    (req) => cases.saveCategories(requireActor(req), req.body.categories),
  );
  r.get('/api/cases/overdue', { schema: { tags, response: { 200: overdueBoardSchema } } }, (req) => cases.overdueBoard(requireActor(req)));

  r.get('/api/cases/:id', { schema: { tags, params: idParamsSchema, response: { 200: caseDetailSchema } } }, async (req, reply) =>
    withEtag(reply, await cases.get(requireActor(req), req.params.id)),
  );
  r.patch(
    '/api/cases/:id',
    {
      schema: { tags, headers: ifMatchHeadersSchema, params: idParamsSchema, body: updateCaseSchema, response: { 200: caseDetailSchema } },
    },
    async (req, reply) => withEtag(reply, await cases.update(requireActor(req), req.params.id, req.body, ifMatchOf(req))),
  );
  r.post('/api/cases/:id/reveal-applicant', { schema: { tags, params: idParamsSchema, response: { 200: personRevealSchema } } }, (req) =>
    cases.revealApplicant(requireActor(req), req.params.id),
  );
  r.post(
    '/api/cases/:id/risk',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: riskAssessmentSchema,
        response: { 200: z.object({ level: z.enum(RISK_LEVELS), label: z.string(), yes: z.number(), critical: z.number() }) },
      },
    },
    (req) => cases.assessRisk(requireActor(req), req.params.id, req.body.answers, req.body.date),
  );
  for (const t of CASE_TRANSITION_NAMES) {
    r.post(
      `/api/cases/:id/${t}`,
      { schema: { tags, params: idParamsSchema, body: transitionBodySchemas[t], response: { 200: caseDetailSchema } } },
      (req) => cases.transition(requireActor(req), req.params.id, t as CaseTransition, req.body as never),
    );
  }
  // 转送/交办 to a federation unit below, 报结 by the receiving unit, 督办 by the sender (cases.handovers.service.ts).
  r.get(
    '/api/cases/:id/handover-targets',
    { schema: { tags, params: idParamsSchema, response: { 200: z.array(handoverTargetSchema) } } },
    (req) => cases.handoverTargets(requireActor(req), req.params.id),
  );
  r.post(
    '/api/cases/:id/handover',
    {
      schema: {
        tags,
        headers: ifMatchHeadersSchema,
        params: idParamsSchema,
        body: handoverInputSchema,
        response: { 200: caseDetailSchema },
      },
    },
    async (req, reply) => withEtag(reply, await cases.handOver(requireActor(req), req.params.id, req.body, ifMatchOf(req))),
  );
  r.post(
    '/api/cases/:id/handover/report',
    {
      schema: {
        tags,
        headers: ifMatchHeadersSchema,
        params: idParamsSchema,
        body: handoverReportSchema,
        response: { 200: caseDetailSchema },
      },
    },
    async (req, reply) => withEtag(reply, await cases.reportHandover(requireActor(req), req.params.id, req.body, ifMatchOf(req))),
  );
  r.post(
    '/api/cases/:id/handover/press',
    {
      schema: {
        tags,
        headers: ifMatchHeadersSchema,
        params: idParamsSchema,
        body: handoverPressSchema,
        response: { 200: caseDetailSchema },
      },
    },
    async (req, reply) => withEtag(reply, await cases.pressHandover(requireActor(req), req.params.id, req.body, ifMatchOf(req))),
  );
  r.post(
    '/api/cases/:id/extend',
    { schema: { tags, params: idParamsSchema, body: extendCaseSchema, response: { 200: caseDetailSchema } } },
    (req) => cases.extend(requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/cases/:id/actions',
    { schema: { tags, params: idParamsSchema, body: caseActionInputSchema, response: { 201: caseDetailSchema } } },
    async (req, reply) => {
      reply.status(201);
      return cases.addAction(requireActor(req), req.params.id, req.body);
    },
  );
  r.post(
    '/api/cases/:id/consents',
    { schema: { tags, params: idParamsSchema, body: caseConsentInputSchema, response: { 201: z.object({ id: z.string() }) } } },
    async (req, reply) => {
      reply.status(201);
      return cases.addConsent(requireActor(req), req.params.id, req.body);
    },
  );
  r.post(
    '/api/cases/:id/consents/:consentId/withdraw',
    {
      schema: {
        tags,
        params: z.object({ id: idSchema, consentId: idSchema }),
        body: withdrawConsentSchema,
        response: { 200: caseDetailSchema },
      },
    },
    (req) => cases.withdrawConsent(requireActor(req), req.params.id, req.params.consentId, req.body?.date),
  );
  r.post(
    '/api/cases/:id/referrals',
    {
      schema: {
        tags,
        headers: idempotencyHeadersSchema,
        params: idParamsSchema,
        body: sendReferralSchema,
        response: { 201: referralSchema },
      },
    },
    (req, reply) =>
      idempotency.run(req, reply, {
        status: 201,
        write: (idem) => cases.sendReferral(requireActor(req), req.params.id, req.body, idem),
        replay: (referralId) => cases.getReferral(requireActor(req), req.params.id, referralId),
      }),
  );
  r.post(
    '/api/referrals/:id/revoke',
    { schema: { tags, params: idParamsSchema, body: referralRevokeSchema, response: { 200: referralSchema } } },
    (req) => cases.revokeReferral(requireActor(req), req.params.id, req.body.reason),
  );
  r.post('/api/referrals/:id/letter', { schema: { tags, params: idParamsSchema, response: { 200: referralLetterSchema } } }, (req) =>
    cases.issueLetter(requireActor(req), req.params.id, origin(req)),
  );

  const agencyTags = ['agency'];
  r.get(
    '/api/agency/referrals',
    {
      schema: {
        tags: agencyTags,
        querystring: pageQuerySchema.extend({ status: z.enum(['open', 'closed']).optional() }),
        response: { 200: pageOf(agencyReferralSchema) },
      },
    },
    (req) => cases.inbox(requireActor(req), req.query),
  );
  r.get(
    '/api/agency/referrals/:id',
    { schema: { tags: agencyTags, params: idParamsSchema, response: { 200: agencyReferralSchema } } },
    (req) => cases.agencyGet(requireActor(req), req.params.id),
  );
  for (const kind of RESPONSES) {
    r.post(
      `/api/agency/referrals/:id/${kind}`,
      { schema: { tags: agencyTags, params: idParamsSchema, body: RESPONSE_BODIES[kind], response: { 200: agencyReferralSchema } } },
      (req) => cases.agencyRespond(requireActor(req), req.params.id, kind, req.body as never),
    );
  }

  // The one-time link of a printed 转介函: no account, scoped by the token alone (it names no referral id).
  const tokenParams = z.object({ token: z.string().max(200) });
  r.get(
    '/api/public/referral-links/:token',
    { schema: { tags: agencyTags, params: tokenParams, response: { 200: agencyReferralSchema } } },
    (req) => cases.linkGet(req.params.token, req.ip),
  );
  for (const kind of RESPONSES) {
    r.post(
      `/api/public/referral-links/:token/${kind}`,
      { schema: { tags: agencyTags, params: tokenParams, body: RESPONSE_BODIES[kind], response: { 200: agencyReferralSchema } } },
      (req) => cases.linkRespond(req.params.token, req.ip, kind, req.body as never),
    );
  }

  const holidayTags = ['holidays'];
  r.get(
    '/api/holidays',
    {
      schema: {
        tags: holidayTags,
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: z.array(holidaySchema) },
      },
    },
    (req) => cases.listHolidays(requireActor(req), req.query.year),
  );
  r.put(
    '/api/holidays/:date',
    {
      schema: {
        tags: holidayTags,
        params: holidayParamsSchema,
        body: holidayInputSchema,
        response: { 200: z.object({ recomputed: z.number() }) },
      },
    },
    (req) => cases.setHoliday(requireActor(req), req.params.date, req.body),
  );
  r.delete(
    '/api/holidays/:date',
    { schema: { tags: holidayTags, params: holidayParamsSchema, response: { 200: z.object({ recomputed: z.number() }) } } },
    (req) => cases.setHoliday(requireActor(req), req.params.date, null),
  );
}
