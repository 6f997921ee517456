import { maskPhone, PARTICIPANT_GROUP_LABELS, PARTICIPANT_KIND_LABELS, type ParticipantGroup, type ParticipantKind } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { cells, type ExportSpec, type ImportSpec } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import * as repo from './activities.repository.js';

/** Import and export specs of an event's roster (the shared mechanism: platform/excel.ts). */

// ---------------------------------------------------------------- event roster

export type ParticipantImportRow = {
  kind: ParticipantKind | null;
  name: string;
  gender: 'female' | 'male' | null;
  unitName: string | null;
  group: ParticipantGroup | null;
  phone: string | null;
};
export type ParticipantImportContext = { eventId: string; ownerOrgId: string; cipher: FieldCipher; clock: Clock };

/** Updates an event in roster mode from its roster: the count and the counts by group come from the rows. */
export async function syncRosterFigures(trx: Executor, eventId: string, at: string) {
  const counts = await repo.rosterCounts(trx, eventId);
  await repo.updateEvent(trx, eventId, {
    participantMode: 'roster',
    participantCount: counts.total,
    groupCounts: JSON.stringify(counts.groups),
    updatedAt: at,
  });
  return counts;
}

export const participantsImport: ImportSpec<ParticipantImportRow, ParticipantImportContext> = {
  kind: 'activities.participants',
  title: '活动参与名单',
  columns: [
    { key: 'kind', header: '类型', example: '个人', note: '个人 或 单位；不填为个人', parse: cells.oneOf(PARTICIPANT_KIND_LABELS) },
    { key: 'name', header: '姓名或单位名称', required: true, example: '张秀英', parse: cells.text(100) },
    { key: 'gender', header: '性别', example: '女', parse: cells.oneOf({ female: '女', male: '男' }) },
    { key: 'unitName', header: '所在单位', example: '牛佛镇妇联', parse: cells.text(100) },
    {
      key: 'group',
      header: '人员类别',
      example: '妇女群众',
      note: `可填：${Object.values(PARTICIPANT_GROUP_LABELS).join('、')}`,
      parse: cells.oneOf(PARTICIPANT_GROUP_LABELS),
    },
    { key: 'phone', header: '联系电话', example: '13800138000', note: '选填；加密保存，列表和导出中隐去中间位', parse: cells.phone() },
  ],
  notes: ['导入后活动的参加人数按名单人数计算（“名单”方式），各类人数按“人员类别”统计。'],
  async commit(trx, rows, ctx) {
    const at = ctx.clock.now().toISOString();
    // Built and written 500 at a time, so a 100,000-row roster never exists twice in memory.
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500).map(({ values: v }) => ({
        id: newId(),
        eventId: ctx.eventId,
        ownerOrgId: ctx.ownerOrgId,
        kind: v.kind ?? 'person',
        name: v.name,
        gender: v.gender,
        unitName: v.unitName,
        participantGroup: v.group,
        phoneEnc: v.phone ? ctx.cipher.encrypt(v.phone) : null,
        phoneMasked: maskPhone(v.phone),
        createdAt: at,
      }));
      await repo.insertParticipants(trx, chunk);
    }
    const counts = await syncRosterFigures(trx, ctx.eventId, at);
    return { created: rows.length, rosterTotal: counts.total };
  },
};

export type ParticipantExportRow = Awaited<ReturnType<typeof repo.listParticipantsAfter>>[number] & { phone?: string | null };
export function participantsExport(cipher: FieldCipher): ExportSpec<ParticipantExportRow> {
  return {
    kind: 'activities.participants',
    title: '活动参与名单',
    entityType: 'activity_event',
    revealPermission: 'people.reveal',
    columns: [
      { key: 'kind', header: '类型', value: (r) => PARTICIPANT_KIND_LABELS[r.kind] },
      { key: 'name', header: '姓名或单位名称', width: 20 },
      { key: 'gender', header: '性别', value: (r) => (r.gender ? (r.gender === 'female' ? '女' : '男') : null) },
      { key: 'unitName', header: '所在单位', width: 20 },
      {
        key: 'participantGroup',
        header: '人员类别',
        value: (r) => (r.participantGroup ? PARTICIPANT_GROUP_LABELS[r.participantGroup] : null),
      },
      // Decrypted only to be masked again unless the caller may reveal (the mechanism decides).
      { key: 'phoneEnc', header: '联系电话', width: 16, value: (r) => (r.phoneEnc ? cipher.decrypt(r.phoneEnc) : null), mask: maskPhone },
    ],
  };
}
