import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinParentUnit } from '../packages/server/src/modules/org/org.join.js';
import { newId } from '../packages/server/src/platform/ids.js';
import { systemClock } from '../packages/server/src/platform/clock.js';
import { chooseOption, HAS_BROWSER, startE2E, type E2E } from './harness.js';

if (process.env.CI && !HAS_BROWSER) throw new Error('CI must run the browser tests: install chromium');

/**
 * A petition received at the city is assigned (交办) to the demo district, handled there and reported back (报结); the
 * city sees the result. The demo district joins a city (org join), and the city gets a rights officer.
 */
describe.runIf(HAS_BROWSER)('petitions between levels in Chromium', () => {
  let e: E2E;
  let source = '';
  // Days in Asia/Shanghai (UTC+8, no daylight saving).
  const dayIn = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
  const today = dayIn(0);
  const due = dayIn(10);

  /** A signed-in API session on the running server (for preparing the petition the journey starts from). */
  async function apiSession(username: string) {
    const res = await e.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Jinguo-Demo-2026' } });
    if (res.statusCode !== 200) throw new Error(res.body);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = res.json().csrfToken as string;
    return (method: 'GET' | 'POST', url: string, payload?: unknown) =>
      e.app.inject({ method, url, payload: payload as never, headers: { cookie, 'x-csrf-token': csrf } });
  }

  beforeAll(async () => {
    e = await startE2E();
    await joinParentUnit(e.handle.db, systemClock, { level: 'CITY', name: '示例市妇联', code: '510300' });
    // The city's rights officer (the demo's password, as the demo's accounts have).
    const db = e.handle.db;
    const city = await db.selectFrom('orgUnits').select('id').where('code', '=', '510300').executeTakeFirstOrThrow();
    const rights = await db.selectFrom('users').selectAll().where('username', '=', 'rights').executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    const userId = newId();
    await db
      .insertInto('users')
      .values({
        ...rights,
        id: userId,
        username: 'cityrights',
        displayName: '市妇联维权干事',
        orgUnitId: city.id,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await db
      .insertInto('roleAssignments')
      .values({ id: newId(), userId, role: 'rights_officer', orgUnitId: city.id, createdAt: at, createdBy: null })
      .execute();
    const api = await apiSession('cityrights');
    const village = await db.selectFrom('orgUnits').select('id').where('kind', '=', 'village').executeTakeFirstOrThrow();
    const res = await api('POST', '/api/cases', {
      channel: 'letter',
      receivedDate: today,
      category: 'marriage_family',
      summary: '来信反映区里的婚姻家庭纠纷，请求市妇联督促处理',
      applicant: { name: '市来信人', gender: 'female', residenceOrgId: village.id },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    source = res.json().id;
  });
  afterAll(() => e?.close());

  it('the city assigns it to the district, the district handles it and reports back, the city sees the result', async () => {
    // The city: 交办 to the demo district with instructions and a due date.
    const city = await e.newPage();
    city.page.setDefaultTimeout(30_000);
    await e.login(city.page, 'cityrights');
    await city.page.goto(`/cases/${source}`);
    await city.page.getByTestId('do-handover').click();
    const dialog = city.page.locator('.ant-modal:visible');
    await chooseOption(city.page, dialog.getByLabel('接收单位'), '示例区妇联', { type: '示例区' });
    await dialog.getByLabel('转送/交办意见').fill('请示例区妇联调查核实，于期限内报结');
    await dialog.getByLabel('报结期限').fill(due);
    await dialog.getByLabel('报结期限').press('Enter');
    await dialog.getByText('转送/交办下级妇联').click();
    await city.page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
    await e.screenshot(city.page, 'petitions-assign-dialog');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    const panel = city.page.getByTestId('handover');
    await panel.getByText('已交办下级').waitFor();
    await panel.getByText('示例区妇联').first().waitFor();
    expect(await panel.getByTestId('handover-due').textContent()).toBe(due);
    await e.screenshot(city.page, 'petitions-city-assigned');
    const target = (await (await apiSession('cityrights'))('GET', `/api/cases/${source}`)).json().handoverOut.targetCaseId as string;

    // The district (on a phone): its own case with the city's instructions and due date; it accepts and reports back.
    const district = await e.newPage({ phone: true });
    district.page.setDefaultTimeout(30_000);
    await e.login(district.page, 'rights');
    await district.page.goto(`/cases/${target}`);
    const incoming = district.page.getByTestId('handover');
    await incoming.getByText('上级交办').waitFor();
    expect(await incoming.getByTestId('handover-instructions').textContent()).toBe('请示例区妇联调查核实，于期限内报结');
    expect(await incoming.getByTestId('handover-due').textContent()).toBe(due);
    await e.screenshot(district.page, 'petitions-district-received-390');
    await district.page.getByTestId('do-accept').click();
    await district.page
      .locator('.ant-modal:visible')
      .getByRole('button', { name: /受\s*理/ })
      .click();
    await district.page.getByTestId('do-accept').waitFor({ state: 'detached' });
    await incoming.getByTestId('do-report').click();
    const report = district.page.locator('.ant-modal:visible');
    await report.getByLabel('办理结果').fill('已入户调查核实，调解达成协议，当事人满意');
    await report.getByRole('button', { name: /确\s*定/ }).click();
    await incoming.getByText('已报结').waitFor();
    expect(await incoming.getByTestId('handover-result').textContent()).toBe('已入户调查核实，调解达成协议，当事人满意');
    await district.context.close();

    // The city sees the result on its case.
    await city.page.reload();
    await panel.getByText('已报结').waitFor();
    expect(await panel.getByTestId('handover-result').textContent()).toBe('已入户调查核实，调解达成协议，当事人满意');
    await e.screenshot(city.page, 'petitions-city-result');
    await city.context.close();
  });
});
