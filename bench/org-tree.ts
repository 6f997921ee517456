/**
 * Org tree at province scale: 100,000 units (province → cities → counties/districts → townships/streets →
 * villages/communities, plus each county's departments, agencies and schools) and 20,000 accounts spread over
 * them, loaded in one transaction with prepared inserts; then the queries the org pages and every scoped list
 * depend on are timed through the real repository and service code:
 *
 *   - subtree count (a county, a city, the whole province) on the materialised-path range;
 *   - a scoped list page through `orgInScope` (the users list: count + first page, county and province scope);
 *   - children listing with children counts (what the tree loads on expand), and the search box;
 *   - moving a subtree of about 1,000 units (a county to another city) through the org service, audit included.
 *
 * SQLite always; PostgreSQL too when JINGUO_BENCH_PG_URL is set (a scratch database, dropped afterwards).
 * Run: node --import tsx bench/org-tree.ts [--quick]
 * Full size: 100,000 units and 20,000 accounts; --quick: 20,000 units and 4,000 accounts.
 */
import pg from 'pg';
import { sql } from 'kysely';
import type { DatabaseHandle, DialectName } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrator.js';
import { orgInScope, pathUpperBound } from '../packages/server/src/db/scope.js';
import { newId } from '../packages/server/src/platform/ids.js';
import { systemClock } from '../packages/server/src/platform/clock.js';
import type { Actor, Scope } from '../packages/server/src/platform/actor.js';
import * as orgRepo from '../packages/server/src/modules/org/org.repository.js';
import { listUsers } from '../packages/server/src/modules/org/users.repository.js';
import { createOrgService } from '../packages/server/src/modules/org/org.service.js';
import { reportFigures, size, timeRuns, type Figure } from './lib/report.js';
import { benchDialects, scratchDatabase } from './lib/scratch.js';

const TARGET_UNITS = size(100_000, 20_000);
const USERS = size(20_000, 4_000);
const RUNS = 30;

type Unit = {
  id: string;
  parentId: string | null;
  path: string;
  depth: number;
  kind: string;
  level: string | null;
  code: string | null;
  name: string;
  agencyType: string | null;
  sortOrder: number;
};

/** A deterministic pseudo-random fan-out, so every run builds the same tree. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The tree: 14 cities, counties of ~25 townships with 25–45 villages each and 57 non-geographic units, until 100,000. */
function generateTree(): { units: Unit[]; province: Unit; counties: Unit[]; townships: Unit[] } {
  const rand = rng(2026);
  const units: Unit[] = [];
  const add = (
    parent: Unit | null,
    kind: string,
    level: string | null,
    code: string | null,
    name: string,
    sortOrder: number,
    agencyType: string | null = null,
  ): Unit => {
    const id = newId();
    const u: Unit = {
      id,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      kind,
      level,
      code,
      name,
      agencyType,
      sortOrder,
    };
    units.push(u);
    return u;
  };
  const province = add(null, 'federation', 'PROVINCE', '510000', '示例省妇联', 0);
  const counties: Unit[] = [];
  const townships: Unit[] = [];
  const full = () => units.length >= TARGET_UNITS;
  for (let c = 1; c <= 14 && !full(); c++) {
    const cityCode = `51${String(c).padStart(2, '0')}00`;
    const city = add(province, 'federation', 'CITY', cityCode, `第${c}市妇联`, c);
    for (let d = 1; d <= 8 && !full(); d++) {
      const county = add(city, 'federation', 'DISTRICT', `${cityCode.slice(0, 4)}${String(d).padStart(2, '0')}`, `第${c}市第${d}区妇联`, d);
      counties.push(county);
      const towns = 22 + Math.floor(rand() * 7);
      for (let s = 1; s <= towns && !full(); s++) {
        const street = s <= 4;
        const town = add(
          county,
          street ? 'street' : 'township',
          street ? 'SUBDISTRICT' : 'TOWNSHIP',
          `${county.code}${String(street ? s : 100 + s).padStart(3, '0')}`,
          `${county.name.slice(0, -2)}${street ? `第${s}街道` : `第${s}镇`}`,
          s,
        );
        townships.push(town);
        const villages = 28 + Math.floor(rand() * 21);
        for (let v = 1; v <= villages && !full(); v++) {
          add(
            town,
            street ? 'community' : 'village',
            street ? 'COMMUNITY' : 'VILLAGE',
            `${town.code}${String(street ? v : 200 + v).padStart(3, '0')}`,
            `${town.name}${street ? `第${v}社区` : `第${v}村`}`,
            v,
          );
        }
      }
      for (let k = 1; k <= 45 && !full(); k++) add(county, 'department', null, null, `${county.name.slice(0, -2)}部门${k}`, 100 + k);
      for (let k = 1; k <= 8 && !full(); k++)
        add(county, 'agency', null, null, `${county.name.slice(0, -2)}机构${k}`, 200 + k, k <= 2 ? 'police' : 'other');
      for (let k = 1; k <= 4 && !full(); k++) add(county, 'school', null, null, `${county.name.slice(0, -2)}学校${k}`, 300 + k);
    }
  }
  return { units, province, counties, townships };
}

