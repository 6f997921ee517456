import { Tag, Typography } from 'antd';
import type { ApprovalStatus } from '@jinguo/domain';

const COLOURS: Record<ApprovalStatus, string> = {
  pending: 'processing',
  returned: 'warning',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

/** A request's state, and while it waits, whose step it is. */
export function StatusTag({ status, label, step }: { status: ApprovalStatus; label: string; step?: string | null }) {
  return (
    <span>
      <Tag color={COLOURS[status]} data-testid="approval-status">
        {label}
      </Tag>
      {step && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {step}
        </Typography.Text>
      )}
    </span>
  );
}
