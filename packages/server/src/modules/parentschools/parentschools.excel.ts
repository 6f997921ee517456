import {
  ORDER_STATUS_LABELS,
  orderAmountFen,
  orderProblems,
  orderStatus,
  SITE_KIND_LABELS,
  siteOpenOn,
  type SiteKind,
} from '@jinguo/domain';
import type { Clock } from '../../platform/clock.js';
import { cells, ImportRejected, type CellParser, type ExportSpec, type ImportSpec } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import * as repo from './parentschools.repository.js';
import { unitCell, type UnitLookup } from '../org/index.js';

/** Excel templates, imports and exports of the parent-school lists (the shared mechanism: platform/excel.ts). */

type SiteRef = { id: string; ownerOrgId: string; establishedOn: string; closedOn: string | null };
/** Sites the caller may write for, by name ("ambiguous" when two units use the same name). */
export type SiteLookup = Map<string, SiteRef | 'ambiguous'>;

export function siteLookup(rows: (SiteRef & { name: string })[]): SiteLookup {
  const map: SiteLookup = new Map();
  for (const r of rows) map.set(r.name, map.has(r.name) ? 'ambiguous' : r);
  return map;
}
function siteCell(sites: SiteLookup): CellParser<SiteRef> {
  return (t) => {
    const s = sites.get(t);
    if (!s) return { error: '家长学校不存在或不在您的工作范围内' };
    if (s === 'ambiguous') return { error: '有多所同名家长学校，请在系统中逐条登记' };
    return { value: s };
  };
}

// ---------------------------------------------------------------- sites

export type SiteImportRow = {
  name: string;
  kind: SiteKind;
  hostName: string;
  ownerOrgId: string | null;
  establishedOn: string;
  principal: string | null;
  note: string | null;
};
type SiteCtx = { homeOrgId: string; createdBy: string; clock: Clock; seen: Map<string, number> };

export function sitesImport(units: UnitLookup): ImportSpec<SiteImportRow, SiteCtx> {
  return {
    kind: 'parentschools.sites',
    title: '家长学校名册',
    columns: [
      { key: 'name', header: '家长学校名称', required: true, example: '春华社区家长学校', parse: cells.text(100) },
      {
        key: 'kind',
        header: '办学类型',
        required: true,
        example: '社区',
        note: `可填：${Object.values(SITE_KIND_LABELS).join('、')}`,
        parse: cells.oneOf(SITE_KIND_LABELS),
      },
      { key: 'hostName', header: '举办单位', required: true, example: '春华社区居委会', parse: cells.text(100) },
      { key: 'ownerOrgId', header: '所属妇联', example: '东城街道', note: '不填为导入人所在单位', parse: unitCell(units) },
      { key: 'establishedOn', header: '成立日期', required: true, example: '2026-03-01', parse: cells.date() },
      { key: 'principal', header: '负责人', example: '孙红梅', parse: cells.text(50) },
      { key: 'note', header: '备注', example: '', parse: cells.text(500) },
    ],
    validateRow(v, ctx, rowNumber) {
      const key = `${v.ownerOrgId ?? ctx.homeOrgId}|${v.name}`;
      const earlier = ctx.seen.get(key);
      if (earlier) return [{ column: 'name', message: `与第${earlier}行重复` }];
      ctx.seen.set(key, rowNumber);
      return [];
    },
    async commit(trx, rows, ctx) {
      const at = ctx.clock.now().toISOString();
      const refused: { row: number; column: string; message: string }[] = [];
      for (const { rowNumber, values: v } of rows)
        if (await repo.findSiteByName(trx, v.ownerOrgId ?? ctx.homeOrgId, v.name))
          refused.push({ row: rowNumber, column: '家长学校名称', message: '该单位已有同名家长学校' });
      if (refused.length) throw new ImportRejected(refused);
      await repo.insertSites(
        trx,
        rows.map(({ values: v }) => ({
          id: newId(),
          ownerOrgId: v.ownerOrgId ?? ctx.homeOrgId,
          name: v.name,
          kind: v.kind,
          hostOrgId: null,
          hostName: v.hostName,
          establishedOn: v.establishedOn,
          closedOn: null,
          principal: v.principal,
          note: v.note,
          createdBy: ctx.createdBy,
          createdAt: at,
          updatedAt: at,
        })),
      );
      return { created: rows.length };
    },
  };
}

