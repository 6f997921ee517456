import { sql, type SqlBool } from 'kysely';
import type { OrgKind, OrgLevel } from '@jinguo/domain';
import { ORG_KIND_LABELS } from '@jinguo/domain';
import { pathInScopeSql } from '../../db/scope.js';
import type { FactContext, FactDefinition, FactRecords } from '../../platform/facts.js';

/**
 * The org module's figures: how many townships, streets, villages, departments … the scope holds, as in
 * "全区12个乡镇、4条街道、45个区级部门". They count the active units recorded now (an org tree has no
 * history by year), so the same figure is stated for every year; the period is ignored on purpose.
 */
const UNIT_FACTS: { name: string; kind: OrgKind; level?: OrgLevel; zh: string; en: string; unit: string }[] = [
  { name: 'org.districts', kind: 'federation', level: 'DISTRICT', zh: '区（县）数', en: 'Districts and counties', unit: '个' },
  { name: 'org.townships', kind: 'township', zh: '乡镇数', en: 'Townships', unit: '个' },
  { name: 'org.streets', kind: 'street', zh: '街道数', en: 'Streets', unit: '条' },
  { name: 'org.villages', kind: 'village', zh: '村数', en: 'Villages', unit: '个' },
  { name: 'org.communities', kind: 'community', zh: '社区数', en: 'Communities', unit: '个' },
  { name: 'org.departments', kind: 'department', zh: '区级部门数', en: 'Departments', unit: '个' },
  { name: 'org.agencies', kind: 'agency', zh: '合作机构数', en: 'Partner agencies', unit: '个' },
  { name: 'org.schools', kind: 'school', zh: '学校数', en: 'Schools', unit: '所' },
];

const COLUMNS = [
  { key: 'name', label: '单位名称' },
  { key: 'code', label: '代码' },
  { key: 'kind', label: '类型' },
];

/**
 * The active units of these kinds below the scope's units. A unit never counts itself: a township's summary has no
 * "1个乡镇", a city's counts its districts and not the city.
 */
function activeUnitsInScope(ctx: FactContext, kinds: OrgKind[], level?: OrgLevel) {
  let q = ctx.db.selectFrom('orgUnits').where(pathInScopeSql('path', ctx.scope)).where('active', '=', 1).where('kind', 'in', kinds);
  if (ctx.scope.paths.length) q = q.where('path', 'not in', ctx.scope.paths);
  return level ? q.where('level', '=', level) : q;
}

async function listUnits(
  ctx: FactContext,
  kinds: OrgKind[],
  page: { limit: number; offset: number },
  level?: OrgLevel,
): Promise<FactRecords> {
  const base = activeUnitsInScope(ctx, kinds, level);
  const [{ n }] = await base.select(sql<number>`count(*)`.as('n')).execute();
  const rows = await base
    .select(['name', 'code', 'kind'])
    .orderBy('kind')
    .orderBy('sortOrder')
    .orderBy('name')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { columns: COLUMNS, rows: rows.map((r) => ({ name: r.name, code: r.code, kind: ORG_KIND_LABELS[r.kind] })), total: Number(n) };
}

export function orgFacts(): FactDefinition[] {
  const counts: FactDefinition[] = UNIT_FACTS.map((f) => ({
    name: f.name,
    module: 'org',
    label: { zh: f.zh, en: f.en },
    unit: f.unit,
    kind: 'count',
    definition: `范围内（不含本单位）在册且启用的${f.level ? '区（县）妇联' : ORG_KIND_LABELS[f.kind]}个数（按当前组织机构统计，不随年份变化）。`,
    permission: 'org.read',
    async compute(ctx) {
      const row = await activeUnitsInScope(ctx, [f.kind], f.level).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      return { value: Number(row.n) };
    },
    records: (ctx, _params, page) => listUnits(ctx, [f.kind], page, f.level),
  }));

  const byKind: FactDefinition = {
    name: 'org.units.byKind',
    module: 'org',
    label: { zh: '各类单位数', en: 'Units by kind' },
    unit: '个',
    kind: 'breakdown',
    definition: '范围内在册且启用的下属单位按类型分列的个数（不含范围的顶级妇联本身）；参数 kind 只统计一种类型。',
    permission: 'org.read',
    async compute(ctx, params) {
      const kinds = kindsOf(params);
      const rows = await activeUnitsInScope(ctx, kinds)
        .where(sql<SqlBool>`kind <> 'federation'`)
        .select(['kind', sql<number>`count(*)`.as('n')])
        .groupBy('kind')
        .orderBy('kind')
        .execute();
      const breakdown = rows.map((r) => ({ key: r.kind, label: ORG_KIND_LABELS[r.kind], value: Number(r.n) }));
      return { value: breakdown.reduce((a, b) => a + b.value, 0), breakdown };
    },
    records: (ctx, params, page) => listUnits(ctx, kindsOf(params), page),
  };
  return [...counts, byKind];
}

function kindsOf(params: Record<string, string>): OrgKind[] {
  const all = Object.keys(ORG_KIND_LABELS).filter((k) => k !== 'federation') as OrgKind[];
  return params.kind ? all.filter((k) => k === params.kind) : all;
}
