import {
  factRefKey,
  formatFactValue,
  REPORT_ERROR_TEXT,
  REPORT_FORBIDDEN_TEXT,
  REPORT_MISSING_TEXT,
  type FactRef,
  type FactValueOut,
  type Permission,
  type ReportOrgOut,
} from '@jinguo/domain';
import type { DialectName, Executor } from '../../db/database.js';
import { collapsePaths, can, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import type { AuditContext } from '../../platform/audit.js';
import { auditActor } from '../../platform/actor.js';
import type { FactDefinition, FactPeriod, FactRecords, FactValue } from '../../platform/facts.js';
import type { ReadRouter } from '../../platform/replicas.js';
import type { ReportUnit } from './reports.repository.js';

/**
 * Who is asking for figures: a signed-in person (their role scopes bound every fact) or the CLI, which
 * runs on the server's own authority over the unit it is pointed at.
 */
export type Access = {
  /** The caller's scope for a permission, or null when they do not hold it. */
  scopeFor: (permission: Permission) => Scope | null;
  audit: AuditContext;
  actor: Actor | null;
};

export function actorAccess(actor: Actor): Access {
  return { scopeFor: (p) => (can(actor, p) ? requirePermission(actor, p) : null), audit: auditActor(actor), actor };
}

/** The CLI's access: every permission, over the whole tree below `rootPath`. */
export function systemAccess(rootPath: string): Access {
  return {
    scopeFor: (permission) => ({ permission, paths: [rootPath] }),
    audit: { actorId: null, actorName: 'cli', ip: null },
    actor: null,
  };
}

/**
 * The caller's scope narrowed to one unit's subtree: a figure for 牛佛镇 asked by the district counts only
 * 牛佛镇's records, and a township chair asking for the district still sees only her township.
 */
export function intersectScope(scope: Scope, unitPath: string): Scope {
  const paths: string[] = [];
  for (const p of scope.paths) {
    if (p.startsWith(unitPath)) paths.push(p);
    else if (unitPath.startsWith(p)) paths.push(unitPath);
  }
  return { permission: scope.permission, paths: collapsePaths(paths) };
}

export function yearPeriod(year: number): FactPeriod {
  return { year, from: `${year}-01-01`, to: `${year}-12-31` };
}

export function monthPeriod(year: number, month: number): FactPeriod {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { year, from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, '0')}` };
}

export function presentUnit(u: ReportUnit): ReportOrgOut {
  return { id: u.id, name: u.name, code: u.code, kind: u.kind };
}

export type FactOutcome = { out: FactValueOut; def: FactDefinition | null; raw: FactValue | null };

type Logger = { error: (obj: unknown, msg: string) => void };

/**
 * Evaluates facts for one caller, one unit and one period. A fact that is not registered, that the caller
 * may not read, or that fails, comes back with a status and a plain text, never a made-up number.
 */
export function createFactEngine({
  db,
  dialect,
  facts,
  log,
  reads,
}: {
  db: Executor;
  dialect: DialectName;
  facts: FactDefinition[];
  log?: Logger;
  /** Read replicas for the figures (read-your-writes by the caller's session); the primary when absent. */
  reads?: ReadRouter;
}) {
  /** The database this caller's figures are read from: a replica that has her last write, or the primary. */
  const readDb = (access: Access): Promise<Executor> => (reads ? reads.forReader(access.actor) : Promise.resolve(db));

  // Looked up by name on each call: the registry is the array buildApp fills, read as it stands.
  let indexed = -1;
  let byName = new Map<string, FactDefinition>();
  const lookup = () => {
    if (indexed !== facts.length) {
      byName = new Map(facts.map((f) => [f.name, f]));
      indexed = facts.length;
    }
    return byName;
  };

  function describe(def: FactDefinition | undefined, ref: FactRef): Omit<FactValueOut, 'status' | 'value' | 'text'> {
    return {
      name: ref.name,
      ref: factRefKey(ref.name, ref.params),
      params: ref.params,
      module: def?.module ?? ref.name.split('.')[0],
      label: def?.label ?? { zh: ref.name, en: ref.name },
      unit: def?.unit ?? '',
      kind: def?.kind ?? 'count',
      definition: def?.definition ?? '该项数据尚未在系统中登记。',
      permission: def?.permission ?? '',
      ...(def?.partParam ? { partParam: def.partParam } : {}),
    };
  }

  /** The scope a fact is computed over for this caller and unit, or null when the caller may not read it. */
  function scopeOf(access: Access, def: FactDefinition, unit: ReportUnit): Scope | null {
    const scope = access.scopeFor(def.permission);
    return scope ? intersectScope(scope, unit.path) : null;
  }

  async function compute(access: Access, unit: ReportUnit, period: FactPeriod, ref: FactRef, from?: Executor): Promise<FactOutcome> {
    const def = lookup().get(ref.name);
    const base = describe(def, ref);
    if (!def) return { def: null, raw: null, out: { ...base, status: 'missing', value: null, text: REPORT_MISSING_TEXT } };
    const scope = scopeOf(access, def, unit);
    if (!scope) return { def, raw: null, out: { ...base, status: 'forbidden', value: null, text: REPORT_FORBIDDEN_TEXT } };
    try {
      const raw = await def.compute({ db: from ?? (await readDb(access)), dialect, scope, period }, ref.params);
      return {
        def,
        raw,
        out: {
          ...base,
          status: 'ok',
          value: raw.value,
          numerator: raw.numerator,
          denominator: raw.denominator,
          breakdown: raw.breakdown,
          text: formatFactValue(def.kind, raw.value),
        },
      };
    } catch (err) {
      // One module's failing figure must not take the dashboard or the summary down; it is logged and shown as such.
      log?.error({ err, fact: ref.name }, 'fact failed to compute');
      return { def, raw: null, out: { ...base, status: 'error', value: null, text: REPORT_ERROR_TEXT } };
    }
  }

  return {
    facts,
    has: (name: string) => lookup().has(name),
    get: (name: string) => lookup().get(name),
    compute,
    scopeOf,

    /** Several facts at once, each reference computed once. */
    async computeMany(access: Access, unit: ReportUnit, period: FactPeriod, refs: FactRef[]): Promise<Map<string, FactOutcome>> {
      const out = new Map<string, FactOutcome>();
      const unique = new Map(refs.map((r) => [factRefKey(r.name, r.params), r]));
      const from = await readDb(access);
      await mapLimit([...unique.entries()], 4, async ([key, ref]) => {
        out.set(key, await compute(access, unit, period, ref, from));
      });
      return out;
    },

    /** The rows a fact counted (its drill-down). */
    async records(
      access: Access,
      unit: ReportUnit,
      period: FactPeriod,
      ref: FactRef,
      page: { limit: number; offset: number },
    ): Promise<{ outcome: FactOutcome; records: FactRecords | null }> {
      const from = await readDb(access);
      const outcome = await compute(access, unit, period, ref, from);
      if (outcome.out.status !== 'ok' || !outcome.def) return { outcome, records: null };
      const scope = scopeOf(access, outcome.def, unit)!;
      return { outcome, records: await outcome.def.records({ db: from, dialect, scope, period }, ref.params, page) };
    },
  };
}

export type FactEngine = ReturnType<typeof createFactEngine>;

/** Runs at most `limit` promises at a time (PostgreSQL has a pool of 10; SQLite runs them one by one anyway). */
export async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(workers);
}
