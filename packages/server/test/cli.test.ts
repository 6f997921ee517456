import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkResidentIdNumber } from '@jinguo/domain';
import { createFieldCipher } from '../src/platform/crypto.js';
import { verifyPassword } from '../src/platform/passwords.js';
import { TEST_DATABASES } from './build-test-app.js';

const BIN = path.resolve(import.meta.dirname, '../bin/jinguo.mjs');

type Run = { code: number; stdout: string; stderr: string };

/** Runs the real `jinguo` command in a child process, as an operator would. */
function jinguo(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe.each(TEST_DATABASES)('jinguo CLI on %s', (kind) => {
  let dataDir: string;
  let env: Record<string, string>;
  let pgName: string | null = null;

  /** Raw access to the database the CLI uses, as an attacker or an operator with a SQL shell would have. */
  async function rawSql(statement: string): Promise<unknown[]> {
    if (kind === 'sqlite') {
      const db = new SqliteDatabase(path.join(dataDir, 'jinguo.db'));
      try {
        const stmt = db.prepare(statement);
        if (stmt.reader) return stmt.all();
        stmt.run();
        return [];
      } finally {
        db.close();
      }
    }
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(statement)).rows;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-cli-'));
    env = { JINGUO_DATA_DIR: dataDir };
    if (kind === 'postgres') {
      pgName = `jinguo_cli_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: process.env.JINGUO_TEST_PG_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${pgName}`);
      await admin.end();
      const url = new URL(process.env.JINGUO_TEST_PG_URL!);
      url.pathname = `/${pgName}`;
      env.DATABASE_URL = url.toString();
    }
  });

  afterAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (pgName) {
      const admin = new pg.Client({ connectionString: process.env.JINGUO_TEST_PG_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('prints its usage, and refuses an unknown command', async () => {
    const help = await jinguo(env, 'help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('jinguo audit verify');
    const unknown = await jinguo(env, 'frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('usage');
  });

  it('migrates a new database, then finds it up to date', async () => {
    const first = await jinguo(env, 'migrate');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('202611290001_platform_org');
    const again = await jinguo(env, 'migrate');
    expect(again.stdout).toContain('database is up to date');
    if (kind === 'sqlite') expect(fs.existsSync(path.join(dataDir, 'jinguo.db'))).toBe(true);
  });

  it('adds the demo district once', async () => {
    const first = await jinguo(env, 'seed-demo');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('demo district added');
    const again = await jinguo(env, 'seed-demo');
    expect(again.stdout).toContain('demo district was already there');
    const [row] = (await rawSql("SELECT count(*) AS n FROM org_units WHERE name = '牛佛镇'")) as { n: number | string }[];
    expect(Number(row.n)).toBe(1);
    // 三员分立 from the first start: three administrators, their generated passwords printed once, to be changed.
    const printed = [...first.stdout.matchAll(/^ {2}(sysadmin|secadmin|auditor) +(\S+) /gm)].map((m) => [m[1], m[2]]);
    expect(printed.map(([u]) => u)).toEqual(['sysadmin', 'secadmin', 'auditor']);
    expect(again.stdout).not.toMatch(/sysadmin/);
    const admins = (await rawSql(
      "SELECT u.username, u.password_hash, u.must_change_password, ra.role FROM users u JOIN role_assignments ra ON ra.user_id = u.id WHERE u.username IN ('sysadmin', 'secadmin', 'auditor', 'admin') ORDER BY u.username",
    )) as { username: string; password_hash: string; must_change_password: number; role: string }[];
    expect(admins.map((a) => [a.username, a.role, Number(a.must_change_password)])).toEqual([
      ['auditor', 'auditor', 1],
      ['secadmin', 'security_admin', 1],
      ['sysadmin', 'system_admin', 1],
    ]);
    for (const [username, password] of printed)
      expect(await verifyPassword(password, admins.find((a) => a.username === username)!.password_hash), username).toBe(true);
    // The field-encryption key file is created beside the database, never in it.
    expect(fs.existsSync(path.join(dataDir, 'keys.json'))).toBe(true);
    // Two CLI runs; the first hashes the three administrators' and the demo password at full cost (N = 2^17).
  }, 180_000);

  it("checks the ledger's trial balance, and fails it when a kept balance drifts from its lines", async () => {
    const ok = await jinguo(env, 'funds', 'verify');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      /^[1-9]\d* journal entries, [1-9]\d* accounts: 0 unbalanced entries, 0 accounts off their lines, 0 accounts off their donations — trial balance OK/,
    );
    const [account] = (await rawSql(
      'SELECT id FROM fund_accounts WHERE balance_fen > 0 AND id IN (SELECT account_id FROM fund_donations) ORDER BY code LIMIT 1',
    )) as { id: string }[];
    await rawSql(`UPDATE fund_accounts SET balance_fen = balance_fen + 1 WHERE id = '${account.id}'`);
    const bad = await jinguo(env, 'funds', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('0 unbalanced entries, 1 accounts off their lines, 1 accounts off their donations — TRIAL BALANCE FAILS');
    await rawSql(`UPDATE fund_accounts SET balance_fen = balance_fen - 1 WHERE id = '${account.id}'`);
    expect((await jinguo(env, 'funds', 'verify')).code).toBe(0);
  });

  it('creates a user with a one-time password that must be changed at first login', async () => {
    const res = await jinguo(
      env,
      'create-user',
      '--username',
      'opsclerk',
      '--name',
      '运维干事',
      '--role',
      'statistician',
      '--org',
      '牛佛镇',
    );
    expect(res.code, res.stderr).toBe(0);
    const password = /one-time password: (\S+)/.exec(res.stdout)![1];
    const [user] = (await rawSql(
      "SELECT u.password_hash, u.must_change_password, ra.role FROM users u JOIN role_assignments ra ON ra.user_id = u.id WHERE u.username = 'opsclerk'",
    )) as {
      password_hash: string;
      must_change_password: number;
      role: string;
    }[];
    expect(user.role).toBe('statistician');
    expect(Number(user.must_change_password)).toBe(1);
    expect(await verifyPassword(password, user.password_hash)).toBe(true);
    const [audit] = (await rawSql('SELECT action, actor_name, detail FROM audit_log ORDER BY seq DESC LIMIT 1')) as {
      action: string;
      actor_name: string;
      detail: string;
    }[];
    expect(audit).toMatchObject({ action: 'create', actor_name: 'cli' });
    expect(audit.detail).not.toContain(password);
  });

  it('refuses a bad role, an unknown unit and an existing username, with a non-zero exit', async () => {
    const badRole = await jinguo(env, 'create-user', '--username', 'x1', '--name', '某', '--role', 'root', '--org', '牛佛镇');
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain('--role must be one of');
    const badOrg = await jinguo(env, 'create-user', '--username', 'x2', '--name', '某', '--role', 'statistician', '--org', '火星镇');
    expect(badOrg.code).not.toBe(0);
    expect(badOrg.stderr).toContain('火星镇');
    const dup = await jinguo(env, 'create-user', '--username', 'opsclerk', '--name', '某', '--role', 'statistician', '--org', '牛佛镇');
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toContain('exists');
    // Names ignore case.
    const twin = await jinguo(env, 'create-user', '--username', 'OpsClerk', '--name', '某', '--role', 'statistician', '--org', '牛佛镇');
    expect(twin.code).not.toBe(0);
    expect(twin.stderr).toContain('exists');
    // Five CLI runs, each a fresh process.
  }, 180_000);

  it("resets a user's lost second factor from the command line, audited", async () => {
    await rawSql(
      "UPDATE users SET totp_secret_enc = 'enc1:k:iv:ct:tag', totp_enabled_at = '2026-12-07T00:00:00.000Z', totp_last_step = 5 WHERE username = 'opsclerk'",
    );
    const res = await jinguo(env, 'reset-second-factor', '--username', 'OPSCLERK');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('second factor of opsclerk cleared');
    const [user] = (await rawSql(
      "SELECT totp_secret_enc, totp_enabled_at, totp_last_step FROM users WHERE username = 'opsclerk'",
    )) as Record<string, unknown>[];
    expect(user).toEqual({ totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null });
    const [audit] = (await rawSql('SELECT action, actor_name FROM audit_log ORDER BY seq DESC LIMIT 1')) as {
      action: string;
      actor_name: string;
    }[];
    expect(audit).toEqual({ action: 'totp.reset', actor_name: 'cli' });
    expect((await jinguo(env, 'reset-second-factor', '--username', 'nobody')).code).not.toBe(0);
  }, 180_000);

  if (kind === 'sqlite') {
    it('backs up the database and the uploaded files into one encrypted, verified file, and restores it', async () => {
      const file = path.join(dataDir, 'backup.db');
      // An uploaded photo, where the activities module keeps them.
      const photo = path.join(dataDir, 'files', 'activities', 'event-1', 'a.jpg');
      fs.mkdirSync(path.dirname(photo), { recursive: true });
      fs.writeFileSync(photo, 'photo-before-backup');
      const backup = await jinguo(env, 'backup', file);
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toContain('read back and verified');
      // One encrypted file, readable by its owner only, with the photo inside it (no plain copy beside it).
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const bytes = fs.readFileSync(file);
      expect(bytes.subarray(0, 16).toString('latin1')).toBe('JINGUOBACKUP0001');
      for (const plain of ['photo-before-backup', 'SQLite format 3', 'opsclerk', 'audit_log'])
        expect(bytes.includes(Buffer.from(plain)), plain).toBe(false);
      expect(fs.existsSync(`${file}.files`)).toBe(false);
      expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('.backup-') || f.includes('.partial'))).toEqual([]);
      fs.writeFileSync(photo, 'photo-changed-after');
      fs.writeFileSync(path.join(path.dirname(photo), 'b.jpg'), 'added-after');
      await jinguo(env, 'create-user', '--username', 'afterbackup', '--name', '备份后', '--role', 'statistician', '--org', '510399');
      expect(await rawSql("SELECT id FROM users WHERE username = 'afterbackup'")).toHaveLength(1);
      const restore = await jinguo(env, 'restore', file);
      expect(restore.code, restore.stderr).toBe(0);
      expect(await rawSql("SELECT id FROM users WHERE username = 'afterbackup'")).toHaveLength(0);
      expect(fs.readFileSync(photo, 'utf8')).toBe('photo-before-backup');
      expect(fs.existsSync(path.join(path.dirname(photo), 'b.jpg'))).toBe(false);
      expect(await rawSql("SELECT id FROM users WHERE username = 'opsclerk'")).toHaveLength(1);
      const verify = await jinguo(env, 'audit', 'verify');
      expect(verify.code, verify.stderr).toBe(0);
    });

    it('refuses to restore from a file that is not a Jinguo database', async () => {
      const junk = path.join(dataDir, 'junk.db');
      fs.writeFileSync(junk, 'not a database');
      const res = await jinguo(env, 'restore', junk);
      expect(res.code).not.toBe(0);
      expect(await rawSql("SELECT id FROM users WHERE username = 'opsclerk'")).toHaveLength(1);
    });

    it('refuses a tampered backup, says so, and changes nothing (the other refusals: platform/backup.test.ts)', async () => {
      const file = path.join(dataDir, 'tamper.bak');
      expect((await jinguo(env, 'backup', file)).code).toBe(0);
      await jinguo(env, 'create-user', '--username', 'aftertamper', '--name', '篡改后', '--role', 'statistician', '--org', '510399');
      const flipped = fs.readFileSync(file);
      flipped[Math.floor(flipped.length / 2)] ^= 0x01;
      fs.writeFileSync(path.join(dataDir, 'tamper-flipped.bak'), flipped);
      const res = await jinguo(env, 'restore', path.join(dataDir, 'tamper-flipped.bak'));
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('恢复被拒绝，未做任何改动');
      expect(res.stderr).toContain('已被篡改或损坏');
      expect(await rawSql("SELECT id FROM users WHERE username = 'aftertamper'")).toHaveLength(1);
    });

    it('creates the database, its WAL and the key file 0600 in folders others cannot read', async () => {
      const fresh = path.join(dataDir, 'fresh', 'data');
      const res = await jinguo({ ...env, JINGUO_DATA_DIR: fresh }, 'migrate');
      expect(res.code, res.stderr).toBe(0);
      const mode = (f: string) => fs.statSync(f).mode & 0o777;
      expect(mode(fresh)).toBe(0o700);
      for (const f of ['jinguo.db', 'keys.json']) expect(mode(path.join(fresh, f)), f).toBe(0o600);
      for (const f of ['jinguo.db-wal', 'jinguo.db-shm'])
        if (fs.existsSync(path.join(fresh, f))) expect(mode(path.join(fresh, f)), f).toBe(0o600);
      // An older install's looser files and folder are tightened at the next start.
      fs.chmodSync(path.join(fresh, 'jinguo.db'), 0o644);
      fs.chmodSync(path.join(fresh, 'keys.json'), 0o644);
      fs.chmodSync(fresh, 0o755);
      expect((await jinguo({ ...env, JINGUO_DATA_DIR: fresh }, 'migrate')).code).toBe(0);
      expect([mode(fresh), mode(path.join(fresh, 'jinguo.db')), mode(path.join(fresh, 'keys.json'))]).toEqual([0o750, 0o600, 0o600]);
    });
  } else {
    it('points to pg_dump and pg_restore for PostgreSQL backups', async () => {
      const backup = await jinguo(env, 'backup', path.join(dataDir, 'x.db'));
      expect(backup.code).toBe(2);
      expect(backup.stderr).toContain('pg_dump');
      const restore = await jinguo(env, 'restore', path.join(dataDir, 'x.db'));
      expect(restore.code).toBe(2);
      expect(restore.stderr).toContain('pg_restore');
    });
  }

  it('rotates the field key, re-encrypts every value under the old one, then retires it', async () => {
    const keyFile = path.join(dataDir, 'keys.json');
    const oldKey = JSON.parse(fs.readFileSync(keyFile, 'utf8')).activeKeyId as string;
    const before = await jinguo(env, 'keys', 'status');
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toMatch(new RegExp(`persons\\.id_number_enc: \\d+ under ${oldKey}`));
    const [{ n: encrypted }] = (await rawSql('SELECT count(*) AS n FROM persons WHERE id_number_enc IS NOT NULL')) as { n: number }[];
    expect(Number(encrypted)).toBeGreaterThan(0);

    const rotated = await jinguo(env, 'keys', 'rotate');
    expect(rotated.code, rotated.stderr).toBe(0);
    const newKey = JSON.parse(fs.readFileSync(keyFile, 'utf8')).activeKeyId as string;
    expect(newKey).not.toBe(oldKey);
    const refused = await jinguo(env, 'keys', 'retire', oldKey);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('still encrypts');

    const re = await jinguo(env, 'keys', 'reencrypt');
    expect(re.code, re.stderr).toBe(0);
    const total = Number(/re-encrypted (\d+) values/.exec(re.stdout)?.[1]);
    expect(total).toBeGreaterThanOrEqual(Number(encrypted));
    const [{ n: left }] = (await rawSql(`SELECT count(*) AS n FROM persons WHERE id_number_enc NOT LIKE 'enc1:${newKey}:%'`)) as {
      n: number;
    }[];
    expect(Number(left)).toBe(0);
    expect((await jinguo(env, 'keys', 'reencrypt')).stdout).toContain('re-encrypted 0 values');

    const retired = await jinguo(env, 'keys', 'retire', oldKey);
    expect(retired.code, retired.stderr).toBe(0);
    const file = JSON.parse(fs.readFileSync(keyFile, 'utf8'));
    expect(Object.keys(file.keys)).toEqual([newKey]);
    // Every value still opens with the one key left: an ID number decrypts to a valid one.
    const cipher = createFieldCipher(file);
    const [row] = (await rawSql('SELECT id_number_enc AS v FROM persons WHERE id_number_enc IS NOT NULL LIMIT 1')) as { v: string }[];
    expect(checkResidentIdNumber(cipher.decrypt(row.v)).ok).toBe(true);
    const trail = (await rawSql("SELECT action FROM audit_log WHERE action IN ('keys.reencrypt', 'keys.retire')")) as { action: string }[];
    expect(trail.map((r) => r.action)).toContain('keys.retire');
    expect(trail.filter((r) => r.action === 'keys.reencrypt').length).toBeGreaterThan(0);
  });

  it('verifies the audit trail, then lists every entry changed or deleted behind the triggers’ back', async () => {
    const ok = await jinguo(env, 'audit', 'verify');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/audit trail intact: \d+ entries/);
    if (kind === 'sqlite') {
      await rawSql('DROP TRIGGER audit_log_no_update');
      await rawSql('DROP TRIGGER audit_log_no_delete');
    } else await rawSql('DROP TRIGGER audit_log_append_only ON audit_log');
    await rawSql(`UPDATE audit_log SET actor_name = 'someone-else' WHERE seq = 2`);
    await rawSql('DELETE FROM audit_log WHERE seq IN (5, 6)');
    const broken = await jinguo(env, 'audit', 'verify');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('BROKEN at entry 2: 2 problem(s)');
    // Both problems, one line each: the first break does not hide the later one.
    expect(broken.stderr).toContain('entry 2 [content] 第2条记录内容被改动');
    expect(broken.stderr).toContain('entries 5-6 [missing] 第5–6条记录缺失（共2条）');
  });
});

