import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit, { normalizeIP, type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../db/database.js';
import type { Clock } from './clock.js';
import { AppError } from './errors.js';
import { countHit } from './rate-limit.repository.js';

/** At most `max` requests per address in `windowMs`. */
export type RateLimit = { max: number; windowMs: number };

/**
 * Per-address limits: `login` on POST /api/auth/login, `public` on every /api/public/* route (the one-time
 * referral links, reachable without an account). `store`: where the counts live — `database` (the default: every
 * app server on the same database shares them) or `memory` (one process, lost at restart).
 */
export type RateLimits = { login: RateLimit; public: RateLimit; store: 'database' | 'memory' };

export const DEFAULT_RATE_LIMITS: RateLimits = {
  // Generous enough for an office signing in together behind one address; 40 guesses in a row are not.
  login: { max: 30, windowMs: 5 * 60_000 },
  public: { max: 30, windowMs: 5 * 60_000 },
  store: 'database',
};

/**
 * @fastify/rate-limit's store interface over the `rate_limits` table, on the app's clock. Any other store with
 * `incr(key, cb, timeWindow, max)` and `child()` (the plugin ships one for Redis) can take its place.
 */
export function databaseRateLimitStore(db: Db, clock: Clock): FastifyRateLimitStoreCtor {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const now = clock.now().getTime();
      countHit(db, key, now, timeWindow).then(
        ({ hits, resetAt }) => callback(null, { current: hits, ttl: Math.max(0, resetAt - now) }),
        (err: Error) => callback(err),
      );
    }
    // Keys are already namespaced per limit (login|…, public|…): one table serves every route.
    child(): FastifyRateLimitStore {
      return this;
    }
  };
}

/** Which limit a request falls under, by its route (null: none). */
function limitOf(req: FastifyRequest): 'login' | 'public' | null {
  const route = req.routeOptions.url;
  if (route === '/api/auth/login') return 'login';
  if (route?.startsWith('/api/public/')) return 'public';
  return null;
}

/**
 * Registers the plugin (no global limit) and one onRequest hook that counts the login and public routes per
 * client address and answers 429 with Retry-After past the limit — before the session is even looked up. The
 * address is `req.ip`: behind a reverse proxy set JINGUO_TRUST_PROXY, or every client counts as the proxy.
 */
export async function registerRateLimits(app: FastifyInstance, deps: { db: Db; clock: Clock; limits: RateLimits }): Promise<void> {
  const { limits } = deps;
  await app.register(rateLimit, {
    global: false,
    ...(limits.store === 'database' && { store: databaseRateLimitStore(deps.db, deps.clock) }),
  });
  const limiterOf = (name: 'login' | 'public') =>
    app.createRateLimit({
      max: limits[name].max,
      timeWindow: limits[name].windowMs,
      keyGenerator: (req) => `${name}|${normalizeIP(req.ip)}`,
    });
  const limiters = { login: limiterOf('login'), public: limiterOf('public') };
  app.addHook('onRequest', async (req, reply) => {
    const name = limitOf(req);
    if (!name) return;
    const result = await limiters[name](req);
    if (result.isAllowed || !result.isExceeded) return;
    reply.header('retry-after', String(result.ttlInSeconds));
    const minutes = Math.max(1, Math.ceil(result.ttlInSeconds / 60));
    throw new AppError(
      429,
      'RATE_LIMITED',
      name === 'login' ? `登录尝试过于频繁，请${minutes}分钟后再试` : `访问过于频繁，请${minutes}分钟后再试`,
    );
  });
}
