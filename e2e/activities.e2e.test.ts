import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from '../packages/server/src/platform/exceljs.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_BROWSER, startE2E, type E2E, chooseOption } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

const ROSTER_HEADERS = ['类型', '姓名或单位名称', '性别', '所在单位', '人员类别', '联系电话'];

async function rosterFile(dir: string, name: string, rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(ROSTER_HEADERS);
  for (const r of rows) ws.addRow(r);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** A screenshot once antd's animations have settled. */
async function snap(e: E2E, page: Page, name: string) {
  await page.waitForTimeout(400);
  await e.screenshot(page, name);
}

/** The page body must not scroll sideways on a phone (wide tables scroll in their own box). */
async function fitsWidth(page: Page) {
  return (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
}

async function apiGet<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => (await fetch(u)).json(), url) as Promise<T>;
}

describe.runIf(HAS_BROWSER)('events, training, honours, cadres and associations in Chromium', () => {
  let e: E2E;
  let dir: string;
  beforeAll(async () => {
    e = await startE2E();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-e2e-activities-'));
  }, 240_000);
  afterAll(async () => {
    await e?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates an event with resource lines, imports its roster from Excel (a bad file first), and the totals add up', async () => {
    const { page, context } = await e.newPage();
    page.setDefaultTimeout(30_000);
    await e.login(page, 'programme');
    const before = await apiGet<{
      events: number;
      participants: number;
      resources: { category: string; quantity: number; valueFen: number }[];
    }>(page, '/api/activities/events/totals?type=childrens_day&from=2026-01-01&to=2026-12-31');

    await page.getByRole('menuitem', { name: '活动登记' }).click();
    await page.getByTestId('events-table').waitFor();
    await page.getByTestId('new-event').click();
    await page.getByLabel('活动名称').fill('牛佛镇中心学校“六一”慰问（端到端）');
    await page.getByLabel('开始日期').fill('2026-06-01');
    await page.getByLabel('开始日期').press('Enter');
    await chooseOption(page, page.getByLabel('主办单位'), '牛佛镇', { type: '牛佛' });
    await page.getByLabel('走访学校幼儿园（所）').fill('1');
    // Two resource lines: 20 gifts worth 400 yuan, 30 books worth 360.50 yuan.
    await page.getByTestId('add-resource').click();
    await page.getByTestId('add-resource').click();
    const lines = page.getByTestId('resource-line');
    await lines.nth(0).getByLabel('物品名称').fill('书包');
    await lines.nth(0).getByLabel('数量').fill('20');
    await lines.nth(0).locator('input').nth(3).fill('400');
    await chooseOption(page, lines.nth(1).getByLabel('类别'), '图书');
    await lines.nth(1).getByLabel('物品名称').fill('绘本');
    await lines.nth(1).getByLabel('数量').fill('30');
    await lines.nth(1).locator('input').nth(3).fill('360.5');
    await page.getByTestId('resource-form-total').getByText('合计：50 件（册、封），760.50 元').waitFor();
    await snap(e, page, 'activities-event-form');
    await page.getByTestId('save-event').click();
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}$/);
    await page.getByTestId('resource-value').getByText('760.50').waitFor();
    await snap(e, page, 'activities-event-detail');

    // A roster with a bad row is refused whole, with the row and column named.
    await page.getByTestId('import-roster').click();
    const bad = await rosterFile(dir, '名单（有误）.xlsx', [
      ['个人', '张秀英', '女', '牛佛镇中心学校', '家长', '13800138000'],
      ['个人', '', '女', '', '老师', 'abc'],
    ]);
    await page.locator('.ant-modal input[type=file]').setInputFiles(bad);
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-failed').waitFor();
    await expect(page.getByTestId('import-errors').textContent()).resolves.toContain('不能为空');
    await snap(e, page, 'activities-roster-import-errors');
    const good = await rosterFile(dir, '名单.xlsx', [
      ['个人', '张秀英', '女', '牛佛镇中心学校', '家长', '13800138000'],
      ['个人', '李桂兰', '女', '牛佛镇中心学校', '家长', ''],
      ['单位', '牛佛镇中心学校', '', '', '', ''],
    ]);
    await page.getByTestId('import-again').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(good);
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-result').waitFor();
    await expect(page.getByTestId('import-result').textContent()).resolves.toContain('新增 3 条');
    await snap(e, page, 'activities-roster-import-done');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await page.getByTestId('participant-count').getByText('3').waitFor();
    await page.getByTestId('roster-table').getByText('138****8000').waitFor();
    await snap(e, page, 'activities-event-roster');

    // The list's totals now include this event's figures.
    await page.goto('/activities');
    await chooseOption(page, page.getByTestId('event-type-filter'), '六一节活动');
    await page.getByTestId('events-table').getByText('牛佛镇中心学校“六一”慰问（端到端）').waitFor();
    const after = await apiGet<typeof before>(page, '/api/activities/events/totals?type=childrens_day&from=2026-01-01&to=2026-12-31');
    expect(after.events).toBe(before.events + 1);
    expect(after.participants).toBe(before.participants + 3);
    const gift = (x: typeof before) => x.resources.find((r) => r.category === 'gift')!;
    const book = (x: typeof before) => x.resources.find((r) => r.category === 'book')!;
    expect(gift(after).quantity - gift(before).quantity).toBe(20);
    expect(gift(after).valueFen - gift(before).valueFen).toBe(40000);
    expect(book(after).valueFen - book(before).valueFen).toBe(36050);
    await expect(page.getByTestId('event-totals').textContent()).resolves.toContain(after.participants.toLocaleString('en-US'));
    await expect(page.getByTestId('resource-totals').textContent()).resolves.toContain(`慰问品 ${gift(after).quantity}件`);
    await snap(e, page, 'activities-events-childrens-day');
    await context.close();
  }, 180_000);

  it('shows the honours workflow: a refused nomination with its reasons, and the standing by level', async () => {
    const { page, context } = await e.newPage();
    page.setDefaultTimeout(30_000);
    await e.login(page, 'programme');
    await page.goto('/honours');
    await page.getByTestId('standing-WOMEN_CIVILIZED_POST').waitFor();
    await expect(page.getByTestId('standing-WOMEN_CIVILIZED_POST').textContent()).resolves.toMatch(/全国1省级1市级9区级10/);
    await snap(e, page, 'honours-standing');
    await page.getByRole('tab', { name: '推荐申报' }).click();
    await page.getByTestId('new-nomination').click();
    await chooseOption(page, page.getByLabel('评选项目'), '巾帼文明岗');
    await chooseOption(page, page.getByLabel('申报级别'), '市级');
    await chooseOption(page, page.getByLabel('推荐单位'), '示例区妇联', { type: '示例区' });
    await page.getByLabel('集体名称').fill('示例商贸有限公司');
    await page.getByLabel('职工总人数').fill('40');
    await page.getByLabel('女职工人数').fill('10');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByTestId('nomination-refused').waitFor();
    await expect(page.getByTestId('nomination-refused').textContent()).resolves.toContain('女职工占比25%，低于50%');
    await snap(e, page, 'honours-nomination-refused');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /取\s*消|Cancel/ })
      .click();
    await page.getByTestId('nominations-table').getByText('牛佛镇卫生院妇产科').click();
    await page.getByText('逐级审核').waitFor();
    await snap(e, page, 'honours-nomination-detail');
    await context.close();
  }, 120_000);

  it('shows every page at 1366×768 and on a phone', async () => {
    const { page: probe, context: c0 } = await e.newPage();
    await e.login(probe, 'chair');
    const events = await apiGet<{ items: { id: string; title: string }[] }>(probe, '/api/activities/events?type=childrens_day&pageSize=1');
    const courses = await apiGet<{ items: { id: string; title: string }[] }>(probe, '/api/activities/courses?category=skills');
    const rotations = await apiGet<{ id: string }[]>(probe, '/api/cadres/rotations');
    const associations = await apiGet<{ id: string; name: string }[]>(probe, '/api/associations');
    await c0.close();
    const pages: [string, string, string, string][] = [
      ['programme', '/activities', '合计（按筛选条件）', 'activities-events'],
      ['programme', `/activities/${events.items[0].id}`, '物资明细', 'activities-event'],
      ['programme', '/activities/new', '物资明细', 'activities-new'],
      ['programme', '/trainings', '培训班', 'activities-trainings'],
      ['programme', `/trainings/${courses.items[0].id}`, '学员名单', 'activities-course'],
      ['programme', '/publicity', '四川妇女', 'activities-publicity'],
      ['programme', '/honours', '巾帼文明岗', 'honours-standing-tab'],
      ['programme', '/honours?tab=nominations', '牛佛镇卫生院妇产科', 'honours-nominations'],
      ['programme', '/honours?tab=awards', '证书编号', 'honours-awards'],
      ['programme', '/honours?tab=pledges', '廉洁家庭', 'honours-pledges'],
      ['programme', '/honours?tab=campaigns', 'WOMEN_CIVILIZED_POST', 'honours-campaigns'],
      ['organisation', '/cadres', '女干部占比', 'cadres-roster'],
      ['organisation', '/cadres?tab=rotations', '35.42%', 'cadres-rotations'],
      ['organisation', `/cadres/rotations/${rotations[0].id}`, '35.42%', 'cadres-rotation'],
      ['organisation', '/cadres?tab=recommendations', '推荐对象', 'cadres-recommendations'],
      ['organisation', '/associations', '女企业家协会', 'associations'],
      ['organisation', `/associations/${associations[0].id}`, '会员', 'association'],
    ];
    for (const phone of [false, true]) {
      const { page, context } = await e.newPage({ phone });
      page.setDefaultTimeout(30_000);
      let who = '';
      for (const [user, url, text, name] of pages) {
        if (user !== who) {
          if (who) {
            await e.logout(page);
          }
          await e.login(page, user);
          who = user;
        }
        await page.goto(url);
        await page.getByText(text).first().waitFor();
        if (phone) expect(await fitsWidth(page), `${url} overflows the phone width`).toBeLessThanOrEqual(0);
        await snap(e, page, `${phone ? 'phone-' : ''}${name}`);
      }
      await context.close();
    }
  }, 300_000);
});
