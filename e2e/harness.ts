import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { buildApp, type JinguoApp } from '../packages/server/src/app.js';
import type { TopUnit } from '../packages/server/src/config.js';
import { initializeDatabase } from '../packages/server/src/db/bootstrap.js';
import { createTestDatabase, finishInstall, TEST_DATABASES, totpCodeAt, UNLIMITED } from '../packages/server/test/build-test-app.js';
import { INSTALL_ADMINS } from '../packages/server/src/db/bootstrap.js';
import { createFieldCipher, generateKeyFile } from '../packages/server/src/platform/crypto.js';
import { systemClock } from '../packages/server/src/platform/clock.js';
import { DEMO_PASSWORD } from '../packages/server/src/modules/org/org.demo.js';
import type { DatabaseHandle } from '../packages/server/src/db/database.js';

export const CHROMIUM = process.env.JINGUO_CHROMIUM ?? '/usr/bin/chromium';
/** Browser tests run where Debian's Chromium is installed (.ci/run installs it; CI refuses to run without it). */
export const HAS_BROWSER = fs.existsSync(CHROMIUM);
export const WEB_DIST = path.resolve(import.meta.dirname, '../packages/web/dist');
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../screenshots');
export { DEMO_PASSWORD };

export type E2E = {
  app: JinguoApp;
  handle: DatabaseHandle;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (own cookies) at desktop size 1366×768, or a phone size. */
  newPage: (opts?: { phone?: boolean }) => Promise<{ context: BrowserContext; page: Page }>;
  /** Signs in through the login page; for an account with a second factor, types its current TOTP code when asked. */
  login: (page: Page, username: string, password?: string) => Promise<void>;
  /** The TOTP secrets of the accounts with a second factor (the 三员 in the demo), by lower-cased username. */
  totpSecrets: Map<string, string>;
  /** Logs out through the user menu (the menu item's click is repeated if the opening menu swallowed it). */
  logout: (page: Page) => Promise<void>;
  screenshot: (page: Page, name: string) => Promise<void>;
  close: () => Promise<void>;
};

/**
 * The real server (full demo district, built web app) on a random loopback port, and Debian's Chromium.
 * Runs on SQLite; the integration suite covers PostgreSQL.
 */
export async function startE2E(opts: { demo?: boolean; top?: TopUnit } = {}): Promise<E2E> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('web app not built: npm test builds it (npm run build:web)');
  const handle = await createTestDatabase(TEST_DATABASES[0]);
  const cipher = createFieldCipher(generateKeyFile());
  const adminPasswords = Object.fromEntries(INSTALL_ADMINS.map((a) => [a.username, DEMO_PASSWORD]));
  // A top unit at another level (JINGUO_TOP_*) starts without the demo, as the first start does.
  await initializeDatabase(handle, {
    clock: systemClock,
    adminPasswords,
    demo: opts.top ? false : (opts.demo ?? true),
    top: opts.top,
    cipher,
  });
  // As an operator leaves it: the 三员 have chosen their passwords and bound authenticators (the demo requires no one else).
  const totpSecrets = new Map<string, string>();
  await finishInstall(handle, cipher, systemClock, totpSecrets);
  const app = await buildApp({ database: handle, cipher, webDist: WEB_DIST, rateLimits: UNLIMITED });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    app,
    handle,
    baseUrl,
    browser,
    async newPage({ phone } = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: phone ? { width: 390, height: 844 } : { width: 1366, height: 768 },
        locale: 'zh-CN',
        deviceScaleFactor: 1,
        isMobile: !!phone,
        hasTouch: !!phone,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return { context, page };
    },
    totpSecrets,
    async login(page, username, password = DEMO_PASSWORD) {
      const secret = totpSecrets.get(username.toLowerCase());
      // One person may sign in twice within a 30-second step here: the server forgets the step it last accepted
      // (the refusal of a replayed code is proven in the integration suite).
      if (secret) await handle.db.updateTable('users').set({ totpLastStep: null }).where('username', '=', username).execute();
      await page.goto('/login');
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码', { exact: true }).fill(password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      if (secret) {
        const code = page.getByLabel('动态验证码');
        await code.fill(totpCodeAt(secret, systemClock));
        await page.getByRole('button', { name: /登\s*录/ }).click();
      }
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    },
    async logout(page) {
      for (let attempt = 1; ; attempt++) {
        await page.getByTestId('user-menu').click();
        await page.getByText('退出登录').click();
        try {
          await page.waitForURL(/\/login/, { timeout: 10_000 });
          return;
        } catch (err) {
          if (attempt === 3) throw err;
        }
      }
    },
    async screenshot(page, name) {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
    },
    async close() {
      await browser.close();
      await app.close();
      await handle.close();
    },
  };
}

/**
 * Picks an option of an antd Select (`select`: its input, e.g. getByLabel('领域')) and waits until the select
 * shows it. On a loaded two-core machine a click on a dropdown that is still opening can be lost, and the form
 * then refuses to submit for a missing field: the pick is tried again (three times at most). `type` filters a
 * searchable select first (an org unit picker).
 */
export async function chooseOption(page: Page, select: Locator, option: string | RegExp, opts: { type?: string } = {}): Promise<void> {
  // The select's root (.ant-select): the locator itself (a test id on the Select) or the one around its input.
  const root = select.locator('xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const shown = root.locator('.ant-select-selection-item, .ant-select-content').filter({ hasText: option });
  // This select's own list: the open input names it (aria-controls). Another select's list may still be on screen,
  // closing, with the same options (two "类型" selects in a form builder): picking from that one is lost.
  const combobox = root.locator('[role="combobox"]').first();
  const ownList = async () => {
    for (let i = 0; i < 50; i++) {
      const id = await combobox.getAttribute('aria-controls');
      if (id) return page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${id}"]`) });
      await page.waitForTimeout(100);
    }
    return page.locator('.ant-select-dropdown:visible');
  };
  const visible = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 1; ; attempt++) {
    // Open the list unless it is still open from a lost click (never Escape: it would close the dialog around it).
    if (attempt === 1 || (await visible.count()) === 0) {
      await select.click();
      if (opts.type !== undefined) await select.fill(opts.type);
    }
    const dropdown = await ownList();
    await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
    try {
      await shown.first().waitFor({ timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/**
 * Checks a checkbox or radio and waits until it is checked. Under load a click during antd's opening animation
 * can be lost ("Clicking the checkbox did not change its state"); clicking a checked radio or re-checking is
 * harmless, so the click is repeated until the state shows.
 */
export async function checkBox(box: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await box.isChecked()) return;
    await box.click();
    try {
      await box
        .page()
        .waitForFunction((el) => (el as unknown as { checked: boolean }).checked, await box.elementHandle(), { timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

type Json = any;
/** Calls the API as the signed-in page (with the session's CSRF token), for the setup a journey does not cover. */
export async function apiAs(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; json: Json }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, json: (await res.json()) as Json };
    },
    { method, url, body },
  );
}
