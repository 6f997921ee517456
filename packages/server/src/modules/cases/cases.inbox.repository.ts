import type { Executor } from '../../db/database.js';
import { orgInScope } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';

const OPEN = ['registered', 'accepted', 'in_progress', 'review_requested', 'rereview_requested'] as const;

/** Open cases a user holds (she is the assignee) whose deadline has passed, inside her scope: her 我的待办 entries. */
export function listOverdueHeldBy(db: Executor, scope: Scope, userId: string, today: string) {
  return db
    .selectFrom('cases as c')
    .innerJoin('orgUnits as o', 'o.id', 'c.ownerOrgId')
    .leftJoin('caseCategories as cc', 'cc.code', 'c.category')
    .select(['c.id', 'c.caseNo', 'c.nextDueDate', 'c.updatedAt', 'c.category', 'cc.label as categoryLabel', 'o.name as ownerName'])
    .where('c.assigneeUserId', '=', userId)
    .where('c.status', 'in', OPEN)
    .where('c.nextDueDate', '<', today)
    .where((eb) => orgInScope(eb, 'c.ownerOrgId', scope))
    .orderBy('c.nextDueDate')
    .execute();
}
