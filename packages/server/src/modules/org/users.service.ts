import { ROLE_LABELS, SECURITY_ROLES, type Role, type User } from '@jinguo/domain';
import { dialectOf, type Db } from '../../db/database.js';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit, diff } from '../../platform/audit.js';
import { clearTotp, deleteSessionsOfUser } from '../../platform/auth.repository.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, fieldError, isUniqueViolation, NotFoundError, ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { generatePassword, hashPassword } from '../../platform/passwords.js';
import { assertVersion } from '../../platform/versioning.js';
import { findUnit } from './org.repository.js';
import * as repo from './users.repository.js';

export type UsersService = ReturnType<typeof createUsersService>;

// Names differ by more than case: `Rights` beside `rights` would be two accounts one person could mistake.
const usernameTaken = () =>
  new ConflictError('用户名已存在（用户名不区分大小写）', [{ path: 'username', message: '用户名已存在（不区分大小写）' }]);

/** Refuses a grant that would give one person two of the three security roles, or a security role and a business role. */
function checkSeparationOfDuties(role: Role, held: Role[]) {
  const others = held.filter((r) => r !== role);
  const clash = SECURITY_ROLES.includes(role) ? others[0] : others.find((r) => SECURITY_ROLES.includes(r));
  if (clash) {
    throw new ConflictError(`三员分立：该用户已是“${ROLE_LABELS[clash].zh}”，不能再授予“${ROLE_LABELS[role].zh}”`, [
      { path: 'role', message: '与该用户已有角色冲突（三员分立）' },
    ]);
  }
}

