import { DeleteOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  CADRE_DIMENSION_KEYS,
  CADRE_DIMENSION_LABELS,
  CADRE_TARGET_DIMENSIONS,
  RECOMMENDATION_STATUS_LABELS,
  type CadreShareRow,
  type CadreTargetDimension,
  type CadreTargetStatus,
  type CreateCadreTarget,
} from '@jinguo/domain';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { download, qs } from '../../../app/api';
import { useCan, useMe } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, QueryState } from '../../../ui';
import { RecordsDrawer, type RecordsTarget } from '../../reports';
import { useCadreAnalysis, useCadresMutations } from '../api';

const pct = (v: number | null) => (v == null ? '—' : `${v.toFixed(2)}%`);
const TARGET_DIMENSION_LABELS: Record<CadreTargetDimension, string> = {
  overall: '全部干部',
  reserve: '后备干部',
  ...CADRE_DIMENSION_LABELS,
};

/**
 * 女干部分析 (《关于选拔任用女干部的分析报告》): the roster on 31 December by rank, post, age, education and unit, the
 * years, the pool of candidates and the gaps against the targets; every women's figure opens the cadres behind it, and
 * the whole analysis downloads as a 公文 Word report with its tables and charts.
 */
export function AnalysisTab() {
  const { t } = useI18n();
  const can = useCan();
  const [year, setYear] = useState(new Date().getFullYear());
  const analysis = useCadreAnalysis(year);
  const [target, setTarget] = useState<RecordsTarget | null>(null);
  const a = analysis.data;
  const open = (row: CadreShareRow, title: string) => setTarget({ name: row.fact.name, params: row.fact.params, year, title });
  const canRecords = can('reports.read');

  const shareTable = (rows: CadreShareRow[], first: string, prefix: string) => (
    <Table<CadreShareRow>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: first, dataIndex: 'label', ellipsis: true },
        { title: t('干部', 'Cadres'), dataIndex: 'total', width: 60, align: 'right' },
        {
          title: t('女干部', 'Women'),
          dataIndex: 'women',
          width: 70,
          align: 'right',
          render: (v: number, r) =>
            canRecords && v > 0 ? (
              <Typography.Link onClick={() => open(r, `${prefix}${r.label}的女干部`)} data-testid="women-figure">
                {v}
              </Typography.Link>
            ) : (
              v
            ),
        },
        { title: t('占比', 'Share'), dataIndex: 'womenShare', width: 80, align: 'right', render: (v: number | null) => pct(v) },
      ]}
    />
  );

  return (
    <>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <InputNumber
          value={year}
          min={2000}
          max={2100}
          onChange={(v) => v && setYear(v)}
          addonBefore={t('年末', 'Year end')}
          style={{ width: 150 }}
        />
        <Button
          icon={<FileWordOutlined />}
          onClick={() => download(`/api/cadres/analysis/report${qs({ year })}`)}
          data-testid="analysis-report"
        >
          {t('下载分析报告（Word）', 'Download the report (Word)')}
        </Button>
      </Flex>
      <QueryState loading={analysis.isLoading} error={analysis.error}>
        {a && (
          <>
            <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
              <Col xs={8} md={4}>
                <Card size="small">
                  <Statistic title={t('在册干部', 'Cadres')} value={a.total} />
                </Card>
              </Col>
              <Col xs={8} md={4}>
                <Card size="small">
                  <Statistic title={t('女干部', 'Women')} value={a.women} />
                </Card>
              </Col>
              <Col xs={8} md={4}>
                <Card size="small">
                  <Statistic title={t('女干部占比', "Women's share")} value={pct(a.womenShare)} data-testid="analysis-share" />
                </Card>
              </Col>
              <Col xs={24} md={12}>
                <Card size="small" title={t('近年女干部占比', "Women's share by year")} styles={{ body: { height: 150, padding: 4 } }}>
                  <ReactECharts
                    style={{ height: '100%' }}
                    opts={{ renderer: 'svg' }}
                    option={{
                      grid: { left: 8, right: 24, top: 16, bottom: 4, containLabel: true },
                      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
                      xAxis: { type: 'category', data: a.trend.map((x) => `${x.year}`) },
                      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
                      series: [
                        {
                          type: 'line',
                          data: a.trend.map((x) => x.womenShare),
                          label: { show: true, formatter: '{c}%' },
                          itemStyle: { color: '#c41d7f' },
                        },
                      ],
                    }}
                  />
                </Card>
              </Col>
            </Row>
            <Row gutter={[12, 12]}>
              {a.dimensions.map((d) => (
                <Col key={d.dimension} xs={24} md={12} xl={8}>
                  <Card size="small" title={t(`按${d.label}`, `By ${d.dimension}`)} data-testid={`dimension-${d.dimension}`}>
                    <ReactECharts
                      style={{ height: 140 }}
                      opts={{ renderer: 'svg' }}
                      option={{
                        grid: { left: 8, right: 40, top: 4, bottom: 4, containLabel: true },
                        xAxis: { type: 'value', max: 100, show: false },
                        yAxis: {
                          type: 'category',
                          inverse: true,
                          data: d.rows.map((r) => r.label),
                          axisLabel: { width: 90, overflow: 'truncate' },
                        },
                        series: [
                          {
                            type: 'bar',
                            data: d.rows.map((r) => r.womenShare ?? 0),
                            itemStyle: { color: '#eb2f96' },
                            label: { show: true, position: 'right', formatter: '{c}%' },
                          },
                        ],
                      }}
                    />
                    {shareTable(d.rows, d.label, '')}
                  </Card>
                </Col>
              ))}
              <Col xs={24} md={12} xl={8}>
                <Card size="small" title={t('后备力量', 'The pool')}>
                  {shareTable([a.reserve], t('类别', 'Kind'), '')}
                  <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
                    {t(`${a.year}年推优${a.recommendations.total}名：`, `${a.recommendations.total} recommended: `)}
                    {a.recommendations.byStatus
                      .filter((s) => s.count > 0)
                      .map((s) => `${RECOMMENDATION_STATUS_LABELS[s.status]}${s.count}名`)
                      .join('、') || '—'}
                  </Typography.Paragraph>
                </Card>
              </Col>
              <Col xs={24} xl={16}>
                <Targets targets={a.targets} orgId={a.org.id} />
              </Col>
              <Col xs={24} xl={8}>
                <Card size="small" title={t('主要单位', 'Units')}>
                  <div style={{ maxHeight: 360, overflow: 'auto' }}>{shareTable(a.units, t('单位', 'Unit'), '')}</div>
                </Card>
              </Col>
            </Row>
          </>
        )}
      </QueryState>
      <RecordsDrawer target={target} onClose={() => setTarget(null)} />
    </>
  );
}

