import type { FastifyReply } from 'fastify';
import {
  createClassSchema,
  linkTrainingSessionSchema,
  shanghaiDate,
  siteOpenOn,
  type ClassListQuery,
  type ParentSchoolClass,
} from '@jinguo/domain';
import type { Db } from '../../db/database.js';
import { auditActor, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, fieldError, isUniqueViolation, NotFoundError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { classesExport, classesImport, siteLookup } from './parentschools.excel.js';
import * as repo from './parentschools.repository.js';
import { homeUnit, writableSite } from './parentschools.scope.js';
import { validate } from '../../platform/validate.js';

export type ClassesService = ReturnType<typeof createClassesService>;
type ClassRow = NonNullable<Awaited<ReturnType<typeof repo.findClass>>>;

export function presentClass(c: Omit<ClassRow, 'ownerOrgPath'>): ParentSchoolClass {
  return {
    id: c.id,
    siteId: c.siteId,
    siteName: c.siteName,
    ownerOrgName: c.ownerOrgName,
    source: c.trainingSessionId ? 'training' : 'own',
    heldOn: c.heldOn,
    topic: c.topic,
    teacherName: c.teacherName,
    hours: Number(c.hours),
    attendance: Number(c.attendance),
    trainingSessionId: c.trainingSessionId,
    courseTitle: c.courseTitle ?? null,
    note: c.note,
  };
}
/** A parent school's classes with attendance: its own, or a family-education training session held there. */
export function createClassesService({ db, clock }: { db: Db; clock: Clock }) {
  const excel = { db, clock };
  const today = () => shanghaiDate(clock.now());
  const siteForWrite = (scope: Scope, id: string) => writableSite(db, scope, id, Number(today().slice(0, 4)));
  const audit = (actor: Actor, e: Parameters<typeof appendAudit>[3]) => (trx: Parameters<typeof appendAudit>[0]) =>
    appendAudit(trx, clock, auditActor(actor), e);

  return {
    async listClasses(actor: Actor, q: ClassListQuery) {
      const scope = requirePermission(actor, 'parentschools.read');
      const { items, total } = await repo.listClasses(db, scope, q);
      return { items: items.map(presentClass), total, page: q.page, pageSize: q.pageSize };
    },

    /** A class held at a site while it is open, with its teacher and the parents present. */
    async createClass(actor: Actor, body: unknown) {
      const scope = requirePermission(actor, 'parentschools.write');
      const v = validate(createClassSchema, body);
      const site = await siteForWrite(scope, v.siteId);
      if (v.heldOn > today()) throw fieldError('heldOn', '授课日期不能晚于今天');
      if (!siteOpenOn(site, v.heldOn)) throw fieldError('heldOn', '授课日期须在该家长学校开办期间（成立之后、停办之前）');
      let teacherName = v.teacherName ?? null;
      if (v.teacherId) {
        const t = await repo.findTeacher(db, v.teacherId);
        if (!t || !pathInScope(scope, t.ownerOrgPath)) throw fieldError('teacherId', '授课人不存在或不在您的工作范围内');
        teacherName = t.name;
      }
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertClasses(trx, [
          {
            id,
            siteId: site.id,
            ownerOrgId: site.ownerOrgId,
            heldOn: v.heldOn,
            topic: v.topic,
            teacherId: v.teacherId ?? null,
            teacherName,
            hours: v.hours,
            attendance: v.attendance,
            trainingSessionId: null,
            note: v.note ?? null,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          },
        ]);
        await audit(actor, {
          action: 'create',
          entityType: 'parent_school_class',
          entityId: id,
          orgUnitId: site.ownerOrgId,
          detail: { siteId: site.id, heldOn: v.heldOn, attendance: v.attendance },
        })(trx);
      });
      return presentClass((await repo.findClass(db, id))!);
    },

    /**
     * Takes a family-education training session (activities) held at the site as one of its classes. Nothing of
     * the session is copied: its date, topic, teacher and attendance are read from the activities record, so its
     * parents are counted once whether the figure is the training's or the parent school's.
     */
    async linkTrainingSession(actor: Actor, body: unknown) {
      const scope = requirePermission(actor, 'parentschools.write');
      const v = validate(linkTrainingSessionSchema, body);
      const site = await siteForWrite(scope, v.siteId);
      const session = await repo.findTrainingSession(db, v.trainingSessionId);
      if (!session || !pathInScope(scope, session.ownerOrgPath))
        throw fieldError('trainingSessionId', '培训期次不存在或不在您的工作范围内');
      if (session.category !== 'family_education') throw fieldError('trainingSessionId', '只能关联家庭教育类培训的期次');
      if (!siteOpenOn(site, session.sessionDate)) throw fieldError('trainingSessionId', '该期次的日期不在该家长学校开办期间');
      if (await repo.findClassBySession(db, session.id))
        throw new ConflictError('该培训期次已计入一所家长学校', [{ path: 'trainingSessionId', message: '该培训期次已计入一所家长学校' }]);
      const id = newId();
      const at = clock.now().toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          await repo.insertClasses(trx, [
            {
              id,
              siteId: site.id,
              ownerOrgId: site.ownerOrgId,
              heldOn: null,
              topic: null,
              teacherId: null,
              teacherName: null,
              hours: null,
              attendance: null,
              trainingSessionId: session.id,
              note: null,
              createdBy: actor.userId,
              createdAt: at,
              updatedAt: at,
            },
          ]);
          await audit(actor, {
            action: 'link',
            entityType: 'parent_school_class',
            entityId: id,
            orgUnitId: site.ownerOrgId,
            detail: { siteId: site.id, trainingSessionId: session.id },
          })(trx);
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new ConflictError('该培训期次已计入一所家长学校');
        throw e;
      }
      return presentClass((await repo.findClass(db, id))!);
    },

    async linkableSessions(actor: Actor, year: number) {
      const scope = requirePermission(actor, 'parentschools.write');
      return (await repo.listLinkableSessions(db, scope, year)).map((s) => ({
        id: s.id,
        courseTitle: s.courseTitle,
        topic: s.topic,
        sessionDate: s.sessionDate,
        venue: s.venue,
        attendeeCount: Number(s.attendeeCount),
      }));
    },

    /** Removes a class recorded by mistake (a linked session goes back to being the training's only). */
    async deleteClass(actor: Actor, id: string) {
      const scope = requirePermission(actor, 'parentschools.write');
      const c = await repo.findClass(db, id);
      if (!c || !pathInScope(scope, c.ownerOrgPath)) throw new NotFoundError('授课记录');
      await db.transaction().execute(async (trx) => {
        await repo.deleteClass(trx, id);
        await audit(actor, {
          action: 'delete',
          entityType: 'parent_school_class',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: {
            before: { siteId: c.siteId, heldOn: c.heldOn, attendance: Number(c.attendance), trainingSessionId: c.trainingSessionId },
          },
        })(trx);
      });
      return { ok: true as const };
    },

    async exportClasses(actor: Actor, q: Omit<ClassListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'parentschools.read');
      return sendExport(reply, excel, {
        actor,
        spec: classesExport,
        rows: keysetRows((after, limit) => repo.listClassesAfter(db, scope, q, after, limit)),
        filters: q,
      });
    },
    async classesTemplate(actor: Actor, reply: FastifyReply) {
      const scope = requirePermission(actor, 'parentschools.write');
      return sendTemplate(reply, classesImport(siteLookup(await repo.listSiteNames(db, scope))) as never);
    },
    async importClasses(actor: Actor, source: UploadSource) {
      const scope = requirePermission(actor, 'parentschools.write');
      const home = homeUnit(actor);
      return startImport(excel, {
        actor,
        source,
        spec: classesImport(siteLookup(await repo.listSiteNames(db, scope))),
        targetKey: `classes:${home}`,
        orgUnitId: home,
        entityType: 'parent_school_class',
        context: { createdBy: actor.userId, clock },
      });
    },
  };
}
