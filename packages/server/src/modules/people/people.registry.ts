import {
  checkResidentIdNumber,
  createPersonSchema,
  maskAddress,
  maskIdNumber,
  maskPhone,
  normalizeIdNumber,
  normalizePhone,
  shanghaiDate,
  type CreatePerson,
} from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { auditActor, pathInScope, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { fieldError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './people.repository.js';
import { findUnit } from '../org/index.js';

/** The keyed-hash purposes: one per field, so an ID number's hash never matches a phone's. */
export const ID_NUMBER_BIDX = 'person.idNumber';
export const PHONE_BIDX = 'person.phone';

export type PersonInput = {
  name: string;
  gender: 'female' | 'male';
  birthDate?: string | null;
  idNumber?: string | null;
  phone?: string | null;
  address?: string | null;
  ethnicity?: string | null;
  residenceOrgId: string;
  ownerOrgId: string;
  tags?: string[];
  household?: { members: number; annualIncomeFen: number } | null;
};

export const RESIDENCE_KINDS = new Set(['village', 'community', 'township', 'street', 'federation']);

/** Encrypted, hashed and masked forms of the sensitive fields (null stays null). */
export function sensitiveColumns(cipher: FieldCipher, v: { idNumber?: string | null; phone?: string | null; address?: string | null }) {
  const out: Partial<repo.PersonRow> = {};
  if (v.idNumber !== undefined) {
    const id = v.idNumber ? normalizeIdNumber(v.idNumber) : null;
    out.idNumberEnc = id ? cipher.encrypt(id) : null;
    out.idNumberBidx = id ? cipher.blindIndex(ID_NUMBER_BIDX, id) : null;
    out.idNumberMasked = maskIdNumber(id);
  }
  if (v.phone !== undefined) {
    const p = v.phone ? normalizePhone(v.phone) : null;
    out.phoneEnc = p ? cipher.encrypt(p) : null;
    out.phoneBidx = p ? cipher.blindIndex(PHONE_BIDX, p) : null;
    out.phoneMasked = maskPhone(p);
  }
  if (v.address !== undefined) {
    const a = v.address?.trim() || null;
    out.addressEnc = a ? cipher.encrypt(a) : null;
    out.addressMasked = maskAddress(a);
  }
  return out;
}

/** The residence (by its unit's path) must lie inside the caller's people.write scope, as relief and 春蕾 already require. */
export function assertResidenceInScope(scope: Scope, residencePath: string, field = 'residenceOrgId') {
  if (!pathInScope(scope, residencePath)) throw fieldError(field, '居住地不在您的工作范围内');
}

/** Checks the ID number (GB 11643) and that the stated sex and birth date agree with it; returns what it implies. */
export function checkIdAgreement(input: { idNumber?: string | null; gender?: string; birthDate?: string | null }, today: string) {
  if (!input.idNumber) return null;
  const r = checkResidentIdNumber(input.idNumber, today);
  if (!r.ok) throw fieldError('idNumber', r.reason);
  if (input.gender && input.gender !== r.gender)
    throw fieldError('gender', `性别与身份证号不符（身份证号显示为${r.gender === 'female' ? '女' : '男'}）`);
  if (input.birthDate && input.birthDate !== r.birthDate)
    throw fieldError('birthDate', `出生日期与身份证号不符（身份证号显示为${r.birthDate}）`);
  return r;
}

/**
 * Finds the person with this ID number or registers a new one, inside the caller's transaction; the caller
 * has already checked that it may write for `ownerOrgId`. With an ID number the registry is deduplicated on
 * its keyed hash (the unique index settles concurrent registrations); without one a new row is created.
 * ID number, phone and address are encrypted. A new person is audited (actor optional for system jobs).
 */
export async function findOrCreatePerson(
  trx: Executor,
  deps: { cipher: FieldCipher; clock: Clock; actor?: Actor | null; residenceScope?: Scope },
  input: PersonInput,
): Promise<{ id: string; created: boolean }> {
  const { cipher, clock } = deps;
  const parsed = createPersonSchema.safeParse({ ...input, ownerOrgId: input.ownerOrgId });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fieldError(issue.path.join('.') || 'person', issue.message);
  }
  const v = parsed.data;
  const today = shanghaiDate(clock.now());
  const idCheck = checkIdAgreement(v, today);
  const residence = await findUnit(trx, v.residenceOrgId);
  if (!residence || !RESIDENCE_KINDS.has(residence.kind)) throw fieldError('residenceOrgId', '居住地须为村（社区）、乡镇（街道）');
  // A person is listed for the unit she lives in: registering her into another township's registry would hand her to it.
  if (deps.residenceScope) assertResidenceInScope(deps.residenceScope, residence.path);
  const owner = await findUnit(trx, input.ownerOrgId);
  if (!owner) throw fieldError('ownerOrgId', '所属单位不存在');

  const follow = async (id: string) => {
    // A merged row points at its survivor: hand back the survivor.
    let cur = await repo.findMergeLink(trx, id);
    while (cur.mergedIntoId) cur = await repo.findMergeLink(trx, cur.mergedIntoId);
    return cur;
  };

  const at = clock.now().toISOString();
  const bidx = v.idNumber ? cipher.blindIndex(ID_NUMBER_BIDX, v.idNumber) : null;
  if (bidx) {
    const existing = await repo.findPersonByIdNumberBidx(trx, bidx);
    if (existing) {
      const survivor = await follow(existing.id);
      await attachHouseholdIfMissing(trx, survivor, v, owner.id, at);
      return { id: survivor.id, created: false };
    }
  }
  const id = newId();
  let householdId: string | null = null;
  if (v.household) {
    householdId = newId();
    await repo.insertHousehold(trx, {
      id: householdId,
      ownerOrgId: owner.id,
      residenceOrgId: residence.id,
      members: v.household.members,
      annualIncomeFen: v.household.annualIncomeFen,
      createdAt: at,
      updatedAt: at,
    });
  }
  const row: repo.PersonRow = {
    id,
    ownerOrgId: owner.id,
    residenceOrgId: residence.id,
    householdId,
    name: v.name,
    gender: v.gender,
    birthDate: v.birthDate ?? idCheck?.birthDate ?? null,
    ethnicity: v.ethnicity || null,
    idNumberEnc: null,
    idNumberBidx: null,
    idNumberMasked: null,
    phoneEnc: null,
    phoneBidx: null,
    phoneMasked: null,
    addressEnc: null,
    addressMasked: null,
    ...sensitiveColumns(cipher, { idNumber: v.idNumber ?? null, phone: v.phone ?? null, address: v.address ?? null }),
    tags: JSON.stringify([...new Set(v.tags ?? [])]),
    mergedIntoId: null,
    createdAt: at,
    updatedAt: at,
    createdBy: deps.actor?.userId ?? null,
  };
  if (bidx) {
    const inserted = await repo.insertPersonIfNew(trx, row);
    if (!inserted) {
      // Registered by someone else a moment ago: theirs is the one row.
      if (householdId) await repo.deleteHousehold(trx, householdId);
      const existing = await repo.findPersonByIdNumberBidx(trx, bidx);
      return { id: (await follow(existing!.id)).id, created: false };
    }
  } else {
    await repo.insertPerson(trx, row);
  }
  await appendAudit(trx, clock, auditActor(deps.actor ?? null), {
    action: 'create',
    entityType: 'person',
    entityId: id,
    orgUnitId: owner.id,
    detail: {
      after: {
        name: row.name,
        gender: row.gender,
        residenceOrgId: row.residenceOrgId,
        idNumber: v.idNumber ?? null,
        phone: v.phone ?? null,
      },
    },
  });
  return { id, created: true };
}

async function attachHouseholdIfMissing(
  trx: Executor,
  person: { id: string; householdId: string | null },
  v: CreatePerson,
  ownerOrgId: string,
  at: string,
) {
  if (!v.household || person.householdId) return;
  const householdId = newId();
  await repo.insertHousehold(trx, {
    id: householdId,
    ownerOrgId,
    residenceOrgId: v.residenceOrgId,
    members: v.household.members,
    annualIncomeFen: v.household.annualIncomeFen,
    createdAt: at,
    updatedAt: at,
  });
  await repo.updatePerson(trx, person.id, { householdId, updatedAt: at });
}
