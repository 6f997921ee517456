import { sql } from 'kysely';
import { CLASS_SOURCES, SITE_KIND_LABELS } from '@jinguo/domain';
import { orgInScope } from '../../db/scope.js';
import { ValidationError } from '../../platform/errors.js';
import type { FactContext, FactDefinition, FactParams, FactRecords, SummaryBlockDef } from '../../platform/facts.js';
import { attendanceSql, classesWithFigures, heldOnSql } from './parentschools.repository.js';

/**
 * The parent schools' figures: sites open at the end of the period, classes held and parents attending in it
 * (a family-education training session taken as a class counts with the training's own date and attendance,
 * read from the activities module, so those parents are counted once), and the year's textbook order.
 */

const MODULE = 'parentschools';
type Paging = { limit: number; offset: number };

/** Sites open on the period's last day: established by then and not closed by then. */
function openSites(ctx: FactContext) {
  return ctx.db
    .selectFrom('parentSchoolSites as s')
    .where((eb) => orgInScope(eb, 's.owner_org_id', ctx.scope))
    .where('s.establishedOn', '<=', ctx.period.to)
    .where((eb) => eb.or([eb('s.closedOn', 'is', null), eb('s.closedOn', '>', ctx.period.to)]));
}

/** Classes held in the period; `source=own|training` keeps the site's own classes or the training sessions only. */
function classes(ctx: FactContext, params: FactParams) {
  const source = params.source;
  if (source !== undefined && source !== '' && !(CLASS_SOURCES as readonly string[]).includes(source))
    throw new ValidationError(`未知的授课来源：${source}（可选：${CLASS_SOURCES.join('、')}）`);
  let q = classesWithFigures(ctx.db)
    .where((eb) => orgInScope(eb, 'c.owner_org_id', ctx.scope))
    .where(heldOnSql, '>=', ctx.period.from)
    .where(heldOnSql, '<=', ctx.period.to);
  if (source === 'own') q = q.where('c.trainingSessionId', 'is', null);
  if (source === 'training') q = q.where('c.trainingSessionId', 'is not', null);
  return q;
}

function orders(ctx: FactContext) {
  return ctx.db
    .selectFrom('parentSchoolOrders as r')
    .where((eb) => orgInScope(eb, 'r.owner_org_id', ctx.scope))
    .where('r.orderedOn', '>=', ctx.period.from)
    .where('r.orderedOn', '<=', ctx.period.to);
}

async function classRecords(ctx: FactContext, params: FactParams, page: Paging): Promise<FactRecords> {
  const q = classes(ctx, params);
  const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
  const rows = await q
    .select([
      'c.id',
      's.name as siteName',
      heldOnSql.as('heldOn'),
      sql<string>`coalesce(ts.topic, c.topic)`.as('topic'),
      'ts.courseTitle',
      attendanceSql.as('attendance'),
    ])
    .orderBy(heldOnSql)
    .orderBy('c.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    columns: [
      { key: 'heldOn', label: '授课日期' },
      { key: 'siteName', label: '家长学校' },
      { key: 'topic', label: '授课主题' },
      { key: 'source', label: '来源' },
      { key: 'attendance', label: '到课家长人数' },
    ],
    total: Number(total),
    rows: rows.map((r) => ({
      id: r.id,
      heldOn: r.heldOn,
      siteName: r.siteName,
      topic: r.topic,
      source: r.courseTitle ? `家庭教育培训班：${r.courseTitle}` : '家长学校授课',
      attendance: Number(r.attendance),
    })),
  };
}

async function orderRecords(ctx: FactContext, page: Paging): Promise<FactRecords> {
  const q = orders(ctx);
  const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
  const rows = await q
    .innerJoin('parentSchoolSites as s', 's.id', 'r.siteId')
    .innerJoin('parentSchoolTextbooks as b', 'b.id', 'r.textbookId')
    .select(['r.id', 'r.orderedOn', 's.name as siteName', 'b.title', 'r.quantity', 'r.unitPriceFen', 'r.collectedFen'])
    .orderBy('r.orderedOn')
    .orderBy('r.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    columns: [
      { key: 'orderedOn', label: '征订日期' },
      { key: 'siteName', label: '家长学校' },
      { key: 'title', label: '教材' },
      { key: 'quantity', label: '册数' },
      { key: 'amountYuan', label: '应收（元）' },
      { key: 'collectedYuan', label: '已收（元）' },
    ],
    total: Number(total),
    rows: rows.map((r) => ({
      id: r.id,
      orderedOn: r.orderedOn,
      siteName: r.siteName,
      title: r.title,
      quantity: Number(r.quantity),
      amountYuan: (Number(r.quantity) * Number(r.unitPriceFen)) / 100,
      collectedYuan: Number(r.collectedFen) / 100,
    })),
  };
}

