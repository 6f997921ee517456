import { InputNumber } from 'antd';
import type { CSSProperties } from 'react';

/** A money field that shows yuan (2 decimals) and holds integer fen, so the form value matches the API's *Fen fields. */
export function YuanInput({
  value,
  onChange,
  style,
  id,
  placeholder,
}: {
  value?: number | null;
  onChange?: (fen: number | null) => void;
  style?: CSSProperties;
  id?: string;
  placeholder?: string;
}) {
  return (
    <InputNumber<number>
      id={id}
      min={0}
      precision={2}
      step={100}
      placeholder={placeholder}
      style={{ width: '100%', ...style }}
      suffix="元"
      value={value == null ? null : value / 100}
      onChange={(v) => onChange?.(v == null ? null : Math.round(v * 100))}
    />
  );
}
