import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { AccessAudit } from './access-audit.js';
import type { Actor } from './actor.js';
import type { AuthService } from './auth.service.js';
import { AppError, UnauthenticatedError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const SESSION_COOKIE = 'jinguo_session';
/**
 * The cookie's name: behind HTTPS it carries the `__Host-` prefix, which browsers accept only with Secure,
 * Path=/ and no Domain — so no sibling subdomain and no plain-HTTP page can set or shadow it.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes an unauthenticated caller or one with a pending password change may still use. */
const CSRF_EXEMPT = new Set(['/api/auth/login']);
const PASSWORD_CHANGE_ALLOWED = new Set(['/api/auth/me', '/api/auth/logout', '/api/auth/password']);
/** A user who must enrol a second factor first: their account, and the enrolment itself. */
const ENROLMENT_ALLOWED = new Set([...PASSWORD_CHANGE_ALLOWED, '/api/auth/totp/setup', '/api/auth/totp/enable']);

const SOURCE_LABELS: Record<string, string> = { body: '请求内容', querystring: '查询参数', params: '路径参数', headers: '请求头' };

/** Resolves the session on every /api request, enforces CSRF on unsafe methods, and sets no-store. */
export function registerSessionHooks(app: FastifyInstance, auth: AuthService, opts: { cookieSecure: boolean }): void {
  const cookieName = sessionCookieName(opts.cookieSecure);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.url.startsWith('/api/')) return;
    reply.header('cache-control', 'no-store');
    const token = req.cookies[cookieName];
    if (token) req.actor = await auth.resolveSession(token, req.ip);
    const route = req.url.split('?')[0];
    // CSRF: a cookie-authenticated unsafe request must echo the session's token in a header,
    // which a cross-site form or image cannot do; SameSite=Strict is the second line.
    if (req.actor && UNSAFE.has(req.method) && !CSRF_EXEMPT.has(route) && req.headers['x-csrf-token'] !== req.actor.csrfToken) {
      throw new AppError(403, 'CSRF', '请求校验失败，请刷新页面后重试');
    }
    if (
      req.actor?.mustChangePassword &&
      !PASSWORD_CHANGE_ALLOWED.has(route) &&
      route.startsWith('/api/') &&
      !route.startsWith('/api/health')
    ) {
      throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED', '首次登录或密码重置后须先修改密码');
    }
    // As with the password: until the second factor its roles require is enrolled, only enrolment is open.
    if (req.actor?.mustEnrolSecondFactor && !ENROLMENT_ALLOWED.has(route) && !route.startsWith('/api/health')) {
      throw new AppError(403, 'SECOND_FACTOR_ENROLMENT_REQUIRED', '您的角色须使用双因素认证：请先在“我的账户”中绑定身份验证器');
    }
  });
}

/** The authenticated caller, or 401. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new UnauthenticatedError();
  return req.actor;
}

/**
 * One handler: known errors answer { statusCode, code, message, fields?, requestId }; anything else is logged and
 * becomes a plain 500. A refused access (403/404) to a sensitive route is audited here, once for every route.
 */
export function registerErrorHandler(app: FastifyInstance, opts: { access?: AccessAudit } = {}): void {
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const requestId = req.id;
    if (err instanceof AppError) {
      if (opts.access) {
        // Recording must never turn a refusal into a 500: a failure is logged and the answer stays the same.
        await opts.access.refused(req, err).catch((e: unknown) => req.log.error({ err: e }, 'could not audit a refused request'));
      }
      return reply
        .status(err.statusCode)
        .send({ statusCode: err.statusCode, code: err.code, message: err.message, fields: err.fields, requestId });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const source = SOURCE_LABELS[err.validationContext ?? 'body'] ?? '请求';
      const fields = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)',
        message: v.message ?? '格式不正确',
      }));
      const message = `${source}有误：${fields.map((f) => (f.path === '(root)' ? f.message : `${f.path}：${f.message}`)).join('；')}`;
      return reply.status(400).send({ statusCode: 400, code: 'VALIDATION', message, fields, requestId });
    }
    if (isResponseSerializationError(err)) {
      // Where and what kind of mismatch, not the messages (a message can quote a value).
      req.log.error(
        { err, issues: err.cause.issues.map((i) => ({ code: i.code, path: i.path.join('.') })) },
        'response did not match its schema',
      );
      return reply.status(500).send({ statusCode: 500, code: 'INTERNAL', message: '服务器内部错误', requestId });
    }
    const status = err.statusCode ?? 500;
    if (status === 413) return reply.status(413).send({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大', requestId });
    if (status === 429)
      return reply.status(429).send({ statusCode: 429, code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试', requestId });
    if (status >= 400 && status < 500) {
      const message =
        err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError
          ? '请求内容不是有效的 JSON'
          : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? '不支持的请求内容类型'
            : err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
              ? '请求内容为空'
              : '请求有误';
      return reply.status(status).send({ statusCode: status, code: 'VALIDATION', message, requestId });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ statusCode: 500, code: 'INTERNAL', message: '服务器内部错误', requestId });
  });
}
