// Schemas, literal unions and pure rules of 任务下发 (tasks sent down to units below, answered with a form, merged
// up) and 通知公告 (notices sent down with read receipts). The form, the answer check and the merge are here so the
// web form, the server and the Excel template agree on every field.
import { z } from 'zod';
import { businessDateSchema } from '../common/dates.js';
import { idSchema } from '../common/ids.js';
import { pageQuerySchema, requiredText } from '../common/schemas.js';
import { ORG_KINDS } from '../org/index.js';

// ---------------------------------------------------------------- the form

/** The field types a sender builds a form from; `persons` is a head count (人数), `money` integer fen. */
export const TASK_FIELD_TYPES = ['number', 'money', 'text', 'date', 'choice', 'persons', 'table'] as const;
export type TaskFieldType = (typeof TASK_FIELD_TYPES)[number];
export const TASK_FIELD_TYPE_LABELS: Record<TaskFieldType, string> = {
  number: '数值',
  money: '金额（元）',
  text: '文字',
  date: '日期',
  choice: '单选',
  persons: '人数',
  table: '表格（多行）',
};
/** The types a table's columns may have (no table inside a table). */
export const TASK_COLUMN_TYPES = ['number', 'money', 'text', 'date', 'choice', 'persons'] as const;
export type TaskColumnType = (typeof TASK_COLUMN_TYPES)[number];
/** Types whose values add up across units (the merged totals, the cascade's sum). */
export const SUMMABLE_TYPES: readonly TaskFieldType[] = ['number', 'money', 'persons'];

const keySchema = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, { message: '字段标识应为小写字母开头的字母、数字或下划线' });
const optionsSchema = z
  .array(z.string().trim().min(1, { message: '选项不能为空' }).max(50))
  .min(2, { message: '单选至少需要两个选项' })
  .max(30);

export const taskColumnSchema = z.strictObject({
  key: keySchema,
  label: requiredText('列名', 30),
  type: z.enum(TASK_COLUMN_TYPES, { message: '请选择列的类型' }),
  options: optionsSchema.optional(),
});
export type TaskColumn = z.infer<typeof taskColumnSchema>;

export const taskFieldSchema = z.strictObject({
  key: keySchema,
  label: requiredText('字段名称', 40),
  type: z.enum(TASK_FIELD_TYPES, { message: '请选择字段类型' }),
  required: z.boolean().default(false),
  options: optionsSchema.optional(),
  columns: z.array(taskColumnSchema).min(1, { message: '表格至少需要一列' }).max(12).optional(),
});
export type TaskField = z.infer<typeof taskFieldSchema>;

/** The form's own problems (duplicate keys, a choice without options, a table without columns), by path. */
export function formProblems(fields: TaskField[]): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (seen.has(f.key)) out.push({ path: `fields.${i}.key`, message: `字段「${f.label}」的标识与前面的字段重复` });
    seen.add(f.key);
    if (f.type === 'choice' && !f.options) out.push({ path: `fields.${i}.options`, message: `字段「${f.label}」是单选，请填写选项` });
    if (f.type === 'table' && !f.columns) out.push({ path: `fields.${i}.columns`, message: `字段「${f.label}」是表格，请设置列` });
    const cols = new Set<string>();
    f.columns?.forEach((c, j) => {
      if (cols.has(c.key)) out.push({ path: `fields.${i}.columns.${j}.key`, message: `表格「${f.label}」的列「${c.label}」标识重复` });
      cols.add(c.key);
      if (c.type === 'choice' && !c.options)
        out.push({ path: `fields.${i}.columns.${j}.options`, message: `表格「${f.label}」的列「${c.label}」是单选，请填写选项` });
    });
  });
  return out;
}

// ---------------------------------------------------------------- targets

/** Who a task or notice goes to: every direct child unit, the units of some kinds in the sender's subtree, or chosen ones. */
export const TARGET_MODES = ['children', 'kinds', 'chosen'] as const;
export type TargetMode = (typeof TARGET_MODES)[number];
export const targetsSchema = z.strictObject({
  mode: z.enum(TARGET_MODES, { message: '请选择下发范围' }),
  kinds: z.array(z.enum(ORG_KINDS)).max(ORG_KINDS.length).optional(),
  unitIds: z.array(idSchema).max(5000).optional(),
});
export type Targets = z.infer<typeof targetsSchema>;

// ---------------------------------------------------------------- tasks

