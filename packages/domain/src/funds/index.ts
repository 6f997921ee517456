// Schemas, literal unions and pure rules of the funds module (the double-entry ledger), shared by server and web.
import { z } from 'zod';
import { businessDateSchema } from '../common/dates.js';
import { idSchema } from '../common/ids.js';
import { parseYuanToFen } from '../common/money.js';
import { pageQuerySchema, requiredText } from '../common/schemas.js';

/**
 * Holding accounts (cash funds, budget allocations, goods stocks) hold money or goods and may never go below
 * zero; counter accounts (income, expense) are the other side of every double entry.
 */
export const FUND_ACCOUNT_KINDS = ['cash', 'budget', 'goods', 'income', 'expense'] as const;
export type FundAccountKind = (typeof FUND_ACCOUNT_KINDS)[number];
export const FUND_ACCOUNT_KIND_LABELS: Record<FundAccountKind, string> = {
  cash: '资金账户',
  budget: '预算经费',
  goods: '物资库存',
  income: '收入科目',
  expense: '支出科目',
};
export const HOLDING_ACCOUNT_KINDS = ['cash', 'budget', 'goods'] as const satisfies readonly FundAccountKind[];
export type HoldingAccountKind = (typeof HOLDING_ACCOUNT_KINDS)[number];

/** Debit-normal accounts grow with debits (assets, expenses); credit-normal ones with credits (income). */
export function normalSide(kind: FundAccountKind): 1 | -1 {
  return kind === 'income' ? -1 : 1;
}

/** The counter accounts every federation's ledger has; created on first use (codes are per owning unit). */
export const SYSTEM_ACCOUNTS = {
  donationIncome: { code: 'INCOME_DONATIONS', name: '捐赠收入', kind: 'income' },
  appropriationIncome: { code: 'INCOME_APPROPRIATIONS', name: '财政拨款收入', kind: 'income' },
  disbursementExpense: { code: 'EXPENSE_DISBURSEMENTS', name: '救助与资助支出', kind: 'expense' },
} as const satisfies Record<string, { code: string; name: string; kind: FundAccountKind }>;

export const DONATION_SOURCES = ['donation', 'appropriation'] as const;
export type DonationSource = (typeof DONATION_SOURCES)[number];
export const DONATION_SOURCE_LABELS: Record<DonationSource, string> = { donation: '社会捐赠', appropriation: '财政拨款' };

export const DONOR_KINDS = ['person', 'organisation', 'anonymous'] as const;
export type DonorKind = (typeof DONOR_KINDS)[number];
export const DONOR_KIND_LABELS: Record<DonorKind, string> = { person: '个人', organisation: '单位', anonymous: '匿名' };

export const FUND_FORMS = ['cash', 'goods'] as const;
export type FundForm = (typeof FUND_FORMS)[number];

export const RECIPIENT_KINDS = ['person', 'household', 'village', 'event'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];
export const RECIPIENT_KIND_LABELS: Record<RecipientKind, string> = {
  person: '个人',
  household: '家庭',
  village: '村（社区）',
  event: '活动',
};

export const PAYMENT_METHODS = ['bank_transfer', 'cash', 'in_kind'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = { bank_transfer: '银行转账', cash: '现金', in_kind: '实物发放' };

export const JOURNAL_ENTRY_KINDS = ['donation', 'appropriation', 'disbursement', 'reversal'] as const;
export type JournalEntryKind = (typeof JOURNAL_ENTRY_KINDS)[number];
export const JOURNAL_ENTRY_KIND_LABELS: Record<JournalEntryKind, string> = {
  donation: '接收捐赠',
  appropriation: '财政拨款',
  disbursement: '拨付',
  reversal: '冲销',
};

/** Programme codes are upper-case identifiers (POOR_MOTHER, TWO_CANCER, DROUGHT, SPRING_BUD …). */
export const programmeCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{1,39}$/, { message: '项目代码须为大写字母、数字或下划线' });
export const accountCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{1,39}$/, { message: '账户代码须为大写字母、数字或下划线' });

const amountFenSchema = z
  .number({ message: '金额须为数字（分）' })
  .int({ message: '金额必须是整数分' })
  .positive({ message: '金额必须大于0' })
  .max(1e13, { message: '金额过大' });
const quantitySchema = z
  .number({ message: '数量须为数字' })
  .int({ message: '数量须为整数' })
  .positive({ message: '数量必须大于0' })
  .max(1e9, { message: '数量过大' });

/** What a person types as yuan ("1,200.50", "1200.5") → fen, or the Chinese reason it is not an amount. */
export function parseAmountInput(text: string): { ok: true; fen: number } | { ok: false; message: string } {
  const fen = parseYuanToFen(text);
  if (fen === null) return { ok: false, message: '金额格式不正确，例如 1200 或 1,200.50（最多两位小数）' };
  if (fen <= 0) return { ok: false, message: '金额必须大于0' };
  return { ok: true, fen };
}

