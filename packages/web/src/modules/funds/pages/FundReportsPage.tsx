import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, InputNumber, Row, Table, Tag, Typography } from 'antd';
import { APPLICATION_STATUS_LABELS, formatFen, type FactsOut, type FactValueOut, type FundSummaryRow } from '@jinguo/domain';
import { Chart } from '../../../ui/Chart';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, qs } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState } from '../../../ui';
import { useBeneficiary, useFundSummary } from '../api';
import { fenToYuanNumber } from '../components/labels';
import { PersonSelect } from '../components/PersonSelect';
import { RecordsDrawer, type RecordsTarget } from '../../reports/public';
import { usePersonApplications } from '../../../ui/programmes';

const FIGURES = [
  'relief.reported?programme=POOR_MOTHER&level=province',
  'relief.reported?programme=POOR_MOTHER&level=city',
  'relief.reported.incomePerCapita?programme=POOR_MOTHER',
  'funds.raised.cash?programme=POOR_MOTHER',
  'funds.raised.goods?programme=POOR_MOTHER',
  'funds.paid.cash',
  'funds.paid.goods',
  'relief.granted?programme=DROUGHT',
  'sponsorship.students',
  'sponsorship.paid',
  'sponsorship.meetings',
];
const FIGURE_TITLES: Record<string, string> = {
  'relief.reported?programme=POOR_MOTHER&level=province': '贫困母亲上报省妇联',
  'relief.reported?programme=POOR_MOTHER&level=city': '贫困母亲上报市妇联',
  'relief.reported.incomePerCapita?programme=POOR_MOTHER': '上报家庭年人均收入',
  'funds.raised.cash?programme=POOR_MOTHER': '贫困母亲救助筹集资金',
  'funds.raised.goods?programme=POOR_MOTHER': '贫困母亲救助医疗物资',
  'funds.paid.cash': '全年发放资金',
  'funds.paid.goods': '全年发放物资价值',
  'relief.granted?programme=DROUGHT': '抗旱救助对象',
  'sponsorship.students': '春蕾资助学生',
  'sponsorship.paid': '春蕾资助款',
  'sponsorship.meetings': '结对见面会',
};
const COLOURS = ['#c41d7f', '#13c2c2', '#faad14', '#722ed1'];

