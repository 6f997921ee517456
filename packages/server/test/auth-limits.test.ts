import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDailyJobs } from '../src/app.js';
import { parseRateLimit, loadConfig } from '../src/config.js';
import { initializeDatabase } from '../src/db/bootstrap.js';
import { DEFAULT_RATE_LIMITS } from '../src/platform/rate-limit.js';
import { verifyPassword } from '../src/platform/passwords.js';
import { buildTestApp, createTestClock, createTestDatabase, TEST_DATABASES, type TestApp } from './build-test-app.js';
import { countRows } from './fixtures.js';

const DEMO_PASSWORD = 'Jinguo-Demo-2026';

/** Trust, items 9 (per-address limits), 14a (the session cookie) and 15 (三员 from the first start); the daily purge. */
describe.each(TEST_DATABASES)('sign-in limits, cookie and first start on %s', (kind) => {
  describe('per-address limits with the default settings', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(kind, { rateLimits: DEFAULT_RATE_LIMITS });
    });
    afterAll(() => t.close());

    const attempt = (username: string, remoteAddress = '203.0.113.7') =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password: 'Guess-Pass-2026-x' } });

    it('answers 429 with Retry-After once one address has tried 30 sign-ins in 5 minutes, whatever the usernames', async () => {
      const statuses: number[] = [];
      let refused: Awaited<ReturnType<typeof attempt>> | null = null;
      for (let i = 0; i < 40; i++) {
        const res = await attempt(`guess${i}`);
        statuses.push(res.statusCode);
        if (res.statusCode === 429) refused = res;
      }
      expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
      expect(statuses.slice(30)).toEqual(Array(10).fill(429));
      expect(refused!.headers['retry-after']).toBe('300');
      expect(refused!.json()).toMatchObject({ code: 'RATE_LIMITED', message: '登录尝试过于频繁，请5分钟后再试' });
      // A refused attempt never reached the password check: 30 failures audited, not 40.
      const failures = await t.handle.db.selectFrom('auditLog').select('seq').where('action', '=', 'login.failed').execute();
      expect(failures).toHaveLength(30);
      // Another address is not affected; the right password from the limited one is refused too (no oracle).
      expect((await attempt('guess0', '198.51.100.9')).statusCode).toBe(401);
      const right = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '203.0.113.7',
        payload: { username: 'rights', password: DEMO_PASSWORD },
      });
      expect(right.statusCode).toBe(429);
      // The window is counted on the app's clock and shared through the database.
      expect(
        await t.handle.db.selectFrom('rateLimits').selectAll().where('key', '=', 'login|203.0.113.7').executeTakeFirstOrThrow(),
      ).toMatchObject({
        hits: 41,
      });
      t.clock.advance(2 * 60_000);
      expect((await attempt('guess41')).headers['retry-after']).toBe('180');
      t.clock.advance(3 * 60_000);
      expect((await attempt('guess42')).statusCode).toBe(401);
      // 32 full-cost password checks (unknown users too: same timing as a wrong password).
    }, 300_000);

    it('limits the one-time referral links per address too', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 32; i++) {
        const res = await t.app.inject({ url: `/api/public/referral-links/${'ab'.repeat(16)}${i}`, remoteAddress: '192.0.2.44' });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
      expect(statuses.slice(30)).toEqual([429, 429]);
      const post = await t.app.inject({
        method: 'POST',
        url: `/api/public/referral-links/${'ab'.repeat(16)}/accept`,
        remoteAddress: '192.0.2.44',
        payload: { date: '2026-11-29' },
      });
      expect(post.statusCode).toBe(429);
      expect(post.headers['retry-after']).toBeDefined();
      // Signed-in routes are not limited by it.
      expect((await (await t.login('rights')).inject({ url: '/api/cases', remoteAddress: '192.0.2.44' })).statusCode).toBe(200);
    });

    it('purges ended sessions and spent counters in the daily jobs', async () => {
      await t.handle.db.deleteFrom('sessions').execute();
      await t.login('rights');
      await t.login('finance');
      t.clock.advance(20 * 60_000);
      const fresh = await t.login('programme');
      t.clock.advance(15 * 60_000);
      // rights and finance: idle 35 minutes (limit 30); programme: 15.
      expect(await countRows(t, 'sessions')).toBe(3);
      const counters = Number(
        (
          await t.handle.db
            .selectFrom('rateLimits')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(counters).toBeGreaterThan(0);
      await runDailyJobs(t.app);
      expect(await countRows(t, 'sessions')).toBe(1);
      expect((await fresh.inject({ url: '/api/auth/me' })).statusCode).toBe(200);
      // Every counter's window (5 minutes) has ended 15 minutes on.
      expect(await t.handle.db.selectFrom('rateLimits').selectAll().execute()).toEqual([]);
    });
  });

  it('takes its limits and their store from the configuration', async () => {
    expect(parseRateLimit('X', '5/1m', DEFAULT_RATE_LIMITS.login)).toEqual({ max: 5, windowMs: 60_000 });
    expect(parseRateLimit('X', '3/10s', DEFAULT_RATE_LIMITS.login)).toEqual({ max: 3, windowMs: 10_000 });
    expect(parseRateLimit('X', undefined, DEFAULT_RATE_LIMITS.login)).toEqual({ max: 30, windowMs: 300_000 });
    expect(() => parseRateLimit('JINGUO_RATE_LIMIT_LOGIN', 'lots', DEFAULT_RATE_LIMITS.login)).toThrow(/JINGUO_RATE_LIMIT_LOGIN/);
    const config = loadConfig({ JINGUO_RATE_LIMIT_LOGIN: '3/1h', JINGUO_RATE_LIMIT_PUBLIC: '100/1h', JINGUO_RATE_LIMIT_STORE: 'memory' });
    expect(config.rateLimits).toEqual({
      login: { max: 3, windowMs: 3_600_000 },
      public: { max: 100, windowMs: 3_600_000 },
      store: 'memory',
    });
    expect(loadConfig({ JINGUO_TRUST_PROXY: '10.0.0.1, 10.0.0.2' }).trustProxy).toEqual(['10.0.0.1', '10.0.0.2']);
    const t = await buildTestApp(kind, { rateLimits: config.rateLimits });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `u${i}`, password: 'x' } })).statusCode,
        );
      expect(statuses).toEqual([401, 401, 401, 429]);
      // The memory store (the plugin's, on the wall clock: hence an hour's window here) keeps nothing in the table.
      expect(await t.handle.db.selectFrom('rateLimits').selectAll().execute()).toEqual([]);
    } finally {
      await t.close();
    }
  }, 180_000);

  describe('the session cookie behind HTTPS', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(kind, { cookieSecure: true });
    });
    afterAll(() => t.close());

    it('is __Host-jinguo_session with Secure, with HSTS on every response; logout sends Clear-Site-Data', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'rights', password: DEMO_PASSWORD } });
      expect(res.statusCode).toBe(200);
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(/^__Host-jinguo_session=[0-9a-f]{32}; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      expect((await t.app.inject({ url: '/api/health' })).headers['strict-transport-security']).toBe('max-age=31536000');
      const token = res.cookies[0].value;
      const s = await t.login('rights');
      expect(s.cookie).toMatch(/^__Host-jinguo_session=/);
      expect((await s.inject({ url: '/api/auth/me' })).statusCode).toBe(200);
      // The unprefixed name is not read at all behind HTTPS.
      expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: `jinguo_session=${token}` } })).statusCode).toBe(401);
      const out = await s.inject({ method: 'POST', url: '/api/auth/logout' });
      expect(out.statusCode).toBe(200);
      expect(out.headers['clear-site-data']).toBe('"cache", "cookies"');
      expect(String(out.headers['set-cookie'])).toMatch(
        /^__Host-jinguo_session=; Max-Age=0; Path=\/; .*HttpOnly; Secure; SameSite=Strict$/,
      );
    });

    it('is plain jinguo_session without Secure or HSTS over HTTP (the default)', async () => {
      const plain = await buildTestApp(kind, { demo: false });
      try {
        const health = await plain.app.inject({ url: '/api/health' });
        expect(health.headers['strict-transport-security']).toBeUndefined();
        const res = await plain.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
        expect(res.statusCode).toBe(401);
        const s = await plain.login('auditor');
        expect(s.cookie).toMatch(/^jinguo_session=/);
        const out = await s.inject({ method: 'POST', url: '/api/auth/logout' });
        expect(out.headers['clear-site-data']).toBe('"cache", "cookies"');
        expect(String(out.headers['set-cookie'])).not.toMatch(/Secure/);
      } finally {
        await plain.close();
      }
    });
  });

  describe('三员分立 from the first start', () => {
    it('creates sysadmin, secadmin and auditor — one role each, no admin — with printed passwords to change at first sign-in', async () => {
      const handle = await createTestDatabase(kind);
      try {
        const init = await initializeDatabase(handle, { clock: createTestClock(), adminPasswords: { auditor: 'Audit-Trail-Keeper-77' } });
        expect(init.admins.map((a) => [a.username, !!a.password, a.env])).toEqual([
          ['sysadmin', true, 'JINGUO_SYSADMIN_PASSWORD'],
          ['secadmin', true, 'JINGUO_SECADMIN_PASSWORD'],
          ['auditor', false, 'JINGUO_AUDITOR_PASSWORD'],
        ]);
        const users = await handle.db
          .selectFrom('users as u')
          .innerJoin('roleAssignments as ra', 'ra.userId', 'u.id')
          .select(['u.username', 'ra.role', 'u.mustChangePassword', 'u.passwordHash'])
          .orderBy('u.username')
          .execute();
        expect(users.map((u) => [u.username, u.role, u.mustChangePassword])).toEqual([
          ['auditor', 'auditor', 1],
          ['secadmin', 'security_admin', 1],
          ['sysadmin', 'system_admin', 1],
        ]);
        const sys = init.admins.find((a) => a.username === 'sysadmin')!;
        expect(await verifyPassword(sys.password!, users.find((u) => u.username === 'sysadmin')!.passwordHash)).toBe(true);
        expect(await verifyPassword('Audit-Trail-Keeper-77', users.find((u) => u.username === 'auditor')!.passwordHash)).toBe(true);
        // A fresh non-demo installation: the 三员 and the chairs need a second factor (the default, nothing stored).
        expect(await handle.db.selectFrom('settings').select('key').where('key', '=', 'secondFactorRoles').execute()).toEqual([]);
        // Once created, a second start changes nothing.
        expect((await initializeDatabase(handle, { clock: createTestClock() })).admins).toEqual([]);
      } finally {
        await handle.close();
      }
    });

    it('refuses a weak administrator password from the environment, and relaxes the business roles only in the demo', async () => {
      const weak = await createTestDatabase(kind);
      try {
        await expect(initializeDatabase(weak, { clock: createTestClock(), adminPasswords: { secadmin: 'Password123!' } })).rejects.toThrow(
          /JINGUO_SECADMIN_PASSWORD/,
        );
        expect(await weak.db.selectFrom('users').select('id').execute()).toEqual([]);
      } finally {
        await weak.close();
      }
      const demo = await createTestDatabase(kind);
      try {
        await initializeDatabase(demo, { clock: createTestClock(), demo: true });
        const row = await demo.db.selectFrom('settings').select('value').where('key', '=', 'secondFactorRoles').executeTakeFirstOrThrow();
        expect(JSON.parse(row.value)).toEqual(['system_admin', 'security_admin', 'auditor']);
      } finally {
        await demo.close();
      }
    });
  });
});
