import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Collapse, Input, Select, Space, Table, Typography } from 'antd';
import type { TemplateBlock, TemplateBody, TemplateSection } from '@jinguo/domain';
import { useI18n } from '../../../app/i18n';
import { useFacts } from '../api';

export const BLOCK_TYPES: { value: TemplateBlock['type']; zh: string; en: string }[] = [
  { value: 'paragraph', zh: '数据段落', en: 'Paragraph with figures' },
  { value: 'narrative', zh: '叙述段落', en: 'Narrative' },
  { value: 'prompt', zh: '待撰写提示', en: 'Prompt to write' },
  { value: 'table', zh: '表格', en: 'Table' },
  { value: 'chart', zh: '图表', en: 'Chart' },
];

export function emptyBlock(type: TemplateBlock['type']): TemplateBlock {
  switch (type) {
    case 'table':
      return { type, caption: '', rows: [{ label: '', value: '' }] };
    case 'chart':
      return { type, caption: '', fact: '', chart: 'bar' };
    default:
      return { type, text: '' };
  }
}

export function move<T>(list: T[], i: number, d: number): T[] {
  const j = i + d;
  if (j < 0 || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/** Edits one block: its kind and its text (placeholders like {cases.received} name facts). */
export function BlockEditor({
  block,
  onChange,
  onRemove,
  onMove,
}: {
  block: TemplateBlock;
  onChange: (b: TemplateBlock) => void;
  onRemove: () => void;
  onMove: (d: number) => void;
}) {
  const { t } = useI18n();
  return (
    <Card size="small" style={{ marginBottom: 8 }} styles={{ body: { padding: 8 } }}>
      <Space wrap style={{ marginBottom: 6 }}>
        <Select
          size="small"
          value={block.type}
          style={{ width: 140 }}
          options={BLOCK_TYPES.map((b) => ({ value: b.value, label: t(b.zh, b.en) }))}
          onChange={(type) => onChange(emptyBlock(type))}
        />
        <Button size="small" icon={<ArrowUpOutlined />} aria-label={t('上移', 'Up')} onClick={() => onMove(-1)} />
        <Button size="small" icon={<ArrowDownOutlined />} aria-label={t('下移', 'Down')} onClick={() => onMove(1)} />
        <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('删除', 'Remove')} onClick={onRemove} />
      </Space>
      {(block.type === 'paragraph' || block.type === 'narrative' || block.type === 'prompt') && (
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 10 }}
          value={block.text}
          onChange={(e) => onChange({ ...block, text: e.target.value })}
        />
      )}
      {block.type === 'table' && (
        <>
          <Input
            size="small"
            placeholder={t('表格标题', 'Caption')}
            value={block.caption}
            onChange={(e) => onChange({ ...block, caption: e.target.value })}
            style={{ marginBottom: 6 }}
          />
          {block.rows.map((r, i) => (
            <Space.Compact key={i} style={{ width: '100%', marginBottom: 4 }}>
              <Input
                size="small"
                placeholder={t('行名称', 'Row')}
                value={r.label}
                onChange={(e) => onChange({ ...block, rows: block.rows.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)) })}
              />
              <Input
                size="small"
                placeholder="{cases.received}件"
                value={r.value}
                onChange={(e) => onChange({ ...block, rows: block.rows.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })}
              />
              <Button
                size="small"
                icon={<DeleteOutlined />}
                aria-label={t('删除行', 'Remove row')}
                onClick={() => onChange({ ...block, rows: block.rows.filter((_, j) => j !== i) })}
              />
            </Space.Compact>
          ))}
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => onChange({ ...block, rows: [...block.rows, { label: '', value: '' }] })}
          >
            {t('加一行', 'Add row')}
          </Button>
        </>
      )}
      {block.type === 'chart' && (
        <Space wrap>
          <Input
            size="small"
            placeholder={t('图表标题', 'Caption')}
            value={block.caption}
            onChange={(e) => onChange({ ...block, caption: e.target.value })}
          />
          <Input
            size="small"
            placeholder="cases.received.byChannel"
            value={block.fact}
            onChange={(e) => onChange({ ...block, fact: e.target.value })}
          />
          <Select
            size="small"
            value={block.chart}
            options={[
              { value: 'bar', label: t('柱状图', 'Bar') },
              { value: 'pie', label: t('饼图', 'Pie') },
            ]}
            onChange={(chart) => onChange({ ...block, chart })}
          />
        </Space>
      )}
    </Card>
  );
}

export function BlocksEditor({ blocks, onChange }: { blocks: TemplateBlock[]; onChange: (b: TemplateBlock[]) => void }) {
  const { t } = useI18n();
  return (
    <div>
      {blocks.map((b, i) => (
        <BlockEditor
          key={i}
          block={b}
          onChange={(nb) => onChange(blocks.map((x, j) => (j === i ? nb : x)))}
          onRemove={() => onChange(blocks.filter((_, j) => j !== i))}
          onMove={(d) => onChange(move(blocks, i, d))}
        />
      ))}
      <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => onChange([...blocks, emptyBlock('paragraph')])}>
        {t('加段落', 'Add block')}
      </Button>
    </div>
  );
}

