import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DatabaseHandle } from './db/database.js';
import { createAuthService } from './platform/auth.service.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { FieldCipher } from './platform/crypto.js';
import type { FactDefinition } from './platform/facts.js';
import { registerErrorHandler, registerSessionHooks } from './platform/http.js';
import { registerPlatformRoutes } from './platform/platform.routes.js';
import { registerJobRoutes } from './platform/jobs.routes.js';
import { createSettingsService } from './platform/settings.service.js';
import { MODULES } from './modules/index.js';
import type { ModuleDeps } from './modules/module.js';

// Chinese validation messages by default (the API speaks Chinese to the web app; codes stay English).
z.config(z.locales.zhCN());

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export type AppOptions = {
  database: DatabaseHandle;
  cipher: FieldCipher;
  clock?: Clock;
  logger?: boolean | { level: string };
  cookieSecure?: boolean;
  /** The built web app to serve at /; omitted in API-only tests. */
  webDist?: string | null;
  publicUrl?: string | null;
};

export type JinguoApp = FastifyInstance & { jinguo: { deps: ModuleDeps; facts: FactDefinition[] } };

/** buildApp: the one place where everything is wired together. */
export async function buildApp(opts: AppOptions): Promise<JinguoApp> {
  const clock = opts.clock ?? systemClock;
  const { db, dialect } = opts.database;
  const app = Fastify({
    logger:
      opts.logger === undefined
        ? false
        : opts.logger === true
          ? { level: 'info', redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] }
          : opts.logger
            ? { ...opts.logger, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] }
            : false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: { info: { title: 'Jinguo 巾帼 API', description: '区妇联工作平台接口', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    // The web app loads only its own scripts; antd injects its CSS at run time, QR codes and photos are data:/blob: images.
    if (!req.url.startsWith('/api/docs')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  });

  const settings = createSettingsService({ db, clock });
  const auth = createAuthService({ db, clock, settings });
  registerSessionHooks(app, auth);
  registerPlatformRoutes(app, { db, dialect, auth, settings, cookieSecure: !!opts.cookieSecure });
  registerJobRoutes(app, { db });

  const facts: FactDefinition[] = [];
  const deps: ModuleDeps = { db, dialect, clock, cipher: opts.cipher, settings, publicUrl: opts.publicUrl ?? null, facts };
  for (const m of MODULES) if (m.facts) facts.push(...m.facts(deps));
  for (const m of MODULES) if (m.routes) await m.routes(app, deps);

  const serveWeb = !!opts.webDist && fs.existsSync(path.join(opts.webDist, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: opts.webDist!, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    // The web app routes on the client: any non-API GET that is not a file gets index.html.
    if (serveWeb && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', message: '接口不存在', requestId: req.id });
  });

  const jinguo = app as unknown as JinguoApp;
  jinguo.jinguo = { deps, facts };
  return jinguo;
}
