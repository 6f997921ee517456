import type { Kysely } from 'kysely';
import { isPostgres } from '../migration-helpers.js';

/**
 * Uploaded files (activity photos, attachments) live in the database, in 256 KB chunks: every app server reads the
 * same files, a file and the record naming it are written in one transaction, and the database's replication,
 * failover and point-in-time backups carry them — no shared disk to mount and back up beside it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stored_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stored_files_owner_idx').on('stored_files').columns(['owner_kind', 'owner_id']).execute();
  await db.schema
    .createTable('stored_file_chunks')
    .addColumn('file_id', 'text', (c) => c.notNull().references('stored_files.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('stored_file_chunks_pk', ['file_id', 'seq'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
