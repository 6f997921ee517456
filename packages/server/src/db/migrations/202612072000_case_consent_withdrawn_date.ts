import { sql, type Kysely } from 'kysely';

/**
 * The day a consent was withdrawn, beside the time the withdrawal was entered (withdrawn_at): a year's paper entered
 * in December keeps March as the day she withdrew it. Rows withdrawn before this migration take the day of entry.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_consents').addColumn('withdrawn_date', 'text').execute();
  await sql`UPDATE case_consents SET withdrawn_date = substr(withdrawn_at, 1, 10) WHERE withdrawn_at IS NOT NULL`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
