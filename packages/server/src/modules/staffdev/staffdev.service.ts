import type { FastifyReply } from 'fastify';
import {
  createCertificateSchema,
  createDegreeSchema,
  createStaffSchema,
  createTrainingRecordSchema,
  permissionsOf,
  shanghaiDate,
  trainingTotalsByYear,
  updateDegreeSchema,
  updateStaffSchema,
  type CreateCertificate,
  type CreateDegree,
  type CreateStaff,
  type CreateTrainingRecord,
  type Staff,
  type StaffDetail,
  type StaffListQuery,
  type UpdateStaff,
} from '@jinguo/domain';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/database.js';
import { auditActor, can, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { fieldError, NotFoundError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { findUnit } from '../org/index.js';
import { staffExport, staffImport, trainingRecordsExport, trainingRecordsImport } from './staffdev.excel.js';
import * as repo from './staffdev.repository.js';
import { validate } from '../../platform/validate.js';

export type StaffdevService = ReturnType<typeof createStaffdevService>;

function presentStaff(s: repo.StaffRow, year: number): Staff {
  return {
    id: s.id,
    ownerOrgId: s.ownerOrgId,
    ownerOrgName: s.ownerOrgName,
    name: s.name,
    gender: s.gender,
    category: s.category,
    position: s.position,
    birthYear: s.birthYear == null ? null : Number(s.birthYear),
    education: s.education,
    note: s.note,
    active: s.active === 1,
    year,
    trainings: Number(s.trainings),
    hours: Number(s.hours),
    studying: Number(s.studying) > 0,
    certificates: Number(s.certificates),
  };
}

/** The staff register: each person with the trainings she was sent to, her degree studies and certificates, and totals. */
export function createStaffdevService({ db, clock }: { db: Db; clock: Clock }) {
  const excel = { db, clock };
  const thisYear = () => Number(shanghaiDate(clock.now()).slice(0, 4));

  async function loadStaff(actor: Actor, id: string, permission: 'staffdev.read' | 'staffdev.write') {
    const scope = requirePermission(actor, permission);
    const s = await repo.findStaff(db, id, thisYear());
    if (!s || !pathInScope(scope, s.ownerOrgPath)) throw new NotFoundError('人员');
    return s;
  }
  function homeUnit(actor: Actor) {
    requirePermission(actor, 'staffdev.write');
    return actor.grants.find((g) => permissionsOf(g.role).includes('staffdev.write'))!.orgUnitId;
  }
  /** One write with its audit entry, in one transaction. */
  async function write(
    actor: Actor,
    s: repo.StaffRow,
    action: string,
    detail: Record<string, unknown>,
    change: (trx: Executor) => Promise<unknown>,
  ) {
    await db.transaction().execute(async (trx) => {
      await change(trx);
      await appendAudit(trx, clock, auditActor(actor), {
        action,
        entityType: 'staff_member',
        entityId: s.id,
        orgUnitId: s.ownerOrgId,
        detail,
      });
    });
  }

  async function detail(actor: Actor, id: string): Promise<StaffDetail> {
    const year = thisYear();
    const s = (await repo.findStaff(db, id, year))!;
    const trainings = await repo.listTrainingsOf(db, id);
    const degrees = await repo.listDegreesOf(db, id);
    const certificates = await repo.listCertificatesOf(db, id);
    return {
      ...presentStaff(s, year),
      trainingRecords: trainings.map((t) => ({
        id: t.id,
        staffId: t.staffId,
        title: t.title,
        organiser: t.organiser,
        level: t.level,
        startDate: t.startDate,
        endDate: t.endDate,
        hours: Number(t.hours),
        note: t.note,
      })),
      degreeRecords: degrees.map((d) => ({
        id: d.id,
        staffId: d.staffId,
        degree: d.degree,
        school: d.school,
        major: d.major,
        mode: d.mode,
        startDate: d.startDate,
        status: d.status,
        completedOn: d.completedOn,
      })),
      certificateRecords: certificates.map((c) => ({
        id: c.id,
        staffId: c.staffId,
        name: c.name,
        issuer: c.issuer,
        issuedOn: c.issuedOn,
        expiresOn: c.expiresOn,
      })),
      byYear: trainingTotalsByYear(trainings.map((t) => ({ level: t.level, startDate: t.startDate, hours: Number(t.hours) }))),
      can: { write: can(actor, 'staffdev.write') },
    };
  }

  return {
    async listStaff(actor: Actor, q: StaffListQuery) {
      const year = q.year ?? thisYear();
      const { items, total } = await repo.listStaff(db, requirePermission(actor, 'staffdev.read'), q, year);
      return { items: items.map((s) => presentStaff(s, year)), total, page: q.page, pageSize: q.pageSize };
    },
    async getStaff(actor: Actor, id: string) {
      await loadStaff(actor, id, 'staffdev.read');
      return detail(actor, id);
    },

    async createStaff(actor: Actor, body: CreateStaff) {
      const scope = requirePermission(actor, 'staffdev.write');
      const v = validate(createStaffSchema, body);
      const unit = await findUnit(db, v.ownerOrgId);
      if (!unit || !pathInScope(scope, unit.path)) throw fieldError('ownerOrgId', '所在单位不存在或不在您的工作范围内');
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertStaff(trx, [
          {
            id,
            ownerOrgId: v.ownerOrgId,
            name: v.name,
            gender: v.gender,
            category: v.category,
            position: v.position ?? null,
            birthYear: v.birthYear ?? null,
            education: v.education ?? null,
            note: v.note ?? null,
            active: 1,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          },
        ]);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'staff_member',
          entityId: id,
          orgUnitId: v.ownerOrgId,
          detail: { after: { name: v.name, category: v.category } },
        });
      });
      return detail(actor, id);
    },

    async updateStaff(actor: Actor, id: string, body: UpdateStaff) {
      const s = await loadStaff(actor, id, 'staffdev.write');
      const v = validate(updateStaffSchema, body);
      const { active, ...rest } = v;
      await write(actor, s, 'update', { changes: v }, (trx) =>
        repo.updateStaff(trx, id, {
          ...Object.fromEntries(Object.entries(rest).filter(([, x]) => x !== undefined)),
          ...(active !== undefined ? { active: active ? 1 : 0 } : {}),
          updatedAt: clock.now().toISOString(),
        }),
      );
      return detail(actor, id);
    },

    /** Records a training the person was sent to (选送): title, organiser, level, dates, hours. */
    async addTraining(actor: Actor, id: string, body: CreateTrainingRecord) {
      const s = await loadStaff(actor, id, 'staffdev.write');
      const v = validate(createTrainingRecordSchema, body);
      const at = clock.now().toISOString();
      const recordId = newId();
      await write(actor, s, 'training.add', { recordId, title: v.title, level: v.level, hours: v.hours }, (trx) =>
        repo.insertTrainings(trx, [
          {
            id: recordId,
            staffId: id,
            ownerOrgId: s.ownerOrgId,
            title: v.title,
            organiser: v.organiser,
            level: v.level,
            startDate: v.startDate,
            endDate: v.endDate ?? null,
            hours: v.hours,
            note: v.note ?? null,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          },
        ]),
      );
      return detail(actor, id);
    },
    async deleteTraining(actor: Actor, id: string, recordId: string) {
      const s = await loadStaff(actor, id, 'staffdev.write');
      const t = await repo.findTraining(db, id, recordId);
      if (!t) throw new NotFoundError('培训记录');
      await write(actor, s, 'training.delete', { recordId, before: { title: t.title, level: t.level, hours: Number(t.hours) } }, (trx) =>
        repo.deleteTraining(trx, recordId),
      );
      return detail(actor, id);
    },

    async addDegree(actor: Actor, id: string, body: CreateDegree) {
      const s = await loadStaff(actor, id, 'staffdev.write');
      const v = validate(createDegreeSchema, body);
      const at = clock.now().toISOString();
      const recordId = newId();
      await write(actor, s, 'degree.add', { recordId, degree: v.degree, school: v.school, status: v.status }, (trx) =>
        repo.insertDegree(trx, {
          id: recordId,
          staffId: id,
          ownerOrgId: s.ownerOrgId,
          degree: v.degree,
          school: v.school,
          major: v.major ?? null,
          mode: v.mode,
          startDate: v.startDate,
          status: v.status,
          completedOn: v.status === 'studying' ? null : (v.completedOn ?? null),
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        }),
      );
      return detail(actor, id);
    },
    /** Graduated or withdrawn (with the date), or back to studying. */
    async updateDegree(actor: Actor, id: string, degreeId: string, body: z.input<typeof updateDegreeSchema>) {
      const s = await loadStaff(actor, id, 'staffdev.write');
      const d = await repo.findDegree(db, id, degreeId);
      if (!d) throw new NotFoundError('学历教育记录');
      const v = validate(updateDegreeSchema, body);
      if (v.completedOn && v.completedOn < d.startDate) throw fieldError('completedOn', '结束日期不能早于入学日期');
      await write(actor, s, 'degree.update', { recordId: degreeId, before: d.status, after: v.status }, (trx) =>
        repo.updateDegree(trx, degreeId, {
          status: v.status,
          completedOn: v.status === 'studying' ? null : (v.completedOn ?? null),
          updatedAt: clock.now().toISOString(),
        }),
      );
      return detail(actor, id);
    },

    async addCertificate(actor: Actor, id: string, body: CreateCertificate) {
      const s = await loadStaff(actor, id, 'staffdev.write');
      const v = validate(createCertificateSchema, body);
      const recordId = newId();
      await write(actor, s, 'certificate.add', { recordId, name: v.name }, (trx) =>
        repo.insertCertificates(trx, [
          {
            id: recordId,
            staffId: id,
            ownerOrgId: s.ownerOrgId,
            name: v.name,
            issuer: v.issuer ?? null,
            issuedOn: v.issuedOn,
            expiresOn: v.expiresOn ?? null,
            createdBy: actor.userId,
            createdAt: clock.now().toISOString(),
          },
        ]),
      );
      return detail(actor, id);
    },

    async exportStaff(actor: Actor, q: Omit<StaffListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'staffdev.read');
      const year = q.year ?? thisYear();
      return sendExport(reply, excel, {
        actor,
        spec: staffExport(year),
        rows: keysetRows((after, limit) => repo.listStaffAfter(db, scope, q, year, after, limit)),
        filters: { ...q, year },
      });
    },
    async exportTrainings(actor: Actor, year: number | undefined, reply: FastifyReply) {
      const scope = requirePermission(actor, 'staffdev.read');
      return sendExport(reply, excel, {
        actor,
        spec: trainingRecordsExport,
        rows: keysetRows((after, limit) => repo.listTrainingsAfter(db, scope, year, after, limit)),
        filters: { year: year ?? null },
      });
    },
    staffTemplate: (reply: FastifyReply) => sendTemplate(reply, staffImport),
    trainingsTemplate: (reply: FastifyReply) => sendTemplate(reply, trainingRecordsImport),
    async importStaff(actor: Actor, source: UploadSource) {
      const home = homeUnit(actor);
      return startImport(excel, {
        actor,
        source,
        spec: staffImport,
        targetKey: `staff:${home}`,
        orgUnitId: home,
        entityType: 'staff_member',
        context: { ownerOrgId: home, createdBy: actor.userId, clock },
      });
    },
    async importTrainings(actor: Actor, source: UploadSource) {
      const home = homeUnit(actor);
      return startImport(excel, {
        actor,
        source,
        spec: trainingRecordsImport,
        targetKey: `staff-trainings:${home}`,
        orgUnitId: home,
        entityType: 'staff_member',
        context: { db, ownerOrgId: home, createdBy: actor.userId, clock },
      });
    },
  };
}
