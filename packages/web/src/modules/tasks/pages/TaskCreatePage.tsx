import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Switch, Typography } from 'antd';
import { TASK_COLUMN_TYPES, TASK_FIELD_TYPE_LABELS, TASK_FIELD_TYPES, type CreateTask, type TaskFieldType } from '@jinguo/domain';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader } from '../../../ui';
import { useTasksMutations } from '../api';
import { SenderSelect, useSenderUnits } from '../components/SenderSelect';
import { TargetsInput } from '../components/TargetsInput';

type FieldForm = {
  label: string;
  type: TaskFieldType;
  required?: boolean;
  options?: string[];
  columns?: { label: string; type: TaskFieldType; options?: string[] }[];
};
type FormValues = Omit<CreateTask, 'deadline' | 'fields'> & { deadline: Dayjs; fields: FieldForm[] };

/** 下发任务: title, instructions, deadline, the units it goes to and a form built from field types. */
export function TaskCreatePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const m = useTasksMutations();
  const senders = useSenderUnits();
  const [form] = Form.useForm<FormValues>();

  const submit = async (v: FormValues) => {
    try {
      // Keys are made here (f1, f2 …; c1 …): the sender names fields in Chinese only.
      const fields = v.fields.map((f, i) => ({
        key: `f${i + 1}`,
        label: f.label,
        type: f.type,
        required: !!f.required,
        ...(f.type === 'choice' && { options: f.options }),
        ...(f.type === 'table' && {
          columns: (f.columns ?? []).map((c, j) => ({
            key: `c${j + 1}`,
            label: c.label,
            type: c.type,
            ...(c.type === 'choice' && { options: c.options }),
          })),
        }),
      }));
      const created = await m.create.mutateAsync({
        ...v,
        deadline: v.deadline.format('YYYY-MM-DD'),
        fields: fields as CreateTask['fields'],
      });
      message.success(t(`已下发给${created.expected}个单位`, `Sent to ${created.expected} units`));
      navigate(`/tasks/${created.id}`);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <>
      <PageHeader
        title={t('下发任务', 'New task')}
        subtitle={t('下级单位在线填报或按模板上传 Excel', 'Units below answer online or by Excel')}
      />
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ ownerOrgId: senders[0]?.value, targets: { mode: 'children' }, fields: [{ label: '', type: 'number' }] }}
        style={{ maxWidth: 880 }}
      >
        <Card size="small" title={t('任务', 'Task')} style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="ownerOrgId" label={t('发出单位', 'From')} rules={[{ required: true }]}>
                <SenderSelect />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="deadline"
                label={t('截止日期', 'Deadline')}
                rules={[{ required: true, message: t('请选择截止日期', 'Required') }]}
              >
                <DatePicker style={{ width: '100%' }} data-testid="task-deadline" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="title"
            label={t('任务标题', 'Title')}
            rules={[{ required: true, whitespace: true, message: t('任务标题不能为空', 'Required') }]}
          >
            <Input maxLength={100} data-testid="task-title" />
          </Form.Item>
          <Form.Item name="instructions" label={t('任务说明', 'Instructions')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item name="targets" label={t('下发范围', 'Send to')}>
            <TargetsInput />
          </Form.Item>
        </Card>
        <Card size="small" title={t('填报表单', 'Form')} style={{ marginBottom: 12 }}>
          <Form.List name="fields">
            {(items, { add, remove }) => (
              <Flex vertical gap={8}>
                {items.map((item, i) => (
                  <Card key={item.key} size="small" type="inner" data-testid={`field-${i}`}>
                    <Row gutter={8} align="bottom">
                      <Col xs={24} sm={10}>
                        <Form.Item
                          name={[item.name, 'label']}
                          label={t(`字段${i + 1}名称`, `Field ${i + 1}`)}
                          rules={[{ required: true, whitespace: true, message: t('请填写字段名称', 'Required') }]}
                        >
                          <Input maxLength={40} />
                        </Form.Item>
                      </Col>
                      <Col xs={14} sm={8}>
                        <Form.Item name={[item.name, 'type']} label={t('类型', 'Type')}>
                          <Select options={TASK_FIELD_TYPES.map((k) => ({ value: k, label: TASK_FIELD_TYPE_LABELS[k] }))} />
                        </Form.Item>
                      </Col>
                      <Col xs={6} sm={4}>
                        <Form.Item name={[item.name, 'required']} label={t('必填', 'Required')} valuePropName="checked">
                          <Switch size="small" />
                        </Form.Item>
                      </Col>
                      <Col xs={4} sm={2}>
                        <Form.Item label=" ">
                          <Button
                            icon={<DeleteOutlined />}
                            aria-label={t('删除字段', 'Remove')}
                            onClick={() => remove(item.name)}
                            disabled={items.length === 1}
                          />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const type = form.getFieldValue(['fields', item.name, 'type']) as TaskFieldType;
                        if (type === 'choice')
                          return (
                            <Form.Item name={[item.name, 'options']} label={t('选项（输入后回车）', 'Options')}>
                              <Select mode="tags" open={false} />
                            </Form.Item>
                          );
                        if (type !== 'table') return null;
                        return (
                          <Form.List name={[item.name, 'columns']} initialValue={[{ label: '', type: 'text' }]}>
                            {(cols, ops) => (
                              <>
                                <Typography.Text type="secondary">{t('表格的列', 'Columns')}</Typography.Text>
                                {cols.map((c) => (
                                  <Row key={c.key} gutter={8}>
                                    <Col span={12}>
                                      <Form.Item
                                        name={[c.name, 'label']}
                                        rules={[{ required: true, whitespace: true, message: t('请填写列名', 'Required') }]}
                                      >
                                        <Input placeholder={t('列名', 'Column')} maxLength={30} />
                                      </Form.Item>
                                    </Col>
                                    <Col span={9}>
                                      <Form.Item name={[c.name, 'type']}>
                                        <Select
                                          options={TASK_COLUMN_TYPES.filter((k) => k !== 'choice').map((k) => ({
                                            value: k,
                                            label: TASK_FIELD_TYPE_LABELS[k],
                                          }))}
                                        />
                                      </Form.Item>
                                    </Col>
                                    <Col span={3}>
                                      <Button
                                        icon={<DeleteOutlined />}
                                        aria-label={t('删除列', 'Remove column')}
                                        onClick={() => ops.remove(c.name)}
                                        disabled={cols.length === 1}
                                      />
                                    </Col>
                                  </Row>
                                ))}
                                <Button size="small" onClick={() => ops.add({ label: '', type: 'text' })}>
                                  {t('添加列', 'Add column')}
                                </Button>
                              </>
                            )}
                          </Form.List>
                        );
                      }}
                    </Form.Item>
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ label: '', type: 'number' })} data-testid="add-field">
                  {t('添加字段', 'Add field')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Card>
        <Button type="primary" htmlType="submit" loading={m.create.isPending} data-testid="send-task">
          {t('下发', 'Send')}
        </Button>
      </Form>
    </>
  );
}
