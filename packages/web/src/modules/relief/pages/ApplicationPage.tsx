import { useIdempotencyKey } from '../../../ui/idempotency';
import { MoneyInput, moneyRule } from '../../../ui';
import { useStaleEditHandler } from '../../../ui/stale';
import { CheckCircleFilled, CloseCircleFilled, LockOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import {
  APPLICATION_ACTION_LABELS,
  APPLICATION_STATUS_LABELS,
  CANCER_KIND_LABELS,
  PAYMENT_METHOD_LABELS,
  RELIEF_RULE_LABELS,
  REPORT_LEVEL_LABELS,
  formatFen,
  type ApplicationAction,
  type ApplicationDetail,
  type ApplicationStatus,
} from '@jinguo/domain';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, formatDateTime, PageHeader, QueryState } from '../../../ui';
import { useApplication, useReliefMutations } from '../api';
import { useTagOptions } from '../components/ReliefForms';
import { StatusTag, VerdictTag } from '../components/tags';

const FLOW: ApplicationStatus[] = ['submitted', 'verified', 'approved', 'reported', 'granted', 'paid'];
type Dialog = 'reject' | 'grant' | 'override' | 'pay' | 'reverse' | 'edit' | null;

/** One application: the recorded data, the verdict rule by rule with its reasons, the workflow and its history. */
export function ApplicationPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const { id = '' } = useParams();
  const q = useApplication(id);
  const m = useReliefMutations();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const tagOptions = useTagOptions();
  const a = q.data;

  const onStale = useStaleEditHandler();
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      message.success(ok);
      setDialog(null);
    } catch (e) {
      // Someone changed the application since it was loaded (412): say who, offer to reload; nothing was saved.
      if (onStale(e, () => q.refetch().then(() => setDialog(null)))) return;
      message.error(applyServerErrors(form, e));
    }
  };
  const confirmStep = (action: 'verify' | 'approve', label: string) =>
    modal.confirm({
      title: t(`确认${label}？`, `${label}?`),
      okText: label,
      onOk: () => run(() => m.transition.mutateAsync({ id, action }), t(`已${label}`, 'Done')),
    });

  const flow = a?.reportsUp ? FLOW : FLOW.filter((s) => s !== 'reported');
  const flowIndex = a ? (a.status === 'rejected' ? flow.indexOf('verified') : flow.indexOf(a.status)) : 0;

  return (
    <QueryState loading={q.isLoading} error={q.error}>
      {a && (
        <>
          <PageHeader
            title={
              <Space wrap>
                {a.name}
                <StatusTag status={a.status} />
                <VerdictTag eligible={a.eligible} overridden={a.overridden} />
              </Space>
            }
            subtitle={`${a.programmeName} · ${a.townshipName}${a.villageName ? ` · ${a.villageName}` : ''}`}
            extra={
              <>
                {a.can.verify && (
                  <Button type="primary" onClick={() => confirmStep('verify', t('核实', 'Verify'))} data-testid="action-verify">
                    {t('核实', 'Verify')}
                  </Button>
                )}
                {a.can.approve && (
                  <Button type="primary" onClick={() => confirmStep('approve', t('批准', 'Approve'))} data-testid="action-approve">
                    {t('批准', 'Approve')}
                  </Button>
                )}
                {a.can.grant && (
                  <Button type="primary" onClick={() => setDialog('grant')} data-testid="action-grant">
                    {t('确定救助', 'Grant')}
                  </Button>
                )}
                {a.can.pay && (
                  <Button type="primary" onClick={() => setDialog('pay')} data-testid="action-pay">
                    {t('发放', 'Pay')}
                  </Button>
                )}
                {a.can.override && (
                  <Button onClick={() => setDialog('override')} data-testid="action-override">
                    {t('人工认定', 'Override')}
                  </Button>
                )}
                {a.can.edit && (
                  <Button onClick={() => setDialog('edit')} data-testid="action-edit">
                    {t('修改登记信息', 'Edit')}
                  </Button>
                )}
                {a.can.reject && (
                  <Button danger onClick={() => setDialog('reject')} data-testid="action-reject">
                    {t('不予通过', 'Reject')}
                  </Button>
                )}
                {a.can.reversePayment && (
                  <Button danger onClick={() => setDialog('reverse')}>
                    {t('冲销发放', 'Reverse payment')}
                  </Button>
                )}
              </>
            }
          />
          <Card size="small" style={{ marginBottom: 12, overflowX: 'auto' }}>
            <Steps
              size="small"
              responsive={false}
              current={flowIndex}
              status={a.status === 'rejected' ? 'error' : undefined}
              items={flow.map((s) => ({
                title: a.status === 'rejected' && s === 'approved' ? APPLICATION_STATUS_LABELS.rejected : APPLICATION_STATUS_LABELS[s],
              }))}
              style={{ minWidth: 560 }}
            />
          </Card>
          {a.status === 'rejected' && (
            <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('不予通过', 'Rejected')} description={a.rejectReason} />
          )}
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={14}>
              <Card size="small" title={t('资格判定（按登记数据逐条核对）', 'Eligibility, rule by rule')} data-testid="verdict">
                <List
                  size="small"
                  dataSource={a.verdict.results}
                  locale={{ emptyText: t('本项目没有资格规则', 'No rules') }}
                  renderItem={(r) => (
                    <List.Item>
                      <Space align="start">
                        {r.ok ? (
                          <CheckCircleFilled style={{ color: '#52c41a', marginTop: 4 }} />
                        ) : (
                          <CloseCircleFilled style={{ color: '#ff4d4f', marginTop: 4 }} />
                        )}
                        <div>
                          <Typography.Text strong>{RELIEF_RULE_LABELS[r.rule]}</Typography.Text>
                          {r.hard && (
                            <Tag icon={<LockOutlined />} style={{ marginLeft: 6 }}>
                              {t('硬性规定', 'Hard rule')}
                            </Tag>
                          )}
                          <div data-testid={`rule-${r.rule}`}>{r.message}</div>
                        </div>
                      </Space>
                    </List.Item>
                  )}
                />
                {a.overrideReason && <Alert type="warning" showIcon message={t('人工认定', 'Overridden')} description={a.overrideReason} />}
              </Card>
              <Card size="small" title={t('登记信息', 'As recorded')} style={{ marginTop: 12 }}>
                <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
                  <Descriptions.Item label={t('身份证号', 'ID number')}>{a.idNumberMasked ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('联系电话', 'Phone')}>{a.phoneMasked ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('家庭人口', 'Members')}>
                    {a.householdMembers} {t('人', '')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('家庭年收入', 'Income')}>{formatFen(a.householdIncomeFen)} 元</Descriptions.Item>
                  <Descriptions.Item label={t('年人均收入', 'Per head')}>{formatFen(a.incomePerHeadFen)} 元</Descriptions.Item>
                  <Descriptions.Item label={t('困难情形', 'Situation')}>
                    {a.tags.length ? a.tags.map((x) => <Tag key={x}>{x}</Tag>) : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('发放方式', 'Payment')}>
                    {PAYMENT_METHOD_LABELS[a.paymentMethod]}
                    {a.bankCardMasked && `（${a.bankCardMasked}）`}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('登记日期', 'Registered')}>
                    {a.appliedOn}
                    {a.source === 'import' && <Tag style={{ marginLeft: 6 }}>{t('导入', 'Imported')}</Tag>}
                  </Descriptions.Item>
                  {a.hasDiagnosis && (
                    <Descriptions.Item label={t('诊断', 'Diagnosis')} span={2}>
                      {a.diagnosis ? (
                        `${CANCER_KIND_LABELS[a.diagnosis.cancer]}${a.diagnosis.invasive ? '（浸润性）' : '（非浸润性）'}${a.diagnosis.stage ? ` ${a.diagnosis.stage} 期` : ''}，${a.diagnosis.hospital}，${a.diagnosis.diagnosedOn}`
                      ) : (
                        <Typography.Text type="secondary">{t('已登记（仅审批人员可见）', 'Recorded (deciders only)')}</Typography.Text>
                      )}
                    </Descriptions.Item>
                  )}
                  <Descriptions.Item label={t('已上报', 'Reported')}>
                    {a.reportedTo.length ? a.reportedTo.map((l) => REPORT_LEVEL_LABELS[l]).join('、') : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('救助金额', 'Grant')}>
                    {a.grantAmountFen != null ? `${formatFen(a.grantAmountFen)} 元` : '—'}
                    {a.paidOn && `（${a.paidOn} ${t('已发放', 'paid')}）`}
                  </Descriptions.Item>
                  {a.note && (
                    <Descriptions.Item label={t('备注', 'Note')} span={2}>
                      {a.note}
                    </Descriptions.Item>
                  )}
                </Descriptions>
                {a.disbursementId && (
                  <Link to="/funds/disbursements">{t('在资金台账中查看这笔发放', 'See the payment in the ledger')}</Link>
                )}
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card size="small" title={t('办理经过', 'History')}>
                <Timeline
                  items={a.history.map((h) => ({
                    color: h.toStatus === 'rejected' ? 'red' : h.action === 'override' ? 'orange' : 'blue',
                    children: (
                      <>
                        <Typography.Text strong>{APPLICATION_ACTION_LABELS[h.action as ApplicationAction] ?? h.action}</Typography.Text>
                        <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                          {h.actorName ?? '—'} · {formatDateTime(h.at)}
                        </Typography.Text>
                        {h.reason && <div style={{ fontSize: 13 }}>{h.reason}</div>}
                      </>
                    ),
                  }))}
                />
              </Card>
            </Col>
          </Row>
          <ActionDialogs a={a} dialog={dialog} setDialog={setDialog} form={form} run={run} tagOptions={tagOptions} />
        </>
      )}
    </QueryState>
  );
}

