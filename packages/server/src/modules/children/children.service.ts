import type { FastifyReply } from 'fastify';
import {
  ageOnDate,
  checkResidentIdNumber,
  createChildSchema,
  createProxyMotherSchema,
  endChildSchema,
  isValidPhone,
  leftBehindAgeProblem,
  maskPhone,
  normalizePhone,
  permissionsOf,
  shanghaiDate,
  updateChildSchema,
  type ChildListQuery,
  type ChildNeed,
  type LeftBehindChild,
  type ProxyMother,
} from '@jinguo/domain';
import type { Db } from '../../db/database.js';
import { auditActor, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { ConflictError, fieldError, isUniqueViolation, NotFoundError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { assertGuardianConsent, minorDetailsVisible, minorNameFor, minorSearchText } from '../../platform/minors.js';
import { findUnit, loadUnitLookup, townshipOf } from '../org/index.js';
import { findOrCreatePerson } from '../people/index.js';
import { CONSENT_PURPOSE, childrenExport, childrenImport } from './children.excel.js';
import * as repo from './children.repository.js';
import { validate } from '../../platform/validate.js';

export type ChildrenService = ReturnType<typeof createChildrenService>;
type Deps = { db: Db; clock: Clock; cipher: FieldCipher };

/** The narrower permission that shows a minor's details (the shared rules: platform/minors.ts, as 春蕾's). */
export const MINORS = 'children.minors.read';

export const parseNeeds = (json: string): ChildNeed[] => {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? (v as ChildNeed[]) : [];
  } catch {
    return [];
  }
};

/** A child as this caller may see her: every left-behind child is a minor, so without children.minors.read a masked name only. */
export function presentChild(actor: Actor, c: repo.ChildRow, today: string): LeftBehindChild {
  const age = c.birthDate ? ageOnDate(c.birthDate, today) : null;
  const visible = minorDetailsVisible(actor, age, MINORS);
  const detail = <T>(v: T) => (visible ? v : null);
  return {
    id: c.id,
    personId: c.personId,
    name: minorNameFor(actor, c.name, age, MINORS),
    detailsVisible: visible,
    age: detail(age),
    gender: detail(c.gender),
    townshipId: c.ownerOrgId,
    townshipName: c.townshipName,
    villageName: c.villageName,
    schoolName: detail(c.schoolOrgName ?? c.schoolName),
    grade: detail(c.grade),
    situation: detail(c.situation),
    fatherWorkPlace: detail(c.fatherWorkPlace),
    motherWorkPlace: detail(c.motherWorkPlace),
    carerKind: detail(c.carerKind),
    carerName: detail(c.carerName),
    carerRelation: detail(c.carerRelation),
    carerPhoneMasked: detail(c.carerPhoneMasked),
    needs: detail(parseNeeds(c.needs)),
    note: detail(c.note),
    consentRecorded: Number(c.consents) > 0,
    status: c.status,
    registeredOn: c.registeredOn,
    endedOn: c.endedOn,
    endReason: detail(c.endReason),
    proxyMotherName: c.proxyMotherName ?? null,
    visits: Number(c.visits),
    helpFen: Number(c.helpFen),
  };
}

function presentMother(m: NonNullable<Awaited<ReturnType<typeof repo.findMother>>>): ProxyMother {
  return {
    id: m.id,
    personId: m.personId,
    ownerOrgId: m.ownerOrgId,
    townshipName: m.townshipName,
    name: m.name,
    phoneMasked: m.phoneMasked,
    unitName: m.unitName,
    note: m.note,
    activePairings: Number(m.activePairings),
  };
}

/** 关爱留守儿童: the register (persons of the registry; guardian consent first under 14) and the 代理妈妈. */
export function createChildrenService({ db, clock, cipher }: Deps) {
  const excel = { db, clock };
  const today = () => shanghaiDate(clock.now());

  async function placeInScope(scope: Scope, unitId: string) {
    const place = await townshipOf(db, unitId);
    if (!place || !pathInScope(scope, (place.village ?? place.township).path))
      throw fieldError('residenceOrgId', '居住地须为您工作范围内的村（社区）或乡镇（街道）');
    return place;
  }
  async function loadChild(actor: Actor, id: string, permission: 'children.read' | 'children.write') {
    const scope = requirePermission(actor, permission);
    const c = await repo.findChild(db, id);
    if (!c || !pathInScope(scope, c.ownerOrgPath)) throw new NotFoundError('留守儿童');
    return c;
  }

  return {
    loadChild,
    today,

    async listChildren(actor: Actor, q: ChildListQuery) {
      const scope = requirePermission(actor, 'children.read');
      const text = minorSearchText(actor, q.q, MINORS);
      const r = await repo.listChildren(db, scope, { ...q, text, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { items: r.items.map((c) => presentChild(actor, c, today())), total: r.total, page: q.page, pageSize: q.pageSize };
    },

    /**
     * Registers a left-behind child (under 16). For a child under 14 her guardian's consent is the first row written
     * (PIPL art. 31, the rule 春蕾 uses): without it nothing about her is stored. She is a person of the registry,
     * found by ID number or added; her carer's phone is encrypted.
     */
    async createChild(actor: Actor, body: unknown) {
      const scope = requirePermission(actor, 'children.write');
      const v = validate(createChildSchema, body);
      const check = checkResidentIdNumber(v.idNumber, today());
      if (!check.ok) throw fieldError('idNumber', check.reason);
      if (v.registeredOn > today()) throw fieldError('registeredOn', '登记日期不能晚于今天');
      const ageProblem = leftBehindAgeProblem(ageOnDate(check.birthDate, v.registeredOn));
      if (ageProblem) throw fieldError('idNumber', ageProblem);
      assertGuardianConsent(ageOnDate(check.birthDate, today()), v.consent, today());
      const place = await placeInScope(scope, v.residenceOrgId);
      if (v.schoolOrgId) {
        // A school of the tree within the caller's scope (a school elsewhere is named in schoolName): else any
        // school's name, another district's too, would come back in the answer.
        const school = await findUnit(db, v.schoolOrgId);
        if (school?.kind !== 'school' || !pathInScope(scope, school.path))
          throw fieldError('schoolOrgId', '学校不存在或不在您的工作范围内');
      }
      if (v.carerPhone && !isValidPhone(v.carerPhone)) throw fieldError('carerPhone', '电话号码格式不正确');
      const phone = v.carerPhone ? normalizePhone(v.carerPhone) : null;
      const id = newId();
      const at = clock.now().toISOString();
      const audit = (trx: Parameters<typeof appendAudit>[0], action: string, detail: Record<string, unknown>) =>
        appendAudit(trx, clock, auditActor(actor), {
          action,
          entityType: 'left_behind_child',
          entityId: id,
          orgUnitId: place.township.id,
          detail,
        });
      try {
        await db.transaction().execute(async (trx) => {
          if (v.consent) {
            await repo.insertConsent(trx, {
              id: newId(),
              childId: id,
              guardianName: v.consent.guardianName,
              relation: v.consent.relation,
              consentDate: v.consent.consentDate,
              method: v.consent.method,
              purpose: CONSENT_PURPOSE,
              note: v.consent.note ?? null,
              recordedBy: actor.userId,
              recordedAt: at,
            });
            await audit(trx, 'consent.record', { method: v.consent.method, consentDate: v.consent.consentDate });
          }
          const person = await findOrCreatePerson(
            trx,
            { cipher, clock, actor },
            {
              name: v.name,
              gender: check.gender,
              idNumber: v.idNumber,
              residenceOrgId: v.residenceOrgId,
              ownerOrgId: place.township.id,
              tags: ['留守儿童'],
            },
          );
          if (await repo.findChildByPerson(trx, person.id)) throw new ConflictError('该儿童已在留守儿童名册中');
          await repo.insertChild(trx, {
            id,
            ownerOrgId: place.township.id,
            personId: person.id,
            villageOrgId: place.village?.id ?? null,
            schoolOrgId: v.schoolOrgId ?? null,
            schoolName: v.schoolOrgId ? null : (v.schoolName ?? null),
            grade: v.grade ?? null,
            situation: v.situation,
            fatherWorkPlace: v.fatherWorkPlace ?? null,
            motherWorkPlace: v.motherWorkPlace ?? null,
            carerKind: v.carerKind,
            carerName: v.carerName ?? null,
            carerRelation: v.carerRelation ?? null,
            carerPhoneEnc: phone ? cipher.encrypt(phone) : null,
            carerPhoneMasked: maskPhone(phone),
            needs: JSON.stringify([...new Set(v.needs)]),
            status: 'active',
            registeredOn: v.registeredOn,
            endedOn: null,
            endReason: null,
            note: v.note ?? null,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          });
          await audit(trx, 'create', { personId: person.id, minor: true, consent: !!v.consent, situation: v.situation });
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new ConflictError('该儿童已在留守儿童名册中');
        throw e;
      }
      return presentChild(actor, (await repo.findChild(db, id))!, today());
    },

    async updateChild(actor: Actor, id: string, body: unknown) {
      const c = await loadChild(actor, id, 'children.write');
      const v = validate(updateChildSchema, body);
      if (v.carerPhone && !isValidPhone(v.carerPhone)) throw fieldError('carerPhone', '电话号码格式不正确');
      const { carerPhone, needs, ...rest } = v;
      const patch: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, x]) => x !== undefined));
      if (needs) patch.needs = JSON.stringify([...new Set(needs)]);
      if (carerPhone !== undefined) {
        const phone = carerPhone ? normalizePhone(carerPhone) : null;
        patch.carerPhoneEnc = phone ? cipher.encrypt(phone) : null;
        patch.carerPhoneMasked = maskPhone(phone);
      }
      await db.transaction().execute(async (trx) => {
        await repo.updateChild(trx, id, { ...patch, updatedAt: clock.now().toISOString() });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'left_behind_child',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          // Which fields changed, not their values: they are a minor's details.
          detail: { fields: Object.keys(v) },
        });
      });
      return presentChild(actor, (await repo.findChild(db, id))!, today());
    },

    /** Takes a child off the register (parents home, turned 16, moved); her open 代理妈妈 pairing ends the same day. */
    async endChild(actor: Actor, id: string, body: unknown) {
      const c = await loadChild(actor, id, 'children.write');
      const v = validate(endChildSchema, body);
      if (c.status === 'ended') throw new ConflictError('该儿童已退出名册');
      if (v.endedOn < c.registeredOn) throw fieldError('endedOn', '结束日期不能早于登记日期');
      if (v.endedOn > today()) throw fieldError('endedOn', '结束日期不能晚于今天');
      const open = await repo.findOpenPairing(db, id);
      if (open && v.endedOn < open.startDate) throw fieldError('endedOn', '结束日期不能早于代理妈妈结对日期');
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.updateChild(trx, id, { status: 'ended', endedOn: v.endedOn, endReason: v.reason, updatedAt: at });
        if (open) await repo.updatePairing(trx, open.id, { endDate: v.endedOn, endReason: v.reason, updatedAt: at });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'status',
          entityType: 'left_behind_child',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { from: c.status, to: 'ended', endedOn: v.endedOn, pairingEnded: !!open },
        });
      });
      return presentChild(actor, (await repo.findChild(db, id))!, today());
    },

    // ------------------------------------------------------------ 代理妈妈
    async listMothers(actor: Actor) {
      return (await repo.listMothers(db, requirePermission(actor, 'children.read'))).map(presentMother);
    },

    /** A 代理妈妈 is a woman of the person registry (found by ID number or added) in the township where she lives. */
    async createMother(actor: Actor, body: unknown) {
      const scope = requirePermission(actor, 'children.write');
      const v = validate(createProxyMotherSchema, body);
      const place = await placeInScope(scope, v.residenceOrgId);
      if (v.phone && !isValidPhone(v.phone)) throw fieldError('phone', '电话号码格式不正确');
      const id = newId();
      const at = clock.now().toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          const person = await findOrCreatePerson(
            trx,
            { cipher, clock, actor },
            {
              name: v.name,
              gender: 'female',
              idNumber: v.idNumber || null,
              phone: v.phone || null,
              residenceOrgId: v.residenceOrgId,
              ownerOrgId: place.township.id,
            },
          );
          if (await repo.findMotherByPerson(trx, person.id)) throw new ConflictError('她已是登记的代理妈妈');
          await repo.insertMother(trx, {
            id,
            ownerOrgId: place.township.id,
            personId: person.id,
            unitName: v.unitName ?? null,
            note: v.note ?? null,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          });
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'create',
            entityType: 'child_proxy_mother',
            entityId: id,
            orgUnitId: place.township.id,
            detail: { personId: person.id, unitName: v.unitName ?? null },
          });
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new ConflictError('她已是登记的代理妈妈');
        throw e;
      }
      return presentMother((await repo.findMother(db, id))!);
    },

    // ------------------------------------------------------------ Excel
    async exportChildren(actor: Actor, q: Omit<ChildListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'children.read');
      const text = minorSearchText(actor, q.q, MINORS);
      return sendExport(reply, excel, {
        actor,
        spec: childrenExport,
        rows: keysetRows((after, limit) => repo.listChildrenAfter(db, scope, { ...q, text }, after, limit)),
        filters: { ...q, q: text },
      });
    },
    async childrenTemplate(actor: Actor, reply: FastifyReply) {
      const scope = requirePermission(actor, 'children.write');
      return sendTemplate(reply, childrenImport(await loadUnitLookup(db, scope)) as never);
    },
    /** The register from a sheet, all or nothing: each row through the same rules as one registration. */
    async importChildren(actor: Actor, source: UploadSource) {
      const scope = requirePermission(actor, 'children.write');
      const home = actor.grants.find((g) => permissionsOf(g.role).includes('children.write'))!.orgUnitId;
      return startImport(excel, {
        actor,
        source,
        spec: childrenImport(await loadUnitLookup(db, scope)),
        targetKey: `register:${home}`,
        orgUnitId: home,
        entityType: 'left_behind_child',
        context: { actor, cipher, clock, today: today(), seen: new Map() },
      });
    },
  };
}
