import { ACTIVITY_TYPE_LABELS, type ActivityType, type ResourceCategory } from '@jinguo/domain';
import type { Clock } from '../../platform/clock.js';
import { cells, type ExportSpec, type ImportSpec } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { unitCell, type UnitLookup } from '../org/index.js';
import * as repo from './activities.repository.js';
import type { ActivityEventResourcesTable, ActivityEventsTable } from './activities.tables.js';

/** Import and export specs of the events list (the shared mechanism: platform/excel.ts). */

// ---------------------------------------------------------------- events list

export type EventImportRow = {
  type: ActivityType;
  title: string;
  startDate: string;
  endDate: string | null;
  ownerOrgId: string;
  venue: string | null;
  targetGroup: string | null;
  participantCount: number | null;
  unitsVisited: number | null;
  goodDeeds: number | null;
  performances: number | null;
  giftQty: number | null;
  giftFen: number | null;
  bookQty: number | null;
  bookFen: number | null;
  aidQty: number | null;
  aidFen: number | null;
  cashFen: number | null;
  letterQty: number | null;
  description: string | null;
};
export type EventImportContext = { units: UnitLookup; createdBy: string; clock: Clock };

const RESOURCE_COLUMNS: { category: ResourceCategory; qty?: keyof EventImportRow; fen?: keyof EventImportRow; item: string }[] = [
  { category: 'gift', qty: 'giftQty', fen: 'giftFen', item: '慰问品' },
  { category: 'book', qty: 'bookQty', fen: 'bookFen', item: '图书' },
  { category: 'teaching_aid', qty: 'aidQty', fen: 'aidFen', item: '教具' },
  { category: 'cash', fen: 'cashFen', item: '慰问金' },
  { category: 'letter', qty: 'letterQty', item: '慰问信' },
];

