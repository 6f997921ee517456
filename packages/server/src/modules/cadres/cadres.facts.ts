import { sql } from 'kysely';
import { RECOMMENDATION_STATUS_LABELS, ROTATION_DIRECTION_LABELS } from '@jinguo/domain';
import { orgInScope } from '../../db/scope.js';
import { rate, type FactContext, type FactDefinition, type FactRecords, type SummaryBlockDef } from '../../platform/facts.js';

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

export function cadresFacts(): FactDefinition[] {
  return [
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
