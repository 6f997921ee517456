import { FilterOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Grid, Input, List, Segmented, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  CASE_CHANNEL_LABELS,
  CASE_CHANNELS,
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  OPEN_STATUSES,
  RISK_LEVEL_LABELS,
  RISK_LEVELS,
  type CaseListItem,
} from '@jinguo/domain';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ExportButton } from '../../../ui/ExportButton';
import { OrgUnitSelect, PageHeader, QueryState, useDebounced } from '../../../ui';
import { useCases, useCategories, type CaseFilters } from '../api';
import { DueText } from '../components/tags';
import { CaseStatusTag, RiskTag } from '../../../ui/CaseTags';

/** 信访事项: filter, sort and page on the server; high risk first; ID number and phone only masked. */
export function CaseListPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const mobile = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const q = useDebounced(text, 300);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const categories = useCategories();

  // The list opens on the cases still being worked (在办); "全部" includes the closed years.
  const view = params.get('view') === 'all' ? 'all' : 'open';
  const chosen = params.getAll('status');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `chosen` is derived from params on every render
  const filters: CaseFilters = useMemo(
    () => ({
      status: chosen.length ? chosen : view === 'open' ? [...OPEN_STATUSES] : [],
      orgUnitId: params.get('orgUnitId') ?? undefined,
      category: params.get('category') ?? undefined,
      channel: params.get('channel') ?? undefined,
      risk: params.get('risk') ?? undefined,
      from: params.get('from') ?? undefined,
      to: params.get('to') ?? undefined,
      q: q.trim() || undefined,
      sort: (params.get('sort') as CaseFilters['sort']) ?? 'received_desc',
    }),
    [params, q, view],
  );
  const set = (key: string, value: string | string[] | null | undefined) => {
    const next = new URLSearchParams(params);
    next.delete(key);
    if (Array.isArray(value)) for (const v of value) next.append(key, v);
    else if (value) next.set(key, value);
    setParams(next, { replace: true });
    setPage(1);
  };
  const list = useCases(filters, page, pageSize);
  const [showFilters, setShowFilters] = useState(false);
  const filtered = [filters.status?.length, filters.orgUnitId, filters.category, filters.channel, filters.risk, filters.from].filter(
    Boolean,
  ).length;
  const catLabel = (code: string) => categories.data?.find((c) => c.code === code)?.label ?? code;

  const columns: ColumnsType<CaseListItem> = [
    { title: t('编号', 'No.'), dataIndex: 'caseNo', width: 96, render: (v, r) => <Link to={`/cases/${r.id}`}>{v}</Link> },
    { title: t('收到日期', 'Received'), dataIndex: 'receivedDate', width: 104 },
    { title: t('渠道', 'Channel'), dataIndex: 'channel', width: 84, render: (v: CaseListItem['channel']) => CASE_CHANNEL_LABELS[v] },
    { title: t('类别', 'Category'), dataIndex: 'categoryLabel', width: 120, ellipsis: true },
    {
      title: t('申请人', 'Applicant'),
      key: 'applicant',
      width: 132,
      render: (_, r) => (
        <div>
          <div>{r.applicantName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.applicantPhoneMasked ?? '—'}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('诉求摘要', 'Summary'), dataIndex: 'summary', ellipsis: true },
    { title: t('状态', 'Status'), dataIndex: 'status', width: 96, render: (v) => <CaseStatusTag status={v} /> },
    { title: t('风险', 'Risk'), dataIndex: 'riskLevel', width: 80, render: (v) => <RiskTag level={v} /> },
    { title: t('承办单位', 'Unit'), dataIndex: 'ownerName', width: 110, ellipsis: true },
    { title: t('当前期限', 'Due'), dataIndex: 'nextDueDate', width: 118, render: (v, r) => <DueText due={v} overdue={r.overdue} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('信访维权事项', 'Petitions and rights cases')}
        subtitle={t('在办的高风险事项排在最前；身份证号、电话已脱敏', 'Open high-risk cases first; ID numbers and phones masked')}
        extra={
          <>
            <ExportButton url="/api/cases/export.xlsx" params={{ ...filters }} />
            {can('cases.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')} data-testid="new-case">
                {t('登记', 'Register')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap gap={8}>
          <Segmented
            value={view}
            onChange={(v) => {
              const next = new URLSearchParams(params);
              next.delete('status');
              if (v === 'all') next.set('view', 'all');
              else next.delete('view');
              setParams(next, { replace: true });
              setPage(1);
            }}
            options={[
              { value: 'open', label: t('在办', 'Open') },
              { value: 'all', label: t('全部', 'All') },
            ]}
            data-testid="case-view"
          />
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('编号（2026-0078）或申请人姓名', 'Case no. or applicant')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPage(1);
            }}
            style={{ width: mobile ? '100%' : 240 }}
            data-testid="case-search"
          />
          {mobile && (
            <Button icon={<FilterOutlined />} onClick={() => setShowFilters(!showFilters)} block>
              {showFilters ? t('收起筛选', 'Hide filters') : t(`筛选${filtered ? `（${filtered}）` : ''}`, 'Filters')}
            </Button>
          )}
          {(!mobile || showFilters) && (
            <>
              <Select
                mode="multiple"
                allowClear
                placeholder={view === 'open' ? t('状态（默认在办）', 'Status (open)') : t('状态', 'Status')}
                value={chosen}
                onChange={(v) => set('status', v)}
                options={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))}
                style={{ minWidth: mobile ? '100%' : 180 }}
                maxTagCount="responsive"
                data-testid="status-filter"
              />
              <div style={{ width: mobile ? '100%' : 180 }}>
                <OrgUnitSelect
                  value={filters.orgUnitId ?? null}
                  onChange={(id) => set('orgUnitId', id)}
                  kind={['federation', 'township', 'street']}
                  placeholder={t('承办单位（含下级）', 'Unit')}
                />
              </div>
              <Select
                allowClear
                placeholder={t('类别', 'Category')}
                value={filters.category}
                onChange={(v) => set('category', v)}
                options={(categories.data ?? []).map((c) => ({ value: c.code, label: c.label }))}
                style={{ width: mobile ? '48%' : 140 }}
              />
              <Select
                allowClear
                placeholder={t('渠道', 'Channel')}
                value={filters.channel}
                onChange={(v) => set('channel', v)}
                options={CASE_CHANNELS.map((c) => ({ value: c, label: CASE_CHANNEL_LABELS[c] }))}
                style={{ width: mobile ? '48%' : 120 }}
              />
              <Select
                allowClear
                placeholder={t('风险', 'Risk')}
                value={filters.risk}
                onChange={(v) => set('risk', v)}
                options={RISK_LEVELS.map((r) => ({ value: r, label: RISK_LEVEL_LABELS[r] }))}
                style={{ width: mobile ? '48%' : 100 }}
              />
              <DatePicker.RangePicker
                value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
                onChange={(v) => {
                  const next = new URLSearchParams(params);
                  next.delete('from');
                  next.delete('to');
                  if (v?.[0] && v[1]) {
                    next.set('from', v[0].format('YYYY-MM-DD'));
                    next.set('to', v[1].format('YYYY-MM-DD'));
                  }
                  setParams(next, { replace: true });
                  setPage(1);
                }}
                placeholder={[t('收到自', 'From'), t('至', 'To')]}
                style={{ width: mobile ? '100%' : 240 }}
              />
              <Select
                value={filters.sort}
                onChange={(v) => set('sort', v)}
                options={[
                  { value: 'received_desc', label: t('最新收到在前', 'Newest first') },
                  { value: 'received_asc', label: t('最早收到在前', 'Oldest first') },
                ]}
                style={{ width: mobile ? '48%' : 140 }}
              />
            </>
          )}
        </Flex>
      </Card>
      <QueryState loading={list.isLoading} error={list.error}>
        {mobile ? (
          <List
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('没有符合条件的事项', 'No matching cases') }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              onChange: (p, s) => {
                setPage(p);
                setPageSize(s);
              },
              size: 'small',
              showSizeChanger: false,
            }}
            renderItem={(r) => (
              <Card size="small" style={{ marginBottom: 8 }} onClick={() => navigate(`/cases/${r.id}`)} hoverable>
                <Flex justify="space-between" align="center">
                  <Space size={4}>
                    <Typography.Text strong>{r.caseNo}</Typography.Text>
                    <RiskTag level={r.riskLevel} />
                  </Space>
                  <CaseStatusTag status={r.status} />
                </Flex>
                <div style={{ margin: '4px 0' }}>{r.summary}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.receivedDate} · {CASE_CHANNEL_LABELS[r.channel]} · {catLabel(r.category)} · {r.applicantName}{' '}
                  {r.applicantPhoneMasked ?? ''} · {r.ownerName}
                </Typography.Text>
                {r.nextDueDate && (
                  <div style={{ fontSize: 12 }}>
                    {t('期限', 'Due')}：<DueText due={r.nextDueDate} overdue={r.overdue} />
                  </div>
                )}
              </Card>
            )}
          />
        ) : (
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            locale={{ emptyText: t('没有符合条件的事项', 'No matching cases') }}
            onRow={(r) => ({ onDoubleClick: () => navigate(`/cases/${r.id}`) })}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (n) => t(`共 ${n} 件`, `${n} cases`),
              onChange: (p, s) => {
                setPage(p);
                setPageSize(s);
              },
            }}
            data-testid="case-table"
          />
        )}
      </QueryState>
    </>
  );
}
