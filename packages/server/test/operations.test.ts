import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, runDailyJobs, type JinguoApp } from '../src/app.js';
import { openDatabase, type DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrator.js';
import { MODULES } from '../src/modules/index.js';
import { claimRun, JOB_LEASE_MS, listRuns, runOnce } from '../src/platform/job-runs.js';
import { buildTestApp, TEST_DATABASES, UNLIMITED, type TestApp } from './build-test-app.js';
import { multipart } from './excel-upload.js';
import { unitId } from './fixtures.js';

/**
 * Several app servers over one database (issue 16): the daily work runs once across them and survives the death of
 * the server running it; a session started on one server works on the other; health and metrics answer an operator;
 * a server older than the schema refuses it.
 */
describe.each(TEST_DATABASES)('operations on %s', (kind) => {
  let t: TestApp;
  /** A second app server: on PostgreSQL its own connection pool to the same database, on SQLite the same file handle. */
  let second: JinguoApp;
  let secondHandle: DatabaseHandle | null;

  beforeEach(async () => {
    t = await buildTestApp(kind);
    const url = (t.handle as DatabaseHandle & { url?: string }).url;
    secondHandle = url ? openDatabase({ url }) : null;
    second = await buildApp({ database: secondHandle ?? t.handle, cipher: t.cipher, clock: t.clock, logger: false, rateLimits: UNLIMITED });
    await second.ready();
  });
  afterEach(async () => {
    await second.close();
    await secondHandle?.close();
    await t.close();
  });

  it('runs each daily job once a business day across two servers, and again the next day', async () => {
    const daily = ['platform.purge', 'platform.idempotency-prune', ...MODULES.filter((m) => m.daily).map((m) => `${m.name}.daily`)];
    expect(daily).toEqual(expect.arrayContaining(['cases.daily', 'tasks.daily']));
    const first = await runDailyJobs(t.app);
    expect(first.ran).toEqual(daily);
    expect((await runDailyJobs(second)).ran).toEqual([]);
    expect((await runDailyJobs(t.app)).ran).toEqual([]);
    const runs = await listRuns(t.handle.db);
    expect(runs.map((r) => [r.name, r.period, r.outcome, r.attempts]).sort()).toEqual(
      daily.map((n) => [n, '2026-11-29', 'succeeded', 1]).sort(),
    );
    // The cases job's own result is kept for the operator.
    expect(runs.find((r) => r.name === 'cases.daily')?.result).toEqual({ reminders: 0, escalated: 0 });
    // 02:00 UTC on the 29th is 10:00 in Shanghai; 16 hours on is past midnight there: a new business day.
    t.clock.advance(16 * 3600_000);
    expect((await runDailyJobs(second)).ran).toEqual(daily);
    expect((await runDailyJobs(t.app)).ran).toEqual([]);
  });

  it('lets exactly one of many servers claim a run at the same moment', async () => {
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) => claimRun(i % 2 ? t.handle.db : (secondHandle ?? t.handle).db, t.clock, 'x', 'p', `server-${i}`)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('takes over a run whose server died, and retries a failed one, only after the lease', async () => {
    expect(await claimRun(t.handle.db, t.clock, 'job', '2026-11-29', 'dead-server')).toBe(true);
    // The server died without finishing: within the lease nobody else runs it.
    t.clock.advance(JOB_LEASE_MS - 60_000);
    expect(await claimRun(t.handle.db, t.clock, 'job', '2026-11-29', 'live-server')).toBe(false);
    t.clock.advance(2 * 60_000);
    expect(await claimRun(t.handle.db, t.clock, 'job', '2026-11-29', 'live-server')).toBe(true);
    expect(await claimRun(t.handle.db, t.clock, 'job', '2026-11-29', 'third-server')).toBe(false);
    const [run] = await listRuns(t.handle.db);
    expect([run.holder, run.attempts, run.finishedAt]).toEqual(['live-server', 2, null]);

    await expect(
      runOnce({ db: t.handle.db, clock: t.clock }, { name: 'flaky', period: 'd', holder: 'a' }, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const flaky = () => runOnce({ db: t.handle.db, clock: t.clock }, { name: 'flaky', period: 'd', holder: 'b' }, async () => 7);
    expect(await flaky()).toEqual({ ran: false });
    t.clock.advance(JOB_LEASE_MS + 1000);
    expect(await flaky()).toEqual({ ran: true, result: 7 });
    expect((await listRuns(t.handle.db)).find((r) => r.name === 'flaky')).toMatchObject({ outcome: 'succeeded', holder: 'b', result: 7 });
  });

  it('serves a user whose requests alternate between the two servers', async () => {
    const s = await t.login('rights');
    const onSecond = (o: InjectOptions) =>
      second.inject({ ...o, headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, ...(o.headers ?? {}) } });
    expect((await onSecond({ url: '/api/auth/me' })).json().username).toBe('rights');
    // A write on the second server with the CSRF token the first one issued, read back on the first.
    const created = await onSecond({
      method: 'POST',
      url: '/api/people',
      payload: { name: '两台服务器', gender: 'female', residenceOrgId: await unitId(t, '大山村') },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await s.inject({ url: `/api/people/${created.json().person.id}` })).json().name).toBe('两台服务器');
    await s.inject({ method: 'POST', url: '/api/auth/logout' });
    expect((await onSecond({ url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('serves a photo uploaded through one server from the other', async () => {
    const niufo = await t.login('niufo');
    const event = await niufo.inject({
      method: 'POST',
      url: '/api/activities/events',
      payload: {
        type: 'childrens_day',
        title: '两台服务器',
        startDate: '2026-06-01',
        ownerOrgId: await unitId(t, '牛佛镇'),
        participantCount: 3,
      },
    });
    expect(event.statusCode, event.body).toBe(201);
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 0, g: 128, b: 0 } } })
      .png()
      .toBuffer();
    const url = `/api/activities/events/${event.json().id}/photos`;
    const up = await niufo.inject({ method: 'POST', url, ...multipart(png, '现场.png', 'file', 'image/png') });
    expect(up.statusCode, up.body).toBe(200);
    const photoId = up.json().photos[0].id;
    const onSecond = await second.inject({ url: `${url}/${photoId}`, headers: { cookie: niufo.cookie } });
    expect(onSecond.statusCode).toBe(200);
    expect(onSecond.headers['content-type']).toBe('image/png');
    expect((await sharp(onSecond.rawPayload).metadata()).width).toBe(8);
    expect(onSecond.rawPayload.equals((await niufo.inject({ url: `${url}/${photoId}` })).rawPayload)).toBe(true);
  });

  it('answers liveness, readiness and metrics', async () => {
    expect((await t.app.inject({ url: '/api/health/live' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/api/health/ready' });
    expect([ready.statusCode, ready.json()]).toEqual([200, { status: 'ready', dialect: kind, database: 'ok', migrations: 'current' }]);

    await t.app.inject({ url: '/api/health/live' });
    await t.app.inject({ url: '/api/people/123456789012345678' });
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('jinguo_http_request_duration_seconds_count{method="GET",route="/api/health/live",status="200"} 2');
    // The route pattern, never the URL as sent.
    expect(metrics.body).toContain('route="/api/people/:id",status="400"');
    expect(metrics.body).not.toContain('123456789012345678');
    expect(metrics.body).toMatch(/jinguo_jobs\{status="running"\} 0/);
    if (kind === 'postgres') expect(metrics.body).toMatch(/jinguo_db_pool_connections\{state="total"\} \d+/);
    // Relayed by a proxy (its address is loopback too): not for the outside world.
    expect((await t.app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode).toBe(404);
  });

  it('takes /metrics from elsewhere only with the token', async () => {
    const app = await buildApp({
      database: t.handle,
      cipher: t.cipher,
      clock: t.clock,
      logger: false,
      rateLimits: UNLIMITED,
      metricsToken: 's3cret-token',
    });
    try {
      expect((await app.inject({ url: '/metrics' })).statusCode).toBe(404);
      expect((await app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong-token!' } })).statusCode).toBe(404);
      expect((await app.inject({ url: '/metrics', headers: { authorization: 'Bearer s3cret-token' } })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('refuses a schema newer than the server, and says so on readiness', async () => {
    await sql`insert into kysely_migration (name, timestamp) values (${'209901010000_from_the_future'}, ${'2099-01-01T00:00:00.000Z'})`.execute(
      t.handle.db,
    );
    // A running server keeps serving through a rolling upgrade (the newer migrations only add), and says so.
    const ready = await t.app.inject({ url: '/api/health/ready' });
    expect([ready.statusCode, ready.json().migrations]).toEqual([200, 'newer']);
    // One migration of this server's not applied: not ready.
    await sql`delete from kysely_migration where name = ${'202612080400_job_runs'}`.execute(t.handle.db);
    const behind = await t.app.inject({ url: '/api/health/ready' });
    expect([behind.statusCode, behind.json().migrations]).toEqual([503, 'pending']);
    await expect(migrateToLatest(t.handle.db)).rejects.toThrow(/schema is newer than this Jinguo.*209901010000_from_the_future/);
  });
});
