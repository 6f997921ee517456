/**
 * HTTP load for the list benchmarks: keep-alive connections hammering one URL for a bounded time, generated in a
 * separate process so the load does not share the servers' event loop (the servers run in the benchmark's own
 * process, whose CPU time per request is then read with process.cpuUsage()).
 *
 * compareInterleaved() measures several servers (the app and its raw-SQL twin) in alternation — A B, B A, A B … —
 * so that whatever else the machine is doing (other engineers' test suites on the same two cores) weighs on both
 * alike; the ratio of the pooled throughputs is the figure to read, not the absolute requests/s.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { percentile } from './report.js';

const LOAD_CODE = `
const http = require('node:http');
const { url, headers, seconds, warmup, connections } = JSON.parse(process.argv[1]);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const latencies = [];
let errors = 0;
let warmRequests = 0;
const one = () => new Promise((resolve) => {
  const t = process.hrtime.bigint();
  http.get(url, { agent, headers }, (res) => {
    res.on('data', () => {});
    res.on('end', () => {
      if (res.statusCode !== 200) errors++;
      resolve(Number(process.hrtime.bigint() - t) / 1e6);
    });
  }).on('error', () => { errors++; resolve(null); });
});
(async () => {
  const warmUntil = Date.now() + warmup * 1000;
  await Promise.all(Array.from({ length: connections }, async () => { while (Date.now() < warmUntil) { await one(); warmRequests++; } }));
  const start = Date.now();
  const end = start + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, async () => { while (Date.now() < end) { const ms = await one(); if (ms !== null) latencies.push(ms); } }));
  process.stdout.write(JSON.stringify({ latencies, errors, warmRequests, elapsed: (Date.now() - start) / 1000 }));
  agent.destroy();
})();
`;

export type LoadRun = {
  /** Completed requests in the measured window (after the warm-up). */
  requests: number;
  elapsed: number;
  latencies: number[];
  errors: number;
  /** CPU time of this process (the servers) over warm-up + window, and the requests it served in that time. */
  cpuMs: number;
  servedRequests: number;
};

/** Loads one URL from a child process for `seconds` (after `warmup` seconds not counted). */
export async function runLoad(opts: {
  url: string;
  headers?: Record<string, string>;
  seconds: number;
  warmup?: number;
  connections?: number;
}): Promise<LoadRun> {
  const args = {
    url: opts.url,
    headers: opts.headers ?? {},
    seconds: opts.seconds,
    warmup: opts.warmup ?? 0.5,
    connections: opts.connections ?? 10,
  };
  const cpuBefore = process.cpuUsage();
  const out = await new Promise<{ latencies: number[]; errors: number; warmRequests: number; elapsed: number }>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', LOAD_CODE, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(text)) : reject(new Error(`load generator exited ${code}`))));
  });
  const cpu = process.cpuUsage(cpuBefore);
  return {
    requests: out.latencies.length,
    elapsed: out.elapsed,
    latencies: out.latencies,
    errors: out.errors,
    cpuMs: (cpu.user + cpu.system) / 1000,
    servedRequests: out.latencies.length + out.warmRequests,
  };
}

export type Side = { name: string; url: string; headers?: Record<string, string> };

export type SideResult = {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  /** Server CPU per request in ms (this process: the Node side only; PostgreSQL's own work is not in it). */
  cpuMsPerRequest: number;
  /** Requests/s of each round, in round order. */
  rounds: number[];
};

/**
 * Loads each side `rounds` times, alternating which goes first, and pools each side's rounds. Also returns the
 * per-round ratios of the first side to every other (first ÷ other, from rounds run back to back).
 */
export async function compareInterleaved(
  sides: Side[],
  opts: { rounds: number; seconds: number; connections?: number; warmup?: number },
): Promise<{ results: SideResult[]; roundRatios: number[][] }> {
  const runs = new Map<string, LoadRun[]>(sides.map((s) => [s.name, []]));
  for (let r = 0; r < opts.rounds; r++) {
    const order = r % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      runs.get(side.name)!.push(
        await runLoad({
          url: side.url,
          headers: side.headers,
          seconds: opts.seconds,
          warmup: opts.warmup,
          connections: opts.connections,
        }),
      );
    }
  }
  const results = sides.map((s): SideResult => {
    const rs = runs.get(s.name)!;
    const latencies = rs.flatMap((x) => x.latencies).sort((a, b) => a - b);
    const requests = rs.reduce((n, x) => n + x.requests, 0);
    const elapsed = rs.reduce((n, x) => n + x.elapsed, 0);
    return {
      name: s.name,
      rps: requests / elapsed,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      requests,
      errors: rs.reduce((n, x) => n + x.errors, 0),
      cpuMsPerRequest: rs.reduce((n, x) => n + x.cpuMs, 0) / rs.reduce((n, x) => n + x.servedRequests, 0),
      rounds: rs.map((x) => x.requests / x.elapsed),
    };
  });
  const roundRatios = results.slice(1).map((other) => results[0].rounds.map((v, i) => v / other.rounds[i]));
  return { results, roundRatios };
}

export function machineLoad(): string {
  return `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`;
}
