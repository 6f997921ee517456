import { formatFen } from '@jinguo/domain';

/** Fen → "1,234.56 元" */
export function formatYuan(fen: number | null | undefined): string {
  return fen == null ? '—' : `${formatFen(fen)} 元`;
}
