import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { CASE_STATUS_LABELS, HANDOVER_KIND_LABELS, HANDOVER_STATUS_LABELS, type CaseDetail, type CaseHandover } from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { FormDialog, useStaleEditHandler } from '../../../ui';
import { useCaseMutations, useHandoverTargets } from '../api';

const fmt = (d: Dayjs | undefined | null) => (d ? d.format('YYYY-MM-DD') : undefined);
const notAfterToday = (d: Dayjs) => d.isAfter(dayjs(), 'day');

function HandoverStatus({ h }: { h: CaseHandover }) {
  const { t } = useI18n();
  if (h.overdue) return <Tag color="red">{t('超期未报结', 'Overdue')}</Tag>;
  return <Tag color={h.status === 'reported' ? 'success' : 'processing'}>{HANDOVER_STATUS_LABELS[h.status]}</Tag>;
}

/**
 * 转送/交办 between levels on the case page: the receiving side sees the sender's instructions and due date (and 报结),
 * the sending side sees where it went, its status and result (and 督办 once overdue).
 */
export function HandoverPanel({ c, onReport, onPress }: { c: CaseDetail; onReport: () => void; onPress: () => void }) {
  const { t } = useI18n();
  const h = c.handoverIn ?? c.handoverOut;
  if (!h) return null;
  const incoming = !!c.handoverIn;
  const what = HANDOVER_KIND_LABELS[h.kind];
  return (
    <Card
      size="small"
      data-testid="handover"
      title={
        <Space wrap>
          {incoming ? t(`上级${what}`, `${h.kind} from above`) : t(`已${what}下级`, `${h.kind} to a unit below`)}
          <HandoverStatus h={h} />
        </Space>
      }
      extra={
        incoming
          ? c.can.report && (
              <Button type="primary" size="small" onClick={onReport} data-testid="do-report">
                {t('报结', 'Report back')}
              </Button>
            )
          : c.can.press && (
              <Button danger size="small" onClick={onPress} data-testid="do-press">
                {t('督办', 'Press')}
              </Button>
            )
      }
      style={{ marginBottom: 16 }}
    >
      <Descriptions size="small" column={1} styles={{ label: { whiteSpace: 'nowrap' } }}>
        {incoming ? (
          <Descriptions.Item label={t(`${what}单位`, 'From')}>
            {h.fromOrgName}（{h.sourceCaseNo}）
          </Descriptions.Item>
        ) : (
          <Descriptions.Item label={t('接收单位', 'To')}>
            {h.toOrgName}（<Link to={`/cases/${h.targetCaseId}`}>{h.targetCaseNo}</Link>，{CASE_STATUS_LABELS[h.targetStatus]}）
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t(`${what}意见`, 'Instructions')}>
          <span data-testid="handover-instructions">{h.instructions}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t(`${what}日期`, 'Sent')}>{h.sentDate}</Descriptions.Item>
        <Descriptions.Item label={t('报结期限', 'Report by')}>
          <span data-testid="handover-due">{h.dueDate ?? t('未设', 'none')}</span>
        </Descriptions.Item>
        {h.pressCount > 0 && (
          <Descriptions.Item label={t('督办', 'Pressed')}>
            {t(`${h.pressCount}次，最近${h.lastPressedDate}`, `${h.pressCount}×, last ${h.lastPressedDate}`)}
          </Descriptions.Item>
        )}
        {h.status === 'reported' && (
          <Descriptions.Item label={t('办理结果', 'Result')}>
            <span data-testid="handover-result">{h.result}</span>
            <Typography.Text type="secondary">
              （{h.reportedDate}
              {h.reportedOnTime === false ? t('，逾期报结', ', late') : ''}）
            </Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

/** 转送/交办: the unit picker lists only the federation units below the case's unit. */
export function HandoverModal({
  c,
  open,
  onClose,
  onReload,
}: {
  c: CaseDetail;
  open: boolean;
  onClose: () => void;
  onReload: () => unknown;
}) {
  const { t } = useI18n();
  const m = useCaseMutations(c.id);
  const targets = useHandoverTargets(c.id, open);
  const onStale = useStaleEditHandler();
  const [form] = Form.useForm<{ kind: 'transfer' | 'assign'; toOrgId: string; instructions: string; dueDate?: Dayjs; date: Dayjs }>();
  const kind = Form.useWatch('kind', form);
  return (
    <FormDialog
      open={open}
      form={form}
      title={t('转送/交办下级妇联', 'Pass on to a unit below')}
      onClose={onClose}
      testId="handover-modal"
      initialValues={{ kind: 'assign', date: dayjs() }}
      onSubmit={async (v) => {
        try {
          await m.handOver.mutateAsync({ ...v, ifMatch: c.version, date: fmt(v.date), dueDate: fmt(v.dueDate) ?? null });
        } catch (e) {
          if (!onStale(e, onReload)) throw e;
        }
      }}
    >
      <Typography.Paragraph type="secondary">
        {t(
          '信访工作条例第二十二条：转送由下级依法办理；交办须在期限内报告办理结果（报结），逾期可督办。',
          'Transfer: the unit below handles it. Assign: it must report the result by the due date.',
        )}
      </Typography.Paragraph>
      <Form.Item name="kind" label={t('方式', 'Kind')} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: 'assign', label: t('交办（须报结）', 'Assign (report required)') },
            { value: 'transfer', label: t('转送', 'Transfer') },
          ]}
        />
      </Form.Item>
      <Form.Item name="toOrgId" label={t('接收单位', 'To')} rules={[{ required: true, message: t('请选择接收单位', 'Pick a unit') }]}>
        <Select
          data-testid="handover-to"
          showSearch
          optionFilterProp="label"
          loading={targets.isLoading}
          placeholder={t('本级以下的妇联组织', 'Federation units below')}
          options={(targets.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
      <Form.Item name="instructions" label={t('转送/交办意见', 'Instructions')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} maxLength={1000} data-testid="handover-instructions-input" />
      </Form.Item>
      <Form.Item
        name="dueDate"
        label={t('报结期限', 'Report by')}
        rules={[{ required: kind === 'assign', message: t('交办须填写报结期限', 'Required') }]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => !d.isAfter(dayjs(), 'day')} data-testid="handover-due-input" />
      </Form.Item>
      <Form.Item name="date" label={t('转送/交办日期', 'Date')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={notAfterToday} />
      </Form.Item>
    </FormDialog>
  );
}

/** 报结: the receiving unit reports the result to the sender, once. */
export function ReportModal({
  c,
  open,
  onClose,
  onReload,
}: {
  c: CaseDetail;
  open: boolean;
  onClose: () => void;
  onReload: () => unknown;
}) {
  const { t } = useI18n();
  const m = useCaseMutations(c.id);
  const onStale = useStaleEditHandler();
  const h = c.handoverIn;
  return (
    <FormDialog<{ result: string; date: Dayjs }>
      open={open}
      title={t(`向${h?.fromOrgName ?? ''}报结`, 'Report the result')}
      onClose={onClose}
      testId="report-modal"
      initialValues={{ date: dayjs(), result: c.reply ?? undefined }}
      onSubmit={async (v) => {
        try {
          await m.reportHandover.mutateAsync({ result: v.result, date: fmt(v.date)!, ifMatch: c.version });
        } catch (e) {
          if (!onStale(e, onReload)) throw e;
        }
      }}
    >
      {h?.dueDate && (
        <Alert
          type={h.overdue ? 'error' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          title={t(`报结期限：${h.dueDate}`, `Due ${h.dueDate}`)}
        />
      )}
      <Form.Item name="result" label={t('办理结果', 'Result')} rules={[{ required: true }]}>
        <Input.TextArea rows={4} maxLength={2000} data-testid="report-result" />
      </Form.Item>
      <Form.Item name="date" label={t('报结日期', 'Date')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={notAfterToday} />
      </Form.Item>
    </FormDialog>
  );
}

/** 督办: the sender presses an overdue, unreported handover (a notice to the receiving unit's chair and assignee). */
export function PressModal({ c, open, onClose, onReload }: { c: CaseDetail; open: boolean; onClose: () => void; onReload: () => unknown }) {
  const { t } = useI18n();
  const m = useCaseMutations(c.id);
  const onStale = useStaleEditHandler();
  return (
    <FormDialog<{ note: string }>
      open={open}
      title={t(`督办：${c.handoverOut?.toOrgName ?? ''}`, 'Press')}
      onClose={onClose}
      testId="press-modal"
      onSubmit={async (v) => {
        try {
          await m.pressHandover.mutateAsync({ note: v.note, ifMatch: c.version });
        } catch (e) {
          if (!onStale(e, onReload)) throw e;
        }
      }}
    >
      <Form.Item name="note" label={t('督办意见', 'Note')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormDialog>
  );
}
