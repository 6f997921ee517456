import { sql, type Kysely } from 'kysely';
import { isPostgres, trackDataVersion } from '../migration-helpers.js';

/**
 * A data version for reusing list totals on PostgreSQL (db/count-cache.ts): one row, bumped at commit by every
 * transaction that writes a tracked table — the tables the busiest lists count: org units (every scope reads
 * them), persons, cases and referrals. Created on SQLite too, where it stays unused (total_changes() and
 * PRAGMA data_version serve there).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('data_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('data_version').values({ id: 1, version: 0 }).execute();
  if (isPostgres(db)) {
    await sql`CREATE OR REPLACE FUNCTION jinguo_bump_data_version() RETURNS trigger AS $$
      BEGIN
        IF current_setting('jinguo.data_version_bumped', true) IS DISTINCT FROM 'on' THEN
          UPDATE data_version SET version = version + 1 WHERE id = 1;
          PERFORM set_config('jinguo.data_version_bumped', 'on', true);
        END IF;
        RETURN NULL;
      END $$ LANGUAGE plpgsql`.execute(db);
  }
  for (const table of ['org_units', 'persons', 'cases', 'case_referrals']) await trackDataVersion(db, table);
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
