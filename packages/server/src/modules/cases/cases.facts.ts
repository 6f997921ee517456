import { sql } from 'kysely';
import {
  ACTION_KIND_LABELS,
  CASE_CHANNEL_LABELS,
  CASE_CHANNELS,
  CASE_STATUS_LABELS,
  REFERRAL_KIND_LABELS,
  REFERRAL_STATUS_LABELS,
  type CaseChannel,
} from '@jinguo/domain';
import { orgInScope } from '../../db/scope.js';
import {
  rate,
  type FactContext,
  type FactDefinition,
  type FactParams,
  type FactRecords,
  type SummaryBlockDef,
} from '../../platform/facts.js';

/**
 * The figures of rights casework. Each is one SQL aggregate over the period (by business date) and the
 * caller's org subtree, served by a covering index (cases_received_idx, cases_accepted_idx, cases_closed_idx,
 * case_referrals_sent_idx …), with a drill-down listing exactly the rows counted.
 */
const CASE_COLUMNS = [
  { key: 'caseNo', label: '编号' },
  { key: 'receivedDate', label: '收到日期' },
  { key: 'channel', label: '渠道' },
  { key: 'category', label: '类别' },
  { key: 'owner', label: '承办单位' },
  { key: 'status', label: '状态' },
  { key: 'acceptedDate', label: '受理日期' },
  { key: 'closedDate', label: '办结日期' },
];

type CaseSet = 'received' | 'accepted' | 'closed' | 'diverted' | 'acceptedCohortClosed';

/** The cases a figure counts, as a query (so the value and the drill-down cannot disagree). */
function caseSet(ctx: FactContext, set: CaseSet, params: FactParams = {}) {
  const { from, to } = ctx.period;
  let q = ctx.db.selectFrom('cases as c').where((eb) => orgInScope(eb, 'c.owner_org_id', ctx.scope));
  switch (set) {
    case 'received':
      // 诉访分离: a matter diverted to the courts is counted by cases.diverted, not as a petition.
      q = q.where('c.receivedDate', '>=', from).where('c.receivedDate', '<=', to).where('c.status', '<>', 'diverted');
      break;
    case 'accepted':
      q = q.where('c.acceptedDate', '>=', from).where('c.acceptedDate', '<=', to);
      break;
    case 'acceptedCohortClosed':
      q = q
        .where('c.acceptedDate', '>=', from)
        .where('c.acceptedDate', '<=', to)
        .where('c.closedDate', 'is not', null)
        .where('c.closedDate', '<=', to);
      break;
    case 'closed':
      q = q.where('c.closedDate', '>=', from).where('c.closedDate', '<=', to);
      break;
    case 'diverted':
      q = q.where('c.divertedDate', '>=', from).where('c.divertedDate', '<=', to);
      break;
  }
  if (params.channel) q = q.where('c.channel', '=', params.channel as CaseChannel);
  if (params.category) q = q.where('c.category', '=', params.category);
  // One unit's own cases, not its subtree's (a part of cases.received.byUnit).
  if (params.owner) q = q.where('c.ownerOrgId', '=', params.owner);
  if (params.onTime === '1') q = q.where('c.closedOnTime', '=', 1);
  return q;
}

async function countOf(ctx: FactContext, set: CaseSet, params: FactParams = {}) {
  const row = await caseSet(ctx, set, params).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function caseRecords(
  ctx: FactContext,
  set: CaseSet,
  params: FactParams,
  page: { limit: number; offset: number },
): Promise<FactRecords> {
  const total = await countOf(ctx, set, params);
  const rows = await caseSet(ctx, set, params)
    .innerJoin('orgUnits as o', 'o.id', 'c.ownerOrgId')
    .leftJoin('caseCategories as cc', 'cc.code', 'c.category')
    .select([
      'c.id',
      'c.caseNo',
      'c.receivedDate',
      'c.channel',
      'cc.label as category',
      'o.name as owner',
      'c.status',
      'c.acceptedDate',
      'c.closedDate',
      'c.daysToClose',
    ])
    .orderBy('c.receivedDate')
    .orderBy('c.caseNo')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    columns: set === 'closed' ? [...CASE_COLUMNS, { key: 'daysToClose', label: '办理天数' }] : CASE_COLUMNS,
    rows: rows.map((r) => ({
      id: r.id,
      caseNo: r.caseNo,
      receivedDate: r.receivedDate,
      channel: CASE_CHANNEL_LABELS[r.channel],
      category: r.category,
      owner: r.owner,
      status: CASE_STATUS_LABELS[r.status],
      acceptedDate: r.acceptedDate,
      closedDate: r.closedDate,
      daysToClose: r.daysToClose == null ? null : Number(r.daysToClose),
    })),
    total,
  };
}

