import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type JinguoApp } from '../src/app.js';
import { openDatabase, type DatabaseHandle, type DialectName } from '../src/db/database.js';
import { initializeDatabase, seedDemo } from '../src/db/bootstrap.js';
import { createFieldCipher, generateKeyFile, type FieldCipher } from '../src/platform/crypto.js';
import type { Clock } from '../src/platform/clock.js';
import { DEMO_DISTRICT_CODE, DEMO_PASSWORD } from '../src/modules/org/org.demo.js';

/**
 * The databases the integration suite runs on: SQLite always, PostgreSQL when JINGUO_TEST_PG_URL names a
 * server where the role may create databases (.ci/run sets it; CI refuses to run without it).
 */
export const TEST_DATABASES: DialectName[] = process.env.JINGUO_TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
if (process.env.CI && !process.env.JINGUO_TEST_PG_URL) throw new Error('CI must run the suite on PostgreSQL too: set JINGUO_TEST_PG_URL');

export type TestClock = Clock & { set: (iso: string) => void; advance: (ms: number) => void };

export function createTestClock(startIso = '2026-11-29T02:00:00.000Z'): TestClock {
  let t = new Date(startIso).getTime();
  return { now: () => new Date(t), set: (iso) => (t = new Date(iso).getTime()), advance: (ms) => (t += ms) };
}

/**
 * A fresh, empty database of the kind: SQLite in memory, or a new PostgreSQL database dropped on close (its `url`
 * lets a test open a second connection pool, as a second app server would).
 */
export async function createTestDatabase(kind: DialectName): Promise<DatabaseHandle & { url?: string }> {
  if (kind === 'sqlite') return openDatabase({ sqlitePath: ':memory:' });
  const adminUrl = process.env.JINGUO_TEST_PG_URL;
  if (!adminUrl) throw new Error('JINGUO_TEST_PG_URL is not set');
  const name = `jinguo_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ url: url.toString() });
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      // The pool's clients close their sockets a moment after pool.end() resolves; dropping WITH (FORCE) at once
      // kills a client still closing, whose FATAL then surfaces as an unhandled error in whatever test runs next.
      // So wait for them (55006: object in use), and force only if one lingers.
      for (let attempt = 0; ; attempt++) {
        try {
          await a.query(attempt < 50 ? `DROP DATABASE IF EXISTS ${name}` : `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          break;
        } catch (err) {
          if ((err as { code?: string }).code !== '55006' || attempt >= 50) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await a.end();
    },
  };
}

export type TestSession = {
  username: string;
  csrfToken: string;
  cookie: string;
  /** app.inject with this session's cookie and CSRF header. */
  inject: (opts: InjectOptions) => Promise<LightMyRequestResponse>;
};

export type TestApp = {
  app: JinguoApp;
  handle: DatabaseHandle;
  clock: TestClock;
  cipher: FieldCipher;
  dialect: DialectName;
  /** Logs in through the real login route (demo accounts share DEMO_PASSWORD). */
  login: (username: string, password?: string) => Promise<TestSession>;
  close: () => Promise<void>;
};

/**
 * The real app on a migrated database. `demo: 'org'` adds the demo district's org tree and accounts only;
 * `demo: 'full'` adds every module's demo records as well.
 */
export async function buildTestApp(
  kind: DialectName,
  opts: { demo?: 'org' | 'full' | false; clock?: TestClock; adminPassword?: string } = {},
): Promise<TestApp> {
  const clock = opts.clock ?? createTestClock();
  const handle = await createTestDatabase(kind);
  const cipher = createFieldCipher(generateKeyFile());
  const demo = opts.demo ?? 'org';
  // With the demo, the top unit is the demo district (示例区妇联, 510399) exactly as `npm start` creates it.
  const top = demo ? { orgName: '示例区妇联', orgCode: DEMO_DISTRICT_CODE } : {};
  await initializeDatabase(handle, { clock, adminPassword: opts.adminPassword ?? 'Admin-Test-Pass-2026', demo: false, ...top });
  if (demo) await seedDemo(handle, clock, cipher, { orgOnly: demo === 'org' });
  const app = await buildApp({ database: handle, cipher, clock });
  await app.ready();

  async function login(username: string, password = DEMO_PASSWORD): Promise<TestSession> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const setCookie = res.cookies.find((c) => c.name === 'jinguo_session');
    if (!setCookie) throw new Error('no session cookie');
    const cookie = `jinguo_session=${setCookie.value}`;
    const csrfToken = res.json().csrfToken as string;
    return {
      username,
      csrfToken,
      cookie,
      inject: (o) =>
        app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrfToken, ...(o.headers ?? {}) } }) as Promise<LightMyRequestResponse>,
    };
  }

  return {
    app,
    handle,
    clock,
    cipher,
    dialect: kind,
    login,
    async close() {
      await app.close();
      await handle.close();
    },
  };
}
