import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { createAccount, unitId } from './fixtures.js';
import { newId } from '../src/platform/ids.js';

// The session, its user and the user's grants are read in one query on every request, and nothing is cached:
// what changes in the database — even behind the app's back, as another app server would change it — counts at
// the very next request.
describe.each(TEST_DATABASES)('session resolution on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind, { demo: 'org' });
  });
  afterAll(async () => t?.close());

  const roles = async (s: TestSession) => {
    const me = await s.inject({ url: '/api/auth/me' });
    expect(me.statusCode).toBe(200);
    return (me.json().roles as { role: string; orgUnitName: string }[]).map((r) => `${r.role}@${r.orgUnitName}`).sort();
  };

  it('gives a user with no role a session without permissions, and one with several roles all of them', async () => {
    const sysadmin = await t.login('sysadmin');
    const user = await createAccount(t, 'twohats', 'township_chair', '牛佛镇');
    // No role at all (an account created, no grant yet): signed in, may do nothing.
    await t.handle.db.deleteFrom('roleAssignments').where('userId', '=', user.userId).execute();
    expect(await roles(user)).toEqual([]);
    expect((await user.inject({ url: '/api/cases' })).statusCode).toBe(403);
    // Two grants written straight into the database: both count at the next request.
    for (const [role, unit] of [
      ['township_chair', '牛佛镇'],
      ['township_chair', '东城街道'],
    ] as const)
      await t.handle.db
        .insertInto('roleAssignments')
        .values({
          id: newId(),
          userId: user.userId,
          role,
          orgUnitId: await unitId(t, unit),
          createdAt: '2026-11-29T02:00:00Z',
          createdBy: null,
        })
        .execute();
    expect(await roles(user)).toEqual(['township_chair@东城街道', 'township_chair@牛佛镇']);
    expect((await user.inject({ url: '/api/cases' })).statusCode).toBe(200);
    expect((await sysadmin.inject({ url: '/api/auth/me' })).json().roles.map((r: { role: string }) => r.role)).toEqual(['system_admin']);
  });

  it('drops a grant on a deactivated unit at once, keeping the others and the session', async () => {
    const user = await createAccount(t, 'villager', 'township_chair', '牛佛镇');
    const village = await unitId(t, '大山村');
    await t.handle.db
      .insertInto('roleAssignments')
      .values({
        id: newId(),
        userId: user.userId,
        role: 'rights_officer',
        orgUnitId: village,
        createdAt: '2026-11-29T02:00:00Z',
        createdBy: null,
      })
      .execute();
    expect(await roles(user)).toEqual(['rights_officer@大山村', 'township_chair@牛佛镇']);
    await t.handle.db.updateTable('orgUnits').set({ active: 0 }).where('id', '=', village).execute();
    expect(await roles(user)).toEqual(['township_chair@牛佛镇']);
    // Its only grant on a deactivated unit: still signed in, with no permission.
    await t.handle.db.deleteFrom('roleAssignments').where('userId', '=', user.userId).where('orgUnitId', '!=', village).execute();
    expect(await roles(user)).toEqual([]);
    expect((await user.inject({ url: '/api/people' })).statusCode).toBe(403);
    await t.handle.db.updateTable('orgUnits').set({ active: 1 }).where('id', '=', village).execute();
    expect(await roles(user)).toEqual(['rights_officer@大山村']);
  });

  it('ends a session deleted or a user disabled behind the app, at the next request', async () => {
    const user = await createAccount(t, 'gone', 'township_chair', '牛佛镇');
    const other = await t.login('gone', 'Strong-Pass-2026-xy');
    expect((await user.inject({ url: '/api/auth/me' })).statusCode).toBe(200);
    await t.handle.db.updateTable('users').set({ active: 0 }).where('id', '=', user.userId).execute();
    expect((await user.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
    await t.handle.db.updateTable('users').set({ active: 1 }).where('id', '=', user.userId).execute();
    expect((await user.inject({ url: '/api/auth/me' })).statusCode).toBe(200);
    await t.handle.db.deleteFrom('sessions').where('userId', '=', user.userId).execute();
    expect((await user.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await other.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
  });
});