function referralSet(ctx: FactContext, set: 'sent' | 'answered' | 'filed', params: FactParams = {}) {
  const { from, to } = ctx.period;
  let q = ctx.db.selectFrom('caseReferrals as f').where((eb) => orgInScope(eb, 'f.owner_org_id', ctx.scope));
  // A 维权合议庭 filing is counted once, by cases.tribunalFilings ("立案审理N件"): the summary's referral sentence
  // ("转介N件，机构平均N天作出答复") is about the service referrals beside it. A revoked referral was never made.
  if (set === 'sent')
    q = q
      .where('f.sentDate', '>=', from)
      .where('f.sentDate', '<=', to)
      .where('f.kind', '<>', 'court_filing')
      .where('f.status', '<>', 'revoked');
  if (set === 'answered') q = q.where('f.answeredDate', '>=', from).where('f.answeredDate', '<=', to).where('f.kind', '<>', 'court_filing');
  if (set === 'filed') q = q.where('f.kind', '=', 'court_filing').where('f.filedDate', '>=', from).where('f.filedDate', '<=', to);
  if (params.agencyOrgId) q = q.where('f.agencyOrgId', '=', params.agencyOrgId);
  return q;
}

async function referralRecords(
  ctx: FactContext,
  set: 'sent' | 'answered' | 'filed',
  params: FactParams,
  page: { limit: number; offset: number },
): Promise<FactRecords> {
  const [{ n }] = await referralSet(ctx, set, params).select(sql<number>`count(*)`.as('n')).execute();
  const rows = await referralSet(ctx, set, params)
    .innerJoin('cases as c', 'c.id', 'f.caseId')
    .innerJoin('orgUnits as a', 'a.id', 'f.agencyOrgId')
    .innerJoin('orgUnits as o', 'o.id', 'f.ownerOrgId')
    .select([
      'f.id',
      'c.caseNo',
      'f.kind',
      'a.name as agency',
      'o.name as owner',
      'f.sentDate',
      'f.dueDate',
      'f.status',
      'f.answeredDate',
      'f.daysToAnswer',
      'f.filedDate',
      'f.courtCaseNo',
    ])
    .orderBy('f.sentDate')
    .orderBy('f.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    columns: [
      { key: 'caseNo', label: '事项编号' },
      { key: 'kind', label: '类型' },
      { key: 'agency', label: '接收机构' },
      { key: 'owner', label: '转介单位' },
      { key: 'sentDate', label: '转介日期' },
      { key: 'status', label: '状态' },
      { key: 'answeredDate', label: '答复日期' },
      { key: 'daysToAnswer', label: '答复天数' },
      ...(set === 'filed'
        ? [
            { key: 'filedDate', label: '立案日期' },
            { key: 'courtCaseNo', label: '案号' },
          ]
        : []),
    ],
    rows: rows.map((r) => ({
      id: r.id,
      caseNo: r.caseNo,
      kind: REFERRAL_KIND_LABELS[r.kind],
      agency: r.agency,
      owner: r.owner,
      sentDate: r.sentDate,
      status: REFERRAL_STATUS_LABELS[r.status],
      answeredDate: r.answeredDate,
      daysToAnswer: r.daysToAnswer == null ? null : Number(r.daysToAnswer),
      filedDate: r.filedDate,
      courtCaseNo: r.courtCaseNo,
    })),
    total: Number(n),
  };
}

const round1 = (v: number | null | undefined) => (v == null ? null : Math.round(Number(v) * 10) / 10);

const PERM = 'cases.read' as const;

