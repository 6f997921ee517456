import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  PARTICIPANT_GROUP_LABELS,
  TRAINEE_OUTCOME_LABELS,
  TRAINEE_OUTCOMES,
  TRAINING_CATEGORY_LABELS,
  type AddTrainee,
  type CreateSession,
  type Trainee,
  type TraineeOutcomeInput,
  type TrainingSession,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useActivitiesMutations, useCourse, useTrainees } from '../api';

type SessionForm = Omit<CreateSession, 'sessionDate' | 'endDate'> & { sessionDate: Dayjs };

/** 培训班详情: its sessions (期), and for the chosen session the trainees, attendance and outcomes. */
export function CourseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const course = useCourse(id);
  const m = useActivitiesMutations();
  const [selected, setSelected] = useState<string>();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<SessionForm>();
  const c = course.data;
  const sessionId = selected ?? c?.sessionList[0]?.id;
  const session = c?.sessionList.find((s) => s.id === sessionId);
  const attendeeMode = Form.useWatch('attendeeMode', form);

  const addSession = async (v: SessionForm) => {
    try {
      const created = await m.createSession.mutateAsync({
        courseId: id,
        ...v,
        sessionDate: v.sessionDate.format('YYYY-MM-DD'),
        groupCounts: {},
      });
      setAdding(false);
      setSelected(created.id);
      message.success(t('已添加', 'Added'));
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <QueryState loading={course.isLoading} error={course.error}>
      {c && (
        <>
          <PageHeader
            title={c.title}
            subtitle={
              <Space wrap>
                <Tag color="magenta">{TRAINING_CATEGORY_LABELS[c.category]}</Tag>
                {c.startDate}
                {c.endDate ? ` 至 ${c.endDate}` : ''} · {c.ownerOrgName}
              </Space>
            }
            extra={
              c.canEdit && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-session">
                  {t('添加一期', 'Add session')}
                </Button>
              )
            }
          />
          <Card size="small" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('合作单位', 'Partner')}>{c.partner ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('期数 / 参训人次', 'Sessions / attendance')}>
                {c.sessions} / {c.attendees}
              </Descriptions.Item>
              <Descriptions.Item label={t('再就业 / 创业', 'Re-employed / business')}>
                {c.reemployed} / {c.startedBusiness}
              </Descriptions.Item>
              {c.description && (
                <Descriptions.Item label={t('说明', 'Description')} span={3}>
                  {c.description}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card size="small" title={t('培训期次', 'Sessions')} style={{ marginBottom: 12 }}>
            <Table<TrainingSession>
              rowKey="id"
              size="small"
              dataSource={c.sessionList}
              pagination={false}
              scroll={{ x: 760 }}
              locale={{ emptyText: t('尚未添加期次', 'No sessions yet') }}
              rowClassName={(s) => (s.id === sessionId ? 'ant-table-row-selected' : '')}
              onRow={(s) => ({ onClick: () => setSelected(s.id), style: { cursor: 'pointer' } })}
              columns={[
                { title: t('日期', 'Date'), dataIndex: 'sessionDate', width: 105 },
                { title: t('专题', 'Topic'), dataIndex: 'topic', width: 180 },
                { title: t('学时', 'Hours'), dataIndex: 'hours', width: 60, align: 'right' },
                { title: t('授课人', 'Teacher'), dataIndex: 'teacher', width: 100, render: (v) => v ?? '—' },
                { title: t('地点', 'Venue'), dataIndex: 'venue', width: 150, ellipsis: true, render: (v) => v ?? '—' },
                {
                  title: t('参训人数', 'Attendance'),
                  dataIndex: 'attendeeCount',
                  width: 110,
                  align: 'right',
                  render: (v: number, s) => (
                    <>
                      {v}
                      {s.attendeeMode === 'roster' && <Tag style={{ marginLeft: 4 }}>{t('名单', 'roster')}</Tag>}
                    </>
                  ),
                },
                {
                  title: t('分类人数', 'By group'),
                  dataIndex: 'groupCounts',
                  width: 200,
                  render: (g: TrainingSession['groupCounts']) =>
                    Object.entries(g)
                      .map(([k, n]) => `${PARTICIPANT_GROUP_LABELS[k as keyof typeof PARTICIPANT_GROUP_LABELS]}${n}`)
                      .join('，') || '—',
                },
              ]}
              data-testid="sessions-table"
            />
          </Card>
          {session && <TraineesCard session={session} canEdit={c.canEdit} />}
          <Modal
            open={adding}
            title={t('添加培训期次', 'Add session')}
            onCancel={() => setAdding(false)}
            onOk={() => form.submit()}
            confirmLoading={m.createSession.isPending}
            destroyOnHidden
            width={600}
          >
            <Form
              form={form}
              layout="vertical"
              onFinish={addSession}
              initialValues={{ hours: 4, attendeeMode: 'roster', attendeeCount: 0, sessionDate: dayjs(c.startDate) }}
            >
              <Form.Item
                name="topic"
                label={t('专题', 'Topic')}
                rules={[{ required: true, whitespace: true, message: t('请填写专题', 'Required') }]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={12}>
                  <Form.Item name="sessionDate" label={t('日期', 'Date')} rules={[{ required: true }]}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item name="hours" label={t('学时', 'Hours')} rules={[{ required: true }]}>
                    <InputNumber min={0} step={0.5} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item name="teacher" label={t('授课人', 'Teacher')}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item name="venue" label={t('地点', 'Venue')}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="attendeeMode" label={t('参训人数', 'Attendance')}>
                <Radio.Group
                  options={[
                    { value: 'roster', label: t('按学员名单（实到人数）', 'From the roster') },
                    { value: 'count', label: t('直接填写人数', 'Typed count') },
                  ]}
                />
              </Form.Item>
              {attendeeMode === 'count' && (
                <Form.Item name="attendeeCount" label={t('人数', 'Count')}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              )}
            </Form>
          </Modal>
        </>
      )}
    </QueryState>
  );
}

function TraineesCard({ session, canEdit }: { session: TrainingSession; canEdit: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const trainees = useTrainees(session.id);
  const m = useActivitiesMutations();
  const [adding, setAdding] = useState(false);
  const [outcomeFor, setOutcomeFor] = useState<Trainee | null>(null);
  const [form] = Form.useForm<AddTrainee>();
  const [outcomeForm] = Form.useForm<Omit<TraineeOutcomeInput, 'outcomeDate'> & { outcomeDate?: Dayjs | null }>();

  const add = async (v: AddTrainee) => {
    try {
      await m.addTrainee.mutateAsync({ sessionId: session.id, ...v, idNumber: v.idNumber || null, phone: v.phone || null });
      form.resetFields();
      setAdding(false);
      message.success(t('已添加学员', 'Added'));
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  const saveOutcome = async (v: Omit<TraineeOutcomeInput, 'outcomeDate'> & { outcomeDate?: Dayjs | null }) => {
    try {
      await m.setOutcome.mutateAsync({
        id: outcomeFor!.id,
        outcome: v.outcome,
        outcomeNote: v.outcomeNote,
        outcomeDate: v.outcomeDate?.format('YYYY-MM-DD') ?? null,
      });
      setOutcomeFor(null);
      message.success(t('已记录', 'Saved'));
    } catch (e) {
      message.error(applyServerErrors(outcomeForm, e));
    }
  };

  return (
    <Card
      size="small"
      title={t(`学员名单：${session.topic}（${session.sessionDate}）`, `Trainees: ${session.topic}`)}
      extra={
        <Space wrap>
          <ExportButton url={`/api/activities/sessions/${session.id}/trainees/export`} label={t('导出', 'Export')} />
          {canEdit && (
            <ImportDialog
              title={t('导入学员名单', 'Import trainees')}
              templateUrl={`/api/activities/sessions/${session.id}/trainees/template`}
              uploadUrl={`/api/activities/sessions/${session.id}/trainees/import`}
              onDone={m.refresh}
              trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
            />
          )}
          {canEdit && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('添加学员', 'Add')}
            </Button>
          )}
        </Space>
      }
    >
      {session.attendeeMode === 'count' && (trainees.data?.length ?? 0) === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t(`本期按人数登记（${session.attendeeCount}人），未登记学员名单`, 'Counted, no roster')}
        />
      ) : (
        <Table<Trainee>
          rowKey="id"
          size="small"
          loading={trainees.isLoading}
          dataSource={trainees.data ?? []}
          scroll={{ x: 820 }}
          pagination={{ pageSize: 20, showSizeChanger: false, size: 'small' }}
          locale={{ emptyText: t('暂无学员', 'No trainees') }}
          columns={[
            {
              title: t('姓名', 'Name'),
              dataIndex: 'name',
              width: 100,
              render: (v, r) => (
                <>
                  {v}
                  {r.personId && (
                    <Tag style={{ marginLeft: 4 }} color="blue">
                      {t('人员库', 'registry')}
                    </Tag>
                  )}
                </>
              ),
            },
            { title: t('性别', 'Sex'), dataIndex: 'gender', width: 55, render: (g: Trainee['gender']) => (g === 'female' ? '女' : '男') },
            { title: t('身份证号', 'ID number'), dataIndex: 'idNumberMasked', width: 180, render: (v) => v ?? '—' },
            { title: t('电话', 'Phone'), dataIndex: 'phoneMasked', width: 120, render: (v) => v ?? '—' },
            {
              title: t('参训', 'Attended'),
              dataIndex: 'attended',
              width: 70,
              render: (a: boolean, r) => (
                <Switch size="small" checked={a} disabled={!canEdit} onChange={(v) => m.setAttendance.mutate({ id: r.id, attended: v })} />
              ),
            },
            {
              title: t('跟踪结果', 'Outcome'),
              dataIndex: 'outcome',
              width: 150,
              render: (o: Trainee['outcome'], r) =>
                o ? (
                  <Tag color={o === 'none' ? 'default' : 'green'}>
                    {TRAINEE_OUTCOME_LABELS[o]}
                    {r.outcomeDate ? ` ${r.outcomeDate}` : ''}
                  </Tag>
                ) : (
                  <Typography.Text type="secondary">{t('未跟踪', 'Not followed up')}</Typography.Text>
                ),
            },
            ...(canEdit
              ? [
                  {
                    title: '',
                    key: 'x',
                    width: 110,
                    render: (_: unknown, r: Trainee) => (
                      <Space size={8}>
                        <Typography.Link
                          onClick={() => {
                            setOutcomeFor(r);
                            outcomeForm.setFieldsValue({
                              outcome: r.outcome ?? 'reemployed',
                              outcomeDate: r.outcomeDate ? dayjs(r.outcomeDate) : null,
                              outcomeNote: r.outcomeNote,
                            });
                          }}
                        >
                          {t('跟踪', 'Follow up')}
                        </Typography.Link>
                        <Popconfirm title={t('移除该学员？', 'Remove?')} onConfirm={() => m.removeTrainee.mutateAsync(r.id)}>
                          <Typography.Link type="danger">{t('移除', 'Remove')}</Typography.Link>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
          data-testid="trainees-table"
        />
      )}
      <Modal
        open={adding}
        title={t('添加学员', 'Add trainee')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.addTrainee.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={add} initialValues={{ gender: 'female', attended: true }}>
          <Form.Item
            name="name"
            label={t('姓名', 'Name')}
            rules={[{ required: true, whitespace: true, message: t('请填写姓名', 'Required') }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="gender" label={t('性别', 'Sex')}>
            <Select
              options={[
                { value: 'female', label: '女' },
                { value: 'male', label: '男' },
              ]}
            />
          </Form.Item>
          <Form.Item name="idNumber" label={t('身份证号（选填，填写后与人员库关联）', 'ID number (optional)')}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="phone" label={t('联系电话', 'Phone')}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="attended" label={t('已参训', 'Attended')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!outcomeFor}
        title={t(`跟踪结果：${outcomeFor?.name ?? ''}`, 'Outcome')}
        onCancel={() => setOutcomeFor(null)}
        onOk={() => outcomeForm.submit()}
        confirmLoading={m.setOutcome.isPending}
        destroyOnHidden
      >
        <Form form={outcomeForm} layout="vertical" onFinish={saveOutcome}>
          <Form.Item name="outcome" label={t('结果', 'Outcome')} rules={[{ required: true }]}>
            <Radio.Group options={TRAINEE_OUTCOMES.map((o) => ({ value: o, label: TRAINEE_OUTCOME_LABELS[o] }))} />
          </Form.Item>
          <Form.Item name="outcomeDate" label={t('日期（就业或创业时必填）', 'Date')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="outcomeNote" label={t('说明', 'Note')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
