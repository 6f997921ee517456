import { sql } from 'kysely';
import { BUDGET_LINE_STATUS_LABELS, BUDGET_PURPOSE_LABELS, BUDGET_PURPOSES, executionRate, type BudgetPurpose } from '@jinguo/domain';
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
import { disbursementsView } from '../funds/index.js';

/**
 * 预算数, 执行数, 执行率: the period's year's budget lines (approved amounts) against their spending — the ledger
 * disbursements linked to them, paid in the period and not reversed, read through the funds module's view.
 */

const MODULE = 'budget';
type Paging = { limit: number; offset: number };

function purposeOf(params: FactParams): BudgetPurpose | undefined {
  const v = params.purpose;
  if (v === undefined || v === '') return undefined;
  if (!(BUDGET_PURPOSES as readonly string[]).includes(v))
    throw new ValidationError(`未知的预算用途：${v}（可选：${BUDGET_PURPOSES.join('、')}）`);
  return v as BudgetPurpose;
}

/** The year's approved lines in scope, optionally of one purpose. */
function approvedLines(ctx: FactContext, params: FactParams) {
  const purpose = purposeOf(params);
  let q = ctx.db
    .selectFrom('budgetLines as l')
    .where((eb) => orgInScope(eb, 'l.owner_org_id', ctx.scope))
    .where('l.year', '=', ctx.period.year)
    .where('l.status', '=', 'approved');
  if (purpose) q = q.where('l.purpose', '=', purpose);
  return q;
}

/** The spending of the year's lines paid in the period (not reversed). */
function spending(ctx: FactContext, params: FactParams) {
  const purpose = purposeOf(params);
  let q = ctx.db
    .selectFrom('budgetSpendings as s')
    .innerJoin('budgetLines as l', 'l.id', 's.lineId')
    .innerJoin(disbursementsView(ctx.db).as('d'), 'd.id', 's.disbursementId')
    .where((eb) => orgInScope(eb, 'l.owner_org_id', ctx.scope))
    .where('l.year', '=', ctx.period.year)
    .where('d.reversed', '=', 0)
    .where('d.paidOn', '>=', ctx.period.from)
    .where('d.paidOn', '<=', ctx.period.to);
  if (purpose) q = q.where('l.purpose', '=', purpose);
  return q;
}

async function lineRecords(ctx: FactContext, params: FactParams, page: Paging): Promise<FactRecords> {
  const q = approvedLines(ctx, params);
  const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
  const executed = spending(ctx, params)
    .select(['s.lineId', sql<number>`sum(d.amount_fen)`.as('fen')])
    .groupBy('s.lineId');
  const rows = await q
    .leftJoin(executed.as('ex'), 'ex.lineId', 'l.id')
    .select(['l.id', 'l.name', 'l.purpose', 'l.status', 'l.approvedFen', sql<number>`coalesce(ex.fen, 0)`.as('executedFen')])
    .orderBy('l.purpose')
    .orderBy('l.name')
    .orderBy('l.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    columns: [
      { key: 'name', label: '预算项目' },
      { key: 'purpose', label: '用途' },
      { key: 'status', label: '状态' },
      { key: 'approvedYuan', label: '核定数（元）' },
      { key: 'executedYuan', label: '执行数（元）' },
      { key: 'rate', label: '执行率（%）' },
    ],
    total: Number(total),
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      purpose: BUDGET_PURPOSE_LABELS[r.purpose],
      status: BUDGET_LINE_STATUS_LABELS[r.status],
      approvedYuan: Number(r.approvedFen) / 100,
      executedYuan: Number(r.executedFen) / 100,
      rate: executionRate(Number(r.executedFen), Number(r.approvedFen)),
    })),
  };
}

async function spendingRecords(ctx: FactContext, params: FactParams, page: Paging): Promise<FactRecords> {
  const q = spending(ctx, params);
  const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
  const rows = await q
    .select(['s.id', 'd.paidOn', 'l.name', 'd.accountName', 'd.purpose', 'd.amountFen'])
    .orderBy('d.paidOn')
    .orderBy('s.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    columns: [
      { key: 'paidOn', label: '支付日期' },
      { key: 'line', label: '预算项目' },
      { key: 'accountName', label: '支出账户' },
      { key: 'purpose', label: '用途' },
      { key: 'amountYuan', label: '金额（元）' },
    ],
    total: Number(total),
    rows: rows.map((r) => ({
      id: r.id,
      paidOn: r.paidOn,
      line: r.name,
      accountName: r.accountName,
      purpose: r.purpose,
      amountYuan: Number(r.amountFen) / 100,
    })),
  };
}

const sumApproved = (ctx: FactContext, params: FactParams) =>
  approvedLines(ctx, params).select(sql<number>`coalesce(sum(l.approved_fen), 0)`.as('v')).executeTakeFirstOrThrow();
const sumExecuted = (ctx: FactContext, params: FactParams) =>
  spending(ctx, params).select(sql<number>`coalesce(sum(d.amount_fen), 0)`.as('v')).executeTakeFirstOrThrow();

export function budgetFacts(): FactDefinition[] {
  return [
    {
      name: 'budget.planned',
      module: MODULE,
      label: { zh: '预算数', en: 'Budget approved' },
      unit: '元',
      kind: 'money',
      definition:
        '期间所在年度已核定的预算项目的核定金额之和（分；可按用途 purpose=working_funds|outlines_special|programme|other 筛选）。',
      permission: 'budget.read',
      async compute(ctx, params) {
        return { value: Number((await sumApproved(ctx, params)).v) };
      },
      records: lineRecords,
    },
    {
      name: 'budget.executed',
      module: MODULE,
      label: { zh: '执行数', en: 'Budget spent' },
      unit: '元',
      kind: 'money',
      definition: '期间所在年度预算项目的支出：计入该项目、在期间内支付且未冲销的资金台账拨付金额之和（分；可按 purpose 筛选）。',
      permission: 'budget.read',
      async compute(ctx, params) {
        return { value: Number((await sumExecuted(ctx, params)).v) };
      },
      records: spendingRecords,
    },
    {
      name: 'budget.executionRate',
      module: MODULE,
      label: { zh: '预算执行率', en: 'Budget execution rate' },
      unit: '%',
      kind: 'rate',
      definition: '执行数 ÷ 预算数（核定数），百分比保留两位小数；没有核定预算时不计算（可按 purpose 筛选）。',
      permission: 'budget.read',
      async compute(ctx, params) {
        const [planned, executed] = await Promise.all([sumApproved(ctx, params), sumExecuted(ctx, params)]);
        return rate(Number(executed.v), Number(planned.v));
      },
      records: lineRecords,
    },
  ];
}

/** After the 两纲 monitoring paragraph (order 95): the committee's and the 两纲 funds, budget against spending. */
export const budgetSummary: SummaryBlockDef[] = [
  {
    module: MODULE,
    order: 96,
    heading: '落实妇儿工委工作经费和“两纲”专项经费',
    paragraphs: [
      '积极协调落实妇儿工委工作经费和“两纲”专项经费，全年核定预算{budget.planned}元，支出{budget.executed}元，预算执行率{budget.executionRate}；其中“两纲”专项经费核定{budget.planned?purpose=outlines_special}元，支出{budget.executed?purpose=outlines_special}元，执行率{budget.executionRate?purpose=outlines_special}。',
    ],
  },
];