export function eventsImport(units: UnitLookup): ImportSpec<EventImportRow, EventImportContext> {
  const count = cells.integer({ min: 0, max: 10_000_000 });
  const yuan = cells.yuan({ max: 100_000_000 });
  return {
    kind: 'activities.events',
    title: '活动登记表',
    columns: [
      {
        key: 'type',
        header: '活动类型',
        required: true,
        example: '六一节活动',
        note: `可填：${Object.values(ACTIVITY_TYPE_LABELS).join('、')}`,
        parse: cells.oneOf(ACTIVITY_TYPE_LABELS),
      },
      { key: 'title', header: '活动名称', required: true, example: '“六一”慰问辖区学校', parse: cells.text(100) },
      { key: 'startDate', header: '开始日期', required: true, example: '2026-06-01', parse: cells.date() },
      { key: 'endDate', header: '结束日期', example: '', parse: cells.date() },
      {
        key: 'ownerOrgId',
        header: '主办单位',
        required: true,
        example: '牛佛镇',
        note: '单位全称或代码，须在您的工作范围内',
        parse: unitCell(units),
      },
      { key: 'venue', header: '地点', example: '牛佛镇中心学校', parse: cells.text(100) },
      { key: 'targetGroup', header: '活动对象', example: '辖区中小学生', parse: cells.text(100) },
      { key: 'participantCount', header: '参加人数', example: '120', parse: count },
      { key: 'unitsVisited', header: '走访学校幼儿园数', example: '2', parse: count },
      { key: 'goodDeeds', header: '为儿童办实事件数', example: '1', parse: count },
      { key: 'performances', header: '演出场次', example: '1', parse: count },
      { key: 'giftQty', header: '慰问品件数', example: '20', parse: count },
      { key: 'giftFen', header: '慰问品价值（元）', example: '400', parse: yuan },
      { key: 'bookQty', header: '图书册数', example: '10', parse: count },
      { key: 'bookFen', header: '图书价值（元）', example: '120', parse: yuan },
      { key: 'aidQty', header: '教具件数', example: '', parse: count },
      { key: 'aidFen', header: '教具价值（元）', example: '', parse: yuan },
      { key: 'cashFen', header: '慰问金（元）', example: '200', parse: yuan },
      { key: 'letterQty', header: '慰问信封数', example: '', parse: count },
      { key: 'description', header: '活动内容', example: '', parse: cells.text(4000) },
    ],
    notes: [
      '每行一项活动；一个活动在多个单位分别开展时，每个单位填一行，汇总时自动相加。',
      '物资栏目填写后生成该活动的物资明细（慰问品、图书、教具、慰问金、慰问信）。',
    ],
    validateRow(v) {
      const problems: { column: string; message: string }[] = [];
      if (v.endDate && v.endDate < v.startDate) problems.push({ column: 'endDate', message: '结束日期不能早于开始日期' });
      for (const c of RESOURCE_COLUMNS) {
        if (c.qty && c.fen && v[c.fen] != null && v[c.qty] == null)
          problems.push({ column: c.qty, message: `填写了${c.item}价值，须同时填写数量` });
      }
      return problems;
    },
    async commit(trx, rows, ctx) {
      const at = ctx.clock.now().toISOString();
      let resources = 0;
      for (const { values: v } of rows) {
        const id = newId();
        const event: ActivityEventsTable = {
          id,
          ownerOrgId: v.ownerOrgId,
          type: v.type,
          title: v.title,
          startDate: v.startDate,
          endDate: v.endDate,
          partnerUnits: '[]',
          venue: v.venue,
          targetGroup: v.targetGroup,
          participantMode: 'count',
          participantCount: v.participantCount ?? 0,
          groupCounts: '{}',
          unitsVisited: v.unitsVisited ?? 0,
          visitedUnitNames: '[]',
          goodDeeds: v.goodDeeds ?? 0,
          performances: v.performances ?? 0,
          associationId: null,
          description: v.description,
          createdBy: ctx.createdBy,
          createdAt: at,
          updatedAt: at,
        };
        await repo.insertEvent(trx, event);
        const lines: ActivityEventResourcesTable[] = [];
        for (const c of RESOURCE_COLUMNS) {
          const qty = c.qty ? ((v[c.qty] as number | null) ?? 0) : null;
          const fen = c.fen ? ((v[c.fen] as number | null) ?? 0) : 0;
          if (!qty && !fen) continue;
          // Cash has no count of its own: one line per event carries the amount.
          lines.push({
            id: newId(),
            eventId: id,
            ownerOrgId: v.ownerOrgId,
            category: c.category,
            item: c.item,
            quantity: qty ?? 1,
            valueFen: fen,
            note: null,
            sortOrder: lines.length,
          });
        }
        if (lines.length) await repo.replaceResources(trx, id, lines);
        resources += lines.length;
      }
      return { created: rows.length, resourceLines: resources };
    },
  };
}

export type EventExportRow = Awaited<ReturnType<typeof repo.listEventsAfter>>[number];
export const eventsExport: ExportSpec<EventExportRow> = {
  kind: 'activities.events',
  title: '活动登记表',
  entityType: 'activity_event',
  columns: [
    { key: 'type', header: '活动类型', value: (r) => ACTIVITY_TYPE_LABELS[r.type] },
    { key: 'title', header: '活动名称', width: 30 },
    { key: 'startDate', header: '开始日期', format: 'date' },
    { key: 'endDate', header: '结束日期', format: 'date' },
    { key: 'ownerOrgName', header: '主办单位', width: 20 },
    { key: 'venue', header: '地点', width: 20 },
    { key: 'targetGroup', header: '活动对象' },
    { key: 'participantCount', header: '参加人数', format: 'integer' },
    { key: 'unitsVisited', header: '走访学校幼儿园数', format: 'integer' },
    { key: 'goodDeeds', header: '为儿童办实事件数', format: 'integer' },
    { key: 'performances', header: '演出场次', format: 'integer' },
    { key: 'resourceQuantity', header: '物资数量合计', format: 'integer' },
    { key: 'resourceValueFen', header: '物资价值合计（元）', format: 'fen' },
    { key: 'description', header: '活动内容', width: 40 },
  ],
};
