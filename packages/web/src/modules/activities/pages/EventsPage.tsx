import { PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Flex, Grid, Input, List, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ACTIVITY_TYPE_LABELS, ACTIVITY_TYPES, formatFen, type EventListItem } from '@jinguo/domain';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState, useDebounced } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useActivitiesMutations, useEvents, useEventTotals, type EventFilters } from '../api';
import { resourceSummary } from '../components/labels';
import { thisYear } from '../../../ui/format';

/** 活动登记: every event with its figures; the totals row adds up whatever the filters select. */
export function EventsPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const mobile = !Grid.useBreakpoint().md;
  const [type, setType] = useState<string>();
  const [range, setRange] = useState<[string, string]>([`${thisYear()}-01-01`, `${thisYear()}-12-31`]);
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [page, setPage] = useState(1);
  const filters: EventFilters = { type, from: range[0], to: range[1], q: q || undefined };
  const list = useEvents(filters, page);
  const totals = useEventTotals(filters);
  const { refresh } = useActivitiesMutations();
  const tt = totals.data;

  return (
    <>
      <PageHeader
        title={t('活动登记', 'Events')}
        subtitle={t(
          '三八、六一、讲座、筛查、慰问、演出、联谊、会议……每项活动的人数、物资和走访单位；同类活动在多个单位开展时逐单位登记，合计自动相加',
          'Each event with its counts and resources; the totals add up',
        )}
        extra={
          <>
            <ExportButton url="/api/activities/events/export" params={filters} />
            {can('activities.write') && (
              <ImportDialog
                title={t('导入活动登记表', 'Import events')}
                templateUrl="/api/activities/events/template"
                uploadUrl="/api/activities/events/import"
                onDone={refresh}
                trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
              />
            )}
            {can('activities.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/activities/new')} data-testid="new-event">
                {t('登记活动', 'New event')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Select
            allowClear
            placeholder={t('全部类型', 'All types')}
            value={type}
            onChange={(v) => {
              setType(v);
              setPage(1);
            }}
            style={{ width: mobile ? '100%' : 160 }}
            options={ACTIVITY_TYPES.map((x) => ({ value: x, label: ACTIVITY_TYPE_LABELS[x] }))}
            data-testid="event-type-filter"
          />
          <DatePicker.RangePicker
            value={[dayjs(range[0]), dayjs(range[1])]}
            allowClear={false}
            onChange={(v) => {
              if (v?.[0] && v[1]) {
                setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')]);
                setPage(1);
              }
            }}
            style={{ width: mobile ? '100%' : 260 }}
          />
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('活动名称', 'Title')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPage(1);
            }}
            style={{ width: mobile ? '100%' : 220 }}
          />
        </Flex>
      </Card>
      <Card size="small" style={{ marginBottom: 12 }} title={t('合计（按筛选条件）', 'Totals (filtered)')} data-testid="event-totals">
        <Row gutter={[16, 8]}>
          <Col xs={8} md={4}>
            <Statistic title={t('活动', 'Events')} value={tt?.events ?? 0} suffix={t('次', '')} />
          </Col>
          <Col xs={8} md={4}>
            <Statistic title={t('参加人数', 'Participants')} value={tt?.participants ?? 0} suffix={t('人', '')} />
          </Col>
          <Col xs={8} md={4}>
            <Statistic title={t('开展单位', 'Organisers')} value={tt?.organisers ?? 0} suffix={t('个', '')} />
          </Col>
          <Col xs={8} md={4}>
            <Statistic title={t('走访学校幼儿园', 'Schools visited')} value={tt?.unitsVisited ?? 0} suffix={t('所', '')} />
          </Col>
          <Col xs={8} md={4}>
            <Statistic title={t('办好事实事', 'Good deeds')} value={tt?.goodDeeds ?? 0} suffix={t('件', '')} />
          </Col>
          <Col xs={8} md={4}>
            <Statistic title={t('演出', 'Performances')} value={tt?.performances ?? 0} suffix={t('场', '')} />
          </Col>
        </Row>
        {tt && tt.resources.length > 0 && (
          <Space wrap style={{ marginTop: 8 }} data-testid="resource-totals">
            {resourceSummary(tt.resources).map((s) => (
              <Tag key={s} color="magenta">
                {s}
              </Tag>
            ))}
          </Space>
        )}
      </Card>
      <QueryState loading={list.isLoading} error={list.error}>
        {mobile ? (
          <List
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('没有符合条件的活动', 'No events') }}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, size: 'small' }}
            renderItem={(e) => (
              <Card size="small" hoverable style={{ marginBottom: 8 }} onClick={() => navigate(`/activities/${e.id}`)}>
                <Space wrap>
                  <Tag>{ACTIVITY_TYPE_LABELS[e.type]}</Tag>
                  <Typography.Text strong>{e.title}</Typography.Text>
                </Space>
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                  {e.startDate} · {e.ownerOrgName} · {e.participantCount}
                  {t('人', '')}
                  {e.resourceValueFen ? ` · ${formatFen(e.resourceValueFen)}元` : ''}
                </div>
              </Card>
            )}
          />
        ) : (
          <Table<EventListItem>
            rowKey="id"
            size="small"
            dataSource={list.data?.items ?? []}
            scroll={{ x: 1000 }}
            locale={{ emptyText: t('没有符合条件的活动', 'No events') }}
            pagination={{
              current: page,
              pageSize: 20,
              total: list.data?.total ?? 0,
              onChange: setPage,
              showSizeChanger: false,
              showTotal: (n) => t(`共 ${n} 项`, `${n}`),
            }}
            columns={[
              { title: t('日期', 'Date'), dataIndex: 'startDate', width: 105 },
              { title: t('类型', 'Type'), dataIndex: 'type', width: 100, render: (v: EventListItem['type']) => ACTIVITY_TYPE_LABELS[v] },
              {
                title: t('活动名称', 'Title'),
                dataIndex: 'title',
                ellipsis: true,
                render: (v, e) => <Link to={`/activities/${e.id}`}>{v}</Link>,
              },
              { title: t('主办单位', 'Organiser'), dataIndex: 'ownerOrgName', width: 150, ellipsis: true },
              {
                title: t('参加人数', 'People'),
                dataIndex: 'participantCount',
                width: 90,
                align: 'right',
                render: (v: number, e) => (
                  <>
                    {v}
                    {e.participantMode === 'roster' && <Tag style={{ marginLeft: 4 }}>{t('名单', 'roster')}</Tag>}
                  </>
                ),
              },
              { title: t('走访', 'Visited'), dataIndex: 'unitsVisited', width: 70, align: 'right' },
              { title: t('物资数量', 'Items'), dataIndex: 'resourceQuantity', width: 90, align: 'right' },
              {
                title: t('物资价值（元）', 'Value'),
                dataIndex: 'resourceValueFen',
                width: 120,
                align: 'right',
                render: (v: number) => formatFen(v),
              },
            ]}
            data-testid="events-table"
          />
        )}
      </QueryState>
    </>
  );
}
