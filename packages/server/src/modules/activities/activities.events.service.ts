import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply } from 'fastify';
import { type CreateEvent, type EventListQuery, createEventSchema } from '@jinguo/domain';
import { auditActor, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { deleteFile } from '../../platform/files.js';
import { fieldError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { assertVersion } from '../../platform/versioning.js';
import { dialectOf } from '../../db/database.js';
import { validate } from '../../platform/validate.js';
import { eventsExport, eventsImport } from './activities.events.excel.js';
import * as repo from './activities.repository.js';
import { loadUnitLookup } from '../org/index.js';
import type { ActivitiesContext } from './activities.context.js';

/** Events (活动): the list and totals, one event with its resource lines, Excel in and out. */
export function createEventService(ctx: ActivitiesContext) {
  const { db, clock, filesDir, excel, unitInScope, loadEvent, checkAssociation, homeUnit, presentEvent, eventRow, resourceRows } = ctx;
  return {
    // ------------------------------------------------------------ events
    async listEvents(actor: Actor, q: EventListQuery) {
      const scope = requirePermission(actor, 'activities.read');
      const { items, total } = await repo.listEvents(db, scope, q);
      return {
        items: items.map((e) => ({
          ...e,
          participantCount: Number(e.participantCount),
          unitsVisited: Number(e.unitsVisited),
          goodDeeds: Number(e.goodDeeds),
          performances: Number(e.performances),
          resourceQuantity: Number(e.resourceQuantity),
          resourceValueFen: Number(e.resourceValueFen),
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** Sums over all events the filters select: the list's totals row. */
    async eventTotals(actor: Actor, q: Omit<EventListQuery, 'page' | 'pageSize'>) {
      const scope = requirePermission(actor, 'activities.read');
      const t = await repo.eventTotals(db, scope, q);
      return {
        events: Number(t.events),
        participants: Number(t.participants),
        unitsVisited: Number(t.unitsVisited),
        goodDeeds: Number(t.goodDeeds),
        performances: Number(t.performances),
        organisers: Number(t.organisers),
        resources: t.resources.map((r) => ({ category: r.category, quantity: Number(r.quantity), valueFen: Number(r.valueFen) })),
      };
    },

    async getEvent(actor: Actor, id: string) {
      await loadEvent(actor, id, 'activities.read');
      return presentEvent(actor, id);
    },

    async createEvent(actor: Actor, body: CreateEvent) {
      const scope = requirePermission(actor, 'activities.write');
      const input = validate(createEventSchema, body);
      await unitInScope(scope, input.ownerOrgId);
      await checkAssociation(scope, input.associationId);
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertEvent(trx, { id, ...eventRow(input, null), createdBy: actor.userId, createdAt: at, updatedAt: at });
        await repo.replaceResources(trx, id, resourceRows(id, input.ownerOrgId, input.resources));
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'activity_event',
          entityId: id,
          orgUnitId: input.ownerOrgId,
          detail: {
            after: {
              type: input.type,
              title: input.title,
              startDate: input.startDate,
              participantCount: input.participantCount,
              resources: input.resources.length,
            },
          },
        });
      });
      return presentEvent(actor, id);
    },

    /** Replaces an event's details; with `ifMatch` only if it is still at that version (else 412 naming who changed it). */
    async updateEvent(actor: Actor, id: string, body: CreateEvent, ifMatch?: number | null) {
      const { event, scope } = await loadEvent(actor, id, 'activities.write');
      const input = validate(createEventSchema, body);
      if (input.ownerOrgId !== event.ownerOrgId) await unitInScope(scope, input.ownerOrgId);
      await checkAssociation(scope, input.associationId);
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await assertVersion(trx, dialectOf(trx), {
          table: 'activity_events',
          id,
          expected: ifMatch,
          entityType: 'activity_event',
          what: '活动',
        });
        const roster = await repo.rosterCounts(trx, id);
        if (input.participantMode === 'count' && roster.total > 0)
          throw fieldError('participantMode', `该活动已有${roster.total}人的参与名单，参加人数须按名单计算`);
        const row = eventRow(input, roster);
        await repo.updateEvent(trx, id, { ...row, updatedAt: at });
        await repo.replaceResources(trx, id, resourceRows(id, input.ownerOrgId, input.resources));
        if (input.ownerOrgId !== event.ownerOrgId) await repo.setEventChildrenOwner(trx, id, input.ownerOrgId);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'activity_event',
          entityId: id,
          orgUnitId: input.ownerOrgId,
          detail: {
            before: { title: event.title, type: event.type, participantCount: event.participantCount, ownerOrgId: event.ownerOrgId },
            after: {
              title: row.title,
              type: row.type,
              participantCount: row.participantCount,
              ownerOrgId: row.ownerOrgId,
              resources: input.resources.length,
            },
          },
        });
      });
      return presentEvent(actor, id);
    },

    async deleteEvent(actor: Actor, id: string) {
      const { event } = await loadEvent(actor, id, 'activities.write');
      const photos = await repo.listPhotos(db, id);
      await db.transaction().execute(async (trx) => {
        // The photos' files go with the event, in the same transaction (deleteEvent removes their rows).
        for (const p of photos) await deleteFile(trx, p.storedName);
        await repo.deleteEvent(trx, id);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'delete',
          entityType: 'activity_event',
          entityId: id,
          orgUnitId: event.ownerOrgId,
          detail: { before: { title: event.title, type: event.type, startDate: event.startDate } },
        });
      });
      // Photos from before files moved into the database.
      for (const p of photos) fs.rmSync(path.join(filesDir, id, p.storedName), { force: true });
      return { ok: true as const };
    },

    async exportEvents(actor: Actor, q: Omit<EventListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'activities.read');
      const rows = keysetRows((after, limit) => repo.listEventsAfter(db, scope, q, after, limit));
      return sendExport(reply, excel, { actor, spec: eventsExport, rows, filters: q });
    },

    async eventsTemplate(actor: Actor, reply: FastifyReply) {
      const scope = requirePermission(actor, 'activities.write');
      return sendTemplate(reply, eventsImport(await loadUnitLookup(db, scope)));
    },

    async importEvents(actor: Actor, source: UploadSource) {
      const scope = requirePermission(actor, 'activities.write');
      const units = await loadUnitLookup(db, scope);
      const home = homeUnit(actor, 'activities.write');
      return startImport(excel, {
        actor,
        source,
        spec: eventsImport(units),
        targetKey: `events:${home}`,
        orgUnitId: home,
        entityType: 'activity_event',
        context: { units, createdBy: actor.userId, clock },
      });
    },
  };
}
