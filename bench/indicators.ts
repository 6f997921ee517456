/**
 * 两纲 monitoring at province scale: 100 districts, each with its own catalogue of 176 indicators (Xi'an's
 * 2011-20 system had 176, domain.md §5), 16 townships/streets and 10 departments; values for 5 years (2022–2026)
 * for every indicator in all 17 regions (the district rows are left out for a third of the rate indicators, so
 * those district figures are rolled up from the townships). 2022–2025 are approved, 2026 submitted.
 * Loaded in one transaction with prepared inserts, then timed through the real service code:
 *
 *   - the evaluation of one district for 2025 (own rows + the township roll-up, last year's figures, statuses);
 *   - the same for one township;
 *   - the entry sheet of the district for 2026 (every indicator × breakdown with its current value and last year's);
 *   - the review queue (submitted values of the year in the statistician's district);
 *   - the report facts (indicators.monitored / indicators.met) for the district.
 *
 * SQLite always; PostgreSQL too when JINGUO_BENCH_PG_URL is set (a scratch database, dropped afterwards).
 * Run: node --import tsx bench/indicators.ts [--quick]   (BENCH_DISTRICTS=n for another size)
 * Full size: 100 districts (1.47 million values); --quick: 10 districts.
 */
import pg from 'pg';
import { INDICATOR_AREAS, areaOutline, rateValue, type IndicatorUnit } from '@jinguo/domain';
import type { DatabaseHandle, DialectName } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrator.js';
import { newId } from '../packages/server/src/platform/ids.js';
import { systemClock } from '../packages/server/src/platform/clock.js';
import type { Actor } from '../packages/server/src/platform/actor.js';
import { createIndicatorsService } from '../packages/server/src/modules/indicators/indicators.service.js';
import { listValues as listValuesSql } from '../packages/server/src/modules/indicators/indicators.repository.js';
import { indicatorsFacts } from '../packages/server/src/modules/indicators/indicators.facts.js';
import { reportFigures, size, timeRuns, type Figure } from './lib/report.js';
import { benchDialects, scratchDatabase } from './lib/scratch.js';

const DISTRICTS = Number(process.env.BENCH_DISTRICTS ?? size(100, 10));
const TOWNS = 16;
const DEPARTMENTS = 10;
const INDICATORS = 176;
const YEARS = [2022, 2023, 2024, 2025, 2026];
const RUNS = 20;

