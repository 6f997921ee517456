#!/usr/bin/env node
// `npm test`: builds the web app (the browser tests drive the real build), then runs the whole suite —
// unit, integration on SQLite and (with JINGUO_TEST_PG_URL) PostgreSQL, and Chromium end-to-end.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const notRun = [];
if (!process.env.JINGUO_TEST_PG_URL)
  notRun.push('PostgreSQL (set JINGUO_TEST_PG_URL=postgres://user:pass@127.0.0.1:5432/postgres; .ci/run does)');
if (!fs.existsSync(process.env.JINGUO_CHROMIUM ?? '/usr/bin/chromium'))
  notRun.push('browser tests (apt-get install chromium fonts-noto-cjk; .ci/run does)');
if (process.env.CI && notRun.length) {
  console.error(`CI must run everything, but these are missing:\n  ${notRun.join('\n  ')}`);
  process.exit(1);
}

// Lint, format and types first: a run that fails them fails here (Biome: `npm run format` fixes the formatting).
if (process.argv.length <= 2) run('npm', ['run', 'lint', '--silent']);
run('npm', ['run', 'build:web', '--silent']);
// Two phases: unit + integration on two workers, then the browser journeys one file at a time — each file runs its
// own server and Chromium, and beside the integration suites on two cores their clicks timed out now and then.
// Arguments (a file filter) run as one phase, as given.
const phases =
  process.argv.length > 2
    ? [process.argv.slice(2)]
    : [
        ['--exclude', 'e2e/**'],
        ['e2e/', '--maxWorkers=1'],
      ];
let passed = 0;
let failed = 0;
let status = 0;
for (const [i, args] of phases.entries()) {
  const resultsFile = path.join(os.tmpdir(), `jinguo-vitest-${process.pid}-${i}.json`);
  const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...args], {
    stdio: 'inherit',
  });
  if (r.status !== 0) status = r.status ?? 1;
  if (fs.existsSync(resultsFile)) {
    const json = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    fs.rmSync(resultsFile);
    passed += json.numPassedTests;
    failed += json.numFailedTests;
  } else if (status === 0) status = 1;
}
if (notRun.length) console.log(`\nNot run on this machine (no service for them):\n  ${notRun.join('\n  ')}`);
// One plain closing line for CI: "N passed, N failed".
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(status);
