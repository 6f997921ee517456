/**
 * How long the annual summary and the dashboard take for one district and for a province, against the same
 * aggregates run as raw SQL on the same indexes.
 *
 *   node --import tsx bench/summary.ts [--districts 100] [--runs 5] [--quick]
 *
 * SQLite only (the province is copied inside the file). Full size: 100 districts; --quick: 10 districts, 3 runs.
 * 1. A fresh SQLite file with the full demo district (every module's seedDemo).
 * 2. The demo district's summary and dashboard (target: summary < 1 s).
 * 3. A province: the demo copied into --districts districts (bench/province.ts), one transaction, prepared inserts.
 * 4. Summary and dashboard for one district and for the province; then the SQL statements the facts issued,
 *    captured from the query log, executed directly through prepared better-sqlite3 statements with no
 *    platform code around them (the raw baseline), and the ratio platform ÷ raw (target ≤ 1.5 at province scale).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { buildApp } from '../packages/server/src/app.js';
import { openDatabase } from '../packages/server/src/db/database.js';
import type { Database } from '../packages/server/src/db/schema.js';
import { initializeDatabase } from '../packages/server/src/db/bootstrap.js';
import { systemClock } from '../packages/server/src/platform/clock.js';
import { createFieldCipher, generateKeyFile } from '../packages/server/src/platform/crypto.js';
import { systemAccess } from '../packages/server/src/modules/reports/facts.engine.js';
import { findUnitByCodeOrId } from '../packages/server/src/modules/reports/reports.repository.js';
import { createReportsService, renderExport } from '../packages/server/src/modules/reports/reports.service.js';
import { buildProvince } from './lib/province.js';
import { reportFigures, size, type Figure } from './lib/report.js';

const { values } = parseArgs({
  options: {
    districts: { type: 'string', default: String(size(100, 10)) },
    runs: { type: 'string', default: String(size(5, 3)) },
    quick: { type: 'boolean' },
  },
});
const DISTRICTS = Number(values.districts);
const RUNS = Number(values.runs);
const DEMO = '510399';
const YEAR = 2026;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-bench-'));
const file = path.join(dir, 'bench.sqlite');
const handle = openDatabase({ sqlitePath: file });
const sqlite = handle.sqlite!;
const cipher = createFieldCipher(generateKeyFile());

let t = performance.now();
await initializeDatabase(handle, { clock: systemClock, demo: true, cipher });
console.log(`demo district seeded in ${(performance.now() - t).toFixed(0)} ms`);

// The same connection through a Kysely that records every statement (for the raw replay).
type Captured = { sql: string; parameters: readonly unknown[] };
let capture: Captured[] | null = null;
const db = new Kysely<Database>({
  dialect: new SqliteDialect({ database: sqlite }),
  plugins: [new CamelCasePlugin()],
  log: (e) => {
    if (capture && e.level === 'query') capture.push({ sql: e.query.sql, parameters: e.query.parameters });
  },
});
const app = await buildApp({ database: { ...handle, db }, cipher });
const facts = app.jinguo.facts;
const svc = createReportsService({ db, dialect: 'sqlite', clock: systemClock, facts });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm: statement caches, the lazy module import
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await fn();
    xs.push(performance.now() - s);
  }
  return median(xs);
}

/**
 * The statements one call issues, captured from the query log and prepared once. Timing then interleaves a
 * platform run, a raw run and a raw run that prepares every statement, so all three see the same machine load.
 */
let slowest: { ms: number; sql: string }[] | null = null;
async function compare(
  fn: () => Promise<unknown>,
  withRaw: boolean,
): Promise<{ platform: number; raw?: number; prepared?: number; statements?: number }> {
  capture = [];
  await fn();
  const stmts = capture
    .filter((c) => /^\s*select/i.test(c.sql))
    .map((c) => ({ stmt: sqlite.prepare(c.sql), params: c.parameters.map((p) => (typeof p === 'boolean' ? Number(p) : p)) }));
  capture = null;
  if (slowest) {
    const each = stmts.map(({ stmt, params }) => {
      const s0 = performance.now();
      stmt.all(...(params as unknown[]));
      return { ms: performance.now() - s0, sql: stmt.source.replace(/\s+/g, ' ') };
    });
    slowest.push(...each.sort((a, b) => b.ms - a.ms).slice(0, 5));
  }
  const xs: number[] = [];
  const ys: number[] = [];
  const zs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let s = performance.now();
    await fn();
    xs.push(performance.now() - s);
    if (!withRaw) continue;
    s = performance.now();
    for (const { stmt, params } of stmts) stmt.all(...(params as unknown[]));
    ys.push(performance.now() - s);
    // The same, preparing each statement on every run as Kysely's SQLite driver does (no statement cache).
    s = performance.now();
    for (const { stmt, params } of stmts) sqlite.prepare(stmt.source).all(...(params as unknown[]));
    zs.push(performance.now() - s);
  }
  return withRaw ? { platform: median(xs), raw: median(ys), prepared: median(zs), statements: stmts.length } : { platform: median(xs) };
}

