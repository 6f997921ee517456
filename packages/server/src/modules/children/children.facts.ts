import { sql } from 'kysely';
import { HELP_KIND_LABELS, LEFT_BEHIND_SITUATION_LABELS, maskName, VISIT_MODE_LABELS } from '@jinguo/domain';
import { orgInScope } from '../../db/scope.js';
import type { FactContext, FactDefinition, FactRecords, SummaryBlockDef } from '../../platform/facts.js';
import { disbursementsView } from '../funds/index.js';
import { personsView } from '../people/index.js';

/**
 * 关爱留守儿童 figures, by township where asked: children on the register in the period, those paired with a
 * 代理妈妈 and the mothers, visits, and help paid through the ledger (not reversed). Drill-downs show a child's name
 * masked: whoever reads a report need not hold children.minors.read.
 */

const MODULE = 'children';
type Paging = { limit: number; offset: number };

/** Children on the register at some time in the period: registered by its end, not ended before its start. */
function registered(ctx: FactContext) {
  return ctx.db
    .selectFrom('leftBehindChildren as c')
    .where((eb) => orgInScope(eb, 'c.owner_org_id', ctx.scope))
    .where('c.registeredOn', '<=', ctx.period.to)
    .where((eb) => eb.or([eb('c.endedOn', 'is', null), eb('c.endedOn', '>=', ctx.period.from)]));
}

/** 代理妈妈 pairings running at some time in the period. */
function pairings(ctx: FactContext) {
  return ctx.db
    .selectFrom('childPairings as p')
    .where((eb) => orgInScope(eb, 'p.owner_org_id', ctx.scope))
    .where('p.startDate', '<=', ctx.period.to)
    .where((eb) => eb.or([eb('p.endDate', 'is', null), eb('p.endDate', '>=', ctx.period.from)]));
}

function visits(ctx: FactContext) {
  return ctx.db
    .selectFrom('childVisits as v')
    .where((eb) => orgInScope(eb, 'v.owner_org_id', ctx.scope))
    .where('v.visitedOn', '>=', ctx.period.from)
    .where('v.visitedOn', '<=', ctx.period.to);
}

/** Help paid in the period and not reversed (the ledger's date, amount and reversal). */
function help(ctx: FactContext) {
  return ctx.db
    .selectFrom('childHelp as h')
    .innerJoin(disbursementsView(ctx.db).as('d'), 'd.id', 'h.disbursementId')
    .where((eb) => orgInScope(eb, 'h.owner_org_id', ctx.scope))
    .where('d.reversed', '=', 0)
    .where('d.paidOn', '>=', ctx.period.from)
    .where('d.paidOn', '<=', ctx.period.to);
}

async function childRecords(ctx: FactContext, page: Paging): Promise<FactRecords> {
  const q = registered(ctx);
  const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
  const rows = await q
    .innerJoin(personsView(ctx.db).as('pp'), 'pp.id', 'c.personId')
    .innerJoin('orgUnits as t', 't.id', 'c.ownerOrgId')
    .leftJoin('orgUnits as vl', 'vl.id', 'c.villageOrgId')
    .select(['c.id', 'pp.name', 't.name as township', 'vl.name as village', 'c.situation', 'c.registeredOn', 'c.status'])
    .orderBy('t.sortOrder')
    .orderBy('c.registeredOn')
    .orderBy('c.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    columns: [
      { key: 'name', label: '儿童' },
      { key: 'township', label: '乡镇（街道）' },
      { key: 'village', label: '村（社区）' },
      { key: 'situation', label: '留守情形' },
      { key: 'registeredOn', label: '登记日期' },
    ],
    total: Number(total),
    rows: rows.map((r) => ({
      id: r.id,
      name: maskName(r.name),
      township: r.township,
      village: r.village,
      situation: LEFT_BEHIND_SITUATION_LABELS[r.situation],
      registeredOn: r.registeredOn,
    })),
  };
}

async function pairingRecords(ctx: FactContext, page: Paging): Promise<FactRecords> {
  const q = pairings(ctx);
  const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
  const rows = await q
    .innerJoin('leftBehindChildren as c', 'c.id', 'p.childId')
    .innerJoin(personsView(ctx.db).as('cp'), 'cp.id', 'c.personId')
    .innerJoin('childProxyMothers as m', 'm.id', 'p.proxyMotherId')
    .innerJoin(personsView(ctx.db).as('mp'), 'mp.id', 'm.personId')
    .innerJoin('orgUnits as t', 't.id', 'p.ownerOrgId')
    .select(['p.id', 'cp.name as child', 'mp.name as mother', 't.name as township', 'p.startDate', 'p.endDate'])
    .orderBy('p.startDate')
    .orderBy('p.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    columns: [
      { key: 'child', label: '儿童' },
      { key: 'mother', label: '代理妈妈' },
      { key: 'township', label: '乡镇（街道）' },
      { key: 'startDate', label: '结对日期' },
      { key: 'endDate', label: '结束日期' },
    ],
    total: Number(total),
    rows: rows.map((r) => ({ ...r, child: maskName(r.child), mother: maskName(r.mother) })),
  };
}

async function helpRecords(ctx: FactContext, page: Paging): Promise<FactRecords> {
  const q = help(ctx);
  const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
  const rows = await q
    .innerJoin('leftBehindChildren as c', 'c.id', 'h.childId')
    .innerJoin(personsView(ctx.db).as('hp'), 'hp.id', 'c.personId')
    .select(['h.id', 'd.paidOn', 'hp.name', 'h.kind', 'd.accountName', 'd.amountFen'])
    .orderBy('d.paidOn')
    .orderBy('h.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    columns: [
      { key: 'paidOn', label: '发放日期' },
      { key: 'name', label: '儿童' },
      { key: 'kind', label: '帮扶类别' },
      { key: 'accountName', label: '支出账户' },
      { key: 'amountYuan', label: '金额（元）' },
    ],
    total: Number(total),
    rows: rows.map((r) => ({
      id: r.id,
      paidOn: r.paidOn,
      name: maskName(r.name),
      kind: HELP_KIND_LABELS[r.kind],
      accountName: r.accountName,
      amountYuan: Number(r.amountFen) / 100,
    })),
  };
}

