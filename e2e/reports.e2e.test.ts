import fs from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAS_BROWSER, startE2E, type E2E } from './harness.js';

/** Lets a drawer finish sliding in before a screenshot (the screenshot only, never an assertion, waits on time). */
const settle = (page: Page) => page.waitForTimeout(500);

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

describe.runIf(HAS_BROWSER)('annual summary in Chromium', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e?.close());

  it('shows the dashboard and opens the records behind a figure', async () => {
    const { page, context } = await e.newPage();
    await e.login(page, 'statistician');
    await page.goto('/reports/dashboard?year=2026');
    await page.getByTestId('headline-org.townships').waitFor();
    await e.screenshot(page, 'reports-dashboard');

    // A breakdown is shown as its parts, each part a way to its records.
    const byChannel = page.getByTestId('parts-cases.received.byChannel');
    expect(await byChannel.getByTestId('part-visit').textContent()).toBe('来访71 件');
    expect(await byChannel.getByTestId('part-letter').textContent()).toBe('来信7 件');
    const byCategory = page.getByTestId('parts-cases.received.byCategory');
    expect(await byCategory.getByRole('button').count()).toBeGreaterThan(1);
    const byUnit = page.getByTestId('parts-cases.received.byUnit');
    expect(await byUnit.getByRole('button').count()).toBeGreaterThan(1);
    await byChannel.getByTestId('part-letter').click();
    const drawer = page.getByTestId('records-drawer');
    await drawer.getByText('共 7 条').waitFor();
    expect(await page.locator('.ant-drawer-title', { hasText: '来信来访（按渠道） · 来信' }).count()).toBe(1);
    await settle(page);
    await e.screenshot(page, 'reports-dashboard-part-records');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    const unitParts = await byUnit.getByRole('button').allTextContents();
    const unitTotal = unitParts.reduce((sum, x) => sum + Number(/(\d+) 件$/.exec(x)![1]), 0);
    expect(unitTotal).toBe(78);
    await byUnit.getByRole('button', { name: /^示例区妇联/ }).click();
    await drawer.waitFor();
    expect(await drawer.textContent()).not.toMatch(/牛佛镇妇联|东城街道妇联/);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    // Card titles are whole: none is cut off.
    const cut = (await page.evaluate(
      `[...document.querySelectorAll('[data-testid^="headline-"] .ant-typography-secondary')].filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent)`,
    )) as string[];
    expect(cut).toEqual([]);

    // A card's detail opens where the eye is: a drawer over the page, with the 本级 bar so the split adds up.
    await page.getByTestId('headline-cases.received').getByText('接待来信来访').click();
    const detail = page.getByTestId('focus-detail');
    await detail.getByText('逐月趋势（与上年同期）').waitFor();
    const box = await detail.boundingBox();
    expect(box!.y).toBeLessThan(768);
    await detail.locator('canvas').first().waitFor();
    await settle(page);
    await e.screenshot(page, 'reports-dashboard-trend');
    await page.locator('.ant-drawer').getByText('表格').click();
    const ownRow = detail.getByRole('row', { name: /示例区妇联本级/ });
    await ownRow.waitFor();
    const split = (await detail.locator('table').last().locator('tbody tr td:last-child').allTextContents()).map(Number);
    expect(split.reduce((a, b) => a + b, 0)).toBe(78);
    await e.screenshot(page, 'reports-dashboard-split-table');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });

    await page.getByTestId('headline-org.townships').getByText('12 个').click();
    await drawer.getByText('牛佛镇').waitFor();
    expect(await drawer.getByText('共 12 条').count()).toBe(1);
    await settle(page);
    await e.screenshot(page, 'reports-dashboard-records');
    await page.keyboard.press('Escape');

    // Templates: the built-in one, copied into an editable template.
    await page.goto('/reports/templates');
    await page
      .getByRole('button', { name: /另存为/ })
      .first()
      .click();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('内置模板（按参考总结结构）（副本）').waitFor();
    await page
      .getByRole('row', { name: /副本/ })
      .getByRole('button', { name: /编\s*辑/ })
      .click();
    await page.getByText('加章节').waitFor();
    await settle(page);
    await e.screenshot(page, 'reports-template-editor');
    await context.close();
  });

  it('generates, edits a paragraph, follows a figure to its records, freezes and downloads the .docx', async () => {
    const { page, context } = await e.newPage();
    await e.login(page, 'statistician');
    await page.goto('/reports/summaries?year=2026');
    await page.getByTestId('generate-summary').click();
    await page.waitForURL(/\/reports\/summaries\/[0-9a-f-]{36}$/);
    const doc = page.getByTestId('summary-document');
    await doc.getByText('示例区妇联2026年工作总结').waitFor();
    await expect(page.getByTestId('summary-status').textContent()).resolves.toBe('草稿');
    await e.screenshot(page, 'reports-summary-draft');
    // A sentence whose figures are all zero is flagged for the writer, quoted under its paragraph.
    await page.getByTestId('zero-notice').waitFor();
    const zero = (await doc.getByTestId('zero-note').first().textContent())!;
    expect(zero).toBe(
      '数据均为0以下语句的数据均为0，请改写或删除：“实施低收入妇女“两癌”救助，确定救助对象0名，发放救助金0元，全部通过银行转账发放。”',
    );

    // Edit the opening paragraph: the words change, the figures stay linked.
    const first = doc.locator('.jg-p').first();
    await first.hover();
    await first.getByRole('button', { name: '编辑段落' }).click();
    const editor = page.getByTestId('paragraph-editor');
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('全区妇联组织全年工作扎实推进。');
    await e.screenshot(page, 'reports-summary-editing');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await doc.getByText('全区妇联组织全年工作扎实推进。', { exact: false }).waitFor();
    // The paragraph shows at once; the status comes with the refetched summary.
    await expect.poll(() => page.getByTestId('summary-status').textContent()).toBe('已编辑');
    expect(await doc.locator('.jg-p').first().locator('a.jg-fig').count()).toBeGreaterThan(0);

    // A figure opens the records it counts.
    await doc.locator('a.jg-fig[data-fact="org.townships"]').first().click();
    const drawer = page.getByTestId('records-drawer');
    await drawer.getByText('王井镇').waitFor();
    await settle(page);
    await e.screenshot(page, 'reports-summary-records');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    // The built-in template's three judgement parts are still prompts: freezing is refused, naming them, and the
    // page leads the writer to each in turn.
    const links = page.getByTestId('placeholder-link');
    expect(await links.allTextContents()).toEqual(['撰写：二、基本经验', '撰写：三、存在问题及原因', '撰写：四、下一步工作思路和打算']);
    await page.getByTestId('freeze').click();
    await page.getByText('尚有3段待撰写内容（二、基本经验；三、存在问题及原因；四、下一步工作思路和打算），请撰写后再定稿').waitFor();
    await editor.waitFor(); // the first prompt is open for writing
    await e.screenshot(page, 'reports-summary-placeholders');
    expect(await page.getByTestId('summary-status').textContent()).toBe('已编辑');
    const words = ['全年工作的基本经验是坚持党建带妇建。', '存在的问题是基层力量薄弱。', '明年继续做好各项工作。'];
    for (const [i, text] of words.entries()) {
      if (i > 0) await links.first().click();
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(text);
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await doc.getByText(text).waitFor();
      await expect.poll(() => links.count()).toBe(words.length - 1 - i);
    }
    await page.getByTestId('placeholder-notice').waitFor({ state: 'detached' });
    expect(await doc.getByText('待撰写').count()).toBe(0);

    await page.getByTestId('freeze').click();
    await page
      .getByRole('button', { name: /^定\s*稿$/ })
      .last()
      .click();
    await page.getByTestId('summary-status').getByText('已定稿').waitFor();
    expect(await page.getByRole('button', { name: '编辑段落' }).count()).toBe(0);
    await e.screenshot(page, 'reports-summary-frozen');

    // A record changes after freezing: the document keeps 12, the page says the figure has moved.
    const admin = await e.newPage();
    await e.login(admin.page, 'sysadmin');
    await admin.page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const roots = (await (await fetch('/api/org/roots')).json()) as { id: string }[];
      const res = await fetch('/api/org/units', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ parentId: roots[0].id, name: '新设镇', kind: 'township', code: '510399112' }),
      });
      if (!res.ok) throw new Error(await res.text());
    });
    await admin.context.close();
    await page.reload();
    await page.getByTestId('moved-notice').getByText('乡镇数：12 → 13').waitFor();
    expect(await doc.locator('a.jg-fig[data-fact="org.townships"]').first().textContent()).toBe('12');
    await e.screenshot(page, 'reports-summary-moved');

    await page.getByTestId('export').hover();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByText('Word 文档（公文格式）').click()]);
    expect(dl.suggestedFilename()).toBe('示例区妇联2026年工作总结.docx');
    const file = await dl.path();
    const zip = await JSZip.loadAsync(fs.readFileSync(file!));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('全区妇联组织全年工作扎实推进。');
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');

    // The print view is the same document on A4.
    const url = page.url();
    const print = await context.newPage();
    await print.goto(`${url.replace('/reports/summaries/', '/api/reports/summaries/')}/export?format=html`);
    await print.getByRole('heading', { name: '示例区妇联2026年工作总结' }).waitFor();
    await e.screenshot(print, 'reports-summary-print');
    await context.close();
  });

  it('works on a phone', async () => {
    const { page, context } = await e.newPage({ phone: true });
    await e.login(page, 'chair');
    await page.goto('/reports/dashboard?year=2026');
    await page.getByTestId('headline-org.townships').waitFor();
    // The page body must not scroll sideways on a phone (wide tables scroll inside their own box).
    const overflow = () => page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;
    expect(await page.getByTestId('headline-org.townships').textContent()).toMatch(/\d/);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await e.screenshot(page, 'reports-dashboard-phone');
    await page.goto('/reports/summaries?year=2026');
    await page.getByRole('link', { name: '示例区妇联' }).click();
    await page.getByTestId('summary-document').waitFor();
    expect(await page.getByTestId('summary-document').textContent()).toContain('示例区妇联2026年工作总结');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await e.screenshot(page, 'reports-summary-phone');
    await context.close();
  });
});
