import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Form, Input, InputNumber, Select, type FormInstance } from 'antd';
import type { TaskColumn, TaskField, TaskValues } from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../../app/i18n';
import { MoneyInput } from '../../../ui';

type Scalar = Pick<TaskColumn, 'type' | 'options'>;

function dateProps() {
  return {
    getValueProps: (v: string | null) => ({ value: v ? dayjs(v) : null }),
    normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
  };
}

/** One value's input; Form.Item's id, value and onChange are passed through to it. */
function ScalarInput({
  f,
  disabled,
  ...rest
}: {
  f: Scalar;
  disabled: boolean;
  id?: string;
  value?: unknown;
  onChange?: (v: unknown) => void;
}) {
  // Each input takes its own value type; the form holds whatever the input gives back.
  const bound = rest as object;
  switch (f.type) {
    case 'money':
      return <MoneyInput {...bound} />;
    case 'persons':
      return <InputNumber {...bound} min={0} precision={0} style={{ width: '100%' }} disabled={disabled} suffix="人" />;
    case 'number':
      return <InputNumber {...bound} style={{ width: '100%' }} disabled={disabled} />;
    case 'text':
      return <Input.TextArea {...bound} autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000} disabled={disabled} />;
    case 'date':
      return <DatePicker {...bound} style={{ width: '100%' }} disabled={disabled} />;
    case 'choice':
      return <Select {...bound} allowClear disabled={disabled} options={(f.options ?? []).map((o) => ({ value: o, label: o }))} />;
  }
}

/** The task's form, drawn from its fields: what a target fills in (or reads, once submitted). */
export function AnswerForm({
  form,
  fields,
  values,
  disabled,
}: {
  form: FormInstance<TaskValues>;
  fields: TaskField[];
  values: TaskValues;
  disabled: boolean;
}) {
  const { t } = useI18n();
  return (
    <Form form={form} layout="vertical" initialValues={values} disabled={disabled} data-testid="answer-form">
      {fields.map((f) =>
        f.type === 'table' ? (
          <Card key={f.key} size="small" type="inner" title={f.label} style={{ marginBottom: 12 }}>
            <Form.List name={f.key}>
              {(rows, { add, remove }) => (
                <Flex vertical gap={4}>
                  {rows.map((r, i) => (
                    <Flex key={r.key} gap={8} wrap align="start">
                      {(f.columns ?? []).map((c) => (
                        <Form.Item
                          key={c.key}
                          name={[r.name, c.key]}
                          label={i === 0 ? c.label : undefined}
                          style={{ flex: '1 1 140px', marginBottom: 8 }}
                          {...(c.type === 'date' ? dateProps() : {})}
                        >
                          <ScalarInput f={c} disabled={disabled} />
                        </Form.Item>
                      ))}
                      {!disabled && (
                        <Button
                          icon={<DeleteOutlined />}
                          aria-label={t('删除行', 'Remove row')}
                          onClick={() => remove(r.name)}
                          style={{ marginTop: i === 0 ? 30 : 0 }}
                        />
                      )}
                    </Flex>
                  ))}
                  {!disabled && (
                    <Button size="small" icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: 'start' }}>
                      {t('添加一行', 'Add row')}
                    </Button>
                  )}
                </Flex>
              )}
            </Form.List>
          </Card>
        ) : (
          <Form.Item
            key={f.key}
            name={f.key}
            label={f.label}
            required={f.required}
            {...(f.type === 'date' ? dateProps() : {})}
            style={{ maxWidth: f.type === 'text' ? undefined : 360 }}
          >
            <ScalarInput f={f as Scalar} disabled={disabled} />
          </Form.Item>
        ),
      )}
    </Form>
  );
}
