import { newIdempotencyKey, useIdempotencyKey } from '../../../ui/idempotency';
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Badge,
  Button,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import {
  checkResidentIdNumber,
  CONSENT_AGE,
  CONSENT_METHOD_LABELS,
  PAIRING_STATUS_LABELS,
  SCHOOL_STAGE_LABELS,
  SPONSOR_KIND_LABELS,
  STUDENT_STATUS_LABELS,
  termLabel,
  formatFen,
  type DuePayment,
  type Meeting,
  type Pairing,
  type Sponsor,
  type Student,
  type TermPayment,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, PageHeader, QueryState } from '../../../ui';
import { useDue, useMeetings, usePairings, usePayments, useSponsors, useSponsorshipMutations, useStudents } from '../api';
import { useApprovers, toFen, YuanInput, yuanRule } from '../../funds/public';

type Dialog = { kind: 'student' | 'sponsor' | 'pairing' | 'meeting' } | { kind: 'pay'; due: DuePayment } | null;
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** Term codes from this year's spring to four years ahead, for the pairing form. */
function termOptions() {
  const y = new Date().getFullYear() - 1;
  return Array.from({ length: 12 }, (_, i) => `${y + Math.floor(i / 2)}-${(i % 2) + 1}`).map((v) => ({ value: v, label: termLabel(v) }));
}

