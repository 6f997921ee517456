import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { formatDateTime, PageHeader, QueryState } from '../../../ui';
import { useNotice, useNoticesMutations } from '../api';

/** A notice: its text and attachments; the recipient's reading is its receipt; the sender sees the units that have not read it. */
export function NoticeDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const notice = useNotice(id);
  const m = useNoticesMutations();
  const d = notice.data;
  const markRead = d?.can.markRead;

  // Opening the notice is reading it: the receipt is recorded once for the reader's unit.
  useEffect(() => {
    if (markRead) m.markRead.mutate(id);
  }, [markRead, id, m.markRead.mutate]);

  return (
    <QueryState loading={notice.isLoading} error={notice.error}>
      {d && (
        <>
          <PageHeader
            title={d.title}
            subtitle={t(`${d.ownerOrgName} · ${formatDateTime(d.createdAt)}`, `${d.ownerOrgName} · ${formatDateTime(d.createdAt)}`)}
          />
          <Card size="small" style={{ marginBottom: 12 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.body}</Typography.Paragraph>
            <Space wrap>
              {d.files.map((f) => (
                <a key={f.id} href={`/api/notices/${id}/attachments/${f.id}`}>
                  <PaperClipOutlined /> {f.fileName}
                </a>
              ))}
              {d.can.manage && (
                <Upload
                  showUploadList={false}
                  beforeUpload={(file) => {
                    m.attach.mutateAsync({ id, file }).then(
                      () => message.success(t('已添加附件', 'Attached')),
                      (e: Error) => message.error(e.message),
                    );
                    return false;
                  }}
                >
                  <Button size="small">{t('添加附件', 'Attach')}</Button>
                </Upload>
              )}
            </Space>
          </Card>
          {d.can.manage && (
            <Card
              size="small"
              title={t(`未读单位（${d.unread.length}/${d.recipients.length}）`, `Not read (${d.unread.length}/${d.recipients.length})`)}
              style={{ marginBottom: 12 }}
            >
              <Space wrap data-testid="unread-units">
                {d.unread.map((u) => (
                  <Tag key={u.orgUnitId} color="orange">
                    {u.orgUnitName}
                  </Tag>
                ))}
                {d.unread.length === 0 && t('全部已读', 'All read')}
              </Space>
            </Card>
          )}
          <Table
            rowKey="orgUnitId"
            size="small"
            dataSource={d.recipients}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: t('单位', 'Unit'), dataIndex: 'orgUnitName' },
              {
                title: t('签收', 'Read'),
                dataIndex: 'readAt',
                width: 160,
                render: (v) => (v ? formatDateTime(v) : <Tag>{t('未读', 'Unread')}</Tag>),
              },
              { title: t('签收人', 'By'), dataIndex: 'readByName', width: 160, render: (v) => v ?? '—' },
            ]}
            data-testid="receipts-table"
          />
        </>
      )}
    </QueryState>
  );
}
