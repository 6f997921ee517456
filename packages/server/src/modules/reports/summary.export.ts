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
import { segmentsText, type SummaryBlock, type SummaryContent } from '@jinguo/domain';

/**
 * The summary as a 公文 (GB/T 9704-2012, see shared/domain.md §6): A4; margins top 37 mm, bottom 35 mm,
 * left (binding side) 28 mm, right 26 mm, so the text block is 156 × 225 mm; 22 lines of 28 characters;
 * title 方正小标宋简体 2号 (22 pt) centred; body 仿宋_GB2312 3号 (16 pt) with a two-character first-line
 * indent; "一、" headings 黑体, "（一）" headings 楷体_GB2312; page numbers "— 1 —" in 4号 (14 pt) 宋体,
 * odd pages right, even pages left, one character in from the edge; the organ and date at the end.
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

/** The text block is 156 mm = 442.2 pt for 28 characters: each 16 pt character gets 15.79 pt of pitch. */
export const CHAR_SPACE = Math.round((((156 / 25.4) * 72) / 28 - 16) * 4096);
const INDENT_2_CHARS = 2 * 16 * 20;
/** Millimetres to twips, rounded (the docx helper truncates: 37 mm must be 2098, not 2097). */
const mm = (v: number) => Math.round((v / 25.4) * 1440);

function font(name: string) {
  // East Asian text and Latin digits use the same face, so figures match the prose around them.
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

function run(text: string, fontName: string = GONGWEN.fonts.body, size: number = GONGWEN.bodySize) {
  return new TextRun({ text, font: font(fontName), size });
}

const bodySpacing = { line: GONGWEN.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function bodyParagraph(text: string, fontName: string = GONGWEN.fonts.body) {
  return new Paragraph({ children: [run(text, fontName)], spacing: bodySpacing, indent: { firstLine: INDENT_2_CHARS }, alignment: AlignmentType.JUSTIFIED });
}

function blockToDocx(b: SummaryBlock): (Paragraph | Table)[] {
  switch (b.type) {
    case 'paragraph': {
      const text = segmentsText(b.segments).trim();
      return text ? [bodyParagraph(text)] : [];
    }
    case 'table':
    case 'chart': {
      const rows = b.type === 'table' ? b.rows.map((r) => [r.label, segmentsText(r.segments)]) : b.breakdown.map((x) => [x.label, String(x.value)]);
      const out: (Paragraph | Table)[] = [];
      if (b.caption) out.push(new Paragraph({ children: [run(b.caption, GONGWEN.fonts.heading1)], alignment: AlignmentType.CENTER, spacing: bodySpacing }));
      if (rows.length === 0) {
        out.push(bodyParagraph(b.type === 'chart' ? b.figure.text : '（无数据）'));
        return out;
      }
      const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
      out.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: rows.map(
            (cells) =>
              new TableRow({
                children: cells.map(
                  (c, i) =>
                    new TableCell({
                      borders: { top: border, bottom: border, left: border, right: border },
                      children: [new Paragraph({ children: [run(c)], alignment: i === 0 ? AlignmentType.LEFT : AlignmentType.RIGHT, spacing: bodySpacing })],
                    }),
                ),
              }),
          ),
        }),
      );
      return out;
    }
  }
}

function pageNumberFooter(align: 'right' | 'left') {
  const oneChar = 14 * 20;
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: oneChar } : { left: oneChar },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(GONGWEN.fonts.pageNumber), size: GONGWEN.pageNumberSize })],
      }),
    ],
  });
}

/** The .docx file. */
export async function summaryToDocx(content: SummaryContent): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  children.push(new Paragraph({ children: [run(content.title, GONGWEN.fonts.title, GONGWEN.titleSize)], alignment: AlignmentType.CENTER, spacing: bodySpacing }));
  // One blank line between the title and the body, as in the standard's layout.
  children.push(new Paragraph({ children: [], spacing: bodySpacing }));
  for (const b of content.preamble) children.push(...blockToDocx(b));
  for (const s of content.sections) {
    children.push(bodyParagraph(s.heading, GONGWEN.fonts.heading1));
    for (const b of s.blocks) children.push(...blockToDocx(b));
    for (const sub of s.sections) {
      children.push(bodyParagraph(sub.heading, GONGWEN.fonts.heading2));
      for (const b of sub.blocks) children.push(...blockToDocx(b));
    }
  }
  // 落款: the organ's name and the date, right-aligned four characters in from the right margin.
  const fourChars = 4 * 16 * 20;
  children.push(new Paragraph({ children: [], spacing: bodySpacing }));
  children.push(new Paragraph({ children: [run(content.signature.organ)], alignment: AlignmentType.RIGHT, indent: { right: fourChars }, spacing: bodySpacing }));
  children.push(new Paragraph({ children: [run(content.signature.date)], alignment: AlignmentType.RIGHT, indent: { right: fourChars }, spacing: bodySpacing }));

  const doc = new Document({
    title: content.title,
    creator: content.signature.organ,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(GONGWEN.fonts.body), size: GONGWEN.bodySize }, paragraph: { spacing: bodySpacing } } } },
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
  return Packer.toBuffer(doc);
}

