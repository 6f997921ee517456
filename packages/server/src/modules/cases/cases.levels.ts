import { permissionsOf, type CaseTransition, type OrgKind, type Permission } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { ConflictError } from '../../platform/errors.js';
import * as repo from './cases.repository.js';

/** The units that keep petitions: a federation (province, city, district), a township's or a street's. */
export const FEDERATION_KINDS = new Set<OrgKind>(['federation', 'township', 'street']);

/** The workflow steps of 复查 and 复核: recorded and decided by the federation above the one that handled the case. */
export const REVIEW_TRANSITIONS: Partial<Record<CaseTransition, 'review' | 'rereview'>> = {
  requestReview: 'review',
  decideReview: 'review',
  requestReReview: 'rereview',
  decideReReview: 'rereview',
};

type LevelUnit = { id: string; name: string; path: string };
export type CaseLevels = { owner: LevelUnit; handling: LevelUnit; review: LevelUnit; rereview: LevelUnit };

/**
 * The levels that answer for a case of a unit: the federation that handles it (the unit's nearest unit of kind
 * federation: a township's case is its district's work), and the federations that decide a 复查 (one level above the unit
 * that handled it) and a 复核 (two levels above; 信访工作条例第35、36条). An installation with no level above on the
 * platform (a district at the top) has its top record the decisions taken above it, as it did before the hierarchy.
 */
export async function levelsOf(ex: Executor, ownerPath: string): Promise<CaseLevels> {
  const units = await repo.listUnitsOnPath(ex, ownerPath);
  const owner = units.at(-1)!;
  const handling = [...units].reverse().find((u) => u.kind === 'federation') ?? owner;
  const above = units
    .slice(0, -1)
    .filter((u) => FEDERATION_KINDS.has(u.kind))
    .reverse();
  const review = above[0] ?? owner;
  return { owner, handling, review, rereview: above[1] ?? review };
}

/** The units where the caller holds the permission, one path per role (a role at the city and one at a district are two). */
function grantPaths(actor: Actor, permission: Permission): string[] {
  return actor.grants.filter((g) => permissionsOf(g.role).includes(permission)).map((g) => g.orgPath);
}

/**
 * Whether the caller acts for the federation that handles the case: a role there or below it. The levels above read
 * the case through their subtree scope but act on it only through 转送/交办, 督办 and the review they decide.
 */
export function actsAsHandler(actor: Actor, lv: CaseLevels, permission: Permission = 'cases.write'): boolean {
  return grantPaths(actor, permission).some((p) => p.startsWith(lv.handling.path));
}

/** Whether the caller acts for the federation that decides the case's 复查 / 复核 — never the unit that handled it or the one that reviewed it. */
export function actsAsReviewer(actor: Actor, lv: CaseLevels, which: 'review' | 'rereview'): boolean {
  const unit = lv[which];
  // The level below the deciding one on the case's way up decided before: its officers (and the handling unit's) do not.
  const lower = which === 'rereview' && lv.review.id !== lv.rereview.id ? lv.review : lv.owner;
  return grantPaths(actor, 'cases.write').some((p) => p.startsWith(unit.path) && (unit.id === lower.id || !p.startsWith(lower.path)));
}

export function assertHandler(actor: Actor, lv: CaseLevels, permission: Permission = 'cases.write') {
  if (!actsAsHandler(actor, lv, permission))
    throw new ConflictError(`该事项由${lv.handling.name}承办：上级妇联可以查看、督办，不能代为办理`);
}

export function assertReviewer(actor: Actor, lv: CaseLevels, which: 'review' | 'rereview') {
  if (actsAsReviewer(actor, lv, which)) return;
  const what = which === 'review' ? '复查' : '复核';
  const unit = lv[which];
  const own = grantPaths(actor, 'cases.write').some((p) => p.startsWith(lv.owner.path));
  throw new ConflictError(
    own
      ? `${what}由${unit.name}受理和决定，承办单位不能${what}自己的处理意见（信访工作条例第35、36条）`
      : `${what}由${unit.name}受理和决定（信访工作条例第35、36条）`,
  );
}
