// What every module's demo seed uses: fictional names, valid ID numbers and the Actor a demo user's session would
// carry. All deterministic, so the demo is the same on every install (and the demo summary byte-identical).
import type { Role } from '@jinguo/domain';
import type { Executor } from '../db/database.js';
import type { Actor } from './actor.js';

/** Fictional Chinese names for demo rosters (trainees, cadres, members, signers). */
const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const FEMALE = [
  '秀英',
  '桂兰',
  '玉兰',
  '丽华',
  '晓燕',
  '红梅',
  '春梅',
  '淑芬',
  '雪梅',
  '海燕',
  '静',
  '敏',
  '丽',
  '娟',
  '芳',
  '霞',
  '琳',
  '婷',
  '慧',
  '颖',
  '倩',
  '莉',
  '萍',
  '琴',
  '玲',
  '佳',
  '蓉',
  '艳',
  '雯',
  '婧',
];
const MALE = [
  '建国',
  '志强',
  '伟',
  '勇',
  '军',
  '杰',
  '涛',
  '明',
  '超',
  '刚',
  '平',
  '辉',
  '鹏',
  '斌',
  '波',
  '磊',
  '健',
  '峰',
  '宇',
  '浩',
  '俊',
  '凯',
  '亮',
  '林',
  '东',
  '华',
  '毅',
  '飞',
  '强',
  '成',
];

/** The i-th name of a deterministic sequence; a different seed gives a different sequence. */
export function demoName(i: number, gender: 'female' | 'male', seed = 0): string {
  const s = [...SURNAMES];
  const given = gender === 'female' ? FEMALE : MALE;
  const k = i * 7 + seed * 13;
  return s[(k * 31 + seed) % s.length] + given[(i + seed * 3 + Math.floor(k / s.length)) % given.length];
}

/** Splits a total into n integer parts as evenly as possible (the first parts take the remainder). */
export function spread(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => base + (i < total - base * n ? 1 : 0));
}

/** Splits an amount in proportion to weights, exactly (the rounding remainder goes to the last part). */
export function proportional(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  parts[parts.length - 1] += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The GB 11643 check character (MOD 11-2) of the first 17 characters. */
function withCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * WEIGHTS[i];
  return body + '10X98765432'[sum % 11];
}

/** A GB 11643 number: region + birth date + sequence (even third digit = female) + the MOD 11-2 check character. */
export function makeIdNumber(region: string, birthDate: string, seq: number, female: boolean): string {
  let s = seq % 1000;
  if ((s % 2 === 0) !== female) s = (s + 1) % 1000;
  return withCheckCharacter(`${region}${birthDate.replace(/-/g, '')}${String(s).padStart(3, '0')}`);
}

/** A valid 居民身份证号 of the demo district for a birth date and an (even = female) sequence number. */
export function demoIdNumber(birth: string, seq: number): string {
  return withCheckCharacter(`510399${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`);
}

/** The Actor a demo user's session would carry, so demo records go through the real services and audit trail. */
export async function demoActor(ctx: { db: Executor }, username: string): Promise<Actor> {
  const u = await ctx.db
    .selectFrom('users')
    .select(['id', 'username', 'displayName'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const grants = await ctx.db
    .selectFrom('roleAssignments as ra')
    .innerJoin('orgUnits as o', 'o.id', 'ra.orgUnitId')
    .select(['ra.id', 'ra.role', 'ra.orgUnitId', 'o.path as orgPath', 'o.name as orgName'])
    .where('ra.userId', '=', u.id)
    .execute();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    sessionId: 'demo',
    csrfToken: 'demo',
    ip: null,
    mustChangePassword: false,
    grants: grants.map((g) => ({ ...g, role: g.role as Role })),
  };
}
