import type { FastifyReply } from 'fastify';
import {
  checkResidentIdNumber,
  createSeekerSchema,
  maskIdNumber,
  maskPhone,
  permissionsOf,
  seekerTrainingInputSchema,
  shanghaiDate,
  updateSeekerSchema,
  type CreateSeeker,
  type SeekerDetail,
  type SeekerListQuery,
  type SeekerTrainingInput,
  type TraineeRecord,
  type UpdateSeeker,
} from '@jinguo/domain';
import type { Db, Executor } from '../../db/database.js';
import { auditActor, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { ConflictError, fieldError, NotFoundError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { searchTraineeRecords } from '../activities/index.js';
import { findOrCreatePerson } from '../people/index.js';
import { jsonArray, placesInScope, placesOf, presentSeeker, unitInScope } from './placement.common.js';
import { seekersExport, seekersImport } from './placement.excel.js';
import * as repo from './seekers.repository.js';
import { validate } from '../../platform/validate.js';

export type SeekersService = ReturnType<typeof createSeekersService>;

/**
 * Checks trainings taken that point at the federation's own training roster: each row must be in the caller's scope,
 * belong to this person (or to nobody yet), and not be linked to another job seeker — one trainee row is one person,
 * which is what lets 二次就业 count a woman once across training outcomes and placements.
 */
export async function checkTraineeLinks(
  trx: Executor,
  scope: Scope,
  trainings: { traineeId?: string | null }[],
  personId: string,
  seekerId: string | null,
  field = 'trainings',
) {
  const ids = trainings.map((t) => t.traineeId).filter((x): x is string => !!x);
  if (ids.length === 0) return;
  const found = await searchTraineeRecords(trx, scope, { traineeIds: ids, limit: ids.length });
  const elsewhere = await repo.traineesLinkedElsewhere(trx, ids, seekerId);
  trainings.forEach((t, i) => {
    if (!t.traineeId) return;
    const r = found.find((x) => x.traineeId === t.traineeId);
    if (!r) throw fieldError(`${field}.${i}.traineeId`, '培训记录不存在或不在您的工作范围内');
    if (r.personId && r.personId !== personId) throw fieldError(`${field}.${i}.traineeId`, '该培训记录属于另一人员');
    if (elsewhere.some((x) => x.traineeId === t.traineeId && x.personId !== personId))
      throw fieldError(`${field}.${i}.traineeId`, '该培训记录已关联其他求职人员');
  });
}

/** Job seekers: registered from the person registry (ID number deduplicated), their skills, wishes and trainings taken. */
export function createSeekersService({ db, clock, cipher }: { db: Db; clock: Clock; cipher: FieldCipher }) {
  const excel = { db, clock };

  async function loadSeeker(actor: Actor, id: string, permission: 'placement.read' | 'placement.write') {
    const scope = requirePermission(actor, permission);
    const s = await repo.findSeeker(db, id);
    if (!s || !pathInScope(scope, s.ownerOrgPath)) throw new NotFoundError('求职人员');
    return { s, scope };
  }

  async function detail(id: string): Promise<SeekerDetail> {
    const s = (await repo.findSeeker(db, id))!;
    const skills = (await repo.skillsOf(db, [id])).get(id) ?? [];
    const places = await placesOf(db, jsonArray(s.placeOrgIds));
    const trainings = await repo.listTrainings(db, id);
    return {
      ...presentSeeker(s, skills, places),
      trainings: trainings.map((t) => ({
        id: t.id,
        traineeId: t.traineeId,
        title: t.title,
        organiser: t.organiser,
        completedOn: t.completedOn,
      })),
    };
  }

  function trainingRows(seekerId: string, ownerOrgId: string, trainings: SeekerTrainingInput[], at: string) {
    return trainings.map((t) => ({
      id: newId(),
      seekerId,
      ownerOrgId,
      traineeId: t.traineeId ?? null,
      title: t.title,
      organiser: t.organiser ?? null,
      completedOn: t.completedOn ?? null,
      createdAt: at,
    }));
  }

  return {
    async listSeekers(actor: Actor, q: SeekerListQuery) {
      const { items, total } = await repo.listSeekers(db, requirePermission(actor, 'placement.read'), q);
      const skills = await repo.skillsOf(
        db,
        items.map((s) => s.id),
      );
      const places = await placesOf(
        db,
        items.flatMap((s) => jsonArray(s.placeOrgIds)),
      );
      return { items: items.map((s) => presentSeeker(s, skills.get(s.id) ?? [], places)), total, page: q.page, pageSize: q.pageSize };
    },
    async getSeeker(actor: Actor, id: string) {
      await loadSeeker(actor, id, 'placement.read');
      return detail(id);
    },

    /** Registers a job seeker: the person through the registry (found by ID number or added), then her wishes and skills. */
    async createSeeker(actor: Actor, body: CreateSeeker) {
      const scope = requirePermission(actor, 'placement.write');
      const v = validate(createSeekerSchema, body);
      await unitInScope(db, scope, v.ownerOrgId, 'ownerOrgId', '登记单位');
      await placesInScope(db, scope, v.placeOrgIds, 'placeOrgIds');
      const check = checkResidentIdNumber(v.idNumber, shanghaiDate(clock.now()));
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const person = await findOrCreatePerson(
          trx,
          { cipher, clock, actor },
          {
            name: v.name,
            gender: v.gender,
            idNumber: v.idNumber,
            phone: v.phone ?? null,
            residenceOrgId: v.residenceOrgId,
            ownerOrgId: v.ownerOrgId,
          },
        );
        if (await repo.findSeekerByPerson(trx, v.ownerOrgId, person.id))
          throw new ConflictError('该人员已在本单位求职登记', [{ path: 'idNumber', message: '该人员已在本单位求职登记' }]);
        await checkTraineeLinks(trx, scope, v.trainings, person.id, null);
        await repo.insertSeekers(trx, [
          {
            id,
            ownerOrgId: v.ownerOrgId,
            personId: person.id,
            name: v.name,
            gender: v.gender,
            birthDate: check.ok ? check.birthDate : null,
            idNumberMasked: maskIdNumber(v.idNumber),
            phoneMasked: maskPhone(v.phone),
            category: v.category,
            education: v.education ?? null,
            hours: v.hours,
            placeOrgIds: JSON.stringify(v.placeOrgIds),
            acceptsOutside: v.acceptsOutside ? 1 : 0,
            expectedWageFen: v.expectedWageFen ?? null,
            wishes: v.wishes ?? null,
            registeredOn: v.registeredOn,
            status: 'seeking',
            statusDate: v.registeredOn,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          },
        ]);
        await repo.replaceSkills(trx, id, v.ownerOrgId, v.skills);
        await repo.insertTrainings(trx, trainingRows(id, v.ownerOrgId, v.trainings, at));
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'placement_seeker',
          entityId: id,
          orgUnitId: v.ownerOrgId,
          detail: { after: { personId: person.id, category: v.category, skills: v.skills, trainings: v.trainings.length } },
        });
      });
      return detail(id);
    },

    async updateSeeker(actor: Actor, id: string, body: UpdateSeeker) {
      const { s, scope } = await loadSeeker(actor, id, 'placement.write');
      const v = validate(updateSeekerSchema, body);
      if (v.placeOrgIds) await placesInScope(db, scope, v.placeOrgIds, 'placeOrgIds');
      const { skills, placeOrgIds, acceptsOutside, status, ...rest } = v;
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.updateSeeker(trx, id, {
          ...Object.fromEntries(Object.entries(rest).filter(([, x]) => x !== undefined)),
          ...(placeOrgIds !== undefined ? { placeOrgIds: JSON.stringify(placeOrgIds) } : {}),
          ...(acceptsOutside !== undefined ? { acceptsOutside: acceptsOutside ? 1 : 0 } : {}),
          ...(status !== undefined && status !== s.status ? { status, statusDate: shanghaiDate(clock.now()) } : {}),
          updatedAt: at,
        });
        if (skills !== undefined) await repo.replaceSkills(trx, id, s.ownerOrgId, skills);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'placement_seeker',
          entityId: id,
          orgUnitId: s.ownerOrgId,
          detail: { changes: v },
        });
      });
      return detail(id);
    },

    /** Adds a training taken: a row of the federation's training roster, or a training elsewhere. */
    async addTraining(actor: Actor, id: string, body: SeekerTrainingInput) {
      const { s, scope } = await loadSeeker(actor, id, 'placement.write');
      const v = validate(seekerTrainingInputSchema, body);
      await db.transaction().execute(async (trx) => {
        await checkTraineeLinks(trx, scope, [v], s.personId, id, 'training');
        if (v.traineeId && (await repo.listTrainings(trx, id)).some((t) => t.traineeId === v.traineeId))
          throw new ConflictError('该培训记录已登记', [{ path: 'traineeId', message: '该培训记录已登记' }]);
        await repo.insertTrainings(trx, trainingRows(id, s.ownerOrgId, [v], clock.now().toISOString()));
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'training.add',
          entityType: 'placement_seeker',
          entityId: id,
          orgUnitId: s.ownerOrgId,
          detail: { traineeId: v.traineeId ?? null, title: v.title },
        });
      });
      return detail(id);
    },

    /** The federation's training-roster rows that may be this seeker's (same person, or same name): "training taken" to link. */
    async traineeRecords(actor: Actor, id: string): Promise<TraineeRecord[]> {
      const { s, scope } = await loadSeeker(actor, id, 'placement.read');
      const rows = await searchTraineeRecords(db, scope, { personId: s.personId, name: s.name, limit: 50 });
      return rows.map((r) => ({
        traineeId: r.traineeId,
        name: r.name,
        courseTitle: r.courseTitle,
        topic: r.topic,
        sessionDate: r.sessionDate,
        outcome: r.outcome,
        linkedPerson: r.personId === s.personId,
      }));
    },

    async exportSeekers(actor: Actor, q: Omit<SeekerListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'placement.read');
      return sendExport(reply, excel, {
        actor,
        spec: seekersExport,
        rows: keysetRows(async (after, limit) => {
          const rows = await repo.listSeekersAfter(db, scope, q, after, limit);
          const skills = await repo.skillsOf(
            db,
            rows.map((r) => r.id),
          );
          return rows.map((r) => ({ ...r, skillList: skills.get(r.id) ?? [] }));
        }),
        filters: q,
      });
    },
    seekersTemplate: (reply: FastifyReply) => sendTemplate(reply, seekersImport),
    async importSeekers(actor: Actor, source: UploadSource) {
      const scope = requirePermission(actor, 'placement.write');
      const home = actor.grants.find((g) => permissionsOf(g.role).includes('placement.write'))!.orgUnitId;
      return startImport(excel, {
        actor,
        source,
        spec: seekersImport,
        targetKey: `seekers:${home}`,
        orgUnitId: home,
        entityType: 'placement_seeker',
        context: { db, scope, actor, ownerOrgId: home, clock, cipher, seen: new Map() },
      });
    },
  };
}
