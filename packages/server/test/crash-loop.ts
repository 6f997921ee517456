// The crash loop, shared by crash-loop.test.ts (20 loops per database, in npm test) and bench/crash-loop.ts (200):
// a child server (the real buildApp over a real SQLite file or PostgreSQL database) takes concurrent writes —
// cases, donations, payouts, each with its own Idempotency-Key — and is SIGKILLed mid-write. After each kill:
// every acknowledged write is there (0 lost), SQLite's integrity check is ok, the ledger balances (every entry
// debits = credits, every account = the sum of its lines, none below zero). The next child first retries every
// request whose answer was lost, with the same key; at the end each request's record exists exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { initializeDatabase, seedDemo } from '../src/db/bootstrap.js';
import { openDatabase, type DatabaseHandle, type DialectName } from '../src/db/database.js';
import { createFieldCipher, generateKeyFile } from '../src/platform/crypto.js';
import { findOrCreatePerson } from '../src/modules/people/people.registry.js';
import { DEMO_PASSWORD } from '../src/modules/org/org.demo.js';
import { createTestDatabase } from './build-test-app.js';

export type CrashLoopFigures = {
  database: DialectName;
  loops: number;
  /** Requests sent (first attempts). */
  sent: number;
  /** Answered 2xx on their first attempt. */
  acknowledged: number;
  /** Lost their answer to a kill and were sent again with the same key. */
  retried: number;
  /** Of those, answered as a replay (the first attempt had committed before the kill). */
  replayed: number;
  /** Acknowledged writes missing after a kill: must be 0. */
  lost: number;
  /** Records written twice for one key: must be 0. */
  duplicates: number;
  /** Loops whose checks failed (integrity, trial balance): must be 0. */
  badChecks: number;
  problems: string[];
  ms: number;
};

