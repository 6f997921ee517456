import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { verifyAuditChain } from '../src/platform/audit.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { waitJob, xlsx } from './excel-upload.js';
import {
  listApiRoutes,
  routeName,
  routeUrl,
  sampleValue,
  schemaOptions,
  schemaType,
  type ApiRoute,
  type JsonSchema,
  type RouteParam,
} from './openapi-routes.js';

/**
 * Malformed input on every route, generated from the OpenAPI document so a new route is covered without being listed.
 * For every route with a body, a query or an upload, as the first demo account the route does not refuse (401/403),
 * on the full demo: one field at a time, NUL, lone surrogates, LIKE metacharacters, path traversal, wrong types,
 * negative and huge numbers, invalid 身份证号 and dates, 10,000-character strings; per route a 1 MB string, broken
 * JSON, prototype poisoning and 5,000-deep nesting; per path parameter NUL, traversal and a non-id; per upload route
 * traversal / NUL / lone-surrogate file names, a file that is not a workbook and a workbook whose cells carry NUL.
 * Asserted: no response ≥ 500, no stack trace or SQL text in any body, every Excel/Word download complete, no import
 * job ending in an internal error, and the audit chain intact afterwards.
 *
 * Caps (the run stays well under two minutes per database on a 2-core machine): at most FIELD_VARIANTS_PER_ROUTE
 * field variants per route, taken round-robin across the fields (every field gets its first variants before any field
 * gets more), plus the route-level ones; 2 per route with path parameters (NUL and an encoded traversal in the first).
 */
const FIELD_VARIANTS_PER_ROUTE = 16;

/** Tried in this order for each route: the first one the route does not refuse (401/403) sends its requests. */
const ACCOUNTS = [
  'chair',
  'rights',
  'programme',
  'finance',
  'organisation',
  'statistician',
  'niufo',
  'liaison',
  'sysadmin',
  'secadmin',
  'auditor',
  'police',
];