async function unitAccess(code: string) {
  const u = await findUnitByCodeOrId(db, code);
  if (!u) throw new Error(`no unit ${code}`);
  return { unit: u, access: systemAccess(u.path) };
}

type Row = { what: string; platform: number; raw?: number; rawPrepared?: number; statements?: number };
const rows: Row[] = [];
async function measure(what: string, code: string, kind: 'summary' | 'dashboard', withRaw: boolean) {
  const { unit, access } = await unitAccess(code);
  const call =
    kind === 'summary'
      ? () => svc.compose(access, { year: YEAR, org: unit.id })
      : () => svc.dashboard(access, { year: YEAR, org: unit.id });
  await call(); // warm: the lazy module import, SQLite's page cache
  const r = await compare(call, withRaw);
  rows.push({ what, platform: r.platform, raw: r.raw, rawPrepared: r.prepared, statements: r.statements });
}

const composed = await svc.compose(systemAccess((await findUnitByCodeOrId(db, DEMO))!.path), { year: YEAR, org: DEMO });
const figures = JSON.stringify(composed.content).match(/"t":"fig"/g)?.length ?? 0;
const okFigures = JSON.stringify(composed.content).match(/"status":"ok"/g)?.length ?? 0;
console.log(
  `facts registered: ${facts.length}; the built-in summary has ${figures} figures (${okFigures} computed, the rest not recorded yet)`,
);

await measure('demo district: summary', DEMO, 'summary', true);
await measure('demo district: dashboard', DEMO, 'dashboard', true);
rows.push({ what: 'demo district: .docx of the summary', platform: await time(() => renderExport(composed.content, 'docx', 'bench')) });

t = performance.now();
const province = buildProvince(sqlite, { districts: DISTRICTS, demoCode: DEMO });
console.log(`\nprovince of ${DISTRICTS} districts built in ${(province.ms / 1000).toFixed(1)} s (one transaction, prepared inserts):`);
for (const [table, n] of Object.entries(province.rows).sort())
  console.log(
    `  ${table.padEnd(32)} ${String(n).padStart(9)}${province.skipped[table] ? `   NOT COPIED: ${province.skipped[table]}` : ''}`,
  );
for (const [table, why] of Object.entries(province.skipped))
  if (!(table in province.rows)) console.log(`  ${table.padEnd(32)} ${'—'.padStart(9)}   ${why}`);

await measure('one district of the province: summary', DEMO, 'summary', true);
await measure('one district of the province: dashboard', DEMO, 'dashboard', true);
slowest = [];
await measure('province: summary', '510000', 'summary', true);
const slowSummary = slowest;
slowest = null;
await measure('province: dashboard', '510000', 'dashboard', true);

