import { createRequire } from 'node:module';
import fs from 'node:fs';
import { Transform } from 'node:stream';
import ExcelJS from './exceljs.js';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from './input.js';
import { reportProgress } from './jobs.js';
import {
  DEFAULT_MAX_ROWS,
  MAX_REPORTED_ERRORS,
  type ExcelDeps,
  type ImportColumn,
  type ImportError,
  type ImportRequest,
  type ImportRow,
  type ImportSpec,
  type ParseResult,
} from './excel.spec.js';
import type { SavedUpload } from './excel.upload.js';

/** Thrown when a cell refers to a shared string that exceljs's streaming reader did not resolve (see below). */
export class SharedStringsMissing extends Error {}

/** A cell value as exceljs gives it → text, plus whether the cell holds an Excel error (#N/A …). */
function cellText(v: unknown, strings: string[] | null): { text: string; raw: unknown; excelError?: string } {
  if (v === null || v === undefined) return { text: '', raw: null };
  if (typeof v === 'string') return { text: v.trim(), raw: v };
  if (typeof v === 'number') return { text: Number.isInteger(v) ? String(v) : String(Number(v.toFixed(10))), raw: v };
  if (typeof v === 'boolean') return { text: v ? '是' : '否', raw: v };
  if (v instanceof Date) return { text: Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10), raw: v };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.sharedString === 'number') {
      const text = strings?.[o.sharedString];
      if (text === undefined) throw new SharedStringsMissing();
      return cellText(text, strings);
    }
    if (Array.isArray(o.richText))
      return {
        text: (o.richText as { text: string }[])
          .map((r) => r.text)
          .join('')
          .trim(),
        raw: v,
      };
    if ('error' in o) return { text: '', raw: v, excelError: String(o.error) };
    if ('result' in o) return cellText(o.result, strings);
    if ('formula' in o || 'sharedFormula' in o) return { text: '', raw: v };
    if ('text' in o) return cellText(o.text, strings);
  }
  return { text: String(v).trim(), raw: v };
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function xmlText(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : XML_ENTITIES[e.toLowerCase()],
  );
}

/**
 * The workbook's shared strings, read straight from the zip's central directory (random access, this entry only).
 * Needed because exceljs's streaming reader sometimes leaves cells as { sharedString: n } for files whose entries
 * are stored uncompressed (SheetJS writes them so by default): seen here as an intermittent failure.
 */
export async function readSharedStrings(filePath: string): Promise<string[]> {
  // unzipper is the zip reader exceljs itself uses (one of its dependencies).
  const unzipper = createRequire(import.meta.url)('unzipper') as {
    Open: { file: (p: string) => Promise<{ files: { path: string; buffer: () => Promise<Buffer> }[] }> };
  };
  const dir = await unzipper.Open.file(filePath);
  const entry = dir.files.find((f) => f.path === 'xl/sharedStrings.xml');
  if (!entry) return [];
  const xml = (await entry.buffer()).toString('utf8');
  const out: string[] = [];
  for (const si of xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) {
    // Phonetic runs (<rPh>) are annotations, not the cell's text.
    const body = (si[1] ?? '').replace(/<rPh[\s\S]*?<\/rPh>/g, '');
    out.push([...body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => xmlText(m[1])).join(''));
  }
  return out;
}

function runParser(parse: ImportColumn['parse'], text: string, raw: unknown): ParseResult<unknown> {
  if (!parse) return { value: text };
  if (typeof parse === 'function') return parse(text, raw);
  const r = parse.safeParse(text);
  return r.success ? { value: r.data } : { error: r.error.issues[0]?.message ?? '格式不正确' };
}

/** "*身份证号（必填）" → "身份证号": headers are matched on their words, not on marks people add. */
function normalizeHeader(h: string): string {
  return h.replace(/[\s*＊]/g, '').replace(/[（(]必填[)）]$/, '');
}

