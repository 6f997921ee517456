import { describe, expect, it } from 'vitest';
import { availableFen, BUDGET_LINE_RULES, executionRate, linkSpendingSchema, monthIndex, proposedNextYearFen } from './index.js';

describe('budget: pure rules', () => {
  it('execution rate = executed ÷ approved, two decimals; null until something is approved', () => {
    expect(executionRate(1390000, 2000000)).toBe(69.5);
    expect(executionRate(1, 3)).toBe(33.33);
    expect(executionRate(2000000, 2000000)).toBe(100);
    expect(executionRate(0, null)).toBeNull();
    expect(executionRate(0, 0)).toBeNull();
  });

  it('available = approved − executed − open commitments', () => {
    expect(availableFen(2000000, 1390000, 300000)).toBe(310000);
    expect(availableFen(null, 0, 0)).toBeNull();
  });

  it('proposes at least this year’s approved amount for next year, more when spending and commitments needed it, in whole hundreds', () => {
    expect(proposedNextYearFen(2000000, 1390000, 0)).toBe(2000000);
    expect(proposedNextYearFen(2000000, 1950000, 120000)).toBe(2070000);
    expect(proposedNextYearFen(2000000, 2000001, 0)).toBe(2010000);
    expect(proposedNextYearFen(null, 0, 0)).toBe(0);
  });

  it('places a payment in its calendar month', () => {
    expect(monthIndex('2026-01-31')).toBe(0);
    expect(monthIndex('2026-07-15')).toBe(6);
    expect(monthIndex('2026-12-01')).toBe(11);
  });

  it('edits the request while drafting, records approval after submission (again for a supplement), spends once approved', () => {
    expect(BUDGET_LINE_RULES.canEditRequest('draft')).toBe(true);
    expect(BUDGET_LINE_RULES.canEditRequest('requested')).toBe(false);
    expect(BUDGET_LINE_RULES.canApprove('draft')).toBe(false);
    expect(BUDGET_LINE_RULES.canApprove('approved')).toBe(true);
    expect(BUDGET_LINE_RULES.canSpend('requested')).toBe(false);
    expect(BUDGET_LINE_RULES.canSpend('approved')).toBe(true);
  });

  it('links at least one payment', () => {
    expect(linkSpendingSchema.safeParse({ disbursementIds: [] }).error!.issues[0]).toMatchObject({
      path: ['disbursementIds'],
      message: '请选择拨付记录',
    });
  });
});
