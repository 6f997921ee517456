import { describe, expect, it } from 'vitest';
import { createDegreeSchema, studyingDuring, trainingTotalsByYear } from './index.js';

describe('staff development rules', () => {
  it('totals training records by year and level, newest year first', () => {
    expect(
      trainingTotalsByYear([
        { level: 'city', startDate: '2025-05-20', hours: 16 },
        { level: 'national', startDate: '2026-09-14', hours: 40 },
        { level: 'city', startDate: '2026-08-11', hours: 16 },
        { level: 'city', startDate: '2026-03-24', hours: 8 },
      ]),
    ).toEqual([
      {
        year: 2026,
        trainings: 3,
        hours: 64,
        byLevel: [
          { level: 'national', trainings: 1, hours: 40 },
          { level: 'city', trainings: 2, hours: 24 },
        ],
      },
      { year: 2025, trainings: 1, hours: 16, byLevel: [{ level: 'city', trainings: 1, hours: 16 }] },
    ]);
  });

  it('counts a degree study in a year when it was under way at some time in it', () => {
    const y = ['2026-01-01', '2026-12-31'] as const;
    expect(studyingDuring({ startDate: '2024-09-01', status: 'studying', completedOn: null }, ...y)).toBe(true);
    expect(studyingDuring({ startDate: '2027-03-01', status: 'studying', completedOn: null }, ...y)).toBe(false);
    expect(studyingDuring({ startDate: '2023-04-01', status: 'graduated', completedOn: '2026-06-30' }, ...y)).toBe(true);
    expect(studyingDuring({ startDate: '2022-04-01', status: 'graduated', completedOn: '2025-06-30' }, ...y)).toBe(false);
  });

  it('asks for the date of a degree that ended', () => {
    const base = { degree: 'bachelor', school: '西南大学', mode: 'correspondence', startDate: '2025-03-01' };
    expect(createDegreeSchema.safeParse({ ...base, status: 'graduated' }).error?.issues[0].path).toEqual(['completedOn']);
    expect(createDegreeSchema.safeParse({ ...base, status: 'graduated', completedOn: '2024-01-01' }).error?.issues[0].path).toEqual([
      'completedOn',
    ]);
    expect(createDegreeSchema.parse(base).status).toBe('studying');
  });
});
