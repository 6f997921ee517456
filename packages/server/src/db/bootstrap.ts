import type { DatabaseHandle } from './database.js';
import { migrateToLatest } from './migrator.js';
import { appendAudit } from '../platform/audit.js';
import type { Clock } from '../platform/clock.js';
import type { FieldCipher } from '../platform/crypto.js';
import { newId } from '../platform/ids.js';
import { generatePassword, hashPassword } from '../platform/passwords.js';
import { MODULES } from '../modules/index.js';
import type { DemoContext } from '../modules/module.js';
import { DEMO_DISTRICT_CODE, DEMO_PASSWORD, DEMO_USERS, seedDemoOrg } from '../modules/org/org.demo.js';
import { findUnit } from '../modules/org/org.repository.js';

export type InitResult = { migrations: string[]; created: boolean; adminPassword: string | null; demoSeeded: boolean };

const DEMO_YEAR = 2026;

/**
 * Brings a database to a usable state: migrations, then on a new database the top federation and the
 * `admin` account (password from JINGUO_ADMIN_PASSWORD, else generated and returned to print once).
 */
export async function initializeDatabase(
  handle: DatabaseHandle,
  opts: { clock: Clock; adminPassword: string | null; orgName?: string; orgCode?: string; demo?: boolean; cipher?: FieldCipher },
): Promise<InitResult> {
  const { db } = handle;
  const migrations = await migrateToLatest(db);
  const existing = await db.selectFrom('orgUnits').select('id').limit(1).executeTakeFirst();
  let adminPassword: string | null = null;
  let created = false;
  if (!existing) {
    created = true;
    const demo = !!opts.demo;
    const rootId = newId();
    const at = opts.clock.now().toISOString();
    const generated = !opts.adminPassword;
    adminPassword = opts.adminPassword ?? generatePassword();
    const hash = await hashPassword(adminPassword);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('orgUnits')
        .values({
          id: rootId,
          parentId: null,
          path: `/${rootId}/`,
          depth: 0,
          kind: 'federation',
          level: 'DISTRICT',
          code: demo ? DEMO_DISTRICT_CODE : (opts.orgCode ?? null),
          name: demo ? '示例区妇联' : (opts.orgName ?? '区妇联'),
          agencyType: null,
          active: 1,
          sortOrder: 0,
          createdAt: at,
          updatedAt: at,
        })
        .execute();
      const adminId = newId();
      await trx
        .insertInto('users')
        .values({
          id: adminId,
          username: 'admin',
          displayName: '管理员',
          passwordHash: hash,
          mustChangePassword: generated ? 1 : 0,
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
      // The first account must be able to create users and grant roles; hand these to separate people (三员分立) in production.
      for (const role of ['system_admin', 'security_admin'] as const) {
        await trx
          .insertInto('roleAssignments')
          .values({ id: newId(), userId: adminId, role, orgUnitId: rootId, createdAt: at, createdBy: null })
          .execute();
      }
      await appendAudit(
        trx,
        opts.clock,
        { actorId: null, actorName: 'system', ip: null },
        { action: 'install', entityType: 'system', detail: { demo } },
      );
    });
    if (!generated) adminPassword = null;
  }
  let demoSeeded = false;
  if (opts.demo && opts.cipher) demoSeeded = await seedDemo(handle, opts.clock, opts.cipher);
  return { migrations, created, adminPassword, demoSeeded };
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
