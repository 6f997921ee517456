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
