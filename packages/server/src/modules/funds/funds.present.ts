import { maskName, type Disbursement, type Donation, type FundAccount, type FundAccountKind, type RecipientKind } from '@jinguo/domain';
import type * as repo from './funds.repository.js';

// ---------- presenters ----------

export function presentAccount(a: {
  id: string;
  code: string;
  name: string;
  kind: FundAccountKind;
  programmeCode: string | null;
  item: string | null;
  unit: string | null;
  unitValueFen: number | null;
  balanceFen: number;
  balanceQty: number;
  active: number;
}): FundAccount {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    kind: a.kind,
    programmeCode: a.programmeCode,
    item: a.item,
    unit: a.unit,
    unitValueFen: a.unitValueFen == null ? null : Number(a.unitValueFen),
    balanceFen: Number(a.balanceFen),
    balanceQty: Number(a.balanceQty),
    active: a.active === 1,
  };
}

type DonationRow =
  | NonNullable<Awaited<ReturnType<typeof repo.findDonation>>>
  | Awaited<ReturnType<typeof repo.listDonations>>['items'][number];
export function presentDonation(d: DonationRow): Donation {
  return {
    id: d.id,
    receiptNo: d.receiptNo,
    source: d.source,
    donorKind: d.donorKind,
    donorPersonId: d.donorPersonId,
    donorName: d.donorName,
    accountId: d.accountId,
    accountName: d.accountName,
    programmeCode: d.programmeCode,
    form: d.form,
    item: d.item,
    unit: d.unit,
    quantity: d.quantity == null ? null : Number(d.quantity),
    unitValueFen: d.unitValueFen == null ? null : Number(d.unitValueFen),
    amountFen: Number(d.amountFen),
    remainingFen: Number(d.remainingFen),
    donatedOn: d.donatedOn,
    memo: d.memo,
    entryId: d.entryId,
    reversed: !!d.reversalEntryId,
    reversalReason: d.reversalReason,
    createdAt: d.createdAt,
  };
}

/** How a recipient is shown: a person's name masked (lists and traces never carry a beneficiary's full name). */
export function recipientLabel(r: {
  recipientKind: RecipientKind;
  personName?: string | null;
  householdName?: string | null;
  orgName?: string | null;
  recipientEventName?: string | null;
}): string {
  switch (r.recipientKind) {
    case 'person':
      return maskName(r.personName ?? null) ?? '（已删除）';
    case 'household':
      return `${maskName(r.householdName ?? null) ?? ''}家庭`;
    case 'village':
      return r.orgName ?? '—';
    case 'event':
      return r.recipientEventName ?? '—';
  }
}

type DisbursementRow = NonNullable<Awaited<ReturnType<typeof repo.findDisbursement>>>;
export function presentDisbursement(d: DisbursementRow): Disbursement {
  return {
    id: d.id,
    accountId: d.accountId,
    accountName: d.accountName,
    programmeCode: d.programmeCode,
    form: d.form,
    method: d.method,
    recipientKind: d.recipientKind,
    recipientPersonId: d.recipientPersonId,
    recipientHouseholdId: d.recipientHouseholdId,
    recipientOrgId: d.recipientOrgId,
    recipientLabel: recipientLabel(d),
    bankCardMasked: d.bankCardMasked,
    item: d.item,
    unit: d.unit,
    quantity: d.quantity == null ? null : Number(d.quantity),
    amountFen: Number(d.amountFen),
    paidOn: d.paidOn,
    approvedByName: d.approvedByName,
    purpose: d.purpose,
    sourceKind: d.sourceKind,
    sourceId: d.sourceId,
    entryId: d.entryId,
    reversed: !!d.reversalEntryId,
    reversalReason: d.reversalReason,
    createdAt: d.createdAt,
  };
}

/** Where a disbursement caused by another record is reversed (that record alone may reverse it). */
export const REVERSED_AT_SOURCE: Record<string, string> = {
  relief_application: '该笔拨付是救助申请的发放，请在救助申请页面冲销',
  sponsorship_payment: '该笔拨付是春蕾资助款，请在资助页面冲销',
  children_help: '该笔拨付是留守儿童帮扶，请在关爱留守儿童页面冲销',
};
