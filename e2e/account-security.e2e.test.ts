import type { Page } from 'playwright-core';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBox, HAS_BROWSER, startE2E, type E2E } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

async function snap(e: E2E, page: Page, name: string) {
  await page.waitForTimeout(400);
  await e.screenshot(page, name);
}

/** Trust: the second factor and the password rules as a person meets them in the web app. */
describe.runIf(HAS_BROWSER)('account security in Chromium', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e?.close());

  async function open(opts?: { phone?: boolean }) {
    const opened = await e.newPage(opts);
    opened.page.setDefaultTimeout(30_000);
    return opened;
  }

  it('lets the security admin require a second factor of the township chairs', async () => {
    const { page, context } = await open();
    // The harness answers the code box the login page shows the 三员.
    await e.login(page, 'secadmin');
    await page.goto('/settings');
    const chairs = page.getByRole('checkbox', { name: '乡镇（街道）妇联主席' });
    // The 三员 are always required: ticked and fixed.
    await expect(page.getByRole('checkbox', { name: '安全审计员' }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('checkbox', { name: '安全审计员' }).isDisabled()).resolves.toBe(true);
    await checkBox(chairs);
    await page.getByRole('button', { name: /保\s*存$/ }).click();
    await page.getByText('已保存，新设置立即生效').waitFor();
    await snap(e, page, 'settings-second-factor');
    const saved = (await page.evaluate(async () => (await fetch('/api/settings')).json())) as { values: { secondFactorRoles: string[] } };
    expect(saved.values.secondFactorRoles).toContain('township_chair');
    await context.close();
  });

  it('sends a chair without one to her account to bind an authenticator by QR code, then signs her in with a recovery code', async () => {
    const { page, context } = await open();
    await e.login(page, 'niufo');
    await page.waitForURL(/\/account$/);
    await page.getByText('您的角色须使用双因素认证').waitFor();
    // Nothing else opens until she has bound one.
    await page.goto('/cases');
    await page.waitForURL(/\/account$/);
    await page.getByRole('button', { name: '绑定身份验证器' }).click();
    await page.getByTestId('totp-qr').waitFor();
    await snap(e, page, 'account-totp-qr');
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByLabel('动态验证码').fill('000000');
    await page.getByRole('button', { name: '确认绑定' }).click();
    await page.getByText('动态验证码不正确').first().waitFor();
    await page.getByLabel('动态验证码').fill(generateSync({ secret }));
    await page.getByRole('button', { name: '确认绑定' }).click();
    const codes = page.getByTestId('recovery-codes');
    await codes.waitFor();
    const recovery = (await codes.locator('code').allTextContents()).map((c) => c.trim());
    expect(recovery).toHaveLength(10);
    await snap(e, page, 'account-recovery-codes');
    await page.getByRole('button', { name: '我已保存恢复码' }).click();
    await page.getByText('已启用').first().waitFor();
    await page.goto('/cases');
    await page.waitForURL(/\/cases$/);
    await e.logout(page);

    // The password alone is not enough any more: the login page asks for the code, and a recovery code does once.
    await page.getByLabel('用户名').fill('niufo');
    await page.getByLabel('密码', { exact: true }).fill('Jinguo-Demo-2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByLabel('动态验证码').waitFor();
    await snap(e, page, 'login-second-factor');
    await page.getByLabel('动态验证码').fill('123-456');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('动态验证码错误或已使用过').waitFor();
    await page.getByLabel('动态验证码').fill(recovery[0]);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await context.close();
  }, 120_000);

  it('shows why a new password is refused beside the field', async () => {
    const { page, context } = await open();
    await e.login(page, 'rights');
    await page.goto('/account');
    await page.getByLabel('当前密码').fill('Jinguo-Demo-2026');
    await page.getByLabel('新密码', { exact: true }).fill('Password123!');
    await page.getByLabel('确认新密码').fill('Password123!');
    await page.getByRole('button', { name: '修改密码' }).last().click();
    const explain = page.locator('.ant-form-item-explain-error');
    await explain.filter({ hasText: '密码容易被猜中' }).waitFor();
    // Beside the new-password field, and nothing else refused.
    expect(await page.locator('.ant-form-item-has-error').getByLabel('新密码', { exact: true }).count()).toBe(1);
    expect(await explain.allTextContents()).toHaveLength(1);
    await page.getByLabel('新密码', { exact: true }).fill('Aa1!123456789012');
    await page.getByLabel('确认新密码').fill('Aa1!123456789012');
    await page.getByRole('button', { name: '修改密码' }).last().click();
    await explain.filter({ hasText: '连续的数字、字母或键盘序列' }).waitFor();
    expect(await explain.allTextContents()).toEqual([expect.stringContaining('连续的数字、字母或键盘序列')]);
    await snap(e, page, 'account-password-refused');
    // Neither was taken: the old password still signs in.
    const check = await e.browser.newContext({ baseURL: e.baseUrl });
    const login = await check.request.post('/api/auth/login', { data: { username: 'rights', password: 'Jinguo-Demo-2026' } });
    expect(login.status()).toBe(200);
    await check.close();
    await context.close();
  });

  it('refuses a username that differs from an existing one only by case, beside the field', async () => {
    const { page, context } = await open();
    await e.login(page, 'sysadmin');
    await page.goto('/users');
    await page.getByRole('button', { name: '新建用户' }).click();
    await page.getByLabel('用户名').fill('Rights');
    await page.getByLabel('姓名').fill('李敏二');
    await page.getByLabel('所属单位').click();
    await page.getByLabel('所属单位').fill('牛佛');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '牛佛镇' }).first().click();
    await page.getByRole('button', { name: /创\s*建/ }).click();
    const explain = page.locator('.ant-form-item-explain-error');
    await explain.filter({ hasText: '用户名已存在（不区分大小写）' }).waitFor();
    // Beside the username, the dialog still open, and no account made.
    expect(await page.locator('.ant-form-item-has-error').getByLabel('用户名').count()).toBe(1);
    expect(await explain.allTextContents()).toEqual([expect.stringContaining('用户名已存在（不区分大小写）')]);
    expect(await page.getByRole('dialog').isVisible()).toBe(true);
    const found = await page.evaluate(
      async () => ((await (await fetch('/api/users?q=%E6%9D%8E%E6%95%8F%E4%BA%8C')).json()) as { total: number }).total,
    );
    expect(found).toBe(0);
    await snap(e, page, 'users-username-case');
    await context.close();
  });

  it("lets the security admin reset a chair's lost second factor", async () => {
    const { page, context } = await open();
    await e.login(page, 'secadmin');
    await page.goto('/users');
    await page.getByLabel('搜索用户').fill('niufo');
    const row = page.locator('.ant-table-row', { hasText: 'niufo' });
    await row.getByText('双因素').waitFor();
    await row.getByRole('button', { name: '更多' }).click();
    await page.getByRole('menuitem', { name: '重置双因素认证' }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /重\s*置/ })
      .click();
    await page.getByText('已重置，该用户下次登录时须重新绑定').waitFor();
    await expect(row.getByText('双因素').count()).resolves.toBe(0);
    await context.close();
  });

  it('keeps a user signed in after the forced change of a one-time password: straight into the app, no second login', async () => {
    const admin = await open();
    await e.login(admin.page, 'sysadmin');
    const user = await e.handle.db.selectFrom('users').select('id').where('username', '=', 'programme').executeTakeFirstOrThrow();
    const reset = await admin.page.evaluate(async (id) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(`/api/users/${id}/reset-password`, { method: 'POST', headers: { 'x-csrf-token': me.csrfToken } });
      return (await res.json()) as { initialPassword: string };
    }, user.id);
    await admin.context.close();

    const { page, context } = await open();
    await e.login(page, 'programme', reset.initialPassword);
    await page.waitForURL(/\/account$/);
    await page.getByText('首次登录或密码重置后，须先修改密码才能使用系统。').waitFor();
    await page.getByLabel('当前密码').fill(reset.initialPassword);
    await page.getByLabel('新密码', { exact: true }).fill('Qiu-Ju-Da-Guan-Si-9');
    await page.getByLabel('确认新密码').fill('Qiu-Ju-Da-Guan-Si-9');
    await page.getByRole('button', { name: '修改密码' }).last().click();
    // Straight on into the app with the same session: the home page, not the login page nor the account page.
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByTestId('user-menu').waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    expect(me).toMatchObject({ username: 'programme', mustChangePassword: false });
    await snap(e, page, 'account-password-changed-signed-in');
    await context.close();
  }, 120_000);
});
