import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { newId } from '../src/platform/ids.js';

/**
 * A person is listed for the place she lives, so a township registers, moves or merges only people who live
 * inside its scope (relief, 春蕾 and the screening import already required it: relief.test, relief-import.test).
 */
describe.each(TEST_DATABASES)('people: the residence stays inside the caller scope on %s', (kind) => {
  let t: TestApp;
  let niufo: TestSession;
  let dongcheng: TestSession;
  const units: Record<string, string> = {};
  const persons = (name: string) => t.handle.db.selectFrom('persons').select('id').where('name', '=', name).execute();
  const create = (s: TestSession, name: string, residence: string) =>
    s.inject({ method: 'POST', url: '/api/people', payload: { name, gender: 'female', residenceOrgId: units[residence] } });

  beforeAll(async () => {
    t = await buildTestApp(kind);
    niufo = await t.login('niufo');
    dongcheng = await t.login('dongcheng');
    for (const u of await t.handle.db.selectFrom('orgUnits').select(['id', 'name']).execute()) units[u.name] = u.id;
  });
  afterAll(() => t.close());

  it('refuses to register a person living in another township (400 naming the field), and writes nothing', async () => {
    const res = await create(niufo, '越界登记人', '东兴社区');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([{ path: 'residenceOrgId', message: '居住地不在您的工作范围内' }]);
    expect(await persons('越界登记人')).toHaveLength(0);
    expect((await dongcheng.inject({ url: `/api/people?q=${encodeURIComponent('越界登记人')}` })).json().total).toBe(0);
    // Inside her scope, and the district for anywhere in it: fine.
    expect((await create(niufo, '牛佛居民', '大山村')).statusCode).toBe(201);
    expect((await create(await t.login('rights'), '区登记东城居民', '东兴社区')).statusCode).toBe(201);
  });

  it('refuses to move a person into another township on edit', async () => {
    const p = (await create(niufo, '想搬走的人', '石桥村')).json().person;
    const res = await niufo.inject({ method: 'PATCH', url: `/api/people/${p.id}`, payload: { residenceOrgId: units.春华社区 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toEqual({ path: 'residenceOrgId', message: '居住地不在您的工作范围内' });
    expect((await dongcheng.inject({ url: `/api/people?q=${encodeURIComponent('想搬走的人')}` })).json().total).toBe(0);
    expect(
      (await niufo.inject({ method: 'PATCH', url: `/api/people/${p.id}`, payload: { residenceOrgId: units.大山村 } })).statusCode,
    ).toBe(200);
  });

  it('refuses to merge a person who lives outside the scope, even one the township owns', async () => {
    const survivor = (await create(niufo, '合并存留人', '大山村')).json().person;
    // A row from before the rule: owned by 牛佛镇 (so it can load it) but living in 东城街道.
    const at = t.clock.now().toISOString();
    const legacy = newId();
    await t.handle.db
      .insertInto('persons')
      .values({
        id: legacy,
        ownerOrgId: units.牛佛镇,
        residenceOrgId: units.东兴社区,
        householdId: null,
        name: '合并越界人',
        gender: 'female',
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
        mergedIntoId: null,
        createdAt: at,
        updatedAt: at,
        createdBy: null,
      })
      .execute();
    const res = await niufo.inject({
      method: 'POST',
      url: `/api/people/${survivor.id}/merge`,
      payload: { duplicateId: legacy, reason: '同一人' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toEqual({ path: 'duplicateId', message: '居住地不在您的工作范围内' });
    const row = await t.handle.db.selectFrom('persons').select('mergedIntoId').where('id', '=', legacy).executeTakeFirstOrThrow();
    expect(row.mergedIntoId).toBeNull();
  });

  it('refuses a case applicant registered into another township', async () => {
    const res = await niufo.inject({
      method: 'POST',
      url: '/api/cases',
      payload: {
        channel: 'visit',
        receivedDate: '2026-11-27',
        category: 'marriage_family',
        summary: '越界申请人',
        applicant: { name: '越界申请人', gender: 'female', residenceOrgId: units.东兴社区 },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toEqual({ path: 'residenceOrgId', message: '居住地不在您的工作范围内' });
    expect(await persons('越界申请人')).toHaveLength(0);
    expect(await t.handle.db.selectFrom('cases').select('id').where('summary', '=', '越界申请人').execute()).toHaveLength(0);
  });
});
