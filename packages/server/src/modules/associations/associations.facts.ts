import { sql } from 'kysely';
import { ACTIVITY_TYPE_LABELS } from '@jinguo/domain';
import { orgInScope } from '../../db/scope.js';
import type { FactContext, FactDefinition, SummaryBlockDef } from '../../platform/facts.js';

/** Association figures: their activities (events that name an association) and their members at the period's end. */
function activities(ctx: FactContext) {
  return ctx.db
    .selectFrom('activityEvents as e')
    .innerJoin('associations as a', 'a.id', 'e.associationId')
    .where((eb) => orgInScope(eb, 'a.owner_org_id', ctx.scope))
    .where('e.startDate', '>=', ctx.period.from)
    .where('e.startDate', '<=', ctx.period.to);
}

function members(ctx: FactContext) {
  const end = ctx.period.to;
  return ctx.db
    .selectFrom('associationMembers as m')
    .innerJoin('associations as a', 'a.id', 'm.associationId')
    .where((eb) => orgInScope(eb, 'm.owner_org_id', ctx.scope))
    .where('m.joinedOn', '<=', end)
    .where((eb) => eb.or([eb('m.leftOn', 'is', null), eb('m.leftOn', '>', end)]));
}

export function associationsFacts(): FactDefinition[] {
  return [
    {
      name: 'associations.activities',
      module: 'associations',
      label: { zh: '协会活动', en: 'Association activities' },
      unit: '次',
      kind: 'count',
      definition: '期间内（按活动开始日期）登记为某协会活动的活动数（季度平台活动、沙龙、专家讲座等）。',
      permission: 'associations.read',
      async compute(ctx) {
        const r = await activities(ctx).select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      async records(ctx, _p, page) {
        const q = activities(ctx);
        const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
        const rows = await q
          .select(['e.id', 'e.startDate', 'a.name as association', 'e.type', 'e.title', 'e.participantCount'])
          .orderBy('e.startDate')
          .orderBy('e.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'startDate', label: '日期' },
            { key: 'association', label: '协会' },
            { key: 'type', label: '类型' },
            { key: 'title', label: '活动' },
            { key: 'participants', label: '参加人数' },
          ],
          total: Number(total),
          rows: rows.map((r) => ({
            id: r.id,
            startDate: r.startDate,
            association: r.association,
            type: ACTIVITY_TYPE_LABELS[r.type],
            title: r.title,
            participants: Number(r.participantCount),
          })),
        };
      },
    },
    {
      name: 'associations.members',
      module: 'associations',
      label: { zh: '协会会员', en: 'Association members' },
      unit: '名',
      kind: 'count',
      definition: '期末（期间最后一天）在册的协会会员数（已加入且未退出；个人和单位会员）。',
      permission: 'associations.read',
      async compute(ctx) {
        const r = await members(ctx).select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      async records(ctx, _p, page) {
        const q = members(ctx);
        const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
        const rows = await q
          .select(['m.id', 'a.name as association', 'm.name', 'm.role', 'm.joinedOn'])
          .orderBy('a.name')
          .orderBy('m.joinedOn')
          .orderBy('m.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'association', label: '协会' },
            { key: 'name', label: '会员' },
            { key: 'role', label: '职务' },
            { key: 'joinedOn', label: '加入日期' },
          ],
          total: Number(total),
          rows,
        };
      },
    },
  ];
}

export const associationsSummary: SummaryBlockDef[] = [
  {
    module: 'associations',
    order: 60,
    heading: '加强联谊，整合资源，抓好协会工作',
    paragraphs: [
      '重点抓好巾帼之友协会、女企业家协会工作，精心打造协会季度平台活动，全年组织协会活动{associations.activities}次，协会现有会员{associations.members}名，增强了妇联的凝聚力和感召力。',
    ],
  },
];
