import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { appendAudit, verifyAuditChain } from '../src/platform/audit.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { CHANGED_PASSWORD, countRows, createAccount, unitId } from './fixtures.js';

const DEMO_PASSWORD = 'Jinguo-Demo-2026';

/** Removes the append-only triggers, as an attacker with raw database access could. */
async function dropAppendOnlyTriggers(t: TestApp) {
  if (t.dialect === 'postgres') await sql.raw('DROP TRIGGER audit_log_append_only ON audit_log').execute(t.handle.db);
  else {
    await sql.raw('DROP TRIGGER audit_log_no_update').execute(t.handle.db);
    await sql.raw('DROP TRIGGER audit_log_no_delete').execute(t.handle.db);
  }
}

describe.each(TEST_DATABASES)('audit trail on %s', (kind) => {
  let t: TestApp;
  let auditor: TestSession;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    auditor = await t.login('auditor');
  });
  afterAll(() => t.close());

  const newest = () => t.handle.db.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();

  it('appends an entry for every login, failed login, lockout, write and logout', async () => {
    const steps: [string, () => Promise<unknown>, string[]][] = [];
    let rights: TestSession | undefined;
    const login = (username: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    steps.push(['login', async () => (rights = await t.login('rights')), ['login']]);
    steps.push(['failed login', () => login('rights', 'not-the-password'), ['login.failed']]);
    steps.push(['unknown user', () => login('nobody', 'whatever-password'), ['login.failed']]);
    steps.push([
      'fifth failure locks',
      async () => {
        for (let i = 0; i < 4; i++) await login('programme', `wrong-${i}-password`);
        return login('programme', 'wrong-4-password');
      },
      ['login.failed', 'login.failed', 'login.failed', 'login.failed', 'account.locked', 'login.failed'],
    ]);
    const sys = await t.login('sysadmin');
    const sec = await t.login('secadmin');
    const rootId = await unitId(t, '510399');
    let created: { user: { id: string }; initialPassword: string } | undefined;
    steps.push([
      'org create',
      () => sys.inject({ method: 'POST', url: '/api/org/units', payload: { parentId: rootId, kind: 'department', name: '区审计测试局' } }),
      ['create'],
    ]);
    steps.push([
      'user create',
      async () =>
        (created = (
          await sys.inject({
            method: 'POST',
            url: '/api/users',
            payload: { username: 'auditme', displayName: '被审计', orgUnitId: rootId },
          })
        ).json()),
      ['create'],
    ]);
    steps.push([
      'role assign',
      () =>
        sec.inject({ method: 'POST', url: `/api/users/${created!.user.id}/roles`, payload: { role: 'statistician', orgUnitId: rootId } }),
      ['role.assign'],
    ]);
    steps.push([
      'password reset',
      () => sys.inject({ method: 'POST', url: `/api/users/${created!.user.id}/reset-password` }),
      ['password.reset'],
    ]);
    steps.push(['settings', () => sec.inject({ method: 'PATCH', url: '/api/settings', payload: { loginLockMinutes: 45 } }), ['update']]);
    steps.push(['logout', () => rights!.inject({ method: 'POST', url: '/api/auth/logout' }), ['logout']]);
    for (const [name, run, actions] of steps) {
      const before = Number((await newest()).seq);
      await run();
      const rows = await t.handle.db
        .selectFrom('auditLog')
        .select(['action', 'actorName', 'ip'])
        .where('seq', '>', before)
        .orderBy('seq')
        .execute();
      expect(
        rows.map((r) => r.action),
        name,
      ).toEqual(actions);
      expect(
        rows.every((r) => r.ip),
        `${name}: from which address`,
      ).toBe(true);
    }
  });

  it('keeps only the first characters of an unknown username, which may be a password typed in the wrong box', async () => {
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'Typed-My-Secret-77', password: 'x' } });
    const entry = await newest();
    expect(entry.action).toBe('login.failed');
    expect(entry.actorName).toBe('Ty***');
    expect(JSON.stringify(entry)).not.toContain('Typed-My-Secret-77');
  });

  it('never stores a password, password hash, session token or CSRF token', async () => {
    const secrets = new Set<string>([DEMO_PASSWORD, CHANGED_PASSWORD]);
    const sys = await t.login('sysadmin');
    secrets.add(sys.cookie.split('=')[1]).add(sys.csrfToken);
    const created = (
      await sys.inject({
        method: 'POST',
        url: '/api/users',
        payload: { username: 'secretive', displayName: '保密', orgUnitId: await unitId(t, '510399') },
      })
    ).json();
    secrets.add(created.initialPassword);
    const first = await t.login('secretive', created.initialPassword);
    secrets.add(first.cookie.split('=')[1]).add(first.csrfToken);
    await first.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: created.initialPassword, newPassword: CHANGED_PASSWORD },
    });
    await first.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'a-wrong-current-pw', newPassword: 'Another-Strong-Pw-1' },
    });
    secrets.add('a-wrong-current-pw').add('Another-Strong-Pw-1');
    const reset = (await sys.inject({ method: 'POST', url: `/api/users/${created.user.id}/reset-password` })).json();
    secrets.add(reset.initialPassword);
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'secretive', password: 'Wrong-Guess-Password-1' } });
    secrets.add('Wrong-Guess-Password-1');
    for (const u of await t.handle.db.selectFrom('users').select('passwordHash').execute())
      secrets.add(u.passwordHash).add(u.passwordHash.split('$')[5]);
    for (const s of await t.handle.db.selectFrom('sessions').select(['id', 'csrfToken']).execute()) secrets.add(s.id).add(s.csrfToken);
    const trail = JSON.stringify(await t.handle.db.selectFrom('auditLog').selectAll().execute());
    expect(trail).toContain('password.change');
    for (const secret of secrets) expect(trail.includes(secret), `audit_log contains a secret (${secret.slice(0, 3)}…)`).toBe(false);
  });

  it('lets the auditor search the trail by user, action, entity type and date, newest first', async () => {
    const all = (await auditor.inject({ url: '/api/audit?pageSize=10' })).json();
    expect(all.items).toHaveLength(10);
    expect(all.items[0].seq).toBeGreaterThan(all.items[1].seq);
    expect(all.total).toBe(await countRows(t, 'auditLog'));
    const logins = (await auditor.inject({ url: '/api/audit?action=login&actor=rights' })).json();
    expect(logins.total).toBeGreaterThan(0);
    expect(logins.items.every((e: { action: string; actorName: string }) => e.action === 'login' && e.actorName === 'rights')).toBe(true);
    const units = (await auditor.inject({ url: '/api/audit?entityType=org_unit' })).json();
    expect(units.items.every((e: { entityType: string }) => e.entityType === 'org_unit')).toBe(true);
    // The test clock stands at 2026-11-29 10:00 in Shanghai: a business date covers that whole local day.
    expect((await auditor.inject({ url: '/api/audit?from=2026-11-29&to=2026-11-29' })).json().total).toBe(all.total);
    expect((await auditor.inject({ url: '/api/audit?from=2026-11-30' })).json().total).toBe(0);
    expect((await auditor.inject({ url: '/api/audit?to=2026-11-28' })).json().total).toBe(0);
    expect((await auditor.inject({ url: '/api/audit?from=2026-11-29T02:00:00.000Z' })).json().total).toBe(all.total);
    const page2 = (await auditor.inject({ url: '/api/audit?pageSize=10&page=2' })).json();
    expect(page2.items[0].seq).toBe(all.items[9].seq - 1);
  });

  it('answers 400 for a bad date filter and 403 to everyone but the auditor (三员分立)', async () => {
    const bad = await auditor.inject({ url: '/api/audit?from=yesterday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('from');
    expect((await t.app.inject({ url: '/api/audit' })).statusCode).toBe(401);
    for (const who of ['sysadmin', 'secadmin', 'chair', 'niufo', 'police']) {
      const s = await t.login(who);
      expect((await s.inject({ url: '/api/audit' })).statusCode, who).toBe(403);
      expect((await s.inject({ url: '/api/audit/verify' })).statusCode, who).toBe(403);
    }
  });

  it("bounds an auditor's search by the auditor's scope, in the query", async () => {
    const niufoId = await unitId(t, '牛佛镇');
    // A unit edited inside the township and one outside it; a login by the township chair (an entry of no unit).
    const sys = await t.login('sysadmin');
    const inside = (
      await sys.inject({ method: 'POST', url: '/api/org/units', payload: { parentId: niufoId, name: '审计测试村', kind: 'village' } })
    ).json();
    const outside = (
      await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: await unitId(t, '东城街道'), name: '审计测试社区', kind: 'community' },
      })
    ).json();
    expect(inside.id && outside.id).toBeTruthy();
    await t.login('niufo');
    const local = await createAccount(t, 'niufoaudit', 'auditor', '牛佛镇');

    const seen = (await local.inject({ url: '/api/audit?pageSize=200' })).json();
    const everything = (await auditor.inject({ url: '/api/audit?pageSize=200' })).json();
    expect(seen.total).toBeGreaterThan(0);
    expect(seen.total).toBeLessThan(everything.total);
    const ids = (r: { items: { entityId: string | null }[] }) => r.items.map((e) => e.entityId);
    expect(ids(seen)).toContain(inside.id);
    expect(ids(seen)).not.toContain(outside.id);
    expect(ids(everything)).toContain(outside.id);
    const who = (r: { items: { actorName: string | null; action: string; orgUnitId: string | null }[] }) =>
      r.items.filter((e) => e.orgUnitId === null).map((e) => e.actorName);
    expect(who(seen)).toContain('niufo');
    expect(who(seen)).not.toContain('rights');
    // Every entry the township auditor sees is about a unit of the township, or made by someone with a role there.
    const niufoPath = (await t.handle.db.selectFrom('orgUnits').select('path').where('id', '=', niufoId).executeTakeFirstOrThrow()).path;
    const unitPaths = new Map((await t.handle.db.selectFrom('orgUnits').select(['id', 'path']).execute()).map((u) => [u.id, u.path]));
    for (const e of seen.items as { orgUnitId: string | null; actorName: string | null }[]) {
      if (e.orgUnitId) expect(unitPaths.get(e.orgUnitId)!.startsWith(niufoPath)).toBe(true);
      else expect(['niufo', 'niufoaudit']).toContain(e.actorName);
    }
  });

  it('verifies the hash chain intact', async () => {
    const res = await auditor.inject({ url: '/api/audit/verify' });
    expect(res.json()).toEqual({ ok: true, entries: await countRows(t, 'auditLog'), problems: [], problemCount: 0 });
  });

  it('has the database refuse UPDATE and DELETE on the trail while the triggers stand', async () => {
    await expect(sql`UPDATE audit_log SET detail = '{}' WHERE seq = 1`.execute(t.handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(t.handle.db)).rejects.toThrow(/append-only/);
    await expect(t.handle.db.deleteFrom('auditLog').execute()).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(t.handle.db)).ok).toBe(true);
  });
});

