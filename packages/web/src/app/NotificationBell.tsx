import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Popover, Spin } from 'antd';
import { Suspense } from 'react';
import { lazyPage } from '../ui/lazyPage';
import { api } from './api';
import { useMe } from './auth';
import { useI18n } from './i18n';
import type { Notification } from './NotificationList';

const NotificationList = lazyPage(() => import('./NotificationList'), 'NotificationList');

/**
 * The bell: the user's own notices. Every signed-in user may read their own (the route needs no permission), but
 * not before a pending password change — until then the server answers only /api/auth/* — so it waits for that.
 */
export function NotificationBell() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const { data } = useQuery({
    queryKey: ['notifications'],
    queryFn: () => api.get<{ items: Notification[]; unread: number }>('/api/notifications'),
    enabled: !!me && !me.mustChangePassword,
    refetchInterval: 60_000,
  });
  // The list is rendered (and its chunk downloaded) when the bell is first opened.
  const content = (
    <Suspense fallback={<Spin style={{ display: 'block', margin: 16 }} />}>
      <NotificationList data={data} />
    </Suspense>
  );
  return (
    <Popover content={content} title={t('通知', 'Notifications')} trigger="click" placement="bottomRight">
      <Badge count={data?.unread ?? 0} size="small">
        <Button type="text" icon={<BellOutlined />} aria-label={t('通知', 'Notifications')} />
      </Badge>
    </Popover>
  );
}
