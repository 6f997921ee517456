import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_FAILED_MESSAGE } from '../src/platform/auth.service.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { CHANGED_PASSWORD, countRows, createAccount, unitId } from './fixtures.js';

const DEMO_PASSWORD = 'Jinguo-Demo-2026';
const UNKNOWN = '01900000-0000-7000-8000-000000000000';

describe.each(TEST_DATABASES)('users and roles on %s', (kind) => {
  let t: TestApp;
  let sys: TestSession;
  let sec: TestSession;
  let rootId: string;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    sys = await t.login('sysadmin');
    sec = await t.login('secadmin');
    rootId = await unitId(t, '510399');
  });
  afterAll(() => t.close());

  const userIdOf = async (username: string) =>
    (await t.handle.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const tryLogin = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  describe('listing', () => {
    it('answers 401 without a session and 403 to roles without users.read', async () => {
      expect((await t.app.inject({ url: '/api/users' })).statusCode).toBe(401);
      for (const who of ['niufo', 'rights', 'police', 'liaison']) {
        expect((await (await t.login(who)).inject({ url: '/api/users' })).statusCode, who).toBe(403);
      }
    });

    it('pages through the accounts in scope with their roles, and searches by username or name', async () => {
      const page = (await sys.inject({ url: '/api/users?page=1&pageSize=5' })).json();
      // 12 demo accounts and the install's three administrators (no `admin` any more).
      expect(page).toMatchObject({ total: 15, page: 1, pageSize: 5 });
      expect(page.items).toHaveLength(5);
      const last = (await sys.inject({ url: '/api/users?page=4&pageSize=4' })).json();
      expect(last.items).toHaveLength(3);
      const found = (await sys.inject({ url: '/api/users?q=niufo' })).json();
      expect(found.total).toBe(1);
      expect(found.items[0]).toMatchObject({ username: 'niufo', orgUnitName: '牛佛镇', active: true, locked: false });
      expect(found.items[0].roles).toEqual([expect.objectContaining({ role: 'township_chair', orgUnitName: '牛佛镇' })]);
      const byName = (await sys.inject({ url: `/api/users?q=${encodeURIComponent('审计')}` })).json();
      expect(byName.items.map((u: { username: string }) => u.username)).toEqual(['auditor']);
    });

    it('never sends a password hash', async () => {
      const res = await sys.inject({ url: '/api/users?pageSize=200' });
      expect(res.body).not.toMatch(/scrypt|passwordHash|password_hash/);
    });

    it('answers 400 for a bad id or page and 404 for an unknown id', async () => {
      expect((await sys.inject({ url: '/api/users/123' })).json().fields[0].path).toBe('id');
      expect((await sys.inject({ url: '/api/users?page=0' })).statusCode).toBe(400);
      expect((await sys.inject({ url: '/api/users?pageSize=1000' })).statusCode).toBe(400);
      expect((await sys.inject({ url: `/api/users/${UNKNOWN}` })).statusCode).toBe(404);
    });
  });

  describe('三员分立: the system admin creates accounts, the security admin grants roles', () => {
    it('lets the system admin create an account with a one-time password that must be changed', async () => {
      const res = await sys.inject({
        method: 'POST',
        url: '/api/users',
        payload: { username: 'clerk1', displayName: '干事甲', orgUnitId: rootId },
      });
      expect(res.statusCode).toBe(201);
      const { user, initialPassword } = res.json();
      expect(user).toMatchObject({ username: 'clerk1', displayName: '干事甲', mustChangePassword: true, active: true, roles: [] });
      expect(initialPassword.length).toBeGreaterThanOrEqual(12);
      const s = await t.login('clerk1', initialPassword);
      expect((await s.inject({ url: '/api/auth/me' })).json()).toMatchObject({ mustChangePassword: true, permissions: [] });
      expect((await s.inject({ url: '/api/org/roots' })).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    });

    it('refuses role assignment by the system admin and account creation by the security admin', async () => {
      const clerk = await userIdOf('clerk1');
      expect(
        (await sys.inject({ method: 'POST', url: `/api/users/${clerk}/roles`, payload: { role: 'rights_officer', orgUnitId: rootId } }))
          .statusCode,
      ).toBe(403);
      expect(
        (await sec.inject({ method: 'POST', url: '/api/users', payload: { username: 'clerk2', displayName: '干事乙', orgUnitId: rootId } }))
          .statusCode,
      ).toBe(403);
      const auditor = await t.login('auditor');
      expect(
        (await auditor.inject({ method: 'POST', url: `/api/users/${clerk}/roles`, payload: { role: 'rights_officer', orgUnitId: rootId } }))
          .statusCode,
      ).toBe(403);
      expect((await auditor.inject({ method: 'PATCH', url: `/api/users/${clerk}`, payload: { active: false } })).statusCode).toBe(403);
    });

    it('lets the security admin grant and revoke a role, effective at the next request', async () => {
      const clerk = await userIdOf('clerk1');
      const granted = await sec.inject({
        method: 'POST',
        url: `/api/users/${clerk}/roles`,
        payload: { role: 'finance_officer', orgUnitId: rootId },
      });
      expect(granted.statusCode).toBe(200);
      expect(granted.json().roles).toEqual([expect.objectContaining({ role: 'finance_officer', orgUnitName: '示例区妇联' })]);
      expect(
        (await sec.inject({ method: 'POST', url: `/api/users/${clerk}/roles`, payload: { role: 'finance_officer', orgUnitId: rootId } }))
          .statusCode,
      ).toBe(409);
      const chair = await createAccount(t, 'chair2', 'federation_leader', '510399');
      expect((await chair.inject({ url: '/api/org/roots' })).statusCode).toBe(200);
      const assignment = (await sec.inject({ url: `/api/users/${chair.userId}` })).json().roles[0];
      const revoked = await sec.inject({ method: 'DELETE', url: `/api/users/${chair.userId}/roles/${assignment.id}` });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json().roles).toEqual([]);
      expect((await chair.inject({ url: '/api/org/roots' })).statusCode).toBe(403);
      expect((await sec.inject({ method: 'DELETE', url: `/api/users/${chair.userId}/roles/${assignment.id}` })).statusCode).toBe(404);
    });

    it('keeps the three security roles with three different people and away from business roles', async () => {
      const clerk = await userIdOf('clerk1'); // holds finance_officer
      const auditorRole = await sec.inject({
        method: 'POST',
        url: `/api/users/${clerk}/roles`,
        payload: { role: 'auditor', orgUnitId: rootId },
      });
      expect(auditorRole.statusCode).toBe(409);
      expect(auditorRole.json().message).toContain('三员分立');
      const sysadmin = await userIdOf('sysadmin');
      expect(
        (await sec.inject({ method: 'POST', url: `/api/users/${sysadmin}/roles`, payload: { role: 'auditor', orgUnitId: rootId } }))
          .statusCode,
      ).toBe(409);
      expect(
        (await sec.inject({ method: 'POST', url: `/api/users/${sysadmin}/roles`, payload: { role: 'rights_officer', orgUnitId: rootId } }))
          .statusCode,
      ).toBe(409);
      // The same security role over another unit is not a clash.
      expect(
        (
          await sec.inject({
            method: 'POST',
            url: `/api/users/${sysadmin}/roles`,
            payload: { role: 'system_admin', orgUnitId: await unitId(t, '牛佛镇') },
          })
        ).statusCode,
      ).toBe(200);
    });

    it('refuses a security admin changing her own roles', async () => {
      const me = await userIdOf('secadmin');
      expect(
        (
          await sec.inject({
            method: 'POST',
            url: `/api/users/${me}/roles`,
            payload: { role: 'security_admin', orgUnitId: await unitId(t, '牛佛镇') },
          })
        ).statusCode,
      ).toBe(400);
      const own = (await sec.inject({ url: `/api/users/${me}` })).json().roles[0];
      expect((await sec.inject({ method: 'DELETE', url: `/api/users/${me}/roles/${own.id}` })).statusCode).toBe(400);
    });

    it('grants roles only inside the granter’s own scope', async () => {
      const townSec = await createAccount(t, 'niufosec', 'security_admin', '牛佛镇');
      const niufoUser = await userIdOf('niufo');
      const dongchengUser = await userIdOf('dongcheng');
      const listed = (await townSec.inject({ url: '/api/users?pageSize=200' })).json();
      expect(listed.items.map((u: { username: string }) => u.username).sort()).toEqual(['niufo', 'niufosec']);
      const outsideUnit = await townSec.inject({
        method: 'POST',
        url: `/api/users/${niufoUser}/roles`,
        payload: { role: 'rights_officer', orgUnitId: await unitId(t, '东城街道') },
      });
      expect(outsideUnit.statusCode).toBe(400);
      expect(outsideUnit.json().fields[0].path).toBe('orgUnitId');
      expect((await townSec.inject({ url: `/api/users/${dongchengUser}` })).statusCode).toBe(404);
      expect(
        (
          await townSec.inject({
            method: 'POST',
            url: `/api/users/${dongchengUser}/roles`,
            payload: { role: 'rights_officer', orgUnitId: await unitId(t, '牛佛镇') },
          })
        ).statusCode,
      ).toBe(404);
      const inside = await townSec.inject({
        method: 'POST',
        url: `/api/users/${niufoUser}/roles`,
        payload: { role: 'rights_officer', orgUnitId: await unitId(t, '大山村') },
      });
      expect(inside.statusCode).toBe(200);
    });

    it('answers 400 for a bad role, a bad unit and unknown fields, and 404 for an unknown user', async () => {
      const clerk = await userIdOf('clerk1');
      const before = await countRows(t, 'roleAssignments');
      const badRole = await sec.inject({
        method: 'POST',
        url: `/api/users/${clerk}/roles`,
        payload: { role: 'superuser', orgUnitId: rootId },
      });
      expect(badRole.statusCode).toBe(400);
      expect(badRole.json().fields[0].path).toBe('role');
      const badUnit = await sec.inject({
        method: 'POST',
        url: `/api/users/${clerk}/roles`,
        payload: { role: 'statistician', orgUnitId: UNKNOWN },
      });
      expect(badUnit.json().fields[0].path).toBe('orgUnitId');
      const extra = await sec.inject({
        method: 'POST',
        url: `/api/users/${clerk}/roles`,
        payload: { role: 'statistician', orgUnitId: rootId, admin: true },
      });
      expect(extra.statusCode).toBe(400);
      expect(
        (await sec.inject({ method: 'POST', url: `/api/users/${UNKNOWN}/roles`, payload: { role: 'statistician', orgUnitId: rootId } }))
          .statusCode,
      ).toBe(404);
      expect(await countRows(t, 'roleAssignments')).toBe(before);
    });
  });

  describe('managing accounts', () => {
    it('rejects a bad or duplicate username and a unit outside scope, writing nothing', async () => {
      const before = await countRows(t, 'users');
      const bad = await sys.inject({
        method: 'POST',
        url: '/api/users',
        payload: { username: '1x', displayName: '某', orgUnitId: rootId },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().fields[0].path).toBe('username');
      const dup = await sys.inject({
        method: 'POST',
        url: '/api/users',
        payload: { username: 'niufo', displayName: '某', orgUnitId: rootId },
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().fields[0].path).toBe('username');
      const noUnit = await sys.inject({
        method: 'POST',
        url: '/api/users',
        payload: { username: 'someone', displayName: '某', orgUnitId: UNKNOWN },
      });
      expect(noUnit.statusCode).toBe(400);
      expect(noUnit.json().fields[0].path).toBe('orgUnitId');
      const noName = await sys.inject({ method: 'POST', url: '/api/users', payload: { username: 'someone', orgUnitId: rootId } });
      expect(noName.json().fields[0].path).toBe('displayName');
      expect(await countRows(t, 'users')).toBe(before);
    });

    it('edits the name and home unit, recording before and after', async () => {
      const clerk = await userIdOf('clerk1');
      const res = await sys.inject({
        method: 'PATCH',
        url: `/api/users/${clerk}`,
        payload: { displayName: '干事甲（财务）', orgUnitId: await unitId(t, '牛佛镇') },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ displayName: '干事甲（财务）', orgUnitName: '牛佛镇' });
      const audit = await t.handle.db
        .selectFrom('auditLog')
        .select(['action', 'detail'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.detail!).changes.displayName).toEqual(['干事甲', '干事甲（财务）']);
    });

    it('disabling an account ends its sessions at once and refuses its logins with the usual message', async () => {
      const dongcheng = await t.login('dongcheng');
      const id = await userIdOf('dongcheng');
      expect((await dongcheng.inject({ url: '/api/auth/me' })).statusCode).toBe(200);
      const res = await sys.inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { active: false } });
      expect(res.json().active).toBe(false);
      expect((await dongcheng.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
      const refused = await tryLogin('dongcheng', DEMO_PASSWORD);
      expect(refused.statusCode).toBe(401);
      expect(refused.json().message).toBe(LOGIN_FAILED_MESSAGE);
      await sys.inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { active: true } });
      // A township chair signs in with her second factor (the helper types the code; it throws unless 200).
      await t.login('dongcheng');
    });

    it('cannot disable or reset the password of one’s own account', async () => {
      const me = await userIdOf('sysadmin');
      expect((await sys.inject({ method: 'PATCH', url: `/api/users/${me}`, payload: { active: false } })).statusCode).toBe(400);
      expect((await sys.inject({ method: 'POST', url: `/api/users/${me}/reset-password` })).statusCode).toBe(400);
    });

    it('a reset password ends the user’s sessions, replaces the old one and must be changed at next login', async () => {
      const finance = await t.login('finance');
      const id = await userIdOf('finance');
      const res = await sys.inject({ method: 'POST', url: `/api/users/${id}/reset-password` });
      expect(res.statusCode).toBe(200);
      const { initialPassword } = res.json();
      expect((await finance.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
      expect((await tryLogin('finance', DEMO_PASSWORD)).statusCode).toBe(401);
      const s = await t.login('finance', initialPassword);
      expect((await s.inject({ url: '/api/auth/me' })).json().mustChangePassword).toBe(true);
      expect((await s.inject({ url: '/api/users' })).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
      expect(
        (
          await s.inject({
            method: 'POST',
            url: '/api/auth/password',
            payload: { currentPassword: initialPassword, newPassword: CHANGED_PASSWORD },
          })
        ).statusCode,
      ).toBe(200);
      expect((await s.inject({ url: '/api/auth/me' })).json().mustChangePassword).toBe(false);
      // No second login: the session that changed the password goes on with her work (reads and CSRF-checked writes).
      expect((await s.inject({ url: '/api/funds/accounts' })).statusCode).toBe(200);
      expect((await s.inject({ method: 'POST', url: '/api/notifications/read-all' })).statusCode).toBe(200);
    });

    it('shows a locked account as locked and unlocks it', async () => {
      const id = await userIdOf('liaison');
      for (let i = 0; i < 5; i++) await tryLogin('liaison', `wrong-password-${i}`);
      expect((await sys.inject({ url: `/api/users/${id}` })).json().locked).toBe(true);
      expect((await tryLogin('liaison', DEMO_PASSWORD)).statusCode).toBe(401);
      const res = await sys.inject({ method: 'POST', url: `/api/users/${id}/unlock` });
      expect(res.json().locked).toBe(false);
      expect((await tryLogin('liaison', DEMO_PASSWORD)).statusCode).toBe(200);
    });

    it('answers 404 for account actions on an unknown user and 403 for a chair', async () => {
      for (const [method, url] of [
        ['PATCH', `/api/users/${UNKNOWN}`],
        ['POST', `/api/users/${UNKNOWN}/reset-password`],
        ['POST', `/api/users/${UNKNOWN}/unlock`],
      ] as const) {
        expect((await sys.inject({ method, url, payload: method === 'PATCH' ? { displayName: '某' } : {} })).statusCode, url).toBe(404);
      }
      const niufo = await t.login('niufo');
      expect((await niufo.inject({ method: 'POST', url: `/api/users/${await userIdOf('rights')}/reset-password` })).statusCode).toBe(403);
    });
  });
});
