import { maskIdNumber, maskPhone, normalizeIdNumber, normalizePhone } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { auditActor, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { newId } from '../../platform/ids.js';
import { bulkInsert } from '../../db/bulk.js';
import { ID_NUMBER_BIDX, PHONE_BIDX } from './people.registry.js';
import type { HouseholdsTable, PersonsTable } from './people.tables.js';

/**
 * Find-or-create for many persons at once, for imports of tens of thousands of rows (added by the relief
 * module's screening import; same rules as findOrCreatePerson: dedup on the ID number's keyed hash, merged
 * rows resolve to the survivor, a household attached when the person had none, ID number and phone encrypted,
 * masked forms beside them). The caller has validated every input (ID check, residence, owner) and owns the
 * transaction. Look-ups go 500 rows at a time, inserts as few multi-row statements (db/bulk.ts); the new persons get one audit entry with their count
 * (the import's own entry names the file).
 */
export type BulkPersonInput = {
  name: string;
  gender: 'female' | 'male';
  birthDate: string | null;
  /** Required here: bulk registration is deduplicated on it. */
  idNumber: string;
  phone?: string | null;
  residenceOrgId: string;
  ownerOrgId: string;
  tags?: string[];
  household?: { members: number; annualIncomeFen: number } | null;
};

const CHUNK = 500;

export async function findOrCreatePersonsBulk(
  trx: Executor,
  deps: { cipher: FieldCipher; clock: Clock; actor?: Actor | null; source: string },
  inputs: BulkPersonInput[],
): Promise<{ ids: string[]; created: number }> {
  const { cipher, clock } = deps;
  const at = clock.now().toISOString();
  const bidx = inputs.map((p) => cipher.blindIndex(ID_NUMBER_BIDX, normalizeIdNumber(p.idNumber)));
  const existing = new Map<string, { id: string; mergedIntoId: string | null; householdId: string | null }>();
  for (let i = 0; i < bidx.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('persons')
      .select(['id', 'mergedIntoId', 'householdId', 'idNumberBidx'])
      .where('idNumberBidx', 'in', bidx.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) existing.set(r.idNumberBidx!, r);
  }

  const survivor = async (row: { id: string; mergedIntoId: string | null; householdId: string | null }) => {
    let cur = row;
    while (cur.mergedIntoId)
      cur = await trx
        .selectFrom('persons')
        .select(['id', 'mergedIntoId', 'householdId'])
        .where('id', '=', cur.mergedIntoId)
        .executeTakeFirstOrThrow();
    return cur;
  };

  const ids: string[] = new Array(inputs.length);
  const households: HouseholdsTable[] = [];
  const persons: PersonsTable[] = [];
  const newAt = new Map<string, number[]>();
  for (const [i, p] of inputs.entries()) {
    const found = existing.get(bidx[i]);
    if (found) {
      const s = await survivor(found);
      ids[i] = s.id;
      if (p.household && !s.householdId) {
        const householdId = newId();
        await trx
          .insertInto('households')
          .values({
            id: householdId,
            ownerOrgId: p.ownerOrgId,
            residenceOrgId: p.residenceOrgId,
            members: p.household.members,
            annualIncomeFen: p.household.annualIncomeFen,
            createdAt: at,
            updatedAt: at,
          })
          .execute();
        await trx.updateTable('persons').set({ householdId, updatedAt: at }).where('id', '=', s.id).execute();
        s.householdId = householdId;
      }
      continue;
    }
    if (newAt.has(bidx[i])) {
      // The same ID number twice in one batch: one person.
      newAt.get(bidx[i])!.push(i);
      continue;
    }
    const id = newId();
    ids[i] = id;
    newAt.set(bidx[i], [i]);
    let householdId: string | null = null;
    if (p.household) {
      householdId = newId();
      households.push({
        id: householdId,
        ownerOrgId: p.ownerOrgId,
        residenceOrgId: p.residenceOrgId,
        members: p.household.members,
        annualIncomeFen: p.household.annualIncomeFen,
        createdAt: at,
        updatedAt: at,
      });
    }
    const idNumber = normalizeIdNumber(p.idNumber);
    const phone = p.phone ? normalizePhone(p.phone) : null;
    persons.push({
      id,
      ownerOrgId: p.ownerOrgId,
      residenceOrgId: p.residenceOrgId,
      householdId,
      name: p.name,
      gender: p.gender,
      birthDate: p.birthDate,
      ethnicity: null,
      idNumberEnc: cipher.encrypt(idNumber),
      idNumberBidx: bidx[i],
      idNumberMasked: maskIdNumber(idNumber),
      phoneEnc: phone ? cipher.encrypt(phone) : null,
      phoneBidx: phone ? cipher.blindIndex(PHONE_BIDX, phone) : null,
      phoneMasked: maskPhone(phone),
      addressEnc: null,
      addressMasked: null,
      tags: JSON.stringify([...new Set(p.tags ?? [])]),
      mergedIntoId: null,
      createdAt: at,
      updatedAt: at,
      createdBy: deps.actor?.userId ?? null,
    });
  }
  await bulkInsert(trx, 'households', households);
  // The unique keyed hash settles a concurrent registration of the same person: theirs is the one row.
  const inserted = await bulkInsert(trx, 'persons', persons, { conflictDoNothing: 'idNumberBidx' });
  const created = inserted.length;
  if (inserted.length < persons.length) {
    const got = new Set(inserted);
    for (const lost of persons.filter((p) => !got.has(p.id))) {
      const winner = await trx
        .selectFrom('persons')
        .select(['id', 'mergedIntoId', 'householdId'])
        .where('idNumberBidx', '=', lost.idNumberBidx)
        .executeTakeFirstOrThrow();
      const s = await survivor(winner);
      for (const idx of newAt.get(lost.idNumberBidx!)!) ids[idx] = s.id;
      if (lost.householdId) await trx.deleteFrom('households').where('id', '=', lost.householdId).execute();
    }
  }
  for (const idxs of newAt.values()) for (const idx of idxs.slice(1)) ids[idx] = ids[idxs[0]];
  if (created > 0)
    await appendAudit(trx, clock, auditActor(deps.actor ?? null), {
      action: 'create',
      entityType: 'person',
      entityId: null,
      orgUnitId: inputs[0]?.ownerOrgId ?? null,
      detail: { bulk: true, count: created, source: deps.source },
    });
  return { ids, created };
}