/** A stack frame, SQL, or a database's own words: none may reach a client. */
const LEAKS = [
  /\n\s+at \S+ \(?[^\n]*:\d+:\d+\)?/,
  /\bselect\b[^"\n]{0,120}\bfrom\b/i,
  /\binsert into\b|\bdelete from\b|\bupdate \w+ set\b/i,
  /SQLITE_|sqlite3?_|better-sqlite|syntax error at or near|violates [a-z ]*constraint|duplicate key value|invalid input syntax|relation "|column "|node_modules|\.ts:\d+/i,
];

const BINARY = /spreadsheetml|wordprocessingml|officedocument|image\/|octet-stream/;
const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/** A raw JSON token in place of a value ("1e400" parses to Infinity): marked, then spliced into the serialised body. */
class Raw {
  constructor(readonly json: string) {}
}

type Mutation = { label: string; value: unknown };

const INVALID_ID_NUMBERS: Mutation[] = [
  { label: '身份证号: bad check character', value: '110105194912310021' },
  { label: '身份证号: 17 digits', value: '11010519491231002' },
  { label: '身份证号: impossible birth date', value: '11010519491332002X' },
  { label: '身份证号: letters', value: 'ABCDEFGHIJKLMNOPQR' },
];

function stringMutations(name: string, s: JsonSchema): Mutation[] {
  // Most telling first: what passes a schema and reaches SQL (LIKE, long text), then what the edge must refuse.
  const out: Mutation[] = [
    { label: 'LIKE metacharacters and a trailing backslash', value: '%_\\' },
    { label: 'NUL', value: 'a\u0000b' },
    { label: 'lone high surrogate', value: '\ud800x' },
    { label: '10,000 characters', value: 'y'.repeat(10_000) },
    { label: 'wrong type: number', value: 12345 },
    { label: 'lone low surrogate', value: 'x\udc00' },
    { label: 'path traversal', value: '../../../etc/passwd' },
    { label: 'astral and combining characters', value: '👩‍👩‍👧 e\u0301' },
    { label: 'trailing backslash', value: 'a\\' },
    { label: 'wrong type: object', value: { a: 1 } },
    { label: 'null', value: null },
    { label: 'wrong type: array', value: ['a'] },
    { label: 'empty', value: '' },
  ];
  if (/idNumber$/i.test(name)) out.splice(3, 0, ...INVALID_ID_NUMBERS);
  if (s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}'))
    out.splice(3, 0, { label: 'date: Feb 30', value: '2026-02-30' }, { label: 'date: year 9999', value: '9999-12-31' });
  return out;
}

const NUMBER_MUTATIONS: Mutation[] = [
  { label: 'huge: 2^63', value: new Raw('9223372036854775808') },
  { label: 'negative', value: -1 },
  { label: 'huge: 1e308', value: 1e308 },
  { label: 'huge: 1e400 (Infinity)', value: new Raw('1e400') },
  { label: 'negative huge', value: -1e15 },
  { label: 'fraction', value: 1.5 },
  { label: 'wrong type: string', value: '12' },
  { label: 'beyond safe integers', value: new Raw('9007199254740993') },
  { label: 'null', value: null },
  { label: 'wrong type: boolean', value: true },
];
const BOOLEAN_MUTATIONS: Mutation[] = [
  { label: 'wrong type: string', value: 'true' },
  { label: 'wrong type: number', value: 1 },
  { label: 'null', value: null },
];
const ENUM_MUTATIONS: Mutation[] = [
  { label: 'not in the enum', value: 'NOT_A_VALUE' },
  { label: 'NUL', value: 'a\u0000b' },
  { label: 'wrong type: number', value: 1 },
  { label: 'null', value: null },
];
const OBJECT_MUTATIONS: Mutation[] = [
  { label: 'wrong type: string', value: 'x' },
  { label: 'wrong type: array', value: [] },
  { label: 'unknown key', value: { unknownKey: 1 } },
  { label: 'key with NUL', value: { 'a\u0000': 1 } },
];

function arrayMutations(item: unknown): Mutation[] {
  return [
    { label: 'wrong type: string', value: 'x' },
    { label: '1,000 items', value: Array.from({ length: 1000 }, () => item) },
    { label: 'item with NUL', value: ['a\u0000b'] },
    { label: 'wrong type: object', value: {} },
  ];
}

function mutationsFor(name: string, schema: JsonSchema, item?: unknown): Mutation[] {
  const s = schemaOptions(schema)[0] ?? schema;
  if (s.enum) return ENUM_MUTATIONS;
  switch (schemaType(s)) {
    case 'string':
      return stringMutations(name, s);
    case 'integer':
    case 'number':
      return NUMBER_MUTATIONS;
    case 'boolean':
      return BOOLEAN_MUTATIONS;
    case 'array':
      return arrayMutations(item);
    case 'object':
      return OBJECT_MUTATIONS;
    default:
      return [{ label: 'NUL', value: 'a\u0000b' }];
  }
}

type Leaf = { path: (string | number)[]; name: string; schema: JsonSchema };

/** Every field of a body schema, nested objects and the first item of arrays included, in document order. */
function leavesOf(schema: JsonSchema, path: (string | number)[] = [], name = '(root)'): Leaf[] {
  const s = schemaOptions(schema)[0] ?? schema;
  const out: Leaf[] = path.length ? [{ path, name, schema: s }] : [];
  if (schemaType(s) === 'object' && s.properties)
    for (const [k, v] of Object.entries(s.properties)) out.push(...leavesOf(v, [...path, k], k));
  if (schemaType(s) === 'array' && s.items) out.push(...leavesOf(s.items, [...path, 0], name.endsWith('s') ? name.slice(0, -1) : name));
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(root ?? {}) as Record<string | number, unknown>;
  let node = copy;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    if (node[key] === null || typeof node[key] !== 'object') node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
  return copy;
}

/** An array's first item in a sample body (for the 1,000-item variant), or "x". */
function itemAt(root: unknown, path: (string | number)[]): unknown {
  let node = root;
  for (const key of [...path, 0]) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  return node ?? 'x';
}

/** JSON text with the Raw markers replaced by their tokens. */
function serialise(body: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(body, (_k, v) => {
    if (v instanceof Raw) {
      raws.push(v.json);
      return `\u0001RAW${raws.length - 1}\u0001`;
    }
    return v;
  });
  return text.replace(/"\\u0001RAW(\d+)\\u0001"/g, (_, i: string) => raws[Number(i)]);
}

type QueryMutation = { label: string; encoded: string };

function queryMutations(p: RouteParam): QueryMutation[] {
  const s = schemaOptions(p.schema)[0] ?? p.schema;
  const type = schemaType(s);
  if (s.enum)
    return [
      { label: 'not in the enum', encoded: 'NOT_A_VALUE' },
      { label: 'NUL', encoded: '%00' },
    ];
  if (type === 'integer' || type === 'number')
    return [
      { label: 'negative', encoded: '-1' },
      { label: 'huge: 1e400', encoded: '1e400' },
      { label: 'huge: 20 digits', encoded: '99999999999999999999' },
      { label: 'wrong type', encoded: 'abc' },
      { label: 'NUL', encoded: '1%00' },
      { label: 'fraction', encoded: '1.5' },
      { label: 'hex', encoded: '0x10' },
      { label: 'negative beyond safe integers', encoded: '-9007199254740993' },
    ];
  if (type === 'boolean') return [{ label: 'not a boolean', encoded: 'maybe' }];
  const out: QueryMutation[] = [
    { label: 'NUL', encoded: 'a%00b' },
    { label: 'WTF-8 lone surrogate', encoded: '%ED%A0%80' },
    { label: 'LIKE metacharacters', encoded: '%25_%5C' },
    { label: 'trailing backslash', encoded: 'a%5C' },
    { label: 'bad percent-encoding', encoded: '%FF%' },
    { label: 'path traversal', encoded: encodeURIComponent('../../../etc/passwd') },
    { label: '身份证号: bad check character', encoded: '110105194912310021' },
    { label: '20,000 characters', encoded: 'y'.repeat(20_000) },
    { label: 'astral characters', encoded: encodeURIComponent('👩‍👩‍👧') },
  ];
  if (s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) out.splice(1, 0, { label: 'date: Feb 30', encoded: '2026-02-30' });
  return out;
}

/** Interleaves lists: the first of each, then the second of each …, up to `cap`. */
function roundRobin<T>(lists: T[][], cap: number): T[] {
  const out: T[] = [];
  for (let round = 0; out.length < cap; round++) {
    let any = false;
    for (const list of lists) {
      if (round < list.length) {
        any = true;
        out.push(list[round]);
        if (out.length >= cap) break;
      }
    }
    if (!any) break;
  }
  return out;
}

/** A multipart body whose Content-Disposition is written as given (so a test can send what a browser would not). */
function rawMultipart(disposition: string, content: Buffer, extraFields: string[] = []) {
  const boundary = `----jinguofuzz${Math.random().toString(16).slice(2)}`;
  const fields = extraFields.map((f) => Buffer.from(`--${boundary}\r\n${f}\r\n`, 'latin1'));
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; ${disposition}\r\nContent-Type: application/octet-stream\r\n\r\n`,
    'latin1',
  );
  return {
    payload: Buffer.concat([...fields, head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A workbook whose shared strings carry &#0; and &#xD800;, laid out so the import's fallback reader decodes them. */
async function unstorableWorkbook(): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(await xlsx(['名称', '姓名', '身份证号'], [['NULCELL', 'SURCELL', '110105194912310021']]));
  const xml = (await zip.file('xl/sharedStrings.xml')!.async('string')).replace('NULCELL', 'a&#0;b').replace('SURCELL', 'x&#xD800;');
  zip.file('xl/sharedStrings.xml', xml);
  const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  buf.write('xl/sharedStrinGs.xml', buf.indexOf('xl/sharedStrings.xml'), 'latin1');
  return buf;
}

describe.each(TEST_DATABASES)('malformed input on every route on %s', (kind) => {
  let t: TestApp;
  const sessions = new Map<string, TestSession>();
  const homeUnit = new Map<string, string>();

  beforeAll(async () => {
    t = await buildTestApp(kind, { demo: 'full' });
    for (const username of ACCOUNTS) {
      const s = await t.login(username);
      sessions.set(username, s);
      const me = (await s.inject({ url: '/api/auth/me' })).json() as { roles: { orgUnitId: string }[] };
      homeUnit.set(username, me.roles[0].orgUnitId);
    }
  }, 180_000);
  afterAll(() => t?.close());

  it('answers every malformed request below 500, without a stack trace or SQL, and keeps the audit chain intact', async () => {
    const started = Date.now();
    // Imports and exports run on after their response and report on stderr: "unreadable workbook" is the expected
    // end of a file that is not one; an import or export that *failed* is a finding.
    const background: string[] = [];
    const stderr = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void background.push(args.map(String).join(' ')));
    onTestFinished(() => stderr.mockRestore());
    const routes = await listApiRoutes(t.app);
    const failures: string[] = [];
    const jobs: { session: TestSession; jobId: string; label: string }[] = [];
    let sent = 0;
    const statusCounts: Record<number, number> = {};

    async function send(session: TestSession | null, label: string, opts: Parameters<TestSession['inject']>[0]) {
      sent++;
      let res: LightMyRequestResponse;
      try {
        res = session ? await session.inject(opts) : await t.app.inject(opts);
      } catch (err) {
        // A streamed download destroyed half-way (an export whose query failed after the headers were sent).
        failures.push(`${label}: no complete response (${err instanceof Error ? err.message : String(err)})`);
        return null;
      }
      const type = String(res.headers['content-type'] ?? '');
      statusCounts[res.statusCode] = (statusCounts[res.statusCode] ?? 0) + 1;
      if (res.statusCode >= 500) failures.push(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (BINARY.test(type)) {
        // An export streamed to the end finishes with the zip's end-of-central-directory record.
        if (/officedocument/.test(type) && res.statusCode === 200 && res.rawPayload.lastIndexOf(EOCD) < 0)
          failures.push(`${label}: the download is cut off (${res.rawPayload.length} bytes, no end of zip)`);
      } else {
        const leak = LEAKS.find((re) => re.test(res.body));
        if (leak) failures.push(`${label}: the body shows ${leak}: ${res.body.slice(0, 300)}`);
      }
      if (res.statusCode === 202 && session && /json/.test(type) && res.json().jobId)
        jobs.push({ session, jobId: res.json().jobId, label });
      return res;
    }

    // Ids of existing records, found through the routes that list them (as the session sees them).
    const listCache = new Map<string, string | null>();
    async function firstIdAt(session: TestSession, url: string): Promise<string | null> {
      const key = `${session.username} ${url}`;
      if (listCache.has(key)) return listCache.get(key)!;
      const res = await session.inject({ url });
      let id: string | null = null;
      if (res.statusCode === 200 && /json/.test(String(res.headers['content-type']))) id = findId(res.json());
      listCache.set(key, id);
      return id;
    }
    function findId(json: unknown): string | null {
      const arr = Array.isArray(json) ? json : ((json as { items?: unknown[] })?.items ?? null);
      if (arr) return (arr.find((x) => typeof (x as { id?: unknown })?.id === 'string') as { id: string } | undefined)?.id ?? null;
      return null;
    }
    const listRoutes = routes.filter((r) => r.method === 'GET' && r.pathParams.length === 0);
    const ALIASES: Record<string, string[]> = {
      person: ['people'],
      applicant: ['people'],
      donorPerson: ['people'],
      recipientPerson: ['people'],
      duplicate: ['people'],
      assigneeUser: ['users'],
      fundAccount: ['accounts'],
    };
    const idCache = new Map<string, string>();
    async function idFor(session: TestSession, field: string): Promise<string> {
      if (/OrgId$|^orgUnitId$|^parentId$|^townshipId$/.test(field)) return homeUnit.get(session.username)!;
      const key = `${session.username} ${field}`;
      if (idCache.has(key)) return idCache.get(key)!;
      const base = field.replace(/Ids?$/, '');
      const names = ALIASES[base] ?? [`${base}s`, `${base}es`, base];
      let id: string | null = null;
      for (const r of listRoutes.filter((lr) => names.includes(lr.path.split('/').pop()!))) {
        id = await firstIdAt(session, r.path);
        if (id) break;
      }
      const found = id ?? '01900000-0000-7000-8000-000000000000';
      idCache.set(key, found);
      return found;
    }
    /** Path parameters filled with existing ids: each from the route that lists the level above it. */
    async function pathValues(session: TestSession, route: ApiRoute): Promise<Record<string, string>> {
      const values: Record<string, string> = {};
      for (const p of route.pathParams) {
        const upTo = route.path.slice(0, route.path.indexOf(`{${p.name}}`)).replace(/\/$/, '');
        const filled = upTo.replace(/\{(\w+)\}/g, (_, n: string) => values[n] ?? '');
        let id = await firstIdAt(session, filled);
        // No list at that level: the parent record may hold the children (a case's referrals …).
        if (!id && filled.split('/').length > 3) {
          const parent = await session.inject({ url: filled.slice(0, filled.lastIndexOf('/')) });
          const child = filled.slice(filled.lastIndexOf('/') + 1);
          if (parent.statusCode === 200 && /json/.test(String(parent.headers['content-type'])))
            id = findId((parent.json() as Record<string, unknown>)[child] ?? null);
        }
        values[p.name] = id ?? String(sampleValue(p.schema, p.name, { idFor: () => '01900000-0000-7000-8000-000000000000' }));
      }
      return values;
    }

    async function prepare(session: TestSession, route: ApiRoute) {
      const ids = new Map<string, string>();
      for (const leaf of route.body ? leavesOf(route.body) : [])
        if (/Ids?$/.test(leaf.name)) ids.set(leaf.name, await idFor(session, leaf.name));
      for (const q of route.query) if (/Ids?$/.test(q.name)) ids.set(q.name, await idFor(session, q.name));
      const idOf = (f: string) => ids.get(f) ?? ids.get(`${f}s`) ?? '01900000-0000-7000-8000-000000000000';
      const required = route.body ? sampleValue(route.body, '(root)', { idFor: idOf }) : undefined;
      const full = route.body ? sampleValue(route.body, '(root)', { idFor: idOf, full: true }) : undefined;
      const query = route.query
        .filter((q) => q.required)
        .map((q) => `${q.name}=${encodeURIComponent(String(sampleValue(q.schema, q.name, { idFor: idOf })))}`);
      return { params: await pathValues(session, route), required, full, query };
    }

    const jsonRequest = (route: ApiRoute, url: string, body: unknown) => ({
      method: route.method,
      url,
      ...(body === undefined ? {} : { payload: serialise(body), headers: { 'content-type': 'application/json' } }),
    });

    const covered = { body: 0, query: 0, upload: 0, path: 0 };
    for (const route of routes) {
      const name = routeName(route);
      if (route.path === '/api/auth/logout') continue;
      if (route.pathParams.length) {
        covered.path++;
        // Path parameters: the first one replaced, the route's other inputs left out (they are not what is tested).
        const chair = sessions.get('chair')!;
        const values = await pathValues(chair, route);
        const first = route.pathParams[0].name;
        for (const [label, raw] of [
          ['NUL', 'a%00b'],
          ['traversal', '..%2F..%2Fetc%2Fpasswd'],
        ])
          await send(chair, `${name} path ${first}: ${label}`, {
            method: route.method,
            url: routeUrl(
              route,
              { ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, encodeURIComponent(v)])), [first]: raw },
              '',
              true,
            ),
          });
      }
      if (!route.body && !route.query.length && !route.upload) continue;

      // The session that may use the route: the first account whose well-formed request is not refused.
      let session = sessions.get(ACCOUNTS[0])!;
      let base = await prepare(session, route);
      for (const username of ACCOUNTS) {
        const s = sessions.get(username)!;
        const b = await prepare(s, route);
        const probe = route.upload
          ? await send(s, `${name} as ${username}: no file`, { method: route.method, url: routeUrl(route, b.params) })
          : await send(
              s,
              `${name} as ${username}: well-formed`,
              jsonRequest(route, routeUrl(route, b.params, b.query.join('&')), b.required),
            );
        if (probe && probe.statusCode !== 401 && probe.statusCode !== 403) {
          session = s;
          base = b;
          if (probe.statusCode === 400 && route.body) {
            // The required fields alone were refused: try every field filled in, and vary that one if it passes.
            const fuller = await send(
              s,
              `${name}: well-formed, every field`,
              jsonRequest(route, routeUrl(route, b.params, b.query.join('&')), b.full),
            );
            if (fuller && fuller.statusCode !== 400) base = { ...b, required: b.full };
          }
          break;
        }
      }
      const url = (query: string[]) => routeUrl(route, base.params, query.join('&'));

      if (route.body) {
        covered.body++;
        const leaves = leavesOf(route.body);
        const fieldVariants = leaves.map((leaf) =>
          mutationsFor(leaf.name, leaf.schema, itemAt(base.full, leaf.path)).map((m) => ({ leaf, m })),
        );
        for (const { leaf, m } of roundRobin(fieldVariants, FIELD_VARIANTS_PER_ROUTE))
          await send(
            session,
            `${name} body ${leaf.path.join('.')}: ${m.label}`,
            jsonRequest(route, url(base.query), setAt(base.required, leaf.path, m.value)),
          );
        const firstString = leaves.find((l) => schemaType(l.schema) === 'string' && !(schemaOptions(l.schema)[0] ?? l.schema).enum);
        if (firstString)
          await send(
            session,
            `${name} body ${firstString.path.join('.')}: 1 MB string`,
            jsonRequest(route, url(base.query), setAt(base.required, firstString.path, 'x'.repeat(1_000_000))),
          );
        for (const [label, payload] of [
          ['broken JSON', '{"a":'],
          ['an array instead of an object', '[]'],
          ['prototype poisoning', '{"__proto__":{"polluted":true}}'],
          ['constructor poisoning', '{"constructor":{"prototype":{"polluted":true}}}'],
          ['5,000-deep nesting', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
          ['5,000-deep arrays', `${'['.repeat(5000)}${']'.repeat(5000)}`],
        ])
          await send(session, `${name} body: ${label}`, {
            method: route.method,
            url: url(base.query),
            payload,
            headers: { 'content-type': 'application/json' },
          });
      }

      if (route.query.length) {
        covered.query++;
        const others = (p: RouteParam) => base.query.filter((q) => !q.startsWith(`${p.name}=`));
        const variants = route.query.map((p) => [
          ...queryMutations(p).map((m) => ({ label: `query ${p.name}: ${m.label}`, query: [...others(p), `${p.name}=${m.encoded}`] })),
          { label: `query ${p.name}: repeated`, query: [...others(p), `${p.name}=a`, `${p.name}=b`] },
        ]);
        for (const v of roundRobin(variants, FIELD_VARIANTS_PER_ROUTE))
          await send(session, `${name} ${v.label}`, jsonRequest(route, url(v.query), route.body ? base.required : undefined));
      }

      if (route.upload) {
        covered.upload++;
        const book = await xlsx(['名称'], [['甲']]);
        const uploads: [string, ReturnType<typeof rawMultipart>][] = [
          ['file name with path traversal', rawMultipart('name="file"; filename="../../../etc/passwd.xlsx"', book)],
          ['file name with backslashes', rawMultipart('name="file"; filename="..\\\\..\\\\evil.xlsx"', book)],
          ['file name with NUL', rawMultipart('name="file"; filename="a\u0000b.xlsx"', book)],
          ['file name with a WTF-8 lone surrogate', rawMultipart(`name="file"; filename*=UTF-8''%ED%A0%80.xlsx`, book)],
          ['file name with a raw lone-surrogate byte sequence', rawMultipart('name="file"; filename="\xed\xa0\x80.xlsx"', book)],
          ['field name with NUL', rawMultipart('name="fi\u0000le"; filename="a.xlsx"', book)],
          [
            'text field with NUL',
            rawMultipart('name="file"; filename="a.xlsx"', book, ['Content-Disposition: form-data; name="note"\r\n\r\na\u0000b']),
          ],
          ['not a workbook', rawMultipart('name="file"; filename="a.xlsx"', Buffer.from('PK\u0003\u0004 not really a zip'))],
          ['empty file', rawMultipart('name="file"; filename="a.xlsx"', Buffer.alloc(0))],
          ['cells with NUL and a lone surrogate', rawMultipart('name="file"; filename="cells.xlsx"', await unstorableWorkbook())],
        ];
        for (const [label, body] of uploads)
          await send(session, `${name} upload: ${label}`, { method: route.method, url: url(base.query), ...body });
        await send(session, `${name} upload: JSON instead of a file`, jsonRequest(route, url(base.query), { file: 'x' }));
      }
    }

    // Every import started above ends without an internal error (a refusal with row errors is the expected end).
    for (const j of jobs) {
      const job = await waitJob(j.session, j.jobId);
      if (/服务器内部错误/.test(job.message)) failures.push(`${j.label}: the import job ended in "${job.message}"`);
    }
    for (const line of background) if (/"msg":"(import|export) failed"/.test(line)) failures.push(`background: ${line.slice(0, 300)}`);
    const chain = await verifyAuditChain(t.handle.db);
    if (!chain.ok) failures.push(`audit chain: ${JSON.stringify(chain.problems.slice(0, 5))}`);

    console.log(
      `malformed input on ${kind}: ${sent} requests over ${routes.length} routes (${covered.body} with a body, ${covered.query} with a query, ` +
        `${covered.upload} uploads, ${covered.path} with path parameters), ${jobs.length} import jobs ` +
        `(${background.length} unreadable files reported on stderr), ${Date.now() - started} ms; ` +
        `answers by status: ${JSON.stringify(statusCounts)}`,
    );
    expect(failures).toEqual([]);
  }, 600_000);
});
