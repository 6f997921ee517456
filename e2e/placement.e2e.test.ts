import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../packages/server/src/platform/demo.js';
import { chooseOption, HAS_BROWSER, startE2E, type E2E } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

/** A screenshot once antd's animations have settled (the screenshot only waits on time, never an assertion). */
async function snap(e: E2E, page: Page, name: string) {
  await page.waitForTimeout(400);
  await e.screenshot(page, name);
}
/** The page body must not scroll sideways on a phone (wide tables scroll in their own box). */
const overflow = (page: Page) => page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;
const apiGet = <T>(page: Page, url: string) => page.evaluate(async (u) => (await fetch(u)).json(), url) as Promise<T>;
const okButton = (page: Page) => page.locator('.ant-modal-footer:visible').getByRole('button', { name: /确\s*定|推\s*荐/ });

describe.runIf(HAS_BROWSER)('妇联职介所 and 劳务输出 in Chromium', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  }, 240_000);
  afterAll(() => e?.close());

  it('registers a woman, finds her the vacancy that fits (with the reasons), refers her and records the hire', async () => {
    const { page, context } = await e.newPage();
    page.setDefaultTimeout(30_000);
    await e.login(page, 'programme');
    await page.getByRole('menuitem', { name: '妇联职介所' }).click();
    await page.getByTestId('seekers-table').getByText('东城街道').first().waitFor();
    await page.getByTestId('placement-figures').getByText('实现二次就业人数').waitFor();
    await snap(e, page, 'placement-seekers');

    // A laid-off woman registers: the person goes to the registry; her skill and place drive the matching.
    await page.getByTestId('new-seeker').click();
    await page.getByLabel('姓名').fill('吴桂芳');
    await page.getByLabel('身份证号').fill(makeIdNumber('510399', '1984-08-16', 900, true));
    await page.getByLabel('联系电话').fill('13912345678');
    await chooseOption(page, page.getByLabel('居住地'), '东兴社区', { type: '东兴' });
    await chooseOption(page, page.getByLabel('技能（可输入新技能）'), '家政服务');
    await page.getByLabel('技能（可输入新技能）').press('Escape');
    await chooseOption(page, page.getByLabel('意向地点（不填为不限）'), '东城街道', { type: '东城' });
    await chooseOption(page, page.getByLabel('登记单位'), '示例区妇联', { type: '示例区' });
    await snap(e, page, 'placement-seeker-form');
    await okButton(page).click();
    await page.waitForURL(/\/placement\/seekers\/[0-9a-f-]{36}$/);
    await page.getByTestId('seeker-detail').getByText('139****5678').waitFor();
    const matches = page.getByTestId('seeker-matches');
    await matches.getByText('家政服务员').first().waitFor();
    await expect(matches.getByTestId('match-reasons').first().textContent()).resolves.toContain('工作地点在意向范围：东城街道');
    await snap(e, page, 'placement-seeker');

    // The vacancy's page proposes her with the reasons; she is referred.
    await matches.getByRole('link', { name: '家政服务员', exact: true }).click();
    await page.waitForURL(/\/placement\/vacancies\//);
    await expect(page.getByTestId('vacancy-filled').textContent()).resolves.toBe('9/10');
    const row = page.getByTestId('vacancy-matches').locator('tr').filter({ hasText: '吴桂芳' });
    await expect(row.getByTestId('match-reasons').textContent()).resolves.toContain('技能相符：家政服务');
    await snap(e, page, 'placement-vacancy-matches');
    await row.getByTestId('refer').click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /推\s*荐/ })
      .click();
    await page.getByTestId('vacancy-referrals').getByText('吴桂芳').waitFor();

    // Hired: date and wage; the vacancy is now full and closes.
    await page.getByTestId('vacancy-referrals').locator('tr').filter({ hasText: '吴桂芳' }).getByTestId('record-outcome').click();
    await page.getByLabel('月薪').fill('3200');
    await okButton(page).click();
    // Read again until the page has refetched the vacancy after the outcome (a single read raced the refetch).
    await expect.poll(() => page.getByTestId('vacancy-filled').textContent(), { timeout: 15_000 }).toBe('10/10');
    await page.getByTestId('vacancy-referrals').getByText('3,200.00 元/月').waitFor();
    await snap(e, page, 'placement-vacancy-hired');
    const placed = await apiGet<{ facts: { value: number }[] }>(page, '/api/facts?year=2026&f=placement.placed&f=placement.reemployed');
    expect(placed.facts.map((f) => f.value)).toEqual([34, 81]);
    await context.close();
  });

  it('follows up a 劳务输出 batch and opens the records behind a figure', async () => {
    const { page, context } = await e.newPage();
    page.setDefaultTimeout(30_000);
    await e.login(page, 'programme');
    await page.getByRole('menuitem', { name: '劳务输出' }).click();
    await page.getByTestId('batches-table').getByText('2026年家政服务劳务输出（宁波）').click();
    await page.waitForURL(/\/placement\/exports\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('batch-departed').textContent()).resolves.toContain('12');
    // The 6-month checkpoints (2027-01-01) are not due yet; the 1- and 3-month ones are recorded in the demo.
    await expect(page.getByTestId('batch-due').textContent()).resolves.toContain('0');
    const changed = page.getByTestId('batch-members').getByText('已更换工作');
    await expect(changed.count()).resolves.toBe(1);
    await page.getByTestId('follow-up-6').first().click();
    await page.locator('.ant-modal:visible').getByText('已更换工作').click();
    await okButton(page).click();
    await expect.poll(() => changed.count()).toBe(2);
    await snap(e, page, 'placement-export-batch');
    // The 劳务输出 figure opens the women it counts.
    await page.goto('/placement/exports');
    await page.getByText('劳务输出人数').click();
    await page.getByTestId('records-drawer').getByText('共 12 条').waitFor();
    await snap(e, page, 'placement-export-records');
    await context.close();
  });

  it('fits a phone: the lists and a seeker page scroll inside their boxes', async () => {
    const { page, context } = await e.newPage({ phone: true });
    page.setDefaultTimeout(30_000);
    await e.login(page, 'programme');
    for (const [url, testId, name] of [
      ['/placement', 'seekers-table', 'placement-seekers-phone'],
      ['/placement?tab=vacancies', 'vacancies-table', 'placement-vacancies-phone'],
      ['/placement/exports', 'batches-table', 'placement-exports-phone'],
    ] as const) {
      await page.goto(url);
      await page.getByTestId(testId).waitFor();
      await snap(e, page, name);
      expect(await overflow(page), `${url} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
    }
    await page.goto('/placement');
    await page.getByTestId('seekers-table').getByRole('link').first().click();
    await page.getByTestId('seeker-detail').waitFor();
    await snap(e, page, 'placement-seeker-phone');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('shows a township chair only her township, and nothing of it to the organisation officer', async () => {
    const chair = await e.newPage();
    await e.login(chair.page, 'dongcheng');
    await chair.page.getByRole('menuitem', { name: '妇联职介所' }).click();
    await chair.page.getByTestId('seekers-table').waitFor();
    const names = await chair.page.getByTestId('seekers-table').locator('tbody tr.ant-table-row').count();
    expect(names).toBe(8);
    await chair.context.close();
    const org = await e.newPage();
    await e.login(org.page, 'organisation');
    await org.page.getByRole('menuitem', { name: '工作台' }).waitFor();
    await expect(org.page.getByRole('menuitem', { name: '妇联职介所' }).count()).resolves.toBe(0);
    await org.context.close();
  });
});
