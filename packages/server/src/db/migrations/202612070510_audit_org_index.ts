import type { Kysely } from 'kysely';

/** An auditor below the root searches the trail by unit (their subtree), newest first. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_log_org_unit_idx').on('audit_log').columns(['org_unit_id', 'seq']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
