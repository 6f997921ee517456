import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.js';

/**
 * The module docs a new API user reads (issue 13: a 春蕾 student could not be created from them — householdMembers
 * and householdIncomeFen were nowhere): each points to the OpenAPI document for every field, and where a doc lists a
 * create's body it names every field the document marks required. The document is the same on both databases.
 */
const DOCS = path.resolve(import.meta.dirname, '../../../docs/modules');

type Doc = { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { required?: string[] } }> } }>> };

describe('module docs and the OpenAPI document', () => {
  let t: TestApp;
  let doc: Doc;
  beforeAll(async () => {
    t = await buildTestApp('sqlite', { demo: false });
    doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as Doc;
  });
  afterAll(() => t?.close());

  it('every module doc points to the OpenAPI document for the fields of its routes', () => {
    const files = fs.readdirSync(DOCS).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((f) => !fs.readFileSync(path.join(DOCS, f), 'utf8').includes('`GET /api/openapi.json`'))).toEqual([]);
  });

  it('the 春蕾 doc names every required field of a new student, sponsor and pairing', () => {
    const text = fs.readFileSync(path.join(DOCS, 'sponsorship.md'), 'utf8');
    for (const route of ['/api/sponsorship/students', '/api/sponsorship/sponsors', '/api/sponsorship/pairings']) {
      const required = doc.paths[route].post.requestBody?.content?.['application/json']?.schema?.required ?? [];
      expect(required.length, route).toBeGreaterThan(1);
      expect(
        required.filter((field) => !text.includes(`\`${field}\``) && !new RegExp(`[{,] ?${field}[,}]`).test(text)),
        route,
      ).toEqual([]);
    }
  });
});
