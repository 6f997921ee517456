import { Alert, Descriptions, Drawer, Grid, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { QueryState } from '../../../ui';
import { useFactRecords, type RecordsQuery } from '../api';

export type RecordsTarget = Omit<RecordsQuery, 'page' | 'pageSize'> & { title?: string };

/** The records behind a figure: what the fact counted, with its definition, a page at a time. */
export function RecordsDrawer({ target, onClose }: { target: RecordsTarget | null; onClose: () => void }) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  // biome-ignore lint/correctness/useExhaustiveDependencies: back to page 1 when another figure is opened
  useEffect(() => setPage(1), [target]);
  const q = useFactRecords(
    target ? { name: target.name, params: target.params, year: target.year, org: target.org, month: target.month, page, pageSize } : null,
  );
  const d = q.data;
  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      width={screens.md ? 720 : '100%'}
      title={target?.title ?? d?.fact.label.zh ?? t('明细', 'Records')}
      destroyOnHidden
    >
      <QueryState loading={q.isLoading} error={q.error}>
        {d && (
          <div data-testid="records-drawer">
            <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('数据项', 'Figure')}>
                {d.fact.label.zh}
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  {d.fact.ref}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('范围', 'Scope')}>
                {d.org.name} · {d.year}
                {t('年', '')}
                {d.month ? ` ${d.month}${t('月', '')}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('数值', 'Value')}>
                <Typography.Text strong>{d.fact.text}</Typography.Text>
                {d.fact.kind === 'rate' && d.fact.denominator != null && (
                  <Typography.Text type="secondary">
                    {' '}
                    （{d.fact.numerator} / {d.fact.denominator}）
                  </Typography.Text>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('口径', 'Definition')}>{d.fact.definition}</Descriptions.Item>
            </Descriptions>
            {d.fact.kind !== 'rate' && d.fact.value != null && d.total !== d.fact.value && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                message={t(`该数值由下列 ${d.total} 条记录合计或平均得出`, `The value adds up (or averages) these ${d.total} records`)}
              />
            )}
            {d.fact.kind === 'rate' && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                message={t('下列记录为该比率的分母（共计入的件数）', 'These are the records of the rate’s denominator')}
              />
            )}
            <Table
              size="small"
              rowKey={(_, i) => String(i)}
              dataSource={d.rows}
              columns={d.columns.map((c) => ({
                key: c.key,
                dataIndex: c.key,
                title: c.label,
                render: (v: unknown) => (v == null || v === '' ? '—' : String(v)),
              }))}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('没有记录', 'No records') }}
              pagination={{
                current: page,
                pageSize,
                total: d.total,
                showSizeChanger: true,
                showTotal: (n) => t(`共 ${n} 条`, `${n} records`),
                onChange: (p, s) => {
                  setPage(p);
                  setPageSize(s);
                },
              }}
            />
          </div>
        )}
      </QueryState>
    </Drawer>
  );
}
