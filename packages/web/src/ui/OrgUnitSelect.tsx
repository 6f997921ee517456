import { useQuery } from '@tanstack/react-query';
import { Flex, Select, Tag, Typography } from 'antd';
import { ORG_KIND_LABELS, type OrgKind, type OrgUnit } from '@jinguo/domain';
import { useMemo, useState, type CSSProperties } from 'react';
import { api, qs } from '../app/api';
import { useI18n } from '../app/i18n';
import { useDebounced } from './useDebounced';

export type OrgUnitSelectProps = {
  value?: string | null;
  onChange?: (id: string | null, unit: OrgUnit | null) => void;
  /** Only units of these kinds (e.g. 'agency' for a referral, ['township','street'] for a chair). */
  kind?: OrgKind | OrgKind[];
  /** Offer active units only (default); pass false to find deactivated ones too (filters, history). */
  activeOnly?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
  'aria-label'?: string;
};

/**
 * Picks an org unit by typing part of its name or code: searches `/api/org/units?q=&kind=` inside the caller's
 * scope as they type (so it stays fast on a tree of 100,000 units). Works as a Form control (value/onChange).
 */
export function OrgUnitSelect({
  value,
  onChange,
  kind,
  activeOnly = true,
  placeholder,
  allowClear = true,
  disabled,
  style,
  id,
  ...rest
}: OrgUnitSelectProps) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const kinds = kind === undefined ? undefined : Array.isArray(kind) ? kind : [kind];
  const search = useQuery({
    queryKey: ['org', 'select', q, kinds?.join(',') ?? '', activeOnly],
    queryFn: () => api.get<OrgUnit[]>(`/api/org/units${qs({ q, kind: kinds, activeOnly: activeOnly ? 'true' : undefined, limit: 30 })}`),
    staleTime: 30_000,
  });
  // The chosen unit may not be among the current results: fetch it so its name shows.
  const selected = useQuery({
    queryKey: ['org', 'unit', value ?? ''],
    enabled: !!value && !search.data?.some((u) => u.id === value),
    queryFn: () => api.get<OrgUnit>(`/api/org/units/${value}`),
    staleTime: 60_000,
  });
  const units = useMemo(() => {
    const list = search.data ?? [];
    return selected.data && !list.some((u) => u.id === selected.data!.id) ? [selected.data, ...list] : list;
  }, [search.data, selected.data]);

  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value ?? undefined}
      placeholder={placeholder ?? t('输入名称或代码搜索单位', 'Type a name or code')}
      allowClear={allowClear}
      disabled={disabled}
      loading={search.isFetching}
      style={{ width: '100%', ...style }}
      notFoundContent={search.isFetching ? t('搜索中…', 'Searching…') : t('没有匹配的单位', 'No matching unit')}
      onChange={(v) => onChange?.((v as string | undefined) ?? null, units.find((u) => u.id === v) ?? null)}
      onClear={() => setText('')}
      options={units.map((u) => ({ value: u.id, label: u.name }))}
      optionRender={(option) => {
        const u = units.find((x) => x.id === option.value);
        if (!u) return option.label;
        return (
          <Flex justify="space-between" gap={8}>
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {u.name}
              {!u.active && <Tag style={{ marginInlineStart: 6 }}>{t('已停用', 'Inactive')}</Tag>}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12, flexShrink: 0 }}>
              {t(ORG_KIND_LABELS[u.kind], u.kind)}
              {u.code ? ` · ${u.code}` : ''}
            </Typography.Text>
          </Flex>
        );
      }}
    />
  );
}