export function casesFacts(): FactDefinition[] {
  const base = { module: 'cases', permission: PERM };
  return [
    {
      ...base,
      name: 'cases.received',
      label: { zh: '接待来信来访', en: 'Petitions received' },
      unit: '件',
      kind: 'count',
      definition:
        '期内收到（按收到日期）并登记的来信、来访、来电、网上信访、12338热线和上级转来的信访事项件数；已导入诉讼程序（诉访分离）的事项不计入，另见“导入诉讼”。',
      compute: async (ctx, params) => ({ value: await countOf(ctx, 'received', params) }),
      records: (ctx, params, page) => caseRecords(ctx, 'received', params, page),
    },
    {
      ...base,
      name: 'cases.received.byChannel',
      label: { zh: '来信来访（按渠道）', en: 'Petitions by channel' },
      unit: '件',
      kind: 'breakdown',
      partParam: 'channel',
      definition:
        '期内收到的信访事项按来源渠道（来访、来信、来电、网上信访、12338热线、上级转来）分列，不含导入诉讼的事项；带参数 channel=visit|letter|phone|online|hotline|referred_in 时为该渠道的件数。',
      async compute(ctx, params) {
        if (params.channel) return { value: await countOf(ctx, 'received', { channel: params.channel }) };
        const rows = await caseSet(ctx, 'received')
          .select(['c.channel', sql<number>`count(*)`.as('n')])
          .groupBy('c.channel')
          .execute();
        const byKey = new Map(rows.map((r) => [r.channel, Number(r.n)]));
        const breakdown = CASE_CHANNELS.map((ch) => ({ key: ch, label: CASE_CHANNEL_LABELS[ch], value: byKey.get(ch) ?? 0 }));
        return { value: breakdown.reduce((s, b) => s + b.value, 0), breakdown };
      },
      records: (ctx, params, page) => caseRecords(ctx, 'received', params, page),
    },
    {
      ...base,
      name: 'cases.received.byCategory',
      label: { zh: '来信来访（按类别）', en: 'Petitions by category' },
      unit: '件',
      kind: 'breakdown',
      partParam: 'category',
      definition:
        '期内收到的信访事项按类别（家庭暴力、婚姻家庭纠纷、财产权益等）分列，不含导入诉讼的事项；带参数 category=代码 时为该类别的件数。',
      async compute(ctx, params) {
        if (params.category) return { value: await countOf(ctx, 'received', { category: params.category }) };
        const rows = await caseSet(ctx, 'received')
          .select(['c.category', sql<number>`count(*)`.as('n')])
          .groupBy('c.category')
          .execute();
        const labels = new Map(
          (await ctx.db.selectFrom('caseCategories').select(['code', 'label', 'sortOrder']).execute()).map((c) => [c.code, c]),
        );
        const breakdown = rows
          .map((r) => ({
            key: r.category,
            label: labels.get(r.category)?.label ?? r.category,
            value: Number(r.n),
            order: labels.get(r.category)?.sortOrder ?? 999,
          }))
          .sort((a, b) => a.order - b.order)
          .map(({ order: _o, ...b }) => b);
        return { value: breakdown.reduce((s, b) => s + b.value, 0), breakdown };
      },
      records: (ctx, params, page) => caseRecords(ctx, 'received', params, page),
    },
    {
      ...base,
      name: 'cases.received.byUnit',
      label: { zh: '来信来访（按承办单位）', en: 'Petitions by owning unit' },
      unit: '件',
      kind: 'breakdown',
      partParam: 'owner',
      definition:
        '期内收到的信访事项按承办（登记）单位——区妇联、各乡镇（街道）妇联——分列，不含导入诉讼的事项；带参数 owner=单位 时为该单位本级承办的件数。',
      async compute(ctx, params) {
        if (params.owner) return { value: await countOf(ctx, 'received', { owner: params.owner }) };
        const rows = await caseSet(ctx, 'received')
          .innerJoin('orgUnits as o', 'o.id', 'c.ownerOrgId')
          .select(['c.ownerOrgId', 'o.name', 'o.sortOrder', 'o.depth', sql<number>`count(*)`.as('n')])
          .groupBy(['c.ownerOrgId', 'o.name', 'o.sortOrder', 'o.depth'])
          .orderBy('o.depth')
          .orderBy('o.sortOrder')
          .execute();
        const breakdown = rows.map((r) => ({ key: r.ownerOrgId, label: r.name, value: Number(r.n) }));
        return { value: breakdown.reduce((s, b) => s + b.value, 0), breakdown };
      },
      records: (ctx, params, page) => caseRecords(ctx, 'received', params, page),
    },
    {
      ...base,
      name: 'cases.accepted',
      label: { zh: '受理', en: 'Accepted' },
      unit: '件',
      kind: 'count',
      definition: '期内（按受理日期）受理的信访事项件数。',
      compute: async (ctx) => ({ value: await countOf(ctx, 'accepted') }),
      records: (ctx, params, page) => caseRecords(ctx, 'accepted', params, page),
    },
    {
      ...base,
      name: 'cases.closed',
      label: { zh: '办结', en: 'Closed' },
      unit: '件',
      kind: 'count',
      definition: '期内（按办结日期）办结的信访事项件数；重新办理后再次办结的按最后一次办结日期计。',
      compute: async (ctx) => ({ value: await countOf(ctx, 'closed') }),
      records: (ctx, params, page) => caseRecords(ctx, 'closed', params, page),
    },
    {
      ...base,
      name: 'cases.closureRate',
      label: { zh: '办结率', en: 'Closure rate' },
      unit: '%',
      kind: 'rate',
      definition: '办结率 = 期内受理的信访事项中，至期末已办结的件数 ÷ 期内受理件数 × 100%。',
      async compute(ctx) {
        const [closed, accepted] = await Promise.all([countOf(ctx, 'acceptedCohortClosed'), countOf(ctx, 'accepted')]);
        return rate(closed, accepted);
      },
      records: (ctx, params, page) => caseRecords(ctx, 'accepted', params, page),
    },
    {
      ...base,
      name: 'cases.onTimeRate',
      label: { zh: '按期办结率', en: 'On-time closure rate' },
      unit: '%',
      kind: 'rate',
      definition:
        '按期办结率 = 期内办结的事项中，在办结期限（受理之日起60日，经批准延期的加延长天数，遇节假日顺延）内办结的件数 ÷ 期内办结件数 × 100%。',
      async compute(ctx) {
        const [onTime, closed] = await Promise.all([countOf(ctx, 'closed', { onTime: '1' }), countOf(ctx, 'closed')]);
        return rate(onTime, closed);
      },
      records: (ctx, params, page) => caseRecords(ctx, 'closed', params, page),
    },
    {
      ...base,
      name: 'cases.meanDaysToClose',
      label: { zh: '平均办理天数', en: 'Mean days to close' },
      unit: '天',
      kind: 'count',
      definition: '期内办结事项从受理到办结的平均天数（按自然日计，保留1位小数）。',
      async compute(ctx) {
        const row = await caseSet(ctx, 'closed').select(sql<number | null>`avg(c.days_to_close)`.as('avg')).executeTakeFirstOrThrow();
        return { value: round1(row.avg) };
      },
      records: (ctx, params, page) => caseRecords(ctx, 'closed', params, page),
    },
    {
      ...base,
      name: 'cases.diverted',
      label: { zh: '导入诉讼（诉访分离）', en: 'Diverted to litigation' },
      unit: '件',
      kind: 'count',
      definition: '期内（按导入日期）依诉访分离原则导入诉讼或法律程序、不作为信访事项办理的件数；不计入“接待来信来访”。',
      compute: async (ctx) => ({ value: await countOf(ctx, 'diverted') }),
      records: (ctx, params, page) => caseRecords(ctx, 'diverted', params, page),
    },
    {
      ...base,
      name: 'cases.referrals.byAgency',
      label: { zh: '转介（按接收机构）', en: 'Referrals by agency' },
      unit: '件',
      kind: 'breakdown',
      definition:
        '期内（按转介日期）向公安、法院、司法、法律援助、民政等合作机构发出的转介件数，按接收机构分列（不含维权合议庭立案转介——另见“维权合议庭立案”，不含已撤回的）。',
      async compute(ctx, params) {
        const rows = await referralSet(ctx, 'sent', params)
          .innerJoin('orgUnits as a', 'a.id', 'f.agencyOrgId')
          .select(['f.agencyOrgId', 'a.name', sql<number>`count(*)`.as('n')])
          .groupBy(['f.agencyOrgId', 'a.name'])
          .orderBy('a.name')
          .execute();
        const breakdown = rows.map((r) => ({ key: r.agencyOrgId, label: r.name, value: Number(r.n) }));
        return { value: breakdown.reduce((s, b) => s + b.value, 0), breakdown };
      },
      records: (ctx, params, page) => referralRecords(ctx, 'sent', params, page),
    },
    {
      ...base,
      name: 'cases.referrals.meanDaysToAnswer',
      label: { zh: '转介平均答复天数', en: 'Mean days for agencies to answer' },
      unit: '天',
      kind: 'count',
      definition:
        '期内（按答复日期）合作机构对转介（不含维权合议庭立案转介）作出接收或拒绝答复的，从转介日期到答复日期的平均天数（保留1位小数）。',
      async compute(ctx, params) {
        const row = await referralSet(ctx, 'answered', params)
          .select(sql<number | null>`avg(f.days_to_answer)`.as('avg'))
          .executeTakeFirstOrThrow();
        return { value: round1(row.avg) };
      },
      records: (ctx, params, page) => referralRecords(ctx, 'answered', params, page),
    },
    {
      ...base,
      name: 'cases.tribunalFilings',
      label: { zh: '维权合议庭立案', en: 'Filings at the rights tribunal' },
      unit: '件',
      kind: 'count',
      definition: '期内（按立案日期）经妇联转介、在法院妇女儿童维权合议庭立案审理的件数。',
      async compute(ctx) {
        const row = await referralSet(ctx, 'filed').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
        return { value: Number(row.n) };
      },
      records: (ctx, params, page) => referralRecords(ctx, 'filed', params, page),
    },
    {
      ...base,
      name: 'cases.legalConsultations',
      label: { zh: '法律顾问接待咨询', en: 'Legal adviser consultations' },
      unit: '次',
      kind: 'count',
      definition: '期内（按措施日期）在信访事项中请常年法律顾问到场提供法律咨询的次数。',
      async compute(ctx) {
        const { from, to } = ctx.period;
        const row = await ctx.db
          .selectFrom('caseActions as a')
          .select(sql<number>`count(*)`.as('n'))
          .where('a.kind', '=', 'legal_consultation')
          .where('a.actionDate', '>=', from)
          .where('a.actionDate', '<=', to)
          .where((eb) => orgInScope(eb, 'a.owner_org_id', ctx.scope))
          .executeTakeFirstOrThrow();
        return { value: Number(row.n) };
      },
      async records(ctx, _params, page) {
        const { from, to } = ctx.period;
        const q = ctx.db
          .selectFrom('caseActions as a')
          .where('a.kind', '=', 'legal_consultation')
          .where('a.actionDate', '>=', from)
          .where('a.actionDate', '<=', to)
          .where((eb) => orgInScope(eb, 'a.owner_org_id', ctx.scope));
        const [{ n }] = await q.select(sql<number>`count(*)`.as('n')).execute();
        const rows = await q
          .innerJoin('cases as c', 'c.id', 'a.caseId')
          .select(['a.id', 'c.caseNo', 'a.actionDate', 'a.byName', 'a.kind'])
          .orderBy('a.actionDate')
          .orderBy('a.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'caseNo', label: '事项编号' },
            { key: 'date', label: '日期' },
            { key: 'kind', label: '措施' },
            { key: 'byName', label: '法律顾问' },
          ],
          rows: rows.map((r) => ({ id: r.id, caseNo: r.caseNo, date: r.actionDate, kind: ACTION_KIND_LABELS[r.kind], byName: r.byName })),
          total: Number(n),
        };
      },
    },
  ];
}

export const casesSummary: SummaryBlockDef[] = [
  {
    module: 'cases',
    order: 30,
    heading: '维护妇女儿童合法权益',
    paragraphs: [
      '以宣传贯彻《信访工作条例》和法律援助为重点，认真做好群众来信来访。今年共接待群众来信来访{cases.received}件，其中{cases.received.byChannel?each=channel}。对信访中的典型案例，请常年法律顾问到场提供法律咨询{cases.legalConsultations}次。',
      '不断巩固公安、司法、民政等部门参与的社会化维权支持体系，全年向合作机构转介{cases.referrals.byAgency}件，机构平均{cases.referrals.meanDaysToAnswer}天作出答复。以法院维权合议庭为中心，在维权庭立案审理{cases.tribunalFilings}件，做到了件件有回声，件件有着落，办结率{cases.closureRate}。',
    ],
  },
];
