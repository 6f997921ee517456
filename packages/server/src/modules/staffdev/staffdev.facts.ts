import { sql } from 'kysely';
import {
  DEGREE_LABELS,
  STAFF_CATEGORIES,
  STAFF_CATEGORY_LABELS,
  STUDY_STATUS_LABELS,
  TRAINING_LEVEL_LABELS,
  TRAINING_LEVELS,
  type StaffCategory,
  type TrainingLevel,
} from '@jinguo/domain';
import { orgInScope } from '../../db/scope.js';
import { ValidationError } from '../../platform/errors.js';
import type { FactContext, FactDefinition, FactParams, FactRecords, SummaryBlockDef } from '../../platform/facts.js';

/**
 * The staff-development figures: trainings the federation sent its people to (人次, people, hours; by level and by
 * category of staff), degree studies under way or completed, certificates obtained — each one SQL aggregate over
 * the records dated in the period inside the caller's subtree, with the rows behind it.
 */

const MODULE = 'staffdev';
type Paging = { limit: number; offset: number };

function param<T extends string>(params: FactParams, key: string, allowed: readonly T[], label: string): T | undefined {
  const v = params[key];
  if (v === undefined || v === '') return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new ValidationError(`未知的${label}：${v}（可选：${allowed.join('、')}）`);
  return v as T;
}

/** Training records that started in the period; ?level=national|province|city|district|other, ?category=<staff category>. */
function trainings(ctx: FactContext, params: FactParams) {
  const level = param<TrainingLevel>(params, 'level', TRAINING_LEVELS, '培训级别');
  const category = param<StaffCategory>(params, 'category', STAFF_CATEGORIES, '人员类别');
  let q = ctx.db
    .selectFrom('staffTrainings as t')
    .innerJoin('staffMembers as m', 'm.id', 't.staffId')
    .where((eb) => orgInScope(eb, 't.owner_org_id', ctx.scope))
    .where('t.startDate', '>=', ctx.period.from)
    .where('t.startDate', '<=', ctx.period.to);
  if (level) q = q.where('t.level', '=', level);
  if (category) q = q.where('m.category', '=', category);
  return q;
}

async function trainingRecords(ctx: FactContext, params: FactParams, page: Paging): Promise<FactRecords> {
  const q = trainings(ctx, params);
  const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
  const rows = await q
    .select(['t.id', 't.startDate', 'm.name', 'm.category', 't.title', 't.organiser', 't.level', 't.hours'])
    .orderBy('t.startDate')
    .orderBy('t.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    columns: [
      { key: 'startDate', label: '开始日期' },
      { key: 'name', label: '姓名' },
      { key: 'category', label: '人员类别' },
      { key: 'title', label: '培训名称' },
      { key: 'organiser', label: '主办单位' },
      { key: 'level', label: '级别' },
      { key: 'hours', label: '学时' },
    ],
    total: Number(total),
    rows: rows.map((r) => ({
      ...r,
      category: STAFF_CATEGORY_LABELS[r.category],
      level: TRAINING_LEVEL_LABELS[r.level],
      hours: Number(r.hours),
    })),
  };
}

/** Degree studies under way at some time in the period (started by its end, not ended before its start). */
function studying(ctx: FactContext) {
  return ctx.db
    .selectFrom('staffDegrees as d')
    .innerJoin('staffMembers as m', 'm.id', 'd.staffId')
    .where((eb) => orgInScope(eb, 'd.owner_org_id', ctx.scope))
    .where('d.startDate', '<=', ctx.period.to)
    .where((eb) => eb.or([eb('d.status', '=', 'studying'), eb('d.completedOn', '>=', ctx.period.from)]));
}
function completed(ctx: FactContext) {
  return ctx.db
    .selectFrom('staffDegrees as d')
    .innerJoin('staffMembers as m', 'm.id', 'd.staffId')
    .where((eb) => orgInScope(eb, 'd.owner_org_id', ctx.scope))
    .where('d.status', '=', 'graduated')
    .where('d.completedOn', '>=', ctx.period.from)
    .where('d.completedOn', '<=', ctx.period.to);
}
async function degreeRecords(q: ReturnType<typeof studying>, page: Paging, distinct: boolean): Promise<FactRecords> {
  const [{ total }] = await q.select(sql<number>`count(${sql.raw(distinct ? 'distinct d.staff_id' : '*')})`.as('total')).execute();
  const rows = await q
    .select(['d.id', 'm.name', 'd.degree', 'd.school', 'd.startDate', 'd.status', 'd.completedOn'])
    .orderBy('m.name')
    .orderBy('d.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    columns: [
      { key: 'name', label: '姓名' },
      { key: 'degree', label: '学历层次' },
      { key: 'school', label: '学校' },
      { key: 'startDate', label: '入学日期' },
      { key: 'status', label: '状态' },
      { key: 'completedOn', label: '毕业（退学）日期' },
    ],
    total: Number(total),
    rows: rows.map((r) => ({ ...r, degree: DEGREE_LABELS[r.degree], status: STUDY_STATUS_LABELS[r.status] })),
  };
}

function certificates(ctx: FactContext) {
  return ctx.db
    .selectFrom('staffCertificates as c')
    .innerJoin('staffMembers as m', 'm.id', 'c.staffId')
    .where((eb) => orgInScope(eb, 'c.owner_org_id', ctx.scope))
    .where('c.issuedOn', '>=', ctx.period.from)
    .where('c.issuedOn', '<=', ctx.period.to);
}

const PARAMS = '可按培训级别 level=national|province|city|district|other、人员类别 category=federation|wcc_office|grassroots|cadre 筛选。';

