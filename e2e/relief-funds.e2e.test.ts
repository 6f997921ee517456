import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from '../packages/server/src/platform/exceljs.js';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_BROWSER, startE2E, type E2E, chooseOption, checkBox } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

const HEADERS = [
  '乡镇（街道）',
  '村（社区）',
  '姓名',
  '身份证号',
  '联系电话',
  '家庭人口',
  '家庭年收入（元）',
  '困难情形',
  '发放方式',
  '银行卡号',
  '备注',
];
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idNumber(birth: string, seq: number): string {
  const body = `510399${birth}${String(seq).padStart(3, '0')}`;
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body[i]) * W[i];
  return body + '10X98765432'[s % 11];
}

async function screeningFile(dir: string, name: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** A page of the harness with a longer patience: these journeys run beside other suites on a two-core machine. */
async function newPage(e: E2E, opts: { phone?: boolean } = {}) {
  const p = await e.newPage(opts);
  p.page.setDefaultTimeout(30_000);
  return p;
}

async function apiGet<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => (await fetch(u)).json(), url) as Promise<T>;
}

/**
 * Clicks a button that saves, and waits for the server's answer to it: a success toast lasts 3 s and can come
 * and go while two busy cores run the rest of the suite, the response cannot be missed.
 */
async function submit(page: Page, button: Locator, path: RegExp): Promise<void> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && path.test(new URL(r.url()).pathname)),
    button.click(),
  ]);
  expect(res.status(), await res.text()).toBeLessThan(300);
}

