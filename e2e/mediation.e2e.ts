import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { usccCheckChar } from '@zhichan/shared';
import { readDocx } from '../apps/server/src/lib/docx/docx-inspect';
import { firstStaffLogin, launchBrowser, newContext, screenshots } from './helpers/browser';
import { chinaToday, dueAfter } from './helpers/dates';
import { startServer, type ServerHandle } from './helpers/server';

/**
 * Issue 6's mediation journey (诉调对接): 泰山区人民法院 delegates a patent-infringement dispute before filing (委派调解,
 * 特邀调解规定 第二十七条: 30 days from the day the materials are signed for). cityip first records in 调解员专家库 that
 * 李某华 has an interest in the respondent, registers the court's case, accepts it with 张某明 (linked to the `mediator`
 * account) presiding — 李某华 is shown but cannot be picked (回避) —, records a session, registers a written agreement
 * (compensation) effective today, makes the 调解协议书, sees the 30-day window for judicial confirmation (人民调解法 第三十三条),
 * records the joint application and the court's ruling 确认有效, tells the court the result and closes the case. The
 * `mediator` account then finds the mediation in its own list.
 */
const COURT = '泰安市泰山区人民法院';
const COURT_CASE_NO = '（2026）鲁0902民诉前调1234号';
const APPLICANT = '泰安泰山精工机械有限公司';
const APPLICANT_USCC = uscc('91370902MA3N13579');
const RESPONDENT = '泰安市岱岳区华信五金制品有限公司';
const RESPONDENT_USCC = uscc('91370911MA3P24681');
const SUBJECT = '泰安泰山精工机械有限公司与泰安市岱岳区华信五金制品有限公司侵害实用新型专利权纠纷';
const CONFLICTED = '李某华';
const CHIEF = '张某明';
const AMOUNT = 80_000;
const RULING_CASE_NO = '（2026）鲁0902民特56号';
const NEW_PASSWORD = 'Zc#2026-mediate';
const VIEWPORT = { fullPage: false };

function uscc(first17: string): string {
  return first17 + usccCheckChar(first17)!;
}

