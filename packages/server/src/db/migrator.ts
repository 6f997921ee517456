import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
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

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Modules add migrations in parallel branches: one numbered below an applied one still runs (each is idempotent by name).
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider(), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
