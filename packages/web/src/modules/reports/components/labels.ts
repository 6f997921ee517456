/** The line of work a fact belongs to, as shown on the dashboard. */
export const MODULE_LABELS: Record<string, { zh: string; en: string }> = {
  cases: { zh: '信访维权', en: 'Petitions & rights' },
  relief: { zh: '困难救助', en: 'Relief' },
  sponsorship: { zh: '春蕾计划', en: 'Spring Bud' },
  funds: { zh: '资金物资', en: 'Funds' },
  activities: { zh: '活动培训', en: 'Activities' },
  honours: { zh: '评选表彰', en: 'Honours' },
  cadres: { zh: '女干部', en: 'Women cadres' },
  associations: { zh: '协会', en: 'Associations' },
  indicators: { zh: '两纲监测', en: 'Outline indicators' },
  org: { zh: '组织机构', en: 'Organisation' },
};

export const moduleLabel = (m: string) => MODULE_LABELS[m] ?? { zh: m, en: m };

/** Years offered in the pickers: this year and the five before it. */
export function recentYears(now = new Date()): number[] {
  const y = now.getFullYear();
  return Array.from({ length: 6 }, (_, i) => y - i);
}
