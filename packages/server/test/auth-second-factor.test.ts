import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_FAILED_MESSAGE } from '../src/platform/auth.service.js';
import { buildTestApp, enrolSecondFactor, TEST_DATABASES, totpCodeAt, type TestApp, type TestSession } from './build-test-app.js';
import { CHANGED_PASSWORD, unitId } from './fixtures.js';

const DEMO_PASSWORD = 'Jinguo-Demo-2026';

/** Trust, item 11: TOTP (RFC 6238) with recovery codes, required for the 三员 and the chairs. */
describe.each(TEST_DATABASES)('second factor on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    // The install as the first start leaves it: the 三员 with a pending password change, nobody enrolled.
    t = await buildTestApp(kind, { setUp: false });
  });
  afterAll(() => t.close());

  const login = (username: string, password: string, totpCode?: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...(totpCode !== undefined && { totpCode }) } });
  const sessionOf = (res: Awaited<ReturnType<typeof login>>, username: string): TestSession => {
    const cookie = `jinguo_session=${res.cookies.find((c) => c.name === 'jinguo_session')!.value}`;
    const csrfToken = res.json().csrfToken as string;
    return {
      username,
      cookie,
      csrfToken,
      inject: (o) => t.app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrfToken, ...(o.headers ?? {}) } }),
    };
  };
  const userRow = (username: string) =>
    t.handle.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const auditActions = async (username: string) =>
    (
      await t.handle.db
        .selectFrom('auditLog')
        .select('action')
        .where('entityId', '=', (await userRow(username)).id)
        .orderBy('seq')
        .execute()
    ).map((e) => e.action);
  let secret = '';
  let recoveryCodes: string[] = [];

  it('lets a 三员 account in only to change its password, then only to enrol; enrolment shows a QR code once', async () => {
    const first = await login('secadmin', DEMO_PASSWORD);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ mustChangePassword: true, mustEnrolSecondFactor: true, secondFactorEnabled: false });
    const s = sessionOf(first, 'secadmin');
    expect((await s.inject({ url: '/api/org/roots' })).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await s.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: CHANGED_PASSWORD },
    });
    expect(changed.statusCode).toBe(200);
    const blocked = await s.inject({ url: '/api/org/roots' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'SECOND_FACTOR_ENROLMENT_REQUIRED' });
    expect((await s.inject({ url: '/api/settings' })).json().code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');

    const setup = await s.inject({ method: 'POST', url: '/api/auth/totp/setup' });
    expect(setup.statusCode).toBe(200);
    secret = setup.json().secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.json().otpauthUri).toBe(`otpauth://totp/Jinguo:secadmin?secret=${secret}&issuer=Jinguo`);
    expect(setup.json().qrDataUrl).toMatch(/^data:image\/png;base64,/);
    // Not active until a code from it is confirmed.
    expect((await userRow('secadmin')).totpSecretEnc).toBeNull();
    const wrong = await s.inject({ method: 'POST', url: '/api/auth/totp/enable', payload: { code: '000000' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields[0].path).toBe('code');
    const badShape = await s.inject({ method: 'POST', url: '/api/auth/totp/enable', payload: { code: '12ab' } });
    expect(badShape.json().fields[0]).toMatchObject({ path: 'code', message: '动态验证码应为6位数字' });

    const enabled = await s.inject({ method: 'POST', url: '/api/auth/totp/enable', payload: { code: totpCodeAt(secret, t.clock) } });
    expect(enabled.statusCode).toBe(200);
    recoveryCodes = enabled.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(recoveryCodes.every((c) => /^[a-z2-9]{5}-[a-z2-9]{5}$/.test(c))).toBe(true);
    expect((await s.inject({ url: '/api/settings' })).statusCode).toBe(200);
    expect((await s.inject({ url: '/api/auth/me' })).json()).toMatchObject({ secondFactorEnabled: true, mustEnrolSecondFactor: false });
    expect(await auditActions('secadmin')).toEqual(expect.arrayContaining(['password.change', 'totp.setup', 'totp.enable']));
  });

  it('keeps the secret encrypted with the field cipher and the recovery codes only as keyed hashes', async () => {
    const row = await userRow('secadmin');
    expect(row.totpSecretEnc).toMatch(/^enc1:/);
    expect(row.totpSecretEnc).not.toContain(secret);
    expect(t.cipher.decrypt(row.totpSecretEnc!)).toBe(secret);
    expect(row.totpPendingEnc).toBeNull();
    const stored = await t.handle.db.selectFrom('recoveryCodes').selectAll().where('userId', '=', row.id).execute();
    expect(stored).toHaveLength(10);
    const everything = JSON.stringify(await t.handle.db.selectFrom('recoveryCodes').selectAll().execute());
    for (const code of recoveryCodes) {
      expect(everything).not.toContain(code);
      expect(everything).not.toContain(code.replace('-', ''));
    }
    const trail = JSON.stringify(await t.handle.db.selectFrom('auditLog').selectAll().execute());
    expect(trail).not.toContain(secret);
    for (const code of recoveryCodes) expect(trail).not.toContain(code);
  });

  it('refuses a sign-in without the code, with a wrong code (counted towards the lock) and with a replayed code', async () => {
    const none = await login('secadmin', CHANGED_PASSWORD);
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'SECOND_FACTOR_REQUIRED', fields: [{ path: 'totpCode' }] });
    expect(none.cookies).toHaveLength(0);
    // A wrong password is still the one message, code or not: the second factor is asked for only after the password.
    const wrongPassword = await login('secadmin', 'Wrong-Pass-2026-x', totpCodeAt(secret, t.clock));
    expect(wrongPassword.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: LOGIN_FAILED_MESSAGE });
    const wrong = await login('secadmin', CHANGED_PASSWORD, '123456' === totpCodeAt(secret, t.clock) ? '654321' : '123456');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'SECOND_FACTOR_INVALID', fields: [{ path: 'totpCode' }] });
    expect((await userRow('secadmin')).failedLogins).toBe(2);

    t.clock.advance(30_000);
    const code = totpCodeAt(secret, t.clock);
    const ok = await login('secadmin', CHANGED_PASSWORD, code);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ username: 'secadmin', secondFactorEnabled: true });
    expect((await userRow('secadmin')).failedLogins).toBe(0);
    // The same code again, even within its 30 seconds: refused.
    const replay = await login('secadmin', CHANGED_PASSWORD, code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('SECOND_FACTOR_INVALID');
    // The previous step's code (within the tolerance, but before the one accepted): refused too.
    const earlier = generateSync({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) - 30 });
    expect((await login('secadmin', CHANGED_PASSWORD, earlier)).statusCode).toBe(401);
    t.clock.advance(30_000);
    expect((await login('secadmin', CHANGED_PASSWORD, totpCodeAt(secret, t.clock))).statusCode).toBe(200);
    const last = await t.handle.db
      .selectFrom('auditLog')
      .select(['action', 'detail'])
      .where('action', '=', 'login.failed')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(last.detail!)).toEqual({ reason: 'wrong_second_factor' });
  });

  it('takes each recovery code once, in any case and without its dash', async () => {
    const [a, b] = recoveryCodes;
    const first = await login('secadmin', CHANGED_PASSWORD, a.toUpperCase().replace('-', ' '));
    expect(first.statusCode).toBe(200);
    expect((await login('secadmin', CHANGED_PASSWORD, a)).json().code).toBe('SECOND_FACTOR_INVALID');
    expect((await login('secadmin', CHANGED_PASSWORD, b)).statusCode).toBe(200);
    const entry = await t.handle.db
      .selectFrom('auditLog')
      .select('detail')
      .where('action', '=', 'login')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.detail!)).toEqual({ secondFactor: 'recovery', recoveryCodesLeft: 8 });
  });

  it('regenerates the recovery codes with a current code; the old ones stop working', async () => {
    t.clock.advance(30_000);
    const sec = sessionOf(await login('secadmin', CHANGED_PASSWORD, totpCodeAt(secret, t.clock)), 'secadmin');
    t.clock.advance(30_000);
    const res = await sec.inject({ method: 'POST', url: '/api/auth/totp/recovery-codes', payload: { code: totpCodeAt(secret, t.clock) } });
    expect(res.statusCode).toBe(200);
    const fresh: string[] = res.json().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect((await login('secadmin', CHANGED_PASSWORD, recoveryCodes[5])).json().code).toBe('SECOND_FACTOR_INVALID');
    expect((await login('secadmin', CHANGED_PASSWORD, fresh[0])).statusCode).toBe(200);
    recoveryCodes = fresh.slice(1);
  });

  it('requires it of the chairs by default; the security admin sets it per role (never without the 三员) and resets a lost one', async () => {
    t.clock.advance(30_000);
    const sec = sessionOf(await login('secadmin', CHANGED_PASSWORD, totpCodeAt(secret, t.clock)), 'secadmin');
    expect((await sec.inject({ url: '/api/settings' })).json().values.secondFactorRoles).toEqual([
      'system_admin',
      'security_admin',
      'auditor',
      'federation_leader',
      'township_chair',
    ]);
    // A chair is let in only to enrol; a rights officer is not asked.
    const niufo = sessionOf(await login('niufo', DEMO_PASSWORD), 'niufo');
    expect((await niufo.inject({ url: '/api/auth/me' })).json().mustEnrolSecondFactor).toBe(true);
    expect((await niufo.inject({ url: '/api/cases' })).json().code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    const rights = sessionOf(await login('rights', DEMO_PASSWORD), 'rights');
    expect((await rights.inject({ url: '/api/cases' })).statusCode).toBe(200);

    const without = await sec.inject({
      method: 'PATCH',
      url: '/api/settings',
      payload: { secondFactorRoles: ['security_admin', 'auditor'] },
    });
    expect(without.statusCode).toBe(400);
    expect(without.json().message).toContain('三员（系统管理员、安全管理员、安全审计员）必须启用双因素认证');
    const relaxed = await sec.inject({
      method: 'PATCH',
      url: '/api/settings',
      payload: { secondFactorRoles: ['system_admin', 'security_admin', 'auditor', 'federation_leader'] },
    });
    expect(relaxed.statusCode).toBe(200);
    // At the chair's next request, not her next sign-in.
    expect((await niufo.inject({ url: '/api/cases' })).statusCode).toBe(200);
    const stricter = await sec.inject({
      method: 'PATCH',
      url: '/api/settings',
      payload: {
        secondFactorRoles: ['system_admin', 'security_admin', 'auditor', 'federation_leader', 'township_chair', 'rights_officer'],
      },
    });
    expect(stricter.statusCode).toBe(200);
    expect((await rights.inject({ url: '/api/cases' })).json().code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');

    // Rights enrols; her phone is lost; the security admin resets it (audited, her sessions end); she enrols again.
    await enrolSecondFactor(t, rights);
    const rightsId = (await userRow('rights')).id;
    const sys = await t.app.inject({ method: 'POST', url: `/api/users/${rightsId}/reset-second-factor` });
    expect(sys.statusCode).toBe(401);
    const reset = await sec.inject({ method: 'POST', url: `/api/users/${rightsId}/reset-second-factor` });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ username: 'rights', secondFactorEnabled: false });
    expect((await rights.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
    expect(await t.handle.db.selectFrom('recoveryCodes').select('id').where('userId', '=', rightsId).execute()).toHaveLength(0);
    const entry = await t.handle.db.selectFrom('auditLog').selectAll().where('action', '=', 'totp.reset').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actorName: 'secadmin', entityId: rightsId, orgUnitId: await unitId(t, '510399') });
    const again = sessionOf(await login('rights', DEMO_PASSWORD), 'rights');
    expect((await again.inject({ url: '/api/auth/me' })).json().mustEnrolSecondFactor).toBe(true);

    // Not her own, and only within her scope and permission.
    const own = await sec.inject({ method: 'POST', url: `/api/users/${(await userRow('secadmin')).id}/reset-second-factor` });
    expect(own.statusCode).toBe(400);
    expect((await rights.inject({ method: 'POST', url: `/api/users/${rightsId}/reset-second-factor` })).statusCode).toBe(401);
    const chair = sessionOf(await login('chair', DEMO_PASSWORD), 'chair');
    await enrolSecondFactor(t, chair);
    expect((await (await t.login('chair')).inject({ method: 'POST', url: `/api/users/${rightsId}/reset-second-factor` })).statusCode).toBe(
      403,
    );
    expect(
      (await sec.inject({ method: 'POST', url: '/api/users/01900000-0000-7000-8000-000000000000/reset-second-factor' })).statusCode,
    ).toBe(404);
  });

  it('lets a user turn off a second factor no role of theirs requires, with the password; never a required one', async () => {
    t.clock.advance(30_000);
    const sec = sessionOf(await login('secadmin', CHANGED_PASSWORD, totpCodeAt(secret, t.clock)), 'secadmin');
    const refused = await sec.inject({ method: 'POST', url: '/api/auth/totp/disable', payload: { currentPassword: CHANGED_PASSWORD } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('不能停用');
    // The finance officer enrols of her own accord, then turns it off.
    const finance = sessionOf(await login('finance', DEMO_PASSWORD), 'finance');
    await enrolSecondFactor(t, finance);
    const withCode = await login('finance', DEMO_PASSWORD);
    expect(withCode.json().code).toBe('SECOND_FACTOR_REQUIRED');
    expect(
      (await finance.inject({ method: 'POST', url: '/api/auth/totp/disable', payload: { currentPassword: 'Wrong-Pass-2026-x' } })).json()
        .fields[0].path,
    ).toBe('currentPassword');
    expect(
      (await finance.inject({ method: 'POST', url: '/api/auth/totp/disable', payload: { currentPassword: DEMO_PASSWORD } })).statusCode,
    ).toBe(200);
    expect((await login('finance', DEMO_PASSWORD)).statusCode).toBe(200);
    expect(await auditActions('finance')).toEqual(expect.arrayContaining(['totp.enable', 'totp.disable']));
  });
});
