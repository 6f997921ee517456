import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { MoneyInput } from '../../../ui';
import { App, DatePicker, Form, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import {
  JOB_REFERRAL_STATUS_LABELS,
  NOT_HIRED_REASON_LABELS,
  NOT_HIRED_REASONS,
  SEEKER_STATUS_LABELS,
  type JobReferral,
  type JobReferralStatus,
  type MatchReason,
  type NotHiredReason,
  type SeekerStatus,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors } from '../../../ui';
import { usePlacementMutations } from '../api';

/** Why a woman fits a vacancy (or does not), one line per criterion. */
export function ReasonList({ reasons }: { reasons: MatchReason[] }) {
  return (
    <Space direction="vertical" size={0} data-testid="match-reasons">
      {reasons.map((r) => (
        <Typography.Text key={r.kind} type={r.ok ? undefined : 'secondary'} style={{ fontSize: 12 }}>
          {r.ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#bfbfbf" />} {r.text}
        </Typography.Text>
      ))}
    </Space>
  );
}

export function ScoreTag({ score }: { score: number }) {
  return <Tag color={score >= 80 ? 'green' : score >= 50 ? 'gold' : 'default'}>{score}分</Tag>;
}

export function SeekerStatusTag({ status }: { status: SeekerStatus }) {
  return <Tag color={status === 'seeking' ? 'blue' : status === 'employed' ? 'green' : 'default'}>{SEEKER_STATUS_LABELS[status]}</Tag>;
}

export function ReferralStatusTag({ status }: { status: JobReferralStatus }) {
  const colour = { referred: 'blue', hired: 'green', not_hired: 'orange', withdrawn: 'default' }[status];
  return <Tag color={colour}>{JOB_REFERRAL_STATUS_LABELS[status]}</Tag>;
}

/** "2,800–3,800 元" from a wage range in fen. */
export function wageText(min: number | null, max: number | null): string {
  const y = (f: number) => (f / 100).toLocaleString('zh-CN');
  if (min == null && max == null) return '面议';
  if (min != null && max != null && min !== max) return `${y(min)}–${y(max)} 元`;
  return `${y((max ?? min)!)} 元`;
}

type OutcomeForm = {
  status: 'hired' | 'not_hired' | 'withdrawn';
  outcomeOn: Dayjs;
  monthlyWageFen?: number;
  reason?: NotHiredReason;
  note?: string;
};

/** Records what became of a referral: hired (date and monthly wage), not hired (why), or withdrawn. */
export function OutcomeModal({ referral, onClose }: { referral: JobReferral | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const m = usePlacementMutations();
  const [form] = Form.useForm<OutcomeForm>();
  const status = Form.useWatch('status', form);
  const submit = async (v: OutcomeForm) => {
    if (!referral) return;
    const common = { outcomeOn: v.outcomeOn.format('YYYY-MM-DD'), note: v.note || null };
    try {
      await m.outcome.mutateAsync(
        v.status === 'hired'
          ? { id: referral.id, status: 'hired', monthlyWageFen: v.monthlyWageFen ?? 0, ...common }
          : v.status === 'not_hired'
            ? { id: referral.id, status: 'not_hired', reason: v.reason as NotHiredReason, ...common }
            : { id: referral.id, status: 'withdrawn', ...common },
      );
      message.success(t('已登记结果', 'Saved'));
      onClose();
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  return (
    <Modal
      open={!!referral}
      title={t(`推荐结果：${referral?.seekerName ?? ''} → ${referral?.employerName ?? ''}`, 'Outcome')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={m.outcome.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ status: 'hired', outcomeOn: dayjs() }}>
        <Form.Item name="status" label={t('结果', 'Outcome')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'hired', label: t('已录用', 'Hired') },
              { value: 'not_hired', label: t('未录用', 'Not hired') },
              { value: 'withdrawn', label: t('撤回', 'Withdrawn') },
            ]}
          />
        </Form.Item>
        <Form.Item name="outcomeOn" label={t('日期', 'Date')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {status === 'hired' && (
          <Form.Item
            name="monthlyWageFen"
            label={t('月薪', 'Monthly wage')}
            rules={[{ required: true, message: t('请填写月薪', 'Required') }]}
          >
            <MoneyInput />
          </Form.Item>
        )}
        {status === 'not_hired' && (
          <Form.Item name="reason" label={t('未录用原因', 'Reason')} rules={[{ required: true, message: t('请选择原因', 'Required') }]}>
            <Select options={NOT_HIRED_REASONS.map((r) => ({ value: r, label: NOT_HIRED_REASON_LABELS[r] }))} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('备注', 'Note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Asks the referral date, then refers the seeker to the vacancy (the match is kept with the referral). */
export function useRefer() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const m = usePlacementMutations();
  return (vacancyId: string, seekerId: string, who: string) => {
    let date = dayjs();
    modal.confirm({
      title: t(`推荐：${who}`, 'Refer'),
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('推荐日期', 'Date')}</Typography.Text>
          <DatePicker
            defaultValue={date}
            onChange={(d) => {
              if (d) date = d;
            }}
            style={{ width: '100%' }}
          />
        </Space>
      ),
      okText: t('推荐', 'Refer'),
      onOk: async () => {
        try {
          await m.refer.mutateAsync({ vacancyId, seekerId, referredOn: date.format('YYYY-MM-DD') });
          message.success(t('已推荐', 'Referred'));
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
          throw e;
        }
      },
    });
  };
}