function blockToMarkdown(b: SummaryBlock): string {
  switch (b.type) {
    case 'paragraph':
      return segmentsText(b.segments).trim();
    case 'table':
      return [b.caption ? `**${b.caption}**\n` : '', '| 项目 | 数值 |', '| --- | ---: |', ...b.rows.map((r) => `| ${mdCell(r.label)} | ${mdCell(segmentsText(r.segments))} |`)].join('\n');
    case 'chart':
      return b.breakdown.length
        ? [b.caption ? `**${b.caption}**\n` : '', '| 分项 | 数值 |', '| --- | ---: |', ...b.breakdown.map((x) => `| ${mdCell(x.label)} | ${x.value} |`)].join('\n')
        : `${b.caption}：${b.figure.text}`;
  }
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Markdown: # title, ## 一、, ### （一）, paragraphs; figures as plain text. */
export function summaryToMarkdown(content: SummaryContent): string {
  const parts: string[] = [`# ${content.title}`];
  const add = (blocks: SummaryBlock[]) => blocks.map(blockToMarkdown).filter(Boolean).forEach((t) => parts.push(t));
  add(content.preamble);
  for (const s of content.sections) {
    parts.push(`## ${s.heading}`);
    add(s.blocks);
    for (const sub of s.sections) {
      parts.push(`### ${sub.heading}`);
      add(sub.blocks);
    }
  }
  parts.push(`${content.signature.organ}  \n${content.signature.date}`);
  return parts.join('\n\n') + '\n';
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function blockToHtml(b: SummaryBlock): string {
  switch (b.type) {
    case 'paragraph': {
      const text = segmentsText(b.segments).trim();
      return text ? `<p>${esc(text)}</p>` : '';
    }
    case 'table':
    case 'chart': {
      const rows = b.type === 'table' ? b.rows.map((r) => [r.label, segmentsText(r.segments)]) : b.breakdown.map((x) => [x.label, String(x.value)]);
      const caption = b.caption ? `<caption>${esc(b.caption)}</caption>` : '';
      return `<table>${caption}${rows.map(([l, v]) => `<tr><th>${esc(l)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
    }
  }
}

/** The print view: the same layout on A4 through print CSS (@page margins as the 公文 standard sets them). */
export function summaryToHtml(content: SummaryContent): string {
  const body: string[] = [`<h1>${esc(content.title)}</h1>`];
  body.push(...content.preamble.map(blockToHtml));
  for (const s of content.sections) {
    body.push(`<h2>${esc(s.heading)}</h2>`, ...s.blocks.map(blockToHtml));
    for (const sub of s.sections) body.push(`<h3>${esc(sub.heading)}</h3>`, ...sub.blocks.map(blockToHtml));
  }
  body.push(`<div class="signature"><div>${esc(content.signature.organ)}</div><div>${esc(content.signature.date)}</div></div>`);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(content.title)}</title>
<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; @bottom-center { content: "— " counter(page) " —"; font: 14pt "宋体", SimSun, "Noto Serif CJK SC", serif; } }
html { background: #f0f0f0; }
body { font: 16pt/28.95pt "仿宋_GB2312", FangSong, STFangsong, "Noto Serif CJK SC", serif; color: #000; margin: 0; }
.page { width: 156mm; margin: 12mm auto; padding: 37mm 26mm 35mm 28mm; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.2); }
h1 { font: 22pt/28.95pt "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif; text-align: center; margin: 0 0 28.95pt; }
h2 { font: 16pt/28.95pt "黑体", SimHei, "Noto Sans CJK SC", sans-serif; text-indent: 2em; margin: 0; }
h3 { font: 16pt/28.95pt "楷体_GB2312", KaiTi, STKaiti, "Noto Serif CJK SC", serif; text-indent: 2em; margin: 0; }
p { text-indent: 2em; margin: 0; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 0 0 14pt; }
caption { font-family: "黑体", SimHei, sans-serif; }
th, td { border: 1px solid #000; padding: 0 6pt; font-weight: normal; text-align: left; }
td { text-align: right; }
.signature { text-align: right; padding-right: 4em; margin-top: 28.95pt; }
.toolbar { text-align: center; margin: 12px; font: 14px sans-serif; }
@media print { html { background: #fff; } .page { width: auto; margin: 0; padding: 0; box-shadow: none; } .toolbar { display: none; } }
</style></head>
<body><div class="toolbar"><button onclick="window.print()">打印</button></div><div class="page">
${body.filter(Boolean).join('\n')}
</div></body></html>
`;
}