export const createFundAccountSchema = z
  .strictObject({
    code: accountCodeSchema,
    name: requiredText('账户名称', 50),
    kind: z.enum(HOLDING_ACCOUNT_KINDS, { message: '请选择账户类型（资金、预算经费或物资）' }),
    programmeCode: programmeCodeSchema.nullish(),
    item: z.string().trim().max(50, { message: '物品名称不能超过50个字符' }).nullish(),
    unit: z.string().trim().max(10, { message: '计量单位不能超过10个字符' }).nullish(),
    unitValueFen: amountFenSchema.nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'goods') {
      if (!v.item) ctx.addIssue({ code: 'custom', path: ['item'], message: '物资账户须填写物品名称' });
      if (!v.unit) ctx.addIssue({ code: 'custom', path: ['unit'], message: '物资账户须填写计量单位' });
      if (!v.unitValueFen) ctx.addIssue({ code: 'custom', path: ['unitValueFen'], message: '物资账户须填写单位价值' });
    }
  });
export type CreateFundAccount = z.infer<typeof createFundAccountSchema>;

/**
 * Renaming an account, or naming its programme after both exist: an account and a programme can each be created
 * first and linked after (the programme names its account with fundAccountId, the account its programme here).
 */
export const updateFundAccountSchema = z.strictObject({
  name: requiredText('账户名称', 50).optional(),
  programmeCode: programmeCodeSchema.nullish(),
});
export type UpdateFundAccount = z.infer<typeof updateFundAccountSchema>;

export const fundAccountSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(FUND_ACCOUNT_KINDS),
  programmeCode: z.string().nullable(),
  item: z.string().nullable(),
  unit: z.string().nullable(),
  unitValueFen: z.number().int().nullable(),
  /** In the account's normal direction: never below zero. */
  balanceFen: z.number().int(),
  balanceQty: z.number().int(),
  active: z.boolean(),
});
export type FundAccount = z.infer<typeof fundAccountSchema>;

export const createDonationSchema = z
  .strictObject({
    source: z.enum(DONATION_SOURCES).default('donation'),
    donorKind: z.enum(DONOR_KINDS, { message: '请选择捐赠人类型' }),
    donorPersonId: idSchema.nullish(),
    donorName: z.string().trim().max(100, { message: '捐赠人名称不能超过100个字符' }).nullish(),
    donorCreditCode: z.string().trim().max(18).nullish(),
    accountId: idSchema,
    programmeCode: programmeCodeSchema.nullish(),
    amountFen: amountFenSchema.optional(),
    quantity: quantitySchema.optional(),
    unitValueFen: amountFenSchema.optional(),
    donatedOn: businessDateSchema,
    memo: z.string().trim().max(200, { message: '备注不能超过200个字符' }).nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.donorKind === 'person' && !v.donorPersonId && !v.donorName)
      ctx.addIssue({ code: 'custom', path: ['donorName'], message: '请填写捐赠人姓名或选择登记人员' });
    if (v.donorKind === 'organisation' && !v.donorName)
      ctx.addIssue({ code: 'custom', path: ['donorName'], message: '请填写捐赠单位名称' });
  });
export type CreateDonation = z.infer<typeof createDonationSchema>;

export const createDisbursementSchema = z
  .strictObject({
    accountId: idSchema,
    programmeCode: programmeCodeSchema.nullish(),
    recipientKind: z.enum(RECIPIENT_KINDS, { message: '请选择拨付对象类型' }),
    recipientPersonId: idSchema.nullish(),
    recipientHouseholdId: idSchema.nullish(),
    recipientOrgId: idSchema.nullish(),
    recipientEventName: z.string().trim().max(100, { message: '活动名称不能超过100个字符' }).nullish(),
    method: z.enum(PAYMENT_METHODS, { message: '请选择发放方式' }),
    bankCard: z
      .string()
      .trim()
      .regex(/^\d{12,19}$/, { message: '银行卡号应为12–19位数字' })
      .nullish(),
    amountFen: amountFenSchema.optional(),
    quantity: quantitySchema.optional(),
    paidOn: businessDateSchema,
    approvedBy: idSchema,
    purpose: requiredText('用途', 200),
  })
  .superRefine((v, ctx) => {
    const need: Record<RecipientKind, [keyof typeof v, string]> = {
      person: ['recipientPersonId', '请选择受助人'],
      household: ['recipientHouseholdId', '请选择受助家庭'],
      village: ['recipientOrgId', '请选择村（社区）'],
      event: ['recipientEventName', '请填写活动名称'],
    };
    const [field, message] = need[v.recipientKind];
    if (!v[field]) ctx.addIssue({ code: 'custom', path: [field], message });
    if (v.method === 'bank_transfer' && !v.bankCard)
      ctx.addIssue({ code: 'custom', path: ['bankCard'], message: '银行转账须填写收款银行卡号' });
  });
export type CreateDisbursement = z.infer<typeof createDisbursementSchema>;

export const fundReverseSchema = z.strictObject({ reason: requiredText('冲销原因', 200) });

