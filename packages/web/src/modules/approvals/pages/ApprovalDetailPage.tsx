import { Button, Card, Col, Descriptions, Empty, Row, Steps, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { formatDateTime, PageHeader, QueryState } from '../../../ui';
import { useApproval } from '../api';
import { ApprovalPanel } from '../components/ApprovalPanel';
import { StatusTag } from '../components/StatusTag';

const ACTION_COLOURS: Record<string, string> = { approve: 'green', return: 'orange', reject: 'red', withdraw: 'gray' };

/** One request: what was asked, its steps and who decides them, every decision, and what I may do now. */
export function ApprovalDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const q = useApproval(id);
  const r = q.data;
  return (
    <QueryState loading={q.isLoading} error={q.error}>
      {r && (
        <div style={{ maxWidth: 1100 }}>
          <PageHeader
            title={r.title}
            subtitle={<StatusTag status={r.status} label={r.statusLabel} step={r.currentStepLabel} />}
            extra={
              <Link to={r.link}>
                <Button>{t('查看原记录', 'Open the record')}</Button>
              </Link>
            }
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <Card title={t('申请内容', 'Request')} size="small" style={{ marginBottom: 16 }}>
                <Descriptions column={{ xs: 1, sm: 2 }} size="small">
                  <Descriptions.Item label={t('类型', 'Kind')}>{r.kindLabel}</Descriptions.Item>
                  <Descriptions.Item label={t('单位', 'Unit')}>{r.ownerName}</Descriptions.Item>
                  <Descriptions.Item label={t('申请人', 'By')}>{r.requestedByName}</Descriptions.Item>
                  <Descriptions.Item label={t('提交时间', 'Submitted')}>{formatDateTime(r.requestedAt)}</Descriptions.Item>
                  <Descriptions.Item label={t('申请事项', 'Asked')} span={2}>
                    <Typography.Text strong data-testid="approval-summary">
                      {r.summary}
                    </Typography.Text>
                  </Descriptions.Item>
                </Descriptions>
              </Card>
              <Card title={t('审批步骤', 'Steps')} size="small" style={{ marginBottom: 16 }}>
                <Steps
                  direction="vertical"
                  size="small"
                  current={r.steps.findIndex((s) => s.state === 'current')}
                  items={r.steps.map((s) => ({
                    title: `${t('第', 'Step ')}${s.no}${t('步', '')}：${s.orgUnitName} ${s.label}`,
                    status: s.state === 'done' ? 'finish' : s.state === 'current' ? 'process' : 'wait',
                    description: s.deciders.length ? s.deciders.join('、') : t('暂无审批人', 'Nobody holds this role'),
                  }))}
                />
              </Card>
              <ApprovalPanel request={r} />
            </Col>
            <Col xs={24} lg={10}>
              <Card title={t('审批记录', 'History')} size="small">
                {r.history.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                ) : (
                  <Timeline
                    data-testid="approval-history"
                    items={r.history.map((h) => ({
                      color: ACTION_COLOURS[h.action] ?? 'blue',
                      children: (
                        <div>
                          <Typography.Text strong>
                            {h.actionLabel}
                            {h.stepNo ? `（${t('第', 'step ')}${h.stepNo}${t('步', '')}）` : ''}
                          </Typography.Text>
                          <div>
                            {h.byName}
                            {h.onBehalfOfName && (
                              <Typography.Text type="secondary">
                                {t(`（代理${h.onBehalfOfName}）`, ` (for ${h.onBehalfOfName})`)}
                              </Typography.Text>
                            )}
                          </div>
                          {h.comment && <div>{h.comment}</div>}
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {formatDateTime(h.at)}
                          </Typography.Text>
                        </div>
                      ),
                    }))}
                  />
                )}
              </Card>
            </Col>
          </Row>
        </div>
      )}
    </QueryState>
  );
}
