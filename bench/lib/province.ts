import type SqliteDatabase from 'better-sqlite3';
import { newId } from '../../packages/server/src/platform/ids.js';

/**
 * A province-scale data set made from the demo district: the demo's org tree and every module's demo records
 * (whatever modules have landed: their seedDemo writes them) are copied into `districts` districts under a new
 * province federation, each copy with its own ids, so every fact and every index sees a province's worth of rows.
 *
 * Copying is schema-agnostic, so it follows the modules as they grow: every UUID in every column (ids, foreign
 * keys, materialised paths, JSON) is rewritten consistently for the copy, so the copy's rows point at the copy's
 * units, people and accounts. One transaction, one prepared INSERT per table. SQLite only (the file is the
 * benchmark's own scratch database).
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const UUID_EXACT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** Tables that are not a district's records: accounts, the audit trail, settings, lookups, the reports' own. */
const SKIP = new Set([
  'kysely_migration',
  'kysely_migration_lock',
  'data_version',
  'users',
  'role_assignments',
  'sessions',
  'audit_log',
  'audit_head',
  'settings',
  'holidays',
  'notifications',
  'jobs',
  'org_units',
  'report_templates',
  'report_summaries',
  'report_summary_versions',
]);

export type ProvinceResult = {
  provinceId: string;
  provincePath: string;
  districtCodes: string[];
  rows: Record<string, number>;
  skipped: Record<string, string>;
  ms: number;
};

/** k-th copy of a UUID: the first 8 hex digits (UUIDv7 time) become "f" + k, which no real id starts with. */
function copyId(u: string, k: number): string {
  return `f${k.toString(16).padStart(7, '0')}${u.slice(8)}`;
}

/** Ids every copy shares (user accounts, the province): not rewritten. */
const keep = new Set<string>();
const mapId = (u: string, k: number) => (keep.has(u) ? u : copyId(u, k));

function copyValue(v: unknown, k: number): unknown {
  if (typeof v !== 'string') return v;
  if (UUID_EXACT.test(v)) return mapId(v, k);
  if (HEX64.test(v)) return `${k.toString(16).padStart(4, '0')}${v.slice(4)}`; // blind indexes stay unique per copy
  return v.includes('-') ? v.replace(UUID, (u) => mapId(u, k)) : v;
}

