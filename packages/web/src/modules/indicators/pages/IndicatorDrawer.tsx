import { App, Button, Checkbox, Col, Drawer, Flex, Form, Grid, Input, InputNumber, Row, Select, Switch } from 'antd';
import {
  directionNeedsTarget,
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
} from '@jinguo/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, useStaleEditHandler } from '../../../ui';
import { useIndicatorMutations } from '../api';

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

export type IndicatorForm = Omit<CreateIndicator, 'ownerOrgId' | 'breakdowns'> & { breakdowns: string[]; active?: boolean };

/** Adds or edits one indicator: every field of the contract, the server's messages on the fields. */
export function IndicatorDrawer({
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
