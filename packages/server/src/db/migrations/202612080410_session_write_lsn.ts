import type { Kysely } from 'kysely';

/**
 * Read-your-writes with read replicas: the primary's WAL position after a session's last write (PostgreSQL's
 * pg_current_wal_lsn(), as text). A heavy read of that session goes to a replica only once the replica has replayed
 * past it (platform/replicas.ts). Null on SQLite and without replicas.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('last_write_lsn', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