export const createTaskSchema = z.strictObject({
  /** The sending unit (the caller's own or one below it). */
  ownerOrgId: idSchema,
  title: requiredText('任务标题', 100),
  instructions: z.string().trim().max(5000, { message: '任务说明不能超过5000个字符' }).default(''),
  deadline: businessDateSchema,
  targets: targetsSchema,
  fields: z.array(taskFieldSchema).min(1, { message: '表单至少需要一个字段' }).max(60, { message: '表单最多60个字段' }),
});
export type CreateTask = z.input<typeof createTaskSchema>;

/** A target unit forwards the task it received to the units below it (the cascade): the form stays the parent's. */
export const forwardTaskSchema = z.strictObject({
  deadline: businessDateSchema,
  instructions: z.string().trim().max(5000).default(''),
  targets: targetsSchema,
});
export type ForwardTask = z.input<typeof forwardTaskSchema>;

/**
 * An answer's life: 未填报 → 草稿 → 已提交 → 已通过, or 已提交 → 已退回 → (fixed) 已提交. Each move is one service
 * function (the approval engine takes over return / approve later).
 */
export const ANSWER_STATUSES = ['pending', 'draft', 'submitted', 'returned', 'approved'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];
export const ANSWER_STATUS_LABELS: Record<AnswerStatus, string> = {
  pending: '未填报',
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  approved: '已通过',
};
/** Counted as reported (已报) in 已报/应报. */
export const REPORTED_STATUSES: readonly AnswerStatus[] = ['submitted', 'approved'];
/** States in which the target may still edit (a draft, a save, an Excel upload, a merge of its units' answers). */
export const EDITABLE_STATUSES: readonly AnswerStatus[] = ['pending', 'draft', 'returned'];

export type AnswerAction = 'save' | 'submit' | 'return' | 'approve' | 'forward';
const ACTION_LABELS: Record<AnswerAction, string> = { save: '保存', submit: '提交', return: '退回', approve: '通过', forward: '转发' };
const ALLOWED_FROM: Record<AnswerAction, readonly AnswerStatus[]> = {
  save: EDITABLE_STATUSES,
  submit: EDITABLE_STATUSES,
  return: ['submitted'],
  approve: ['submitted'],
  forward: EDITABLE_STATUSES,
};
/** Null when the action is allowed from the status; otherwise the Chinese refusal naming the state (a 409). */
export function answerTransitionProblem(status: AnswerStatus, action: AnswerAction): string | null {
  if (ALLOWED_FROM[action].includes(status)) return null;
  return `填报当前为「${ANSWER_STATUS_LABELS[status]}」状态，不能${ACTION_LABELS[action]}`;
}

/** A value of a field: numbers, fen, text, a date, a choice, or rows of a table. */
export type TaskScalar = number | string | null;
export type TaskValues = Record<string, TaskScalar | Record<string, TaskScalar>[]>;
export const taskValuesSchema = z.record(
  z.string().max(40),
  z.union([
    z.number(),
    z.string().max(5000),
    z.null(),
    z.array(z.record(z.string().max(40), z.union([z.number(), z.string().max(2000), z.null()]))).max(2000),
  ]),
);

export const saveAnswerSchema = z.strictObject({ values: taskValuesSchema });
export type SaveAnswer = z.input<typeof saveAnswerSchema>;
export const returnAnswerSchema = z.strictObject({ reason: requiredText('退回理由', 500) });
export const approveAnswerSchema = z.strictObject({ comment: z.string().trim().max(500).optional() });

type Scalar = { label: string; type: TaskColumnType; options?: string[] };
function checkScalar(f: Scalar, raw: unknown): { value: TaskScalar } | { error: string } {
  if (raw === null || raw === undefined || raw === '') return { value: null };
  switch (f.type) {
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) && Math.abs(raw) < 1e12 ? { value: raw } : { error: '应为数字' };
    case 'money':
      return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw <= Number.MAX_SAFE_INTEGER
        ? { value: raw }
        : { error: '应为不小于0的整数分' };
    case 'persons':
      return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw < 1e9
        ? { value: raw }
        : { error: '应为不小于0的整数人数' };
    case 'text':
      return typeof raw === 'string'
        ? raw.length > 2000
          ? { error: '不能超过2000个字符' }
          : { value: raw.trim() || null }
        : { error: '应为文字' };
    case 'date':
      return typeof raw === 'string' && businessDateSchema.safeParse(raw).success ? { value: raw } : { error: '日期格式应为 YYYY-MM-DD' };
    case 'choice':
      return typeof raw === 'string' && f.options?.includes(raw)
        ? { value: raw }
        : { error: `应为以下之一：${(f.options ?? []).join('、')}` };
  }
}