export function staffdevFacts(): FactDefinition[] {
  return [
    {
      name: 'staffdev.trainings',
      module: MODULE,
      label: { zh: '选送干部参加培训', en: 'Staff sent to training (person-times)' },
      unit: '人次',
      kind: 'count',
      definition: `期间内（按培训开始日期）选送本单位干部参加各级业务培训的人次。${PARAMS}`,
      permission: 'staffdev.read',
      async compute(ctx, params) {
        const r = await trainings(ctx, params).select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: trainingRecords,
    },
    {
      name: 'staffdev.people',
      module: MODULE,
      label: { zh: '参加培训的干部', en: 'Staff trained' },
      unit: '名',
      kind: 'count',
      definition: `期间内（按培训开始日期）至少参加过一次培训的本单位干部人数（同一人多次培训只计一次）。${PARAMS}`,
      permission: 'staffdev.read',
      async compute(ctx, params) {
        const r = await trainings(ctx, params).select(sql<number>`count(distinct t.staff_id)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      async records(ctx, params, page) {
        const q = trainings(ctx, params);
        const [{ total }] = await q.select(sql<number>`count(distinct t.staff_id)`.as('total')).execute();
        const rows = await q
          .select(['m.id', 'm.name', 'm.category', sql<number>`count(*)`.as('trainings'), sql<number>`sum(t.hours)`.as('hours')])
          .groupBy(['m.id', 'm.name', 'm.category'])
          .orderBy('m.name')
          .orderBy('m.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'name', label: '姓名' },
            { key: 'category', label: '人员类别' },
            { key: 'trainings', label: '培训次数' },
            { key: 'hours', label: '学时' },
          ],
          total: Number(total),
          rows: rows.map((r) => ({
            ...r,
            category: STAFF_CATEGORY_LABELS[r.category],
            trainings: Number(r.trainings),
            hours: Number(r.hours),
          })),
        };
      },
    },
    {
      name: 'staffdev.hours',
      module: MODULE,
      label: { zh: '干部培训学时', en: 'Training hours' },
      unit: '学时',
      kind: 'count',
      definition: `期间内（按培训开始日期）本单位干部参加培训的学时之和。${PARAMS}`,
      permission: 'staffdev.read',
      async compute(ctx, params) {
        const r = await trainings(ctx, params).select(sql<number>`coalesce(sum(t.hours), 0)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: trainingRecords,
    },
    {
      name: 'staffdev.degrees',
      module: MODULE,
      label: { zh: '参加学历教育的干部', en: 'Staff in degree studies' },
      unit: '名',
      kind: 'count',
      definition: '期间内在读（期间结束前入学、期间开始后才毕业或退学，或仍在读）的本单位干部人数，同一人多项学历教育只计一次。',
      permission: 'staffdev.read',
      async compute(ctx) {
        const r = await studying(ctx).select(sql<number>`count(distinct d.staff_id)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: (ctx, _p, page) => degreeRecords(studying(ctx), page, true),
    },
    {
      name: 'staffdev.degreesCompleted',
      module: MODULE,
      label: { zh: '完成学历教育', en: 'Degrees completed' },
      unit: '人',
      kind: 'count',
      definition: '期间内（按毕业日期）完成学历教育的本单位干部人次。',
      permission: 'staffdev.read',
      async compute(ctx) {
        const r = await completed(ctx).select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: (ctx, _p, page) => degreeRecords(completed(ctx) as unknown as ReturnType<typeof studying>, page, false),
    },
    {
      name: 'staffdev.certificates',
      module: MODULE,
      label: { zh: '取得职业资格等证书', en: 'Certificates obtained' },
      unit: '个',
      kind: 'count',
      definition: '期间内（按发证日期）本单位干部取得的职业资格、岗位培训等证书数。',
      permission: 'staffdev.read',
      async compute(ctx) {
        const r = await certificates(ctx).select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      async records(ctx, _p, page) {
        const q = certificates(ctx);
        const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
        const rows = await q
          .select(['c.id', 'c.issuedOn', 'm.name', 'c.name as certificate', 'c.issuer'])
          .orderBy('c.issuedOn')
          .orderBy('c.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'issuedOn', label: '发证日期' },
            { key: 'name', label: '姓名' },
            { key: 'certificate', label: '证书' },
            { key: 'issuer', label: '发证机构' },
          ],
          total: Number(total),
          rows,
        };
      },
    },
  ];
}

/** Worded after the reference: part 一（一）1 (选送…参加全国、省、市、区的各类业务培训) and （四）2 (the 妇儿工委办 cadre sent to the national training). */
export const staffdevSummary: SummaryBlockDef[] = [
  {
    module: MODULE,
    order: 10,
    heading: '强化宣传教育，扩大妇联组织影响力',
    paragraphs: [
      '为提高干部自身素质，积极选送部门人员参加全国、省、市、区的各类业务培训，全年选送干部参加培训{staffdev.trainings}人次，其中全国{staffdev.trainings?level=national}人次、省级{staffdev.trainings?level=province}人次、市级{staffdev.trainings?level=city}人次、区级{staffdev.trainings?level=district}人次，累计{staffdev.hours}学时；鼓励职工积极加强学历教育，{staffdev.degrees}名干部参加学历教育，取得职业资格等证书{staffdev.certificates}个。',
    ],
  },
  {
    module: MODULE,
    order: 95,
    heading: '推进“两纲”实施，开展统计监测',
    paragraphs: [
      '不断提高妇儿工委办能力建设，选送{staffdev.people?category=wcc_office&level=national}名妇儿工委办干部参加国务院妇儿工委等国家级干部培训班学习。',
    ],
  },
];
