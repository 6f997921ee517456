import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, HAS_BROWSER, startE2E, type E2E } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

async function snap(e: E2E, page: Page, name: string) {
  await page.waitForTimeout(400);
  await e.screenshot(page, name);
}
const overflow = (page: Page) => page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;

describe.runIf(HAS_BROWSER)('我的待办 and the approval engine in Chromium', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  }, 240_000);
  afterAll(() => e?.close());

  it('a chair opens 我的待办, approves one extension and returns another, and the list empties', async () => {
    // The rights officer asks to extend two cases accepted today.
    const { page: officer, context: officerContext } = await e.newPage();
    officer.setDefaultTimeout(30_000);
    await e.login(officer, 'rights');
    const village = (await e.handle.db.selectFrom('orgUnits').select('id').where('name', '=', '大山村').executeTakeFirstOrThrow()).id;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const cases: { id: string; caseNo: string; due: string }[] = [];
    for (const [i, reason] of ['需向多个部门调查取证', '当事人住院'].entries()) {
      const made = await apiAs(officer, 'POST', '/api/cases', {
        channel: 'visit',
        receivedDate: today,
        category: 'marriage_family',
        summary: `延期审批演示${i + 1}`,
        applicant: { name: `审批演示申请人${i + 1}`, gender: 'female', residenceOrgId: village },
      });
      expect(made.status).toBe(201);
      const accepted = await apiAs(officer, 'POST', `/api/cases/${made.json.id}/accept`, { date: today });
      expect(accepted.status).toBe(200);
      const asked = await apiAs(officer, 'POST', `/api/cases/${made.json.id}/extend`, { days: 30 - i * 10, reason });
      expect(asked.status).toBe(200);
      expect(asked.json.nextDueDate).toBe(accepted.json.nextDueDate);
      cases.push({ id: made.json.id, caseNo: made.json.caseNo, due: accepted.json.nextDueDate });
    }

    // The case says its extension waits, and offers no second request meanwhile.
    await officer.goto(`/cases/${cases[0].id}`);
    await officer.getByText('延期申请审批中（见“我的待办”）').waitFor();
    await snap(e, officer, 'approvals-case-waiting');

    // The chair: the count in the menu and on the home page, then 我的待办 with both requests.
    const { page, context } = await e.newPage();
    page.setDefaultTimeout(30_000);
    await e.login(page, 'chair');
    await expect.poll(async () => (await page.getByTestId('inbox-count').first().textContent())?.trim()).toBe('2');
    await snap(e, page, 'approvals-home');
    await page.getByRole('menuitem', { name: /我的待办/ }).click();
    await page.waitForURL(/\/inbox$/);
    await expect.poll(() => page.getByTestId('inbox-item').count()).toBe(2);
    await page.getByTestId('inbox-list').getByText(`信访事项${cases[0].caseNo}申请延期30日`).waitFor();
    await snap(e, page, 'approvals-inbox');

    await page.getByTestId('inbox-list').getByText(`信访事项${cases[0].caseNo}申请延期30日`).click();
    await page.waitForURL(/\/approvals\/[0-9a-f-]{36}$/);
    await page.getByTestId('approval-summary').getByText('延长30日：需向多个部门调查取证').waitFor();
    await page.getByTestId('approval-comment').fill('同意延期，请按期办结');
    await snap(e, page, 'approvals-request');
    await page.getByTestId('approve').click();
    await page.getByTestId('approval-status').getByText('已批准').waitFor();
    await page.getByTestId('approval-history').getByText('同意延期，请按期办结').waitFor();
    await snap(e, page, 'approvals-approved');

    await page.getByRole('menuitem', { name: /我的待办/ }).click();
    await expect.poll(() => page.getByTestId('inbox-item').count()).toBe(1);
    await page.getByTestId('inbox-list').getByText(`信访事项${cases[1].caseNo}申请延期20日`).click();
    await page.waitForURL(/\/approvals\/[0-9a-f-]{36}$/);
    // A return without a reason is refused beside the comment field.
    await page.getByTestId('return').click();
    await page.getByText('退回须写明理由').first().waitFor();
    await page.getByTestId('approval-comment').fill('请附住院证明');
    await page.getByTestId('return').click();
    await page.getByTestId('approval-status').getByText('已退回').waitFor();

    await page.getByRole('menuitem', { name: /我的待办/ }).click();
    await page.getByTestId('inbox-empty').waitFor();
    await expect.poll(() => page.getByTestId('inbox-count').count()).toBe(0);
    await snap(e, page, 'approvals-inbox-empty');

    // The first case's deadline moved 30 days; the second's did not, and its timeline says why.
    const first = (await apiAs(officer, 'GET', `/api/cases/${cases[0].id}`)).json;
    const second = (await apiAs(officer, 'GET', `/api/cases/${cases[1].id}`)).json;
    expect(first.extensionDays).toBe(30);
    expect(first.nextDueDate > cases[0].due).toBe(true);
    expect(second).toMatchObject({ extensionDays: null, nextDueDate: cases[1].due });
    expect(second.events.at(-1).reason).toBe('延期申请被退回：请附住院证明，办理期限不变');
    // The rights officer finds the returned request in her own 我的待办.
    await officer.goto('/inbox');
    await officer.getByTestId('inbox-list').getByText('王丽华（主席）退回：请附住院证明').waitFor();
    await snap(e, officer, 'approvals-returned-to-officer');
    await officer.goto(`/cases/${cases[1].id}`);
    await officer.getByText('延期申请已退回，请在审批页修改后重新提交').waitFor();
    await officer.getByText('延期申请被退回：请附住院证明，办理期限不变').waitFor();

    // The settings and deputy pages as the chair sees them.
    await page.goto('/approvals/settings');
    await page.getByTestId('approval-setting-case.extension').getByText('默认（信访工作条例：单位负责人审批）').waitFor();
    await snap(e, page, 'approvals-settings');
    await page.goto('/approvals/deputies');
    await page.getByText('指定代理人').first().waitFor();
    await snap(e, page, 'approvals-deputies');
    await context.close();
    await officerContext.close();
  });

  it('fits a phone: 我的待办 and a request at 390 px', async () => {
    const { page: officer, context: officerContext } = await e.newPage();
    await e.login(officer, 'rights');
    const village = (await e.handle.db.selectFrom('orgUnits').select('id').where('name', '=', '大山村').executeTakeFirstOrThrow()).id;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const made = await apiAs(officer, 'POST', '/api/cases', {
      channel: 'phone',
      receivedDate: today,
      category: 'other',
      summary: '手机端审批',
      applicant: { name: '手机端申请人', gender: 'female', residenceOrgId: village },
    });
    await apiAs(officer, 'POST', `/api/cases/${made.json.id}/accept`, { date: today });
    expect((await apiAs(officer, 'POST', `/api/cases/${made.json.id}/extend`, { days: 15, reason: '需补充材料' })).status).toBe(200);
    await officerContext.close();

    const { page, context } = await e.newPage({ phone: true });
    page.setDefaultTimeout(30_000);
    await e.login(page, 'chair');
    await page.goto('/inbox');
    await page.getByTestId('inbox-item').first().waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await snap(e, page, 'approvals-inbox-phone');
    await page.getByTestId('inbox-item').first().click();
    await page.getByTestId('approval-panel').waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await snap(e, page, 'approvals-request-phone');
    await context.close();
  });
});
