// Schemas, literal unions and pure rules of the budget module (妇儿工委 and 两纲 budget against the ledger's spending).
import { z } from 'zod';
import { businessDateSchema } from '../common/dates.js';
import { idSchema } from '../common/ids.js';
import { pageQuerySchema, requiredText } from '../common/schemas.js';

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label}不能超过${max}个字符` })
    .nullish();
export const budgetYearSchema = z.coerce
  .number({ message: '预算年度须为数字' })
  .int({ message: '预算年度须为整数' })
  .min(2000, { message: '预算年度不能早于2000年' })
  .max(2100, { message: '预算年度不能晚于2100年' });
const positiveFen = (label: string) =>
  z
    .number({ message: `${label}须为数字（分）` })
    .int({ message: `${label}必须是整数分` })
    .min(1, { message: `${label}须大于0` })
    .max(1e12, { message: `${label}过大` });

/** What a budget line pays for: the committee office's running costs, the 两纲 special funds, a programme. */
export const BUDGET_PURPOSES = ['working_funds', 'outlines_special', 'programme', 'other'] as const;
export type BudgetPurpose = (typeof BUDGET_PURPOSES)[number];
export const BUDGET_PURPOSE_LABELS: Record<BudgetPurpose, string> = {
  working_funds: '工作经费',
  outlines_special: '两纲专项',
  programme: '项目经费',
  other: '其他',
};

/** draft → requested (submitted to the finance bureau) → approved (the amount the bureau approved, 核定数). */
export const BUDGET_LINE_STATUSES = ['draft', 'requested', 'approved'] as const;
export type BudgetLineStatus = (typeof BUDGET_LINE_STATUSES)[number];
export const BUDGET_LINE_STATUS_LABELS: Record<BudgetLineStatus, string> = { draft: '编制中', requested: '已申报', approved: '已核定' };

export const COMMITMENT_STATUSES = ['open', 'settled', 'cancelled'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export const COMMITMENT_STATUS_LABELS: Record<CommitmentStatus, string> = { open: '待支付', settled: '已支付', cancelled: '已取消' };

export const createBudgetLineSchema = z.strictObject({
  ownerOrgId: idSchema,
  year: budgetYearSchema,
  purpose: z.enum(BUDGET_PURPOSES, { message: '请选择预算用途' }),
  name: requiredText('预算项目', 100),
  /** For a programme line: the relief programme it funds (春蕾, 贫困母亲救助 …). */
  programmeCode: z.string().trim().max(40).nullish(),
  /** The ledger account the appropriation is received into (a 预算经费 account), to suggest its payments. */
  fundAccountId: idSchema.nullish(),
  requestedFen: positiveFen('申请金额'),
  note: optionalText('说明', 1000),
});
export type CreateBudgetLine = z.input<typeof createBudgetLineSchema>;

export const updateBudgetLineSchema = z
  .strictObject({
    name: requiredText('预算项目', 100).optional(),
    requestedFen: positiveFen('申请金额').optional(),
    fundAccountId: idSchema.nullish(),
    note: optionalText('说明', 1000),
  })
  .refine((v) => Object.keys(v).length > 0, { path: ['(root)'], message: '没有要修改的内容' });
export type UpdateBudgetLine = z.input<typeof updateBudgetLineSchema>;

export const requestBudgetLineSchema = z.strictObject({ requestedOn: businessDateSchema });
export const approveBudgetLineSchema = z.strictObject({
  approvedFen: z
    .number({ message: '核定金额须为数字（分）' })
    .int({ message: '核定金额必须是整数分' })
    .min(0, { message: '核定金额不能为负' })
    .max(1e12, { message: '核定金额过大' }),
  approvedOn: businessDateSchema,
  /** The finance bureau's document number, e.g. 区财预〔2026〕12号. */
  approvalRef: optionalText('批复文号', 50),
});
export type ApproveBudgetLine = z.input<typeof approveBudgetLineSchema>;

export const budgetLineListQuerySchema = pageQuerySchema.extend({
  year: budgetYearSchema.optional(),
  purpose: z.enum(BUDGET_PURPOSES).optional(),
  status: z.enum(BUDGET_LINE_STATUSES).optional(),
});
export type BudgetLineListQuery = z.infer<typeof budgetLineListQuerySchema>;

export const budgetLineSchema = z.object({
  id: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  year: z.number().int(),
  purpose: z.enum(BUDGET_PURPOSES),
  name: z.string(),
  programmeCode: z.string().nullable(),
  fundAccountId: z.string().nullable(),
  requestedFen: z.number().int(),
  requestedOn: z.string().nullable(),
  approvedFen: z.number().int().nullable(),
  approvedOn: z.string().nullable(),
  approvalRef: z.string().nullable(),
  status: z.enum(BUDGET_LINE_STATUSES),
  note: z.string().nullable(),
  /** Σ the linked ledger disbursements that are not reversed (执行数). */
  executedFen: z.number().int(),
  /** Σ the open commitments (承诺未付). */
  committedFen: z.number().int(),
  /** approved − executed − committed; null until approved. */
  availableFen: z.number().int().nullable(),
  /** executed ÷ approved in percent, 2 decimals; null until approved or when approved is 0. */
  executionRate: z.number().nullable(),
});
export type BudgetLine = z.infer<typeof budgetLineSchema>;

export const createCommitmentSchema = z.strictObject({
  committedOn: businessDateSchema,
  description: requiredText('承诺事项', 200),
  amountFen: positiveFen('承诺金额'),
  note: optionalText('备注', 500),
});
export type CreateCommitment = z.input<typeof createCommitmentSchema>;
export const cancelCommitmentSchema = z.strictObject({ reason: requiredText('取消原因', 200) });

export const commitmentSchema = z.object({
  id: z.string(),
  lineId: z.string(),
  committedOn: z.string(),
  description: z.string(),
  amountFen: z.number().int(),
  status: z.enum(COMMITMENT_STATUSES),
  settledOn: z.string().nullable(),
  note: z.string().nullable(),
});
export type BudgetCommitment = z.infer<typeof commitmentSchema>;

/** Links payments already made in the fund ledger to a line (its spending); optionally settles a commitment. */
export const linkSpendingSchema = z.strictObject({
  disbursementIds: z.array(idSchema, { message: '请选择拨付记录' }).min(1, { message: '请选择拨付记录' }).max(200),
  commitmentId: idSchema.nullish(),
});

/** One payment of the ledger charged to a line: the amount and date are the ledger's, never copied. */
export const spendingSchema = z.object({
  id: z.string(),
  disbursementId: z.string(),
  paidOn: z.string(),
  accountName: z.string(),
  purpose: z.string(),
  amountFen: z.number().int(),
  reversed: z.boolean(),
  commitmentId: z.string().nullable(),
});
export type BudgetSpending = z.infer<typeof spendingSchema>;

/** A ledger payment that may still be charged to a line (in scope, in the line's year, cash, not reversed, not charged). */
export const spendingCandidateSchema = z.object({
  id: z.string(),
  paidOn: z.string(),
  accountName: z.string(),
  programmeCode: z.string().nullable(),
  purpose: z.string(),
  amountFen: z.number().int(),
  /** The payment came out of the line's own budget account. */
  fromLineAccount: z.boolean(),
});
export type SpendingCandidate = z.infer<typeof spendingCandidateSchema>;

export const budgetLineDetailSchema = budgetLineSchema.extend({
  commitments: z.array(commitmentSchema),
  spending: z.array(spendingSchema),
});
export type BudgetLineDetail = z.infer<typeof budgetLineDetailSchema>;

const months = z.array(z.number().int()).length(12);
/** Execution by line and month: what was spent in each calendar month of the year (fen). */
export const executionSchema = z.object({
  year: z.number().int(),
  lines: z.array(
    z.object({
      lineId: z.string(),
      name: z.string(),
      purpose: z.enum(BUDGET_PURPOSES),
      status: z.enum(BUDGET_LINE_STATUSES),
      requestedFen: z.number().int(),
      approvedFen: z.number().int().nullable(),
      executedFen: z.number().int(),
      committedFen: z.number().int(),
      executionRate: z.number().nullable(),
      months,
    }),
  ),
  totals: z.object({
    requestedFen: z.number().int(),
    approvedFen: z.number().int(),
    executedFen: z.number().int(),
    committedFen: z.number().int(),
    executionRate: z.number().nullable(),
    months,
  }),
});
export type BudgetExecution = z.infer<typeof executionSchema>;

export const budgetRequestQuerySchema = z.object({
  /** The year whose execution the request is drafted from; the request is for the year after. */
  year: budgetYearSchema,
  ownerOrgId: idSchema.optional(),
});

/** Execution rate: executed ÷ approved in percent to 2 decimals, as the summary states rates; null when nothing was approved. */
export function executionRate(executedFen: number, approvedFen: number | null): number | null {
  if (!approvedFen) return null;
  return Math.round((executedFen / approvedFen) * 10000) / 100;
}

/** What remains to spend: approved − executed − open commitments; null until approved. */
export function availableFen(approvedFen: number | null, executedFen: number, committedFen: number): number | null {
  return approvedFen === null ? null : approvedFen - executedFen - committedFen;
}

/**
 * The amount proposed for next year when no line has been drafted for it: at least this year's approved amount
 * (the funds should continue — the reference's "年年编制预算，年年需协调"), more if what was actually needed
 * (spent plus still committed) exceeded it; rounded up to a whole hundred yuan as budgets are written.
 */
export function proposedNextYearFen(approvedFen: number | null, executedFen: number, committedFen: number): number {
  const need = Math.max(approvedFen ?? 0, executedFen + committedFen);
  return Math.ceil(need / 10000) * 10000;
}

/** The month (0–11) a business date falls in. */
export function monthIndex(date: string): number {
  return Number(date.slice(5, 7)) - 1;
}

/** Which changes a line's status allows: amounts are edited while drafting; spending is charged once approved. */
export const BUDGET_LINE_RULES = {
  canEditRequest: (s: BudgetLineStatus) => s === 'draft',
  canSubmit: (s: BudgetLineStatus) => s === 'draft',
  /** The approved amount may be recorded again later in the year (a supplementary appropriation, 追加). */
  canApprove: (s: BudgetLineStatus) => s === 'requested' || s === 'approved',
  canSpend: (s: BudgetLineStatus) => s === 'approved',
} as const;
