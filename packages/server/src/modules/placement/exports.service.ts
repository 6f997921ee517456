import type { FastifyReply } from 'fastify';
import {
  addExportMembersSchema,
  addMonths,
  createExportBatchSchema,
  FOLLOW_UP_MONTHS,
  followUpPlan,
  recordFollowUpSchema,
  shanghaiDate,
  updateExportMemberSchema,
  type CreateExportBatch,
  type ExportBatchDetail,
  type RecordFollowUp,
} from '@jinguo/domain';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, fieldError, NotFoundError } from '../../platform/errors.js';
import { sendExport } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import * as employers from './employers.repository.js';
import { presentBatch, unitInScope } from './placement.common.js';
import { exportMembersExport } from './placement.excel.js';
import * as repo from './referrals.repository.js';
import * as seekers from './seekers.repository.js';
import { validate } from '../../platform/validate.js';

export type ExportsService = ReturnType<typeof createExportsService>;

/** Follow-ups due (checkpoint passed, not recorded) in a batch: departed members × checkpoints passed − recorded. */
function dueCount(departureDate: string, departed: number, done: number, today: string) {
  const passed = FOLLOW_UP_MONTHS.filter((m) => addMonths(departureDate, m) <= today).length;
  return Math.max(0, departed * passed - done);
}

