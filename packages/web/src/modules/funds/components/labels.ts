import { formatFen } from '@jinguo/domain';

/** Programme code → name, from the relief programmes the page has loaded (a code stays itself when unknown). */
export function programmeLabel(code: string | null | undefined, names: Map<string, string>): string {
  if (!code) return '未指定项目';
  return names.get(code) ?? code;
}

/** Fen as a plain yuan number for charts (two decimals kept). */
export function fenToYuanNumber(fen: number): number {
  return Number(formatFen(fen).replace(/,/g, ''));
}
