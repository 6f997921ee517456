import type { Breakpoint } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Grid, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { FUND_ACCOUNT_KIND_LABELS, JOURNAL_ENTRY_KIND_LABELS, formatFen, type FundAccount, type FundJournalEntry } from '@jinguo/domain';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { formatDateTime, PageHeader, QueryState } from '../../../ui';
import { useAccounts, useJournal } from '../api';
import { AccountModal, DisbursementModal, DonationModal } from '../components/LedgerForms';

const KIND_COLOR: Record<string, string> = { cash: 'magenta', budget: 'purple', goods: 'cyan', income: 'green', expense: 'orange' };

/** 资金台账: every account with its balance (never below zero), and the journal of balanced, immutable entries. */
export function AccountsPage() {
  const { t } = useI18n();
  const can = useCan();
  const mobile = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const accountId = params.get('account') ?? undefined;
  const tab = params.get('tab') ?? (accountId ? 'journal' : 'accounts');
  const [page, setPage] = useState(1);
  const accounts = useAccounts();
  const journal = useJournal({ accountId, page, pageSize: 20 });
  const [dialog, setDialog] = useState<'donation' | 'disbursement' | 'account' | null>(null);
  const holding = (accounts.data ?? []).filter((a) => ['cash', 'budget', 'goods'].includes(a.kind));
  const counter = (accounts.data ?? []).filter((a) => !['cash', 'budget', 'goods'].includes(a.kind));
  const cashTotal = holding.filter((a) => a.kind !== 'goods').reduce((s, a) => s + a.balanceFen, 0);
  const goodsTotal = holding.filter((a) => a.kind === 'goods').reduce((s, a) => s + a.balanceFen, 0);

  const accountColumns = [
    {
      title: t('账户', 'Account'),
      dataIndex: 'name',
      render: (v: string, a: FundAccount) => (
        // The name only: the account's code (EVENT_FUND) is for imports and the API, not for staff reading the page.
        <Typography.Link onClick={() => setParams({ account: a.id, tab: 'journal' })}>{v}</Typography.Link>
      ),
    },
    {
      title: t('类型', 'Kind'),
      dataIndex: 'kind',
      width: 110,
      render: (k: FundAccount['kind']) => <Tag color={KIND_COLOR[k]}>{FUND_ACCOUNT_KIND_LABELS[k]}</Tag>,
    },
    {
      title: t('物品 / 单位价值', 'Item / unit value'),
      key: 'item',
      width: 180,
      // On a phone the table keeps what staff look for: the account, its kind and its balance.
      responsive: ['md'] as Breakpoint[],
      render: (_: unknown, a: FundAccount) => (a.kind === 'goods' ? `${a.item}　${formatFen(a.unitValueFen ?? 0)} 元/${a.unit}` : '—'),
    },
    {
      title: t('数量', 'Quantity'),
      key: 'qty',
      width: 110,
      responsive: ['md'] as Breakpoint[],
      align: 'right' as const,
      render: (_: unknown, a: FundAccount) => (a.kind === 'goods' ? `${a.balanceQty} ${a.unit}` : '—'),
    },
    {
      title: t('余额（元）', 'Balance (yuan)'),
      dataIndex: 'balanceFen',
      width: 130,
      align: 'right' as const,
      // Pinned: when a narrow screen scrolls the table sideways, the balance stays in view.
      fixed: 'right' as const,
      render: (v: number) => <span data-testid="account-balance">{formatFen(v)}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('资金台账', 'Fund ledger')}
        subtitle={t(
          '复式记账：每笔收支都是借贷平衡、不可修改的分录；更正只能冲销；任何账户余额都不会小于零',
          'Double entry; immutable entries; corrections by reversal; no balance below zero',
        )}
        extra={
          can('funds.write') && (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('donation')} data-testid="record-donation">
                {t('登记收入', 'Receive')}
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => setDialog('disbursement')} data-testid="record-disbursement">
                {t('拨付', 'Pay out')}
              </Button>
              <Button onClick={() => setDialog('account')}>{t('新建账户', 'New account')}</Button>
            </>
          )
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('资金及经费余额', 'Money held')} value={formatFen(cashTotal)} suffix="元" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('物资库存价值', 'Goods held (value)')} value={formatFen(goodsTotal)} suffix="元" />
          </Card>
        </Col>
      </Row>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'journal' && accountId ? { account: accountId, tab: k } : { tab: k })}
        items={[
          {
            key: 'accounts',
            label: t('账户与余额', 'Accounts'),
            children: (
              <QueryState
                loading={accounts.isLoading}
                error={accounts.error}
                empty={!accounts.data?.length}
                emptyText={t('还没有账户', 'No accounts yet')}
              >
                <Table<FundAccount>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={holding}
                  columns={accountColumns}
                  scroll={{ x: 'max-content' }}
                  data-testid="accounts-table"
                />
                <Typography.Title level={5} style={{ marginTop: 20 }}>
                  {t('对方科目', 'Counter accounts')}
                </Typography.Title>
                <Table<FundAccount>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={counter}
                  columns={accountColumns.filter((c) => c.key !== 'item' && c.key !== 'qty')}
                  scroll={{ x: 'max-content' }}
                />
              </QueryState>
            ),
          },
          {
            key: 'journal',
            label: t('记账流水', 'Journal'),
            children: (
              <>
                <Space style={{ marginBottom: 12 }} wrap>
                  <Select
                    allowClear
                    placeholder={t('全部账户', 'All accounts')}
                    value={accountId}
                    style={{ width: mobile ? 300 : 260 }}
                    onChange={(v) => {
                      setPage(1);
                      setParams(v ? { account: v, tab: 'journal' } : { tab: 'journal' });
                    }}
                    options={(accounts.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
                  />
                </Space>
                <QueryState loading={journal.isLoading} error={journal.error}>
                  <Table<FundJournalEntry>
                    rowKey="id"
                    size="small"
                    dataSource={journal.data?.items ?? []}
                    scroll={{ x: 900 }}
                    locale={{ emptyText: t('暂无分录', 'No entries') }}
                    pagination={{
                      current: page,
                      pageSize: 20,
                      total: journal.data?.total ?? 0,
                      onChange: setPage,
                      showSizeChanger: false,
                      showTotal: (n) => t(`共 ${n} 笔`, `${n}`),
                    }}
                    columns={[
                      { title: t('凭证号', 'No.'), dataIndex: 'seq', width: 80, align: 'right' },
                      { title: t('日期', 'Date'), dataIndex: 'entryDate', width: 110 },
                      {
                        title: t('类型', 'Kind'),
                        dataIndex: 'kind',
                        width: 90,
                        render: (k: FundJournalEntry['kind'], e) => (
                          <Space size={2} wrap>
                            <Tag color={k === 'reversal' ? 'red' : undefined}>{JOURNAL_ENTRY_KIND_LABELS[k]}</Tag>
                            {e.reversedByEntryId && <Tag color="default">{t('已冲销', 'Reversed')}</Tag>}
                          </Space>
                        ),
                      },
                      {
                        title: t('摘要', 'Memo'),
                        dataIndex: 'memo',
                        render: (m: string, e) => (
                          <>
                            {m}
                            {e.reason && (
                              <div style={{ color: '#cf1322', fontSize: 12 }}>
                                {t('原因', 'Reason')}：{e.reason}
                              </div>
                            )}
                          </>
                        ),
                      },
                      {
                        title: t('借方 / 贷方（元）', 'Debit / credit'),
                        key: 'lines',
                        width: 300,
                        render: (_: unknown, e) => (
                          <div style={{ fontSize: 12 }}>
                            {e.lines.map((l, i) => (
                              <div key={i} style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                                <span>
                                  {l.amountFen >= 0 ? t('借', 'Dr') : t('贷', 'Cr')}　{l.accountName}
                                  {l.quantity ? `（${l.quantity > 0 ? '+' : ''}${l.quantity}）` : ''}
                                </span>
                                <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(Math.abs(l.amountFen))}</span>
                              </div>
                            ))}
                          </div>
                        ),
                      },
                      {
                        title: t('记账人 / 时间', 'By'),
                        key: 'by',
                        width: 170,
                        render: (_: unknown, e) => (
                          <div style={{ fontSize: 12 }}>
                            {e.createdByName ?? '—'}
                            <br />
                            {formatDateTime(e.createdAt)}
                          </div>
                        ),
                      },
                    ]}
                    data-testid="journal-table"
                  />
                </QueryState>
              </>
            ),
          },
        ]}
      />
      <DonationModal open={dialog === 'donation'} onClose={() => setDialog(null)} />
      <DisbursementModal open={dialog === 'disbursement'} onClose={() => setDialog(null)} />
      <AccountModal open={dialog === 'account'} onClose={() => setDialog(null)} />
    </>
  );
}
