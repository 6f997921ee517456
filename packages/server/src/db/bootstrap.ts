import { topKindForLevel } from '@jinguo/domain';
import type { TopUnit } from '../config.js';
import type { DatabaseHandle } from './database.js';
import { migrateToLatest } from './migrator.js';
import { appendAudit } from '../platform/audit.js';
import type { Clock } from '../platform/clock.js';
import type { FieldCipher } from '../platform/crypto.js';
import { newId } from '../platform/ids.js';
import { passwordProblems } from '../platform/password-policy.js';
import { generatePassword, hashPassword } from '../platform/passwords.js';
import { MODULES } from '../modules/index.js';
import type { DemoContext } from '../modules/module.js';
import { DEMO_DISTRICT_CODE, DEMO_PASSWORD, DEMO_USERS, seedDemoOrg } from '../modules/org/org.demo.js';
import { findUnit } from '../modules/org/org.repository.js';

/** The three administrators (三员分立) a new database starts with: three accounts for three people. */
export const INSTALL_ADMINS = [
  { username: 'sysadmin', displayName: '系统管理员', role: 'system_admin', env: 'JINGUO_SYSADMIN_PASSWORD' },
  { username: 'secadmin', displayName: '安全管理员', role: 'security_admin', env: 'JINGUO_SECADMIN_PASSWORD' },
  { username: 'auditor', displayName: '安全审计员', role: 'auditor', env: 'JINGUO_AUDITOR_PASSWORD' },
] as const;
export type InstallAdmin = (typeof INSTALL_ADMINS)[number]['username'];

/** An administrator created on first start: `password` when it was generated (to print once), null when it was given. */
export type CreatedAdmin = { username: InstallAdmin; displayName: string; password: string | null; env: string };

export type InitResult = { migrations: string[]; created: boolean; admins: CreatedAdmin[]; demoSeeded: boolean };

const DEMO_YEAR = 2026;

/**
 * The demo relaxes the second factor to the 三员 (who must enrol, as everywhere): the business roles — the chairs
 * included — sign in with the password alone, and the banner says so. A real installation keeps the default
 * (the 三员 and the chairs).
 */
export const DEMO_SECOND_FACTOR_ROLES = ['system_admin', 'security_admin', 'auditor'] as const;

/**
 * Brings a database to a usable state: migrations, then on a new database the top federation and the three
 * administrators `sysadmin`, `secadmin` and `auditor` (三员分立 from the first start), each with a first password
 * from the environment (JINGUO_*_PASSWORD) or generated and returned to print once — changed at the first
 * sign-in either way, followed by the enrolment of a second factor.
 */
