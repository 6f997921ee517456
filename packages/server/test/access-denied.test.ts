import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { verifyAuditChain } from '../src/platform/audit.js';

/** Refused access to sensitive routes is audited, once per caller, route pattern, status and window, with a count. */
describe.each(TEST_DATABASES)('access-denied audit on %s', (kind) => {
  let t: TestApp;
  let niufo: TestSession;
  let police: TestSession;
  let dongchengCase: string;
  let dongchengPerson: string;

  const denials = (entityId: string) =>
    t.handle.db
      .selectFrom('auditLog')
      .select(['actorName', 'ip', 'entityType', 'entityId', 'orgUnitId', 'detail'])
      .where('action', '=', 'access.denied')
      .where('entityId', '=', entityId)
      .orderBy('seq')
      .execute();
  const counter = async (route: string) =>
    (await t.handle.db.selectFrom('accessDenials').select(['count', 'actorKey', 'status']).where('route', '=', route).execute()).map(
      (r) => ({ ...r, count: Number(r.count), status: Number(r.status) }),
    );

  beforeAll(async () => {
    t = await buildTestApp(kind);
    niufo = await t.login('niufo');
    police = await t.login('police');
    const dongcheng = await t.login('dongcheng');
    const residenceOrgId = (await t.handle.db.selectFrom('orgUnits').select('id').where('name', '=', '东兴社区').executeTakeFirstOrThrow())
      .id;
    const c = await dongcheng.inject({
      method: 'POST',
      url: '/api/cases',
      payload: {
        channel: 'visit',
        receivedDate: '2026-11-27',
        category: 'marriage_family',
        summary: '东城事项',
        applicant: { name: '东城当事人', gender: 'female', residenceOrgId },
      },
    });
    dongchengCase = c.json().id;
    dongchengPerson = (await dongcheng.inject({ url: `/api/cases/${dongchengCase}` })).json().applicantId;
  });
  afterAll(() => t.close());

  it('writes one entry at the first refusal, then only at 10, 100 …, while the counter keeps the exact count', async () => {
    for (let i = 0; i < 12; i++) expect((await niufo.inject({ url: `/api/cases/${dongchengCase}` })).statusCode).toBe(404);
    const entries = await denials('GET /api/cases/:id');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ actorName: 'niufo', entityType: 'route', orgUnitId: null });
    expect(JSON.parse(entries[0].detail!)).toEqual({
      method: 'GET',
      route: '/api/cases/:id',
      status: 404,
      code: 'NOT_FOUND',
      params: { id: dongchengCase },
      window: '2026-11-29T02:00:00.000Z',
      count: 1,
    });
    expect(JSON.parse(entries[1].detail!)).toMatchObject({ count: 10 });
    expect(await counter('/api/cases/:id')).toEqual([{ count: 12, actorKey: expect.any(String), status: 404 }]);
    // Nothing of the refused record is in the entry but its id.
    expect(entries.map((e) => e.detail).join()).not.toContain('东城当事人');
  });

  it('keeps route patterns, statuses and callers apart, and opens a new window after ten minutes', async () => {
    expect((await niufo.inject({ url: `/api/people/${dongchengPerson}` })).statusCode).toBe(404);
    expect((await police.inject({ url: `/api/people/${dongchengPerson}` })).statusCode).toBe(403);
    expect((await police.inject({ url: `/api/people/${dongchengPerson}` })).statusCode).toBe(403);
    const entries = await denials('GET /api/people/:id');
    expect(entries.map((e) => [e.actorName, JSON.parse(e.detail!).status])).toEqual([
      ['niufo', 404],
      ['police', 403],
    ]);
    t.clock.advance(10 * 60_000);
    expect((await police.inject({ url: `/api/people/${dongchengPerson}` })).statusCode).toBe(403);
    const later = await denials('GET /api/people/:id');
    expect(later).toHaveLength(3);
    expect(JSON.parse(later[2].detail!)).toMatchObject({ window: '2026-11-29T02:10:00.000Z', count: 1 });
  });

  it('audits a forged write (CSRF) and an unknown one-time link without a session, the token itself withheld', async () => {
    const forged = await niufo.inject({
      method: 'PATCH',
      url: `/api/cases/${dongchengCase}`,
      payload: { summary: 'x' },
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(forged.statusCode).toBe(403);
    expect(JSON.parse((await denials('PATCH /api/cases/:id'))[0].detail!)).toMatchObject({ status: 403, code: 'CSRF' });

    const token = 'A'.repeat(43);
    expect((await t.app.inject({ url: `/api/public/referral-links/${token}` })).statusCode).toBe(404);
    const [link] = await denials('GET /api/public/referral-links/:token');
    expect(link).toMatchObject({ actorName: null, ip: '127.0.0.1' });
    expect(JSON.parse(link.detail!).params).toEqual({ token: '[已隐去]' });
    expect(link.detail).not.toContain(token);
  });

  it('leaves routes without personal records, and unauthenticated calls (401), out of it', async () => {
    const before = await t.handle.db.selectFrom('auditLog').select('seq').where('action', '=', 'access.denied').execute();
    expect((await police.inject({ url: '/api/org/roots' })).statusCode).toBe(403);
    expect((await police.inject({ url: '/api/activities/events' })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/cases/${dongchengCase}` })).statusCode).toBe(401);
    expect((await niufo.inject({ url: '/api/no-such-route' })).statusCode).toBe(404);
    expect(await t.handle.db.selectFrom('auditLog').select('seq').where('action', '=', 'access.denied').execute()).toEqual(before);
  });

  it('shows the entries to the auditor and keeps the hash chain whole', async () => {
    const auditor = await t.login('auditor');
    const res = await auditor.inject({ url: '/api/audit?action=access.denied&pageSize=100' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { entityId: string }) => i.entityId)).toEqual(
      expect.arrayContaining(['GET /api/cases/:id', 'GET /api/people/:id', 'PATCH /api/cases/:id']),
    );
    expect(await verifyAuditChain(t.handle.db)).toMatchObject({ ok: true });
  });
});
