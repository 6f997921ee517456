import { Card, Descriptions, Progress, Table, Tag, Typography } from 'antd';
import { RECIPIENT_KIND_LABELS, formatFen, type DonorTrace } from '@jinguo/domain';
import { Link, useParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState } from '../../../ui';
import { useTrace } from '../api';
import { programmeLabel } from '../components/labels';
import { useProgrammeNames } from '../../../ui/programmes';

/** 捐赠去向: the beneficiaries a donation reached — by its designation, then first-in first-out. */
export function TracePage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const trace = useTrace(id);
  const names = useProgrammeNames();
  const d = trace.data?.donation;
  const share = d && d.amountFen > 0 ? Math.round((trace.data!.allocatedFen / d.amountFen) * 100) : 0;
  return (
    <>
      <PageHeader title={t('捐赠去向', 'Where the donation went')} subtitle={t('受助人姓名已脱敏', 'Beneficiaries’ names are masked')} />
      <QueryState loading={trace.isLoading} error={trace.error}>
        {d && (
          <>
            <Card size="small" style={{ marginBottom: 12 }}>
              <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
                <Descriptions.Item label={t('捐赠人', 'Donor')}>{d.donorName}</Descriptions.Item>
                <Descriptions.Item label={t('收据号', 'Receipt')}>
                  {d.receiptNo ? <Link to={`/funds/donations/${d.id}/receipt`}>{d.receiptNo}</Link> : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('日期', 'Date')}>{d.donatedOn}</Descriptions.Item>
                <Descriptions.Item label={t('用途', 'Designated')}>{programmeLabel(d.programmeCode, names)}</Descriptions.Item>
                <Descriptions.Item label={t('金额', 'Amount')}>
                  {formatFen(d.amountFen)} 元{d.form === 'goods' && `（${d.quantity}${d.unit}）`}
                </Descriptions.Item>
                <Descriptions.Item label={t('已拨付', 'Reached')}>
                  <span data-testid="trace-allocated">{formatFen(trace.data!.allocatedFen)}</span> 元
                </Descriptions.Item>
              </Descriptions>
              <Progress percent={share} format={(p) => t(`已拨付 ${p}%`, `${p}% reached`)} />
            </Card>
            <Table<DonorTrace['items'][number]>
              rowKey="disbursementId"
              size="small"
              dataSource={trace.data!.items}
              scroll={{ x: 640 }}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              locale={{ emptyText: t('这笔捐赠尚未拨付', 'Not spent yet') }}
              columns={[
                { title: t('日期', 'Date'), dataIndex: 'paidOn', width: 110 },
                {
                  title: t('对象', 'Recipient'),
                  dataIndex: 'recipientLabel',
                  render: (v: string, r) => (
                    <>
                      <Tag>{RECIPIENT_KIND_LABELS[r.recipientKind]}</Tag>
                      {v}
                    </>
                  ),
                },
                {
                  title: t('项目', 'Programme'),
                  dataIndex: 'programmeCode',
                  width: 130,
                  render: (c: string | null) => programmeLabel(c, names),
                },
                { title: t('用途', 'Purpose'), dataIndex: 'purpose', ellipsis: true },
                {
                  title: t('金额（元）', 'Amount'),
                  dataIndex: 'amountFen',
                  width: 120,
                  align: 'right',
                  render: (v: number, r) => (
                    <>
                      {formatFen(v)}
                      {r.quantity ? <Typography.Text type="secondary">（{r.quantity}）</Typography.Text> : null}
                    </>
                  ),
                },
              ]}
              data-testid="trace-table"
            />
          </>
        )}
      </QueryState>
    </>
  );
}