type Unit = { id: string; parentId: string | null; path: string; depth: number; kind: string; name: string };
type Ind = {
  id: string;
  owner: Unit;
  code: string;
  unit: IndicatorUnit;
  areaIndex: number;
  responsible: Unit;
  direction: string;
  target: number | null;
  rolledUp: boolean;
};

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function generate() {
  const units: Unit[] = [];
  const add = (parent: Unit | null, kind: string, name: string): Unit => {
    const id = newId();
    const u = { id, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0, kind, name };
    units.push(u);
    return u;
  };
  const province = add(null, 'federation', '示例省妇联');
  const districts: { district: Unit; towns: Unit[]; departments: Unit[] }[] = [];
  for (let d = 0; d < DISTRICTS; d++) {
    const district = add(province, 'federation', `第${d + 1}区妇联`);
    const towns = Array.from({ length: TOWNS }, (_, i) =>
      add(district, i < 12 ? 'township' : 'street', `第${d + 1}区${i + 1}${i < 12 ? '镇' : '街道'}`),
    );
    const departments = Array.from({ length: DEPARTMENTS }, (_, i) => add(district, 'department', `第${d + 1}区部门${i + 1}`));
    districts.push({ district, towns, departments });
  }
  const units_: IndicatorUnit[] = ['percent', 'percent', 'percent', 'permille', 'per_100k', 'number'];
  const directions = ['gte', 'lte', 'about', 'rising', 'falling', 'lt'];
  const indicators: Ind[] = [];
  for (const { district, departments } of districts) {
    for (let i = 0; i < INDICATORS; i++) {
      const unit = units_[i % units_.length];
      const direction = directions[i % directions.length];
      indicators.push({
        id: newId(),
        owner: district,
        code: `X${String(i + 1).padStart(3, '0')}`,
        unit,
        areaIndex: i % INDICATOR_AREAS.length,
        responsible: departments[i % DEPARTMENTS],
        direction,
        target: direction === 'rising' || direction === 'falling' ? null : unit === 'number' ? 100 : 50,
        rolledUp: unit !== 'number' && i % 3 === 0,
      });
    }
  }
  return { units, province, districts, indicators };
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
const IND_COLS = [
  'id',
  'owner_org_id',
  'code',
  'outline',
  'area',
  'area_order',
  'name',
  'unit',
  'unit_label',
  'direction',
  'target',
  'tolerance',
  'target_year',
  'baseline_year',
  'baseline_value',
  'responsible_org_id',
  'breakdowns',
  'review_threshold_percent',
  'definition',
  'target_verified',
  'active',
  'created_by',
  'created_at',
  'updated_at',
];
const VAL_COLS = [
  'id',
  'indicator_id',
  'owner_org_id',
  'region_org_id',
  'year',
  'breakdown',
  'numerator',
  'denominator',
  'value',
  'source',
  'note',
  'status',
  'return_reason',
  'submitted_by',
  'submitted_at',
  'decided_by',
  'decided_at',
  'created_by',
  'created_at',
  'updated_at',
];

function* valueRows(data: ReturnType<typeof generate>, at: string): Generator<unknown[]> {
  const rand = rng(11);
  const regionsOf = new Map(data.districts.map((d) => [d.district.id, d]));
  for (const ind of data.indicators) {
    const d = regionsOf.get(ind.owner.id)!;
    const regions = ind.rolledUp ? d.towns : [d.district, ...d.towns];
    for (const region of regions) {
      for (const year of YEARS) {
        let numerator: number | null = null;
        let denominator: number | null = null;
        let value: number;
        if (ind.unit === 'number') value = Math.round(50 + rand() * 100);
        else {
          denominator = 1000 + Math.floor(rand() * 9000);
          const share = ind.unit === 'percent' ? 0.3 + rand() * 0.6 : rand() * 0.01;
          numerator = Math.floor(denominator * share);
          value = rateValue(ind.unit, numerator, denominator)!;
        }
        const status = year === 2026 ? 'submitted' : 'approved';
        yield [
          newId(),
          ind.id,
          ind.owner.id,
          region.id,
          year,
          'total',
          numerator,
          denominator,
          value,
          null,
          null,
          status,
          null,
          null,
          at,
          null,
          status === 'approved' ? at : null,
          null,
          at,
          at,
        ];
      }
    }
  }
}

async function load(
  kind: DialectName,
  handle: DatabaseHandle,
  url: string | null,
  data: ReturnType<typeof generate>,
): Promise<{ ms: number; values: number }> {
  const at = new Date().toISOString();
  const unitRow = (u: Unit) => [
    u.id,
    u.parentId,
    u.path,
    u.depth,
    u.kind,
    u.kind === 'federation' ? (u.depth === 0 ? 'PROVINCE' : 'DISTRICT') : u.kind === 'department' ? null : 'TOWNSHIP',
    null,
    u.name,
    null,
    1,
    0,
    at,
    at,
  ];
  const indRow = (i: Ind) => {
    const area = INDICATOR_AREAS[i.areaIndex];
    return [
      i.id,
      i.owner.id,
      i.code,
      areaOutline(area.code),
      area.code,
      i.areaIndex,
      `指标${i.code}`,
      i.unit,
      i.unit === 'number' ? '个' : null,
      i.direction,
      i.target,
      null,
      2030,
      null,
      null,
      i.responsible.id,
      '["total"]',
      20,
      null,
      0,
      1,
      null,
      at,
      at,
    ];
  };
  let values = 0;
  const t0 = performance.now();
  if (kind === 'sqlite') {
    const s = handle.sqlite!;
    const ins = (table: string, cols: string[]) =>
      s.prepare(`INSERT INTO ${table} (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`);
    const insUnit = ins('org_units', UNIT_COLS);
    const insInd = ins('indicators', IND_COLS);
    const insVal = ins('indicator_values', VAL_COLS);
    s.transaction(() => {
      for (const u of data.units) insUnit.run(...unitRow(u));
      for (const i of data.indicators) insInd.run(...indRow(i));
      for (const v of valueRows(data, at)) {
        insVal.run(...v);
        values++;
      }
    })();
    s.exec('ANALYZE');
  } else {
    const client = new pg.Client({ connectionString: url! });
    await client.connect();
    const size = 500;
    const insert = async (table: string, cols: string[], rows: Iterable<unknown[]>) => {
      const text = (n: number) =>
        `INSERT INTO ${table} (${cols.join(',')}) VALUES ${Array.from({ length: n }, (_, r) => `(${cols.map((_, c) => `$${r * cols.length + c + 1}`).join(',')})`).join(',')}`;
      let chunk: unknown[][] = [];
      const flush = async () => {
        if (chunk.length)
          await client.query({
            name: chunk.length === size ? `ins_${table}_${size}` : undefined,
            text: text(chunk.length),
            values: chunk.flat(),
          });
        chunk = [];
      };
      for (const r of rows) {
        chunk.push(r);
        if (table === 'indicator_values') values++;
        if (chunk.length === size) await flush();
      }
      await flush();
    };
    await client.query('BEGIN');
    await insert('org_units', UNIT_COLS, data.units.map(unitRow));
    await insert('indicators', IND_COLS, data.indicators.map(indRow));
    await insert('indicator_values', VAL_COLS, valueRows(data, at));
    await client.query('COMMIT');
    await client.query('ANALYZE');
    await client.end();
  }
  return { ms: performance.now() - t0, values };
}

const fmt = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

async function run(kind: DialectName) {
  const data = generate();
  const { handle, url, drop } = await scratchDatabase(kind, 'ind');
  try {
    await migrateToLatest(handle.db);
    const loaded = await load(kind, handle, url, data);
    console.log(
      `\n${kind}: ${data.units.length.toLocaleString('en-US')} units, ${data.indicators.length.toLocaleString('en-US')} indicators, ${loaded.values.toLocaleString('en-US')} values loaded in ${(loaded.ms / 1000).toFixed(1)} s`,
    );
    const service = createIndicatorsService({ db: handle.db, clock: systemClock });
    const { district, towns } = data.districts[Math.floor(DISTRICTS / 2)];
    const actor: Actor = {
      userId: newId(),
      username: 'stat',
      displayName: '统计员',
      sessionId: 's',
      csrfToken: 'c',
      ip: null,
      mustChangePassword: false,
      grants: [{ id: newId(), role: 'statistician', orgUnitId: district.id, orgPath: district.path, orgName: district.name }],
    };

    const e = await service.evaluation(actor, { year: 2025, regionOrgId: district.id });
    const rolled = e.rows.filter((r) => r.basis === 'rolled_up').length;
    const entry = await service.entry(actor, { year: 2026, regionOrgId: district.id });
    const queue = await service.listValues(actor, { year: 2026, status: 'submitted' });
    console.log(
      `district evaluation: ${e.rows.length} indicators, ${e.counts.withData} with data (${rolled} rolled up from ${TOWNS} townships), met ${e.counts.met}, not met ${e.counts.notMet}; entry sheet ${entry.rows.length} rows; review queue ${queue.length} values`,
    );
    const facts = indicatorsFacts();
    const ctx = {
      db: handle.db,
      dialect: kind,
      scope: { permission: 'indicators.read' as const, paths: [district.path] },
      period: { year: 2025, from: '2025-01-01', to: '2025-12-31' },
    };
    const cases: [string, () => Promise<unknown>][] = [
      [
        'evaluation, one district, 2025 (176 indicators, roll-up + last year)',
        () => service.evaluation(actor, { year: 2025, regionOrgId: district.id }),
      ],
      ['evaluation, one township, 2025', () => service.evaluation(actor, { year: 2025, regionOrgId: towns[0].id })],
      [
        'entry sheet, district, 2026 (176 rows with current + last year)',
        () => service.entry(actor, { year: 2026, regionOrgId: district.id }),
      ],
      [
        'review queue: submitted values of 2026 in the district (2,700+ rows)',
        () => service.listValues(actor, { year: 2026, status: 'submitted' }),
      ],
      [
        '  of which the SQL list alone',
        () => listValuesSql(handle.db, { permission: 'indicators.read', paths: [district.path] }, { year: 2026, status: 'submitted' }),
      ],
      ['review queue, one township', () => service.listValues(actor, { year: 2026, status: 'submitted', regionOrgId: towns[0].id })],
      ['facts: indicators.monitored for the district', () => facts[0].compute(ctx, {})],
      ['regions of the statistician', () => service.listRegions(actor)],
    ];
    const headline = new Map([
      [cases[0][0], 'district evaluation'],
      [cases[2][0], 'district entry sheet'],
      [cases[3][0], 'district review queue'],
    ]);
    console.log(`${'query'.padEnd(72)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(8)}`);
    for (const [label, fn] of cases) {
      const { median, p95 } = await timeRuns(RUNS, fn);
      console.log(`${label.padEnd(72)} ${fmt(median).padStart(10)} ${fmt(p95).padStart(8)}`);
      if (headline.has(label)) figures.push({ name: `${kind}: ${headline.get(label)}`, value: median, unit: 'ms' });
    }
  } finally {
    await drop();
  }
}

const figures: Figure[] = [];
for (const kind of benchDialects()) if (kind === 'postgres' || !process.env.BENCH_PG_ONLY) await run(kind);
reportFigures('indicators', figures);
