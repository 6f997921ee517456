import type { Role } from '@jinguo/domain';
import { enrolSecondFactor, type TestApp, type TestSession } from './build-test-app.js';

/** The password test accounts change to after their one-time password. */
export const CHANGED_PASSWORD = 'Strong-Pass-2026-xy';

/** A demo org unit's id, by name or code. */
export async function unitId(t: TestApp, nameOrCode: string): Promise<string> {
  const row = await t.handle.db
    .selectFrom('orgUnits')
    .select('id')
    .where((eb) => eb.or([eb('name', '=', nameOrCode), eb('code', '=', nameOrCode)]))
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function unitRow(t: TestApp, id: string) {
  return t.handle.db.selectFrom('orgUnits').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function countRows(t: TestApp, table: 'orgUnits' | 'users' | 'auditLog' | 'roleAssignments' | 'sessions'): Promise<number> {
  const { n } = await t.handle.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * A new account made the way a real install makes one (三员分立): the system admin creates it, the security
 * admin grants the role, the user changes the one-time password (and enrols a second factor if the role requires
 * one); returns the user's logged-in session.
 */
export async function createAccount(t: TestApp, username: string, role: Role, unitName: string): Promise<TestSession & { userId: string }> {
  const sys = await t.login('sysadmin');
  const sec = await t.login('secadmin');
  const orgUnitId = await unitId(t, unitName);
  const created = await sys.inject({ method: 'POST', url: '/api/users', payload: { username, displayName: `测试${username}`, orgUnitId } });
  if (created.statusCode !== 201) throw new Error(`create ${username}: ${created.body}`);
  const { user, initialPassword } = created.json();
  const granted = await sec.inject({ method: 'POST', url: `/api/users/${user.id}/roles`, payload: { role, orgUnitId } });
  if (granted.statusCode !== 200) throw new Error(`grant ${role} to ${username}: ${granted.body}`);
  const first = await t.login(username, initialPassword);
  const changed = await first.inject({
    method: 'POST',
    url: '/api/auth/password',
    payload: { currentPassword: initialPassword, newPassword: CHANGED_PASSWORD },
  });
  if (changed.statusCode !== 200) throw new Error(`change password of ${username}: ${changed.body}`);
  // A role that requires a second factor (the chairs, the 三员): the user binds an authenticator before anything else.
  if ((await first.inject({ url: '/api/auth/me' })).json().mustEnrolSecondFactor) await enrolSecondFactor(t, first);
  return { ...(await t.login(username, CHANGED_PASSWORD)), userId: user.id };
}
