import { civilDeadline, type HolidayCalendar } from './calendar.js';

/**
 * The petition workflow (信访工作条例 2022, domain.md §2): registered → accepted / not accepted / diverted to
 * litigation (诉访分离) → in progress → closed; reopen with a reason; the applicant's review (复查) and
 * re-review (复核) as their own steps; after 复核 the matter is final.
 */
export const CASE_STATUSES = [
  'registered',
  'accepted',
  'not_accepted',
  'diverted',
  'in_progress',
  'closed',
  'review_requested',
  'review_decided',
  'rereview_requested',
  'final',
  'transferred',
  'assigned',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  registered: '已登记',
  accepted: '已受理',
  not_accepted: '不予受理',
  diverted: '已导入诉讼',
  in_progress: '办理中',
  closed: '已办结',
  review_requested: '复查中',
  review_decided: '已复查',
  rereview_requested: '复核中',
  final: '已复核终结',
  transferred: '已转送',
  assigned: '已交办',
};

/** States in which the federation still owes the applicant something: they carry a deadline and a priority. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['registered', 'accepted', 'in_progress', 'review_requested', 'rereview_requested'];

export const CASE_TRANSITIONS = {
  accept: { from: ['registered'], to: 'accepted', label: '受理' },
  notAccept: { from: ['registered'], to: 'not_accepted', label: '不予受理' },
  divert: { from: ['registered'], to: 'diverted', label: '导入诉讼程序' },
  start: { from: ['accepted'], to: 'in_progress', label: '开始办理' },
  close: { from: ['accepted', 'in_progress'], to: 'closed', label: '办结' },
  reopen: { from: ['closed', 'review_decided'], to: 'in_progress', label: '重新办理' },
  requestReview: { from: ['closed'], to: 'review_requested', label: '申请复查' },
  decideReview: { from: ['review_requested'], to: 'review_decided', label: '复查决定' },
  requestReReview: { from: ['review_decided'], to: 'rereview_requested', label: '申请复核' },
  decideReReview: { from: ['rereview_requested'], to: 'final', label: '复核决定' },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus; label: string }>;
export type CaseTransition = keyof typeof CASE_TRANSITIONS;
export const CASE_TRANSITION_NAMES = Object.keys(CASE_TRANSITIONS) as CaseTransition[];

export function checkTransition(status: CaseStatus, t: CaseTransition): { ok: true; to: CaseStatus } | { ok: false; message: string } {
  const def = CASE_TRANSITIONS[t];
  if ((def.from as readonly CaseStatus[]).includes(status)) return { ok: true, to: def.to };
  return {
    ok: false,
    message: `当前状态为“${CASE_STATUS_LABELS[status]}”，不能${def.label}（只有${def.from.map((s) => `“${CASE_STATUS_LABELS[s]}”`).join('或')}的事项可以${def.label}）`,
  };
}

/** The statutory numbers (domain.md §2 and §3), in days unless named hours. */
export const DEADLINE_RULES = {
  acceptDays: 15, // 第23条: written notice of acceptance within 15 days of receipt
  handleDays: 60, // 第34条: handled within 60 days of acceptance
  maxExtensionDays: 30, // 第34条: one extension of at most 30 days, with the reason told to the applicant
  reviewRequestDays: 30, // 第35条: apply for 复查 within 30 days of the written reply
  reviewDecideDays: 30, // 第35条: 复查 answered within 30 days
  rereviewRequestDays: 30, // 第36条
  rereviewDecideDays: 30, // 第36条
  protectionOrderHours: 72, // 反家庭暴力法第28条
  protectionOrderEmergencyHours: 24,
} as const;

export type DeadlineKind = 'accept' | 'handle' | 'reviewRequest' | 'reviewDecide' | 'rereviewRequest' | 'rereviewDecide';
export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  accept: '受理告知期限（收到之日起15日）',
  handle: '办结期限（受理之日起60日）',
  reviewRequest: '当事人申请复查期限（答复之日起30日）',
  reviewDecide: '复查答复期限（收到申请之日起30日）',
  rereviewRequest: '当事人申请复核期限（复查答复之日起30日）',
  rereviewDecide: '复核答复期限（收到申请之日起30日）',
};

