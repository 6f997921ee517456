// Tables owned by the funds module (Kysely types, camelCase; the database columns are snake_case).
import type { DonationSource, DonorKind, FundAccountKind, FundForm, JournalEntryKind, PaymentMethod, RecipientKind } from '@jinguo/domain';

export type FundAccountsTable = {
  id: string;
  ownerOrgId: string;
  code: string;
  name: string;
  kind: FundAccountKind;
  /** The programme a holding account serves by default (春蕾基金 → SPRING_BUD); null for general funds. */
  programmeCode: string | null;
  item: string | null;
  unit: string | null;
  unitValueFen: number | null;
  /** Running balance in the account's normal direction, updated in the posting transaction; = Σ its journal lines. */
  balanceFen: number;
  balanceQty: number;
  active: number;
  createdAt: string;
  updatedAt: string;
};

export type FundJournalEntriesTable = {
  id: string;
  seq: number;
  ownerOrgId: string;
  entryDate: string;
  kind: JournalEntryKind;
  memo: string;
  reversesEntryId: string | null;
  reason: string | null;
  createdBy: string | null;
  createdAt: string;
};

export type FundJournalLinesTable = {
  id: string;
  entryId: string;
  accountId: string;
  entryDate: string;
  amountFen: number;
  quantity: number;
};

export type FundDonationsTable = {
  id: string;
  ownerOrgId: string;
  receiptNo: string | null;
  source: DonationSource;
  donorKind: DonorKind;
  donorPersonId: string | null;
  donorName: string;
  donorCreditCode: string | null;
  accountId: string;
  programmeCode: string | null;
  form: FundForm;
  quantity: number | null;
  unitValueFen: number | null;
  amountFen: number;
  remainingFen: number;
  remainingQty: number;
  donatedOn: string;
  memo: string | null;
  entryId: string;
  reversalEntryId: string | null;
  reversalReason: string | null;
  createdBy: string | null;
  createdAt: string;
};

export type FundDisbursementsTable = {
  id: string;
  ownerOrgId: string;
  accountId: string;
  programmeCode: string | null;
  form: FundForm;
  method: PaymentMethod;
  recipientKind: RecipientKind;
  recipientPersonId: string | null;
  recipientHouseholdId: string | null;
  recipientOrgId: string | null;
  recipientEventName: string | null;
  bankCardEnc: string | null;
  bankCardMasked: string | null;
  quantity: number | null;
  amountFen: number;
  paidOn: string;
  approvedBy: string;
  purpose: string;
  /** The record that caused the payment (relief_application, sponsorship_payment); it alone may reverse it. */
  sourceKind: string | null;
  sourceId: string | null;
  entryId: string;
  reversalEntryId: string | null;
  reversalReason: string | null;
  createdBy: string | null;
  createdAt: string;
};

export type FundAllocationsTable = {
  id: string;
  disbursementId: string;
  donationId: string;
  amountFen: number;
  quantity: number;
  createdAt: string;
};

export type FundReceiptCountersTable = { ownerOrgId: string; year: number; lastValue: number };
export type FundJournalHeadTable = { id: number; lastSeq: number };

export type FundsTables = {
  fundAccounts: FundAccountsTable;
  fundJournalEntries: FundJournalEntriesTable;
  fundJournalLines: FundJournalLinesTable;
  fundDonations: FundDonationsTable;
  fundDisbursements: FundDisbursementsTable;
  fundAllocations: FundAllocationsTable;
  fundReceiptCounters: FundReceiptCountersTable;
  fundJournalHead: FundJournalHeadTable;
};
