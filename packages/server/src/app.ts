import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema, shanghaiDate } from '@jinguo/domain';
import type { DatabaseHandle } from './db/database.js';
import { createAccessAudit } from './platform/access-audit.js';
import { createAuthService } from './platform/auth.service.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { FieldCipher } from './platform/crypto.js';
import type { FactDefinition } from './platform/facts.js';
import { registerErrorHandler, registerSessionHooks } from './platform/http.js';
import { createIdempotency } from './platform/idempotency.js';
import { registerInputGuard } from './platform/input.js';
import { loggerOptions } from './platform/logging.js';
import { registerPlatformRoutes } from './platform/platform.routes.js';
import { DebugRequestLog } from './platform/request-log.js';
import { registerJobRoutes } from './platform/jobs.routes.js';
import { registerObservability } from './platform/observability.js';
import { createReadRouter } from './platform/replicas.js';
import { createSettingsService } from './platform/settings.service.js';
import { DEFAULT_RATE_LIMITS, registerRateLimits, type RateLimits } from './platform/rate-limit.js';
import { purgeExpired } from './platform/daily.js';
import { runOnce } from './platform/job-runs.js';
import { MODULES } from './modules/index.js';
import type { ModuleDeps } from './modules/module.js';

// Chinese validation messages by default (the API speaks Chinese to the web app; codes stay English).
z.config(z.locales.zhCN());

/** Methods that change something: after one, the caller's heavy reads wait for a replica that has it. */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const FILE_UPLOAD_BODY = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: '.xlsx 文件或照片' } },
};

/**
 * zod → JSON Schema for the document. Every route's 4xx answers carry the one error body (platform/http.ts), so it is
 * documented here once rather than on each route: in the document only — a 4XX response schema on the route itself
 * would also make Fastify serialize error bodies through it. A route that takes an upload (consumes:
 * multipart/form-data) shows a file body.
 */
const documentRoute: typeof jsonSchemaTransform = (input) => {
  const withErrors = input.schema
    ? { ...input, schema: { ...input.schema, response: { ...(input.schema.response as object | undefined), '4XX': errorResponseSchema } } }
    : input;
  const out = jsonSchemaTransform(withErrors);
  const schema = out.schema as { consumes?: string[]; body?: unknown };
  if (schema?.consumes?.includes('multipart/form-data') && !schema.body) return { ...out, schema: { ...schema, body: FILE_UPLOAD_BODY } };
  return out;
};

/**
 * Caching of the built web app, by a file's path inside it. Files under assets/ carry a content hash in their name —
 * a new build gives new names — so the browser keeps them a year without asking again; everything else (index.html,
 * which names the current ones) is revalidated on every load, so a deploy reaches the next page load.
 */
