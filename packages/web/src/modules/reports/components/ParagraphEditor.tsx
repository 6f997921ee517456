import { Button, Space, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import type { EditParagraph, SummarySegment } from '@jinguo/domain';
import { useI18n } from '../../../app/i18n';

type EditSegments = EditParagraph['segments'];

/**
 * Edits a paragraph's words in place while its figures stay as locked chips: they can be moved or deleted
 * but not retyped, so every number in the saved text is still the computed one, linked to its records.
 */
export function ParagraphEditor({
  segments,
  saving,
  onSave,
  onCancel,
}: {
  segments: SummarySegment[];
  saving: boolean;
  onSave: (s: EditSegments) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = ref.current!;
    let index = 0;
    el.replaceChildren(
      ...segments.map((s) => {
        if (s.t === 'text') return document.createTextNode(s.text);
        const chip = document.createElement('span');
        chip.contentEditable = 'false';
        chip.dataset.fig = String(index++);
        chip.className = 'jg-fig jg-fig-chip';
        chip.title = s.figure.label ?? s.figure.fact;
        chip.textContent = s.figure.text;
        return chip;
      }),
    );
    el.focus();
  }, [segments]);

  function read(): EditSegments {
    const out: EditSegments = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) out.push({ t: 'text', text: node.textContent ?? '' });
      else if (node instanceof HTMLElement && node.dataset.fig !== undefined) out.push({ t: 'fig', index: Number(node.dataset.fig) });
      else node.childNodes.forEach(walk);
    };
    ref.current!.childNodes.forEach(walk);
    return out;
  }

  return (
    <div>
      {/* biome-ignore lint/a11y/useSemanticElements: a textarea cannot hold the figure chips */}
      <div
        ref={ref}
        data-testid="paragraph-editor"
        className="jg-editor"
        contentEditable
        tabIndex={0}
        suppressContentEditableWarning
        role="textbox"
        aria-multiline
        onPaste={(e) => {
          // Plain text only: pasted formatting or figures would not be linked to anything.
          e.preventDefault();
          document.execCommand('insertText', false, e.clipboardData.getData('text/plain'));
        }}
      />
      <Space style={{ marginTop: 8 }} wrap>
        <Button type="primary" size="small" loading={saving} onClick={() => onSave(read())}>
          {t('保存', 'Save')}
        </Button>
        <Button size="small" onClick={onCancel}>
          {t('取消', 'Cancel')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(
            '带底色的数字来自系统数据，可移动或删除，不能改写',
            'Highlighted figures come from the records: move or delete them, not retype them',
          )}
        </Typography.Text>
      </Space>
    </div>
  );
}
