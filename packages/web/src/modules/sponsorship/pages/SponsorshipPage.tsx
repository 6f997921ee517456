import { newIdempotencyKey } from '../../../ui/idempotency';
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Badge, Button, Divider, Input, Space, Table, Tabs, Tag, Typography } from 'antd';
import {
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
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState } from '../../../ui';
import { useDue, useMeetings, usePairings, usePayments, useSponsors, useSponsorshipMutations, useStudents } from '../api';
import { SponsorshipDialogs, type Dialog } from './SponsorshipDialogs';

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
