import { FileWordOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Grid, Row, Select, Table, Tag, Tooltip, Typography } from 'antd';
import {
  areaOutline,
  formatFactValue,
  formatIndicatorValue,
  INDICATOR_AREA_LABELS,
  INDICATOR_AREAS,
  INDICATOR_BREAKDOWN_LABELS,
  OUTLINE_LABELS,
  OUTLINES,
  type IndicatorArea,
  type IndicatorEvaluation,
  type IndicatorEvaluationRow,
  type Outline,
} from '@jinguo/domain';
import type { ColumnsType } from 'antd/es/table';
import { Chart } from '../../../ui/Chart';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { download, qs } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { useIndicatorEvaluation } from '../api';
import { EvaluationTag, RegionSelect, YearInput } from '../components/common';
import { thisYear } from '../../../ui/format';

const AREA_ORDER = new Map(INDICATOR_AREAS.map((a, i) => [a.code, i]));
/** Short names for the chart's axis: "妇女与健康" → "健康", "儿童与法律保护" → "法律保护". */
const shortArea = (a: IndicatorArea) => INDICATOR_AREA_LABELS[a].replace(/^(妇女|儿童)(与|参与)?/, '') || INDICATOR_AREA_LABELS[a];

/** 监测评估: each indicator's approved value for a year and region against its target (rolled up from townships when needed). */
export function EvaluationPage() {
  const { t } = useI18n();
  // ?year= opens a given round (a link to the 2025 mid-term evaluation).
  const [params] = useSearchParams();
  const [year, setYear] = useState(() => {
    const y = Number(params.get('year'));
    return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : thisYear();
  });
  const [regionOrgId, setRegionOrgId] = useState<string | null>(null);
  const [outline, setOutline] = useState<Outline>();
  const evaluation = useIndicatorEvaluation({ year, regionOrgId: regionOrgId ?? undefined, outline });
  const e = evaluation.data;

  return (
    <>
      <PageHeader
        title={t('监测评估', 'Evaluation')}
        subtitle={t(
          '按年度、地区对照规划目标评估各项指标；2025年为中期评估，2030年为终期评估',
          'Each indicator against its target; 2025 is the mid-term, 2030 the final evaluation',
        )}
        extra={
          <Flex gap={8} wrap>
            <ExportButton
              url="/api/indicators/evaluation/export"
              params={{ year, regionOrgId: regionOrgId ?? undefined, outline }}
              label={t('导出监测评估表', 'Export')}
            />
            {/* 两纲统计监测报告 in the 公文 layout, for the same year and region (both outlines). */}
            <Button
              icon={<FileWordOutlined />}
              onClick={() => download(`/api/indicators/evaluation/report${qs({ year, regionOrgId: regionOrgId ?? undefined })}`)}
              data-testid="report-button"
            >
              {t('导出监测报告（Word）', 'Report (Word)')}
            </Button>
          </Flex>
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <YearInput value={year} onChange={setYear} />
        <RegionSelect value={regionOrgId} onChange={setRegionOrgId} />
        <Select
          allowClear
          placeholder={t('两个纲要', 'Both outlines')}
          value={outline}
          onChange={setOutline}
          style={{ width: 150 }}
          aria-label={t('纲要', 'Outline')}
          options={OUTLINES.map((o) => ({ value: o, label: OUTLINE_LABELS[o] }))}
        />
        {(year === 2025 || year === 2030) && (
          <Tag color="magenta">{year === 2025 ? t('中期评估', 'Mid-term') : t('终期评估', 'Final')}</Tag>
        )}
      </Flex>
      <QueryState loading={evaluation.isLoading} error={evaluation.error}>
        {e && (
          <>
            <Headline e={e} />
            <AreaChart e={e} />
            {OUTLINES.filter((o) => !outline || o === outline).map((o) => (
              <OutlineTable key={o} outline={o} rows={e.rows.filter((r) => r.indicator.outline === o)} />
            ))}
          </>
        )}
      </QueryState>
    </>
  );
}

function Headline({ e }: { e: IndicatorEvaluation }) {
  const { t } = useI18n();
  const c = e.counts;
  const good = c.met + c.improving;
  const bad = c.notMet + c.notImproving;
  // As the indicators.metRate fact and the Word report write it: two decimals, "—" when nothing has data.
  const rate = formatFactValue('rate', c.withData > 0 ? Math.round((good / c.withData) * 10000) / 100 : null);
  const cards: { key: string; label: string; value: string | number; note?: string; colour?: string }[] = [
    { key: 'total', label: t('指标总数', 'Indicators'), value: c.total },
    { key: 'withData', label: t('有数据', 'With data'), value: c.withData },
    {
      key: 'met',
      label: t('达标', 'Met'),
      value: good,
      note: c.improving ? t(`含向好 ${c.improving} 项`, `incl. ${c.improving} improving`) : undefined,
      colour: '#389e0d',
    },
    {
      key: 'notMet',
      label: t('未达标', 'Not met'),
      value: bad,
      note: c.notImproving ? t(`含未向好 ${c.notImproving} 项`, `incl. ${c.notImproving} not improving`) : undefined,
      colour: '#cf1322',
    },
    { key: 'noData', label: t('未填报', 'No data'), value: c.noData, colour: '#8c8c8c' },
    {
      key: 'rate',
      label: t('达标率', 'Met rate'),
      value: rate,
      note: t('（达标＋向好）÷ 有数据', '(met + improving) ÷ with data'),
      colour: '#c41d7f',
    },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      {cards.map((k) => (
        <Col xs={8} md={4} key={k.key}>
          <Card size="small" style={{ height: '100%' }} styles={{ body: { padding: '8px 12px' } }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {k.label}
            </Typography.Text>
            <div style={{ fontSize: 24, fontWeight: 600, color: k.colour, lineHeight: 1.3 }} data-testid={`count-${k.key}`}>
              {k.value}
            </div>
            {k.note && (
              <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                {k.note}
              </Typography.Text>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function AreaChart({ e }: { e: IndicatorEvaluation }) {
  const { t } = useI18n();
  const areas = [...e.byArea].filter((a) => a.total > 0).sort((a, b) => AREA_ORDER.get(a.area)! - AREA_ORDER.get(b.area)!);
  if (areas.length === 0) return null;
  const other = areas.map((a) => Math.max(0, a.total - a.met - a.notMet - a.noData));
  const series = [
    { name: t('达标/向好', 'Met'), color: '#52c41a', data: areas.map((a) => a.met) },
    { name: t('未达标/未向好', 'Not met'), color: '#ff4d4f', data: areas.map((a) => a.notMet) },
    ...(other.some((n) => n > 0) ? [{ name: t('无可比数据', 'No comparison'), color: '#91caff', data: other }] : []),
    { name: t('未填报', 'No data'), color: '#d9d9d9', data: areas.map((a) => a.noData) },
  ];
  const option = {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: areas.map((a) => `${areaOutline(a.area) === 'women' ? '妇女·' : '儿童·'}${shortArea(a.area)}`),
      axisLabel: { interval: 0, rotate: areas.length > 8 ? 40 : 0, fontSize: 11 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ type: 'bar', stack: 'n', name: s.name, itemStyle: { color: s.color }, data: s.data, barMaxWidth: 36 })),
  };
  return (
    <Card
      size="small"
      title={t('按领域', 'By area')}
      style={{ marginBottom: 12 }}
      styles={{ body: { height: 280 } }}
      data-testid="area-chart"
    >
      <Chart option={option} style={{ height: '100%' }} opts={{ renderer: 'svg' }} notMerge />
    </Card>
  );
}

type TableRow = IndicatorEvaluationRow & { areaSpan: number };

/** Desktop: area, indicator, target, value … ; phone: indicator, value, status first and no area column. */
function arrange(wide: boolean, columns: ColumnsType<TableRow>): ColumnsType<TableRow> {
  if (wide) return columns;
  const first = ['indicator', 'value', 'status'];
  return [
    ...first.map((k) => columns.find((c) => c.key === k)!),
    ...columns.filter((c) => c.key !== 'area' && !first.includes(String(c.key))),
  ];
}

function OutlineTable({ outline, rows }: { outline: Outline; rows: IndicatorEvaluationRow[] }) {
  const { t } = useI18n();
  // On a phone the area column gives way and value and status come first, so the figures show without scrolling.
  const wide = !!Grid.useBreakpoint().md;
  if (rows.length === 0) return null;
  // Grouped by area in the outline's order; the area cell spans its rows.
  const sorted = [...rows].sort((a, b) => AREA_ORDER.get(a.indicator.area)! - AREA_ORDER.get(b.indicator.area)!);
  const data: TableRow[] = sorted.map((r, i) => ({
    ...r,
    areaSpan:
      i > 0 && sorted[i - 1].indicator.area === r.indicator.area ? 0 : sorted.filter((x) => x.indicator.area === r.indicator.area).length,
  }));
  return (
    <Card size="small" title={OUTLINE_LABELS[outline]} style={{ marginBottom: 12 }} styles={{ body: { padding: 0 } }}>
      <Table<TableRow>
        rowKey={(r) => r.indicator.id}
        size="small"
        dataSource={data}
        pagination={false}
        scroll={{ x: wide ? 1090 : 900 }}
        bordered
        data-testid={`evaluation-table-${outline}`}
        onRow={(r) => ({ 'data-testid': `evaluation-row-${r.indicator.code}` }) as object}
        columns={arrange(wide, [
          {
            title: t('领域', 'Area'),
            key: 'area',
            width: 100,
            render: (_: unknown, r) => INDICATOR_AREA_LABELS[r.indicator.area],
            onCell: (r) => ({ rowSpan: r.areaSpan }),
          },
          {
            title: t('指标', 'Indicator'),
            key: 'indicator',
            width: wide ? 240 : 150,
            render: (_: unknown, r) => (
              <>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.indicator.code}{' '}
                </Typography.Text>
                {r.indicator.name}
                {!wide && <div style={{ fontSize: 12, color: '#8c8c8c' }}>{INDICATOR_AREA_LABELS[r.indicator.area]}</div>}
              </>
            ),
          },
          {
            title: t('目标', 'Target'),
            key: 'target',
            width: 140,
            render: (_: unknown, r) => (
              <>
                {r.indicator.targetText}
                {!r.indicator.targetVerified && (
                  <Tooltip title={t('目标值尚未与正式印发的规划核对', 'Not yet verified')}>
                    <Tag color="orange" style={{ marginInlineStart: 4 }}>
                      {t('未核实', 'Unverified')}
                    </Tag>
                  </Tooltip>
                )}
              </>
            ),
          },
          {
            title: t('本年值', 'Value'),
            key: 'value',
            width: wide ? 150 : 110,
            align: 'right',
            render: (_: unknown, r) => (
              <Flex gap={4} justify="flex-end" align="center" wrap>
                {r.basis === 'rolled_up' && (
                  <Tooltip
                    title={t(
                      `由 ${r.rolledUpFrom} 个乡镇（街道）已审核数据汇总${r.numerator != null ? `：${r.numerator.toLocaleString('zh-CN')} / ${r.denominator?.toLocaleString('zh-CN')}` : ''}`,
                      `Rolled up from ${r.rolledUpFrom}`,
                    )}
                  >
                    <Tag color="purple" data-testid="rolled-up">
                      {t(`汇总${r.rolledUpFrom}个镇街`, `Σ ${r.rolledUpFrom}`)}
                    </Tag>
                  </Tooltip>
                )}
                <Typography.Text strong data-testid="evaluation-value">
                  {formatIndicatorValue(r.value, r.indicator)}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('上年值', 'Last year'),
            key: 'previous',
            width: 100,
            align: 'right',
            render: (_: unknown, r) => formatIndicatorValue(r.previousValue, r.indicator),
          },
          { title: t('评估', 'Status'), key: 'status', width: 80, render: (_: unknown, r) => <EvaluationTag status={r.status} /> },
          {
            title: t('分组数据', 'Breakdowns'),
            key: 'breakdowns',
            width: 150,
            render: (_: unknown, r) =>
              r.breakdowns.length === 0 ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : (
                <div style={{ fontSize: 12, lineHeight: 1.5 }}>
                  {r.breakdowns.map((b) => (
                    <div key={b.breakdown}>
                      {INDICATOR_BREAKDOWN_LABELS[b.breakdown]} {formatIndicatorValue(b.value, r.indicator)}
                    </div>
                  ))}
                </div>
              ),
          },
          {
            title: t('责任单位', 'Responsible'),
            key: 'unit',
            width: 130,
            ellipsis: true,
            render: (_: unknown, r) => r.indicator.responsibleOrgName,
          },
        ])}
      />
    </Card>
  );
}
