// Builders shared by the relief, sponsorship and funds tests (test code only; nothing here is in src/).
import { eligibilityRulesSchema, type Role } from '@jinguo/domain';
import { newId } from '../src/platform/ids.js';
import { insertProgramme } from '../src/modules/relief/relief.repository.js';
import type { Actor } from '../src/platform/actor.js';
import { findOrCreatePerson } from '../src/modules/people/people.registry.js';
import type { TestApp } from './build-test-app.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid 居民身份证号 (GB 11643 check character) for a birth date and a sequence; even sequence = female. */
export function makeIdNumber(birth: string, seq: number, region = '510399'): string {
  const body = `${region}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * WEIGHTS[i];
  return body + '10X98765432'[sum % 11];
}

/** The i-th distinct woman's ID number (even sequence digits). */
export function womanId(i: number, birth = '1980-05-12'): string {
  return makeIdNumber(birth, (i % 500) * 2, String(510300 + Math.floor(i / 500)).padStart(6, '0'));
}

export async function unitId(t: TestApp, name: string): Promise<{ id: string; path: string }> {
  const u = await t.handle.db
    .selectFrom('orgUnits')
    .select(['id', 'path'])
    .where((eb) => eb.or([eb('name', '=', name), eb('code', '=', name)]))
    .executeTakeFirstOrThrow();
  return u;
}

/** The Actor a session of this demo user would carry (for calling services directly). */
export async function actorFor(t: TestApp, username: string): Promise<Actor> {
  const u = await t.handle.db
    .selectFrom('users')
    .select(['id', 'username', 'displayName'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const grants = await t.handle.db
    .selectFrom('roleAssignments as ra')
    .innerJoin('orgUnits as o', 'o.id', 'ra.orgUnitId')
    .select(['ra.id', 'ra.role', 'ra.orgUnitId', 'o.path as orgPath', 'o.name as orgName'])
    .where('ra.userId', '=', u.id)
    .execute();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    sessionId: 'test',
    csrfToken: 'test',
    ip: null,
    mustChangePassword: false,
    grants: grants.map((g) => ({ ...g, role: g.role as Role })),
  };
}

export async function userId(t: TestApp, username: string): Promise<string> {
  return (await t.handle.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/** A registry person through the people module (as screening does). */
export async function createPerson(
  t: TestApp,
  p: { name: string; idNumber?: string; residence: string; household?: { members: number; annualIncomeFen: number }; tags?: string[] },
) {
  const residence = await unitId(t, p.residence);
  return t.handle.db.transaction().execute(async (trx) => {
    const r = await findOrCreatePerson(
      trx,
      { cipher: t.cipher, clock: t.clock },
      {
        name: p.name,
        gender: 'female',
        idNumber: p.idNumber ?? null,
        residenceOrgId: residence.id,
        ownerOrgId: residence.id,
        tags: p.tags ?? [],
        household: p.household ?? null,
      },
    );
    return r.id;
  });
}

/** A programme row straight through the repository (funds tests need only its code and rules). */
export async function insertProgrammeRow(
  t: TestApp,
  p: { code: string; name: string; year?: number; rules?: Record<string, unknown>; fundAccountId?: string | null; reportTo?: string[] },
) {
  const root = await t.handle.db.selectFrom('orgUnits').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow();
  const at = t.clock.now().toISOString();
  const id = newId();
  await insertProgramme(t.handle.db, {
    id,
    ownerOrgId: root.id,
    code: p.code,
    name: p.name,
    kind: 'cash',
    year: p.year ?? 2026,
    rules: JSON.stringify(eligibilityRulesSchema.parse(p.rules ?? {})),
    quota: null,
    reportTo: JSON.stringify(p.reportTo ?? []),
    fundAccountId: p.fundAccountId ?? null,
    grantAmountFen: null,
    description: null,
    active: 1,
    createdAt: at,
    updatedAt: at,
  });
  return id;
}
