import fs from 'node:fs';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_BROWSER, startE2E, type E2E, WEB_DIST } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

/** The built chunks that hold ECharts (its core sets this attribute on every chart's element). */
function echartsChunks(): string[] {
  const assets = path.join(WEB_DIST, 'assets');
  return fs
    .readdirSync(assets)
    .filter((f) => f.endsWith('.js') && fs.readFileSync(path.join(assets, f), 'utf8').includes('_echarts_instance_'))
    .map((f) => `/assets/${f}`);
}

/** Every request the page makes from now on, by path. */
function recordRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => {
    seen.push(r);
  });
  return seen;
}
const pathsOf = (requests: Request[]) => requests.map((r) => new URL(r.url()).pathname);

/** A screenshot once antd's animations and the page's requests have settled. */
async function snap(e: E2E, page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
  await e.screenshot(page, name);
}

describe.runIf(HAS_BROWSER)('loading and access in Chromium', () => {
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

  it('loads no chart code on the login and home pages, and brotli-compressed, immutable chunks', async () => {
    const charts = echartsChunks();
    expect(charts.length).toBeGreaterThan(0);
    const { page, context } = await open();
    const requests = recordRequests(page);
    const entry = page.waitForResponse((r) => /\/assets\/index-[\w-]+\.js$/.test(r.url()));
    await page.goto('/login');
    await page.getByLabel('用户名').waitFor();
    await page.waitForLoadState('networkidle');
    const entryResponse = await entry;
    expect(entryResponse.headers()['content-encoding']).toBe('br');
    expect(entryResponse.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    const onLogin = pathsOf(requests);
    expect(onLogin.filter((p) => p.startsWith('/assets/')).length).toBeGreaterThan(0);
    expect(onLogin.filter((p) => charts.includes(p))).toEqual([]);
    // The shell and the home page are not the login page's business either.
    expect(onLogin.some((p) => /\/assets\/(Layout|HomePage)-/.test(p))).toBe(false);

    await e.login(page, 'chair');
    await page.getByText('您好，王丽华（主席）').waitFor();
    await page.waitForLoadState('networkidle');
    expect(pathsOf(requests).filter((p) => charts.includes(p))).toEqual([]);

    // A page that draws charts does download them: the check above can see a chart chunk when there is one.
    await page.goto('/reports/dashboard?year=2026');
    await page.getByTestId('headline-org.townships').waitFor();
    // The dashboard's cards draw their parts as bars; a card's detail (its monthly trend) is a chart.
    await page.getByTestId('headline-cases.received').getByText('接待来信来访').click();
    await page.getByTestId('focus-detail').locator('canvas').first().waitFor();
    expect(pathsOf(requests).filter((p) => charts.includes(p)).length).toBeGreaterThan(0);
    await context.close();
  });

  it('reloads once when a page chunk is gone (a new build), then offers a reload button instead of a blank page', async () => {
    const { page, context } = await open();
    await e.login(page, 'organisation');
    // As after a deploy: this tab's index names a home-page chunk the server no longer has.
    let refusals = 0;
    await page.route(/\/assets\/HomePage-[\w-]+\.js$/, (route) => {
      refusals++;
      return route.fulfill({ status: 404, contentType: 'application/json', body: '{"statusCode":404}' });
    });
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    await page.goto('/');
    // The first failure reloads the page by itself; failing again right after, the page says so and offers a reload.
    await page.getByText('页面加载失败').waitFor();
    expect(refusals).toBe(2);
    expect(loads.length).toBe(2);
    await page.unroute(/\/assets\/HomePage-[\w-]+\.js$/);
    await page.getByRole('button', { name: /重新加载/ }).click();
    await page.getByText('您好，陈静（组织干事）').waitFor();
    await context.close();
  });

  it('shows the auditor 无权访问 at /cases, with no 导出 button and no case request, and a way back', async () => {
    const { page, context } = await open();
    await e.login(page, 'auditor');
    const requests = recordRequests(page);
    await page.goto('/cases');
    await page.getByText('无权访问').waitFor();
    expect(await page.getByTestId('export-button').count()).toBe(0);
    expect(await page.getByText('加载失败').count()).toBe(0);
    await page.waitForLoadState('networkidle');
    expect(pathsOf(requests).filter((p) => p.startsWith('/api/cases'))).toEqual([]);
    await snap(e, page, 'no-access-desktop');
    await page.getByTestId('no-access-home').click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByText('您好，安全审计员').waitFor();
    await context.close();
  });

  it('gives the chair a menu led by what she does most, only the group in use open, no item named like its group', async () => {
    const { page, context } = await open();
    await e.login(page, 'chair');
    await page.goto('/cases');
    const sider = page.locator('.ant-layout-sider .ant-menu-root');
    await sider.locator('.ant-menu-submenu-open').first().waitFor();
    const groups = await sider.locator(':scope > .ant-menu-submenu > .ant-menu-submenu-title').allTextContents();
    expect(groups.slice(0, 4)).toEqual(['统计与总结', '信访维权', '救助与春蕾', '资金物资']);
    // Only 信访维权 is open: the group of the page in use.
    expect(await sider.locator('.ant-menu-submenu-open > .ant-menu-submenu-title').allTextContents()).toEqual(['信访维权']);
    for (const group of await sider.locator(':scope > .ant-menu-submenu').all()) {
      const title = (await group.locator('.ant-menu-submenu-title').textContent())!;
      await group.locator('.ant-menu-submenu-title').click();
      const items = await group.locator('.ant-menu-item').allTextContents();
      expect(items.length).toBeGreaterThan(1);
      expect(items).not.toContain(title);
      // Opening one group closes the one open before.
      expect(await sider.locator('.ant-menu-submenu-open').count()).toBe(1);
    }
    await snap(e, page, 'menu-chair');
    // Another page: its own group opens instead.
    await page.goto('/funds');
    await sider.locator('.ant-menu-submenu-open', { hasText: '资金物资' }).waitFor();
    expect(await sider.locator('.ant-menu-submenu-open').count()).toBe(1);
    await context.close();
  });

  it('shows the 牛佛镇 chair 无权访问 at /indicators/entry instead of a spinner that never stops (phone)', async () => {
    const { page, context } = await open({ phone: true });
    await e.login(page, 'niufo');
    const requests = recordRequests(page);
    await page.goto('/indicators/entry');
    await page.getByText('无权访问').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.ant-spin-spinning').count()).toBe(0);
    expect(pathsOf(requests).filter((p) => p.startsWith('/api/indicators'))).toEqual([]);
    await snap(e, page, 'no-access-phone');
    await context.close();
  });

  it('does not ask for notifications before a pending password change (no 403 from the bell)', async () => {
    await e.handle.db.updateTable('users').set({ mustChangePassword: 1 }).where('username', '=', 'sysadmin').execute();
    const { page, context } = await open();
    const requests = recordRequests(page);
    await e.login(page, 'sysadmin');
    await page.waitForURL((u) => u.pathname === '/account');
    await page.getByText('首次登录或密码重置后，须先修改密码才能使用系统。').waitFor();
    await page.waitForLoadState('networkidle');
    const refused = [];
    for (const r of requests) {
      const res = await r.response();
      if (res && res.status() === 403) refused.push(new URL(r.url()).pathname);
    }
    expect(refused).toEqual([]);
    expect(pathsOf(requests)).not.toContain('/api/notifications');
    await context.close();
  });

  it('shows 无权访问 when the server refuses a list or a change after the role was revoked mid-session', async () => {
    const { page, context } = await open();
    await e.login(page, 'secadmin');
    await page.goto('/settings/holidays');
    await page.getByText('元旦').first().waitFor();
    // The security admin loses her role while the page is open (her signed-in view is a minute old).
    const user = await e.handle.db.selectFrom('users').select('id').where('username', '=', 'secadmin').executeTakeFirstOrThrow();
    const roles = await e.handle.db.selectFrom('roleAssignments').selectAll().where('userId', '=', user.id).execute();
    await e.handle.db.deleteFrom('roleAssignments').where('userId', '=', user.id).execute();
    try {
      // A change: the toast says 无权访问, and the day stays.
      await page.getByRole('button', { name: '删除' }).first().click();
      const refused = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/api/holidays/'));
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      expect((await refused).status()).toBe(403);
      await page.getByText('无权访问：没有权限执行此操作').waitFor();
      // A list: another year's calendar is refused, and the page says 无权访问 rather than 加载失败.
      await page.locator('.ant-input-number-input').fill('2027');
      await page.locator('.ant-input-number-input').blur();
      await page.getByTestId('no-access').waitFor();
      expect(await page.getByText('加载失败').count()).toBe(0);
      await snap(e, page, 'no-access-in-page');
    } finally {
      if (roles.length) await e.handle.db.insertInto('roleAssignments').values(roles).execute();
    }
    await context.close();
  });
});
