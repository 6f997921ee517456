import type { CasesTable } from './cases.tables.js';

type NewCase = Pick<
  CasesTable,
  | 'id'
  | 'ownerOrgId'
  | 'year'
  | 'seq'
  | 'caseNo'
  | 'channel'
  | 'receivedDate'
  | 'category'
  | 'matterType'
  | 'summary'
  | 'narrativeEnc'
  | 'applicantPersonId'
  | 'assigneeUserId'
  | 'riskLevel'
  | 'riskAnswers'
  | 'riskAssessedDate'
  | 'nextFollowUpDate'
  | 'createdBy'
>;
type Derived = (
  base: Pick<
    CasesTable,
    | 'status'
    | 'receivedDate'
    | 'acceptedDate'
    | 'extensionDays'
    | 'closedDate'
    | 'reviewRequestedDate'
    | 'reviewDecidedDate'
    | 'rereviewRequestedDate'
    | 'rereviewDecidedDate'
    | 'riskLevel'
  >,
) => Pick<CasesTable, 'nextDueDate' | 'priority'>;

/** A newly registered case's row, in one place for a petition registered here and one passed on from above. */
export function newCaseRow(c: NewCase, at: string, derived: Derived): CasesTable {
  const base = {
    status: 'registered' as const,
    receivedDate: c.receivedDate,
    acceptedDate: null,
    extensionDays: null,
    closedDate: null,
    reviewRequestedDate: null,
    reviewDecidedDate: null,
    rereviewRequestedDate: null,
    rereviewDecidedDate: null,
    riskLevel: c.riskLevel,
  };
  return {
    ...c,
    acceptNotice: null,
    notAcceptedReason: null,
    divertedDate: null,
    divertedTo: null,
    divertedReason: null,
    extensionReason: null,
    outcome: null,
    reply: null,
    satisfaction: null,
    daysToClose: null,
    closedOnTime: null,
    reviewResult: null,
    rereviewResult: null,
    createdAt: at,
    updatedAt: at,
    ...base,
    ...derived(base),
  };
}