const count = (label: { zh: string; en: string }, unit: string, definition: string) => ({
  module: MODULE,
  label,
  unit,
  kind: 'count' as const,
  definition,
  permission: 'children.read' as const,
});

export function childrenFacts(): FactDefinition[] {
  return [
    {
      name: 'children.registered',
      ...count(
        { zh: '关爱留守儿童', en: 'Left-behind children on the register' },
        '名',
        '期间内在册的留守儿童人数：登记日期不晚于期末，且未在期初之前退出名册。',
      ),
      async compute(ctx) {
        const r = await registered(ctx).select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: (ctx, _p, page) => childRecords(ctx, page),
    },
    {
      name: 'children.byTownship',
      module: MODULE,
      label: { zh: '留守儿童（按乡镇街道）', en: 'Left-behind children by township' },
      unit: '名',
      kind: 'breakdown',
      definition: '期间内在册的留守儿童人数，按所在乡镇（街道）分列（一个 GROUP BY）。',
      permission: 'children.read',
      async compute(ctx) {
        const rows = await registered(ctx)
          .innerJoin('orgUnits as t', 't.id', 'c.ownerOrgId')
          .select(['t.id', 't.name', 't.sortOrder', sql<number>`count(*)`.as('n')])
          .groupBy(['t.id', 't.name', 't.sortOrder'])
          .orderBy('t.sortOrder')
          .execute();
        const breakdown = rows.map((r) => ({ key: r.id, label: r.name, value: Number(r.n) }));
        return { value: breakdown.reduce((s, b) => s + b.value, 0), breakdown };
      },
      records: (ctx, _p, page) => childRecords(ctx, page),
    },
    {
      name: 'children.paired',
      ...count(
        { zh: '结对代理妈妈的留守儿童', en: 'Children paired with a proxy mother' },
        '名',
        '期间内有代理妈妈结对（结对期间与期间相交）的留守儿童人数，每名儿童计一次。',
      ),
      async compute(ctx) {
        const r = await pairings(ctx).select(sql<number>`count(distinct p.child_id)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: (ctx, _p, page) => pairingRecords(ctx, page),
    },
    {
      name: 'children.proxyMothers',
      ...count({ zh: '代理妈妈', en: 'Proxy mothers' }, '名', '期间内与留守儿童结对的代理妈妈人数，每人计一次。'),
      async compute(ctx) {
        const r = await pairings(ctx).select(sql<number>`count(distinct p.proxy_mother_id)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: (ctx, _p, page) => pairingRecords(ctx, page),
    },
    {
      name: 'children.visits',
      ...count(
        { zh: '走访留守儿童', en: 'Visits to left-behind children' },
        '次',
        '期间内（按走访日期）入户、到校、电话或视频走访留守儿童的次数。',
      ),
      async compute(ctx) {
        const r = await visits(ctx).select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      async records(ctx, _p, page) {
        const q = visits(ctx);
        const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
        const rows = await q
          .innerJoin('leftBehindChildren as c', 'c.id', 'v.childId')
          .innerJoin(personsView(ctx.db).as('vp'), 'vp.id', 'c.personId')
          .select(['v.id', 'v.visitedOn', 'vp.name', 'v.mode', 'v.visitorName'])
          .orderBy('v.visitedOn')
          .orderBy('v.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'visitedOn', label: '走访日期' },
            { key: 'name', label: '儿童' },
            { key: 'mode', label: '方式' },
            { key: 'visitorName', label: '走访人' },
          ],
          total: Number(total),
          rows: rows.map((r) => ({ ...r, name: maskName(r.name), mode: VISIT_MODE_LABELS[r.mode] })),
        };
      },
    },
    {
      name: 'children.helped',
      ...count(
        { zh: '获得帮扶的留守儿童', en: 'Children helped' },
        '名',
        '期间内（按发放日期）经资金台账获得帮扶（未冲销）的留守儿童人数，每名儿童计一次。',
      ),
      async compute(ctx) {
        const r = await help(ctx).select(sql<number>`count(distinct h.child_id)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: (ctx, _p, page) => helpRecords(ctx, page),
    },
    {
      name: 'children.help.amount',
      module: MODULE,
      label: { zh: '留守儿童帮扶金额', en: 'Help given to left-behind children' },
      unit: '元',
      kind: 'money',
      definition: '期间内（按发放日期）经资金台账向留守儿童发放的帮扶资金和物资折价之和（未冲销；分）。',
      permission: 'children.read',
      async compute(ctx) {
        const r = await help(ctx).select(sql<number>`coalesce(sum(d.amount_fen), 0)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: (ctx, _p, page) => helpRecords(ctx, page),
    },
  ];
}

/** After 优化儿童发展环境 (order 70): the reference plans “关爱留守儿童” for next year; the demo year states the work. */
export const childrenSummary: SummaryBlockDef[] = [
  {
    module: MODULE,
    order: 75,
    heading: '开展“关爱留守儿童”工作',
    paragraphs: [
      '建立留守儿童关爱名册，全{area}在册关爱留守儿童{children.registered}名；为{children.paired}名留守儿童结对“代理妈妈”{children.proxyMothers}名，全年走访{children.visits}次；向{children.helped}名留守儿童发放帮扶资金和物资{children.help.amount}元。',
    ],
  },
];
