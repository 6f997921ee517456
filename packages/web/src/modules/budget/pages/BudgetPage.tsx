import { FileWordOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { MoneyInput, moneyRule } from '../../../ui';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Modal, Progress, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import {
  BUDGET_LINE_STATUS_LABELS,
  BUDGET_PURPOSE_LABELS,
  BUDGET_PURPOSES,
  formatFen,
  type BudgetExecution,
  type BudgetLine,
  type BudgetPurpose,
} from '@jinguo/domain';
import dayjs from 'dayjs';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { download } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, PageHeader, QueryState } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useBudgetMutations, useExecution, useFundAccounts, useLines } from '../api';

const rate = (v: number | null) => (v == null ? '—' : `${v.toFixed(2)}%`);
const STATUS_COLOR = { draft: 'default', requested: 'blue', approved: 'green' } as const;
type LineForm = {
  ownerOrgId: string;
  purpose: BudgetPurpose;
  name: string;
  programmeCode?: string;
  fundAccountId?: string;
  requested: number;
  note?: string;
};

/** Spending by month, one bar series per approved line (the execution table's months). */
function monthlyChart(e: BudgetExecution) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' as const },
    grid: { left: 48, right: 12, top: 32, bottom: 24 },
    xAxis: { type: 'category' as const, data: Array.from({ length: 12 }, (_, i) => `${i + 1}月`) },
    yAxis: { type: 'value' as const, name: '元' },
    series: e.lines
      .filter((l) => l.executedFen > 0)
      .map((l) => ({ name: l.name, type: 'bar' as const, stack: 'spent', data: l.months.map((f) => f / 100) })),
  };
}

