import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import client from 'prom-client';
import type { DatabaseHandle } from '../db/database.js';
import { migrationStatus } from '../db/migrator.js';
import { listRuns } from './job-runs.js';
import type { ReadRouter } from './replicas.js';

/**
 * What an operator and a load balancer see from outside:
 * - `/api/health/live`: the process answers (restart it when this fails);
 * - `/api/health/ready`: the database answers and its schema is this server's (take it out of the pool when not: 503);
 * - `/metrics`: Prometheus text — request durations by route pattern and status, the database pool, the job queue
 *   and the daily runs, and the process's own (memory, CPU, event-loop lag). Readable from the machine itself, or
 *   from anywhere with `Authorization: Bearer <JINGUO_METRICS_TOKEN>`.
 * Each app has its own registry (tests build many apps in one process).
 */
export function registerObservability(
  app: FastifyInstance,
  opts: { database: DatabaseHandle; reads: ReadRouter; metricsToken: string | null },
): void {
  const { db, pool, dialect } = opts.database;
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'jinguo_' });

  const requestDuration = new client.Histogram({
    name: 'jinguo_http_request_duration_seconds',
    help: 'HTTP request durations by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new client.Gauge({
    name: 'jinguo_db_pool_connections',
    help: 'PostgreSQL pool connections by state (total, idle, waiting clients); absent on SQLite',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      if (!pool) return;
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  new client.Gauge({
    name: 'jinguo_jobs',
    help: 'Long jobs (imports, exports) by status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('jobs')
        .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute();
      this.reset();
      for (const s of ['running', 'succeeded', 'failed']) this.set({ status: s }, Number(rows.find((r) => r.status === s)?.n ?? 0));
    },
  });
  new client.Gauge({
    name: 'jinguo_daily_job_last_success_timestamp_seconds',
    help: 'When each daily job last finished successfully (alert when older than a day and a bit)',
    labelNames: ['job'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const latest = new Map<string, string>();
      for (const r of await listRuns(db, 500))
        if (r.outcome === 'succeeded' && r.finishedAt && (latest.get(r.name) ?? '') < r.finishedAt) latest.set(r.name, r.finishedAt);
      for (const [job, at] of latest) this.set({ job }, Date.parse(at) / 1000);
    },
  });

  new client.Gauge({
    name: 'jinguo_replica_lag_seconds',
    help: 'Replay lag of each read replica (0: it has replayed all it received); absent while it does not answer',
    labelNames: ['replica'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await opts.reads.status()) if (r.up && r.lagSeconds !== null) this.set({ replica: r.name }, r.lagSeconds);
    },
  });
  new client.Gauge({
    name: 'jinguo_replica_up',
    help: 'Each read replica: 1 when it answers as a streaming standby, else 0 (skipped)',
    labelNames: ['replica'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await opts.reads.status()) this.set({ replica: r.name }, r.up && r.streaming ? 1 : 0);
    },
  });
  new client.Counter({
    name: 'jinguo_figure_reads_total',
    help: 'Heavy figure reads (facts, dashboard, summaries, drill-downs) by where they were read',
    labelNames: ['target'] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ target: 'primary' }, opts.reads.reads.primary);
      this.inc({ target: 'replica' }, opts.reads.reads.replica);
    },
  });

  app.addHook('onResponse', async (req, reply) => {
    // The route pattern, never the URL as sent (it may carry an ID number); unmatched URLs share one label.
    const route = req.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    requestDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get('/api/health/live', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/api/health/ready', { schema: { hide: true } }, async (_req, reply) => {
    const checks: { database: 'ok' | 'down'; migrations: 'current' | 'pending' | 'newer' | 'unknown' } = {
      database: 'down',
      migrations: 'unknown',
    };
    try {
      const { pending, unknown } = await migrationStatus(db);
      checks.database = 'ok';
      checks.migrations = pending.length ? 'pending' : unknown.length ? 'newer' : 'current';
    } catch {
      // The database did not answer: not ready.
    }
    // A schema newer than this server (another server, upgraded, has migrated) is additive: a running server keeps
    // serving through a rolling upgrade, and says so; only a schema behind this server's is not ready.
    const ready = checks.database === 'ok' && (checks.migrations === 'current' || checks.migrations === 'newer');
    // A replica down or lagging does not make this server unready: its reads go to the primary.
    const replicas = opts.reads.enabled ? { replicas: await opts.reads.status() } : {};
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', dialect, ...checks, ...replicas });
  });

  app.get('/metrics', { schema: { hide: true } }, async (req: FastifyRequest, reply: FastifyReply) => {
    if (!mayReadMetrics(req, opts.metricsToken))
      return reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', message: '接口不存在' });
    reply.header('content-type', registry.contentType);
    reply.header('cache-control', 'no-store');
    return registry.metrics();
  });
}

/** The metrics name routes and volumes: the machine itself (a local Prometheus agent) or a holder of the token. */
function mayReadMetrics(req: FastifyRequest, token: string | null): boolean {
  if (token) {
    const given = Buffer.from(req.headers.authorization ?? '');
    const want = Buffer.from(`Bearer ${token}`);
    return given.length === want.length && crypto.timingSafeEqual(given, want);
  }
  // A request relayed by a proxy on this machine comes from loopback too: it is someone else's.
  if (req.headers['x-forwarded-for'] !== undefined) return false;
  const ip = req.socket.remoteAddress ?? '';
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
}
