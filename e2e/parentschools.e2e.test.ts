import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, HAS_BROWSER, startE2E, type E2E } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

async function snap(e: E2E, page: Page, name: string) {
  await page.waitForTimeout(400);
  await e.screenshot(page, name);
}
const overflow = (page: Page) => page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;
const apiGet = <T>(page: Page, url: string) => page.evaluate(async (u) => (await fetch(u)).json(), url) as Promise<T>;

describe.runIf(HAS_BROWSER)('家长学校 in Chromium', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  }, 240_000);
  afterAll(() => e?.close());

  it('opens a site, records a class and a textbook order line with money collected; the training sessions are classes of their sites', async () => {
    const { page, context } = await e.newPage();
    page.setDefaultTimeout(30_000);
    await e.login(page, 'programme');
    await page.getByRole('menuitem', { name: '家长学校' }).click();
    await page.getByTestId('sites-table').getByText('永嘉小学家长学校').waitFor();
    await snap(e, page, 'parentschools-sites');

    // A new community site run by a street federation.
    await page.getByTestId('new-site').click();
    await page.getByLabel('家长学校名称').fill('西苑社区家长学校（端到端）');
    await chooseOption(page, page.getByLabel('举办单位（学校、社区、村）'), '西苑社区', { type: '西苑' });
    await chooseOption(page, page.getByLabel('所属妇联'), '西城街道', { type: '西城' });
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByTestId('sites-table').getByText('西苑社区家长学校（端到端）').waitFor();

    // A class there: 36 parents.
    await page.getByRole('tab', { name: '授课记录' }).click();
    // The 永嘉小学 site's classes include the family-education training session held there.
    await chooseOption(page, page.getByTestId('class-site-filter').locator('input'), '永嘉小学家长学校', { type: '永嘉' });
    await page.getByTestId('classes-table').getByText('家庭教育培训班').first().waitFor();
    await page.getByTestId('classes-table').getByText('家校共育').waitFor();
    await page.getByTestId('new-class').click();
    await chooseOption(page, page.locator('.ant-modal').getByLabel('家长学校'), '西苑社区家长学校（端到端）', { type: '西苑' });
    await page.getByLabel('授课主题').fill('如何陪孩子写作业');
    await page.getByLabel('或填写授课人').fill('陈老师');
    await page.getByLabel('到课家长人数').fill('36');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await chooseOption(page, page.getByTestId('class-site-filter').locator('input'), '西苑社区家长学校（端到端）', { type: '西苑' });
    await page.getByTestId('classes-table').getByText('如何陪孩子写作业').waitFor();
    await snap(e, page, 'parentschools-classes');

    // The year's order: 40 copies at 15 yuan, 300 yuan collected.
    await page.getByRole('tab', { name: '教材征订' }).click();
    await page.getByTestId('order-totals').waitFor();
    const before = await apiGet<{ quantity: number; collectedFen: number }>(
      page,
      `/api/parentschools/orders/totals?year=${new Date().getFullYear()}`,
    );
    await page.getByTestId('new-order').click();
    await chooseOption(page, page.locator('.ant-modal').getByLabel('家长学校'), '西苑社区家长学校（端到端）', { type: '西苑' });
    await chooseOption(page, page.locator('.ant-modal').getByLabel('教材'), /家庭教育读本（小学版）/);
    await page.getByLabel('征订册数').fill('40');
    await page.getByLabel('已收家长书款').fill('300');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByText('已登记征订').waitFor();
    const after = await apiGet<{ quantity: number; collectedFen: number }>(
      page,
      `/api/parentschools/orders/totals?year=${new Date().getFullYear()}`,
    );
    expect([after.quantity - before.quantity, after.collectedFen - before.collectedFen]).toEqual([40, 30000]);
    await snap(e, page, 'parentschools-orders');
    await context.close();
  }, 300_000);

  it('fits a phone: the sites, classes and order tabs', async () => {
    const { page, context } = await e.newPage({ phone: true });
    page.setDefaultTimeout(30_000);
    await e.login(page, 'dongcheng');
    for (const [tab, text, name] of [
      ['sites', '春华社区家长学校', 'sites'],
      ['classes', '春华社区家长学校', 'classes'],
      ['orders', '春华社区家长学校', 'orders'],
    ] as const) {
      await page.goto(`/parentschools?tab=${tab}`);
      await page.getByText(text).first().waitFor();
      expect(await overflow(page), `${tab} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
      await snap(e, page, `phone-parentschools-${name}`);
    }
    await context.close();
  }, 180_000);
});
