import { FileAddOutlined } from '@ant-design/icons';
import { App, Button, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { SUMMARY_STATUS_LABELS, type SummaryListItem, type SummaryStatus } from '@jinguo/domain';
import { ApiError } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState } from '../../../ui';
import { useGenerateSummary, useSummaries, useTemplates } from '../api';
import { ScopePicker } from '../components/ScopePicker';

export const STATUS_COLORS: Record<SummaryStatus, string> = { draft: 'default', edited: 'blue', frozen: 'green' };

/** The annual summaries of the units in reach, and "generate" for a year and unit. */
export function SummariesPage() {
  const { t } = useI18n();
  const can = useCan();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const year = Number(sp.get('year')) || new Date().getFullYear();
  const org = sp.get('org') ?? undefined;
  const [templateId, setTemplateId] = useState('builtin');
  const list = useSummaries(year, org);
  const templates = useTemplates();
  const generate = useGenerateSummary();

  async function run(overwrite = false) {
    try {
      const s = await generate.mutateAsync({ year, org, templateId, overwrite });
      message.success(t('已生成总结草稿', 'Draft generated'));
      navigate(`/reports/summaries/${s.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && !overwrite && /重新生成/.test(err.message)) {
        modal.confirm({
          title: t('覆盖已编辑的总结？', 'Replace the edited summary?'),
          content: err.message,
          okText: t('重新生成', 'Regenerate'),
          cancelText: t('取消', 'Cancel'),
          onOk: () => run(true),
        });
        return;
      }
      message.error(applyServerErrors(null, err));
    }
  }

  return (
    <div>
      <PageHeader
        title={t('年度工作总结', 'Annual summaries')}
        subtitle={t('由系统记录自动生成，每个数字可追溯到记录', 'Written from the records: every figure traces back')}
        extra={
          <>
            <ScopePicker
              year={year}
              org={org}
              onChange={(v) => {
                const next = new URLSearchParams(sp);
                next.set('year', String(v.year));
                if (v.org) next.set('org', v.org);
                setSp(next, { replace: true });
              }}
            />
            {can('reports.write') && (
              <>
                <Select
                  aria-label={t('模板', 'Template')}
                  value={templateId}
                  style={{ width: 220 }}
                  loading={templates.isLoading}
                  options={(templates.data ?? []).map((tp) => ({ value: tp.id, label: tp.name }))}
                  onChange={setTemplateId}
                />
                <Button
                  type="primary"
                  icon={<FileAddOutlined />}
                  loading={generate.isPending}
                  onClick={() => run()}
                  data-testid="generate-summary"
                >
                  {t('生成总结', 'Generate')}
                </Button>
              </>
            )}
          </>
        }
      />
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<SummaryListItem>
          rowKey="id"
          dataSource={list.data}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: can('reports.write')
              ? t('本年度尚未生成总结，点击“生成总结”', 'No summary yet: press Generate')
              : t('本年度尚未生成总结', 'No summary yet'),
          }}
          columns={[
            { key: 'org', title: t('单位', 'Unit'), render: (_, s) => <Link to={`/reports/summaries/${s.id}`}>{s.org.name}</Link> },
            { key: 'year', title: t('年度', 'Year'), dataIndex: 'year' },
            {
              key: 'status',
              title: t('状态', 'Status'),
              render: (_, s) => (
                <Tag color={STATUS_COLORS[s.status]}>{t(SUMMARY_STATUS_LABELS[s.status].zh, SUMMARY_STATUS_LABELS[s.status].en)}</Tag>
              ),
            },
            { key: 'version', title: t('版本', 'Version'), dataIndex: 'version', align: 'right' },
            { key: 'updated', title: t('最近修改', 'Updated'), render: (_, s) => new Date(s.updatedAt).toLocaleString('zh-CN') },
          ]}
        />
      </QueryState>
    </div>
  );
}
