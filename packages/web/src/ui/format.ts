import { formatFen } from '@jinguo/domain';

/** Fen → "1,234.56 元" */
export function formatYuan(fen: number | null | undefined): string {
  return fen == null ? '—' : `${formatFen(fen)} 元`;
}

const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant (ISO, UTC) as "2026-11-29 10:00:00" in Asia/Shanghai, whatever the browser's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(DATE_TIME.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The year a page looks at by default: the browser's current year (the demo's and the collection's current round). */
export const thisYear = () => new Date().getFullYear();
