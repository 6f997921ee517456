import { DownloadOutlined, PaperClipOutlined, TableOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Modal, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import type { TaskAnswer } from '@jinguo/domain';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { download } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { formatDateTime, PageHeader, QueryState } from '../../../ui';
import { useTask, useTasksMutations } from '../api';
import { AnswerStatusTag } from '../components/StatusTag';

/** The sender's status page: 已报/应报, who is late, who waits on whom below, each answer; return or approve. */
export function TaskDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const task = useTask(id);
  const m = useTasksMutations();
  const [returning, setReturning] = useState<TaskAnswer | null>(null);
  const [reason, setReason] = useState('');
  const d = task.data;

  const act = async (p: Promise<unknown>, ok: string) => {
    try {
      await p;
      message.success(ok);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <QueryState loading={task.isLoading} error={task.error}>
      {d && (
        <>
          <PageHeader
            title={d.title}
            subtitle={t(`${d.ownerOrgName}发出 · 截止${d.deadline}`, `From ${d.ownerOrgName} · due ${d.deadline}`)}
            extra={
              <Space wrap>
                <Button icon={<TableOutlined />} onClick={() => navigate(`/tasks/${id}/merged`)} data-testid="merged-link">
                  {t('汇总结果', 'Merged result')}
                </Button>
                <Button icon={<DownloadOutlined />} onClick={() => download(`/api/tasks/${id}/template`)}>
                  {t('填报模板', 'Template')}
                </Button>
              </Space>
            }
          />
          <Flex gap={12} wrap style={{ marginBottom: 12 }}>
            <Card size="small" style={{ minWidth: 220 }}>
              <Typography.Text type="secondary">{t('已报/应报', 'Reported')}</Typography.Text>
              <Progress
                percent={d.expected ? Math.round((d.reported / d.expected) * 100) : 0}
                format={() => `${d.reported}/${d.expected}`}
                data-testid="task-rate"
              />
            </Card>
            <Card size="small" style={{ minWidth: 160 }}>
              <Typography.Text type="secondary">{t('逾期未报', 'Late')}</Typography.Text>
              <Typography.Title level={3} style={{ margin: 0, color: d.lateCount ? '#cf1322' : undefined }}>
                {d.lateCount}
              </Typography.Title>
            </Card>
          </Flex>
          {d.instructions && <Alert type="info" showIcon message={d.instructions} style={{ marginBottom: 12, whiteSpace: 'pre-wrap' }} />}
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('附件', 'Attachments')}>
              <Space wrap>
                {d.files.map((f) => (
                  <a key={f.id} href={`/api/tasks/${id}/attachments/${f.id}`}>
                    <PaperClipOutlined /> {f.fileName}
                  </a>
                ))}
                {d.files.length === 0 && '—'}
                {d.can.manage && (
                  <Upload
                    showUploadList={false}
                    beforeUpload={(file) => {
                      void act(m.attach.mutateAsync({ id, file }), t('已添加附件', 'Attached'));
                      return false;
                    }}
                  >
                    <Button size="small">{t('添加附件', 'Attach')}</Button>
                  </Upload>
                )}
              </Space>
            </Descriptions.Item>
          </Descriptions>
          <Table<TaskAnswer>
            rowKey="id"
            size="small"
            dataSource={d.answers}
            scroll={{ x: 760 }}
            pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
            columns={[
              {
                title: t('单位', 'Unit'),
                dataIndex: 'orgUnitName',
                width: 160,
                render: (v, a) => <Link to={`/tasks/${id}/answers/${a.id}`}>{v}</Link>,
              },
              {
                title: t('状态', 'Status'),
                width: 130,
                render: (_, a) => (
                  <>
                    <AnswerStatusTag status={a.status} />
                    {a.late && <Tag color="red">{t('逾期', 'Late')}</Tag>}
                  </>
                ),
              },
              {
                title: t('下级填报', 'Units below'),
                render: (_, a) =>
                  a.forward ? (
                    <span data-testid="forward-progress">
                      {t(`已报${a.forward.reported}/${a.forward.expected}`, `${a.forward.reported}/${a.forward.expected}`)}
                      {a.forward.waiting.length > 0 && (
                        <Typography.Text type="secondary">
                          {t('，待报：', '; waiting: ')}
                          {a.forward.waiting.map((w) => w.orgUnitName).join('、')}
                        </Typography.Text>
                      )}
                    </span>
                  ) : (
                    '—'
                  ),
              },
              { title: t('提交时间', 'Submitted'), dataIndex: 'submittedAt', width: 150, render: (v) => (v ? formatDateTime(v) : '—') },
              {
                title: t('操作', 'Actions'),
                width: 140,
                render: (_, a) =>
                  a.can.decide && (
                    <Space size={4}>
                      <Button
                        size="small"
                        type="link"
                        onClick={() => void act(m.approve.mutateAsync({ id, answerId: a.id }), t('已通过', 'Approved'))}
                      >
                        {t('通过', 'Approve')}
                      </Button>
                      <Button size="small" type="link" danger onClick={() => setReturning(a)}>
                        {t('退回', 'Return')}
                      </Button>
                    </Space>
                  ),
              },
            ]}
            data-testid="answers-table"
          />
          <Modal
            open={!!returning}
            title={t(`退回「${returning?.orgUnitName ?? ''}」的填报`, 'Return the answer')}
            onCancel={() => setReturning(null)}
            okButtonProps={{ disabled: !reason.trim(), danger: true }}
            confirmLoading={m.giveBack.isPending}
            onOk={async () => {
              if (!returning) return;
              await act(m.giveBack.mutateAsync({ id, answerId: returning.id, reason }), t('已退回', 'Returned'));
              setReturning(null);
              setReason('');
            }}
            destroyOnHidden
          >
            <Input.TextArea
              rows={3}
              maxLength={500}
              placeholder={t('退回理由（必填）', 'Reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Modal>
        </>
      )}
    </QueryState>
  );
}