function orderSum(name: string, label: { zh: string; en: string }, unit: string, expr: string, definition: string): FactDefinition {
  return {
    name,
    module: MODULE,
    label,
    unit,
    kind: unit === '元' ? 'money' : 'count',
    definition,
    permission: 'parentschools.read',
    async compute(ctx) {
      const r = await orders(ctx)
        .select(sql<number>`coalesce(sum(${sql.raw(expr)}), 0)`.as('v'))
        .executeTakeFirstOrThrow();
      return { value: Number(r.v) };
    },
    records: (ctx, _p, page) => orderRecords(ctx, page),
  };
}

export function parentSchoolsFacts(): FactDefinition[] {
  return [
    {
      name: 'parentschools.sites',
      module: MODULE,
      label: { zh: '家长学校', en: 'Parent schools' },
      unit: '所',
      kind: 'count',
      definition: '期末（期间最后一日）在办的家长学校数：成立日期不晚于期末、未停办或停办日期在期末之后。',
      permission: 'parentschools.read',
      async compute(ctx) {
        const r = await openSites(ctx).select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      async records(ctx, _p, page) {
        const q = openSites(ctx);
        const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
        const rows = await q
          .innerJoin('orgUnits as o', 'o.id', 's.ownerOrgId')
          .select(['s.id', 's.name', 's.kind', 'o.name as ownerOrgName', 's.establishedOn'])
          .orderBy('s.name')
          .orderBy('s.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'name', label: '家长学校' },
            { key: 'kind', label: '办学类型' },
            { key: 'ownerOrgName', label: '所属妇联' },
            { key: 'establishedOn', label: '成立日期' },
          ],
          total: Number(total),
          rows: rows.map((r) => ({ ...r, kind: SITE_KIND_LABELS[r.kind] })),
        };
      },
    },
    {
      name: 'parentschools.classes',
      module: MODULE,
      label: { zh: '家长学校授课', en: 'Parent-school classes' },
      unit: '次',
      kind: 'count',
      definition:
        '期间内（按授课日期）家长学校的授课次数，含在家长学校举办的家庭教育培训班期次（日期取自培训期次）；source=own 只计家长学校自行授课，source=training 只计培训班期次。',
      permission: 'parentschools.read',
      async compute(ctx, params) {
        const r = await classes(ctx, params).select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: classRecords,
    },
    {
      name: 'parentschools.attendance',
      module: MODULE,
      label: { zh: '参训家长', en: 'Parents attending (person-times)' },
      unit: '人次',
      kind: 'count',
      definition:
        '期间内家长学校各次授课的到课家长人数之和（人次）；家庭教育培训班期次的人数取自培训记录，不重复计算（可按 source 筛选）。',
      permission: 'parentschools.read',
      async compute(ctx, params) {
        const r = await classes(ctx, params).select(sql<number>`coalesce(sum(${attendanceSql}), 0)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: classRecords,
    },
    orderSum(
      'parentschools.textbooks',
      { zh: '教材征订', en: 'Textbooks ordered' },
      '册',
      'r.quantity',
      '期间内（按征订日期）家长学校征订家庭教育教材的册数之和。',
    ),
    orderSum(
      'parentschools.textbooks.due',
      { zh: '教材应收款', en: 'Textbook money due' },
      '元',
      'r.quantity * r.unit_price_fen',
      '期间内（按征订日期）征订教材的应收金额之和（册数 × 征订时单价，分）。',
    ),
    orderSum(
      'parentschools.textbooks.collected',
      { zh: '教材已收款', en: 'Textbook money collected' },
      '元',
      'r.collected_fen',
      '期间内（按征订日期）征订教材已向家长收取的金额之和（分）。',
    ),
  ];
}

/** Placed before 优化儿童发展环境 (order 70), whose paragraph states the 家庭教育培训班; those held at a site are among the classes here. */
export const parentSchoolsSummary: SummaryBlockDef[] = [
  {
    module: MODULE,
    order: 68,
    heading: '办好家长学校，推进家庭教育',
    paragraphs: [
      '以家长学校为阵地推进家庭教育，全{area}现有家长学校{parentschools.sites}所，全年授课{parentschools.classes}次（其中家庭教育培训班{parentschools.classes?source=training}期），参训家长{parentschools.attendance}人次。',
      '做好家长学校教材征订工作，全年征订家庭教育教材{parentschools.textbooks}册，应收教材款{parentschools.textbooks.due}元，已收{parentschools.textbooks.collected}元。',
    ],
  },
];
