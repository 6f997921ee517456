import type { FastifyReply } from 'fastify';
import {
  createEmployerSchema,
  createVacancySchema,
  maskPhone,
  permissionsOf,
  updateEmployerSchema,
  updateVacancySchema,
  type CreateEmployer,
  type CreateVacancy,
  type EmployerListQuery,
  type UpdateEmployer,
  type UpdateVacancy,
  type VacancyListQuery,
} from '@jinguo/domain';
import type { Db } from '../../db/database.js';
import { auditActor, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { ConflictError, fieldError, isUniqueViolation, NotFoundError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import * as repo from './employers.repository.js';
import { placesInScope, presentEmployer, presentVacancy, unitInScope } from './placement.common.js';
import { employersExport, employersImport, vacanciesExport } from './placement.excel.js';
import { validate } from '../../platform/validate.js';

export type EmployersService = ReturnType<typeof createEmployersService>;

const CODE_TAKEN = '该统一社会信用代码已登记';

/** Employers (credit code checked, contact phone encrypted) and their vacancies. */
export function createEmployersService({ db, clock, cipher }: { db: Db; clock: Clock; cipher: FieldCipher }) {
  const excel = { db, clock };

  async function loadEmployer(actor: Actor, id: string, permission: 'placement.read' | 'placement.write') {
    const scope = requirePermission(actor, permission);
    const e = await repo.findEmployer(db, id);
    if (!e || !pathInScope(scope, e.ownerOrgPath)) throw new NotFoundError('用人单位');
    return { e, scope };
  }
  async function loadVacancy(actor: Actor, id: string, permission: 'placement.read' | 'placement.write') {
    const scope = requirePermission(actor, permission);
    const v = await repo.findVacancy(db, id);
    if (!v || !pathInScope(scope, v.ownerOrgPath)) throw new NotFoundError('岗位');
    return { v, scope };
  }
  /** A workplace inside the area must be a unit in the caller's scope; outside it, none. */
  async function checkLocation(scope: Scope, locationOrgId: string | null | undefined) {
    if (locationOrgId) await placesInScope(db, scope, [locationOrgId], 'locationOrgId');
  }
  function homeUnit(actor: Actor) {
    requirePermission(actor, 'placement.write');
    return actor.grants.find((g) => permissionsOf(g.role).includes('placement.write'))!.orgUnitId;
  }

  return {
    async listEmployers(actor: Actor, q: EmployerListQuery) {
      const { items, total } = await repo.listEmployers(db, requirePermission(actor, 'placement.read'), q);
      return { items: items.map(presentEmployer), total, page: q.page, pageSize: q.pageSize };
    },
    async getEmployer(actor: Actor, id: string) {
      return presentEmployer((await loadEmployer(actor, id, 'placement.read')).e);
    },

    async createEmployer(actor: Actor, body: CreateEmployer) {
      const scope = requirePermission(actor, 'placement.write');
      const v = validate(createEmployerSchema, body);
      await unitInScope(db, scope, v.ownerOrgId, 'ownerOrgId', '登记单位');
      if (await repo.findEmployerByCode(db, v.ownerOrgId, v.creditCode))
        throw new ConflictError(CODE_TAKEN, [{ path: 'creditCode', message: CODE_TAKEN }]);
      const id = newId();
      const at = clock.now().toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          await repo.insertEmployers(trx, [
            {
              id,
              ownerOrgId: v.ownerOrgId,
              name: v.name,
              creditCode: v.creditCode,
              industry: v.industry ?? null,
              address: v.address ?? null,
              contactName: v.contactName ?? null,
              contactPhoneEnc: v.contactPhone ? cipher.encrypt(v.contactPhone) : null,
              contactPhoneMasked: maskPhone(v.contactPhone),
              note: v.note ?? null,
              active: 1,
              createdBy: actor.userId,
              createdAt: at,
              updatedAt: at,
            },
          ]);
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'create',
            entityType: 'placement_employer',
            entityId: id,
            orgUnitId: v.ownerOrgId,
            detail: { after: { name: v.name, creditCode: v.creditCode } },
          });
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new ConflictError(CODE_TAKEN, [{ path: 'creditCode', message: CODE_TAKEN }]);
        throw err;
      }
      return this.getEmployer(actor, id);
    },

    async updateEmployer(actor: Actor, id: string, body: UpdateEmployer) {
      const { e } = await loadEmployer(actor, id, 'placement.write');
      const v = validate(updateEmployerSchema, body);
      if (v.creditCode && v.creditCode !== e.creditCode && (await repo.findEmployerByCode(db, e.ownerOrgId, v.creditCode)))
        throw new ConflictError(CODE_TAKEN, [{ path: 'creditCode', message: CODE_TAKEN }]);
      const { contactPhone, active, ...rest } = v;
      const patch = {
        ...Object.fromEntries(Object.entries(rest).filter(([, x]) => x !== undefined)),
        ...(contactPhone !== undefined
          ? { contactPhoneEnc: contactPhone ? cipher.encrypt(contactPhone) : null, contactPhoneMasked: maskPhone(contactPhone) }
          : {}),
        ...(active !== undefined ? { active: active ? 1 : 0 } : {}),
        updatedAt: clock.now().toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        await repo.updateEmployer(trx, id, patch);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'placement_employer',
          entityId: id,
          orgUnitId: e.ownerOrgId,
          detail: { changes: v },
        });
      });
      return this.getEmployer(actor, id);
    },

    /** The contact's full phone number, for calling the employer: an audited read. */
    async revealContact(actor: Actor, id: string) {
      const { e } = await loadEmployer(actor, id, 'placement.write');
      await db.transaction().execute((trx) =>
        appendAudit(trx, clock, auditActor(actor), {
          action: 'reveal',
          entityType: 'placement_employer',
          entityId: id,
          orgUnitId: e.ownerOrgId,
          detail: { fields: ['contactPhone'] },
        }),
      );
      return { contactName: e.contactName, contactPhone: e.contactPhoneEnc ? cipher.decrypt(e.contactPhoneEnc) : null };
    },

    async exportEmployers(actor: Actor, q: Omit<EmployerListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'placement.read');
      return sendExport(reply, excel, {
        actor,
        spec: employersExport,
        rows: keysetRows((after, limit) => repo.listEmployersAfter(db, scope, q, after, limit)),
        filters: q,
      });
    },
    employersTemplate: (reply: FastifyReply) => sendTemplate(reply, employersImport),
    async importEmployers(actor: Actor, source: UploadSource) {
      const home = homeUnit(actor);
      return startImport(excel, {
        actor,
        source,
        spec: employersImport,
        targetKey: `employers:${home}`,
        orgUnitId: home,
        entityType: 'placement_employer',
        context: { ownerOrgId: home, createdBy: actor.userId, clock, cipher, seen: new Map() },
      });
    },

    // ------------------------------------------------------------ vacancies
    async listVacancies(actor: Actor, q: VacancyListQuery) {
      const { items, total } = await repo.listVacancies(db, requirePermission(actor, 'placement.read'), q);
      return { items: items.map(presentVacancy), total, page: q.page, pageSize: q.pageSize };
    },
    async getVacancy(actor: Actor, id: string) {
      return presentVacancy((await loadVacancy(actor, id, 'placement.read')).v);
    },

    async createVacancy(actor: Actor, body: CreateVacancy) {
      const scope = requirePermission(actor, 'placement.write');
      const v = validate(createVacancySchema, body);
      const employer = await repo.findEmployer(db, v.employerId);
      if (!employer || !pathInScope(scope, employer.ownerOrgPath)) throw fieldError('employerId', '用人单位不存在或不在您的工作范围内');
      if (employer.active !== 1) throw fieldError('employerId', '该用人单位已停用');
      await checkLocation(scope, v.locationOrgId);
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertVacancies(trx, [
          {
            id,
            ownerOrgId: employer.ownerOrgId,
            employerId: employer.id,
            title: v.title,
            skills: JSON.stringify(v.skills),
            hours: v.hours,
            positions: v.positions,
            wageMinFen: v.wageMinFen ?? null,
            wageMaxFen: v.wageMaxFen ?? null,
            locationOrgId: v.locationOrgId ?? null,
            locationText: v.locationText,
            ageMin: v.ageMin ?? null,
            ageMax: v.ageMax ?? null,
            publishedOn: v.publishedOn,
            closesOn: v.closesOn ?? null,
            status: 'open',
            description: v.description ?? null,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          },
        ]);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'placement_vacancy',
          entityId: id,
          orgUnitId: employer.ownerOrgId,
          detail: { after: { employerId: employer.id, title: v.title, positions: v.positions } },
        });
      });
      return this.getVacancy(actor, id);
    },

    async updateVacancy(actor: Actor, id: string, body: UpdateVacancy) {
      const { v: current, scope } = await loadVacancy(actor, id, 'placement.write');
      const v = validate(updateVacancySchema, body);
      await checkLocation(scope, v.locationOrgId);
      const merged = {
        wageMinFen: v.wageMinFen === undefined ? current.wageMinFen : v.wageMinFen,
        wageMaxFen: v.wageMaxFen === undefined ? current.wageMaxFen : v.wageMaxFen,
        ageMin: v.ageMin === undefined ? current.ageMin : v.ageMin,
        ageMax: v.ageMax === undefined ? current.ageMax : v.ageMax,
        positions: v.positions ?? Number(current.positions),
      };
      if (merged.wageMinFen != null && merged.wageMaxFen != null && Number(merged.wageMaxFen) < Number(merged.wageMinFen))
        throw fieldError('wageMaxFen', '月薪上限不能低于下限');
      if (merged.ageMin != null && merged.ageMax != null && Number(merged.ageMax) < Number(merged.ageMin))
        throw fieldError('ageMax', '年龄上限不能低于下限');
      if (merged.positions < Number(current.filled)) throw fieldError('positions', `招聘人数不能少于已录用人数（${current.filled}人）`);
      const { skills, ...rest } = v;
      await db.transaction().execute(async (trx) => {
        await repo.updateVacancy(trx, id, {
          ...Object.fromEntries(Object.entries(rest).filter(([, x]) => x !== undefined)),
          ...(skills !== undefined ? { skills: JSON.stringify(skills) } : {}),
          updatedAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'placement_vacancy',
          entityId: id,
          orgUnitId: current.ownerOrgId,
          detail: { changes: v },
        });
      });
      return this.getVacancy(actor, id);
    },

    async exportVacancies(actor: Actor, q: Omit<VacancyListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'placement.read');
      return sendExport(reply, excel, {
        actor,
        spec: vacanciesExport,
        rows: keysetRows((after, limit) => repo.listVacanciesAfter(db, scope, q, after, limit)),
        filters: q,
      });
    },
  };
}