export type SiteExportRow = Awaited<ReturnType<typeof repo.listSitesAfter>>[number];
export const sitesExport: ExportSpec<SiteExportRow> = {
  kind: 'parentschools.sites',
  title: '家长学校名册',
  entityType: 'parent_school_site',
  columns: [
    { key: 'name', header: '家长学校名称', width: 24 },
    { key: 'kind', header: '办学类型', value: (r) => SITE_KIND_LABELS[r.kind] },
    { key: 'hostName', header: '举办单位', width: 20, value: (r) => r.hostOrgName ?? r.hostName },
    { key: 'ownerOrgName', header: '所属妇联', width: 14 },
    { key: 'establishedOn', header: '成立日期', format: 'date' },
    { key: 'closedOn', header: '停办日期', format: 'date' },
    { key: 'principal', header: '负责人' },
    { key: 'classes', header: '本年授课次数', format: 'integer' },
    { key: 'attendance', header: '本年参训家长人次', format: 'integer' },
  ],
};

// ---------------------------------------------------------------- classes

export type ClassImportRow = {
  site: SiteRef;
  heldOn: string;
  topic: string;
  teacherName: string;
  hours: number;
  attendance: number;
  note: string | null;
};
type ClassCtx = { createdBy: string; clock: Clock };

const hoursCell: CellParser<number> = (t) => {
  const n = Number(t);
  if (!Number.isFinite(n) || n < 0.5 || n > 24 || Math.round(n * 2) !== n * 2) return { error: '应为0.5至24之间、以0.5为单位的数' };
  return { value: n };
};

export function classesImport(sites: SiteLookup): ImportSpec<ClassImportRow, ClassCtx> {
  return {
    kind: 'parentschools.classes',
    title: '家长学校授课记录',
    columns: [
      { key: 'site', header: '家长学校', required: true, example: '春华社区家长学校', parse: siteCell(sites) },
      { key: 'heldOn', header: '授课日期', required: true, example: '2026-05-16', parse: cells.date() },
      { key: 'topic', header: '授课主题', required: true, example: '如何与青春期孩子沟通', parse: cells.text(100) },
      { key: 'teacherName', header: '授课人', required: true, example: '李老师', parse: cells.text(50) },
      { key: 'hours', header: '课时', required: true, example: '1.5', parse: hoursCell },
      { key: 'attendance', header: '到课家长人数', required: true, example: '42', parse: cells.integer({ min: 0, max: 100000 }) },
      { key: 'note', header: '备注', example: '', parse: cells.text(500) },
    ],
    validateRow: (v) => (siteOpenOn(v.site, v.heldOn) ? [] : [{ column: 'heldOn', message: '授课日期不在该家长学校开办期间' }]),
    async commit(trx, rows, ctx) {
      const at = ctx.clock.now().toISOString();
      await repo.insertClasses(
        trx,
        rows.map(({ values: v }) => ({
          id: newId(),
          siteId: v.site.id,
          ownerOrgId: v.site.ownerOrgId,
          heldOn: v.heldOn,
          topic: v.topic,
          teacherId: null,
          teacherName: v.teacherName,
          hours: v.hours,
          attendance: v.attendance,
          trainingSessionId: null,
          note: v.note,
          createdBy: ctx.createdBy,
          createdAt: at,
          updatedAt: at,
        })),
      );
      return { created: rows.length };
    },
  };
}

export type ClassExportRow = Awaited<ReturnType<typeof repo.listClassesAfter>>[number];
export const classesExport: ExportSpec<ClassExportRow> = {
  kind: 'parentschools.classes',
  title: '家长学校授课记录',
  entityType: 'parent_school_class',
  columns: [
    { key: 'siteName', header: '家长学校', width: 24 },
    { key: 'heldOn', header: '授课日期', format: 'date' },
    { key: 'topic', header: '授课主题', width: 24 },
    { key: 'teacherName', header: '授课人' },
    { key: 'hours', header: '课时' },
    { key: 'attendance', header: '到课家长人数', format: 'integer' },
    { key: 'courseTitle', header: '所属培训班', width: 24 },
  ],
};

// ---------------------------------------------------------------- the yearly textbook order

export type OrderImportRow = {
  site: SiteRef;
  title: string;
  quantity: number;
  orderedOn: string;
  collectedFen: number | null;
  paidFen: number | null;
  note: string | null;
};
type OrderCtx = { year: number; createdBy: string; clock: Clock; seen: Map<string, number> };

