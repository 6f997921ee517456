import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '@jinguo/domain';

const STATUS_COLOR: Record<ApplicationStatus, string> = {
  submitted: 'default',
  verified: 'blue',
  approved: 'cyan',
  rejected: 'red',
  reported: 'purple',
  granted: 'gold',
  paid: 'green',
};

export function StatusTag({ status }: { status: ApplicationStatus }) {
  return <Tag color={STATUS_COLOR[status]}>{APPLICATION_STATUS_LABELS[status]}</Tag>;
}

/** 符合 / 不符合 / 人工认定: the engine's verdict, or an officer's reasoned override. */
export function VerdictTag({ eligible, overridden }: { eligible: boolean; overridden: boolean }) {
  if (eligible)
    return (
      <Tag icon={<CheckCircleFilled />} color="success">
        符合
      </Tag>
    );
  if (overridden)
    return (
      <Tag icon={<ExclamationCircleFilled />} color="warning">
        人工认定
      </Tag>
    );
  return (
    <Tag icon={<CloseCircleFilled />} color="error">
      不符合
    </Tag>
  );
}
