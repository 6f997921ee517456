import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply } from 'fastify';
import {
  permissionsOf,
  checkResidentIdNumber,
  maskIdNumber,
  maskPhone,
  type AddParticipant,
  type AddTrainee,
  type CourseListQuery,
  type CreateCourse,
  type CreateEvent,
  type CreatePublicity,
  type CreateSession,
  type EventListQuery,
  type PublicityListQuery,
  type TraineeOutcomeInput,
  addParticipantSchema,
  addTraineeSchema,
  createCourseSchema,
  createEventSchema,
  createPublicitySchema,
  createSessionSchema,
  traineeOutcomeSchema,
} from '@jinguo/domain';
import { dialectOf, type Db, type DialectName, type Executor } from '../../db/database.js';
import { auditActor, can, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { AppError, fieldError, NotFoundError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { assertVersion } from '../../platform/versioning.js';
import { validate } from '../../platform/validate.js';
import { IMAGE_TYPES, stripImageMetadata } from '../../platform/images.js';
import {
  coursesExport,
  coursesImport,
  eventsExport,
  eventsImport,
  participantsExport,
  participantsImport,
  publicityExport,
  publicityImport,
  syncRosterFigures,
  TRAINEE_BIDX,
  traineesExport,
  traineesImport,
  type TraineeImportRow,
} from './activities.excel.js';
import * as repo from './activities.repository.js';
import { loadUnitLookup, findUnit } from '../org/index.js';
import { findOrCreatePerson } from '../people/index.js';

export type ActivitiesService = ReturnType<typeof createActivitiesService>;
type Deps = { db: Db; dialect: DialectName; clock: Clock; cipher: FieldCipher; filesDir: string };

const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const RESIDENCE_KINDS = new Set(['village', 'community', 'township', 'street', 'federation']);

/** Events (with resource lines, rosters and photos), training (courses, sessions, trainees, outcomes), publicity. */
export function createActivitiesService({ db, clock, cipher, filesDir }: Deps) {
  const excel = { db, clock };

  /** The unit must exist and lie in the caller's scope for the permission. */
  async function unitInScope(scope: Scope, id: string, field = 'ownerOrgId', label = '主办单位') {
    const unit = await findUnit(db, id);
    if (!unit || !pathInScope(scope, unit.path)) throw fieldError(field, `${label}不存在或不在您的工作范围内`);
    if (!unit.active) throw fieldError(field, `${label}已停用`);
    return unit;
  }

  async function loadEvent(actor: Actor, id: string, permission: 'activities.read' | 'activities.write') {
    const scope = requirePermission(actor, permission);
    const event = await repo.findEvent(db, id);
    if (!event || !pathInScope(scope, event.ownerOrgPath)) throw new NotFoundError('活动');
    return { event, scope };
  }

  async function loadCourse(actor: Actor, id: string, permission: 'activities.read' | 'activities.write') {
    const scope = requirePermission(actor, permission);
    const course = await repo.findCourse(db, id);
    if (!course || !pathInScope(scope, course.ownerOrgPath)) throw new NotFoundError('培训班');
    return { course, scope };
  }

  async function loadSession(actor: Actor, id: string, permission: 'activities.read' | 'activities.write') {
    // The permission first (403), so a caller without it is not told 404 for a session that exists.
    requirePermission(actor, permission);
    const session = await repo.findSession(db, id);
    if (!session) throw new NotFoundError('培训期次');
    const { course, scope } = await loadCourse(actor, session.courseId, permission).catch(() => {
      throw new NotFoundError('培训期次');
    });
    return { session, course, scope };
  }

  async function checkAssociation(scope: Scope, associationId: string | null | undefined) {
    if (!associationId) return;
    const a = await db
      .selectFrom('associations as a')
      .innerJoin('orgUnits as o', 'o.id', 'a.ownerOrgId')
      .select(['a.id', 'o.path'])
      .where('a.id', '=', associationId)
      .executeTakeFirst();
    if (!a || !pathInScope(scope, a.path)) throw fieldError('associationId', '协会不存在或不在您的工作范围内');
  }

  /** The unit an import of a whole list is recorded against: the caller's first unit for the permission. */
  function homeUnit(actor: Actor, permission: 'activities.write') {
    requirePermission(actor, permission);
    return actor.grants.find((g) => permissionsOf(g.role).includes(permission))!.orgUnitId;
  }

  async function presentEvent(actor: Actor, id: string) {
    const event = (await repo.findEvent(db, id))!;
    const [resources, photos, roster] = await Promise.all([repo.listResources(db, id), repo.listPhotos(db, id), repo.rosterCounts(db, id)]);
    const writeScope = can(actor, 'activities.write') ? requirePermission(actor, 'activities.write') : null;
    return {
      id: event.id,
      type: event.type,
      title: event.title,
      startDate: event.startDate,
      endDate: event.endDate,
      ownerOrgId: event.ownerOrgId,
      ownerOrgName: event.ownerOrgName,
      venue: event.venue,
      participantMode: event.participantMode,
      participantCount: Number(event.participantCount),
      unitsVisited: Number(event.unitsVisited),
      goodDeeds: Number(event.goodDeeds),
      performances: Number(event.performances),
      resourceQuantity: resources.reduce((a, r) => a + Number(r.quantity), 0),
      resourceValueFen: resources.reduce((a, r) => a + Number(r.valueFen), 0),
      partnerUnits: JSON.parse(event.partnerUnits) as string[],
      targetGroup: event.targetGroup,
      groupCounts: JSON.parse(event.groupCounts) as Record<string, number>,
      visitedUnitNames: JSON.parse(event.visitedUnitNames) as string[],
      associationId: event.associationId,
      associationName: event.associationName ?? null,
      description: event.description,
      resources: resources.map((r) => ({
        id: r.id,
        category: r.category,
        item: r.item,
        quantity: Number(r.quantity),
        valueFen: Number(r.valueFen),
        note: r.note,
      })),
      photos: photos.map((p) => ({ id: p.id, fileName: p.fileName, caption: p.caption, size: Number(p.size) })),
      rosterCount: roster.total,
      createdAt: event.createdAt,
      updatedAt: event.updatedAt,
      canEdit: !!writeScope && pathInScope(writeScope, event.ownerOrgPath),
      version: Number(event.version),
    };
  }

  function eventRow(input: ReturnType<typeof createEventSchema.parse>, roster: { total: number; groups: Record<string, number> } | null) {
    const rosterMode = input.participantMode === 'roster';
    return {
      ownerOrgId: input.ownerOrgId,
      type: input.type,
      title: input.title,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      partnerUnits: JSON.stringify(input.partnerUnits),
      venue: input.venue ?? null,
      targetGroup: input.targetGroup ?? null,
      participantMode: input.participantMode,
      // In roster mode the figure is the roster's size, never a typed number.
      participantCount: rosterMode ? (roster?.total ?? 0) : input.participantCount,
      groupCounts: JSON.stringify(rosterMode ? (roster?.groups ?? {}) : input.groupCounts),
      unitsVisited: input.unitsVisited,
      visitedUnitNames: JSON.stringify(input.visitedUnitNames),
      goodDeeds: input.goodDeeds,
      performances: input.performances,
      associationId: input.associationId ?? null,
      description: input.description ?? null,
    };
  }

  function resourceRows(eventId: string, ownerOrgId: string, lines: ReturnType<typeof createEventSchema.parse>['resources']) {
    return lines.map((l, i) => ({
      id: newId(),
      eventId,
      ownerOrgId,
      category: l.category,
      item: l.item,
      quantity: l.quantity,
      valueFen: l.valueFen,
      note: l.note ?? null,
      sortOrder: i,
    }));
  }

  /** Registers a trainee with an ID number in the people registry (one person, one row); without one, no link. */
  function traineePersonLinker(actor: Actor, ownerOrgId: string, residenceOrgId: string) {
    return async (trx: Executor, row: Pick<TraineeImportRow, 'name' | 'gender' | 'idNumber' | 'phone'>) => {
      if (!row.idNumber) return null;
      const p = await findOrCreatePerson(
        trx,
        { cipher, clock, actor },
        { name: row.name, gender: row.gender, idNumber: row.idNumber, phone: row.phone, residenceOrgId, ownerOrgId },
      );
      return p.id;
    };
  }
  async function residenceFor(ownerOrgId: string) {
    // A trainee's residence defaults to the organising unit when it is a place, else the federation at the top.
    const unit = await findUnit(db, ownerOrgId);
    if (unit && RESIDENCE_KINDS.has(unit.kind)) return unit.id;
    const rootId = unit?.path.split('/').filter(Boolean)[0];
    return rootId ?? ownerOrgId;
  }

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
        await repo.deleteEvent(trx, id);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'delete',
          entityType: 'activity_event',
          entityId: id,
          orgUnitId: event.ownerOrgId,
          detail: { before: { title: event.title, type: event.type, startDate: event.startDate } },
        });
      });
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
      // Re-encoded before it touches the disk: the location, camera and time in its metadata are never kept.
      const buf = await stripImageMetadata(uploaded, mime);
      const id = newId();
      const storedName = `${id}.${type.ext}`;
      const dir = path.join(filesDir, eventId);
      // Not world-readable: a photo of an event can show the people helped.
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(path.join(dir, storedName), buf, { mode: 0o600 });
      try {
        await db.transaction().execute(async (trx) => {
          await repo.insertPhoto(trx, {
            id,
            eventId,
            ownerOrgId: event.ownerOrgId,
            fileName: path.basename(part.filename || storedName).slice(0, 200),
            storedName,
            mime,
            size: buf.length,
            caption: caption?.trim().slice(0, 200) || null,
            createdBy: actor.userId,
            createdAt: clock.now().toISOString(),
          });
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'photo.add',
            entityType: 'activity_event',
            entityId: eventId,
            orgUnitId: event.ownerOrgId,
            detail: { photoId: id, size: buf.length },
          });
        });
      } catch (err) {
        fs.rmSync(path.join(dir, storedName), { force: true });
        throw err;
      }
      return presentEvent(actor, eventId);
    },

    async openPhoto(actor: Actor, eventId: string, photoId: string) {
      await loadEvent(actor, eventId, 'activities.read');
      const photo = await repo.findPhoto(db, eventId, photoId);
      const file = photo && path.join(filesDir, eventId, photo.storedName);
      if (!photo || !file || !fs.existsSync(file)) throw new NotFoundError('照片');
      return { stream: fs.createReadStream(file), mime: photo.mime, fileName: photo.fileName };
    },

    async deletePhoto(actor: Actor, eventId: string, photoId: string) {
      const { event } = await loadEvent(actor, eventId, 'activities.write');
      const photo = await repo.findPhoto(db, eventId, photoId);
      if (!photo) throw new NotFoundError('照片');
      await db.transaction().execute(async (trx) => {
        await repo.deletePhoto(trx, photoId);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'photo.delete',
          entityType: 'activity_event',
          entityId: eventId,
          orgUnitId: event.ownerOrgId,
          detail: { photoId },
        });
      });
      fs.rmSync(path.join(filesDir, eventId, photo.storedName), { force: true });
      return presentEvent(actor, eventId);
    },

    // ------------------------------------------------------------ training
    async listCourses(actor: Actor, q: CourseListQuery) {
      const scope = requirePermission(actor, 'activities.read');
      const { items, total } = await repo.listCourses(db, scope, q);
      return { items: items.map(presentCourseRow), total, page: q.page, pageSize: q.pageSize };
    },

    async getCourse(actor: Actor, id: string) {
      const { course } = await loadCourse(actor, id, 'activities.read');
      const sessions = await repo.listSessions(db, id);
      const writeScope = can(actor, 'activities.write') ? requirePermission(actor, 'activities.write') : null;
      return {
        ...presentCourseRow(course),
        description: course.description,
        sessionList: sessions.map(presentSession),
        canEdit: !!writeScope && pathInScope(writeScope, course.ownerOrgPath),
        version: Number(course.version),
      };
    },

    async createCourse(actor: Actor, body: CreateCourse) {
      const scope = requirePermission(actor, 'activities.write');
      const v = validate(createCourseSchema, body);
      await unitInScope(scope, v.ownerOrgId);
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertCourse(trx, {
          id,
          ownerOrgId: v.ownerOrgId,
          title: v.title,
          category: v.category,
          startDate: v.startDate,
          endDate: v.endDate ?? null,
          partner: v.partner ?? null,
          description: v.description ?? null,
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'training_course',
          entityId: id,
          orgUnitId: v.ownerOrgId,
          detail: { after: { title: v.title, category: v.category, startDate: v.startDate } },
        });
      });
      return this.getCourse(actor, id);
    },

    /** Replaces a course's details; with `ifMatch` only if it is still at that version (else 412 naming who changed it). */
    async updateCourse(actor: Actor, id: string, body: CreateCourse, ifMatch?: number | null) {
      const { course, scope } = await loadCourse(actor, id, 'activities.write');
      const v = validate(createCourseSchema, body);
      if (v.ownerOrgId !== course.ownerOrgId) throw fieldError('ownerOrgId', '培训班建立后不能更换主办单位');
      await unitInScope(scope, v.ownerOrgId);
      await db.transaction().execute(async (trx) => {
        await assertVersion(trx, dialectOf(trx), {
          table: 'training_courses',
          id,
          expected: ifMatch,
          entityType: 'training_course',
          what: '培训班',
        });
        await repo.updateCourse(trx, id, {
          title: v.title,
          category: v.category,
          startDate: v.startDate,
          endDate: v.endDate ?? null,
          partner: v.partner ?? null,
          description: v.description ?? null,
          updatedAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'training_course',
          entityId: id,
          orgUnitId: course.ownerOrgId,
          detail: { before: { title: course.title, category: course.category }, after: { title: v.title, category: v.category } },
        });
      });
      return this.getCourse(actor, id);
    },

    async exportCourses(actor: Actor, q: Omit<CourseListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'activities.read');
      return sendExport(reply, excel, {
        actor,
        spec: coursesExport,
        rows: keysetRows((after, limit) => repo.listCoursesAfter(db, scope, q, after, limit)),
        filters: q,
      });
    },
    async coursesTemplate(actor: Actor, reply: FastifyReply) {
      return sendTemplate(reply, coursesImport(await loadUnitLookup(db, requirePermission(actor, 'activities.write'))));
    },
    async importCourses(actor: Actor, source: UploadSource) {
      const units = await loadUnitLookup(db, requirePermission(actor, 'activities.write'));
      const home = homeUnit(actor, 'activities.write');
      return startImport(excel, {
        actor,
        source,
        spec: coursesImport(units),
        targetKey: `courses:${home}`,
        orgUnitId: home,
        entityType: 'training_course',
        context: { createdBy: actor.userId, clock },
      });
    },

    async createSession(actor: Actor, courseId: string, body: CreateSession) {
      const { course } = await loadCourse(actor, courseId, 'activities.write');
      const v = validate(createSessionSchema, body);
      if (v.sessionDate < course.startDate || (course.endDate && v.sessionDate > course.endDate))
        throw fieldError('sessionDate', '日期须在培训班起止日期之内');
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertSession(trx, {
          id,
          courseId,
          ownerOrgId: course.ownerOrgId,
          topic: v.topic,
          sessionDate: v.sessionDate,
          endDate: v.endDate ?? null,
          hours: v.hours,
          teacher: v.teacher ?? null,
          venue: v.venue ?? null,
          attendeeMode: v.attendeeMode,
          attendeeCount: v.attendeeMode === 'roster' ? 0 : v.attendeeCount,
          groupCounts: JSON.stringify(v.groupCounts),
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'training_session',
          entityId: id,
          orgUnitId: course.ownerOrgId,
          detail: { after: { courseId, topic: v.topic, sessionDate: v.sessionDate, attendeeMode: v.attendeeMode } },
        });
      });
      // Answers with what was created (its id), as every other create does.
      const created = (await this.getCourse(actor, courseId)).sessionList.find((s) => s.id === id);
      if (!created) throw new NotFoundError('培训期次');
      return created;
    },

    async updateSession(actor: Actor, sessionId: string, body: CreateSession) {
      const { session, course } = await loadSession(actor, sessionId, 'activities.write');
      const v = validate(createSessionSchema, body);
      if (v.sessionDate < course.startDate || (course.endDate && v.sessionDate > course.endDate))
        throw fieldError('sessionDate', '日期须在培训班起止日期之内');
      await db.transaction().execute(async (trx) => {
        const attended = await repo.countAttended(trx, sessionId);
        const trainees = (await repo.listTrainees(trx, sessionId)).length;
        if (v.attendeeMode === 'count' && trainees > 0)
          throw fieldError('attendeeMode', `本期已登记${trainees}名学员，参训人数须按名单计算`);
        await repo.updateSession(trx, sessionId, {
          topic: v.topic,
          sessionDate: v.sessionDate,
          endDate: v.endDate ?? null,
          hours: v.hours,
          teacher: v.teacher ?? null,
          venue: v.venue ?? null,
          attendeeMode: v.attendeeMode,
          attendeeCount: v.attendeeMode === 'roster' ? attended : v.attendeeCount,
          groupCounts: JSON.stringify(v.groupCounts),
          updatedAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'training_session',
          entityId: sessionId,
          orgUnitId: course.ownerOrgId,
          detail: {
            before: { topic: session.topic, attendeeCount: session.attendeeCount },
            after: { topic: v.topic, attendeeMode: v.attendeeMode },
          },
        });
      });
      return this.getCourse(actor, course.id);
    },

    async listTrainees(actor: Actor, sessionId: string) {
      await loadSession(actor, sessionId, 'activities.read');
      return (await repo.listTrainees(db, sessionId)).map(presentTrainee);
    },

    async addTrainee(actor: Actor, sessionId: string, body: AddTrainee) {
      const { session, course } = await loadSession(actor, sessionId, 'activities.write');
      const v = validate(addTraineeSchema, body);
      let idNumber: string | null = null;
      if (v.idNumber) {
        const check = checkResidentIdNumber(v.idNumber, clock.now().toISOString().slice(0, 10));
        if (!check.ok) throw fieldError('idNumber', check.reason);
        if (check.gender !== v.gender)
          throw fieldError('gender', `性别与身份证号不符（身份证号显示为${check.gender === 'female' ? '女' : '男'}）`);
        idNumber = v.idNumber.toUpperCase();
      }
      const bidx = idNumber ? cipher.blindIndex(TRAINEE_BIDX, idNumber) : null;
      if (bidx && (await repo.findTraineeInSession(db, sessionId, bidx))) throw fieldError('idNumber', '该学员已在本期名单中');
      const at = clock.now().toISOString();
      const id = newId();
      const link = traineePersonLinker(actor, course.ownerOrgId, await residenceFor(course.ownerOrgId));
      await db.transaction().execute(async (trx) => {
        const personId = await link(trx, { name: v.name, gender: v.gender, idNumber, phone: v.phone ?? null });
        await repo.insertTrainees(trx, [
          {
            id,
            sessionId,
            courseId: course.id,
            ownerOrgId: course.ownerOrgId,
            personId,
            name: v.name,
            gender: v.gender,
            idNumberEnc: idNumber ? cipher.encrypt(idNumber) : null,
            idNumberBidx: bidx,
            idNumberMasked: maskIdNumber(idNumber),
            phoneEnc: v.phone ? cipher.encrypt(v.phone) : null,
            phoneMasked: maskPhone(v.phone),
            attended: v.attended ? 1 : 0,
            outcome: null,
            outcomeDate: null,
            outcomeNote: null,
            createdAt: at,
            updatedAt: at,
          },
        ]);
        if (session.attendeeMode === 'roster')
          await repo.updateSession(trx, sessionId, { attendeeCount: await repo.countAttended(trx, sessionId), updatedAt: at });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'training_trainee',
          entityId: id,
          orgUnitId: course.ownerOrgId,
          detail: { sessionId, personId, idNumber },
        });
      });
      return presentTrainee((await repo.findTrainee(db, id))!);
    },

    /** Marks a trainee present or absent; in roster mode the session's attendance follows. */
    async setAttendance(actor: Actor, traineeId: string, attended: boolean) {
      requirePermission(actor, 'activities.write');
      const trainee = await repo.findTrainee(db, traineeId);
      if (!trainee) throw new NotFoundError('学员');
      const { session, course } = await loadSession(actor, trainee.sessionId, 'activities.write').catch(() => {
        throw new NotFoundError('学员');
      });
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.updateTrainee(trx, traineeId, { attended: attended ? 1 : 0, updatedAt: at });
        if (session.attendeeMode === 'roster')
          await repo.updateSession(trx, session.id, { attendeeCount: await repo.countAttended(trx, session.id), updatedAt: at });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'attendance',
          entityType: 'training_trainee',
          entityId: traineeId,
          orgUnitId: course.ownerOrgId,
          detail: { attended },
        });
      });
      return presentTrainee((await repo.findTrainee(db, traineeId))!);
    },

    /** Records what became of a trainee (re-employed, started a business, none) and when. */
    async setOutcome(actor: Actor, traineeId: string, body: TraineeOutcomeInput) {
      requirePermission(actor, 'activities.write');
      const trainee = await repo.findTrainee(db, traineeId);
      if (!trainee) throw new NotFoundError('学员');
      const { session, course } = await loadSession(actor, trainee.sessionId, 'activities.write').catch(() => {
        throw new NotFoundError('学员');
      });
      const v = validate(traineeOutcomeSchema, body);
      if (v.outcomeDate && v.outcomeDate < session.sessionDate) throw fieldError('outcomeDate', '结果日期不能早于培训日期');
      await db.transaction().execute(async (trx) => {
        await repo.updateTrainee(trx, traineeId, {
          outcome: v.outcome,
          outcomeDate: v.outcomeDate ?? null,
          outcomeNote: v.outcomeNote ?? null,
          updatedAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'outcome',
          entityType: 'training_trainee',
          entityId: traineeId,
          orgUnitId: course.ownerOrgId,
          detail: {
            before: { outcome: trainee.outcome, outcomeDate: trainee.outcomeDate },
            after: { outcome: v.outcome, outcomeDate: v.outcomeDate ?? null },
          },
        });
      });
      return presentTrainee((await repo.findTrainee(db, traineeId))!);
    },

    async removeTrainee(actor: Actor, traineeId: string) {
      requirePermission(actor, 'activities.write');
      const trainee = await repo.findTrainee(db, traineeId);
      if (!trainee) throw new NotFoundError('学员');
      const { session, course } = await loadSession(actor, trainee.sessionId, 'activities.write').catch(() => {
        throw new NotFoundError('学员');
      });
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.deleteTrainee(trx, traineeId);
        if (session.attendeeMode === 'roster')
          await repo.updateSession(trx, session.id, { attendeeCount: await repo.countAttended(trx, session.id), updatedAt: at });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'delete',
          entityType: 'training_trainee',
          entityId: traineeId,
          orgUnitId: course.ownerOrgId,
          detail: { sessionId: session.id },
        });
      });
      return { ok: true as const };
    },

    traineesTemplate: (reply: FastifyReply) => sendTemplate(reply, traineesImport),

    async importTrainees(actor: Actor, sessionId: string, source: UploadSource) {
      const { course } = await loadSession(actor, sessionId, 'activities.write');
      const linkPerson = traineePersonLinker(actor, course.ownerOrgId, await residenceFor(course.ownerOrgId));
      return startImport(excel, {
        actor,
        source,
        spec: traineesImport,
        targetKey: sessionId,
        orgUnitId: course.ownerOrgId,
        entityType: 'training_session',
        entityId: sessionId,
        context: { sessionId, courseId: course.id, ownerOrgId: course.ownerOrgId, linkPerson, cipher, clock, seen: new Map() },
      });
    },

    async exportTrainees(actor: Actor, sessionId: string, reply: FastifyReply) {
      const { course } = await loadSession(actor, sessionId, 'activities.read');
      return sendExport(reply, excel, {
        actor,
        spec: traineesExport(cipher),
        rows: keysetRows((after, limit) => repo.listTraineesAfter(db, sessionId, after, limit)),
        filters: { sessionId },
        orgUnitId: course.ownerOrgId,
      });
    },

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

