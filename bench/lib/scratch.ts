/**
 * Scratch databases for the benchmarks: a SQLite file in a temporary directory, or — when JINGUO_BENCH_PG_URL
 * names a PostgreSQL server (e.g. postgres://user:pass@127.0.0.1:5432/postgres; the role must be allowed to
 * create databases) — a database created for the run and dropped after it. BENCH_KEEP=1 keeps either for a closer
 * look at the plans.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type DialectName } from '../../packages/server/src/db/database.js';

export const BENCH_PG_URL = process.env.JINGUO_BENCH_PG_URL || null;

/** The databases a benchmark runs on: SQLite always, PostgreSQL too when JINGUO_BENCH_PG_URL is set. */
export function benchDialects(): DialectName[] {
  return BENCH_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export type ScratchDatabase = {
  handle: DatabaseHandle;
  kind: DialectName;
  /** The PostgreSQL URL of the scratch database (for a second connection); null on SQLite. */
  url: string | null;
  /** The SQLite file; null on PostgreSQL. */
  file: string | null;
  /** A temporary directory of the run (the SQLite file lives here; put other scratch files here too). */
  dir: string;
  /** Closes the handle (if still open) and removes the database and the directory. */
  drop: () => Promise<void>;
};

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_PG_URL! });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new, empty (unmigrated) database of the kind; `label` names it (jinguo_bench_<label>_<random>). */
export async function scratchDatabase(kind: DialectName, label: string): Promise<ScratchDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `jinguo-bench-${label}-`));
  const keep = () => !!process.env.BENCH_KEEP;
  let name: string | null = null;
  let url: string | null = null;
  let file: string | null = null;
  let opened: DatabaseHandle;
  if (kind === 'sqlite') {
    file = path.join(dir, 'bench.db');
    opened = openDatabase({ sqlitePath: file });
  } else {
    if (!BENCH_PG_URL) throw new Error('JINGUO_BENCH_PG_URL is not set');
    name = `jinguo_bench_${label}_${randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const u = new URL(BENCH_PG_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    opened = openDatabase({ url });
  }
  // Closing twice (the benchmark, then drop) is harmless.
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= opened.close();
    return closing;
  };
  return {
    handle: { ...opened, close },
    kind,
    url,
    file,
    dir,
    drop: async () => {
      await close();
      if (keep()) console.log(`kept ${file ?? url}`);
      else if (name) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      if (!keep() || !file) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
