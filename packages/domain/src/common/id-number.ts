import { isValidDate } from './dates.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberCheck = { ok: true; birthDate: string; gender: 'female' | 'male'; regionCode: string } | { ok: false; reason: string };

/**
 * Validates a 居民身份证号 (GB 11643-1999): 18 characters, a real birth date, and the ISO 7064 MOD 11-2 check character.
 * The sequence digit's parity gives the sex (odd = male, even = female).
 */
export function checkResidentIdNumber(raw: string, today: string = new Date().toISOString().slice(0, 10)): IdNumberCheck {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: '身份证号应为18位（末位可为X）' };
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isValidDate(birth) || birth < '1900-01-01' || birth > today) return { ok: false, reason: '身份证号中的出生日期无效' };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * WEIGHTS[i];
  if (CHECK_CHARS[sum % 11] !== id[17]) return { ok: false, reason: '身份证号校验位错误' };
  return { ok: true, birthDate: birth, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female', regionCode: id.slice(0, 6) };
}

export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}
