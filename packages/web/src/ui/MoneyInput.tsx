import { InputNumber } from 'antd';
import type { Rule } from 'antd/es/form';
import type { CSSProperties } from 'react';

/**
 * The one money field: its form value is integer fen (what every *Fen field of the API takes), it shows and takes
 * yuan with two decimals. Typed separators and signs ("1,200.50", "¥12", "12元") are read as the number; more
 * than two decimals are rounded by the field, never by the server.
 */
export function MoneyInput({
  value,
  onChange,
  style,
  id,
  placeholder,
  'data-testid': testId,
}: {
  value?: number | null;
  onChange?: (fen: number | null) => void;
  style?: CSSProperties;
  id?: string;
  placeholder?: string;
  'data-testid'?: string;
}) {
  return (
    <InputNumber<number>
      id={id}
      min={0}
      max={10_000_000_000}
      precision={2}
      step={100}
      inputMode="decimal"
      placeholder={placeholder ?? '0.00'}
      style={{ width: '100%', ...style }}
      suffix="元"
      parser={(text) => Number((text ?? '').replace(/[,，¥￥元\s]/g, ''))}
      value={value == null ? null : value / 100}
      onChange={(v) => onChange?.(v == null ? null : Math.round(v * 100))}
      data-testid={testId}
    />
  );
}

/** The form rule of a MoneyInput, in the server's words: required unless said otherwise, and more than 0 when given. */
export function moneyRule({ required = true, positive = true }: { required?: boolean; positive?: boolean } = {}): Rule {
  return {
    validator: async (_r, v: number | null | undefined) => {
      if (v === undefined || v === null) {
        if (required) throw new Error('请填写金额');
        return;
      }
      if (positive && v <= 0) throw new Error('金额必须大于0');
    },
  };
}
