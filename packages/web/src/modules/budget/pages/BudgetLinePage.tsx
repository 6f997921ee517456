import { LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { MoneyInput, moneyRule } from '../../../ui';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  BUDGET_LINE_RULES,
  BUDGET_LINE_STATUS_LABELS,
  BUDGET_PURPOSE_LABELS,
  COMMITMENT_STATUS_LABELS,
  formatFen,
  type BudgetCommitment,
  type BudgetSpending,
  type SpendingCandidate,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState } from '../../../ui';
import { useBudgetMutations, useCandidates, useLine } from '../api';

type Dialog = 'submit' | 'approve' | 'commit' | 'link' | null;
const rate = (v: number | null) => (v == null ? '—' : `${v.toFixed(2)}%`);

/** One budget line: its request and approval, the commitments against it, and the ledger payments charged to it. */
export function BudgetLinePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const line = useLine(id);
  const m = useBudgetMutations();
  const [dialog, setDialog] = useState<Dialog>(null);
  const candidates = useCandidates(id, dialog === 'link');
  const [picked, setPicked] = useState<string[]>([]);
  const [form] = Form.useForm();
  const l = line.data;
  const write = can('budget.write');

  const run = async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      setDialog(null);
      setPicked([]);
      message.success(done);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  const day = (d: Dayjs) => d.format('YYYY-MM-DD');
  const onFinish = (v: Record<string, unknown>) => {
    if (dialog === 'submit')
      return run(() => m.submit.mutateAsync({ id, requestedOn: day(v.requestedOn as Dayjs) }), t('已申报', 'Submitted'));
    if (dialog === 'approve')
      return run(
        () =>
          m.approve.mutateAsync({
            id,
            approvedFen: v.approved as number,
            approvedOn: day(v.approvedOn as Dayjs),
            approvalRef: (v.approvalRef as string) || null,
          }),
        t('已登记核定金额', 'Approved'),
      );
    if (dialog === 'commit')
      return run(
        () =>
          m.addCommitment.mutateAsync({
            id,
            committedOn: day(v.committedOn as Dayjs),
            description: v.description as string,
            amountFen: v.amount as number,
          }),
        t('已登记承诺', 'Committed'),
      );
    return run(
      () => m.link.mutateAsync({ id, disbursementIds: picked, commitmentId: (v.commitmentId as string) || null }),
      t('已计入支出', 'Charged'),
    );
  };

  return (
    <QueryState loading={line.isLoading} error={line.error}>
      {l && (
        <>
          <PageHeader
            title={l.name}
            subtitle={`${l.year}年度 · ${BUDGET_PURPOSE_LABELS[l.purpose]} · ${l.ownerOrgName}`}
            extra={
              write && (
                <Space wrap>
                  {BUDGET_LINE_RULES.canSubmit(l.status) && <Button onClick={() => setDialog('submit')}>{t('申报', 'Submit')}</Button>}
                  {BUDGET_LINE_RULES.canApprove(l.status) && (
                    <Button onClick={() => setDialog('approve')} data-testid="approve-line">
                      {l.status === 'approved' ? t('调整核定金额', 'Adjust approval') : t('登记核定金额', 'Record approval')}
                    </Button>
                  )}
                  {BUDGET_LINE_RULES.canSpend(l.status) && (
                    <>
                      <Button icon={<PlusOutlined />} onClick={() => setDialog('commit')}>
                        {t('登记承诺', 'Commitment')}
                      </Button>
                      <Button type="primary" icon={<LinkOutlined />} onClick={() => setDialog('link')} data-testid="link-spending">
                        {t('计入台账支出', 'Charge ledger payments')}
                      </Button>
                    </>
                  )}
                </Space>
              )
            }
          />
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('核定（元）', 'Approved')} value={l.approvedFen == null ? '—' : formatFen(l.approvedFen)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('已支出（元）', 'Spent')} value={formatFen(l.executedFen)} data-testid="line-executed" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('可用（元）', 'Available')} value={l.availableFen == null ? '—' : formatFen(l.availableFen)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('执行率', 'Execution')} value={rate(l.executionRate)} data-testid="line-rate" />
              </Card>
            </Col>
          </Row>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('状态', 'Status')}>
              <Tag>{BUDGET_LINE_STATUS_LABELS[l.status]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('申请金额', 'Requested')}>{formatFen(l.requestedFen)}</Descriptions.Item>
            <Descriptions.Item label={t('申报日期', 'Submitted')}>{l.requestedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('核定日期', 'Approved on')}>{l.approvedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('批复文号', 'Reference')}>{l.approvalRef ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('说明', 'Note')}>{l.note ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t('台账支出', 'Ledger payments charged')} style={{ marginBottom: 12 }}>
            <Table<BudgetSpending>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={l.spending}
              scroll={{ x: 640 }}
              locale={{ emptyText: t('尚未计入支出', 'Nothing charged yet') }}
              columns={[
                { title: t('支付日期', 'Paid on'), dataIndex: 'paidOn', width: 100 },
                { title: t('用途', 'Purpose'), dataIndex: 'purpose', ellipsis: true },
                { title: t('账户', 'Account'), dataIndex: 'accountName', width: 120 },
                {
                  title: t('金额（元）', 'Amount'),
                  dataIndex: 'amountFen',
                  width: 110,
                  align: 'right',
                  render: (v: number, s) => (s.reversed ? <Typography.Text delete>{formatFen(v)}</Typography.Text> : formatFen(v)),
                },
                ...(write
                  ? [
                      {
                        title: '',
                        key: 'x',
                        width: 70,
                        render: (_: unknown, s: BudgetSpending) => (
                          <Popconfirm
                            title={t('不再计入本预算项目？', 'Take it off this line?')}
                            onConfirm={() =>
                              m.unlink.mutateAsync({ id, spendingId: s.id }).catch((e) => message.error(applyServerErrors(null, e)))
                            }
                          >
                            <Typography.Link type="danger">{t('移出', 'Remove')}</Typography.Link>
                          </Popconfirm>
                        ),
                      },
                    ]
                  : []),
              ]}
              data-testid="spending-table"
            />
          </Card>
          <Card size="small" title={t('承诺事项', 'Commitments')}>
            <Table<BudgetCommitment>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={l.commitments}
              scroll={{ x: 560 }}
              locale={{ emptyText: t('暂无承诺事项', 'No commitments') }}
              columns={[
                { title: t('日期', 'Date'), dataIndex: 'committedOn', width: 100 },
                { title: t('事项', 'What'), dataIndex: 'description', ellipsis: true },
                {
                  title: t('金额（元）', 'Amount'),
                  dataIndex: 'amountFen',
                  width: 110,
                  align: 'right',
                  render: (v: number) => formatFen(v),
                },
                {
                  title: t('状态', 'Status'),
                  dataIndex: 'status',
                  width: 90,
                  render: (s: BudgetCommitment['status']) => (
                    <Tag color={s === 'open' ? 'orange' : undefined}>{COMMITMENT_STATUS_LABELS[s]}</Tag>
                  ),
                },
              ]}
            />
          </Card>
          <Modal
            open={!!dialog}
            title={
              dialog === 'submit'
                ? t('申报预算', 'Submit')
                : dialog === 'approve'
                  ? t('登记财政核定金额', 'Record the approved amount')
                  : dialog === 'commit'
                    ? t('登记承诺事项', 'New commitment')
                    : t('选择资金台账中的拨付', 'Pick ledger payments')
            }
            onCancel={() => setDialog(null)}
            onOk={() => form.submit()}
            width={dialog === 'link' ? 760 : 520}
            okButtonProps={{ disabled: dialog === 'link' && picked.length === 0 }}
            destroyOnHidden
          >
            <Form form={form} layout="vertical" onFinish={onFinish} preserve={false}>
              {dialog === 'submit' && (
                <Form.Item name="requestedOn" label={t('申报日期', 'Submitted on')} initialValue={dayjs()} rules={[{ required: true }]}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              )}
              {dialog === 'approve' && (
                <>
                  <Form.Item name="approved" label={t('核定金额', 'Approved amount')} rules={[moneyRule()]}>
                    <MoneyInput />
                  </Form.Item>
                  <Form.Item name="approvedOn" label={t('核定日期', 'Approved on')} initialValue={dayjs()} rules={[{ required: true }]}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name="approvalRef" label={t('批复文号', 'Reference')}>
                    <Input maxLength={50} placeholder="区财预〔2026〕8号" />
                  </Form.Item>
                </>
              )}
              {dialog === 'commit' && (
                <>
                  <Form.Item name="description" label={t('承诺事项', 'What')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item name="amount" label={t('金额', 'Amount')} rules={[moneyRule()]}>
                    <MoneyInput />
                  </Form.Item>
                  <Form.Item name="committedOn" label={t('日期', 'Date')} initialValue={dayjs()} rules={[{ required: true }]}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </>
              )}
              {dialog === 'link' && (
                <>
                  <Table<SpendingCandidate>
                    rowKey="id"
                    size="small"
                    loading={candidates.isLoading}
                    pagination={false}
                    scroll={{ x: 600, y: 300 }}
                    dataSource={candidates.data ?? []}
                    rowSelection={{ selectedRowKeys: picked, onChange: (keys) => setPicked(keys as string[]) }}
                    locale={{ emptyText: t('没有可计入的拨付', 'No payment to charge') }}
                    columns={[
                      { title: t('日期', 'Date'), dataIndex: 'paidOn', width: 100 },
                      {
                        title: t('用途', 'Purpose'),
                        dataIndex: 'purpose',
                        render: (v: string, c) => (
                          <>
                            {v} {c.fromLineAccount && <Tag color="magenta">{t('本项目账户', 'Line account')}</Tag>}
                          </>
                        ),
                      },
                      { title: t('账户', 'Account'), dataIndex: 'accountName', width: 110 },
                      {
                        title: t('金额（元）', 'Amount'),
                        dataIndex: 'amountFen',
                        width: 100,
                        align: 'right',
                        render: (v: number) => formatFen(v),
                      },
                    ]}
                    data-testid="candidates-table"
                  />
                  <Form.Item name="commitmentId" label={t('同时结清承诺事项', 'Settles a commitment')} style={{ marginTop: 12 }}>
                    <Select
                      allowClear
                      options={l.commitments
                        .filter((c) => c.status === 'open')
                        .map((c) => ({ value: c.id, label: `${c.description}（${formatFen(c.amountFen)}元）` }))}
                    />
                  </Form.Item>
                </>
              )}
            </Form>
          </Modal>
        </>
      )}
    </QueryState>
  );
}
