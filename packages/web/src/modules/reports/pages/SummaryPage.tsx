import { DownloadOutlined, HistoryOutlined, LockOutlined, PrinterOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Dropdown, Grid, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { SUMMARY_STATUS_LABELS, type SummaryFigure, summaryPlaceholders, zeroFigureSentences } from '@jinguo/domain';
import { download } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState } from '../../../ui';
import {
  exportUrl,
  useEditParagraph,
  useFreezeSummary,
  useMovedFigures,
  useRefreshSummary,
  useSummary,
  useVersion,
  useVersions,
} from '../api';
import { RecordsDrawer, type RecordsTarget } from '../components/RecordsDrawer';
import { SummaryDocument } from '../components/SummaryDocument';
import { STATUS_COLORS } from './SummariesPage';

const ACTION_LABELS: Record<string, string> = { generate: '生成', edit: '编辑', refresh: '更新数据', freeze: '定稿' };

/** One summary: read it, click a figure for its records, edit paragraphs, refresh, freeze, export, see versions. */
export function SummaryPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const q = useSummary(id);
  const s = q.data;
  const moved = useMovedFigures(id, !!s);
  const [editing, setEditing] = useState<string | null>(null);
  const [records, setRecords] = useState<RecordsTarget | null>(null);
  const [showVersions, setShowVersions] = useState(false);
  const [viewVersion, setViewVersion] = useState<number | null>(null);
  const versions = useVersions(id, showVersions);
  const version = useVersion(id, viewVersion);
  const edit = useEditParagraph(id);
  const refresh = useRefreshSummary(id);
  const freeze = useFreezeSummary(id);

  const openFigure = (f: SummaryFigure) =>
    s && setRecords({ name: f.fact, params: f.params, year: s.year, org: s.org.id, title: f.label ?? f.fact });
  const fail = (err: unknown) => message.error(applyServerErrors(null, err));
  const movedList = moved.data ?? [];
  const placeholders = useMemo(() => (s && s.status !== 'frozen' ? summaryPlaceholders(s.content) : []), [s]);
  const zeros = useMemo(() => (s && s.status !== 'frozen' ? zeroFigureSentences(s.content) : []), [s]);
  const zerosByBlock = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const z of zeros) m.set(z.blockId, [...(m.get(z.blockId) ?? []), z.text]);
    return m;
  }, [zeros]);
  const doFreeze = () =>
    s &&
    freeze.mutateAsync(s.version).then(
      () => message.success(t('已定稿', 'Frozen')),
      (err) => {
        fail(err);
        if (placeholders[0]) goTo(placeholders[0].blockId);
      },
    );
  // Leads the writer to a paragraph: scrolls it into view and opens it for editing.
  const goTo = (blockId: string) => {
    document.getElementById(`block-${blockId}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    if (s?.can.write) setEditing(blockId);
  };

  return (
    <div>
      <QueryState loading={q.isLoading} error={q.error}>
        {s && (
          <>
            <PageHeader
              title={
                <Space wrap>
                  {s.content.title}
                  <Tag color={STATUS_COLORS[s.status]} data-testid="summary-status">
                    {t(SUMMARY_STATUS_LABELS[s.status].zh, SUMMARY_STATUS_LABELS[s.status].en)}
                  </Tag>
                </Space>
              }
              subtitle={
                <>
                  <Link to={`/reports/summaries?year=${s.year}`}>{t('年度工作总结', 'Annual summaries')}</Link> ·{' '}
                  {t(`第 ${s.version} 版`, `version ${s.version}`)}
                  {s.frozenAt ? ` · ${t('定稿于', 'frozen')} ${new Date(s.frozenAt).toLocaleString('zh-CN')}` : ''}
                </>
              }
              extra={
                <>
                  {s.can.write && (
                    <>
                      <Button
                        icon={<SyncOutlined />}
                        loading={refresh.isPending}
                        onClick={() =>
                          refresh.mutateAsync(s.version).then(() => message.success(t('已更新为最新数据', 'Figures updated')), fail)
                        }
                      >
                        {t('更新数据', 'Refresh figures')}
                      </Button>
                      <Popconfirm
                        title={t('定稿后内容和数据不再改变，确定定稿？', 'A frozen summary never changes again. Freeze it?')}
                        okText={t('定稿', 'Freeze')}
                        cancelText={t('取消', 'Cancel')}
                        disabled={placeholders.length > 0}
                        onConfirm={doFreeze}
                      >
                        <Button
                          type="primary"
                          icon={<LockOutlined />}
                          loading={freeze.isPending}
                          data-testid="freeze"
                          // With prompts left the server refuses: no need to confirm, the refusal leads to the first one.
                          onClick={placeholders.length > 0 ? doFreeze : undefined}
                        >
                          {t('定稿', 'Freeze')}
                        </Button>
                      </Popconfirm>
                    </>
                  )}
                  <Dropdown
                    menu={{
                      items: [
                        { key: 'docx', label: t('Word 文档（公文格式）', 'Word (.docx)') },
                        { key: 'md', label: 'Markdown' },
                      ],
                      onClick: ({ key }) => download(exportUrl(s.id, key as 'docx' | 'md')),
                    }}
                  >
                    <Button icon={<DownloadOutlined />} data-testid="export">
                      {t('导出', 'Export')}
                    </Button>
                  </Dropdown>
                  <Button icon={<PrinterOutlined />} href={exportUrl(s.id, 'html')} target="_blank">
                    {t('打印', 'Print')}
                  </Button>
                  <Button icon={<HistoryOutlined />} onClick={() => setShowVersions(true)}>
                    {t('历史版本', 'Versions')}
                  </Button>
                </>
              }
            />
            {movedList.length > 0 && (
              <Alert
                type="warning"
                showIcon
                data-testid="moved-notice"
                style={{ marginBottom: 16 }}
                message={
                  s.status === 'frozen'
                    ? t(
                        `定稿后有 ${movedList.length} 项数据发生了变化（文档保持定稿时的数值）`,
                        `${movedList.length} figures have moved since the summary was frozen (the document keeps its values)`,
                      )
                    : t(
                        `生成后有 ${movedList.length} 项数据发生了变化，可点击“更新数据”`,
                        `${movedList.length} figures have moved since generation: press Refresh figures`,
                      )
                }
                description={
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {movedList.slice(0, 10).map((m, i) => (
                      <li key={i}>
                        {m.figure.label ?? m.figure.fact}：{m.figure.text} → <Typography.Text strong>{m.currentText}</Typography.Text>
                      </li>
                    ))}
                  </ul>
                }
              />
            )}
            {placeholders.length > 0 && (
              <Alert
                type="warning"
                showIcon
                data-testid="placeholder-notice"
                style={{ marginBottom: 16 }}
                message={t(
                  `尚有 ${placeholders.length} 段待撰写内容，请逐段改写为本单位的实际情况后再定稿`,
                  `${placeholders.length} paragraphs are still prompts: write each one before freezing`,
                )}
                description={
                  <Space wrap size={[8, 4]}>
                    {placeholders.map((p) => (
                      <Button key={p.blockId} size="small" data-testid="placeholder-link" onClick={() => goTo(p.blockId)}>
                        {t(`撰写：${p.section}`, `Write: ${p.section}`)}
                      </Button>
                    ))}
                  </Space>
                }
              />
            )}
            {zeros.length > 0 && (
              <Alert
                type="info"
                showIcon
                data-testid="zero-notice"
                style={{ marginBottom: 16 }}
                message={t(
                  `有 ${zeros.length} 句话的数据均为0（已用橙色标出），请改写或删除`,
                  `${zeros.length} sentences state only zeros (marked in orange): reword or delete them`,
                )}
                description={
                  <Space wrap size={[8, 4]}>
                    {[...zerosByBlock.keys()].map((blockId) => (
                      <Button key={blockId} size="small" type="link" onClick={() => goTo(blockId)}>
                        {zeros.find((z) => z.blockId === blockId)?.section}
                      </Button>
                    ))}
                  </Space>
                }
              />
            )}
            {s.status !== 'frozen' && !s.can.write && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                message={t('您可以查看本总结；编辑和定稿需要撰写权限', 'You may read this summary; editing needs the write permission')}
              />
            )}
            <SummaryDocument
              content={s.content}
              moved={movedList}
              zeroSentences={zerosByBlock}
              onFigure={openFigure}
              editing={
                s.can.write
                  ? {
                      blockId: editing,
                      saving: edit.isPending,
                      open: setEditing,
                      save: (blockId, segments) =>
                        edit.mutateAsync({ blockId, segments, version: s.version }).then(() => {
                          setEditing(null);
                          message.success(t('段落已保存', 'Paragraph saved'));
                        }, fail),
                    }
                  : undefined
              }
            />
          </>
        )}
      </QueryState>
      <RecordsDrawer target={records} onClose={() => setRecords(null)} />
      <Drawer
        open={showVersions}
        onClose={() => setShowVersions(false)}
        title={t('历史版本', 'Versions')}
        width={screens.md ? 420 : '100%'}
      >
        <List
          loading={versions.isLoading}
          dataSource={versions.data ?? []}
          renderItem={(v) => (
            <List.Item
              actions={[
                <Button key="view" type="link" size="small" onClick={() => setViewVersion(v.version)}>
                  {t('查看', 'View')}
                </Button>,
                <Button key="dl" type="link" size="small" onClick={() => download(exportUrl(id, 'docx', v.version))}>
                  Word
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space>
                    {t(`第 ${v.version} 版`, `Version ${v.version}`)}
                    <Tag color={STATUS_COLORS[v.status]}>{t(SUMMARY_STATUS_LABELS[v.status].zh, SUMMARY_STATUS_LABELS[v.status].en)}</Tag>
                  </Space>
                }
                description={`${ACTION_LABELS[v.action] ?? v.action} · ${v.createdBy ?? '—'} · ${new Date(v.createdAt).toLocaleString('zh-CN')}`}
              />
            </List.Item>
          )}
        />
      </Drawer>
      <Modal
        open={viewVersion != null}
        onCancel={() => setViewVersion(null)}
        footer={null}
        width={screens.md ? 900 : '100%'}
        title={t(`第 ${viewVersion} 版`, `Version ${viewVersion}`)}
      >
        <QueryState loading={version.isLoading} error={version.error}>
          {version.data && <SummaryDocument content={version.data.content} onFigure={openFigure} />}
        </QueryState>
      </Modal>
    </div>
  );
}
