import { permissionsOf, type Permission, type Role } from '@jinguo/domain';
import { ForbiddenError } from './errors.js';

export type RoleGrant = { id: string; role: Role; orgUnitId: string; orgPath: string; orgName: string };

/** Who is calling: resolved from the session on every request. */
export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  sessionId: string;
  csrfToken: string;
  ip: string | null;
  mustChangePassword: boolean;
  /** A second factor (TOTP) is enrolled. */
  secondFactorEnabled?: boolean;
  /** The caller's roles require a second factor (settings.secondFactorRoles). */
  secondFactorRequired?: boolean;
  /** The caller's roles require a second factor and none is enrolled: only enrolment is open (see http.ts). */
  mustEnrolSecondFactor?: boolean;
  grants: RoleGrant[];
  /** The primary's WAL position after this session's last write: its heavy reads wait for a replica past it. */
  lastWriteLsn?: string | null;
};

/**
 * The org subtrees in which a caller holds a permission: the materialised paths of the units their
 * granting roles are assigned to. Every list query takes one of these; an empty scope sees nothing.
 */
export type Scope = { permission: Permission; paths: string[] };

export function permissionsOfActor(actor: Actor): Set<Permission> {
  const all = new Set<Permission>();
  for (const g of actor.grants) for (const p of permissionsOf(g.role)) all.add(p);
  return all;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((g) => permissionsOf(g.role).includes(permission));
}

/** The one permission check: returns the caller's scope for the permission, or refuses. */
export function requirePermission(actor: Actor, permission: Permission): Scope {
  const paths = actor.grants.filter((g) => permissionsOf(g.role).includes(permission)).map((g) => g.orgPath);
  if (paths.length === 0) throw new ForbiddenError();
  return { permission, paths: collapsePaths(paths) };
}

/** Drops paths already covered by an ancestor path. */
export function collapsePaths(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  const out: string[] = [];
  for (const p of sorted) if (!out.some((a) => p.startsWith(a))) out.push(p);
  return out;
}

/** True when the unit (by its path) lies inside the scope. */
export function pathInScope(scope: Scope, path: string): boolean {
  return scope.paths.some((p) => path.startsWith(p));
}

/** Audit context of a caller. */
export function auditActor(actor: Actor | null, ip: string | null = actor?.ip ?? null) {
  return { actorId: actor?.userId ?? null, actorName: actor?.username ?? null, ip };
}
