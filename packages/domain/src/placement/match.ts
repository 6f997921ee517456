// The 职介所's matching rule: how well a job seeker fits a vacancy (skills, place, hours, wage, age), with the
// reasons in words, so staff see why a woman is proposed and she and the employer can be told.
import { formatYuanWhole } from '../common/money.js';

type Hours = 'full_time' | 'part_time' | 'flexible';
const HOURS_TEXT: Record<Hours, string> = { full_time: '全职', part_time: '兼职', flexible: '灵活工时' };

/** A unit as matching needs it: its materialised path decides "inside" (a village lies inside its township). */
export type MatchPlace = { id: string; path: string; name: string };

export type MatchSeeker = {
  skills: string[];
  hours: Hours;
  /** Preferred workplaces; empty = anywhere in the area. */
  places: MatchPlace[];
  acceptsOutside: boolean;
  expectedWageFen: number | null;
  birthDate: string | null;
};

export type MatchVacancy = {
  skills: string[];
  hours: Hours;
  /** The workplace inside the area; null = outside it (劳务输出). */
  location: MatchPlace | null;
  locationText: string;
  wageMinFen: number | null;
  wageMaxFen: number | null;
  ageMin: number | null;
  ageMax: number | null;
};

export type MatchReason = { kind: 'skills' | 'place' | 'hours' | 'wage' | 'age'; ok: boolean; text: string };
export type MatchResult = { score: number; reasons: MatchReason[] };

/** Points per criterion (they add up to 100); an age outside the vacancy's limits halves the total. */
export const MATCH_WEIGHTS = { skills: 40, place: 25, hours: 20, wage: 10, age: 5 } as const;

const yuan = (fen: number) => `${formatYuanWhole(fen)}元`;

