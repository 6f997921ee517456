import { describe, expect, it } from 'vitest';
import { calendarFrom } from './calendar.js';
import { assessRisk } from './risk.js';
import {
  caseDeadlines,
  CASE_STATUSES,
  CASE_TRANSITIONS,
  CASE_TRANSITION_NAMES,
  checkTransition,
  nextCaseDeadline,
  protectionOrderDecisionDue,
  type CaseDates,
} from './workflow.js';

const empty = calendarFrom([]);
const base: CaseDates = {
  status: 'registered',
  receivedDate: '2026-03-02',
  acceptedDate: null,
  extensionDays: null,
  closedDate: null,
  reviewRequestedDate: null,
  reviewDecidedDate: null,
  rereviewRequestedDate: null,
  rereviewDecidedDate: null,
};

describe('case workflow', () => {
  it('allows exactly the transitions of the table and names the allowed states otherwise', () => {
    for (const status of CASE_STATUSES) {
      for (const t of CASE_TRANSITION_NAMES) {
        const r = checkTransition(status, t);
        const allowed = (CASE_TRANSITIONS[t].from as readonly string[]).includes(status);
        expect(r.ok).toBe(allowed);
        if (!r.ok) expect(r.message).toContain('不能');
      }
    }
  });

  it('refuses to close a registered (not yet accepted) case', () => {
    const r = checkTransition('registered', 'close');
    expect(r).toEqual({ ok: false, message: expect.stringContaining('只有“已受理”或“办理中”的事项可以办结') });
  });

  it('makes 复核 final: nothing follows it', () => {
    for (const t of CASE_TRANSITION_NAMES) expect(checkTransition('final', t).ok).toBe(false);
  });
});

describe('statutory deadlines', () => {
  it('a registered case owes acceptance within 15 days', () => {
    expect(nextCaseDeadline(base, empty)).toMatchObject({ kind: 'accept', due: '2026-03-17', ours: true });
  });

  it('an accepted case owes closure 60 days from acceptance, plus an extension', () => {
    const c = { ...base, status: 'in_progress' as const, acceptedDate: '2026-03-03' };
    expect(nextCaseDeadline(c, empty)?.due).toBe('2026-05-04'); // 05-02 is a Saturday
    expect(nextCaseDeadline({ ...c, extensionDays: 30 }, empty)?.due).toBe('2026-06-01');
  });

  it('after closure the federation owes nothing, the applicant has 30 days to ask for 复查', () => {
    const c = { ...base, status: 'closed' as const, acceptedDate: '2026-03-03', closedDate: '2026-04-01' };
    expect(nextCaseDeadline(c, empty)).toBeNull();
    const ds = caseDeadlines(c, empty);
    expect(ds.find((d) => d.kind === 'handle')?.met).toBe(true);
    expect(ds.find((d) => d.kind === 'reviewRequest')).toMatchObject({ due: '2026-05-01', ours: false });
  });

  it('a review request owes its answer within 30 days', () => {
    const c = {
      ...base,
      status: 'review_requested' as const,
      acceptedDate: '2026-03-03',
      closedDate: '2026-04-01',
      reviewRequestedDate: '2026-04-10',
    };
    expect(nextCaseDeadline(c, empty)).toMatchObject({ kind: 'reviewDecide', due: '2026-05-11' });
  });

  it('a protection order is decided within 72 hours, 24 in an emergency', () => {
    expect(protectionOrderDecisionDue('2026-03-02T02:00:00.000Z', false)).toBe('2026-03-05T02:00:00.000Z');
    expect(protectionOrderDecisionDue('2026-03-02T02:00:00.000Z', true)).toBe('2026-03-03T02:00:00.000Z');
  });
});

describe('DV risk screening', () => {
  it('is high on any critical item alone', () => {
    expect(assessRisk({ strangulation: true }).level).toBe('high');
  });
  it('counts the other answers: 0–1 low, 2–4 medium, 5+ high', () => {
    expect(assessRisk({ escalating: true }).level).toBe('low');
    expect(assessRisk({ escalating: true, control: true }).level).toBe('medium');
    expect(assessRisk({ escalating: true, control: true, separation: true, substance: true, pregnant: true }).level).toBe('high');
  });
});
