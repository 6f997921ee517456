import type { FastifyReply } from 'fastify';
import {
  checkResidentIdNumber,
  maskIdNumber,
  maskPhone,
  type AddTrainee,
  type CreateSession,
  type TraineeOutcomeInput,
  addTraineeSchema,
  createSessionSchema,
  traineeOutcomeSchema,
} from '@jinguo/domain';
import { auditActor, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { fieldError, NotFoundError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { validate } from '../../platform/validate.js';
import { TRAINEE_BIDX, traineesExport, traineesImport } from './activities.training.excel.js';
import * as repo from './activities.repository.js';
import type { ActivitiesContext } from './activities.context.js';
import { presentTrainee } from './activities.present.js';

/** A course's sessions and their trainees: attendance, outcomes (再就业, 创业), Excel in and out. */
export function createTrainingService(ctx: ActivitiesContext) {
  const { courseDetail, db, clock, cipher, excel, loadCourse, loadSession, traineePersonLinker, residenceFor } = ctx;
  return {
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
      const created = (await courseDetail(actor, courseId)).sessionList.find((s) => s.id === id);
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
      return courseDetail(actor, course.id);
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
  };
}
