import type { Transaction } from 'kysely';
import {
  ANSWER_STATUS_LABELS,
  checkTaskAnswer,
  type AnswerStatus,
  type MergedResult,
  type TaskColumnType,
  type TaskField,
  type TaskScalar,
  type TaskValues,
} from '@jinguo/domain';
import type { Database } from '../../db/schema.js';
import {
  cells,
  ImportRejected,
  type CellParser,
  type ExportSpec,
  type ImportColumn,
  type ImportError,
  type ImportSpec,
} from '../../platform/excel.js';

const number: CellParser<number> = (t) => {
  const s = t.replace(/[,，\s]/g, '');
  const n = Number(s);
  return s !== '' && Number.isFinite(n) ? { value: n } : { error: '应为数字' };
};

function parserOf(type: TaskColumnType, options?: string[]): CellParser<unknown> {
  switch (type) {
    case 'number':
      return number;
    case 'money':
      return cells.yuan();
    case 'persons':
      return cells.integer();
    case 'text':
      return cells.text(2000);
    case 'date':
      return cells.date();
    case 'choice':
      return cells.oneOf(Object.fromEntries((options ?? []).map((o) => [o, o])));
  }
}
const EXAMPLES: Record<TaskColumnType, string> = {
  number: '12',
  money: '1200.50',
  persons: '30',
  text: '（文字）',
  date: '2026-12-31',
  choice: '',
};
const TYPE_NOTES: Record<TaskColumnType, string> = {
  number: '数字',
  money: '金额，单位元，最多两位小数',
  persons: '人数，整数',
  text: '文字',
  date: '日期，如 2026-12-31',
  choice: '以下之一',
};

type Row = Record<string, unknown>;
/** Returns null when written, or the Chinese reason the answer cannot take the file (its state). */
export type WriteAnswer = (trx: Transaction<Database>, values: TaskValues) => Promise<string | null>;

/**
 * The task's form as an import of fixed layout: one column per field (a table field: one column per table column,
 * headed 「表格·列」). The first data row holds the single values; a table's rows go one per line, the later lines
 * leaving the single-value columns empty.
 */
export function answerImportSpec(title: string, fields: TaskField[], write?: WriteAnswer): ImportSpec<Row, undefined> {
  const columns: ImportColumn[] = [];
  const scalarKeys: string[] = [];
  for (const f of fields) {
    if (f.type === 'table') {
      for (const c of f.columns ?? [])
        columns.push({
          key: `${f.key}.${c.key}`,
          header: `${f.label}·${c.label}`,
          example: c.type === 'choice' ? (c.options?.[0] ?? '') : EXAMPLES[c.type],
          note: `表格「${f.label}」的一列（${TYPE_NOTES[c.type]}${c.options ? `：${c.options.join('、')}` : ''}），每行一条`,
          parse: parserOf(c.type, c.options),
          width: 16,
        });
      continue;
    }
    scalarKeys.push(f.key);
    columns.push({
      key: f.key,
      header: f.label,
      example: f.type === 'choice' ? (f.options?.[0] ?? '') : EXAMPLES[f.type],
      note: `${TYPE_NOTES[f.type]}${f.options ? `：${f.options.join('、')}` : ''}${f.required ? '（提交时必填）' : ''}；只在第一行填写`,
      parse: parserOf(f.type, f.options),
      width: 16,
    });
  }
  const headerOf = new Map(columns.map((c) => [c.key, c.header]));
  return {
    kind: 'tasks.answer',
    title: `${title}（填报模板）`,
    columns,
    notes: [
      '请勿修改表头和列的顺序。',
      '第一行数据填写各项单项数值；表格类字段每行填写一条，第二行起只填表格列。',
      '上传后保存为草稿，核对无误后在页面上提交。',
    ],
    maxRows: 2001,
    async commit(trx, rows) {
      if (!write) throw new Error('answerImportSpec: no writer');
      const errors: ImportError[] = [];
      const first = rows[0];
      const hasTable = fields.some((f) => f.type === 'table');
      const values: Record<string, unknown> = {};
      const tableRowNumbers: number[] = [];
      for (const k of scalarKeys) values[k] = first?.values[k] ?? null;
      for (const f of fields) if (f.type === 'table') values[f.key] = [];
      rows.forEach((r, i) => {
        if (i > 0)
          for (const k of scalarKeys)
            if (r.values[k] !== undefined && r.values[k] !== null && r.values[k] !== '')
              errors.push({ row: r.rowNumber, column: headerOf.get(k) ?? k, message: '单项数值只在第一行填写' });
        if (!hasTable && i > 0) return;
        tableRowNumbers.push(r.rowNumber);
        for (const f of fields) {
          if (f.type !== 'table') continue;
          const row: Record<string, TaskScalar> = {};
          for (const c of f.columns ?? []) row[c.key] = (r.values[`${f.key}.${c.key}`] as TaskScalar) ?? null;
          (values[f.key] as Record<string, TaskScalar>[]).push(row);
        }
      });
      if (!hasTable && rows.length > 1)
        errors.push({ row: rows[1].rowNumber, column: null, message: '此任务的表单只有一行数据，请只填写第一行' });
      const checked = checkTaskAnswer(fields, values, { complete: false });
      for (const e of checked.errors) {
        const [, key, index, col] = e.path.split('.');
        const rowNumber = index !== undefined ? (tableRowNumbers[Number(index)] ?? 0) : (first?.rowNumber ?? 0);
        errors.push({ row: rowNumber, column: headerOf.get(col ? `${key}.${col}` : key) ?? null, message: e.message });
      }
      if (errors.length) throw new ImportRejected(errors);
      const refused = await write(trx, checked.values);
      if (refused) throw new ImportRejected([{ row: 0, column: null, message: refused }]);
      return { created: rows.length };
    },
  };
}

type MergedRow = Record<string, string | number | null> & { id: string };
/** The merged result as an Excel sheet: one row per unit plus the totals, money in yuan. */
export function mergedExportSpec(m: MergedResult): ExportSpec<MergedRow> {
  return {
    kind: 'tasks.merged',
    title: `${m.title}（汇总）`,
    entityType: 'task',
    columns: [
      { key: 'unit', header: '单位', width: 28 },
      { key: 'status', header: '状态', width: 10, value: (r) => (r.status ? ANSWER_STATUS_LABELS[r.status as AnswerStatus] : null) },
      ...m.columns.map((c) => ({
        key: c.key,
        header: c.type === 'money' ? `${c.label}（元）` : c.label,
        width: 16,
        format:
          c.type === 'money'
            ? ('fen' as const)
            : c.summable
              ? ('integer' as const)
              : c.type === 'date'
                ? ('date' as const)
                : ('text' as const),
      })),
    ],
  };
}
