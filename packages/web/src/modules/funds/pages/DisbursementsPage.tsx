import { newIdempotencyKey } from '../../../ui/idempotency';
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { PAYMENT_METHOD_LABELS, RECIPIENT_KIND_LABELS, formatFen, type Disbursement } from '@jinguo/domain';
import { useState } from 'react';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState } from '../../../ui';
import { useDisbursements, useFundsMutations } from '../api';
import { DisbursementModal } from '../components/LedgerForms';
import { programmeLabel } from '../components/labels';
import { useProgrammeNames } from '../../../ui/programmes';

const SOURCE_LABELS: Record<string, string> = { relief_application: '救助发放', sponsorship_payment: '春蕾资助款' };

/** 拨付记录: everything paid out, to whom (names masked), from which account, approved by whom. */
export function DisbursementsPage() {
  const { t } = useI18n();
  const can = useCan();
  const { message, modal } = App.useApp();
  const names = useProgrammeNames();
  const [programmeCode, setProgrammeCode] = useState<string>();
  const [page, setPage] = useState(1);
  const list = useDisbursements({ programmeCode, page, pageSize: 20 });
  const { reverseDisbursement } = useFundsMutations();
  const [adding, setAdding] = useState(false);

  const reverse = (d: Disbursement) => {
    let reason = '';
    // One key for this dialog: pressing 冲销 again after an error cannot reverse twice.
    const idempotencyKey = newIdempotencyKey();
    modal.confirm({
      title: t('冲销这笔拨付', 'Reverse this payment'),
      content: (
        <Input.TextArea
          autoFocus
          placeholder={t('冲销原因（必填）', 'Reason (required)')}
          onChange={(e) => (reason = e.target.value)}
          maxLength={200}
        />
      ),
      okText: t('冲销', 'Reverse'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await reverseDisbursement.mutateAsync({ id: d.id, reason, idempotencyKey });
          message.success(t('已冲销', 'Reversed'));
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
          throw e;
        }
      },
    });
  };

  return (
    <>
      <PageHeader
        title={t('拨付记录', 'Payments out')}
        subtitle={t(
          '按指定用途、再按先进先出动用捐赠；救助发放与春蕾资助款在各自页面冲销',
          'Spends designated money first, then first-in first-out',
        )}
        extra={
          can('funds.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="record-disbursement">
              {t('拨付', 'Pay out')}
            </Button>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Select
            allowClear
            placeholder={t('全部项目', 'All programmes')}
            value={programmeCode}
            onChange={(v) => {
              setProgrammeCode(v);
              setPage(1);
            }}
            style={{ width: 200 }}
            options={[...names].map(([code, name]) => ({ value: code, label: name }))}
          />
        </Flex>
      </Card>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<Disbursement>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1050 }}
          locale={{ emptyText: t('暂无拨付记录', 'No payments') }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t(`共 ${n} 笔`, `${n}`),
          }}
          columns={[
            { title: t('日期', 'Date'), dataIndex: 'paidOn', width: 105 },
            {
              title: t('对象', 'Recipient'),
              dataIndex: 'recipientLabel',
              width: 140,
              render: (v: string, d) => (
                <Space size={4}>
                  <Tag>{RECIPIENT_KIND_LABELS[d.recipientKind]}</Tag>
                  {v}
                </Space>
              ),
            },
            {
              title: t('项目', 'Programme'),
              dataIndex: 'programmeCode',
              width: 120,
              render: (c: string | null) => programmeLabel(c, names),
            },
            { title: t('账户', 'Account'), dataIndex: 'accountName', width: 110 },
            {
              title: t('方式', 'Method'),
              dataIndex: 'method',
              width: 120,
              render: (m: Disbursement['method'], d) => (
                <>
                  {PAYMENT_METHOD_LABELS[m]}
                  {d.bankCardMasked && <div style={{ fontSize: 12, color: '#8c8c8c' }}>{d.bankCardMasked}</div>}
                </>
              ),
            },
            {
              title: t('数量', 'Qty'),
              key: 'qty',
              width: 80,
              align: 'right',
              render: (_: unknown, d) => (d.form === 'goods' ? `${d.quantity}${d.unit ?? ''}` : '—'),
            },
            {
              title: t('金额（元）', 'Amount'),
              dataIndex: 'amountFen',
              width: 110,
              align: 'right',
              render: (v: number, d) => <Typography.Text delete={d.reversed}>{formatFen(v)}</Typography.Text>,
            },
            {
              title: t('用途 / 审批', 'Purpose'),
              key: 'purpose',
              render: (_: unknown, d) => (
                <div style={{ fontSize: 12 }}>
                  {d.purpose}
                  <br />
                  <Typography.Text type="secondary">
                    {t('审批', 'Approved')}：{d.approvedByName ?? '—'}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t('操作', 'Actions'),
              key: 'actions',
              width: 110,
              render: (_: unknown, d) =>
                d.reversed ? (
                  <Tag color="red">{t('已冲销', 'Reversed')}</Tag>
                ) : d.sourceKind ? (
                  <Tag>{SOURCE_LABELS[d.sourceKind] ?? d.sourceKind}</Tag>
                ) : (
                  can('funds.write') && (
                    <Typography.Link type="danger" onClick={() => reverse(d)}>
                      {t('冲销', 'Reverse')}
                    </Typography.Link>
                  )
                ),
            },
          ]}
          data-testid="disbursements-table"
        />
      </QueryState>
      <DisbursementModal open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
