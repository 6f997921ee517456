import { sql } from 'kysely';
import {
  ACTIVITY_TYPE_LABELS,
  ACTIVITY_TYPES,
  PUBLICITY_LEVEL_LABELS,
  PUBLICITY_MEDIUM_LABELS,
  RESOURCE_CATEGORIES,
  RESOURCE_CATEGORY_LABELS,
  TRAINEE_OUTCOME_LABELS,
  TRAINING_CATEGORIES,
  TRAINING_CATEGORY_LABELS,
  type ActivityType,
  type ResourceCategory,
  type TrainingCategory,
} from '@jinguo/domain';
import { orgInScope } from '../../db/scope.js';
import { ValidationError } from '../../platform/errors.js';
import type { FactContext, FactDefinition, FactParams, FactRecords, SummaryBlockDef } from '../../platform/facts.js';

/**
 * The figures the activities module gives to reports. Every figure is an SQL aggregate over the records whose
 * business date (an event's start date, a session's date, an outcome's date, a report's publication date)
 * lies in the period, inside the caller's org subtree; each has a drill-down listing the rows it counted.
 */

const MODULE = 'activities';
const ORGANISER_KINDS = ['township', 'street', 'department'] as const;
const ORGANISER_KIND_LABELS: Record<string, string> = { township: '乡镇', street: '街道', department: '区级部门' };
const OUTCOMES = ['reemployed', 'started_business'] as const;

function param<T extends string>(params: FactParams, key: string, allowed: readonly T[], label: string): T | undefined {
  const v = params[key];
  if (v === undefined || v === '') return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new ValidationError(`未知的${label}：${v}（可选：${allowed.join('、')}）`);
  return v as T;
}

/** Events of the period in scope, optionally of one type. */
function events(ctx: FactContext, params: FactParams) {
  const type = param<ActivityType>(params, 'type', ACTIVITY_TYPES, '活动类型');
  let q = ctx.db
    .selectFrom('activityEvents as e')
    .where((eb) => orgInScope(eb, 'e.owner_org_id', ctx.scope))
    .where('e.startDate', '>=', ctx.period.from)
    .where('e.startDate', '<=', ctx.period.to);
  if (type) q = q.where('e.type', '=', type);
  return q;
}

const eventColumns = [
  { key: 'startDate', label: '日期' },
  { key: 'type', label: '类型' },
  { key: 'title', label: '活动名称' },
  { key: 'organiser', label: '主办单位' },
  { key: 'value', label: '计入数' },
];

/** Drill-down rows for an event-level figure: each event with the number it contributes. */
function eventRecords(column: 'participant_count' | 'units_visited' | 'good_deeds' | 'performances' | null) {
  return async (ctx: FactContext, params: FactParams, page: { limit: number; offset: number }): Promise<FactRecords> => {
    let q = events(ctx, params);
    if (column) q = q.where(sql.ref(`e.${column}`), '>', 0);
    const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
    const rows = await q
      .innerJoin('orgUnits as o', 'o.id', 'e.ownerOrgId')
      .select([
        'e.id',
        'e.startDate',
        'e.type',
        'e.title',
        'o.name as organiser',
        (column ? sql<number>`${sql.ref(`e.${column}`)}` : sql<number>`1`).as('value'),
      ])
      .orderBy('e.startDate')
      .orderBy('e.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return {
      columns: eventColumns,
      total: Number(total),
      rows: rows.map((r) => ({
        id: r.id,
        startDate: r.startDate,
        type: ACTIVITY_TYPE_LABELS[r.type],
        title: r.title,
        organiser: r.organiser,
        value: Number(r.value),
      })),
    };
  };
}

