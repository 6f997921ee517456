import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from './exceljs.js';
import type { FastifyReply } from 'fastify';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { checkResidentIdNumber, isValidDate, isValidPhone, normalizeIdNumber, parseYuanToFen, type Permission } from '@jinguo/domain';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { auditActor, can, type Actor } from './actor.js';
import { appendAudit } from './audit.js';
import type { Clock } from './clock.js';
import { AppError, fieldError } from './errors.js';
import { newId } from './ids.js';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from './input.js';
import { logBackgroundError } from './logging.js';
import { createJob, finishJob, reportProgress } from './jobs.js';

/**
 * The one Excel import/export mechanism every module uses (docs/import-export.md).
 *
 * A module declares an ImportSpec (columns with Chinese headers, a parser per column, an example, a row
 * validator and a commit) and an ExportSpec (columns, masking). This file turns them into: a template
 * download, a streamed, fully validated, all-or-nothing, idempotent import that reports progress through
 * a job, and a streamed export that masks sensitive columns unless the caller may reveal them.
 */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Errors kept in a job's result; the count is always exact. */
export const MAX_REPORTED_ERRORS = 5000;
const DEFAULT_MAX_ROWS = 200_000;
const DATA_SHEET = '数据';
const NOTES_SHEET = '填写说明';

// ---------------------------------------------------------------- cell parsing

export type ParseResult<T> = { value: T } | { error: string };
/** The cell as text (dates as YYYY-MM-DD, numbers as written), and the raw value for parsers that need it. */
export type CellParser<T> = (text: string, raw: unknown) => ParseResult<T>;

export type ImportColumn<K extends string = string> = {
  key: K;
  /** The Chinese column header, as in the template and as matched in the uploaded file. */
  header: string;
  required?: boolean;
  /** The example value in the template's second row (that row is skipped if left unchanged). */
  example: string;
  /** Shown on the notes sheet: what to fill in, allowed values. */
  note?: string;
  /** Text → value, or a zod schema applied to the trimmed text. Omitted: the trimmed text. */
  parse?: CellParser<unknown> | z.ZodType;
  width?: number;
};

/** A cross-column or look-up problem found by a spec's validateRow: `column` is a column key or header (omit for the row). */
export type RowProblem = { column?: string; message: string };
export type ImportError = { row: number; column: string | null; message: string };
export type ImportRow<R> = { rowNumber: number; values: R };
export type ImportCommitResult = { created: number } & Record<string, number>;

export type ImportSpec<R = Record<string, unknown>, C = unknown> = {
  /** Stable id of what is imported, e.g. "activities.participants"; part of the idempotency key. */
  kind: string;
  /** Chinese title: the template's file name and sheet heading. */
  title: string;
  columns: ImportColumn<keyof R & string>[];
  /** General notes printed on the notes sheet above the column list. */
  notes?: string[];
  /** Checks across columns or against looked-up data, once per row whose cells all parsed. */
  validateRow?: (values: R, ctx: C, rowNumber: number) => RowProblem[] | undefined | Promise<RowProblem[] | undefined>;
  /** Writes all rows inside the one import transaction; may throw ImportRejected to refuse with row errors. */
  commit: (trx: Transaction<Database>, rows: ImportRow<R>[], ctx: C) => Promise<ImportCommitResult>;
  maxRows?: number;
};

/** Thrown by a spec's commit to refuse the whole import with row-level reasons (the transaction rolls back). */
export class ImportRejected extends Error {
  constructor(readonly errors: ImportError[]) {
    super('import rejected');
  }
}

/** "第12行「身份证号」：校验位错误" — how an import error reads in Chinese. */
export function formatImportError(e: ImportError): string {
  if (e.row === 0) return e.column ? `「${e.column}」：${e.message}` : e.message;
  return e.column ? `第${e.row}行「${e.column}」：${e.message}` : `第${e.row}行：${e.message}`;
}