function Targets({ targets, orgId }: { targets: CadreTargetStatus[]; orgId: string }) {
  const { t } = useI18n();
  const can = useCan();
  const { data: me } = useMe();
  const { message } = App.useApp();
  const m = useCadresMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<CreateCadreTarget>();
  const dimension = Form.useWatch('dimension', form);
  const keys = dimension && dimension !== 'overall' && dimension !== 'reserve' ? CADRE_DIMENSION_KEYS[dimension] : null;
  const create = async (v: CreateCadreTarget) => {
    try {
      await m.createTarget.mutateAsync({ ...v, ownerOrgId: orgId });
      setAdding(false);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  const write = can('cadres.write') && !!me;
  return (
    <Card
      size="small"
      title={t('与目标的差距', 'Gaps against the targets')}
      extra={
        write && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-target">
            {t('设定目标', 'Add target')}
          </Button>
        )
      }
    >
      <Table<CadreTargetStatus>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={targets}
        scroll={{ x: 520 }}
        locale={{ emptyText: t('尚未设定女干部比例目标', 'No targets yet') }}
        columns={[
          { title: t('目标', 'Target'), dataIndex: 'label', ellipsis: true },
          { title: t('目标值', 'Target'), dataIndex: 'targetShare', width: 80, align: 'right', render: (v: number) => pct(v) },
          { title: t('现状', 'Actual'), dataIndex: 'actual', width: 80, align: 'right', render: (v: number | null) => pct(v) },
          {
            title: t('差距（百分点）', 'Gap (points)'),
            dataIndex: 'gap',
            width: 110,
            align: 'right',
            render: (v: number | null) => (v == null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(2)}`),
          },
          {
            title: '',
            dataIndex: 'met',
            width: 70,
            render: (v: boolean | null) =>
              v == null ? '—' : v ? <Tag color="green">{t('已达到', 'Met')}</Tag> : <Tag color="red">{t('未达到', 'Not met')}</Tag>,
          },
          ...(write
            ? [
                {
                  title: '',
                  key: 'x',
                  width: 40,
                  render: (_: unknown, r: CadreTargetStatus) => (
                    <Popconfirm title={t('删除该目标？', 'Delete?')} onConfirm={() => m.deleteTarget.mutate(r.id)}>
                      <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('删除', 'Delete')} />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
        data-testid="targets-table"
      />
      <Modal
        open={adding}
        title={t('设定女干部比例目标', 'Add a target')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.createTarget.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ dimension: 'overall' }}>
          <Form.Item name="label" label={t('目标名称', 'Name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} placeholder={t('如：正职干部中女干部比例', 'e.g. share of women among chiefs')} />
          </Form.Item>
          <Form.Item name="dimension" label={t('范围', 'About')}>
            <Select
              options={CADRE_TARGET_DIMENSIONS.map((d) => ({ value: d, label: TARGET_DIMENSION_LABELS[d] }))}
              onChange={() => form.setFieldValue('key', undefined)}
            />
          </Form.Item>
          {keys && (
            <Form.Item name="key" label={t('分项', 'Which')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
              <Select options={Object.entries(keys).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          )}
          <Form.Item name="targetShare" label={t('目标比例（%）', 'Target share (%)')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label={t('依据', 'Basis')}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
