import { PUBLICITY_LEVEL_LABELS, PUBLICITY_MEDIUM_LABELS, type PublicityLevel, type PublicityMedium } from '@jinguo/domain';
import type { Clock } from '../../platform/clock.js';
import { cells, type ExportSpec, type ImportSpec } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { unitCell, type UnitLookup } from '../org/index.js';
import * as repo from './activities.repository.js';

/** Import and export specs of publicity (the shared mechanism: platform/excel.ts). */

// ---------------------------------------------------------------- publicity

export type PublicityImportRow = {
  outlet: string;
  medium: PublicityMedium;
  level: PublicityLevel;
  title: string;
  publishedOn: string;
  link: string | null;
  ownerOrgId: string;
};
export function publicityImport(units: UnitLookup): ImportSpec<PublicityImportRow, { createdBy: string; clock: Clock }> {
  return {
    kind: 'activities.publicity',
    title: '宣传报道登记表',
    columns: [
      { key: 'outlet', header: '媒体名称', required: true, example: '四川妇女', parse: cells.text(100) },
      {
        key: 'medium',
        header: '媒体类型',
        required: true,
        example: '杂志',
        note: `可填：${Object.values(PUBLICITY_MEDIUM_LABELS).join('、')}`,
        parse: cells.oneOf(PUBLICITY_MEDIUM_LABELS),
      },
      {
        key: 'level',
        header: '级别',
        required: true,
        example: '省级',
        note: `可填：${Object.values(PUBLICITY_LEVEL_LABELS).join('、')}`,
        parse: cells.oneOf(PUBLICITY_LEVEL_LABELS),
      },
      { key: 'title', header: '标题', required: true, example: '示例区妇联开展“美丽三八”系列活动', parse: cells.text(200) },
      { key: 'publishedOn', header: '发布日期', required: true, example: '2026-03-10', parse: cells.date() },
      {
        key: 'link',
        header: '链接',
        example: '',
        parse: (t) => (/^https?:\/\/\S+$/i.test(t) && t.length <= 500 ? { value: t } : { error: '链接须以 http:// 或 https:// 开头' }),
      },
      { key: 'ownerOrgId', header: '报送单位', required: true, example: '示例区妇联', parse: unitCell(units) },
    ],
    async commit(trx, rows, ctx) {
      const at = ctx.clock.now().toISOString();
      for (const { values: v } of rows)
        await repo.insertPublicity(trx, { id: newId(), ...v, eventId: null, createdBy: ctx.createdBy, createdAt: at, updatedAt: at });
      return { created: rows.length };
    },
  };
}

export type PublicityExportRow = Awaited<ReturnType<typeof repo.listPublicityAfter>>[number];
export const publicityExport: ExportSpec<PublicityExportRow> = {
  kind: 'activities.publicity',
  title: '宣传报道登记表',
  entityType: 'activity_publicity',
  columns: [
    { key: 'outlet', header: '媒体名称', width: 18 },
    { key: 'medium', header: '媒体类型', value: (r) => PUBLICITY_MEDIUM_LABELS[r.medium] },
    { key: 'level', header: '级别', value: (r) => PUBLICITY_LEVEL_LABELS[r.level] },
    { key: 'title', header: '标题', width: 40 },
    { key: 'publishedOn', header: '发布日期', format: 'date' },
    { key: 'link', header: '链接', width: 30 },
    { key: 'ownerOrgName', header: '报送单位', width: 18 },
  ],
};
