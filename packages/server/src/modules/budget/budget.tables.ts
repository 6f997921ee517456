import type { BudgetLineStatus, BudgetPurpose, CommitmentStatus } from '@jinguo/domain';

// Tables owned by the budget module (Kysely types, camelCase; the database columns are snake_case).

export type BudgetLinesTable = {
  id: string;
  ownerOrgId: string;
  year: number;
  purpose: BudgetPurpose;
  name: string;
  programmeCode: string | null;
  fundAccountId: string | null;
  requestedFen: number;
  requestedOn: string | null;
  approvedFen: number | null;
  approvedOn: string | null;
  approvalRef: string | null;
  status: BudgetLineStatus;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type BudgetCommitmentsTable = {
  id: string;
  lineId: string;
  ownerOrgId: string;
  committedOn: string;
  description: string;
  amountFen: number;
  status: CommitmentStatus;
  settledOn: string | null;
  cancelReason: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

/** A ledger disbursement charged to a line. No amount here: it is the ledger's (funds module's disbursementsView). */
export type BudgetSpendingsTable = {
  id: string;
  lineId: string;
  ownerOrgId: string;
  disbursementId: string;
  commitmentId: string | null;
  linkedBy: string | null;
  linkedAt: string;
};

export type BudgetTables = {
  budgetLines: BudgetLinesTable;
  budgetCommitments: BudgetCommitmentsTable;
  budgetSpendings: BudgetSpendingsTable;
};
