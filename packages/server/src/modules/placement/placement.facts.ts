import { sql } from 'kysely';
import { FOLLOW_UP_RESULT_LABELS, JOB_REFERRAL_STATUS_LABELS, SEEKER_CATEGORY_LABELS, SEEKER_STATUS_LABELS } from '@jinguo/domain';
import type { FactDefinition, SummaryBlockDef } from '../../platform/facts.js';
import {
  count,
  departures,
  followUps,
  hires,
  MODULE,
  peopleRecords,
  reemployed,
  referralsMade,
  seekersRegistered,
  vacanciesPublished,
} from './placement.facts.queries.js';

/**
 * The figures of the 妇联职介所. Each is one SQL aggregate over the records whose business date (registration,
 * publication, referral, hire, departure, follow-up) lies in the period, inside the caller's subtree, with a
 * drill-down of the rows (or, for people counted once, the people) it counted.
 */

export function placementFacts(): FactDefinition[] {
  return [
    {
      name: 'placement.seekers',
      module: MODULE,
      label: { zh: '求职登记人数', en: 'Job seekers registered' },
      unit: '人',
      kind: 'count',
      definition: '期间内（按登记日期）在妇联职介所求职登记的人数。',
      permission: 'placement.read',
      async compute(ctx) {
        return { value: Number((await seekersRegistered(ctx).select(count).executeTakeFirstOrThrow()).v) };
      },
      async records(ctx, _p, page) {
        const q = seekersRegistered(ctx);
        const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
        const rows = await q
          .select(['s.id', 's.name', 's.category', 's.registeredOn', 's.status'])
          .orderBy('s.registeredOn')
          .orderBy('s.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'name', label: '姓名' },
            { key: 'category', label: '人员类别' },
            { key: 'registeredOn', label: '登记日期' },
            { key: 'status', label: '状态' },
          ],
          total: Number(total),
          rows: rows.map((r) => ({ ...r, category: SEEKER_CATEGORY_LABELS[r.category], status: SEEKER_STATUS_LABELS[r.status] })),
        };
      },
    },
    {
      name: 'placement.employers',
      module: MODULE,
      label: { zh: '提供岗位的用人单位', en: 'Employers offering vacancies' },
      unit: '家',
      kind: 'count',
      definition: '期间内（按岗位发布日期）在妇联职介所发布招聘岗位的不同用人单位数。',
      permission: 'placement.read',
      async compute(ctx) {
        const r = await vacanciesPublished(ctx).select(sql<number>`count(distinct v.employer_id)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      async records(ctx, _p, page) {
        const q = vacanciesPublished(ctx);
        const [{ total }] = await q.select(sql<number>`count(distinct v.employer_id)`.as('total')).execute();
        const rows = await q
          .select(['e.id', 'e.name', 'e.creditCode', sql<number>`count(*)`.as('vacancies'), sql<number>`sum(v.positions)`.as('positions')])
          .groupBy(['e.id', 'e.name', 'e.creditCode'])
          .orderBy('e.name')
          .orderBy('e.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'name', label: '用人单位' },
            { key: 'creditCode', label: '统一社会信用代码' },
            { key: 'vacancies', label: '岗位' },
            { key: 'positions', label: '招聘人数' },
          ],
          total: Number(total),
          rows: rows.map((r) => ({ ...r, vacancies: Number(r.vacancies), positions: Number(r.positions) })),
        };
      },
    },
    {
      name: 'placement.vacancies',
      module: MODULE,
      label: { zh: '收集就业岗位', en: 'Job openings collected' },
      unit: '个',
      kind: 'count',
      definition: '期间内（按发布日期）在妇联职介所发布的招聘岗位的招聘人数之和。',
      permission: 'placement.read',
      async compute(ctx) {
        const r = await vacanciesPublished(ctx).select(sql<number>`coalesce(sum(v.positions), 0)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      async records(ctx, _p, page) {
        const q = vacanciesPublished(ctx);
        const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
        const rows = await q
          .select(['v.id', 'v.publishedOn', 'e.name as employer', 'v.title', 'v.positions', 'v.locationText'])
          .orderBy('v.publishedOn')
          .orderBy('v.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'publishedOn', label: '发布日期' },
            { key: 'employer', label: '用人单位' },
            { key: 'title', label: '岗位' },
            { key: 'positions', label: '招聘人数' },
            { key: 'locationText', label: '工作地点' },
          ],
          total: Number(total),
          rows: rows.map((r) => ({ ...r, positions: Number(r.positions) })),
        };
      },
    },
    {
      name: 'placement.referrals',
      module: MODULE,
      label: { zh: '推荐就业人次', en: 'Referrals to employers' },
      unit: '人次',
      kind: 'count',
      definition: '期间内（按推荐日期）妇联职介所向用人单位推荐求职人员的人次。',
      permission: 'placement.read',
      async compute(ctx) {
        return { value: Number((await referralsMade(ctx).select(count).executeTakeFirstOrThrow()).v) };
      },
      async records(ctx, _p, page) {
        const q = referralsMade(ctx);
        const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
        const rows = await q
          .select(['r.id', 'r.referredOn', 's.name', 'e.name as employer', 'r.status'])
          .orderBy('r.referredOn')
          .orderBy('r.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'referredOn', label: '推荐日期' },
            { key: 'name', label: '求职人员' },
            { key: 'employer', label: '用人单位' },
            { key: 'status', label: '结果' },
          ],
          total: Number(total),
          rows: rows.map((r) => ({ ...r, status: JOB_REFERRAL_STATUS_LABELS[r.status] })),
        };
      },
    },
    {
      name: 'placement.placed',
      module: MODULE,
      label: { zh: '介绍就业人数', en: 'Women placed in jobs' },
      unit: '人',
      kind: 'count',
      definition: '期间内（按录用日期）经妇联职介所推荐被用人单位录用的人数；同一人多次录用只计一次。',
      permission: 'placement.read',
      async compute(ctx) {
        const r = await hires(ctx).select(sql<number>`count(distinct s.person_id)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: (ctx, _p, page) =>
        peopleRecords(
          ctx.db.selectFrom(
            hires(ctx)
              .select(['s.personId as personKey', sql<string>`'placement'`.as('source'), 's.name as name', 'r.outcomeOn as date'])
              .as('u'),
          ) as unknown as ReturnType<typeof reemployed>,
          page,
          ['placement'],
        ),
    },
    {
      name: 'placement.exported',
      module: MODULE,
      label: { zh: '劳务输出人数', en: 'Women sent to work elsewhere' },
      unit: '人',
      kind: 'count',
      definition: '期间内（按批次出发日期）随劳务输出批次外出务工的人数（未成行的不计）；同一人多批次只计一次。',
      permission: 'placement.read',
      async compute(ctx) {
        const r = await departures(ctx).select(sql<number>`count(distinct s.person_id)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: (ctx, _p, page) =>
        peopleRecords(
          ctx.db.selectFrom(
            departures(ctx)
              .select(['s.personId as personKey', sql<string>`'export'`.as('source'), 's.name as name', 'b.departureDate as date'])
              .as('u'),
          ) as unknown as ReturnType<typeof reemployed>,
          page,
          ['export'],
        ),
    },
    {
      name: 'placement.exportSupport',
      module: MODULE,
      label: { zh: '劳务输出路费补贴', en: 'Travel support for labour export' },
      unit: '元',
      kind: 'money',
      definition: '期间内出发的劳务输出批次中已成行人员的路费补贴之和（分）。',
      permission: 'placement.read',
      async compute(ctx) {
        const r = await departures(ctx).select(sql<number>`coalesce(sum(m.support_fen), 0)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      async records(ctx, _p, page) {
        const q = departures(ctx);
        const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
        const rows = await q
          .select(['m.id', 'b.departureDate', 'b.title', 'b.destination', 's.name', 'm.supportFen'])
          .orderBy('b.departureDate')
          .orderBy('m.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'departureDate', label: '出发日期' },
            { key: 'title', label: '批次' },
            { key: 'destination', label: '输出地' },
            { key: 'name', label: '姓名' },
            { key: 'supportYuan', label: '路费补贴（元）' },
          ],
          total: Number(total),
          rows: rows.map(({ supportFen, ...r }) => ({ ...r, supportYuan: Number(supportFen) / 100 })),
        };
      },
    },
    {
      name: 'placement.reemployed',
      module: MODULE,
      label: { zh: '实现二次就业人数', en: 'Women back in work' },
      unit: '名',
      kind: 'count',
      definition:
        '期间内实现再就业的人数：培训后跟踪确认再就业（按结果日期）、经职介所推荐被录用（按录用日期）、随劳务输出批次外出务工（按出发日期）的人合并计算，同一人只计一次（以人员库中的人员为准；未关联人员库的培训学员按其所关联的求职登记计）。',
      permission: 'placement.read',
      async compute(ctx) {
        const r = await reemployed(ctx).select(sql<number>`count(distinct u.person_key)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: (ctx, _p, page) => peopleRecords(reemployed(ctx), page, ['training', 'placement', 'export']),
    },
    {
      name: 'placement.followUps',
      module: MODULE,
      label: { zh: '劳务输出跟踪回访', en: 'Labour-export follow-ups' },
      unit: '人次',
      kind: 'count',
      definition: '期间内（按回访日期）登记的劳务输出人员跟踪回访人次；可按回访节点 months=1|3|6、回访结果 result 筛选。',
      permission: 'placement.read',
      async compute(ctx, params) {
        return { value: Number((await followUps(ctx, params).select(count).executeTakeFirstOrThrow()).v) };
      },
      async records(ctx, params, page) {
        const q = followUps(ctx, params);
        const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
        const rows = await q
          .select(['f.id', 'f.doneOn', 'f.months', 's.name', 'b.destination', 'f.result'])
          .orderBy('f.doneOn')
          .orderBy('f.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'doneOn', label: '回访日期' },
            { key: 'months', label: '节点（月）' },
            { key: 'name', label: '姓名' },
            { key: 'destination', label: '输出地' },
            { key: 'result', label: '结果' },
          ],
          total: Number(total),
          rows: rows.map((r) => ({ ...r, months: Number(r.months), result: FOLLOW_UP_RESULT_LABELS[r.result] })),
        };
      },
    },
  ];
}

/**
 * The 职介所's sentence joins the reference's paragraph on skills training and 二次就业 (part 一（二）1): the
 * activities module's paragraph states the training and takes its 二次就业 figure from placement.reemployed.
 */
export const placementSummary: SummaryBlockDef[] = [
  {
    module: MODULE,
    order: 20,
    heading: '强化服务，推动妇女创业就业',
    paragraphs: [
      '依托妇联职介所，积极与用人单位合作，为下岗妇女提供就业机会：全年登记求职妇女{placement.seekers}人，{placement.employers}家用人单位提供就业岗位{placement.vacancies}个，推荐就业{placement.referrals}人次，介绍就业{placement.placed}人；拓宽劳务输出渠道，组织劳务输出{placement.exported}人，发放路费补贴{placement.exportSupport}元。',
    ],
  },
];
