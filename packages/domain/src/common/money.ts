import { z } from 'zod';

/** Money is integer fen (分) everywhere inside Jinguo: 1 yuan = 100 fen. */
export const fenSchema = z
  .number()
  .int({ message: '金额必须是整数分' })
  .nonnegative({ message: '金额不能为负' })
  .max(Number.MAX_SAFE_INTEGER);

/**
 * Parses what a person types as yuan ("1,200.50", "1200.5", "¥12") into fen without floating-point drift.
 * Returns null when the text is not a valid amount with at most two decimals.
 */
export function parseYuanToFen(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/[¥￥,，\s]/g, '')
    .replace(/元$/, '');
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign, whole, frac = ''] = match;
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return null;
  return sign === '-' ? -fen : fen;
}

/** 123456 → "1,234.56" */
export function formatFen(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

/** 1234500 → "12,345" (whole yuan, for running text such as "已争取到资金14000元") */
export function formatYuanWhole(fen: number): string {
  return fen % 100 === 0 ? String(fen / 100) : formatFen(fen).replace(/,/g, '');
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'];
const SECTIONS = ['', '万', '亿', '万亿'];

/** Uppercase Chinese amount for receipts (大写金额): 123450 fen → "壹仟贰佰叁拾肆元伍角". */
export function fenToChineseUppercase(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError('amount must be a non-negative integer of fen');
  if (fen === 0) return '零元整';
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  let text = '';
  if (yuan > 0) {
    let section = 0;
    let n = yuan;
    let needZero = false;
    const parts: string[] = [];
    while (n > 0) {
      const chunk = n % 10000;
      let chunkText = '';
      let zero = false;
      for (let i = 0; i < 4; i++) {
        const d = Math.floor(chunk / 10 ** i) % 10;
        if (d === 0) {
          if (chunkText) zero = true;
        } else {
          chunkText = DIGITS[d] + UNITS[i] + (zero ? '零' : '') + chunkText;
          zero = false;
        }
      }
      if (chunkText) parts.unshift(chunkText + SECTIONS[section] + (needZero ? '零' : ''));
      needZero = chunk > 0 && chunk < 1000;
      n = Math.floor(n / 10000);
      section++;
    }
    text = `${parts.join('').replace(/零+$/, '')}元`;
  }
  if (jiao === 0 && fenDigit === 0) return `${text}整`;
  if (jiao > 0) text += `${DIGITS[jiao]}角`;
  else if (yuan > 0) text += '零';
  if (fenDigit > 0) text += `${DIGITS[fenDigit]}分`;
  return text;
}
