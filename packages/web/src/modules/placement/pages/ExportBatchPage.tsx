import { PlusOutlined } from '@ant-design/icons';
import { MoneyInput } from '../../../ui';
import { App, Button, Card, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import {
  EXPORT_MEMBER_STATUS_LABELS,
  FOLLOW_UP_RESULT_LABELS,
  FOLLOW_UP_RESULTS,
  type ExportMember,
  type FollowUpResult,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, formatYuan, PageHeader, QueryState, useDebounced } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { useBatch, usePlacementMutations, useSeekers } from '../api';

type FollowUpForm = { doneOn: Dayjs; result: FollowUpResult; monthlyWageFen?: number; note?: string };

/** A 劳务输出 batch: the women in it, their travel support, and the 1-, 3- and 6-month follow-ups. */
export function ExportBatchPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const batch = useBatch(id);
  const m = usePlacementMutations();
  const [adding, setAdding] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const candidates = useSeekers({ q: q || undefined, status: 'seeking' }, 1, 50);
  const [followUp, setFollowUp] = useState<{ member: ExportMember; months: number } | null>(null);
  const [form] = Form.useForm<FollowUpForm>();
  const b = batch.data;
  const write = can('placement.write');

  const addMembers = async () => {
    try {
      await m.addMembers.mutateAsync({ id, seekerIds: picked });
      setAdding(false);
      setPicked([]);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const recordFollowUp = async (v: FollowUpForm) => {
    if (!followUp) return;
    try {
      await m.followUp.mutateAsync({
        id,
        memberId: followUp.member.id,
        months: followUp.months as 1 | 3 | 6,
        doneOn: v.doneOn.format('YYYY-MM-DD'),
        result: v.result,
        monthlyWageFen: v.monthlyWageFen ?? null,
        note: v.note || null,
      });
      setFollowUp(null);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  const checkpoint = (months: number) => ({
    title: t(`${months}个月回访`, `${months}-month follow-up`),
    key: `m${months}`,
    width: 150,
    render: (_: unknown, member: ExportMember) => {
      const f = member.followUps.find((x) => x.months === months);
      if (!f) return '—';
      if (f.doneOn && f.result)
        return (
          <Space direction="vertical" size={0}>
            <Tag color={f.result === 'working' ? 'green' : f.result === 'changed_job' ? 'blue' : 'default'}>
              {FOLLOW_UP_RESULT_LABELS[f.result]}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {f.doneOn}
              {f.monthlyWageFen != null ? ` · ${formatYuan(f.monthlyWageFen)}` : ''}
            </Typography.Text>
          </Space>
        );
      return (
        <Space direction="vertical" size={0}>
          <Typography.Text type={f.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
            {t('应于', 'due')} {f.dueOn}
          </Typography.Text>
          {write && (
            <Typography.Link onClick={() => setFollowUp({ member, months })} data-testid={`follow-up-${months}`}>
              {t('登记回访', 'Record')}
            </Typography.Link>
          )}
        </Space>
      );
    },
  });

  return (
    <QueryState loading={batch.isLoading} error={batch.error}>
      {b && (
        <>
          <PageHeader title={b.title} subtitle={`${b.destination} · ${b.employerName} · ${t('出发', 'departs')} ${b.departureDate}`} />
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={t('输出人数', 'People')} value={b.departed} suffix={t('人', '')} data-testid="batch-departed" />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={t('路费补贴', 'Travel support')} value={formatYuan(b.supportFen)} />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={t('待回访', 'Follow-ups due')} value={b.followUpsDue} data-testid="batch-due" />
              </Card>
            </Col>
          </Row>
          <Card
            size="small"
            title={t('输出人员', 'People')}
            extra={
              <Space wrap>
                <ExportButton url={`/api/placement/exports/${id}/members/export`} label={t('导出名单', 'Export')} />
                {write && (
                  <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-members">
                    {t('添加人员', 'Add people')}
                  </Button>
                )}
              </Space>
            }
          >
            <Table<ExportMember>
              rowKey="id"
              size="small"
              dataSource={b.members}
              pagination={{ pageSize: 20, size: 'small', showSizeChanger: false }}
              scroll={{ x: 860 }}
              locale={{ emptyText: t('尚无输出人员：从求职人员中添加', 'Nobody yet: add from the job seekers') }}
              columns={[
                { title: t('姓名', 'Name'), dataIndex: 'name', width: 90 },
                { title: t('联系电话', 'Phone'), dataIndex: 'phoneMasked', width: 110, render: (v) => v ?? '—' },
                {
                  title: t('状态', 'Status'),
                  dataIndex: 'status',
                  width: 100,
                  render: (s: ExportMember['status'], member) =>
                    write ? (
                      <Select
                        size="small"
                        value={s}
                        style={{ width: 90 }}
                        onChange={(status) => m.updateMember.mutate({ id, memberId: member.id, status })}
                        options={(['departed', 'withdrawn'] as const).map((x) => ({ value: x, label: EXPORT_MEMBER_STATUS_LABELS[x] }))}
                      />
                    ) : (
                      EXPORT_MEMBER_STATUS_LABELS[s]
                    ),
                },
                {
                  title: t('路费补贴', 'Support'),
                  dataIndex: 'supportFen',
                  width: 100,
                  align: 'right',
                  render: (v: number) => formatYuan(v),
                },
                checkpoint(1),
                checkpoint(3),
                checkpoint(6),
              ]}
              data-testid="batch-members"
            />
          </Card>
          <Modal
            open={adding}
            title={t('添加输出人员', 'Add people')}
            onCancel={() => setAdding(false)}
            onOk={addMembers}
            okButtonProps={{ disabled: picked.length === 0 }}
            confirmLoading={m.addMembers.isPending}
            destroyOnHidden
          >
            <Select
              mode="multiple"
              style={{ width: '100%' }}
              placeholder={t('输入姓名搜索求职人员', 'Search job seekers by name')}
              filterOption={false}
              onSearch={setSearch}
              value={picked}
              onChange={setPicked}
              options={(candidates.data?.items ?? []).map((s) => ({
                value: s.id,
                label: `${s.name}${s.acceptsOutside ? '' : t('（未表示愿意外出）', ' (not asked to go away)')}`,
              }))}
              aria-label={t('输出人员', 'People')}
            />
          </Modal>
          <Modal
            open={!!followUp}
            title={t(`${followUp?.months ?? ''}个月回访：${followUp?.member.name ?? ''}`, 'Follow-up')}
            onCancel={() => setFollowUp(null)}
            onOk={() => form.submit()}
            confirmLoading={m.followUp.isPending}
            destroyOnHidden
          >
            <Form form={form} layout="vertical" onFinish={recordFollowUp} initialValues={{ doneOn: dayjs(), result: 'working' }}>
              <Form.Item name="doneOn" label={t('回访日期', 'Date')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="result" label={t('回访结果', 'Result')}>
                <Radio.Group options={FOLLOW_UP_RESULTS.map((r) => ({ value: r, label: FOLLOW_UP_RESULT_LABELS[r] }))} />
              </Form.Item>
              <Form.Item name="monthlyWageFen" label={t('月收入', 'Monthly income')}>
                <MoneyInput />
              </Form.Item>
              <Form.Item name="note" label={t('情况说明', 'Note')}>
                <Input maxLength={500} />
              </Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </QueryState>
  );
}
