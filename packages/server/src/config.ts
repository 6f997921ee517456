import path from 'node:path';
import { codeProblem, TOP_LEVELS, type TopLevel } from '@jinguo/domain';
import { DEFAULT_RATE_LIMITS, type RateLimit, type RateLimits } from './platform/rate-limit.js';

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… switches to PostgreSQL; otherwise an embedded SQLite file under dataDir. */
  databaseUrl: string | null;
  sqlitePath: string;
  keyFile: string;
  /** First passwords of the three administrators (三员) of a new database; generated and printed when absent. */
  adminPasswords: { sysadmin: string | null; secadmin: string | null; auditor: string | null };
  logLevel: string;
  cookieSecure: boolean;
  /** Fastify's trustProxy: whose X-Forwarded-For to believe for the client address (rate limits, audit). */
  trustProxy: boolean | string[];
  rateLimits: RateLimits;
  webDist: string;
  publicUrl: string | null;
  /** JINGUO_METRICS_TOKEN: a Bearer token for /metrics from other machines; unset: only this machine reads it. */
  metricsToken: string | null;
  /** DATABASE_REPLICA_URL: read replicas (comma-separated postgres:// URLs) for the heavy figure reads. */
  replicaUrls: string[];
  /** JINGUO_REPLICA_MAX_LAG_SECONDS (default 30): a replica further behind is skipped. */
  replicaMaxLagSeconds: number;
  /** The top unit a new database starts with (JINGUO_TOP_LEVEL/NAME/CODE); null: the district federation as before. */
  top: TopUnit | null;
};

/** The unit at the top of an installation: a province, city, district or township federation with its GB/T 2260 code. */
export type TopUnit = { level: TopLevel; name: string; code: string };

/**
 * Reads the top unit from its three settings (the level in either case: city or CITY), all three or none; throws
 * naming the setting at fault — a wrong code would be the root every other code must extend.
 */
export function parseTopUnit(
  values: { level?: string; name?: string; code?: string },
  names = { level: 'JINGUO_TOP_LEVEL', name: 'JINGUO_TOP_NAME', code: 'JINGUO_TOP_CODE' },
): TopUnit | null {
  const level = values.level?.trim().toUpperCase();
  const name = values.name?.trim();
  const code = values.code?.trim();
  if (!level && !name && !code) return null;
  if (!level || !name || !code) throw new Error(`${names.level}, ${names.name} and ${names.code} go together: give all three`);
  if (!TOP_LEVELS.includes(level as TopLevel))
    throw new Error(`${names.level} must be one of ${TOP_LEVELS.map((l) => l.toLowerCase()).join(', ')}, got ${values.level}`);
  if (name.length > 100) throw new Error(`${names.name}: at most 100 characters`);
  const problem = codeProblem(code, level as TopLevel, null);
  if (problem) throw new Error(`${names.code}: ${problem}, got ${code}`);
  return { level: level as TopLevel, name, code };
}

/** A positive number setting, or the fallback when unset; throws naming the setting. */
function positiveNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${value}`);
  return n;
}

/** "30/5m" → at most 30 per 5 minutes (s, m or h). */
export function parseRateLimit(name: string, value: string | undefined, fallback: RateLimit): RateLimit {
  if (value === undefined || value.trim() === '') return fallback;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*(s|m|h)\s*$/.exec(value);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1)
    throw new Error(`${name} must look like 30/5m (at most 30 per 5 minutes; s, m or h), got ${value}`);
  return { max: Number(m[1]), windowMs: Number(m[2]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[3] as 's' | 'm' | 'h'] };
}

/** "true" (any proxy: only when nothing else can reach the port), or the proxies' addresses/CIDRs, comma-separated. */
function parseTrustProxy(value: string | undefined): boolean | string[] {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** Every environment variable Jinguo reads is here (and in the README). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.JINGUO_DATA_DIR ?? path.join(process.cwd(), 'data'));
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl: env.DATABASE_URL?.trim() || null,
    sqlitePath: path.join(dataDir, 'jinguo.db'),
    keyFile: path.resolve(env.JINGUO_KEY_FILE ?? path.join(dataDir, 'keys.json')),
    adminPasswords: {
      sysadmin: env.JINGUO_SYSADMIN_PASSWORD || null,
      secadmin: env.JINGUO_SECADMIN_PASSWORD || null,
      auditor: env.JINGUO_AUDITOR_PASSWORD || null,
    },
    logLevel: env.JINGUO_LOG_LEVEL ?? 'info',
    cookieSecure: env.JINGUO_COOKIE_SECURE === 'true',
    trustProxy: parseTrustProxy(env.JINGUO_TRUST_PROXY?.trim()),
    rateLimits: {
      login: parseRateLimit('JINGUO_RATE_LIMIT_LOGIN', env.JINGUO_RATE_LIMIT_LOGIN, DEFAULT_RATE_LIMITS.login),
      public: parseRateLimit('JINGUO_RATE_LIMIT_PUBLIC', env.JINGUO_RATE_LIMIT_PUBLIC, DEFAULT_RATE_LIMITS.public),
      store: rateLimitStore(env.JINGUO_RATE_LIMIT_STORE),
    },
    webDist: path.resolve(env.JINGUO_WEB_DIST ?? path.join(repoRoot, 'packages/web/dist')),
    publicUrl: env.JINGUO_PUBLIC_URL ?? null,
    metricsToken: env.JINGUO_METRICS_TOKEN?.trim() || null,
    replicaUrls: (env.DATABASE_REPLICA_URL ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean),
    replicaMaxLagSeconds: positiveNumber('JINGUO_REPLICA_MAX_LAG_SECONDS', env.JINGUO_REPLICA_MAX_LAG_SECONDS, 30),
    top: parseTopUnit({ level: env.JINGUO_TOP_LEVEL, name: env.JINGUO_TOP_NAME, code: env.JINGUO_TOP_CODE }),
  };
}

function rateLimitStore(value: string | undefined): RateLimits['store'] {
  if (!value || value === 'database') return 'database';
  if (value === 'memory') return 'memory';
  throw new Error(`JINGUO_RATE_LIMIT_STORE must be database or memory, got ${value}`);
}
