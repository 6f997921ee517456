import { describe, expect, it } from 'vitest';
import { addMonths } from '../common/dates.js';
import {
  ageOn,
  createEmployerSchema,
  createVacancySchema,
  followUpPlan,
  jobReferralOutcomeSchema,
  matchSeekerToVacancy,
  rankMatches,
  type MatchSeeker,
  type MatchVacancy,
} from './index.js';

const township = { id: 't', path: '/r/t/', name: '牛佛镇' };
const village = { id: 'v', path: '/r/t/v/', name: '石桥村' };
const street = { id: 's', path: '/r/s/', name: '东城街道' };
const seeker = (over: Partial<MatchSeeker> = {}): MatchSeeker => ({
  skills: ['家政服务', '育婴'],
  hours: 'full_time',
  places: [township],
  acceptsOutside: false,
  expectedWageFen: 300000,
  birthDate: '1982-05-12',
  ...over,
});
const vacancy = (over: Partial<MatchVacancy> = {}): MatchVacancy => ({
  skills: ['家政服务'],
  hours: 'full_time',
  location: village,
  locationText: '牛佛镇石桥村',
  wageMinFen: 280000,
  wageMaxFen: 380000,
  ageMin: null,
  ageMax: null,
  ...over,
});

describe('matchSeekerToVacancy', () => {
  it('scores a full fit 100 with a reason per criterion', () => {
    const r = matchSeekerToVacancy(seeker(), vacancy(), '2026-11-29');
    expect(r.score).toBe(100);
    expect(r.reasons).toEqual([
      { kind: 'skills', ok: true, text: '技能相符：家政服务' },
      { kind: 'place', ok: true, text: '工作地点在意向范围：牛佛镇' },
      { kind: 'hours', ok: true, text: '工时相符：全职' },
      { kind: 'wage', ok: true, text: '薪酬符合期望：岗位月薪2800元–3800元，期望3000元' },
      { kind: 'age', ok: true, text: '岗位无年龄要求' },
    ]);
  });

  it('gives skills points in proportion to the vacancy skills she has, naming the missing ones', () => {
    const r = matchSeekerToVacancy(seeker(), vacancy({ skills: ['家政服务', '保洁'] }), '2026-11-29');
    expect(r.reasons[0].text).toBe('技能相符：家政服务（缺少：保洁）');
    expect(r.score).toBe(80);
    const none = matchSeekerToVacancy(seeker(), vacancy({ skills: ['收银'] }), '2026-11-29');
    expect(none.reasons[0]).toEqual({ kind: 'skills', ok: false, text: '缺少岗位所需技能：收银' });
  });

  it('places by path: a village inside a preferred township, a township containing a preferred village, and outside the area', () => {
    expect(matchSeekerToVacancy(seeker({ places: [village] }), vacancy({ location: township }), '2026-11-29').reasons[1].ok).toBe(true);
    const elsewhere = matchSeekerToVacancy(seeker(), vacancy({ location: street, locationText: '东城街道' }), '2026-11-29');
    expect(elsewhere.reasons[1]).toEqual({ kind: 'place', ok: false, text: '工作地点（东城街道）不在意向范围（牛佛镇）' });
    expect(matchSeekerToVacancy(seeker({ places: [] }), vacancy(), '2026-11-29').reasons[1].text).toBe('意向地点不限');
    const ningbo = vacancy({ location: null, locationText: '浙江省宁波市' });
    expect(matchSeekerToVacancy(seeker(), ningbo, '2026-11-29').reasons[1].ok).toBe(false);
    expect(matchSeekerToVacancy(seeker({ acceptsOutside: true }), ningbo, '2026-11-29').reasons[1]).toEqual({
      kind: 'place',
      ok: true,
      text: '愿意外出务工（岗位在浙江省宁波市）',
    });
  });

  it('treats flexible hours as negotiable and a wage below her expectation as a mismatch', () => {
    expect(matchSeekerToVacancy(seeker({ hours: 'flexible' }), vacancy(), '2026-11-29').reasons[2]).toEqual({
      kind: 'hours',
      ok: true,
      text: '工时可协商：期望灵活工时，岗位全职',
    });
    expect(matchSeekerToVacancy(seeker({ hours: 'part_time' }), vacancy(), '2026-11-29').reasons[2].ok).toBe(false);
    expect(matchSeekerToVacancy(seeker({ expectedWageFen: 500000 }), vacancy(), '2026-11-29').reasons[3]).toEqual({
      kind: 'wage',
      ok: false,
      text: '薪酬低于期望：岗位月薪2800元–3800元，期望5000元',
    });
    expect(matchSeekerToVacancy(seeker(), vacancy({ wageMinFen: null, wageMaxFen: null }), '2026-11-29').reasons[3].text).toBe(
      '岗位薪酬面议',
    );
  });

  it('halves the score when her age is outside the limits, counting full years on the day', () => {
    expect(ageOn('1982-05-12', '2026-05-11')).toBe(43);
    expect(ageOn('1982-05-12', '2026-05-12')).toBe(44);
    const out = matchSeekerToVacancy(seeker(), vacancy({ ageMin: 18, ageMax: 40 }), '2026-11-29');
    expect(out.reasons[4]).toEqual({ kind: 'age', ok: false, text: '年龄不符：44岁（要求18–40岁）' });
    expect(out.score).toBe(48);
    expect(matchSeekerToVacancy(seeker(), vacancy({ ageMin: 18, ageMax: 45 }), '2026-11-29').score).toBe(100);
  });

  it('ranks candidates with a fit on skills or place, best first', () => {
    const items = [
      { name: '乙', result: matchSeekerToVacancy(seeker(), vacancy(), '2026-11-29') },
      { name: '甲', result: matchSeekerToVacancy(seeker({ places: [street] }), vacancy(), '2026-11-29') },
      { name: '丙', result: matchSeekerToVacancy(seeker({ skills: ['收银'], places: [street] }), vacancy(), '2026-11-29') },
    ];
    expect(rankMatches(items).map((x) => x.name)).toEqual(['乙', '甲']);
  });
});

