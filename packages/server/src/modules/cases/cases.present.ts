import {
  caseDeadlines,
  daysBetween,
  isOpenCaseStatus,
  isPastDeadline,
  protectionOrderDecisionDue,
  type AgencyReferral,
  type CaseHandover,
  type CaseListItem,
  type HolidayCalendar,
  type Referral,
  type RiskLevel,
} from '@jinguo/domain';
import type { FieldCipher } from '../../platform/crypto.js';
import type * as repo from './cases.repository.js';

/** A list row as every case list shows it: applicant's phone masked, never the narrative. */
export function presentCaseListItem(r: repo.CaseListRow, today: string): CaseListItem {
  return {
    id: r.id,
    caseNo: r.caseNo,
    channel: r.channel,
    receivedDate: r.receivedDate,
    category: r.category,
    categoryLabel: r.categoryLabel ?? r.category,
    summary: r.summary,
    status: r.status,
    riskLevel: r.riskLevel,
    applicantId: r.applicantPersonId,
    applicantName: r.applicantName,
    applicantPhoneMasked: r.applicantPhoneMasked,
    ownerOrgId: r.ownerOrgId,
    ownerName: r.ownerName,
    assigneeName: r.assigneeName ?? null,
    nextDueDate: r.nextDueDate,
    overdue: isPastDeadline(r.nextDueDate, today),
  };
}

export function presentDeadlines(c: repo.CaseDetailRow, cal: HolidayCalendar, today: string) {
  return caseDeadlines(c, cal).map((d) => ({
    ...d,
    overdue: d.ours && d.met === null && isOpenCaseStatus(c.status) && isPastDeadline(d.due, today),
  }));
}

export function presentAction(a: Awaited<ReturnType<typeof repo.listActions>>[number]) {
  return {
    id: a.id,
    kind: a.kind,
    date: a.actionDate,
    byName: a.byName,
    recordedBy: a.recordedByName ?? null,
    note: a.note,
    protectionOrderStatus: a.protectionOrderStatus as 'applied' | 'issued' | 'refused' | null,
    protectionOrderEmergency: a.protectionOrderEmergency === 1,
    protectionOrderAppliedAt: a.protectionOrderAppliedAt,
    protectionOrderDecidedDate: a.protectionOrderDecidedDate,
    protectionOrderDue:
      a.kind === 'protection_order' && a.protectionOrderAppliedAt
        ? protectionOrderDecisionDue(a.protectionOrderAppliedAt, a.protectionOrderEmergency === 1)
        : null,
    warningNo: a.warningNo,
    policeOrgName: a.policeOrgName ?? null,
    createdAt: a.createdAt,
  };
}

export function referralOverdue(r: { status: string; dueDate: string }, today: string): boolean {
  return (r.status === 'sent' || r.status === 'accepted') && isPastDeadline(r.dueDate, today);
}

/** The federation's view of a referral. */
export function presentReferral(r: repo.ReferralDetailRow, today: string): Referral {
  return {
    id: r.id,
    caseId: r.caseId,
    caseNo: r.caseNo,
    kind: r.kind,
    agencyOrgId: r.agencyOrgId,
    agencyName: r.agencyName,
    serviceRequested: r.serviceRequested,
    noteForAgency: r.noteForAgency,
    sentDate: r.sentDate,
    dueDate: r.dueDate,
    status: r.status,
    overdue: referralOverdue(r, today),
    consentRecorded: !!r.consentId,
    withoutConsentReason: r.withoutConsentReason,
    shareNarrative: r.shareNarrative === 1,
    answeredDate: r.answeredDate,
    daysToAnswer: r.daysToAnswer == null ? null : Number(r.daysToAnswer),
    receiptNote: r.receiptNote,
    declineReason: r.declineReason,
    outcome: r.outcome,
    doneDate: r.doneDate,
    handlerName: r.handlerName,
    filedDate: r.filedDate,
    courtCaseNo: r.courtCaseNo,
    courtResult: r.courtResult,
    escalatedAt: r.escalatedAt,
    linkIssuedAt: r.linkIssuedAt,
    linkExpiresAt: r.linkExpiresAt,
  };
}

function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * What an agency sees: the request and the least about the woman it needs to act — her phone in full only
 * when she consented to share with this agency, the narrative only when the federation chose to share it.
 */