/** 救助与资金报表: the year's figures (click for the records behind them), raised vs paid vs remaining, a beneficiary's history. */
export function FundReportsPage() {
  const { t } = useI18n();
  const can = useCan();
  const [year, setYear] = useState(new Date().getFullYear());
  const [target, setTarget] = useState<RecordsTarget | null>(null);
  const [personId, setPersonId] = useState<string>();
  const facts = useQuery({
    queryKey: ['funds', 'figures', year],
    queryFn: () => api.get<FactsOut>(`/api/facts${qs({ year, f: FIGURES })}`),
  });
  const summary = useFundSummary(`${year}-01-01`, `${year}-12-31`);
  const history = useBeneficiary(can('funds.read') ? (personId ?? null) : null);
  const applications = usePersonApplications(can('relief.read') ? (personId ?? null) : null);

  // Titles by fact name and parameters, whatever order the server writes the parameters in.
  const key = (name: string, params: Record<string, string>) =>
    `${name}?${Object.entries(params)
      .sort()
      .map(([k, v]) => `${k}=${v}`)
      .join('&')}`;
  const titles = new Map(
    Object.entries(FIGURE_TITLES).map(([ref, title]) => {
      const [name, q = ''] = ref.split('?');
      return [key(name, Object.fromEntries(new URLSearchParams(q))), title];
    }),
  );
  const titleOf = (f: FactValueOut) => titles.get(key(f.name, f.params)) ?? f.label.zh;
  const value = (f: FactValueOut) =>
    f.value == null ? '—' : f.kind === 'money' ? formatFen(f.value).replace(/\.00$/, '') : String(f.value);
  const chart = (rows: FundSummaryRow[], stacked: boolean) => ({
    animation: false,
    color: COLOURS,
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v.toLocaleString('zh-CN', { minimumFractionDigits: 2 })} 元` },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 28, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, width: 80, overflow: 'truncate' } },
    yAxis: { type: 'value', name: '元' },
    series: [
      {
        name: t('筹集资金', 'Raised (cash)'),
        type: 'bar',
        stack: stacked ? 'raised' : undefined,
        data: rows.map((r) => fenToYuanNumber(r.raisedCashFen)),
      },
      {
        name: t('筹集物资', 'Raised (goods)'),
        type: 'bar',
        stack: stacked ? 'raised' : undefined,
        data: rows.map((r) => fenToYuanNumber(r.raisedGoodsFen)),
      },
      { name: t('已发放', 'Paid'), type: 'bar', data: rows.map((r) => fenToYuanNumber(r.paidCashFen + r.paidGoodsFen)) },
      { name: t('结余', 'Remaining'), type: 'bar', data: rows.map((r) => fenToYuanNumber(r.remainingFen)) },
    ],
  });
  const summaryColumns = [
    { title: t('项目 / 账户', 'Programme / account'), dataIndex: 'label' },
    { title: t('筹集资金', 'Raised cash'), dataIndex: 'raisedCashFen', align: 'right' as const, render: formatFen },
    { title: t('筹集物资', 'Raised goods'), dataIndex: 'raisedGoodsFen', align: 'right' as const, render: formatFen },
    { title: t('发放资金', 'Paid cash'), dataIndex: 'paidCashFen', align: 'right' as const, render: formatFen },
    { title: t('发放物资', 'Paid goods'), dataIndex: 'paidGoodsFen', align: 'right' as const, render: formatFen },
    // Pinned right: on a phone the table scrolls sideways and the balance stays in view.
    { title: t('结余', 'Remaining'), dataIndex: 'remainingFen', align: 'right' as const, render: formatFen, fixed: 'right' as const },
  ];

  return (
    <>
      <PageHeader
        title={t('救助与资金报表', 'Relief and fund reports')}
        subtitle={t('数字均由记录汇总；点击数字查看明细（金额单位：元）', 'Every figure from the records; click for details (yuan)')}
        extra={
          <InputNumber
            value={year}
            min={2000}
            max={2100}
            onChange={(v) => v && setYear(v)}
            addonBefore={t('年份', 'Year')}
            style={{ width: 150 }}
          />
        }
      />
      <QueryState loading={facts.isLoading} error={facts.error}>
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          {(facts.data?.facts ?? [])
            .filter((f) => f.status === 'ok')
            .map((f) => (
              <Col xs={12} sm={8} lg={6} xl={4} key={f.ref}>
                <Card
                  size="small"
                  hoverable
                  style={{ height: '100%' }}
                  onClick={() => setTarget({ name: f.name, params: f.params, year, title: titleOf(f) })}
                  data-testid={`figure-${f.ref}`}
                >
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {titleOf(f)}
                  </Typography.Text>
                  <div style={{ fontSize: 24, fontWeight: 600, color: '#c41d7f' }}>
                    {value(f)}
                    <span style={{ fontSize: 13, marginLeft: 2, color: '#8c8c8c' }}>{f.unit}</span>
                  </div>
                </Card>
              </Col>
            ))}
        </Row>
      </QueryState>
      <QueryState loading={summary.isLoading} error={summary.error}>
        <Row gutter={[12, 12]}>
          <Col xs={24} xxl={12}>
            <Card size="small" title={t('按项目：筹集、发放与结余', 'By programme')}>
              {summary.data?.byProgramme.length ? (
                <Chart option={chart(summary.data.byProgramme, true)} style={{ height: 280 }} opts={{ renderer: 'svg' }} />
              ) : (
                <Empty description={t('本年暂无数据', 'No data')} />
              )}
              <Table<FundSummaryRow>
                rowKey="key"
                size="small"
                pagination={false}
                dataSource={summary.data?.byProgramme ?? []}
                columns={summaryColumns}
                scroll={{ x: 640 }}
                data-testid="summary-by-programme"
              />
            </Card>
          </Col>
          <Col xs={24} xxl={12}>
            <Card size="small" title={t('按账户：收支与余额', 'By account')}>
              {summary.data?.byAccount.length ? (
                <Chart option={chart(summary.data.byAccount, true)} style={{ height: 280 }} opts={{ renderer: 'svg' }} />
              ) : (
                <Empty description={t('本年暂无数据', 'No data')} />
              )}
              <Table<FundSummaryRow>
                rowKey="key"
                size="small"
                pagination={false}
                dataSource={summary.data?.byAccount ?? []}
                columns={summaryColumns.map((c) => (c.dataIndex === 'remainingFen' ? { ...c, title: t('当前余额', 'Balance') } : c))}
                scroll={{ x: 640 }}
              />
            </Card>
          </Col>
        </Row>
      </QueryState>
      <Card size="small" title={t('受助人历史（跨项目）', 'A beneficiary across programmes')} style={{ marginTop: 12 }}>
        <div style={{ maxWidth: 420, marginBottom: 12 }}>
          <PersonSelect value={personId} onChange={setPersonId} placeholder={t('输入受助人姓名或身份证号', 'Name or ID number')} />
        </div>
        {!personId ? (
          <Typography.Text type="secondary">
            {t('选择一名受助人，查看她的救助申请和收到的全部资金、物资', 'Choose a person')}
          </Typography.Text>
        ) : (
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Typography.Title level={5}>{t('救助申请', 'Applications')}</Typography.Title>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                loading={applications.isLoading}
                dataSource={applications.data ?? []}
                locale={{ emptyText: t('无救助申请', 'None') }}
                scroll={{ x: 420 }}
                columns={[
                  {
                    title: t('项目', 'Programme'),
                    dataIndex: 'programmeName',
                    render: (v: string, a) => <Link to={`/relief/applications/${a.id}`}>{v}</Link>,
                  },
                  { title: t('登记', 'Applied'), dataIndex: 'appliedOn', width: 105 },
                  {
                    title: t('状态', 'Status'),
                    dataIndex: 'status',
                    width: 100,
                    render: (s: keyof typeof APPLICATION_STATUS_LABELS) => <Tag>{APPLICATION_STATUS_LABELS[s]}</Tag>,
                  },
                ]}
              />
            </Col>
            <Col xs={24} lg={12}>
              <Typography.Title level={5}>
                {t('收到的资金和物资', 'Received')}
                {history.data &&
                  `：${formatFen(history.data.totalCashFen)} 元 + ${t('物资', 'goods')} ${formatFen(history.data.totalGoodsFen)} 元`}
              </Typography.Title>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                loading={history.isLoading}
                dataSource={history.data?.items ?? []}
                locale={{ emptyText: t('无拨付记录', 'None') }}
                scroll={{ x: 420 }}
                columns={[
                  { title: t('日期', 'Date'), dataIndex: 'paidOn', width: 105 },
                  { title: t('用途', 'Purpose'), dataIndex: 'purpose', ellipsis: true },
                  {
                    title: t('金额（元）', 'Amount'),
                    dataIndex: 'amountFen',
                    align: 'right',
                    width: 110,
                    render: (v: number, d: { reversed: boolean }) => <Typography.Text delete={d.reversed}>{formatFen(v)}</Typography.Text>,
                  },
                ]}
              />
            </Col>
          </Row>
        )}
      </Card>
      <RecordsDrawer target={target} onClose={() => setTarget(null)} />
    </>
  );
}