/** Ready-made parsers for the usual columns; each message names only the problem (the column is added). */
export const cells = {
  text(max = 200): CellParser<string> {
    return (t) => ([...t].length > max ? { error: `不能超过${max}个字符` } : { value: t });
  },
  integer(opts: { min?: number; max?: number } = {}): CellParser<number> {
    const { min = 0, max = 1_000_000_000 } = opts;
    return (t) => {
      const s = t.replace(/[,，\s]/g, '');
      if (!/^-?\d+(\.0+)?$/.test(s)) return { error: '应为整数' };
      const n = Number.parseInt(s, 10);
      if (n < min) return { error: `不能小于${min}` };
      if (n > max) return { error: `不能大于${max}` };
      return { value: n };
    };
  },
  /** Yuan as typed ("1,200.50", "¥12") → integer fen. */
  yuan(opts: { max?: number } = {}): CellParser<number> {
    return (t) => {
      const fen = parseYuanToFen(t);
      if (fen === null) return { error: '应为金额（元，最多两位小数）' };
      if (fen < 0) return { error: '金额不能为负' };
      if (opts.max !== undefined && fen > opts.max * 100) return { error: `不能超过${opts.max}元` };
      return { value: fen };
    };
  },
  /** 2026-03-08, 2026/3/8, 2026.3.8, 2026年3月8日 or an Excel date → "YYYY-MM-DD". */
  date(): CellParser<string> {
    return (t, raw) => {
      if (typeof raw === 'number' && raw > 1 && raw < 2958466) return { value: excelSerialToDate(raw) };
      const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
      if (!m) return { error: '日期格式应为 2026-03-08' };
      const date = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
      return isValidDate(date) ? { value: date } : { error: '不是有效日期' };
    };
  },
  /** One of a fixed set: accepts the Chinese label or the code. */
  oneOf<T extends string>(labels: Record<T, string>): CellParser<T> {
    const byText = new Map<string, T>();
    for (const [code, label] of Object.entries(labels) as [T, string][]) {
      byText.set(code.toLowerCase(), code);
      byText.set(label, code);
    }
    const allowed = Object.values(labels).join('、');
    return (t) => {
      const v = byText.get(t) ?? byText.get(t.toLowerCase());
      return v ? { value: v } : { error: `应为以下之一：${allowed}` };
    };
  },
  yesNo(): CellParser<boolean> {
    return (t) =>
      /^(是|y|yes|true|1)$/i.test(t) ? { value: true } : /^(否|n|no|false|0)$/i.test(t) ? { value: false } : { error: '应填“是”或“否”' };
  },
  /** 居民身份证号 with its check character; an 18-digit number Excel has already rounded is caught. */
  idNumber(): CellParser<string> {
    return (t, raw) => {
      if (typeof raw === 'number') return { error: '请将该列设为文本格式后重新填写（数字格式会丢失末几位）' };
      const check = checkResidentIdNumber(t);
      return check.ok ? { value: normalizeIdNumber(t) } : { error: check.reason.replace(/^身份证号/, '') || check.reason };
    };
  },
  phone(): CellParser<string> {
    return (t) => {
      const p = t.replace(/[\s-]/g, '');
      return isValidPhone(p) ? { value: p } : { error: '不是有效的电话号码' };
    };
  },
};

function excelSerialToDate(serial: number): string {
  // Excel's day 0 is 1899-12-30 (its 1900 leap-year bug is absorbed by starting there).
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000).toISOString().slice(0, 10);
}

