import type { FastifyInstance } from 'fastify';
import type { Db, DialectName } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { FieldCipher } from '../platform/crypto.js';
import type { FactDefinition, SummaryBlockDef } from '../platform/facts.js';
import type { Idempotency } from '../platform/idempotency.js';
import type { ReadRouter } from '../platform/replicas.js';
import type { SettingsService } from '../platform/settings.service.js';

/** What buildApp hands every module: the narrow set of shared services. */
export type ModuleDeps = {
  db: Db;
  dialect: DialectName;
  clock: Clock;
  cipher: FieldCipher;
  settings: SettingsService;
  /** Idempotency-Key handling for the routes that create money, goods, payments or cases. */
  idempotency: Idempotency;
  /** Base URL for links printed on paper (one-time referral links); null → relative. */
  publicUrl: string | null;
  /** Every module's facts (filled before any routes are registered; reports reads them). */
  facts: FactDefinition[];
  /** Where heavy figure reads may go: the read replicas (DATABASE_REPLICA_URL), or the primary. */
  reads: ReadRouter;
};

/** The demo district's records, added module by module on first start (`--demo`) or by `jinguo seed-demo`. */
export type DemoContext = {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  year: number;
  /** Org units by code or by name (for units without a code). */
  org: (codeOrName: string) => { id: string; path: string; name: string };
  user: (username: string) => { id: string; username: string };
};

export type JinguoModule = {
  name: string;
  /** Registers the module's /api routes. */
  routes?: (app: FastifyInstance, deps: ModuleDeps) => void | Promise<void>;
  /**
   * Route prefixes (e.g. "/api/cases") whose refused requests (403/404) are audited as access.denied: the routes
   * that hold personal or financial records (platform/access-audit.ts).
   */
  sensitiveRoutes?: readonly string[];
  facts?: (deps: ModuleDeps) => FactDefinition[];
  /** The module's paragraphs for the built-in annual summary template. */
  summary?: SummaryBlockDef[];
  seedDemo?: (ctx: DemoContext) => Promise<void>;
  /** Extra `jinguo` CLI commands, e.g. "report summary". */
  commands?: CliCommand[];
  /** A daily job (deadline reminders, escalations): run once a business day across all app servers (app.ts runDailyJobs); its result is kept in job_runs. */
  daily?: (deps: ModuleDeps) => Promise<unknown>;
};

export type CliRuntime = { db: Db; dialect: DialectName; cipher: FieldCipher; clock: Clock; deps: ModuleDeps };
export type CliCommand = { name: string; usage: string; run: (argv: string[], rt: CliRuntime) => Promise<number> };
