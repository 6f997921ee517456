import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { countRows, unitId } from './fixtures.js';

const UNKNOWN = '01900000-0000-7000-8000-000000000000';

describe.each(TEST_DATABASES)('security on %s', (kind) => {
  let t: TestApp;
  let sys: TestSession;
  let rootId: string;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    sys = await t.login('sysadmin');
    rootId = await unitId(t, '510399');
  });
  afterAll(() => t.close());

  /** Rows that a refused request must not have written. */
  const snapshot = async () => ({
    units: await countRows(t, 'orgUnits'),
    users: await countRows(t, 'users'),
    audit: await countRows(t, 'auditLog'),
    roles: await countRows(t, 'roleAssignments'),
  });

  describe('agency isolation', () => {
    it('gives an agency user nothing of the org tree, the accounts, the trail or the settings', async () => {
      const police = await t.login('police');
      const me = (await police.inject({ url: '/api/auth/me' })).json();
      expect(me.permissions).toEqual(['referrals.respond']);
      const someone = (await t.handle.db.selectFrom('users').select('id').where('username', '=', 'rights').executeTakeFirstOrThrow()).id;
      const own = await unitId(t, '东城派出所');
      const before = await snapshot();
      const routes: [string, string, unknown?][] = [
        ['GET', '/api/org/roots'],
        ['GET', '/api/org/units?q=派出所'],
        ['GET', `/api/org/units?parentId=${rootId}`],
        ['GET', `/api/org/units/${own}`],
        ['POST', '/api/org/units', { parentId: own, kind: 'agency', name: '警务室', agencyType: 'police' }],
        ['PATCH', `/api/org/units/${own}`, { name: '改名' }],
        ['POST', `/api/org/units/${own}/move`, { parentId: rootId }],
        ['POST', `/api/org/units/${own}/deactivate`],
        ['GET', '/api/users'],
        ['GET', `/api/users/${someone}`],
        ['POST', '/api/users', { username: 'agent2', displayName: '某', orgUnitId: own }],
        ['PATCH', `/api/users/${someone}`, { active: false }],
        ['POST', `/api/users/${someone}/reset-password`],
        ['POST', `/api/users/${someone}/roles`, { role: 'agency_user', orgUnitId: own }],
        ['GET', '/api/audit'],
        ['GET', '/api/audit/verify'],
        ['GET', '/api/settings'],
        ['PATCH', '/api/settings', { loginMaxFailures: 20 }],
      ];
      for (const [method, url, payload] of routes) {
        const res = await police.inject({ method: method as 'GET', url, payload: payload as object | undefined });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.body).not.toContain('东城街道');
      }
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('bad input', () => {
    it('answers malformed JSON, wrong types and unknown fields with 400 naming the field, writing nothing', async () => {
      const sec = await t.login('secadmin');
      const before = await snapshot();
      const json = { 'content-type': 'application/json' };
      const malformed = await sys.inject({ method: 'POST', url: '/api/org/units', headers: json, payload: '{"name": "半截' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ code: 'VALIDATION', message: '请求内容不是有效的 JSON' });
      const wrongType = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: rootId, kind: 'department', name: 12345 },
      });
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json().fields).toEqual([expect.objectContaining({ path: 'name' })]);
      expect(wrongType.json().message).toContain('name');
      const badEnum = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: rootId, kind: 'castle', name: '城堡' },
      });
      expect(badEnum.json().fields[0].path).toBe('kind');
      const unknownField = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: rootId, kind: 'department', name: '某局', active: 0 },
      });
      expect(unknownField.statusCode).toBe(400);
      expect(unknownField.json().message).toContain('active');
      const array = await sys.inject({ method: 'POST', url: '/api/users', payload: [] });
      expect(array.statusCode).toBe(400);
      const empty = await sys.inject({ method: 'POST', url: '/api/users', headers: json, payload: '' });
      expect(empty.statusCode).toBe(400);
      const settings = await sec.inject({ method: 'PATCH', url: '/api/settings', payload: { loginMaxFailures: 1 } });
      expect(settings.statusCode).toBe(400);
      expect(settings.json().fields[0].path).toBe('loginMaxFailures');
      expect(await snapshot()).toEqual(before);
    });

    it('answers an oversized body with 413', async () => {
      const before = await snapshot();
      const res = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: rootId, kind: 'department', name: 'x'.repeat(2 * 1024 * 1024) },
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
      expect(await snapshot()).toEqual(before);
    });

    it('answers a bad id with 400 naming the field and an unknown id with 404, never a 500', async () => {
      const cases: [string, string, number, string?][] = [
        ['GET', '/api/org/units/1', 400, 'id'],
        ['GET', '/api/users/abc', 400, 'id'],
        ['POST', '/api/users/abc/unlock', 400, 'id'],
        ['DELETE', `/api/users/${UNKNOWN}/roles/nope`, 400, 'assignmentId'],
        ['GET', `/api/org/units/${UNKNOWN}`, 404],
        ['GET', `/api/org/units?parentId=${UNKNOWN}`, 404],
        ['GET', `/api/users/${UNKNOWN}`, 404],
        ['POST', `/api/org/units/${UNKNOWN}/activate`, 404],
        ['GET', '/api/no-such-route', 404],
      ];
      for (const [method, url, status, field] of cases) {
        const res = await sys.inject({ method: method as 'GET', url });
        expect(res.statusCode, `${method} ${url}`).toBe(status);
        if (field) expect(res.json().fields[0].path, url).toBe(field);
        expect(res.json().requestId).toBeTruthy();
      }
    });

    it('answers a body of the wrong content type with 400 or 415, never a 500', async () => {
      const text = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        headers: { 'content-type': 'text/plain' },
        payload: 'name=x',
      });
      expect(text.statusCode).toBe(400);
      const xml = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        headers: { 'content-type': 'application/xml' },
        payload: '<name>x</name>',
      });
      expect(xml.statusCode).toBe(415);
    });
  });

  describe('response headers', () => {
    it('marks every /api response no-store, success or error, signed in or not', async () => {
      const responses = [
        await t.app.inject({ url: '/api/health' }),
        await t.app.inject({ url: '/api/auth/me' }),
        await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } }),
        await t.app.inject({ url: '/api/no-such-route' }),
        await sys.inject({ url: '/api/org/roots' }),
        await sys.inject({ url: '/api/users?page=0' }),
        await sys.inject({ url: `/api/users/${UNKNOWN}` }),
        await sys.inject({ url: '/api/audit' }),
        await sys.inject({ method: 'POST', url: '/api/org/units', payload: { name: 'x'.repeat(2 * 1024 * 1024) } }),
        await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: sys.cookie } }),
      ];
      for (const res of responses) expect(res.headers['cache-control'], `${res.statusCode} ${res.body.slice(0, 60)}`).toBe('no-store');
    });

    it('sends the security headers', async () => {
      for (const res of [
        await t.app.inject({ url: '/api/health' }),
        await sys.inject({ url: '/api/org/roots' }),
        await t.app.inject({ url: '/api/auth/me' }),
      ]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['referrer-policy']).toBe('same-origin');
        expect(res.headers['content-security-policy']).toContain("script-src 'self'");
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      }
    });
  });

  describe('OpenAPI', () => {
    it('publishes every org, user and audit route with its schemas', async () => {
      const res = await t.app.inject({ url: '/api/openapi.json' });
      expect(res.statusCode).toBe(200);
      const paths = Object.keys(res.json().paths);
      for (const p of [
        '/api/org/roots',
        '/api/org/units',
        '/api/org/units/{id}',
        '/api/org/units/{id}/move',
        '/api/users',
        '/api/users/{id}/roles',
        '/api/audit',
        '/api/audit/verify',
        '/api/settings',
      ]) {
        expect(paths, p).toContain(p);
      }
      expect(JSON.stringify(res.json().paths['/api/org/units'].post.requestBody)).toContain('parentId');
    });
  });

  describe('security settings', () => {
    it('lets only the security admin read and change them; each change is audited and takes effect', async () => {
      const sec = await t.login('secadmin');
      expect((await sys.inject({ url: '/api/settings' })).statusCode).toBe(403);
      expect(
        (await (await t.login('auditor')).inject({ method: 'PATCH', url: '/api/settings', payload: { loginMaxFailures: 3 } })).statusCode,
      ).toBe(403);
      const current = (await sec.inject({ url: '/api/settings' })).json();
      expect(current.values).toEqual({
        sessionIdleMinutes: 30,
        sessionAbsoluteHours: 12,
        loginMaxFailures: 5,
        loginLockMinutes: 30,
        secondFactorRoles: ['system_admin', 'security_admin', 'auditor', 'federation_leader', 'township_chair'],
      });
      expect(current.labels.loginMaxFailures).toBe('连续登录失败锁定次数');
      const changed = await sec.inject({ method: 'PATCH', url: '/api/settings', payload: { loginMaxFailures: 3 } });
      expect(changed.json().values.loginMaxFailures).toBe(3);
      const audit = await t.handle.db.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ action: 'update', entityType: 'settings', actorName: 'secadmin' });
      for (let i = 0; i < 3; i++)
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'statistician', password: `nope-${i}-password` },
        });
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: 'statistician', password: 'Jinguo-Demo-2026' },
          })
        ).statusCode,
      ).toBe(401);
      await sec.inject({ method: 'PATCH', url: '/api/settings', payload: { loginMaxFailures: 5 } });
    });

    it('rejects unknown keys and values out of range', async () => {
      const sec = await t.login('secadmin');
      const unknown = await sec.inject({ method: 'PATCH', url: '/api/settings', payload: { passwordMinLength: 6 } });
      expect(unknown.statusCode).toBe(400);
      const range = await sec.inject({ method: 'PATCH', url: '/api/settings', payload: { sessionIdleMinutes: 100000 } });
      expect(range.statusCode).toBe(400);
      expect(range.json().fields[0].path).toBe('sessionIdleMinutes');
    });
  });
});
