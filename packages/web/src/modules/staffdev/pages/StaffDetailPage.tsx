import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  DEGREE_LABELS,
  DEGREES,
  EDUCATION_LABELS,
  STAFF_CATEGORY_LABELS,
  STUDY_MODE_LABELS,
  STUDY_MODES,
  STUDY_STATUS_LABELS,
  TRAINING_LEVEL_LABELS,
  TRAINING_LEVELS,
  type Degree,
  type DegreeRecord,
  type StudyMode,
  type StudyStatus,
  type TrainingLevel,
  type TrainingRecord,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState } from '../../../ui';
import { useStaff, useStaffdevMutations } from '../api';

type Dialog = 'training' | 'degree' | 'certificate' | null;
/** The fields of the three dialogs (one form serves them all). */
type DialogValues = {
  title: string;
  organiser: string;
  level: TrainingLevel;
  dates: [Dayjs, Dayjs | null];
  hours: number;
  note?: string;
  degree: Degree;
  school: string;
  major?: string;
  mode: StudyMode;
  startDate: Dayjs;
  status: StudyStatus;
  completedOn?: Dayjs;
  name: string;
  issuer?: string;
  issuedOn: Dayjs;
  expiresOn?: Dayjs;
};
const ymd = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** One person's register: every training with its level and hours, the totals by year, degree studies, certificates. */
export function StaffDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const staff = useStaff(id);
  const m = useStaffdevMutations();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm<DialogValues>();
  const s = staff.data;
  const write = !!s?.can.write;

  const save = async (v: DialogValues) => {
    try {
      if (dialog === 'training')
        await m.addTraining.mutateAsync({
          id,
          title: v.title,
          organiser: v.organiser,
          level: v.level,
          startDate: ymd(v.dates[0])!,
          endDate: ymd(v.dates[1]),
          hours: v.hours,
          note: v.note || null,
        });
      if (dialog === 'degree')
        await m.addDegree.mutateAsync({
          id,
          degree: v.degree,
          school: v.school,
          major: v.major || null,
          mode: v.mode,
          startDate: ymd(v.startDate)!,
          status: v.status,
          completedOn: ymd(v.completedOn),
        });
      if (dialog === 'certificate')
        await m.addCertificate.mutateAsync({
          id,
          name: v.name,
          issuer: v.issuer || null,
          issuedOn: ymd(v.issuedOn)!,
          expiresOn: ymd(v.expiresOn),
        });
      setDialog(null);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  const graduate = (d: DegreeRecord) =>
    m.updateDegree.mutate({ id, recordId: d.id, status: 'graduated', completedOn: dayjs().format('YYYY-MM-DD') });

  const add = (kind: Exclude<Dialog, null>, label: string) =>
    write && (
      <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog(kind)} data-testid={`add-${kind}`}>
        {label}
      </Button>
    );

  return (
    <QueryState loading={staff.isLoading} error={staff.error}>
      {s && (
        <>
          <PageHeader title={s.name} subtitle={`${STAFF_CATEGORY_LABELS[s.category]} · ${s.position ?? ''} · ${s.ownerOrgName}`} />
          <Card size="small" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 4 }}>
              <Descriptions.Item label={t('性别', 'Sex')}>{s.gender === 'female' ? '女' : '男'}</Descriptions.Item>
              <Descriptions.Item label={t('出生年份', 'Born')}>{s.birthYear ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('学历', 'Education')}>{s.education ? EDUCATION_LABELS[s.education] : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('状态', 'Status')}>{s.active ? t('在岗', 'Active') : t('已离岗', 'Left')}</Descriptions.Item>
            </Descriptions>
            <Table
              rowKey="year"
              size="small"
              pagination={false}
              dataSource={s.byYear}
              locale={{ emptyText: t('尚无培训记录', 'No trainings yet') }}
              columns={[
                { title: t('年度', 'Year'), dataIndex: 'year', width: 70 },
                { title: t('培训次数', 'Trainings'), dataIndex: 'trainings', width: 90, align: 'right' },
                { title: t('学时', 'Hours'), dataIndex: 'hours', width: 70, align: 'right' },
                {
                  title: t('按级别', 'By level'),
                  dataIndex: 'byLevel',
                  render: (v: { level: TrainingLevel; trainings: number; hours: number }[]) =>
                    v.map((x) => <Tag key={x.level}>{`${TRAINING_LEVEL_LABELS[x.level]} ${x.trainings}次/${x.hours}学时`}</Tag>),
                },
              ]}
              data-testid="staff-totals"
            />
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24}>
              <Card size="small" title={t('培训记录', 'Trainings')} extra={add('training', t('登记培训', 'Add training'))}>
                <Table<TrainingRecord>
                  rowKey="id"
                  size="small"
                  dataSource={s.trainingRecords}
                  pagination={{ pageSize: 10, size: 'small', showSizeChanger: false }}
                  scroll={{ x: 720 }}
                  locale={{ emptyText: t('尚无培训记录', 'None') }}
                  columns={[
                    { title: t('开始日期', 'From'), dataIndex: 'startDate', width: 100 },
                    { title: t('培训名称', 'Training'), dataIndex: 'title', ellipsis: true },
                    { title: t('主办单位', 'Organiser'), dataIndex: 'organiser', width: 160, ellipsis: true },
                    { title: t('级别', 'Level'), dataIndex: 'level', width: 70, render: (v: TrainingLevel) => TRAINING_LEVEL_LABELS[v] },
                    { title: t('学时', 'Hours'), dataIndex: 'hours', width: 60, align: 'right' },
                    ...(write
                      ? [
                          {
                            title: '',
                            key: 'x',
                            width: 40,
                            render: (_: unknown, r: TrainingRecord) => (
                              <Popconfirm
                                title={t('删除这条培训记录？', 'Delete this record?')}
                                onConfirm={() => m.deleteTraining.mutate({ id, recordId: r.id })}
                              >
                                <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('删除', 'Delete')} />
                              </Popconfirm>
                            ),
                          },
                        ]
                      : []),
                  ]}
                  data-testid="staff-trainings"
                />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={t('学历教育', 'Degree studies')} extra={add('degree', t('登记', 'Add'))}>
                <Table<DegreeRecord>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={s.degreeRecords}
                  scroll={{ x: 520 }}
                  locale={{ emptyText: t('无', 'None') }}
                  columns={[
                    { title: t('层次', 'Degree'), dataIndex: 'degree', width: 90, render: (v: DegreeRecord['degree']) => DEGREE_LABELS[v] },
                    {
                      title: t('学校与专业', 'School'),
                      key: 'school',
                      render: (_: unknown, d) => `${d.school}${d.major ? ` · ${d.major}` : ''}`,
                    },
                    { title: t('形式', 'Mode'), dataIndex: 'mode', width: 80, render: (v: DegreeRecord['mode']) => STUDY_MODE_LABELS[v] },
                    {
                      title: t('状态', 'Status'),
                      key: 'status',
                      width: 150,
                      render: (_: unknown, d) => (
                        <>
                          <Tag color={d.status === 'studying' ? 'magenta' : 'default'}>{STUDY_STATUS_LABELS[d.status]}</Tag>
                          {d.completedOn}
                          {d.status === 'studying' && write && (
                            <Typography.Link onClick={() => graduate(d)}>{t('已毕业', 'Graduated')}</Typography.Link>
                          )}
                        </>
                      ),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card size="small" title={t('证书', 'Certificates')} extra={add('certificate', t('登记', 'Add'))}>
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={s.certificateRecords}
                  locale={{ emptyText: t('无', 'None') }}
                  columns={[
                    { title: t('证书', 'Certificate'), dataIndex: 'name', ellipsis: true },
                    { title: t('发证日期', 'Issued'), dataIndex: 'issuedOn', width: 100 },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Modal
            open={!!dialog}
            title={
              {
                training: t('登记培训', 'Add training'),
                degree: t('登记学历教育', 'Add degree study'),
                certificate: t('登记证书', 'Add certificate'),
              }[dialog ?? 'training']
            }
            onCancel={() => setDialog(null)}
            onOk={() => form.submit()}
            destroyOnHidden
          >
            <Form
              form={form}
              layout="vertical"
              onFinish={save}
              preserve={false}
              initialValues={{ level: 'city', mode: 'in_service', status: 'studying', degree: 'bachelor' }}
            >
              {dialog === 'training' && (
                <>
                  <Form.Item name="title" label={t('培训名称', 'Training')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name="organiser" label={t('主办单位', 'Organiser')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col xs={12}>
                      <Form.Item name="level" label={t('培训级别', 'Level')}>
                        <Select options={TRAINING_LEVELS.map((l) => ({ value: l, label: TRAINING_LEVEL_LABELS[l] }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={12}>
                      <Form.Item name="hours" label={t('学时', 'Hours')} rules={[{ required: true }]}>
                        <InputNumber min={1} max={2000} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name="dates" label={t('起止日期', 'Dates')} rules={[{ required: true }]}>
                    <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} />
                  </Form.Item>
                </>
              )}
              {dialog === 'degree' && (
                <>
                  <Row gutter={12}>
                    <Col xs={12}>
                      <Form.Item name="degree" label={t('学历层次', 'Degree')}>
                        <Select options={DEGREES.map((d) => ({ value: d, label: DEGREE_LABELS[d] }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={12}>
                      <Form.Item name="mode" label={t('学习形式', 'Mode')}>
                        <Select options={STUDY_MODES.map((d) => ({ value: d, label: STUDY_MODE_LABELS[d] }))} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name="school" label={t('学校', 'School')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name="major" label={t('专业', 'Major')}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col xs={12}>
                      <Form.Item name="startDate" label={t('入学日期', 'Started')} rules={[{ required: true }]}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12}>
                      <Form.Item name="completedOn" label={t('毕业（退学）日期', 'Ended')}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name="status" label={t('状态', 'Status')}>
                    <Select
                      options={(['studying', 'graduated', 'withdrawn'] as const).map((x) => ({ value: x, label: STUDY_STATUS_LABELS[x] }))}
                    />
                  </Form.Item>
                </>
              )}
              {dialog === 'certificate' && (
                <>
                  <Form.Item name="name" label={t('证书名称', 'Certificate')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name="issuer" label={t('发证机构', 'Issuer')}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col xs={12}>
                      <Form.Item name="issuedOn" label={t('发证日期', 'Issued')} rules={[{ required: true }]}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12}>
                      <Form.Item name="expiresOn" label={t('有效期至', 'Expires')}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                </>
              )}
            </Form>
          </Modal>
        </>
      )}
    </QueryState>
  );
}
