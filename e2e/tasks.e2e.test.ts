import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../packages/server/src/platform/exceljs.js';
import { chooseOption, HAS_BROWSER, startE2E, type E2E } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

async function snap(e: E2E, page: Page, name: string) {
  await page.waitForTimeout(400);
  await e.screenshot(page, name);
}
const overflow = (page: Page) => page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;

async function answerFile(dir: string, name: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(['培训妇女人数', '投入资金']);
  for (const r of rows) ws.addRow(r);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe.runIf(HAS_BROWSER)('任务下发 in Chromium', () => {
  let e: E2E;
  let dir: string;
  let taskUrl = '';
  beforeAll(async () => {
    e = await startE2E();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-tasks-e2e-'));
  }, 240_000);
  afterAll(async () => {
    await e?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a task goes to the townships; one answers by Excel (a bad row, then a good file); the merged Excel downloads', async () => {
    const { page, context } = await e.newPage();
    page.setDefaultTimeout(30_000);
    await e.login(page, 'chair');
    await page.goto('/tasks/new');
    await page.getByTestId('task-title').fill('2026年巾帼培训情况统计');
    const deadline = `${new Date().getFullYear() + 1}-01-15`;
    await page.getByLabel('截止日期').fill(deadline);
    await page.getByLabel('截止日期').press('Enter');
    await page.getByLabel('字段1名称').fill('培训妇女人数');
    await chooseOption(page, page.getByLabel('类型', { exact: true }).first(), '人数');
    await page.getByTestId('add-field').click();
    await page.getByLabel('字段2名称').fill('投入资金');
    await chooseOption(page, page.getByLabel('类型', { exact: true }).nth(1), '金额（元）');
    await snap(e, page, 'tasks-create');
    await page.getByTestId('send-task').click();
    await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    taskUrl = new URL(page.url()).pathname;
    await page.getByTestId('task-rate').getByText('0/16').waitFor();
    await snap(e, page, 'tasks-status');
    await context.close();

    const t = await e.newPage();
    t.page.setDefaultTimeout(30_000);
    await e.login(t.page, 'niufo');
    await t.page.goto('/tasks');
    await t.page.getByTestId('tasks-table').getByRole('link', { name: '2026年巾帼培训情况统计' }).click();
    await t.page.waitForURL(/\/answers\//);
    await t.page.getByTestId('answer-form').waitFor();
    await t.page.getByTestId('import-answer').click();
    await t.page.locator('.ant-modal input[type=file]').setInputFiles(await answerFile(dir, '填报（有错）.xlsx', [['30', '一千五']]));
    await t.page.getByTestId('import-start').click();
    await t.page.getByTestId('import-failed').waitFor();
    await expect(t.page.getByTestId('import-errors').textContent()).resolves.toContain('应为金额');
    await snap(e, t.page, 'tasks-answer-import-errors');
    await t.page.getByTestId('import-again').click();
    await t.page.locator('.ant-modal input[type=file]').setInputFiles(await answerFile(dir, '填报.xlsx', [['30', '1500.50']]));
    await t.page.getByTestId('import-start').click();
    await t.page.getByTestId('import-result').waitFor();
    await t.page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await expect.poll(() => t.page.getByLabel('投入资金').inputValue()).toBe('1500.50');
    await t.page.getByTestId('submit-answer').click();
    await t.page.getByText('已提交').first().waitFor();
    await snap(e, t.page, 'tasks-answer');
    await t.context.close();

    const c = await e.newPage();
    c.page.setDefaultTimeout(30_000);
    await e.login(c.page, 'chair');
    await c.page.goto(taskUrl);
    await c.page.getByTestId('task-rate').getByText('1/16').waitFor();
    await c.page.getByTestId('merged-link').click();
    await c.page.getByTestId('total-f2').getByText('1,500.50').waitFor();
    await snap(e, c.page, 'tasks-merged');
    const [dl] = await Promise.all([c.page.waitForEvent('download'), c.page.getByTestId('export-button').click()]);
    const file = path.join(dir, 'merged.xlsx');
    await dl.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    const last = rows[rows.length - 1].slice(1);
    expect(last).toEqual(['合计（已报1/应报16）', undefined, 30, 1500.5]);
    await c.context.close();
  }, 240_000);

  it('通知公告: the chair publishes; a township opens it (its receipt); the chair sees who has not read it', async () => {
    const { page, context } = await e.newPage();
    page.setDefaultTimeout(30_000);
    await e.login(page, 'chair');
    await page.goto('/notices');
    await page.getByTestId('new-notice').click();
    await page.getByLabel('标题').fill('关于开展三八节系列活动的通知');
    await page.getByLabel('正文').fill('各镇（街道）妇联：\n请于3月8日前组织开展系列活动，并报送活动情况。');
    await page
      .locator('.ant-modal-footer:visible')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await page.waitForURL(/\/notices\/[0-9a-f-]{36}$/);
    await page.getByText('未读单位（16/16）').waitFor();
    const noticeUrl = new URL(page.url()).pathname;

    const t = await e.newPage();
    t.page.setDefaultTimeout(30_000);
    await e.login(t.page, 'niufo');
    await t.page.goto('/notices');
    await snap(e, t.page, 'notices-list');
    await t.page
      .getByTestId('notices-table')
      .getByRole('link', { name: /关于开展三八节系列活动的通知/ })
      .click();
    await t.page.getByTestId('receipts-table').getByText('赵秀英（牛佛镇妇联主席）').waitFor();
    await t.context.close();

    await page.goto(noticeUrl);
    await page.getByText('未读单位（15/16）').waitFor();
    expect(await page.getByTestId('unread-units').getByText('牛佛镇').count()).toBe(0);
    await snap(e, page, 'notices-detail');
    await context.close();
  }, 180_000);

  it('fits a phone', async () => {
    const { page, context } = await e.newPage({ phone: true });
    await e.login(page, 'chair');
    await page.goto(taskUrl);
    await page.getByTestId('answers-table').waitFor();
    await snap(e, page, 'tasks-status-phone');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.goto('/tasks/new');
    await page.getByTestId('task-title').waitFor();
    await snap(e, page, 'tasks-create-phone');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.goto('/notices?box=sent');
    await page.getByTestId('notices-table').getByText('关于开展三八节系列活动的通知').waitFor();
    await snap(e, page, 'notices-list-phone');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await context.close();
  });
});
