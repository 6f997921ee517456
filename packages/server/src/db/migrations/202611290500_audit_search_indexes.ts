import type { Kysely } from 'kysely';

/** The auditor filters the trail by who and by what, newest first: one index for each filter with the sort. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_log_actor_name_idx').on('audit_log').columns(['actor_name', 'seq']).execute();
  await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'seq']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
