import { ArrowDownOutlined, ArrowUpOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, Col, Drawer, Empty, Grid, Row, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Chart } from '../../../ui/Chart';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { formatFactValue, type DashboardHeadline } from '@jinguo/domain';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState } from '../../../ui';
import { useDashboard } from '../api';
import { moduleLabel } from '../components/labels';
import { RecordsDrawer, type RecordsTarget } from '../components/RecordsDrawer';
import { ScopePicker } from '../components/ScopePicker';

/** A figure's value with its unit where the text does not carry one ("78 件", "14000元", "35.42%"). */
export function valueWithUnit(h: { text: string; kind: string; unit: string; status: string }) {
  if (h.status !== 'ok' || h.kind === 'money' || h.kind === 'rate' || h.text === '—') return h.text;
  return `${h.text} ${h.unit}`;
}

function Change({ h }: { h: DashboardHeadline }) {
  const { t } = useI18n();
  if (h.change == null) return <Typography.Text type="secondary">{t('同比：—', 'YoY: —')}</Typography.Text>;
  const color = h.change > 0 ? '#cf1322' : h.change < 0 ? '#389e0d' : undefined;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('上年', 'Last year')} {h.previousText}
      {h.change !== 0 && (
        <span style={{ color, marginLeft: 6 }}>
          {h.change > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />}{' '}
          {h.kind === 'money' ? formatFactValue('money', Math.abs(h.change)) : Math.abs(h.change)}
          {h.kind === 'rate' ? t('个百分点', ' pts') : ''}
        </span>
      )}
    </Typography.Text>
  );
}

type Part = { key: string; label: string; value: number };

/**
 * A breakdown as its parts: one bar per part (channel, category, unit), each a button to the records it counts.
 * Plain HTML bars, so the card needs no chart code and every part can be read, tabbed to and clicked.
 */
function Parts({ parts, unit, testId, onPart }: { parts: Part[]; unit: string; testId: string; onPart: (p: Part) => void }) {
  const max = Math.max(1, ...parts.map((p) => p.value));
  return (
    <div data-testid={testId} style={{ marginTop: 6, display: 'grid', gap: 2 }}>
      {parts.map((p) => (
        <button
          key={p.key}
          type="button"
          data-testid={`part-${p.key}`}
          onClick={(e) => {
            e.stopPropagation();
            onPart(p);
          }}
          style={{
            display: 'grid',
            gridTemplateColumns: 'minmax(72px, 40%) 1fr auto',
            alignItems: 'center',
            gap: 6,
            padding: '1px 2px',
            border: 0,
            background: 'none',
            cursor: 'pointer',
            font: 'inherit',
            fontSize: 12,
            textAlign: 'left',
          }}
        >
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={p.label}>
            {p.label}
          </span>
          <span style={{ height: 8, background: '#f5f5f5', borderRadius: 4 }}>
            <span style={{ display: 'block', height: 8, width: `${(p.value / max) * 100}%`, background: '#c41d7f', borderRadius: 4 }} />
          </span>
          <span style={{ color: '#c41d7f', minWidth: 36, textAlign: 'right' }}>
            {p.value} {unit}
          </span>
        </button>
      ))}
    </div>
  );
}

