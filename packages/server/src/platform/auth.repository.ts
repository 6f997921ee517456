import { sql } from 'kysely';
import type { Role } from '@jinguo/domain';
import type { Executor } from '../db/database.js';
import { fastRows } from '../db/fast-query.js';
import type { SessionsTable } from './platform.tables.js';

/** Usernames are one name whatever their case: `Rights` signs in as `rights` (matches the unique index on lower(username)). */
export function findUserByUsername(db: Executor, username: string) {
  return db.selectFrom('users').selectAll().where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
}

/** A user with the name and code of their home unit: what a password may not contain. */
export function findPasswordOwner(db: Executor, userId: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('orgUnits as ou', 'ou.id', 'u.orgUnitId')
    .select(['u.id', 'u.username', 'u.displayName', 'u.passwordHash', 'ou.name as orgName', 'ou.code as orgCode'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

export function findUserById(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export type SessionActorRow = {
  userId: string;
  csrfToken: string;
  lastSeenAt: string;
  expiresAt: string;
  lastWriteLsn: string | null;
  username: string;
  displayName: string;
  mustChangePassword: number;
  active: number;
  totpEnabledAt: string | null;
  /** The role assignment of this row; null when the user holds none. */
  grantId: string | null;
  role: Role | null;
  orgUnitId: string | null;
  /** Null when the assignment's unit is deactivated: such a grant counts for nothing. */
  orgPath: string | null;
  orgName: string | null;
};

/**
 * A session with its user and the user's role assignments, in one query (it runs on every request): one row
 * per assignment, or a single row with empty grant columns. Nothing is cached, so a revoked session, a disabled
 * account or a withdrawn role stops working on the very next request, on every app server.
 */
export function findSessionActor(db: Executor, id: string): Promise<SessionActorRow[]> {
  return fastRows(
    db,
    sql<SessionActorRow>`
      SELECT s.user_id AS "userId", s.csrf_token AS "csrfToken", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt",
             s.last_write_lsn AS "lastWriteLsn",
             u.username, u.display_name AS "displayName", u.must_change_password AS "mustChangePassword", u.active,
             u.totp_enabled_at AS "totpEnabledAt",
             ra.id AS "grantId", ra.role, ra.org_unit_id AS "orgUnitId", ou.path AS "orgPath", ou.name AS "orgName"
      FROM sessions s
      JOIN users u ON u.id = s.user_id
      LEFT JOIN role_assignments ra ON ra.user_id = s.user_id
      LEFT JOIN org_units ou ON ou.id = ra.org_unit_id AND ou.active = 1
      WHERE s.id = ${id}
      ORDER BY ou.path`,
  );
}

/** A user's role assignments with the path and name of the unit each covers. */
export function listGrants(db: Executor, userId: string) {
  return db
    .selectFrom('roleAssignments as ra')
    .innerJoin('orgUnits as ou', 'ou.id', 'ra.orgUnitId')
    .select(['ra.id', 'ra.role', 'ra.orgUnitId', 'ou.path as orgPath', 'ou.name as orgName'])
    .where('ra.userId', '=', userId)
    .where('ou.active', '=', 1)
    .orderBy('ou.path')
    .execute();
}

export function insertSession(db: Executor, session: SessionsTable) {
  return db.insertInto('sessions').values(session).execute();
}

export function touchSession(db: Executor, id: string, lastSeenAt: string) {
  return db.updateTable('sessions').set({ lastSeenAt }).where('id', '=', id).execute();
}

export function deleteSession(db: Executor, id: string) {
  return db.deleteFrom('sessions').where('id', '=', id).execute();
}

export function deleteSessionsOfUser(db: Executor, userId: string, exceptId?: string) {
  let q = db.deleteFrom('sessions').where('userId', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.execute();
}

export function deleteExpiredSessions(db: Executor, idleBefore: string, now: string) {
  return db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('lastSeenAt', '<', idleBefore), eb('expiresAt', '<', now)]))
    .execute();
}

export function setLoginFailures(db: Executor, userId: string, failedLogins: number, lockedUntil: string | null) {
  return db.updateTable('users').set({ failedLogins, lockedUntil }).where('id', '=', userId).execute();
}

export function recordLogin(db: Executor, userId: string, at: string) {
  return db.updateTable('users').set({ failedLogins: 0, lockedUntil: null, lastLoginAt: at }).where('id', '=', userId).execute();
}

export function setPassword(db: Executor, userId: string, passwordHash: string, mustChangePassword: boolean, at: string) {
  return db
    .updateTable('users')
    .set({
      passwordHash,
      mustChangePassword: mustChangePassword ? 1 : 0,
      passwordChangedAt: at,
      updatedAt: at,
      failedLogins: 0,
      lockedUntil: null,
    })
    .where('id', '=', userId)
    .execute();
}

/** A successful sign-in with a hash made under weaker parameters: the same password, hashed at today's cost. */
export function rehashPassword(db: Executor, userId: string, passwordHash: string) {
  return db.updateTable('users').set({ passwordHash }).where('id', '=', userId).execute();
}

/** The user's most recent chosen passwords (hashes), newest first. */
export function listPasswordHistory(db: Executor, userId: string, limit: number) {
  return db
    .selectFrom('passwordHistory')
    .select(['passwordHash'])
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Records a chosen password's hash and keeps only the newest `keep`. */
export async function pushPasswordHistory(
  db: Executor,
  row: { id: string; userId: string; passwordHash: string; createdAt: string },
  keep: number,
) {
  await db.insertInto('passwordHistory').values(row).execute();
  const kept = db
    .selectFrom('passwordHistory')
    .select('id')
    .where('userId', '=', row.userId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(keep);
  await db.deleteFrom('passwordHistory').where('userId', '=', row.userId).where('id', 'not in', kept).execute();
}

export function setPendingTotp(db: Executor, userId: string, totpPendingEnc: string) {
  return db.updateTable('users').set({ totpPendingEnc }).where('id', '=', userId).execute();
}

export function enableTotp(db: Executor, userId: string, totpSecretEnc: string, at: string, step: number) {
  return db
    .updateTable('users')
    .set({ totpSecretEnc, totpPendingEnc: null, totpEnabledAt: at, totpLastStep: step, updatedAt: at })
    .where('id', '=', userId)
    .execute();
}

/** Removes the second factor and its recovery codes (the user turns it off, or the security admin resets it). */
export async function clearTotp(db: Executor, userId: string, at: string) {
  await db
    .updateTable('users')
    .set({ totpSecretEnc: null, totpPendingEnc: null, totpEnabledAt: null, totpLastStep: null, updatedAt: at })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('recoveryCodes').where('userId', '=', userId).execute();
}

/**
 * Records the time step of an accepted code, only if it is later than the last one: two sign-ins racing with
 * the same code cannot both win. Returns false for a replay.
 */
export async function acceptTotpStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const res = await db
    .updateTable('users')
    .set({ totpLastStep: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function replaceRecoveryCodes(db: Executor, userId: string, rows: { id: string; codeHash: string }[], at: string) {
  await db.deleteFrom('recoveryCodes').where('userId', '=', userId).execute();
  await db
    .insertInto('recoveryCodes')
    .values(rows.map((r) => ({ ...r, userId, createdAt: at, usedAt: null })))
    .execute();
}

/** Marks an unused recovery code used; false when there is none such (wrong, or used already — also by a racing sign-in). */
export async function useRecoveryCode(db: Executor, userId: string, codeHash: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('recoveryCodes')
    .set({ usedAt: at })
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const { n } = await db
    .selectFrom('recoveryCodes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}
