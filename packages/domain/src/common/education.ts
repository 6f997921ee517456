/** Highest education completed, as cadre and staff registers record it (统计口径: 研究生 / 大学本科 / 大学专科 / 高中（中专） / 初中及以下). */
export const EDUCATION_LEVELS = ['postgraduate', 'bachelor', 'associate', 'high_school', 'below'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const EDUCATION_LABELS: Record<EducationLevel, string> = {
  postgraduate: '研究生',
  bachelor: '大学本科',
  associate: '大学专科',
  high_school: '高中（中专）',
  below: '初中及以下',
};
