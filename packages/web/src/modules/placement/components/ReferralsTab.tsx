import { Flex, InputNumber, Select, Table, Typography } from 'antd';
import { JOB_REFERRAL_STATUS_LABELS, JOB_REFERRAL_STATUSES, NOT_HIRED_REASON_LABELS, type JobReferral } from '@jinguo/domain';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { formatYuan, QueryState } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { useReferrals } from '../api';
import { OutcomeModal, ReferralStatusTag, ScoreTag } from './common';

/** The referral columns every list of referrals shows; `record` opens the outcome dialog (write permission). */
export function referralColumns(t: (zh: string, en: string) => string, record: ((r: JobReferral) => void) | null) {
  return [
    { title: t('推荐日期', 'Referred'), dataIndex: 'referredOn', width: 100 },
    {
      title: t('求职人员', 'Seeker'),
      dataIndex: 'seekerName',
      width: 90,
      render: (v: string, r: JobReferral) => <Link to={`/placement/seekers/${r.seekerId}`}>{v}</Link>,
    },
    {
      title: t('岗位', 'Job'),
      key: 'job',
      ellipsis: true,
      render: (_: unknown, r: JobReferral) => (
        <Link to={`/placement/vacancies/${r.vacancyId}`}>
          {r.employerName} · {r.vacancyTitle}
        </Link>
      ),
    },
    { title: t('匹配度', 'Fit'), dataIndex: 'score', width: 70, render: (v: number) => <ScoreTag score={v} /> },
    {
      title: t('结果', 'Outcome'),
      key: 'status',
      width: 210,
      render: (_: unknown, r: JobReferral) => (
        <Flex gap={4} wrap align="center">
          <ReferralStatusTag status={r.status} />
          {r.outcomeOn && <Typography.Text type="secondary">{r.outcomeOn}</Typography.Text>}
          {r.status === 'hired' && <Typography.Text>{formatYuan(r.monthlyWageFen)}/月</Typography.Text>}
          {r.notHiredReason && <Typography.Text type="secondary">{NOT_HIRED_REASON_LABELS[r.notHiredReason]}</Typography.Text>}
          {r.status === 'referred' && record && (
            <Typography.Link onClick={() => record(r)} data-testid="record-outcome">
              {t('登记结果', 'Record outcome')}
            </Typography.Link>
          )}
        </Flex>
      ),
    },
  ];
}

/** 推荐就业: every referral to an employer and its outcome. */
export function ReferralsTab() {
  const { t } = useI18n();
  const can = useCan();
  const [year, setYear] = useState<number | undefined>(new Date().getFullYear());
  const [status, setStatus] = useState<string>();
  const [page, setPage] = useState(1);
  const filters = { year, status };
  const list = useReferrals(filters, page);
  const [recording, setRecording] = useState<JobReferral | null>(null);
  return (
    <>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <InputNumber
            placeholder={t('年度', 'Year')}
            value={year}
            min={2000}
            max={2100}
            onChange={(v) => {
              setYear(v ?? undefined);
              setPage(1);
            }}
            style={{ width: 110 }}
          />
          <Select
            allowClear
            placeholder={t('全部结果', 'All')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            style={{ width: 120 }}
            options={JOB_REFERRAL_STATUSES.map((s) => ({ value: s, label: JOB_REFERRAL_STATUS_LABELS[s] }))}
          />
        </Flex>
        <ExportButton url="/api/placement/referrals/export" params={filters} />
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<JobReferral>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 760 }}
          locale={{ emptyText: t('暂无推荐记录', 'No referrals') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={referralColumns(t, can('placement.write') ? setRecording : null)}
          data-testid="referrals-table"
        />
      </QueryState>
      <OutcomeModal referral={recording} onClose={() => setRecording(null)} />
    </>
  );
}
