import type { FastifyReply } from 'fastify';
import { createPledgeSchema, type CreatePledge, type PledgeListQuery } from '@jinguo/domain';
import { auditActor, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { fieldError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { pledgesExport, pledgesImport } from './honours.excel.js';
import * as repo from './honours.repository.js';
import { loadUnitLookup } from '../org/index.js';
import { validate } from '../../platform/validate.js';
import type { HonoursContext } from './honours.context.js';
import { presentPledge } from './honours.present.js';

/** Pledges (承诺书) signed under a campaign; Excel in and out. */
export function createPledgeService(ctx: HonoursContext) {
  const { db, clock, excel, unitInScope, campaignRefs, homeUnit } = ctx;
  return {
    // ------------------------------------------------------------ pledges
    async listPledges(actor: Actor, q: PledgeListQuery) {
      const scope = requirePermission(actor, 'honours.read');
      const { items, total } = await repo.listPledges(db, scope, q);
      return { items: items.map(presentPledge), total, page: q.page, pageSize: q.pageSize };
    },
    async createPledge(actor: Actor, body: CreatePledge) {
      const scope = requirePermission(actor, 'honours.write');
      const v = validate(createPledgeSchema, body);
      if (!(await repo.findCampaign(db, v.campaignId))) throw fieldError('campaignId', '承诺类别不存在');
      await unitInScope(scope, v.ownerOrgId, 'ownerOrgId', '组织单位');
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertPledges(trx, [
          {
            id,
            ownerOrgId: v.ownerOrgId,
            campaignId: v.campaignId,
            signerName: v.signerName,
            signerPosition: v.signerPosition ?? null,
            signerUnit: v.signerUnit ?? null,
            signedOn: v.signedOn,
            note: v.note ?? null,
            createdBy: actor.userId,
            createdAt: at,
          },
        ]);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'honour_pledge',
          entityId: id,
          orgUnitId: v.ownerOrgId,
          detail: { campaignId: v.campaignId, signedOn: v.signedOn },
        });
      });
      return presentPledge((await repo.findPledge(db, id))!);
    },
    async exportPledges(actor: Actor, q: Omit<PledgeListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'honours.read');
      return sendExport(reply, excel, {
        actor,
        spec: pledgesExport,
        rows: keysetRows((after, limit) => repo.listPledgesAfter(db, scope, q, after, limit)),
        filters: q,
      });
    },
    async pledgesTemplate(actor: Actor, reply: FastifyReply) {
      return sendTemplate(reply, pledgesImport(await campaignRefs(), await loadUnitLookup(db, requirePermission(actor, 'honours.write'))));
    },
    async importPledges(actor: Actor, source: UploadSource) {
      const units = await loadUnitLookup(db, requirePermission(actor, 'honours.write'));
      const home = homeUnit(actor);
      return startImport(excel, {
        actor,
        source,
        spec: pledgesImport(await campaignRefs(), units),
        targetKey: `pledges:${home}`,
        orgUnitId: home,
        entityType: 'honour_pledge',
        context: { createdBy: actor.userId, clock },
      });
    },
  };
}
