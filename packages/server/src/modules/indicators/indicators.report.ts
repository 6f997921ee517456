import type { Paragraph, Table } from 'docx';
import {
  directionNeedsTarget,
  EVALUATION_STATUS_LABELS,
  formatFactValue,
  formatIndicatorValue,
  INDICATOR_AREA_LABELS,
  INDICATOR_AREAS,
  OUTLINE_LABELS,
  OUTLINES,
  targetText,
  type EvaluationStatus,
  type IndicatorEvaluation,
  type IndicatorEvaluationRow,
} from '@jinguo/domain';
import { rate } from '../../platform/facts.js';
import {
  blankLine,
  bodyParagraph,
  borderedTable,
  captionParagraph,
  gongwenDocx,
  heading1,
  heading2,
  signatureParagraphs,
  titleParagraph,
} from '../../platform/gongwen.js';

/**
 * 两纲统计监测报告: the evaluation of a year and region written out as a 公文 (layout from platform/gongwen.ts).
 * Every figure comes from the evaluation object the API serves — nothing is counted or computed twice here,
 * only worded: the opening counts, per outline and area the indicators met and not met with value and target,
 * a table per outline, the indicators to follow up with their responsible units, and the data notes.
 */

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const ordinal = (i: number) => CHINESE_ORDINALS[i] ?? String(i + 1);

/** "示例区妇联" → "示例区": the place a federation serves (a township's unit already is the place). */
export function placeName(regionName: string): string {
  return regionName.replace(/(妇女联合会|妇联)$/, '') || regionName;
}

/** 《示例区“两纲”2026年度统计监测报告》; 2025 is the mid-term evaluation, 2030 the final one. */
export function evaluationReportTitle(e: Pick<IndicatorEvaluation, 'regionName' | 'year'>): string {
  const what = e.year === 2025 ? '中期评估报告' : e.year === 2030 ? '终期评估报告' : `${e.year}年度统计监测报告`;
  return `${placeName(e.regionName)}“两纲”${what}`;
}

/** The met rate as the facts define it: (达标 + 向好) ÷ with data, two decimals; "—" when nothing has data. */
export function metRateText(c: IndicatorEvaluation['counts']): string {
  return formatFactValue('rate', rate(c.met + c.improving, c.withData).value);
}

const tt = (r: IndicatorEvaluationRow) => targetText(r.indicator).replace(/\s+/g, '');
const value = (r: IndicatorEvaluationRow) => formatIndicatorValue(r.value, r.indicator);
const previous = (r: IndicatorEvaluationRow) => formatIndicatorValue(r.previousValue, r.indicator);
const rolledUp = (r: IndicatorEvaluationRow) => (r.basis === 'rolled_up' ? `由${r.rolledUpFrom}个乡镇（街道）汇总` : null);

/** "女性高中阶段毛入学率94.88%（目标≥92%）"; trend indicators name last year's value; roll-ups say so. */
export function indicatorPhrase(r: IndicatorEvaluationRow): string {
  const notes: string[] = [];
  if (directionNeedsTarget(r.indicator.direction)) notes.push(`目标${tt(r)}`);
  else {
    notes.push(r.previousValue === null ? '无上年数据' : `上年${previous(r)}`);
    notes.push(`目标${tt(r)}`);
  }
  const basis = rolledUp(r);
  if (basis) notes.push(basis);
  return `${r.indicator.name}${value(r)}（${notes.join('，')}）`;
}

/** The groups of an area's paragraph, in the order the report names them. */
const GROUPS: { status: EvaluationStatus; word: string }[] = [
  { status: 'met', word: '达标' },
  { status: 'improving', word: '向好' },
  { status: 'not_met', word: '未达标' },
  { status: 'not_improving', word: '未向好' },
  { status: 'no_target', word: '无可比数据' },
];

/** "本领域监测指标N项，已有数据M项，其中达标X项：…；未达标Y项：…。尚未填报K项：…。" */
export function areaParagraph(rows: IndicatorEvaluationRow[]): string {
  const withData = rows.filter((r) => r.status !== 'no_data');
  const parts = GROUPS.map((g) => ({ g, list: withData.filter((r) => r.status === g.status) }))
    .filter((x) => x.list.length > 0)
    .map(({ g, list }) => `${g.word}${list.length}项：${list.map(indicatorPhrase).join('、')}`);
  let text = `本领域监测指标${rows.length}项，已有数据${withData.length}项`;
  text += parts.length ? `，其中${parts.join('；')}。` : '。';
  const missing = rows.filter((r) => r.status === 'no_data');
  if (missing.length) text += `尚未填报${missing.length}项：${missing.map((r) => r.indicator.name).join('、')}。`;
  return text;
}