export function buildProvince(sqlite: SqliteDatabase.Database, opts: { districts: number; demoCode: string }): ProvinceResult {
  const t0 = performance.now();
  const rows: Record<string, number> = {};
  const skipped: Record<string, string> = {};
  const districtCodes: string[] = [opts.demoCode];
  const provinceId = newId();
  const provincePath = `/${provinceId}/`;
  const now = new Date().toISOString();

  keep.clear();
  keep.add(provinceId);
  for (const u of sqlite.prepare('SELECT id FROM users').all() as { id: string }[]) keep.add(u.id);
  sqlite.transaction(() => {
    // The province above the demo district: every existing path gets the province in front.
    const root = sqlite.prepare('SELECT id FROM org_units WHERE code = ?').get(opts.demoCode) as { id: string };
    sqlite
      .prepare(
        "INSERT INTO org_units (id, parent_id, path, depth, kind, level, code, name, agency_type, active, sort_order, created_at, updated_at) VALUES (?, NULL, ?, 0, 'federation', 'PROVINCE', '510000', '示例省妇联', NULL, 1, 0, ?, ?)",
      )
      .run(provinceId, provincePath, now, now);
    sqlite.prepare("UPDATE org_units SET path = '/' || ? || path, depth = depth + 1 WHERE id <> ?").run(provinceId, provinceId);
    sqlite.prepare('UPDATE org_units SET parent_id = ? WHERE id = ?').run(provinceId, root.id);

    const units = sqlite.prepare('SELECT * FROM org_units WHERE id <> ?').all(provinceId) as Record<string, unknown>[];
    const unitCols = Object.keys(units[0]);
    const insertUnit = sqlite.prepare(`INSERT INTO org_units (${unitCols.join(', ')}) VALUES (${unitCols.map(() => '?').join(', ')})`);
    for (let k = 1; k < opts.districts; k++) {
      const code = `51${String(k).padStart(4, '0')}`;
      districtCodes.push(code);
      for (const u of units) {
        const copy = unitCols.map((c) => {
          const v = u[c];
          if (c === 'path') return (v as string).replace(UUID, (id) => mapId(id, k));
          if (c === 'code') return typeof v === 'string' && v.startsWith(opts.demoCode) ? code + v.slice(opts.demoCode.length) : v;
          if (c === 'name' && u.code === opts.demoCode) return `示例${k}区妇联`;
          return copyValue(v, k);
        });
        insertUnit.run(...copy);
      }
    }
    rows.org_units = units.length * opts.districts + 1;

    const tables = (
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]
    )
      .map((t) => t.name)
      .filter((t) => !SKIP.has(t));
    // A catalogue unique on plain columns (honour campaigns by code …) is shared by every district: its ids stay
    // as they are, so the copies' rows point at the same entries.
    const isId = (v: unknown) => typeof v === 'string' && (UUID_EXACT.test(v) || HEX64.test(v));
    const isPlain = (v: unknown) => v != null && !isId(v);
    const uniqueIndexes = (table: string) =>
      (sqlite.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number; origin: string }[])
        .filter((i) => i.unique && i.origin !== 'pk')
        .map((i) => (sqlite.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name));
    const sources = new Map(tables.map((t) => [t, sqlite.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]]));
    for (const table of tables) {
      const source = sources.get(table)!;
      const catalogue = uniqueIndexes(table).some((cols) =>
        cols.every((c) => c !== 'seq' && source.some((r) => isPlain(r[c])) && !source.some((r) => isId(r[c]))),
      );
      if (!catalogue || source.length === 0) continue;
      skipped[table] = 'shared catalogue (unique on plain columns)';
      for (const r of source) if (typeof r.id === 'string') keep.add(r.id);
    }
    for (const table of tables) {
      if (skipped[table]) continue;
      const source = sources.get(table)!;
      if (source.length === 0) continue;
      // A unique key that no copied id makes distinct (e.g. campaign + level + certificate number, the campaign
      // being shared) gets its most specific plain column suffixed with the copy's number.
      const varies = (c: string) => c === 'seq' || source.some((r) => isId(r[c]) && !keep.has(r[c] as string));
      const suffixed = new Set<string>();
      for (const cols of uniqueIndexes(table)) {
        if (cols.some(varies)) continue;
        const plain = cols.filter((c) => source.some((r) => typeof r[c] === 'string' && isPlain(r[c])));
        const best = plain.sort((a, b) => new Set(source.map((r) => r[b])).size - new Set(source.map((r) => r[a])).size)[0];
        if (best) suffixed.add(best);
      }
      const pk = (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; pk: number }[])
        .filter((c) => c.pk > 0)
        .map((c) => c.name);
      // A table keyed by no id (a lookup list, a single counter row) is shared, not a district's records.
      if (!pk.some((c) => source.every((r) => typeof r[c] === 'string' && UUID_EXACT.test(r[c] as string)))) {
        skipped[table] = 'shared (no id in its key)';
        continue;
      }
      const cols = Object.keys(source[0]);
      const insert = sqlite.prepare(
        `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      );
      const save = sqlite.prepare(`SAVEPOINT copy_table`);
      save.run();
      try {
        for (let k = 1; k < opts.districts; k++) {
          for (const r of source)
            insert.run(
              ...cols.map((c) =>
                c === 'seq' && typeof r[c] === 'number'
                  ? (r[c] as number) + k * 10_000_000
                  : suffixed.has(c) && typeof r[c] === 'string'
                    ? `${r[c]}-${k}`
                    : copyValue(r[c], k),
              ),
            );
        }
        sqlite.prepare('RELEASE copy_table').run();
        rows[table] = source.length * opts.districts;
      } catch (err) {
        sqlite.prepare('ROLLBACK TO copy_table').run();
        sqlite.prepare('RELEASE copy_table').run();
        skipped[table] = (err as Error).message;
        rows[table] = source.length;
      }
    }
  })();
  return { provinceId, provincePath, districtCodes, rows, skipped, ms: performance.now() - t0 };
}
