import { Tag, Tooltip } from 'antd';
import {
  CASE_STATUS_LABELS,
  RISK_COLOUR_LABELS,
  RISK_LEVEL_COLOURS,
  RISK_LEVEL_LABELS,
  type CaseStatus,
  type RiskLevel,
} from '@jinguo/domain';

// A case's status and risk tags, shown by the cases pages and by a person's page (her cases): shared here so the
// person registry does not import the cases module (cases uses the registry).

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
  transferred: 'geekblue',
  assigned: 'geekblue',
};

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return <Tag color={STATUS_COLOURS[status]}>{CASE_STATUS_LABELS[status]}</Tag>;
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
