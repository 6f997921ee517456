import ExcelJS from './exceljs.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTemplate, cells, formatImportError, type ImportSpec } from './excel.js';

describe('Excel cell parsers', () => {
  it('reads dates written the ways people write them, and Excel date serials', () => {
    const date = cells.date();
    expect(date('2026-03-08', '2026-03-08')).toEqual({ value: '2026-03-08' });
    expect(date('2026/3/8', '2026/3/8')).toEqual({ value: '2026-03-08' });
    expect(date('2026年3月8日', '2026年3月8日')).toEqual({ value: '2026-03-08' });
    expect(date('46089', 46089)).toEqual({ value: '2026-03-08' });
    expect(date('2026-02-30', '2026-02-30')).toEqual({ error: '不是有效日期' });
    expect(date('3月8日', '3月8日')).toEqual({ error: '日期格式应为 2026-03-08' });
  });

  it('turns yuan into integer fen without float drift and refuses bad amounts', () => {
    const yuan = cells.yuan();
    expect(yuan('7,000', '7,000')).toEqual({ value: 700000 });
    expect(yuan('0.29', 0.29)).toEqual({ value: 29 });
    expect(yuan('1.234', '1.234')).toHaveProperty('error');
    expect(yuan('-5', '-5')).toEqual({ error: '金额不能为负' });
  });

  it('checks integers with bounds, codes by label or code, yes/no', () => {
    expect(cells.integer({ min: 1 })('0', 0)).toEqual({ error: '不能小于1' });
    expect(cells.integer()('1,200', '1,200')).toEqual({ value: 1200 });
    expect(cells.integer()('1.5', 1.5)).toEqual({ error: '应为整数' });
    const kind = cells.oneOf({ gift: '慰问品', book: '图书' });
    expect(kind('图书', '图书')).toEqual({ value: 'book' });
    expect(kind('GIFT', 'GIFT')).toEqual({ value: 'gift' });
    expect(kind('现金', '现金')).toEqual({ error: '应为以下之一：慰问品、图书' });
    expect(cells.yesNo()('是', '是')).toEqual({ value: true });
  });

  it('checks the ID number check character and refuses numeric cells that lost digits', () => {
    const id = cells.idNumber();
    expect(id('11010519491231002x', '11010519491231002x')).toEqual({ value: '11010519491231002X' });
    expect(id('110105194912310021', '110105194912310021')).toEqual({ error: '校验位错误' });
    // A number cell holding an ID number has lost its last digits (float64).
    expect(id('360426199101010071', Number('360426199101010071'))).toHaveProperty('error');
  });

  it('formats an error the way the dialog shows it', () => {
    expect(formatImportError({ row: 12, column: '身份证号', message: '校验位错误' })).toBe('第12行「身份证号」：校验位错误');
    expect(formatImportError({ row: 3, column: null, message: '与第2行重复' })).toBe('第3行：与第2行重复');
  });
});

describe('Excel template', () => {
  it('has the Chinese headers, the example row, text-formatted columns and a notes sheet', async () => {
    const spec: ImportSpec<{ name: string; id: string }> = {
      kind: 't',
      title: '测试名单',
      columns: [
        { key: 'name', header: '姓名', required: true, example: '张三', note: '本人姓名' },
        { key: 'id', header: '身份证号', example: '11010519491231002X', parse: z.string() },
      ],
      commit: async () => ({ created: 0 }),
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate(spec)) as never);
    const [data, notes] = wb.worksheets;
    expect(data.name).toBe('数据');
    expect(data.getRow(1).values).toEqual([undefined, '姓名', '身份证号']);
    expect(data.getRow(2).values).toEqual([undefined, '张三', '11010519491231002X']);
    expect(data.getColumn(2).numFmt).toBe('@');
    expect(notes.name).toBe('填写说明');
    expect(notes.getRow(2).values).toEqual([undefined, '姓名', '必填', '本人姓名', '张三']);
  });
});
