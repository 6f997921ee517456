import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { MoneyInput } from '../../../ui';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import {
  ACTIVITY_TYPE_LABELS,
  ACTIVITY_TYPES,
  formatFen,
  PARTICIPANT_GROUP_LABELS,
  PARTICIPANT_GROUPS,
  RESOURCE_CATEGORIES,
  RESOURCE_CATEGORY_LABELS,
  type ActivityEvent,
  type CreateEvent,
  type ResourceLineInput,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, PageHeader, QueryState, useStaleEditHandler } from '../../../ui';
import { useActivitiesMutations, useEvent } from '../api';

type FormValues = Omit<CreateEvent, 'startDate' | 'endDate'> & { startDate: Dayjs; endDate?: Dayjs | null };

function toForm(e: ActivityEvent): FormValues {
  return {
    type: e.type,
    title: e.title,
    startDate: dayjs(e.startDate),
    endDate: e.endDate ? dayjs(e.endDate) : null,
    ownerOrgId: e.ownerOrgId,
    partnerUnits: e.partnerUnits,
    venue: e.venue,
    targetGroup: e.targetGroup,
    participantMode: e.participantMode,
    participantCount: e.participantCount,
    groupCounts: e.groupCounts,
    unitsVisited: e.unitsVisited,
    visitedUnitNames: e.visitedUnitNames,
    goodDeeds: e.goodDeeds,
    performances: e.performances,
    associationId: e.associationId,
    description: e.description,
    resources: e.resources.map((r) => ({ category: r.category, item: r.item, quantity: r.quantity, valueFen: r.valueFen, note: r.note })),
  };
}

