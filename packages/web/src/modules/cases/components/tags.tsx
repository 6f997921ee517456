import { Tag, Tooltip } from 'antd';
import {
  CASE_STATUS_LABELS,
  REFERRAL_STATUS_LABELS,
  RISK_COLOUR_LABELS,
  RISK_LEVEL_COLOURS,
  RISK_LEVEL_LABELS,
  type CaseStatus,
  type ReferralStatus,
  type RiskLevel,
} from '@jinguo/domain';

const STATUS_COLOURS: Record<CaseStatus, string> = {
  registered: 'blue',
  accepted: 'cyan',
  not_accepted: 'default',
  diverted: 'purple',
  in_progress: 'processing',
  closed: 'success',
  review_requested: 'orange',
  review_decided: 'green',
  rereview_requested: 'orange',
  final: 'default',
};

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return <Tag color={STATUS_COLOURS[status]}>{CASE_STATUS_LABELS[status]}</Tag>;
}

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

/** The family colour tag: red for violence at high risk, then yellow, then green. */
export function RiskTag({ level }: { level: RiskLevel | null | undefined }) {
  if (!level) return null;
  return (
    <Tooltip title={`家暴风险评估：${RISK_LEVEL_LABELS[level]}（${RISK_COLOUR_LABELS[level]}标识）`}>
      <Tag color={RISK_LEVEL_COLOURS[level]} data-testid="risk-tag">
        {RISK_LEVEL_LABELS[level]}
      </Tag>
    </Tooltip>
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
