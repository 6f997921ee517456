import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { generateSecret, generateSync } from 'otplib';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type JinguoApp } from '../src/app.js';
import { openDatabase, type DatabaseHandle, type DialectName } from '../src/db/database.js';
import type { TopUnit } from '../src/config.js';
import { INSTALL_ADMINS, initializeDatabase, seedDemo } from '../src/db/bootstrap.js';
import { createFieldCipher, generateKeyFile, type FieldCipher } from '../src/platform/crypto.js';
import type { Clock } from '../src/platform/clock.js';
import type { RateLimits } from '../src/platform/rate-limit.js';
import { createSettingsService } from '../src/platform/settings.service.js';
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

/**
 * Limits so high the suite never meets them (it signs many people in from 127.0.0.1); the rate-limit tests pass
 * their own. The database store, as in production.
 */
export const UNLIMITED: RateLimits = {
  login: { max: 1_000_000, windowMs: 60_000 },
  public: { max: 1_000_000, windowMs: 60_000 },
  store: 'database',
};

/** The current TOTP code of a secret at the clock's time (what the authenticator app would show). */
export function totpCodeAt(secret: string, clock: Clock): string {
  return generateSync({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });
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
  /**
   * Logs in through the real login route (demo accounts share DEMO_PASSWORD), with the current TOTP code when the
   * account has a second factor.
   */
  login: (username: string, password?: string) => Promise<TestSession>;
  /** The TOTP secrets of the accounts the helpers enrolled, by lower-cased username. */
  totpSecrets: Map<string, string>;
  /** The current TOTP code of an enrolled account. */
  totpCode: (username: string) => string;
  close: () => Promise<void>;
};

/**
 * The real app on a migrated database. `demo: 'org'` adds the demo district's org tree and accounts only;
 * `demo: 'full'` adds every module's demo records as well.
 */
export async function buildTestApp(
  kind: DialectName,
  opts: {
    demo?: 'org' | 'full' | false;
    clock?: TestClock;
    /** Logs at info level (as `jinguo serve` does) into this stream, for tests that read the log. */
    logStream?: NodeJS.WritableStream;
    rateLimits?: RateLimits;
    cookieSecure?: boolean;
    /** false: leave the install as the first start left it (administrators with a pending change, nobody enrolled). */
    setUp?: boolean;
    /** The built web app to serve (tests of its caching and compression). */
    webDist?: string;
    /** A new database whose top unit is at this level (JINGUO_TOP_*); no demo then. */
    top?: TopUnit;
  } = {},
): Promise<TestApp> {
  const clock = opts.clock ?? createTestClock();
  const handle = await createTestDatabase(kind);
  const cipher = createFieldCipher(generateKeyFile());
  const demo = opts.top ? false : (opts.demo ?? 'org');
  // With the demo, the top unit is the demo district (示例区妇联, 510399) exactly as `npm start` creates it.
  const top = demo ? { orgName: '示例区妇联', orgCode: DEMO_DISTRICT_CODE } : { top: opts.top ?? null };
  // The three administrators get the demo password through the "environment", as an operator may give them.
  const adminPasswords = Object.fromEntries(INSTALL_ADMINS.map((a) => [a.username, DEMO_PASSWORD]));
  await initializeDatabase(handle, { clock, adminPasswords, demo: false, ...top });
  if (demo) await seedDemo(handle, clock, cipher, { orgOnly: demo === 'org' });
  const totpSecrets = new Map<string, string>();
  if (opts.setUp !== false) await finishInstall(handle, cipher, clock, totpSecrets);
  const cookieName = opts.cookieSecure ? '__Host-jinguo_session' : 'jinguo_session';
  const app = await buildApp({
    database: handle,
    cipher,
    clock,
    logger: opts.logStream ? { level: 'info', stream: opts.logStream } : false,
    rateLimits: opts.rateLimits ?? UNLIMITED,
    cookieSecure: opts.cookieSecure,
    webDist: opts.webDist,
  });
  await app.ready();

  async function login(username: string, password = DEMO_PASSWORD): Promise<TestSession> {
    const secret = totpSecrets.get(username.toLowerCase());
    // A test's clock stands still, so it may sign one person in twice within a 30-second step: the helper lets the
    // server forget the step it last accepted (the refusal of a replayed code is proven in auth-hardening.test.ts).
    if (secret)
      await handle.db
        .updateTable('users')
        .set({ totpLastStep: null })
        .where(sql<string>`lower(username)`, '=', username.toLowerCase())
        .execute();
    const payload = { username, password, ...(secret && { totpCode: totpCodeAt(secret, clock) }) };
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const setCookie = res.cookies.find((c) => c.name === cookieName);
    if (!setCookie) throw new Error('no session cookie');
    const cookie = `${cookieName}=${setCookie.value}`;
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
    totpSecrets,
    totpCode(username) {
      const secret = totpSecrets.get(username.toLowerCase());
      if (!secret) throw new Error(`${username} has no second factor`);
      return totpCodeAt(secret, clock);
    },
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

/**
 * What an operator does after the first start, done straight in the database so every suite starts from a
 * working install: the three administrators have chosen their passwords (the demo one here), and every account
 * whose roles require a second factor under the settings (by default the 三员 and the chairs) has bound an
 * authenticator app — the secret encrypted with the field cipher as the enrolment stores it. Secrets go to
 * `secrets` by lower-cased username.
 */
export async function finishInstall(
  handle: DatabaseHandle,
  cipher: FieldCipher,
  clock: Clock,
  secrets: Map<string, string>,
): Promise<void> {
  const { db } = handle;
  await db
    .updateTable('users')
    .set({ mustChangePassword: 0 })
    .where(
      'username',
      'in',
      INSTALL_ADMINS.map((a) => a.username),
    )
    .execute();
  const required = await db
    .selectFrom('users as u')
    .innerJoin('roleAssignments as ra', 'ra.userId', 'u.id')
    .select(['u.id', 'u.username'])
    .where('ra.role', 'in', (await createSettingsService({ db, clock }).get()).secondFactorRoles)
    .distinct()
    .execute();
  const at = clock.now().toISOString();
  for (const u of required) {
    const secret = generateSecret();
    await db
      .updateTable('users')
      .set({ totpSecretEnc: cipher.encrypt(secret), totpEnabledAt: at })
      .where('id', '=', u.id)
      .execute();
    secrets.set(u.username.toLowerCase(), secret);
  }
}

/**
 * Enrols a signed-in user's second factor through the API, as the account page does (setup → scan → confirm with
 * a code); returns the recovery codes and remembers the secret for t.login.
 */
export async function enrolSecondFactor(t: TestApp, s: TestSession): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await s.inject({ method: 'POST', url: '/api/auth/totp/setup' });
  if (setup.statusCode !== 200) throw new Error(`totp setup of ${s.username}: ${setup.body}`);
  const { secret } = setup.json() as { secret: string };
  const enabled = await s.inject({ method: 'POST', url: '/api/auth/totp/enable', payload: { code: totpCodeAt(secret, t.clock) } });
  if (enabled.statusCode !== 200) throw new Error(`totp enable of ${s.username}: ${enabled.body}`);
  t.totpSecrets.set(s.username.toLowerCase(), secret);
  return { secret, recoveryCodes: enabled.json().recoveryCodes };
}
