import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp } from './build-test-app.js';
import { LOGIN_FAILED_MESSAGE } from '../src/platform/auth.service.js';

describe.each(TEST_DATABASES)('auth and sessions on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
  });
  afterAll(() => t.close());

  it('answers health with the database kind', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.json()).toMatchObject({ status: 'ok', database: kind });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('rejects an unauthenticated call with 401', async () => {
    const res = await t.app.inject({ url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('logs in with an httpOnly SameSite cookie, a new token each login, and logs out on the server', async () => {
    const a = await t.login('rights');
    const b = await t.login('rights');
    expect(a.cookie).not.toBe(b.cookie);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'rights', password: 'Jinguo-Demo-2026' },
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect((await a.inject({ url: '/api/auth/me' })).json().username).toBe('rights');
    expect((await a.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    expect((await a.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await b.inject({ url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('refuses an unsafe request without the CSRF header', async () => {
    const s = await t.login('sysadmin');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF');
  });

  it('refuses an unsafe request with a wrong CSRF token, even from the right session', async () => {
    const s = await t.login('sysadmin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': 'f'.repeat(32) },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF');
    expect((await s.inject({ url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('uses a 128-bit random cookie token and stores only its hash', async () => {
    const s = await t.login('chair');
    const token = s.cookie.split('=')[1];
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    const sessions = await t.handle.db.selectFrom('sessions').select('id').execute();
    expect(sessions.some((x) => x.id === token)).toBe(false);
    expect(sessions.every((x) => /^[0-9a-f]{64}$/.test(x.id))).toBe(true);
    // A forged or malformed cookie is simply no session.
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: `jinguo_session=${'a'.repeat(32)}` } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: "jinguo_session=' OR 1=1 --" } })).statusCode).toBe(401);
  });

  it('answers a login without a password with 400 naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'chair' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toBe('password');
  });

  it('gives the same message for an unknown user and a wrong password', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'whatever-password' },
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'finance', password: 'wrong-password-1' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().message).toBe(LOGIN_FAILED_MESSAGE);
    expect(wrong.json().message).toBe(LOGIN_FAILED_MESSAGE);
  });

  it('locks an account after 5 failures for 30 minutes, even against the right password', async () => {
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'organisation', password: `wrong-${i}-password` },
      });
    }
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'organisation', password: 'Jinguo-Demo-2026' },
    });
    expect(right.statusCode).toBe(401);
    expect(right.json().message).toBe(LOGIN_FAILED_MESSAGE);
    t.clock.advance(29 * 60_000);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'organisation', password: 'Jinguo-Demo-2026' } }))
        .statusCode,
    ).toBe(401);
    t.clock.advance(2 * 60_000);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'organisation', password: 'Jinguo-Demo-2026' } }))
        .statusCode,
    ).toBe(200);
  });

  it('ends a session idle for more than 30 minutes', async () => {
    const s = await t.login('statistician');
    t.clock.advance(29 * 60_000);
    expect((await s.inject({ url: '/api/auth/me' })).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await s.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('ends a session 12 hours after login even when it stays active', async () => {
    const s = await t.login('programme');
    // Active every 20 minutes (inside the idle window) for 11 h 40 min …
    for (let i = 0; i < 35; i++) {
      t.clock.advance(20 * 60_000);
      expect((await s.inject({ url: '/api/auth/me' })).statusCode).toBe(200);
    }
    // … then past 12 hours since login.
    t.clock.advance(21 * 60_000);
    expect((await s.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('forces a generated password to be changed, and enforces the password policy', async () => {
    // The system admin signs in with her second factor (the helper types the code).
    const admin = await t.login('sysadmin');
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken };
    const roots = await t.app.inject({ url: '/api/org/roots', headers });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers,
      payload: { username: 'newclerk', displayName: '新干事', orgUnitId: roots.json()[0].id },
    });
    expect(created.statusCode).toBe(201);
    const { initialPassword } = created.json();
    const s = await t.login('newclerk', initialPassword);
    expect((await s.inject({ url: '/api/org/roots' })).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await s.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: initialPassword, newPassword: 'short1A' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields[0].path).toBe('newPassword');
    const common = await s.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: initialPassword, newPassword: 'Password@123' },
    });
    expect(common.statusCode).toBe(400);
    const ok = await s.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: initialPassword, newPassword: 'Qiu-Ju-Da-Guan-Si-9' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await s.inject({ url: '/api/auth/me' })).json().mustChangePassword).toBe(false);
  });
});