export const donationSchema = z.object({
  id: z.string(),
  receiptNo: z.string().nullable(),
  source: z.enum(DONATION_SOURCES),
  donorKind: z.enum(DONOR_KINDS),
  donorPersonId: z.string().nullable(),
  donorName: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  programmeCode: z.string().nullable(),
  form: z.enum(FUND_FORMS),
  item: z.string().nullable(),
  unit: z.string().nullable(),
  quantity: z.number().int().nullable(),
  unitValueFen: z.number().int().nullable(),
  amountFen: z.number().int(),
  remainingFen: z.number().int(),
  donatedOn: z.string(),
  memo: z.string().nullable(),
  entryId: z.string(),
  reversed: z.boolean(),
  reversalReason: z.string().nullable(),
  createdAt: z.string(),
});
export type Donation = z.infer<typeof donationSchema>;

export const donationReceiptSchema = donationSchema.extend({
  amountUppercase: z.string(),
  orgName: z.string(),
  donorCreditCode: z.string().nullable(),
  programmeName: z.string().nullable(),
  issuedBy: z.string(),
});
export type DonationReceipt = z.infer<typeof donationReceiptSchema>;

export const disbursementSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  programmeCode: z.string().nullable(),
  form: z.enum(FUND_FORMS),
  method: z.enum(PAYMENT_METHODS),
  recipientKind: z.enum(RECIPIENT_KINDS),
  recipientPersonId: z.string().nullable(),
  recipientHouseholdId: z.string().nullable(),
  recipientOrgId: z.string().nullable(),
  /** Masked for persons (a list never shows a beneficiary's full name). */
  recipientLabel: z.string(),
  bankCardMasked: z.string().nullable(),
  item: z.string().nullable(),
  unit: z.string().nullable(),
  quantity: z.number().int().nullable(),
  amountFen: z.number().int(),
  paidOn: z.string(),
  approvedByName: z.string().nullable(),
  purpose: z.string(),
  sourceKind: z.string().nullable(),
  sourceId: z.string().nullable(),
  entryId: z.string(),
  reversed: z.boolean(),
  reversalReason: z.string().nullable(),
  createdAt: z.string(),
});
export type Disbursement = z.infer<typeof disbursementSchema>;

export const fundJournalLineSchema = z.object({
  accountId: z.string(),
  accountCode: z.string(),
  accountName: z.string(),
  /** Debit positive, credit negative. */
  amountFen: z.number().int(),
  quantity: z.number().int(),
});
export const fundJournalEntrySchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  entryDate: z.string(),
  kind: z.enum(JOURNAL_ENTRY_KINDS),
  memo: z.string(),
  reversesEntryId: z.string().nullable(),
  reversedByEntryId: z.string().nullable(),
  reason: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  lines: z.array(fundJournalLineSchema),
});
export type FundJournalEntry = z.infer<typeof fundJournalEntrySchema>;

export const fundJournalQuerySchema = pageQuerySchema.extend({
  accountId: idSchema.optional(),
  from: businessDateSchema.optional(),
  to: businessDateSchema.optional(),
});
export const donationQuerySchema = pageQuerySchema.extend({
  programmeCode: programmeCodeSchema.optional(),
  accountId: idSchema.optional(),
  from: businessDateSchema.optional(),
  to: businessDateSchema.optional(),
  q: z.string().trim().max(50).optional(),
});
export const disbursementQuerySchema = pageQuerySchema.extend({
  programmeCode: programmeCodeSchema.optional(),
  accountId: idSchema.optional(),
  recipientPersonId: idSchema.optional(),
  from: businessDateSchema.optional(),
  to: businessDateSchema.optional(),
});
export const fundPeriodQuerySchema = z.object({ from: businessDateSchema.optional(), to: businessDateSchema.optional() });

/** Raised vs paid vs remaining, per programme or per account, for one period. */
export const fundSummaryRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  raisedCashFen: z.number().int(),
  raisedGoodsFen: z.number().int(),
  paidCashFen: z.number().int(),
  paidGoodsFen: z.number().int(),
  remainingFen: z.number().int(),
});
export const fundSummarySchema = z.object({ byProgramme: z.array(fundSummaryRowSchema), byAccount: z.array(fundSummaryRowSchema) });
export type FundSummaryRow = z.infer<typeof fundSummaryRowSchema>;

/** Where a donation went: the beneficiaries it reached (by designation, then first-in first-out). */
export const donorTraceSchema = z.object({
  donation: donationSchema,
  allocatedFen: z.number().int(),
  remainingFen: z.number().int(),
  items: z.array(
    z.object({
      disbursementId: z.string(),
      paidOn: z.string(),
      programmeCode: z.string().nullable(),
      recipientKind: z.enum(RECIPIENT_KINDS),
      recipientLabel: z.string(),
      amountFen: z.number().int(),
      quantity: z.number().int(),
      purpose: z.string(),
    }),
  ),
});
export type DonorTrace = z.infer<typeof donorTraceSchema>;

/** Everything a beneficiary received, across programmes (the ledger's side of her history). */
export const beneficiaryHistorySchema = z.object({
  personId: z.string(),
  name: z.string(),
  totalCashFen: z.number().int(),
  totalGoodsFen: z.number().int(),
  items: z.array(disbursementSchema),
});
export type BeneficiaryHistory = z.infer<typeof beneficiaryHistorySchema>;