/**
 * A deadline's label as it applies to the case: after the one extension (第34条) the handling period reads
 * "受理之日起90日（含延期30日）", so the words match the date beside them.
 */
export function deadlineLabel(kind: DeadlineKind, extensionDays: number | null = null): string {
  if (kind !== 'handle' || !extensionDays) return DEADLINE_LABELS[kind];
  return `办结期限（受理之日起${DEADLINE_RULES.handleDays + extensionDays}日，含延期${extensionDays}日）`;
}

export type CaseDates = {
  status: CaseStatus;
  receivedDate: string;
  acceptedDate: string | null;
  extensionDays: number | null;
  closedDate: string | null;
  reviewRequestedDate: string | null;
  reviewDecidedDate: string | null;
  rereviewRequestedDate: string | null;
  rereviewDecidedDate: string | null;
};

export type Deadline = {
  kind: DeadlineKind;
  label: string;
  due: string /** Owed by the federation (false: the applicant's own time limit). */;
  ours: boolean;
  met: boolean | null;
};

/** Every statutory deadline that applies to the case so far, computed from its dates and the holiday calendar. */
export function caseDeadlines(c: CaseDates, cal: HolidayCalendar): Deadline[] {
  const out: Deadline[] = [];
  const r = DEADLINE_RULES;
  const push = (kind: DeadlineKind, due: string, ours: boolean, doneOn: string | null) =>
    out.push({ kind, label: deadlineLabel(kind, c.extensionDays), due, ours, met: doneOn ? doneOn <= due : null });
  const decidedOn = c.acceptedDate ?? (c.status === 'not_accepted' || c.status === 'diverted' ? c.receivedDate : null);
  push('accept', civilDeadline(c.receivedDate, r.acceptDays, cal), true, decidedOn);
  if (c.acceptedDate) push('handle', civilDeadline(c.acceptedDate, r.handleDays + (c.extensionDays ?? 0), cal), true, c.closedDate);
  if (c.closedDate && (c.status === 'closed' || c.reviewRequestedDate))
    push('reviewRequest', civilDeadline(c.closedDate, r.reviewRequestDays, cal), false, c.reviewRequestedDate);
  if (c.reviewRequestedDate) push('reviewDecide', civilDeadline(c.reviewRequestedDate, r.reviewDecideDays, cal), true, c.reviewDecidedDate);
  if (c.reviewDecidedDate && (c.status === 'review_decided' || c.rereviewRequestedDate))
    push('rereviewRequest', civilDeadline(c.reviewDecidedDate, r.rereviewRequestDays, cal), false, c.rereviewRequestedDate);
  if (c.rereviewRequestedDate)
    push('rereviewDecide', civilDeadline(c.rereviewRequestedDate, r.rereviewDecideDays, cal), true, c.rereviewDecidedDate);
  return out;
}

/** The one deadline the federation works to in the case's current state (null when it owes nothing). */
export function nextCaseDeadline(c: CaseDates, cal: HolidayCalendar): Deadline | null {
  const kind: DeadlineKind | null =
    c.status === 'registered'
      ? 'accept'
      : c.status === 'accepted' || c.status === 'in_progress'
        ? 'handle'
        : c.status === 'review_requested'
          ? 'reviewDecide'
          : c.status === 'rereview_requested'
            ? 'rereviewDecide'
            : null;
  if (!kind) return null;
  return caseDeadlines(c, cal).find((d) => d.kind === kind) ?? null;
}

/** When a protection order must be decided: 72 hours after the application, 24 in an emergency (ISO instant). */
export function protectionOrderDecisionDue(appliedAtIso: string, emergency: boolean): string {
  const hours = emergency ? DEADLINE_RULES.protectionOrderEmergencyHours : DEADLINE_RULES.protectionOrderHours;
  return new Date(new Date(appliedAtIso).getTime() + hours * 3600_000).toISOString();
}
