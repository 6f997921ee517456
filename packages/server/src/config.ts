import path from 'node:path';

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… switches to PostgreSQL; otherwise an embedded SQLite file under dataDir. */
  databaseUrl: string | null;
  sqlitePath: string;
  keyFile: string;
  adminPassword: string | null;
  logLevel: string;
  cookieSecure: boolean;
  webDist: string;
  publicUrl: string | null;
};

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
    adminPassword: env.JINGUO_ADMIN_PASSWORD ?? null,
    logLevel: env.JINGUO_LOG_LEVEL ?? 'info',
    cookieSecure: env.JINGUO_COOKIE_SECURE === 'true',
    webDist: path.resolve(env.JINGUO_WEB_DIST ?? path.join(repoRoot, 'packages/web/dist')),
    publicUrl: env.JINGUO_PUBLIC_URL ?? null,
  };
}
