import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_BROWSER, chooseOption, startE2E, type E2E } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

const okButton = (page: Page) =>
  page
    .locator('.ant-modal')
    .getByRole('button', { name: /确\s*定|OK/ })
    .last();

/**
 * The list pages' dialogs (ui/FormDialog): required fields refused in place, the server's answer shown, the dialog
 * closing on success with the new row in the list; an edit dialog opened on a row shows that row's values.
 */
describe.runIf(HAS_BROWSER)('form dialogs of the list pages in Chromium', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e?.close());

  it('adds a cadre to the roster through the dialog, after the form refused it empty', async () => {
    const { page, context } = await e.newPage();
    page.setDefaultTimeout(30_000);
    await e.login(page, 'organisation');
    await page.goto('/cadres');
    await page.getByTestId('cadres-table').waitFor();
    await page.getByRole('button', { name: '登记干部' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '登记干部' });
    await okButton(page).click();
    // Nothing sent: the required fields say so beside themselves, and the dialog stays open.
    await dialog.getByText('请选择').waitFor();
    await expect(dialog.locator('.ant-form-item-explain-error').count()).resolves.toBe(3);
    await page.getByLabel('姓名').fill('何晓梅');
    await page.getByLabel('单位', { exact: true }).fill('区农业农村局');
    await chooseOption(page, page.getByLabel('登记单位'), '示例区妇联', { type: '示例区' });
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/cadres'),
      okButton(page).click(),
    ]);
    expect(res.status()).toBe(201);
    await dialog.waitFor({ state: 'detached' });
    await page.getByPlaceholder('姓名或单位').fill('何晓梅');
    // The search finds her, and only her: she was added once.
    await expect.poll(() => page.getByTestId('cadres-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    await page
      .getByTestId('cadres-table')
      .getByRole('row', { name: /何晓梅.*区农业农村局/ })
      .waitFor();
    await e.screenshot(page, 'cadres-added');
    await context.close();
  }, 180_000);

  it("opens a campaign's settings with its own values and saves a change on its version", async () => {
    const { page, context } = await e.newPage();
    page.setDefaultTimeout(30_000);
    await e.login(page, 'programme');
    await page.goto('/honours?tab=campaigns');
    const row = page.getByTestId('campaigns-table').getByRole('row', { name: /WOMEN_CIVILIZED_POST/ });
    await row.getByText('设置').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '评选项目设置' });
    await expect(dialog.getByLabel('名称').inputValue()).resolves.toBe('巾帼文明岗');
    const before = Number(await dialog.getByLabel('公示天数').inputValue());
    const next = before === 7 ? 10 : 7;
    await dialog.getByLabel('公示天数').fill(String(next));
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PATCH' && /^\/api\/honours\/campaigns\/[^/]+$/.test(new URL(r.url()).pathname)),
      okButton(page).click(),
    ]);
    expect(res.status()).toBe(200);
    expect(res.request().headers()['if-match']).toMatch(/^"\d+"$/);
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await row.textContent()) ?? '').toContain(`${next}`);
    await e.screenshot(page, 'honours-campaign-saved');
    await context.close();
  }, 180_000);

  it("adds a 春蕾 sponsor: the server's refusal of a bad credit code shown beside the field, then saved", async () => {
    const { page, context } = await e.newPage();
    page.setDefaultTimeout(30_000);
    await e.login(page, 'programme');
    await page.goto('/sponsorship?tab=sponsors');
    await page.getByRole('button', { name: '新增资助人' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '新增资助人' });
    await dialog.getByLabel('名称 / 姓名').fill('示例爱心企业');
    await dialog.getByLabel('统一社会信用代码（单位）').fill('123');
    const [bad] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/sponsorship/sponsors'),
      okButton(page).click(),
    ]);
    expect(bad.status()).toBe(400);
    // The field's own message, in place; the dialog stays open with what was typed.
    await expect.poll(async () => (await dialog.locator('.ant-form-item-explain-error').allTextContents()).join()).toMatch(/信用代码/);
    await dialog.getByLabel('统一社会信用代码（单位）').fill('');
    const [ok] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/sponsorship/sponsors'),
      okButton(page).click(),
    ]);
    expect(ok.status()).toBe(201);
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /示例爱心企业/ }).waitFor();
    await context.close();
  }, 180_000);
});
