import { Badge, Card, Col, Empty, Grid, List, Row, Space, Table, Tabs, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState } from '../../../ui';
import type { OverdueBoard } from '@jinguo/domain';
import { useOverdue } from '../api';
import { CaseStatusTag, RiskTag } from '../../../ui/CaseTags';

/** 超期督办: cases past their statutory deadline, referrals past due, follow-up visits not made — high risk first. */
export function OverduePage() {
  const { t } = useI18n();
  const mobile = !Grid.useBreakpoint().md;
  const q = useOverdue();
  const d = q.data;
  const late = (n: number) => (
    <Typography.Text type="danger" strong>
      {t(`超期${n}天`, `${n} days late`)}
    </Typography.Text>
  );
  const caseTable = (rows: OverdueBoard['cases']) =>
    mobile ? (
      <List
        dataSource={rows}
        locale={{ emptyText: t('没有超期事项', 'None') }}
        renderItem={(r) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <Space wrap>
                <Link to={`/cases/${r.id}`}>{r.caseNo}</Link>
                <RiskTag level={r.riskLevel} />
                <CaseStatusTag status={r.status} />
                {late(r.daysOverdue)}
              </Space>
              <div>{r.summary}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.deadlineLabel} · {r.nextDueDate} · {r.ownerName} · {r.assigneeName}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    ) : (
      <Table
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: <Empty description={t('没有超期事项', 'Nothing overdue')} /> }}
        columns={[
          { title: t('编号', 'No.'), dataIndex: 'caseNo', width: 100, render: (v, r) => <Link to={`/cases/${r.id}`}>{v}</Link> },
          { title: t('风险', 'Risk'), dataIndex: 'riskLevel', width: 80, render: (v) => <RiskTag level={v} /> },
          { title: t('诉求摘要', 'Summary'), dataIndex: 'summary', ellipsis: true },
          { title: t('状态', 'Status'), dataIndex: 'status', width: 96, render: (v) => <CaseStatusTag status={v} /> },
          {
            title: t('期限', 'Deadline'),
            dataIndex: 'deadlineLabel',
            width: 220,
            render: (v, r) => (
              <>
                {v}
                <div>{r.nextDueDate}</div>
              </>
            ),
          },
          { title: t('超期', 'Late'), dataIndex: 'daysOverdue', width: 96, render: late },
          {
            title: t('承办', 'Handled by'),
            dataIndex: 'ownerName',
            width: 150,
            render: (v, r) => (
              <>
                {v}
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>{r.assigneeName}</div>
              </>
            ),
          },
        ]}
      />
    );
  return (
    <>
      <PageHeader
        title={t('超期督办', 'Overdue board')}
        subtitle={t('每日提醒承办人及其领导；转介超期自动上报妇联', 'Daily reminders; overdue referrals escalate')}
      />
      <QueryState loading={q.isLoading} error={q.error}>
        {d && (
          <>
            <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
              {[
                [t('超过法定期限的事项', 'Cases past deadline'), d.cases.length],
                [t('超期未办结的转介', 'Referrals overdue'), d.referrals.length],
                [t('逾期未回访', 'Visits overdue'), d.followUps.length],
              ].map(([label, n]) => (
                <Col xs={8} key={label as string}>
                  <Card size="small">
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {label}
                    </Typography.Text>
                    <div
                      style={{ fontSize: 24, fontWeight: 600, color: Number(n) > 0 ? '#cf1322' : undefined }}
                      data-testid="overdue-count"
                    >
                      {n}
                    </div>
                  </Card>
                </Col>
              ))}
            </Row>
            <Tabs
              items={[
                {
                  key: 'cases',
                  label: (
                    <Badge count={d.cases.length} size="small" offset={[8, 0]}>
                      {t('事项', 'Cases')}
                    </Badge>
                  ),
                  children: caseTable(d.cases),
                },
                {
                  key: 'referrals',
                  label: (
                    <Badge count={d.referrals.length} size="small" offset={[8, 0]}>
                      {t('转介', 'Referrals')}
                    </Badge>
                  ),
                  children: (
                    <Table
                      rowKey="id"
                      size="middle"
                      pagination={false}
                      dataSource={d.referrals}
                      scroll={{ x: 640 }}
                      locale={{ emptyText: <Empty description={t('没有超期转介', 'None')} /> }}
                      columns={[
                        {
                          title: t('事项', 'Case'),
                          dataIndex: 'caseNo',
                          width: 100,
                          render: (v, r) => <Link to={`/cases/${r.caseId}`}>{v}</Link>,
                        },
                        { title: t('接收机构', 'Agency'), dataIndex: 'agencyName', width: 160 },
                        { title: t('请求的服务', 'Service'), dataIndex: 'serviceRequested', ellipsis: true },
                        { title: t('答复期限', 'Due'), dataIndex: 'dueDate', width: 104 },
                        { title: t('超期', 'Late'), dataIndex: 'daysOverdue', width: 96, render: late },
                        { title: t('已上报', 'Escalated'), dataIndex: 'escalatedAt', width: 80, render: (v) => (v ? t('是', 'yes') : '—') },
                      ]}
                    />
                  ),
                },
                {
                  key: 'visits',
                  label: (
                    <Badge count={d.followUps.length} size="small" offset={[8, 0]}>
                      {t('回访', 'Visits')}
                    </Badge>
                  ),
                  children: caseTable(
                    d.followUps.map((f) => ({ ...f, deadlineLabel: t('回访日期', 'Visit due'), nextDueDate: f.nextFollowUpDate })),
                  ),
                },
              ]}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
