import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Space } from 'antd';
import type { ApprovalDecision, ApprovalDetail } from '@jinguo/domain';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors } from '../../../ui';
import { useApprovalMutations } from '../api';

/**
 * What I may do to a request now: decide the step that is mine (同意 / 退回修改 / 不同意, with a comment — a reason for a
 * return or a rejection), or, as its requester, fix and resubmit a returned one, or withdraw it.
 */
export function ApprovalPanel({ request: r }: { request: ApprovalDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const m = useApprovalMutations();
  const [form] = Form.useForm<{ comment?: string }>();
  const [fix] = Form.useForm<{ days?: number; reason?: string; comment?: string }>();
  const [busy, setBusy] = useState<string | null>(null);

  async function run(key: string, action: () => Promise<unknown>, done: string, f = form) {
    setBusy(key);
    try {
      await action();
      message.success(done);
      f.resetFields();
    } catch (err) {
      // Field errors beside their fields (the comment a return needs), the message always.
      message.error(applyServerErrors(f, err));
    } finally {
      setBusy(null);
    }
  }
  const decide = (decision: ApprovalDecision, done: string) =>
    run(decision, () => m.decide.mutateAsync({ id: r.id, decision, step: r.currentStep, comment: form.getFieldValue('comment') }), done);

  if (!r.can.decide && !r.can.resubmit && !r.can.withdraw) return null;
  return (
    <Card title={t('办理', 'Act')} size="small" data-testid="approval-panel">
      {r.can.decide && (
        <Form form={form} layout="vertical">
          {r.can.decideFor && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t(
                `您正在代理${r.can.decideFor}审批，记录将同时写明两人`,
                `You decide for ${r.can.decideFor}; both names are recorded`,
              )}
            />
          )}
          <Form.Item name="comment" label={t('审批意见（退回或不同意须写明理由）', 'Comment (a reason is required to return or reject)')}>
            <Input.TextArea rows={3} maxLength={500} data-testid="approval-comment" />
          </Form.Item>
          <Space wrap>
            <Button
              type="primary"
              loading={busy === 'approve'}
              onClick={() => decide('approve', t('已同意', 'Approved'))}
              data-testid="approve"
            >
              {t('同意', 'Approve')}
            </Button>
            <Button loading={busy === 'return'} onClick={() => decide('return', t('已退回', 'Returned'))} data-testid="return">
              {t('退回修改', 'Return')}
            </Button>
            <Button danger loading={busy === 'reject'} onClick={() => decide('reject', t('已不同意', 'Rejected'))} data-testid="reject">
              {t('不同意', 'Reject')}
            </Button>
          </Space>
        </Form>
      )}
      {r.can.resubmit && (
        <Form form={fix} layout="vertical" initialValues={{ days: undefined, reason: undefined }}>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('该申请已被退回，请修改后重新提交', 'Returned: fix it and resubmit')}
          />
          {r.kind === 'case.extension' && (
            <Flex gap={12} wrap>
              <Form.Item name="days" label={t('延长天数', 'Days')} rules={[{ required: true }]}>
                <InputNumber min={1} max={30} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="reason" label={t('延期理由', 'Reason')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 220 }}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </Flex>
          )}
          <Button
            type="primary"
            loading={busy === 'resubmit'}
            onClick={async () => {
              const v = await fix.validateFields();
              const payload = r.kind === 'case.extension' ? { days: v.days, reason: v.reason } : undefined;
              await run('resubmit', () => m.resubmit.mutateAsync({ id: r.id, payload }), t('已重新提交', 'Resubmitted'), fix);
            }}
          >
            {t('重新提交', 'Resubmit')}
          </Button>
        </Form>
      )}
      {r.can.withdraw && (
        <Button
          style={{ marginTop: 12 }}
          loading={busy === 'withdraw'}
          onClick={() => run('withdraw', () => m.withdraw.mutateAsync({ id: r.id }), t('已撤回', 'Withdrawn'))}
        >
          {t('撤回申请', 'Withdraw')}
        </Button>
      )}
    </Card>
  );
}