/** 劳务输出: batches to a destination and an employer, the women in them with travel support, follow-ups after 1, 3, 6 months. */
export function createExportsService({ db, clock }: { db: Db; clock: Clock }) {
  const today = () => shanghaiDate(clock.now());

  async function loadBatch(actor: Actor, id: string, permission: 'placement.read' | 'placement.write') {
    const scope = requirePermission(actor, permission);
    const b = await repo.findBatch(db, id);
    if (!b || !pathInScope(scope, b.ownerOrgPath)) throw new NotFoundError('劳务输出批次');
    return { b, scope };
  }

  async function detail(id: string): Promise<ExportBatchDetail> {
    const b = (await repo.findBatch(db, id))!;
    const members = await repo.listMembers(db, id);
    const followUps = await repo.listFollowUps(db, id);
    const now = today();
    return {
      ...presentBatch(b, dueCount(b.departureDate, Number(b.departed), Number(b.followUpsDone), now)),
      members: members.map((m) => ({
        id: m.id,
        seekerId: m.seekerId,
        name: m.name,
        phoneMasked: m.phoneMasked,
        status: m.status,
        supportFen: Number(m.supportFen),
        followUps:
          m.status === 'departed'
            ? followUpPlan(
                b.departureDate,
                followUps
                  .filter((f) => f.memberId === m.id)
                  .map((f) => ({
                    months: Number(f.months),
                    doneOn: f.doneOn,
                    result: f.result,
                    monthlyWageFen: f.monthlyWageFen == null ? null : Number(f.monthlyWageFen),
                    note: f.note,
                  })),
                now,
              )
            : [],
      })),
    };
  }

  return {
    async listBatches(actor: Actor, year: number | undefined) {
      const rows = await repo.listBatches(db, requirePermission(actor, 'placement.read'), year);
      const now = today();
      return rows.map((b) => presentBatch(b, dueCount(b.departureDate, Number(b.departed), Number(b.followUpsDone), now)));
    },
    async getBatch(actor: Actor, id: string) {
      await loadBatch(actor, id, 'placement.read');
      return detail(id);
    },

    async createBatch(actor: Actor, body: CreateExportBatch) {
      const scope = requirePermission(actor, 'placement.write');
      const v = validate(createExportBatchSchema, body);
      await unitInScope(db, scope, v.ownerOrgId, 'ownerOrgId', '组织单位');
      const employer = await employers.findEmployer(db, v.employerId);
      if (!employer || !pathInScope(scope, employer.ownerOrgPath)) throw fieldError('employerId', '用人单位不存在或不在您的工作范围内');
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertBatch(trx, {
          id,
          ownerOrgId: v.ownerOrgId,
          title: v.title,
          destination: v.destination,
          employerId: v.employerId,
          departureDate: v.departureDate,
          supportPerPersonFen: v.supportPerPersonFen,
          note: v.note ?? null,
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'placement_export_batch',
          entityId: id,
          orgUnitId: v.ownerOrgId,
          detail: { after: { title: v.title, destination: v.destination, departureDate: v.departureDate } },
        });
      });
      return detail(id);
    },

    /** Adds women (registered seekers in scope) to a batch: they leave with it and count as employed from its departure. */
    async addMembers(actor: Actor, id: string, body: z.input<typeof addExportMembersSchema>) {
      const { b, scope } = await loadBatch(actor, id, 'placement.write');
      const v = validate(addExportMembersSchema, body);
      const ids = [...new Set(v.seekerIds)];
      const found = await seekers.findSeekersByIds(db, ids);
      for (const [i, sid] of ids.entries()) {
        const s = found.find((x) => x.id === sid);
        if (!s || !pathInScope(scope, s.ownerOrgPath)) throw fieldError(`seekerIds.${i}`, '求职人员不存在或不在您的工作范围内');
        if (s.status === 'withdrawn') throw fieldError(`seekerIds.${i}`, `${s.name}已退出求职`);
      }
      if ((await repo.membersOfSeekers(db, id, ids)).length) throw new ConflictError('所选人员中有人已在本批次名单中');
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertMembers(
          trx,
          found.map((s) => ({
            id: newId(),
            batchId: id,
            seekerId: s.id,
            ownerOrgId: s.ownerOrgId,
            status: 'departed' as const,
            supportFen: v.supportFen ?? Number(b.supportPerPersonFen),
            createdAt: at,
            updatedAt: at,
          })),
        );
        for (const s of found)
          if (s.status === 'seeking')
            await seekers.updateSeeker(trx, s.id, { status: 'employed', statusDate: b.departureDate, updatedAt: at });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'member.add',
          entityType: 'placement_export_batch',
          entityId: id,
          orgUnitId: b.ownerOrgId,
          detail: { seekerIds: ids },
        });
      });
      return detail(id);
    },

    /** A member who did not go (未成行) stops counting; travel support can be corrected. */
    async updateMember(actor: Actor, id: string, memberId: string, body: z.input<typeof updateExportMemberSchema>) {
      const { b } = await loadBatch(actor, id, 'placement.write');
      const v = validate(updateExportMemberSchema, body);
      const m = await repo.findMember(db, id, memberId);
      if (!m) throw new NotFoundError('输出人员');
      await db.transaction().execute(async (trx) => {
        await repo.updateMember(trx, memberId, {
          status: v.status,
          ...(v.supportFen !== undefined ? { supportFen: v.supportFen } : {}),
          updatedAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'member.update',
          entityType: 'placement_export_batch',
          entityId: id,
          orgUnitId: b.ownerOrgId,
          detail: { memberId, before: { status: m.status, supportFen: Number(m.supportFen) }, after: v },
        });
      });
      return detail(id);
    },

    /** Records the 1-, 3- or 6-month follow-up of a member: working, changed job, returned home, or lost contact. */
    async recordFollowUp(actor: Actor, id: string, memberId: string, body: RecordFollowUp) {
      const { b } = await loadBatch(actor, id, 'placement.write');
      const v = validate(recordFollowUpSchema, body);
      const m = await repo.findMember(db, id, memberId);
      if (!m) throw new NotFoundError('输出人员');
      if (m.status !== 'departed') throw new ConflictError('该人员未成行，无需回访');
      if (v.doneOn < b.departureDate) throw fieldError('doneOn', '回访日期不能早于出发日期');
      if (await repo.findFollowUp(db, memberId, v.months)) throw new ConflictError(`${v.months}个月回访已登记`);
      await db.transaction().execute(async (trx) => {
        await repo.insertFollowUps(trx, [
          {
            id: newId(),
            memberId,
            batchId: id,
            ownerOrgId: m.ownerOrgId,
            months: v.months,
            doneOn: v.doneOn,
            result: v.result,
            monthlyWageFen: v.monthlyWageFen ?? null,
            note: v.note ?? null,
            createdBy: actor.userId,
            createdAt: clock.now().toISOString(),
          },
        ]);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'follow-up',
          entityType: 'placement_export_batch',
          entityId: id,
          orgUnitId: b.ownerOrgId,
          detail: { memberId, months: v.months, result: v.result },
        });
      });
      return detail(id);
    },

    async exportMembers(actor: Actor, id: string, reply: FastifyReply) {
      const { b } = await loadBatch(actor, id, 'placement.read');
      const rows = await repo.listMembers(db, id);
      return sendExport(
        reply,
        { db, clock },
        {
          actor,
          spec: exportMembersExport,
          rows: (async function* () {
            yield* rows;
          })(),
          filters: { batchId: id },
          orgUnitId: b.ownerOrgId,
        },
      );
    },
  };
}
