import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Popconfirm, Radio, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState } from '../../../ui';
import type { Holiday } from '@jinguo/domain';
import { useHolidayMutations, useHolidays } from '../api';

/**
 * 节假日安排: the calendar statutory deadlines are counted with (a deadline on a holiday moves to the next
 * working day; a 调休 weekend is a working day). Saving recomputes every open case's deadline.
 */
export function HolidaysPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [year, setYear] = useState(dayjs().year());
  const q = useHolidays(year);
  const { save, remove } = useHolidayMutations();
  const [form] = Form.useForm<{ date: Dayjs; kind: Holiday['kind']; name: string }>();
  const submit = async (v: { date: Dayjs; kind: Holiday['kind']; name: string }) => {
    try {
      const r = await save.mutateAsync({ date: v.date.format('YYYY-MM-DD'), kind: v.kind, name: v.name });
      message.success(t(`已保存，重新计算了 ${r.recomputed} 件在办事项的期限`, `Saved; ${r.recomputed} deadlines recomputed`));
      form.resetFields(['date']);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  return (
    <>
      <PageHeader
        title={t('节假日安排', 'Holiday calendar')}
        subtitle={t('法定期限按此日历顺延；以国务院办公厅每年发布的通知为准', 'Deadlines follow this calendar')}
        extra={
          <InputNumber
            value={year}
            min={2000}
            max={2100}
            onChange={(v) => v && setYear(v)}
            addonBefore={t('年份', 'Year')}
            style={{ width: 150 }}
          />
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form form={form} layout="inline" onFinish={submit} initialValues={{ kind: 'holiday' }} style={{ rowGap: 8 }}>
          <Form.Item name="date" rules={[{ required: true, message: t('请选择日期', 'Date') }]}>
            <DatePicker placeholder={t('日期', 'Date')} />
          </Form.Item>
          <Form.Item name="kind">
            <Radio.Group
              options={[
                { value: 'holiday', label: t('放假', 'Holiday') },
                { value: 'workday', label: t('调休上班', 'Working day') },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" rules={[{ required: true, message: t('请填写名称', 'Name') }]}>
            <Input placeholder={t('名称，如：春节', 'Name')} maxLength={40} style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('保存', 'Save')}
          </Button>
        </Form>
      </Card>
      <QueryState loading={q.isLoading} error={q.error}>
        <Table<Holiday>
          rowKey="date"
          size="small"
          dataSource={q.data ?? []}
          pagination={false}
          scroll={{ x: 520 }}
          locale={{ emptyText: t(`${year}年尚未录入节假日`, 'No holidays entered') }}
          columns={[
            { title: t('日期', 'Date'), dataIndex: 'date', width: 120 },
            { title: t('星期', 'Weekday'), dataIndex: 'date', width: 80, render: (d: string) => '日一二三四五六'[dayjs(d).day()] },
            {
              title: t('类型', 'Kind'),
              dataIndex: 'kind',
              width: 110,
              render: (k: Holiday['kind']) =>
                k === 'holiday' ? <Tag color="red">{t('放假', 'Holiday')}</Tag> : <Tag color="blue">{t('调休上班', 'Working')}</Tag>,
            },
            { title: t('名称', 'Name'), dataIndex: 'name', width: 160 },
            {
              title: '',
              key: 'ops',
              width: 60,
              render: (_, h) => (
                <Popconfirm
                  title={t('删除这一天？', 'Delete?')}
                  onConfirm={async () => {
                    try {
                      await remove.mutateAsync(h.date);
                    } catch (e) {
                      message.error(applyServerErrors(null, e));
                    }
                  }}
                >
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('删除', 'Delete')} />
                </Popconfirm>
              ),
            },
          ]}
        />
      </QueryState>
      <Flex style={{ marginTop: 8 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('周六、周日默认休息；调休上班的周末请录入为“调休上班”。', 'Weekends rest by default.')}
        </Typography.Text>
      </Flex>
    </>
  );
}