function webCacheControl(relativePath: string): string {
  return relativePath.split(/[\\/]/)[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export type AppOptions = {
  database: DatabaseHandle;
  cipher: FieldCipher;
  clock?: Clock;
  /** true: info level to stdout; a stream receives the JSON lines (tests read them). */
  logger?: boolean | { level: string; stream?: NodeJS.WritableStream };
  /** Behind HTTPS: the `__Host-` Secure session cookie and HSTS. */
  /**
   * 'debug' logs each request at debug level, so that at the default level (info) the terminal of `serve --demo`
   * keeps its banner instead of a line per request; 'info' (the default) keeps Fastify's request log.
   */
  requestLogLevel?: 'info' | 'debug';
  cookieSecure?: boolean;
  /** Fastify's trustProxy (JINGUO_TRUST_PROXY): whose X-Forwarded-For gives the client address. */
  trustProxy?: boolean | string[];
  /** Per-address limits on sign-in and the public routes (JINGUO_RATE_LIMIT_*); the defaults when omitted. */
  rateLimits?: RateLimits;
  /** The built web app to serve at /; omitted in API-only tests. */
  webDist?: string | null;
  publicUrl?: string | null;
  /** JINGUO_METRICS_TOKEN: who may read /metrics from elsewhere than this machine (Bearer token); null: loopback only. */
  metricsToken?: string | null;
  /** DATABASE_REPLICA_URL: PostgreSQL read replicas for the heavy figure reads (platform/replicas.ts). */
  replicaUrls?: string[];
  /** JINGUO_REPLICA_MAX_LAG_SECONDS: a replica further behind is skipped. */
  replicaMaxLagSeconds?: number;
};

export type JinguoApp = FastifyInstance & { jinguo: { deps: ModuleDeps; facts: FactDefinition[] } };

/** buildApp: the one place where everything is wired together. */
export async function buildApp(opts: AppOptions): Promise<JinguoApp> {
  const clock = opts.clock ?? systemClock;
  const { db, dialect } = opts.database;
  const app = Fastify({
    // Never a value a person sent in the log: route patterns, parameter names, scrubbed errors (platform/logging.ts).
    logger: !opts.logger ? false : loggerOptions(opts.logger === true ? { level: 'info' } : opts.logger),
    bodyLimit: 1024 * 1024,
    trustProxy: opts.trustProxy ?? false,
    genReqId: () => crypto.randomUUID(),
    logController: opts.requestLogLevel === 'debug' ? new DebugRequestLog() : undefined,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const sensitivePrefixes = MODULES.flatMap((m) => m.sensitiveRoutes ?? []);
  registerErrorHandler(app, { access: createAccessAudit({ db, clock, sensitivePrefixes }) });
  registerInputGuard(app);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: { info: { title: 'Jinguo 巾帼 API', description: '区妇联工作平台接口', version: '0.1.0' } },
    transform: documentRoute,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    // The web app loads only its own scripts; antd injects its CSS at run time, QR codes and photos are data:/blob: images.
    if (!req.url.startsWith('/api/docs')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    // Served over HTTPS: browsers keep to HTTPS for a year (not includeSubDomains: other sites of the domain are not ours to decide).
    if (opts.cookieSecure) reply.header('strict-transport-security', 'max-age=31536000');
  });

  const settings = createSettingsService({ db, clock });
  const auth = createAuthService({ db, clock, settings, cipher: opts.cipher });
  // Before the session hook: a refused request costs no session look-up.
  await registerRateLimits(app, { db, clock, limits: opts.rateLimits ?? DEFAULT_RATE_LIMITS });
  registerSessionHooks(app, auth, { cookieSecure: !!opts.cookieSecure });
  registerPlatformRoutes(app, { db, dialect, auth, settings, cookieSecure: !!opts.cookieSecure });
  registerJobRoutes(app, { db });

  const facts: FactDefinition[] = [];
  const idempotency = createIdempotency({ db, cipher: opts.cipher, clock });
  const reads = createReadRouter({
    primary: opts.database,
    replicaUrls: opts.replicaUrls ?? [],
    maxLagSeconds: opts.replicaMaxLagSeconds,
    log: app.log,
  });
  app.addHook('onClose', () => reads.close());
  if (reads.enabled)
    // Before the answer leaves: her next request may be a heavy read, which must find this write.
    app.addHook('onSend', async (req, reply, payload) => {
      if (req.actor && UNSAFE_METHODS.has(req.method) && reply.statusCode < 400) await reads.noteWrite(req.actor.sessionId);
      return payload;
    });
  registerObservability(app, { database: opts.database, reads, metricsToken: opts.metricsToken ?? null });
  const deps: ModuleDeps = {
    db,
    dialect,
    clock,
    cipher: opts.cipher,
    settings,
    idempotency,
    publicUrl: opts.publicUrl ?? null,
    facts,
    reads,
  };
  for (const m of MODULES) if (m.facts) facts.push(...m.facts(deps));
  for (const m of MODULES) if (m.routes) await m.routes(app, deps);

  const serveWeb = !!opts.webDist && fs.existsSync(path.join(opts.webDist, 'index.html'));
  if (serveWeb)
    await app.register(fastifyStatic, {
      root: opts.webDist!,
      wildcard: false,
      index: ['index.html'],
      // The build writes .br and .gz copies beside each file (packages/web/scripts/precompress.mjs): the one the
      // browser accepts is sent as it is, nothing is compressed per request.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, file) => {
        res.setHeader('vary', 'accept-encoding');
        res.setHeader('cache-control', webCacheControl(path.relative(opts.webDist!, file)));
      },
    });
  app.setNotFoundHandler((req, reply) => {
    // The web app routes on the client: any non-API GET that is not a file gets index.html — except under /assets/,
    // where a missing file is a chunk of another build and must not be answered with a page.
    if (serveWeb && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/'))
      return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', message: '接口不存在', requestId: req.id });
  });

  const jinguo = app as unknown as JinguoApp;
  jinguo.jinguo = { deps, facts };
  return jinguo;
}

/**
 * The daily jobs: the platform's purge of ended sessions and spent rate-limit counters, the pruning of old
 * idempotency keys, then each module's own job. `serve` calls this at start and every hour on every app server;
 * each job runs once per business day (Asia/Shanghai) across all of them (platform/job-runs.ts), and a job whose
 * server died is taken over after its lease. A failing job is logged and recorded; the others still run.
 */
export async function runDailyJobs(app: JinguoApp): Promise<{ ran: string[] }> {
  const { deps } = app.jinguo;
  const period = shanghaiDate(deps.clock.now());
  const jobs: { name: string; work: () => Promise<unknown> }[] = [
    { name: 'platform.purge', work: () => purgeExpired(deps) },
    { name: 'platform.idempotency-prune', work: () => deps.idempotency.prune() },
    ...MODULES.flatMap((m) => (m.daily ? [{ name: `${m.name}.daily`, work: () => m.daily!(deps) }] : [])),
  ];
  const ran: string[] = [];
  for (const job of jobs) {
    try {
      const outcome = await runOnce(deps, { name: job.name, period }, job.work);
      if (outcome.ran) {
        ran.push(job.name);
        // Housekeeping: at debug, so that a start-up's run does not print under the banner of `serve --demo`.
        app.log.debug({ job: job.name, period, result: outcome.result }, 'daily job done');
      }
    } catch (err) {
      app.log.error({ err, job: job.name, period }, 'daily job failed');
    }
  }
  return { ran };
}