describe.each(TEST_DATABASES)('audit tamper detection on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    for (const who of ['chair', 'rights', 'finance', 'niufo']) await t.login(who);
  });
  afterAll(() => t.close());

  it('names the entry whose detail was changed behind the triggers’ back', async () => {
    const entries = await countRows(t, 'auditLog');
    expect(entries).toBeGreaterThan(4);
    await dropAppendOnlyTriggers(t);
    await sql`UPDATE audit_log SET detail = ${JSON.stringify({ forged: true })} WHERE seq = 3`.execute(t.handle.db);
    expect(await verifyAuditChain(t.handle.db)).toMatchObject({ ok: false, firstBrokenSeq: 3, entries, problemCount: 1 });
    const auditor = await t.login('auditor');
    const res = (await auditor.inject({ url: '/api/audit/verify' })).json();
    expect(res).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    expect(res.reason).toContain('第3条');
  });

  it('detects a deleted last entry and a deleted middle entry', async () => {
    // A trail of its own: the one above is already broken at entry 3.
    const fresh = await buildTestApp(kind);
    try {
      await fresh.login('chair');
      await fresh.login('rights');
      await dropAppendOnlyTriggers(fresh);
      const top = Number(
        (
          await fresh.handle.db
            .selectFrom('auditLog')
            .select((eb) => eb.fn.max('seq').as('m'))
            .executeTakeFirstOrThrow()
        ).m,
      );
      await sql`DELETE FROM audit_log WHERE seq = ${top}`.execute(fresh.handle.db);
      expect(await verifyAuditChain(fresh.handle.db)).toMatchObject({ ok: false, firstBrokenSeq: top, reason: '审计日志末尾的记录被删除' });
      await sql`DELETE FROM audit_log WHERE seq = 2`.execute(fresh.handle.db);
      expect(await verifyAuditChain(fresh.handle.db)).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    } finally {
      await fresh.close();
    }
  });
});

