import type { Paragraph, Table } from 'docx';
import { segmentsText, type SummaryBlock, type SummaryContent } from '@jinguo/domain';
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
 * The summary as a 公文 (GB/T 9704-2012): the page, fonts, grid, page numbers and signature come from
 * platform/gongwen.ts; here only the summary's blocks are laid out (paragraphs; tables and charts as a captioned
 * two-column table, label left, figure right).
 */
function blockToDocx(b: SummaryBlock): (Paragraph | Table)[] {
  switch (b.type) {
    case 'paragraph': {
      const text = segmentsText(b.segments).trim();
      return text ? [bodyParagraph(text)] : [];
    }
    case 'table':
    case 'chart': {
      const rows =
        b.type === 'table' ? b.rows.map((r) => [r.label, segmentsText(r.segments)]) : b.breakdown.map((x) => [x.label, String(x.value)]);
      const out: (Paragraph | Table)[] = [];
      if (b.caption) out.push(captionParagraph(b.caption));
      if (rows.length === 0) {
        out.push(bodyParagraph(b.type === 'chart' ? b.figure.text : '（无数据）'));
        return out;
      }
      out.push(borderedTable({ rows }));
      return out;
    }
  }
}

/** The .docx file. */
export async function summaryToDocx(content: SummaryContent): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  children.push(titleParagraph(content.title));
  // One blank line between the title and the body, as in the standard's layout.
  children.push(blankLine());
  for (const b of content.preamble) children.push(...blockToDocx(b));
  for (const s of content.sections) {
    children.push(heading1(s.heading));
    for (const b of s.blocks) children.push(...blockToDocx(b));
    for (const sub of s.sections) {
      children.push(heading2(sub.heading));
      for (const b of sub.blocks) children.push(...blockToDocx(b));
    }
  }
  children.push(...signatureParagraphs(content.signature.organ, content.signature.date));
  return gongwenDocx({ title: content.title, creator: content.signature.organ, children });
}

function blockToMarkdown(b: SummaryBlock): string {
  switch (b.type) {
    case 'paragraph':
      return segmentsText(b.segments).trim();
    case 'table':
      return [
        b.caption ? `**${b.caption}**\n` : '',
        '| 项目 | 数值 |',
        '| --- | ---: |',
        ...b.rows.map((r) => `| ${mdCell(r.label)} | ${mdCell(segmentsText(r.segments))} |`),
      ].join('\n');
    case 'chart':
      return b.breakdown.length
        ? [
            b.caption ? `**${b.caption}**\n` : '',
            '| 分项 | 数值 |',
            '| --- | ---: |',
            ...b.breakdown.map((x) => `| ${mdCell(x.label)} | ${x.value} |`),
          ].join('\n')
        : `${b.caption}：${b.figure.text}`;
  }
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Markdown: # title, ## 一、, ### （一）, paragraphs; figures as plain text. */
export function summaryToMarkdown(content: SummaryContent): string {
  const parts: string[] = [`# ${content.title}`];
  const add = (blocks: SummaryBlock[]) => parts.push(...blocks.map(blockToMarkdown).filter(Boolean));
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
  return `${parts.join('\n\n')}\n`;
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
      const rows =
        b.type === 'table' ? b.rows.map((r) => [r.label, segmentsText(r.segments)]) : b.breakdown.map((x) => [x.label, String(x.value)]);
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
