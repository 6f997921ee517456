import { Tag } from 'antd';
import { ANSWER_STATUS_LABELS, type AnswerStatus } from '@jinguo/domain';

const COLORS: Record<AnswerStatus, string> = { pending: 'default', draft: 'blue', submitted: 'gold', returned: 'red', approved: 'green' };

/** An answer's state, coloured the same on every page. */
export function AnswerStatusTag({ status }: { status: AnswerStatus }) {
  return <Tag color={COLORS[status]}>{ANSWER_STATUS_LABELS[status]}</Tag>;
}
