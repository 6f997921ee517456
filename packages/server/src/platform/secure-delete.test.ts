import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const fileBytes = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0));

describe('SQLite storage', () => {
  it('runs durable: WAL, synchronous=FULL, foreign keys, busy timeout, secure_delete', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-sqlite-'));
    dirs.push(dir);
    const handle = openDatabase({ sqlitePath: path.join(dir, 'jinguo.db') });
    const pragma = (name: string) => handle.sqlite!.pragma(name, { simple: true });
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(2);
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBe(5000);
    expect(pragma('secure_delete')).toBe(1);
    expect(pragma('cache_size')).toBe(-65536);
    await handle.close();
  });

  it('leaves no trace of a deleted sensitive value in the database file or its WAL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-sqlite-'));
    dirs.push(dir);
    const file = path.join(dir, 'jinguo.db');
    const handle = openDatabase({ sqlitePath: file });
    const marker = 'SENSITIVE-MARKER-受害人住址-7f3a9c';
    await sql`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`.execute(handle.db);
    // Rows on either side share pages with the marker's row; a long value also spills into overflow pages.
    for (let i = 0; i < 200; i++) {
      const body = i === 100 ? marker : i === 150 ? `${marker}:${'长'.repeat(5000)}` : `普通记录${i}`;
      await sql`INSERT INTO notes (id, body) VALUES (${i}, ${body})`.execute(handle.db);
    }
    handle.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    expect(fileBytes(file).includes(Buffer.from(marker))).toBe(true);
    await sql`DELETE FROM notes WHERE id IN (100, 150)`.execute(handle.db);
    handle.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    expect(fileBytes(file).includes(Buffer.from(marker))).toBe(false);
    expect(fileBytes(`${file}-wal`).includes(Buffer.from(marker))).toBe(false);
    expect(fileBytes(file).includes(Buffer.from('普通记录99'))).toBe(true);
    await handle.close();
    expect(fileBytes(file).includes(Buffer.from(marker))).toBe(false);
  });
});
