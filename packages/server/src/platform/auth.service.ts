import { createHash, randomBytes } from 'node:crypto';
import { PASSWORD_HISTORY, requiresSecondFactor, type Me } from '@jinguo/domain';
import type { Db } from '../db/database.js';
import { auditActor, permissionsOfActor, type Actor } from './actor.js';
import { appendAudit } from './audit.js';
import * as repo from './auth.repository.js';
import type { Clock } from './clock.js';
import type { FieldCipher } from './crypto.js';
import { AppError, ConflictError, fieldError, ForbiddenError, UnauthenticatedError, ValidationError } from './errors.js';
import { newId } from './ids.js';
import { passwordProblems } from './password-policy.js';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import type { SettingsService } from './settings.service.js';
import { newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, totpEnrolment, verifyTotp } from './totp.js';

export type AuthService = ReturnType<typeof createAuthService>;

/** One message for an unknown user, a wrong password and a locked account, so none can be told apart. */
export const LOGIN_FAILED_MESSAGE = '用户名或密码错误，或账户因连续登录失败已被临时锁定';

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** The blind-index purpose of recovery codes: their keyed hashes cannot be matched against any other index. */
const RECOVERY_CODE_PURPOSE = 'auth.recoveryCode';

const SECOND_FACTOR_HINT = '请输入身份验证器上的6位动态验证码，或一个恢复码';

/** Thrown inside the sign-in transaction when the second factor was already used (a replayed code): rolls the session back. */
class SecondFactorReplayed extends Error {}

