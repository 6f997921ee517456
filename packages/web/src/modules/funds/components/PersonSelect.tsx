import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import type { PersonListItem } from '@jinguo/domain';
import { useState } from 'react';
import { api, qs } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { useDebounced } from '../../../ui';

/** Picks a person of the registry by name, full ID number or phone (the list shows masked ID numbers only). */
export function PersonSelect({
  value,
  onChange,
  id,
  placeholder,
}: {
  value?: string;
  onChange?: (id: string | undefined) => void;
  id?: string;
  placeholder?: string;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const search = useQuery({
    queryKey: ['people', 'select', q],
    enabled: q.length > 0,
    queryFn: () => api.get<{ items: PersonListItem[] }>(`/api/people${qs({ q, pageSize: 20 })}`),
  });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      onChange={(v) => onChange?.(v)}
      allowClear
      placeholder={placeholder ?? t('输入姓名、身份证号或电话搜索', 'Type a name, ID number or phone')}
      notFoundContent={q ? t('没有找到', 'Nobody found') : t('请输入后搜索', 'Type to search')}
      loading={search.isFetching}
      options={(search.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.name}　${p.idNumberMasked ?? ''}　${p.residenceName ?? ''}`,
      }))}
      style={{ width: '100%' }}
    />
  );
}
