import type { FastifyReply } from 'fastify';
import { type CourseListQuery, type CreateCourse, createCourseSchema } from '@jinguo/domain';
import { auditActor, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { fieldError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { assertVersion } from '../../platform/versioning.js';
import { dialectOf } from '../../db/database.js';
import { validate } from '../../platform/validate.js';
import { coursesExport, coursesImport } from './activities.training.excel.js';
import * as repo from './activities.repository.js';
import { loadUnitLookup } from '../org/index.js';
import type { ActivitiesContext } from './activities.context.js';
import { presentCourseRow } from './activities.present.js';

/** Training courses (培训班): the list, one course, Excel in and out. */
export function createCourseService(ctx: ActivitiesContext) {
  const { courseDetail, db, clock, excel, unitInScope, loadCourse, homeUnit } = ctx;
  return {
    // ------------------------------------------------------------ training
    async listCourses(actor: Actor, q: CourseListQuery) {
      const scope = requirePermission(actor, 'activities.read');
      const { items, total } = await repo.listCourses(db, scope, q);
      return { items: items.map(presentCourseRow), total, page: q.page, pageSize: q.pageSize };
    },

    getCourse: courseDetail,

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
      return courseDetail(actor, id);
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
      return courseDetail(actor, id);
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
  };
}