/** Headline figures for a year and unit, against the previous year; a chosen figure by month and by township/street. */
export function DashboardPage() {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const [sp, setSp] = useSearchParams();
  const year = Number(sp.get('year')) || new Date().getFullYear();
  const org = sp.get('org') ?? undefined;
  const fact = sp.get('fact') ?? undefined;
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const [records, setRecords] = useState<RecordsTarget | null>(null);
  const q = useDashboard(year, org, fact);
  const d = q.data;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
    setSp(next, { replace: true });
  };
  const groups = useMemo(() => {
    const m = new Map<string, DashboardHeadline[]>();
    for (const h of d?.headlines ?? []) m.set(h.module, [...(m.get(h.module) ?? []), h]);
    return [...m.entries()].sort(([a], [b]) => (a === 'org' ? 1 : b === 'org' ? -1 : 0));
  }, [d]);
  const focus = d?.focus;
  const open = (h: { name: string; params: Record<string, string>; label: { zh: string } }, extra: Partial<RecordsTarget> = {}) =>
    setRecords({ name: h.name, params: h.params, year, org: d?.org.id, title: h.label.zh, ...extra });

  return (
    <div>
      <PageHeader
        title={t('数据看板', 'Dashboard')}
        subtitle={d ? `${d.org.name} · ${year}${t('年', '')}` : undefined}
        extra={<ScopePicker year={year} org={org} onChange={(v) => set({ year: String(v.year), org: v.org })} />}
      />
      <QueryState
        loading={q.isLoading}
        error={q.error}
        empty={!!d && d.headlines.length === 0}
        emptyText={t('暂无可查看的数据项', 'No figures you may read')}
      >
        {groups.map(([module, list]) => (
          <div key={module} style={{ marginBottom: 16 }}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t(moduleLabel(module).zh, moduleLabel(module).en)}
            </Typography.Title>
            <Row gutter={[12, 12]}>
              {list.map((h) => {
                const parts = h.kind === 'breakdown' && h.status === 'ok' ? (h.breakdown ?? []) : [];
                return (
                  <Col key={h.ref} {...(parts.length ? { xs: 24, md: 12, xl: 8 } : { xs: 12, sm: 8, md: 6, xl: 4 })}>
                    <Card
                      size="small"
                      hoverable
                      data-testid={`headline-${h.name}`}
                      onClick={() => set({ fact: h.ref })}
                      style={{ borderColor: fact === h.ref ? '#c41d7f' : undefined, height: '100%' }}
                      styles={{ body: { padding: 12 } }}
                    >
                      {/* The whole title, wrapped if need be; the definition on hover. */}
                      <Tooltip title={h.definition}>
                        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13, whiteSpace: 'normal' }}>
                          {t(h.label.zh, h.label.en)}
                        </Typography.Text>
                      </Tooltip>
                      <div style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: 4 }}>
                        <Typography.Link
                          style={{ fontSize: 22, fontWeight: 600 }}
                          onClick={(e) => {
                            e.stopPropagation();
                            open(h);
                          }}
                        >
                          {valueWithUnit(h)}
                        </Typography.Link>
                      </div>
                      {parts.length > 0 ? (
                        <Parts
                          parts={parts}
                          unit={h.unit}
                          testId={`parts-${h.name}`}
                          onPart={(p) =>
                            open(h, {
                              params: h.partParam ? { ...h.params, [h.partParam]: p.key } : h.params,
                              title: `${h.label.zh} · ${p.label}`,
                            })
                          }
                        />
                      ) : (
                        <Change h={h} />
                      )}
                    </Card>
                  </Col>
                );
              })}
            </Row>
          </div>
        ))}
      </QueryState>
      {/* A card's detail opens beside it, where the eye is, not at the foot of a long page. */}
      <Drawer
        // Open once the chosen figure's detail is here (not the previous one's, kept while it loads).
        open={!!fact && !!focus && (focus.fact.ref === fact || !q.isPlaceholderData)}
        onClose={() => set({ fact: undefined })}
        width={screens.md ? 880 : '100%'}
        title={
          focus && (
            <Space wrap>
              {focus.fact.label.zh}
              <Tag>{valueWithUnit(focus.fact)}</Tag>
            </Space>
          )
        }
        extra={
          focus && (
            <Space>
              <Segmented
                size="small"
                value={view}
                onChange={(v) => setView(v as 'chart' | 'table')}
                options={[
                  { label: t('图表', 'Chart'), value: 'chart' },
                  { label: t('表格', 'Table'), value: 'table' },
                ]}
              />
              <Button size="small" icon={<UnorderedListOutlined />} onClick={() => open(focus.fact)}>
                {t('明细', 'Records')}
              </Button>
            </Space>
          )
        }
      >
        {focus && (
          <Row gutter={[16, 16]} data-testid="focus-detail">
            <Col xs={24} lg={12}>
              <Typography.Text strong>{t('逐月趋势（与上年同期）', 'By month (vs last year)')}</Typography.Text>
              {view === 'chart' ? (
                <Chart
                  style={{ height: 280 }}
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { data: [`${year}`, `${year - 1}`], bottom: 0 },
                    grid: { left: 40, right: 16, top: 24, bottom: 48 },
                    xAxis: { type: 'category', data: focus.months.map((m) => `${m.month}${t('月', '')}`) },
                    yAxis: { type: 'value' },
                    series: [
                      {
                        name: `${year}`,
                        type: 'line',
                        smooth: true,
                        data: focus.months.map((m) => m.value),
                        itemStyle: { color: '#c41d7f' },
                      },
                      {
                        name: `${year - 1}`,
                        type: 'line',
                        smooth: true,
                        data: focus.months.map((m) => m.previous),
                        lineStyle: { type: 'dashed' },
                        itemStyle: { color: '#8c8c8c' },
                      },
                    ],
                  }}
                  onEvents={{
                    click: (p: { dataIndex: number; seriesName: string }) =>
                      open(focus.fact, { month: p.dataIndex + 1, year: Number(p.seriesName) || year }),
                  }}
                />
              ) : (
                <Table
                  size="small"
                  pagination={false}
                  rowKey="month"
                  dataSource={focus.months}
                  onRow={(m) => ({ onClick: () => open(focus.fact, { month: m.month }), style: { cursor: 'pointer' } })}
                  columns={[
                    { key: 'm', title: t('月份', 'Month'), dataIndex: 'month', render: (m: number) => `${m}${t('月', '')}` },
                    { key: 'v', title: `${year}`, dataIndex: 'value', align: 'right', render: (v: number | null) => v ?? '—' },
                    { key: 'p', title: `${year - 1}`, dataIndex: 'previous', align: 'right', render: (v: number | null) => v ?? '—' },
                  ]}
                />
              )}
            </Col>
            <Col xs={24} lg={12}>
              <Typography.Text strong>{t('分乡镇（街道）', 'By township / street')}</Typography.Text>
              {focus.units.length === 0 ? (
                <Empty description={t('该单位没有下级乡镇或街道', 'No townships or streets below this unit')} />
              ) : view === 'chart' ? (
                <Chart
                  style={{ height: Math.max(280, focus.units.length * 22) }}
                  option={{
                    tooltip: { trigger: 'axis' },
                    grid: { left: screens.md ? 90 : 72, right: 24, top: 8, bottom: 24 },
                    xAxis: { type: 'value' },
                    yAxis: { type: 'category', inverse: true, data: focus.units.map((u) => u.org.name) },
                    series: [
                      {
                        type: 'bar',
                        // The unit's own (本级) bar in grey: the rest of the total, in no township or street.
                        data: focus.units.map((u) => ({ value: u.value, itemStyle: { color: u.own ? '#8c8c8c' : '#c41d7f' } })),
                      },
                    ],
                  }}
                  onEvents={{
                    click: (p: { dataIndex: number }) => {
                      const u = focus.units[p.dataIndex];
                      if (!u.own) open(focus.fact, { org: u.org.id, title: `${focus.fact.label.zh} · ${u.org.name}` });
                    },
                  }}
                />
              ) : (
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(u) => u.org.id}
                  dataSource={focus.units}
                  onRow={(u) =>
                    u.own
                      ? {}
                      : {
                          onClick: () => open(focus.fact, { org: u.org.id, title: `${focus.fact.label.zh} · ${u.org.name}` }),
                          style: { cursor: 'pointer' },
                        }
                  }
                  columns={[
                    { key: 'n', title: t('单位', 'Unit'), render: (_, u) => u.org.name },
                    { key: 'v', title: t('数值', 'Value'), align: 'right', render: (_, u) => u.text },
                  ]}
                />
              )}
            </Col>
          </Row>
        )}
      </Drawer>
      <RecordsDrawer target={records} onClose={() => setRecords(null)} />
    </div>
  );
}