describe('follow-ups after 1, 3 and 6 months', () => {
  it('dates each checkpoint from the departure, the month end where the day does not exist, overdue once past', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    const plan = followUpPlan(
      '2026-07-01',
      [{ months: 1, doneOn: '2026-08-03', result: 'working', monthlyWageFen: 550000, note: null }],
      '2026-11-29',
    );
    expect(plan.map((p) => [p.months, p.dueOn, p.doneOn, p.overdue])).toEqual([
      [1, '2026-08-01', '2026-08-03', false],
      [3, '2026-10-01', null, true],
      [6, '2027-01-01', null, false],
    ]);
  });
});

describe('placement schemas', () => {
  it('checks the credit code and upper-cases it', () => {
    const base = { ownerOrgId: '01890000-0000-7000-8000-000000000000', name: '某公司' };
    expect(createEmployerSchema.safeParse({ ...base, creditCode: '91350100m000100y43' }).data?.creditCode).toBe('91350100M000100Y43');
    const bad = createEmployerSchema.safeParse({ ...base, creditCode: '91350100M000100Y44' });
    expect(bad.error?.issues[0].path).toEqual(['creditCode']);
  });

  it('refuses inverted wage and age limits and a closing date before publication', () => {
    const v = {
      employerId: '01890000-0000-7000-8000-000000000000',
      title: '家政服务员',
      hours: 'full_time',
      positions: 1,
      locationText: '东城街道',
      publishedOn: '2026-04-01',
    };
    const issues = (x: object) => createVacancySchema.safeParse({ ...v, ...x }).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ wageMinFen: 300000, wageMaxFen: 200000 })).toEqual(['wageMaxFen']);
    expect(issues({ ageMin: 40, ageMax: 30 })).toEqual(['ageMax']);
    expect(issues({ closesOn: '2026-03-01' })).toEqual(['closesOn']);
    expect(issues({})).toBeUndefined();
  });

  it('asks for the date and wage of a hire and the reason of a refusal', () => {
    expect(jobReferralOutcomeSchema.safeParse({ status: 'hired', outcomeOn: '2026-04-20' }).error?.issues[0].path).toEqual([
      'monthlyWageFen',
    ]);
    expect(jobReferralOutcomeSchema.safeParse({ status: 'not_hired', outcomeOn: '2026-04-20' }).error?.issues[0].path).toEqual(['reason']);
    expect(jobReferralOutcomeSchema.safeParse({ status: 'not_hired', outcomeOn: '2026-04-20', reason: 'wage' }).success).toBe(true);
  });
});
