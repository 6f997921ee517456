import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from './api';
import { useI18n } from './i18n';

type Notification = { id: string; title: string; body: string | null; link: string | null; createdAt: string; readAt: string | null };

export function NotificationBell() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { data } = useQuery({
    queryKey: ['notifications'],
    queryFn: () => api.get<{ items: Notification[]; unread: number }>('/api/notifications'),
    refetchInterval: 60_000,
  });
  const content = (
    <div style={{ width: 320, maxHeight: 400, overflow: 'auto' }}>
      {data?.items.length ? (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: n.link ? 'pointer' : undefined, opacity: n.readAt ? 0.6 : 1 }}
              onClick={() => n.link && navigate(n.link)}
            >
              <List.Item.Meta title={n.title} description={<Typography.Text type="secondary">{n.body}</Typography.Text>} />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无通知', 'No notifications')} />
      )}
      {!!data?.unread && (
        <Button
          block
          type="link"
          onClick={async () => {
            await api.post('/api/notifications/read-all');
            qc.invalidateQueries({ queryKey: ['notifications'] });
          }}
        >
          {t('全部标为已读', 'Mark all read')}
        </Button>
      )}
    </div>
  );
  return (
    <Popover content={content} title={t('通知', 'Notifications')} trigger="click" placement="bottomRight">
      <Badge count={data?.unread ?? 0} size="small">
        <Button type="text" icon={<BellOutlined />} aria-label={t('通知', 'Notifications')} />
      </Badge>
    </Popover>
  );
}
