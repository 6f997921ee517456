import { describe, expect, it } from 'vitest';
import { ageBandOf, createCadreTargetSchema, shareGap, sharePercent } from './index.js';

describe('the women-cadre analysis rules', () => {
  it('puts ages in the report bands at the band edges', () => {
    expect([1991, 1990, 1981, 1980, 1972, 1971, null].map((y) => ageBandOf(y, 2026))).toEqual([
      'to35',
      'from36to45',
      'from36to45',
      'from46to54',
      'from46to54',
      'from55',
      null,
    ]);
  });

  it('states a gap in percentage points to 2 decimals, none without an actual share', () => {
    expect(shareGap(sharePercent(17, 48), 30)).toBe(5.42);
    expect(shareGap(28.25, 30)).toBe(-1.75);
    expect(shareGap(null, 30)).toBeNull();
  });

  it('asks a target for the key of its dimension, and none for the overall or reserve shares', () => {
    const base = { ownerOrgId: '01890000-0000-7000-8000-000000000000', label: '目标', targetShare: 30 };
    expect(createCadreTargetSchema.safeParse({ ...base, dimension: 'rank' }).error?.issues[0]).toMatchObject({ path: ['key'] });
    expect(createCadreTargetSchema.safeParse({ ...base, dimension: 'rank', key: 'county' }).success).toBe(true);
    expect(createCadreTargetSchema.safeParse({ ...base, dimension: 'overall', key: 'county' }).error?.issues[0].path).toEqual(['key']);
    expect(createCadreTargetSchema.safeParse({ ...base, dimension: 'overall', targetShare: 101 }).success).toBe(false);
  });
});
