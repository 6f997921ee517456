import { InfoCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, InputNumber, Row, Tooltip, Typography } from 'antd';
import type { FactsOut, FactValueOut } from '@jinguo/domain';
import { Chart } from '../../../ui/Chart';
import { useState } from 'react';
import { api, qs } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState } from '../../../ui';
import { RecordsDrawer, type RecordsTarget } from '../../reports/public';

const HEADLINES = [
  'cases.received',
  'cases.accepted',
  'cases.closed',
  'cases.closureRate',
  'cases.onTimeRate',
  'cases.meanDaysToClose',
  'cases.diverted',
  'cases.tribunalFilings',
  'cases.legalConsultations',
  'cases.referrals.meanDaysToAnswer',
];
const BREAKDOWNS = ['cases.received.byChannel', 'cases.received.byCategory', 'cases.received.byUnit', 'cases.referrals.byAgency'];
const COLOURS = ['#c41d7f', '#eb2f96', '#f759ab', '#ff85c0', '#722ed1', '#2f54eb', '#13c2c2', '#52c41a', '#faad14'];

/** 维权统计: the module's figures for a year, each with its definition and a click to the records behind it. */
export function CaseStatsPage() {
  const { t } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const [target, setTarget] = useState<RecordsTarget | null>(null);
  const facts = useQuery({
    queryKey: ['cases', 'stats', year],
    queryFn: () => api.get<FactsOut>(`/api/facts${qs({ year, f: [...HEADLINES, ...BREAKDOWNS] })}`),
  });
  const by = new Map((facts.data?.facts ?? []).map((f) => [f.ref, f]));
  const open = (f: FactValueOut, params: Record<string, string> = {}, title?: string) =>
    setTarget({ name: f.name, params, year, title: title ?? f.label.zh });

  const chart = (ref: string, type: 'pie' | 'bar', paramKey?: string) => {
    const f = by.get(ref);
    const data = (f?.breakdown ?? []).filter((b) => type === 'bar' || b.value > 0);
    const option =
      type === 'pie'
        ? {
            color: COLOURS,
            tooltip: { trigger: 'item' },
            legend: { bottom: 0, type: 'scroll' },
            series: [
              {
                type: 'pie',
                radius: ['40%', '68%'],
                top: 0,
                bottom: 32,
                label: { formatter: '{b}\n{c}件' },
                data: data.map((b) => ({ name: b.label, value: b.value, key: b.key })),
              },
            ],
          }
        : {
            color: COLOURS,
            tooltip: { trigger: 'axis' },
            grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', inverse: true, data: data.map((b) => b.label), axisLabel: { width: 110, overflow: 'truncate' } },
            series: [{ type: 'bar', data: data.map((b) => ({ value: b.value, key: b.key })), label: { show: true, position: 'right' } }],
          };
    return (
      <Card
        size="small"
        title={
          <Flex gap={6} align="center">
            {f?.label.zh ?? ref}
            <Tooltip title={f?.definition}>
              <InfoCircleOutlined style={{ color: '#8c8c8c' }} />
            </Tooltip>
          </Flex>
        }
        styles={{ body: { height: type === 'pie' ? 300 : Math.max(220, data.length * 28 + 40) } }}
      >
        {data.length === 0 ? (
          <Typography.Text type="secondary">{t('本年暂无数据', 'No data this year')}</Typography.Text>
        ) : (
          <Chart
            option={option}
            style={{ height: '100%' }}
            onEvents={{
              click: (p: { data: { key: string }; name: string }) =>
                f && paramKey && open(f, { [paramKey]: p.data.key }, `${f.label.zh}：${p.name}`),
            }}
            opts={{ renderer: 'svg' }}
          />
        )}
      </Card>
    );
  };

  return (
    <>
      <PageHeader
        title={t('维权统计', 'Rights casework figures')}
        subtitle={t('点击数字查看明细；各项口径见说明', 'Click a figure for its records')}
        extra={
          <InputNumber
            value={year}
            min={2000}
            max={2100}
            onChange={(v) => v && setYear(v)}
            addonBefore={t('年份', 'Year')}
            style={{ width: 150 }}
            data-testid="stats-year"
          />
        }
      />
      <QueryState loading={facts.isLoading} error={facts.error}>
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          {HEADLINES.map((ref) => {
            const f = by.get(ref);
            if (!f) return null;
            return (
              <Col xs={12} sm={8} lg={6} xl={4} key={ref}>
                <Card size="small" hoverable onClick={() => open(f)} style={{ height: '100%' }} data-testid={`stat-${ref}`}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {f.label.zh}
                  </Typography.Text>
                  <div style={{ fontSize: 26, fontWeight: 600, color: '#c41d7f' }}>
                    <span data-testid={`stat-value-${ref}`}>
                      {f.kind === 'count' && f.value != null && !Number.isInteger(f.value) ? f.value.toFixed(1) : f.text}
                    </span>
                    {f.kind !== 'rate' && f.value != null && (
                      <span style={{ fontSize: 13, marginLeft: 2, color: '#8c8c8c' }}>{f.unit}</span>
                    )}
                  </div>
                  {f.kind === 'rate' && f.denominator != null && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {f.numerator} / {f.denominator}
                    </Typography.Text>
                  )}
                  <Typography.Paragraph
                    type="secondary"
                    style={{ fontSize: 11, margin: '4px 0 0' }}
                    ellipsis={{ rows: 2, tooltip: f.definition }}
                  >
                    {f.definition}
                  </Typography.Paragraph>
                </Card>
              </Col>
            );
          })}
        </Row>
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={12}>
            {chart('cases.received.byChannel', 'pie', 'channel')}
          </Col>
          <Col xs={24} lg={12}>
            {chart('cases.received.byCategory', 'bar', 'category')}
          </Col>
          <Col xs={24} lg={12}>
            {chart('cases.received.byUnit', 'bar')}
          </Col>
          <Col xs={24} lg={12}>
            {chart('cases.referrals.byAgency', 'bar', 'agencyOrgId')}
          </Col>
        </Row>
      </QueryState>
      <RecordsDrawer target={target} onClose={() => setTarget(null)} />
    </>
  );
}
