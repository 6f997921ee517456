import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  auditEntrySchema,
  auditVerificationSchema,
  businessDateSchema,
  changePasswordBodySchema,
  disableTotpBodySchema,
  loginBodySchema,
  meSchema,
  okSchema,
  pageOf,
  pageQuerySchema,
  recoveryCodesSchema,
  settingsOutSchema,
  settingsSchema,
  SETTING_LABELS,
  totpCodeBodySchema,
  totpSetupSchema,
} from '@jinguo/domain';
import type { Db, DialectName } from '../db/database.js';
import { requirePermission } from './actor.js';
import { searchAudit, verifyAuditChain } from './audit.js';
import type { AuthService } from './auth.service.js';
import { requireActor, sessionCookieName } from './http.js';
import { listNotifications, markAllRead } from './notifications.js';
import type { SettingsService } from './settings.service.js';

const VERSION = '0.1.0';

/** An audit search bound: a business date (a whole day in Asia/Shanghai) or an ISO instant. */
const auditBoundSchema = z.union([businessDateSchema, z.iso.datetime({ offset: true })], { message: '应为日期 YYYY-MM-DD 或 ISO 时间' });

/** Health, auth, settings, notifications and the audit trail: the routes of the platform itself. */
export function registerPlatformRoutes(
  app: FastifyInstance,
  deps: { db: Db; dialect: DialectName; auth: AuthService; settings: SettingsService; cookieSecure: boolean },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, auth, settings } = deps;
  const cookieName = sessionCookieName(deps.cookieSecure);

  r.get(
    '/api/health',
    {
      schema: {
        tags: ['platform'],
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']), version: z.string() }) },
      },
    },
    async () => {
      return { status: 'ok' as const, database: deps.dialect, version: VERSION };
    },
  );

  r.post('/api/auth/login', { schema: { tags: ['auth'], body: loginBodySchema, response: { 200: meSchema } } }, async (req, reply) => {
    const { token, actor } = await auth.login({ ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    reply.setCookie(cookieName, token, { httpOnly: true, sameSite: 'strict', secure: deps.cookieSecure, path: '/' });
    return auth.present(actor);
  });

  r.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 200: okSchema } } }, async (req, reply) => {
    await auth.logout(requireActor(req));
    reply.clearCookie(cookieName, { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.cookieSecure });
    // The browser drops this site's cookies and cached responses too (a shared office computer). Not "storage":
    // it holds only the language choice, and the app keeps no data there.
    reply.header('clear-site-data', '"cache", "cookies"');
    return { ok: true as const };
  });

  r.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: meSchema } } }, async (req) => auth.present(requireActor(req)));

  r.post('/api/auth/password', { schema: { tags: ['auth'], body: changePasswordBodySchema, response: { 200: okSchema } } }, async (req) => {
    await auth.changePassword(requireActor(req), req.body.currentPassword, req.body.newPassword);
    return { ok: true as const };
  });

  // The second factor (TOTP): enrolment with a QR code, recovery codes shown once, turning it off where allowed.
  r.post('/api/auth/totp/setup', { schema: { tags: ['auth'], response: { 200: totpSetupSchema } } }, (req) =>
    auth.setupTotp(requireActor(req)),
  );
  r.post('/api/auth/totp/enable', { schema: { tags: ['auth'], body: totpCodeBodySchema, response: { 200: recoveryCodesSchema } } }, (req) =>
    auth.enableTotp(requireActor(req), req.body.code),
  );
  r.post(
    '/api/auth/totp/recovery-codes',
    { schema: { tags: ['auth'], body: totpCodeBodySchema, response: { 200: recoveryCodesSchema } } },
    (req) => auth.regenerateRecoveryCodes(requireActor(req), req.body.code),
  );
  r.post(
    '/api/auth/totp/disable',
    { schema: { tags: ['auth'], body: disableTotpBodySchema, response: { 200: okSchema } } },
    async (req) => {
      await auth.disableTotp(requireActor(req), req.body.currentPassword);
      return { ok: true as const };
    },
  );

  r.get('/api/settings', { schema: { tags: ['platform'], response: { 200: settingsOutSchema } } }, async (req) => {
    requirePermission(requireActor(req), 'settings.manage');
    return { values: await settings.get(), labels: SETTING_LABELS };
  });
  r.patch(
    '/api/settings',
    { schema: { tags: ['platform'], body: settingsSchema.partial().strict(), response: { 200: settingsOutSchema } } },
    async (req) => {
      return { values: await settings.update(requireActor(req), req.body), labels: SETTING_LABELS };
    },
  );

  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: pageQuerySchema.extend({
          actor: z.string().max(64).optional(),
          action: z.string().max(64).optional(),
          entityType: z.string().max(64).optional(),
          entityId: z.string().max(64).optional(),
          from: auditBoundSchema.optional(),
          to: auditBoundSchema.optional(),
        }),
        response: { 200: pageOf(auditEntrySchema) },
      },
    },
    async (req) => {
      return searchAudit(db, req.query, requirePermission(requireActor(req), 'audit.read'));
    },
  );

  r.get(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        response: {
          200: auditVerificationSchema,
        },
      },
    },
    async (req) => {
      requirePermission(requireActor(req), 'audit.read');
      return verifyAuditChain(db);
    },
  );

  const notificationSchema = z.object({
    id: z.string(),
    title: z.string(),
    body: z.string().nullable(),
    link: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  });
  r.get(
    '/api/notifications',
    { schema: { tags: ['platform'], response: { 200: z.object({ items: z.array(notificationSchema), unread: z.number() }) } } },
    async (req) => {
      const actor = requireActor(req);
      const items = await listNotifications(db, actor.userId);
      return { items, unread: items.filter((n) => !n.readAt).length };
    },
  );
  r.post('/api/notifications/read-all', { schema: { tags: ['platform'], response: { 200: okSchema } } }, async (req) => {
    const actor = requireActor(req);
    await markAllRead(db, actor.userId, new Date().toISOString());
    return { ok: true as const };
  });
}