/** 登记 / 修改活动: the event, its figures and its resource lines (物资明细) in one form. */
export function EventFormPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const existing = useEvent(id);
  const { createEvent, updateEvent } = useActivitiesMutations();
  const onStale = useStaleEditHandler();
  const associations = useQuery({
    queryKey: ['associations', 'list'],
    enabled: can('associations.read'),
    queryFn: () => api.get<{ id: string; name: string }[]>('/api/associations'),
  });
  const mode = Form.useWatch('participantMode', form);
  const resources = (Form.useWatch('resources', form) ?? []) as Partial<ResourceLineInput>[];
  const totalQty = resources.reduce((a, r) => a + (r?.quantity ?? 0), 0);
  const totalFen = resources.reduce((a, r) => a + (r?.valueFen ?? 0), 0);

  useEffect(() => {
    if (existing.data) form.setFieldsValue(toForm(existing.data));
  }, [existing.data, form]);

  const submit = async (v: FormValues) => {
    const groupCounts = Object.fromEntries(Object.entries(v.groupCounts ?? {}).filter(([, n]) => n != null));
    const body: CreateEvent = {
      ...v,
      startDate: v.startDate.format('YYYY-MM-DD'),
      endDate: v.endDate ? v.endDate.format('YYYY-MM-DD') : null,
      groupCounts,
      participantCount: v.participantCount ?? 0,
      unitsVisited: v.unitsVisited ?? 0,
      goodDeeds: v.goodDeeds ?? 0,
      performances: v.performances ?? 0,
      resources: (v.resources ?? []).map((r) => ({ ...r, quantity: r.quantity ?? 0, valueFen: r.valueFen ?? 0 })),
    };
    try {
      const saved = id
        ? await updateEvent.mutateAsync({ id, ifMatch: existing.data?.version, ...body })
        : await createEvent.mutateAsync(body);
      message.success(t('已保存', 'Saved'));
      navigate(`/activities/${saved.id}`);
    } catch (e) {
      // Reloading refills the form with the event as it now stands.
      if (onStale(e, () => existing.refetch())) return;
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <>
      <PageHeader
        title={id ? t('修改活动', 'Edit event') : t('登记活动', 'New event')}
        subtitle={t('人数、物资、走访单位等数字将进入年度总结；物资价值按元填写', 'Figures feed the annual summary')}
      />
      <QueryState loading={!!id && existing.isLoading} error={existing.error}>
        <Form<FormValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            type: 'childrens_day',
            participantMode: 'count',
            participantCount: 0,
            unitsVisited: 0,
            goodDeeds: 0,
            performances: 0,
            partnerUnits: [],
            visitedUnitNames: [],
            resources: [],
            groupCounts: {},
          }}
          scrollToFirstError
          data-testid="event-form"
        >
          <Card size="small" title={t('基本信息', 'Event')} style={{ marginBottom: 12 }}>
            <Row gutter={16}>
              <Col xs={24} md={6}>
                <Form.Item name="type" label={t('活动类型', 'Type')} rules={[{ required: true, message: t('请选择活动类型', 'Required') }]}>
                  <Select options={ACTIVITY_TYPES.map((x) => ({ value: x, label: ACTIVITY_TYPE_LABELS[x] }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={18}>
                <Form.Item
                  name="title"
                  label={t('活动名称', 'Title')}
                  rules={[{ required: true, whitespace: true, message: t('活动名称不能为空', 'Required') }]}
                >
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item
                  name="startDate"
                  label={t('开始日期', 'Start')}
                  rules={[{ required: true, message: t('请选择日期', 'Required') }]}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="endDate" label={t('结束日期', 'End')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="ownerOrgId"
                  label={t('主办单位', 'Organising unit')}
                  rules={[{ required: true, message: t('请选择主办单位', 'Required') }]}
                >
                  <OrgUnitSelect aria-label={t('主办单位', 'Organising unit')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="partnerUnits" label={t('协办单位（可填多个）', 'Partners')}>
                  <Select mode="tags" tokenSeparators={['，', ',', '、']} placeholder={t('输入单位名称后回车', 'Type and press Enter')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name="venue" label={t('地点', 'Venue')}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name="targetGroup" label={t('活动对象', 'Target group')}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              {can('associations.read') && (
                <Col xs={24} md={12}>
                  <Form.Item name="associationId" label={t('协会活动（选填）', 'Association (optional)')}>
                    <Select allowClear options={(associations.data ?? []).map((a) => ({ value: a.id, label: a.name }))} />
                  </Form.Item>
                </Col>
              )}
              <Col xs={24}>
                <Form.Item name="description" label={t('活动内容', 'Description')}>
                  <Input.TextArea rows={3} maxLength={4000} showCount />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card size="small" title={t('人数与成效', 'Figures')} style={{ marginBottom: 12 }}>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="participantMode" label={t('参加人数的计算方式', 'Participants counted by')}>
                  <Radio.Group
                    options={[
                      { value: 'count', label: t('直接填写人数', 'Typed count') },
                      { value: 'roster', label: t('按参与名单计算', 'Roster') },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item
                  name="participantCount"
                  label={t('参加人数', 'Participants')}
                  extra={mode === 'roster' ? t('按名单自动计算', 'From the roster') : undefined}
                >
                  <InputNumber min={0} precision={0} disabled={mode === 'roster'} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item name="unitsVisited" label={t('走访学校幼儿园（所）', 'Schools visited')}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item name="goodDeeds" label={t('办好事实事（件）', 'Good deeds')}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item name="performances" label={t('演出（场）', 'Performances')}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name="visitedUnitNames" label={t('走访的学校、幼儿园（选填）', 'Schools visited (names)')}>
                  <Select mode="tags" tokenSeparators={['，', ',', '、']} />
                </Form.Item>
              </Col>
            </Row>
            {mode !== 'roster' && (
              <>
                <Typography.Text type="secondary">
                  {t(
                    '分类人数（选填；填写时合计须等于参加人数，如健康培训的妇联干部、乡村医生、妇女群众）',
                    'Counts by group (optional; must add up)',
                  )}
                </Typography.Text>
                <Row gutter={16} style={{ marginTop: 8 }}>
                  {PARTICIPANT_GROUPS.map((g) => (
                    <Col xs={12} md={3} key={g}>
                      <Form.Item name={['groupCounts', g]} label={PARTICIPANT_GROUP_LABELS[g]}>
                        <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
              </>
            )}
          </Card>

          <Card size="small" title={t('物资明细（慰问品、图书、教具、慰问金、慰问信……）', 'Resource lines')} style={{ marginBottom: 12 }}>
            <Form.List name="resources">
              {(fields, { add, remove }) => (
                <>
                  {fields.length > 0 && (
                    <Row gutter={8} className="resource-head" style={{ marginBottom: 4, color: '#8c8c8c', fontSize: 12 }}>
                      <Col xs={0} md={4}>
                        {t('类别', 'Category')}
                      </Col>
                      <Col xs={0} md={7}>
                        {t('物品名称', 'Item')}
                      </Col>
                      <Col xs={0} md={4}>
                        {t('数量（件、册、封）', 'Quantity')}
                      </Col>
                      <Col xs={0} md={5}>
                        {t('价值（元）', 'Value (yuan)')}
                      </Col>
                    </Row>
                  )}
                  {fields.map((f) => (
                    <Row gutter={8} key={f.key} align="top" data-testid="resource-line">
                      <Col xs={12} md={4}>
                        <Form.Item name={[f.name, 'category']} rules={[{ required: true, message: t('请选择类别', 'Required') }]}>
                          <Select
                            placeholder={t('类别', 'Category')}
                            options={RESOURCE_CATEGORIES.map((x) => ({ value: x, label: RESOURCE_CATEGORY_LABELS[x] }))}
                            aria-label={t('类别', 'Category')}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={7}>
                        <Form.Item
                          name={[f.name, 'item']}
                          rules={[{ required: true, whitespace: true, message: t('请填写物品名称', 'Required') }]}
                        >
                          <Input placeholder={t('物品名称', 'Item')} maxLength={100} aria-label={t('物品名称', 'Item')} />
                        </Form.Item>
                      </Col>
                      <Col xs={8} md={4}>
                        <Form.Item name={[f.name, 'quantity']} rules={[{ required: true, message: t('请填写数量', 'Required') }]}>
                          <InputNumber
                            min={0}
                            precision={0}
                            placeholder={t('数量', 'Qty')}
                            style={{ width: '100%' }}
                            aria-label={t('数量', 'Qty')}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={5}>
                        <Form.Item name={[f.name, 'valueFen']}>
                          <MoneyInput placeholder={t('价值', 'Value')} />
                        </Form.Item>
                      </Col>
                      <Col xs={4} md={2}>
                        <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('删除此行', 'Remove')} />
                      </Col>
                    </Row>
                  ))}
                  <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
                    <Button
                      icon={<PlusOutlined />}
                      onClick={() => add({ category: 'gift', quantity: 1, valueFen: 0 })}
                      data-testid="add-resource"
                    >
                      {t('添加一行', 'Add line')}
                    </Button>
                    <Typography.Text data-testid="resource-form-total">
                      {t(`合计：${totalQty} 件（册、封），${formatFen(totalFen)} 元`, `Total: ${totalQty}, ${formatFen(totalFen)} yuan`)}
                    </Typography.Text>
                  </Space>
                </>
              )}
            </Form.List>
          </Card>

          <Space>
            <Button type="primary" htmlType="submit" loading={createEvent.isPending || updateEvent.isPending} data-testid="save-event">
              {t('保存', 'Save')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('取消', 'Cancel')}</Button>
          </Space>
        </Form>
      </QueryState>
    </>
  );
}
