import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedCount } from './count-cache.js';
import { openDatabase, type DatabaseHandle } from './database.js';

const open: { dir: string; handles: DatabaseHandle[] }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    for (const h of o.handles) await h.close();
    fs.rmSync(o.dir, { recursive: true, force: true });
  }
});

/** Two connections to one SQLite file, as the server and the `jinguo` CLI would have. */
async function twoConnections() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-count-'));
  const file = path.join(dir, 'jinguo.db');
  const a = openDatabase({ sqlitePath: file });
  const b = openDatabase({ sqlitePath: file });
  open.push({ dir, handles: [a, b] });
  await sql`CREATE TABLE items (id INTEGER PRIMARY KEY, kind TEXT NOT NULL)`.execute(a.db);
  await sql`INSERT INTO items (kind) VALUES ('x'), ('x'), ('y')`.execute(a.db);
  return { a, b };
}

const countOf = (h: DatabaseHandle, kind: string) =>
  cachedCount(h.db, sql<{ n: number }>`SELECT count(*) AS n FROM items WHERE kind = ${kind}`);

describe('cachedCount on SQLite', () => {
  it('reuses a count only while nothing was written, by this connection or any other', async () => {
    const { a, b } = await twoConnections();
    expect(await countOf(a, 'x')).toBe(2);
    expect(await countOf(a, 'y')).toBe(1);
    // Behind the cache's back, a raw statement on the same connection: the count follows at once.
    a.sqlite!.prepare("INSERT INTO items (kind) VALUES ('x')").run();
    expect(await countOf(a, 'x')).toBe(3);
    await sql`DELETE FROM items WHERE kind = 'y'`.execute(a.db);
    expect(await countOf(a, 'y')).toBe(0);
    // Another connection's commit (the CLI, a second process).
    await sql`INSERT INTO items (kind) VALUES ('x'), ('y')`.execute(b.db);
    expect(await countOf(a, 'x')).toBe(4);
    expect(await countOf(a, 'y')).toBe(1);
    // An update that moves rows between filters.
    await sql`UPDATE items SET kind = 'y' WHERE kind = 'x'`.execute(b.db);
    expect(await countOf(a, 'x')).toBe(0);
    expect(await countOf(a, 'y')).toBe(5);
  });

  it('answers from the cache when nothing changed, and counts afresh inside a transaction', async () => {
    const { a } = await twoConnections();
    // A SQL function that counts how often the count query really runs.
    let runs = 0;
    a.sqlite!.function('tick', () => ++runs);
    const counted = (ex: Parameters<typeof cachedCount>[0]) =>
      cachedCount(ex, sql<{ n: number }>`SELECT count(*) + 0 * tick() AS n FROM items WHERE kind = ${'x'}`);
    expect(await counted(a.db)).toBe(2);
    expect(await counted(a.db)).toBe(2);
    expect(runs).toBe(1);
    await sql`INSERT INTO items (kind) VALUES ('x')`.execute(a.db);
    expect(await counted(a.db)).toBe(3);
    expect(runs).toBe(2);
    await a.db.transaction().execute(async (trx) => {
      expect(await counted(trx)).toBe(3);
      expect(await counted(trx)).toBe(3);
    });
    expect(runs).toBe(4);
  });
});
