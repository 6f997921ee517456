import type { FastifyServerOptions } from 'fastify';

/**
 * What the server writes to its log, and what it never writes: no ID number, phone, name or any other value a person
 * sent. A request is logged by its route pattern ("/api/people/:id") and the names of its query parameters, never
 * the URL as sent (the web app searches people with ?q=<身份证号>); an error by its type, code, stack frames and a
 * message with every quoted value, number run and non-ASCII text replaced — a database error quotes the value it
 * refused ("invalid input syntax …: \"张三\"", "Key (…)=(…) already exists"), and its detail is dropped.
 */

/** A stand-in for a removed value. */
const HIDDEN = '…';

/**
 * Removes what could be a value from a free-text message: quoted strings, parenthesised key values, query strings,
 * runs of 6+ digits (spaces and dashes included: ID numbers, phones, cards, dates) and any non-ASCII text (names, addresses).
 */
export function scrubText(text: string): string {
  return text
    .replace(/\?[^\s"'`]*/g, `?${HIDDEN}`)
    .replace(/"[^"]*"/g, `"${HIDDEN}"`)
    .replace(/'[^']*'/g, `'${HIDDEN}'`)
    .replace(/`[^`]*`/g, `\`${HIDDEN}\``)
    .replace(/=\([^)]*\)/g, `=(${HIDDEN})`)
    .replace(/\d[\d\s-]{4,}[\dXx]/g, HIDDEN)
    .replace(/[^\x20-\x7e\t\n]+/g, HIDDEN);
}

/** Only the "at …" lines of a stack: the first line repeats the message, which may hold a value. */
function stackFrames(stack: unknown): string {
  if (typeof stack !== 'string') return '';
  return stack
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .join('\n');
}

type LoggedError = { type: string; message: string; stack: string; [key: string]: unknown };

/** An error as it may be logged: type, code, status, scrubbed message, stack frames, and its cause the same way. */
export function serializeError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: HIDDEN, stack: '' };
  const e = err as Error & { code?: unknown; statusCode?: unknown };
  return {
    type: e.constructor?.name ?? e.name,
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
    message: scrubText(String(e.message ?? '')),
    stack: stackFrames(e.stack),
    ...(e.cause !== undefined && depth < 3 ? { cause: serializeError(e.cause, depth + 1) } : {}),
  };
}

type LoggedRequest = {
  method?: string;
  url?: string;
  ip?: string;
  routeOptions?: { url?: string };
};

/** The route pattern, or for a URL no route matched, its first two segments if they look like words (else "*"). */
function routeOf(req: LoggedRequest): string {
  const pattern = req.routeOptions?.url;
  if (pattern) return pattern;
  const segments = (req.url ?? '').split('?')[0].split('/').filter(Boolean);
  const shown = segments.slice(0, 2).map((s) => (/^[a-z][a-z-]{0,40}$/.test(s) ? s : '*'));
  return `/${shown.join('/')}${segments.length > 2 ? '/*' : ''}`;
}

/** "?q=*&page=*": which parameters were sent, not their values (a name that is not a plain identifier is hidden too). */
function queryShape(url: string | undefined): string {
  const at = url?.indexOf('?') ?? -1;
  if (!url || at < 0) return '';
  const names = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const name = pair.split('=')[0];
      return /^[A-Za-z][\w.[\]-]{0,40}$/.test(name) ? name : HIDDEN;
    });
  return names.length ? `?${names.map((n) => `${n}=*`).join('&')}` : '';
}

/** The request as logged: method, route pattern with the query's parameter names, and the client's address. */
export function serializeRequest(req: LoggedRequest): Record<string, unknown> {
  return { method: req.method, url: `${routeOf(req)}${queryShape(req.url)}`, remoteAddress: req.ip };
}

/**
 * The logger every server uses (jinguo serve, tests that read the log): the serializers above, headers that could
 * authenticate redacted should anything log them, and every message string scrubbed (Fastify's own messages quote
 * URLs, e.g. "Reply was already sent … in \"/api/people?q=…\"").
 */
export function loggerOptions(opts: { level: string; stream?: NodeJS.WritableStream }): FastifyServerOptions['logger'] {
  return {
    level: opts.level,
    ...(opts.stream ? { stream: opts.stream } : {}),
    serializers: {
      req: (req: LoggedRequest) => serializeRequest(req),
      res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
      err: (err: unknown) => serializeError(err),
    },
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization', 'req.headers.referer'],
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>;
        return method.apply(this, scrubbed);
      },
    },
  } as FastifyServerOptions['logger'];
}

/** An error outside any request (an import or export running on after its response): one scrubbed JSON line on stderr. */
export function logBackgroundError(message: string, err: unknown): void {
  console.error(JSON.stringify({ level: 50, time: Date.now(), msg: message, err: serializeError(err) }));
}
