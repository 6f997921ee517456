import { Card, Flex, Select, Table, Tag } from 'antd';
import { APPROVAL_KIND_LABELS, APPROVAL_KINDS, APPROVAL_STATUS_LABELS, APPROVAL_STATUSES, type ApprovalListItem } from '@jinguo/domain';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { formatDateTime, PageHeader, QueryState } from '../../../ui';
import { useApprovals } from '../api';
import { StatusTag } from '../components/StatusTag';

/** Every approval request of my scope, newest first, by status and kind. */
export function ApprovalsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [f, setF] = useState<{ status?: string; kind?: string }>({});
  const q = useApprovals(f, page);
  return (
    <div>
      <PageHeader title={t('审批申请', 'Approval requests')} subtitle={t('本单位及下级单位的审批申请', 'Requests of my units')} />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('状态', 'Status')}
            style={{ width: 140 }}
            value={f.status}
            onChange={(status) => {
              setF({ ...f, status });
              setPage(1);
            }}
            options={APPROVAL_STATUSES.map((s) => ({ value: s, label: APPROVAL_STATUS_LABELS[s] }))}
          />
          <Select
            allowClear
            placeholder={t('类型', 'Kind')}
            style={{ width: 160 }}
            value={f.kind}
            onChange={(kind) => {
              setF({ ...f, kind });
              setPage(1);
            }}
            options={APPROVAL_KINDS.map((k) => ({ value: k, label: APPROVAL_KIND_LABELS[k] }))}
          />
        </Flex>
        <QueryState error={q.error}>
          <Table<ApprovalListItem>
            rowKey="id"
            size="middle"
            loading={q.isFetching}
            dataSource={q.data?.items}
            scroll={{ x: 800 }}
            onRow={(r) => ({ onClick: () => navigate(`/approvals/${r.id}`), style: { cursor: 'pointer' } })}
            pagination={{ current: page, pageSize: 20, total: q.data?.total, onChange: setPage, showSizeChanger: false }}
            columns={[
              { title: t('申请事项', 'Request'), dataIndex: 'title' },
              { title: t('类型', 'Kind'), dataIndex: 'kindLabel', width: 130, render: (v) => <Tag>{v}</Tag> },
              { title: t('单位', 'Unit'), dataIndex: 'ownerName', width: 130 },
              { title: t('申请人', 'By'), dataIndex: 'requestedByName', width: 150 },
              {
                title: t('状态', 'Status'),
                width: 200,
                render: (_, r) => <StatusTag status={r.status} label={r.statusLabel} step={r.currentStepLabel} />,
              },
              { title: t('更新时间', 'Updated'), dataIndex: 'updatedAt', width: 160, render: (v) => formatDateTime(v) },
            ]}
          />
        </QueryState>
      </Card>
    </div>
  );
}
