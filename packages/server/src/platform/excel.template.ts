import ExcelJS from './exceljs.js';
import type { FastifyReply } from 'fastify';
import { DATA_SHEET, NOTES_SHEET, XLSX_MIME, type ImportSpec } from './excel.spec.js';

// ---------------------------------------------------------------- template

/** The template: a data sheet with the headers (required ones in red), the example row, and a notes sheet. */
export async function buildTemplate(spec: ImportSpec<never, never>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jinguo 巾帼';
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? Math.max(12, [...c.header].length * 2 + 4, [...c.example].length + 4),
  }));
  // Every column is text, so ID numbers and leading zeros survive Excel (dates and numbers are parsed from text).
  for (let i = 1; i <= spec.columns.length; i++) ws.getColumn(i).numFmt = '@';
  const header = ws.getRow(1);
  header.font = { bold: true };
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: { argb: c.required ? 'FFC41D1D' : 'FF262626' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF0F6' } };
    if (c.note) cell.note = c.note;
  });
  const example = ws.addRow(spec.columns.map((c) => c.example));
  example.font = { color: { argb: 'FF8C8C8C' }, italic: true };

  const notes = wb.addWorksheet(NOTES_SHEET);
  notes.columns = [
    { header: '列名', key: 'header', width: 18 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写说明', key: 'note', width: 60 },
    { header: '示例', key: 'example', width: 24 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of spec.columns)
    notes.addRow({ header: c.header, required: c.required ? '必填' : '选填', note: c.note ?? '', example: c.example });
  notes.addRow([]);
  const general = [
    `本模板用于导入「${spec.title}」。请在「${DATA_SHEET}」工作表中从第2行起逐行填写，第1行表头请勿修改；红色表头为必填列。`,
    '第2行为示例：未改动的示例行导入时会自动跳过，也可直接删除。',
    '日期写作 2026-03-08；金额以“元”为单位，最多两位小数；身份证号请按文本填写。',
    '导入时逐行逐列校验，发现任何错误则整份文件都不导入，并列出全部错误（行号和列名）；改正后重新上传即可。',
    '同一份文件重复导入到同一对象时不会重复写入。',
    ...(spec.notes ?? []),
  ];
  for (const line of general) notes.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Content-Disposition for a Chinese file name (RFC 5987), with an ASCII fallback. */
export function attachmentHeader(fileName: string): string {
  return `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Route helper: sends the spec's template as an .xlsx download. */
export async function sendTemplate(reply: FastifyReply, spec: ImportSpec<never, never>): Promise<FastifyReply> {
  const buf = await buildTemplate(spec);
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', attachmentHeader(`${spec.title}导入模板.xlsx`))
    .send(buf);
}
