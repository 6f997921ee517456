import { permissionsOf, type Permission } from '@jinguo/domain';
import type { Executor } from '../db/database.js';
import { findUserById, listGrants } from './auth.repository.js';
import { fieldError } from './errors.js';

/**
 * True when the user is an active account and one of their roles grants `permission` over a unit whose subtree
 * holds the unit at `unitPath` — the same rule requirePermission applies to a caller, asked about someone else.
 * A grant on a deactivated unit counts for nothing here, as it does at sign-in (listGrants skips it).
 */
export async function userHoldsPermission(db: Executor, userId: string, permission: Permission, unitPath: string): Promise<boolean> {
  const user = await findUserById(db, userId);
  if (user?.active !== 1) return false;
  const grants = await listGrants(db, userId);
  return grants.some((g) => unitPath.startsWith(g.orgPath) && permissionsOf(g.role).includes(permission));
}

/**
 * Refuses (400 naming the field) a person put in charge of a record — an assignee, an approver — who could not
 * act on it themselves: assignment never widens anyone's access, so the person must already hold the
 * permission over the record's unit.
 */
export async function assertAssignable(
  db: Executor,
  field: string,
  userId: string,
  permission: Permission,
  unitPath: string,
  message: string,
): Promise<void> {
  if (!(await userHoldsPermission(db, userId, permission, unitPath))) throw fieldError(field, message);
}
