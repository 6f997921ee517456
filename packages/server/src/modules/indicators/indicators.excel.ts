import type { FastifyReply } from 'fastify';
import {
  checkIndicatorValue,
  EVALUATION_STATUS_LABELS,
  formatIndicatorValue,
  INDICATOR_AREA_LABELS,
  INDICATOR_BREAKDOWN_LABELS,
  OUTLINE_LABELS,
  permissionsOf,
  type IndicatorBreakdown,
  type IndicatorEvaluation,
  type Outline,
} from '@jinguo/domain';
import type { Db } from '../../db/database.js';
import { auditActor, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import {
  attachmentHeader,
  buildTemplate,
  cells,
  ImportRejected,
  sendExport,
  startImport,
  XLSX_MIME,
  type CellParser,
  type ExportSpec,
  type ImportError,
  type ImportSpec,
  type UploadSource,
} from '../../platform/excel.js';
import ExcelJS from '../../platform/exceljs.js';
import { newId } from '../../platform/ids.js';
import * as repo from './indicators.repository.js';
import { parseBreakdowns } from './indicators.present.js';
import type { IndicatorsService } from './indicators.service.js';
import type { IndicatorValuesTable } from './indicators.tables.js';

/** Excel for the indicators module: the prefilled entry template, its import (as drafts), the evaluation export. */

const MAX_COUNT = 2_147_483_647;

const decimal: CellParser<number> = (t) => {
  const s = t.replace(/[,，\s%‰]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return { error: '应为数字' };
  return { value: Number(s) };
};

export type ValueImportRow = {
  indicatorCode: string;
  indicatorName: string | null;
  region: string;
  year: number;
  breakdown: IndicatorBreakdown | null;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  source: string | null;
  note: string | null;
};

type Region = { id: string; name: string; path: string };
type ImportCtx = {
  actor: Actor;
  submit: Scope;
  clock: Clock;
  regions: Map<string, Region>;
  indicators: Map<string, Map<string, repo.IndicatorRow>>;
  db: Db;
  seen: Map<string, number>;
};

async function indicatorsOf(ctx: ImportCtx, region: Region) {
  let byCode = ctx.indicators.get(region.id);
  if (!byCode) {
    byCode = new Map();
    // Nearest catalogue first: a code is looked up in the region's own federation's catalogue before a higher one.
    const rows = await repo.indicatorsForRegion(ctx.db, region.path);
    for (const r of [...rows].reverse()) byCode.set(r.code, r);
    ctx.indicators.set(region.id, byCode);
  }
  return byCode;
}

const FIELD_COLUMNS = { numerator: 'numerator', denominator: 'denominator', value: 'value', breakdown: 'breakdown' } as const;
const isEmpty = (v: ValueImportRow) => v.numerator === null && v.denominator === null && v.value === null;

export const valuesImport: ImportSpec<ValueImportRow, ImportCtx> = {
  kind: 'indicators.values',
  title: '两纲监测数据填报',
  columns: [
    { key: 'indicatorCode', header: '指标代码', required: true, example: 'W1.02', parse: cells.text(32) },
    {
      key: 'indicatorName',
      header: '指标名称',
      example: '适龄妇女宫颈癌人群筛查率',
      note: '仅供对照，导入时按指标代码识别',
      parse: cells.text(100),
      width: 30,
    },
    { key: 'region', header: '地区', required: true, example: '牛佛镇', note: '填写区或乡镇（街道）的名称', parse: cells.text(100) },
    { key: 'year', header: '年度', required: true, example: '2026', parse: cells.integer({ min: 2000, max: 2100 }) },
    {
      key: 'breakdown',
      header: '分组',
      example: '合计',
      note: `可填：${Object.values(INDICATOR_BREAKDOWN_LABELS).join('、')}；不填为合计`,
      parse: cells.oneOf(INDICATOR_BREAKDOWN_LABELS),
    },
    {
      key: 'numerator',
      header: '分子',
      example: '1520',
      note: '率类指标优先填写分子、分母（整数），数值自动计算',
      parse: cells.integer({ min: 0, max: MAX_COUNT }),
    },
    { key: 'denominator', header: '分母', example: '2100', parse: cells.integer({ min: 0, max: MAX_COUNT }) },
    { key: 'value', header: '数值', example: '', note: '无分子分母时直接填写数值（百分比不带%）', parse: decimal },
    { key: 'source', header: '数据来源', example: '妇幼卫生年报', parse: cells.text(200), width: 20 },
    { key: 'note', header: '说明', example: '', note: '与上年相比变化超过阈值的，报送前须说明原因', parse: cells.text(1000), width: 30 },
  ],
  notes: [
    '每行是一个指标在一个地区、一个年度、一个分组的数据；分子、分母、数值都不填的行会被跳过。',
    '导入的数据保存为草稿（已退回的数据改回草稿），需在“数据填报”页面报送；已报送或已审核的数据不能通过导入修改。',
  ],
  async validateRow(v, ctx, rowNumber) {
    const region = ctx.regions.get(v.region);
    if (!region) return [{ column: 'region', message: '不是您可填报的地区（请填写区或乡镇、街道的全称）' }];
    const indicator = (await indicatorsOf(ctx, region)).get(v.indicatorCode);
    if (!indicator) return [{ column: 'indicatorCode', message: '指标代码不存在或该指标已停用' }];
    if (!pathInScope(ctx.submit, region.path) && !pathInScope(ctx.submit, indicator.responsibleOrgPath))
      return [{ column: 'indicatorCode', message: `该指标由${indicator.responsibleOrgName}负责填报，您无权填报` }];
    if (isEmpty(v)) return [];
    const breakdown = v.breakdown ?? 'total';
    const key = `${region.id}|${v.year}|${indicator.id}|${breakdown}`;
    const earlier = ctx.seen.get(key);
    if (earlier) return [{ column: 'indicatorCode', message: `与第${earlier}行重复（同一地区、年度、指标和分组）` }];
    ctx.seen.set(key, rowNumber);
    const check = checkIndicatorValue({ unit: indicator.unit, breakdowns: parseBreakdowns(indicator.breakdowns) }, { ...v, breakdown });
    return check.problems.map((p) => ({ column: FIELD_COLUMNS[p.field], message: p.message }));
  },
  async commit(trx, rows, ctx) {
    const refused: ImportError[] = [];
    let created = 0;
    let updated = 0;
    let skipped = 0;
    for (const { rowNumber, values: v } of rows) {
      if (isEmpty(v)) {
        skipped++;
        continue;
      }
      const region = ctx.regions.get(v.region)!;
      const indicator = (await indicatorsOf(ctx, region)).get(v.indicatorCode)!;
      const breakdown = v.breakdown ?? 'total';
      const value = checkIndicatorValue({ unit: indicator.unit, breakdowns: parseBreakdowns(indicator.breakdowns) }, { ...v, breakdown })
        .value!;
      const [current] = (await repo.valuesOfRegion(trx, region.id, v.year, [indicator.id])).filter((r) => r.breakdown === breakdown);
      if (current?.status === 'approved' || current?.status === 'submitted') {
        refused.push({
          row: rowNumber,
          column: '指标代码',
          message: current.status === 'approved' ? '该数据已审核，已锁定，不能导入修改' : '该数据已报送待审核，不能导入修改',
        });
        continue;
      }
      const at = ctx.clock.now().toISOString();
      const fields = { numerator: v.numerator, denominator: v.denominator, value, source: v.source, note: v.note };
      let row: { id: string; ownerOrgId: string; regionOrgId: string };
      if (current) {
        await repo.updateValue(trx, current.id, ['draft', 'returned'], { ...fields, status: 'draft', updatedAt: at });
        row = current;
        updated++;
      } else {
        const inserted: IndicatorValuesTable = {
          id: newId(),
          indicatorId: indicator.id,
          ownerOrgId: indicator.ownerOrgId,
          regionOrgId: region.id,
          year: v.year,
          breakdown,
          ...fields,
          status: 'draft',
          returnReason: null,
          submittedBy: null,
          submittedAt: null,
          decidedBy: null,
          decidedAt: null,
          createdBy: ctx.actor.userId,
          createdAt: at,
          updatedAt: at,
        };
        await repo.insertValue(trx, inserted);
        row = inserted;
        created++;
      }
      await repo.insertEvent(trx, {
        id: newId(),
        valueId: row.id,
        ownerOrgId: row.ownerOrgId,
        action: 'import',
        fromStatus: current?.status ?? null,
        toStatus: 'draft',
        value,
        reason: null,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        at,
      });
      await appendAudit(trx, ctx.clock, auditActor(ctx.actor), {
        action: 'indicator_value.import',
        entityType: 'indicator_value',
        entityId: row.id,
        orgUnitId: region.id,
        detail: { from: current?.status ?? null, to: 'draft', value },
      });
    }
    if (refused.length) throw new ImportRejected(refused);
    return { created, updated, skipped };
  },
};

type EvaluationExportRow = {
  id: string;
  outline: string;
  area: string;
  code: string;
  name: string;
  target: string;
  responsible: string;
  value: string | null;
  numerator: number | null;
  denominator: number | null;
  basis: string | null;
  previousValue: string | null;
  status: string;
  breakdowns: string | null;
};

/** One evaluation row as the sheet shows it (values with their units). */
function evaluationExportRow(r: IndicatorEvaluation['rows'][number]): EvaluationExportRow {
  const i = r.indicator;
  return {
    id: i.id,
    outline: OUTLINE_LABELS[i.outline],
    area: INDICATOR_AREA_LABELS[i.area],
    code: i.code,
    name: i.name,
    target: `${i.targetText}（${i.targetYear}年）${i.targetVerified ? '' : ' 未核实'}`,
    responsible: i.responsibleOrgName,
    value: r.value === null ? null : formatIndicatorValue(r.value, i),
    numerator: r.numerator,
    denominator: r.denominator,
    basis: r.basis === 'reported' ? '本级填报' : r.basis === 'rolled_up' ? `由${r.rolledUpFrom}个乡镇（街道）汇总` : null,
    previousValue: r.previousValue === null ? null : formatIndicatorValue(r.previousValue, i),
    status: EVALUATION_STATUS_LABELS[r.status],
    breakdowns:
      r.breakdowns.map((b) => `${INDICATOR_BREAKDOWN_LABELS[b.breakdown]} ${formatIndicatorValue(b.value, i)}`).join('；') || null,
  };
}

export const evaluationExport: ExportSpec<EvaluationExportRow> = {
  kind: 'indicators.evaluation',
  title: '监测评估表',
  entityType: 'indicator_evaluation',
  columns: [
    { key: 'outline', header: '纲要', width: 14 },
    { key: 'area', header: '领域', width: 18 },
    { key: 'code', header: '指标代码' },
    { key: 'name', header: '指标名称', width: 34 },
    { key: 'target', header: '目标', width: 22 },
    { key: 'responsible', header: '负责单位', width: 22 },
    { key: 'value', header: '本年值' },
    { key: 'numerator', header: '分子', format: 'integer' },
    { key: 'denominator', header: '分母', format: 'integer' },
    { key: 'basis', header: '数据来源', width: 22 },
    { key: 'previousValue', header: '上年值' },
    { key: 'status', header: '评估结果' },
    { key: 'breakdowns', header: '分组数据', width: 30 },
  ],
};

export type IndicatorsExcel = ReturnType<typeof createIndicatorsExcel>;

export function createIndicatorsExcel({ db, clock, indicators }: { db: Db; clock: Clock; indicators: IndicatorsService }) {
  const deps = { db, clock };

  /** The unit an import is filed under: the caller's first unit granting indicators.submit. */
  function homeUnit(actor: Actor) {
    requirePermission(actor, 'indicators.submit');
    return actor.grants.find((g) => permissionsOf(g.role).includes('indicators.submit'))!.orgUnitId;
  }

  return {
    /** The entry template; with year and region, prefilled with the caller's indicators that are still open (not submitted or approved). */
    async template(actor: Actor, q: { year?: number; regionOrgId?: string }, reply: FastifyReply) {
      requirePermission(actor, 'indicators.submit');
      const buf = await buildTemplate(valuesImport);
      let fileName = `${valuesImport.title}导入模板.xlsx`;
      if (q.year && q.regionOrgId) {
        const entry = await indicators.entry(actor, { year: q.year, regionOrgId: q.regionOrgId });
        const open = entry.rows.filter((r) => !r.current || r.current.status === 'draft' || r.current.status === 'returned');
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(buf as never);
        const ws = wb.getWorksheet('数据')!;
        if (open.length) ws.spliceRows(2, 1);
        for (const r of open) {
          const c = r.current;
          const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
          ws.addRow([
            r.indicator.code,
            r.indicator.name,
            entry.regionName,
            String(entry.year),
            INDICATOR_BREAKDOWN_LABELS[r.breakdown],
            text(c?.numerator),
            text(c?.denominator),
            c && c.numerator === null ? text(c.value) : '',
            c?.source ?? '',
            c?.note ?? '',
          ]);
        }
        fileName = `${entry.regionName}${entry.year}年两纲监测数据填报表.xlsx`;
        return reply
          .header('content-type', XLSX_MIME)
          .header('content-disposition', attachmentHeader(fileName))
          .send(Buffer.from(await wb.xlsx.writeBuffer()));
      }
      return reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentHeader(fileName)).send(buf);
    },

    async importValues(actor: Actor, source: UploadSource) {
      const submit = requirePermission(actor, 'indicators.submit');
      const home = homeUnit(actor);
      const regions = new Map<string, Region>();
      for (const r of await indicators.listRegions(actor)) {
        const unit = await indicators.loadRegion(r.id);
        if (!regions.has(r.name)) regions.set(r.name, { id: unit.id, name: unit.name, path: unit.path });
      }
      return startImport(deps, {
        actor,
        source,
        spec: valuesImport,
        targetKey: `values:${actor.userId}`,
        orgUnitId: home,
        entityType: 'indicator_value',
        context: { actor, submit, clock, regions, indicators: new Map(), db, seen: new Map() },
      });
    },

    async exportEvaluation(actor: Actor, q: { year: number; regionOrgId?: string; outline?: Outline }, reply: FastifyReply) {
      const evaluation = await indicators.evaluation(actor, q);
      async function* rows() {
        for (const r of evaluation.rows) yield evaluationExportRow(r);
      }
      const spec = { ...evaluationExport, title: `${evaluation.regionName}${evaluation.year}年监测评估表` };
      return sendExport(reply, deps, {
        actor,
        spec,
        rows: rows(),
        filters: { year: q.year, regionOrgId: evaluation.regionOrgId, outline: q.outline ?? null },
        orgUnitId: evaluation.regionOrgId,
      });
    },
  };
}
