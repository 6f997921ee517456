/**
 * Domestic-violence risk screening: a short standard questionnaire (modelled on the lethality items of the
 * Danger Assessment and the screening forms federations use) giving low / medium / high. A "yes" to any
 * critical item is high on its own; otherwise the count of "yes" answers decides.
 */
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_QUESTIONS = [
  { key: 'escalating', text: '近期暴力的次数或严重程度在增加', critical: false },
  { key: 'weapon', text: '对方曾使用或威胁使用刀具等凶器', critical: true },
  { key: 'strangulation', text: '对方曾掐脖子或捂口鼻使其窒息', critical: true },
  { key: 'deathThreat', text: '对方曾扬言要杀死她或孩子', critical: true },
  { key: 'believesKill', text: '她认为对方可能会杀死她', critical: true },
  { key: 'pregnant', text: '她正在怀孕，或怀孕期间曾遭殴打', critical: false },
  { key: 'substance', text: '对方酗酒、吸毒或有精神疾病未治疗', critical: false },
  { key: 'control', text: '对方控制她的行动、钱财，或跟踪、骚扰', critical: false },
  { key: 'separation', text: '她已经或准备离开对方、提出离婚', critical: false },
  { key: 'childAbuse', text: '对方曾对孩子施暴或以孩子相威胁', critical: false },
] as const;
export type RiskQuestionKey = (typeof RISK_QUESTIONS)[number]['key'];
export type RiskAnswers = Partial<Record<RiskQuestionKey, boolean>>;

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { high: '高风险', medium: '中风险', low: '低风险' };
/** The colour tags federations put on families: red for violence at high risk, then yellow, then green. */
export const RISK_LEVEL_COLOURS: Record<RiskLevel, 'red' | 'gold' | 'green'> = { high: 'red', medium: 'gold', low: 'green' };
export const RISK_COLOUR_LABELS: Record<RiskLevel, string> = { high: '红色', medium: '黄色', low: '绿色' };

/** Days between follow-up visits by risk level (null: no set cadence). */
export const FOLLOW_UP_DAYS: Record<RiskLevel, number | null> = { high: 7, medium: 30, low: null };

/** Sort rank: a higher rank comes first in every list while the case is open. */
export const RISK_RANK: Record<RiskLevel | 'none', number> = { high: 3, medium: 2, low: 1, none: 0 };

export function assessRisk(answers: RiskAnswers): { level: RiskLevel; yes: number; critical: number } {
  let yes = 0;
  let critical = 0;
  for (const q of RISK_QUESTIONS) {
    if (answers[q.key]) {
      yes++;
      if (q.critical) critical++;
    }
  }
  const level: RiskLevel = critical > 0 || yes >= 5 ? 'high' : yes >= 2 ? 'medium' : 'low';
  return { level, yes, critical };
}