// Hand-written SQL for the figures whose tables this benchmark knows (the cases paragraph and the org counts),
// against the same facts through the platform: a join on the unit's path range instead of the facts' IN (…).
const HAND: { ref: { name: string; params: Record<string, string> }; sql: string; tables: string[] }[] = [
  {
    ref: { name: 'cases.received', params: {} },
    tables: ['cases'],
    sql: "SELECT count(*) n FROM cases c JOIN org_units u ON u.id = c.owner_org_id WHERE u.path >= ?1 AND u.path < ?2 AND c.received_date BETWEEN ?3 AND ?4 AND c.status <> 'diverted'",
  },
  {
    ref: { name: 'cases.received.byChannel', params: { channel: 'visit' } },
    tables: ['cases'],
    sql: "SELECT count(*) n FROM cases c JOIN org_units u ON u.id = c.owner_org_id WHERE u.path >= ?1 AND u.path < ?2 AND c.received_date BETWEEN ?3 AND ?4 AND c.status <> 'diverted' AND c.channel = 'visit'",
  },
  {
    ref: { name: 'cases.received.byChannel', params: { channel: 'letter' } },
    tables: ['cases'],
    sql: "SELECT count(*) n FROM cases c JOIN org_units u ON u.id = c.owner_org_id WHERE u.path >= ?1 AND u.path < ?2 AND c.received_date BETWEEN ?3 AND ?4 AND c.status <> 'diverted' AND c.channel = 'letter'",
  },
  {
    ref: { name: 'cases.tribunalFilings', params: {} },
    tables: ['case_referrals'],
    sql: "SELECT count(*) n FROM case_referrals f JOIN org_units u ON u.id = f.owner_org_id WHERE u.path >= ?1 AND u.path < ?2 AND f.kind = 'court_filing' AND f.filed_date BETWEEN ?3 AND ?4",
  },
  {
    ref: { name: 'cases.closureRate', params: {} },
    tables: ['cases'],
    sql: 'SELECT sum(c.closed_date IS NOT NULL AND c.closed_date <= ?4) num, count(*) den FROM cases c JOIN org_units u ON u.id = c.owner_org_id WHERE u.path >= ?1 AND u.path < ?2 AND c.accepted_date BETWEEN ?3 AND ?4',
  },
  {
    ref: { name: 'org.townships', params: {} },
    tables: ['org_units'],
    sql: "SELECT count(*) n FROM org_units WHERE path >= ?1 AND path < ?2 AND active = 1 AND kind = 'township'",
  },
  {
    ref: { name: 'org.departments', params: {} },
    tables: ['org_units'],
    sql: "SELECT count(*) n FROM org_units WHERE path >= ?1 AND path < ?2 AND active = 1 AND kind = 'department'",
  },
];
const hand = HAND.filter((h) => facts.some((f) => f.name === h.ref.name));
async function measureHand(what: string, code: string) {
  const { unit, access } = await unitAccess(code);
  const upper = `${unit.path.slice(0, -1)}0`;
  const all = { p1: unit.path, p2: upper, p3: `${YEAR}-01-01`, p4: `${YEAR}-12-31` };
  const stmts = hand.map((h) => {
    const st = sqlite.prepare(h.sql.replace(/\?(\d)/g, '@p$1'));
    const args = Object.fromEntries(Object.entries(all).filter(([k]) => h.sql.includes(`?${k.slice(1)}`)));
    return { get: () => st.get(args) };
  });
  const values = await svc.engine.computeMany(
    access,
    unit,
    { year: YEAR, from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
    hand.map((h) => h.ref),
  );
  // The two must agree before their times mean anything.
  hand.forEach((h, i) => {
    const r = stmts[i].get() as { n?: number; num?: number; den?: number };
    const v = values.get(h.ref.name + (h.ref.params.channel ? `?channel=${h.ref.params.channel}` : ''))!.out;
    const expected = r.den != null ? (r.den === 0 ? null : Math.round(((r.num ?? 0) / r.den) * 10000) / 100) : r.n;
    if (v.value !== expected) throw new Error(`hand-written SQL disagrees with ${h.ref.name}: ${expected} vs ${v.value}`);
  });
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    let s = performance.now();
    await svc.engine.computeMany(
      access,
      unit,
      { year: YEAR, from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
      hand.map((h) => h.ref),
    );
    if (i > 0) ys.push(performance.now() - s);
    s = performance.now();
    for (const st of stmts) st.get();
    if (i > 0) xs.push(performance.now() - s);
  }
  const platform = median(ys);
  rows.push({ what, platform, raw: median(xs), statements: stmts.length });
}
if (hand.length) {
  await measureHand(`district: ${hand.length} figures vs hand-written SQL`, DEMO);
  await measureHand(`province: ${hand.length} figures vs hand-written SQL`, '510000');
}

console.log(`\nmedian of ${RUNS} runs after one warm-up (SQLite file, ${os.cpus().length} cores):`);
console.log('raw SQL = the same statements through prepared better-sqlite3 statements; "+prepare" = also preparing each one every run');
console.log(
  `${'measure'.padEnd(44)} ${'platform'.padStart(10)} ${'raw SQL'.padStart(10)} ${'ratio'.padStart(7)} ${'+prepare'.padStart(10)} ${'ratio'.padStart(7)} statements`,
);
const ms = (v?: number) => (v != null ? `${v.toFixed(1)} ms` : '').padStart(10);
const ratio = (a: number, b?: number) => (b ? `${(a / b).toFixed(2)}×` : '').padStart(7);
for (const r of rows)
  console.log(
    `${r.what.padEnd(44)} ${ms(r.platform)} ${ms(r.raw)} ${ratio(r.platform, r.raw)} ${ms(r.rawPrepared)} ${ratio(r.platform, r.rawPrepared)} ${r.statements ?? ''}`,
  );

console.log('\nslowest statements of the province summary (raw):');
for (const x of slowSummary) console.log(`  ${x.ms.toFixed(1).padStart(6)} ms  ${x.sql.slice(0, 220)}`);

await app.close();
await handle.close();
fs.rmSync(dir, { recursive: true, force: true });

const row = (what: string) => rows.find((r) => r.what === what)!;
const figuresOut: Figure[] = [
  { name: 'sqlite: demo district summary', value: row('demo district: summary').platform, unit: 'ms', target: { op: '<', value: 1000 } },
];
for (const what of ['province: summary', 'province: dashboard']) {
  const r = row(what);
  figuresOut.push({ name: `sqlite: ${what}, platform ÷ raw SQL`, value: r.platform / r.raw!, unit: '×', target: { op: '<=', value: 1.5 } });
}
reportFigures('summary', figuresOut);
