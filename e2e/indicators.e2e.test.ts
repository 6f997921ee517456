import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import ExcelJS from '../packages/server/src/platform/exceljs.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EVALUATION_STATUS_LABELS,
  evaluateIndicator,
  formatIndicatorValue,
  rateValue,
  valueWarnings,
  type IndicatorEntry,
  type IndicatorEvaluation,
  type IndicatorRegion,
} from '@jinguo/domain';
import { HAS_BROWSER, startE2E, type E2E, chooseOption, checkBox } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

/** A page of the harness with a longer patience: these journeys run beside other suites on a two-core machine. */
async function newPage(e: E2E, opts: { phone?: boolean } = {}) {
  const p = await e.newPage(opts);
  p.page.setDefaultTimeout(30_000);
  return p;
}

async function apiGet<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => {
    const res = await fetch(u);
    if (!res.ok) throw new Error(`${u}: ${res.status} ${await res.text()}`);
    return res.json();
  }, url) as Promise<T>;
}

/** Clicks a button that writes and waits for the server's answer to it (never for a toast, which may come and go). */
async function send(page: Page, button: Locator, method: string, path: RegExp): Promise<void> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname)),
    button.click(),
  ]);
  expect(res.status(), await res.text()).toBeLessThan(300);
}

/** A screenshot once antd's animations and the page's requests have settled. */
async function snap(e: E2E, page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-spin-spinning')
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  await page.waitForTimeout(400);
  await e.screenshot(page, name);
}

const TEMPLATE_HEADERS = ['指标代码', '指标名称', '地区', '年度', '分组', '分子', '分母', '数值', '数据来源', '说明'];

