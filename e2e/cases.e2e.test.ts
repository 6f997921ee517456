import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_BROWSER, startE2E, type E2E, chooseOption } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

const YEAR = new Date().getFullYear();

/** A screenshot once antd's animations have settled. */
async function snap(e: E2E, page: Page, name: string) {
  await page.waitForTimeout(450);
  await e.screenshot(page, name);
}

async function statValue(page: Page, ref: string): Promise<string> {
  await page.goto(`/cases-stats`);
  const value = page.getByTestId(`stat-value-${ref}`);
  await value.waitFor();
  return (await value.textContent())!.replace(/[^\d.%]/g, '');
}

/** Calls the API as the signed-in page (with the session's CSRF token), for setup the journey does not cover. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
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

/** A page like the harness's, in the users' time zone (date pickers default to the local day, as in China). */
async function newPage(e: E2E, opts: { phone?: boolean } = {}) {
  const context = await e.browser.newContext({
    baseURL: e.baseUrl,
    viewport: opts.phone ? { width: 390, height: 844 } : { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    isMobile: !!opts.phone,
    hasTouch: !!opts.phone,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

describe.runIf(HAS_BROWSER)('rights casework in Chromium', () => {
  let e: E2E;
  let caseId = '';
  let caseNo = '';
  let before = { received: 0, closed: 0 };

  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e?.close());

  it('registers a phone petition, refers it to 东城派出所, the police answer, it closes, and the figures move', async () => {
    const { page, context } = await newPage(e);
    await e.login(page, 'rights');
    // A letter received 20 days ago that nobody accepted: it shows on the overdue board.
    const residence = (await apiAs(page, 'GET', '/api/org/units?q=东兴社区')).json[0].id;
    const late = new Date(Date.now() - 20 * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    const overdue = await apiAs(page, 'POST', '/api/cases', {
      channel: 'letter',
      receivedDate: late,
      category: 'property',
      summary: '来信反映土地征收补偿款分配问题',
      applicant: { name: '来信人', gender: 'female', residenceOrgId: residence },
    });
    expect(overdue.status).toBe(201);

    before = { received: Number(await statValue(page, 'cases.received')), closed: Number(await statValue(page, 'cases.closed')) };
    expect(before.received).toBeGreaterThanOrEqual(79);
    await snap(e, page, 'cases-stats');

    // The phone intake: channel and date preset; a name, phone, category and one line.
    await page.goto('/cases-new');
    const form = page.getByTestId('new-case-form');
    await form.getByTestId('person-name').fill('刘春燕');
    await form.getByTestId('person-phone').fill('13900139000');
    // 居住地 starts empty (never the federation's own office): she lives in 东兴社区.
    const residenceSelect = form.getByLabel('居住地（村、社区）', { exact: true });
    expect(await residenceSelect.inputValue()).toBe('');
    expect(await form.locator('.ant-form-item', { hasText: '居住地' }).locator('.ant-select-selection-item').count()).toBe(0);
    await chooseOption(page, residenceSelect, '东兴社区', { type: '东兴社区' });
    await form.getByTestId('category').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '家庭暴力' }).click();
    await form.getByTestId('risk-card').waitFor();
    await form.getByTestId('summary').fill('来电反映丈夫酒后殴打，请求帮助');
    await page.getByTestId('risk-card').getByText('对方曾扬言要杀死她或孩子').click();
    await page.getByTestId('risk-card').getByTestId('risk-tag').getByText('高风险').waitFor();
    await snap(e, page, 'cases-new');
    await form.getByTestId('submit-case').click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseId = page.url().split('/').pop()!;
    caseNo = (await page.getByTestId('case-no').textContent())!;
    expect(caseNo).toMatch(new RegExp(`^${YEAR}-\\d{4}$`));
    await page.getByTestId('applicant-phone').getByText('139****9000').waitFor();

    // Accept, then refer to 东城派出所: no consent covers it yet, so the dialog records hers (who, for what, how
    // given) and sends both at once.
    await page.getByTestId('do-accept').click();
    await page
      .locator('.ant-modal:visible')
      .getByRole('button', { name: /受\s*理/ })
      .click();
    await page.getByTestId('do-accept').waitFor({ state: 'detached' });
    await page.getByTestId('refer').click();
    const refer = page.locator('.ant-modal:visible');
    await chooseOption(page, refer.getByLabel('接收机构', { exact: true }), '东城派出所', { type: '东城派出所' });
    await refer.getByTestId('consent-missing').waitFor();
    await refer.getByTestId('service-requested').fill('请对施暴人出具告诫书并加强巡查');
    // The day it was sent is a field of its own (a referral of the past keeps its day): today by default.
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    expect(await refer.getByLabel('转介日期', { exact: true }).inputValue()).toBe(today);
    // Sending before the consent is filled in is stopped in the dialog, at the field, without a request.
    await refer.getByRole('button', { name: /发送转介/ }).click();
    await refer.getByText('请写明同意的用途').waitFor();
    expect(await refer.getByLabel('同意人（本人或监护人）').inputValue()).toBe('刘春燕');
    await refer.getByTestId('consent-purpose').fill('由派出所出具家庭暴力告诫书');
    await refer.getByText('口头（已录音/记录）').click();
    await snap(e, page, 'cases-referral-dialog');
    await refer.getByRole('button', { name: /发送转介/ }).click();
    await page
      .locator('.ant-modal:visible')
      .waitFor({ state: 'detached' })
      .catch(async (err) => {
        await e.screenshot(page, 'debug-referral');
        throw err;
      });
    await page.getByTestId('timeline').getByText('转介 东城派出所').waitFor();
    await page.getByText('东城派出所：由派出所出具家庭暴力告诫书').waitFor();
    // The same day's history in the order it happened: 受理, 开始办理 (started by the referral), then 转介.
    const history = (await page.getByTestId('timeline').textContent())!;
    const at = (x: string) => history.indexOf(x);
    expect(at('受理 → 已受理')).toBeGreaterThan(-1);
    expect(at('受理 → 已受理')).toBeLessThan(at('开始办理'));
    expect(at('开始办理')).toBeLessThan(at('转介 东城派出所'));
    await snap(e, page, 'cases-detail');
    await e.logout(page);

    // The police: only their referrals, only what they need.
    await e.login(page, 'police');
    await page.goto('/agency');
    const row = page.getByTestId('inbox-table').getByRole('row', { name: /请对施暴人出具告诫书/ });
    await row.waitFor();
    await snap(e, page, 'cases-agency-inbox');
    await row.getByRole('link').click();
    await page.getByTestId('agency-referral').getByText('13900139000').waitFor();
    expect(await page.getByTestId('agency-referral').textContent()).not.toContain('殴打');
    await snap(e, page, 'cases-agency-referral');
    await page.getByTestId('respond-panel').getByLabel('接收意见（转介接收单）').fill('已接收，指定民警办理');
    await page.getByTestId('respond-submit').click();
    await page.getByTestId('agency-referral').getByText('已接收办理中').waitFor();
    await page.getByTestId('outcome-text').fill('已对施暴人出具家庭暴力告诫书，通知社区回访');
    await page.getByTestId('respond-submit').click();
    await page.getByTestId('agency-referral').getByText('已办结').waitFor();
    expect(await page.evaluate(async (id) => (await fetch(`/api/cases/${id}`)).status, caseId)).toBe(403);
    await e.logout(page);

    // Back at the federation: the answer is on the timeline; close the case.
    await e.login(page, 'rights');
    await page.goto(`/cases/${caseId}`);
    await page.getByTestId('timeline').getByText('已对施暴人出具家庭暴力告诫书').first().waitFor();
    await page.getByTestId('do-close').click();
    const close = page.locator('.ant-modal:visible');
    await chooseOption(page, close.getByTestId('close-outcome'), '转介办理解决');
    await close.getByTestId('close-reply').fill('派出所已出具告诫书，家暴已制止，已书面答复当事人');
    await close.getByRole('button', { name: /办\s*结/ }).click();
    await page
      .locator('.ant-modal:visible')
      .waitFor({ state: 'detached' })
      .catch(async (err) => {
        await e.screenshot(page, 'debug-close');
        throw err;
      });
    await page.getByTestId('do-close').waitFor({ state: 'detached' });
    await page
      .getByText(/办结日期/)
      .first()
      .waitFor();
    await snap(e, page, 'cases-detail-closed');

    const after = { received: Number(await statValue(page, 'cases.received')), closed: Number(await statValue(page, 'cases.closed')) };
    expect(after.received).toBe(before.received + 1);
    expect(after.closed).toBe(before.closed + 1);
    await context.close();
  });

  it('prints the 转介函 whose QR link lets an agency without an account answer once', async () => {
    const { page, context } = await newPage(e);
    await e.login(page, 'rights');
    const residence = (await apiAs(page, 'GET', '/api/org/units?q=大山村')).json[0].id;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const c = (
      await apiAs(page, 'POST', '/api/cases', {
        channel: 'visit',
        receivedDate: today,
        category: 'labour',
        summary: '怀孕后被辞退',
        applicant: { name: '王秀英', gender: 'female', phone: '13700137000', residenceOrgId: residence },
      })
    ).json;
    await apiAs(page, 'POST', `/api/cases/${c.id}/accept`, { date: today });
    const legalAid = (await apiAs(page, 'GET', '/api/org/units?q=区法律援助中心')).json[0].id;
    const k = (
      await apiAs(page, 'POST', `/api/cases/${c.id}/consents`, {
        agencyOrgId: legalAid,
        purpose: '法律援助',
        givenBy: '王秀英',
        givenDate: today,
        method: 'written',
      })
    ).json;
    const dueDate = new Date(Date.now() + 15 * 86400_000).toISOString().slice(0, 10);
    const ref = (
      await apiAs(page, 'POST', `/api/cases/${c.id}/referrals`, {
        agencyOrgId: legalAid,
        serviceRequested: '请为当事人提供劳动争议法律援助',
        dueDate,
        consentId: k.id,
      })
    ).json;

    await page.goto(`/print/cases/${c.id}`);
    await page.getByTestId('print-sheet').getByText('信访登记表').waitFor();
    // The printed form says what the case page says of the referral.
    await page.getByTestId('print-sheet').getByText('转介：区法律援助中心（已发送待接收）').waitFor();
    await snap(e, page, 'cases-print-form');
    await page.goto(`/print/referrals/${ref.id}`);
    await page.getByTestId('letter-qr').waitFor();
    await snap(e, page, 'cases-print-letter');
    const text = (await page.getByTestId('letter-sheet').textContent())!;
    // The letter names the agency, the service asked for and its due date, and carries the link.
    expect(text).toContain('区法律援助中心');
    expect(text).toContain('请为当事人提供劳动争议法律援助');
    const url = /http:\/\/[^\s）]+\/r\/[A-Za-z0-9_-]{43}/.exec(text)?.[0];
    expect(url).toBeDefined();

    // Another browser, no account: the link opens that referral alone.
    const anon = await newPage(e, { phone: true });
    await anon.page.goto(url!);
    await anon.page.getByTestId('agency-referral').getByText('请为当事人提供劳动争议法律援助').waitFor();
    await snap(e, anon.page, 'cases-public-link-phone');
    await anon.page.getByLabel('经办人姓名').fill('钱律师');
    await anon.page.getByTestId('respond-submit').click();
    await anon.page.getByTestId('agency-referral').getByText('已接收办理中').waitFor();
    await anon.page.getByTestId('outcome-text').fill('已指派律师代理劳动仲裁');
    await anon.page.getByLabel('经办人姓名').fill('钱律师');
    await anon.page.getByTestId('respond-submit').click();
    await anon.page.getByText('已答复，谢谢！本链接至此失效。').waitFor();
    await anon.page.reload();
    await anon.page.getByText('链接无效、已过期或已使用').waitFor();
    expect(await anon.page.getByTestId('agency-referral').count()).toBe(0);
    await anon.context.close();
    // The answer reached the case: the referral is done, with the agency's outcome.
    const after = (await apiAs(page, 'GET', `/api/cases/${c.id}`)).json as {
      referrals: { id: string; status: string; outcome: string | null }[];
    };
    expect(after.referrals.find((r) => r.id === ref.id)).toMatchObject({ status: 'done', outcome: '已指派律师代理劳动仲裁' });
    await context.close();
  });

  it('shows every page at 1366×768 and on a phone', async () => {
    for (const phone of [false, true]) {
      const suffix = phone ? '-phone' : '';
      const { page, context } = await newPage(e, { phone });
      await e.login(page, 'rights');
      await page.goto('/cases?view=all');
      await page.getByText(caseNo).first().waitFor();
      expect(await page.getByText('加载失败').count()).toBe(0);
      await snap(e, page, `cases-list${suffix}`);
      await page.goto(`/cases/${caseId}`);
      await page.getByTestId('timeline').waitFor();
      expect(await page.getByText(caseNo).count()).toBeGreaterThan(0);
      await snap(e, page, `cases-detail${suffix}`);
      await page.goto('/cases-new');
      await page.getByTestId('new-case-form').waitFor();
      await snap(e, page, `cases-new${suffix}`);
      await page.goto('/cases-overdue');
      await page.getByText('来信反映土地征收补偿款分配问题').first().waitFor();
      await snap(e, page, `cases-overdue${suffix}`);
      await page.goto('/cases-stats');
      await page.getByTestId('stat-cases.closureRate').waitFor();
      expect(await page.getByTestId('stat-cases.closureRate').textContent()).toMatch(/\d+(\.\d+)?\s*%/);
      await page.waitForTimeout(600);
      await snap(e, page, `cases-stats${suffix}`);
      await page.goto('/people');
      // The registry lists by name, 20 a page, and the demo's job seekers (placement) fill its first pages: search.
      await page.getByTestId('people-search').fill('刘春燕');
      await page.getByText('刘春燕').first().waitFor();
      await snap(e, page, `people-list${suffix}`);
      await page.getByText('刘春燕').first().click();
      await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
      await page.getByText(caseNo).waitFor();
      await page.getByTestId('reveal-person').click();
      await page.getByTestId('person-id').waitFor();
      // Revealed: no masked value left on the page.
      expect(await page.getByTestId('person-id').textContent()).not.toContain('*');
      await snap(e, page, `people-detail${suffix}`);
      await e.logout(page);
      await e.login(page, 'police');
      await page.goto('/agency');
      await page.getByTestId('inbox-filter').getByText('全部').click();
      await page.getByText('请对施暴人出具告诫书').first().waitFor();
      // An agency sees only what was sent to it: no other agency's referral.
      expect(await page.getByText('请为当事人提供劳动争议法律援助').count()).toBe(0);
      await snap(e, page, `cases-agency-inbox${suffix}`);
      await e.logout(page);
      await e.login(page, 'secadmin');
      await page.goto('/settings/holidays');
      await page.getByText('国庆节').first().waitFor();
      await snap(e, page, `cases-holidays${suffix}`);
      await page.goto('/settings/casework');
      await page.getByText('留守妇女').first().waitFor();
      expect(await page.getByText('加载失败').count()).toBe(0);
      await snap(e, page, `cases-settings${suffix}`);
      await context.close();
    }
  }, 180_000); // every page, desktop and phone: more than the default 60 s on a busy machine
});
