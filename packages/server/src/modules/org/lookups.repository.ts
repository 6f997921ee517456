import type { Role } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { pathInScopeSql } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';

/** The active units inside a scope, with what an Excel cell may name them by. */
export function listActiveUnitsInScope(db: Executor, scope: Scope) {
  return db
    .selectFrom('orgUnits')
    .select(['id', 'name', 'code', 'kind'])
    .where(pathInScopeSql('path', scope))
    .where('active', '=', 1)
    .execute();
}

/** The active users holding a role at exactly this unit (not above it): an agency's staff, say. */
export function listActiveUsersWithRoleAt(db: Executor, orgUnitId: string, role: Role) {
  return db
    .selectFrom('roleAssignments as ra')
    .innerJoin('users as u', 'u.id', 'ra.userId')
    .select('u.id')
    .where('ra.orgUnitId', '=', orgUnitId)
    .where('ra.role', '=', role)
    .where('u.active', '=', 1)
    .execute();
}
