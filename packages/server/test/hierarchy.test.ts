import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopUnit } from '../src/config.js';
import { initializeDatabase } from '../src/db/bootstrap.js';
import { JoinRefused, joinParentUnit } from '../src/modules/org/org.join.js';
import { verifyAuditChain } from '../src/platform/audit.js';
import { buildTestApp, createTestClock, createTestDatabase, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { CHANGED_PASSWORD, createAccount, unitId } from './fixtures.js';

/** Every unit's path, depth and parent, by name. */
async function tree(t: TestApp) {
  const rows = await t.handle.db
    .selectFrom('orgUnits')
    .select(['id', 'name', 'path', 'depth', 'parentId', 'level', 'kind', 'code'])
    .execute();
  return new Map(rows.map((r) => [r.name, r]));
}

describe.each(TEST_DATABASES)('the hierarchy on %s', (kind) => {
  describe('set-up at any level', () => {
    const LEVELS: [TopUnit, string][] = [
      [{ level: 'PROVINCE', name: '示例省妇联', code: '510000' }, 'federation'],
      [{ level: 'CITY', name: '示例市妇联', code: '510300' }, 'federation'],
      [{ level: 'DISTRICT', name: '示例区妇联', code: '510399' }, 'federation'],
      [{ level: 'TOWNSHIP', name: '牛佛镇', code: '510399100' }, 'township'],
    ];
    it.each(LEVELS)('creates the top unit at %o with its name and code', async (top, topKind) => {
      const handle = await createTestDatabase(kind);
      try {
        const r = await initializeDatabase(handle, { clock: createTestClock(), top });
        expect(r.created).toBe(true);
        const units = await handle.db.selectFrom('orgUnits').selectAll().execute();
        expect(units).toHaveLength(1);
        expect(units[0]).toMatchObject({ parentId: null, depth: 0, kind: topKind, level: top.level, name: top.name, code: top.code });
        expect(units[0].path).toBe(`/${units[0].id}/`);
        const install = await handle.db.selectFrom('auditLog').select('detail').where('action', '=', 'install').executeTakeFirstOrThrow();
        expect(JSON.parse(install.detail!).top).toEqual({ level: top.level, name: top.name, code: top.code });
      } finally {
        await handle.close();
      }
    });

    it('without a top unit stays the district federation as before, and the demo refuses one', async () => {
      const handle = await createTestDatabase(kind);
      try {
        await expect(
          initializeDatabase(handle, { clock: createTestClock(), demo: true, top: { level: 'CITY', name: '示例市妇联', code: '510300' } }),
        ).rejects.toThrow('JINGUO_TOP_LEVEL');
        await initializeDatabase(handle, { clock: createTestClock() });
        const units = await handle.db.selectFrom('orgUnits').select(['kind', 'level', 'name', 'code']).execute();
        expect(units).toEqual([{ kind: 'federation', level: 'DISTRICT', name: '区妇联', code: null }]);
      } finally {
        await handle.close();
      }
    });
  });

  describe('a city with its district federations', () => {
    let t: TestApp;
    let sys: TestSession;
    let cityId: string;
    const create = (payload: Record<string, unknown>) => sys.inject({ method: 'POST', url: '/api/org/units', payload });

    beforeAll(async () => {
      t = await buildTestApp(kind, { top: { level: 'CITY', name: '示例市妇联', code: '510300' } });
      sys = await t.login('sysadmin');
      cityId = await unitId(t, '510300');
    });
    afterAll(() => t.close());

    it('adds a district under the city (its level follows), with its townships, departments and agencies', async () => {
      const district = await create({ parentId: cityId, kind: 'federation', name: '自流井区妇联', code: '510302' });
      expect(district.statusCode, district.body).toBe(201);
      expect(district.json()).toMatchObject({ kind: 'federation', level: 'DISTRICT', code: '510302', depth: 1 });
      const d = district.json().id as string;
      const town = await create({ parentId: d, kind: 'township', name: '仲权镇', code: '510302100' });
      expect(town.json()).toMatchObject({ level: 'TOWNSHIP', depth: 2 });
      expect((await create({ parentId: d, kind: 'department', name: '区教育局' })).statusCode).toBe(201);
      expect((await create({ parentId: cityId, kind: 'department', name: '市教育局' })).statusCode).toBe(201);
      expect((await create({ parentId: d, kind: 'agency', agencyType: 'police', name: '自流井派出所' })).statusCode).toBe(201);
      const village = await create({ parentId: town.json().id, kind: 'village', name: '仲权村', code: '510302100200' });
      expect(village.json()).toMatchObject({ level: 'VILLAGE', depth: 3 });
      const audit = await t.handle.db.selectFrom('auditLog').select('detail').where('entityId', '=', d).executeTakeFirstOrThrow();
      expect(JSON.parse(audit.detail!).after).toMatchObject({ kind: 'federation', level: 'DISTRICT', code: '510302', parentId: cityId });
    });

    it('refuses what the administrative map does not allow, naming the field', async () => {
      const districtId = await unitId(t, '510302');
      const cases: [Record<string, unknown>, string, string][] = [
        [{ parentId: cityId, kind: 'federation', level: 'CITY', name: '另一市妇联' }, 'level', '市级妇联之下的妇联层级应为“区（县）”'],
        [{ parentId: districtId, kind: 'federation', name: '下级妇联' }, 'kind', '区（县）级妇联之下不能再设妇联'],
        [{ parentId: cityId, kind: 'village', name: '某村' }, 'kind', '村只能设在乡镇、街道之下'],
        [{ parentId: cityId, kind: 'federation', name: '贡井区妇联', code: '520302' }, 'code', '代码应以上级单位代码 5103 开头'],
        [{ parentId: cityId, kind: 'federation', name: '大安区妇联', code: '5103041' }, 'code', '代码应为6位'],
      ];
      for (const [payload, field, message] of cases) {
        const res = await create(payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        const err = res.json().fields.find((f: { path: string }) => f.path === field);
        expect(err?.message, JSON.stringify(res.json())).toContain(message);
      }
      // Nothing was written by the refusals.
      expect((await tree(t)).has('另一市妇联')).toBe(false);
    });
  });

  describe('org join: a district that started alone joins its city', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(kind);
    });
    afterAll(() => t.close());

    it('refuses a unit at the wrong level or with a code the district does not extend, changing nothing', async () => {
      const before = await tree(t);
      await expect(joinParentUnit(t.handle.db, t.clock, { level: 'PROVINCE', name: '示例省妇联', code: '510000' })).rejects.toThrow(
        JoinRefused,
      );
      await expect(joinParentUnit(t.handle.db, t.clock, { level: 'CITY', name: '别市妇联', code: '520300' })).rejects.toThrow('5203');
      await expect(joinParentUnit(t.handle.db, t.clock, { level: 'CITY', name: '示例市妇联', code: '510399' })).rejects.toThrow('00');
      expect(await tree(t)).toEqual(before);
    });

    it('puts the city above the district: every path and depth rewritten in one audited step, the 三员 moved up', async () => {
      const before = await tree(t);
      const r = await joinParentUnit(t.handle.db, t.clock, { level: 'CITY', name: '示例市妇联', code: '510300' });
      expect(r).toMatchObject({ joined: true, units: before.size, grantsMoved: 3 });
      const after = await tree(t);
      const city = after.get('示例市妇联')!;
      expect(city).toMatchObject({ parentId: null, depth: 0, path: `/${city.id}/`, kind: 'federation', level: 'CITY', code: '510300' });
      for (const [name, u] of before) {
        expect(after.get(name)!.path, name).toBe(`/${city.id}${u.path}`);
        expect(after.get(name)!.depth, name).toBe(u.depth + 1);
      }
      expect(after.get('示例区妇联')!.parentId).toBe(city.id);
      const entry = await t.handle.db.selectFrom('auditLog').selectAll().where('action', '=', 'org.join').executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ entityId: city.id, actorName: 'cli' });
      expect(JSON.parse(entry.detail!)).toMatchObject({ childId: before.get('示例区妇联')!.id, units: before.size, grantsMoved: 3 });
      expect((await verifyAuditChain(t.handle.db)).ok).toBe(true);

      // The system admin now manages the city (a second district beside the first); the district chair still sees her district only.
      const sys = await t.login('sysadmin');
      expect((await sys.inject({ url: '/api/org/roots' })).json().map((u: { name: string }) => u.name)).toEqual(['示例市妇联']);
      const second = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: city.id, kind: 'federation', name: '自流井区妇联', code: '510302' },
      });
      expect(second.statusCode, second.body).toBe(201);
      const chair = await t.login('chair');
      expect((await chair.inject({ url: '/api/org/roots' })).json().map((u: { name: string }) => u.name)).toEqual(['示例区妇联']);
      expect((await chair.inject({ url: `/api/org/units/${city.id}` })).statusCode).toBe(404);
    });

    it('running the same join again changes nothing; a different unit at the same level is refused', async () => {
      const before = await tree(t);
      const audits = (await verifyAuditChain(t.handle.db)).entries;
      expect(await joinParentUnit(t.handle.db, t.clock, { level: 'CITY', name: '示例市妇联', code: '510300' })).toMatchObject({
        joined: false,
        reason: 'already_joined',
      });
      await expect(joinParentUnit(t.handle.db, t.clock, { level: 'CITY', name: '另一市妇联', code: '510400' })).rejects.toThrow(
        JoinRefused,
      );
      expect(await tree(t)).toEqual(before);
      expect((await verifyAuditChain(t.handle.db)).entries).toBe(audits);
    });
  });

  describe('every role at every level: a city with two districts', () => {
    let t: TestApp;
    const ids: Record<string, string> = {};
    let seq = 0;
    async function register(s: TestSession, village: string) {
      seq++;
      const res = await s.inject({
        method: 'POST',
        url: '/api/cases',
        payload: {
          channel: 'phone',
          receivedDate: '2026-11-27',
          category: 'marriage_family',
          summary: `电话反映家庭纠纷 ${seq}`,
          applicant: { name: `来电人${seq}`, gender: 'female', residenceOrgId: await unitId(t, village) },
        },
      });
      if (res.statusCode !== 201) throw new Error(`register failed ${res.statusCode} ${res.body}`);
      return res.json().id as string;
    }
    const caseIds = async (s: TestSession) =>
      ((await s.inject({ url: '/api/cases?pageSize=100' })).json().items as { id: string }[]).map((c) => c.id).sort();
    async function received(s: TestSession, org?: string) {
      const res = await s.inject({ url: `/api/facts?year=2026&f=cases.received${org ? `&org=${org}` : ''}` });
      return res.statusCode === 200 ? res.json().facts[0].value : res.statusCode;
    }

    beforeAll(async () => {
      t = await buildTestApp(kind);
      await joinParentUnit(t.handle.db, t.clock, { level: 'CITY', name: '示例市妇联', code: '510300' });
      const sys = await t.login('sysadmin');
      const post = async (payload: Record<string, unknown>) => {
        const res = await sys.inject({ method: 'POST', url: '/api/org/units', payload });
        if (res.statusCode !== 201) throw new Error(res.body);
        return res.json().id as string;
      };
      const d2 = await post({ parentId: await unitId(t, '510300'), kind: 'federation', name: '自流井区妇联', code: '510302' });
      const town = await post({ parentId: d2, kind: 'township', name: '仲权镇', code: '510302100' });
      await post({ parentId: town, kind: 'village', name: '仲权村', code: '510302100200' });
      await createAccount(t, 'citychair', 'federation_leader', '示例市妇联');
      await createAccount(t, 'citystats', 'statistician', '示例市妇联');
      await createAccount(t, 'zljchair', 'federation_leader', '自流井区妇联');
      const zljRights = await createAccount(t, 'zljrights', 'rights_officer', '自流井区妇联');
      ids.demo = await register(await t.login('rights'), '大山村');
      ids.zlj = await register(zljRights, '仲权村');
    });
    afterAll(() => t.close());

    it("the city's chair and statistician read both districts' cases and figures; each district chair only hers", async () => {
      const cityChair = await t.login('citychair', CHANGED_PASSWORD);
      const cityStats = await t.login('citystats', CHANGED_PASSWORD);
      const demoChair = await t.login('chair');
      const zljChair = await t.login('zljchair', CHANGED_PASSWORD);
      expect(await caseIds(cityChair)).toEqual([ids.demo, ids.zlj].sort());
      expect(await caseIds(demoChair)).toEqual([ids.demo]);
      expect(await caseIds(zljChair)).toEqual([ids.zlj]);
      expect((await cityChair.inject({ url: `/api/cases/${ids.zlj}` })).statusCode).toBe(200);
      expect((await demoChair.inject({ url: `/api/cases/${ids.zlj}` })).statusCode).toBe(404);
      expect((await zljChair.inject({ url: `/api/cases/${ids.demo}` })).statusCode).toBe(404);

      // cases.received in 2026: the city sums its districts, a district counts its own, the city can look at one district.
      expect(await received(cityStats)).toBe(2);
      expect(await received(cityChair, '510300')).toBe(2);
      expect(await received(cityStats, '510302')).toBe(1);
      expect(await received(zljChair)).toBe(1);
      expect(await received(demoChair)).toBe(1);
      expect(await received(zljChair, '510300')).toBe(404);
      expect(await received(zljChair, '510399')).toBe(404);
    });

    it('counts the units below a unit, never the unit itself: the city its districts, a township no township', async () => {
      const cityChair = await t.login('citychair', CHANGED_PASSWORD);
      const fact = async (name: string, org: string) => {
        const res = await cityChair.inject({ url: `/api/facts?year=2026&f=${name}&org=${org}` });
        expect(res.statusCode, res.body).toBe(200);
        return res.json().facts[0].value as number;
      };
      expect(await fact('org.districts', '510300')).toBe(2);
      expect(await fact('org.districts', '510302')).toBe(0);
      expect(await fact('org.townships', '510300')).toBe((await fact('org.townships', '510399')) + 1);
      expect(await fact('org.townships', '510302')).toBe(1);
      expect(await fact('org.townships', '510302100')).toBe(0);
      expect(await fact('org.villages', '510302100')).toBe(1);
      expect(await fact('org.villages', '510302100200')).toBe(0);
    });
  });
});
