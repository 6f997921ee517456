import { useIdempotencyKey } from '../../../ui/idempotency';
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Switch, Typography } from 'antd';
import {
  ACTION_KIND_LABELS,
  ACTION_KINDS,
  CASE_OUTCOME_LABELS,
  CASE_OUTCOMES,
  CASE_TRANSITIONS,
  PROTECTION_ORDER_STATUS_LABELS,
  PROTECTION_ORDER_STATUSES,
  REFERRAL_KIND_LABELS,
  RISK_QUESTIONS,
  SATISFACTION,
  SATISFACTION_LABELS,
  assessRisk,
  type CaseDetail,
  type CaseTransition,
  type RiskAnswers,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { FormDialog, OrgUnitSelect } from '../../../ui';
import { useCaseMutations } from '../api';
import { RiskTag } from '../../../ui/CaseTags';

const fmt = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

const DateField = ({ name = 'date', label }: { name?: string; label: string }) => (
  <Form.Item name={name} label={label} rules={[{ required: true }]}>
    <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
  </Form.Item>
);

/** One workflow step with the fields the law or practice asks for. */
export function TransitionModal({ c, transition, onClose }: { c: CaseDetail; transition: CaseTransition | null; onClose: () => void }) {
  const { t } = useI18n();
  const m = useCaseMutations(c.id);
  if (!transition) return null;
  const label = CASE_TRANSITIONS[transition].label;
  const reason = (text: string) => (
    <Form.Item name="reason" label={text} rules={[{ required: true, message: t(`请填写${text}`, 'Required') }]}>
      <Input.TextArea rows={3} maxLength={500} />
    </Form.Item>
  );
  return (
    <FormDialog<Record<string, unknown>>
      open
      title={`${label}：${c.caseNo}`}
      onClose={onClose}
      okText={label}
      testId={`transition-${transition}`}
      initialValues={{ date: dayjs(), satisfaction: 'satisfied', result: 'upheld' }}
      onSubmit={(v) => m.transition.mutateAsync({ t: transition, body: { ...v, date: fmt(v.date as Dayjs) } })}
    >
      <DateField label={t('日期', 'Date')} />
      {transition === 'accept' && (
        <Form.Item name="notice" label={t('告知申请人的受理意见', 'Notice to the applicant')}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('如：已当面告知受理及办理途径', '')} />
        </Form.Item>
      )}
      {transition === 'notAccept' && (
        <>
          {reason(t('不予受理理由', 'Reason'))}
          <Form.Item name="notice" label={t('告知申请人的内容', 'Notice')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      )}
      {transition === 'divert' && (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('诉访分离：导入诉讼程序的事项不计入信访件数，另行统计。', 'Diverted matters are counted separately.')}
          />
          <Form.Item name="divertedTo" label={t('导入的机关', 'Diverted to')} rules={[{ required: true }]}>
            <Input maxLength={100} placeholder="区人民法院" />
          </Form.Item>
          {reason(t('导入理由', 'Reason'))}
        </>
      )}
      {transition === 'close' && (
        <>
          <Form.Item name="outcome" label={t('办理结果', 'Outcome')} rules={[{ required: true }]}>
            <Select options={CASE_OUTCOMES.map((o) => ({ value: o, label: CASE_OUTCOME_LABELS[o] }))} data-testid="close-outcome" />
          </Form.Item>
          <Form.Item name="reply" label={t('答复意见', 'Reply')} rules={[{ required: true, message: t('请填写答复意见', 'Required') }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="close-reply" />
          </Form.Item>
          <Form.Item name="satisfaction" label={t('当事人满意度', 'Satisfaction')} rules={[{ required: true }]}>
            <Radio.Group options={SATISFACTION.map((s) => ({ value: s, label: SATISFACTION_LABELS[s] }))} />
          </Form.Item>
        </>
      )}
      {(transition === 'reopen' || transition === 'requestReview' || transition === 'requestReReview') &&
        reason(transition === 'reopen' ? t('重新办理理由', 'Reason') : t('当事人的请求', 'Request'))}
      {(transition === 'decideReview' || transition === 'decideReReview') && (
        <>
          <Form.Item name="result" label={t('结果', 'Result')} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'upheld', label: t('维持', 'Upheld') },
                { value: 'changed', label: t('变更', 'Changed') },
              ]}
            />
          </Form.Item>
          {reason(t('意见', 'Opinion'))}
        </>
      )}
    </FormDialog>
  );
}