/** Reads and validates every row of the file; the rows are kept only while no error has been found. */
export async function readAndValidate<R, C>(
  deps: ExcelDeps,
  req: ImportRequest<R, C>,
  upload: SavedUpload,
  jobId: string,
  strings: string[] | null,
) {
  const { spec } = req;
  const maxRows = spec.maxRows ?? DEFAULT_MAX_ROWS;
  const errors: ImportError[] = [];
  let errorCount = 0;
  const addError = (e: ImportError) => {
    errorCount++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
  };
  const rows: ImportRow<R>[] = [];
  let dataRows = 0;
  let bytesRead = 0;
  let lastReport = Date.now();

  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytesRead += chunk.length;
      cb(null, chunk);
    },
  });
  const source = fs.createReadStream(upload.filePath);
  const input = source.pipe(counter);
  // Styles are ignored (they cost memory on every cell): a date cell then arrives as its serial number,
  // which cells.date() reads; every other parser works on text.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  // exceljs reads a worksheet as soon as the shared strings and relationships are in, and then looks up the
  // sheet's name in the workbook model; when xl/workbook.xml comes later in the zip that model is still
  // undefined and it throws. An empty model only leaves the sheet unnamed (the first sheet is the data).
  (reader as unknown as { model?: object }).model ??= {};

  let sheetSeen = false;
  let columnsAt: Map<number, ImportColumn> | null = null;
  const hasExample = spec.columns.some((c) => c.example !== '');
  let tooMany = false;

  try {
    for await (const sheet of reader) {
      if (sheetSeen) {
        // Only the first sheet holds data; the rest (the notes) are drained so the zip reader moves on.
        for await (const _row of sheet) void _row;
        continue;
      }
      sheetSeen = true;
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const texts = new Map<number, ReturnType<typeof cellText>>();
        let blank = true;
        for (let i = 1; i < values.length; i++) {
          const t = cellText(values[i], strings ?? (reader as unknown as { sharedStrings?: string[] }).sharedStrings ?? null);
          texts.set(i, t);
          if (t.text !== '' || t.excelError) blank = false;
        }
        if (blank) continue;
        if (!columnsAt) {
          columnsAt = mapHeaders(spec, texts, addError);
          if (!columnsAt) break;
          continue;
        }
        // The template's example row, left as it was, is not data.
        if (hasExample && [...columnsAt].every(([idx, col]) => (texts.get(idx)?.text ?? '') === col.example)) continue;

        dataRows++;
        if (dataRows > maxRows) {
          tooMany = true;
          break;
        }
        const out: Record<string, unknown> = {};
        let rowOk = true;
        for (const [idx, col] of columnsAt) {
          const cell = texts.get(idx) ?? { text: '', raw: null };
          if (cell.excelError) {
            addError({ row: row.number, column: col.header, message: `单元格含错误值 ${cell.excelError}` });
            rowOk = false;
            continue;
          }
          // A crafted file can carry U+0000 or a lone surrogate (&#0; / &#xD800; in its XML): neither database would
          // store the value as read, so it is a cell error like any other.
          if (!isStorableText(cell.text)) {
            addError({ row: row.number, column: col.header, message: UNSTORABLE_TEXT_MESSAGE });
            rowOk = false;
            continue;
          }
          if (cell.text === '') {
            if (col.required) {
              addError({ row: row.number, column: col.header, message: '不能为空' });
              rowOk = false;
            }
            out[col.key] = null;
            continue;
          }
          const parsed = runParser(col.parse, cell.text, cell.raw);
          if ('error' in parsed) {
            addError({ row: row.number, column: col.header, message: parsed.error });
            rowOk = false;
          } else out[col.key] = parsed.value;
        }
        for (const col of spec.columns) if (!(col.key in out)) out[col.key] = null;
        if (rowOk && spec.validateRow) {
          const problems = (await spec.validateRow(out as R, req.context, row.number)) ?? [];
          for (const p of problems) {
            const col = p.column ? spec.columns.find((c) => c.key === p.column || c.header === p.column) : undefined;
            addError({ row: row.number, column: col?.header ?? p.column ?? null, message: p.message });
            rowOk = false;
          }
        }
        // Once any error is found the file will not be committed: stop holding rows, keep checking.
        if (errorCount === 0) rows.push({ rowNumber: row.number, values: out as R });
        else if (rows.length) rows.length = 0;

        if (dataRows % 500 === 0 && Date.now() - lastReport > 250) {
          lastReport = Date.now();
          await reportProgress(
            deps.db,
            deps.clock,
            jobId,
            (bytesRead / upload.size) * 90,
            `正在读取和校验：已处理 ${dataRows.toLocaleString('en-US')} 行`,
          );
        }
      }
    }
  } finally {
    // Stops reading the file (also when a row made us give up early); the zip reader is left to be collected.
    source.destroy();
  }
  if (!sheetSeen || (!columnsAt && errorCount === 0)) addError({ row: 0, column: null, message: '文件中没有数据（未找到表头行）' });
  if (tooMany) addError({ row: 0, column: null, message: `行数超过上限 ${maxRows.toLocaleString('en-US')} 行，请拆分后分批导入` });
  if (columnsAt && dataRows === 0 && errorCount === 0) addError({ row: 0, column: null, message: '文件中没有可导入的数据行' });
  return { rows, dataRows, errors, errorCount };
}

/** Header row → which column index holds which spec column; reports missing required and duplicate columns. */
function mapHeaders(
  spec: ImportSpec<never, never>,
  texts: Map<number, { text: string }>,
  addError: (e: ImportError) => void,
): Map<number, ImportColumn> | null {
  const byHeader = new Map(spec.columns.map((c) => [normalizeHeader(c.header), c]));
  const at = new Map<number, ImportColumn>();
  const seen = new Set<ImportColumn>();
  let ok = true;
  for (const [idx, t] of texts) {
    const col = byHeader.get(normalizeHeader(t.text));
    if (!col) continue;
    if (seen.has(col)) {
      addError({ row: 1, column: col.header, message: '表头重复出现' });
      ok = false;
    }
    seen.add(col);
    at.set(idx, col);
  }
  for (const c of spec.columns) {
    if (c.required && !seen.has(c)) {
      addError({ row: 1, column: c.header, message: '缺少此必填列，请使用下载的模板' });
      ok = false;
    }
  }
  if (seen.size === 0) {
    addError({ row: 1, column: null, message: '第1行不是本模板的表头，请使用下载的模板' });
    ok = false;
  }
  return ok ? at : null;
}