/** 三员分立: the system admin creates and disables accounts, the security admin assigns roles, the auditor reads the trail. */
export function createUsersService({ db, clock }: { db: Db; clock: Clock }) {
  async function present(rows: Awaited<ReturnType<typeof repo.findUserWithUnit>>[]): Promise<User[]> {
    const users = rows.filter((r): r is NonNullable<typeof r> => !!r);
    const roles = await repo.rolesOfUsers(
      db,
      users.map((u) => u.id),
    );
    const now = clock.now().toISOString();
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      orgUnitId: u.orgUnitId,
      orgUnitName: u.orgUnitName,
      active: u.active === 1,
      locked: !!u.lockedUntil && u.lockedUntil > now,
      mustChangePassword: u.mustChangePassword === 1,
      secondFactorEnabled: !!u.totpEnabledAt,
      lastLoginAt: u.lastLoginAt,
      version: Number(u.version),
      roles: roles
        .filter((r) => r.userId === u.id)
        .map((r) => ({ id: r.id, role: r.role, orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName })),
    }));
  }

  async function loadUser(
    actor: Actor,
    permission: 'users.read' | 'users.manage' | 'roles.assign' | 'users.secondFactor.reset',
    id: string,
  ) {
    const scope = requirePermission(actor, permission);
    const user = await repo.findUserWithUnit(db, id);
    if (!user || !pathInScope(scope, user.orgPath)) throw new NotFoundError('用户');
    return { user, scope };
  }

  async function unitInScope(actor: Actor, permission: 'users.manage' | 'roles.assign', orgUnitId: string, field: string) {
    const scope = requirePermission(actor, permission);
    const unit = await findUnit(db, orgUnitId);
    if (!unit || !pathInScope(scope, unit.path)) throw fieldError(field, '单位不存在或不在您的管理范围内');
    if (!unit.active) throw fieldError(field, '单位已停用');
    return unit;
  }

  /** Creates an account with a generated one-time password that must be changed at first login. */
  async function create(actor: Actor, input: { username: string; displayName: string; orgUnitId: string }) {
    await unitInScope(actor, 'users.manage', input.orgUnitId, 'orgUnitId');
    if (await repo.findUsername(db, input.username)) throw usernameTaken();
    const password = generatePassword();
    const id = newId();
    const at = clock.now().toISOString();
    const passwordHash = await hashPassword(password);
    try {
      await db.transaction().execute(async (trx) => {
        await repo.insertUser(trx, {
          id,
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          mustChangePassword: 1,
          failedLogins: 0,
          lockedUntil: null,
          active: 1,
          orgUnitId: input.orgUnitId,
          passwordChangedAt: null,
          lastLoginAt: null,
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'user',
          entityId: id,
          orgUnitId: input.orgUnitId,
          detail: { after: { username: input.username, displayName: input.displayName, orgUnitId: input.orgUnitId } },
        });
      });
    } catch (err) {
      // Two admins creating the same username at once: the unique index decides.
      if (isUniqueViolation(err)) throw usernameTaken();
      throw err;
    }
    const [user] = await present([await repo.findUserWithUnit(db, id)]);
    return { user, initialPassword: password };
  }

  return {
    async list(actor: Actor, q: { q?: string; page: number; pageSize: number }) {
      const scope = requirePermission(actor, 'users.read');
      const [{ n }, rows] = await repo.listUsers(db, scope, { text: q.q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { items: await present(rows.map((r) => ({ ...r, orgPath: '' }))), total: Number(n), page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, id: string) {
      const { user } = await loadUser(actor, 'users.read', id);
      return (await present([user]))[0];
    },

    create,

    /** Edits an account; with `ifMatch` only if it is still at that version (else 412 naming who changed it). */
    async update(actor: Actor, id: string, patch: { displayName?: string; orgUnitId?: string; active?: boolean }, ifMatch?: number | null) {
      const { user } = await loadUser(actor, 'users.manage', id);
      if (patch.orgUnitId) await unitInScope(actor, 'users.manage', patch.orgUnitId, 'orgUnitId');
      if (patch.active === false && id === actor.userId) throw new ValidationError('不能停用自己的账户');
      const before = { displayName: user.displayName, orgUnitId: user.orgUnitId, active: user.active === 1 };
      const after = {
        displayName: patch.displayName ?? before.displayName,
        orgUnitId: patch.orgUnitId ?? before.orgUnitId,
        active: patch.active ?? before.active,
      };
      const changes = diff(before, after);
      if (Object.keys(changes).length === 0) return (await present([user]))[0];
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await assertVersion(trx, dialectOf(trx), { table: 'users', id, expected: ifMatch, entityType: 'user', what: '账户' });
        await repo.updateUser(trx, id, {
          ...(patch.displayName !== undefined && { displayName: patch.displayName }),
          ...(patch.orgUnitId !== undefined && { orgUnitId: patch.orgUnitId }),
          ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
          updatedAt: at,
        });
        // A disabled account's sessions end now, not at their timeout.
        if (patch.active === false) await deleteSessionsOfUser(trx, id);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'user',
          entityId: id,
          orgUnitId: user.orgUnitId,
          detail: { changes },
        });
      });
      return (await present([await repo.findUserWithUnit(db, id)]))[0];
    },

    /** A new generated password the user must change at next login; all their sessions end. */
    async resetPassword(actor: Actor, id: string) {
      const { user } = await loadUser(actor, 'users.manage', id);
      if (id === actor.userId) throw new ValidationError('请在“我的账户”中修改自己的密码');
      const password = generatePassword();
      const passwordHash = await hashPassword(password);
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.updateUser(trx, id, {
          passwordHash,
          mustChangePassword: 1,
          failedLogins: 0,
          lockedUntil: null,
          passwordChangedAt: at,
          updatedAt: at,
        });
        await deleteSessionsOfUser(trx, id);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'password.reset',
          entityType: 'user',
          entityId: id,
          orgUnitId: user.orgUnitId,
        });
      });
      return { initialPassword: password };
    },

    /**
     * Clears a user's second factor and recovery codes (a lost phone) and ends their sessions: at the next sign-in
     * they enrol again. The security admin's (三员分立: she does not hold the accounts); never her own.
     */
    async resetSecondFactor(actor: Actor, id: string) {
      const { user } = await loadUser(actor, 'users.secondFactor.reset', id);
      if (id === actor.userId) throw new ValidationError('不能重置自己的双因素认证；请由另一位安全管理员操作');
      await db.transaction().execute(async (trx) => {
        const at = clock.now().toISOString();
        await clearTotp(trx, id, at);
        await deleteSessionsOfUser(trx, id);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'totp.reset',
          entityType: 'user',
          entityId: id,
          orgUnitId: user.orgUnitId,
          detail: { hadSecondFactor: !!user.totpEnabledAt },
        });
      });
      return (await present([await repo.findUserWithUnit(db, id)]))[0];
    },

    async unlock(actor: Actor, id: string) {
      const { user } = await loadUser(actor, 'users.manage', id);
      await db.transaction().execute(async (trx) => {
        await repo.updateUser(trx, id, { failedLogins: 0, lockedUntil: null, updatedAt: clock.now().toISOString() });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'account.unlock',
          entityType: 'user',
          entityId: id,
          orgUnitId: user.orgUnitId,
        });
      });
      return (await present([await repo.findUserWithUnit(db, id)]))[0];
    },

    /** Grants a role over a unit's subtree; the unit must be inside the assigner's own scope. */
    async assignRole(actor: Actor, userId: string, role: Role, orgUnitId: string) {
      const { user } = await loadUser(actor, 'roles.assign', userId);
      await unitInScope(actor, 'roles.assign', orgUnitId, 'orgUnitId');
      if (userId === actor.userId) throw new ValidationError('不能给自己分配角色');
      if (await repo.findDuplicateAssignment(db, userId, role, orgUnitId)) throw new ConflictError('该用户已在此单位拥有此角色');
      checkSeparationOfDuties(
        role,
        (await repo.rolesOfUsers(db, [userId])).map((r) => r.role),
      );
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertRoleAssignment(trx, {
          id,
          userId,
          role,
          orgUnitId,
          createdAt: clock.now().toISOString(),
          createdBy: actor.userId,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'role.assign',
          entityType: 'user',
          entityId: userId,
          orgUnitId: user.orgUnitId,
          detail: { role, orgUnitId },
        });
      });
      return (await present([await repo.findUserWithUnit(db, userId)]))[0];
    },

    async revokeRole(actor: Actor, userId: string, assignmentId: string) {
      const { user, scope } = await loadUser(actor, 'roles.assign', userId);
      if (userId === actor.userId) throw new ValidationError('不能撤销自己的角色');
      const assignment = await repo.findRoleAssignment(db, assignmentId);
      if (!assignment || assignment.userId !== userId || !pathInScope(scope, assignment.orgPath)) throw new NotFoundError('角色分配');
      await db.transaction().execute(async (trx) => {
        await repo.deleteRoleAssignment(trx, assignmentId);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'role.revoke',
          entityType: 'user',
          entityId: userId,
          orgUnitId: user.orgUnitId,
          detail: { role: assignment.role, orgUnitId: assignment.orgUnitId },
        });
      });
      return (await present([await repo.findUserWithUnit(db, userId)]))[0];
    },
  };
}