export function ExtendModal({ c, open, onClose }: { c: CaseDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const m = useCaseMutations(c.id);
  return (
    <FormDialog<{ days: number; reason: string; date: Dayjs }>
      open={open}
      title={t('申请延长办理期限', 'Ask to extend the deadline')}
      onClose={onClose}
      initialValues={{ days: 30, date: dayjs() }}
      onSubmit={(v) => m.extend.mutateAsync({ ...v, date: fmt(v.date) })}
    >
      <Typography.Paragraph type="secondary">
        {t(
          '信访工作条例第三十四条：经本单位负责人批准可延长一次，不超过30日，并告知信访人延期理由。提交后由单位负责人在“我的待办”中审批，批准后办理期限才延长。',
          'Once, at most 30 days, with the reason told. The unit head approves it in her to-do list; the deadline moves when she does.',
        )}
      </Typography.Paragraph>
      <Form.Item name="days" label={t('延长天数', 'Days')} rules={[{ required: true }]}>
        <InputNumber min={1} max={30} style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="reason" label={t('延期理由', 'Reason')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
      <DateField label={t('申请日期', 'Asked on')} />
    </FormDialog>
  );
}

export function ActionModal({ c, open, onClose }: { c: CaseDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const m = useCaseMutations(c.id);
  const [kind, setKind] = useState<string>('consultation');
  return (
    <FormDialog<Record<string, unknown>>
      open={open}
      title={t('记录办理措施', 'Record an action')}
      onClose={onClose}
      testId="action-modal"
      initialValues={{ kind: 'consultation', date: dayjs(), protectionOrderStatus: 'applied' }}
      onSubmit={(v) =>
        m.addAction.mutateAsync({
          ...v,
          date: fmt(v.date as Dayjs),
          protectionOrderDecidedDate: fmt(v.protectionOrderDecidedDate as Dayjs | undefined),
          protectionOrderAppliedAt:
            v.kind === 'protection_order' && v.protectionOrderStatus === 'applied' ? new Date().toISOString() : undefined,
        })
      }
    >
      <Form.Item name="kind" label={t('措施', 'Action')} rules={[{ required: true }]}>
        <Select onChange={setKind} options={ACTION_KINDS.map((k) => ({ value: k, label: ACTION_KIND_LABELS[k] }))} />
      </Form.Item>
      <DateField label={t('日期', 'Date')} />
      <Form.Item
        name="byName"
        label={t('经办人/参与人', 'By')}
        extra={kind === 'legal_consultation' ? t('如：常年法律顾问 何志远律师', '') : undefined}
      >
        <Input maxLength={50} />
      </Form.Item>
      {kind === 'protection_order' && (
        <>
          <Form.Item name="protectionOrderStatus" label={t('保护令状态', 'Order status')} rules={[{ required: true }]}>
            <Radio.Group options={PROTECTION_ORDER_STATUSES.map((s) => ({ value: s, label: PROTECTION_ORDER_STATUS_LABELS[s] }))} />
          </Form.Item>
          <Form.Item name="protectionOrderEmergency" label={t('情况紧急（24小时内作出）', 'Emergency (24 h)')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="protectionOrderDecidedDate" label={t('法院裁定日期（签发或驳回时填写）', 'Decision date')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </>
      )}
      {kind === 'police_warning' && (
        <>
          <Form.Item name="policeOrgId" label={t('出具告诫书的派出所', 'Police station')}>
            <OrgUnitSelect kind="agency" />
          </Form.Item>
          <Form.Item name="warningNo" label={t('告诫书文号', 'Notice no.')}>
            <Input maxLength={50} />
          </Form.Item>
        </>
      )}
      <Form.Item name="note" label={t('记录内容', 'Note')} rules={[{ required: true, message: t('请填写记录内容', 'Required') }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="action-note" />
      </Form.Item>
    </FormDialog>
  );
}

export function RiskModal({ c, open, onClose }: { c: CaseDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const m = useCaseMutations(c.id);
  const [keys, setKeys] = useState<string[]>(
    Object.entries(c.riskAnswers ?? {})
      .filter(([, v]) => v)
      .map(([k]) => k),
  );
  const answers: RiskAnswers = Object.fromEntries(keys.map((k) => [k, true]));
  return (
    <FormDialog<Record<string, never>>
      open={open}
      title={t('家庭暴力风险评估', 'DV risk screening')}
      onClose={onClose}
      onSubmit={() => m.assessRisk.mutateAsync({ answers: Object.fromEntries(RISK_QUESTIONS.map((q) => [q.key, keys.includes(q.key)])) })}
    >
      <Checkbox.Group
        value={keys}
        onChange={(v) => setKeys(v as string[])}
        style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
        options={RISK_QUESTIONS.map((q) => ({ value: q.key, label: q.critical ? <b>{q.text}</b> : q.text }))}
      />
      <div style={{ marginTop: 12 }}>
        {t('评估结果', 'Result')}：<RiskTag level={assessRisk(answers).level} />
      </div>
    </FormDialog>
  );
}

/** Who gave the consent, for what, when and how: the same fields whether recorded alone or in the referral dialog. */
function ConsentFields({ prefix = [] }: { prefix?: string[] }) {
  const { t } = useI18n();
  const name = (n: string) => [...prefix, n];
  return (
    <>
      <Form.Item
        name={name('purpose')}
        label={t('同意的用途（向该机构提供什么、为何提供）', 'Purpose')}
        rules={[{ required: true, message: t('请写明同意的用途', 'Required') }]}
      >
        <Input maxLength={200} placeholder={t('如：由派出所出具告诫书', '')} data-testid="consent-purpose" />
      </Form.Item>
      <Form.Item
        name={name('givenBy')}
        label={t('同意人（本人或监护人）', 'Given by')}
        rules={[{ required: true, message: t('请填写同意人', 'Required') }]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name={name('givenDate')}
        label={t('同意日期', 'Date')}
        rules={[{ required: true, message: t('请选择同意日期', 'Required') }]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item
        name={name('method')}
        label={t('同意方式', 'How given')}
        rules={[{ required: true, message: t('请选择同意方式', 'Required') }]}
      >
        <Radio.Group
          options={[
            { value: 'written', label: t('书面签字', 'Written') },
            { value: 'oral_recorded', label: t('口头（已录音/记录）', 'Oral, recorded') },
          ]}
        />
      </Form.Item>
    </>
  );
}

const PIPL_29 = [
  '个人信息保护法第二十九条：向其他机构提供敏感个人信息，须取得个人的单独同意，写明向谁、为何提供。',
  'PIPL Art. 29: separate consent per recipient and purpose.',
] as const;

export function ConsentModal({ c, open, onClose }: { c: CaseDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const m = useCaseMutations(c.id);
  return (
    <FormDialog<Record<string, unknown>>
      open={open}
      title={t('记录当事人同意（单独同意）', 'Record her consent')}
      onClose={onClose}
      testId="consent-modal"
      initialValues={{ givenDate: dayjs(), method: 'written', givenBy: c.applicantName }}
      onSubmit={(v) => m.addConsent.mutateAsync({ ...v, givenDate: fmt(v.givenDate as Dayjs) })}
    >
      <Typography.Paragraph type="secondary">{t(...PIPL_29)}</Typography.Paragraph>
      <Form.Item name="agencyOrgId" label={t('同意向哪个机构提供', 'Agency')} rules={[{ required: true }]}>
        <OrgUnitSelect kind="agency" />
      </Form.Item>
      <ConsentFields />
    </FormDialog>
  );
}

type ReferralValues = Record<string, unknown> & {
  sentDate: Dayjs;
  dueDate: Dayjs;
  withoutConsentReason?: string;
  consent?: { purpose: string; givenBy: string; givenDate: Dayjs; method: string };
};

/**
 * Sends a referral. With no recorded consent covering the chosen agency the dialog records hers right here (who,
 * for what, how given) and sends it with the referral in one request, so 发送转介 never ends in a refusal the sender
 * cannot fix from the dialog; a leader with the separate grant may instead send without it, giving a reason.
 */
export function ReferralModal({ c, open, onClose }: { c: CaseDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const m = useCaseMutations(c.id);
  // One Idempotency-Key per opening: sending again after a lost answer sends one referral.
  const idempotencyKey = useIdempotencyKey(open);
  const [agency, setAgency] = useState<string | null>(null);
  const [withoutConsent, setWithoutConsent] = useState(false);
  const consents = c.consents.filter((k) => !k.withdrawnAt && k.agencyOrgId === agency);
  const askConsent = !!agency && consents.length === 0 && !withoutConsent;
  return (
    <FormDialog<ReferralValues>
      open={open}
      title={t('转介至合作机构', 'Refer to an agency')}
      onClose={onClose}
      okText={t('发送转介', 'Send')}
      testId="referral-modal"
      initialValues={{
        kind: 'service',
        sentDate: dayjs(),
        dueDate: dayjs().add(15, 'day'),
        shareNarrative: false,
        consent: { givenBy: c.applicantName, givenDate: dayjs(), method: 'written', purpose: '' },
      }}
      onSubmit={({ consent, ...v }) =>
        m.refer.mutateAsync({
          ...v,
          sentDate: fmt(v.sentDate),
          dueDate: fmt(v.dueDate),
          consentId: consents[0]?.id ?? undefined,
          consent: askConsent && consent ? { ...consent, givenDate: fmt(consent.givenDate) } : undefined,
          withoutConsentReason: (!askConsent && v.withoutConsentReason?.trim()) || undefined,
          idempotencyKey,
        })
      }
    >
      <Form.Item name="agencyOrgId" label={t('接收机构', 'Agency')} rules={[{ required: true, message: t('请选择接收机构', 'Required') }]}>
        <OrgUnitSelect kind="agency" onChange={(id) => setAgency(id)} />
      </Form.Item>
      <Form.Item name="kind" label={t('类型', 'Kind')}>
        <Radio.Group options={(['service', 'court_filing'] as const).map((k) => ({ value: k, label: REFERRAL_KIND_LABELS[k] }))} />
      </Form.Item>
      <Form.Item
        name="serviceRequested"
        label={t('请求的服务', 'Service requested')}
        rules={[{ required: true, message: t('请写明请求对方做什么', 'Required') }]}
      >
        <Input.TextArea rows={2} maxLength={300} data-testid="service-requested" />
      </Form.Item>
      <Form.Item name="noteForAgency" label={t('给机构的说明（机构可见）', 'Note for the agency')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      {/* A referral of the past is entered with the day it went out, so the agency's answer time is real. */}
      <DateField name="sentDate" label={t('转介日期', 'Sent on')} />
      <Form.Item noStyle shouldUpdate={(a: Record<string, unknown>, b: Record<string, unknown>) => a.sentDate !== b.sentDate}>
        {({ getFieldValue }) => (
          <Form.Item name="dueDate" label={t('答复期限', 'Answer by')} rules={[{ required: true }]}>
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isBefore((getFieldValue('sentDate') as Dayjs | undefined) ?? dayjs(), 'day')}
            />
          </Form.Item>
        )}
      </Form.Item>
      <Form.Item name="shareNarrative" label={t('向机构提供详细情况', 'Share the narrative')} valuePropName="checked">
        <Switch />
      </Form.Item>
      {agency &&
        (consents.length ? (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            title={t(`已记录当事人同意：${consents[0].purpose}（${consents[0].givenDate}）`, 'Consent recorded')}
            data-testid="consent-ok"
          />
        ) : (
          <div data-testid="consent-missing">
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t(
                '尚未记录当事人同意向该机构提供其个人信息，请在此记录后发送',
                'No consent to this agency yet: record it here, then send',
              )}
              description={t(...PIPL_29)}
            />
            {c.can.referWithoutConsent && (
              <Form.Item>
                <Radio.Group
                  value={withoutConsent}
                  onChange={(e) => setWithoutConsent(e.target.value)}
                  options={[
                    { value: false, label: t('记录当事人同意', 'Record her consent') },
                    { value: true, label: t('紧急情况，未经同意发送（记入审计）', 'Urgent: send without consent (audited)') },
                  ]}
                />
              </Form.Item>
            )}
            {withoutConsent ? (
              <Form.Item
                name="withoutConsentReason"
                label={t('未经同意发送的理由', 'Reason')}
                rules={[{ required: true, message: t('请写明未经同意发送的理由', 'Required') }]}
              >
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            ) : (
              <ConsentFields prefix={['consent']} />
            )}
          </div>
        ))}
    </FormDialog>
  );
}

export function RevokeModal({ c, referralId, onClose }: { c: CaseDetail; referralId: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const m = useCaseMutations(c.id);
  return (
    <FormDialog<{ reason: string }>
      open={!!referralId}
      title={t('撤回转介', 'Revoke the referral')}
      onClose={onClose}
      onSubmit={(v) => m.revoke.mutateAsync({ referralId: referralId!, reason: v.reason })}
    >
      <Form.Item name="reason" label={t('撤回理由', 'Reason')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} maxLength={300} />
      </Form.Item>
    </FormDialog>
  );
}

/** Her withdrawal of a consent, with the day she withdrew it (open referrals under it are revoked by the server). */
export function WithdrawConsentModal({ c, consentId, onClose }: { c: CaseDetail; consentId: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const m = useCaseMutations(c.id);
  return (
    <FormDialog<{ date: Dayjs }>
      open={!!consentId}
      title={t('撤回同意', 'Withdraw the consent')}
      onClose={onClose}
      testId="withdraw-consent-modal"
      initialValues={{ date: dayjs() }}
      onSubmit={(v) => m.withdrawConsent.mutateAsync({ consentId: consentId!, date: fmt(v.date) })}
    >
      <Typography.Paragraph type="secondary">
        {t('撤回后，依该同意发出且尚未办结的转介将一并撤回，机构不能再查看。', 'Open referrals under it are revoked.')}
      </Typography.Paragraph>
      <DateField label={t('撤回日期', 'Withdrawn on')} />
    </FormDialog>
  );
}
