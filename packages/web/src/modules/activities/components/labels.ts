import { RESOURCE_CATEGORY_LABELS, RESOURCE_CATEGORY_UNITS, formatFen, type EventTotals } from '@jinguo/domain';

/** "慰问品 380件 · 7,000.00元" for each resource category of a totals row. */
export function resourceSummary(resources: EventTotals['resources']): string[] {
  // Cash is an amount, not a count of items: its quantity (one line per event) is not shown.
  return resources.map((r) =>
    r.category === 'cash'
      ? `${RESOURCE_CATEGORY_LABELS.cash} ${formatFen(r.valueFen)}元`
      : `${RESOURCE_CATEGORY_LABELS[r.category]} ${r.quantity}${RESOURCE_CATEGORY_UNITS[r.category]}${r.valueFen ? ` · ${formatFen(r.valueFen)}元` : ''}`,
  );
}
