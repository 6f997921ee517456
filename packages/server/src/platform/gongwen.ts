import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ChartRun } from 'docx/charts';

/**
 * The building blocks of a Word document in the 公文 layout (GB/T 9704-2012, see shared/domain.md §6), shared by
 * every module that writes one (the reports module's annual summary, the indicators module's 两纲 report): A4;
 * margins top 37 mm, bottom 35 mm, left (binding side) 28 mm, right 26 mm, so the text block is 156 × 225 mm;
 * 22 lines of 28 characters; title 方正小标宋简体 2号 (22 pt) centred; body 仿宋_GB2312 3号 (16 pt) with a
 * two-character first-line indent; "一、" headings 黑体, "（一）" headings 楷体_GB2312; page numbers "— 1 —" in
 * 4号 (14 pt) 宋体, odd pages right, even pages left, one character in from the edge; the organ and date at the end.
 */
export const GONGWEN = {
  pageWidth: 11906,
  pageHeight: 16838,
  marginTopMm: 37,
  marginBottomMm: 35,
  marginLeftMm: 28,
  marginRightMm: 26,
  /** 225 mm / 22 lines ≈ 28.95 pt per line, in twentieths of a point. */
  linePitch: 579,
  bodySize: 32,
  titleSize: 44,
  pageNumberSize: 28,
  fonts: { title: '方正小标宋简体', body: '仿宋_GB2312', heading1: '黑体', heading2: '楷体_GB2312', pageNumber: '宋体' },
} as const;

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The text block is 156 mm = 442.2 pt for 28 characters: each 16 pt character gets 15.79 pt of pitch. */
export const CHAR_SPACE = Math.round((((156 / 25.4) * 72) / 28 - 16) * 4096);
const INDENT_2_CHARS = 2 * 16 * 20;
/** Millimetres to twips, rounded (the docx helper truncates: 37 mm must be 2098, not 2097). */
export const mm = (v: number) => Math.round((v / 25.4) * 1440);
/** The text block's width in twips (156 mm). */
const TEXT_WIDTH = mm(156);

export function gongwenFont(name: string) {
  // East Asian text and Latin digits use the same face, so figures match the prose around them.
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

/** A run of text in the given face and size (half-points; default 仿宋_GB2312 3号). */
export function run(text: string, fontName: string = GONGWEN.fonts.body, size: number = GONGWEN.bodySize) {
  return new TextRun({ text, font: gongwenFont(fontName), size });
}

/** Exactly one grid line per line of text. */
export const bodySpacing = { line: GONGWEN.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/** A body paragraph: two-character first-line indent, justified (a heading is one in 黑体 or 楷体). */
export function bodyParagraph(text: string, fontName: string = GONGWEN.fonts.body) {
  return new Paragraph({
    children: [run(text, fontName)],
    spacing: bodySpacing,
    indent: { firstLine: INDENT_2_CHARS },
    alignment: AlignmentType.JUSTIFIED,
  });
}

/** "一、…" in 黑体. */
export const heading1 = (text: string) => bodyParagraph(text, GONGWEN.fonts.heading1);
/** "（一）…" in 楷体_GB2312. */
export const heading2 = (text: string) => bodyParagraph(text, GONGWEN.fonts.heading2);

/** The title in 方正小标宋简体 2号, centred. */
export function titleParagraph(text: string) {
  return new Paragraph({
    children: [run(text, GONGWEN.fonts.title, GONGWEN.titleSize)],
    alignment: AlignmentType.CENTER,
    spacing: bodySpacing,
  });
}

/** An empty line of the grid (between the title and the body, before the signature). */
export function blankLine() {
  return new Paragraph({ children: [], spacing: bodySpacing });
}

/** A table's or figure's caption: 黑体, centred. */
export function captionParagraph(text: string) {
  return new Paragraph({ children: [run(text, GONGWEN.fonts.heading1)], alignment: AlignmentType.CENTER, spacing: bodySpacing });
}

/** 落款: a blank line, then the organ's name and the date, right-aligned four characters in from the right margin. */
export function signatureParagraphs(organ: string, date: string): Paragraph[] {
  const fourChars = 4 * 16 * 20;
  return [
    blankLine(),
    new Paragraph({ children: [run(organ)], alignment: AlignmentType.RIGHT, indent: { right: fourChars }, spacing: bodySpacing }),
    new Paragraph({ children: [run(date)], alignment: AlignmentType.RIGHT, indent: { right: fourChars }, spacing: bodySpacing }),
  ];
}

export type ColumnAlign = 'left' | 'center' | 'right';
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

/**
 * A table with single black borders, every cell a string. `header` (optional) is a first row in 黑体, centred,
 * repeated on every page; `align` gives each column's alignment (default: the first column left, the others
 * right, as figures are); `widths` the columns' relative widths (default: Word shares the width out); `size`
 * the text size in half-points (default the body's 3号; a smaller size gets its own exact line height).
 */
export function borderedTable(opts: {
  header?: string[];
  rows: string[][];
  align?: ColumnAlign[];
  widths?: number[];
  size?: number;
}): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const size = opts.size ?? GONGWEN.bodySize;
  const spacing =
    size === GONGWEN.bodySize ? bodySpacing : { line: Math.round(size * 10 * 1.25), lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const total = opts.widths?.reduce((a, b) => a + b, 0) ?? 0;
  const widths = opts.widths && total > 0 ? opts.widths.map((w) => Math.floor((w / total) * TEXT_WIDTH)) : null;
  const alignOf = (i: number) => ALIGN[opts.align?.[i] ?? (i === 0 ? 'left' : 'right')];
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      borders: { top: border, bottom: border, left: border, right: border },
      ...(widths ? { width: { size: widths[i] ?? 0, type: WidthType.DXA } } : {}),
      children: [
        new Paragraph({
          children: [run(text, header ? GONGWEN.fonts.heading1 : GONGWEN.fonts.body, size)],
          alignment: header ? AlignmentType.CENTER : alignOf(i),
          spacing,
        }),
      ],
    });
  const rows = [
    ...(opts.header ? [new TableRow({ tableHeader: true, children: opts.header.map((c, i) => cell(c, i, true)) })] : []),
    ...opts.rows.map((cells) => new TableRow({ children: cells.map((c, i) => cell(c, i, false)) })),
  ];
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, ...(widths ? { columnWidths: widths } : {}), rows });
}