export async function initializeDatabase(
  handle: DatabaseHandle,
  opts: {
    clock: Clock;
    adminPasswords?: Partial<Record<InstallAdmin, string | null>>;
    orgName?: string;
    orgCode?: string;
    /** The top unit at any level (JINGUO_TOP_* or `jinguo init`); without it, a district federation as before. */
    top?: TopUnit | null;
    demo?: boolean;
    cipher?: FieldCipher;
  },
): Promise<InitResult> {
  const { db } = handle;
  const migrations = await migrateToLatest(db);
  const existing = await db.selectFrom('orgUnits').select('id').limit(1).executeTakeFirst();
  const admins: CreatedAdmin[] = [];
  let created = false;
  if (!existing) {
    created = true;
    const demo = !!opts.demo;
    const rootId = newId();
    const at = opts.clock.now().toISOString();
    if (demo && opts.top) throw new Error('the demo creates its own top unit (示例区妇联): unset JINGUO_TOP_LEVEL/NAME/CODE for it');
    const top = opts.top ?? null;
    const orgName = demo ? '示例区妇联' : (top?.name ?? opts.orgName ?? '区妇联');
    const orgCode = demo ? DEMO_DISTRICT_CODE : (top?.code ?? opts.orgCode ?? null);
    const level = top?.level ?? 'DISTRICT';
    const accounts = INSTALL_ADMINS.map((a) => {
      const given = opts.adminPasswords?.[a.username] ?? null;
      if (given) {
        // A weak password from the environment would be the administrators' first: refused like any other.
        const problems = passwordProblems(given, { username: a.username, displayName: a.displayName, orgName, orgCode });
        if (problems.length) throw new Error(`${a.env}: ${problems.join('；')}`);
      }
      return { ...a, password: given ?? generatePassword(), generated: !given };
    });
    // Three full-cost hashes side by side on the thread pool.
    const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('orgUnits')
        .values({
          id: rootId,
          parentId: null,
          path: `/${rootId}/`,
          depth: 0,
          kind: topKindForLevel(level),
          level,
          code: orgCode,
          name: orgName,
          agencyType: null,
          active: 1,
          sortOrder: 0,
          createdAt: at,
          updatedAt: at,
        })
        .execute();
      for (const [i, a] of accounts.entries()) {
        const id = newId();
        await trx
          .insertInto('users')
          .values({
            id,
            username: a.username,
            displayName: a.displayName,
            passwordHash: hashes[i],
            // Printed on a console or kept in an environment file: never a password to keep.
            mustChangePassword: 1,
            failedLogins: 0,
            lockedUntil: null,
            active: 1,
            orgUnitId: rootId,
            passwordChangedAt: at,
            lastLoginAt: null,
            createdAt: at,
            updatedAt: at,
          })
          .execute();
        await trx
          .insertInto('roleAssignments')
          .values({ id: newId(), userId: id, role: a.role, orgUnitId: rootId, createdAt: at, createdBy: null })
          .execute();
        admins.push({ username: a.username, displayName: a.displayName, password: a.generated ? a.password : null, env: a.env });
      }
      if (demo) {
        await trx
          .insertInto('settings')
          .values({ key: 'secondFactorRoles', value: JSON.stringify(DEMO_SECOND_FACTOR_ROLES), updatedAt: at, updatedBy: null })
          .execute();
      }
      await appendAudit(
        trx,
        opts.clock,
        { actorId: null, actorName: 'system', ip: null },
        {
          action: 'install',
          entityType: 'system',
          detail: { demo, top: { level, name: orgName, code: orgCode }, admins: INSTALL_ADMINS.map((a) => a.username) },
        },
      );
    });
  }
  let demoSeeded = false;
  if (opts.demo && opts.cipher) demoSeeded = await seedDemo(handle, opts.clock, opts.cipher);
  return { migrations, created, admins, demoSeeded };
}

/** Adds the demo district (org tree, one account per role, then each module's 2026 records); once only. */
export async function seedDemo(
  handle: DatabaseHandle,
  clock: Clock,
  cipher: FieldCipher,
  opts: { orgOnly?: boolean } = {},
): Promise<boolean> {
  const { db } = handle;
  const marker = await db.selectFrom('settings').select('value').where('key', '=', 'demo.seeded').executeTakeFirst();
  if (marker) return false;
  const root = await db.selectFrom('orgUnits').selectAll().where('parentId', 'is', null).orderBy('createdAt').executeTakeFirstOrThrow();
  const rootRow = await findUnit(db, root.id);
  if (!(await db.selectFrom('users').select('id').where('username', '=', 'chair').executeTakeFirst()))
    await seedDemoOrg(db, clock, rootRow!);
  const units = await db.selectFrom('orgUnits').select(['id', 'path', 'name', 'code']).execute();
  const users = await db.selectFrom('users').select(['id', 'username']).execute();
  const ctx: DemoContext = {
    db,
    clock,
    cipher,
    year: DEMO_YEAR,
    org(key) {
      const u = units.find((x) => x.code === key || x.name === key);
      if (!u) throw new Error(`demo: no org unit ${key}`);
      return u;
    },
    user(username) {
      const u = users.find((x) => x.username === username);
      if (!u) throw new Error(`demo: no user ${username}`);
      return u;
    },
  };
  if (opts.orgOnly) return true;
  for (const m of MODULES) if (m.seedDemo) await m.seedDemo(ctx);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: 'demo.seeded', value: JSON.stringify(DEMO_YEAR), updatedAt: clock.now().toISOString(), updatedBy: null })
      .execute();
    await appendAudit(
      trx,
      clock,
      { actorId: null, actorName: 'system', ip: null },
      { action: 'demo.seed', entityType: 'system', detail: { year: DEMO_YEAR } },
    );
  });
  return true;
}

export function demoLogins(): { username: string; displayName: string; password: string }[] {
  return DEMO_USERS.map((u) => ({ username: u.username, displayName: u.displayName, password: DEMO_PASSWORD }));
}
