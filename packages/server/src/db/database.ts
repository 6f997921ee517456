import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
/** The database or a transaction: every repository function takes one of these first. */
export type Executor = Kysely<Database> | Transaction<Database>;

export type DatabaseHandle = {
  db: Db;
  dialect: DialectName;
  /** The raw SQLite connection (online backup, pragmas); null on PostgreSQL. */
  sqlite: SqliteDatabase.Database | null;
  close: () => Promise<void>;
};

// PostgreSQL returns int8 (COUNT, SUM of integers) and numeric as strings; our values fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** Opens SQLite (a file path or ":memory:") or PostgreSQL (a postgres:// URL). */
export function openDatabase(target: { url: string } | { sqlitePath: string }): DatabaseHandle {
  const plugins = [new CamelCasePlugin()];
  if ('url' in target) {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, dialect: 'postgres', sqlite: null, close: () => db.destroy() };
  }
  if (target.sqlitePath !== ':memory:') fs.mkdirSync(path.dirname(target.sqlitePath), { recursive: true });
  const sqlite = new SqliteDatabase(target.sqlitePath);
  // Durable and safe: WAL with a full fsync at commit, foreign keys enforced, waits instead of failing
  // on a busy file, and deleted values overwritten rather than left readable in free pages.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('secure_delete = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins });
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
