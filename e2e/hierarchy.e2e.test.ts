import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, HAS_BROWSER, startE2E, type E2E } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

describe.runIf(HAS_BROWSER)('a city installation in Chromium', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E({ top: { level: 'CITY', name: '示例市妇联', code: '510300' } });
  });
  afterAll(() => e?.close());

  it('adds a district federation under the city in 组织机构, then the district its own 区级部门', async () => {
    const { page, context } = await e.newPage();
    page.setDefaultTimeout(30_000);
    await e.login(page, 'sysadmin');
    await page.goto('/org');
    const tree = page.locator('.ant-tree');
    await tree.getByText('示例市妇联').click();
    await page.getByTestId('org-detail').getByText('510300').first().waitFor();
    await page.getByRole('button', { name: '添加下级单位' }).click();
    const dialog = page.locator('.ant-modal:visible');
    // The kinds a city offers: its district federations and 市直部门 (no village directly under a city).
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    // The options a select offers: opened again if its list closed before it could be read (a busy machine).
    const offered = async (select: Locator) => {
      for (let attempt = 1; ; attempt++) {
        if ((await options.count()) === 0) await select.click();
        await options.first().waitFor();
        const texts = await options.allTextContents();
        if (texts.length > 0 || attempt === 5) return texts;
      }
    };
    const labels = await offered(dialog.getByLabel('单位类型', { exact: true }));
    expect(labels).toContain('区（县）妇联');
    expect(labels).toContain('市直部门');
    expect(labels).not.toContain('村');
    await page.keyboard.press('Escape');
    await chooseOption(page, dialog.getByLabel('单位类型', { exact: true }), '区（县）妇联');
    await dialog.getByLabel('名称').fill('自流井区妇联');
    const code = dialog.getByLabel('区划代码');
    // The digits a city's children share (5103), not the whole city code.
    await expect(code.inputValue()).resolves.toBe('5103');
    await code.fill('520302');
    await dialog.getByRole('button', { name: /添\s*加/ }).click();
    await dialog.getByText('代码应以上级单位代码 5103 开头').waitFor();
    await code.fill('510302');
    // The form's own check (the server's rule) accepts it: the server's refusal beside the field goes.
    await dialog.getByText('代码应以上级单位代码 5103 开头').waitFor({ state: 'hidden' });
    await page.waitForTimeout(400);
    await e.screenshot(page, 'org-add-district');
    await dialog.getByRole('button', { name: /添\s*加/ }).click();
    await page.getByTestId('org-detail').getByRole('heading', { name: '自流井区妇联' }).waitFor();
    await tree.getByText('自流井区妇联').waitFor();
    const saved = await page.evaluate(
      async () => (await (await fetch('/api/org/units?q=自流井')).json()) as { code: string; kind: string; level: string; depth: number }[],
    );
    expect(saved).toEqual([expect.objectContaining({ code: '510302', kind: 'federation', level: 'DISTRICT', depth: 1 })]);

    // The district offers townships and 区级部门, and no federation below it.
    await page.getByRole('button', { name: '添加下级单位' }).click();
    const districtLabels = await offered(dialog.getByLabel('单位类型', { exact: true }));
    expect(districtLabels).toContain('乡镇');
    expect(districtLabels).toContain('区级部门');
    expect(districtLabels.some((l) => l.includes('妇联'))).toBe(false);
    await context.close();
  });
});
