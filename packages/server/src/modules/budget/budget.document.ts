import { Paragraph } from 'docx';
import {
  BUDGET_PURPOSE_LABELS,
  formatFactValue,
  formatFen,
  fenToChineseUppercase,
  proposedNextYearFen,
  type BudgetExecution,
  type BudgetPurpose,
} from '@jinguo/domain';
import {
  blankLine,
  bodyParagraph,
  bodySpacing,
  borderedTable,
  gongwenDocx,
  heading1,
  run,
  signatureParagraphs,
  titleParagraph,
} from '../../platform/gongwen.js';

/**
 * The budget request for next year (经费预算的请示), drafted from this year's execution, as a 公文 (layout from
 * platform/gongwen.ts). Every figure comes from the execution table the API serves and from next year's lines
 * where they are already drafted; a line not drafted yet is proposed by the domain rule proposedNextYearFen.
 */

export type NextYearLine = {
  name: string;
  purpose: BudgetPurpose;
  thisApprovedFen: number | null;
  thisExecutedFen: number | null;
  requestedFen: number;
  /** drafted: next year's line exists (its requested amount); proposed: computed from this year's execution. */
  basis: 'drafted' | 'proposed';
};

const money = (fen: number) => formatFactValue('money', fen);
const rateText = (v: number | null) => formatFactValue('rate', v);
const MONTHS = ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'];

/** Next year's lines: the drafted ones as they stand, then a proposal for each of this year's lines not drafted again. */
export function nextYearLines(
  current: BudgetExecution,
  drafted: { name: string; purpose: BudgetPurpose; requestedFen: number }[],
): NextYearLine[] {
  const thisYear = new Map(current.lines.map((l) => [l.name, l]));
  const out: NextYearLine[] = drafted.map((d) => ({
    name: d.name,
    purpose: d.purpose,
    thisApprovedFen: thisYear.get(d.name)?.approvedFen ?? null,
    thisExecutedFen: thisYear.get(d.name)?.executedFen ?? null,
    requestedFen: d.requestedFen,
    basis: 'drafted',
  }));
  const draftedNames = new Set(drafted.map((d) => d.name));
  // A line still waiting for approval this year is asked for again at what was requested.
  for (const l of current.lines)
    if (!draftedNames.has(l.name) && l.status !== 'draft')
      out.push({
        name: l.name,
        purpose: l.purpose,
        thisApprovedFen: l.approvedFen,
        thisExecutedFen: l.executedFen,
        requestedFen: l.approvedFen === null ? l.requestedFen : proposedNextYearFen(l.approvedFen, l.executedFen, l.committedFen),
        basis: 'proposed',
      });
  return out;
}

/** "3月1,200.00元、7月3,500.00元": the months in which a line was spent. */
function monthsText(months: number[]): string {
  return months
    .map((fen, i) => (fen > 0 ? `${MONTHS[i]}${money(fen)}` : null))
    .filter(Boolean)
    .join('、');
}

export function budgetRequestTitle(year: number): string {
  return `关于申请${year + 1}年度妇儿工委工作经费和“两纲”专项经费预算的请示`;
}

export function budgetRequestDocx(opts: {
  organ: string;
  addressee: string;
  date: string;
  asOf: string;
  current: BudgetExecution;
  next: NextYearLine[];
}): Promise<Buffer> {
  const { current, next } = opts;
  const y = current.year;
  const approvedLines = current.lines.filter((l) => l.approvedFen !== null);
  const t = current.totals;
  const nextTotal = next.reduce((s, l) => s + l.requestedFen, 0);
  const children = [
    titleParagraph(budgetRequestTitle(y)),
    blankLine(),
    new Paragraph({ children: [run(`${opts.addressee}：`)], spacing: bodySpacing }),
    bodyParagraph(
      `为保障全区妇女儿童工作和“两纲”实施持续开展，现将我会${y}年度妇儿工委工作经费及“两纲”专项经费预算执行情况报告如下，并提出${y + 1}年度经费预算申请。`,
    ),
    heading1(`一、${y}年度预算执行情况`),
    bodyParagraph(
      `${y}年，核定我会妇儿工委工作经费及“两纲”专项经费等预算${approvedLines.length}项，共计${money(t.approvedFen)}；截至${opts.asOf}，已支出${money(t.executedFen)}，执行率${rateText(t.executionRate)}` +
        (t.committedFen > 0 ? `，另有已承诺待支付${money(t.committedFen)}。` : '。'),
    ),
    borderedTable({
      header: ['预算项目', '用途', '核定数（元）', '执行数（元）', '执行率'],
      rows: [
        ...approvedLines.map((l) => [
          l.name,
          BUDGET_PURPOSE_LABELS[l.purpose],
          formatFen(l.approvedFen ?? 0),
          formatFen(l.executedFen),
          rateText(l.executionRate),
        ]),
        ['合计', '', formatFen(t.approvedFen), formatFen(t.executedFen), rateText(t.executionRate)],
      ],
      align: ['left', 'center', 'right', 'right', 'right'],
      widths: [34, 14, 20, 20, 12],
      size: 24,
    }),
    ...approvedLines.filter((l) => l.executedFen > 0).map((l) => bodyParagraph(`${l.name}：按月支出为${monthsText(l.months)}。`)),
    heading1(`二、${y + 1}年度预算申请`),
    bodyParagraph(
      `根据${y}年度执行情况和${y + 1}年工作安排，申请${y + 1}年度预算${next.length}项，共计${money(nextTotal)}（大写：${fenToChineseUppercase(nextTotal)}）。`,
    ),
    borderedTable({
      header: ['预算项目', `${y}年核定`, `${y}年执行`, `${y + 1}年申请`, '测算依据'],
      rows: [
        ...next.map((l) => [
          l.name,
          l.thisApprovedFen === null ? '—' : formatFen(l.thisApprovedFen),
          l.thisExecutedFen === null ? '—' : formatFen(l.thisExecutedFen),
          formatFen(l.requestedFen),
          l.basis === 'drafted' ? '已编制' : l.thisApprovedFen === null ? '本年申报未核定' : '按本年核定和执行测算',
        ]),
        ['合计', formatFen(t.approvedFen), formatFen(t.executedFen), formatFen(nextTotal), ''],
      ],
      align: ['left', 'right', 'right', 'right', 'center'],
      widths: [30, 17, 17, 17, 19],
      size: 24,
    }),
    heading1('三、申请理由'),
    bodyParagraph(
      '妇儿工委办及“两纲”专项经费尚无可持续的保障，形成了年年编制预算、年年需要协调的局面。为保证妇女儿童工作和“两纲”统计监测、评估等工作的连续性，恳请将上述经费列入年度财政预算，并予以持续保障。',
    ),
    bodyParagraph('妥否，请批示。'),
    ...signatureParagraphs(opts.organ, opts.date),
  ];
  return gongwenDocx({ title: budgetRequestTitle(y), creator: opts.organ, children });
}
