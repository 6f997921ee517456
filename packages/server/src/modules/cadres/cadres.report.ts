import type { Paragraph, Table } from 'docx';
import {
  CADRE_DIMENSION_KEYS,
  formatChineseDate,
  RECOMMENDATION_STATUS_LABELS,
  type CadreAnalysis,
  type CadreDimension,
  type CadreShareRow,
  UNKNOWN_KEY,
} from '@jinguo/domain';
import {
  blankLine,
  bodyParagraph,
  borderedTable,
  captionParagraph,
  chartParagraph,
  gongwenDocx,
  heading1,
  heading2,
  signatureParagraphs,
  titleParagraph,
} from '../../platform/gongwen.js';

/**
 * 《关于选拔任用女干部的分析报告》 as a 公文 (platform/gongwen.ts): the sentences, tables and Word charts are written
 * from the analysis only, so every figure in the document is one the analysis page shows and can open.
 */

const pct = (v: number | null) => (v == null ? '—' : `${v.toFixed(2)}%`);
const SECTION_TITLES: Record<CadreDimension, [string, string]> = {
  rank: ['从职级结构看', '职级'],
  postLevel: ['从领导职务看', '领导职务'],
  ageBand: ['从年龄结构看', '年龄'],
  education: ['从学历结构看', '学历'],
  unitCategory: ['从单位分布看', '单位类别'],
};
const ORDINALS = ['一', '二', '三', '四', '五', '六'];

function shareTable(first: string, rows: CadreShareRow[]): Table {
  return borderedTable({
    header: [first, '干部数', '女干部数', '女干部占比'],
    rows: rows.map((r) => [r.label, String(r.total), String(r.women), pct(r.womenShare)]),
    widths: [34, 22, 22, 22],
    size: 28,
  });
}

const NOUNS: Record<CadreDimension, string> = {
  rank: '干部',
  postLevel: '干部',
  ageBand: '的干部',
  education: '学历的干部',
  unitCategory: '干部',
};

/** "正科级干部40名，其中女干部12名，占30.00%" for each row that has cadres. */
function rowsSentence(rows: CadreShareRow[], dim: CadreDimension): string {
  const parts = rows
    .filter((r) => r.total > 0)
    .map((r) => {
      const who = r.key === UNKNOWN_KEY ? `${SECTION_TITLES[dim][1]}未填写的干部` : `${r.label}${NOUNS[dim]}`;
      return `${who}${r.total}名，其中女干部${r.women}名，占${pct(r.womenShare)}`;
    });
  return parts.length ? `${parts.join('；')}。` : '暂无相关数据。';
}

function changeSentence(a: CadreAnalysis): string {
  const [prev, cur] = a.trend.slice(-2);
  if (!prev || prev.total === 0) return '';
  const diff = cur.women - prev.women;
  const points = cur.womenShare != null && prev.womenShare != null ? Math.round((cur.womenShare - prev.womenShare) * 100) / 100 : null;
  const who = diff === 0 ? '女干部人数持平' : `女干部${diff > 0 ? '增加' : '减少'}${Math.abs(diff)}名`;
  const share = points == null || points === 0 ? '占比持平' : `占比${points > 0 ? '提高' : '下降'}${Math.abs(points).toFixed(2)}个百分点`;
  return `与${prev.year}年末相比，${who}，${share}。`;
}

type Caption = (text: string) => Paragraph;

function dimensionSection(a: CadreAnalysis, dim: CadreDimension, n: number, caption: Caption): (Paragraph | Table)[] {
  const d = a.dimensions.find((x) => x.dimension === dim)!;
  const [title, first] = SECTION_TITLES[dim];
  const shown = d.rows.filter((r) => r.total > 0 || r.key in CADRE_DIMENSION_KEYS[dim]);
  const out: (Paragraph | Table)[] = [
    heading2(`（${ORDINALS[n]}）${title}`),
    bodyParagraph(rowsSentence(d.rows, dim)),
    caption(`按${first}分的女干部情况`),
    shareTable(first, shown),
  ];
  const charted = d.rows.filter((r) => r.total > 0);
  if (charted.length)
    out.push(
      chartParagraph({
        type: 'column',
        title: `按${first}分的女干部占比`,
        categories: charted.map((r) => r.label),
        series: [{ name: '女干部占比', values: charted.map((r) => r.womenShare ?? 0) }],
        percent: true,
      }),
    );
  return out;
}

