import { describe, expect, it } from 'vitest';
import { CONSENT_AGE, guardianConsentProblem, guardianConsentSchema, isMinorAge, needsGuardianConsent } from './minors.js';

describe('minor-protection rules (shared by 春蕾 and 留守儿童)', () => {
  it('treats an unknown age and anyone under 18 as a minor', () => {
    expect(isMinorAge(null)).toBe(true);
    expect(isMinorAge(17)).toBe(true);
    expect(isMinorAge(18)).toBe(false);
  });

  it('asks a guardian’s consent under 14 only', () => {
    expect(CONSENT_AGE).toBe(14);
    expect(needsGuardianConsent(13)).toBe(true);
    expect(needsGuardianConsent(14)).toBe(false);
  });

  it('names the field: consent missing under 14, or dated after today', () => {
    expect(guardianConsentProblem(9, null, '2026-11-29')).toEqual({
      path: 'consent',
      message: '未满14周岁的儿童，须先记录监护人同意后才能登记其信息',
    });
    expect(guardianConsentProblem(15, null, '2026-11-29')).toBeNull();
    expect(guardianConsentProblem(9, { consentDate: '2026-11-30' }, '2026-11-29')).toEqual({
      path: 'consent.consentDate',
      message: '同意日期不能晚于今天',
    });
    expect(guardianConsentProblem(9, { consentDate: '2026-11-29' }, '2026-11-29')).toBeNull();
  });

  it('refuses a consent without guardian, relation or method', () => {
    const r = guardianConsentSchema.safeParse({ guardianName: ' ', relation: '祖母', consentDate: '2026-03-01', method: 'email' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['guardianName', 'method']);
  });
});
