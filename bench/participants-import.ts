/**
 * Benchmark: a 100,000-row event-participant roster through the real import (HTTP upload → streamed read →
 * every row validated → one transaction), as the web app does it. Prints the wall time from the upload to the
 * job's end and the peak resident memory of the server process. Targets: < 20 s, < 500 MB.
 *
 *   node --import tsx bench/participants-import.ts [--quick]   # SQLite; PostgreSQL too when JINGUO_BENCH_PG_URL is set
 *   ROWS=20000 node --import tsx bench/participants-import.ts
 *
 * Full size: 100,000 rows; --quick: 20,000. Each database runs in a process of its own (--db sqlite|postgres),
 * so the memory measured is that one server's.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from '../packages/server/src/platform/exceljs.js';
import { buildApp } from '../packages/server/src/app.js';
import { initializeDatabase } from '../packages/server/src/db/bootstrap.js';
import type { DialectName } from '../packages/server/src/db/database.js';
import { systemClock } from '../packages/server/src/platform/clock.js';
import { createFieldCipher, generateKeyFile } from '../packages/server/src/platform/crypto.js';
import { figuresPerDatabase, reportFigures, size, type Figure } from './lib/report.js';
import { benchDialects, scratchDatabase } from './lib/scratch.js';

const ROWS = Number(process.env.ROWS ?? size(100_000, 20_000));
const dbArg = process.argv.indexOf('--db');
const KIND = dbArg > 0 ? (process.argv[dbArg + 1] as DialectName) : null;
const dir = process.argv[2] === '--make' || !KIND ? '' : fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-bench-'));
if (dir) process.env.JINGUO_DATA_DIR = dir;

async function makeFile(file: string) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('数据');
  ws.addRow(['类型', '姓名或单位名称', '性别', '所在单位', '人员类别', '联系电话']).commit();
  const groups = ['妇女群众', '家长', '妇联干部', '乡村医生', '儿童'];
  for (let i = 0; i < ROWS; i++) {
    ws.addRow([
      '个人',
      `参与者${i}`,
      i % 7 === 0 ? '男' : '女',
      `第${i % 300}村`,
      groups[i % groups.length],
      `138${String(i).padStart(8, '0')}`,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

async function main(kind: DialectName) {
  const file = path.join(dir, 'roster.xlsx');
  let t = Date.now();
  // The file is written by a child process, so this process's memory is the server's alone.
  execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--make', file], {
    stdio: 'inherit',
    env: { ...process.env, ROWS: String(ROWS) },
  });
  const size = fs.statSync(file).size;
  console.log(
    `file: ${ROWS.toLocaleString('en-US')} rows, ${(size / 1048576).toFixed(1)} MB (generated in ${((Date.now() - t) / 1000).toFixed(1)} s)`,
  );

  const scratch = await scratchDatabase(kind, 'participants');
  const handle = scratch.handle;
  const cipher = createFieldCipher(generateKeyFile());
  await initializeDatabase(handle, { clock: systemClock, demo: true, cipher });
  const app = await buildApp({ database: handle, cipher });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'niufo', password: 'Jinguo-Demo-2026' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  const unitId = (await handle.db.selectFrom('orgUnits').select('id').where('name', '=', '牛佛镇').executeTakeFirstOrThrow()).id;
  const created = await fetch(`${base}/api/activities/events`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'health_screening', title: '基准测试：十万人名单', startDate: '2026-07-01', ownerOrgId: unitId }),
  });
  const eventId = ((await created.json()) as { id: string }).id;

  // Peak resident memory of this process (the server) while the import runs.
  let peak = process.memoryUsage().rss;
  const baseline = peak;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);

  t = Date.now();
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)]), 'roster.xlsx');
  const res = await fetch(`${base}/api/activities/events/${eventId}/participants/import`, { method: 'POST', headers, body: form });
  if (res.status !== 202) throw new Error(`upload refused: ${res.status} ${await res.text()}`);
  const { jobId } = (await res.json()) as { jobId: string };
  const uploaded = Date.now() - t;
  let job: { status: string; progress: number; message: string; result: { rows: number; created: number } };
  let polls = 0;
  for (;;) {
    job = (await (await fetch(`${base}/api/jobs/${jobId}`, { headers })).json()) as typeof job;
    polls++;
    if (job.status !== 'running') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const elapsed = Date.now() - t;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);

  const count = await handle.db
    .selectFrom('activityEventParticipants')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('eventId', '=', eventId)
    .executeTakeFirstOrThrow();
  const event = await handle.db
    .selectFrom('activityEvents')
    .select(['participantCount'])
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow();
  console.log(`database: ${handle.dialect}`);
  console.log(`job: ${job.status} — ${job.message} (${polls} progress polls)`);
  console.log(
    `rows in roster: ${Number(count.n).toLocaleString('en-US')}; event participant count: ${Number(event.participantCount).toLocaleString('en-US')}`,
  );
  console.log(`upload accepted in ${(uploaded / 1000).toFixed(2)} s`);
  console.log(`import time (upload → committed): ${(elapsed / 1000).toFixed(2)} s   [target < 20 s] ${elapsed < 20000 ? 'OK' : 'MISSED'}`);
  console.log(
    `peak RSS during import: ${(peak / 1048576).toFixed(0)} MB (baseline before upload ${(baseline / 1048576).toFixed(0)} MB)   [target < 500 MB] ${peak < 500 * 1048576 ? 'OK' : 'MISSED'}`,
  );
  console.log(
    `server process peak RSS over the whole run (kernel high-water mark, incl. start-up and demo seeding): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );

  await app.close();
  await scratch.drop();
  fs.rmSync(dir, { recursive: true, force: true });
  if (job.status !== 'succeeded') throw new Error(`import ${job.status}: ${job.message}`);
  const figures: Figure[] = [
    { name: `${kind}: import of ${ROWS.toLocaleString('en-US')} rows`, value: elapsed / 1000, unit: 's', target: { op: '<', value: 20 } },
    { name: `${kind}: peak RSS during the import`, value: peak / 1048576, unit: 'MB', target: { op: '<', value: 500 } },
  ];
  return figures;
}

if (process.argv[2] === '--make') {
  makeFile(process.argv[3]).catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
} else if (KIND) {
  // One database in this process: its figures go to the parent (below) through the result line.
  main(KIND).then(
    (figures) => reportFigures('participants-import', figures),
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
} else reportFigures('participants-import', await figuresPerDatabase(import.meta.filename, benchDialects()));
