/**
 * `npm run bench`: every benchmark in bench/ in turn (or those named: `npm run bench -- cases ledger`), each in
 * its own process, its output passed through; then one table of their headline figures, each beside its target
 * (met / not met). Each benchmark ends with a machine-readable line (bench/lib/report.ts) and stays runnable on
 * its own: `node --import tsx bench/<name>.ts`.
 *
 *   npm run bench                       all, full sizes (about an hour on a 2-core machine)
 *   npm run bench -- --quick            all with smaller data (minutes); targets are set for the full sizes
 *   npm run bench -- cases org-tree     only these
 *   JINGUO_BENCH_PG_URL=postgres://user:pass@127.0.0.1:5432/postgres npm run bench    also on PostgreSQL
 *
 * Exit code: 1 when a benchmark failed to run; a target not met is reported, not an error.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatTarget, formatValue, isMet, RESULT_PREFIX, type BenchResult } from './lib/report.js';
import { BENCH_PG_URL } from './lib/scratch.js';

const dir = import.meta.dirname;
const all = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const named = args.filter((a) => !a.startsWith('--'));
const unknown = named.filter((n) => !all.includes(n));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; there are: ${all.join(', ')}`);
  process.exit(2);
}
const chosen = named.length ? all.filter((n) => named.includes(n)) : all;

type Outcome = { name: string; seconds: number; result: BenchResult | null; error: string | null };
const outcomes: Outcome[] = [];

console.log(
  `benchmarks: ${chosen.join(', ')}${quick ? ' (quick)' : ''}; databases: SQLite${BENCH_PG_URL ? ' + PostgreSQL' : ' (set JINGUO_BENCH_PG_URL for PostgreSQL too)'}; ${os.cpus().length} cores`,
);
for (const name of chosen) {
  console.log(`\n${'═'.repeat(20)} ${name} ${'═'.repeat(Math.max(0, 80 - name.length))}`);
  const started = performance.now();
  const outcome = await new Promise<Outcome>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(dir, `${name}.ts`)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...(quick ? { JINGUO_BENCH_QUICK: '1' } : {}) },
    });
    let result: BenchResult | null = null;
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult;
        else console.log(line);
      }
    });
    child.once('exit', (code, signal) => {
      if (pending) console.log(pending);
      const seconds = (performance.now() - started) / 1000;
      const error = code === 0 ? (result ? null : 'printed no BENCH_RESULT line') : `exited with ${signal ?? code}`;
      resolve({ name, seconds, result, error });
    });
  });
  outcomes.push(outcome);
}

// ---------------------------------------------------------------- one table
const rows: string[][] = [['benchmark', 'figure', 'value', 'target', '']];
for (const o of outcomes) {
  if (o.error) rows.push([o.name, `FAILED: ${o.error}`, '', '', '']);
  for (const f of o.result?.figures ?? []) {
    const met = isMet(f);
    rows.push([o.name, f.name, formatValue(f.value, f.unit), formatTarget(f), met === null ? '' : met ? 'met' : 'NOT met']);
  }
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
const line = (r: string[]) => r.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
console.log(`\n${'═'.repeat(100)}\nheadline figures${quick ? ' — QUICK mode (smaller data): targets are set for the full sizes' : ''}`);
console.log(line(rows[0]));
console.log(widths.map((w) => '─'.repeat(w)).join('  '));
for (const r of rows.slice(1)) console.log(line(r));
const notMet = rows.filter((r) => r[4] === 'NOT met').length;
console.log(
  `\n${outcomes.length} benchmark(s) in ${(outcomes.reduce((s, o) => s + o.seconds, 0) / 60).toFixed(1)} min; ${notMet} target(s) not met; ${outcomes.filter((o) => o.error).length} failed. Machine load average ${os.loadavg()[0].toFixed(1)} (figures are noisy when other work shares the cores).`,
);
if (outcomes.some((o) => o.error)) process.exitCode = 1;
