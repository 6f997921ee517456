// Child process for relief-import-kill.test.ts: runs a screening import against the database the parent names
// and is killed (SIGKILL) by the parent while the import is writing. Not a test file itself.
import fs from 'node:fs';
import type { Role } from '@jinguo/domain';
import { openDatabase } from '../src/db/database.js';
import { createFieldCipher, type KeyFile } from '../src/platform/crypto.js';
import { createReliefService } from '../src/modules/relief/relief.service.js';
import type { Actor } from '../src/platform/actor.js';

const target = process.env.KILL_DB!;
const handle = target.startsWith('postgres') ? openDatabase({ url: target }) : openDatabase({ sqlitePath: target });
const cipher = createFieldCipher(JSON.parse(process.env.KILL_KEYS!) as KeyFile);
const clock = { now: () => new Date() };
const db = handle.db;
const u = await db.selectFrom('users').select(['id', 'username', 'displayName']).where('username', '=', 'niufo').executeTakeFirstOrThrow();
const grants = await db
  .selectFrom('roleAssignments as ra')
  .innerJoin('orgUnits as o', 'o.id', 'ra.orgUnitId')
  .select(['ra.id', 'ra.role', 'ra.orgUnitId', 'o.path as orgPath', 'o.name as orgName'])
  .where('ra.userId', '=', u.id)
  .execute();
const actor: Actor = {
  userId: u.id,
  username: u.username,
  displayName: u.displayName,
  sessionId: 'kill',
  csrfToken: 'kill',
  ip: null,
  mustChangePassword: false,
  grants: grants.map((g) => ({ ...g, role: g.role as Role })),
};
const relief = createReliefService({ db, dialect: handle.dialect, clock, cipher });
const { jobId } = await relief.importScreening(actor, process.env.KILL_PROGRAMME!, async () => ({
  filename: 'screening.xlsx',
  file: fs.createReadStream(process.env.KILL_FILE!),
}));
process.stdout.write(`JOB ${jobId}\n`);
// Keep running until the parent kills this process.
setInterval(() => undefined, 1000);
