import { BUDGET_LINE_STATUS_LABELS, BUDGET_PURPOSE_LABELS, executionRate, type BudgetPurpose } from '@jinguo/domain';
import type { Clock } from '../../platform/clock.js';
import { cells, ImportRejected, type ExportSpec, type ImportSpec } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import * as repo from './budget.repository.js';

/** Excel template, import and export of budget lines (the shared mechanism: platform/excel.ts). */

export type LineImportRow = { year: number; name: string; purpose: BudgetPurpose; requestedFen: number; note: string | null };
type Ctx = { ownerOrgId: string; createdBy: string; clock: Clock; seen: Map<string, number> };

export const linesImport: ImportSpec<LineImportRow, Ctx> = {
  kind: 'budget.lines',
  title: '妇儿工委经费预算表',
  notes: ['导入的预算项目为“编制中”，申报和核定在系统中逐项登记；同一年度同名项目只能有一个。'],
  columns: [
    { key: 'year', header: '预算年度', required: true, example: '2027', parse: cells.integer({ min: 2000, max: 2100 }) },
    { key: 'name', header: '预算项目', required: true, example: '妇儿工委办工作经费', parse: cells.text(100) },
    {
      key: 'purpose',
      header: '用途',
      required: true,
      example: '工作经费',
      note: `可填：${Object.values(BUDGET_PURPOSE_LABELS).join('、')}`,
      parse: cells.oneOf(BUDGET_PURPOSE_LABELS),
    },
    { key: 'requestedFen', header: '申请金额（元）', required: true, example: '20000', parse: cells.yuan({ max: 1e10 }) },
    { key: 'note', header: '说明', example: '', parse: cells.text(1000) },
  ],
  validateRow(v, ctx, rowNumber) {
    const problems = [];
    if (v.requestedFen <= 0) problems.push({ column: 'requestedFen', message: '申请金额须大于0' });
    if (v.purpose === 'programme') problems.push({ column: 'purpose', message: '项目经费须在系统中选择所属项目后登记' });
    const key = `${v.year}|${v.name}`;
    const earlier = ctx.seen.get(key);
    if (earlier) problems.push({ column: 'name', message: `与第${earlier}行重复` });
    else ctx.seen.set(key, rowNumber);
    return problems;
  },
  async commit(trx, rows, ctx) {
    const at = ctx.clock.now().toISOString();
    const refused: { row: number; column: string; message: string }[] = [];
    for (const { rowNumber, values: v } of rows)
      if (await repo.findLineByName(trx, ctx.ownerOrgId, v.year, v.name))
        refused.push({ row: rowNumber, column: '预算项目', message: '本年度已有同名预算项目' });
    if (refused.length) throw new ImportRejected(refused);
    await repo.insertLines(
      trx,
      rows.map(({ values: v }) => ({
        id: newId(),
        ownerOrgId: ctx.ownerOrgId,
        year: v.year,
        purpose: v.purpose,
        name: v.name,
        programmeCode: null,
        fundAccountId: null,
        requestedFen: v.requestedFen,
        requestedOn: null,
        approvedFen: null,
        approvedOn: null,
        approvalRef: null,
        status: 'draft' as const,
        note: v.note,
        createdBy: ctx.createdBy,
        createdAt: at,
        updatedAt: at,
      })),
    );
    return { created: rows.length };
  },
};

/** The export adds the execution (from the ledger) beside each line. */
export type LineExportRow = Awaited<ReturnType<typeof repo.listLinesAfter>>[number] & { executionRate?: number | null };
export const linesExport: ExportSpec<LineExportRow> = {
  kind: 'budget.lines',
  title: '妇儿工委经费预算执行表',
  entityType: 'budget_line',
  columns: [
    { key: 'year', header: '预算年度', format: 'integer' },
    { key: 'name', header: '预算项目', width: 24 },
    { key: 'purpose', header: '用途', value: (r) => BUDGET_PURPOSE_LABELS[r.purpose] },
    { key: 'ownerOrgName', header: '预算单位', width: 14 },
    { key: 'status', header: '状态', value: (r) => BUDGET_LINE_STATUS_LABELS[r.status] },
    { key: 'requestedFen', header: '申请金额（元）', format: 'fen' },
    { key: 'approvedFen', header: '核定金额（元）', format: 'fen' },
    { key: 'approvalRef', header: '批复文号', width: 18 },
    { key: 'executedFen', header: '执行金额（元）', format: 'fen' },
    { key: 'committedFen', header: '已承诺未付（元）', format: 'fen' },
    {
      key: 'executionRate',
      header: '执行率（%）',
      value: (r) => {
        const v = executionRate(Number(r.executedFen), r.approvedFen == null ? null : Number(r.approvedFen));
        return v == null ? null : v.toFixed(2);
      },
    },
  ],
};
