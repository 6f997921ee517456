import { z } from 'zod';
import { businessDateSchema } from './dates.js';
import { requiredText } from './schemas.js';

/**
 * The minor-protection rules every module that records children shares (春蕾 girls, left-behind children):
 * moved here from the sponsorship module so that no module keeps its own copy.
 */

/** PIPL art. 31: a child under 14 needs her guardian's consent before her data is processed. */
export const CONSENT_AGE = 14;
/** Under 18 a person is a minor: her details go only to holders of the module's narrower minors permission. */
export const ADULT_AGE = 18;

export const CONSENT_METHODS = ['written', 'oral'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = { written: '书面同意', oral: '口头同意（已记录）' };

/** A guardian's consent as staff record it (who, their relation to the child, when and how). */
export const guardianConsentSchema = z.strictObject({
  guardianName: requiredText('监护人姓名', 50),
  relation: requiredText('与儿童关系', 20),
  consentDate: businessDateSchema,
  method: z.enum(CONSENT_METHODS, { message: '请选择同意方式' }),
  note: z.string().trim().max(200).nullish(),
});
export type GuardianConsent = z.infer<typeof guardianConsentSchema>;

/** An unknown age counts as a minor: without a birth date nobody may assume she is an adult. */
export function isMinorAge(age: number | null): boolean {
  return age === null || age < ADULT_AGE;
}

/** Does registering a child of this age need a guardian's consent first? */
export function needsGuardianConsent(age: number): boolean {
  return age < CONSENT_AGE;
}

/**
 * The consent rule as a field error (or null): under 14 a consent must come with the registration, and a
 * consent cannot be dated after today.
 */
export function guardianConsentProblem(
  age: number,
  consent: Pick<GuardianConsent, 'consentDate'> | null | undefined,
  today: string,
): { path: string; message: string } | null {
  if (needsGuardianConsent(age) && !consent)
    return { path: 'consent', message: `未满${CONSENT_AGE}周岁的儿童，须先记录监护人同意后才能登记其信息` };
  if (consent && consent.consentDate > today) return { path: 'consent.consentDate', message: '同意日期不能晚于今天' };
  return null;
}
