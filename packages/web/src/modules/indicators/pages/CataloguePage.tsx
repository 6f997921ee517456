import { ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Flex, Grid, Input, Select, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import {
  areaOutline,
  INDICATOR_AREA_LABELS,
  INDICATOR_AREAS,
  INDICATOR_BREAKDOWN_LABELS,
  OUTLINE_LABELS,
  OUTLINES,
  type Indicator,
  type IndicatorArea,
  type Outline,
} from '@jinguo/domain';
import { useState } from 'react';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState, useDebounced } from '../../../ui';
import { useIndicatorMutations, useIndicatorRegions, useIndicators } from '../api';
import { unitText } from '../components/common';
import { IndicatorDrawer } from './IndicatorDrawer';

/** 指标体系: the district's 两纲 indicator catalogue, with targets, responsible member units and what is unverified. */
export function CataloguePage() {
  const { t } = useI18n();
  // Fixed columns only where there is room for them: on a phone they would cover the table.
  const wide = !!Grid.useBreakpoint().md;
  const can = useCan();
  const { message, modal } = App.useApp();
  const [outline, setOutline] = useState<Outline>();
  const [area, setArea] = useState<IndicatorArea>();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [inactive, setInactive] = useState(false);
  const list = useIndicators({ outline, area, q: q || undefined, includeInactive: inactive ? 'true' : undefined });
  const regions = useIndicatorRegions();
  const m = useIndicatorMutations();
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  const approver = can('indicators.approve');
  // The catalogue belongs to the caller's federation: the first of their regions that is one.
  const owner = regions.data?.find((r) => r.kind === 'federation') ?? regions.data?.[0];

  const importDefaults = () => {
    if (!owner) return;
    modal.confirm({
      title: t('导入国家纲要指标', 'Import the national indicators'),
      content: t(
        `将把国家妇女、儿童发展纲要（2021—2030年）的主要监测指标加入“${owner.name}”的指标体系；已有相同代码的指标不会重复导入，也不会被覆盖。`,
        'Adds the missing national indicators; existing codes are kept.',
      ),
      okText: t('导入', 'Import'),
      onOk: async () => {
        try {
          const r = await m.importDefaults.mutateAsync(owner.id);
          message.success(
            r.added > 0 ? t(`已导入 ${r.added} 项指标`, `${r.added} added`) : t('没有需要导入的指标（均已存在）', 'Nothing to add'),
          );
        } catch (e) {
          message.error(applyServerErrors(null, e));
          throw e;
        }
      },
    });
  };
  const toggleActive = async (i: Indicator) => {
    try {
      await m.update.mutateAsync({ id: i.id, ifMatch: i.version, active: !i.active });
      message.success(i.active ? t('已停用', 'Deactivated') : t('已启用', 'Activated'));
    } catch (e) {
      message.error(applyServerErrors(null, e));
    }
  };

  const areas = INDICATOR_AREAS.filter((a) => !outline || a.outline === outline);
  const rows = list.data ?? [];
  const unverified = rows.filter((i) => !i.targetVerified).length;

  return (
    <>
      <PageHeader
        title={t('指标体系', 'Indicator catalogue')}
        subtitle={t(
          '妇女、儿童发展规划（两纲）统计监测指标：目标值、责任单位、分组和口径',
          'The indicators of the two outlines: targets, responsible units, breakdowns, definitions',
        )}
        extra={
          approver && (
            <>
              <Button icon={<ImportOutlined />} onClick={importDefaults} disabled={!owner} data-testid="import-defaults">
                {t('导入国家纲要指标', 'Import national indicators')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-indicator">
                {t('新增指标', 'Add indicator')}
              </Button>
            </>
          )
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('全部纲要', 'Both outlines')}
          value={outline}
          onChange={(v) => {
            setOutline(v);
            if (v && area && areaOutline(area) !== v) setArea(undefined);
          }}
          style={{ width: 150 }}
          aria-label={t('纲要', 'Outline')}
          options={OUTLINES.map((o) => ({ value: o, label: OUTLINE_LABELS[o] }))}
        />
        <Select
          allowClear
          placeholder={t('全部领域', 'All areas')}
          value={area}
          onChange={setArea}
          style={{ width: 180 }}
          aria-label={t('领域', 'Area')}
          options={areas.map((a) => ({ value: a.code, label: a.label }))}
        />
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('指标名称或代码', 'Name or code')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ width: 200 }}
        />
        <Flex gap={6} align="center">
          <Switch size="small" checked={inactive} onChange={setInactive} aria-label={t('显示已停用', 'Show inactive')} />
          <Typography.Text>{t('显示已停用', 'Show inactive')}</Typography.Text>
        </Flex>
        {rows.length > 0 && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
            {t(`共 ${rows.length} 项`, `${rows.length}`)}
            {unverified > 0 && t(`，其中 ${unverified} 项目标值未核实`, `, ${unverified} unverified`)}
          </Typography.Text>
        )}
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<Indicator>
          rowKey="id"
          size="small"
          dataSource={rows}
          scroll={{ x: 1100 }}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{
            emptyText: approver
              ? t('指标体系为空：可点击“导入国家纲要指标”', 'Empty: import the national indicators')
              : t('暂无指标', 'No indicators'),
          }}
          rowClassName={(i) => (i.active ? '' : 'indicator-inactive')}
          data-testid="indicators-table"
          columns={[
            { title: t('代码', 'Code'), dataIndex: 'code', width: 80, fixed: wide ? 'left' : undefined },
            {
              title: t('指标', 'Indicator'),
              dataIndex: 'name',
              width: 260,
              render: (name: string, i) => (
                <>
                  {i.definition ? (
                    <Tooltip title={i.definition}>
                      <span style={{ borderBottom: '1px dashed #bbb' }}>{name}</span>
                    </Tooltip>
                  ) : (
                    name
                  )}
                  {!i.active && <Tag style={{ marginInlineStart: 6 }}>{t('已停用', 'Inactive')}</Tag>}
                </>
              ),
            },
            {
              title: t('领域', 'Area'),
              dataIndex: 'area',
              width: 150,
              render: (a: IndicatorArea) => <Tag color={areaOutline(a) === 'women' ? 'magenta' : 'cyan'}>{INDICATOR_AREA_LABELS[a]}</Tag>,
            },
            { title: t('单位', 'Unit'), key: 'unit', width: 70, render: (_: unknown, i) => unitText(i) },
            {
              title: t('目标', 'Target'),
              key: 'target',
              width: 170,
              render: (_: unknown, i) => (
                <Flex gap={4} wrap align="center">
                  <span>{i.targetText}</span>
                  {!i.targetVerified && (
                    <Tooltip title={t('目标值尚未与正式印发的规划核对', 'Not yet checked against the issued plan')}>
                      <Tag color="orange" data-testid="unverified">
                        {t('未核实', 'Unverified')}
                      </Tag>
                    </Tooltip>
                  )}
                </Flex>
              ),
            },
            { title: t('目标年', 'Year'), dataIndex: 'targetYear', width: 70 },
            {
              title: t('基期', 'Baseline'),
              key: 'baseline',
              width: 110,
              render: (_: unknown, i) =>
                i.baselineValue == null ? '—' : `${i.baselineValue}${unitText(i)}${i.baselineYear ? `（${i.baselineYear}）` : ''}`,
            },
            { title: t('责任单位', 'Responsible unit'), dataIndex: 'responsibleOrgName', width: 150, ellipsis: true },
            {
              title: t('分组', 'Breakdowns'),
              dataIndex: 'breakdowns',
              width: 130,
              render: (b: Indicator['breakdowns']) => b.map((x) => INDICATOR_BREAKDOWN_LABELS[x]).join('、'),
            },
            {
              title: t('波动阈值', 'Threshold'),
              dataIndex: 'reviewThresholdPercent',
              width: 80,
              align: 'right',
              render: (v: number) => `${v}%`,
            },
            ...(approver
              ? [
                  {
                    title: '',
                    key: 'ops',
                    width: 100,
                    fixed: wide ? ('right' as const) : undefined,
                    render: (_: unknown, i: Indicator) => (
                      <Flex gap={8}>
                        <Typography.Link onClick={() => setEditing(i)} data-testid="edit-indicator">
                          {t('编辑', 'Edit')}
                        </Typography.Link>
                        <Typography.Link type={i.active ? 'danger' : undefined} onClick={() => toggleActive(i)}>
                          {i.active ? t('停用', 'Deactivate') : t('启用', 'Activate')}
                        </Typography.Link>
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </QueryState>
      <style>{'.indicator-inactive td { color: #999; }'}</style>
      {editing && (
        <IndicatorDrawer indicator={editing === 'new' ? null : editing} ownerOrgId={owner?.id ?? null} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
