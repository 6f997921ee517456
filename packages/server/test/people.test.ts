import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp } from './build-test-app.js';
import { findOrCreatePerson } from '../src/modules/people/people.registry.js';
import { makeIdNumber } from '../src/platform/demo.js';

const ID_A = '11010519491231002X';
const ID_B = '360426199101010071'; // male (sequence digit odd)

describe.each(TEST_DATABASES)('person registry on %s', (kind) => {
  let t: TestApp;
  const unit = async (name: string) =>
    (await t.handle.db.selectFrom('orgUnits').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  beforeAll(async () => {
    t = await buildTestApp(kind);
  });
  afterAll(() => t.close());

  it('refuses an unauthenticated caller (401) and a role without people.read (403)', async () => {
    expect((await t.app.inject({ url: '/api/people' })).statusCode).toBe(401);
    const police = await t.login('police');
    expect((await police.inject({ url: '/api/people' })).statusCode).toBe(403);
  });

  it('names the field for a bad ID number, a bad phone, a sex that disagrees with the ID, an unknown residence', async () => {
    const s = await t.login('rights');
    const residenceOrgId = await unit('大山村');
    const bad = async (payload: object) =>
      (
        await s.inject({ method: 'POST', url: '/api/people', payload: { name: '测试', gender: 'female', residenceOrgId, ...payload } })
      ).json();
    expect(await bad({ idNumber: '110105194912310021' })).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'idNumber', message: '身份证号校验位错误' }],
    });
    expect(await bad({ idNumber: '1101051949' })).toMatchObject({ statusCode: 400, fields: [{ path: 'idNumber' }] });
    expect(await bad({ phone: '12345' + 'abc' })).toMatchObject({ statusCode: 400, fields: [{ path: 'phone' }] });
    expect(await bad({ idNumber: ID_B })).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'gender', message: expect.stringContaining('性别与身份证号不符') }],
    });
    expect(await bad({ residenceOrgId: await unit('东城派出所') })).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'residenceOrgId' }],
    });
    expect(await bad({ name: '' })).toMatchObject({ statusCode: 400, fields: [{ path: 'name' }] });
  });

  it('registers once per ID number, encrypts and masks, finds by name, ID number and phone', async () => {
    const s = await t.login('rights');
    const residenceOrgId = await unit('大山村');
    const first = await s.inject({
      method: 'POST',
      url: '/api/people',
      payload: {
        name: '潘会芬',
        gender: 'female',
        idNumber: ID_A,
        phone: '138 1234 5678',
        address: '大山村三组12号',
        residenceOrgId,
        household: { members: 4, annualIncomeFen: 267200 },
      },
    });
    expect(first.statusCode).toBe(201);
    const p = first.json().person;
    expect(p).toMatchObject({
      idNumberMasked: '110105********002X',
      phoneMasked: '138****5678',
      birthDate: '1949-12-31',
      household: { members: 4, incomePerHeadFen: 66800 },
    });
    expect(JSON.stringify(p)).not.toContain('13812345678');

    const row = await t.handle.db.selectFrom('persons').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row.idNumberEnc).toMatch(/^enc1:/);
    expect(row.idNumberEnc).not.toContain(ID_A);
    expect(row.phoneEnc).not.toContain('5678');
    expect(t.cipher.decrypt(row.idNumberEnc!)).toBe(ID_A);

    const again = await s.inject({
      method: 'POST',
      url: '/api/people',
      payload: { name: '潘会芬', gender: 'female', idNumber: ID_A.toLowerCase(), residenceOrgId },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, person: { id: p.id } });
    expect(
      Number(
        (
          await t.handle.db
            .selectFrom('persons')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('name', '=', '潘会芬')
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(1);

    for (const q of ['会芬', ID_A, '13812345678', '+86 138-1234-5678']) {
      const r = (await s.inject({ url: `/api/people?q=${encodeURIComponent(q)}` })).json();
      expect(
        r.items.map((x: { id: string }) => x.id),
        q,
      ).toEqual([p.id]);
    }
    expect((await s.inject({ url: `/api/people?q=${makeIdNumber('510399', '1990-01-01', 4, true)}` })).json().total).toBe(0);
  });

  it('settles two concurrent registrations of one ID number on one row', async () => {
    const residenceOrgId = await unit('石桥村');
    const id = makeIdNumber('510399', '1985-06-15', 42, true);
    const ownerOrgId = await unit('牛佛镇');
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        t.handle.db
          .transaction()
          .execute((trx) =>
            findOrCreatePerson(
              trx,
              { cipher: t.cipher, clock: t.clock },
              { name: '并发测试', gender: 'female', idNumber: id, residenceOrgId, ownerOrgId },
            ),
          ),
      ),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it('keeps a person of another township out of sight (404), and shows full values only with people.reveal, audited', async () => {
    const dongcheng = await t.login('dongcheng');
    const created = (
      await dongcheng.inject({
        method: 'POST',
        url: '/api/people',
        payload: { name: '东城居民', gender: 'female', phone: '13900001111', residenceOrgId: await unit('东兴社区') },
      })
    ).json().person;
    const niufo = await t.login('niufo');
    expect((await niufo.inject({ url: `/api/people/${created.id}` })).statusCode).toBe(404);
    expect((await niufo.inject({ url: `/api/people?q=东城居民` })).json().total).toBe(0);
    expect((await dongcheng.inject({ method: 'POST', url: `/api/people/${created.id}/reveal` })).statusCode).toBe(403);

    const rights = await t.login('rights');
    expect((await rights.inject({ method: 'POST', url: `/api/people/00000000-0000-7000-8000-000000000000/reveal` })).statusCode).toBe(404);
    const revealed = await rights.inject({ method: 'POST', url: `/api/people/${created.id}/reveal` });
    expect(revealed.json()).toEqual({ idNumber: null, phone: '13900001111', address: null });
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .selectAll()
      .where('entityId', '=', created.id)
      .where('action', '=', 'reveal')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actorName).toBe('rights');
    expect(audit[0].detail).not.toContain('13900001111');
  });

  it('lists possible duplicates and merges them: references move to the survivor, the merge is audited', async () => {
    const s = await t.login('rights');
    const residenceOrgId = await unit('永红村');
    const a = (
      await s.inject({
        method: 'POST',
        url: '/api/people',
        payload: { name: '重复甲', gender: 'female', birthDate: '1980-02-02', residenceOrgId },
      })
    ).json().person;
    const b = (
      await s.inject({
        method: 'POST',
        url: '/api/people',
        payload: { name: '重复甲', gender: 'female', birthDate: '1980-02-02', phone: '13700002222', residenceOrgId },
      })
    ).json().person;
    expect(a.id).not.toBe(b.id);
    const dups = (await s.inject({ url: `/api/people/${a.id}/duplicates` })).json();
    expect(dups.map((d: { id: string }) => d.id)).toContain(b.id);

    const reg = await s.inject({
      method: 'POST',
      url: '/api/cases',
      payload: { channel: 'phone', receivedDate: '2026-11-28', category: 'other', summary: '咨询', applicantId: b.id },
    });
    expect(reg.statusCode).toBe(201);

    expect(
      (await s.inject({ method: 'POST', url: `/api/people/${a.id}/merge`, payload: { duplicateId: a.id, reason: 'x' } })).json(),
    ).toMatchObject({ statusCode: 400, fields: [{ path: 'duplicateId' }] });
    expect((await s.inject({ method: 'POST', url: `/api/people/${a.id}/merge`, payload: { duplicateId: b.id } })).json()).toMatchObject({
      statusCode: 400,
      fields: [{ path: 'reason' }],
    });
    const merged = await s.inject({
      method: 'POST',
      url: `/api/people/${a.id}/merge`,
      payload: { duplicateId: b.id, reason: '同一人两次登记' },
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ referencesMoved: 1, person: { id: a.id, phoneMasked: '137****2222' } });
    const c = await t.handle.db.selectFrom('cases').select('applicantPersonId').where('id', '=', reg.json().id).executeTakeFirstOrThrow();
    expect(c.applicantPersonId).toBe(a.id);
    expect((await s.inject({ url: `/api/people?q=重复甲` })).json().items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select(['detail'])
      .where('action', '=', 'merge')
      .where('entityId', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toMatchObject({ duplicateId: b.id, reason: '同一人两次登记', referencesMoved: 1 });
    expect(
      (await s.inject({ method: 'POST', url: `/api/people/${a.id}/merge`, payload: { duplicateId: b.id, reason: '再次' } })).statusCode,
    ).toBe(409);
  });

  it('refuses to merge two persons with different ID numbers', async () => {
    const s = await t.login('rights');
    const residenceOrgId = await unit('永红村');
    const a = (
      await s.inject({
        method: 'POST',
        url: '/api/people',
        payload: { name: '甲', gender: 'female', idNumber: makeIdNumber('510399', '1970-01-01', 10, true), residenceOrgId },
      })
    ).json().person;
    const b = (
      await s.inject({
        method: 'POST',
        url: '/api/people',
        payload: { name: '甲', gender: 'female', idNumber: makeIdNumber('510399', '1970-01-01', 12, true), residenceOrgId },
      })
    ).json().person;
    const r = await s.inject({ method: 'POST', url: `/api/people/${a.id}/merge`, payload: { duplicateId: b.id, reason: '误' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('身份证号不同');
  });

  it('keeps the vulnerability tag list editable by settings.manage only', async () => {
    const rights = await t.login('rights');
    expect((await rights.inject({ url: '/api/people/tags' })).json()).toContain('留守妇女');
    expect((await rights.inject({ method: 'PUT', url: '/api/people/tags', payload: { tags: ['x'] } })).statusCode).toBe(403);
    const sec = await t.login('secadmin');
    expect(
      (await sec.inject({ method: 'PUT', url: '/api/people/tags', payload: { tags: ['留守妇女', '残疾', '新标签'] } })).json(),
    ).toEqual(['留守妇女', '残疾', '新标签']);
  });
});
