import { Input, type InputProps } from 'antd';
import { parseAmountInput } from '@jinguo/domain';
import type { Rule } from 'antd/es/form';

/** Money as a person types it: "1,200.50", "1200.5", "¥12" — converted to integer fen only on submit (parseYuanToFen). */
export function YuanInput(props: InputProps) {
  return <Input inputMode="decimal" suffix="元" placeholder="0.00" {...props} />;
}

/** The form rule for a YuanInput: names the problem in Chinese, as the server would. */
export function yuanRule(required = true): Rule {
  return {
    validator: async (_r, v: string | undefined) => {
      if (v === undefined || v === null || String(v).trim() === '') {
        if (required) throw new Error('请填写金额');
        return;
      }
      const r = parseAmountInput(String(v));
      if (!r.ok) throw new Error(r.message);
    },
  };
}

/** The fen of a YuanInput value (already validated by yuanRule). */
export function toFen(v: string | undefined | null): number | undefined {
  if (v === undefined || v === null || String(v).trim() === '') return undefined;
  const r = parseAmountInput(String(v));
  return r.ok ? r.fen : undefined;
}
