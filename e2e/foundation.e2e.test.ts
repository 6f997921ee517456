import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_BROWSER, startE2E, type E2E } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

describe.runIf(HAS_BROWSER)('foundation in Chromium', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e?.close());

  it('logs in, shows the home page with the menu of the role, and logs out', async () => {
    const { page, context } = await e.newPage();
    await e.login(page, 'chair');
    await page.getByText('您好，王丽华（主席）').waitFor();
    await e.screenshot(page, 'home-chair');
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/login/);
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    // The session ended on the server, not just in the page.
    expect(await page.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(401);
    await context.close();
  });

  it('shows the same message for a wrong password', async () => {
    const { page, context } = await e.newPage();
    await page.goto('/login');
    await page.getByLabel('用户名').fill('finance');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('用户名或密码错误').waitFor();
    await e.screenshot(page, 'login-error');
    await context.close();
  });
});
