import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, HAS_BROWSER, startE2E, type E2E } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

async function snap(e: E2E, page: Page, name: string) {
  await page.waitForTimeout(400);
  await e.screenshot(page, name);
}
const overflow = (page: Page) => page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idNumber(birth: string, seq: number): string {
  const body = `510399${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * W[i];
  return body + '10X98765432'[sum % 11];
}

describe.runIf(HAS_BROWSER)('关爱留守儿童 in Chromium', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  }, 240_000);
  afterAll(() => e?.close());

  it('registers a child under 14 with her guardian’s consent first, records a visit; others see her name masked', async () => {
    const { page, context } = await e.newPage();
    page.setDefaultTimeout(30_000);
    await e.login(page, 'niufo');
    await page.getByRole('menuitem', { name: '关爱留守儿童' }).click();
    await page.getByTestId('children-table').getByText('大山村').first().waitFor();
    await snap(e, page, 'children-register');

    await page.getByTestId('new-child').click();
    await page.getByLabel('姓名').fill('周小雨');
    await page.getByLabel('身份证号').fill(idNumber('2017-09-01', 902));
    // Under 14: the consent fields appear and are required.
    await page.getByText('未满14周岁：须先记录监护人同意，否则不予登记').waitFor();
    await page.getByLabel('监护人').fill('周建军');
    await page.getByLabel('关系', { exact: true }).fill('父亲');
    await page.getByLabel('同意日期').fill('2026-11-20');
    await page.getByLabel('同意日期').press('Enter');
    await chooseOption(page, page.locator('.ant-modal').getByLabel('居住村（社区）'), '石桥村', { type: '石桥' });
    await page.getByLabel('就读学校').fill('牛佛镇中心学校');
    await page.getByLabel('照料人', { exact: true }).fill('周奶奶');
    await snap(e, page, 'children-register-form');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByTestId('children-table').getByText('周小雨').click();
    await page.waitForURL(/\/children\/[0-9a-f-]{36}$/);
    await page.getByTestId('child-details').getByText('牛佛镇中心学校').waitFor();

    await page.getByTestId('add-visit').click();
    await page.getByLabel('走访人姓名').fill('赵秀英');
    await page.getByLabel('走访情况').fill('孩子与奶奶同住，学习用品短缺');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByTestId('visits-table').getByText('孩子与奶奶同住，学习用品短缺').waitFor();
    await snap(e, page, 'children-child');
    await e.logout(page);

    // The statistician reads the register without the minors permission: masked name, no details.
    await e.login(page, 'statistician');
    await page.goto('/children');
    await page.getByTestId('children-table').getByText('周*雨').waitFor();
    await expect(page.getByTestId('children-table').getByText('周小雨').count()).resolves.toBe(0);
    await page.getByTestId('children-table').getByText('周*雨').click();
    await page.getByText('未成年人详细信息仅限有权限的人员查看。').waitFor();
    await snap(e, page, 'children-child-masked');
    await context.close();
  }, 300_000);

  it('fits a phone: the register, the 代理妈妈 and a child', async () => {
    const { page, context } = await e.newPage({ phone: true });
    page.setDefaultTimeout(30_000);
    await e.login(page, 'programme');
    await page.goto('/children');
    await page.getByTestId('children-table').getByText('大山村').first().waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await snap(e, page, 'phone-children-register');
    await page.goto('/children?tab=mothers');
    await page.getByTestId('mothers-table').getByText('村妇联执委').first().waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await snap(e, page, 'phone-children-mothers');
    await page.goto('/children');
    await page.getByTestId('children-table').locator('a').first().click();
    await page.getByTestId('help-table').waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await snap(e, page, 'phone-children-child');
    await context.close();
  }, 180_000);
});
