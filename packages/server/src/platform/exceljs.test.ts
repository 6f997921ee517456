import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from './exceljs.js';

describe('exceljs streaming reader', () => {
  it('keeps Chinese text whole when its UTF-8 bytes straddle two compressed chunks (inline strings)', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-xlsx-')), 'inline.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const sheet = writer.addWorksheet('名单');
    for (let i = 0; i < 20_000; i++) sheet.addRow(['永安镇永安镇永安镇', `张三丰${i}`, '备注中文内容测试']).commit();
    await writer.commit();
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file), {
      sharedStrings: 'cache',
      styles: 'ignore',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    let rows = 0;
    const garbled: number[] = [];
    for await (const ws of reader) {
      for await (const row of ws) {
        rows++;
        const v = row.values as unknown[];
        if (v[1] !== '永安镇永安镇永安镇' || v[2] !== `张三丰${rows - 1}` || v[3] !== '备注中文内容测试') garbled.push(rows);
      }
    }
    expect(rows).toBe(20_000);
    expect(garbled).toEqual([]);
  });
});