function openingParagraph(e: IndicatorEvaluation): string {
  const c = e.counts;
  const met = c.met + c.improving;
  const notMet = c.notMet + c.notImproving;
  const noTarget = c.withData - met - notMet;
  return (
    `${e.year}年，${placeName(e.regionName)}纳入“两纲”统计监测的指标共${c.total}项，其中${c.withData}项已有审核通过的年度数据（本级填报或由乡镇、街道数据汇总）。` +
    `已有数据的指标中，达到规划目标或持续向好${met}项（达标${c.met}项、向好${c.improving}项），未达标或未向好${notMet}项（未达标${c.notMet}项、未向好${c.notImproving}项）` +
    (noTarget > 0 ? `，无可比数据${noTarget}项` : '') +
    `；尚未填报${c.noData}项。达标率（达标和向好的指标占已有数据指标的比例）为${metRateText(c)}。`
  );
}

function outlineTable(rows: IndicatorEvaluationRow[]): Table {
  return borderedTable({
    header: ['指标', '目标', '本年值', '上年值', '评估'],
    rows: rows.map((r) => [r.indicator.name, tt(r), value(r), previous(r), EVALUATION_STATUS_LABELS[r.status]]),
    align: ['left', 'center', 'right', 'right', 'center'],
    widths: [40, 17, 15, 15, 13],
    size: 24,
  });
}

/** 三、存在的问题: what the 妇儿工委 follows up, by responsible unit; then the data notes. */
function problems(e: IndicatorEvaluation): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const notMet = e.rows.filter((r) => r.status === 'not_met' || r.status === 'not_improving');
  const missing = e.rows.filter((r) => r.status === 'no_data');
  const unverified = e.rows.filter((r) => !r.indicator.targetVerified);
  const rolled = e.rows.filter((r) => r.basis === 'rolled_up');
  let n = 0;
  if (notMet.length) {
    out.push(heading2(`（${ordinal(n++)}）未达到目标或未向好的指标`));
    out.push(bodyParagraph(`共${notMet.length}项，请责任单位分析原因、提出改进措施，报区妇儿工委办公室：`));
    for (const [i, r] of notMet.entries()) {
      out.push(
        bodyParagraph(
          `${i + 1}.${indicatorPhrase(r)}，评估为${EVALUATION_STATUS_LABELS[r.status]}，责任单位：${r.indicator.responsibleOrgName}。`,
        ),
      );
    }
  }
  if (missing.length) {
    out.push(heading2(`（${ordinal(n++)}）尚未报送数据的指标`));
    const byUnit = new Map<string, string[]>();
    for (const r of missing)
      byUnit.set(r.indicator.responsibleOrgName, [...(byUnit.get(r.indicator.responsibleOrgName) ?? []), r.indicator.name]);
    out.push(bodyParagraph(`共${missing.length}项尚无审核通过的${e.year}年数据，请责任单位尽快报送：`));
    for (const [i, [unit, names]] of [...byUnit].entries())
      out.push(bodyParagraph(`${i + 1}.${unit}（${names.length}项）：${names.join('、')}。`));
  }
  if (!notMet.length && !missing.length) out.push(bodyParagraph('纳入监测的指标均已报送数据，且已达到规划目标或持续向好。'));
  const notes: string[] = [];
  if (unverified.length)
    notes.push(
      `以下${unverified.length}项指标的目标尚未与印发的规划文本核对（未核实），相关评估结果仅供参考：${unverified.map((r) => r.indicator.name).join('、')}。`,
    );
  if (rolled.length)
    notes.push(`标注“由N个乡镇（街道）汇总”的数值，由各乡镇（街道）审核通过的数据汇总计算（比率指标为分子合计除以分母合计）。`);
  if (notes.length) {
    out.push(heading2(`（${ordinal(n++)}）数据说明`));
    for (const t of notes) out.push(bodyParagraph(t));
  }
  return out;
}

/** The report's paragraphs and tables (exported for tests of the wording). */
export function evaluationReportBody(e: IndicatorEvaluation): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [bodyParagraph(openingParagraph(e))];
  let section = 0;
  let table = 0;
  for (const outline of OUTLINES) {
    const rows = e.rows.filter((r) => r.indicator.outline === outline);
    if (!rows.length) continue;
    out.push(heading1(`${ordinal(section++)}、${OUTLINE_LABELS[outline]}实施情况`));
    let sub = 0;
    for (const area of INDICATOR_AREAS.filter((a) => a.outline === outline)) {
      const areaRows = rows.filter((r) => r.indicator.area === area.code);
      if (!areaRows.length) continue;
      out.push(heading2(`（${ordinal(sub++)}）${INDICATOR_AREA_LABELS[area.code]}`));
      out.push(bodyParagraph(areaParagraph(areaRows)));
    }
    out.push(captionParagraph(`表${++table}  ${OUTLINE_LABELS[outline]}监测指标${e.year}年评估情况`));
    out.push(outlineTable(rows));
  }
  out.push(heading1(`${ordinal(section++)}、存在的问题`));
  out.push(...problems(e));
  return out;
}

/** The .docx: title, a blank line, the body, the signature (the region's federation and the date). */
export function evaluationReportDocx(e: IndicatorEvaluation, signature: { organ: string; date: string }): Promise<Buffer> {
  const title = evaluationReportTitle(e);
  return gongwenDocx({
    title,
    creator: signature.organ,
    children: [titleParagraph(title), blankLine(), ...evaluationReportBody(e), ...signatureParagraphs(signature.organ, signature.date)],
  });
}
