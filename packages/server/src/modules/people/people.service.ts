import {
  incomePerHeadFen,
  normalizeIdNumber,
  normalizePhone,
  shanghaiDate,
  type CreatePerson,
  type PersonDetail,
  type PersonListItem,
  type UpdatePerson,
} from '@jinguo/domain';
import type { Db, DialectName } from '../../db/database.js';
import { auditActor, can, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { ConflictError, fieldError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { assertVersion } from '../../platform/versioning.js';
import * as repo from './people.repository.js';
import { findUnit } from '../org/index.js';
import {
  assertResidenceInScope,
  checkIdAgreement,
  findOrCreatePerson,
  ID_NUMBER_BIDX,
  PHONE_BIDX,
  RESIDENCE_KINDS,
  sensitiveColumns,
} from './people.registry.js';

type PersonRowWithJoins = NonNullable<Awaited<ReturnType<typeof repo.findPerson>>>;

function parseTags(t: string): string[] {
  try {
    const v = JSON.parse(t);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

export function presentPersonListItem(p: {
  id: string;
  name: string;
  gender: 'female' | 'male';
  birthDate: string | null;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  residenceOrgId: string | null;
  residenceName?: string | null;
  tags: string;
}): PersonListItem {
  return {
    id: p.id,
    name: p.name,
    gender: p.gender,
    birthDate: p.birthDate,
    idNumberMasked: p.idNumberMasked,
    phoneMasked: p.phoneMasked,
    residenceOrgId: p.residenceOrgId,
    residenceName: p.residenceName ?? null,
    tags: parseTags(p.tags),
  };
}

/** A person is inside a scope where she is owned or where she lives (the registry's one visibility rule). */
export function personInScope(scope: Scope, p: { ownerPath?: string | null; residencePath?: string | null }): boolean {
  return (!!p.ownerPath && pathInScope(scope, p.ownerPath)) || (!!p.residencePath && pathInScope(scope, p.residencePath));
}

export type PeopleService = ReturnType<typeof createPeopleService>;

/** The person registry: search, view, register, edit, reveal (audited), merge (audited), tag list. */
export function createPeopleService({ db, dialect, clock, cipher }: { db: Db; dialect: DialectName; clock: Clock; cipher: FieldCipher }) {
  const visible = personInScope;

  /** The person if the caller may read it (owned or residing inside the scope), else 404. */
  async function load(actor: Actor, id: string, permission: 'people.read' | 'people.write' | 'people.reveal' = 'people.read') {
    const scope = requirePermission(actor, permission);
    const p = await repo.findPerson(db, id);
    if (!p || !visible(scope, p)) throw new NotFoundError('人员');
    return { p, scope };
  }

  function present(actor: Actor, p: PersonRowWithJoins, caseCount?: number): PersonDetail {
    const members = p.householdMembers == null ? null : Number(p.householdMembers);
    const income = p.householdIncomeFen == null ? null : Number(p.householdIncomeFen);
    return {
      ...presentPersonListItem(p),
      version: Number(p.version),
      caseCount,
      ethnicity: p.ethnicity,
      addressMasked: p.addressMasked,
      ownerOrgId: p.ownerOrgId,
      ownerName: p.ownerName ?? null,
      household:
        p.householdId && members != null && income != null
          ? { id: p.householdId, members, annualIncomeFen: income, incomePerHeadFen: incomePerHeadFen(income, members) }
          : null,
      mergedIntoId: p.mergedIntoId,
      createdAt: p.createdAt,
      can: { edit: can(actor, 'people.write'), reveal: can(actor, 'people.reveal'), merge: can(actor, 'people.write') },
    };
  }

  /** Where a new person is owned: the given unit if inside the caller's write scope, else the caller's first scope root. */
  async function ownerFor(actor: Actor, scope: Scope, ownerOrgId: string | undefined) {
    if (ownerOrgId) {
      const u = await findUnit(db, ownerOrgId);
      if (!u || !pathInScope(scope, u.path)) throw fieldError('ownerOrgId', '所属单位不存在或无权登记');
      return u.id;
    }
    const home = actor.grants.find((g) => scope.paths.includes(g.orgPath));
    return home!.orgUnitId;
  }

  return {
    async search(actor: Actor, q: { q?: string; residenceOrgId?: string; tag?: string; page: number; pageSize: number }) {
      const scope = requirePermission(actor, 'people.read');
      const text = q.q?.trim();
      const search: repo.PersonSearch = {
        residenceOrgId: q.residenceOrgId,
        tag: q.tag,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      };
      if (text && /^\d{17}[\dXx]$/.test(text)) search.idNumberBidx = cipher.blindIndex(ID_NUMBER_BIDX, normalizeIdNumber(text));
      else if (text && /^[+\d][\d\s-]{4,}$/.test(text)) search.phoneBidx = cipher.blindIndex(PHONE_BIDX, normalizePhone(text));
      else if (text) search.name = text;
      const { items, total } = await repo.searchPersons(db, scope, search);
      return { items: items.map(presentPersonListItem), total, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, id: string) {
      const { p } = await load(actor, id);
      return present(actor, p);
    },

    /** Registers a person (or finds the one with this ID number) and returns it with `created`. */
    async create(actor: Actor, input: CreatePerson) {
      const scope = requirePermission(actor, 'people.write');
      const ownerOrgId = await ownerFor(actor, scope, input.ownerOrgId);
      const result = await db
        .transaction()
        .execute((trx) => findOrCreatePerson(trx, { cipher, clock, actor, residenceScope: scope }, { ...input, ownerOrgId }));
      const p = await repo.findPerson(db, result.id);
      // An existing person outside the caller's scope is not shown: only that the ID number is registered.
      if (!result.created && !visible(scope, p!))
        throw new ConflictError('该身份证号已登记在其他单位，请联系上级妇联', [
          { path: 'idNumber', message: '该身份证号已登记在其他单位' },
        ]);
      return { person: present(actor, p!), created: result.created };
    },

    /** Edits a person; with `ifMatch` only if she is still at that version (else 412 naming who changed her record). */
    async update(actor: Actor, id: string, patch: UpdatePerson, ifMatch?: number | null) {
      const { p, scope } = await load(actor, id, 'people.write');
      if (p.mergedIntoId) throw new ConflictError('该人员已被合并，请编辑合并后的记录');
      const today = shanghaiDate(clock.now());
      const currentId = patch.idNumber !== undefined ? patch.idNumber : p.idNumberEnc ? cipher.decrypt(p.idNumberEnc) : null;
      checkIdAgreement(
        { idNumber: currentId, gender: patch.gender ?? p.gender, birthDate: patch.birthDate !== undefined ? patch.birthDate : p.birthDate },
        today,
      );
      if (patch.residenceOrgId) {
        const r = await findUnit(db, patch.residenceOrgId);
        if (!r || !RESIDENCE_KINDS.has(r.kind)) throw fieldError('residenceOrgId', '居住地须为村（社区）、乡镇（街道）');
        assertResidenceInScope(scope, r.path);
      }
      const at = clock.now().toISOString();
      const set: Partial<repo.PersonRow> = {
        updatedAt: at,
        ...sensitiveColumns(cipher, { idNumber: patch.idNumber, phone: patch.phone, address: patch.address }),
      };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.gender !== undefined) set.gender = patch.gender;
      if (patch.birthDate !== undefined) set.birthDate = patch.birthDate;
      if (patch.ethnicity !== undefined) set.ethnicity = patch.ethnicity || null;
      if (patch.residenceOrgId !== undefined) set.residenceOrgId = patch.residenceOrgId;
      if (patch.tags !== undefined) set.tags = JSON.stringify([...new Set(patch.tags)]);
      if (set.idNumberBidx && set.idNumberBidx !== p.idNumberBidx) {
        const other = await repo.findPersonByIdNumberBidx(db, set.idNumberBidx);
        if (other && other.id !== id)
          throw new ConflictError('该身份证号已属于另一人员，如为同一人请合并', [
            { path: 'idNumber', message: '该身份证号已属于另一人员' },
          ]);
      }
      await db.transaction().execute(async (trx) => {
        await assertVersion(trx, dialect, { table: 'persons', id, expected: ifMatch, entityType: 'person', what: '人员档案' });
        if (patch.household !== undefined && patch.household) {
          if (p.householdId)
            await repo.updateHousehold(trx, p.householdId, {
              members: patch.household.members,
              annualIncomeFen: patch.household.annualIncomeFen,
              updatedAt: at,
            });
          else {
            const householdId = newId();
            await repo.insertHousehold(trx, {
              id: householdId,
              ownerOrgId: p.ownerOrgId,
              residenceOrgId: set.residenceOrgId ?? p.residenceOrgId,
              members: patch.household.members,
              annualIncomeFen: patch.household.annualIncomeFen,
              createdAt: at,
              updatedAt: at,
            });
            set.householdId = householdId;
          }
        }
        await repo.updatePerson(trx, id, set);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'person',
          entityId: id,
          orgUnitId: p.ownerOrgId,
          detail: { fields: Object.keys(patch) },
        });
      });
      return present(actor, (await repo.findPerson(db, id))!);
    },

    /** The full ID number, phone and address: needs people.reveal, and every reveal is in the audit trail. */
    async reveal(actor: Actor, id: string) {
      const { p } = await load(actor, id, 'people.reveal');
      const out = {
        idNumber: p.idNumberEnc ? cipher.decrypt(p.idNumberEnc) : null,
        phone: p.phoneEnc ? cipher.decrypt(p.phoneEnc) : null,
        address: p.addressEnc ? cipher.decrypt(p.addressEnc) : null,
      };
      await db.transaction().execute((trx) =>
        appendAudit(trx, clock, auditActor(actor), {
          action: 'reveal',
          entityType: 'person',
          entityId: id,
          orgUnitId: p.ownerOrgId,
          detail: { fields: ['idNumber', 'phone', 'address'].filter((k) => out[k as keyof typeof out]) },
        }),
      );
      return out;
    },

    async duplicates(actor: Actor, id: string) {
      const { p, scope } = await load(actor, id);
      const rows = await repo.findDuplicateCandidates(db, scope, {
        id: p.id,
        name: p.name,
        birthDate: p.birthDate,
        phoneBidx: p.phoneBidx,
      });
      return rows.map(presentPersonListItem);
    },

    /**
     * Folds a duplicate into the survivor: every row referring to the duplicate (cases, parties, relief …)
     * now refers to the survivor, missing sensitive fields move over, the duplicate stays as a pointer.
     */
    async merge(actor: Actor, survivorId: string, duplicateId: string, reason: string) {
      const { p: survivor } = await load(actor, survivorId, 'people.write');
      if (survivorId === duplicateId) throw fieldError('duplicateId', '不能与自身合并');
      const dup = await load(actor, duplicateId, 'people.write')
        .then((x) => x.p)
        .catch(() => {
          throw fieldError('duplicateId', '要合并的人员不存在或无权访问');
        });
      if (survivor.mergedIntoId || dup.mergedIntoId) throw new ConflictError('已合并的人员不能再次合并');
      // Merging moves the duplicate's cases, grants and household onto the survivor, who is listed where she lives:
      // both must live inside the caller's scope, or the merge would hand one township's records to another.
      const writeScope = requirePermission(actor, 'people.write');
      if (survivor.residencePath) assertResidenceInScope(writeScope, survivor.residencePath, 'id');
      if (dup.residencePath) assertResidenceInScope(writeScope, dup.residencePath, 'duplicateId');
      if (survivor.idNumberBidx && dup.idNumberBidx && survivor.idNumberBidx !== dup.idNumberBidx) {
        throw new ValidationError('两人身份证号不同，不是同一人，不能合并', [{ path: 'duplicateId', message: '两人身份证号不同' }]);
      }
      const refs = await repo.listPersonReferences(db, dialect);
      const at = clock.now().toISOString();
      const moved = await db.transaction().execute(async (trx) => {
        const fill: Partial<repo.PersonRow> = { updatedAt: at };
        if (!survivor.idNumberEnc && dup.idNumberEnc)
          Object.assign(fill, { idNumberEnc: dup.idNumberEnc, idNumberBidx: dup.idNumberBidx, idNumberMasked: dup.idNumberMasked });
        if (!survivor.phoneEnc && dup.phoneEnc)
          Object.assign(fill, { phoneEnc: dup.phoneEnc, phoneBidx: dup.phoneBidx, phoneMasked: dup.phoneMasked });
        if (!survivor.addressEnc && dup.addressEnc) Object.assign(fill, { addressEnc: dup.addressEnc, addressMasked: dup.addressMasked });
        if (!survivor.householdId && dup.householdId) fill.householdId = dup.householdId;
        if (!survivor.birthDate && dup.birthDate) fill.birthDate = dup.birthDate;
        fill.tags = JSON.stringify([...new Set([...parseTags(survivor.tags), ...parseTags(dup.tags)])]);
        // The duplicate gives up its keyed hashes first, so the unique index allows them on the survivor.
        await repo.updatePerson(trx, duplicateId, { mergedIntoId: survivorId, idNumberBidx: null, updatedAt: at });
        await repo.updatePerson(trx, survivorId, fill);
        const n = await repo.repointReferences(trx, refs, duplicateId, survivorId);
        await repo.repointMergedPersons(trx, duplicateId, survivorId);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'merge',
          entityType: 'person',
          entityId: survivorId,
          orgUnitId: survivor.ownerOrgId,
          detail: { duplicateId, reason, referencesMoved: n, tables: refs.map((r) => `${r.table}.${r.column}`) },
        });
        return n;
      });
      return { person: present(actor, (await repo.findPerson(db, survivorId))!), referencesMoved: moved };
    },

    async listTags(actor: Actor) {
      // Readers of the registry pick from it; the admin who keeps the list reads it too.
      if (!can(actor, 'people.read')) requirePermission(actor, 'settings.manage');
      return (await repo.listPeopleTags(db)).filter((t) => t.active).map((t) => t.tag);
    },

    async replaceTags(actor: Actor, tags: string[]) {
      requirePermission(actor, 'settings.manage');
      const unique = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
      const before = (await repo.listPeopleTags(db)).map((t) => t.tag);
      await db.transaction().execute(async (trx) => {
        await repo.replacePeopleTags(trx, unique);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'people_tags',
          detail: { before, after: unique },
        });
      });
      return unique;
    },
  };
}