describe.runIf(HAS_BROWSER)('relief, 春蕾 and the ledger in Chromium', () => {
  let e: E2E;
  let dir: string;
  const pan = { name: '邓桂珍', id: idNumber('19790312', 402) };
  const bad = { name: '罗小梅', id: idNumber('19820607', 404) };

  beforeAll(async () => {
    e = await startE2E();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-e2e-relief-'));
  }, 240_000);
  afterAll(async () => {
    await e?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a screening file with one bad row, fixes it, approves, reports up, records a donation, pays it out and shows the balances', async () => {
    // 1. The township chair imports her screening file; one row has a broken ID number.
    const { page: township, context: c1 } = await newPage(e);
    await e.login(township, 'niufo');
    const programmes = await apiGet<{ id: string; code: string }[]>(township, '/api/relief/programmes');
    const poor = programmes.find((p) => p.code === 'POOR_MOTHER')!;
    await township.goto(`/relief/applications?programme=${poor.id}`);
    await township.getByTestId('applications-table').waitFor();
    const goodRow = ['牛佛镇', '大山村', pan.name, pan.id, '13981305678', '3', '1,800', '低保', '现金', '', '摸底调查'];
    const badRow = [
      '牛佛镇',
      '石桥村',
      bad.name,
      bad.id.slice(0, 17) + (bad.id[17] === '0' ? '1' : '0'),
      '',
      '4',
      '2400',
      '单亲母亲',
      '现金',
      '',
      '',
    ];
    const badFile = await screeningFile(dir, '摸底调查表.xlsx', [goodRow, badRow]);
    await township.getByTestId('import-screening').click();
    await township.locator('.ant-modal input[type=file]').setInputFiles(badFile);
    await township.getByTestId('import-start').click();
    await township.getByTestId('import-failed').waitFor();
    await expect(township.getByTestId('import-errors').textContent()).resolves.toContain('校验位错误');
    await e.screenshot(township, 'relief-import-errors');
    // Nothing was imported.
    expect((await apiGet<{ total: number }>(township, `/api/relief/applications?q=${encodeURIComponent(pan.name)}`)).total).toBe(0);
    const fixedFile = await screeningFile(dir, '摸底调查表（改）.xlsx', [
      goodRow,
      ['牛佛镇', '石桥村', bad.name, bad.id, '', '4', '2400', '单亲母亲', '现金', '', ''],
    ]);
    await township.getByTestId('import-again').click();
    await township.locator('.ant-modal input[type=file]').setInputFiles(fixedFile);
    await township.getByTestId('import-start').click();
    await township.getByTestId('import-result').waitFor();
    await expect(township.getByTestId('import-result').textContent()).resolves.toContain('新增 2 条');
    await e.screenshot(township, 'relief-import-done');
    await township
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await township.getByText(pan.name).first().waitFor();
    await e.screenshot(township, 'relief-applications-township');
    await c1.close();

    // 2. The district verifies and approves her, reports her up to the city and decides the grant.
    const { page: officer, context: c2 } = await newPage(e);
    await e.login(officer, 'programme');
    const found = await apiGet<{ items: { id: string }[] }>(officer, `/api/relief/applications?q=${encodeURIComponent(pan.name)}`);
    const appId = found.items[0].id;
    await officer.goto(`/relief/applications/${appId}`);
    await officer.getByTestId('verdict').waitFor();
    await expect(officer.getByTestId('rule-incomePerHead').textContent()).resolves.toContain('家庭年人均收入 600.00元');
    // A lost update refused: the edit dialog was filled from this version, then the application changed (here by a
    // script of the same officer, without If-Match); saving the dialog is a 412 that names who changed it and
    // offers to reload, and nothing is saved.
    await officer.getByTestId('action-edit').click();
    await officer
      .locator('.ant-modal')
      .getByRole('button', { name: /确\s*定/ })
      .waitFor();
    await officer.evaluate(async (id) => {
      const { csrfToken } = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      await fetch(`/api/relief/applications/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        body: JSON.stringify({ note: '他处修改' }),
      });
    }, appId);
    const [stale] = await Promise.all([
      officer.waitForResponse(
        (r) => r.request().method() === 'PATCH' && /\/api\/relief\/applications\/[^/]+$/.test(new URL(r.url()).pathname),
      ),
      officer
        .locator('.ant-modal')
        .getByRole('button', { name: /确\s*定/ })
        .click(),
    ]);
    expect(stale.status()).toBe(412);
    expect(stale.request().headers()['if-match']).toMatch(/^"\d+"$/);
    const staleDialog = officer.locator('.ant-modal-confirm-title', { hasText: '记录已被他人修改' });
    await staleDialog.waitFor();
    await expect(officer.locator('.ant-modal-confirm').textContent()).resolves.toMatch(/该救助申请已被.+修改（在您打开之后）/);
    await e.screenshot(officer, 'relief-application-stale-edit');
    await officer.getByRole('button', { name: '重新加载' }).click();
    await staleDialog.waitFor({ state: 'detached' });
    await officer.getByTestId('action-verify').click();
    await officer
      .getByRole('button', { name: /核\s*实/ })
      .last()
      .click();
    await officer.getByTestId('action-approve').waitFor();
    await officer.getByTestId('action-approve').click();
    await submit(officer, officer.getByRole('button', { name: /批\s*准/ }).last(), /\/api\/relief\/applications\/[^/]+\/transition$/);
    await officer.goto(`/relief/applications?programme=${poor.id}&status=approved`);
    await checkBox(officer.getByRole('row', { name: new RegExp(pan.name) }).getByRole('checkbox'));
    await officer.getByTestId('report-up').click();
    await checkBox(officer.getByLabel('市妇联'));
    await e.screenshot(officer, 'relief-report-up');
    await submit(officer, officer.getByRole('button', { name: '生成报送表并上报' }), /\/api\/relief\/submissions$/);
    await officer.goto('/relief/submissions');
    await officer.getByTestId('submissions-table').getByText('市妇联').first().waitFor();
    await e.screenshot(officer, 'relief-submissions');
    await officer.goto(`/relief/applications/${appId}`);
    await officer.getByTestId('action-grant').click();
    await submit(
      officer,
      officer.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }),
      /\/api\/relief\/applications\/[^/]+\/transition$/,
    );
    await e.screenshot(officer, 'relief-application-granted');
    await c2.close();

    // 3. Finance records a donation typed as "1,200.50", prints its receipt, pays the grant and sees the balances.
    const { page: finance, context: c3 } = await newPage(e);
    await e.login(finance, 'finance');
    await finance.goto('/funds');
    await finance.getByTestId('accounts-table').waitFor();
    const before = (await apiGet<{ code: string; balanceFen: number }[]>(finance, '/api/funds/accounts')).find(
      (a) => a.code === 'RELIEF_FUND',
    )!.balanceFen;
    await finance.getByTestId('record-donation').click();
    await finance.getByLabel('单位名称').fill('自贡巾帼爱心企业');
    await chooseOption(finance, finance.getByLabel('记入账户'), '救助基金');
    await chooseOption(finance, finance.getByLabel('指定用途（项目）'), '贫困母亲救助');
    await finance.getByTestId('donation-amount').fill('1,200.50');
    await e.screenshot(finance, 'funds-donation-form');
    // Money is sent with an Idempotency-Key (one per opening of the dialog): a retry could not record it twice.
    const keyed: Record<string, string | undefined> = {};
    finance.on('request', (r) => {
      const p = new URL(r.url()).pathname;
      if (r.method() === 'POST' && (/\/api\/funds\/donations$/.test(p) || /\/pay$/.test(p)))
        keyed[p.endsWith('/pay') ? 'pay' : 'donation'] = r.headers()['idempotency-key'];
    });
    await submit(finance, finance.getByRole('button', { name: /登\s*记/ }).last(), /\/api\/funds\/donations$/);
    await finance.goto('/funds/donations');
    await finance.getByTestId('donations-table').getByRole('link', { name: '收据' }).first().click();
    await finance.getByTestId('receipt').waitFor();
    await expect(finance.getByTestId('receipt-upper').textContent()).resolves.toContain('壹仟贰佰元伍角');
    await e.screenshot(finance, 'funds-receipt');
    await finance.goto(`/relief/applications/${appId}`);
    await finance.getByTestId('action-pay').click();
    await submit(
      finance,
      finance.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }),
      /\/api\/relief\/applications\/[^/]+\/pay$/,
    );
    await e.screenshot(finance, 'relief-application-paid');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(keyed.donation).toMatch(uuid);
    expect(keyed.pay).toMatch(uuid);
    expect(keyed.pay).not.toBe(keyed.donation);
    await finance.goto('/funds');
    await finance.getByTestId('accounts-table').getByText('救助基金').waitFor();
    const row = finance.getByTestId('accounts-table').getByRole('row', { name: /救助基金/ });
    // 1,200.50 received, the 400.00 grant paid out of it.
    await expect(row.getByTestId('account-balance').textContent()).resolves.toBe(
      ((before + 120050 - 40000) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }),
    );
    await e.screenshot(finance, 'funds-accounts');
    await finance.getByRole('tab', { name: '记账流水' }).click();
    await finance
      .getByTestId('journal-table')
      .getByText(/拨付：救助基金/)
      .first()
      .waitFor();
    await e.screenshot(finance, 'funds-journal');
    const donations = await apiGet<{ items: { id: string; donorName: string; amountFen: number }[] }>(
      finance,
      '/api/funds/donations?pageSize=50',
    );
    const chuanli = donations.items.find((d) => d.donorName === '川力实业有限公司' && d.amountFen === 800000)!;
    await finance.goto(`/funds/donations/${chuanli.id}/trace`);
    await finance.getByTestId('trace-table').waitFor();
    await expect(finance.getByTestId('trace-allocated').textContent()).resolves.toBe('8,000.00');
    await e.screenshot(finance, 'funds-trace');
    await c3.close();
  }, 180_000); // a long journey: more than the default 60 s when the machine is busy

  it('keeps the 余额 column and names (not codes) in view on a phone', async () => {
    const { page, context } = await newPage(e, { phone: true });
    await e.login(page, 'finance');
    await page.goto('/funds');
    const table = page.getByTestId('accounts-table');
    await table.getByText('救助基金').waitFor();
    const width = page.viewportSize()!.width;
    const header = await table.locator('th', { hasText: '余额（元）' }).boundingBox();
    expect(header).not.toBeNull();
    expect(header!.x + header!.width).toBeLessThanOrEqual(width);
    const balance = await table.getByTestId('account-balance').first().boundingBox();
    expect(balance!.x + balance!.width).toBeLessThanOrEqual(width);
    expect(await table.textContent()).not.toMatch(/[A-Z]+_[A-Z]+/);
    await e.screenshot(page, 'funds-accounts-phone');
    await context.close();
  });

  it('shows every page at 1366×768 and on a phone', async () => {
    const pages: [string, string, string][] = [
      ['programme', '/relief/applications', 'relief-applications'],
      ['programme', '/relief/programmes', 'relief-programmes'],
      ['programme', '/relief/submissions', 'relief-submissions-list'],
      ['programme', '/sponsorship', 'sponsorship-students'],
      ['programme', '/sponsorship?tab=pairings', 'sponsorship-pairings'],
      ['finance', '/sponsorship?tab=due', 'sponsorship-due-finance'],
      ['finance', '/sponsorship', 'sponsorship-students-finance'],
      ['finance', '/funds', 'funds-ledger'],
      ['finance', '/funds?tab=journal', 'funds-journal-tab'],
      ['finance', '/funds/donations', 'funds-donations'],
      ['finance', '/funds/disbursements', 'funds-disbursements'],
      ['statistician', '/funds/reports', 'funds-reports'],
    ];
    for (const phone of [false, true]) {
      let user = '';
      let ctx: Awaited<ReturnType<E2E['newPage']>> | null = null;
      for (const [u, url, name] of pages) {
        if (u !== user) {
          await ctx?.context.close();
          ctx = await newPage(e, { phone });
          await e.login(ctx.page, u);
          user = u;
        }
        await ctx!.page.goto(url);
        await ctx!.page.waitForLoadState('networkidle');
        await ctx!.page
          .locator('.ant-spin-spinning')
          .waitFor({ state: 'detached' })
          .catch(() => undefined);
        // Each page opens for its role and loads: no 无权访问, no load error, something listed or drawn.
        expect(await ctx!.page.locator('.ant-result-403').count(), url).toBe(0);
        expect(await ctx!.page.getByText('加载失败').count(), url).toBe(0);
        expect(await ctx!.page.locator('.ant-table-row, .ant-card, canvas, svg').count(), url).toBeGreaterThan(0);
        await e.screenshot(ctx!.page, `${name}${phone ? '-phone' : ''}`);
      }
      // One application's detail and one receipt.
      const apps = await apiGet<{ items: { id: string; name: string }[] }>(
        ctx!.page,
        '/api/relief/applications?q=%E6%BD%98%E4%BC%9A%E8%8A%AC',
      );
      expect(apps.items.length).toBeGreaterThan(0);
      await ctx!.page.goto(`/relief/applications/${apps.items[0].id}`);
      await ctx!.page.getByTestId('verdict').waitFor();
      expect(await ctx!.page.getByText('潘会芬').count()).toBeGreaterThan(0);
      await e.screenshot(ctx!.page, `relief-application${phone ? '-phone' : ''}`);
      const donations = await apiGet<{ items: { id: string; receiptNo: string | null }[] }>(ctx!.page, '/api/funds/donations?pageSize=5');
      const withReceipt = donations.items.find((d) => d.receiptNo);
      expect(withReceipt).toBeDefined();
      await ctx!.page.goto(`/funds/donations/${withReceipt!.id}/receipt`);
      await ctx!.page.getByTestId('receipt').waitFor();
      expect(await ctx!.page.getByTestId('receipt').textContent()).toContain(withReceipt!.receiptNo!);
      await e.screenshot(ctx!.page, `funds-receipt-page${phone ? '-phone' : ''}`);
      await ctx?.context.close();
    }
  }, 240_000); // every page, desktop and phone: more than the default 60 s on a busy machine
});
