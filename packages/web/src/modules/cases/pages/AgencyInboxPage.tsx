import { Card, Flex, Grid, List, Segmented, Space, Table, Typography } from 'antd';
import { REFERRAL_KIND_LABELS, type AgencyReferral } from '@jinguo/domain';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState } from '../../../ui';
import { useInbox } from '../api';
import { ReferralStatusTag } from '../components/tags';
import { RiskTag } from '../../../ui/CaseTags';

/** 转介收件箱: only the referrals addressed to the caller's agency, open ones first. */
export function AgencyInboxPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const mobile = !Grid.useBreakpoint().md;
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const [page, setPage] = useState(1);
  const inbox = useInbox(status, page);
  return (
    <>
      <PageHeader
        title={t('转介收件箱', 'Referral inbox')}
        subtitle={t('妇联转来的需要本机构办理的事项；仅显示办理所需信息', 'Referrals addressed to your agency')}
      />
      <Segmented
        value={status}
        onChange={(v) => {
          setStatus(v as never);
          setPage(1);
        }}
        options={[
          { value: 'open', label: t('待办', 'Open') },
          { value: 'closed', label: t('已办', 'Done') },
          { value: 'all', label: t('全部', 'All') },
        ]}
        style={{ marginBottom: 12 }}
        data-testid="inbox-filter"
      />
      <QueryState loading={inbox.isLoading} error={inbox.error}>
        {mobile ? (
          <List
            dataSource={inbox.data?.items ?? []}
            locale={{ emptyText: t('没有待办的转介', 'Nothing to do') }}
            pagination={{ current: page, pageSize: 20, total: inbox.data?.total ?? 0, onChange: setPage, size: 'small' }}
            renderItem={(r) => (
              <Card size="small" hoverable style={{ marginBottom: 8 }} onClick={() => navigate(`/agency/referrals/${r.id}`)}>
                <Flex justify="space-between">
                  <Space size={4}>
                    <Typography.Text strong>{r.fromOrgName}</Typography.Text>
                    <RiskTag level={r.riskLevel} />
                  </Space>
                  <ReferralStatusTag status={r.status} overdue={r.overdue} />
                </Flex>
                <div>{r.serviceRequested}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.applicantName} · {r.categoryLabel} · {t('期限', 'due')} {r.dueDate}
                </Typography.Text>
              </Card>
            )}
          />
        ) : (
          <Table<AgencyReferral>
            rowKey="id"
            dataSource={inbox.data?.items ?? []}
            locale={{ emptyText: t('没有待办的转介', 'Nothing to do') }}
            pagination={{
              current: page,
              pageSize: 20,
              total: inbox.data?.total ?? 0,
              onChange: setPage,
              showTotal: (n) => t(`共 ${n} 件`, `${n}`),
            }}
            columns={[
              { title: t('转介日期', 'Sent'), dataIndex: 'sentDate', width: 104 },
              {
                title: t('转介单位', 'From'),
                dataIndex: 'fromOrgName',
                width: 130,
                render: (v, r) => (
                  <>
                    {v}
                    <div style={{ fontSize: 12, color: '#8c8c8c' }}>{r.caseNo}</div>
                  </>
                ),
              },
              {
                title: t('请求的服务', 'Service'),
                dataIndex: 'serviceRequested',
                render: (v, r) => <Link to={`/agency/referrals/${r.id}`}>{v}</Link>,
              },
              { title: t('类型', 'Kind'), dataIndex: 'kind', width: 110, render: (v: AgencyReferral['kind']) => REFERRAL_KIND_LABELS[v] },
              { title: t('当事人', 'Person'), dataIndex: 'applicantName', width: 90 },
              { title: t('风险', 'Risk'), dataIndex: 'riskLevel', width: 80, render: (v) => <RiskTag level={v} /> },
              { title: t('答复期限', 'Due'), dataIndex: 'dueDate', width: 104 },
              {
                title: t('状态', 'Status'),
                dataIndex: 'status',
                width: 130,
                render: (v, r) => <ReferralStatusTag status={v} overdue={r.overdue} />,
              },
            ]}
            data-testid="inbox-table"
          />
        )}
      </QueryState>
    </>
  );
}
