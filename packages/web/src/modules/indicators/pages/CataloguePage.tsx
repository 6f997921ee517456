import { ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  Col,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  areaOutline,
  directionNeedsTarget,
  INDICATOR_AREA_LABELS,
  INDICATOR_AREAS,
  INDICATOR_BREAKDOWN_LABELS,
  INDICATOR_BREAKDOWNS,
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_DIRECTIONS,
  INDICATOR_UNIT_META,
  INDICATOR_UNITS,
  OUTLINE_LABELS,
  OUTLINES,
  type CreateIndicator,
  type Indicator,
  type IndicatorArea,
  type Outline,
} from '@jinguo/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, PageHeader, QueryState, useDebounced, useStaleEditHandler } from '../../../ui';
import { useIndicatorMutations, useIndicatorRegions, useIndicators } from '../api';
import { unitText } from '../components/common';

const UNIT_NAMES: Record<(typeof INDICATOR_UNITS)[number], string> = {
  percent: '百分比（%）',
  permille: '千分比（‰）',
  per_1000: '每千人',
  per_100k: '每10万（/10万）',
  number: '数值（人、个、元…）',
};
const DIRECTION_NAMES: Record<(typeof INDICATOR_DIRECTIONS)[number], string> = {
  gte: '≥ 不低于',
  gt: '> 高于',
  lte: '≤ 不高于',
  lt: '< 低于',
  about: '左右（允许偏差）',
  rising: '逐步提高',
  falling: '逐步降低',
};

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

type IndicatorForm = Omit<CreateIndicator, 'ownerOrgId' | 'breakdowns'> & { breakdowns: string[]; active?: boolean };

