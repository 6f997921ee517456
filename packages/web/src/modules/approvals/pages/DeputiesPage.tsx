import { App, Button, Card, DatePicker, Empty, Form, Input, Select, Table, Tag } from 'antd';
import type { Deputy } from '@jinguo/domain';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState } from '../../../ui';
import { useApprovalMutations, useDeputies } from '../api';

/** 审批代理: a head names a deputy for a period (she decides in her stead, both names recorded); who stands in for whom. */
export function DeputiesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const q = useDeputies();
  const m = useApprovalMutations();
  const [form] = Form.useForm<{ deputyUserId: string; period: [Dayjs, Dayjs]; reason: string }>();
  const columns = (mine: boolean) => [
    mine ? { title: t('代理人', 'Deputy'), dataIndex: 'deputyName' } : { title: t('被代理人', 'For'), dataIndex: 'principalName' },
    { title: t('期间', 'Period'), render: (_: unknown, d: Deputy) => `${d.from} ～ ${d.to}` },
    { title: t('事由', 'Reason'), dataIndex: 'reason' },
    {
      title: t('状态', 'State'),
      render: (_: unknown, d: Deputy) =>
        d.revokedAt ? (
          <Tag>{t('已撤销', 'Revoked')}</Tag>
        ) : d.active ? (
          <Tag color="green">{t('代理中', 'Active')}</Tag>
        ) : (
          <Tag>{t('未在期间内', 'Not now')}</Tag>
        ),
    },
    ...(mine
      ? [
          {
            title: '',
            render: (_: unknown, d: Deputy) =>
              !d.revokedAt && (
                <Button
                  size="small"
                  onClick={() => m.revokeDeputy.mutateAsync(d.id).catch((e) => message.error(applyServerErrors(null, e)))}
                >
                  {t('撤销', 'Revoke')}
                </Button>
              ),
          },
        ]
      : []),
  ];
  return (
    <div style={{ maxWidth: 900 }}>
      <PageHeader
        title={t('审批代理', 'Deputies')}
        subtitle={t('外出期间指定代理人代为审批，审批记录同时写明两人', 'A deputy decides in your stead for a period')}
      />
      <QueryState loading={q.isLoading} error={q.error}>
        {q.data && (
          <>
            {q.data.canName && (
              <Card title={t('指定代理人', 'Name a deputy')} size="small" style={{ marginBottom: 16 }}>
                <Form
                  form={form}
                  layout="vertical"
                  onFinish={(v) =>
                    m.nameDeputy
                      .mutateAsync({
                        deputyUserId: v.deputyUserId,
                        from: v.period[0].format('YYYY-MM-DD'),
                        to: v.period[1].format('YYYY-MM-DD'),
                        reason: v.reason,
                      })
                      .then(() => {
                        message.success(t('已指定代理人', 'Deputy named'));
                        form.resetFields();
                      })
                      .catch((e) => message.error(applyServerErrors(form, e)))
                  }
                >
                  <Form.Item
                    name="deputyUserId"
                    label={t('代理人', 'Deputy')}
                    rules={[{ required: true, message: t('请选择代理人', 'Choose') }]}
                  >
                    <Select options={q.data.candidates.map((c) => ({ value: c.id, label: c.name }))} style={{ maxWidth: 320 }} />
                  </Form.Item>
                  <Form.Item name="period" label={t('代理期间', 'Period')} rules={[{ required: true, message: t('请选择期间', 'Choose') }]}>
                    <DatePicker.RangePicker />
                  </Form.Item>
                  <Form.Item name="reason" label={t('事由', 'Reason')} rules={[{ required: true, message: t('请填写事由', 'Required') }]}>
                    <Input maxLength={200} style={{ maxWidth: 420 }} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={m.nameDeputy.isPending}>
                    {t('指定', 'Name')}
                  </Button>
                </Form>
              </Card>
            )}
            <Card title={t('我的代理人', 'My deputies')} size="small" style={{ marginBottom: 16 }}>
              {q.data.mine.length ? (
                <Table rowKey="id" size="small" pagination={false} dataSource={q.data.mine} columns={columns(true)} scroll={{ x: 600 }} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('未指定代理人', 'None')} />
              )}
            </Card>
            <Card title={t('我代理的', 'I stand in for')} size="small">
              {q.data.forOthers.length ? (
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={q.data.forOthers}
                  columns={columns(false)}
                  scroll={{ x: 600 }}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无', 'None')} />
              )}
            </Card>
          </>
        )}
      </QueryState>
    </div>
  );
}
