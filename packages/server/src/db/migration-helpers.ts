import { sql, type Kysely } from 'kysely';
import { dialectOf } from './database.js';

/**
 * Small helpers so migrations read the same on SQLite and PostgreSQL. Conventions: ids are text (UUIDv7),
 * timestamps are ISO-8601 UTC text, business dates are "YYYY-MM-DD" text, money is bigint fen, booleans are integer 0/1.
 */
export function isPostgres(db: Kysely<any>): boolean {
  return dialectOf(db) === 'postgres';
}

/** An append-only table: the database itself refuses UPDATE and DELETE. */
export async function makeAppendOnly(db: Kysely<any>, table: string): Promise<void> {
  if (isPostgres(db)) {
    await sql`CREATE OR REPLACE FUNCTION jinguo_refuse_change() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql`.execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION jinguo_refuse_change()`).execute(db);
  } else {
    await sql.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`).execute(db);
  }
}

/** Text column whose ordering is bytewise on both databases (for materialised paths and prefix ranges). */
export function bytewiseText(db: Kysely<any>) {
  return isPostgres(db) ? sql`text collate "C"` : sql`text`;
}

/**
 * A versioned table: every UPDATE of a row adds 1 to its `version` column (which the migration adds), whatever code
 * path makes it, so an ETag built from the version changes exactly when the row does (If-Match → 412). `columns`
 * limits it to updates that set one of those columns (a user's login bookkeeping must not look like an edit).
 * PostgreSQL: a BEFORE trigger sets NEW.version; SQLite cannot assign NEW, so an AFTER trigger updates the row once
 * more (recursive triggers are off, and the WHEN clause stops it when a statement set the version itself).
 */
export async function makeVersioned(db: Kysely<any>, table: string, columns?: string[]): Promise<void> {
  const of = columns?.length ? ` OF ${columns.join(', ')}` : '';
  if (isPostgres(db)) {
    await sql`CREATE OR REPLACE FUNCTION jinguo_bump_version() RETURNS trigger AS $$
      BEGIN IF NEW.version = OLD.version THEN NEW.version := OLD.version + 1; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql`.execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_version BEFORE UPDATE${of} ON ${table} FOR EACH ROW EXECUTE FUNCTION jinguo_bump_version()`).execute(db);
  } else {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_version AFTER UPDATE${of} ON ${table} FOR EACH ROW WHEN NEW.version = OLD.version
         BEGIN UPDATE ${table} SET version = OLD.version + 1 WHERE rowid = NEW.rowid; END`,
      )
      .execute(db);
  }
}

/**
 * PostgreSQL: every transaction that writes `table` bumps the one-row `data_version` at its commit, so list
 * totals over the table can be reused while nothing changed (db/count-cache.ts reuses a count only when every
 * table its SQL reads carries this trigger). The bump is a deferred constraint trigger: it runs at COMMIT, after
 * every other lock the transaction takes, so the single version row cannot take part in a deadlock; a
 * transaction-local flag makes it one UPDATE per transaction however many rows it wrote. SQLite needs nothing:
 * its count cache reads total_changes() and PRAGMA data_version.
 */
export async function trackDataVersion(db: Kysely<any>, table: string): Promise<void> {
  if (!isPostgres(db)) return;
  await sql.raw(
    `CREATE CONSTRAINT TRIGGER ${table}_data_version AFTER INSERT OR UPDATE OR DELETE ON ${table}
     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION jinguo_bump_data_version()`,
  ).execute(db);
  await sql.raw(`CREATE TRIGGER ${table}_data_version_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION jinguo_bump_data_version()`).execute(db);
}