async function valuesFile(dir: string, name: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(TEMPLATE_HEADERS);
  for (const r of rows) ws.addRow(r);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** The page body must not scroll sideways on a phone (wide tables scroll in their own box). */
async function overflow(page: Page) {
  return (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
}

describe.runIf(HAS_BROWSER)('两纲 monitoring in Chromium', () => {
  let e: E2E;
  let dir: string;
  beforeAll(async () => {
    e = await startE2E();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-e2e-indicators-'));
  }, 240_000);
  afterAll(async () => {
    await e?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a liaison reports a rate, the statistician returns it, the liaison fixes and resubmits, it is approved and evaluated', async () => {
    const year = new Date().getFullYear();
    // 1. 区卫生健康局's liaison opens 数据填报 for this year's round in the district.
    const { page: liaison, context: c1 } = await newPage(e);
    await e.login(liaison, 'liaison');
    await liaison.getByRole('menuitem', { name: '数据填报' }).click();
    await liaison.getByTestId('entry-table').waitFor();
    const regions = await apiGet<IndicatorRegion[]>(liaison, '/api/indicators/regions');
    const district = regions[0];
    await expect(liaison.getByTestId('region-select').textContent()).resolves.toContain(district.name);
    const entry = await apiGet<IndicatorEntry>(liaison, `/api/indicators/entry?year=${year}&regionOrgId=${district.id}`);
    // Her indicators only: a percentage with nothing reported yet.
    expect(entry.rows.length).toBeGreaterThan(0);
    expect(new Set(entry.rows.map((r) => r.indicator.responsibleOrgName))).toEqual(new Set(['区卫生健康局']));
    const target = entry.rows.find(
      (r) =>
        r.indicator.unit === 'percent' &&
        r.breakdown === 'total' &&
        !r.current &&
        r.previousValue !== null &&
        r.previousValue > 20 &&
        r.previousValue < 90,
    );
    expect(target, 'the demo leaves an unreported health percentage with last year’s value').toBeTruthy();
    const indicator = target!.indicator;
    const previous = target!.previousValue!;
    const row = liaison.getByTestId(`entry-row-${indicator.code}-total`);
    await row.scrollIntoViewIfNeeded();
    await expect(row.getByTestId('previous-value').textContent()).resolves.toBe(formatIndicatorValue(previous, indicator));

    // A figure far below last year's: the computed rate shows at once, with the warning that asks for a note.
    const denominator = 2000;
    const low = Math.round(previous * 0.5 * 20);
    await row.getByLabel(`${indicator.name}合计分子`).fill(String(low));
    await row.getByLabel(`${indicator.name}合计分母`).fill(String(denominator));
    const lowValue = rateValue('percent', low, denominator)!;
    await expect.poll(() => row.getByTestId('computed-value').textContent()).toBe(formatIndicatorValue(lowValue, indicator));
    await expect
      .poll(() => row.getByTestId('value-warning').first().textContent())
      .toBe(valueWarnings(lowValue, previous, indicator.reviewThresholdPercent)[0]);
    await snap(e, liaison, 'indicators-entry-warning');
    // Saved as a draft and submitted, with a note for the warning.
    await row.getByLabel(`${indicator.name}数据来源`).fill('妇幼卫生年报');
    await row.getByLabel(`${indicator.name}说明`).fill('筛查项目经费下达较晚，下半年集中筛查');
    await send(liaison, liaison.getByTestId('save-drafts'), 'PUT', /^\/api\/indicators\/values$/);
    await expect.poll(() => row.getByTestId('entry-status').textContent()).toContain('草稿');
    await checkBox(row.getByRole('checkbox'));
    await send(liaison, liaison.getByTestId('submit-values'), 'POST', /^\/api\/indicators\/values\/submit$/);
    await expect.poll(() => row.getByTestId('entry-status').textContent()).toContain('已报送');
    // Submitted: no more editing here.
    await expect(row.getByLabel(`${indicator.name}合计分子`).isDisabled()).resolves.toBe(true);

    // 2. The statistician returns it: the figure looks like a typo.
    const { page: statistician, context: c2 } = await newPage(e);
    await e.login(statistician, 'statistician');
    await statistician.getByRole('menuitem', { name: '数据审核' }).click();
    const queue = statistician.getByTestId('review-table');
    const queued = queue.locator('tr.ant-table-row').filter({ hasText: indicator.name }).filter({ hasText: district.name });
    await queued.waitFor();
    await expect(queued.getByTestId('review-value').textContent()).resolves.toBe(formatIndicatorValue(lowValue, indicator));
    await expect(queued.textContent()).resolves.toContain('筛查项目经费下达较晚');
    await checkBox(queued.getByRole('checkbox'));
    await statistician.getByTestId('return-values').click();
    const reason = '与上年相比下降过多，请核对分子（筛查人数）';
    await statistician.getByTestId('reason').fill(reason);
    await snap(e, statistician, 'indicators-review-return');
    await send(
      statistician,
      statistician.locator('.ant-modal-footer').getByRole('button', { name: /退\s*回/ }),
      'POST',
      /^\/api\/indicators\/values\/return$/,
    );
    await queued.waitFor({ state: 'detached' });

    // 3. The liaison sees the reason, fixes the numerator and submits again.
    await liaison.reload();
    await liaison.getByTestId('entry-table').waitFor();
    await row.scrollIntoViewIfNeeded();
    await expect.poll(() => row.getByTestId('return-reason').textContent()).toContain(reason);
    await expect(row.getByTestId('entry-status').textContent()).resolves.toContain('已退回');
    await snap(e, liaison, 'indicators-entry-returned');
    const fixed = Math.round(previous * 1.02 * 20);
    const fixedValue = rateValue('percent', fixed, denominator)!;
    expect(valueWarnings(fixedValue, previous, indicator.reviewThresholdPercent)).toEqual([]);
    await row.getByLabel(`${indicator.name}合计分子`).fill(String(fixed));
    await expect.poll(() => row.getByTestId('computed-value').textContent()).toBe(formatIndicatorValue(fixedValue, indicator));
    await expect(row.getByTestId('value-warning').count()).resolves.toBe(0);
    await row.getByLabel(`${indicator.name}说明`).fill('已核对筛查人数');
    await send(liaison, liaison.getByTestId('save-drafts'), 'PUT', /^\/api\/indicators\/values$/);
    await expect.poll(() => row.getByRole('checkbox').isEnabled()).toBe(true);
    await checkBox(row.getByRole('checkbox'));
    await send(liaison, liaison.getByTestId('submit-values'), 'POST', /^\/api\/indicators\/values\/submit$/);
    await expect.poll(() => row.getByTestId('entry-status').textContent()).toContain('已报送');
    await c1.close();

    // 4. The statistician approves it; it is locked and listed as approved.
    await statistician.reload();
    await queued.waitFor();
    await expect(queued.getByTestId('review-value').textContent()).resolves.toBe(formatIndicatorValue(fixedValue, indicator));
    await checkBox(queued.getByRole('checkbox'));
    await statistician.getByTestId('approve-values').click();
    await send(
      statistician,
      statistician.locator('.ant-modal-confirm-btns').getByRole('button', { name: '审核通过' }),
      'POST',
      /^\/api\/indicators\/values\/approve$/,
    );
    await queued.waitFor({ state: 'detached' });
    await statistician.getByRole('tab', { name: '已审核' }).click();
    const approved = queue.locator('tr.ant-table-row').filter({ hasText: indicator.name }).filter({ hasText: district.name });
    await approved.waitFor();
    await approved.getByTestId('value-history-link').click();
    const history = statistician.getByTestId('value-history');
    await history.getByText(reason).waitFor();
    await expect(history.textContent()).resolves.toMatch(/报送[\s\S]*退回[\s\S]*报送[\s\S]*审核通过/);
    await snap(e, statistician, 'indicators-value-history');
    await statistician.keyboard.press('Escape');

    // 5. 监测评估 shows the approved value and the status the rule gives it.
    await statistician.getByRole('menuitem', { name: '监测评估' }).click();
    const evalRow = statistician.getByTestId(`evaluation-row-${indicator.code}`);
    await evalRow.waitFor();
    await expect.poll(() => evalRow.getByTestId('evaluation-value').textContent()).toBe(formatIndicatorValue(fixedValue, indicator));
    const evaluation = await apiGet<IndicatorEvaluation>(
      statistician,
      `/api/indicators/evaluation?year=${year}&regionOrgId=${district.id}`,
    );
    const served = evaluation.rows.find((r) => r.indicator.id === indicator.id)!;
    expect(served.value).toBe(fixedValue);
    expect(served.basis).toBe('reported');
    const status = evaluateIndicator(indicator, fixedValue, served.previousValue);
    expect(served.status).toBe(status);
    await expect(evalRow.getByTestId('evaluation-status').textContent()).resolves.toBe(EVALUATION_STATUS_LABELS[status]);
    await evalRow.scrollIntoViewIfNeeded();
    await snap(e, statistician, 'indicators-evaluation-after');

    // 6. A correction after approval: the statistician reopens it with a reason; it goes back to the liaison as returned.
    await statistician.goto('/indicators/review?tab=approved');
    await approved.waitFor();
    await approved.getByTestId('reopen').click();
    const why = '卫健局来函更正：筛查人数含外区户籍';
    await statistician.getByTestId('reason').fill(why);
    await send(
      statistician,
      statistician.locator('.ant-modal-footer').getByRole('button', { name: '重新打开' }),
      'POST',
      /^\/api\/indicators\/values\/[^/]+\/reopen$/,
    );
    await approved.waitFor({ state: 'detached' });
    await statistician.getByRole('tab', { name: '已退回' }).click();
    const reopened = queue.locator('tr.ant-table-row').filter({ hasText: indicator.name }).filter({ hasText: district.name });
    await expect.poll(() => reopened.textContent()).toContain(why);
    await c2.close();
  });

  it('imports figures from Excel: a file with a bad row imports nothing, the fixed file saves drafts', async () => {
    const year = new Date().getFullYear();
    const { page, context } = await newPage(e);
    await e.login(page, 'liaison');
    await page.goto('/indicators/entry');
    await page.getByTestId('entry-table').waitFor();
    const [district] = await apiGet<IndicatorRegion[]>(page, '/api/indicators/regions');
    const entry = await apiGet<IndicatorEntry>(page, `/api/indicators/entry?year=${year}&regionOrgId=${district.id}`);
    const [a, b] = entry.rows.filter((r) => r.indicator.unit === 'percent' && r.breakdown === 'total' && !r.current);
    expect(b, 'two unreported health percentages').toBeTruthy();
    const good = [a.indicator.code, a.indicator.name, district.name, year, '合计', 930, 1000, '', '妇幼卫生年报', ''];
    const badFile = await valuesFile(dir, '填报（有错）.xlsx', [
      good,
      [b.indicator.code, b.indicator.name, district.name, year, '合计', 1200, 1000, '', '', ''],
    ]);
    await page.getByTestId('import-values').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(badFile);
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-failed').waitFor();
    await expect(page.getByTestId('import-errors').textContent()).resolves.toContain('分子不能大于分母');
    await snap(e, page, 'indicators-import-errors');
    // Nothing was saved, not even the good row.
    const still = await apiGet<IndicatorEntry>(page, `/api/indicators/entry?year=${year}&regionOrgId=${district.id}`);
    expect(still.rows.find((r) => r.indicator.id === a.indicator.id && r.breakdown === 'total')!.current).toBeNull();
    const fixedFile = await valuesFile(dir, '填报.xlsx', [
      good,
      [b.indicator.code, b.indicator.name, district.name, year, '合计', 880, 1000, '', '', ''],
    ]);
    await page.getByTestId('import-again').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(fixedFile);
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-result').waitFor();
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    for (const [r, numerator] of [
      [a, 930],
      [b, 880],
    ] as const) {
      const row = page.getByTestId(`entry-row-${r.indicator.code}-total`);
      await expect.poll(() => row.getByTestId('entry-status').textContent()).toContain('草稿');
      await expect(row.getByTestId('computed-value').textContent()).resolves.toBe(
        formatIndicatorValue(rateValue('percent', numerator, 1000), r.indicator),
      );
    }
    await context.close();
  });

  it("adds an indicator to the catalogue: the server's message lands on the field, then it is saved and can be deactivated", async () => {
    const { page, context } = await newPage(e);
    await e.login(page, 'statistician');
    await page.getByRole('menuitem', { name: '指标体系' }).click();
    await page.getByTestId('indicators-table').waitFor();
    await page.getByTestId('add-indicator').click();
    const form = page.getByTestId('indicator-form');
    await form.getByLabel('指标代码').fill('W9 01');
    await chooseOption(page, form.getByLabel('领域'), '妇女与环境');
    await form.getByLabel('指标名称').fill('农村卫生厕所普及率（端到端）');
    await form.getByLabel('目标值', { exact: true }).fill('95');
    // The code has a space: the contract refuses it and the message sits under 指标代码.
    const [bad] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/indicators'),
      page.getByTestId('save-indicator').click(),
    ]);
    expect(bad.status()).toBe(400);
    await form
      .locator('.ant-form-item')
      .filter({ has: page.getByLabel('指标代码') })
      .getByText('指标代码只能由字母、数字、点、横线组成')
      .waitFor();
    await snap(e, page, 'indicators-edit-error');
    await form.getByLabel('指标代码').fill('W9.01');
    await send(page, page.getByTestId('save-indicator'), 'POST', /^\/api\/indicators$/);
    const row = page.getByTestId('indicators-table').locator('tr.ant-table-row').filter({ hasText: 'W9.01' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('≥ 95%');
    await expect(row.getByTestId('unverified').count()).resolves.toBe(1);
    await send(page, row.getByText('停用'), 'PATCH', /^\/api\/indicators\/[^/]+$/);
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('显示已停用').click();
    await expect(
      page.getByTestId('indicators-table').locator('tr.ant-table-row').filter({ hasText: 'W9.01' }).textContent(),
    ).resolves.toContain('已停用');
    await context.close();
  });

  it('shows the four pages at 1366×768 and on a phone', async () => {
    const pages: [string, string, string, string][] = [
      ['statistician', '/indicators', 'indicators-table', 'indicators-catalogue'],
      ['statistician', '/indicators/review', 'review-table', 'indicators-review'],
      ['statistician', '/indicators/evaluation', 'evaluation-table-women', 'indicators-evaluation'],
      ['statistician', '/indicators/evaluation?year=2025', 'evaluation-table-women', 'indicators-evaluation-2025'],
      ['liaison', '/indicators/entry', 'entry-table', 'indicators-entry'],
      ['liaison', '/indicators/evaluation', 'evaluation-table-women', 'indicators-evaluation-liaison'],
    ];
    for (const phone of [false, true]) {
      let user = '';
      let ctx: Awaited<ReturnType<E2E['newPage']>> | null = null;
      for (const [u, url, testId, name] of pages) {
        if (u !== user) {
          await ctx?.context.close();
          ctx = await newPage(e, { phone });
          await e.login(ctx.page, u);
          user = u;
        }
        await ctx!.page.goto(url);
        await ctx!.page.getByTestId(testId).waitFor();
        await snap(e, ctx!.page, `${name}${phone ? '-phone' : ''}`);
        if (url.endsWith('year=2025')) {
          // 2025 (the mid-term): the district's 宫颈癌筛查率 is rolled up from every township's and street's approved figures.
          const regions = await apiGet<IndicatorRegion[]>(ctx!.page, '/api/indicators/regions');
          const evaluation = await apiGet<IndicatorEvaluation>(
            ctx!.page,
            `/api/indicators/evaluation?year=2025&regionOrgId=${regions[0].id}`,
          );
          const rolled = evaluation.rows.find((r) => r.basis === 'rolled_up');
          expect(rolled, 'the demo rolls one 2025 figure up from its townships').toBeTruthy();
          const tag = ctx!.page.getByTestId(`evaluation-row-${rolled!.indicator.code}`).getByTestId('rolled-up');
          await expect(tag.textContent()).resolves.toBe(`汇总${rolled!.rolledUpFrom}个镇街`);
          await expect(
            ctx!.page.getByTestId(`evaluation-row-${rolled!.indicator.code}`).getByTestId('evaluation-value').textContent(),
          ).resolves.toBe(formatIndicatorValue(rolled!.value, rolled!.indicator));
          if (!phone) {
            // The 两纲 report of the mid-term as a Word document.
            const [dl] = await Promise.all([ctx!.page.waitForEvent('download'), ctx!.page.getByTestId('report-button').click()]);
            expect(dl.suggestedFilename()).toMatch(/\.docx$/);
            expect(fs.statSync((await dl.path())!).size).toBeGreaterThan(0);
          }
        }
        if (testId.startsWith('evaluation-table')) {
          // The table below the chart: areas spanning their rows, the rolled-up tag, the status colours.
          await ctx!.page.getByTestId(testId).scrollIntoViewIfNeeded();
          await snap(e, ctx!.page, `${name}-table${phone ? '-phone' : ''}`);
        }
        if (phone) expect(await overflow(ctx!.page), `${url} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
      }
      // The statistician's edit drawer with a server-checked field.
      await ctx?.context.close();
      ctx = await newPage(e, { phone });
      await e.login(ctx.page, 'statistician');
      await ctx.page.goto('/indicators');
      await ctx.page.getByTestId('edit-indicator').first().click();
      await ctx.page.getByTestId('indicator-form').waitFor();
      await snap(e, ctx.page, `indicators-edit${phone ? '-phone' : ''}`);
      await ctx.context.close();
    }
  });

  it('keeps the menu to what each role may do', async () => {
    const { page, context } = await newPage(e);
    await e.login(page, 'liaison');
    await page.getByRole('menuitem', { name: '数据填报' }).waitFor();
    await expect(page.getByRole('menuitem', { name: '数据审核' }).count()).resolves.toBe(0);
    await context.close();
    const chair = await newPage(e);
    await e.login(chair.page, 'niufo');
    await chair.page.getByRole('menuitem', { name: '工作台' }).waitFor();
    await expect(chair.page.getByRole('menuitem', { name: '数据填报' }).count()).resolves.toBe(0);
    await expect(chair.page.getByRole('menuitem', { name: '监测评估' }).count()).resolves.toBe(0);
    await chair.context.close();
  });
});