/**
 * `jinguo serve` in a terminal, as `npm start` runs it: started on a free port (PORT=0), asked a few pages once its
 * banner is out, then stopped; everything it printed. (On SQLite only: what it prints does not depend on the database.)
 */
async function serveSession(env: Record<string, string>, ...args: string[]): Promise<Run & { url: string; statuses: number[] }> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const closed = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  // The banner's last line: the note that the web app is not built (JINGUO_WEB_DIST points at an empty folder).
  for (let waited = 0; !stdout.includes('(web app not built'); waited += 100) {
    if (waited > 90_000 || child.exitCode !== null) throw new Error(`serve did not start:\n${stdout}\n${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = /running at (http:\/\/[\d.]+:\d+)/.exec(stdout)?.[1] ?? '';
  const statuses: number[] = [];
  for (const path of ['/api/health', '/api/auth/me', '/api/no-such-route', '/api/health'])
    statuses.push((await fetch(url + path).catch(() => ({ status: 0 }))).status);
  child.kill('SIGTERM');
  // Request lines are written as each response finishes, before the server can close: all of them are in by now.
  const code = await closed;
  return { code, stdout, stderr, url, statuses };
}

describe('jinguo serve in a terminal', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-serve-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps the demo banner last: requests logged at debug only, and a warning that JINGUO_PUBLIC_URL is unset', async () => {
    const dir = path.join(dataDir, 'demo');
    const run = await serveSession({ JINGUO_DATA_DIR: dir, JINGUO_WEB_DIST: path.join(dir, 'no-web') }, '--demo');
    expect(run.statuses).toEqual([200, 401, 404, 200]);
    expect(run.stdout).not.toContain('request completed');
    expect(run.stdout).not.toContain('incoming request');
    const banner = run.stdout.slice(run.stdout.indexOf('巾帼 Jinguo is running at'));
    // Nothing logged after the banner: the three administrators' one-time passwords stay on screen.
    for (const name of ['sysadmin', 'secadmin', 'auditor']) expect(banner).toMatch(new RegExp(`^  ${name} +\\S{12,} +\\S`, 'm'));
    expect(banner).not.toMatch(/^\{/m);
    expect(banner).toContain('Warning: JINGUO_PUBLIC_URL is not set');
    expect(banner.trimEnd().split('\n').at(-1)).toContain('JINGUO_PUBLIC_URL');
  });

  it('keeps the request log of a server that is not the demo, and names the port it listens on', async () => {
    const dir = path.join(dataDir, 'plain');
    const run = await serveSession({
      JINGUO_DATA_DIR: dir,
      JINGUO_WEB_DIST: path.join(dir, 'no-web'),
      JINGUO_PUBLIC_URL: 'https://jinguo.example.org',
    });
    expect(run.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect(run.statuses).toEqual([200, 401, 404, 200]);
    expect(run.stdout.match(/"msg":"request completed"/g)).toHaveLength(4);
    expect(run.stdout).not.toContain('JINGUO_PUBLIC_URL is not set');
  });
});

describe.each(TEST_DATABASES)('jinguo init and org join on %s', (kind) => {
  let dataDir: string;
  let env: Record<string, string>;
  let pgName: string | null = null;

  async function tops(): Promise<{ name: string; level: string; code: string; depth: number }[]> {
    const statement = 'SELECT name, level, code, depth, path, parent_id FROM org_units ORDER BY depth, name';
    let rows: unknown[];
    if (kind === 'sqlite') {
      const db = new SqliteDatabase(path.join(dataDir, 'jinguo.db'));
      try {
        rows = db.prepare(statement).all();
      } finally {
        db.close();
      }
    } else {
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      try {
        rows = (await client.query(statement)).rows;
      } finally {
        await client.end();
      }
    }
    return rows as never;
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-cli-init-'));
    env = { JINGUO_DATA_DIR: dataDir };
    if (kind === 'postgres') {
      pgName = `jinguo_cli_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: process.env.JINGUO_TEST_PG_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${pgName}`);
      await admin.end();
      const url = new URL(process.env.JINGUO_TEST_PG_URL!);
      url.pathname = `/${pgName}`;
      env.DATABASE_URL = url.toString();
    }
  });

  afterAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (pgName) {
      const admin = new pg.Client({ connectionString: process.env.JINGUO_TEST_PG_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('creates the top unit from JINGUO_TOP_*, refuses a bad code and a second init, and names both commands in its usage', async () => {
    const help = await jinguo(env, 'help');
    expect(help.stdout).toContain('jinguo init --level city --name 示例市妇联 --code 510300');
    expect(help.stdout).toContain('jinguo org join --parent-level city');
    const bad = await jinguo(env, 'init', '--level', 'city', '--name', '示例市妇联', '--code', '51030');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--code: 该层级的代码应为6位数字');
    const badEnv = await jinguo({ ...env, JINGUO_TOP_LEVEL: 'county', JINGUO_TOP_NAME: 'x', JINGUO_TOP_CODE: '510399' }, 'init');
    expect(badEnv.code).toBe(1);
    expect(badEnv.stderr).toContain('JINGUO_TOP_LEVEL must be one of province, city, district, township');

    const first = await jinguo({ ...env, JINGUO_TOP_LEVEL: 'district', JINGUO_TOP_NAME: '示例区妇联', JINGUO_TOP_CODE: '510399' }, 'init');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('created 示例区妇联 (district, 510399) as the top unit');
    expect([...first.stdout.matchAll(/^ {2}(sysadmin|secadmin|auditor) +\S+ /gm)].map((m) => m[1])).toEqual([
      'sysadmin',
      'secadmin',
      'auditor',
    ]);
    expect(await tops()).toMatchObject([{ name: '示例区妇联', level: 'DISTRICT', code: '510399', depth: 0 }]);

    const again = await jinguo(env, 'init', '--level', 'city', '--name', '示例市妇联', '--code', '510300');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already initialised: its top unit is 示例区妇联 (district, 510399)');
    expect(again.stderr).toContain('jinguo org join');
  }, 120_000);

  it('joins the district to its city, once; a unit at the wrong level is refused and nothing changes', async () => {
    const wrong = await jinguo(env, 'org', 'join', '--parent-level', 'province', '--name', '示例省妇联', '--code', '510000');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('org join refused, nothing was changed');
    expect(await tops()).toHaveLength(1);

    const join = await jinguo(env, 'org', 'join', '--parent-level', 'city', '--name', '示例市妇联', '--code', '510300');
    expect(join.code, join.stderr).toBe(0);
    expect(join.stdout).toContain('示例市妇联 (510300) is the new top unit: 1 units moved under it, 3 administrator roles moved to it');
    const units = (await tops()) as unknown as { name: string; level: string; depth: number; path: string; parent_id: string | null }[];
    expect(units.map((u) => [u.name, u.level, u.depth])).toEqual([
      ['示例市妇联', 'CITY', 0],
      ['示例区妇联', 'DISTRICT', 1],
    ]);
    expect(units[1].path.startsWith(units[0].path)).toBe(true);

    const repeat = await jinguo(env, 'org', 'join', '--parent-level', 'city', '--name', '示例市妇联', '--code', '510300');
    expect(repeat.code, repeat.stderr).toBe(0);
    expect(repeat.stdout).toContain('already joined: 示例市妇联 (510300) is the top unit; nothing changed');
    expect(await tops()).toHaveLength(2);
    const verify = await jinguo(env, 'audit', 'verify');
    expect(verify.code, verify.stderr).toBe(0);
  }, 120_000);
});
