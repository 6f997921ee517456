import { APPLICATION_STATUS_LABELS, incomePerHeadFen, type ApplicationStatus } from '@jinguo/domain';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { ConflictError } from '../../platform/errors.js';
import { keysetRows, sendExport, startImport, type ExportSpec, type UploadSource } from '../../platform/excel.js';
import type { FastifyReply } from 'fastify';
import { newId } from '../../platform/ids.js';
import { screeningImport, type ScreeningContext } from './relief.import.js';
import * as repo from './relief.repository.js';
import type { ReliefContext } from './relief.context.js';
import { parseTags } from './relief.present.js';

/** The screening import into a programme and the screening list as Excel. */
export function createReliefExcelService(ctx: ReliefContext) {
  const { db, clock, cipher, today, programmeFor } = ctx;
  return {
    // ---------- import / export ----------

    /** Starts the screening import into a programme (the platform's all-or-nothing, idempotent import). */
    async importScreening(actor: Actor, programmeId: string, source: UploadSource) {
      const scope = requirePermission(actor, 'relief.write');
      const programme = await programmeFor(scope, programmeId, '');
      if (!programme.active) throw new ConflictError('该项目已停用');
      const context: ScreeningContext = { db, cipher, clock, actor, scope, programme, today: today(), batch: newId() };
      return startImport(
        { db, clock },
        {
          actor,
          source,
          spec: screeningImport,
          targetKey: programme.id,
          orgUnitId: programme.ownerOrgId,
          entityType: 'relief_programme',
          entityId: programme.id,
          context,
        },
      );
    },

    /** The screening list as Excel, with the list's filters and scope (ID numbers masked). */
    async exportApplications(
      actor: Actor,
      q: { programmeId?: string; townshipId?: string; status?: ApplicationStatus; eligible?: 'true' | 'false'; q?: string; year?: number },
      reply: FastifyReply,
    ) {
      const scope = requirePermission(actor, 'relief.read');
      const f = { ...q, eligible: q.eligible === undefined ? undefined : q.eligible === 'true', text: q.q };
      const rows = keysetRows((afterId, limit) => repo.applicationsForExport(db, scope, f, afterId, limit));
      return sendExport(reply, { db, clock }, { actor, spec: screeningExport, rows, filters: q });
    },
  };
}

type ExportRow = Awaited<ReturnType<typeof repo.applicationsForExport>>[number];
const screeningExport: ExportSpec<ExportRow> = {
  kind: 'relief.applications',
  title: '摸底调查名单',
  entityType: 'relief_application',
  columns: [
    { key: 'programmeName', header: '项目' },
    { key: 'townshipName', header: '乡镇（街道）' },
    { key: 'villageName', header: '村（社区）' },
    { key: 'name', header: '姓名' },
    { key: 'idNumberMasked', header: '身份证号', width: 22 },
    { key: 'phoneMasked', header: '联系电话' },
    { key: 'householdMembers', header: '家庭人口', format: 'integer' },
    { key: 'householdIncomeFen', header: '家庭年收入（元）', format: 'fen' },
    {
      key: 'id',
      header: '家庭年人均收入（元）',
      format: 'fen',
      value: (r) => incomePerHeadFen(Number(r.householdIncomeFen), Number(r.householdMembers)),
    },
    { key: 'tags', header: '困难情形', value: (r) => parseTags(r.tags).join('、') },
    { key: 'status', header: '状态', value: (r) => APPLICATION_STATUS_LABELS[r.status] },
    { key: 'eligible', header: '是否符合条件', value: (r) => (r.eligible === 1 ? '符合' : r.overrideReason ? '人工认定' : '不符合') },
    { key: 'appliedOn', header: '登记日期', format: 'date' },
  ],
};
