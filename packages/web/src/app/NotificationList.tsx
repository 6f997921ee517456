import { useQueryClient } from '@tanstack/react-query';
import { Button, Empty, List, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from './api';
import { useI18n } from './i18n';

export type Notification = {
  id: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
};

/** The bell's open list (its own chunk: antd's List brings pagination and select, which the shell otherwise does not need). */
export function NotificationList({ data }: { data: { items: Notification[]; unread: number } | undefined }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const navigate = useNavigate();
  return (
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
}
