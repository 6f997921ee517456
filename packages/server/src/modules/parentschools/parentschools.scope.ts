import { permissionsOf } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { fieldError } from '../../platform/errors.js';
import * as repo from './parentschools.repository.js';

/** The caller's own unit for parent-school writes (an import's owner when a row names none). */
export function homeUnit(actor: Actor): string {
  requirePermission(actor, 'parentschools.write');
  return actor.grants.find((g) => permissionsOf(g.role).includes('parentschools.write'))!.orgUnitId;
}

/** A site named in a request body: outside the scope it is a field error (400), not a 404 of the request. */
export async function writableSite(db: Executor, scope: Scope, id: string, year: number) {
  const s = await repo.findSite(db, id, year);
  if (!s || !pathInScope(scope, s.ownerOrgPath)) throw fieldError('siteId', '家长学校不存在或不在您的工作范围内');
  return s;
}
