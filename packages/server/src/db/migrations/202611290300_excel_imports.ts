import type { Kysely } from 'kysely';

/**
 * One row per committed Excel import: the file's SHA-256 per import kind and target, so the same file
 * imported again into the same target creates nothing (the unique key also stops two concurrent uploads).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('file_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('file_imports_once', ['kind', 'target_key', 'sha256'])
    .execute();
  await db.schema.createIndex('jobs_creator_idx').on('jobs').columns(['created_by', 'created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
