import type { FastifyReply } from 'fastify';
import { type CreatePublicity, type PublicityListQuery, createPublicitySchema } from '@jinguo/domain';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { fieldError, NotFoundError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { validate } from '../../platform/validate.js';
import { publicityExport, publicityImport } from './activities.publicity.excel.js';
import * as repo from './activities.repository.js';
import { loadUnitLookup } from '../org/index.js';
import type { ActivitiesContext } from './activities.context.js';
import { presentPublicity } from './activities.present.js';

/** Publicity (宣传报道): reports in the media, Excel in and out. */
export function createPublicityService(ctx: ActivitiesContext) {
  const { db, clock, excel, unitInScope, homeUnit } = ctx;
  return {
    // ------------------------------------------------------------ publicity
    async listPublicity(actor: Actor, q: PublicityListQuery) {
      const scope = requirePermission(actor, 'activities.read');
      const { items, total } = await repo.listPublicity(db, scope, q);
      return { items: items.map(presentPublicity), total, page: q.page, pageSize: q.pageSize };
    },

    async createPublicity(actor: Actor, body: CreatePublicity) {
      const scope = requirePermission(actor, 'activities.write');
      const v = validate(createPublicitySchema, body);
      await unitInScope(scope, v.ownerOrgId, 'ownerOrgId', '报送单位');
      if (v.eventId) {
        const e = await repo.findEvent(db, v.eventId);
        if (!e || !pathInScope(scope, e.ownerOrgPath)) throw fieldError('eventId', '关联活动不存在或不在您的工作范围内');
      }
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertPublicity(trx, {
          id,
          ownerOrgId: v.ownerOrgId,
          outlet: v.outlet,
          medium: v.medium,
          level: v.level,
          title: v.title,
          publishedOn: v.publishedOn,
          link: v.link ?? null,
          eventId: v.eventId ?? null,
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'activity_publicity',
          entityId: id,
          orgUnitId: v.ownerOrgId,
          detail: { after: { outlet: v.outlet, title: v.title, publishedOn: v.publishedOn } },
        });
      });
      return presentPublicity((await repo.findPublicity(db, id))!);
    },

    async deletePublicity(actor: Actor, id: string) {
      const scope = requirePermission(actor, 'activities.write');
      const p = await repo.findPublicity(db, id);
      if (!p || !pathInScope(scope, p.ownerOrgPath)) throw new NotFoundError('宣传报道');
      await db.transaction().execute(async (trx) => {
        await repo.deletePublicity(trx, id);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'delete',
          entityType: 'activity_publicity',
          entityId: id,
          orgUnitId: p.ownerOrgId,
          detail: { before: { outlet: p.outlet, title: p.title } },
        });
      });
      return { ok: true as const };
    },

    async exportPublicity(actor: Actor, q: Omit<PublicityListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'activities.read');
      return sendExport(reply, excel, {
        actor,
        spec: publicityExport,
        rows: keysetRows((after, limit) => repo.listPublicityAfter(db, scope, q, after, limit)),
        filters: q,
      });
    },
    async publicityTemplate(actor: Actor, reply: FastifyReply) {
      return sendTemplate(reply, publicityImport(await loadUnitLookup(db, requirePermission(actor, 'activities.write'))));
    },
    async importPublicity(actor: Actor, source: UploadSource) {
      const units = await loadUnitLookup(db, requirePermission(actor, 'activities.write'));
      const home = homeUnit(actor, 'activities.write');
      return startImport(excel, {
        actor,
        source,
        spec: publicityImport(units),
        targetKey: `publicity:${home}`,
        orgUnitId: home,
        entityType: 'activity_publicity',
        context: { createdBy: actor.userId, clock },
      });
    },
  };
}
