import type { FastifyInstance } from 'fastify';

/**
 * Every API route, read from the app's own OpenAPI document (GET /api/openapi.json), so that a suite built on it
 * covers a new route without being told: the malformed-input suite (malformed-input.test.ts) uses it, and a
 * role × route matrix can. Only the document is read — no route is listed by hand.
 */

/** The subset of JSON Schema (OpenAPI 3.0 flavour, as @fastify/swagger writes zod's schemas) the routes use. */
export type JsonSchema = {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  multipleOf?: number;
  default?: unknown;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RouteParam = { name: string; required: boolean; schema: JsonSchema };

export type ApiRoute = {
  method: HttpMethod;
  /** As in the document: /api/cases/{id}/actions */
  path: string;
  pathParams: RouteParam[];
  query: RouteParam[];
  /** The JSON body's schema, or null when the route takes none. */
  body: JsonSchema | null;
  /** The route reads a multipart upload (schema: consumes multipart/form-data; the document shows a file body). */
  upload: boolean;
  tags: string[];
};

type OpenApiOperation = {
  tags?: string[];
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};

/** Every route in the document (the documentation routes themselves are hidden from it), in document order. */
export async function listApiRoutes(app: FastifyInstance): Promise<ApiRoute[]> {
  const res = await app.inject({ url: '/api/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json: ${res.statusCode}`);
  const doc = res.json() as { paths: Record<string, Record<string, OpenApiOperation>> };
  const routes: ApiRoute[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = op.parameters ?? [];
      const param = (p: (typeof params)[number]): RouteParam => ({ name: p.name, required: !!p.required, schema: p.schema });
      const content = op.requestBody?.content ?? {};
      routes.push({
        method: method.toUpperCase() as HttpMethod,
        path,
        pathParams: params.filter((p) => p.in === 'path').map(param),
        query: params.filter((p) => p.in === 'query').map(param),
        body: content['application/json']?.schema ?? null,
        upload: 'multipart/form-data' in content,
        tags: op.tags ?? [],
      });
    }
  }
  return routes;
}

/** The route's URL with its path parameters filled in (each value URL-encoded unless `raw`), and an optional query. */
export function routeUrl(route: ApiRoute, params: Record<string, string>, query = '', raw = false): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`${route.method} ${route.path}: no value for {${name}}`);
    return raw ? v : encodeURIComponent(v);
  });
  return query ? `${path}?${query}` : path;
}

/** "POST /api/cases/{id}/actions" */
export function routeName(route: ApiRoute): string {
  return `${route.method} ${route.path}`;
}

/** A schema's alternatives flattened: anyOf/oneOf options, without the null-only ones. */
export function schemaOptions(s: JsonSchema): JsonSchema[] {
  const alts = s.anyOf ?? s.oneOf;
  if (!alts) return [s];
  return alts.flatMap(schemaOptions).filter((o) => o.type !== 'null');
}

/** The schema's main type (the first non-null alternative's). */
export function schemaType(s: JsonSchema): JsonSchema['type'] | undefined {
  const o = schemaOptions(s)[0] ?? s;
  if (o.type) return o.type;
  if (o.properties) return 'object';
  if (o.enum) return typeof o.enum[0] === 'number' ? 'number' : 'string';
  return undefined;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
let idNumberSeq = 0;
/** A valid 居民身份证号 each call (a woman born 1990-01-01, a new sequence). */
function nextIdNumber(): string {
  const body = `510399199001010${String(idNumberSeq++ % 50).padStart(2, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * WEIGHTS[i];
  return body + '10X98765432'[sum % 11];
}

/** Strings that satisfy the patterns the routes use (the first that matches is taken). */
const PATTERN_CANDIDATES = [
  '2026-11-20',
  '2026-11-20T02:00:00.000Z',
  '510399901',
  'fuzzuser1',
  'fuzz_code',
  'FUZZ_CODE',
  '2026-1',
  '6222020000000000000',
  'cases.received',
  'a',
  '1',
];

export type SampleOptions = {
  /** An existing record's id for a field like personId / programmeId / ownerOrgId (the caller looks it up). */
  idFor: (field: string) => string;
  /** Fill optional properties too (else only the required ones). */
  full?: boolean;
};

/** A value the schema accepts, as well as a generic generator can: the baseline a suite varies one field of. */
export function sampleValue(schema: JsonSchema, name: string, opts: SampleOptions): unknown {
  const s = schemaOptions(schema)[0] ?? schema;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  switch (schemaType(s)) {
    case 'string':
      return sampleString(s, name, opts);
    case 'integer':
    case 'number': {
      const min = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : (s.minimum ?? 1);
      const n = Math.max(min, Math.min(s.maximum ?? 1, 1));
      return s.multipleOf ? Math.ceil(n / s.multipleOf) * s.multipleOf : n;
    }
    case 'boolean':
      return true;
    case 'array': {
      const item = name.endsWith('Ids') ? name.slice(0, -1) : name;
      return Array.from({ length: s.minItems ?? (opts.full ? 1 : 0) }, () => sampleValue(s.items ?? {}, item, opts));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) if (opts.full || s.required?.includes(k)) out[k] = sampleValue(v, k, opts);
      return out;
    }
    default:
      return 'x';
  }
}

function sampleString(s: JsonSchema, name: string, opts: SampleOptions): string {
  if (/idNumber$/i.test(name)) return nextIdNumber();
  if (/phone$/i.test(name)) return '13800138000';
  if (/creditCode$/i.test(name)) return '91350100M000100Y43';
  if (s.pattern?.startsWith('^[0-9a-f]{8}-') || s.format === 'uuid') return opts.idFor(name);
  if (s.format === 'date-time') return '2026-11-20T02:00:00.000Z';
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    const fit = PATTERN_CANDIDATES.find((c) => re.test(c) && c.length >= (s.minLength ?? 0) && c.length <= (s.maxLength ?? Infinity));
    if (fit) return fit;
  }
  const min = s.minLength ?? 1;
  return 'fuzz'.padEnd(min, 'z').slice(0, Math.max(min, Math.min(s.maxLength ?? 4, 4)));
}