/** What presentAgencyReferral reads of a referral (the inbox's list rows carry these too, ciphertexts as null). */
export type AgencyReferralSource = Pick<
  repo.ReferralDetailRow,
  | 'id'
  | 'caseNo'
  | 'kind'
  | 'ownerName'
  | 'agencyName'
  | 'serviceRequested'
  | 'noteForAgency'
  | 'sentDate'
  | 'dueDate'
  | 'status'
  | 'applicantName'
  | 'applicantGender'
  | 'applicantBirthDate'
  | 'consentId'
  | 'applicantPhoneEnc'
  | 'applicantPhoneMasked'
  | 'categoryLabel'
  | 'category'
  | 'riskLevel'
  | 'shareNarrative'
  | 'narrativeEnc'
  | 'answeredDate'
  | 'receiptNote'
  | 'declineReason'
  | 'outcome'
  | 'doneDate'
  | 'filedDate'
  | 'courtCaseNo'
  | 'courtResult'
>;

export function presentAgencyReferral(
  r: AgencyReferralSource,
  cipher: FieldCipher,
  today: string,
  contactName: string | null,
): AgencyReferral {
  return {
    id: r.id,
    caseNo: r.caseNo,
    kind: r.kind,
    fromOrgName: r.ownerName,
    agencyName: r.agencyName,
    serviceRequested: r.serviceRequested,
    noteForAgency: r.noteForAgency,
    sentDate: r.sentDate,
    dueDate: r.dueDate,
    status: r.status,
    overdue: referralOverdue(r, today),
    applicantName: r.applicantName,
    applicantGender: r.applicantGender === 'female' ? '女' : '男',
    applicantAge: ageOn(r.applicantBirthDate, today),
    applicantPhone: r.consentId && r.applicantPhoneEnc ? cipher.decrypt(r.applicantPhoneEnc) : r.applicantPhoneMasked,
    consentRecorded: !!r.consentId,
    categoryLabel: r.categoryLabel ?? r.category,
    riskLevel: r.riskLevel as RiskLevel | null,
    narrative: r.shareNarrative === 1 && r.narrativeEnc ? cipher.decrypt(r.narrativeEnc) : null,
    answeredDate: r.answeredDate,
    receiptNote: r.receiptNote,
    declineReason: r.declineReason,
    outcome: r.outcome,
    doneDate: r.doneDate,
    filedDate: r.filedDate,
    courtCaseNo: r.courtCaseNo,
    courtResult: r.courtResult,
    contactName,
  };
}

export function daysOverdue(due: string, today: string): number {
  return Math.max(0, daysBetween(due, today));
}

/** A 转送/交办 as both sides see it: overdue while unreported after its due date. */
export function presentHandover(h: repo.HandoverDetailRow, today: string): CaseHandover {
  return {
    id: h.id,
    kind: h.kind,
    fromOrgId: h.ownerOrgId,
    fromOrgName: h.fromOrgName,
    toOrgId: h.toOrgId,
    toOrgName: h.toOrgName,
    sourceCaseId: h.sourceCaseId,
    sourceCaseNo: h.sourceCaseNo,
    targetCaseId: h.targetCaseId,
    targetCaseNo: h.targetCaseNo,
    targetStatus: h.targetStatus,
    instructions: h.instructions,
    sentDate: h.sentDate,
    dueDate: h.dueDate,
    status: h.status,
    overdue: h.status === 'sent' && !!h.dueDate && today > h.dueDate,
    result: h.result,
    reportedDate: h.reportedDate,
    reportedOnTime: h.reportedOnTime == null ? null : h.reportedOnTime === 1,
    pressCount: Number(h.pressCount),
    lastPressedDate: h.lastPressedDate,
  };
}

/** One of her consents on the case file (who gave it, when, for which agency; withdrawn when). */
export function presentConsent(k: Awaited<ReturnType<typeof repo.listConsents>>[number]) {
  return {
    id: k.id,
    agencyOrgId: k.agencyOrgId,
    agencyName: k.agencyName,
    purpose: k.purpose,
    givenBy: k.givenBy,
    givenDate: k.givenDate,
    method: k.method,
    recordedBy: k.recordedByName ?? null,
    withdrawnAt: k.withdrawnAt,
    withdrawnDate: k.withdrawnDate,
  };
}

/** One step of the case's history. */
export function presentEvent(e: Awaited<ReturnType<typeof repo.listEvents>>[number]) {
  return {
    id: e.id,
    at: e.at,
    date: e.eventDate,
    transition: e.transition,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    reason: e.reason,
    actorName: e.actorName ?? null,
  };
}