/** Thrown when a cell refers to a shared string that exceljs's streaming reader did not resolve (see below). */
class SharedStringsMissing extends Error {}

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
async function readSharedStrings(filePath: string): Promise<string[]> {
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

// ---------------------------------------------------------------- import

export type ExcelDeps = { db: Db; clock: Clock };

/** What a route hands over: `() => req.file()` from @fastify/multipart (read only after the service has authorised). */
export type UploadSource = () => Promise<{ filename: string; file: Readable & { truncated?: boolean } } | undefined>;

export type ImportRequest<R, C> = {
  actor: Actor;
  source: UploadSource;
  spec: ImportSpec<R, C>;
  /** The import target (e.g. the event's id): the same file is imported once per target. */
  targetKey: string;
  /** Owning unit of the target (the audit entry and the idempotency record carry it). */
  orgUnitId: string;
  /** Audit entity type and id for the import entry (e.g. "activity_event", the event id). */
  entityType: string;
  entityId?: string | null;
  context: C;
};

export type ImportJobResult = {
  fileName: string;
  rows: number;
  created: number;
  counts?: Record<string, number>;
  duplicate?: boolean;
  errorCount?: number;
  errors?: (ImportError & { text: string })[];
};

type SavedUpload = { filePath: string; fileName: string; sha256: string; size: number };

/** Streams the upload to a temporary file, hashing it on the way (the hash is the idempotency key). */
async function saveUpload(source: UploadSource): Promise<SavedUpload> {
  let part: Awaited<ReturnType<UploadSource>>;
  try {
    part = await source();
  } catch (err) {
    // The input guard's refusal (a file name that cannot be stored) names its own field.
    if (err instanceof AppError) throw err;
    throw fieldError('file', '请以表单方式上传 Excel 文件');
  }
  if (!part) throw fieldError('file', '请选择要导入的文件');
  const fileName = path.basename(part.filename || 'upload.xlsx');
  if (/\.xls$/i.test(fileName)) {
    part.file.resume();
    throw fieldError('file', '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后上传');
  }
  if (!/\.xlsx$/i.test(fileName)) {
    part.file.resume();
    throw fieldError('file', '请上传 .xlsx 格式的 Excel 文件');
  }
  const filePath = path.join(os.tmpdir(), `jinguo-import-${newId()}.xlsx`);
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      if (head.length < 4) head = Buffer.concat([head, chunk.subarray(0, 4)]);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(part.file, tap, fs.createWriteStream(filePath));
  } catch {
    fs.rmSync(filePath, { force: true });
    throw fieldError('file', '文件上传中断，请重试');
  }
  if (part.file.truncated) {
    fs.rmSync(filePath, { force: true });
    throw fieldError('file', '文件超过 50 MB，请拆分后分批导入');
  }
  // An .xlsx is a zip: "PK\x03\x04". Anything else renamed to .xlsx is refused before parsing.
  if (size === 0 || head.subarray(0, 4).toString('latin1') !== 'PK\x03\x04') {
    fs.rmSync(filePath, { force: true });
    throw fieldError('file', size === 0 ? '文件是空的' : '文件不是有效的 .xlsx 格式');
  }
  return { filePath, fileName, sha256: hash.digest('hex'), size };
}

/**
 * Starts an import job: receives the file (after the caller's service has authorised), and unless this exact
 * file was already imported into the target, reads, validates and commits it in the background. The web app
 * polls GET /api/jobs/:id. Returns at once with the job id.
 */
export async function startImport<R, C>(deps: ExcelDeps, req: ImportRequest<R, C>): Promise<{ jobId: string }> {
  const upload = await saveUpload(req.source);
  const { db, clock } = deps;
  const jobId = await createJob(db, clock, { kind: `import:${req.spec.kind}`, createdBy: req.actor.userId, message: '已上传，等待处理' });
  const previous = await findPreviousImport(db, req.spec.kind, req.targetKey, upload.sha256);
  if (previous) {
    fs.rmSync(upload.filePath, { force: true });
    await reportDuplicate(deps, req, upload, jobId, previous);
    return { jobId };
  }
  void runImport(deps, req, upload, jobId)
    .catch(async (err) => {
      // Anything unexpected still ends the job (never a job spinning forever); the database was rolled back.
      logBackgroundError('import failed', err);
      await finishJob(db, clock, jobId, { status: 'failed', message: '导入失败（服务器内部错误），未写入任何数据' }).catch(() => undefined);
    })
    .finally(() => fs.rmSync(upload.filePath, { force: true }));
  return { jobId };
}

