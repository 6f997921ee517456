import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Select, Table, Tag, Typography } from 'antd';
import { REPORT_LEVEL_LABELS, type ReliefSubmission } from '@jinguo/domain';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { download } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { formatDateTime, PageHeader, QueryState } from '../../../ui';
import { useSubmissions } from '../api';
import { useProgrammes } from '../../../ui/programmes';

/** 上报记录: each list reported to the city or province, the file exactly as sent (its SHA-256 recorded). */
export function SubmissionsPage() {
  const { t } = useI18n();
  const can = useCan();
  const programmes = useProgrammes();
  const [programmeId, setProgrammeId] = useState<string>();
  const list = useSubmissions(programmeId);
  return (
    <>
      <PageHeader
        title={t('上报记录', 'Reported lists')}
        subtitle={t(
          '在“摸底调查与救助申请”中勾选已批准对象上报；报送表按固定格式生成并随记录保存',
          'Select approved candidates on the applications page to report them',
        )}
        extra={
          <Link to="/relief/applications?status=approved">
            <Button>{t('去选择上报对象', 'Choose candidates')}</Button>
          </Link>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('全部项目', 'All programmes')}
          value={programmeId}
          onChange={setProgrammeId}
          style={{ width: 220 }}
          options={(programmes.data ?? []).map((p) => ({ value: p.id, label: `${p.year}年 ${p.name}` }))}
        />
      </Card>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<ReliefSubmission>
          rowKey="id"
          size="small"
          dataSource={list.data ?? []}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('还没有上报记录', 'Nothing reported yet') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('上报日期', 'Date'), dataIndex: 'submittedOn', width: 110 },
            { title: t('项目', 'Programme'), dataIndex: 'programmeName', width: 130 },
            {
              title: t('上报对象', 'To'),
              dataIndex: 'level',
              width: 100,
              render: (l: ReliefSubmission['level']) => <Tag color="purple">{REPORT_LEVEL_LABELS[l]}</Tag>,
            },
            { title: t('人数', 'People'), dataIndex: 'itemCount', width: 80, align: 'right' },
            {
              title: t('报送表', 'File'),
              dataIndex: 'fileName',
              render: (f: string, s) => (
                <>
                  {f}
                  <div>
                    <Typography.Text type="secondary" copyable={{ text: s.fileSha256 }} style={{ fontSize: 11 }}>
                      SHA-256 {s.fileSha256.slice(0, 16)}…
                    </Typography.Text>
                  </div>
                </>
              ),
            },
            {
              title: t('经办', 'By'),
              key: 'by',
              width: 170,
              render: (_: unknown, s) => (
                <div style={{ fontSize: 12 }}>
                  {s.createdByName ?? '—'}
                  <br />
                  {formatDateTime(s.createdAt)}
                </div>
              ),
            },
            { title: t('备注', 'Note'), dataIndex: 'note', width: 160, ellipsis: true },
            {
              title: '',
              key: 'dl',
              width: 90,
              render: (_: unknown, s) =>
                can('relief.approve') && (
                  <Button size="small" icon={<DownloadOutlined />} onClick={() => download(`/api/relief/submissions/${s.id}/file`)}>
                    {t('下载', 'Download')}
                  </Button>
                ),
            },
          ]}
          data-testid="submissions-table"
        />
      </QueryState>
    </>
  );
}
