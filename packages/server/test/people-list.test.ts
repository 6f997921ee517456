import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { createAccount, unitId, unitRow } from './fixtures.js';
import { newId } from '../src/platform/ids.js';
import { isBroadScope, personListQueries } from '../src/modules/people/people.repository.js';

// The register's list (GET /api/people) takes one of two roads to a page by name (people.repository.ts): the
// name index in order for a broad scope, the owner and residence indexes for a narrow one. Both must give the
// same persons, in the same order, with the same total.
describe.each(TEST_DATABASES)('people list on %s', (kind) => {
  let t: TestApp;
  let rights: TestSession;
  let village: TestSession;
  type P = { id: string; name: string; owner: string; residence: string | null; merged?: boolean };
  const persons: P[] = [];

  beforeAll(async () => {
    t = await buildTestApp(kind, { demo: 'org' });
    rights = await t.login('rights');
    village = await createAccount(t, 'dashan', 'township_chair', '大山村');
    const [district, niufo, dashan, shiqiao, dongcheng, dongxing] = await Promise.all(
      ['510399', '牛佛镇', '大山村', '石桥村', '东城街道', '东兴社区'].map((u) => unitId(t, u)),
    );
    const add = (name: string, owner: string, residence: string | null, merged = false) =>
      persons.push({ id: newId(), name, owner, residence, merged });
    // Names that sort the same under every collation (lower-case letters and digits), some equal (the id breaks the tie).
    for (let i = 0; i < 24; i++) add(`n${String(i % 20).padStart(2, '0')}`, niufo, i % 2 ? dashan : shiqiao);
    for (let i = 0; i < 9; i++) add(`d${i}`, dongcheng, dongxing);
    for (let i = 0; i < 5; i++) add(`x${i}`, district, dashan); // the district's, living in 大山村
    add('m0', niufo, dashan, true); // merged into another: never listed
    const at = '2026-11-29T02:00:00.000Z';
    await t.handle.db
      .insertInto('persons')
      .values(
        persons.map((p) => ({
          id: p.id,
          ownerOrgId: p.owner,
          residenceOrgId: p.residence,
          householdId: null,
          name: p.name,
          gender: 'female' as const,
          birthDate: null,
          ethnicity: null,
          idNumberEnc: null,
          idNumberBidx: null,
          idNumberMasked: null,
          phoneEnc: null,
          phoneBidx: null,
          phoneMasked: null,
          addressEnc: null,
          addressMasked: null,
          tags: '[]',
          mergedIntoId: p.merged ? persons[0].id : null,
          createdAt: at,
          updatedAt: at,
          createdBy: null,
        })),
      )
      .execute();
  });
  afterAll(async () => t?.close());

  /** Every page of the list, 7 at a time. */
  async function wholeList(s: TestSession): Promise<{ ids: string[]; totals: number[] }> {
    const ids: string[] = [];
    const totals: number[] = [];
    for (let page = 1; ; page++) {
      const res = await s.inject({ url: `/api/people?page=${page}&pageSize=7` });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { id: string }[]; total: number };
      totals.push(body.total);
      ids.push(...body.items.map((x) => x.id));
      if (body.items.length < 7) return { ids, totals };
    }
  }
  const byName = (a: P, b: P) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1);

  it('lists the whole district by name, every page, for its officer (the broad road on SQLite)', async () => {
    const expected = persons.filter((p) => !p.merged).sort(byName);
    const { ids, totals } = await wholeList(rights);
    expect(ids).toEqual(expected.map((p) => p.id));
    expect(new Set(totals)).toEqual(new Set([expected.length]));
  });

  it('lists only what a village owns or houses, by name, for its chair (the narrow road)', async () => {
    const dashan = await unitId(t, '大山村');
    const expected = persons.filter((p) => !p.merged && (p.owner === dashan || p.residence === dashan)).sort(byName);
    expect(expected.length).toBe(17);
    const { ids, totals } = await wholeList(village);
    expect(ids).toEqual(expected.map((p) => p.id));
    expect(new Set(totals)).toEqual(new Set([17]));
  });

  it('reads the name index in order for a broad scope and the scope indexes for a narrow one (SQLite plans)', async () => {
    const district = await unitRow(t, await unitId(t, '510399'));
    const dashan = await unitRow(t, await unitId(t, '大山村'));
    const wide = { permission: 'people.read' as const, paths: [district.path] };
    const narrow = { permission: 'people.read' as const, paths: [dashan.path] };
    expect(await isBroadScope(t.handle.db, wide)).toBe(kind === 'sqlite');
    expect(await isBroadScope(t.handle.db, narrow)).toBe(false);
    if (kind !== 'sqlite') return;
    const plan = (broad: boolean, scope: typeof wide) => {
      const { page } = personListQueries(scope, { limit: 50, offset: 0 }, broad);
      const c = page.compile(t.handle.db);
      return (t.handle.sqlite!.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.parameters as unknown[])) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    };
    const broadPlan = plan(true, wide);
    expect(broadPlan).toMatch(/SCAN p USING INDEX persons_name_idx/);
    expect(broadPlan).not.toMatch(/MULTI-INDEX OR/);
    expect(plan(false, narrow)).toMatch(/MULTI-INDEX OR/);
  });
});
