import { sql } from 'kysely';
import type { OrgKind } from '@jinguo/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedCount, tablesOf } from '../src/db/count-cache.js';
import { openDatabase, type DatabaseHandle, type Executor } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrator.js';
import { createTestDatabase, TEST_DATABASES } from './build-test-app.js';

// SQLite's side (total_changes + data_version) is covered beside the code, in src/db/count-cache.test.ts.
// PostgreSQL only (the suite runs it whenever JINGUO_TEST_PG_URL is set, as CI does).
describe.runIf(TEST_DATABASES.includes('postgres'))('list totals reused on PostgreSQL (data_version)', () => {
  const kind = 'postgres';
  let a: DatabaseHandle & { url?: string };
  let b: DatabaseHandle;
  const unit = (id: string, kind_: OrgKind) => ({
    id,
    parentId: null,
    path: `/${id}/`,
    depth: 0,
    kind: kind_,
    level: null,
    code: null,
    name: id,
    agencyType: null,
    active: 1,
    sortOrder: 0,
    createdAt: '2026-12-07T00:00:00Z',
    updatedAt: '2026-12-07T00:00:00Z',
  });
  /** How often the count statement really ran: every run draws a number from a sequence. */
  const runs = async () => Number((await sql<{ n: number }>`SELECT last_value AS n FROM count_runs`.execute(a.db)).rows[0].n);
  const countOf = (db: Executor, k: string) =>
    cachedCount(db, sql<{ n: number }>`SELECT count(*) + 0 * nextval('count_runs') AS n FROM org_units WHERE kind = ${k}`);
  const version = async () =>
    Number((await sql<{ v: number }>`SELECT version AS v FROM data_version WHERE id = 1`.execute(a.db)).rows[0].v);

  beforeAll(async () => {
    a = await createTestDatabase(kind);
    await migrateToLatest(a.db);
    // A second pool on the same database: a second app server.
    b = openDatabase({ url: a.url! });
    await sql`CREATE SEQUENCE count_runs`.execute(a.db);
    await sql`SELECT nextval('count_runs')`.execute(a.db);
    await a.db
      .insertInto('orgUnits')
      .values([unit('a1', 'federation'), unit('a2', 'federation'), unit('a3', 'township')])
      .execute();
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('names the tables a statement reads, and no subquery or function as one', () => {
    expect(
      tablesOf('SELECT count(*) AS n FROM cases c WHERE c.owner_org_id IN (SELECT ou.id FROM org_units ou WHERE ou.path >= $1)'),
    ).toEqual(['cases', 'org_units']);
    expect(tablesOf('SELECT x FROM (SELECT 1) q JOIN "persons" p ON true LEFT JOIN generate_series(1, 3) g ON true')).toEqual(['persons']);
  });

  it('reuses a count while no tracked table changed, and follows a write made through another app server', async () => {
    expect(await countOf(a.db, 'federation')).toBe(2);
    const before = await runs();
    expect(await countOf(a.db, 'federation')).toBe(2);
    expect(await countOf(a.db, 'federation')).toBe(2);
    expect(await runs()).toBe(before);

    // Another pool (another app server) writes: the version in the database moves, the next count runs.
    await b.db.insertInto('orgUnits').values(unit('b1', 'federation')).execute();
    expect(await countOf(a.db, 'federation')).toBe(3);
    expect(await runs()).toBe(before + 1);
    // Raw SQL behind the app's back counts as a write too (the trigger is in the database).
    await sql`UPDATE org_units SET kind = 'township' WHERE id = 'a1'`.execute(b.db);
    expect(await countOf(a.db, 'federation')).toBe(2);
    await sql`DELETE FROM org_units WHERE id = 'b1'`.execute(b.db);
    expect(await countOf(a.db, 'federation')).toBe(1);
  });

  it('bumps the version once per committed transaction, not per row, and not for a rolled-back one', async () => {
    const v0 = await version();
    await b.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('orgUnits')
        .values([unit('t1', 'street'), unit('t2', 'street')])
        .execute();
      await trx.updateTable('orgUnits').set({ name: '改名' }).where('kind', '=', 'street').execute();
    });
    expect(await version()).toBe(v0 + 1);
    await expect(
      b.db.transaction().execute(async (trx) => {
        await trx.insertInto('orgUnits').values(unit('t3', 'street')).execute();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await version()).toBe(v0 + 1);
    // An UPDATE that matches nothing changes nothing and bumps nothing.
    await sql`UPDATE org_units SET name = 'x' WHERE id = 'none'`.execute(b.db);
    expect(await version()).toBe(v0 + 1);
  });

  it('never serves a count that misses a committed write, even one pending while the count was stored', async () => {
    const start = await countOf(a.db, 'street');
    // A transaction on the other server has written but not committed: the count does not see it yet.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let written!: () => void;
    const wrote = new Promise<void>((r) => (written = r));
    const pending = b.db.transaction().execute(async (trx) => {
      await trx.insertInto('orgUnits').values(unit('p1', 'street')).execute();
      written();
      await held;
    });
    await wrote;
    expect(await countOf(a.db, 'street')).toBe(start);
    release();
    await pending;
    expect(await countOf(a.db, 'street')).toBe(start + 1);
  });

  it('always counts a statement that reads an untracked table, and inside a transaction', async () => {
    const q = sql<{ n: number }>`SELECT count(*) + 0 * nextval('count_runs') AS n FROM sessions`;
    const before = await runs();
    expect(await cachedCount(a.db, q)).toBe(0);
    expect(await cachedCount(a.db, q)).toBe(0);
    expect(await runs()).toBe(before + 2);
    await a.db.transaction().execute(async (trx) => {
      expect(await countOf(trx, 'federation')).toBe(1);
      expect(await countOf(trx, 'federation')).toBe(1);
    });
    expect(await runs()).toBe(before + 4);
  });
});