function eventSum(
  name: string,
  column: 'participant_count' | 'units_visited' | 'good_deeds' | 'performances',
  label: { zh: string; en: string },
  unit: string,
  definition: string,
): FactDefinition {
  return {
    name,
    module: MODULE,
    label,
    unit,
    kind: 'count',
    definition,
    permission: 'activities.read',
    async compute(ctx, params) {
      const r = await events(ctx, params)
        .select(sql<number>`coalesce(sum(${sql.ref(`e.${column}`)}), 0)`.as('v'))
        .executeTakeFirstOrThrow();
      return { value: Number(r.v) };
    },
    records: eventRecords(column),
  };
}

/** Resource lines of the period's events, optionally of one event type and one category. */
function resources(ctx: FactContext, params: FactParams) {
  const category = param<ResourceCategory>(params, 'category', RESOURCE_CATEGORIES, '物资类别');
  let q = events(ctx, params).innerJoin('activityEventResources as r', 'r.eventId', 'e.id');
  if (category) q = q.where('r.category', '=', category);
  return q;
}

function resourceFact(name: string, kind: 'quantity' | 'value'): FactDefinition {
  return {
    name,
    module: MODULE,
    label:
      kind === 'quantity'
        ? { zh: '活动物资数量', en: 'Resources given (quantity)' }
        : { zh: '活动物资价值', en: 'Resources given (value)' },
    unit: kind === 'quantity' ? '件' : '元',
    kind: kind === 'quantity' ? 'count' : 'money',
    definition:
      kind === 'quantity'
        ? '期间内开展的活动（按开始日期；可按活动类型 type 和物资类别 category 筛选）登记的物资明细数量之和。'
        : '期间内开展的活动（按开始日期；可按活动类型 type 和物资类别 category 筛选）登记的物资明细价值之和（分）。',
    permission: 'activities.read',
    async compute(ctx, params) {
      const col = kind === 'quantity' ? sql`r.quantity` : sql`r.value_fen`;
      const r = await resources(ctx, params).select(sql<number>`coalesce(sum(${col}), 0)`.as('v')).executeTakeFirstOrThrow();
      return { value: Number(r.v) };
    },
    async records(ctx, params, page) {
      const q = resources(ctx, params);
      const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
      const rows = await q
        .innerJoin('orgUnits as o', 'o.id', 'e.ownerOrgId')
        .select(['r.id', 'e.startDate', 'e.title', 'o.name as organiser', 'r.category', 'r.item', 'r.quantity', 'r.valueFen'])
        .orderBy('e.startDate')
        .orderBy('r.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return {
        columns: [
          { key: 'startDate', label: '日期' },
          { key: 'title', label: '活动名称' },
          { key: 'organiser', label: '主办单位' },
          { key: 'category', label: '类别' },
          { key: 'item', label: '物品' },
          { key: 'quantity', label: '数量' },
          { key: 'valueYuan', label: '价值（元）' },
        ],
        total: Number(total),
        rows: rows.map((r) => ({
          id: r.id,
          startDate: r.startDate,
          title: r.title,
          organiser: r.organiser,
          category: RESOURCE_CATEGORY_LABELS[r.category],
          item: r.item,
          quantity: Number(r.quantity),
          valueYuan: Number(r.valueFen) / 100,
        })),
      };
    },
  };
}

function organisers(ctx: FactContext, params: FactParams) {
  const kind = param(params, 'kind', ORGANISER_KINDS, '单位类别');
  let q = events(ctx, params).innerJoin('orgUnits as o', 'o.id', 'e.ownerOrgId');
  if (kind) q = q.where('o.kind', '=', kind);
  return q;
}

function sessions(ctx: FactContext, params: FactParams) {
  const category = param<TrainingCategory>(params, 'category', TRAINING_CATEGORIES, '培训类别');
  let q = ctx.db
    .selectFrom('trainingSessions as s')
    .innerJoin('trainingCourses as c', 'c.id', 's.courseId')
    .where((eb) => orgInScope(eb, 's.owner_org_id', ctx.scope))
    .where('s.sessionDate', '>=', ctx.period.from)
    .where('s.sessionDate', '<=', ctx.period.to);
  if (category) q = q.where('c.category', '=', category);
  return q;
}

