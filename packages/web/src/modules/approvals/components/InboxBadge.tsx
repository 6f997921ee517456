import { Badge } from 'antd';
import { useMe } from '../../../app/auth';
import { useInboxCount } from '../api';

/** The number of things waiting for me, beside 我的待办 in the menu and on its home card (nothing when none). */
export function InboxBadge() {
  const { data: me } = useMe();
  const { data } = useInboxCount(!!me && !me.mustChangePassword);
  if (!data?.total) return null;
  return <Badge count={data.total} overflowCount={99} data-testid="inbox-count" style={{ marginInlineStart: 6 }} />;
}
