import { Tag } from 'antd';
import { REFERRAL_STATUS_LABELS, type ReferralStatus } from '@jinguo/domain';

const REFERRAL_COLOURS: Record<ReferralStatus, string> = {
  sent: 'blue',
  accepted: 'processing',
  declined: 'red',
  done: 'success',
  revoked: 'default',
};

export function ReferralStatusTag({ status, overdue }: { status: ReferralStatus; overdue?: boolean }) {
  return (
    <>
      <Tag color={REFERRAL_COLOURS[status]}>{REFERRAL_STATUS_LABELS[status]}</Tag>
      {overdue && <Tag color="red">超期</Tag>}
    </>
  );
}

export function DueText({ due, overdue }: { due: string | null; overdue?: boolean }) {
  if (!due) return <span style={{ color: '#bfbfbf' }}>—</span>;
  return (
    <span style={{ color: overdue ? '#cf1322' : undefined, fontWeight: overdue ? 600 : undefined, whiteSpace: 'nowrap' }}>
      {due}
      {overdue ? ' 超期' : ''}
    </span>
  );
}
