import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/** The tables with a trigger-moved `version` (migration 202612071310_record_versions), by their SQL names. */
export type VersionedTable =
  | 'cases'
  | 'persons'
  | 'relief_applications'
  | 'relief_programmes'
  | 'org_units'
  | 'users'
  | 'associations'
  | 'cadres'
  | 'honour_campaigns'
  | 'indicators'
  | 'report_templates'
  | 'activity_events'
  | 'training_courses';

/** The row's current version, locked for the rest of the transaction on PostgreSQL (SQLite has one writer). */
export async function lockVersion(trx: Executor, table: VersionedTable, id: string, forUpdate: boolean): Promise<number | null> {
  const r = await sql<{
    version: number;
  }>`SELECT version FROM ${sql.table(table)} WHERE id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`.execute(trx);
  return r.rows[0] ? Number(r.rows[0].version) : null;
}

// Audit actions that read rather than change a record: they say nothing about who changed it.
const READ_ACTIONS = ['read', 'read.sensitive', 'reveal', 'export', 'read.records', 'referral.link.issue'];

/** Who last changed the record (their display name, else the name the trail kept) and when: the audit trail's entity index. */
export function lastChange(trx: Executor, entityType: string, entityId: string) {
  return trx
    .selectFrom('auditLog as a')
    .leftJoin('users as u', 'u.id', 'a.actorId')
    .select(['a.actorName', 'u.displayName', 'a.at'])
    .where('a.entityType', '=', entityType)
    .where('a.entityId', '=', entityId)
    .where('a.action', 'not in', READ_ACTIONS)
    .orderBy('a.seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}
