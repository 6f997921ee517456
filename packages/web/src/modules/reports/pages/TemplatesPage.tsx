import { CopyOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Grid, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TemplateBlock, TemplateBody, TemplateOut } from '@jinguo/domain';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState, useStaleEditHandler } from '../../../ui';
import { useDeleteTemplate, useSaveTemplate, useTemplates } from '../api';
import { TemplateEditor, FactReference } from './TemplateEditor';

/** Summary templates: the built-in one (from the modules) and the ones staff saved and edit. */
export function TemplatesPage() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const list = useTemplates();
  const save = useSaveTemplate();
  const del = useDeleteTemplate();
  const [draft, setDraft] = useState<{ id?: string; version?: number; name: string; body: TemplateBody; readOnly: boolean } | null>(null);
  const onStale = useStaleEditHandler();
  const writable = can('reports.write');

  const open = (tp: TemplateOut, copy: boolean) =>
    setDraft({
      id: copy ? undefined : tp.id,
      version: copy ? undefined : tp.version,
      name: copy ? `${tp.name}（副本）` : tp.name,
      body: tp.body,
      readOnly: !writable || (tp.builtin && !copy),
    });

  async function submit() {
    if (!draft) return;
    try {
      // A copy of the built-in template writes its module paragraphs out, so staff can edit them.
      const body = draft.body.sections.some((s) => s.source) ? undefined : draft.body;
      await save.mutateAsync({ id: draft.id, ifMatch: draft.version, name: draft.name, body });
      message.success(t('模板已保存', 'Template saved'));
      setDraft(null);
    } catch (err) {
      if (onStale(err, () => list.refetch().then(() => setDraft(null)))) return;
      message.error(applyServerErrors(null, err));
    }
  }

  return (
    <div>
      <PageHeader
        title={t('总结模板', 'Summary templates')}
        subtitle={t(
          '章节、段落和数据占位符；内置模板随各业务模块自动更新',
          'Chapters, paragraphs and placeholders; the built-in one follows the modules',
        )}
      />
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<TemplateOut>
          rowKey="id"
          dataSource={list.data}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              key: 'name',
              title: t('名称', 'Name'),
              render: (_, tp) => (
                <Space>
                  {tp.name}
                  {tp.builtin && <Tag color="magenta">{t('内置', 'Built-in')}</Tag>}
                </Space>
              ),
            },
            { key: 'sections', title: t('章节', 'Chapters'), render: (_, tp) => tp.body.sections.length },
            {
              key: 'updated',
              title: t('修改时间', 'Updated'),
              render: (_, tp) => (tp.updatedAt ? new Date(tp.updatedAt).toLocaleString('zh-CN') : '—'),
            },
            {
              key: 'actions',
              title: t('操作', 'Actions'),
              render: (_, tp) => (
                <Space>
                  <Button size="small" icon={<EditOutlined />} onClick={() => open(tp, false)}>
                    {tp.builtin || !writable ? t('查看', 'View') : t('编辑', 'Edit')}
                  </Button>
                  {writable && (
                    <Button size="small" icon={<CopyOutlined />} onClick={() => open(tp, true)}>
                      {t('另存为', 'Save as')}
                    </Button>
                  )}
                  {writable && !tp.builtin && (
                    <Popconfirm
                      title={t('删除该模板？', 'Delete this template?')}
                      onConfirm={() => del.mutateAsync(tp.id).catch((e) => message.error(applyServerErrors(null, e)))}
                    >
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('删除', 'Delete')} />
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
      <Drawer
        open={!!draft}
        onClose={() => setDraft(null)}
        width={screens.md ? 760 : '100%'}
        title={draft?.readOnly ? t('查看模板', 'Template') : draft?.id ? t('编辑模板', 'Edit template') : t('新建模板', 'New template')}
        extra={
          !draft?.readOnly && (
            <Button type="primary" loading={save.isPending} onClick={submit}>
              {t('保存', 'Save')}
            </Button>
          )
        }
        destroyOnHidden
      >
        {draft && (
          <>
            <FactReference />
            {draft.readOnly ? (
              <pre style={{ whiteSpace: 'pre-wrap', fontSize: 13 }}>{renderOutline(draft.body)}</pre>
            ) : draft.body.sections.some((s) => s.source) ? (
              <>
                <Typography.Text strong>{t('模板名称', 'Name')}</Typography.Text>
                <Input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} style={{ marginBottom: 12 }} />
                <Typography.Paragraph type="secondary">
                  {t(
                    '保存后即可逐段编辑（各模块的段落会写入新模板）。',
                    'Save to edit it paragraph by paragraph (the modules’ paragraphs are copied in).',
                  )}
                </Typography.Paragraph>
                <pre style={{ whiteSpace: 'pre-wrap', fontSize: 13 }}>{renderOutline(draft.body)}</pre>
              </>
            ) : (
              <>
                <Typography.Text strong>{t('模板名称', 'Name')}</Typography.Text>
                <Input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} style={{ marginBottom: 12 }} />
                <TemplateEditor body={draft.body} onChange={(body) => setDraft({ ...draft, body })} />
              </>
            )}
          </>
        )}
      </Drawer>
    </div>
  );
}

/** A read-only outline of a template (its headings and paragraphs with placeholders). */
function renderOutline(body: TemplateBody): string {
  const blockText = (b: TemplateBlock) =>
    b.type === 'table'
      ? `[表格] ${b.caption}`
      : b.type === 'chart'
        ? `[图表] ${b.caption} ${b.fact}`
        : `${b.type === 'prompt' ? '[待撰写] ' : ''}${b.text}`;
  const lines = [body.title, '', ...body.preamble.map(blockText)];
  body.sections.forEach((s, i) => {
    lines.push('', `${'一二三四五六七八九十'[i]}、${s.heading}`, ...s.blocks.map(blockText));
    for (const [k, sub] of (s.sections ?? []).entries())
      lines.push(`（${'一二三四五六七八九十'[k]}）${sub.heading}`, ...sub.blocks.map(blockText));
  });
  return lines.join('\n');
}