type Kind = 'case' | 'donation' | 'payout';
type Request = { kind: Kind; key: string; url: string; body: Record<string, unknown>; session: Session; marker: string };
type Session = { cookie: string; csrf: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The child, bundled into node_modules/.cache (so that its packages resolve) once per process. */
let bundled: Promise<string> | null = null;
function bundleChild(): Promise<string> {
  bundled ??= (async () => {
    const { build } = await import('esbuild');
    const out = path.resolve(import.meta.dirname, '../../../node_modules/.cache/jinguo', `crash-loop-child-${process.pid}.mjs`);
    await build({
      entryPoints: [path.join(import.meta.dirname, 'crash-loop-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: out,
      packages: 'external',
      alias: { '@jinguo/domain': path.resolve(import.meta.dirname, '../../domain/src/index.ts') },
      // Some dependencies are CommonJS and call require(): give the ES module one.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      logLevel: 'error',
    });
    process.once('exit', () => fs.rmSync(out, { force: true }));
    return out;
  })();
  return bundled;
}

export async function runCrashLoops(opts: { kind: DialectName; loops: number; log?: (line: string) => void }): Promise<CrashLoopFigures> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-crash-'));
  const keys = generateKeyFile();
  const cipher = createFieldCipher(keys);
  const clock = { now: () => new Date() };
  let handle: DatabaseHandle;
  let target: string;
  if (opts.kind === 'sqlite') {
    target = path.join(dir, 'crash.sqlite');
    handle = openDatabase({ sqlitePath: target });
  } else {
    handle = await createTestDatabase('postgres');
    const r = await handle.db.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name')).executeTakeFirstOrThrow();
    const url = new URL(process.env.JINGUO_TEST_PG_URL!);
    url.pathname = `/${r.name}`;
    target = url.toString();
  }
  const figures: CrashLoopFigures = {
    database: opts.kind,
    loops: 0,
    sent: 0,
    acknowledged: 0,
    retried: 0,
    replayed: 0,
    lost: 0,
    duplicates: 0,
    badChecks: 0,
    problems: [],
    ms: 0,
  };
  let child: ChildProcess | null = null;
  try {
    await initializeDatabase(handle, {
      clock,
      demo: false,
      orgName: '示例区妇联',
      orgCode: '510399',
    });
    await seedDemo(handle, clock, cipher, { orgOnly: true });
    const db = handle.db;
    const village = await db.selectFrom('orgUnits').select('id').where('name', '=', '大山村').executeTakeFirstOrThrow();
    const personId = await db.transaction().execute(
      async (trx) =>
        (
          await findOrCreatePerson(
            trx,
            { cipher, clock },
            {
              name: '潘会芬',
              gender: 'female',
              idNumber: null,
              residenceOrgId: village.id,
              ownerOrgId: village.id,
              tags: [],
              household: null,
            },
          )
        ).id,
    );
    const chairId = (await db.selectFrom('users').select('id').where('username', '=', 'chair').executeTakeFirstOrThrow()).id;

    // ---- a child server, started and killed. Bundled once with esbuild (dependencies stay in node_modules): a
    // child then starts in a third of the CPU time tsx needs, which is most of a loop's time on a loaded machine.
    const bundle = await bundleChild();
    const start = async (): Promise<string> => {
      const c = spawn(process.execPath, [bundle], {
        env: { ...process.env, CRASH_DB: target, CRASH_KEYS: JSON.stringify(keys), JINGUO_DATA_DIR: dir },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child = c;
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        c.stdout!.on('data', (b: Buffer) => {
          out += b.toString();
          const m = /PORT (\d+)/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        c.on('exit', (code) => reject(new Error(`crash-loop child exited ${code} before listening`)));
      });
      return `http://127.0.0.1:${port}`;
    };
    const kill = async () => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode) return;
      const exited = new Promise((r) => c.on('exit', r));
      c.kill('SIGKILL');
      await exited;
      child = null;
    };

    const call = async (base: string, method: string, url: string, session: Session | null, body?: unknown, key?: string) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (session) {
        headers.cookie = session.cookie;
        headers['x-csrf-token'] = session.csrf;
      }
      if (key) headers['idempotency-key'] = key;
      const res = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return {
        status: res.status,
        replayed: res.headers.get('idempotent-replayed') === 'true',
        json: (await res.json()) as Record<string, unknown>,
      };
    };
    const login = async (base: string, username: string): Promise<Session> => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
      const cookie = /jinguo_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
      return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    };

    // ---- setup through the first child: sessions (server-side rows: they outlive the children), the fund account
    let base = await start();
    const finance = await login(base, 'finance');
    const rights = await login(base, 'rights');
    const account = await call(base, 'POST', '/api/funds/accounts', finance, { code: 'RELIEF_FUND', name: '救助基金', kind: 'cash' });
    if (account.status !== 201) throw new Error(`account: ${JSON.stringify(account.json)}`);
    const accountId = account.json.id as string;
    await kill();

    let n = 0;
    const next = (): Request => {
      n++;
      const kind: Kind = (['donation', 'case', 'payout'] as const)[n % 3];
      const key = `crash-${opts.kind}-${n}-${Math.random().toString(36).slice(2, 10)}`;
      const marker = `#${key}`;
      if (kind === 'donation')
        return {
          kind,
          key,
          marker,
          session: finance,
          url: '/api/funds/donations',
          body: {
            source: 'donation',
            donorKind: 'organisation',
            donorName: '川力实业有限公司',
            accountId,
            donatedOn: '2026-03-01',
            amountFen: 10000,
            memo: marker,
          },
        };
      if (kind === 'payout')
        return {
          kind,
          key,
          marker,
          session: finance,
          url: '/api/funds/disbursements',
          body: {
            accountId,
            recipientKind: 'person',
            recipientPersonId: personId,
            method: 'cash',
            amountFen: 2500,
            paidOn: '2026-04-01',
            approvedBy: chairId,
            purpose: `救助金 ${marker}`,
          },
        };
      return {
        kind,
        key,
        marker,
        session: rights,
        url: '/api/cases',
        body: {
          channel: 'visit',
          receivedDate: '2026-11-27',
          category: 'marriage_family',
          summary: `来访 ${marker}`,
          applicantId: personId,
        },
      };
    };

    const acknowledged: Request[] = [];
    let pending: Request[] = [];
    const everything: Request[] = [];
    // How many records carry each marker, by kind.
    const countByMarker = async (): Promise<Map<string, number>> => {
      const m = new Map<string, number>();
      const add = (rows: { marker: string | null }[]) => {
        for (const r of rows) {
          const k = /#(crash-\S+)/.exec(r.marker ?? '')?.[1];
          if (k) m.set(k, (m.get(k) ?? 0) + 1);
        }
      };
      add(await db.selectFrom('fundDonations').select('memo as marker').execute());
      add(await db.selectFrom('fundDisbursements').select('purpose as marker').execute());
      add(await db.selectFrom('cases').select('summary as marker').execute());
      return m;
    };
    const check = async (loop: number) => {
      const counts = await countByMarker();
      for (const r of acknowledged)
        if (!counts.get(r.key)) {
          figures.lost++;
          figures.problems.push(`loop ${loop}: acknowledged ${r.kind} ${r.key} is missing`);
        }
      for (const [k, c] of counts)
        if (c > 1) {
          figures.duplicates += c - 1;
          figures.problems.push(`loop ${loop}: ${k} written ${c} times`);
        }
      if (opts.kind === 'sqlite') {
        const raw = new SqliteDatabase(target, { readonly: true });
        const ok = raw.pragma('integrity_check', { simple: true });
        raw.close();
        if (ok !== 'ok') {
          figures.badChecks++;
          figures.problems.push(`loop ${loop}: integrity_check ${ok}`);
        }
      }
      const unbalanced = await sql<{ n: number }>`
        SELECT count(*) AS n FROM (SELECT entry_id FROM fund_journal_lines GROUP BY entry_id HAVING sum(amount_fen) <> 0) x`.execute(db);
      const drift = await sql<{ n: number }>`
        SELECT count(*) AS n FROM fund_accounts a
        WHERE a.balance_fen <> (CASE WHEN a.kind = 'income' THEN -1 ELSE 1 END) * (SELECT coalesce(sum(l.amount_fen), 0) FROM fund_journal_lines l WHERE l.account_id = a.id)
           OR a.balance_fen < 0`.execute(db);
      if (Number(unbalanced.rows[0].n) || Number(drift.rows[0].n)) {
        figures.badChecks++;
        figures.problems.push(`loop ${loop}: trial balance: ${unbalanced.rows[0].n} unbalanced entries, ${drift.rows[0].n} accounts off`);
      }
    };

    const retryPending = async () => {
      const again = pending;
      pending = [];
      await Promise.all(
        again.map(async (r) => {
          figures.retried++;
          const res = await call(base, 'POST', r.url, r.session, r.body, r.key);
          if (res.status >= 200 && res.status < 300) {
            if (res.replayed) figures.replayed++;
            acknowledged.push(r);
          } else if (res.status !== 409) figures.problems.push(`retry ${r.kind} ${r.key}: ${res.status} ${JSON.stringify(res.json)}`);
        }),
      );
    };

    for (let loop = 1; loop <= opts.loops; loop++) {
      base = await start();
      await retryPending();
      // Four writers, each sending one request after another, until the kill, which comes once a few writes of this
      // loop have been answered (the server is warm and writing), a random moment later.
      let killed = false;
      let answered = 0;
      const killAfter = 3 + Math.floor(Math.random() * 6);
      const writer = async () => {
        while (!killed) {
          const r = next();
          everything.push(r);
          figures.sent++;
          try {
            const res = await call(base, 'POST', r.url, r.session, r.body, r.key);
            answered++;
            if (res.status >= 200 && res.status < 300) {
              figures.acknowledged++;
              acknowledged.push(r);
            } else if (res.status !== 409) figures.problems.push(`${r.kind} ${r.key}: ${res.status} ${JSON.stringify(res.json)}`);
          } catch {
            // The answer was lost (connection reset by the kill): retried with the same key by the next child.
            pending.push(r);
          }
        }
      };
      const writers = Array.from({ length: 4 }, writer);
      for (let waited = 0; answered < killAfter && waited < 20_000; waited += 10) await sleep(10);
      await sleep(Math.floor(Math.random() * 40));
      killed = true;
      await kill();
      await Promise.all(writers);
      figures.loops++;
      await check(loop);
      log(
        `loop ${loop}: sent ${figures.sent}, acknowledged ${figures.acknowledged}, pending ${pending.length}, lost ${figures.lost}, duplicates ${figures.duplicates}`,
      );
    }
    // A last child answers every request still waiting; then each request's record exists exactly once.
    base = await start();
    await retryPending();
    await kill();
    await check(opts.loops + 1);
    const counts = await countByMarker();
    for (const r of acknowledged)
      if (counts.get(r.key) !== 1) figures.problems.push(`${r.kind} ${r.key}: ${counts.get(r.key) ?? 0} records after the retries`);
    if (pending.length) figures.problems.push(`${pending.length} requests never answered`);
  } finally {
    if (child) (child as ChildProcess).kill('SIGKILL');
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  figures.ms = Date.now() - started;
  return figures;
}
