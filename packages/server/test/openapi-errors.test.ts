import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.js';

type Operation = {
  responses?: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, unknown>; required?: string[] } }> }>;
};

describe('error bodies in the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('sqlite', { demo: false });
  });
  afterAll(() => t?.close());

  it('documents the one error body on every operation’s 4XX answers', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ at: `${method} ${p}`, op })),
    );
    expect(operations.length).toBeGreaterThan(100);
    const missing = operations.filter(({ op }) => {
      const schema = op.responses?.['4XX']?.content?.['application/json']?.schema;
      return (
        Object.keys(schema?.properties ?? {})
          .sort()
          .join() !== 'code,fields,message,requestId,statusCode' ||
        [...(schema?.required ?? [])].sort().join() !== 'code,message,statusCode'
      );
    });
    expect(missing.map((m) => m.at)).toEqual([]);
  });

  it('still answers an error with that body (the document changed, not the handler)', async () => {
    const res = await t.app.inject({ url: '/api/org/roots' });
    expect(res.statusCode).toBe(401);
    expect(Object.keys(res.json()).sort()).toEqual(['code', 'message', 'requestId', 'statusCode']);
  });
});