/** Adds or edits one indicator: every field of the contract, the server's messages on the fields. */
function IndicatorDrawer({
  indicator,
  ownerOrgId,
  onClose,
}: {
  indicator: Indicator | null;
  ownerOrgId: string | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const m = useIndicatorMutations();
  const onStale = useStaleEditHandler();
  const qc = useQueryClient();
  const [form] = Form.useForm<IndicatorForm>();
  const unit = Form.useWatch('unit', form);
  const direction = Form.useWatch('direction', form);
  const saving = m.create.isPending || m.update.isPending;

  const initial: Partial<IndicatorForm> = indicator
    ? {
        code: indicator.code,
        area: indicator.area,
        name: indicator.name,
        unit: indicator.unit,
        unitLabel: indicator.unitLabel,
        direction: indicator.direction,
        target: indicator.target,
        tolerance: indicator.tolerance,
        targetYear: indicator.targetYear,
        baselineYear: indicator.baselineYear,
        baselineValue: indicator.baselineValue,
        responsibleOrgId: indicator.responsibleOrgId,
        breakdowns: indicator.breakdowns,
        reviewThresholdPercent: indicator.reviewThresholdPercent,
        definition: indicator.definition,
        targetVerified: indicator.targetVerified,
        active: indicator.active,
      }
    : {
        unit: 'percent',
        direction: 'gte',
        targetYear: 2030,
        breakdowns: ['total'],
        reviewThresholdPercent: 20,
        targetVerified: false,
        responsibleOrgId: ownerOrgId ?? undefined,
      };

  const save = async (v: IndicatorForm) => {
    const body = {
      area: v.area,
      name: v.name,
      unit: v.unit,
      unitLabel: v.unit === 'number' ? (v.unitLabel?.trim() ?? null) : null,
      direction: v.direction,
      target: v.direction && directionNeedsTarget(v.direction) ? (v.target ?? null) : null,
      tolerance: v.direction === 'about' ? (v.tolerance ?? null) : null,
      targetYear: v.targetYear,
      baselineYear: v.baselineYear ?? null,
      baselineValue: v.baselineValue ?? null,
      responsibleOrgId: v.responsibleOrgId,
      breakdowns: ['total', ...INDICATOR_BREAKDOWNS.filter((b) => b !== 'total' && v.breakdowns.includes(b))] as Indicator['breakdowns'],
      reviewThresholdPercent: v.reviewThresholdPercent,
      definition: v.definition?.trim() || null,
      targetVerified: !!v.targetVerified,
    };
    try {
      if (indicator) await m.update.mutateAsync({ id: indicator.id, ifMatch: indicator.version, ...body, active: !!v.active });
      else await m.create.mutateAsync({ ...body, ownerOrgId: ownerOrgId!, code: v.code });
      message.success(t('已保存', 'Saved'));
      onClose();
    } catch (e) {
      if (onStale(e, () => qc.invalidateQueries().then(onClose))) return;
      message.error(applyServerErrors(form, e));
    }
  };

  const areaOptions = OUTLINES.map((o) => ({
    label: OUTLINE_LABELS[o],
    options: INDICATOR_AREAS.filter((a) => a.outline === o).map((a) => ({ value: a.code, label: a.label })),
  }));
  return (
    <Drawer
      open
      onClose={onClose}
      title={indicator ? t(`编辑指标：${indicator.code} ${indicator.name}`, `Edit ${indicator.code}`) : t('新增指标', 'Add indicator')}
      size={screens.md ? 640 : '100%'}
      destroyOnHidden
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="save-indicator">
          {t('保存', 'Save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} scrollToFirstError data-testid="indicator-form">
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item
              name="code"
              label={t('指标代码', 'Code')}
              rules={[{ required: !indicator, whitespace: true, message: t('请填写指标代码', 'Required') }]}
              extra={indicator ? t('代码不可修改', 'Fixed') : undefined}
            >
              <Input maxLength={32} disabled={!!indicator} placeholder="W1.1" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="area" label={t('领域', 'Area')} rules={[{ required: true, message: t('请选择领域', 'Required') }]}>
              <Select options={areaOptions} placeholder={t('所属纲要和领域', 'Outline and area')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="name"
          label={t('指标名称', 'Name')}
          rules={[{ required: true, whitespace: true, message: t('请填写指标名称', 'Required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="unit" label={t('计量单位', 'Unit')} rules={[{ required: true }]}>
              <Select options={INDICATOR_UNITS.map((u) => ({ value: u, label: UNIT_NAMES[u] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            {unit === 'number' && (
              <Form.Item
                name="unitLabel"
                label={t('单位名称', 'Unit label')}
                rules={[{ required: true, whitespace: true, message: t('请填写单位名称（如 人、个、元）', 'Required') }]}
              >
                <Input maxLength={10} placeholder={t('人、个、元、岁…', 'e.g. persons')} />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="direction" label={t('目标方向', 'Direction')} rules={[{ required: true }]}>
              <Select options={INDICATOR_DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_NAMES[d] }))} />
            </Form.Item>
          </Col>
          {direction && directionNeedsTarget(direction) && (
            <Col xs={12} sm={8}>
              <Form.Item
                name="target"
                label={t('目标值', 'Target')}
                rules={[{ required: true, message: t(`目标方向为“${INDICATOR_DIRECTION_LABELS[direction]}”时须填写目标值`, 'Required') }]}
              >
                <InputNumber style={{ width: '100%' }} suffix={unit && unit !== 'number' ? INDICATOR_UNIT_META[unit].label : undefined} />
              </Form.Item>
            </Col>
          )}
          {direction === 'about' && (
            <Col xs={12} sm={8}>
              <Form.Item name="tolerance" label={t('允许偏差', 'Tolerance')} extra={t('不填按目标值的5%', 'Default 5 % of the target')}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Row gutter={12}>
          <Col xs={8}>
            <Form.Item name="targetYear" label={t('目标年份', 'Target year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="baselineYear" label={t('基期年份', 'Baseline year')}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="baselineValue" label={t('基期值', 'Baseline')}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="responsibleOrgId"
          label={t('责任单位（成员单位）', 'Responsible member unit')}
          rules={[{ required: true, message: t('请选择责任单位', 'Required') }]}
        >
          <OrgUnitSelect kind={['department', 'federation']} allowClear={false} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={16}>
            <Form.Item
              name="breakdowns"
              label={t('填报分组', 'Breakdowns')}
              extra={t('“合计”必填；按性别或城乡分组的，另填分组数', '“Total” is always reported')}
            >
              <Checkbox.Group
                options={INDICATOR_BREAKDOWNS.map((b) => ({ value: b, label: INDICATOR_BREAKDOWN_LABELS[b], disabled: b === 'total' }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="reviewThresholdPercent"
              label={t('波动阈值', 'Review threshold')}
              rules={[{ required: true }]}
              tooltip={t('与上年相比变化超过该比例的，报送时须说明原因', 'A larger change from last year must be explained')}
            >
              <InputNumber min={1} max={1000} precision={0} suffix="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="definition" label={t('口径和数据来源', 'Definition and source')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Flex gap={24} wrap>
          <Form.Item
            name="targetVerified"
            valuePropName="checked"
            label={t('目标值已核实', 'Target verified')}
            tooltip={t('已与正式印发的规划核对', 'Checked against the issued plan')}
          >
            <Switch />
          </Form.Item>
          {indicator && (
            <Form.Item name="active" valuePropName="checked" label={t('启用', 'Active')}>
              <Switch />
            </Form.Item>
          )}
        </Flex>
      </Form>
    </Drawer>
  );
}