/**
 * Checks an answer against the form: every value of its type, table rows column by column, and (when `complete`,
 * i.e. on submit) every required field filled. Unknown keys are dropped. Messages name the field in Chinese.
 */
export function checkTaskAnswer(
  fields: TaskField[],
  values: Record<string, unknown>,
  opts: { complete: boolean },
): { values: TaskValues; errors: { path: string; message: string }[] } {
  const out: TaskValues = {};
  const errors: { path: string; message: string }[] = [];
  for (const f of fields) {
    const raw = values[f.key];
    if (f.type === 'table') {
      const rows: Record<string, TaskScalar>[] = [];
      if (raw !== undefined && raw !== null && !Array.isArray(raw))
        errors.push({ path: `values.${f.key}`, message: `「${f.label}」应为表格行` });
      else
        (raw ?? []).forEach((r: unknown, i: number) => {
          const row: Record<string, TaskScalar> = {};
          const rec = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
          for (const c of f.columns ?? []) {
            const v = checkScalar(c, rec[c.key]);
            if ('error' in v)
              errors.push({ path: `values.${f.key}.${i}.${c.key}`, message: `「${f.label}」第${i + 1}行「${c.label}」${v.error}` });
            else row[c.key] = v.value;
          }
          if (Object.values(row).some((x) => x !== null)) rows.push(row);
        });
      if (opts.complete && f.required && rows.length === 0) errors.push({ path: `values.${f.key}`, message: `「${f.label}」至少填写一行` });
      out[f.key] = rows;
      continue;
    }
    const v = checkScalar(f as Scalar, raw);
    if ('error' in v) errors.push({ path: `values.${f.key}`, message: `「${f.label}」${v.error}` });
    else {
      if (opts.complete && f.required && v.value === null) errors.push({ path: `values.${f.key}`, message: `「${f.label}」为必填项` });
      out[f.key] = v.value;
    }
  }
  return { values: out, errors };
}

/**
 * The cascade's sum: what a unit submits upward from its own units' answers — numbers, money and head counts
 * added, table rows put one after another; text, dates and choices left for the unit to fill.
 */
export function mergeTaskAnswers(fields: TaskField[], answers: TaskValues[]): TaskValues {
  const out: TaskValues = {};
  for (const f of fields) {
    if (f.type === 'table')
      out[f.key] = answers.flatMap((a) => (Array.isArray(a[f.key]) ? (a[f.key] as Record<string, TaskScalar>[]) : []));
    else if (SUMMABLE_TYPES.includes(f.type)) {
      const present = answers.map((a) => a[f.key]).filter((v): v is number => typeof v === 'number');
      out[f.key] = present.length ? present.reduce((s, v) => s + v, 0) : null;
    } else out[f.key] = null;
  }
  return out;
}

/** A column of the merged result: a scalar field, or for a table its row count and each summable column's sum. */
export type MergedColumn = { key: string; label: string; type: TaskColumnType | 'rows'; summable: boolean };
export function mergedColumns(fields: TaskField[]): MergedColumn[] {
  const out: MergedColumn[] = [];
  for (const f of fields) {
    if (f.type !== 'table') {
      out.push({ key: f.key, label: f.label, type: f.type, summable: SUMMABLE_TYPES.includes(f.type) });
      continue;
    }
    out.push({ key: `${f.key}#rows`, label: `${f.label}（行数）`, type: 'rows', summable: true });
    for (const c of f.columns ?? [])
      if (SUMMABLE_TYPES.includes(c.type))
        out.push({ key: `${f.key}.${c.key}`, label: `${f.label}·${c.label}（合计）`, type: c.type, summable: true });
  }
  return out;
}
/** One unit's answer flattened to the merged columns. */
export function mergedCells(fields: TaskField[], values: TaskValues): Record<string, TaskScalar> {
  const out: Record<string, TaskScalar> = {};
  for (const f of fields) {
    const v = values[f.key];
    if (f.type !== 'table') {
      out[f.key] = (v as TaskScalar) ?? null;
      continue;
    }
    const rows = Array.isArray(v) ? v : [];
    out[`${f.key}#rows`] = rows.length;
    for (const c of f.columns ?? [])
      if (SUMMABLE_TYPES.includes(c.type))
        out[`${f.key}.${c.key}`] = rows.reduce((s, r) => s + (typeof r[c.key] === 'number' ? (r[c.key] as number) : 0), 0);
  }
  return out;
}

