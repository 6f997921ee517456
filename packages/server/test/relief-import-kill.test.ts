import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from '../src/platform/exceljs.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENING_COLUMNS } from '@jinguo/domain';
import { openDatabase, type DatabaseHandle } from '../src/db/database.js';
import { initializeDatabase, seedDemo } from '../src/db/bootstrap.js';
import { createFieldCipher, generateKeyFile } from '../src/platform/crypto.js';
import { newId } from '../src/platform/ids.js';
import { insertProgramme } from '../src/modules/relief/relief.repository.js';
import { createTestDatabase, TEST_DATABASES } from './build-test-app.js';
import { womanId } from './relief-funds-fixtures.js';

const ROWS = 20_000;

/** A process killed while an import is writing leaves the database as it was (the one transaction never commits). */
describe.each(TEST_DATABASES)('screening import killed mid-write on %s', (kind) => {
  let dir: string;
  let handle: DatabaseHandle;
  let target: string;
  const keys = generateKeyFile();
  let programmeId: string;
  let file: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-kill-'));
    if (kind === 'sqlite') {
      target = path.join(dir, 'kill.sqlite');
      handle = openDatabase({ sqlitePath: target });
    } else {
      handle = await createTestDatabase('postgres');
      target = await urlOf(handle);
    }
    const clock = { now: () => new Date() };
    await initializeDatabase(handle, {
      clock,
      demo: false,
      orgName: '示例区妇联',
      orgCode: '510399',
    });
    await seedDemo(handle, clock, createFieldCipher(keys), { orgOnly: true });
    const root = await handle.db.selectFrom('orgUnits').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow();
    programmeId = newId();
    const at = clock.now().toISOString();
    await insertProgramme(handle.db, {
      id: programmeId,
      ownerOrgId: root.id,
      code: 'POOR_MOTHER',
      name: '贫困母亲救助',
      kind: 'cash',
      year: 2026,
      rules: JSON.stringify({
        incomePerHeadMaxFen: 100000,
        requiredTags: [],
        anyOfTags: [],
        requireTwoCancerDiagnosis: false,
        oncePerLifetime: false,
        transferOnly: false,
      }),
      quota: null,
      reportTo: '["city"]',
      fundAccountId: null,
      grantAmountFen: null,
      description: null,
      active: 1,
      createdAt: at,
      updatedAt: at,
    });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(SCREENING_COLUMNS.map((c) => c.header));
    for (let i = 0; i < ROWS; i++)
      ws.addRow(['牛佛镇', i % 2 ? '大山村' : '石桥村', `候选人${i}`, womanId(10_000 + i), '', '3', '1800', '低保', '现金', '', '']);
    file = path.join(dir, 'screening.xlsx');
    await wb.xlsx.writeFile(file);
  }, 240_000);
  afterAll(async () => {
    await handle?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('leaves no person, application or import record behind, and the job never finishes', async () => {
    const count = async (table: 'persons' | 'reliefApplications' | 'households' | 'fileImports') =>
      Number(
        (
          await handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = { persons: await count('persons'), apps: await count('reliefApplications'), households: await count('households') };
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'relief-import-child.ts')], {
      env: { ...process.env, KILL_DB: target, KILL_KEYS: JSON.stringify(keys), KILL_PROGRAMME: programmeId, KILL_FILE: file },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const jobId = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        const m = /JOB (\S+)/.exec(b.toString());
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    // Wait until the import has validated every row and started writing, give it a moment inside the transaction, then kill it.
    for (let i = 0; ; i++) {
      const job = await handle.db.selectFrom('jobs').select(['message', 'status']).where('id', '=', jobId).executeTakeFirst();
      if (job?.message?.includes('正在写入')) break;
      if (job && job.status !== 'running') throw new Error(`import ended before it could be killed: ${job.message}`);
      if (i > 6000) throw new Error('import never reached the writing phase');
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 400));
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    const job = await handle.db.selectFrom('jobs').select(['status', 'message']).where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(job.status).toBe('running');
    expect({ persons: await count('persons'), apps: await count('reliefApplications'), households: await count('households') }).toEqual(
      before,
    );
    expect(await count('fileImports')).toBe(0);
  }, 240_000);
});

/** The URL of a test PostgreSQL database (the handle's pool knows it). */
async function urlOf(h: DatabaseHandle): Promise<string> {
  const r = await h.db.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name')).executeTakeFirstOrThrow();
  const url = new URL(process.env.JINGUO_TEST_PG_URL!);
  url.pathname = `/${r.name}`;
  return url.toString();
}