export function createAuthService({
  db,
  clock,
  settings,
  cipher,
}: {
  db: Db;
  clock: Clock;
  settings: SettingsService;
  cipher: FieldCipher;
}) {
  type ActorUser = {
    id: string;
    username: string;
    displayName: string;
    mustChangePassword: number;
    active: number;
    totpEnabledAt?: string | null;
  };
  async function buildActor(
    userOrId: string | ActorUser,
    sessionId: string,
    csrfToken: string,
    ip: string | null,
    knownGrants?: Actor['grants'],
  ): Promise<Actor | null> {
    const user = typeof userOrId === 'string' ? await repo.findUserById(db, userOrId) : userOrId;
    if (!user?.active) return null;
    const grants = knownGrants ?? (await repo.listGrants(db, user.id));
    const secondFactorEnabled = !!user.totpEnabledAt;
    // Worked out on every request, so a role or a setting that starts to require it applies at once.
    const secondFactorRequired = requiresSecondFactor(
      await settings.get(),
      grants.map((g) => g.role),
    );
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      sessionId,
      csrfToken,
      ip,
      mustChangePassword: user.mustChangePassword === 1,
      secondFactorEnabled,
      secondFactorRequired,
      mustEnrolSecondFactor: secondFactorRequired && !secondFactorEnabled,
      grants,
    };
  }

  type LoginUser = NonNullable<Awaited<ReturnType<typeof repo.findUserByUsername>>>;

  /** Counts a failed sign-in (locking the account at the limit) and audits it; the caller then answers 401. */
  async function recordFailedLogin(user: LoginUser | undefined, typedName: string, ip: string | null, reason: string, locked: boolean) {
    const s = await settings.get();
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      if (user?.active && !locked) {
        const failures = user.failedLogins + 1;
        const lockUntil = failures >= s.loginMaxFailures ? new Date(now.getTime() + s.loginLockMinutes * 60_000).toISOString() : null;
        await repo.setLoginFailures(trx, user.id, lockUntil ? 0 : failures, lockUntil);
        if (lockUntil) {
          await appendAudit(
            trx,
            clock,
            { actorId: user.id, actorName: user.username, ip },
            { action: 'account.locked', entityType: 'user', entityId: user.id, detail: { until: lockUntil } },
          );
        }
      }
      // An unknown "username" is often a password typed into the wrong box: only its first characters are kept.
      const actorName = user ? user.username : `${[...typedName].slice(0, 2).join('')}***`;
      await appendAudit(
        trx,
        clock,
        { actorId: user?.id ?? null, actorName, ip },
        { action: 'login.failed', entityType: 'user', entityId: user?.id ?? null, detail: { reason } },
      );
    });
  }

  /**
   * Checks the password, then the second factor when the account has one (a TOTP code, each time step once, or
   * an unused recovery code); locks after repeated failures of either; rehashes a hash made at an older cost;
   * and opens a new server-side session (a fresh token every login).
   */
  async function login(input: {
    username: string;
    password: string;
    totpCode?: string;
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
      const reason = !user ? 'unknown_user' : !user.active ? 'inactive' : locked ? 'locked' : 'wrong_password';
      await recordFailedLogin(user, input.username, input.ip, reason, locked);
      throw new AppError(401, 'UNAUTHENTICATED', LOGIN_FAILED_MESSAGE);
    }

    // The second factor: asked for only after the right password, so the form can show the code box.
    let secondFactor: { kind: 'totp'; step: number } | { kind: 'recovery'; hash: string } | null = null;
    if (user.totpSecretEnc) {
      const code = input.totpCode?.trim() ?? '';
      if (!code) throw new AppError(401, 'SECOND_FACTOR_REQUIRED', '请输入动态验证码', [{ path: 'totpCode', message: SECOND_FACTOR_HINT }]);
      if (/^\d{6}$/.test(code)) {
        const step = verifyTotp(cipher.decrypt(user.totpSecretEnc), code, now, user.totpLastStep ?? null);
        if (step !== null) secondFactor = { kind: 'totp', step };
      } else {
        secondFactor = { kind: 'recovery', hash: cipher.blindIndex(RECOVERY_CODE_PURPOSE, normaliseRecoveryCode(code)) };
      }
    }
    const secondFactorFailed = async () => {
      await recordFailedLogin(user, input.username, input.ip, 'wrong_second_factor', false);
      return new AppError(401, 'SECOND_FACTOR_INVALID', '动态验证码错误或已使用过', [
        { path: 'totpCode', message: '动态验证码错误或已使用过，请输入新的验证码' },
      ]);
    };
    if (user.totpSecretEnc && !secondFactor) throw await secondFactorFailed();

    // A hash made under weaker parameters is replaced now that the password is known to be right.
    const rehashed = needsRehash(user.passwordHash) ? await hashPassword(input.password) : null;
    const token = randomBytes(16).toString('hex');
    const sessionId = sessionIdOf(token);
    const csrfToken = randomBytes(16).toString('hex');
    try {
      await db.transaction().execute(async (trx) => {
        // Claimed inside the transaction: of two sign-ins racing with one code, one wins and the other rolls back.
        if (secondFactor?.kind === 'totp' && !(await repo.acceptTotpStep(trx, user.id, secondFactor.step)))
          throw new SecondFactorReplayed();
        if (secondFactor?.kind === 'recovery' && !(await repo.useRecoveryCode(trx, user.id, secondFactor.hash, now.toISOString())))
          throw new SecondFactorReplayed();
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
        if (rehashed) await repo.rehashPassword(trx, user.id, rehashed);
        await appendAudit(
          trx,
          clock,
          { actorId: user.id, actorName: user.username, ip: input.ip },
          {
            action: 'login',
            entityType: 'user',
            entityId: user.id,
            ...((secondFactor || rehashed) && {
              detail: {
                ...(secondFactor && { secondFactor: secondFactor.kind }),
                ...(secondFactor?.kind === 'recovery' && { recoveryCodesLeft: await repo.countUnusedRecoveryCodes(trx, user.id) }),
                ...(rehashed && { passwordRehashed: true }),
              },
            }),
          },
        );
      });
    } catch (err) {
      if (err instanceof SecondFactorReplayed) throw await secondFactorFailed();
      throw err;
    }
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
    // A grant on a deactivated unit has no path (left join) and counts for nothing, as in listGrants.
    const grants = rows.flatMap((r) =>
      r.grantId && r.orgPath ? [{ id: r.grantId, role: r.role!, orgUnitId: r.orgUnitId!, orgPath: r.orgPath, orgName: r.orgName! }] : [],
    );
    const actor = await buildActor(
      {
        id: session.userId,
        username: session.username,
        displayName: session.displayName,
        mustChangePassword: session.mustChangePassword,
        active: session.active,
        totpEnabledAt: session.totpEnabledAt,
      },
      id,
      session.csrfToken,
      ip,
      grants,
    );
    return actor && { ...actor, lastWriteLsn: session.lastWriteLsn };
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

  /**
   * Changes the caller's own password under the policy (the shared rules, the dictionary score, none of the
   * last PASSWORD_HISTORY passwords); other sessions of the user end.
   */
  async function changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await repo.findPasswordOwner(db, actor.userId);
    if (!user) throw new UnauthenticatedError();
    if (!(await verifyPassword(currentPassword, user.passwordHash))) throw fieldError('currentPassword', '当前密码不正确');
    const problems = passwordProblems(newPassword, {
      username: user.username,
      displayName: user.displayName,
      orgName: user.orgName,
      orgCode: user.orgCode,
    });
    if (currentPassword === newPassword) problems.push('新密码不能与当前密码相同');
    else if (problems.length === 0 && (await reusesRecentPassword(user.id, user.passwordHash, newPassword))) {
      problems.push(`新密码不能与最近${PASSWORD_HISTORY}次使用过的密码相同`);
    }
    if (problems.length)
      throw new ValidationError(
        `新密码不符合要求：${problems.join('；')}`,
        problems.map((m) => ({ path: 'newPassword', message: m })),
      );
    const hash = await hashPassword(newPassword);
    await db.transaction().execute(async (trx) => {
      const at = clock.now().toISOString();
      await repo.setPassword(trx, user.id, hash, false, at);
      await repo.pushPasswordHistory(trx, { id: newId(), userId: user.id, passwordHash: hash, createdAt: at }, PASSWORD_HISTORY);
      await repo.deleteSessionsOfUser(trx, user.id, actor.sessionId);
      await appendAudit(
        trx,
        clock,
        { actorId: actor.userId, actorName: actor.username, ip: actor.ip },
        { action: 'password.change', entityType: 'user', entityId: user.id },
      );
    });
  }

  /** True when the password is one of the user's last PASSWORD_HISTORY (the current hash and the history, newest first). */
  async function reusesRecentPassword(userId: string, currentHash: string, password: string): Promise<boolean> {
    const history = (await repo.listPasswordHistory(db, userId, PASSWORD_HISTORY)).map((h) => h.passwordHash);
    const recent = [...new Set([currentHash, ...history])].slice(0, PASSWORD_HISTORY);
    // Each check is a full scrypt: run them side by side on the thread pool.
    return (await Promise.all(recent.map((h) => verifyPassword(password, h)))).some(Boolean);
  }

  /** Starts enrolment: a new secret, kept aside (encrypted) until a code from it is confirmed. */
  async function setupTotp(actor: Actor): Promise<{ secret: string; otpauthUri: string; qrDataUrl: string }> {
    const user = await repo.findUserById(db, actor.userId);
    if (!user) throw new UnauthenticatedError();
    if (user.totpSecretEnc) throw new ConflictError('已启用双因素认证；如需更换手机，请先停用，或请安全管理员重置');
    const secret = newTotpSecret();
    await db.transaction().execute(async (trx) => {
      await repo.setPendingTotp(trx, user.id, cipher.encrypt(secret));
      await appendAudit(trx, clock, auditActor(actor), { action: 'totp.setup', entityType: 'user', entityId: user.id });
    });
    return { secret, ...(await totpEnrolment(user.username, secret)) };
  }

  /** Confirms enrolment with a code from the new secret; returns the recovery codes (shown once). Other sessions end. */
  async function enableTotp(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
    const user = await repo.findUserById(db, actor.userId);
    if (!user) throw new UnauthenticatedError();
    if (user.totpSecretEnc) throw new ConflictError('已启用双因素认证');
    if (!user.totpPendingEnc) throw fieldError('code', '请先生成二维码并用身份验证器扫描');
    const step = verifyTotp(cipher.decrypt(user.totpPendingEnc), code, clock.now(), null);
    if (step === null) throw fieldError('code', '动态验证码不正确，请核对手机时间后输入最新的验证码');
    const codes = newRecoveryCodes();
    await db.transaction().execute(async (trx) => {
      const at = clock.now().toISOString();
      await repo.enableTotp(trx, user.id, user.totpPendingEnc!, at, step);
      await repo.replaceRecoveryCodes(trx, user.id, recoveryRows(codes), at);
      // Sessions opened with the password alone end: from now on every sign-in takes the second factor.
      await repo.deleteSessionsOfUser(trx, user.id, actor.sessionId);
      await appendAudit(trx, clock, auditActor(actor), { action: 'totp.enable', entityType: 'user', entityId: user.id });
    });
    return { recoveryCodes: codes };
  }

  /** New recovery codes (the old ones stop working), confirmed with a current code. */
  async function regenerateRecoveryCodes(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
    const user = await repo.findUserById(db, actor.userId);
    if (!user) throw new UnauthenticatedError();
    if (!user.totpSecretEnc) throw new ConflictError('尚未启用双因素认证');
    const step = verifyTotp(cipher.decrypt(user.totpSecretEnc), code, clock.now(), user.totpLastStep ?? null);
    if (step === null) throw fieldError('code', '动态验证码错误或已使用过');
    const codes = newRecoveryCodes();
    await db.transaction().execute(async (trx) => {
      if (!(await repo.acceptTotpStep(trx, user.id, step))) throw fieldError('code', '动态验证码错误或已使用过');
      await repo.replaceRecoveryCodes(trx, user.id, recoveryRows(codes), clock.now().toISOString());
      await appendAudit(trx, clock, auditActor(actor), { action: 'totp.recoveryCodes', entityType: 'user', entityId: user.id });
    });
    return { recoveryCodes: codes };
  }

  /** Turns the second factor off, with the password — not for a user whose roles require it. */
  async function disableTotp(actor: Actor, currentPassword: string): Promise<void> {
    const user = await repo.findUserById(db, actor.userId);
    if (!user) throw new UnauthenticatedError();
    if (actor.secondFactorRequired) throw new ForbiddenError('您的角色须使用双因素认证，不能停用；手机丢失时请联系安全管理员重置');
    if (!(await verifyPassword(currentPassword, user.passwordHash))) throw fieldError('currentPassword', '当前密码不正确');
    if (!user.totpSecretEnc && !user.totpPendingEnc) return;
    await db.transaction().execute(async (trx) => {
      await repo.clearTotp(trx, user.id, clock.now().toISOString());
      await appendAudit(trx, clock, auditActor(actor), { action: 'totp.disable', entityType: 'user', entityId: user.id });
    });
  }

  const recoveryRows = (codes: string[]) =>
    codes.map((c) => ({ id: newId(), codeHash: cipher.blindIndex(RECOVERY_CODE_PURPOSE, normaliseRecoveryCode(c)) }));

  function present(actor: Actor): Me {
    return {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      mustChangePassword: actor.mustChangePassword,
      secondFactorEnabled: !!actor.secondFactorEnabled,
      secondFactorRequired: !!actor.secondFactorRequired,
      mustEnrolSecondFactor: !!actor.mustEnrolSecondFactor,
      roles: actor.grants.map((g) => ({ id: g.id, role: g.role, orgUnitId: g.orgUnitId, orgUnitName: g.orgName })),
      permissions: [...permissionsOfActor(actor)].sort(),
      csrfToken: actor.csrfToken,
    };
  }

  return { login, resolveSession, logout, changePassword, setupTotp, enableTotp, regenerateRecoveryCodes, disableTotp, present };
}
