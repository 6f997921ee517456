import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply } from 'fastify';
import { maskPhone, type AddParticipant, addParticipantSchema } from '@jinguo/domain';
import { auditActor, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { AppError, fieldError, NotFoundError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { deleteFile, putFile, readFile } from '../../platform/files.js';
import { newId } from '../../platform/ids.js';
import { validate } from '../../platform/validate.js';
import { IMAGE_TYPES, stripImageMetadata } from '../../platform/images.js';
import { participantsExport, participantsImport, syncRosterFigures } from './activities.roster.excel.js';
import * as repo from './activities.repository.js';
import { MAX_PHOTO_BYTES, type ActivitiesContext } from './activities.context.js';

/** An event's roster (参加人员) and its photos. */
export function createRosterService(ctx: ActivitiesContext) {
  const { db, clock, cipher, filesDir, excel, loadEvent, presentEvent } = ctx;
  return {
    // ------------------------------------------------------------ roster
    async listParticipants(actor: Actor, eventId: string, page: { page: number; pageSize: number }) {
      await loadEvent(actor, eventId, 'activities.read');
      const roster = await repo.rosterCounts(db, eventId);
      const items = await repo.listParticipants(db, eventId, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
      return { items, total: roster.total, page: page.page, pageSize: page.pageSize };
    },

    async addParticipant(actor: Actor, eventId: string, body: AddParticipant) {
      const { event } = await loadEvent(actor, eventId, 'activities.write');
      const v = validate(addParticipantSchema, body);
      const at = clock.now().toISOString();
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertParticipants(trx, [
          {
            id,
            eventId,
            ownerOrgId: event.ownerOrgId,
            kind: v.kind,
            name: v.name,
            gender: v.gender ?? null,
            unitName: v.unitName ?? null,
            participantGroup: v.group ?? null,
            phoneEnc: v.phone ? cipher.encrypt(v.phone) : null,
            phoneMasked: maskPhone(v.phone),
            createdAt: at,
          },
        ]);
        await syncRosterFigures(trx, eventId, at);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'roster.add',
          entityType: 'activity_event',
          entityId: eventId,
          orgUnitId: event.ownerOrgId,
          detail: { participantId: id, kind: v.kind },
        });
      });
      return presentEvent(actor, eventId);
    },

    async removeParticipant(actor: Actor, eventId: string, participantId: string) {
      const { event } = await loadEvent(actor, eventId, 'activities.write');
      if (!(await repo.findParticipant(db, eventId, participantId))) throw new NotFoundError('参与人员');
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.deleteParticipant(trx, participantId);
        await syncRosterFigures(trx, eventId, at);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'roster.remove',
          entityType: 'activity_event',
          entityId: eventId,
          orgUnitId: event.ownerOrgId,
          detail: { participantId },
        });
      });
      return presentEvent(actor, eventId);
    },

    participantsTemplate: (reply: FastifyReply) => sendTemplate(reply, participantsImport),

    async importParticipants(actor: Actor, eventId: string, source: UploadSource) {
      const { event } = await loadEvent(actor, eventId, 'activities.write');
      return startImport(excel, {
        actor,
        source,
        spec: participantsImport,
        targetKey: eventId,
        orgUnitId: event.ownerOrgId,
        entityType: 'activity_event',
        entityId: eventId,
        context: { eventId, ownerOrgId: event.ownerOrgId, cipher, clock },
      });
    },

    async exportParticipants(actor: Actor, eventId: string, reply: FastifyReply) {
      const { event } = await loadEvent(actor, eventId, 'activities.read');
      const rows = keysetRows((after, limit) => repo.listParticipantsAfter(db, eventId, after, limit));
      return sendExport(reply, excel, { actor, spec: participantsExport(cipher), rows, filters: { eventId }, orgUnitId: event.ownerOrgId });
    },

    // ------------------------------------------------------------ photos
    async uploadPhoto(actor: Actor, eventId: string, source: UploadSource, caption: string | null) {
      const { event } = await loadEvent(actor, eventId, 'activities.write');
      // A refusal by the input guard (a file name that cannot be stored) stands; any other failure means no file.
      const part = await source().catch((err) => {
        if (err instanceof AppError) throw err;
        return undefined;
      });
      if (!part) throw fieldError('file', '请选择照片');
      const mime = (part as unknown as { mimetype?: string }).mimetype ?? '';
      const type = IMAGE_TYPES[mime];
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file) {
        size += (chunk as Buffer).length;
        if (size > MAX_PHOTO_BYTES) {
          part.file.resume();
          throw fieldError('file', '照片不能超过 10 MB');
        }
        chunks.push(chunk as Buffer);
      }
      const uploaded = Buffer.concat(chunks);
      if (!type?.magic(uploaded)) throw fieldError('file', '请上传 JPG、PNG 或 WebP 格式的照片');
      // Re-encoded before it is stored: the location, camera and time in its metadata are never kept.
      const buf = await stripImageMetadata(uploaded, mime);
      const id = newId();
      const fileName = path.basename(part.filename || `${id}.${type.ext}`).slice(0, 200);
      const at = clock.now().toISOString();
      // The photo and its row in one transaction, in the database every app server reads (platform/files.ts).
      await db.transaction().execute(async (trx) => {
        const fileId = await putFile(trx, { ownerKind: 'activity_event_photo', ownerId: id, fileName, mime, bytes: buf, at });
        await repo.insertPhoto(trx, {
          id,
          eventId,
          ownerOrgId: event.ownerOrgId,
          fileName,
          storedName: fileId,
          mime,
          size: buf.length,
          caption: caption?.trim().slice(0, 200) || null,
          createdBy: actor.userId,
          createdAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'photo.add',
          entityType: 'activity_event',
          entityId: eventId,
          orgUnitId: event.ownerOrgId,
          detail: { photoId: id, size: buf.length },
        });
      });
      return presentEvent(actor, eventId);
    },

    async openPhoto(actor: Actor, eventId: string, photoId: string) {
      await loadEvent(actor, eventId, 'activities.read');
      const photo = await repo.findPhoto(db, eventId, photoId);
      if (!photo) throw new NotFoundError('照片');
      const stored = await readFile(db, photo.storedName);
      if (stored) return { body: stored.bytes, mime: photo.mime, fileName: photo.fileName };
      // Uploaded before files moved into the database: still on this server's disk, under the event's folder.
      const legacy = path.join(filesDir, eventId, photo.storedName);
      if (!fs.existsSync(legacy)) throw new NotFoundError('照片');
      return { body: fs.createReadStream(legacy), mime: photo.mime, fileName: photo.fileName };
    },

    async deletePhoto(actor: Actor, eventId: string, photoId: string) {
      const { event } = await loadEvent(actor, eventId, 'activities.write');
      const photo = await repo.findPhoto(db, eventId, photoId);
      if (!photo) throw new NotFoundError('照片');
      await db.transaction().execute(async (trx) => {
        await repo.deletePhoto(trx, photoId);
        await deleteFile(trx, photo.storedName);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'photo.delete',
          entityType: 'activity_event',
          entityId: eventId,
          orgUnitId: event.ownerOrgId,
          detail: { photoId },
        });
      });
      // A photo from before files moved into the database.
      fs.rmSync(path.join(filesDir, eventId, photo.storedName), { force: true });
      return presentEvent(actor, eventId);
    },
  };
}
