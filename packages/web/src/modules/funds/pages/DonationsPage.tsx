import { newIdempotencyKey } from '../../../ui/idempotency';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { DONATION_SOURCE_LABELS, formatFen, type Donation } from '@jinguo/domain';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState, useDebounced } from '../../../ui';
import { useDonations, useFundsMutations } from '../api';
import { DonationModal } from '../components/LedgerForms';
import { programmeLabel } from '../components/labels';
import { useProgrammeNames } from '../../../ui/programmes';

/** 捐赠与拨款: every receipt of money or goods, with its printable receipt and where it went. */
export function DonationsPage() {
  const { t } = useI18n();
  const can = useCan();
  const { message, modal } = App.useApp();
  const names = useProgrammeNames();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [programmeCode, setProgrammeCode] = useState<string>();
  const [page, setPage] = useState(1);
  const list = useDonations({ q: q || undefined, programmeCode, page, pageSize: 20 });
  const { reverseDonation } = useFundsMutations();
  const [adding, setAdding] = useState(false);

  const reverse = (d: Donation) => {
    let reason = '';
    // One key for this dialog: pressing 冲销 again after an error cannot reverse twice.
    const idempotencyKey = newIdempotencyKey();
    modal.confirm({
      title: t(`冲销 ${d.receiptNo ?? ''} ${d.donorName}`, 'Reverse'),
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
          await reverseDonation.mutateAsync({ id: d.id, reason, idempotencyKey });
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
        title={t('捐赠与拨款', 'Donations and appropriations')}
        subtitle={t(
          '收据号连续编号；物资按数量 × 单位价值计价；点击“去向”查看捐赠惠及的对象',
          'Gap-free receipt numbers; goods valued as quantity × unit value',
        )}
        extra={
          can('funds.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="record-donation">
              {t('登记收入', 'Receive')}
            </Button>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('捐赠人或收据号', 'Donor or receipt no.')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPage(1);
            }}
            style={{ width: 240 }}
          />
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
        <Table<Donation>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('暂无捐赠记录', 'No donations') }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t(`共 ${n} 笔`, `${n}`),
          }}
          columns={[
            { title: t('日期', 'Date'), dataIndex: 'donatedOn', width: 105 },
            {
              title: t('收据号', 'Receipt'),
              dataIndex: 'receiptNo',
              width: 115,
              render: (v: string | null, d) => v ?? <Tag>{DONATION_SOURCE_LABELS[d.source]}</Tag>,
            },
            { title: t('捐赠人', 'Donor'), dataIndex: 'donorName', width: 170, ellipsis: true },
            {
              title: t('项目', 'Programme'),
              dataIndex: 'programmeCode',
              width: 120,
              render: (c: string | null) => programmeLabel(c, names),
            },
            { title: t('账户', 'Account'), dataIndex: 'accountName', width: 110 },
            {
              title: t('数量', 'Qty'),
              key: 'qty',
              width: 90,
              align: 'right',
              render: (_: unknown, d) => (d.form === 'goods' ? `${d.quantity}${d.unit ?? ''}` : '—'),
            },
            {
              title: t('金额（元）', 'Amount'),
              dataIndex: 'amountFen',
              width: 120,
              align: 'right',
              render: (v: number, d) => <Typography.Text delete={d.reversed}>{formatFen(v)}</Typography.Text>,
            },
            {
              title: t('未拨付（元）', 'Unspent'),
              dataIndex: 'remainingFen',
              width: 110,
              align: 'right',
              render: (v: number) => formatFen(v),
            },
            {
              title: t('操作', 'Actions'),
              key: 'actions',
              width: 170,
              render: (_: unknown, d) => (
                <Space size={4} wrap>
                  {d.receiptNo && <Link to={`/funds/donations/${d.id}/receipt`}>{t('收据', 'Receipt')}</Link>}
                  <Link to={`/funds/donations/${d.id}/trace`}>{t('去向', 'Trace')}</Link>
                  {d.reversed ? (
                    <Tag color="red">{t('已冲销', 'Reversed')}</Tag>
                  ) : (
                    can('funds.write') && (
                      <Typography.Link type="danger" onClick={() => reverse(d)}>
                        {t('冲销', 'Reverse')}
                      </Typography.Link>
                    )
                  )}
                </Space>
              ),
            },
          ]}
          data-testid="donations-table"
        />
      </QueryState>
      <DonationModal open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
