/**
 * Fictional Chinese names for demo rosters (trainees, cadres, members, signers), deterministic so the demo is
 * the same on every install. Used by the demo seeds of activities, honours, cadres and associations.
 */
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
