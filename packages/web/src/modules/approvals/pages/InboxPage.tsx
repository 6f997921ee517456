import { RightOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Grid, List, Segmented, Tag, Typography } from 'antd';
import { INBOX_SOURCE_LABELS, INBOX_SOURCES, type InboxItem, type InboxSource } from '@jinguo/domain';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { formatDateTime, PageHeader, QueryState } from '../../../ui';
import { useInbox } from '../api';

const SOURCE_COLOURS: Record<InboxSource, string> = { approval: 'magenta', returned: 'orange', overdue_case: 'red', task: 'blue' };
const SOURCE_EN: Record<InboxSource, string> = {
  approval: 'To decide',
  returned: 'Returned to me',
  overdue_case: 'Overdue cases',
  task: 'Tasks to answer',
};

/** 我的待办: everything waiting for me, from every module, each a link to its record; filtered by source. */
export function InboxPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const mobile = !Grid.useBreakpoint().sm;
  const [source, setSource] = useState<InboxSource | 'all'>('all');
  const q = useInbox(source === 'all' ? undefined : source);
  const counts = q.data?.counts;
  return (
    <div style={{ maxWidth: 1000 }}>
      <PageHeader
        title={t('我的待办', 'My to-do')}
        subtitle={t('等待我审批、退回待我修改和我承办的超期事项', 'Waiting for my decision, returned to me, and my overdue cases')}
      />
      <Segmented
        data-testid="inbox-filter"
        value={source}
        onChange={(v) => setSource(v as InboxSource | 'all')}
        style={{ marginBottom: 16, maxWidth: '100%', overflowX: 'auto' }}
        options={[
          { value: 'all', label: `${t('全部', 'All')} ${counts?.total ?? ''}` },
          ...INBOX_SOURCES.map((s) => ({ value: s, label: `${t(INBOX_SOURCE_LABELS[s], SOURCE_EN[s])} ${counts?.bySource[s] ?? 0}` })),
        ]}
      />
      <QueryState loading={q.isLoading} error={q.error}>
        {q.data &&
          (q.data.items.length === 0 ? (
            <Card>
              <Empty description={t('暂无待办事项', 'Nothing waiting for you')} data-testid="inbox-empty" />
            </Card>
          ) : (
            <Card styles={{ body: { padding: 0 } }}>
              <List<InboxItem>
                data-testid="inbox-list"
                dataSource={q.data.items}
                renderItem={(i) => (
                  <List.Item
                    key={`${i.source}:${i.id}`}
                    onClick={() => navigate(i.link)}
                    style={{ cursor: 'pointer', padding: '12px 16px' }}
                    data-testid="inbox-item"
                    extra={mobile ? undefined : <RightOutlined style={{ color: '#bfbfbf' }} />}
                  >
                    <Flex vertical gap={4} style={{ minWidth: 0 }}>
                      <Flex gap={8} wrap align="center">
                        <Tag color={SOURCE_COLOURS[i.source]} style={{ marginInlineEnd: 0 }}>
                          {t(INBOX_SOURCE_LABELS[i.source], SOURCE_EN[i.source])}
                        </Tag>
                        <Typography.Text strong>{i.title}</Typography.Text>
                      </Flex>
                      {i.note && <Typography.Text type="secondary">{i.note}</Typography.Text>}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {i.kindLabel} · {i.unitName} ·{' '}
                        {i.daysOverdue != null
                          ? t(`期限${i.dueDate}，已超期${i.daysOverdue}日`, `due ${i.dueDate}, ${i.daysOverdue} days overdue`)
                          : formatDateTime(i.since)}
                      </Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            </Card>
          ))}
      </QueryState>
    </div>
  );
}
