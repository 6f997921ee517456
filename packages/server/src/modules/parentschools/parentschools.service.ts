import type { FastifyReply } from 'fastify';
import {
  createSiteSchema,
  createTeacherSchema,
  isValidPhone,
  maskPhone,
  normalizePhone,
  shanghaiDate,
  updateSiteSchema,
  type ParentSchoolSite,
  type ParentSchoolTeacher,
  type SiteListQuery,
} from '@jinguo/domain';
import type { Db } from '../../db/database.js';
import { auditActor, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { ConflictError, fieldError, isUniqueViolation, NotFoundError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { findUnit, loadUnitLookup } from '../org/index.js';
import { sitesExport, sitesImport } from './parentschools.excel.js';
import { homeUnit, writableSite } from './parentschools.scope.js';
import * as repo from './parentschools.repository.js';
import { validate } from '../../platform/validate.js';

export type ParentSchoolsService = ReturnType<typeof createParentSchoolsService>;
type Deps = { db: Db; clock: Clock; cipher: FieldCipher };
type SiteRow = NonNullable<Awaited<ReturnType<typeof repo.findSite>>>;
type TeacherRow = NonNullable<Awaited<ReturnType<typeof repo.findTeacher>>>;

const OWNER_KINDS = new Set(['federation', 'township', 'street']);

export function presentSite(s: Omit<SiteRow, 'ownerOrgPath'>): ParentSchoolSite {
  return {
    id: s.id,
    ownerOrgId: s.ownerOrgId,
    ownerOrgName: s.ownerOrgName,
    name: s.name,
    kind: s.kind,
    hostOrgId: s.hostOrgId,
    hostName: s.hostOrgName ?? s.hostName,
    establishedOn: s.establishedOn,
    closedOn: s.closedOn,
    principal: s.principal,
    note: s.note,
    classes: Number(s.classes),
    attendance: Number(s.attendance),
  };
}
function presentTeacher(t: TeacherRow): ParentSchoolTeacher {
  return {
    id: t.id,
    ownerOrgId: t.ownerOrgId,
    ownerOrgName: t.ownerOrgName,
    name: t.name,
    title: t.title,
    unitName: t.unitName,
    phoneMasked: t.phoneMasked,
    siteId: t.siteId,
    siteName: t.siteName,
    note: t.note,
    classes: Number(t.classes),
  };
}

/** 家长学校: the sites by unit and their teachers (classes: classes.service.ts; the textbook order: textbooks.service.ts). */
export function createParentSchoolsService({ db, clock, cipher }: Deps) {
  const excel = { db, clock };
  const today = () => shanghaiDate(clock.now());
  const thisYear = () => Number(today().slice(0, 4));

  async function unitInScope(scope: Scope, id: string, field: string, label: string) {
    const unit = await findUnit(db, id);
    if (!unit || !pathInScope(scope, unit.path)) throw fieldError(field, `${label}不存在或不在您的工作范围内`);
    return unit;
  }
  async function loadSite(scope: Scope, id: string, year = thisYear()) {
    const s = await repo.findSite(db, id, year);
    if (!s || !pathInScope(scope, s.ownerOrgPath)) throw new NotFoundError('家长学校');
    return s;
  }
  const siteForWrite = (scope: Scope, id: string) => writableSite(db, scope, id, thisYear());
  const audit = (actor: Actor, e: Parameters<typeof appendAudit>[3]) => (trx: Parameters<typeof appendAudit>[0]) =>
    appendAudit(trx, clock, auditActor(actor), e);

  return {
    // ------------------------------------------------------------ sites
    async listSites(actor: Actor, q: SiteListQuery) {
      const scope = requirePermission(actor, 'parentschools.read');
      const { items, total } = await repo.listSites(db, scope, q, today());
      return { items: items.map(presentSite), total, page: q.page, pageSize: q.pageSize };
    },
    async getSite(actor: Actor, id: string, year?: number) {
      return presentSite(await loadSite(requirePermission(actor, 'parentschools.read'), id, year));
    },

    /** Opens a parent school: run by a federation unit in scope, hosted by a unit of the tree or a named one. */
    async createSite(actor: Actor, body: unknown) {
      const scope = requirePermission(actor, 'parentschools.write');
      const v = validate(createSiteSchema, body);
      const owner = await unitInScope(scope, v.ownerOrgId, 'ownerOrgId', '所属妇联');
      if (!OWNER_KINDS.has(owner.kind)) throw fieldError('ownerOrgId', '所属妇联须为区妇联、乡镇或街道妇联');
      // A host chosen from the tree is one the caller may see (the picker offers her scope); one elsewhere is named
      // in hostName. Else any unit's name, another district's too, would come back in the answer.
      if (v.hostOrgId) await unitInScope(scope, v.hostOrgId, 'hostOrgId', '举办单位');
      if (v.establishedOn > today()) throw fieldError('establishedOn', '成立日期不能晚于今天');
      if (await repo.findSiteByName(db, v.ownerOrgId, v.name))
        throw new ConflictError('该单位已有同名家长学校', [{ path: 'name', message: '该单位已有同名家长学校' }]);
      const id = newId();
      const at = clock.now().toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          await repo.insertSites(trx, [
            {
              id,
              ownerOrgId: v.ownerOrgId,
              name: v.name,
              kind: v.kind,
              hostOrgId: v.hostOrgId ?? null,
              hostName: v.hostOrgId ? null : (v.hostName ?? null),
              establishedOn: v.establishedOn,
              closedOn: null,
              principal: v.principal ?? null,
              note: v.note ?? null,
              createdBy: actor.userId,
              createdAt: at,
              updatedAt: at,
            },
          ]);
          await audit(actor, {
            action: 'create',
            entityType: 'parent_school_site',
            entityId: id,
            orgUnitId: v.ownerOrgId,
            detail: { after: { name: v.name, kind: v.kind, establishedOn: v.establishedOn } },
          })(trx);
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new ConflictError('该单位已有同名家长学校', [{ path: 'name', message: '该单位已有同名家长学校' }]);
        throw e;
      }
      return presentSite((await repo.findSite(db, id, thisYear()))!);
    },

    /** Edits a site; closing it (停办) takes effect the day after closedOn, and it stops counting. */
    async updateSite(actor: Actor, id: string, body: unknown) {
      const scope = requirePermission(actor, 'parentschools.write');
      const s = await loadSite(scope, id);
      const v = validate(updateSiteSchema, body);
      if (v.closedOn && v.closedOn < s.establishedOn) throw fieldError('closedOn', '停办日期不能早于成立日期');
      if (v.name && v.name !== s.name && (await repo.findSiteByName(db, s.ownerOrgId, v.name)))
        throw new ConflictError('该单位已有同名家长学校', [{ path: 'name', message: '该单位已有同名家长学校' }]);
      const patch = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));
      const changes = Object.fromEntries(Object.keys(patch).map((k) => [k, [s[k as keyof typeof s] ?? null, patch[k] ?? null]]));
      await db.transaction().execute(async (trx) => {
        await repo.updateSite(trx, id, { ...patch, updatedAt: clock.now().toISOString() });
        await audit(actor, {
          action: 'update',
          entityType: 'parent_school_site',
          entityId: id,
          orgUnitId: s.ownerOrgId,
          detail: { changes },
        })(trx);
      });
      return presentSite((await repo.findSite(db, id, thisYear()))!);
    },

    async exportSites(actor: Actor, q: Omit<SiteListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'parentschools.read');
      return sendExport(reply, excel, {
        actor,
        spec: sitesExport,
        rows: keysetRows((after, limit) => repo.listSitesAfter(db, scope, q, today(), after, limit)),
        filters: q,
      });
    },
    async sitesTemplate(actor: Actor, reply: FastifyReply) {
      const scope = requirePermission(actor, 'parentschools.write');
      return sendTemplate(reply, sitesImport(await loadUnitLookup(db, scope)) as never);
    },
    async importSites(actor: Actor, source: UploadSource) {
      const scope = requirePermission(actor, 'parentschools.write');
      const home = homeUnit(actor);
      return startImport(excel, {
        actor,
        source,
        spec: sitesImport(await loadUnitLookup(db, scope)),
        targetKey: `sites:${home}`,
        orgUnitId: home,
        entityType: 'parent_school_site',
        context: { homeOrgId: home, createdBy: actor.userId, clock, seen: new Map() },
      });
    },

    // ------------------------------------------------------------ teachers
    async listTeachers(actor: Actor) {
      return (await repo.listTeachers(db, requirePermission(actor, 'parentschools.read'))).map(presentTeacher);
    },
    async createTeacher(actor: Actor, body: unknown) {
      const scope = requirePermission(actor, 'parentschools.write');
      const v = validate(createTeacherSchema, body);
      await unitInScope(scope, v.ownerOrgId, 'ownerOrgId', '登记单位');
      if (v.siteId) await siteForWrite(scope, v.siteId);
      if (v.phone && !isValidPhone(v.phone)) throw fieldError('phone', '电话号码格式不正确');
      const phone = v.phone ? normalizePhone(v.phone) : null;
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertTeachers(trx, [
          {
            id,
            ownerOrgId: v.ownerOrgId,
            siteId: v.siteId ?? null,
            name: v.name,
            title: v.title ?? null,
            unitName: v.unitName ?? null,
            phoneEnc: phone ? cipher.encrypt(phone) : null,
            phoneMasked: maskPhone(phone),
            note: v.note ?? null,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          },
        ]);
        await audit(actor, {
          action: 'create',
          entityType: 'parent_school_teacher',
          entityId: id,
          orgUnitId: v.ownerOrgId,
          detail: { after: { name: v.name, title: v.title ?? null, siteId: v.siteId ?? null, phone } },
        })(trx);
      });
      return presentTeacher((await repo.findTeacher(db, id))!);
    },
  };
}
