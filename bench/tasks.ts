import type { Readable } from 'node:stream';
import { bulkInsert } from '../packages/server/src/db/bulk.js';
import type { DialectName } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrator.js';
import type { Actor } from '../packages/server/src/platform/actor.js';
import { systemClock } from '../packages/server/src/platform/clock.js';
import { newId } from '../packages/server/src/platform/ids.js';
import { createTasksService } from '../packages/server/src/modules/tasks/index.js';
import type { TasksService } from '../packages/server/src/modules/tasks/tasks.service.js';
import { reportFigures, size, timeRuns, type Figure } from './lib/report.js';
import { benchDialects, scratchDatabase } from './lib/scratch.js';

const CITIES = 21;
const DISTRICTS = 183;
const TOWNS = size(3100, 310);
const RUNS = 10;

type Unit = { id: string; parentId: string | null; path: string; depth: number; kind: string; level: string; name: string };

function tree() {
  const units: Unit[] = [];
  const add = (parent: Unit | null, kind: string, level: string, name: string) => {
    const id = newId();
    const u = {
      id,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      kind,
      level,
      name,
    };
    units.push(u);
    return u;
  };
  const province = add(null, 'federation', 'PROVINCE', '示例省妇联');
  const cities = Array.from({ length: CITIES }, (_, i) => add(province, 'federation', 'CITY', `第${i + 1}市妇联`));
  const districts = Array.from({ length: DISTRICTS }, (_, i) => add(cities[i % CITIES], 'federation', 'DISTRICT', `第${i + 1}区妇联`));
  for (let i = 0; i < TOWNS; i++) {
    const street = i % 5 === 4;
    add(
      districts[i % DISTRICTS],
      street ? 'street' : 'township',
      street ? 'SUBDISTRICT' : 'TOWNSHIP',
      `第${i + 1}${street ? '街道' : '镇'}`,
    );
  }
  return { province, units };
}

const FIELDS = [
  { key: 'women', label: '培训妇女人数', type: 'persons', required: true },
  { key: 'funds', label: '投入资金', type: 'money' },
  { key: 'note', label: '备注', type: 'text' },
  {
    key: 'events',
    label: '活动明细',
    type: 'table',
    columns: [
      { key: 'name', label: '活动名称', type: 'text' },
      { key: 'people', label: '参加人数', type: 'persons' },
    ],
  },
] as const;

/** A reply that keeps what the export sends, so the file can be read to its end. */
function captureReply() {
  let body: Readable | null = null;
  const reply = {
    header: () => reply,
    send: (s: Readable) => {
      body = s;
      return reply;
    },
  };
  return {
    reply: reply as unknown as Parameters<TasksService['exportMerged']>[2],
    async drain() {
      let bytes = 0;
      for await (const chunk of body as unknown as AsyncIterable<Buffer>) bytes += chunk.length;
      return bytes;
    },
  };
}

const figures: Figure[] = [];

async function run(kind: DialectName) {
  const { handle, drop } = await scratchDatabase(kind, 'tasks');
  try {
    const { db } = handle;
    await migrateToLatest(db);
    const { province, units } = tree();
    const at = new Date().toISOString();
    await db.transaction().execute((trx) =>
      bulkInsert(
        trx,
        'org_units',
        units.map((u, i) => ({
          id: u.id,
          parentId: u.parentId,
          path: u.path,
          depth: u.depth,
          kind: u.kind,
          level: u.level,
          code: null,
          name: u.name,
          agencyType: null,
          active: 1,
          sortOrder: i,
          createdAt: at,
          updatedAt: at,
        })),
      ),
    );
    const actor: Actor = {
      userId: newId(),
      username: 'bench',
      displayName: '省妇联',
      sessionId: 'bench',
      csrfToken: 'bench',
      ip: null,
      mustChangePassword: false,
      grants: [{ id: newId(), role: 'federation_leader', orgUnitId: province.id, orgPath: province.path, orgName: province.name }],
    };
    const tasks = createTasksService({ db, clock: systemClock });
    const next = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
    const t0 = performance.now();
    const task = await tasks.createTask(actor, {
      ownerOrgId: province.id,
      title: '全省巾帼培训情况统计',
      deadline: next,
      targets: { mode: 'kinds', kinds: ['township', 'street'] },
      fields: FIELDS as never,
    });
    const createMs = performance.now() - t0;
    // Every township answers (straight into the table: the answers' own writes are timed by the integration suite).
    const t1 = performance.now();
    await db.transaction().execute(async (trx) => {
      for (const [i, a] of task.answers.entries()) {
        const values = {
          women: 20 + (i % 50),
          funds: 100_000 + i * 37,
          note: `第${i + 1}单位按时完成`,
          events: [
            { name: '家政培训', people: 10 + (i % 7) },
            { name: '电商培训', people: 5 + (i % 11) },
            { name: '法治宣讲', people: 30 },
          ],
        };
        await trx
          .updateTable('taskAnswers')
          .set({ status: 'submitted', answerValues: JSON.stringify(values), submittedAt: at, submittedBy: actor.userId })
          .where('id', '=', a.id)
          .execute();
      }
    });
    const answerMs = performance.now() - t1;
    console.log(
      `\n${kind}: ${units.length.toLocaleString('en-US')} units; task sent to ${task.expected.toLocaleString('en-US')} units in ${createMs.toFixed(0)} ms; answers written in ${(answerMs / 1000).toFixed(1)} s`,
    );
    const status = await timeRuns(RUNS, () => tasks.getTask(actor, task.id));
    const check = await tasks.getTask(actor, task.id);
    if (check.reported !== TOWNS) throw new Error(`reported ${check.reported}, want ${TOWNS}`);
    const merged = await timeRuns(RUNS, () => tasks.getMerged(actor, task.id));
    let bytes = 0;
    const exported = await timeRuns(3, async () => {
      const cap = captureReply();
      await tasks.exportMerged(actor, task.id, cap.reply);
      bytes = await cap.drain();
    });
    console.log(
      `  status page: median ${status.median.toFixed(0)} ms (p95 ${status.p95.toFixed(0)}); merged: median ${merged.median.toFixed(0)} ms; export: median ${exported.median.toFixed(0)} ms (${(bytes / 1024).toFixed(0)} KiB)`,
    );
    figures.push(
      { name: `${kind}: send a task to ${TOWNS} units`, value: createMs, unit: 'ms' },
      { name: `${kind}: sender's status page, ${TOWNS} answers`, value: status.median, unit: 'ms', target: { op: '<', value: 300 } },
      { name: `${kind}: merged result, ${TOWNS} answers`, value: merged.median, unit: 'ms', target: { op: '<', value: 300 } },
      { name: `${kind}: merged Excel export, ${TOWNS} answers`, value: exported.median / 1000, unit: 's', target: { op: '<', value: 5 } },
    );
  } finally {
    await drop();
  }
}

for (const kind of benchDialects()) await run(kind);
reportFigures('tasks', figures);
