import { EditOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Tooltip } from 'antd';
import { Chart } from '../../../ui/Chart';
import {
  factRefKey,
  type EditParagraph,
  type MovedFigure,
  type SummaryBlock,
  type SummaryContent,
  type SummaryFigure,
  type SummarySegment,
} from '@jinguo/domain';
import { useI18n } from '../../../app/i18n';
import { ParagraphEditor } from './ParagraphEditor';
import './summary.css';

export type DocumentProps = {
  content: SummaryContent;
  onFigure: (f: SummaryFigure) => void;
  moved?: MovedFigure[];
  /** Sentences whose figures are all zero, by paragraph: flagged for the writer to reword or delete. */
  zeroSentences?: Map<string, string[]>;
  /** Present when the reader may edit: which block is open, and how to open, save and close it. */
  editing?: {
    blockId: string | null;
    saving: boolean;
    open: (id: string | null) => void;
    save: (blockId: string, segments: EditParagraph['segments']) => void;
  };
};

/** The summary as a page of the document: every figure a link to its records, paragraphs editable in place. */
export function SummaryDocument({ content, onFigure, moved = [], zeroSentences, editing }: DocumentProps) {
  const { t } = useI18n();
  const movedByKey = new Map(moved.map((m) => [`${m.blockId}|${factRefKey(m.figure.fact, m.figure.params)}`, m]));

  const figure = (blockId: string, f: SummaryFigure, i: number) => {
    if (f.status !== 'ok') {
      return (
        <Tooltip key={i} title={f.fact}>
          <span className="jg-fig-missing">{f.text}</span>
        </Tooltip>
      );
    }
    const m = movedByKey.get(`${blockId}|${factRefKey(f.fact, f.params)}`);
    const tip = `${f.label ?? f.fact}${m ? t(`（当前为 ${m.currentText}）`, ` (now ${m.currentText})`) : ''}`;
    return (
      <Tooltip key={i} title={tip}>
        <a
          className={`jg-fig${m ? ' jg-fig-moved' : ''}`}
          data-fact={f.fact}
          href={`#${f.fact}`}
          onClick={(e) => {
            e.preventDefault();
            onFigure(f);
          }}
        >
          {f.text}
        </a>
      </Tooltip>
    );
  };
  const segs = (blockId: string, s: SummarySegment[]) =>
    s.map((x, i) => (x.t === 'text' ? <span key={i}>{x.text}</span> : figure(blockId, x.figure, i)));

  const block = (b: SummaryBlock) => {
    if (b.type === 'paragraph') {
      if (editing?.blockId === b.id) {
        return (
          <div key={b.id} className="jg-p jg-p-editing">
            <ParagraphEditor
              segments={b.segments}
              saving={editing.saving}
              onSave={(s) => editing.save(b.id, s)}
              onCancel={() => editing.open(null)}
            />
          </div>
        );
      }
      const zeros = zeroSentences?.get(b.id) ?? [];
      return (
        <div
          key={b.id}
          id={`block-${b.id}`}
          className={`jg-p${b.role === 'prompt' ? ' jg-p-prompt' : ''}${zeros.length ? ' jg-p-zero' : ''}`}
          data-block={b.id}
        >
          {b.role === 'prompt' && (
            <Tag color="gold" className="jg-prompt-tag">
              {t('待撰写', 'To write')}
            </Tag>
          )}
          {segs(b.id, b.segments)}
          {editing && (
            <Button
              className="jg-edit"
              size="small"
              type="text"
              icon={<EditOutlined />}
              aria-label={t('编辑段落', 'Edit paragraph')}
              onClick={() => editing.open(b.id)}
            />
          )}
          {zeros.length > 0 && (
            <div className="jg-zero-note" data-testid="zero-note">
              <Tag color="orange">{t('数据均为0', 'All zero')}</Tag>
              {t(
                `以下语句的数据均为0，请改写或删除：${zeros.map((z) => `“${z}”`).join('')}`,
                `Every figure in these sentences is zero; reword or delete them: ${zeros.map((z) => `“${z}”`).join(' ')}`,
              )}
            </div>
          )}
        </div>
      );
    }
    if (b.type === 'table') {
      return (
        <div key={b.id} className="jg-table">
          {b.caption && <div className="jg-caption">{b.caption}</div>}
          <Table
            size="small"
            pagination={false}
            rowKey={(_, i) => String(i)}
            dataSource={b.rows}
            columns={[
              { key: 'l', title: t('项目', 'Item'), dataIndex: 'label' },
              { key: 'v', title: t('数值', 'Value'), align: 'right', render: (_, r) => segs(b.id, r.segments) },
            ]}
          />
        </div>
      );
    }
    return (
      <div key={b.id} className="jg-table">
        {b.caption && <div className="jg-caption">{b.caption}</div>}
        {b.breakdown.length ? (
          <Chart
            style={{ height: 260 }}
            option={
              b.chart === 'pie'
                ? {
                    tooltip: { trigger: 'item' },
                    series: [{ type: 'pie', radius: '65%', data: b.breakdown.map((x) => ({ name: x.label, value: x.value })) }],
                  }
                : {
                    tooltip: {},
                    xAxis: { type: 'category', data: b.breakdown.map((x) => x.label) },
                    yAxis: { type: 'value' },
                    series: [{ type: 'bar', data: b.breakdown.map((x) => x.value), itemStyle: { color: '#c41d7f' } }],
                  }
            }
            onEvents={{ click: () => onFigure(b.figure) }}
          />
        ) : (
          <div className="jg-p">{figure(b.id, b.figure, 0)}</div>
        )}
      </div>
    );
  };

  return (
    <article className="jg-doc" data-testid="summary-document">
      <h1 className="jg-title">{content.title}</h1>
      {content.preamble.map(block)}
      {content.sections.map((s) => (
        <section key={s.id}>
          <h2 className="jg-h1">{s.heading}</h2>
          {s.blocks.map(block)}
          {s.sections.map((sub) => (
            <section key={sub.id}>
              <h3 className="jg-h2">{sub.heading}</h3>
              {sub.blocks.map(block)}
            </section>
          ))}
        </section>
      ))}
      <div className="jg-signature">
        <div>{content.signature.organ}</div>
        <div>{content.signature.date}</div>
      </div>
    </article>
  );
}
