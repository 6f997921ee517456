import { sql } from 'kysely';
import type { Role } from '@jinguo/domain';
import type { Executor } from '../db/database.js';
import { fastRows } from '../db/fast-query.js';
import type { SessionsTable } from './platform.tables.js';

export function findUserByUsername(db: Executor, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export type SessionActorRow = {
  userId: string;
  csrfToken: string;
  lastSeenAt: string;
  expiresAt: string;
  username: string;
  displayName: string;
  mustChangePassword: number;
  active: number;
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
             u.username, u.display_name AS "displayName", u.must_change_password AS "mustChangePassword", u.active,
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
