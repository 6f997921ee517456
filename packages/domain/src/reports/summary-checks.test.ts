import { describe, expect, it } from 'vitest';
import { type SummaryContent, type SummaryFigure, summaryPlaceholders, zeroFigureSentences } from './index.js';

const fig = (value: number | null, status: SummaryFigure['status'] = 'ok'): { t: 'fig'; figure: SummaryFigure } => ({
  t: 'fig',
  figure: { fact: 'x', params: {}, status, kind: 'count', label: 'x', value, text: value === null ? '（尚未登记）' : String(value) },
});
const text = (t: string) => ({ t: 'text' as const, text: t });

const content: SummaryContent = {
  title: '总结',
  preamble: [{ id: 'p0', type: 'paragraph', role: 'prompt', segments: [text('（请概述全年工作的总体情况。）')] }],
  sections: [
    {
      id: 's1',
      level: 1,
      heading: '一、主要工作',
      blocks: [],
      sections: [
        {
          id: 's11',
          level: 2,
          heading: '（一）贫困母亲救助工作',
          blocks: [
            {
              id: 'b1',
              type: 'paragraph',
              role: 'body',
              segments: [
                text('全年确定救助对象'),
                fig(0),
                text('名，发放救助金'),
                fig(0),
                text('元。接待来访'),
                fig(3),
                text('件，其中'),
                fig(0),
                text('件转介。'),
              ],
            },
            {
              id: 'b2',
              type: 'paragraph',
              role: 'body',
              segments: [text('上报'), fig(null, 'missing'), text('名；资助'), fig(0), text('名')],
            },
          ],
          sections: [],
        },
      ],
    },
    {
      id: 's2',
      level: 1,
      heading: '二、基本经验',
      blocks: [{ id: 'p2', type: 'paragraph', role: 'prompt', segments: [text('（请结合'), fig(0), text('件总结。）')] }],
      sections: [],
    },
  ],
  signature: { organ: '示例区妇联', date: '二〇二六年十二月七日' },
};

describe('summary checks', () => {
  it('lists every 待撰写 prompt with the section it stands in, the preamble under its own label', () => {
    expect(summaryPlaceholders(content)).toEqual([
      { blockId: 'p0', section: '开头导语', text: '（请概述全年工作的总体情况。）' },
      { blockId: 'p2', section: '二、基本经验', text: '（请结合0件总结。）' },
    ]);
  });

  it('flags the sentences whose figures are all zero, not those with a non-zero or unstated figure, nor prompts', () => {
    expect(zeroFigureSentences(content)).toEqual([
      { blockId: 'b1', section: '（一）贫困母亲救助工作', text: '全年确定救助对象0名，发放救助金0元。' },
      { blockId: 'b2', section: '（一）贫困母亲救助工作', text: '资助0名' },
    ]);
  });
});