function findPreviousImport(db: Db, kind: string, targetKey: string, sha256: string) {
  return db
    .selectFrom('fileImports')
    .select(['createdAt', 'rows', 'fileName'])
    .where('kind', '=', kind)
    .where('targetKey', '=', targetKey)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

async function reportDuplicate<R, C>(
  deps: ExcelDeps,
  req: ImportRequest<R, C>,
  upload: SavedUpload,
  jobId: string,
  previous: { createdAt: string; rows: number },
) {
  const { db, clock } = deps;
  await db.transaction().execute((trx) =>
    appendAudit(trx, clock, auditActor(req.actor), {
      action: 'import.duplicate',
      entityType: req.entityType,
      entityId: req.entityId ?? null,
      orgUnitId: req.orgUnitId,
      detail: { kind: req.spec.kind, sha256: upload.sha256 },
    }),
  );
  const when = previous.createdAt.slice(0, 10);
  const result: ImportJobResult = { fileName: upload.fileName, rows: Number(previous.rows), created: 0, duplicate: true };
  await finishJob(db, clock, jobId, {
    status: 'succeeded',
    message: `该文件已于${when}导入过（${previous.rows}行），本次未重复导入`,
    result,
  });
}

/** Reads and validates every row of the file; the rows are kept only while no error has been found. */
async function readAndValidate<R, C>(
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

async function runImport<R, C>(deps: ExcelDeps, req: ImportRequest<R, C>, upload: SavedUpload, jobId: string): Promise<void> {
  const { db, clock } = deps;
  const { spec, actor } = req;
  await reportProgress(db, clock, jobId, 1, '正在读取和校验');
  let read: Awaited<ReturnType<typeof readAndValidate<R, C>>>;
  try {
    try {
      read = await readAndValidate(deps, req, upload, jobId, null);
    } catch (err) {
      if (!(err instanceof SharedStringsMissing)) throw err;
      read = await readAndValidate(deps, req, upload, jobId, await readSharedStrings(upload.filePath));
    }
  } catch (err) {
    logBackgroundError('import: unreadable workbook', err);
    await auditImport(deps, req, 'import.rejected', { kind: spec.kind, sha256: upload.sha256, reason: 'unreadable' });
    await finishJob(db, clock, jobId, {
      status: 'failed',
      message: '无法读取该文件，请确认是 .xlsx 格式的 Excel 文件（可用下载的模板填写）',
      result: { fileName: upload.fileName, rows: 0, created: 0, errorCount: 1, errors: [] } satisfies ImportJobResult,
    });
    return;
  }
  if (read.errorCount > 0) return reject(deps, req, upload, jobId, read.dataRows, read.errors, read.errorCount);

  await reportProgress(db, clock, jobId, 92, `校验通过，正在写入 ${read.rows.length.toLocaleString('en-US')} 行`);
  let outcome: ImportCommitResult;
  try {
    // All or nothing: the module's rows, the idempotency record and the audit entry commit together.
    outcome = await db.transaction().execute(async (trx) => {
      const result = await spec.commit(trx, read.rows, req.context);
      await trx
        .insertInto('fileImports')
        .values({
          id: newId(),
          kind: spec.kind,
          targetKey: req.targetKey,
          sha256: upload.sha256,
          fileName: upload.fileName,
          rows: read.rows.length,
          jobId,
          ownerOrgId: req.orgUnitId,
          createdBy: actor.userId,
          createdAt: clock.now().toISOString(),
        })
        .execute();
      await appendAudit(trx, clock, auditActor(actor), {
        action: 'import',
        entityType: req.entityType,
        entityId: req.entityId ?? null,
        orgUnitId: req.orgUnitId,
        detail: { kind: spec.kind, rows: read.rows.length, ...result, sha256: upload.sha256 },
      });
      return result;
    });
  } catch (err) {
    if (err instanceof ImportRejected) return reject(deps, req, upload, jobId, read.dataRows, err.errors, err.errors.length);
    const previous = await findPreviousImport(db, spec.kind, req.targetKey, upload.sha256);
    if (previous) return reportDuplicate(deps, req, upload, jobId, previous);
    throw err;
  }
  const { created, ...counts } = outcome;
  const result: ImportJobResult = { fileName: upload.fileName, rows: read.rows.length, created, counts };
  await finishJob(db, clock, jobId, {
    status: 'succeeded',
    message: `导入成功：共 ${read.rows.length.toLocaleString('en-US')} 行，新增 ${created.toLocaleString('en-US')} 条`,
    result,
  });
}

async function reject<R, C>(
  deps: ExcelDeps,
  req: ImportRequest<R, C>,
  upload: SavedUpload,
  jobId: string,
  rows: number,
  errors: ImportError[],
  errorCount: number,
) {
  await auditImport(deps, req, 'import.rejected', { kind: req.spec.kind, rows, errorCount, sha256: upload.sha256 });
  const shown = errors.map((e) => ({ ...e, text: formatImportError(e) }));
  const more = errorCount > shown.length ? `（仅列出前 ${shown.length} 处）` : '';
  const result: ImportJobResult = { fileName: upload.fileName, rows, created: 0, errorCount, errors: shown };
  await finishJob(deps.db, deps.clock, jobId, {
    status: 'failed',
    message: `发现 ${errorCount} 处错误${more}，未导入任何数据；请改正后重新上传`,
    result,
  });
}

function auditImport<R, C>(deps: ExcelDeps, req: ImportRequest<R, C>, action: string, detail: Record<string, unknown>) {
  return deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.clock, auditActor(req.actor), {
      action,
      entityType: req.entityType,
      entityId: req.entityId ?? null,
      orgUnitId: req.orgUnitId,
      detail,
    }),
  );
}

