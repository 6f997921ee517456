import type { Readable } from 'node:stream';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { checkResidentIdNumber, isValidDate, isValidPhone, normalizeIdNumber, parseYuanToFen } from '@jinguo/domain';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { Actor } from './actor.js';
import type { Clock } from './clock.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Errors kept in a job's result; the count is always exact. */
export const MAX_REPORTED_ERRORS = 5000;
export const DEFAULT_MAX_ROWS = 200_000;
export const DATA_SHEET = '数据';
export const NOTES_SHEET = '填写说明';

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