describe.each(TEST_DATABASES)('audit chain against poisoning and forgery on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
  });
  afterAll(() => t.close());

  const rawLogin = (json: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: json, headers: { 'content-type': 'application/json' } });

  it('refuses a lone surrogate or NUL in the login name at the edge, and the chain stays intact', async () => {
    const before = await countRows(t, 'auditLog');
    // Written as JSON escapes: the request carries exactly the string an attacker would send.
    for (const username of ['\\ud800abc', 'abc\\udfff', '\\u0000abc']) {
      const res = await rawLogin(`{"username":"${username}","password":"x"}`);
      expect(res.statusCode, username).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'username' }] });
      expect(res.json().message).toContain('username');
    }
    expect(await countRows(t, 'auditLog')).toBe(before);
    expect(await verifyAuditChain(t.handle.db)).toMatchObject({ ok: true, problemCount: 0 });
  });

  it('hashes what the database stores: text it would store differently is made storable before it is hashed', async () => {
    for (const actorName of ['\ud800abc', 'a\u0000b', 'x\udc00']) {
      await t.handle.db
        .transaction()
        .execute((trx) =>
          appendAudit(trx, t.clock, { actorId: null, actorName, ip: '127.0.0.1' }, { action: 'login.failed', entityType: 'user' }),
        );
    }
    const names = await t.handle.db.selectFrom('auditLog').select('actorName').orderBy('seq', 'desc').limit(3).execute();
    expect(names.map((n) => n.actorName)).toEqual(['x\ufffd', 'a\ufffdb', '\ufffdabc']);
    expect(await verifyAuditChain(t.handle.db)).toMatchObject({ ok: true, problemCount: 0 });
  });

  it('reports every poisoned, forged and deleted entry, not only the first', async () => {
    // A trail of its own, so the sequence numbers below do not depend on the tests above.
    const t = await buildTestApp(kind);
    onTestFinished(() => t.close());
    for (const who of [
      'chair',
      'rights',
      'finance',
      'niufo',
      'programme',
      'statistician',
      'organisation',
      'dongcheng',
      'liaison',
      'sysadmin',
    ])
      await t.login(who);
    const auditor = await t.login('auditor');
    const top = Number((await t.handle.db.selectFrom('auditHead').select('lastSeq').executeTakeFirstOrThrow()).lastSeq);
    expect(top).toBeGreaterThan(10);
    await dropAppendOnlyTriggers(t);
    const db = t.handle.db;
    // Poisoned: a lone surrogate written straight into an entry (SQLite keeps the raw bytes, PostgreSQL a U+FFFD).
    await sql`UPDATE audit_log SET actor_name = ${'\ud800abc'} WHERE seq = 2`.execute(db);
    // Forged: entry 4 rewritten with a hash recomputed the way the chain computes it; its successor's link gives it away.
    const e4 = await db.selectFrom('auditLog').selectAll().where('seq', '=', 4).executeTakeFirstOrThrow();
    const forged = { ...e4, seq: 4, actorName: 'nobody', detail: JSON.stringify({ forged: true }) };
    const canonical = JSON.stringify([
      forged.seq,
      forged.at,
      forged.actorId,
      forged.actorName,
      forged.ip,
      forged.action,
      forged.entityType,
      forged.entityId,
      forged.orgUnitId,
      forged.detail,
    ]);
    const forgedHash = createHash('sha256').update(e4.prevHash).update('|').update(canonical).digest('hex');
    await sql`UPDATE audit_log SET actor_name = 'nobody', detail = ${forged.detail}, hash = ${forgedHash} WHERE seq = 4`.execute(db);
    // Deleted: two entries in the middle and the last two (the head still counts them).
    await sql`DELETE FROM audit_log WHERE seq IN (7, 8)`.execute(db);
    await sql`DELETE FROM audit_log WHERE seq > ${top - 2}`.execute(db);

    const expected = [
      { kind: 'content', seq: 2, reason: '第2条记录内容被改动' },
      { kind: 'link', seq: 5, reason: '第5条记录与第4条的链接不符（其中一条被改写或替换）' },
      { kind: 'missing', seq: 7, toSeq: 8, reason: '第7–8条记录缺失（共2条）' },
      { kind: 'head', seq: top - 1, toSeq: top, reason: '审计日志末尾的记录被删除' },
    ];
    const result = await verifyAuditChain(db);
    expect(result).toEqual({
      ok: false,
      entries: top - 4,
      problems: expected,
      problemCount: 4,
      firstBrokenSeq: 2,
      reason: '第2条记录内容被改动',
    });
    // The auditor's page gets the same list.
    const res = await auditor.inject({ url: '/api/audit/verify' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(result);
  });
});