async function sessionRecords(ctx: FactContext, params: FactParams, page: { limit: number; offset: number }): Promise<FactRecords> {
  const q = sessions(ctx, params);
  const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
  const rows = await q
    .select(['s.id', 's.sessionDate', 'c.title as course', 'c.category', 's.topic', 's.attendeeCount'])
    .orderBy('s.sessionDate')
    .orderBy('s.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    columns: [
      { key: 'sessionDate', label: '日期' },
      { key: 'course', label: '培训班' },
      { key: 'category', label: '类别' },
      { key: 'topic', label: '专题' },
      { key: 'attendees', label: '参训人数' },
    ],
    total: Number(total),
    rows: rows.map((r) => ({
      id: r.id,
      sessionDate: r.sessionDate,
      course: r.course,
      category: TRAINING_CATEGORY_LABELS[r.category],
      topic: r.topic,
      attendees: Number(r.attendeeCount),
    })),
  };
}

/** Trainees with an outcome dated in the period, inside the scope (`t` trainees, `c` courses); other modules build on it through the index. */
export function outcomes(ctx: FactContext, params: FactParams) {
  const outcome = param(params, 'outcome', OUTCOMES, '跟踪结果');
  let q = ctx.db
    .selectFrom('trainingTrainees as t')
    .innerJoin('trainingCourses as c', 'c.id', 't.courseId')
    .where((eb) => orgInScope(eb, 't.owner_org_id', ctx.scope))
    .where('t.outcomeDate', '>=', ctx.period.from)
    .where('t.outcomeDate', '<=', ctx.period.to);
  q = outcome ? q.where('t.outcome', '=', outcome) : q.where('t.outcome', 'in', [...OUTCOMES]);
  return q;
}

function publicity(ctx: FactContext) {
  return ctx.db
    .selectFrom('activityPublicity as p')
    .where((eb) => orgInScope(eb, 'p.owner_org_id', ctx.scope))
    .where('p.publishedOn', '>=', ctx.period.from)
    .where('p.publishedOn', '<=', ctx.period.to);
}

