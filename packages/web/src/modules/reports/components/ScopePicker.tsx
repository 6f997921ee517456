import { Select, Space } from 'antd';
import { useI18n } from '../../../app/i18n';
import { useScopes } from '../api';
import { recentYears } from './labels';

/** Year and unit pickers; the unit list is what the caller's roles reach (indented by level). */
export function ScopePicker({
  year,
  org,
  onChange,
}: {
  year: number;
  org?: string;
  onChange: (v: { year: number; org?: string }) => void;
}) {
  const { t } = useI18n();
  const scopes = useScopes();
  const top = Math.min(...(scopes.data ?? []).map((u) => u.depth));
  return (
    <Space wrap>
      <Select
        aria-label={t('年度', 'Year')}
        data-testid="year-picker"
        value={year}
        style={{ width: 110 }}
        options={recentYears().map((y) => ({ value: y, label: `${y}${t('年', '')}` }))}
        onChange={(y) => onChange({ year: y, org })}
      />
      <Select
        aria-label={t('单位', 'Unit')}
        data-testid="org-picker"
        showSearch
        optionFilterProp="label"
        loading={scopes.isLoading}
        value={org ?? scopes.data?.[0]?.id}
        style={{ width: 220 }}
        options={(scopes.data ?? []).map((u) => ({ value: u.id, label: `${'\u3000'.repeat(Math.max(0, u.depth - top))}${u.name}` }))}
        onChange={(o) => onChange({ year, org: o })}
      />
    </Space>
  );
}
