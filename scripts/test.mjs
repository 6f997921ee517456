#!/usr/bin/env node
// `npm test`: builds the web app (the browser tests drive the real build), then runs the whole suite —
// unit, integration on SQLite and (with JINGUO_TEST_PG_URL) PostgreSQL, and Chromium end-to-end.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const notRun = [];
if (!process.env.JINGUO_TEST_PG_URL) notRun.push('PostgreSQL (set JINGUO_TEST_PG_URL=postgres://user:pass@127.0.0.1:5432/postgres; .ci/run does)');
if (!fs.existsSync(process.env.JINGUO_CHROMIUM ?? '/usr/bin/chromium')) notRun.push('browser tests (apt-get install chromium fonts-noto-cjk; .ci/run does)');
if (process.env.CI && notRun.length) {
  console.error(`CI must run everything, but these are missing:\n  ${notRun.join('\n  ')}`);
  process.exit(1);
}

run('npm', ['run', 'build:web', '--silent']);
run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
if (notRun.length) console.log(`\nNot run on this machine (no service for them):\n  ${notRun.join('\n  ')}`);
