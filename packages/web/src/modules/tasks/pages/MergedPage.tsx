import { Table } from 'antd';
import { formatFen, type MergedResult } from '@jinguo/domain';
import { useParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { useMerged } from '../api';
import { AnswerStatusTag } from '../components/StatusTag';

type Row = MergedResult['rows'][number];

/** The merged result: one row per unit (reported answers' values) and the totals; the same as an Excel download. */
export function MergedPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const merged = useMerged(id);
  const d = merged.data;
  const show = (type: string, v: unknown) => (v === null || v === undefined ? '' : type === 'money' ? formatFen(v as number) : String(v));
  return (
    <QueryState loading={merged.isLoading} error={merged.error}>
      {d && (
        <>
          <PageHeader
            title={t(`${d.title}：汇总`, `${d.title}: merged`)}
            subtitle={t(
              `已报${d.reported}/应报${d.expected}；合计只计已提交和已通过的填报`,
              `${d.reported}/${d.expected} reported; totals count reported answers only`,
            )}
            extra={<ExportButton url={`/api/tasks/${id}/merged/export`} label={t('下载汇总 Excel', 'Download Excel')} />}
          />
          <Table<Row>
            rowKey="orgUnitId"
            size="small"
            bordered
            dataSource={d.rows}
            scroll={{ x: 200 + d.columns.length * 130 }}
            pagination={false}
            columns={[
              { title: t('单位', 'Unit'), dataIndex: 'orgUnitName', fixed: 'left', width: 140 },
              { title: t('状态', 'Status'), dataIndex: 'status', width: 90, render: (s) => <AnswerStatusTag status={s} /> },
              ...d.columns.map((c) => ({
                title: c.type === 'money' ? `${c.label}（元）` : c.label,
                key: c.key,
                width: 130,
                align: c.summable ? ('right' as const) : undefined,
                render: (_: unknown, r: Row) => show(c.type, r.cells[c.key]),
              })),
            ]}
            summary={() => (
              <Table.Summary fixed>
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <b>{t('合计', 'Total')}</b>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1}>{`${d.reported}/${d.expected}`}</Table.Summary.Cell>
                  {d.columns.map((c, i) => (
                    <Table.Summary.Cell key={c.key} index={i + 2} align="right">
                      <b data-testid={`total-${c.key}`}>{c.summable ? show(c.type, d.totals[c.key]) : ''}</b>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            )}
            data-testid="merged-table"
          />
        </>
      )}
    </QueryState>
  );
}
