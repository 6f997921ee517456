import { guardianConsentProblem, isMinorAge, maskName, type GuardianConsent, type Permission } from '@jinguo/domain';
import { can, type Actor } from './actor.js';
import { fieldError } from './errors.js';

/**
 * The minor-protection rules on the server side, shared by every module that records children (春蕾 girls,
 * left-behind children); moved here from the sponsorship service. Each module names its own narrower permission
 * (`sponsorship.minors.read`, `children.minors.read`): a minor's details go only to its holders, everyone else
 * sees a masked name and nothing more.
 */

/** May this caller see the details of a person of this age (null = unknown, treated as a minor)? */
export function minorDetailsVisible(actor: Actor, age: number | null, permission: Permission): boolean {
  return !isMinorAge(age) || can(actor, permission);
}

/** A name as this caller may see it: a minor's is masked without the permission. */
export function minorNameFor(actor: Actor, name: string, age: number | null, permission: Permission): string {
  return minorDetailsVisible(actor, age, permission) ? name : maskName(name)!;
}

/** Searching minors by name would reveal them to those who may not see their names: the text is dropped. */
export function minorSearchText(actor: Actor, text: string | undefined, permission: Permission): string | undefined {
  return can(actor, permission) ? text : undefined;
}

/** Refuses (400 naming the field) a registration of an under-14 child without her guardian's consent (PIPL art. 31). */
export function assertGuardianConsent(age: number, consent: Pick<GuardianConsent, 'consentDate'> | null | undefined, today: string): void {
  const problem = guardianConsentProblem(age, consent, today);
  if (problem) throw fieldError(problem.path, problem.message);
}