/** One sheet per year: each row a site's order of one title; the title must be in the catalogue (its price is taken from there). */
export function ordersImport(sites: SiteLookup): ImportSpec<OrderImportRow, OrderCtx> {
  return {
    kind: 'parentschools.orders',
    title: '家长学校教材征订表',
    notes: ['教材须先在系统的教材目录中登记，单价取自目录；一所家长学校同一年度同一教材只登记一行。'],
    columns: [
      { key: 'site', header: '家长学校', required: true, example: '春华社区家长学校', parse: siteCell(sites) },
      { key: 'title', header: '教材名称', required: true, example: '家庭教育读本（小学版）', parse: cells.text(100) },
      { key: 'quantity', header: '征订册数', required: true, example: '60', parse: cells.integer({ min: 1, max: 1_000_000 }) },
      { key: 'orderedOn', header: '征订日期', required: true, example: '2026-03-10', parse: cells.date() },
      { key: 'collectedFen', header: '已收金额（元）', example: '600', parse: cells.yuan() },
      { key: 'paidFen', header: '已付金额（元）', example: '0', parse: cells.yuan() },
      { key: 'note', header: '备注', example: '', parse: cells.text(500) },
    ],
    validateRow(v, ctx, rowNumber) {
      const key = `${v.site.id}|${v.title}`;
      const earlier = ctx.seen.get(key);
      if (earlier) return [{ column: 'title', message: `与第${earlier}行重复（同一家长学校同一教材）` }];
      ctx.seen.set(key, rowNumber);
      return [];
    },
    async commit(trx, rows, ctx) {
      const at = ctx.clock.now().toISOString();
      const refused: { row: number; column: string; message: string }[] = [];
      const out = [];
      for (const { rowNumber, values: v } of rows) {
        const book = await repo.findTextbookByTitle(trx, v.title);
        if (!book) {
          refused.push({ row: rowNumber, column: '教材名称', message: '教材目录中没有该教材' });
          continue;
        }
        if (await repo.findOrderLine(trx, ctx.year, v.site.id, book.id)) {
          refused.push({ row: rowNumber, column: '教材名称', message: `该家长学校${ctx.year}年度已征订该教材` });
          continue;
        }
        const price = Number(book.unitPriceFen);
        const row = { quantity: v.quantity, unitPriceFen: price, collectedFen: v.collectedFen ?? 0, paidFen: v.paidFen ?? 0 };
        for (const p of orderProblems({ ...row, deliveredQty: 0, deliveredOn: null, orderedOn: v.orderedOn }))
          refused.push({ row: rowNumber, column: p.path === 'collectedFen' ? '已收金额（元）' : '已付金额（元）', message: p.message });
        out.push({
          id: newId(),
          ownerOrgId: v.site.ownerOrgId,
          year: ctx.year,
          siteId: v.site.id,
          textbookId: book.id,
          ...row,
          orderedOn: v.orderedOn,
          deliveredQty: 0,
          deliveredOn: null,
          note: v.note,
          createdBy: ctx.createdBy,
          createdAt: at,
          updatedAt: at,
        });
      }
      if (refused.length) throw new ImportRejected(refused);
      await repo.insertOrders(trx, out);
      return { created: rows.length };
    },
  };
}

/** Amount and status are computed per row (the order keeps quantity and price). */
export type OrderExportRow = Awaited<ReturnType<typeof repo.listOrdersAfter>>[number] & { amountFen?: number; status?: string };
export const ordersExport: ExportSpec<OrderExportRow> = {
  kind: 'parentschools.orders',
  title: '家长学校教材征订表',
  entityType: 'parent_school_order',
  columns: [
    { key: 'year', header: '年度', format: 'integer' },
    { key: 'siteName', header: '家长学校', width: 24 },
    { key: 'ownerOrgName', header: '所属妇联', width: 14 },
    { key: 'title', header: '教材名称', width: 24 },
    { key: 'unitPriceFen', header: '单价（元）', format: 'fen' },
    { key: 'quantity', header: '征订册数', format: 'integer' },
    { key: 'amountFen', header: '应收金额（元）', format: 'fen', value: (r) => orderAmountFen(Number(r.quantity), Number(r.unitPriceFen)) },
    { key: 'collectedFen', header: '已收金额（元）', format: 'fen' },
    { key: 'paidFen', header: '已付金额（元）', format: 'fen' },
    { key: 'orderedOn', header: '征订日期', format: 'date' },
    { key: 'deliveredQty', header: '到货册数', format: 'integer' },
    { key: 'deliveredOn', header: '到货日期', format: 'date' },
    { key: 'status', header: '状态', value: (r) => ORDER_STATUS_LABELS[orderStatus(Number(r.quantity), Number(r.deliveredQty))] },
  ],
};
