import { createHash, randomBytes } from 'node:crypto';
import { checkPasswordPolicy, type Me } from '@jinguo/domain';
import type { Db } from '../db/database.js';
import { permissionsOfActor, type Actor } from './actor.js';
import { appendAudit } from './audit.js';
import * as repo from './auth.repository.js';
import type { Clock } from './clock.js';
import { AppError, UnauthenticatedError, ValidationError } from './errors.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import type { SettingsService } from './settings.service.js';

export type AuthService = ReturnType<typeof createAuthService>;

/** One message for an unknown user, a wrong password and a locked account, so none can be told apart. */
export const LOGIN_FAILED_MESSAGE = '用户名或密码错误，或账户因连续登录失败已被临时锁定';

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

export function createAuthService({ db, clock, settings }: { db: Db; clock: Clock; settings: SettingsService }) {
  type ActorUser = { id: string; username: string; displayName: string; mustChangePassword: number; active: number };
  async function buildActor(userOrId: string | ActorUser, sessionId: string, csrfToken: string, ip: string | null): Promise<Actor | null> {
    const user = typeof userOrId === 'string' ? await repo.findUserById(db, userOrId) : userOrId;
    if (!user?.active) return null;
    const userId = user.id;
    const grants = await repo.listGrants(db, userId);
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      sessionId,
      csrfToken,
      ip,
      mustChangePassword: user.mustChangePassword === 1,
      grants,
    };
  }

  /** Checks the password, locks after repeated failures, and opens a new server-side session (a fresh token every login). */
  async function login(input: {
    username: string;
    password: string;
    ip: string | null;
    userAgent: string | null;
  }): Promise<{ token: string; actor: Actor }> {
    const s = await settings.get();
    const now = clock.now();
    const user = await repo.findUserByUsername(db, input.username);
    // Always run scrypt once, so an unknown user costs the same time as a wrong password.
    const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
    const locked = !!user?.lockedUntil && user.lockedUntil > now.toISOString();
    if (!user?.active || !passwordOk || locked) {
      await db.transaction().execute(async (trx) => {
        if (user?.active && !locked) {
          const failures = user.failedLogins + 1;
          const lockUntil = failures >= s.loginMaxFailures ? new Date(now.getTime() + s.loginLockMinutes * 60_000).toISOString() : null;
          await repo.setLoginFailures(trx, user.id, lockUntil ? 0 : failures, lockUntil);
          if (lockUntil) {
            await appendAudit(
              trx,
              clock,
              { actorId: user.id, actorName: user.username, ip: input.ip },
              { action: 'account.locked', entityType: 'user', entityId: user.id, detail: { until: lockUntil } },
            );
          }
        }
        // An unknown "username" is often a password typed into the wrong box: only its first characters are kept.
        const actorName = user ? user.username : `${[...input.username].slice(0, 2).join('')}***`;
        await appendAudit(
          trx,
          clock,
          { actorId: user?.id ?? null, actorName, ip: input.ip },
          {
            action: 'login.failed',
            entityType: 'user',
            entityId: user?.id ?? null,
            detail: { reason: !user ? 'unknown_user' : !user.active ? 'inactive' : locked ? 'locked' : 'wrong_password' },
          },
        );
      });
      throw new AppError(401, 'UNAUTHENTICATED', LOGIN_FAILED_MESSAGE);
    }
    const token = randomBytes(16).toString('hex');
    const sessionId = sessionIdOf(token);
    const csrfToken = randomBytes(16).toString('hex');
    await db.transaction().execute(async (trx) => {
      await repo.insertSession(trx, {
        id: sessionId,
        userId: user.id,
        csrfToken,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + s.sessionAbsoluteHours * 3600_000).toISOString(),
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
      });
      await repo.recordLogin(trx, user.id, now.toISOString());
      await appendAudit(
        trx,
        clock,
        { actorId: user.id, actorName: user.username, ip: input.ip },
        { action: 'login', entityType: 'user', entityId: user.id },
      );
    });
    const actor = await buildActor(user.id, sessionId, csrfToken, input.ip);
    return { token, actor: actor! };
  }

  /** The caller behind a session cookie, or null when the session is unknown, idle too long, past its absolute limit, or its user disabled. */
  async function resolveSession(token: string, ip: string | null): Promise<Actor | null> {
    if (!/^[0-9a-f]{32}$/.test(token)) return null;
    const id = sessionIdOf(token);
    // The session, its user and the user's grants in one query: this runs on every request.
    const rows = await repo.findSessionActor(db, id);
    const session = rows[0];
    if (!session) return null;
    const s = await settings.get();
    const now = clock.now();
    const idleLimit = new Date(session.lastSeenAt).getTime() + s.sessionIdleMinutes * 60_000;
    if (now.getTime() > idleLimit || now.toISOString() >= session.expiresAt) {
      await repo.deleteSession(db, id);
      return null;
    }
    // Touch at most once a minute: enough precision for a 30-minute idle timeout, far fewer writes.
    if (now.getTime() - new Date(session.lastSeenAt).getTime() > 60_000) await repo.touchSession(db, id, now.toISOString());
    if (!session.active) return null;
    return {
      userId: session.userId,
      username: session.username,
      displayName: session.displayName,
      sessionId: id,
      csrfToken: session.csrfToken,
      ip,
      mustChangePassword: session.mustChangePassword === 1,
      // A grant on a deactivated unit has no path (left join) and counts for nothing, as in listGrants.
      grants: rows.flatMap((r) =>
        r.grantId && r.orgPath ? [{ id: r.grantId, role: r.role!, orgUnitId: r.orgUnitId!, orgPath: r.orgPath, orgName: r.orgName! }] : [],
      ),
    };
  }

  async function logout(actor: Actor): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await repo.deleteSession(trx, actor.sessionId);
      await appendAudit(
        trx,
        clock,
        { actorId: actor.userId, actorName: actor.username, ip: actor.ip },
        { action: 'logout', entityType: 'user', entityId: actor.userId },
      );
    });
  }

  /** Changes the caller's own password under the policy; other sessions of the user end. */
  async function changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await repo.findUserById(db, actor.userId);
    if (!user) throw new UnauthenticatedError();
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      throw new ValidationError('当前密码不正确', [{ path: 'currentPassword', message: '当前密码不正确' }]);
    }
    const problems = checkPasswordPolicy(newPassword, user.username);
    if (currentPassword === newPassword) problems.push('新密码不能与当前密码相同');
    if (problems.length)
      throw new ValidationError(
        problems.join('；'),
        problems.map((m) => ({ path: 'newPassword', message: m })),
      );
    const hash = await hashPassword(newPassword);
    await db.transaction().execute(async (trx) => {
      const at = clock.now().toISOString();
      await repo.setPassword(trx, user.id, hash, false, at);
      await repo.deleteSessionsOfUser(trx, user.id, actor.sessionId);
      await appendAudit(
        trx,
        clock,
        { actorId: actor.userId, actorName: actor.username, ip: actor.ip },
        { action: 'password.change', entityType: 'user', entityId: user.id },
      );
    });
  }

  function present(actor: Actor): Me {
    return {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      mustChangePassword: actor.mustChangePassword,
      roles: actor.grants.map((g) => ({ id: g.id, role: g.role, orgUnitId: g.orgUnitId, orgUnitName: g.orgName })),
      permissions: [...permissionsOfActor(actor)].sort(),
      csrfToken: actor.csrfToken,
    };
  }

  return { login, resolveSession, logout, changePassword, present };
}