export function activitiesFacts(): FactDefinition[] {
  return [
    {
      name: 'activities.events',
      module: MODULE,
      label: { zh: '开展活动', en: 'Events held' },
      unit: '次',
      kind: 'count',
      definition: '期间内开始的活动数（可按活动类型 type 筛选）；一个活动在多个单位分别开展时按单位分别计数。',
      permission: 'activities.read',
      async compute(ctx, params) {
        const r = await events(ctx, params).select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: eventRecords(null),
    },
    eventSum(
      'activities.participants',
      'participant_count',
      { zh: '活动参加人数', en: 'Participants' },
      '人',
      '期间内开始的活动（可按 type 筛选）的参加人数之和；按名单登记的活动以名单人数计。',
    ),
    eventSum(
      'activities.screened',
      'participant_count',
      { zh: '参加筛查人数', en: 'People screened' },
      '人',
      '期间内健康筛查活动（type=health_screening）的参加人数之和。',
    ),
    eventSum(
      'activities.unitsVisited',
      'units_visited',
      { zh: '走访慰问学校幼儿园', en: 'Schools and kindergartens visited' },
      '所',
      '期间内活动（可按 type 筛选）登记的走访学校、幼儿园数之和；同一学校被不同单位走访时分别计入。',
    ),
    eventSum(
      'activities.goodDeeds',
      'good_deeds',
      { zh: '为儿童办好事实事', en: 'Good deeds for children' },
      '件',
      '期间内活动（可按 type 筛选）登记的为儿童办好事、实事件数之和。',
    ),
    eventSum(
      'activities.performances',
      'performances',
      { zh: '慰问演出', en: 'Performances' },
      '场',
      '期间内活动（可按 type 筛选）登记的演出场次之和。',
    ),
    resourceFact('activities.resources.quantity', 'quantity'),
    resourceFact('activities.resources.value', 'value'),
    {
      name: 'activities.organisers',
      module: MODULE,
      label: { zh: '开展活动的单位', en: 'Organising units' },
      unit: '个',
      kind: 'count',
      definition: '期间内主办过活动的不同单位数（可按活动类型 type、单位类别 kind=township|street|department 筛选）。',
      permission: 'activities.read',
      async compute(ctx, params) {
        const r = await organisers(ctx, params).select(sql<number>`count(distinct e.owner_org_id)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      async records(ctx, params, page) {
        const q = organisers(ctx, params).groupBy(['o.id', 'o.name', 'o.kind']);
        const all = await q.select(['o.id']).execute();
        const rows = await q
          .select(['o.id', 'o.name', 'o.kind', sql<number>`count(*)`.as('events')])
          .orderBy('o.name')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'name', label: '单位' },
            { key: 'kind', label: '类别' },
            { key: 'events', label: '活动数' },
          ],
          total: all.length,
          rows: rows.map((r) => ({ id: r.id, name: r.name, kind: ORGANISER_KIND_LABELS[r.kind] ?? r.kind, events: Number(r.events) })),
        };
      },
    },
    {
      name: 'activities.training.sessions',
      module: MODULE,
      label: { zh: '举办培训', en: 'Training sessions' },
      unit: '期',
      kind: 'count',
      definition: '期间内举办的培训期次数（按期次日期；可按培训类别 category 筛选）。',
      permission: 'activities.read',
      async compute(ctx, params) {
        const r = await sessions(ctx, params).select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: sessionRecords,
    },
    {
      name: 'activities.training.trainees',
      module: MODULE,
      label: { zh: '培训人次', en: 'Trainees (person-times)' },
      unit: '人',
      kind: 'count',
      definition: '期间内各培训期次的参训人数之和（人次；按名单登记的期次以实到学员计；可按培训类别 category 筛选）。',
      permission: 'activities.read',
      async compute(ctx, params) {
        const r = await sessions(ctx, params).select(sql<number>`coalesce(sum(s.attendee_count), 0)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: sessionRecords,
    },
    {
      name: 'activities.training.outcome',
      module: MODULE,
      label: { zh: '培训后就业创业', en: 'Trainees re-employed or in business' },
      unit: '人',
      kind: 'count',
      definition:
        '期间内（按结果日期）跟踪确认实现再就业（outcome=reemployed）或自主创业（outcome=started_business）的学员数；不填 outcome 时两者合计。',
      permission: 'activities.read',
      async compute(ctx, params) {
        const r = await outcomes(ctx, params).select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      async records(ctx, params, page) {
        const q = outcomes(ctx, params);
        const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
        const rows = await q
          .select(['t.id', 't.name', 't.outcome', 't.outcomeDate', 'c.title as course'])
          .orderBy('t.outcomeDate')
          .orderBy('t.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'name', label: '学员' },
            { key: 'course', label: '培训班' },
            { key: 'outcome', label: '结果' },
            { key: 'outcomeDate', label: '日期' },
          ],
          total: Number(total),
          rows: rows.map((r) => ({
            id: r.id,
            name: r.name,
            course: r.course,
            outcome: r.outcome ? TRAINEE_OUTCOME_LABELS[r.outcome] : null,
            outcomeDate: r.outcomeDate,
          })),
        };
      },
    },
    {
      name: 'activities.publicity',
      module: MODULE,
      label: { zh: '宣传报道', en: 'Publicity reports' },
      unit: '篇',
      kind: 'count',
      definition: '期间内（按发布日期）在报刊、网站、新媒体等刊发的宣传报道篇数。',
      permission: 'activities.read',
      async compute(ctx) {
        const r = await publicity(ctx).select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      async records(ctx, _params, page) {
        const q = publicity(ctx);
        const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
        const rows = await q
          .select(['p.id', 'p.publishedOn', 'p.outlet', 'p.medium', 'p.level', 'p.title'])
          .orderBy('p.publishedOn')
          .orderBy('p.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'publishedOn', label: '日期' },
            { key: 'outlet', label: '媒体' },
            { key: 'medium', label: '类型' },
            { key: 'level', label: '级别' },
            { key: 'title', label: '标题' },
          ],
          total: Number(total),
          rows: rows.map((r) => ({
            id: r.id,
            publishedOn: r.publishedOn,
            outlet: r.outlet,
            medium: PUBLICITY_MEDIUM_LABELS[r.medium],
            level: PUBLICITY_LEVEL_LABELS[r.level],
            title: r.title,
          })),
        };
      },
    },
  ];
}

/**
 * The module's paragraphs of the annual summary, worded after the reference summary; every figure is a fact. The
 * 二次就业 figure is the placement module's: it counts a woman once across training outcomes and placements.
 */
export const activitiesSummary: SummaryBlockDef[] = [
  {
    module: MODULE,
    order: 10,
    heading: '强化宣传教育，扩大妇联组织影响力',
    paragraphs: [
      '抓学习教育，提升妇联形象。全年举办管理研修等培训{activities.training.sessions?category=management}期，参训{activities.training.trainees?category=management}人次，培养团队精神，增强管理能力，提升综合素质。',
      '抓宣传阵地，扩大妇联影响力。借助报刊、网站和新媒体等平台大力宣传妇联创新工作，全年刊发宣传报道{activities.publicity}篇。',
      '抓活动载体，展示妇联特色。在“三八”妇女节前后开展系列活动：向全{area}女领导干部发出慰问信{activities.resources.quantity?type=womens_day&category=letter}封；召开执委扩大会等会议{activities.events?type=meeting}次；组织联谊出游活动{activities.events?type=outing}次，参加{activities.participants?type=outing}人，有效增强了妇联的凝聚力和感召力。',
    ],
  },
  {
    module: MODULE,
    order: 20,
    heading: '强化服务，推动妇女创业就业',
    paragraphs: [
      '依托职业技能培训学校等阵地，面向农村妇女、城镇下岗失业妇女开展技能培训，共举办培训{activities.training.sessions?category=skills}期，培训{activities.training.trainees?category=skills}人次，帮助{placement.reemployed}名妇女实现二次就业。',
    ],
  },
  {
    module: MODULE,
    order: 70,
    heading: '优化儿童发展环境，关爱妇女健康',
    paragraphs: [
      '举办家庭教育培训班{activities.training.sessions?category=family_education}期，参训家长和家庭教育工作者{activities.training.trainees?category=family_education}人次。',
      '以“六一”儿童节为契机，全{area}{activities.organisers?type=childrens_day&kind=township}个乡镇、{activities.organisers?type=childrens_day&kind=street}条街道、{activities.organisers?type=childrens_day&kind=department}个区级部门在“六一”期间慰问辖区内中小学、幼儿园{activities.unitsVisited?type=childrens_day}所，送慰问品{activities.resources.quantity?type=childrens_day&category=gift}件，价值{activities.resources.value?type=childrens_day&category=gift}；为儿童办好事、实事{activities.goodDeeds?type=childrens_day}件；组织慰问演出{activities.performances?type=childrens_day}场；为儿童捐书{activities.resources.quantity?type=childrens_day&category=book}册，价值{activities.resources.value?type=childrens_day&category=book}；赠教具{activities.resources.quantity?type=childrens_day&category=teaching_aid}件，价值{activities.resources.value?type=childrens_day&category=teaching_aid}；共发放慰问金{activities.resources.value?type=childrens_day&category=cash}。',
      '不断提高妇女健康素质，开展健康促进培训{activities.training.sessions?category=health}期，培训妇联干部、乡村医生、妇女群众{activities.training.trainees?category=health}人次；开展妇女健康筛查活动{activities.events?type=health_screening}次，共有{activities.screened?type=health_screening}名妇女参加普查。',
    ],
  },
];