/**
 * A chart drawn by Word from its data (a native chart: Word's "Edit Data" opens it), centred on its own line, in the
 * body's face: a column chart of one or more series by category, or a line chart over years. `percent` writes the
 * values as "35.42%" on the bars or points.
 */
export function chartParagraph(opts: {
  type: 'column' | 'line';
  title: string;
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  percent?: boolean;
}): Paragraph {
  const font = { name: GONGWEN.fonts.body };
  const numberFormat = opts.percent ? '0.00"%"' : '0';
  const base = {
    title: { text: opts.title, font: { ...font, size: 12 } },
    categories: opts.categories,
    series: opts.series,
    font,
    legend: opts.series.length > 1 ? ({ position: 'bottom' } as const) : (false as const),
    dataLabels: { value: true, numberFormat, font: { ...font, size: 9 } },
    valueAxis: { numberFormat, font: { ...font, size: 9 } },
    categoryAxis: { font: { ...font, size: 9 } },
    // 156 mm text block ≈ 590 px at 96 dpi; a little narrower so it sits inside the margins.
    transformation: { width: 560, height: 280 },
    altText: { name: opts.title, description: opts.title, title: opts.title },
  };
  const chart = opts.type === 'line' ? new ChartRun({ ...base, type: 'line', markers: true }) : new ChartRun({ ...base, type: 'column' });
  return new Paragraph({ children: [chart], alignment: AlignmentType.CENTER });
}

/** "— 1 —" in 宋体 4号, one character in from the edge: odd pages on the right, even pages on the left. */
export function pageNumberFooter(align: 'right' | 'left') {
  const oneChar = 14 * 20;
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: oneChar } : { left: oneChar },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: gongwenFont(GONGWEN.fonts.pageNumber),
            size: GONGWEN.pageNumberSize,
          }),
        ],
      }),
    ],
  });
}

/** The whole document: A4 with the 公文 margins and grid, default body font, page numbers odd right / even left. */
export function gongwenDocument({
  title,
  creator,
  children,
}: {
  title: string;
  creator: string;
  children: (Paragraph | Table)[];
}): Document {
  return new Document({
    title,
    creator,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: { font: gongwenFont(GONGWEN.fonts.body), size: GONGWEN.bodySize }, paragraph: { spacing: bodySpacing } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: GONGWEN.pageWidth, height: GONGWEN.pageHeight },
            margin: {
              top: mm(GONGWEN.marginTopMm),
              bottom: mm(GONGWEN.marginBottomMm),
              left: mm(GONGWEN.marginLeftMm),
              right: mm(GONGWEN.marginRightMm),
              header: mm(15),
              // The page number sits about 7 mm below the text block.
              footer: mm(23),
            },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: GONGWEN.linePitch, charSpace: CHAR_SPACE },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children,
      },
    ],
  });
}

/** The .docx file of a 公文 document. */
export function gongwenDocx(opts: { title: string; creator: string; children: (Paragraph | Table)[] }): Promise<Buffer> {
  return Packer.toBuffer(gongwenDocument(opts));
}
