import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type JinguoApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { buildTestApp, UNLIMITED, type TestApp, type TestSession } from './build-test-app.js';
import { unitId } from './fixtures.js';

/**
 * Heavy reads on a real streaming replica (.ci/pg-replica starts one beside the test server; its URL is
 * JINGUO_TEST_PG_REPLICA_URL): figures are read from the replica, a user who just wrote reads her write, and a dead
 * or lagging replica is skipped, never an error. Replay is paused on the replica to make "not yet replayed" certain.
 */
const REPLICA = process.env.JINGUO_TEST_PG_REPLICA_URL;
if (process.env.CI && !REPLICA) throw new Error('CI must run the read-replica tests: set JINGUO_TEST_PG_REPLICA_URL (.ci/pg-replica)');

describe.skipIf(!REPLICA)('read replicas on postgres', () => {
  let t: TestApp;
  /** The app server with the replica configured; sessions from t.login work here (one database). */
  let app: JinguoApp;
  let replicaUrl: string;
  let seq = 0;

  /** The replica server itself (any database): pausing and resuming replay. */
  async function onReplica(statement: string) {
    const c = new pg.Client({ connectionString: REPLICA });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  }

  const on = (target: JinguoApp, s: TestSession) => (o: InjectOptions) =>
    target.inject({ ...o, headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, ...(o.headers ?? {}) } });

  async function received(target: JinguoApp, s: TestSession): Promise<number> {
    const res = await on(target, s)({ url: '/api/facts?year=2026&f=cases.received' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().facts[0].value as number;
  }

  async function register(target: JinguoApp, s: TestSession) {
    seq++;
    const res = await on(
      target,
      s,
    )({
      method: 'POST',
      url: '/api/cases',
      payload: {
        channel: 'phone',
        receivedDate: '2026-11-27',
        category: 'marriage_family',
        summary: `副本读写 ${seq}`,
        applicant: { name: `来电人${seq}`, gender: 'female', residenceOrgId: await unitId(t, '大山村') },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  }

  async function replicaCaughtUp() {
    for (let i = 0; i < 100; i++) {
      const ready = (await app.inject({ url: '/api/health/ready' })).json();
      if (ready.replicas?.[0]?.up && ready.replicas[0].streaming && ready.replicas[0].lagSeconds === 0) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the replica did not catch up');
  }

  beforeAll(async () => {
    t = await buildTestApp('postgres');
    // The test's database, on the replica (CREATE DATABASE is replayed like any write).
    const u = new URL(REPLICA!);
    u.pathname = new URL((t.handle as { url?: string }).url!).pathname;
    replicaUrl = u.toString();
    app = await buildApp({
      database: t.handle,
      cipher: t.cipher,
      clock: t.clock,
      logger: false,
      rateLimits: UNLIMITED,
      replicaUrls: [replicaUrl],
    });
    await app.ready();
    await replicaCaughtUp();
  });
  afterAll(async () => {
    await onReplica('SELECT pg_wal_replay_resume()');
    await app?.close();
    await t?.close();
  });

  it('reads figures from the replica, and a writer her own write until the replica has it', async () => {
    const rights = await t.login('rights');
    const chair = await t.login('chair');
    const before = await received(app, chair);
    expect(await received(app, rights)).toBe(before);

    await onReplica('SELECT pg_wal_replay_pause()');
    try {
      await register(app, rights);
      // She wrote: her figures come from the primary, with her case.
      expect(await received(app, rights)).toBe(before + 1);
      // The chair wrote nothing: hers come from the replica, which has not replayed the case yet.
      expect(await received(app, chair)).toBe(before);
      const metrics = (await app.inject({ url: '/metrics' })).body;
      expect(metrics).toMatch(/jinguo_figure_reads_total\{target="replica"\} [1-9]/);
      expect(metrics).toMatch(/jinguo_figure_reads_total\{target="primary"\} [1-9]/);
      expect(metrics).toMatch(/jinguo_replica_up\{replica="127\.0\.0\.1:\d+\/jinguo_test_\w+"\} 1/);
      // The session row holds the primary's WAL position after her write.
      const { rows } = await sql<{
        lsn: string | null;
      }>`SELECT last_write_lsn AS lsn FROM sessions WHERE last_write_lsn IS NOT NULL`.execute(t.handle.db);
      expect(rows.map((r) => /^[0-9A-F]+\/[0-9A-F]+$/.test(r.lsn!))).toEqual([true]);
    } finally {
      await onReplica('SELECT pg_wal_replay_resume()');
    }
    await replicaCaughtUp();
    expect(await received(app, chair)).toBe(before + 1);
    expect(await received(app, rights)).toBe(before + 1);
  });

  it('takes a multi-host DATABASE_URL and keeps the host that accepts writes', async () => {
    const primary = new URL((t.handle as { url?: string }).url!);
    const replica = new URL(replicaUrl);
    const hosts = (...h: string[]) => `postgres://jinguo_ci:jinguo_ci@${h.join(',')}${primary.pathname}?target_session_attrs=`;
    const port = async (url: string) => {
      const h = openDatabase({ url, connectTimeoutMs: 1000 });
      try {
        return (await sql<{ port: string }>`SHOW port`.execute(h.db)).rows[0].port;
      } finally {
        await h.close();
      }
    };
    const dead = '127.0.0.1:1';
    const standby = `${replica.hostname}:${replica.port}`;
    const writable = `${primary.hostname}:${primary.port}`;
    // Skips the dead host and the standby; lands on the primary.
    expect(await port(`${hosts(dead, standby, writable)}read-write`)).toBe(primary.port);
    // "any" takes the first that answers: the standby.
    expect(await port(`${hosts(dead, standby, writable)}any`)).toBe(replica.port);
    // No host takes writes: a clear refusal, not a hang.
    await expect(port(`${hosts(dead, standby)}read-write`)).rejects.toThrow(
      'none of the database hosts accepts read-write sessions (2 tried)',
    );
  });

  it('skips a replica that lags beyond the limit, and one that does not answer', async () => {
    const chair = await t.login('chair');
    const rights = await t.login('rights');
    const strict = await buildApp({
      database: t.handle,
      cipher: t.cipher,
      clock: t.clock,
      logger: false,
      rateLimits: UNLIMITED,
      replicaUrls: [replicaUrl],
      replicaMaxLagSeconds: 1,
    });
    const dead = await buildApp({
      database: t.handle,
      cipher: t.cipher,
      clock: t.clock,
      logger: false,
      rateLimits: UNLIMITED,
      replicaUrls: ['postgres://jinguo_ci:jinguo_ci@127.0.0.1:1/nothing'],
    });
    try {
      const before = await received(strict, chair);
      await onReplica('SELECT pg_wal_replay_pause()');
      try {
        await register(app, rights);
        // The replica's replay is now more than the 1-second limit behind: the chair reads the primary.
        await new Promise((r) => setTimeout(r, 2500));
        expect(await received(strict, chair)).toBe(before + 1);
        const ready = (await strict.inject({ url: '/api/health/ready' })).json();
        expect(ready.status).toBe('ready');
        expect(ready.replicas[0].lagSeconds).toBeGreaterThan(1);
      } finally {
        await onReplica('SELECT pg_wal_replay_resume()');
      }
      // A replica that does not answer: the figures still come, from the primary; readiness says so and stays ready.
      expect(await received(dead, chair)).toBe(before + 1);
      const ready = await dead.inject({ url: '/api/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json().replicas).toEqual([
        { name: '127.0.0.1:1/nothing', up: false, streaming: false, lagSeconds: null, replayLsn: null },
      ]);
    } finally {
      await strict.close();
      await dead.close();
    }
  });
});
