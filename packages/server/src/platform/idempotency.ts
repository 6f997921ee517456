import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db, Executor } from '../db/database.js';
import type { Clock } from './clock.js';
import type { FieldCipher } from './crypto.js';
import { fieldError, IdempotencyKeyReusedError, isUniqueViolation } from './errors.js';
import { requireActor } from './http.js';
import * as repo from './idempotency.repository.js';

/**
 * Idempotency-Key (the IETF draft's header, as Stripe uses it) on the POSTs that create money, goods, a payment or a
 * case: a client that never got its answer (a timeout, a crash of the server between commit and reply) sends the same
 * request with the same key again and gets the first answer instead of a second donation.
 *
 * - The key is per user: (user, key) is the primary key of `idempotency_keys`.
 * - The record is inserted by the service INSIDE the write's transaction (`recordIdempotencyKey`): it exists exactly
 *   when the write does, so a crash after the commit still leaves the key taken.
 * - A second request with the key: the same endpoint, parameters and body → the first answer (status and body;
 *   header `Idempotent-Replayed: true`); anything else → 422 IDEMPOTENCY_KEY_REUSED, nothing written.
 * - Two requests at once with one key: both run, the second's insert of the key fails on the primary key (PostgreSQL
 *   waits for the first transaction to commit), its transaction rolls back and it answers as a replay. One write.
 * - A request that fails (400, 409 …) commits nothing, so its key stays free for the corrected request.
 * - Keys are kept 24 hours (`pruneIdempotencyKeys`, run daily by `jinguo serve`).
 */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

/** For a route's schema: documents the header in OpenAPI and checks its form. */
export const idempotencyHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .regex(KEY_PATTERN, { message: 'Idempotency-Key 须为 8–128 位字母、数字或 - _ . :（建议用 UUID）' })
    .optional(),
});

/** What a service receives: it passes it to `recordIdempotencyKey` inside its transaction. */
export type IdempotencyClaim = {
  readonly userId: string;
  readonly key: string;
  readonly endpoint: string;
  readonly requestHash: string;
  readonly statusCode: number;
  readonly createdAt: string;
  recorded: boolean;
};

/** Takes the key in the write's own transaction, naming what the write created (or changed) for a later replay. */
export async function recordIdempotencyKey(trx: Executor, claim: IdempotencyClaim | null | undefined, resultId: string): Promise<void> {
  if (!claim) return;
  try {
    await repo.insertIdempotencyKey(trx, {
      userId: claim.userId,
      idemKey: claim.key,
      endpoint: claim.endpoint,
      requestHash: claim.requestHash,
      statusCode: claim.statusCode,
      resultId,
      responseEnc: null,
      createdAt: claim.createdAt,
    });
  } catch (err) {
    // Its own error, so a service that turns unique violations into 409s cannot mistake it for its own.
    if (isUniqueViolation(err)) throw new IdempotencyKeyTaken();
    throw err;
  }
  claim.recorded = true;
}

/** A request with the same key committed first; this write's transaction rolls back and the caller gets that answer. */
class IdempotencyKeyTaken extends Error {
  constructor() {
    super('idempotency key taken by a concurrent request');
  }
}

/** JSON with object keys sorted, so the same request always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

export type Idempotency = ReturnType<typeof createIdempotency>;

export function createIdempotency({ db, cipher, clock }: { db: Db; cipher: FieldCipher; clock: Clock }) {
  const at = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

  return {
    /**
     * Runs a creating write at most once per (user, Idempotency-Key): `write` gets the claim to record in its
     * transaction; `replay` rebuilds the answer from the recorded result id when the first answer was never stored
     * (the server died between the commit and the reply). Without the header the write simply runs.
     */
    async run<T>(
      req: FastifyRequest,
      reply: FastifyReply,
      opts: { status: number; write: (claim: IdempotencyClaim | null) => Promise<T>; replay: (resultId: string) => Promise<T> },
    ): Promise<T> {
      const actor = requireActor(req);
      const header = req.headers['idempotency-key'];
      reply.status(opts.status);
      if (header === undefined) return opts.write(null);
      if (typeof header !== 'string' || !KEY_PATTERN.test(header))
        throw fieldError('Idempotency-Key', 'Idempotency-Key 须为 8–128 位字母、数字或 - _ . :（建议用 UUID）');
      const endpoint = `${req.method} ${req.routeOptions.url}`;
      const requestHash = createHash('sha256')
        .update(canonical({ params: req.params, body: req.body }))
        .digest('hex');

      const answerAsBefore = async (prior: NonNullable<Awaited<ReturnType<typeof repo.findIdempotencyKey>>>): Promise<T> => {
        if (prior.endpoint !== endpoint || prior.requestHash !== requestHash)
          throw new IdempotencyKeyReusedError(
            `这个幂等键（Idempotency-Key）已于 ${at(prior.createdAt)} 用于另一项提交，内容与本次不同：那次提交已经保存。请刷新核对，不要重复登记；确需再次提交请重新打开表单`,
          );
        reply.status(Number(prior.statusCode));
        reply.header('idempotent-replayed', 'true');
        if (prior.responseEnc) return JSON.parse(cipher.decrypt(prior.responseEnc)) as T;
        const body = await opts.replay(prior.resultId);
        await repo.storeIdempotentResponse(db, actor.userId, header, cipher.encrypt(JSON.stringify(body))).catch(() => undefined);
        return body;
      };

      const prior = await repo.findIdempotencyKey(db, actor.userId, header);
      if (prior) return answerAsBefore(prior);
      const claim: IdempotencyClaim = {
        userId: actor.userId,
        key: header,
        endpoint,
        requestHash,
        statusCode: opts.status,
        createdAt: clock.now().toISOString(),
        recorded: false,
      };
      let body: T;
      try {
        body = await opts.write(claim);
      } catch (err) {
        // Lost the race to a request with the same key: its write committed, this one rolled back whole.
        if (err instanceof IdempotencyKeyTaken) {
          const winner = await repo.findIdempotencyKey(db, actor.userId, header);
          if (winner) return answerAsBefore(winner);
        }
        throw err;
      }
      if (!claim.recorded) req.log.error({ endpoint }, 'idempotent write did not record its key');
      // Stored after the commit: if the server dies before this, a replay rebuilds the answer from result_id.
      try {
        await repo.storeIdempotentResponse(db, actor.userId, header, cipher.encrypt(JSON.stringify(body)));
      } catch (err) {
        req.log.warn({ err, endpoint }, 'could not store the idempotent response; a replay will rebuild it');
      }
      return body;
    },

    /** Forgets keys older than 24 hours (their writes stay, of course). */
    prune(): Promise<number> {
      return repo.deleteIdempotencyKeysBefore(db, new Date(clock.now().getTime() - IDEMPOTENCY_TTL_MS).toISOString());
    },
  };
}
