import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { ReliefSubmissionItemsTable, ReliefSubmissionsTable } from './relief.tables.js';

// ---------- submissions (reported up) ----------

export async function insertSubmission(db: Executor, row: ReliefSubmissionsTable, items: ReliefSubmissionItemsTable[]) {
  await db.insertInto('reliefSubmissions').values(row).execute();
  for (let i = 0; i < items.length; i += 500)
    await db
      .insertInto('reliefSubmissionItems')
      .values(items.slice(i, i + 500))
      .execute();
}

export function listSubmissions(db: Executor, scope: Scope, programmeId?: string) {
  let q = db
    .selectFrom('reliefSubmissions as s')
    .innerJoin('reliefProgrammes as pr', 'pr.id', 's.programmeId')
    .leftJoin('users as u', 'u.id', 's.createdBy')
    .select([
      's.id',
      's.programmeId',
      'pr.name as programmeName',
      's.level',
      's.submittedOn',
      's.itemCount',
      's.fileName',
      's.fileSha256',
      's.note',
      'u.displayName as createdByName',
      's.createdAt',
    ])
    .where((eb) => orgInScope(eb, 's.owner_org_id', scope));
  if (programmeId) q = q.where('s.programmeId', '=', programmeId);
  return q.orderBy('s.submittedOn', 'desc').orderBy('s.createdAt', 'desc').limit(200).execute();
}

export function findSubmission(db: Executor, id: string) {
  return db
    .selectFrom('reliefSubmissions as s')
    .innerJoin('orgUnits as o', 'o.id', 's.ownerOrgId')
    .selectAll('s')
    .select('o.path as ownerPath')
    .where('s.id', '=', id)
    .executeTakeFirst();
}