function ActionDialogs({
  a,
  dialog,
  setDialog,
  form,
  run,
  tagOptions,
}: {
  a: ApplicationDetail;
  dialog: Dialog;
  setDialog: (d: Dialog) => void;
  form: FormInstance;
  run: (fn: () => Promise<unknown>, ok: string) => Promise<void>;
  tagOptions: { value: string; label: string }[];
}) {
  const { t } = useI18n();
  const m = useReliefMutations();
  // One Idempotency-Key per opening of a dialog: pressing 发放 again after a lost answer pays once.
  const idempotencyKey = useIdempotencyKey(dialog !== null);
  const titles: Record<Exclude<Dialog, null>, string> = {
    reject: t('不予通过', 'Reject'),
    grant: t('确定救助', 'Grant'),
    override: t('人工认定', 'Override'),
    pay: t('发放（记入资金台账）', 'Pay'),
    reverse: t('冲销发放', 'Reverse payment'),
    edit: t('修改登记信息', 'Edit'),
  };
  const pending =
    m.transition.isPending || m.override.isPending || m.pay.isPending || m.reversePayment.isPending || m.updateApplication.isPending;
  const onFinish = (v: Record<string, unknown>) => {
    switch (dialog) {
      case 'reject':
        return run(() => m.transition.mutateAsync({ id: a.id, action: 'reject', reason: v.reason as string }), t('已不予通过', 'Rejected'));
      case 'grant':
        return run(
          () => m.transition.mutateAsync({ id: a.id, action: 'grant', grantAmountFen: (v.amount as number | null) ?? undefined }),
          t('已确定救助', 'Granted'),
        );
      case 'override':
        return run(() => m.override.mutateAsync({ id: a.id, reason: v.reason as string }), t('已人工认定', 'Overridden'));
      case 'pay':
        return run(
          () =>
            m.pay.mutateAsync({
              id: a.id,
              paidOn: (v.paidOn as Dayjs).format('YYYY-MM-DD'),
              note: (v.note as string) || undefined,
              idempotencyKey,
            }),
          t('已发放并记账', 'Paid'),
        );
      case 'reverse':
        return run(() => m.reversePayment.mutateAsync({ id: a.id, reason: v.reason as string, idempotencyKey }), t('已冲销', 'Reversed'));
      case 'edit':
        return run(
          () =>
            m.updateApplication.mutateAsync({
              id: a.id,
              householdMembers: v.householdMembers,
              householdIncomeFen: (v.income as number | null) ?? undefined,
              tags: v.tags,
              paymentMethod: v.paymentMethod,
              ...(v.bankCard ? { bankCard: v.bankCard } : {}),
              ifMatch: a.version,
            }),
          t('已保存，资格已重新判定', 'Saved and re-evaluated'),
        );
    }
  };
  return (
    <Modal
      open={dialog !== null}
      title={dialog ? titles[dialog] : ''}
      onCancel={() => setDialog(null)}
      onOk={() => form.submit()}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={onFinish}
        initialValues={{
          paidOn: dayjs(),
          amount: a.grantAmountFen ?? undefined,
          householdMembers: a.householdMembers,
          income: a.householdIncomeFen,
          tags: a.tags,
          paymentMethod: a.paymentMethod,
        }}
      >
        {(dialog === 'reject' || dialog === 'override' || dialog === 'reverse') && (
          <Form.Item
            name="reason"
            label={dialog === 'override' ? t('认定理由（将记入审计日志）', 'Reason (audited)') : t('原因', 'Reason')}
            rules={[{ required: true, message: t('请填写原因', 'Required') }]}
          >
            <Input.TextArea autoFocus maxLength={500} autoSize={{ minRows: 3 }} data-testid="reason" />
          </Form.Item>
        )}
        {dialog === 'override' && (
          <Alert
            type="info"
            showIcon
            message={t('人工认定只能越过一般条件；“终身一次”“只限银行转账”等硬性规定不能认定。', 'Hard rules cannot be overridden.')}
          />
        )}
        {dialog === 'grant' && (
          <Form.Item
            name="amount"
            label={t('救助金额', 'Amount')}
            rules={[moneyRule({ required: false })]}
            extra={t('不填则按项目救助标准', 'Empty: the programme’s standard amount')}
          >
            <MoneyInput data-testid="grant-amount" />
          </Form.Item>
        )}
        {dialog === 'pay' && (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={t(
                `从项目支付账户发放 ${a.grantAmountFen != null ? formatFen(a.grantAmountFen) : '—'} 元，方式：${PAYMENT_METHOD_LABELS[a.paymentMethod]}${a.bankCardMasked ? `（${a.bankCardMasked}）` : ''}`,
                'Pays the grant from the programme account',
              )}
            />
            <Form.Item name="paidOn" label={t('发放日期', 'Date')} rules={[{ required: true, message: t('请选择日期', 'Required') }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
            <Form.Item name="note" label={t('备注', 'Note')}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        {dialog === 'edit' && (
          <>
            <Form.Item name="householdMembers" label={t('家庭人口', 'Members')}>
              <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="income" label={t('家庭年收入', 'Income')} rules={[moneyRule()]}>
              <MoneyInput />
            </Form.Item>
            <Form.Item name="tags" label={t('困难情形', 'Situation')}>
              <Select mode="multiple" options={tagOptions} />
            </Form.Item>
            <Form.Item name="paymentMethod" label={t('发放方式', 'Payment')}>
              <Radio.Group
                options={[
                  { value: 'cash', label: t('现金', 'Cash') },
                  { value: 'bank_transfer', label: t('银行转账', 'Bank transfer') },
                ]}
              />
            </Form.Item>
            <Form.Item name="bankCard" label={t('银行卡号（不改则留空）', 'Bank card (leave empty to keep)')}>
              <Input maxLength={23} inputMode="numeric" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
