import type { Executor } from '../db/database.js';
import type { SessionsTable } from './platform.tables.js';

export function findUserByUsername(db: Executor, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSessionWithUser(db: Executor, id: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select(['s.userId', 's.csrfToken', 's.lastSeenAt', 's.expiresAt', 'u.username', 'u.displayName', 'u.mustChangePassword', 'u.active'])
    .where('s.id', '=', id)
    .executeTakeFirst();
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
