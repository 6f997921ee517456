import type { DemoContext } from '../src/modules/module.js';
import type { FactPeriod } from '../src/platform/facts.js';
import type { TestApp } from './build-test-app.js';

/** The demo context the bootstrap hands each module, so a test can seed only the modules it is about. */
export async function demoContext(t: TestApp): Promise<DemoContext> {
  const db = t.handle.db;
  const units = await db.selectFrom('orgUnits').select(['id', 'path', 'name', 'code']).execute();
  const users = await db.selectFrom('users').select(['id', 'username']).execute();
  return {
    db,
    clock: t.clock,
    cipher: t.cipher,
    year: 2026,
    org(key) {
      const u = units.find((x) => x.code === key || x.name === key);
      if (!u) throw new Error(`no org unit ${key}`);
      return u;
    },
    user(username) {
      const u = users.find((x) => x.username === username);
      if (!u) throw new Error(`no user ${username}`);
      return u;
    },
  };
}

export const YEAR_2026: FactPeriod = { year: 2026, from: '2026-01-01', to: '2026-12-31' };

/** A fact computed as reports computes it, over an org subtree (default: the whole district). */
export async function computeFact(
  t: TestApp,
  name: string,
  params: Record<string, string> = {},
  opts: { unit?: string; period?: FactPeriod } = {},
) {
  const def = t.app.jinguo.facts.find((f) => f.name === name);
  if (!def) throw new Error(`no fact ${name}`);
  const unit = await t.handle.db
    .selectFrom('orgUnits')
    .select('path')
    .where((eb) => (opts.unit ? eb.or([eb('name', '=', opts.unit), eb('code', '=', opts.unit)]) : eb('parentId', 'is', null)))
    .executeTakeFirstOrThrow();
  const ctx = {
    db: t.handle.db,
    dialect: t.dialect,
    scope: { permission: def.permission, paths: [unit.path] },
    period: opts.period ?? YEAR_2026,
  };
  return def.compute(ctx, params);
}

export async function factRecords(t: TestApp, name: string, params: Record<string, string> = {}) {
  const def = t.app.jinguo.facts.find((f) => f.name === name)!;
  const unit = await t.handle.db.selectFrom('orgUnits').select('path').where('parentId', 'is', null).executeTakeFirstOrThrow();
  return def.records(
    { db: t.handle.db, dialect: t.dialect, scope: { permission: def.permission, paths: [unit.path] }, period: YEAR_2026 },
    params,
    { limit: 500, offset: 0 },
  );
}
