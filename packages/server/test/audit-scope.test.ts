import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp } from './build-test-app.js';
import { cloneNeighbourDistrict } from './role-matrix.fixture.js';

/** An install with two top units (two districts): each one's auditor reads only its own people's entries. */
describe.each(TEST_DATABASES)('audit search across two districts on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    await cloneNeighbourDistrict(t);
  });
  afterAll(() => t?.close());

  it("keeps the neighbour's logins out of the demo auditor's search, and still shows her own people's and the unknown names", async () => {
    await t.login('chair');
    await t.login('nb_chair');
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody-here', password: 'Wrong-Pass-2026' },
    });
    expect(unknown.statusCode).toBe(401);
    const auditor = await t.login('auditor');
    const logins = (await auditor.inject({ url: '/api/audit?pageSize=200&action=login' })).json();
    const names = logins.items.map((i: { actorName: string }) => i.actorName);
    expect(names).toContain('chair');
    expect(names).not.toContain('nb_chair');
    const failed = (await auditor.inject({ url: '/api/audit?pageSize=200&action=login.failed' })).json();
    expect(failed.total).toBe(1);
    // The neighbour's auditor sees her own chair, and not the demo one.
    const nbAuditor = await t.login('nb_auditor');
    const theirs = (await nbAuditor.inject({ url: '/api/audit?pageSize=200&action=login' })).json();
    const theirNames = theirs.items.map((i: { actorName: string }) => i.actorName);
    expect(theirNames).toContain('nb_chair');
    expect(theirNames).not.toContain('chair');
  });
});
