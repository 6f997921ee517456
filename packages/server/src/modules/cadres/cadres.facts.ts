import { sql } from 'kysely';
import {
  CADRE_DIMENSION_KEYS,
  CADRE_DIMENSION_LABELS,
  CADRE_DIMENSIONS,
  CADRE_POST_LEVEL_LABELS,
  CADRE_RANK_LABELS,
  EDUCATION_LABELS,
  RECOMMENDATION_STATUS_LABELS,
  ROTATION_DIRECTION_LABELS,
  UNKNOWN_KEY,
} from '@jinguo/domain';
import { orgInScope } from '../../db/scope.js';
import { ValidationError } from '../../platform/errors.js';
import {
  rate,
  type FactContext,
  type FactDefinition,
  type FactParams,
  type FactRecords,
  type SummaryBlockDef,
} from '../../platform/facts.js';
import { countRoster, rosterOn, type RosterFilter } from './cadres.repository.js';

/** Cadre figures: 推优 recommendations, and rotation (上挂下派) members with the women's share, from the roster. */

function recommendations(ctx: FactContext) {
  return ctx.db
    .selectFrom('partyRecommendations as p')
    .where((eb) => orgInScope(eb, 'p.owner_org_id', ctx.scope))
    .where('p.recommendedOn', '>=', ctx.period.from)
    .where('p.recommendedOn', '<=', ctx.period.to);
}

/** Members of the rotations that start in the period, joined to the roster for their gender. */
function members(ctx: FactContext) {
  return ctx.db
    .selectFrom('cadreRotationMembers as m')
    .innerJoin('cadreRotations as r', 'r.id', 'm.rotationId')
    .innerJoin('cadres as c', 'c.id', 'm.cadreId')
    .where((eb) => orgInScope(eb, 'r.owner_org_id', ctx.scope))
    .where('r.startDate', '>=', ctx.period.from)
    .where('r.startDate', '<=', ctx.period.to);
}

async function memberRecords(ctx: FactContext, page: { limit: number; offset: number }, womenOnly: boolean): Promise<FactRecords> {
  let q = members(ctx);
  if (womenOnly) q = q.where('c.gender', '=', 'female');
  const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
  const rows = await q
    .select(['m.id', 'r.title as rotation', 'c.name', 'c.gender', 'c.unitName', 'm.direction', 'm.hostUnit'])
    .orderBy('r.startDate')
    .orderBy('c.name')
    .orderBy('m.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    columns: [
      { key: 'rotation', label: '批次' },
      { key: 'name', label: '姓名' },
      { key: 'gender', label: '性别' },
      { key: 'unitName', label: '单位' },
      { key: 'direction', label: '方式' },
      { key: 'hostUnit', label: '挂职单位' },
    ],
    total: Number(total),
    rows: rows.map((r) => ({ ...r, gender: r.gender === 'female' ? '女' : '男', direction: ROTATION_DIRECTION_LABELS[r.direction] })),
  };
}

/**
 * The roster facts' parameters → a roster filter: one key per dimension (rank, postLevel, ageBand, education,
 * unitCategory; "unknown" = not recorded), reserve=1 for the reserve pool, unit=<unit name>. Unknown keys are refused.
 */
export function rosterFilterOf(params: FactParams): RosterFilter {
  const filter: RosterFilter = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === '') continue;
    if ((CADRE_DIMENSIONS as readonly string[]).includes(k)) {
      const dim = k as (typeof CADRE_DIMENSIONS)[number];
      if (v !== UNKNOWN_KEY && !(v in CADRE_DIMENSION_KEYS[dim]))
        throw new ValidationError(
          `未知的${CADRE_DIMENSION_LABELS[dim]}：${v}（可选：${[...Object.keys(CADRE_DIMENSION_KEYS[dim]), UNKNOWN_KEY].join('、')}）`,
        );
      filter[dim] = v;
    } else if (k === 'reserve') {
      if (v !== '1') throw new ValidationError('参数 reserve 只能为 1（后备干部）');
      filter.reserve = true;
    } else if (k === 'unit') filter.unitName = v;
    else throw new ValidationError(`未知的参数：${k}`);
  }
  return filter;
}

/** The roster counted on the period's last day (31 December for a year). */
async function rosterRecords(ctx: FactContext, params: FactParams, page: { limit: number; offset: number }, womenOnly: boolean) {
  const q = rosterOn(ctx.db, ctx.scope, ctx.period.to, { ...rosterFilterOf(params), womenOnly });
  const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
  const rows = await q
    .select(['c.id', 'c.name', 'c.gender', 'c.unitName', 'c.position', 'c.rank', 'c.postLevel', 'c.education', 'c.birthYear', 'c.reserve'])
    .orderBy('c.unitName')
    .orderBy('c.name')
    .orderBy('c.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    columns: [
      { key: 'name', label: '姓名' },
      { key: 'gender', label: '性别' },
      { key: 'unitName', label: '单位' },
      { key: 'position', label: '职务' },
      { key: 'rank', label: '职级' },
      { key: 'postLevel', label: '领导职务' },
      { key: 'education', label: '学历' },
      { key: 'birthYear', label: '出生年份' },
      { key: 'reserve', label: '后备干部' },
    ],
    total: Number(total),
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      gender: r.gender === 'female' ? '女' : '男',
      unitName: r.unitName,
      position: r.position,
      rank: CADRE_RANK_LABELS[r.rank],
      postLevel: r.postLevel ? CADRE_POST_LEVEL_LABELS[r.postLevel] : null,
      education: r.education ? EDUCATION_LABELS[r.education] : null,
      birthYear: r.birthYear == null ? null : Number(r.birthYear),
      reserve: r.reserve ? '是' : '否',
    })),
  } satisfies FactRecords;
}