const UNIT_COLS = [
  'id',
  'parent_id',
  'path',
  'depth',
  'kind',
  'level',
  'code',
  'name',
  'agency_type',
  'active',
  'sort_order',
  'created_at',
  'updated_at',
];
const USER_COLS = [
  'id',
  'username',
  'display_name',
  'password_hash',
  'must_change_password',
  'failed_logins',
  'active',
  'org_unit_id',
  'created_at',
  'updated_at',
];
const unitValues = (u: Unit, at: string) => [
  u.id,
  u.parentId,
  u.path,
  u.depth,
  u.kind,
  u.level,
  u.code,
  u.name,
  u.agencyType,
  1,
  u.sortOrder,
  at,
  at,
];
const userValues = (i: number, orgUnitId: string, at: string) => [
  newId(),
  `user${i}`,
  `用户${i}`,
  'scrypt$bench',
  0,
  0,
  1,
  orgUnitId,
  at,
  at,
];

/** One transaction, prepared inserts: a prepared statement per row on SQLite, a named 500-row statement on PostgreSQL. */
async function load(kind: DialectName, handle: DatabaseHandle, url: string | null, units: Unit[], userUnits: string[]): Promise<number> {
  const at = new Date().toISOString();
  const t0 = performance.now();
  if (kind === 'sqlite') {
    const s = handle.sqlite!;
    const insUnit = s.prepare(`INSERT INTO org_units (${UNIT_COLS.join(',')}) VALUES (${UNIT_COLS.map(() => '?').join(',')})`);
    const insUser = s.prepare(`INSERT INTO users (${USER_COLS.join(',')}) VALUES (${USER_COLS.map(() => '?').join(',')})`);
    s.transaction(() => {
      for (const u of units) insUnit.run(...unitValues(u, at));
      for (const [i, org] of userUnits.entries()) insUser.run(...userValues(i, org, at));
    })();
  } else {
    const client = new pg.Client({ connectionString: url! });
    await client.connect();
    const batch = async (table: string, cols: string[], rows: unknown[][]) => {
      const size = 500;
      const text = (n: number) =>
        `INSERT INTO ${table} (${cols.join(',')}) VALUES ${Array.from({ length: n }, (_, r) => `(${cols.map((_, c) => `$${r * cols.length + c + 1}`).join(',')})`).join(',')}`;
      for (let i = 0; i < rows.length; i += size) {
        const chunk = rows.slice(i, i + size);
        await client.query({
          name: chunk.length === size ? `ins_${table}_${size}` : undefined,
          text: text(chunk.length),
          values: chunk.flat(),
        });
      }
    };
    await client.query('BEGIN');
    await batch(
      'org_units',
      UNIT_COLS,
      units.map((u) => unitValues(u, at)),
    );
    await batch(
      'users',
      USER_COLS,
      userUnits.map((org, i) => userValues(i, org, at)),
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
    await client.end();
  }
  return performance.now() - t0;
}

const fmt = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

async function run(kind: DialectName) {
  const { units, province, counties, townships } = generateTree();
  const rand = rng(7);
  const leafish = units.filter((u) => u.depth >= 3);
  const userUnits = Array.from({ length: USERS }, () => leafish[Math.floor(rand() * leafish.length)].id);
  const { handle, url, drop } = await scratchDatabase(kind, 'org');
  const db = handle.db;
  try {
    await migrateToLatest(db);
    const loadMs = await load(kind, handle, url, units, userUnits);
    console.log(`\n== ${kind}: ${units.length.toLocaleString()} org units, ${USERS.toLocaleString()} accounts ==`);
    console.log(
      `load (one transaction, prepared inserts): ${(loadMs / 1000).toFixed(2)} s  (${Math.round(((units.length + USERS) / loadMs) * 1000).toLocaleString()} rows/s)`,
    );

    const county = counties[10];
    const city = units.find((u) => u.id === county.parentId)!;
    const town = townships[100];
    const scope = (p: string): Scope => ({ permission: 'users.read', paths: [p] });
    const subtree = (p: string) =>
      db
        .selectFrom('orgUnits')
        .select(sql<number>`count(*)`.as('n'))
        .where('path', '>=', p)
        .where('path', '<', pathUpperBound(p))
        .executeTakeFirstOrThrow();
    const sizes = {
      county: Number((await subtree(county.path)).n),
      city: Number((await subtree(city.path)).n),
      province: Number((await subtree(province.path)).n),
    };

    // The pattern every module's list follows: owner column IN (units in scope), a filter, a sort, one page and its count.
    const inScopePage = (sc: Scope) => {
      const base = db.selectFrom('users').where((eb) => orgInScope(eb, 'users.org_unit_id', sc));
      return Promise.all([
        base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
        base.select(['id', 'username', 'orgUnitId']).orderBy('username').limit(50).execute(),
      ]);
    };
    const rows: [string, () => Promise<unknown>][] = [
      [`subtree count: county (${sizes.county} units)`, () => subtree(county.path)],
      [`subtree count: city (${sizes.city.toLocaleString()} units)`, () => subtree(city.path)],
      [`subtree count: province (${sizes.province.toLocaleString()} units)`, () => subtree(province.path)],
      ['orgInScope list page, by name: township scope, count + 50', () => inScopePage(scope(town.path))],
      ['orgInScope list page, by name: county scope, count + 50', () => inScopePage(scope(county.path))],
      ['orgInScope list page, by name: city scope, count + 50', () => inScopePage(scope(city.path))],
      [
        `orgInScope list page, by name: province scope (${USERS.toLocaleString()} rows), count + 50`,
        () => inScopePage(scope(province.path)),
      ],
      [
        'users page (/api/users, by unit path): county scope, count + 50',
        () => listUsers(db, scope(county.path), { limit: 50, offset: 0 }),
      ],
      [
        'users page (/api/users, by unit path): province scope, count + 50',
        () => listUsers(db, scope(province.path), { limit: 50, offset: 0 }),
      ],
      ['children with their counts: the province (14 cities)', () => orgRepo.listChildren(db, scope(province.path), province.id)],
      [
        `children with their counts: a county (${units.filter((u) => u.parentId === county.id).length})`,
        () => orgRepo.listChildren(db, scope(province.path), county.id),
      ],
      [
        `children with their counts: a township (${units.filter((u) => u.parentId === town.id).length})`,
        () => orgRepo.listChildren(db, scope(province.path), town.id),
      ],
      [
        'search box: name contains "第7镇", whole province, 50',
        () => orgRepo.searchUnits(db, scope(province.path), { text: '第7镇', limit: 50 }),
      ],
      [
        'search box: code prefix of a township, county scope, 50',
        () => orgRepo.searchUnits(db, scope(county.path), { text: town.code!, limit: 50 }),
      ],
    ];
    console.log(`${'query'.padEnd(72)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(8)}`);
    for (const [label, fn] of rows) {
      const { median, p95 } = await timeRuns(RUNS, fn);
      console.log(`${label.padEnd(72)} ${fmt(median).padStart(10)} ${fmt(p95).padStart(8)}`);
      const headline = label.startsWith('subtree count: county')
        ? 'county subtree count'
        : label.startsWith('orgInScope list page, by name: county')
          ? 'county-scope list page + count'
          : label.startsWith('children with their counts: a county')
            ? "a county's children with counts"
            : null;
      if (headline) figures.push({ name: `${kind}: ${headline}`, value: median, unit: 'ms' });
    }

    // Move a county (its whole subtree) to another city through the service, as the web page does.
    const actor: Actor = {
      userId: newId(),
      username: 'bench',
      displayName: 'bench',
      sessionId: 's',
      csrfToken: 'c',
      ip: null,
      mustChangePassword: false,
      grants: [{ id: 'g', role: 'system_admin', orgUnitId: province.id, orgPath: province.path, orgName: province.name }],
    };
    const org = createOrgService({ db, clock: systemClock });
    const target = units.find((u) => u.kind === 'federation' && u.level === 'CITY' && u.id !== city.id)!;
    const moveMs: number[] = [];
    for (const [to, from] of [
      [target, city],
      [city, target],
      [target, city],
    ]) {
      const t = performance.now();
      await org.move(actor, county.id, to.id);
      moveMs.push(performance.now() - t);
      void from;
    }
    const after = await orgRepo.findUnit(db, county.id);
    const moved = Number((await subtree(after!.path)).n);
    const deepest = await db
      .selectFrom('orgUnits')
      .select(['path', 'depth'])
      .where('path', '>=', after!.path)
      .where('path', '<', pathUpperBound(after!.path))
      .orderBy('depth', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    if (moved !== sizes.county || !deepest.path.startsWith(target.path) || deepest.path.split('/').length - 3 !== deepest.depth)
      throw new Error('move left the subtree inconsistent');
    console.log(
      `move a county subtree (${moved} units: paths + depths + audit, one transaction): ${moveMs.map((m) => fmt(m)).join(' / ')} ms`,
    );
    figures.push({ name: `${kind}: move a county subtree`, value: [...moveMs].sort((a, b) => a - b)[1], unit: 'ms' });

    const plan = kind === 'sqlite' ? sql.raw('EXPLAIN QUERY PLAN ') : sql.raw('EXPLAIN ');
    const show = async (label: string, q: ReturnType<typeof sql>) => {
      const rowsOut = (await sql`${plan}${q}`.execute(db)).rows as Record<string, unknown>[];
      console.log(`plan, ${label}: ${rowsOut.map((r) => String(r.detail ?? r['QUERY PLAN'])).join(' | ')}`);
    };
    await show('subtree count', sql`SELECT count(*) FROM org_units WHERE path >= ${county.path} AND path < ${pathUpperBound(county.path)}`);
    await show('children', sql`SELECT * FROM org_units WHERE parent_id = ${county.id} ORDER BY sort_order, name`);
  } finally {
    await drop();
  }
}

const figures: Figure[] = [];
for (const kind of benchDialects()) await run(kind);
if (benchDialects().length === 1) console.log('\n(PostgreSQL skipped: set JINGUO_BENCH_PG_URL to run it too)');
reportFigures('org-tree', figures);
