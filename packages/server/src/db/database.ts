import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import {
  CamelCasePlugin,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase as KyselySqliteDatabase,
  type Transaction,
} from 'kysely';
import { createFailoverPool, parseMultiHostUrl } from './pg-hosts.js';
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
  /** The PostgreSQL connection pool (its sizes are metrics); null on SQLite. */
  pool: Pick<pg.Pool, 'totalCount' | 'idleCount' | 'waitingCount'> | null;
  close: () => Promise<void>;
};

// PostgreSQL returns int8 (COUNT, SUM of integers) and numeric as strings; our values fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** Opens SQLite (a file path or ":memory:") or PostgreSQL (a postgres:// URL). */
export function openDatabase(target: { url: string; connectTimeoutMs?: number } | { sqlitePath: string }): DatabaseHandle {
  const plugins = [new CamelCasePlugin()];
  if ('url' in target) {
    // Several hosts (a primary and its standbys): the one that takes writes, followed through a failover.
    const hosts = parseMultiHostUrl(target.url);
    // A replica that may be down is opened with a short connect timeout: it is skipped, not waited for.
    const pool = hosts
      ? createFailoverPool({ ...hosts, max: 10, connectTimeoutMs: target.connectTimeoutMs })
      : new pg.Pool({ connectionString: target.url, max: 10, connectionTimeoutMillis: target.connectTimeoutMs ?? 0 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, dialect: 'postgres', sqlite: null, pool, close: () => db.destroy() };
  }
  if (target.sqlitePath !== ':memory:') keepPrivate(target.sqlitePath);
  const sqlite = new SqliteDatabase(target.sqlitePath);
  // Durable and safe: WAL with a full fsync at commit, foreign keys enforced, waits instead of failing
  // on a busy file, and deleted values overwritten rather than left readable in free pages.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('secure_delete = ON');
  // A page cache of 64 MiB instead of SQLite's default 2 MiB: a district's working set stays in memory rather
  // than being read back through the operating system on every list (the one connection holds it).
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins });
  return { db, dialect: 'sqlite', sqlite, pool: null, close: () => db.destroy() };
}

/**
 * The database file holds ciphertexts, blind indexes, names and the audit trail: only the server's account may read
 * it. Its folder is created 0700 (an existing one loses its "other" bits), the file 0600 before SQLite opens it —
 * SQLite gives its -wal and -shm files the database file's permissions — and an older, looser file is tightened.
 */
function keepPrivate(file: string): void {
  const dir = path.dirname(file);
  if (fs.existsSync(dir)) {
    const mode = fs.statSync(dir).mode & 0o777;
    if (mode & 0o007) fs.chmodSync(dir, mode & ~0o007);
  } else fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f) && fs.statSync(f).mode & 0o077) fs.chmodSync(f, 0o600);
}

/**
 * Kysely's SQLite driver prepares every query afresh; preparing was about 15% of a list request's CPU. The same
 * SQL text reuses its prepared statement (one connection, one query at a time, so a statement is never busy);
 * the least recently used are dropped past 1,000 distinct texts. Kysely calls only prepare() and close(), so
 * the driver gets a plain object with those two (a Proxy over the connection bound a new function on every
 * property read: 24 µs a list request).
 */
function withStatementCache(sqlite: SqliteDatabase.Database): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(source: string) {
      let stmt = cache.get(source);
      if (stmt) cache.delete(source);
      else stmt = sqlite.prepare(source);
      cache.set(source, stmt);
      if (cache.size > 1000) cache.delete(cache.keys().next().value!);
      return stmt;
    },
    close: () => sqlite.close(),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: any schema (migrations use Kysely<any>)
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
