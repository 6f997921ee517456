import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');

/** Migrations are the timestamped files in db/migrations, applied in name order; never edit one that has landed. */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{12}_[a-z0-9_]+\.ts$/.test(f))
      .sort();
    const result: Record<string, Migration> = {};
    for (const file of files) {
      result[file.replace(/\.ts$/, '')] = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Migration;
    }
    return result;
  }
}

export type MigrationStatus = {
  /** Files of this server not yet applied to the database. */
  pending: string[];
  /** Applied to the database but unknown to this server: a newer Jinguo has upgraded the schema. */
  unknown: string[];
};

/** Where the database's schema stands against this server's migration files (read-only). */
export async function migrationStatus(db: Db): Promise<MigrationStatus> {
  const files = await new FolderMigrationProvider().getMigrations();
  const known = new Set(Object.keys(files));
  let applied: string[] = [];
  try {
    applied = (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name);
  } catch {
    // A database never migrated has no kysely_migration table: everything is pending.
  }
  const done = new Set(applied);
  return { pending: [...known].filter((n) => !done.has(n)).sort(), unknown: applied.filter((n) => !known.has(n)).sort() };
}

/**
 * Several app servers may start at once: Kysely's migrator holds a lock (a row of kysely_migration_lock, locked FOR
 * UPDATE on PostgreSQL) for the whole run, so one server migrates and the others wait, then find nothing to do. A
 * server older than the schema (the database carries migrations it does not know) refuses to start and says why,
 * rather than run against tables it does not understand.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { unknown } = await migrationStatus(db);
  if (unknown.length)
    throw new Error(
      `the database schema is newer than this Jinguo: it has ${unknown.length} migration(s) this version does not know (${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ', …' : ''}). A newer version has upgraded it; run that version (upgrade this server) instead.`,
    );
  // Modules add migrations in parallel branches: one numbered below an applied one still runs (each is idempotent by name).
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider(), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
