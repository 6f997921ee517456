import { describe, expect, it } from 'vitest';
import { answerTransitionProblem, checkTaskAnswer, formProblems, mergedCells, mergeTaskAnswers, type TaskField } from './index.js';

const FIELDS: TaskField[] = [
  { key: 'women', label: '人数', type: 'persons', required: true },
  { key: 'funds', label: '资金', type: 'money', required: false },
  { key: 'note', label: '备注', type: 'text', required: false },
  {
    key: 'rows',
    label: '明细',
    type: 'table',
    required: false,
    columns: [
      { key: 'name', label: '名称', type: 'text' },
      { key: 'n', label: '人数', type: 'persons' },
    ],
  },
];

describe('task forms and answers', () => {
  it('refuses a move from a state that does not allow it, naming the state', () => {
    expect(answerTransitionProblem('pending', 'submit')).toBeNull();
    expect(answerTransitionProblem('returned', 'submit')).toBeNull();
    expect(answerTransitionProblem('approved', 'save')).toBe('填报当前为「已通过」状态，不能保存');
    expect(answerTransitionProblem('draft', 'return')).toBe('填报当前为「草稿」状态，不能退回');
  });

  it('checks values by type, drops empty table rows and unknown keys, and asks for required fields only on submit', () => {
    const draft = checkTaskAnswer(
      FIELDS,
      {
        women: null,
        extra: 1,
        rows: [
          { name: '', n: null },
          { name: '讲座', n: 3 },
        ],
      },
      { complete: false },
    );
    expect(draft).toEqual({ values: { women: null, funds: null, note: null, rows: [{ name: '讲座', n: 3 }] }, errors: [] });
    expect(checkTaskAnswer(FIELDS, { women: null }, { complete: true }).errors).toEqual([
      { path: 'values.women', message: '「人数」为必填项' },
    ]);
    expect(checkTaskAnswer(FIELDS, { women: 1.5, funds: 10.5, rows: [{ n: -1 }] }, { complete: false }).errors).toEqual([
      { path: 'values.women', message: '「人数」应为不小于0的整数人数' },
      { path: 'values.funds', message: '「资金」应为不小于0的整数分' },
      { path: 'values.rows.0.n', message: '「明细」第1行「人数」应为不小于0的整数人数' },
    ]);
  });

  it('adds up the units’ answers for the cascade and flattens one for the merged table', () => {
    const sum = mergeTaskAnswers(FIELDS, [
      { women: 2, funds: 100, note: 'a', rows: [{ name: 'x', n: 1 }] },
      { women: 3, funds: null, note: 'b', rows: [{ name: 'y', n: 4 }] },
    ]);
    expect(sum).toEqual({
      women: 5,
      funds: 100,
      note: null,
      rows: [
        { name: 'x', n: 1 },
        { name: 'y', n: 4 },
      ],
    });
    expect(mergedCells(FIELDS, sum)).toEqual({ women: 5, funds: 100, note: null, 'rows#rows': 2, 'rows.n': 5 });
  });

  it('names the form’s own problems', () => {
    expect(formProblems([...FIELDS, { key: 'women', label: '重复', type: 'number', required: false }])).toEqual([
      { path: 'fields.4.key', message: '字段「重复」的标识与前面的字段重复' },
    ]);
  });
});
