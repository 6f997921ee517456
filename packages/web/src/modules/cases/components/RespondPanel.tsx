import { App, Button, Card, DatePicker, Descriptions, Form, Input, Radio, Typography } from 'antd';
import { REFERRAL_KIND_LABELS, RISK_LEVEL_LABELS, type AgencyReferral } from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors } from '../../../ui';
import type { RespondKind } from '../api';
import { ReferralStatusTag } from './tags';

/** What an agency sees of one referral: the request and the least about her it needs, never the case file. */
export function AgencyReferralView({ r }: { r: AgencyReferral }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" column={1} bordered data-testid="agency-referral">
      <Descriptions.Item label={t('转介单位', 'From')}>
        {r.fromOrgName}（{t('编号', 'No.')} {r.caseNo}）
      </Descriptions.Item>
      <Descriptions.Item label={t('类型', 'Kind')}>{REFERRAL_KIND_LABELS[r.kind]}</Descriptions.Item>
      <Descriptions.Item label={t('请求的服务', 'Service requested')}>{r.serviceRequested}</Descriptions.Item>
      {r.noteForAgency && <Descriptions.Item label={t('说明', 'Note')}>{r.noteForAgency}</Descriptions.Item>}
      <Descriptions.Item label={t('当事人', 'Person')}>
        {r.applicantName}，{r.applicantGender}
        {r.applicantAge != null ? `，${r.applicantAge}岁` : ''}
        {r.applicantPhone ? `，${t('电话', 'phone')} ${r.applicantPhone}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('事项类别', 'Category')}>
        {r.categoryLabel}
        {r.riskLevel ? ` · ${t('风险', 'risk')}：${RISK_LEVEL_LABELS[r.riskLevel]}` : ''}
      </Descriptions.Item>
      {r.narrative && (
        <Descriptions.Item label={t('情况说明', 'Narrative')}>
          <div style={{ whiteSpace: 'pre-wrap' }}>{r.narrative}</div>
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('转介日期 / 答复期限', 'Sent / due')}>
        {r.sentDate} / {r.dueDate}
      </Descriptions.Item>
      <Descriptions.Item label={t('状态', 'Status')}>
        <ReferralStatusTag status={r.status} overdue={r.overdue} />
      </Descriptions.Item>
      {r.answeredDate && (
        <Descriptions.Item label={t('答复', 'Answer')}>
          {r.answeredDate} {r.declineReason ?? r.receiptNote ?? ''}
        </Descriptions.Item>
      )}
      {r.filedDate && (
        <Descriptions.Item label={t('立案', 'Filed')}>
          {r.filedDate} {r.courtCaseNo}
        </Descriptions.Item>
      )}
      {r.outcome && (
        <Descriptions.Item label={t('办理结果', 'Outcome')}>
          {r.doneDate} {r.outcome}
          {r.courtResult ? `（${r.courtResult}）` : ''}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

type Values = {
  kind: RespondKind;
  date: Dayjs;
  receiptNote?: string;
  reason?: string;
  outcome?: string;
  filedDate?: Dayjs;
  courtCaseNo?: string;
  courtResult?: string;
  handlerName?: string;
};

type PanelProps = { r: AgencyReferral; onRespond: (kind: RespondKind, body: unknown) => Promise<unknown>; askHandler?: boolean };

/** The agency's answer: accept (receipt, 转介接收单) or decline with a reason, then report the outcome. */
export function RespondPanel(props: PanelProps) {
  // A fresh form for each state: after accepting, the choices are different.
  return <RespondForm key={props.r.status} {...props} />;
}

function RespondForm({ r, onRespond, askHandler }: PanelProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const kinds: RespondKind[] = r.status === 'sent' ? ['accept', 'decline'] : r.status === 'accepted' ? ['outcome'] : [];
  const kind = Form.useWatch('kind', form) ?? kinds[0];
  if (!kinds.length) return null;
  const court = r.kind === 'court_filing';
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const body = {
        date: v.date.format('YYYY-MM-DD'),
        handlerName: v.handlerName?.trim() || undefined,
        ...(v.kind === 'accept'
          ? { receiptNote: v.receiptNote, filedDate: v.filedDate?.format('YYYY-MM-DD'), courtCaseNo: v.courtCaseNo }
          : v.kind === 'decline'
            ? { reason: v.reason }
            : { outcome: v.outcome, courtResult: v.courtResult }),
      };
      await onRespond(v.kind, body);
      message.success(t('已提交', 'Sent'));
      form.resetFields();
    } catch (e) {
      message.error(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('答复', 'Answer')} style={{ marginTop: 16 }} data-testid="respond-panel">
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: kinds[0], date: dayjs(), filedDate: dayjs() }}>
        <Form.Item name="kind">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={kinds.map((k) => ({
              value: k,
              label:
                k === 'accept'
                  ? court
                    ? t('立案受理', 'File')
                    : t('接收', 'Accept')
                  : k === 'decline'
                    ? t('拒绝（说明理由）', 'Decline')
                    : t('报告办理结果', 'Report outcome'),
            }))}
          />
        </Form.Item>
        <Form.Item name="date" label={t('日期', 'Date')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        {kind === 'accept' && (
          <>
            {court && (
              <>
                <Form.Item name="filedDate" label={t('立案日期', 'Filed on')} rules={[{ required: true }]}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name="courtCaseNo" label={t('案号', 'Court case no.')}>
                  <Input maxLength={60} placeholder="（2026）川0399民初88号" />
                </Form.Item>
              </>
            )}
            <Form.Item name="receiptNote" label={t('接收意见（转介接收单）', 'Receipt note')}>
              <Input.TextArea rows={2} maxLength={500} placeholder={t('如：已接收，指定专人办理', '')} />
            </Form.Item>
          </>
        )}
        {kind === 'decline' && (
          <Form.Item name="reason" label={t('拒绝理由', 'Reason')} rules={[{ required: true, message: t('请说明理由', 'Required') }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
        {kind === 'outcome' && (
          <>
            <Form.Item
              name="outcome"
              label={t('办理结果', 'Outcome')}
              rules={[{ required: true, message: t('请填写办理结果', 'Required') }]}
            >
              <Input.TextArea rows={3} maxLength={1000} data-testid="outcome-text" />
            </Form.Item>
            {court && (
              <Form.Item name="courtResult" label={t('裁判结果', 'Court result')}>
                <Input maxLength={200} placeholder={t('如：调解结案', '')} />
              </Form.Item>
            )}
          </>
        )}
        {askHandler && (
          <Form.Item
            name="handlerName"
            label={t('经办人姓名', 'Handled by')}
            rules={[{ required: true, message: t('请填写经办人姓名', 'Required') }]}
          >
            <Input maxLength={50} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy} block data-testid="respond-submit">
          {t('提交', 'Submit')}
        </Button>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          {t('答复将即时反馈给转介的妇联，并记入审计。', 'The federation sees your answer at once; it is audited.')}
        </Typography.Paragraph>
      </Form>
    </Card>
  );
}
