import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { countRows, createAccount, unitId, unitRow } from './fixtures.js';

describe.each(TEST_DATABASES)('org units on %s', (kind) => {
  let t: TestApp;
  let sys: TestSession;
  let rootId: string;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    sys = await t.login('sysadmin');
    rootId = await unitId(t, '510399');
  });
  afterAll(() => t.close());

  const lastAudit = () => t.handle.db.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();

  describe('reading the tree', () => {
    it('answers 401 without a session on every org route', async () => {
      for (const [method, url, payload] of [
        ['GET', '/api/org/roots'],
        ['GET', `/api/org/units?parentId=${rootId}`],
        ['GET', `/api/org/units/${rootId}`],
        ['POST', '/api/org/units', { parentId: rootId, kind: 'department', name: '某局' }],
        ['PATCH', `/api/org/units/${rootId}`, { name: '某' }],
        ['POST', `/api/org/units/${rootId}/move`, { parentId: rootId }],
        ['POST', `/api/org/units/${rootId}/deactivate`],
      ] as const) {
        const res = await t.app.inject({ method, url, payload });
        expect(res.statusCode, `${method} ${url}`).toBe(401);
      }
    });

    it('gives the district staff the district as its root with the count of its children', async () => {
      const roots = (await sys.inject({ url: '/api/org/roots' })).json();
      expect(roots).toHaveLength(1);
      // 4 streets, 12 towns, 45 departments, 8 agencies, 4 schools.
      expect(roots[0]).toMatchObject({
        name: '示例区妇联',
        code: '510399',
        kind: 'federation',
        level: 'DISTRICT',
        depth: 0,
        childCount: 73,
        active: true,
      });
    });

    it('loads one level of children at a time, each with its own children count', async () => {
      const children = (await sys.inject({ url: `/api/org/units?parentId=${rootId}` })).json();
      expect(children).toHaveLength(73);
      const niufo = children.find((c: { name: string }) => c.name === '牛佛镇');
      expect(niufo).toMatchObject({ kind: 'township', level: 'TOWNSHIP', code: '510399100', depth: 1, childCount: 2 });
      const villages = (await sys.inject({ url: `/api/org/units?parentId=${niufo.id}` })).json();
      expect(villages.map((v: { name: string }) => v.name)).toEqual(['大山村', '石桥村']);
      expect(villages[0]).toMatchObject({ kind: 'village', code: '510399100200', depth: 2, childCount: 0 });
    });

    it('searches by name and by code prefix, filtered by kind', async () => {
      const byName = (await sys.inject({ url: '/api/org/units?q=大山' })).json();
      expect(byName.map((u: { name: string }) => u.name)).toEqual(['大山村']);
      const byCode = (await sys.inject({ url: '/api/org/units?q=510399100' })).json();
      expect(byCode.map((u: { name: string }) => u.name).sort()).toEqual(['大山村', '牛佛镇', '石桥村'].sort());
      const agencies = (await sys.inject({ url: '/api/org/units?kind=agency&limit=100' })).json();
      expect(agencies).toHaveLength(8);
      expect(agencies.every((a: { agencyType: string | null }) => a.agencyType)).toBe(true);
      const two = (await sys.inject({ url: '/api/org/units?kind=village&kind=community' })).json();
      expect(new Set(two.map((u: { kind: string }) => u.kind))).toEqual(new Set(['village', 'community']));
    });

    it('treats LIKE wildcards in a search as plain characters', async () => {
      expect((await sys.inject({ url: '/api/org/units?q=%25' })).json()).toEqual([]);
      expect((await sys.inject({ url: '/api/org/units?q=_' })).json()).toEqual([]);
    });

    it('returns a unit with its ancestors and whether the caller may manage it', async () => {
      const dashan = await unitId(t, '大山村');
      const res = await sys.inject({ url: `/api/org/units/${dashan}` });
      expect(res.statusCode).toBe(200);
      expect(res.json().ancestors.map((a: { name: string }) => a.name)).toEqual(['示例区妇联', '牛佛镇', '大山村']);
      expect(res.json()).toMatchObject({ canManage: true, childCount: 0, code: '510399100200' });
      expect((await sys.inject({ url: `/api/org/units/${rootId}` })).json().childCount).toBe(73);
      const chair = await t.login('chair');
      expect((await chair.inject({ url: `/api/org/units/${dashan}` })).json().canManage).toBe(false);
    });

    it('answers 400 naming the field for a bad id and 404 for an unknown one', async () => {
      const bad = await sys.inject({ url: '/api/org/units/not-a-uuid' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().fields[0].path).toBe('id');
      const badParent = await sys.inject({ url: '/api/org/units?parentId=xyz' });
      expect(badParent.statusCode).toBe(400);
      expect(badParent.json().fields[0].path).toBe('parentId');
      const unknown = await sys.inject({ url: '/api/org/units/01900000-0000-7000-8000-000000000000' });
      expect(unknown.statusCode).toBe(404);
    });
  });

  describe('scope isolation between two townships', () => {
    it('shows a township chair only her own township', async () => {
      const niufo = await t.login('niufo');
      const roots = (await niufo.inject({ url: '/api/org/roots' })).json();
      expect(roots.map((r: { name: string }) => r.name)).toEqual(['牛佛镇']);
      expect(roots[0].childCount).toBe(2);
      const search = (await niufo.inject({ url: '/api/org/units?q=村&limit=100' })).json();
      expect(search.map((u: { name: string }) => u.name).sort()).toEqual(['大山村', '石桥村']);
      expect((await niufo.inject({ url: '/api/org/units?q=东城' })).json()).toEqual([]);
    });

    it('answers 404, not 403, for the other township’s units', async () => {
      const niufo = await t.login('niufo');
      const dongcheng = await t.login('dongcheng');
      const street = await unitId(t, '东城街道');
      const community = await unitId(t, '东兴社区');
      const town = await unitId(t, '牛佛镇');
      expect((await niufo.inject({ url: `/api/org/units/${street}` })).statusCode).toBe(404);
      expect((await niufo.inject({ url: `/api/org/units/${community}` })).statusCode).toBe(404);
      expect((await niufo.inject({ url: `/api/org/units?parentId=${street}` })).statusCode).toBe(404);
      expect((await niufo.inject({ url: `/api/org/units/${rootId}` })).statusCode).toBe(404);
      expect((await dongcheng.inject({ url: `/api/org/units/${town}` })).statusCode).toBe(404);
      expect((await dongcheng.inject({ url: `/api/org/units/${community}` })).statusCode).toBe(200);
    });

    it('refuses changes by a chair who reads but may not manage (403)', async () => {
      const niufo = await t.login('niufo');
      const town = await unitId(t, '牛佛镇');
      expect((await niufo.inject({ method: 'PATCH', url: `/api/org/units/${town}`, payload: { name: '牛佛' } })).statusCode).toBe(403);
      expect(
        (await niufo.inject({ method: 'POST', url: '/api/org/units', payload: { parentId: town, kind: 'village', name: '新村' } }))
          .statusCode,
      ).toBe(403);
    });

    it('lets a township-level administrator manage her township and nothing outside it', async () => {
      const admin = await createAccount(t, 'niufoadmin', 'system_admin', '牛佛镇');
      const town = await unitId(t, '牛佛镇');
      const street = await unitId(t, '东城街道');
      const community = await unitId(t, '东兴社区');
      const before = await countRows(t, 'orgUnits');
      const created = await admin.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: town, kind: 'village', name: '新建村', code: '510399100210' },
      });
      expect(created.statusCode).toBe(201);
      const outside = await admin.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: street, kind: 'community', name: '越权社区', code: '510399001090' },
      });
      expect(outside.statusCode).toBe(400);
      expect(outside.json().fields[0].path).toBe('parentId');
      expect((await admin.inject({ method: 'PATCH', url: `/api/org/units/${community}`, payload: { name: '改名' } })).statusCode).toBe(404);
      expect((await admin.inject({ method: 'POST', url: `/api/org/units/${community}/deactivate` })).statusCode).toBe(404);
      expect(
        (await admin.inject({ method: 'POST', url: `/api/org/units/${created.json().id}/move`, payload: { parentId: street } })).json()
          .fields[0].path,
      ).toBe('parentId');
      expect(await countRows(t, 'orgUnits')).toBe(before + 1);
      expect((await unitRow(t, community)).name).toBe('东兴社区');
    });
  });

  describe('creating units', () => {
    it('adds a township under the district with its level, depth and an audit entry', async () => {
      const res = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: rootId, kind: 'township', name: '新华镇', code: '510399112' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        name: '新华镇',
        kind: 'township',
        level: 'TOWNSHIP',
        code: '510399112',
        depth: 1,
        parentId: rootId,
        active: true,
      });
      const row = await unitRow(t, res.json().id);
      expect(row.path).toBe(`/${rootId}/${res.json().id}/`);
      const audit = await lastAudit();
      expect(audit).toMatchObject({ action: 'create', entityType: 'org_unit', entityId: res.json().id, actorName: 'sysadmin' });
      expect(JSON.parse(audit.detail!).after).toMatchObject({ name: '新华镇', code: '510399112' });
    });

    it('checks the code against the level: 9 digits for a township, 12 for a village, each extending its parent’s', async () => {
      const town = await unitId(t, '牛佛镇');
      const cases: [Record<string, unknown>, string][] = [
        [{ parentId: rootId, kind: 'township', name: '甲镇', code: '510399' }, '9位'],
        [{ parentId: rootId, kind: 'township', name: '乙镇', code: '510398113' }, '510399'],
        [{ parentId: town, kind: 'village', name: '丙村', code: '510399100' }, '12位'],
        [{ parentId: town, kind: 'village', name: '丁村', code: '510399101299' }, '510399100'],
      ];
      for (const [payload, inMessage] of cases) {
        const res = await sys.inject({ method: 'POST', url: '/api/org/units', payload });
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().fields[0].path).toBe('code');
        expect(res.json().message).toContain(inMessage);
      }
      const notDigits = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: town, kind: 'village', name: '戊村', code: '51039910020X' },
      });
      expect(notDigits.statusCode).toBe(400);
      expect(notDigits.json().fields[0].path).toBe('code');
    });

    it('refuses a duplicate code or a duplicate name under the same parent with 409', async () => {
      const before = await countRows(t, 'orgUnits');
      const code = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: rootId, kind: 'township', name: '重码镇', code: '510399100' },
      });
      expect(code.statusCode).toBe(409);
      expect(code.json().fields[0].path).toBe('code');
      const name = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: rootId, kind: 'township', name: '牛佛镇', code: '510399120' },
      });
      expect(name.statusCode).toBe(409);
      expect(name.json().fields[0].path).toBe('name');
      expect(await countRows(t, 'orgUnits')).toBe(before);
    });

    it('keeps the tree on the administrative map: no village directly under the district', async () => {
      const res = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: rootId, kind: 'village', name: '飞地村', code: '510399000201' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().fields[0].path).toBe('kind');
    });

    it('requires an agency type for a partner agency and drops it for other kinds', async () => {
      const missing = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: rootId, kind: 'agency', name: '西城派出所' },
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().fields[0].path).toBe('agencyType');
      const ok = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: rootId, kind: 'agency', name: '西城派出所', agencyType: 'police' },
      });
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ agencyType: 'police', level: null, code: null });
      const school = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: rootId, kind: 'school', name: '区第二实验小学', agencyType: 'police' },
      });
      expect(school.json().agencyType).toBeNull();
    });

    it('finds a unit with Latin letters in its name whatever their case, on both databases', async () => {
      const created = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: rootId, kind: 'school', name: 'ABC双语学校' },
      });
      expect(created.statusCode).toBe(201);
      for (const q of ['abc', 'ABC', 'aBc双语']) {
        const found = (await sys.inject({ url: `/api/org/units?q=${encodeURIComponent(q)}` })).json();
        expect(
          found.map((u: { name: string }) => u.name),
          q,
        ).toEqual(['ABC双语学校']);
      }
    });

    it('answers 400 for an unknown parent, a bad id, an unknown field and a missing name', async () => {
      const before = await countRows(t, 'orgUnits');
      const unknownParent = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: '01900000-0000-7000-8000-000000000000', kind: 'department', name: '某局' },
      });
      expect(unknownParent.statusCode).toBe(400);
      expect(unknownParent.json().fields[0].path).toBe('parentId');
      const badId = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: 'abc', kind: 'department', name: '某局' },
      });
      expect(badId.json().fields[0].path).toBe('parentId');
      const extra = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: rootId, kind: 'department', name: '某局', path: '/x/' },
      });
      expect(extra.statusCode).toBe(400);
      const noName = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: rootId, kind: 'department', name: '  ' },
      });
      expect(noName.statusCode).toBe(400);
      expect(noName.json().fields[0].path).toBe('name');
      expect(await countRows(t, 'orgUnits')).toBe(before);
    });
  });

  describe('editing units', () => {
    it('renames a unit and records the before and after', async () => {
      const id = await unitId(t, '区档案馆');
      const res = await sys.inject({ method: 'PATCH', url: `/api/org/units/${id}`, payload: { name: '区档案馆（区史志办）' } });
      expect(res.statusCode).toBe(200);
      expect(res.json().name).toBe('区档案馆（区史志办）');
      const audit = await lastAudit();
      expect(audit.action).toBe('update');
      expect(JSON.parse(audit.detail!).changes.name).toEqual(['区档案馆', '区档案馆（区史志办）']);
    });

    it('re-codes a township and its villages follow the new prefix', async () => {
      const yongan = await unitId(t, '永安镇');
      const res = await sys.inject({ method: 'PATCH', url: `/api/org/units/${yongan}`, payload: { code: '510399150' } });
      expect(res.statusCode).toBe(200);
      const villages = (await sys.inject({ url: `/api/org/units?parentId=${yongan}` })).json();
      expect(villages.map((v: { code: string }) => v.code).sort()).toEqual(['510399150200', '510399150201']);
    });

    it('rejects a code that breaks the rules, and an agency type on a non-agency', async () => {
      const dashan = await unitId(t, '大山村');
      const wrongPrefix = await sys.inject({ method: 'PATCH', url: `/api/org/units/${dashan}`, payload: { code: '510399101299' } });
      expect(wrongPrefix.statusCode).toBe(400);
      expect(wrongPrefix.json().fields[0].path).toBe('code');
      const taken = await sys.inject({ method: 'PATCH', url: `/api/org/units/${dashan}`, payload: { code: '510399100201' } });
      expect(taken.statusCode).toBe(409);
      const agency = await sys.inject({ method: 'PATCH', url: `/api/org/units/${dashan}`, payload: { agencyType: 'court' } });
      expect(agency.statusCode).toBe(400);
      expect(agency.json().fields[0].path).toBe('agencyType');
      expect((await unitRow(t, dashan)).code).toBe('510399100200');
    });

    it('answers 404 for an unknown unit and 400 for a wrong type', async () => {
      expect(
        (await sys.inject({ method: 'PATCH', url: '/api/org/units/01900000-0000-7000-8000-000000000000', payload: { name: '无' } }))
          .statusCode,
      ).toBe(404);
      const wrongType = await sys.inject({ method: 'PATCH', url: `/api/org/units/${rootId}`, payload: { sortOrder: 'first' } });
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json().fields[0].path).toBe('sortOrder');
    });
  });

  describe('moving units', () => {
    it('moves a subtree: every descendant’s path and depth follow', async () => {
      const town = await unitId(t, '牛佛镇');
      const dept = (
        await sys.inject({
          method: 'POST',
          url: '/api/org/units',
          payload: { parentId: rootId, kind: 'department', name: '区妇女儿童服务中心' },
        })
      ).json();
      const child = (
        await sys.inject({
          method: 'POST',
          url: '/api/org/units',
          payload: { parentId: dept.id, kind: 'agency', name: '儿童之家', agencyType: 'other' },
        })
      ).json();
      const grandchild = (
        await sys.inject({ method: 'POST', url: '/api/org/units', payload: { parentId: dept.id, kind: 'school', name: '家长学校' } })
      ).json();
      expect(grandchild.depth).toBe(2);
      const res = await sys.inject({ method: 'POST', url: `/api/org/units/${dept.id}/move`, payload: { parentId: town } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ parentId: town, depth: 2 });
      const townPath = (await unitRow(t, town)).path;
      expect((await unitRow(t, dept.id)).path).toBe(`${townPath}${dept.id}/`);
      for (const id of [child.id, grandchild.id]) {
        const row = await unitRow(t, id);
        expect(row.path).toBe(`${townPath}${dept.id}/${id}/`);
        expect(row.depth).toBe(3);
      }
      const audit = await lastAudit();
      expect(audit.action).toBe('move');
      expect(JSON.parse(audit.detail!)).toMatchObject({ toParentId: town, units: 3 });
      // The chair of the township now sees the moved subtree; it left the district's first level.
      const niufo = await t.login('niufo');
      expect((await niufo.inject({ url: `/api/org/units/${child.id}` })).statusCode).toBe(200);
      const top = (await sys.inject({ url: `/api/org/units?parentId=${rootId}` })).json();
      expect(top.some((u: { id: string }) => u.id === dept.id)).toBe(false);
    });

    it('cannot move a unit into its own subtree or move the top unit', async () => {
      const dept = await unitId(t, '区妇女儿童服务中心');
      const child = await unitId(t, '儿童之家');
      const own = await sys.inject({ method: 'POST', url: `/api/org/units/${dept}/move`, payload: { parentId: child } });
      expect(own.statusCode).toBe(400);
      const self = await sys.inject({ method: 'POST', url: `/api/org/units/${dept}/move`, payload: { parentId: dept } });
      expect(self.statusCode).toBe(400);
      expect(self.json().fields[0].path).toBe('parentId');
      const top = await sys.inject({ method: 'POST', url: `/api/org/units/${rootId}/move`, payload: { parentId: dept } });
      expect(top.statusCode).toBe(400);
    });

    it('needs a new code to move a coded village to another township, then keeps the rules', async () => {
      const shiqiao = await unitId(t, '石桥村');
      const xianshi = await unitId(t, '仙市镇');
      const noCode = await sys.inject({ method: 'POST', url: `/api/org/units/${shiqiao}/move`, payload: { parentId: xianshi } });
      expect(noCode.statusCode).toBe(400);
      expect(noCode.json().fields[0].path).toBe('code');
      const wrongKind = await sys.inject({
        method: 'POST',
        url: `/api/org/units/${shiqiao}/move`,
        payload: { parentId: rootId, code: '510399000201' },
      });
      expect(wrongKind.statusCode).toBe(400);
      const ok = await sys.inject({
        method: 'POST',
        url: `/api/org/units/${shiqiao}/move`,
        payload: { parentId: xianshi, code: '510399102210' },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ parentId: xianshi, code: '510399102210', depth: 2 });
    });

    it('answers 404 for an unknown unit and 400 for an unknown parent', async () => {
      const dashan = await unitId(t, '大山村');
      expect(
        (
          await sys.inject({
            method: 'POST',
            url: '/api/org/units/01900000-0000-7000-8000-000000000000/move',
            payload: { parentId: rootId },
          })
        ).statusCode,
      ).toBe(404);
      const unknownParent = await sys.inject({
        method: 'POST',
        url: `/api/org/units/${dashan}/move`,
        payload: { parentId: '01900000-0000-7000-8000-000000000000' },
      });
      expect(unknownParent.statusCode).toBe(400);
      expect(unknownParent.json().fields[0].path).toBe('parentId');
    });
  });

  describe('deactivating units', () => {
    it('refuses to deactivate a unit with active children (409), then deactivates bottom-up', async () => {
      const town = await unitId(t, '黄市镇');
      const villages = (await sys.inject({ url: `/api/org/units?parentId=${town}` })).json();
      const blocked = await sys.inject({ method: 'POST', url: `/api/org/units/${town}/deactivate` });
      expect(blocked.statusCode).toBe(409);
      for (const v of villages)
        expect((await sys.inject({ method: 'POST', url: `/api/org/units/${v.id}/deactivate` })).json().active).toBe(false);
      const ok = await sys.inject({ method: 'POST', url: `/api/org/units/${town}/deactivate` });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().active).toBe(false);
      expect((await lastAudit()).action).toBe('deactivate');
      // Still there, and still listed, but not offered for new records.
      expect((await unitRow(t, town)).active).toBe(0);
      const active = (await sys.inject({ url: '/api/org/units?q=黄市&activeOnly=true' })).json();
      expect(active).toEqual([]);
    });

    it('refuses new units under an inactive parent and activating a child of an inactive parent', async () => {
      const town = await unitId(t, '黄市镇');
      const village = await unitId(t, '黄桷村');
      const under = await sys.inject({
        method: 'POST',
        url: '/api/org/units',
        payload: { parentId: town, kind: 'village', name: '新黄村', code: '510399105220' },
      });
      expect(under.statusCode).toBe(400);
      expect(under.json().fields[0].path).toBe('parentId');
      expect((await sys.inject({ method: 'POST', url: `/api/org/units/${village}/activate` })).statusCode).toBe(409);
      expect((await sys.inject({ method: 'POST', url: `/api/org/units/${town}/activate` })).json().active).toBe(true);
      expect((await sys.inject({ method: 'POST', url: `/api/org/units/${village}/activate` })).json().active).toBe(true);
    });

    it('cannot deactivate the top unit', async () => {
      expect((await sys.inject({ method: 'POST', url: `/api/org/units/${rootId}/deactivate` })).statusCode).toBe(400);
    });

    it('never deletes a unit: there is no delete route, and the database keeps every unit', async () => {
      const id = await unitId(t, '王家村');
      const res = await sys.inject({ method: 'DELETE', url: `/api/org/units/${id}` });
      expect(res.statusCode).toBe(404);
      expect((await unitRow(t, id)).name).toBe('王家村');
      // Users and role assignments refer to units: the foreign keys refuse a raw delete too.
      await expect(
        t.handle.db
          .deleteFrom('orgUnits')
          .where('id', '=', await unitId(t, '牛佛镇'))
          .execute(),
      ).rejects.toThrow();
    });
  });
});