/** The whole template: title, opening, chapters (一、) with their own sub-sections (（一）). */
export function TemplateEditor({ body, onChange }: { body: TemplateBody; onChange: (b: TemplateBody) => void }) {
  const { t } = useI18n();
  const setSection = (i: number, s: TemplateSection) =>
    onChange({ ...body, sections: body.sections.map((x, j) => (j === i ? (s as TemplateBody['sections'][number]) : x)) });
  return (
    <div>
      <Typography.Text strong>{t('标题', 'Title')}</Typography.Text>
      <Input value={body.title} onChange={(e) => onChange({ ...body, title: e.target.value })} style={{ marginBottom: 12 }} />
      <Typography.Text strong>{t('开篇', 'Opening')}</Typography.Text>
      <BlocksEditor blocks={body.preamble} onChange={(preamble) => onChange({ ...body, preamble })} />
      {body.sections.map((s, i) => (
        <Card
          key={i}
          size="small"
          style={{ marginTop: 12 }}
          title={
            <Input
              value={s.heading}
              onChange={(e) => setSection(i, { ...s, heading: e.target.value })}
              addonBefore={`${'一二三四五六七八九十'[i] ?? i + 1}、`}
            />
          }
          extra={
            <Space>
              <Button
                size="small"
                icon={<ArrowUpOutlined />}
                aria-label={t('上移', 'Up')}
                onClick={() => onChange({ ...body, sections: move(body.sections, i, -1) })}
              />
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('删除章节', 'Remove chapter')}
                onClick={() => onChange({ ...body, sections: body.sections.filter((_, j) => j !== i) })}
              />
            </Space>
          }
        >
          <BlocksEditor blocks={s.blocks} onChange={(blocks) => setSection(i, { ...s, blocks })} />
          {(s.sections ?? []).map((sub, k) => (
            <Card
              key={k}
              size="small"
              type="inner"
              style={{ marginTop: 8 }}
              title={
                <Input
                  value={sub.heading}
                  addonBefore={`（${'一二三四五六七八九十'[k] ?? k + 1}）`}
                  onChange={(e) =>
                    setSection(i, { ...s, sections: s.sections!.map((x, j) => (j === k ? { ...x, heading: e.target.value } : x)) })
                  }
                />
              }
              extra={
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('删除小节', 'Remove sub-section')}
                  onClick={() => setSection(i, { ...s, sections: s.sections!.filter((_, j) => j !== k) })}
                />
              }
            >
              <BlocksEditor
                blocks={sub.blocks}
                onChange={(blocks) => setSection(i, { ...s, sections: s.sections!.map((x, j) => (j === k ? { ...x, blocks } : x)) })}
              />
            </Card>
          ))}
          <Button
            size="small"
            style={{ marginTop: 8 }}
            icon={<PlusOutlined />}
            onClick={() =>
              setSection(i, { ...s, sections: [...(s.sections ?? []), { heading: t('新小节', 'New sub-section'), blocks: [] }] })
            }
          >
            {t('加小节', 'Add sub-section')}
          </Button>
        </Card>
      ))}
      <Button
        style={{ marginTop: 12 }}
        type="dashed"
        icon={<PlusOutlined />}
        onClick={() => onChange({ ...body, sections: [...body.sections, { heading: t('新章节', 'New chapter'), blocks: [] }] })}
      >
        {t('加章节', 'Add chapter')}
      </Button>
    </div>
  );
}

/** The facts a template may name, for copying into placeholders. */
export function FactReference() {
  const { t } = useI18n();
  const facts = useFacts(new Date().getFullYear());
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 12 }}
      items={[
        {
          key: 'f',
          label: t(
            '可用的数据项（在段落中写 {名称} 或 {名称?参数=值}；{year} {prevYear} {nextYear} {org} 为年份和单位名称）',
            'Figures you can use: {name} or {name?key=value}; {year} {prevYear} {nextYear} {org}',
          ),
          children: (
            <Table
              size="small"
              rowKey="ref"
              pagination={false}
              scroll={{ y: 240 }}
              loading={facts.isLoading}
              dataSource={facts.data?.facts ?? []}
              columns={[
                { key: 'n', title: t('名称', 'Name'), render: (_, f) => <Typography.Text copyable code>{`{${f.name}}`}</Typography.Text> },
                { key: 'l', title: t('含义', 'Meaning'), render: (_, f) => `${f.label.zh}（${f.unit}）` },
              ]}
            />
          ),
        },
      ]}
    />
  );
}