/** 春蕾计划: the girls (a minor's details only for those allowed), sponsors, pairings, term payments due, pairing meetings. */
export function SponsorshipPage() {
  const { t } = useI18n();
  const can = useCan();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'students';
  const [page, setPage] = useState(1);
  const students = useStudents({ page, pageSize: 20 });
  const sponsors = useSponsors();
  const pairings = usePairings();
  const due = useDue();
  const payments = usePayments();
  const meetings = useMeetings();
  const m = useSponsorshipMutations();
  const [dialog, setDialog] = useState<Dialog>(null);
  const overdue = (due.data ?? []).filter((d) => d.overdue).length;

  const askReason = (title: string, fn: (reason: string) => Promise<unknown>) => {
    let reason = '';
    modal.confirm({
      title,
      content: (
        <Input.TextArea
          autoFocus
          placeholder={t('原因（必填）', 'Reason (required)')}
          onChange={(e) => (reason = e.target.value)}
          maxLength={200}
        />
      ),
      onOk: async () => {
        try {
          await fn(reason);
          message.success(t('已完成', 'Done'));
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
          throw e;
        }
      },
    });
  };

  const studentName = (s: { name: string; detailsVisible?: boolean }) =>
    s.detailsVisible === false ? (
      <Space size={4}>
        {s.name}
        <LockOutlined style={{ color: '#bfbfbf' }} title={t('未成年人信息仅授权人员可见', 'Restricted')} />
      </Space>
    ) : (
      s.name
    );

  return (
    <>
      <PageHeader
        title={t('春蕾计划', 'Spring Bud (春蕾)')}
        subtitle={t(
          '结对助学：资助款按学期经资金台账发放；未满14周岁女童须先记录监护人同意；未成年人信息仅授权人员可见',
          'Sponsorship pairs; payments per term go through the ledger',
        )}
        extra={
          can('sponsorship.write') && (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'student' })} data-testid="add-student">
                {t('登记学生', 'Register a student')}
              </Button>
              <Button onClick={() => setDialog({ kind: 'sponsor' })}>{t('新增资助人', 'New sponsor')}</Button>
              <Button onClick={() => setDialog({ kind: 'pairing' })}>{t('新建结对', 'New pairing')}</Button>
              <Button onClick={() => setDialog({ kind: 'meeting' })}>{t('记录见面会', 'Record a meeting')}</Button>
            </>
          )
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          {
            key: 'students',
            label: t('受助学生', 'Students'),
            children: (
              <QueryState loading={students.isLoading} error={students.error}>
                <Table<Student>
                  rowKey="id"
                  size="small"
                  dataSource={students.data?.items ?? []}
                  scroll={{ x: 980 }}
                  locale={{ emptyText: t('还没有登记受助学生', 'No students') }}
                  pagination={{ current: page, pageSize: 20, total: students.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
                  columns={[
                    { title: t('姓名', 'Name'), dataIndex: 'name', width: 110, render: (_: unknown, s) => studentName(s) },
                    { title: t('年龄', 'Age'), dataIndex: 'age', width: 60, render: (a: number | null) => a ?? '—' },
                    { title: t('乡镇（街道）', 'Township'), dataIndex: 'townshipName', width: 110 },
                    {
                      title: t('学校 / 年级', 'School'),
                      key: 'school',
                      width: 190,
                      render: (_: unknown, s) =>
                        s.detailsVisible ? `${s.schoolName ?? ''} ${s.stage ? SCHOOL_STAGE_LABELS[s.stage] : ''}${s.grade ?? ''}` : '—',
                    },
                    {
                      title: t('监护人', 'Guardian'),
                      key: 'guardian',
                      width: 160,
                      render: (_: unknown, s) =>
                        s.detailsVisible
                          ? `${s.guardianName}（${s.guardianRelation}）${s.guardianPhoneMasked ? ` ${s.guardianPhoneMasked}` : ''}`
                          : '—',
                    },
                    {
                      title: t('监护人同意', 'Consent'),
                      dataIndex: 'consentRecorded',
                      width: 100,
                      render: (c: boolean, s) =>
                        c ? <Tag color="green">{t('已记录', 'Recorded')}</Tag> : s.minor ? <Tag>{t('14岁以上', '14+')}</Tag> : '—',
                    },
                    { title: t('结对', 'Pairings'), dataIndex: 'activePairings', width: 70, align: 'right' },
                    {
                      title: t('状态', 'Status'),
                      dataIndex: 'status',
                      width: 100,
                      render: (st: Student['status']) => (
                        <Tag color={st === 'active' ? 'magenta' : 'default'}>{STUDENT_STATUS_LABELS[st]}</Tag>
                      ),
                    },
                    {
                      title: '',
                      key: 'a',
                      width: 90,
                      render: (_: unknown, s) =>
                        can('sponsorship.write') &&
                        s.status === 'active' && (
                          <Typography.Link
                            onClick={() =>
                              askReason(t('标记为已毕业', 'Graduated'), (reason) =>
                                m.setStatus.mutateAsync({ id: s.id, status: 'graduated', reason }),
                              )
                            }
                          >
                            {t('毕业', 'Graduated')}
                          </Typography.Link>
                        ),
                    },
                  ]}
                  data-testid="students-table"
                />
              </QueryState>
            ),
          },
          {
            key: 'sponsors',
            label: t('资助人', 'Sponsors'),
            children: (
              <Table<Sponsor>
                rowKey="id"
                size="small"
                loading={sponsors.isLoading}
                dataSource={sponsors.data ?? []}
                scroll={{ x: 640 }}
                pagination={false}
                locale={{ emptyText: t('还没有资助人', 'No sponsors') }}
                columns={[
                  { title: t('资助人', 'Sponsor'), dataIndex: 'name' },
                  { title: t('类型', 'Kind'), dataIndex: 'kind', width: 80, render: (k: Sponsor['kind']) => SPONSOR_KIND_LABELS[k] },
                  { title: t('电话', 'Phone'), dataIndex: 'phoneMasked', width: 130, render: (v: string | null) => v ?? '—' },
                  { title: t('进行中结对', 'Active pairings'), dataIndex: 'activePairings', width: 110, align: 'right' },
                  { title: t('累计资助（元）', 'Paid (yuan)'), dataIndex: 'totalPaidFen', width: 130, align: 'right', render: formatFen },
                ]}
              />
            ),
          },
          {
            key: 'pairings',
            label: t('结对', 'Pairings'),
            children: (
              <Table<Pairing>
                rowKey="id"
                size="small"
                loading={pairings.isLoading}
                dataSource={pairings.data ?? []}
                scroll={{ x: 860 }}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                locale={{ emptyText: t('还没有结对', 'No pairings') }}
                columns={[
                  { title: t('学生', 'Student'), dataIndex: 'studentName', width: 100 },
                  { title: t('资助人', 'Sponsor'), dataIndex: 'sponsorName', width: 160 },
                  {
                    title: t('期间', 'Terms'),
                    key: 'terms',
                    width: 230,
                    render: (_: unknown, p) => `${termLabel(p.startTerm)} — ${termLabel(p.endTerm)}`,
                  },
                  { title: t('每学期（元）', 'Per term'), dataIndex: 'amountPerTermFen', width: 110, align: 'right', render: formatFen },
                  {
                    title: t('已发放', 'Paid'),
                    key: 'paid',
                    width: 130,
                    render: (_: unknown, p) => `${p.paidTerms}/${p.totalTerms} · ${formatFen(p.paidFen)}`,
                  },
                  {
                    title: t('状态', 'Status'),
                    dataIndex: 'status',
                    width: 90,
                    render: (s: Pairing['status']) => <Tag color={s === 'active' ? 'magenta' : 'default'}>{PAIRING_STATUS_LABELS[s]}</Tag>,
                  },
                  {
                    title: '',
                    key: 'a',
                    width: 80,
                    render: (_: unknown, p) =>
                      can('sponsorship.write') &&
                      p.status === 'active' && (
                        <Typography.Link
                          onClick={() =>
                            askReason(t('结束结对', 'End pairing'), (reason) => m.endPairing.mutateAsync({ id: p.id, reason }))
                          }
                        >
                          {t('结束', 'End')}
                        </Typography.Link>
                      ),
                  },
                ]}
                data-testid="pairings-table"
              />
            ),
          },
          {
            key: 'due',
            label: (
              <Badge count={overdue} size="small" offset={[8, -2]}>
                {t('待发放资助款', 'Payments due')}
              </Badge>
            ),
            children: (
              <>
                <Table<DuePayment>
                  rowKey={(d) => `${d.pairingId}-${d.term}`}
                  size="small"
                  loading={due.isLoading}
                  dataSource={due.data ?? []}
                  scroll={{ x: 760 }}
                  pagination={false}
                  locale={{ emptyText: t('没有待发放的资助款', 'Nothing due') }}
                  columns={[
                    { title: t('学期', 'Term'), dataIndex: 'term', width: 140, render: termLabel },
                    {
                      title: t('应发日期', 'Due'),
                      dataIndex: 'dueOn',
                      width: 110,
                      render: (v: string, d) => (
                        <Space>
                          {v}
                          {d.overdue && <Tag color="red">{t('已到期', 'Due')}</Tag>}
                        </Space>
                      ),
                    },
                    { title: t('学生', 'Student'), dataIndex: 'studentName', width: 100 },
                    { title: t('资助人', 'Sponsor'), dataIndex: 'sponsorName' },
                    { title: t('金额（元）', 'Amount'), dataIndex: 'amountFen', width: 110, align: 'right', render: formatFen },
                    {
                      title: '',
                      key: 'a',
                      width: 76,
                      fixed: 'right',
                      render: (_: unknown, d) =>
                        can('funds.write') && (
                          <Button size="small" type="primary" onClick={() => setDialog({ kind: 'pay', due: d })} data-testid="pay-term">
                            {t('发放', 'Pay')}
                          </Button>
                        ),
                    },
                  ]}
                  data-testid="due-table"
                />
                <Divider titlePlacement="start" plain>
                  {t('已发放', 'Paid')}
                </Divider>
                <Table<TermPayment>
                  rowKey="id"
                  size="small"
                  loading={payments.isLoading}
                  dataSource={payments.data ?? []}
                  scroll={{ x: 700 }}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  columns={[
                    { title: t('发放日期', 'Paid on'), dataIndex: 'paidOn', width: 110 },
                    { title: t('学期', 'Term'), dataIndex: 'term', width: 140, render: termLabel },
                    { title: t('学生', 'Student'), dataIndex: 'studentName', width: 100 },
                    { title: t('资助人', 'Sponsor'), dataIndex: 'sponsorName' },
                    {
                      title: t('金额（元）', 'Amount'),
                      dataIndex: 'amountFen',
                      width: 110,
                      align: 'right',
                      render: (v: number, p) => <Typography.Text delete={p.reversed}>{formatFen(v)}</Typography.Text>,
                    },
                    {
                      title: '',
                      key: 'a',
                      width: 80,
                      render: (_: unknown, p) =>
                        p.reversed ? (
                          <Tag color="red">{t('已冲销', 'Reversed')}</Tag>
                        ) : (
                          can('funds.write') && (
                            <Typography.Link
                              type="danger"
                              onClick={() => {
                                const idempotencyKey = newIdempotencyKey();
                                askReason(t('冲销这笔资助款', 'Reverse'), (reason) =>
                                  m.reversePayment.mutateAsync({ id: p.id, reason, idempotencyKey }),
                                );
                              }}
                            >
                              {t('冲销', 'Reverse')}
                            </Typography.Link>
                          )
                        ),
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'meetings',
            label: t('结对见面会', 'Meetings'),
            children: (
              <Table<Meeting>
                rowKey="id"
                size="small"
                loading={meetings.isLoading}
                dataSource={meetings.data ?? []}
                scroll={{ x: 640 }}
                pagination={false}
                locale={{ emptyText: t('还没有见面会记录', 'No meetings') }}
                columns={[
                  { title: t('日期', 'Date'), dataIndex: 'heldOn', width: 110 },
                  { title: t('名称', 'Title'), dataIndex: 'title' },
                  { title: t('地点', 'Place'), dataIndex: 'place', width: 140 },
                  { title: t('参加人数', 'Attendees'), dataIndex: 'attendees', width: 90, align: 'right' },
                  { title: t('结对数', 'Pairings'), dataIndex: 'pairings', width: 80, align: 'right' },
                ]}
              />
            ),
          },
        ]}
      />
      <SponsorshipDialogs
        dialog={dialog}
        onClose={() => setDialog(null)}
        students={students.data?.items ?? []}
        sponsors={sponsors.data ?? []}
        pairings={pairings.data ?? []}
      />
    </>
  );
}

function SponsorshipDialogs({
  dialog,
  onClose,
  students,
  sponsors,
  pairings,
}: {
  dialog: Dialog;
  onClose: () => void;
  students: Student[];
  sponsors: Sponsor[];
  pairings: Pairing[];
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const m = useSponsorshipMutations();
  // One Idempotency-Key per opening of a dialog: pressing 发放 again after a lost answer pays the term once.
  const idempotencyKey = useIdempotencyKey(dialog !== null);
  const approvers = useApprovers();
  const idNumber = Form.useWatch('idNumber', form) as string | undefined;
  const method = Form.useWatch('method', form);
  const check = idNumber && idNumber.length === 18 ? checkResidentIdNumber(idNumber) : null;
  const age = check?.ok ? dayjs().diff(dayjs(check.birthDate), 'year') : null;
  const needsConsent = age !== null && age < CONSENT_AGE;

  const submit = async (v: Record<string, unknown>) => {
    try {
      switch (dialog?.kind) {
        case 'student': {
          const c = v.consent as Record<string, unknown> | undefined;
          await m.createStudent.mutateAsync({
            consent:
              needsConsent || c?.guardianName
                ? {
                    guardianName: c!.guardianName as string,
                    relation: c!.relation as string,
                    consentDate: day(c!.consentDate as Dayjs),
                    method: c!.method as 'written' | 'oral',
                    note: (c!.note as string) || null,
                  }
                : null,
            name: v.name as string,
            idNumber: v.idNumber as string,
            residenceOrgId: v.residenceOrgId as string,
            schoolOrgId: (v.schoolOrgId as string) || null,
            schoolName: (v.schoolName as string) || null,
            stage: v.stage as 'primary',
            grade: v.grade as string,
            guardianName: v.guardianName as string,
            guardianRelation: v.guardianRelation as string,
            guardianPhone: (v.guardianPhone as string) || null,
            householdMembers: v.householdMembers as number,
            householdIncomeFen: toFen(v.income as string) ?? 0,
          });
          break;
        }
        case 'sponsor':
          await m.createSponsor.mutateAsync({
            kind: v.kind as 'person' | 'organisation',
            name: v.name as string,
            creditCode: (v.creditCode as string) || null,
            phone: (v.phone as string) || null,
            note: (v.note as string) || null,
          });
          break;
        case 'pairing':
          await m.createPairing.mutateAsync({
            studentId: v.studentId as string,
            sponsorId: v.sponsorId as string,
            startTerm: v.startTerm as string,
            endTerm: v.endTerm as string,
            amountPerTermFen: toFen(v.amount as string)!,
          });
          break;
        case 'meeting':
          await m.createMeeting.mutateAsync({
            title: v.title as string,
            heldOn: day(v.heldOn as Dayjs),
            place: v.place as string,
            attendees: v.attendees as number,
            pairingIds: (v.pairingIds as string[]) ?? [],
            note: (v.note as string) || null,
          });
          break;
        case 'pay':
          await m.pay.mutateAsync({
            pairingId: dialog.due.pairingId,
            term: dialog.due.term,
            paidOn: day(v.paidOn as Dayjs),
            approvedBy: v.approvedBy as string,
            method: v.method as 'cash' | 'bank_transfer',
            bankCard: (v.bankCard as string)?.replace(/\s/g, '') || null,
            idempotencyKey,
          });
          break;
      }
      message.success(t('已保存', 'Saved'));
      onClose();
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  const titles = {
    student: t('登记受助学生', 'Register a student'),
    sponsor: t('新增资助人', 'New sponsor'),
    pairing: t('新建结对', 'New pairing'),
    meeting: t('记录结对见面会', 'Record a meeting'),
    pay: t('发放资助款（记入资金台账）', 'Pay a term'),
  };
  return (
    <Modal
      open={!!dialog}
      title={dialog ? titles[dialog.kind] : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={dialog?.kind === 'student' ? 680 : 520}
      confirmLoading={m.createStudent.isPending || m.pay.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={submit}
        initialValues={{
          stage: 'primary',
          householdMembers: 3,
          kind: 'organisation',
          startTerm: termOptions()[2]?.value,
          endTerm: termOptions()[3]?.value,
          heldOn: dayjs(),
          paidOn: dayjs(),
          method: 'cash',
          attendees: 0,
          consent: { method: 'written', consentDate: dayjs() },
        }}
      >
        {dialog?.kind === 'student' && (
          <>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, message: t('请填写姓名', 'Required') }]}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="idNumber"
                  label={t('身份证号', 'ID number')}
                  rules={[{ required: true, message: t('请填写身份证号', 'Required') }]}
                  extra={age !== null ? t(`${age} 岁`, `${age}`) : undefined}
                >
                  <Input maxLength={18} />
                </Form.Item>
              </Col>
            </Row>
            {needsConsent && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                message={t(
                  '未满14周岁：须先记录监护人同意，才能保存她的任何信息（个人信息保护法第31条）',
                  'Under 14: the guardian’s consent is recorded first',
                )}
              />
            )}
            <Row gutter={12}>
              <Col xs={24} sm={8}>
                <Form.Item
                  name={['consent', 'guardianName']}
                  label={t('同意的监护人', 'Consenting guardian')}
                  rules={[{ required: needsConsent, message: t('请填写监护人', 'Required') }]}
                >
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={5}>
                <Form.Item
                  name={['consent', 'relation']}
                  label={t('关系', 'Relation')}
                  rules={[{ required: needsConsent, message: t('请填写关系', 'Required') }]}
                >
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={5}>
                <Form.Item name={['consent', 'method']} label={t('方式', 'Method')}>
                  <Select options={Object.entries(CONSENT_METHOD_LABELS).map(([value, label]) => ({ value, label }))} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={6}>
                <Form.Item name={['consent', 'consentDate']} label={t('同意日期', 'Date')}>
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="residenceOrgId"
                  label={t('居住地', 'Residence')}
                  rules={[{ required: true, message: t('请选择居住地', 'Required') }]}
                >
                  <OrgUnitSelect kind={['village', 'community', 'township', 'street']} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="schoolOrgId" label={t('学校', 'School')}>
                  <OrgUnitSelect kind="school" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="schoolName" label={t('或填写学校名称', 'Or school name')}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name="stage" label={t('学段', 'Stage')}>
                  <Select options={Object.entries(SCHOOL_STAGE_LABELS).map(([value, label]) => ({ value, label }))} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name="grade" label={t('年级', 'Grade')} rules={[{ required: true, message: t('请填写年级', 'Required') }]}>
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item
                  name="guardianName"
                  label={t('监护人', 'Guardian')}
                  rules={[{ required: true, message: t('请填写监护人', 'Required') }]}
                >
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item
                  name="guardianRelation"
                  label={t('关系', 'Relation')}
                  rules={[{ required: true, message: t('请填写关系', 'Required') }]}
                >
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={10}>
                <Form.Item name="guardianPhone" label={t('监护人电话', 'Phone')}>
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item name="householdMembers" label={t('家庭人口', 'Members')}>
                  <InputNumber min={1} max={30} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={16}>
                <Form.Item name="income" label={t('家庭年收入', 'Income')} rules={[yuanRule()]}>
                  <YuanInput />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        {dialog?.kind === 'sponsor' && (
          <>
            <Form.Item name="kind" label={t('类型', 'Kind')}>
              <Radio.Group options={Object.entries(SPONSOR_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="name" label={t('名称 / 姓名', 'Name')} rules={[{ required: true, message: t('请填写名称', 'Required') }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="creditCode" label={t('统一社会信用代码（单位）', 'Credit code')}>
              <Input maxLength={18} />
            </Form.Item>
            <Form.Item name="phone" label={t('联系电话', 'Phone')}>
              <Input maxLength={20} />
            </Form.Item>
          </>
        )}
        {dialog?.kind === 'pairing' && (
          <>
            <Form.Item name="studentId" label={t('受助学生', 'Student')} rules={[{ required: true, message: t('请选择学生', 'Required') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={students
                  .filter((s) => s.status === 'active')
                  .map((s) => ({ value: s.id, label: `${s.name}（${s.townshipName}）` }))}
              />
            </Form.Item>
            <Form.Item name="sponsorId" label={t('资助人', 'Sponsor')} rules={[{ required: true, message: t('请选择资助人', 'Required') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={sponsors.map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="startTerm" label={t('开始学期', 'From')}>
                  <Select options={termOptions()} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="endTerm" label={t('结束学期', 'To')}>
                  <Select options={termOptions()} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="amount" label={t('每学期资助金额', 'Per term')} rules={[yuanRule()]}>
              <YuanInput />
            </Form.Item>
          </>
        )}
        {dialog?.kind === 'meeting' && (
          <>
            <Form.Item name="title" label={t('名称', 'Title')} rules={[{ required: true, message: t('请填写名称', 'Required') }]}>
              <Input maxLength={100} placeholder="春蕾计划结对助学现场见面会" />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="heldOn" label={t('日期', 'Date')}>
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="attendees" label={t('参加人数', 'Attendees')}>
                  <InputNumber min={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="place" label={t('地点', 'Place')} rules={[{ required: true, message: t('请填写地点', 'Required') }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="pairingIds" label={t('参加的结对', 'Pairings')}>
              <Select
                mode="multiple"
                options={pairings
                  .filter((p) => p.status === 'active')
                  .map((p) => ({ value: p.id, label: `${p.studentName} — ${p.sponsorName}` }))}
              />
            </Form.Item>
          </>
        )}
        {dialog?.kind === 'pay' && (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={`${termLabel(dialog.due.term)}　${dialog.due.studentName}　${formatFen(dialog.due.amountFen)} 元（${dialog.due.sponsorName}）`}
            />
            <Form.Item name="paidOn" label={t('发放日期', 'Date')}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
            <Form.Item
              name="approvedBy"
              label={t('审批人', 'Approved by')}
              rules={[{ required: true, message: t('请选择审批人', 'Required') }]}
            >
              <Select options={(approvers.data ?? []).map((a) => ({ value: a.id, label: a.displayName }))} />
            </Form.Item>
            <Form.Item name="method" label={t('发放方式', 'Method')}>
              <Radio.Group
                options={[
                  { value: 'cash', label: t('现金', 'Cash') },
                  { value: 'bank_transfer', label: t('银行转账', 'Bank transfer') },
                ]}
              />
            </Form.Item>
            {method === 'bank_transfer' && (
              <Form.Item
                name="bankCard"
                label={t('银行卡号', 'Bank card')}
                rules={[{ required: true, message: t('请填写银行卡号', 'Required') }]}
              >
                <Input maxLength={23} />
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}
