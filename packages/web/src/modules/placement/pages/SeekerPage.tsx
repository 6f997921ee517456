import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Descriptions, Form, Input, Modal, Row, Select, Space, Table, Tag } from 'antd';
import {
  EDUCATION_LABELS,
  SEEKER_CATEGORY_LABELS,
  WORK_HOURS_LABELS,
  type JobReferral,
  type SeekerDetail,
  type VacancyMatch,
} from '@jinguo/domain';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, formatYuan, PageHeader, QueryState } from '../../../ui';
import { usePlacementMutations, useReferrals, useSeeker, useSeekerMatches, useTraineeRecords } from '../api';
import { OutcomeModal, ReasonList, ScoreTag, SeekerStatusTag, useRefer } from '../components/common';
import { referralColumns } from '../components/ReferralsTab';

type TrainingForm = { traineeId?: string; title?: string; organiser?: string; completedOn?: Dayjs };

/** A job seeker: who she is (masked), what she can do and wants, trainings taken, the vacancies that fit her, her referrals. */
export function SeekerPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const seeker = useSeeker(id);
  const s = seeker.data;
  return (
    <QueryState loading={seeker.isLoading} error={seeker.error}>
      {s && (
        <>
          <PageHeader
            title={
              <Space>
                {s.name}
                <SeekerStatusTag status={s.status} />
              </Space>
            }
            subtitle={`${SEEKER_CATEGORY_LABELS[s.category]} · ${s.ownerOrgName} · ${t('登记于', 'registered')} ${s.registeredOn}`}
          />
          <Card size="small" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="seeker-detail">
              <Descriptions.Item label={t('身份证号', 'ID number')}>{s.idNumberMasked ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('联系电话', 'Phone')}>{s.phoneMasked ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('学历', 'Education')}>{s.education ? EDUCATION_LABELS[s.education] : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('技能', 'Skills')}>
                {s.skills.length ? s.skills.map((k) => <Tag key={k}>{k}</Tag>) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('期望工时', 'Hours')}>{WORK_HOURS_LABELS[s.hours]}</Descriptions.Item>
              <Descriptions.Item label={t('期望月薪', 'Expected wage')}>{formatYuan(s.expectedWageFen)}</Descriptions.Item>
              <Descriptions.Item label={t('意向地点', 'Where')}>
                {s.placeNames.length ? s.placeNames.join('、') : t('区内不限', 'Anywhere in the district')}
                {s.acceptsOutside ? t('；愿意外出务工', '; will work away') : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('求职意向', 'Wishes')} span={2}>
                {s.wishes ?? '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={10}>
              <Trainings seeker={s} canWrite={can('placement.write')} />
            </Col>
            <Col xs={24} lg={14}>
              <Matches seekerId={id} canWrite={can('placement.write') && s.status === 'seeking'} />
            </Col>
            <Col xs={24}>
              <Referrals seekerId={id} />
            </Col>
          </Row>
        </>
      )}
    </QueryState>
  );
}

