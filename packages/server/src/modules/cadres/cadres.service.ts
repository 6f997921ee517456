import type { FastifyReply } from 'fastify';
import {
  addRotationMemberSchema,
  createCadreSchema,
  createRecommendationSchema,
  createRotationSchema,
  permissionsOf,
  shanghaiDate,
  sharePercent,
  updateCadreSchema,
  updateRecommendationStatusSchema,
  type CadreListQuery,
  type CreateCadre,
  type CreateRecommendation,
  type CreateRotation,
  type RecommendationListQuery,
} from '@jinguo/domain';
import type { z } from 'zod';
import { dialectOf, type Db } from '../../db/database.js';
import { auditActor, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, fieldError, NotFoundError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { assertVersion } from '../../platform/versioning.js';
import { findUnit } from '../org/index.js';
import {
  cadresExport,
  cadresImport,
  recommendationsExport,
  recommendationsImport,
  rotationMembersExport,
  rotationMembersImport,
} from './cadres.excel.js';
import * as repo from './cadres.repository.js';
import { validate } from '../../platform/validate.js';

export type CadresService = ReturnType<typeof createCadresService>;

function presentCadre(c: Awaited<ReturnType<typeof repo.findCadre>> & object) {
  return {
    id: c.id,
    ownerOrgId: c.ownerOrgId,
    ownerOrgName: c.ownerOrgName,
    name: c.name,
    gender: c.gender,
    unitName: c.unitName,
    position: c.position,
    rank: c.rank,
    birthYear: c.birthYear == null ? null : Number(c.birthYear),
    partyMember: c.partyMember === 1,
    note: c.note,
    active: c.active === 1,
    education: c.education,
    postLevel: c.postLevel,
    unitCategory: c.unitCategory,
    servingSince: c.servingSince,
    leftOn: c.leftOn,
    reserve: c.reserve === 1,
    version: Number(c.version),
  };
}
function presentRotation(r: Awaited<ReturnType<typeof repo.findRotation>> & object) {
  const total = Number(r.total);
  const women = Number(r.women);
  return {
    id: r.id,
    ownerOrgId: r.ownerOrgId,
    ownerOrgName: r.ownerOrgName,
    title: r.title,
    startDate: r.startDate,
    endDate: r.endDate,
    description: r.description,
    total,
    women,
    womenShare: sharePercent(women, total),
  };
}
function presentRecommendation(p: Awaited<ReturnType<typeof repo.findRecommendation>> & object) {
  return {
    id: p.id,
    ownerOrgId: p.ownerOrgId,
    ownerOrgName: p.ownerOrgName,
    candidateName: p.candidateName,
    unitName: p.unitName,
    recommendedOn: p.recommendedOn,
    status: p.status,
    statusDate: p.statusDate,
    note: p.note,
  };
}

/** The cadre roster, rotations (上挂下派) and their women's share, and party-membership recommendations (推优). */
export function createCadresService({ db, clock }: { db: Db; clock: Clock }) {
  const excel = { db, clock };

  async function unitInScope(scope: Scope, id: string, label = '登记单位') {
    const unit = await findUnit(db, id);
    if (!unit || !pathInScope(scope, unit.path)) throw fieldError('ownerOrgId', `${label}不存在或不在您的工作范围内`);
    return unit;
  }
  async function loadCadre(actor: Actor, id: string, permission: 'cadres.read' | 'cadres.write') {
    const scope = requirePermission(actor, permission);
    const c = await repo.findCadre(db, id);
    if (!c || !pathInScope(scope, c.ownerOrgPath)) throw new NotFoundError('干部');
    return c;
  }
  async function loadRotation(actor: Actor, id: string, permission: 'cadres.read' | 'cadres.write') {
    const scope = requirePermission(actor, permission);
    const r = await repo.findRotation(db, id);
    if (!r || !pathInScope(scope, r.ownerOrgPath)) throw new NotFoundError('上挂下派');
    return { r, scope };
  }
  function homeUnit(actor: Actor) {
    requirePermission(actor, 'cadres.write');
    return actor.grants.find((g) => permissionsOf(g.role).includes('cadres.write'))!.orgUnitId;
  }

  return {
    async listCadres(actor: Actor, q: CadreListQuery) {
      const scope = requirePermission(actor, 'cadres.read');
      const { items, total } = await repo.listCadres(db, scope, q);
      return { items: items.map((c) => presentCadre({ ...c, ownerOrgPath: '' })), total, page: q.page, pageSize: q.pageSize };
    },

    async createCadre(actor: Actor, body: CreateCadre) {
      const scope = requirePermission(actor, 'cadres.write');
      const v = validate(createCadreSchema, body);
      await unitInScope(scope, v.ownerOrgId);
      if (await repo.findCadreByNameUnit(db, v.ownerOrgId, v.name, v.unitName))
        throw new ConflictError('该单位已有同名干部在花名册中', [{ path: 'name', message: '该单位已有同名干部在花名册中' }]);
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertCadres(trx, [
          {
            id,
            ownerOrgId: v.ownerOrgId,
            name: v.name,
            gender: v.gender,
            unitName: v.unitName,
            position: v.position ?? null,
            rank: v.rank,
            birthYear: v.birthYear ?? null,
            partyMember: v.partyMember ? 1 : 0,
            note: v.note ?? null,
            active: 1,
            education: v.education ?? null,
            postLevel: v.postLevel ?? null,
            unitCategory: v.unitCategory ?? null,
            servingSince: v.servingSince ?? null,
            leftOn: null,
            reserve: v.reserve ? 1 : 0,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          },
        ]);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'cadre',
          entityId: id,
          orgUnitId: v.ownerOrgId,
          detail: { after: { name: v.name, gender: v.gender, unitName: v.unitName, rank: v.rank } },
        });
      });
      return presentCadre((await repo.findCadre(db, id))!);
    },

    /** Edits a cadre; with `ifMatch` only if the record is still at that version (else 412 naming who changed it). */
    async updateCadre(actor: Actor, id: string, body: z.input<typeof updateCadreSchema>, ifMatch?: number | null) {
      const c = await loadCadre(actor, id, 'cadres.write');
      const v = validate(updateCadreSchema, body);
      if (v.ownerOrgId && v.ownerOrgId !== c.ownerOrgId) await unitInScope(requirePermission(actor, 'cadres.write'), v.ownerOrgId);
      // Off the roster from leftOn (default today), back on it with no leaving date: any year's roster is recounted from the dates.
      const leftOn = v.active === false ? (v.leftOn ?? c.leftOn ?? shanghaiDate(clock.now())) : v.active === true ? null : v.leftOn;
      if (leftOn && c.servingSince && leftOn < c.servingSince) throw fieldError('leftOn', '离开日期不能早于任职日期');
      const patch = {
        ...v,
        partyMember: v.partyMember === undefined ? undefined : v.partyMember ? 1 : 0,
        active: v.active === undefined ? (v.leftOn === undefined ? undefined : v.leftOn ? 0 : 1) : v.active ? 1 : 0,
        reserve: v.reserve === undefined ? undefined : v.reserve ? 1 : 0,
        leftOn,
      };
      await db.transaction().execute(async (trx) => {
        await assertVersion(trx, dialectOf(trx), { table: 'cadres', id, expected: ifMatch, entityType: 'cadre', what: '干部信息' });
        await repo.updateCadre(trx, id, {
          ...Object.fromEntries(Object.entries(patch).filter(([, x]) => x !== undefined)),
          updatedAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'cadre',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { changes: v },
        });
      });
      return presentCadre((await repo.findCadre(db, id))!);
    },

    async exportCadres(actor: Actor, q: Omit<CadreListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'cadres.read');
      return sendExport(reply, excel, {
        actor,
        spec: cadresExport,
        rows: keysetRows((after, limit) => repo.listCadresAfter(db, scope, q, after, limit)),
        filters: q,
      });
    },
    cadresTemplate: (reply: FastifyReply) => sendTemplate(reply, cadresImport),
    async importCadres(actor: Actor, source: UploadSource) {
      const home = homeUnit(actor);
      return startImport(excel, {
        actor,
        source,
        spec: cadresImport,
        targetKey: `roster:${home}`,
        orgUnitId: home,
        entityType: 'cadre',
        context: { ownerOrgId: home, createdBy: actor.userId, clock, seen: new Map() },
      });
    },

    // ------------------------------------------------------------ rotations
    async listRotations(actor: Actor) {
      return (await repo.listRotations(db, requirePermission(actor, 'cadres.read'))).map(presentRotation);
    },
    async getRotation(actor: Actor, id: string) {
      const { r } = await loadRotation(actor, id, 'cadres.read');
      return { ...presentRotation(r), members: await repo.listRotationMembers(db, id) };
    },
    async createRotation(actor: Actor, body: CreateRotation) {
      const scope = requirePermission(actor, 'cadres.write');
      const v = validate(createRotationSchema, body);
      await unitInScope(scope, v.ownerOrgId, '组织单位');
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertRotation(trx, {
          id,
          ownerOrgId: v.ownerOrgId,
          title: v.title,
          startDate: v.startDate,
          endDate: v.endDate ?? null,
          description: v.description ?? null,
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'cadre_rotation',
          entityId: id,
          orgUnitId: v.ownerOrgId,
          detail: { after: { title: v.title, startDate: v.startDate } },
        });
      });
      return this.getRotation(actor, id);
    },
    async addMember(actor: Actor, id: string, body: z.input<typeof addRotationMemberSchema>) {
      const { r, scope } = await loadRotation(actor, id, 'cadres.write');
      const v = validate(addRotationMemberSchema, body);
      const cadre = await repo.findCadre(db, v.cadreId);
      if (!cadre || !pathInScope(scope, cadre.ownerOrgPath)) throw fieldError('cadreId', '干部不存在或不在您的工作范围内');
      if (await repo.findRotationMember(db, id, v.cadreId))
        throw new ConflictError('该干部已在名单中', [{ path: 'cadreId', message: '该干部已在名单中' }]);
      await db.transaction().execute(async (trx) => {
        await repo.insertRotationMembers(trx, [
          {
            id: newId(),
            rotationId: id,
            cadreId: v.cadreId,
            ownerOrgId: r.ownerOrgId,
            direction: v.direction,
            hostUnit: v.hostUnit ?? null,
            createdAt: clock.now().toISOString(),
          },
        ]);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'member.add',
          entityType: 'cadre_rotation',
          entityId: id,
          orgUnitId: r.ownerOrgId,
          detail: { cadreId: v.cadreId, direction: v.direction },
        });
      });
      return this.getRotation(actor, id);
    },
    async removeMember(actor: Actor, id: string, memberId: string) {
      const { r } = await loadRotation(actor, id, 'cadres.write');
      await db.transaction().execute(async (trx) => {
        const res = await repo.deleteRotationMember(trx, id, memberId);
        if (!Number(res.numDeletedRows)) throw new NotFoundError('名单成员');
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'member.remove',
          entityType: 'cadre_rotation',
          entityId: id,
          orgUnitId: r.ownerOrgId,
          detail: { memberId },
        });
      });
      return this.getRotation(actor, id);
    },
    membersTemplate: (reply: FastifyReply) => sendTemplate(reply, rotationMembersImport),
    async importMembers(actor: Actor, id: string, source: UploadSource) {
      const { r } = await loadRotation(actor, id, 'cadres.write');
      return startImport(excel, {
        actor,
        source,
        spec: rotationMembersImport,
        targetKey: id,
        orgUnitId: r.ownerOrgId,
        entityType: 'cadre_rotation',
        entityId: id,
        context: { rotationId: id, ownerOrgId: r.ownerOrgId, createdBy: actor.userId, clock, seen: new Map() },
      });
    },
    async exportMembers(actor: Actor, id: string, reply: FastifyReply) {
      const { r } = await loadRotation(actor, id, 'cadres.read');
      return sendExport(reply, excel, {
        actor,
        spec: rotationMembersExport,
        rows: keysetRows((after, limit) => repo.listRotationMembersAfter(db, id, after, limit)),
        filters: { rotationId: id },
        orgUnitId: r.ownerOrgId,
      });
    },

    // ------------------------------------------------------------ 推优
    async listRecommendations(actor: Actor, q: RecommendationListQuery) {
      const scope = requirePermission(actor, 'cadres.read');
      const { items, total } = await repo.listRecommendations(db, scope, q);
      return { items: items.map(presentRecommendation), total, page: q.page, pageSize: q.pageSize };
    },
    async createRecommendation(actor: Actor, body: CreateRecommendation) {
      const scope = requirePermission(actor, 'cadres.write');
      const v = validate(createRecommendationSchema, body);
      await unitInScope(scope, v.ownerOrgId, '推荐单位');
      if (v.cadreId) {
        const c = await repo.findCadre(db, v.cadreId);
        if (!c || !pathInScope(scope, c.ownerOrgPath)) throw fieldError('cadreId', '干部不存在或不在您的工作范围内');
      }
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertRecommendations(trx, [
          {
            id,
            ownerOrgId: v.ownerOrgId,
            candidateName: v.candidateName,
            unitName: v.unitName ?? null,
            recommendedOn: v.recommendedOn,
            status: 'recommended',
            statusDate: null,
            note: v.note ?? null,
            cadreId: v.cadreId ?? null,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          },
        ]);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'party_recommendation',
          entityId: id,
          orgUnitId: v.ownerOrgId,
          detail: { recommendedOn: v.recommendedOn },
        });
      });
      return presentRecommendation((await repo.findRecommendation(db, id))!);
    },
    async updateRecommendationStatus(actor: Actor, id: string, body: z.input<typeof updateRecommendationStatusSchema>) {
      const scope = requirePermission(actor, 'cadres.write');
      const v = validate(updateRecommendationStatusSchema, body);
      const p = await repo.findRecommendation(db, id);
      if (!p || !pathInScope(scope, p.ownerOrgPath)) throw new NotFoundError('推优记录');
      if (v.statusDate < p.recommendedOn) throw fieldError('statusDate', '日期不能早于推荐日期');
      await db.transaction().execute(async (trx) => {
        await repo.updateRecommendation(trx, id, {
          status: v.status,
          statusDate: v.statusDate,
          note: v.note ?? p.note,
          updatedAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'status',
          entityType: 'party_recommendation',
          entityId: id,
          orgUnitId: p.ownerOrgId,
          detail: { before: p.status, after: v.status },
        });
      });
      return presentRecommendation((await repo.findRecommendation(db, id))!);
    },
    async exportRecommendations(actor: Actor, q: Omit<RecommendationListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'cadres.read');
      return sendExport(reply, excel, {
        actor,
        spec: recommendationsExport,
        rows: keysetRows((after, limit) => repo.listRecommendationsAfter(db, scope, q, after, limit)),
        filters: q,
      });
    },
    recommendationsTemplate: (reply: FastifyReply) => sendTemplate(reply, recommendationsImport),
    async importRecommendations(actor: Actor, source: UploadSource) {
      const home = homeUnit(actor);
      return startImport(excel, {
        actor,
        source,
        spec: recommendationsImport,
        targetKey: `recommendations:${home}`,
        orgUnitId: home,
        entityType: 'party_recommendation',
        context: { ownerOrgId: home, createdBy: actor.userId, clock },
      });
    },
  };
}