function targetsSection(a: CadreAnalysis, caption: Caption): (Paragraph | Table)[] {
  if (a.targets.length === 0) return [bodyParagraph('本单位尚未设定女干部比例目标。可在系统“女干部分析”页设定目标后重新生成本报告。')];
  const unmet = a.targets.filter((t) => t.met === false);
  const out: (Paragraph | Table)[] = [
    bodyParagraph(
      unmet.length
        ? `对照${a.targets.length}项女干部比例目标，已达到${a.targets.filter((t) => t.met).length}项，尚有${unmet.length}项未达到：${unmet
            .map((t) => `${t.label}现为${pct(t.actual)}，低于${pct(t.targetShare)}的目标${Math.abs(t.gap ?? 0).toFixed(2)}个百分点`)
            .join('；')}。`
        : `对照${a.targets.length}项女干部比例目标，均已达到。`,
    ),
    caption('女干部比例目标完成情况'),
    borderedTable({
      header: ['目标', '目标值', '现状', '差距', '是否达到'],
      rows: a.targets.map((t) => [
        t.label,
        pct(t.targetShare),
        pct(t.actual),
        t.gap == null ? '—' : `${t.gap > 0 ? '+' : ''}${t.gap.toFixed(2)}`,
        t.met == null ? '无数据' : t.met ? '已达到' : '未达到',
      ]),
      widths: [36, 16, 16, 16, 16],
      align: ['left', 'right', 'right', 'right', 'center'],
      size: 28,
    }),
  ];
  return out;
}

/** The .docx of the analysis report; `today` is the date under the signature. */
export async function cadreAnalysisDocx(a: CadreAnalysis, today: string): Promise<Buffer> {
  const title = `${a.org.name}关于选拔任用女干部的分析报告`;
  const c: (Paragraph | Table)[] = [titleParagraph(title), blankLine()];
  let tables = 0;
  const caption: Caption = (text) => captionParagraph(`表${++tables}　${text}`);
  c.push(
    bodyParagraph(
      `为配合组织部门做好女干部选拔任用工作，根据干部花名册，对截至${formatChineseDate(a.asOf)}${a.org.name}工作范围内干部队伍中女干部的情况分析如下。`,
    ),
  );

  c.push(heading1('一、基本情况'));
  c.push(
    bodyParagraph(
      a.total === 0
        ? `截至${formatChineseDate(a.asOf)}，干部花名册上尚无在册干部。`
        : `截至${formatChineseDate(a.asOf)}，在册干部${a.total}名，其中女干部${a.women}名，占${pct(a.womenShare)}。${changeSentence(a)}`,
    ),
  );
  (['rank', 'postLevel', 'ageBand', 'education', 'unitCategory'] as const).forEach((dim, i) => {
    c.push(...dimensionSection(a, dim, i, caption));
  });
  if (a.units.length) {
    c.push(caption('主要单位女干部情况'));
    c.push(shareTable('单位', a.units));
  }

  c.push(heading1('二、近年变化情况'));
  const withData = a.trend.filter((t) => t.total > 0);
  c.push(
    bodyParagraph(
      withData.length
        ? `${a.trend[0].year}年至${a.year}年各年末，女干部占比依次为${a.trend.map((t) => `${t.year}年${pct(t.womenShare)}`).join('、')}。`
        : '近年暂无在册干部数据。',
    ),
  );
  c.push(caption('近年女干部人数和占比'));
  c.push(
    borderedTable({
      header: ['年份', '干部数', '女干部数', '女干部占比'],
      rows: a.trend.map((t) => [`${t.year}年`, String(t.total), String(t.women), pct(t.womenShare)]),
      widths: [34, 22, 22, 22],
      size: 28,
    }),
  );
  if (withData.length)
    c.push(
      chartParagraph({
        type: 'line',
        title: '近年女干部占比',
        categories: a.trend.map((t) => `${t.year}年`),
        series: [{ name: '女干部占比', values: a.trend.map((t) => t.womenShare) }],
        percent: true,
      }),
    );

  c.push(heading1('三、后备力量情况'));
  const recs = a.recommendations.byStatus.filter((s) => s.count > 0);
  c.push(
    bodyParagraph(
      `在册后备干部${a.reserve.total}名，其中女性${a.reserve.women}名，占${pct(a.reserve.womenShare)}。${a.year}年由妇联组织推优${a.recommendations.total}名${
        recs.length ? `，其中${recs.map((s) => `${RECOMMENDATION_STATUS_LABELS[s.status]}${s.count}名`).join('、')}` : ''
      }。`,
    ),
  );

  c.push(heading1('四、与目标的差距'));
  c.push(...targetsSection(a, caption));

  c.push(heading1('五、意见建议'));
  const unmet = a.targets.filter((t) => t.met === false).map((t) => t.label);
  c.push(
    bodyParagraph(
      unmet.length
        ? `建议在换届选举和干部选拔任用中，重点围绕${unmet.join('、')}等薄弱环节，加大女干部培养选拔力度，注重从后备干部和推优对象中发现、储备优秀女干部，逐步提高女干部比例。`
        : '建议继续保持女干部培养选拔力度，注重从后备干部和推优对象中发现、储备优秀女干部，推动女干部队伍结构持续优化。',
    ),
  );
  c.push(
    bodyParagraph(
      '（数据说明：本报告各项数字均由系统根据干部花名册计算，与“女干部分析”页所列一致，每一数字可在该页点击查看对应干部名单。）',
    ),
  );
  c.push(...signatureParagraphs(a.org.name, formatChineseDate(today)));
  return gongwenDocx({ title, creator: a.org.name, children: c });
}
