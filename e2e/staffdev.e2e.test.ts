import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, HAS_BROWSER, startE2E, type E2E } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

async function snap(e: E2E, page: Page, name: string) {
  await page.waitForTimeout(400);
  await e.screenshot(page, name);
}
const overflow = (page: Page) => page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;

describe.runIf(HAS_BROWSER)('干部教育培训 in Chromium', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  }, 240_000);
  afterAll(() => e?.close());

  it('keeps each person’s register: a training is recorded, the totals and the figures follow', async () => {
    const { page, context } = await e.newPage();
    page.setDefaultTimeout(30_000);
    await e.login(page, 'organisation');
    await page.getByRole('menuitem', { name: '干部教育培训' }).click();
    await page.getByTestId('staff-table').getByText('黄丽').waitFor();
    await page.getByTestId('staffdev-figures').getByText('选送干部参加培训').waitFor();
    await snap(e, page, 'staffdev-register');

    await page.getByTestId('staff-table').getByRole('link', { name: '李敏' }).click();
    await page.waitForURL(/\/staffdev\/[0-9a-f-]{36}$/);
    await page.getByTestId('staff-totals').getByText('省级 1次/32学时').waitFor();
    await page.getByTestId('add-training').click();
    await page.getByLabel('培训名称').fill('全市妇联信访接待业务培训（第二期）');
    await page.getByLabel('主办单位').fill('市妇联');
    await chooseOption(page, page.getByLabel('培训级别'), '市级');
    await page.getByLabel('学时').fill('16');
    await page.getByPlaceholder('开始日期').fill('2026-11-24');
    await page.getByPlaceholder('开始日期').press('Enter');
    await page.getByPlaceholder('结束日期').fill('2026-11-25');
    await page.getByPlaceholder('结束日期').press('Enter');
    await snap(e, page, 'staffdev-training-form');
    await page
      .locator('.ant-modal-footer:visible')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await page.getByTestId('staff-totals').locator('tr').filter({ hasText: '2026' }).getByText('市级 1次/16学时').waitFor();
    await page.getByTestId('staff-trainings').getByText('全市妇联信访接待业务培训（第二期）').waitFor();
    await snap(e, page, 'staffdev-person');
    const f = (await page.evaluate(async () => (await fetch('/api/facts?year=2026&f=staffdev.trainings&f=staffdev.hours')).json())) as {
      facts: { value: number }[];
    };
    expect(f.facts.map((x) => x.value)).toEqual([12, 276]);

    // The figure opens the training records behind it.
    await page.goto('/staffdev');
    await page.getByTestId('staffdev-figures').getByText('选送干部参加培训').click();
    await page.getByTestId('records-drawer').getByText('国务院妇儿工委干部培训班').waitFor();
    await snap(e, page, 'staffdev-records');
    await context.close();
  });

  it('fits a phone', async () => {
    const { page, context } = await e.newPage({ phone: true });
    await e.login(page, 'organisation');
    await page.goto('/staffdev');
    await page.getByTestId('staff-table').waitFor();
    await snap(e, page, 'staffdev-register-phone');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.getByTestId('staff-table').getByRole('link', { name: '黄丽' }).click();
    await page.getByTestId('staff-totals').waitFor();
    await snap(e, page, 'staffdev-person-phone');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await context.close();
  });
});