/** Full years of age on `today` of someone born on `birthDate` (both "YYYY-MM-DD"). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

function skills(s: MatchSeeker, v: MatchVacancy): [number, MatchReason] {
  if (v.skills.length === 0) return [MATCH_WEIGHTS.skills / 2, { kind: 'skills', ok: true, text: '岗位无特定技能要求' }];
  const have = new Set(s.skills);
  const common = v.skills.filter((k) => have.has(k));
  if (common.length === 0) return [0, { kind: 'skills', ok: false, text: `缺少岗位所需技能：${v.skills.join('、')}` }];
  const missing = v.skills.filter((k) => !have.has(k));
  const text = `技能相符：${common.join('、')}${missing.length ? `（缺少：${missing.join('、')}）` : ''}`;
  return [(MATCH_WEIGHTS.skills * common.length) / v.skills.length, { kind: 'skills', ok: true, text }];
}

function place(s: MatchSeeker, v: MatchVacancy): [number, MatchReason] {
  if (!v.location)
    return s.acceptsOutside
      ? [MATCH_WEIGHTS.place, { kind: 'place', ok: true, text: `愿意外出务工（岗位在${v.locationText}）` }]
      : [0, { kind: 'place', ok: false, text: `不愿外出务工（岗位在${v.locationText}）` }];
  if (s.places.length === 0) return [MATCH_WEIGHTS.place * 0.8, { kind: 'place', ok: true, text: '意向地点不限' }];
  const loc = v.location;
  // The vacancy lies inside a preferred place (a village inside a preferred township), or the preferred place
  // lies inside the vacancy's unit (the vacancy names only the township of a preferred village).
  const hit = s.places.find((p) => loc.path.startsWith(p.path) || p.path.startsWith(loc.path));
  return hit
    ? [MATCH_WEIGHTS.place, { kind: 'place', ok: true, text: `工作地点在意向范围：${hit.name}` }]
    : [0, { kind: 'place', ok: false, text: `工作地点（${v.locationText}）不在意向范围（${s.places.map((p) => p.name).join('、')}）` }];
}

function hours(s: MatchSeeker, v: MatchVacancy): [number, MatchReason] {
  if (s.hours === v.hours) return [MATCH_WEIGHTS.hours, { kind: 'hours', ok: true, text: `工时相符：${HOURS_TEXT[v.hours]}` }];
  const text = `期望${HOURS_TEXT[s.hours]}，岗位${HOURS_TEXT[v.hours]}`;
  if (s.hours === 'flexible' || v.hours === 'flexible')
    return [MATCH_WEIGHTS.hours / 2, { kind: 'hours', ok: true, text: `工时可协商：${text}` }];
  return [0, { kind: 'hours', ok: false, text: `工时不符：${text}` }];
}

function wage(s: MatchSeeker, v: MatchVacancy): [number, MatchReason] {
  const top = v.wageMaxFen ?? v.wageMinFen;
  if (top == null) return [MATCH_WEIGHTS.wage / 2, { kind: 'wage', ok: true, text: '岗位薪酬面议' }];
  const offered =
    v.wageMinFen != null && v.wageMaxFen != null && v.wageMinFen !== v.wageMaxFen
      ? `${yuan(v.wageMinFen)}–${yuan(v.wageMaxFen)}`
      : yuan(top);
  if (s.expectedWageFen == null) return [MATCH_WEIGHTS.wage / 2, { kind: 'wage', ok: true, text: `岗位月薪${offered}（未填期望月薪）` }];
  return top >= s.expectedWageFen
    ? [MATCH_WEIGHTS.wage, { kind: 'wage', ok: true, text: `薪酬符合期望：岗位月薪${offered}，期望${yuan(s.expectedWageFen)}` }]
    : [0, { kind: 'wage', ok: false, text: `薪酬低于期望：岗位月薪${offered}，期望${yuan(s.expectedWageFen)}` }];
}

function age(s: MatchSeeker, v: MatchVacancy, today: string): [number, MatchReason, boolean] {
  if (v.ageMin == null && v.ageMax == null) return [MATCH_WEIGHTS.age, { kind: 'age', ok: true, text: '岗位无年龄要求' }, false];
  const limit = `${v.ageMin ?? 16}–${v.ageMax ?? 70}岁`;
  if (!s.birthDate) return [0, { kind: 'age', ok: false, text: `出生日期未登记，岗位要求${limit}` }, false];
  const a = ageOn(s.birthDate, today);
  const inRange = (v.ageMin == null || a >= v.ageMin) && (v.ageMax == null || a <= v.ageMax);
  return inRange
    ? [MATCH_WEIGHTS.age, { kind: 'age', ok: true, text: `年龄符合：${a}岁（要求${limit}）` }, false]
    : [0, { kind: 'age', ok: false, text: `年龄不符：${a}岁（要求${limit}）` }, true];
}

/**
 * How well a seeker fits a vacancy on `today`: a score from 0 to 100 and one reason per criterion (skills, place,
 * hours, wage, age), each saying whether it fits and why.
 */
export function matchSeekerToVacancy(s: MatchSeeker, v: MatchVacancy, today: string): MatchResult {
  const parts = [skills(s, v), place(s, v), hours(s, v), wage(s, v)];
  const [agePoints, ageReason, ageOut] = age(s, v, today);
  const total = parts.reduce((sum, [p]) => sum + p, 0) + agePoints;
  return { score: Math.round(ageOut ? total / 2 : total), reasons: [...parts.map(([, r]) => r), ageReason] };
}

/** Candidates worth proposing: some fit on skills or place, best first (ties by name for a stable order). */
export function rankMatches<T extends { name: string; result: MatchResult }>(items: T[], limit = 50): T[] {
  return items
    .filter((x) => x.result.score > 0 && x.result.reasons.some((r) => (r.kind === 'skills' || r.kind === 'place') && r.ok))
    .sort((a, b) => b.result.score - a.result.score || a.name.localeCompare(b.name, 'zh'))
    .slice(0, limit);
}