// ---------------------------------------------------------------- export

export type ExportColumn<R> = {
  key: keyof R & string;
  header: string;
  width?: number;
  /** fen → yuan with 2 decimals; date stays "YYYY-MM-DD" text; integer as a number. Default: text. */
  format?: 'text' | 'integer' | 'fen' | 'date';
  /** Masks the value unless the caller holds the spec's reveal permission (e.g. maskIdNumber). */
  mask?: (value: string | null) => string | null;
  /** A computed value (label of a code, joined names …) instead of row[key]. */
  value?: (row: R) => string | number | null;
};

export type ExportSpec<R> = {
  kind: string;
  /** Chinese title: file name and sheet name. */
  title: string;
  /** Audit entity type for the export entry. */
  entityType: string;
  columns: ExportColumn<R>[];
  /** Who may export full values of masked columns (the export is then audited as revealing). */
  revealPermission?: Permission;
};

/** Rows in id order, fetched a batch at a time (keyset on the UUIDv7 id), so an export never loads a table whole. */
export async function* keysetRows<R extends { id: string }>(
  fetch: (afterId: string | null, limit: number) => Promise<R[]>,
  batch = 1000,
): AsyncIterable<R> {
  let after: string | null = null;
  for (;;) {
    const rows = await fetch(after, batch);
    for (const r of rows) yield r;
    if (rows.length < batch) return;
    after = rows[rows.length - 1].id;
  }
}

/**
 * Streams an export to the response as .xlsx, row by row, masking sensitive columns unless the caller may
 * reveal them. The audit entry (count and filters, never contents) is written before the file is finished,
 * so a download that completed is always in the trail.
 */
export async function sendExport<R>(
  reply: FastifyReply,
  deps: ExcelDeps,
  opts: { actor: Actor; spec: ExportSpec<R>; rows: AsyncIterable<R>; filters?: Record<string, unknown>; orgUnitId?: string | null },
): Promise<FastifyReply> {
  const { spec, actor } = opts;
  const reveal = !!spec.revealPermission && can(actor, spec.revealPermission);
  const out = new PassThrough();
  const stamp = deps.clock.now().toISOString().slice(0, 10);
  void reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', attachmentHeader(`${spec.title}_${stamp}.xlsx`))
    .send(out);

  void (async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet(spec.title.slice(0, 31));
    ws.columns = spec.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width ?? Math.max(12, [...c.header].length * 2 + 4),
      style: c.format === 'fen' ? { numFmt: '#,##0.00' } : undefined,
    }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    let count = 0;
    for await (const row of opts.rows) {
      const values: Record<string, unknown> = {};
      for (const c of spec.columns) {
        let v: unknown = c.value ? c.value(row) : (row as Record<string, unknown>)[c.key];
        if (c.mask && !reveal) v = c.mask(v == null ? null : String(v));
        if (v == null) values[c.key] = null;
        else if (c.format === 'fen') values[c.key] = Number(v) / 100;
        else if (c.format === 'integer') values[c.key] = Number(v);
        else values[c.key] = String(v);
      }
      ws.addRow(values).commit();
      count++;
    }
    await deps.db.transaction().execute((trx) =>
      appendAudit(trx, deps.clock, auditActor(actor), {
        action: 'export',
        entityType: spec.entityType,
        orgUnitId: opts.orgUnitId ?? null,
        detail: { kind: spec.kind, rows: count, revealed: reveal, filters: opts.filters ?? {} },
      }),
    );
    ws.commit();
    await wb.commit();
  })().catch((err) => {
    logBackgroundError('export failed', err);
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply;
}
