import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import { countDenial, deleteDenialsBefore } from './access-audit.repository.js';
import { auditActor } from './actor.js';
import { appendAudit } from './audit.js';
import type { Clock } from './clock.js';
import type { AppError } from './errors.js';

/** Refusals are counted per caller, route pattern and status in windows of this length. */
export const DENIAL_WINDOW_MS = 10 * 60_000;
/** Counters older than this are dropped (the trail keeps the entries). */
const KEEP_COUNTERS_MS = 30 * 86400_000;
/** The error codes that mean "you may not have this": no role for it, not in your scope, or a forged request. */
const REFUSALS = new Set(['FORBIDDEN', 'NOT_FOUND', 'CSRF']);

export type AccessAudit = {
  /** Records a refused request if its route is sensitive; returns whether an audit entry was written. */
  refused: (req: FastifyRequest, err: AppError) => Promise<boolean>;
};

/**
 * Audits refused access (403/404) to sensitive routes — the modules name their route prefixes — in one place:
 * the error handler. One entry per caller, route pattern and status per 10-minute window, written at the first
 * refusal and again when the window's count reaches 10, 100, 1,000 … (with the count), so a scan of ten
 * thousand ids leaves five entries while `access_denials` keeps the exact count.
 */
export function createAccessAudit({ db, clock, sensitivePrefixes }: { db: Db; clock: Clock; sensitivePrefixes: readonly string[] }) {
  const isSensitive = (route: string) => sensitivePrefixes.some((p) => route === p || route.startsWith(`${p}/`));

  async function refused(req: FastifyRequest, err: AppError): Promise<boolean> {
    const route = req.routeOptions?.url;
    if (!route || !REFUSALS.has(err.code) || !isSensitive(route)) return false;
    const now = clock.now();
    const windowStart = new Date(Math.floor(now.getTime() / DENIAL_WINDOW_MS) * DENIAL_WINDOW_MS).toISOString();
    const key = { windowStart, actorKey: req.actor?.userId ?? `ip:${req.ip}`, method: req.method, route, status: err.statusCode };
    return db.transaction().execute(async (trx) => {
      const count = await countDenial(trx, key, now.toISOString());
      if (count === 1) await deleteDenialsBefore(trx, new Date(now.getTime() - KEEP_COUNTERS_MS).toISOString());
      // 1, 10, 100 …: the first refusal at once, then one entry per tenfold.
      if (!/^10*$/.test(String(count))) return false;
      await appendAudit(trx, clock, auditActor(req.actor, req.ip), {
        action: 'access.denied',
        entityType: 'route',
        entityId: `${req.method} ${route}`,
        detail: {
          method: req.method,
          route,
          status: err.statusCode,
          code: err.code,
          // The ids asked for (a link's token is redacted by appendAudit).
          params: req.params && typeof req.params === 'object' ? req.params : null,
          window: windowStart,
          count,
        },
      });
      return true;
    });
  }

  return { refused } satisfies AccessAudit;
}
