import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_BROWSER, startE2E, type E2E } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
/** Calls the API as the signed-in page (with the session's CSRF token): the colleague's edit made elsewhere. */
async function apiAs(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; json: Json }> {
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

/** Saves the open dialog and returns the PATCH's answer. */
async function save(page: Page, path: RegExp, button: string) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'PATCH' && path.test(new URL(r.url()).pathname)),
    page
      .locator('.ant-modal')
      .getByRole('button', { name: new RegExp(button.split('').join('\\s*')) })
      .click(),
  ]);
  return res;
}

/**
 * Two people edit the same case and the same person: the second save, made on what she saw before the first,
 * is refused (412) with who changed it; she reloads, sees the colleague's change, and then saves her own.
 */
describe.runIf(HAS_BROWSER)('lost updates refused in the browser', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e?.close());

  it('a case edited by a colleague meanwhile: 412 naming her, reload, then the edit saves', async () => {
    const { page, context } = await e.newPage();
    page.setDefaultTimeout(30_000);
    await e.login(page, 'rights');
    const { page: other, context: otherContext } = await e.newPage();
    other.setDefaultTimeout(30_000);
    // The colleague: the same office's account in another browser (the demo district has one rights officer).
    await e.login(other, 'rights');

    const residence = (await apiAs(page, 'GET', '/api/org/units?q=东兴社区')).json[0].id;
    const created = await apiAs(page, 'POST', '/api/cases', {
      channel: 'visit',
      receivedDate: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
      category: 'marriage_family',
      summary: '来访反映家庭纠纷',
      applicant: { name: '潘会芬', gender: 'female', residenceOrgId: residence },
    });
    expect(created.status).toBe(201);
    const caseId = created.json.id as string;

    await page.goto(`/cases/${caseId}`);
    await page.getByTestId('more-actions').click();
    await page.getByRole('menuitem', { name: '修改登记信息' }).click();
    const dialog = page.getByTestId('case-edit');
    await dialog.getByTestId('edit-summary').fill('来访反映家庭纠纷，要求调解');

    // Meanwhile the summary of the same case is changed in the other window.
    const theirs = await apiAs(other, 'PATCH', `/api/cases/${caseId}`, { summary: '另一窗口修改的摘要' });
    expect(theirs.status).toBe(200);

    const stale = await save(page, /^\/api\/cases\/[^/]+$/, '保存');
    expect(stale.status()).toBe(412);
    expect(stale.request().headers()['if-match']).toBe('"1"');
    const staleTitle = page.locator('.ant-modal-confirm-title', { hasText: '记录已被他人修改' });
    await staleTitle.waitFor();
    await expect(page.locator('.ant-modal-confirm').textContent()).resolves.toMatch(/该事项已被李敏（维权干事）于 .+ 修改（在您打开之后）/);
    await page.waitForTimeout(450); // antd's zoom-in settles
    await e.screenshot(page, 'case-edit-stale');
    await page.getByRole('button', { name: '重新加载' }).click();
    await staleTitle.waitFor({ state: 'detached' });
    // Reloaded: the other window's summary is on the page, nothing of the refused edit was written.
    await page.getByText('另一窗口修改的摘要').waitFor();

    await page.getByTestId('more-actions').click();
    await page.getByRole('menuitem', { name: '修改登记信息' }).click();
    await expect(page.getByTestId('edit-summary').inputValue()).resolves.toBe('另一窗口修改的摘要');
    await page.getByTestId('edit-summary').fill('来访反映家庭纠纷，要求调解');
    const ok = await save(page, /^\/api\/cases\/[^/]+$/, '保存');
    expect(ok.status()).toBe(200);
    expect(ok.request().headers()['if-match']).toBe('"2"');
    await page.getByText('来访反映家庭纠纷，要求调解').waitFor();
    expect((await apiAs(page, 'GET', `/api/cases/${caseId}`)).json.summary).toBe('来访反映家庭纠纷，要求调解');

    // The applicant's record, edited by two people in the same way.
    const personId = created.json.applicantId ?? (await apiAs(page, 'GET', `/api/cases/${caseId}`)).json.applicant.id;
    await page.goto(`/people/${personId}`);
    await page.getByTestId('edit-person').click();
    await page.getByTestId('edit-person-ethnicity').fill('彝族');
    expect((await apiAs(other, 'PATCH', `/api/people/${personId}`, { ethnicity: '汉族' })).status).toBe(200);
    const stalePerson = await save(page, /^\/api\/people\/[^/]+$/, '保存');
    expect(stalePerson.status()).toBe(412);
    await expect(page.locator('.ant-modal-confirm').textContent()).resolves.toMatch(/该人员档案已被李敏（维权干事）于 .+ 修改/);
    await page.waitForTimeout(450);
    await e.screenshot(page, 'person-edit-stale');
    await page.getByRole('button', { name: '重新加载' }).click();
    await page.getByTestId('person-edit').waitFor({ state: 'detached' });
    await page.getByText('汉族').waitFor();
    await page.getByTestId('edit-person').click();
    await expect(page.getByTestId('edit-person-ethnicity').inputValue()).resolves.toBe('汉族');
    await page.getByTestId('edit-person-ethnicity').fill('彝族');
    const okPerson = await save(page, /^\/api\/people\/[^/]+$/, '保存');
    expect(okPerson.status()).toBe(200);
    await page.getByTestId('person-edit').waitFor({ state: 'detached' });
    expect((await apiAs(page, 'GET', `/api/people/${personId}`)).json.ethnicity).toBe('彝族');
    await e.screenshot(page, 'person-edited');
    await context.close();
    await otherContext.close();
  }, 240_000);
});
