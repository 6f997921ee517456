import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  beneficiaryHistorySchema,
  createDisbursementSchema,
  createDonationSchema,
  createFundAccountSchema,
  updateFundAccountSchema,
  disbursementQuerySchema,
  disbursementSchema,
  donationQuerySchema,
  donationSchema,
  donorTraceSchema,
  fundAccountSchema,
  fundSummarySchema,
  idParamsSchema,
  fundJournalEntrySchema,
  fundJournalQuerySchema,
  pageOf,
  fundPeriodQuerySchema,
  donationReceiptSchema,
  fundReverseSchema,
} from '@jinguo/domain';
import { idempotencyHeadersSchema, type Idempotency } from '../../platform/idempotency.js';
import { requireActor } from '../../platform/http.js';
import type { FundsService } from './funds.service.js';

/** The ledger's API: thin routes, one service call each. */
export function registerFundsRoutes(app: FastifyInstance, funds: FundsService, idempotency: Idempotency): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['funds'];

  r.get('/api/funds/accounts', { schema: { tags, response: { 200: z.array(fundAccountSchema) } } }, (req) =>
    funds.listAccounts(requireActor(req)),
  );
  r.get('/api/funds/accounts/:id', { schema: { tags, params: idParamsSchema, response: { 200: fundAccountSchema } } }, (req) =>
    funds.getAccount(requireActor(req), req.params.id),
  );
  r.post(
    '/api/funds/accounts',
    { schema: { tags, body: createFundAccountSchema, response: { 201: fundAccountSchema } } },
    async (req, reply) => {
      reply.status(201);
      return funds.createAccount(requireActor(req), req.body);
    },
  );

  r.patch(
    '/api/funds/accounts/:id',
    { schema: { tags, params: idParamsSchema, body: updateFundAccountSchema, response: { 200: fundAccountSchema } } },
    (req) => funds.updateAccount(requireActor(req), req.params.id, req.body),
  );

  r.get(
    '/api/funds/journal',
    { schema: { tags, querystring: fundJournalQuerySchema, response: { 200: pageOf(fundJournalEntrySchema) } } },
    (req) => funds.listJournal(requireActor(req), req.query),
  );

  r.get('/api/funds/donations', { schema: { tags, querystring: donationQuerySchema, response: { 200: pageOf(donationSchema) } } }, (req) =>
    funds.listDonations(requireActor(req), req.query),
  );
  r.post(
    '/api/funds/donations',
    { schema: { tags, headers: idempotencyHeadersSchema, body: createDonationSchema, response: { 201: donationSchema } } },
    (req, reply) =>
      idempotency.run(req, reply, {
        status: 201,
        write: (idem) => funds.recordDonation(requireActor(req), req.body, idem),
        replay: (id) => funds.getDonation(requireActor(req), id),
      }),
  );
  r.get('/api/funds/donations/:id', { schema: { tags, params: idParamsSchema, response: { 200: donationSchema } } }, (req) =>
    funds.getDonation(requireActor(req), req.params.id),
  );
  r.get('/api/funds/donations/:id/receipt', { schema: { tags, params: idParamsSchema, response: { 200: donationReceiptSchema } } }, (req) =>
    funds.receipt(requireActor(req), req.params.id),
  );
  r.get('/api/funds/donations/:id/trace', { schema: { tags, params: idParamsSchema, response: { 200: donorTraceSchema } } }, (req) =>
    funds.trace(requireActor(req), req.params.id),
  );
  r.post(
    '/api/funds/donations/:id/reverse',
    {
      schema: {
        tags,
        headers: idempotencyHeadersSchema,
        params: idParamsSchema,
        body: fundReverseSchema,
        response: { 200: donationSchema },
      },
    },
    (req, reply) =>
      idempotency.run(req, reply, {
        status: 200,
        write: (idem) => funds.reverseDonation(requireActor(req), req.params.id, req.body.reason, idem),
        replay: (id) => funds.getDonation(requireActor(req), id),
      }),
  );

  r.get(
    '/api/funds/disbursements',
    { schema: { tags, querystring: disbursementQuerySchema, response: { 200: pageOf(disbursementSchema) } } },
    (req) => funds.listDisbursements(requireActor(req), req.query),
  );
  r.post(
    '/api/funds/disbursements',
    { schema: { tags, headers: idempotencyHeadersSchema, body: createDisbursementSchema, response: { 201: disbursementSchema } } },
    (req, reply) =>
      idempotency.run(req, reply, {
        status: 201,
        write: (idem) => funds.recordDisbursement(requireActor(req), req.body, idem),
        replay: (id) => funds.getDisbursement(requireActor(req), id),
      }),
  );
  r.get('/api/funds/disbursements/:id', { schema: { tags, params: idParamsSchema, response: { 200: disbursementSchema } } }, (req) =>
    funds.getDisbursement(requireActor(req), req.params.id),
  );
  r.post(
    '/api/funds/disbursements/:id/reverse',
    {
      schema: {
        tags,
        headers: idempotencyHeadersSchema,
        params: idParamsSchema,
        body: fundReverseSchema,
        response: { 200: disbursementSchema },
      },
    },
    (req, reply) =>
      idempotency.run(req, reply, {
        status: 200,
        write: (idem) => funds.reverseDisbursement(requireActor(req), req.params.id, req.body.reason, idem),
        replay: (id) => funds.getDisbursement(requireActor(req), id),
      }),
  );

  r.get(
    '/api/funds/approvers',
    { schema: { tags, response: { 200: z.array(z.object({ id: z.string(), displayName: z.string() })) } } },
    (req) => funds.approvers(requireActor(req)),
  );

  r.get(
    '/api/funds/reports/summary',
    { schema: { tags, querystring: fundPeriodQuerySchema, response: { 200: fundSummarySchema } } },
    (req) => funds.summary(requireActor(req), req.query),
  );
  r.get('/api/funds/beneficiaries/:id', { schema: { tags, params: idParamsSchema, response: { 200: beneficiaryHistorySchema } } }, (req) =>
    funds.beneficiaryHistory(requireActor(req), req.params.id),
  );
}
