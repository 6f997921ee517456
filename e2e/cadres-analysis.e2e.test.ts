import fs from 'node:fs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, HAS_BROWSER, startE2E, type E2E } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

async function snap(e: E2E, page: Page, name: string) {
  await page.waitForTimeout(500);
  await e.screenshot(page, name);
}
const overflow = (page: Page) => page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;

describe.runIf(HAS_BROWSER)('女干部分析 in Chromium', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  }, 240_000);
  afterAll(() => e?.close());

  it('analyses the roster, opens the cadres behind a figure, sets a target and downloads the Word report', async () => {
    const { page, context } = await e.newPage();
    page.setDefaultTimeout(30_000);
    await e.login(page, 'organisation');
    await page.goto('/cadres?tab=analysis');
    await expect(page.getByTestId('analysis-share').textContent()).resolves.toContain('28.25%');
    await page.getByTestId('dimension-postLevel').getByText('正职').first().waitFor();
    await snap(e, page, 'cadres-analysis');

    // The women among the chiefs (正职): the drill-down lists exactly them.
    const chiefs = page.getByTestId('dimension-postLevel').locator('tr').filter({ hasText: '正职' }).getByTestId('women-figure');
    const n = Number(await chiefs.textContent());
    await chiefs.click();
    await page.getByTestId('records-drawer').getByText(`共 ${n} 条`).waitFor();
    await snap(e, page, 'cadres-analysis-records');
    await page.keyboard.press('Escape');

    // A new target about the 55-and-over band: its gap appears at once.
    await page.getByTestId('add-target').click();
    await page.getByLabel('目标名称').fill('55岁及以上干部中女干部比例');
    await chooseOption(page, page.getByLabel('范围'), '年龄');
    await chooseOption(page, page.getByLabel('分项'), '55岁及以上');
    await page.getByLabel('目标比例（%）').fill('30');
    await page
      .locator('.ant-modal-footer:visible')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    const row = page.getByTestId('targets-table').locator('tr').filter({ hasText: '55岁及以上干部中女干部比例' });
    await row.getByText('未达到').waitFor();
    await snap(e, page, 'cadres-analysis-targets');

    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('analysis-report').click()]);
    expect(dl.suggestedFilename()).toBe('示例区妇联关于选拔任用女干部的分析报告（2026年）.docx');
    const zip = await JSZip.loadAsync(fs.readFileSync((await dl.path())!));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('55岁及以上干部中女干部比例');
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/charts/chart')).length).toBeGreaterThanOrEqual(6);
    await context.close();
  });

  it('fits a phone', async () => {
    const { page, context } = await e.newPage({ phone: true });
    await e.login(page, 'organisation');
    await page.goto('/cadres?tab=analysis');
    await page.getByTestId('analysis-share').waitFor();
    await snap(e, page, 'cadres-analysis-phone');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await context.close();
  });
});
