import type { Kysely } from 'kysely';
import { isPostgres } from '../migration-helpers.js';

/** The reported-up workbook itself, kept with its submission so the file sent is the file shown (its SHA-256 is recorded). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('relief_submissions').addColumn('file_content', isPostgres(db) ? 'bytea' : 'blob').execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