function Trainings({ seeker, canWrite }: { seeker: SeekerDetail; canWrite: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const m = usePlacementMutations();
  const [adding, setAdding] = useState(false);
  const records = useTraineeRecords(seeker.id, adding);
  const [form] = Form.useForm<TrainingForm>();
  const linked = new Set(seeker.trainings.map((x) => x.traineeId));
  const save = async (v: TrainingForm) => {
    const r = records.data?.find((x) => x.traineeId === v.traineeId);
    try {
      await m.addTraining.mutateAsync({
        id: seeker.id,
        traineeId: r?.traineeId ?? null,
        title: r ? r.courseTitle : (v.title ?? ''),
        organiser: r ? t('本会', 'Federation') : (v.organiser ?? null),
        completedOn: r ? r.sessionDate : (v.completedOn?.format('YYYY-MM-DD') ?? null),
      });
      setAdding(false);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  return (
    <Card
      size="small"
      title={t('参加培训', 'Trainings taken')}
      extra={
        canWrite && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('添加', 'Add')}
          </Button>
        )
      }
    >
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={seeker.trainings}
        locale={{ emptyText: t('未登记培训', 'None recorded') }}
        columns={[
          { title: t('培训', 'Training'), dataIndex: 'title', ellipsis: true },
          { title: t('结业', 'Completed'), dataIndex: 'completedOn', width: 100, render: (v) => v ?? '—' },
          {
            title: '',
            dataIndex: 'traineeId',
            width: 80,
            render: (v) => (v ? <Tag color="magenta">{t('本会培训', 'Ours')}</Tag> : null),
          },
        ]}
        data-testid="seeker-trainings"
      />
      <Modal
        open={adding}
        title={t('添加参加培训', 'Add a training')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.addTraining.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="traineeId" label={t('本会培训记录（按姓名或身份证号匹配）', 'Our training roster')}>
            <Select
              allowClear
              loading={records.isLoading}
              placeholder={t('选择培训学员记录，或在下方填写其他培训', 'Pick a roster row, or fill in another training below')}
              options={(records.data ?? [])
                .filter((r) => !linked.has(r.traineeId))
                .map((r) => ({
                  value: r.traineeId,
                  label: `${r.sessionDate} ${r.courseTitle}·${r.topic}${r.linkedPerson ? '' : '（同名）'}`,
                }))}
            />
          </Form.Item>
          <Form.Item name="title" label={t('其他培训名称', 'Other training')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="organiser" label={t('主办单位', 'Organiser')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="completedOn" label={t('结业日期', 'Completed on')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function Matches({ seekerId, canWrite }: { seekerId: string; canWrite: boolean }) {
  const { t } = useI18n();
  const matches = useSeekerMatches(seekerId);
  const refer = useRefer();
  return (
    <Card size="small" title={t('适合的岗位', 'Vacancies that fit')}>
      <QueryState loading={matches.isLoading} error={matches.error}>
        <Table<VacancyMatch>
          rowKey="vacancyId"
          size="small"
          dataSource={matches.data ?? []}
          pagination={{ pageSize: 5, size: 'small', showSizeChanger: false }}
          scroll={{ x: 560 }}
          locale={{ emptyText: t('暂无匹配的招聘岗位', 'No open vacancy fits') }}
          columns={[
            {
              title: t('岗位', 'Job'),
              key: 'job',
              width: 170,
              render: (_: unknown, v) => (
                <Space direction="vertical" size={0}>
                  <Link to={`/placement/vacancies/${v.vacancyId}`}>{v.title}</Link>
                  <span style={{ fontSize: 12 }}>{v.employerName}</span>
                </Space>
              ),
            },
            { title: t('匹配度', 'Fit'), dataIndex: 'score', width: 70, render: (v: number) => <ScoreTag score={v} /> },
            { title: t('匹配理由', 'Why'), dataIndex: 'reasons', render: (r: VacancyMatch['reasons']) => <ReasonList reasons={r} /> },
            {
              title: '',
              key: 'x',
              width: 70,
              render: (_: unknown, v) =>
                v.referred ? (
                  <Tag>{t('已推荐', 'Referred')}</Tag>
                ) : (
                  canWrite && (
                    <Button size="small" onClick={() => refer(v.vacancyId, seekerId, `${v.employerName}·${v.title}`)}>
                      {t('推荐', 'Refer')}
                    </Button>
                  )
                ),
            },
          ]}
          data-testid="seeker-matches"
        />
      </QueryState>
    </Card>
  );
}

function Referrals({ seekerId }: { seekerId: string }) {
  const { t } = useI18n();
  const can = useCan();
  const list = useReferrals({ seekerId }, 1, 50);
  const [recording, setRecording] = useState<JobReferral | null>(null);
  return (
    <Card size="small" title={t('推荐记录', 'Referrals')}>
      <Table<JobReferral>
        rowKey="id"
        size="small"
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('尚未推荐', 'Not referred yet') }}
        columns={referralColumns(t, can('placement.write') ? setRecording : null)}
      />
      <OutcomeModal referral={recording} onClose={() => setRecording(null)} />
    </Card>
  );
}
