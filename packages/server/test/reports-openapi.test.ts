import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.js';

describe('reports in the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
  });
  afterAll(() => t?.close());

  it('publishes the facts, dashboard, template and summary routes', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      '/api/facts',
      '/api/facts/{name}/records',
      '/api/reports/dashboard',
      '/api/reports/templates',
      '/api/reports/summaries/generate',
      '/api/reports/summaries/{id}/paragraph',
      '/api/reports/summaries/{id}/export',
    ])
      expect(paths, p).toContain(p);
  });
});
