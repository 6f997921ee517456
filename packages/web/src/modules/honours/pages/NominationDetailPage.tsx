import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Space,
  Steps,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { HOLDER_KIND_LABELS, HONOUR_LEVEL_LABELS, NOMINATION_STATUS_LABELS, type NominationDetail } from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, formatDateTime, PageHeader, QueryState } from '../../../ui';
import { useHonoursMutations, useNomination } from '../api';

type Dialog = null | 'review' | 'notice' | 'objection' | 'answer' | 'award';
type Objection = NominationDetail['objections'][number];

/** 申报详情: level-by-level reviews, the 公示 window with objections and answers, and the award. */
export function NominationDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const nomination = useNomination(id);
  const m = useHonoursMutations();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [answering, setAnswering] = useState<Objection | null>(null);
  const [form] = Form.useForm();
  const n = nomination.data;

  const run = async (action: string, body: unknown, done: string) => {
    try {
      await m.act.mutateAsync({ id, action, body });
      setDialog(null);
      setAnswering(null);
      form.resetFields();
      message.success(done);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  const date = (d?: Dayjs) => d?.format('YYYY-MM-DD');
  const step = !n
    ? 0
    : n.status === 'in_review'
      ? 0
      : n.status === 'approved'
        ? 1
        : n.status === 'publicised'
          ? 2
          : n.status === 'awarded'
            ? 3
            : 0;

  return (
    <QueryState loading={nomination.isLoading} error={nomination.error}>
      {n && (
        <>
          <PageHeader
            title={`${n.holderName}`}
            subtitle={
              <Space wrap>
                <Tag color="magenta">{n.campaignName}</Tag>
                {HONOUR_LEVEL_LABELS[n.level]} · {n.year}
                {t('年度', '')} · {t('推荐单位', 'by')} {n.ownerOrgName}
              </Space>
            }
            extra={
              <>
                {n.actions.includes('review') && (
                  <Button type="primary" onClick={() => setDialog('review')} data-testid="review">
                    {t(`${n.reviewOrgName}审核`, 'Review')}
                  </Button>
                )}
                {n.actions.includes('startNotice') && (
                  <Button type="primary" onClick={() => setDialog('notice')}>
                    {t('开始公示', 'Start notice')}
                  </Button>
                )}
                {n.actions.includes('recordObjection') && (
                  <Button onClick={() => setDialog('objection')}>{t('登记异议', 'Record objection')}</Button>
                )}
                {n.actions.includes('award') && (
                  <Button type="primary" onClick={() => setDialog('award')}>
                    {t('授予称号', 'Award')}
                  </Button>
                )}
                {n.actions.includes('withdraw') && (
                  <Button danger onClick={() => run('withdraw', {}, t('已撤回', 'Withdrawn'))}>
                    {t('撤回', 'Withdraw')}
                  </Button>
                )}
              </>
            }
          />
          {n.status === 'rejected' || n.status === 'withdrawn' ? (
            <Card size="small" style={{ marginBottom: 12, borderColor: '#ffccc7' }}>
              <Tag color="red">{NOMINATION_STATUS_LABELS[n.status]}</Tag>
              {n.decisionReason}
            </Card>
          ) : (
            <Card size="small" style={{ marginBottom: 12 }}>
              <Steps
                size="small"
                current={step}
                items={[
                  {
                    title: t('逐级审核', 'Reviews'),
                    description: n.status === 'in_review' ? t(`待${n.reviewOrgName}审核`, `at ${n.reviewOrgName}`) : undefined,
                  },
                  { title: t('审核通过', 'Approved') },
                  { title: t('公示', 'Public notice'), description: n.noticeStart ? `${n.noticeStart} 至 ${n.noticeEnd}` : undefined },
                  { title: t('授予', 'Awarded') },
                ]}
              />
            </Card>
          )}
          <Row gutter={12}>
            <Col xs={24} lg={14}>
              <Card size="small" title={t('申报信息', 'Nomination')} style={{ marginBottom: 12 }}>
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('对象', 'Holder')}>
                    {n.holderName}（{HOLDER_KIND_LABELS[n.holderKind]}）
                  </Descriptions.Item>
                  {n.memberCount != null && (
                    <Descriptions.Item label={t('女职工 / 职工', 'Women / members')}>
                      {n.womenCount} / {n.memberCount}
                    </Descriptions.Item>
                  )}
                  {n.leaderFemale != null && (
                    <Descriptions.Item label={t('岗长为女性', 'Female leader')}>{n.leaderFemale ? '是' : '否'}</Descriptions.Item>
                  )}
                  <Descriptions.Item label={t('申报日期', 'Date')}>{n.nominatedOn}</Descriptions.Item>
                  <Descriptions.Item label={t('主要事迹', 'Deeds')}>{n.deeds ?? '—'}</Descriptions.Item>
                </Descriptions>
              </Card>
              <Card size="small" title={t('公示异议', 'Objections')} style={{ marginBottom: 12 }}>
                <Table<Objection>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={n.objections}
                  scroll={{ x: 560 }}
                  locale={{ emptyText: n.noticeStart ? t('公示期间未收到异议', 'No objections') : t('尚未公示', 'Not yet publicised') }}
                  columns={[
                    { title: t('收到日期', 'Received'), dataIndex: 'receivedOn', width: 100 },
                    { title: t('异议内容', 'Objection'), dataIndex: 'content' },
                    {
                      title: t('答复', 'Answer'),
                      dataIndex: 'answer',
                      render: (a: string | null, o) =>
                        a ? (
                          <>
                            {o.upheld ? <Tag color="red">{t('成立', 'Upheld')}</Tag> : <Tag>{t('不成立', 'Not upheld')}</Tag>}
                            {a}
                          </>
                        ) : n.actions.includes('answerObjection') ? (
                          <Typography.Link
                            onClick={() => {
                              setAnswering(o);
                              setDialog('answer');
                            }}
                          >
                            {t('答复', 'Answer')}
                          </Typography.Link>
                        ) : (
                          t('待答复', 'Pending')
                        ),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card size="small" title={t('审核记录', 'Reviews')}>
                {n.reviews.length === 0 ? (
                  <Typography.Text type="secondary">{t('尚无审核', 'No reviews yet')}</Typography.Text>
                ) : (
                  <Timeline
                    items={n.reviews.map((r) => ({
                      color: r.decision === 'approve' ? 'green' : 'red',
                      children: (
                        <>
                          <Typography.Text strong>{r.reviewerOrgName}</Typography.Text>{' '}
                          {r.decision === 'approve' ? t('同意', 'approved') : t('不同意', 'rejected')}
                          <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                            {formatDateTime(r.reviewedAt)}
                            {r.comment ? ` · ${r.comment}` : ''}
                          </div>
                        </>
                      ),
                    }))}
                  />
                )}
              </Card>
            </Col>
          </Row>

          <Modal
            open={dialog === 'review'}
            title={t(`${n.reviewOrgName}审核`, 'Review')}
            onCancel={() => setDialog(null)}
            onOk={() => form.submit()}
            confirmLoading={m.act.isPending}
            destroyOnHidden
          >
            <Form
              form={form}
              layout="vertical"
              initialValues={{ decision: 'approve' }}
              onFinish={(v) => run('review', v, t('已审核', 'Reviewed'))}
            >
              <Form.Item name="decision" label={t('审核意见', 'Decision')}>
                <Radio.Group
                  options={[
                    { value: 'approve', label: t('同意', 'Approve') },
                    { value: 'reject', label: t('不同意', 'Reject') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="comment" label={t('意见（不同意时必填）', 'Comment')}>
                <Input.TextArea rows={3} maxLength={1000} />
              </Form.Item>
            </Form>
          </Modal>
          <Modal
            open={dialog === 'notice'}
            title={t('开始公示', 'Start public notice')}
            onCancel={() => setDialog(null)}
            onOk={() => form.submit()}
            confirmLoading={m.act.isPending}
            destroyOnHidden
          >
            <Form
              form={form}
              layout="vertical"
              initialValues={{ noticeStart: dayjs() }}
              onFinish={(v) => run('notice', { noticeStart: date(v.noticeStart) }, t('已开始公示', 'Notice started'))}
            >
              <Form.Item name="noticeStart" label={t('公示开始日期（公示天数按评选项目设置）', 'Start date')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Form>
          </Modal>
          <Modal
            open={dialog === 'objection'}
            title={t('登记公示异议', 'Record an objection')}
            onCancel={() => setDialog(null)}
            onOk={() => form.submit()}
            confirmLoading={m.act.isPending}
            destroyOnHidden
          >
            <Form
              form={form}
              layout="vertical"
              initialValues={{ receivedOn: dayjs() }}
              onFinish={(v) => run('objections', { ...v, receivedOn: date(v.receivedOn) }, t('已登记', 'Recorded'))}
            >
              <Form.Item name="receivedOn" label={t('收到日期', 'Received on')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="objector" label={t('异议人（可匿名）', 'From (may be anonymous)')}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="content" label={t('异议内容', 'Objection')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </Form>
          </Modal>
          <Modal
            open={dialog === 'answer'}
            title={t('答复异议', 'Answer the objection')}
            onCancel={() => setDialog(null)}
            onOk={() => form.submit()}
            confirmLoading={m.act.isPending}
            destroyOnHidden
          >
            <Typography.Paragraph type="secondary">{answering?.content}</Typography.Paragraph>
            <Form
              form={form}
              layout="vertical"
              initialValues={{ answeredOn: dayjs(), upheld: false }}
              onFinish={(v) => run(`objections/${answering!.id}/answer`, { ...v, answeredOn: date(v.answeredOn) }, t('已答复', 'Answered'))}
            >
              <Form.Item name="upheld" label={t('核实结论', 'Finding')}>
                <Radio.Group
                  options={[
                    { value: false, label: t('异议不成立', 'Not upheld') },
                    { value: true, label: t('异议成立（不予授予）', 'Upheld (no award)') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="answer" label={t('答复内容', 'Answer')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Form.Item name="answeredOn" label={t('答复日期', 'Answered on')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Form>
          </Modal>
          <Modal
            open={dialog === 'award'}
            title={t('授予称号', 'Award the title')}
            onCancel={() => setDialog(null)}
            onOk={() => form.submit()}
            confirmLoading={m.act.isPending}
            destroyOnHidden
          >
            <Form
              form={form}
              layout="vertical"
              initialValues={{ awardedOn: dayjs() }}
              onFinish={(v) => run('award', { ...v, awardedOn: date(v.awardedOn) }, t('已授予', 'Awarded'))}
            >
              <Form.Item name="awardedOn" label={t('授予日期（公示期满后）', 'Awarded on')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="certificateNo" label={t('证书编号', 'Certificate no.')}>
                <Input maxLength={50} />
              </Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </QueryState>
  );
}
