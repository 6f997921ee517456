import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { CHANGED_PASSWORD, createAccount, unitId } from './fixtures.js';

const DEMO_PASSWORD = 'Jinguo-Demo-2026';

/** Trust, item 7 (passwords) and item 8 (usernames that differ only by case). */
describe.each(TEST_DATABASES)('passwords and usernames on %s', (kind) => {
  let t: TestApp;
  let sys: TestSession;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    sys = await t.login('sysadmin');
  });
  afterAll(() => t.close());

  const change = (s: TestSession, currentPassword: string, newPassword: string) =>
    s.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword, newPassword } });
  const hashOf = async (username: string) =>
    (await t.handle.db.selectFrom('users').select('passwordHash').where('username', '=', username).executeTakeFirstOrThrow()).passwordHash;

  it('refuses guessable passwords, runs and over-long ones, each reason in Chinese on the newPassword field', async () => {
    const s = await createAccount(t, 'pwclerk', 'statistician', '牛佛镇');
    const cases: [string, string][] = [
      // zxcvbn scores it 1: a dictionary word with digits and a symbol.
      ['Password123!', '密码容易被猜中'],
      // zxcvbn scores it 3: only the run rule catches "123456789012".
      ['Aa1!123456789012', '连续的数字、字母或键盘序列'],
      ['Zz9#qwertyuiop', '连续的数字、字母或键盘序列'],
      [`Aa1!${'x9Q$'.repeat(49)}`, '密码长度不能超过128位'],
    ];
    for (const [password, reason] of cases) {
      const res = await change(s, CHANGED_PASSWORD, password);
      expect(res.statusCode, password).toBe(400);
      const body = res.json();
      expect(body.message, password).toMatch(/^新密码不符合要求：/);
      expect(body.message, password).toContain(reason);
      expect(
        body.fields.every((f: { path: string }) => f.path === 'newPassword'),
        password,
      ).toBe(true);
    }
    expect(`Aa1!${'x9Q$'.repeat(49)}`).toHaveLength(200);
    // Nothing changed: the old password still signs in.
    expect((await s.inject({ url: '/api/auth/me' })).statusCode).toBe(200);
    await t.login('pwclerk', CHANGED_PASSWORD);
    // A long passphrase within the cap is fine.
    expect((await change(s, CHANGED_PASSWORD, 'Yong-An-Zhen-Spring-Tea-Hills-73')).statusCode).toBe(200);
  }, 300_000);

  it("refuses the user's own username, name and unit", async () => {
    const s = await createAccount(t, 'yongan1', 'statistician', '永安镇');
    await t.handle.db.updateTable('users').set({ displayName: '周玉兰（统计）' }).where('username', '=', 'yongan1').execute();
    const unitCode = (await t.handle.db.selectFrom('orgUnits').select('code').where('name', '=', '永安镇').executeTakeFirstOrThrow()).code!;
    const cases: [string, string][] = [
      ['Yongan1-Tea-Hills-73', '密码不能包含用户名'],
      ['周玉兰-Tea-Hills-73x', '密码不能包含姓名'],
      ['永安镇-Tea-Hills-73x', '密码不能包含所在单位的名称或代码'],
      [`Tea-Hills-${unitCode}-x`, '密码不能包含所在单位的名称或代码'],
    ];
    for (const [password, reason] of cases) {
      const res = await change(s, CHANGED_PASSWORD, password);
      expect(res.statusCode, password).toBe(400);
      expect(res.json().message, password).toContain(reason);
    }
  }, 300_000);

  it('keeps a history of the last 5 passwords: they cannot be chosen again, the sixth back can', async () => {
    const s = await createAccount(t, 'historian', 'statistician', '牛佛镇');
    const chosen = ['Hist-One-Tea-Hills-71', 'Hist-Two-Tea-Hills-72', 'Hist-Six-Tea-Hills-73', 'Hist-Ten-Tea-Hills-74'];
    let current = CHANGED_PASSWORD;
    // The session that changes the password stays signed in.
    for (const next of chosen) {
      expect((await change(s, current, next)).statusCode, next).toBe(200);
      current = next;
    }
    // Five passwords chosen so far (CHANGED_PASSWORD and the four above): the oldest and the one before the current
    // are refused (each check runs scrypt over the whole history, so not all four).
    for (const old of [CHANGED_PASSWORD, chosen[2]]) {
      const res = await change(s, current, old);
      expect(res.statusCode, old).toBe(400);
      expect(res.json().fields).toEqual([{ path: 'newPassword', message: '新密码不能与最近5次使用过的密码相同' }]);
    }
    expect((await change(s, current, current)).json().message).toContain('新密码不能与当前密码相同');
    // One more: CHANGED_PASSWORD is now the sixth back and may be chosen again.
    expect((await change(s, current, 'Hist-Big-Tea-Hills-75')).statusCode).toBe(200);
    expect((await change(s, 'Hist-Big-Tea-Hills-75', CHANGED_PASSWORD)).statusCode).toBe(200);
    const userId = (await t.handle.db.selectFrom('users').select('id').where('username', '=', 'historian').executeTakeFirstOrThrow()).id;
    const kept = await t.handle.db.selectFrom('passwordHistory').select('passwordHash').where('userId', '=', userId).execute();
    expect(kept).toHaveLength(5);
    expect(kept.every((h) => h.passwordHash.startsWith('scrypt$131072$8$1$'))).toBe(true);
    await t.login('historian', CHANGED_PASSWORD);
    // Some 30 full-cost scrypt runs (each check of the history is one): minutes on a loaded two-core machine.
  }, 300_000);

  it('hashes at N = 2^17 and rehashes an older, cheaper hash at the next successful sign-in', async () => {
    // A hash as the previous release made it (N = 16384).
    const salt = randomBytes(16);
    const old = [
      'scrypt',
      16384,
      8,
      1,
      salt.toString('base64'),
      scryptSync(DEMO_PASSWORD, salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64'),
    ].join('$');
    await t.handle.db.updateTable('users').set({ passwordHash: old }).where('username', '=', 'statistician').execute();
    // A wrong password does not touch it.
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'statistician', password: 'Wrong-Pass-2026-x' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(await hashOf('statistician')).toBe(old);
    await t.login('statistician');
    const now = await hashOf('statistician');
    expect(now).not.toBe(old);
    expect(now).toMatch(/^scrypt\$131072\$8\$1\$/);
    await t.login('statistician');
    expect(await hashOf('statistician')).toBe(now);
    const entry = await t.handle.db
      .selectFrom('auditLog')
      .select('detail')
      .where('action', '=', 'login')
      .where('actorName', '=', 'statistician')
      .orderBy('seq', 'desc')
      .limit(2)
      .execute();
    expect(entry.map((e) => e.detail)).toEqual([null, JSON.stringify({ passwordRehashed: true })]);
  });

  it('treats usernames that differ only by case as one: no case-twin (409 naming the field), sign-in in any case', async () => {
    const root = await unitId(t, '510399');
    const twin = await sys.inject({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'Rights', displayName: '李敏二', orgUnitId: root },
    });
    expect(twin.statusCode).toBe(409);
    expect(twin.json().fields).toEqual([{ path: 'username', message: '用户名已存在（不区分大小写）' }]);
    expect(await t.handle.db.selectFrom('users').select('id').where('username', '=', 'Rights').execute()).toHaveLength(0);
    const me = await (await t.login('RIGHTS')).inject({ url: '/api/auth/me' });
    expect(me.json().username).toBe('rights');
    // The database itself refuses the twin (the migration's unique index on lower(username)).
    const row = await t.handle.db.selectFrom('users').selectAll().where('username', '=', 'rights').executeTakeFirstOrThrow();
    await expect(
      t.handle.db
        .insertInto('users')
        .values({ ...row, id: '01900000-0000-7000-8000-0000000000aa', username: 'rIGHTS' })
        .execute(),
    ).rejects.toThrow(/unique/i);
  });
});