describe('mediation: a court-delegated patent dispute ends in an agreement confirmed by the court', () => {
  let server: ServerHandle;
  let browser: Browser;
  const take = screenshots('i6-mediation');
  const shot = async (page: Page, step: string, opts: { fullPage?: boolean } = {}) => {
    if (opts.fullPage !== false) await page.evaluate(() => window.scrollTo(0, 0));
    await take(page, step, opts);
  };
  let current: Page | undefined;
  const staffPages = new Map<string, Page>();
  const today = chinaToday();

  let mediationUrl = '';
  let mediationNo = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    try {
      await browser?.close();
      await server?.stop();
    } finally {
      if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
    }
  });

  let broken = false;
  beforeEach((t) => {
    if (broken) t.skip();
  });
  afterEach(async (t) => {
    if (t.task.result?.state !== 'fail') return;
    broken = true;
    if (current && !current.isClosed()) await shot(current, 'FAILED').catch(() => {});
  });

  async function as(username: string): Promise<Page> {
    let page = staffPages.get(username);
    if (!page) {
      page = await (await newContext(browser, server.url)).newPage();
      current = page;
      await firstStaffLogin(page, username, NEW_PASSWORD);
      staffPages.set(username, page);
    }
    current = page;
    return page;
  }

  /** A page of the 裁决与调解 menu group (the group may be folded when another group's page is open). */
  async function openDisputeMenu(page: Page, label: string): Promise<void> {
    const link = page.locator('.zc-sider .ant-menu').getByRole('link', { name: label, exact: true });
    if (!(await link.isVisible())) await page.locator('.zc-sider .ant-menu-submenu-title', { hasText: '裁决与调解' }).click();
    await link.click();
  }

  const modalOk = (page: Page, formTestId: string): Locator =>
    page.locator('.ant-modal', { has: page.getByTestId(formTestId) }).locator('.ant-modal-footer .ant-btn-primary');

  async function submitModal(page: Page, formTestId: string): Promise<void> {
    await modalOk(page, formTestId).click();
    await page.getByTestId(formTestId).waitFor({ state: 'detached', timeout: 20_000 });
  }

  /** Types a date into an antd DatePicker (found by its label) and confirms it. */
  async function setDate(page: Page, scope: Locator, label: string, iso: string): Promise<void> {
    const input = scope.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(iso);
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toBe(iso);
  }

  const header = (page: Page) => page.locator('.zc-page-heading h4');
  const tab = (page: Page, label: RegExp) => page.locator('.ant-tabs-tab', { hasText: label }).click();

  // ───────────────────────────── 1. 回避 declared in the pool ─────────────────────────────

  it('1. cityip records in 调解员专家库 that 李某华 has an interest in the respondent', async () => {
    const page = await as('cityip');
    await openDisputeMenu(page, '调解员专家库');
    const list = page.getByTestId('mediator-list');
    const row = list.locator('tr.ant-table-row', { hasText: CONFLICTED }).first();
    await row.waitFor();
    // The demo pool is marked as such; 张某明 is linked to the `mediator` account.
    expect(await list.innerText()).toContain('示例');
    expect(await list.locator('tr.ant-table-row', { hasText: CHIEF }).first().innerText()).toContain('账号：调解员');
    await shot(page, 'cityip-mediator-pool');

    await row.locator('.ant-table-row-expand-icon').click();
    const add = page.locator('[data-testid^="conflict-add-"]').first();
    await add.click();
    const expanded = page.locator('.ant-table-expanded-row', { has: page.locator('[data-testid^="conflicts-"]') }).first();
    await expanded.getByPlaceholder('单位或个人名称').fill(RESPONDENT);
    await expanded.getByPlaceholder('统一社会信用代码（选填）').fill(RESPONDENT_USCC);
    await expanded.getByPlaceholder(/^关系/).fill('曾任该公司技术顾问');
    await expanded.getByRole('button', { name: /^保\s*存$/ }).click();
    await expect.poll(() => expanded.locator('.ant-table-tbody').innerText()).toContain(RESPONDENT);
    expect(await expanded.innerText()).toContain(RESPONDENT_USCC);
    await expect.poll(() => row.innerText()).toContain('1 条');
    await shot(page, 'cityip-conflict-declared');
  });

  // ───────────────────────────── 2. court-delegated registration ─────────────────────────────

  it('2. cityip registers the court-delegated mediation; the 30-day court period is shown with its due date', async () => {
    const page = await as('cityip');
    await openDisputeMenu(page, '纠纷调解');
    await page.getByTestId('mediation-register').click();
    const form = page.getByTestId('mediation-register-form');
    await form.waitFor();
    await form.locator('label.ant-radio-button-wrapper', { hasText: '法院委派（诉前）' }).click();
    await form.getByLabel('人民法院').fill(COURT);
    await form.getByLabel('法院案号').fill(COURT_CASE_NO);
    await setDate(page, form, '签收材料日期', today);
    expect(await form.getByLabel('收到委派（委托）日期').inputValue()).toBe(today);
    await form.getByLabel('纠纷事由').fill(SUBJECT);
    await form.getByLabel('调解请求').fill(
      '申请人系“一种数控机床用快速夹紧装置”实用新型专利（ZL202220123456.7）的专利权人。被申请人未经许可制造、销售落入该专利权利要求 1 保护范围的夹紧装置。申请人请求被申请人停止侵权并赔偿经济损失 100000 元。',
    );
    await form.getByLabel('请求金额（元）').fill('100000');

    const applicant = page.getByTestId('party-applicant-0');
    await applicant.getByLabel('单位名称').fill(APPLICANT);
    await applicant.getByLabel('统一社会信用代码').fill(APPLICANT_USCC);
    await applicant.getByLabel('住所地').fill('泰安市泰山区泰山大街 188 号');
    const respondent = page.getByTestId('party-respondent-0');
    await respondent.getByLabel('单位名称').fill(RESPONDENT);
    await respondent.getByLabel('统一社会信用代码').fill(RESPONDENT_USCC);
    await respondent.getByLabel('住所地').fill('泰安市岱岳区天平街道工业园 6 号');
    await shot(page, 'cityip-register-court-delegated', VIEWPORT);
    await page.getByTestId('mediation-register-submit').click();

    await page.getByTestId('mediation-no').waitFor();
    mediationUrl = page.url();
    mediationNo = (await page.getByTestId('mediation-no').innerText()).trim();
    expect(mediationNo).toMatch(/知调〔\d{4}〕\d+号$/);
    expect(await header(page).innerText()).toContain('待受理');

    // 特邀调解规定 第二十七条: 30 days from the day the materials were signed for.
    const due = dueAfter(today, 30, 'calendarDays');
    const box = page.getByTestId('court-box');
    const b = await box.innerText();
    expect(b).toContain(COURT);
    expect(b).toContain(COURT_CASE_NO);
    expect(b).toContain(due);
    expect(b).toContain('第二十七条');
    expect(b).toContain('尚未反馈');
    await tab(page, /^办理期限$/);
    const deadlines = page.getByTestId('mediation-deadlines');
    const row = deadlines.locator('tr', { hasText: '委派调解' }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain(due);
    await shot(page, 'cityip-mediation-registered');
  });

  // ───────────────────────────── 3. accept: the conflicted mediator cannot be picked ─────────────────────────────

  it('3. cityip accepts it with 张某明 presiding; 李某华 is listed but disabled for 回避', async () => {
    const page = await as('cityip');
    await page.goto(mediationUrl);
    await page.getByTestId('mediation-action-accept').click();
    const form = page.getByTestId('action-form-accept');
    await form.waitFor();
    const picker = form.getByTestId('mediator-picker');
    const conflicted = picker.locator('tr.ant-table-row', { hasText: CONFLICTED }).first();
    await conflicted.waitFor();
    // Listed, greyed, its checkbox disabled, with the reason.
    expect(await conflicted.locator('input[type="checkbox"]').isDisabled()).toBe(true);
    expect(await conflicted.innerText()).toMatch(/回避|利害关系/);
    expect(await picker.innerText()).toContain('应当回避');
    const chief = picker.locator('tr.ant-table-row', { hasText: CHIEF }).first();
    expect(await chief.locator('input[type="checkbox"]').isDisabled()).toBe(false);
    await chief.locator('input[type="checkbox"]').check();
    // The first one picked presides.
    await expect.poll(() => chief.locator('.ant-radio-wrapper-checked, .ant-radio-checked').count()).toBeGreaterThan(0);
    await form.getByLabel('说明').fill('双方当事人均同意调解，被申请人于当日电话确认。');
    await shot(page, 'cityip-accept-picker', VIEWPORT);
    await submitModal(page, 'action-form-accept');
    await expect.poll(() => header(page).innerText()).toContain('调解中');
    expect(await page.locator('.zc-page').innerText()).toContain(`主持调解员：${CHIEF}`);
  });

  // ───────────────────────────── 4. session, agreement, document ─────────────────────────────

  it('4. cityip records a session and the written agreement (compensation, effective today); the 30-day window is shown', async () => {
    const page = await as('cityip');
    await page.getByTestId('mediation-action-recordSession').click();
    const session = page.getByTestId('action-form-recordSession');
    await session.waitFor();
    expect(await session.getByLabel('参加人').inputValue()).toContain(CHIEF);
    await session.getByLabel('参加人').fill(`${CHIEF}（主持调解员）、申请人委托代理人王某、被申请人法定代表人刘某`);
    await session.getByLabel('调解地点').fill('泰安市知识产权纠纷人民调解委员会调解室');
    await session.getByLabel('调解笔录').fill(
      '双方确认被申请人自 2026 年 3 月起制造、销售涉案夹紧装置约 400 套。经调解员释明专利侵权的法律后果，被申请人同意停止制造、销售并赔偿申请人经济损失 80000 元，申请人同意放弃其余请求。',
    );
    await submitModal(page, 'action-form-recordSession');
    await tab(page, /^调解员与调解记录/);
    await expect.poll(() => page.getByTestId('mediation-sessions').innerText()).toContain('调解委员会调解室');
    await shot(page, 'cityip-session-recorded');

    await page.getByTestId('mediation-action-reachAgreement').click();
    const agreement = page.getByTestId('action-form-reachAgreement');
    await agreement.waitFor();
    expect(await agreement.getByLabel('协议生效日期').inputValue()).toBe(today);
    await agreement.locator('.ant-checkbox-wrapper', { hasText: /^支付赔偿金$/ }).click();
    await agreement.locator('.ant-checkbox-wrapper', { hasText: /^停止侵权$/ }).click();
    await agreement.getByLabel('协议内容').fill(
      '一、被申请人自本协议生效之日起立即停止制造、销售侵害申请人 ZL202220123456.7 号实用新型专利权的夹紧装置，并销毁库存产品。\n二、被申请人于 2026 年 12 月 31 日前一次性支付申请人经济损失 80000 元。\n三、申请人放弃其他请求，不再就本纠纷向人民法院起诉。',
    );
    await agreement.getByLabel('协议金额（元）').fill(String(AMOUNT));
    await setDate(page, agreement, '履行期限', '2026-12-31');
    await shot(page, 'cityip-agreement-form', VIEWPORT);
    await submitModal(page, 'action-form-reachAgreement');
    await expect.poll(() => header(page).innerText()).toContain('协议已生效');

    // 人民调解法 第三十三条: the joint application within 30 days of the agreement taking effect.
    const windowDue = dueAfter(today, 30, 'calendarDays');
    await tab(page, /^协议与司法确认$/);
    const conf = page.getByTestId('mediation-confirmation');
    await conf.waitFor();
    const c = await conf.innerText();
    expect(c).toContain(windowDue);
    expect(c).toContain('第三十三条');
    expect(c).toContain('尚未申请');
    const a = await page.getByTestId('mediation-agreement').innerText();
    expect(a).toContain('¥80,000.00');
    expect(a).toContain('支付赔偿金');
    await shot(page, 'cityip-agreement-window');
  });

  it('5. cityip makes the 调解协议书 (.docx with the mediation number, the parties and the sum)', async () => {
    const page = await as('cityip');
    await tab(page, /^文书$/);
    const docs = page.getByTestId('documents-panel');
    await docs.getByTestId('documents-generate').click();
    await page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item', { hasText: '调解协议书' }).click();
    const row = docs.locator('.ant-table-tbody tr', { hasText: '调解协议书' }).first();
    await row.waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toContain(mediationNo);
    await shot(page, 'cityip-agreement-document');
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('document-download').click()]);
    const docx = await readDocx(fs.readFileSync(await download.path()));
    for (const s of [mediationNo, APPLICANT, RESPONDENT, '80000']) expect(docx.text.replace(/,/g, '')).toContain(s);
  });

  // ───────────────────────────── 6. judicial confirmation, court feedback, closing ─────────────────────────────

  it('6. cityip records the joint application for judicial confirmation and the ruling 确认有效', async () => {
    const page = await as('cityip');
    await page.getByTestId('mediation-action-applyConfirmation').click();
    const apply = page.getByTestId('action-form-applyConfirmation');
    await apply.waitFor();
    // 委派调解: to the court that delegated it (prefilled).
    expect(await apply.getByLabel('受理申请的人民法院').inputValue()).toBe(COURT);
    await shot(page, 'cityip-apply-confirmation', VIEWPORT);
    await submitModal(page, 'action-form-applyConfirmation');
    await expect.poll(() => header(page).innerText()).toContain('司法确认中');

    await page.getByTestId('mediation-action-recordRuling').click();
    const ruling = page.getByTestId('action-form-recordRuling');
    await ruling.waitFor();
    await ruling.getByLabel('司法确认案号').fill(RULING_CASE_NO);
    await submitModal(page, 'action-form-recordRuling');
    await expect.poll(() => header(page).innerText()).toContain('已司法确认');
    await tab(page, /^协议与司法确认$/);
    const c = await page.getByTestId('mediation-confirmation').innerText();
    expect(c).toContain('裁定调解协议有效');
    expect(c).toContain(RULING_CASE_NO);
    expect(c).toContain(COURT);
    await shot(page, 'cityip-confirmed');
  });

  it('7. cityip tells the court the result and closes the mediation', async () => {
    const page = await as('cityip');
    // A court case cannot be closed before the court is told (the 结案 button comes after 反馈).
    expect(await page.getByTestId('court-box').innerText()).toContain('尚未反馈');
    await page.getByTestId('mediation-action-informCourt').click();
    const inform = page.getByTestId('action-form-informCourt');
    await inform.waitFor();
    expect(await page.locator('.ant-modal', { has: inform }).innerText()).toContain(COURT);
    await inform.getByLabel('反馈内容').fill('双方达成调解协议并经司法确认，已将调解协议书、调解笔录移送法院。');
    await submitModal(page, 'action-form-informCourt');
    await expect.poll(() => page.getByTestId('court-box').innerText()).toContain('已反馈');

    await page.getByTestId('mediation-action-close').click();
    await page.getByTestId('action-form-close').waitFor();
    await submitModal(page, 'action-form-close');
    await expect.poll(() => header(page).innerText()).toContain('已结案');
    expect(await page.getByTestId('court-box').innerText()).toContain('已办结');
    await tab(page, /^办理记录$/);
    const timeline = await page.locator('.ant-timeline').innerText();
    for (const s of ['登记', '受理并指派调解员', '记录调解', '达成调解协议', '申请司法确认', '登记司法确认裁定', '向法院反馈结果', '结案']) expect(timeline).toContain(s);
    await shot(page, 'cityip-closed-timeline');
    await tab(page, /^基本信息$/);
    await shot(page, 'cityip-closed');
  });

  // ───────────────────────────── 8. the mediator's own list ─────────────────────────────

  it('8. the `mediator` account (张某明) sees the mediation it presided over in its list', async () => {
    const page = await as('mediator');
    await openDisputeMenu(page, '纠纷调解');
    await page.locator('.ant-tabs-tab', { hasText: /^全部$/ }).click();
    const list = page.getByTestId('mediation-list');
    const row = list.locator('tr.ant-table-row', { hasText: mediationNo });
    await row.first().waitFor();
    const r = await row.first().innerText();
    expect(r).toContain('已结案');
    expect(r).toContain(CHIEF);
    // Only the mediations assigned to it: this one.
    expect(await list.locator('tr.ant-table-row').count()).toBe(1);
    await shot(page, 'mediator-list');
    await row.first().locator('a', { hasText: mediationNo }).click();
    await page.getByTestId('mediation-no').waitFor();
    expect(await header(page).innerText()).toContain('已结案');
    await shot(page, 'mediator-detail');
  });

  // ───────────────────────────── 9. the other new screens ─────────────────────────────

  it('9. the statistics page and the portal application page (for the look of them)', async () => {
    const page = await as('cityip');
    await openDisputeMenu(page, '调解统计');
    await page.locator('.zc-page').waitFor();
    await expect.poll(() => page.locator('.zc-page').innerText()).toContain('法院');
    await shot(page, 'cityip-mediation-stats');

    const visitor = await (await newContext(browser, server.url)).newPage();
    current = visitor;
    await visitor.goto('/disputes/mediation');
    await visitor.waitForLoadState('networkidle');
    await shot(visitor, 'portal-mediation-apply');
    await visitor.setViewportSize({ width: 390, height: 844 });
    await shot(visitor, 'portal-mediation-apply-390');
  });
});