// ---------------------------------------------------------------- responses

export const taskFileSchema = z.object({ id: z.string(), fileName: z.string(), size: z.number().int(), createdAt: z.string() });

export const taskListQuerySchema = pageQuerySchema.extend({
  /** sent: tasks of units in my scope; received: tasks to my units from above. */
  box: z.enum(['sent', 'received']).default('received'),
});
export type TaskListQuery = z.infer<typeof taskListQuerySchema>;

export const taskListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  deadline: z.string(),
  parentTaskId: z.string().nullable(),
  createdAt: z.string(),
  expected: z.number().int(),
  reported: z.number().int(),
  /** received box: the status of my unit's answer (the first, when I answer for several). */
  myStatus: z.enum(ANSWER_STATUSES).nullable(),
  myAnswerId: z.string().nullable(),
});
export type TaskListItem = z.infer<typeof taskListItemSchema>;

/** Where a target that forwarded the task stands with its own units. */
export const forwardProgressSchema = z.object({
  taskId: z.string(),
  expected: z.number().int(),
  reported: z.number().int(),
  waiting: z.array(z.object({ orgUnitId: z.string(), orgUnitName: z.string() })),
});

export const answerSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  status: z.enum(ANSWER_STATUSES),
  values: taskValuesSchema,
  returnReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  updatedAt: z.string(),
  late: z.boolean(),
  forward: forwardProgressSchema.nullable(),
  can: z.object({ edit: z.boolean(), decide: z.boolean(), forward: z.boolean() }),
});
export type TaskAnswer = z.infer<typeof answerSchema>;

export const taskDetailSchema = z.object({
  id: z.string(),
  title: z.string(),
  instructions: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  deadline: z.string(),
  fields: z.array(taskFieldSchema),
  parentTaskId: z.string().nullable(),
  parentAnswerId: z.string().nullable(),
  createdAt: z.string(),
  files: z.array(taskFileSchema),
  expected: z.number().int(),
  reported: z.number().int(),
  lateCount: z.number().int(),
  /** The answers the caller may see: all of them for the sender, only its own units' for a target. */
  answers: z.array(answerSchema),
  can: z.object({ manage: z.boolean() }),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;

export const mergedResultSchema = z.object({
  taskId: z.string(),
  title: z.string(),
  columns: z.array(z.object({ key: z.string(), label: z.string(), type: z.string(), summable: z.boolean() })),
  rows: z.array(
    z.object({
      orgUnitId: z.string(),
      orgUnitName: z.string(),
      status: z.enum(ANSWER_STATUSES),
      cells: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
    }),
  ),
  /** Sums over the reported answers (已提交 and 已通过) only. */
  totals: z.record(z.string(), z.number()),
  expected: z.number().int(),
  reported: z.number().int(),
});
export type MergedResult = z.infer<typeof mergedResultSchema>;

export const answerParamsSchema = z.object({ id: idSchema, answerId: idSchema });
export const fileParamsSchema = z.object({ id: idSchema, fileId: idSchema });

// ---------------------------------------------------------------- notices

export const createNoticeSchema = z.strictObject({
  ownerOrgId: idSchema,
  title: requiredText('公告标题', 100),
  body: requiredText('公告正文', 20000),
  targets: targetsSchema,
});
export type CreateNotice = z.input<typeof createNoticeSchema>;
export const noticeListQuerySchema = taskListQuerySchema;

export const noticeListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  ownerOrgName: z.string(),
  createdAt: z.string(),
  recipients: z.number().int(),
  read: z.number().int(),
  /** received box: my unit has read it. */
  readByMe: z.boolean().nullable(),
});
export const noticeDetailSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  createdAt: z.string(),
  files: z.array(taskFileSchema),
  /** The receipts the caller may see: every unit for the sender, only its own for a recipient. */
  recipients: z.array(
    z.object({ orgUnitId: z.string(), orgUnitName: z.string(), readAt: z.string().nullable(), readByName: z.string().nullable() }),
  ),
  unread: z.array(z.object({ orgUnitId: z.string(), orgUnitName: z.string() })),
  can: z.object({ manage: z.boolean(), markRead: z.boolean() }),
});
export type NoticeDetail = z.infer<typeof noticeDetailSchema>;
export type NoticeListItem = z.infer<typeof noticeListItemSchema>;
