import { LockOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { CHILD_NEED_LABELS, CHILD_NEEDS, CHILD_STATUS_LABELS, formatFen, type LeftBehindChild, type ProxyMother } from '@jinguo/domain';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { OrgUnitSelect, PageHeader, QueryState, useDebounced } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useChildren, useChildrenMutations, useMothers } from '../api';
import { MotherDialog, RegisterDialog } from '../components/RegisterDialog';

/** 关爱留守儿童: the register (a minor's details only for children.minors.read) and the 代理妈妈. */
export function ChildrenPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'register';
  return (
    <>
      <PageHeader
        title={t('关爱留守儿童', 'Left-behind children')}
        subtitle={t(
          '留守儿童名册、代理妈妈结对、走访和经资金台账发放的帮扶',
          'Register, proxy mothers, visits and help through the ledger',
        )}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'register', label: t('留守儿童名册', 'Register'), children: <RegisterTab /> },
          { key: 'mothers', label: t('代理妈妈', 'Proxy mothers'), children: <MothersTab /> },
        ]}
      />
    </>
  );
}

function RegisterTab() {
  const { t } = useI18n();
  const can = useCan();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [townshipId, setTownshipId] = useState<string>();
  const [status, setStatus] = useState<string | undefined>('active');
  const [need, setNeed] = useState<string>();
  const [page, setPage] = useState(1);
  const filters = { q: q || undefined, townshipId, status, need };
  const list = useChildren(filters, page);
  const m = useChildrenMutations();
  const [adding, setAdding] = useState(false);
  const minors = can('children.minors.read');

  return (
    <>
      {!minors && (
        <Alert
          type="info"
          showIcon
          icon={<LockOutlined />}
          style={{ marginBottom: 12 }}
          message={t(
            '留守儿童均为未成年人：您只能看到脱敏后的姓名和所在乡镇，详细信息需“未成年人信息”权限。',
            'Minors: names are masked and details hidden without the minors permission.',
          )}
        />
      )}
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          {minors && (
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('姓名', 'Name')}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setPage(1);
              }}
              style={{ width: 140 }}
            />
          )}
          <OrgUnitSelect
            kind={['township', 'street']}
            placeholder={t('全部乡镇（街道）', 'All townships')}
            value={townshipId}
            onChange={(v) => {
              setTownshipId(v ?? undefined);
              setPage(1);
            }}
            style={{ width: 170 }}
          />
          <Select
            allowClear
            placeholder={t('全部', 'All')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            style={{ width: 110 }}
            options={Object.entries(CHILD_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <Select
            allowClear
            placeholder={t('关爱需求', 'Need')}
            value={need}
            onChange={(v) => {
              setNeed(v);
              setPage(1);
            }}
            style={{ width: 120 }}
            options={CHILD_NEEDS.map((n) => ({ value: n, label: CHILD_NEED_LABELS[n] }))}
          />
        </Flex>
        <Space wrap>
          <ExportButton url="/api/children/export" params={filters} />
          {can('children.write') && (
            <>
              <ImportDialog
                title={t('导入留守儿童名册', 'Import the register')}
                templateUrl="/api/children/template"
                uploadUrl="/api/children/import"
                onDone={m.refresh}
                trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
              />
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="new-child">
                {t('登记留守儿童', 'Register a child')}
              </Button>
            </>
          )}
        </Space>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<LeftBehindChild>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 860 }}
          locale={{ emptyText: t('名册中暂无儿童', 'No children on the register') }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t(`共 ${n} 名`, `${n}`),
          }}
          columns={[
            {
              title: t('姓名', 'Name'),
              dataIndex: 'name',
              width: 100,
              render: (v: string, c) => (
                <Link to={`/children/${c.id}`}>
                  {v} {!c.detailsVisible && <LockOutlined />}
                </Link>
              ),
            },
            { title: t('年龄', 'Age'), dataIndex: 'age', width: 55, render: (v) => v ?? '—' },
            { title: t('乡镇（街道）', 'Township'), dataIndex: 'townshipName', width: 100 },
            { title: t('村（社区）', 'Village'), dataIndex: 'villageName', width: 100, render: (v) => v ?? '—' },
            {
              title: t('关爱需求', 'Needs'),
              dataIndex: 'needs',
              render: (v: LeftBehindChild['needs']) => (v ? v.map((n) => <Tag key={n}>{CHILD_NEED_LABELS[n]}</Tag>) : '—'),
            },
            { title: t('代理妈妈', 'Proxy mother'), dataIndex: 'proxyMotherName', width: 90, render: (v) => v ?? '—' },
            { title: t('走访', 'Visits'), dataIndex: 'visits', width: 60, align: 'right' },
            { title: t('帮扶（元）', 'Help'), dataIndex: 'helpFen', width: 90, align: 'right', render: (v: number) => formatFen(v) },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              width: 80,
              render: (s: LeftBehindChild['status']) => <Tag color={s === 'active' ? 'magenta' : undefined}>{CHILD_STATUS_LABELS[s]}</Tag>,
            },
          ]}
          data-testid="children-table"
        />
      </QueryState>
      <RegisterDialog open={adding} onClose={() => setAdding(false)} />
    </>
  );
}

function MothersTab() {
  const { t } = useI18n();
  const can = useCan();
  const list = useMothers();
  const [adding, setAdding] = useState(false);
  return (
    <>
      {can('children.write') && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="new-mother">
            {t('登记代理妈妈', 'New proxy mother')}
          </Button>
        </Flex>
      )}
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<ProxyMother>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={list.data ?? []}
          scroll={{ x: 560 }}
          locale={{ emptyText: t('暂无代理妈妈', 'No proxy mothers') }}
          columns={[
            { title: t('姓名', 'Name'), dataIndex: 'name', width: 100 },
            { title: t('乡镇（街道）', 'Township'), dataIndex: 'townshipName', width: 110 },
            { title: t('工作单位或身份', 'Role'), dataIndex: 'unitName', render: (v) => v ?? '—' },
            { title: t('电话', 'Phone'), dataIndex: 'phoneMasked', width: 120, render: (v) => v ?? '—' },
            {
              title: t('结对儿童', 'Paired'),
              dataIndex: 'activePairings',
              width: 80,
              align: 'right',
              render: (v: number) => <Typography.Text strong>{v}</Typography.Text>,
            },
          ]}
          data-testid="mothers-table"
        />
      </QueryState>
      <MotherDialog open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