function presentCourseRow(c: Awaited<ReturnType<typeof repo.listCoursesAfter>>[number]) {
  return {
    id: c.id,
    title: c.title,
    category: c.category,
    ownerOrgId: c.ownerOrgId,
    ownerOrgName: c.ownerOrgName,
    startDate: c.startDate,
    endDate: c.endDate,
    partner: c.partner,
    sessions: Number(c.sessions),
    attendees: Number(c.attendees),
    trainees: Number(c.trainees),
    reemployed: Number(c.reemployed),
    startedBusiness: Number(c.startedBusiness),
  };
}

function presentSession(s: Awaited<ReturnType<typeof repo.listSessions>>[number]) {
  return {
    id: s.id,
    courseId: s.courseId,
    topic: s.topic,
    sessionDate: s.sessionDate,
    endDate: s.endDate,
    hours: Number(s.hours),
    teacher: s.teacher,
    venue: s.venue,
    attendeeMode: s.attendeeMode,
    attendeeCount: Number(s.attendeeCount),
    groupCounts: JSON.parse(s.groupCounts) as Record<string, number>,
    trainees: Number(s.trainees ?? 0),
  };
}

function presentTrainee(t: Awaited<ReturnType<typeof repo.findTrainee>> & object) {
  return {
    id: t.id,
    sessionId: t.sessionId,
    name: t.name,
    gender: t.gender,
    idNumberMasked: t.idNumberMasked,
    phoneMasked: t.phoneMasked,
    personId: t.personId,
    attended: t.attended === 1,
    outcome: t.outcome,
    outcomeDate: t.outcomeDate,
    outcomeNote: t.outcomeNote,
  };
}

function presentPublicity(p: Awaited<ReturnType<typeof repo.listPublicityAfter>>[number]) {
  return {
    id: p.id,
    outlet: p.outlet,
    medium: p.medium,
    level: p.level,
    title: p.title,
    publishedOn: p.publishedOn,
    link: p.link,
    ownerOrgId: p.ownerOrgId,
    ownerOrgName: p.ownerOrgName,
    eventId: p.eventId,
  };
}