const ROSTER_PARAMS =
  '参数：rank（职级）、postLevel（领导职务）、ageBand（年龄段）、education（学历）、unitCategory（单位类别），值为 unknown 表示未填写；reserve=1 只计后备干部；unit=单位名称。';

export function cadresFacts(): FactDefinition[] {
  return [
    {
      name: 'cadres.roster.total',
      module: 'cadres',
      label: { zh: '在册干部', en: 'Cadres on the roster' },
      unit: '名',
      kind: 'count',
      definition: `期末（年度为12月31日）在干部花名册上的干部人数（任现职时间不晚于期末、尚未离开）。${ROSTER_PARAMS}`,
      permission: 'cadres.read',
      async compute(ctx, params) {
        return { value: Number((await countRoster(ctx.db, ctx.scope, ctx.period.to, rosterFilterOf(params))).total) };
      },
      records: (ctx, params, page) => rosterRecords(ctx, params, page, false),
    },
    {
      name: 'cadres.roster.women',
      module: 'cadres',
      label: { zh: '在册女干部', en: 'Women cadres on the roster' },
      unit: '名',
      kind: 'count',
      definition: `期末（年度为12月31日）在干部花名册上的女干部人数。${ROSTER_PARAMS}`,
      permission: 'cadres.read',
      async compute(ctx, params) {
        return { value: Number((await countRoster(ctx.db, ctx.scope, ctx.period.to, rosterFilterOf(params))).women) };
      },
      records: (ctx, params, page) => rosterRecords(ctx, params, page, true),
    },
    {
      name: 'cadres.roster.womenShare',
      module: 'cadres',
      label: { zh: '女干部占比', en: "Women's share of the roster" },
      unit: '%',
      kind: 'rate',
      definition: `期末在册女干部人数 ÷ 期末在册干部人数，百分比保留两位小数。${ROSTER_PARAMS}`,
      permission: 'cadres.read',
      async compute(ctx, params) {
        const r = await countRoster(ctx.db, ctx.scope, ctx.period.to, rosterFilterOf(params));
        return rate(Number(r.women), Number(r.total));
      },
      records: (ctx, params, page) => rosterRecords(ctx, params, page, false),
    },
    {
      name: 'cadres.recommendations',
      module: 'cadres',
      label: { zh: '推优发展女党员', en: 'Women recommended for party membership' },
      unit: '名',
      kind: 'count',
      definition: '期间内（按推荐日期）由妇联组织推优发展女党员的人数。',
      permission: 'cadres.read',
      async compute(ctx) {
        const r = await recommendations(ctx).select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      async records(ctx, _p, page) {
        const q = recommendations(ctx);
        const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
        const rows = await q
          .select(['p.id', 'p.candidateName', 'p.unitName', 'p.recommendedOn', 'p.status'])
          .orderBy('p.recommendedOn')
          .orderBy('p.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'candidateName', label: '推荐对象' },
            { key: 'unitName', label: '单位' },
            { key: 'recommendedOn', label: '推荐日期' },
            { key: 'status', label: '状态' },
          ],
          total: Number(total),
          rows: rows.map((r) => ({ ...r, status: RECOMMENDATION_STATUS_LABELS[r.status] })),
        };
      },
    },
    {
      name: 'cadres.rotation.total',
      module: 'cadres',
      label: { zh: '上挂下派干部', en: 'Cadres rotated' },
      unit: '名',
      kind: 'count',
      definition: '期间内开始的上挂下派批次中的干部人数。',
      permission: 'cadres.read',
      async compute(ctx) {
        const r = await members(ctx).select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: (ctx, _p, page) => memberRecords(ctx, page, false),
    },
    {
      name: 'cadres.rotation.women',
      module: 'cadres',
      label: { zh: '上挂下派女干部', en: 'Women among cadres rotated' },
      unit: '人',
      kind: 'count',
      definition: '期间内开始的上挂下派批次中的女干部人数（性别取自干部花名册）。',
      permission: 'cadres.read',
      async compute(ctx) {
        const r = await members(ctx).where('c.gender', '=', 'female').select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: (ctx, _p, page) => memberRecords(ctx, page, true),
    },
    {
      name: 'cadres.rotation.womenShare',
      module: 'cadres',
      label: { zh: '上挂下派干部中女干部占比', en: "Women's share of cadres rotated" },
      unit: '%',
      kind: 'rate',
      definition: '上挂下派女干部人数 ÷ 上挂下派干部人数（期间内开始的批次），百分比保留两位小数。',
      permission: 'cadres.read',
      async compute(ctx) {
        const r = await members(ctx)
          .select([
            sql<number>`count(*)`.as('total'),
            sql<number>`coalesce(sum(case when c.gender = 'female' then 1 else 0 end), 0)`.as('women'),
          ])
          .executeTakeFirstOrThrow();
        return rate(Number(r.women), Number(r.total));
      },
      records: (ctx, _p, page) => memberRecords(ctx, page, false),
    },
  ];
}

export const cadresSummary: SummaryBlockDef[] = [
  {
    module: 'cadres',
    order: 50,
    heading: '坚持党建带妇建，做好女干部培养和推优工作',
    paragraphs: [
      '坚持“党建带妇建”的原则，配合组织部门做好发展女党员工作，全年由妇联组织推优发展女党员{cadres.recommendations}名。',
      '积极配合组织部门做好女干部上挂下派工作。今年，在{cadres.rotation.total}名上挂下派干部中，有女干部{cadres.rotation.women}人，占{cadres.rotation.womenShare}。',
    ],
  },
];
