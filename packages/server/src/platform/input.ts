import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ValidationError } from './errors.js';

/**
 * Text the databases cannot store exactly as JavaScript holds it, refused at the edge for every route:
 * - U+0000: PostgreSQL refuses it in text (error 22021, a 500 on any route that binds it);
 * - a lone UTF-16 surrogate: not Unicode at all; SQLite keeps the raw bytes and PostgreSQL a U+FFFD, so what is
 *   read back differs from what was written — an audit entry hashed over the written string never verifies again.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what this looks for.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSTORABLE_TEXT_MESSAGE = '含有无效字符（空字符或不成对的 Unicode 代理字符）';

/** True when the string is well-formed Unicode without U+0000: both databases store and return it unchanged. */
export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** The same string made storable: U+0000 and lone surrogates become U+FFFD (for values no person typed, e.g. audit). */
export function toStorableText(s: string): string {
  return isStorableText(s) ? s : s.replace(new RegExp(UNSTORABLE.source, 'g'), '\ufffd');
}

function isPlainContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  if (Array.isArray(v)) return true;
  if (!v || typeof v !== 'object') return false;
  // JSON objects, and the query parser's objects (a prototype that itself has none); not buffers or streams.
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * The first string (value or key) in a parsed body, query or params that is not storable, as a dotted path in the
 * form the validation errors use ("applicant.name", "parties.0.note"), or null. Iterative: a deeply nested body
 * cannot overflow the stack.
 */
export function findUnstorableText(root: unknown): { path: string; inKey: boolean } | null {
  const stack: [unknown, string][] = [[root, '']];
  const join = (base: string, key: string) => (base ? `${base}.${key}` : key);
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (!isStorableText(value)) return { path: path || '(root)', inKey: false };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], join(path, String(i))]);
    } else if (isPlainContainer(value)) {
      const entries = Object.entries(value);
      // A bad key is reported at its parent: the key itself is not echoed back.
      for (const [k] of entries) if (!isStorableText(k)) return { path: path || '(root)', inKey: true };
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i][1], join(path, entries[i][0])]);
    }
  }
  return null;
}

const SOURCES = [
  ['params', '路径参数'],
  ['query', '查询参数'],
  ['body', '请求内容'],
] as const;

function unstorable(label: string, found: { path: string; inKey: boolean }): ValidationError {
  const message = found.inKey ? `字段名${UNSTORABLE_TEXT_MESSAGE}` : UNSTORABLE_TEXT_MESSAGE;
  const shown = found.path === '(root)' ? message : `${found.path}：${message}`;
  return new ValidationError(`${label}有误：${shown}`, [{ path: found.path, message }]);
}

type MultipartPart = {
  fieldname: string;
  filename?: string;
  value?: unknown;
  file?: { resume: () => unknown };
  fields?: Record<string, MultipartPart | MultipartPart[] | undefined>;
};

/** The first field name, file name or text field of an upload (this part and those sent before it) that is not storable. */
function findUnstorablePart(part: MultipartPart): { path: string; message: string } | null {
  const others = Object.values(part.fields ?? {})
    .flat()
    .filter((p): p is MultipartPart => !!p && p !== part);
  for (const p of [part, ...others]) {
    if (!isStorableText(p.fieldname)) return { path: '(root)', message: `字段名${UNSTORABLE_TEXT_MESSAGE}` };
    if (p.filename !== undefined && !isStorableText(p.filename)) return { path: p.fieldname, message: `文件名${UNSTORABLE_TEXT_MESSAGE}` };
    if (typeof p.value === 'string' && !isStorableText(p.value)) return { path: p.fieldname, message: UNSTORABLE_TEXT_MESSAGE };
  }
  return null;
}

/** True when the route says in its schema that it takes a multipart upload (consumes: ['multipart/form-data']). */
export function declaresUpload(req: FastifyRequest): boolean {
  const consumes = (req.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes;
  return !!consumes?.includes('multipart/form-data');
}

/**
 * The one check of every string that arrives, before any route runs (preValidation: after parsing, before the
 * zod schema): params, query and JSON body; multipart uploads at `req.file()` (the part is read by the service, after
 * it has authorised), field names, text fields and file names. 400 naming the field, for every route alike.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    for (const [key, label] of SOURCES) {
      const found = findUnstorableText(req[key]);
      if (found) throw unstorable(label, found);
    }
    if (typeof req.isMultipart === 'function' && req.isMultipart()) {
      const readFile = req.file.bind(req);
      req.file = async (options) => {
        // A route that reads an upload declares it (the OpenAPI document then shows it, and the malformed-input
        // suite sends it files): one that does not is a programming error, a 500 its first test finds (an AppError,
        // so the upload helpers that turn other failures into "no file" let it through).
        if (!declaresUpload(req)) {
          req.log.error(`${req.routeOptions.url} reads an upload but its schema lacks consumes: multipart/form-data`);
          throw new AppError(500, 'INTERNAL', '服务器内部错误');
        }
        const part = await readFile(options);
        const found = part && findUnstorablePart(part as unknown as MultipartPart);
        if (found) {
          // Let the rest of the upload drain, or the client waits for a response while still sending.
          part.file.resume();
          throw new ValidationError(`上传内容有误：${found.path === '(root)' ? '' : `${found.path}：`}${found.message}`, [found]);
        }
        return part;
      };
      const refuse = () => {
        throw new Error('only req.file() is checked by the input guard: read uploads with it');
      };
      req.files = refuse;
      req.parts = refuse;
      req.saveRequestFiles = refuse;
      req.formData = refuse;
    }
  });
}

/** Spread into a route's schema when it reads an upload with req.file(): `schema: { tags, ...FILE_UPLOAD, … }`. */
export const FILE_UPLOAD = { consumes: ['multipart/form-data'] };