/** 妇儿工委 and 两纲 budget: the year's lines (requested → approved), their execution from the ledger by line and month, and next year's request. */
export function BudgetPage() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const [year, setYear] = useState(dayjs().year());
  const lines = useLines({ year }, 1);
  const execution = useExecution(year);
  const m = useBudgetMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<LineForm>();
  const purpose = Form.useWatch('purpose', form);
  const accounts = useFundAccounts(adding && can('funds.read'));
  const e = execution.data;

  const create = async (v: LineForm) => {
    try {
      await m.createLine.mutateAsync({
        ownerOrgId: v.ownerOrgId,
        year,
        purpose: v.purpose,
        name: v.name,
        programmeCode: v.programmeCode || null,
        fundAccountId: v.fundAccountId ?? null,
        requestedFen: v.requested,
        note: v.note,
      });
      setAdding(false);
      message.success(t('已编制', 'Drafted'));
    } catch (err) {
      message.error(applyServerErrors(form, err));
    }
  };

  return (
    <>
      <PageHeader
        title={t('妇儿工委经费预算', 'Committee and 两纲 budget')}
        subtitle={t(
          '工作经费、两纲专项和项目经费：申报、核定和按资金台账支出计算的执行情况',
          'Requested, approved, and spent through the fund ledger',
        )}
        extra={
          <Space wrap>
            <InputNumber
              value={year}
              min={2000}
              max={2100}
              onChange={(v) => v && setYear(v)}
              style={{ width: 110 }}
              addonAfter={t('年度', '')}
            />
            <Button icon={<FileWordOutlined />} onClick={() => download(`/api/budget/request?year=${year}`)} data-testid="budget-request">
              {t(`${year + 1}年预算请示（Word）`, 'Request for next year (Word)')}
            </Button>
          </Space>
        }
      />
      {e && (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="budget-totals">
          <Row gutter={[16, 8]}>
            <Col xs={12} md={6}>
              <Statistic title={t('核定预算（元）', 'Approved')} value={formatFen(e.totals.approvedFen)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('已支出（元）', 'Spent')} value={formatFen(e.totals.executedFen)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('已承诺待付（元）', 'Committed')} value={formatFen(e.totals.committedFen)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('执行率', 'Execution')} value={rate(e.totals.executionRate)} />
            </Col>
          </Row>
        </Card>
      )}
      <Flex gap={8} wrap justify="flex-end" style={{ marginBottom: 12 }}>
        <ExportButton url="/api/budget/lines/export" params={{ year }} />
        {can('budget.write') && (
          <>
            <ImportDialog
              title={t('导入预算表', 'Import budget lines')}
              templateUrl="/api/budget/lines/template"
              uploadUrl="/api/budget/lines/import"
              onDone={m.refresh}
              trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="new-line">
              {t('编制预算项目', 'New line')}
            </Button>
          </>
        )}
      </Flex>
      <QueryState loading={lines.isLoading} error={lines.error}>
        <Table<BudgetLine>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={lines.data?.items ?? []}
          scroll={{ x: 860 }}
          locale={{ emptyText: t('本年度尚未编制预算', 'No budget lines this year') }}
          columns={[
            { title: t('预算项目', 'Line'), dataIndex: 'name', render: (v: string, l) => <Link to={`/budget/lines/${l.id}`}>{v}</Link> },
            { title: t('用途', 'Purpose'), dataIndex: 'purpose', width: 90, render: (p: BudgetPurpose) => BUDGET_PURPOSE_LABELS[p] },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              width: 80,
              render: (s: BudgetLine['status']) => <Tag color={STATUS_COLOR[s]}>{BUDGET_LINE_STATUS_LABELS[s]}</Tag>,
            },
            { title: t('申请', 'Requested'), dataIndex: 'requestedFen', width: 110, align: 'right', render: (v: number) => formatFen(v) },
            {
              title: t('核定', 'Approved'),
              dataIndex: 'approvedFen',
              width: 110,
              align: 'right',
              render: (v: number | null) => (v == null ? '—' : formatFen(v)),
            },
            { title: t('执行', 'Spent'), dataIndex: 'executedFen', width: 110, align: 'right', render: (v: number) => formatFen(v) },
            {
              title: t('执行率', 'Rate'),
              dataIndex: 'executionRate',
              width: 150,
              render: (v: number | null) =>
                v == null ? '—' : <Progress percent={Math.min(v, 100)} size="small" strokeColor="#c41d7f" format={() => rate(v)} />,
            },
          ]}
          data-testid="budget-lines"
        />
      </QueryState>
      {e && e.totals.executedFen > 0 && (
        <Card size="small" title={t('按月支出', 'Spending by month')} style={{ marginTop: 12 }}>
          <ReactECharts option={monthlyChart(e)} style={{ height: 260 }} opts={{ renderer: 'svg' }} />
        </Card>
      )}
      <Modal
        open={adding}
        title={t(`编制${year}年度预算项目`, 'New budget line')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.createLine.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ purpose: 'outlines_special' }}>
          <Form.Item name="name" label={t('预算项目', 'Line')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} placeholder={t('如：“两纲”专项经费', 'e.g. 两纲 special funds')} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={12}>
              <Form.Item name="purpose" label={t('用途', 'Purpose')}>
                <Select options={BUDGET_PURPOSES.map((p) => ({ value: p, label: BUDGET_PURPOSE_LABELS[p] }))} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="requested" label={t('申请金额', 'Requested')} rules={[moneyRule()]}>
                <MoneyInput />
              </Form.Item>
            </Col>
          </Row>
          {purpose === 'programme' && (
            <Form.Item name="programmeCode" label={t('所属项目代码', 'Programme code')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={40} placeholder="SPRING_BUD" />
            </Form.Item>
          )}
          {can('funds.read') && (
            <Form.Item name="fundAccountId" label={t('经费到账账户（资金台账）', 'Ledger account')}>
              <Select allowClear options={(accounts.data ?? []).map((a) => ({ value: a.id, label: a.name }))} />
            </Form.Item>
          )}
          <Form.Item name="ownerOrgId" label={t('预算单位', 'Budget unit')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
            <OrgUnitSelect kind={['federation', 'township', 'street']} />
          </Form.Item>
          <Form.Item name="note" label={t('说明', 'Note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
