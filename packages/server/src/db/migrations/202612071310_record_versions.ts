import type { Kysely } from 'kysely';
import { makeVersioned } from '../migration-helpers.js';

/**
 * A version number on every record people edit at the same time (If-Match / ETag, 412 when stale), moved by a
 * trigger on every update of the row. Users: only the fields an administrator edits (not the login bookkeeping).
 */
const VERSIONED: [table: string, columns?: string[]][] = [
  ['cases'],
  ['persons'],
  ['relief_applications'],
  ['relief_programmes'],
  ['org_units'],
  ['users', ['display_name', 'org_unit_id', 'active']],
  ['associations'],
  ['cadres'],
  ['honour_campaigns'],
  ['indicators'],
  ['report_templates'],
  ['activity_events'],
  ['training_courses'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, columns] of VERSIONED) {
    await db.schema
      .alterTable(table)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await makeVersioned(db, table, columns);
  }
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
