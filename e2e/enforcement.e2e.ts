import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { usccCheckChar } from '@zhichan/shared';
import { readDocx } from '../apps/server/src/lib/docx/docx-inspect';
import { firstStaffLogin, launchBrowser, newContext, openMenu, screenshots } from './helpers/browser';
import { tinyPng } from './helpers/files';
import { startServer, type ServerHandle } from './helpers/server';

/**
 * Issue 4's journey: a real-name 举报 (trademark) filed on the portal against a shop in 岱岳区 is dispatched by the city's
 * intake (cityip) to 岱岳区市场监督管理局, signed and verified there (county2), approved for filing by the head (county2head,
 * who also tells the reporter), registered as a case with two certified handlers (county2 + county2b), concluded, passed
 * by 法制审核 (cityip), noticed (行政处罚告知 + 告知书), the party waives 陈述申辩 and 听证 in writing, the head decides a fine
 * within 商标法 第六十条, the 行政处罚决定书 is generated and served directly, the decision is published (county2head, 总局令
 * 第45号), and the reporter sees 分派 → 核查 → 立案 → 处理决定 by receipt number while the portal lists the decision.
 *
 * Every step goes through the screens a civil servant uses (menus, tabs, buttons, modals); each staff user logs in with the
 * demo password and changes it at the first login.
 */
const REPORTER = { name: '李建国', phone: '13905381234', idNo: '370902198803150013' };
const RESPONDENT = '泰安岱岳恒昌商贸有限公司';
const USCC_17 = '91370911MA3C24680';
const RESPONDENT_USCC = USCC_17 + usccCheckChar(USCC_17)!;
const LEGAL_REP = '王某某';
/** The officer writes the 案由 as a case is named (the lead's title is a report's subject line). */
const CASE_TITLE = '泰安岱岳恒昌商贸有限公司销售侵犯注册商标专用权商品案';
const COUNTY = '岱岳区市场监督管理局';
/** 商标法 第六十条第二款: turnover under 5 万元 → a fine of up to 25 万元. */
const TURNOVER = 30_000;
const FINE = 60_000;
const NEW_PASSWORD = 'Zc#2026-enforce';
const VIEWPORT = { fullPage: false };

describe('enforcement: a portal report dispatched, verified, filed, decided, served and published', () => {
  let server: ServerHandle;
  let browser: Browser;
  const take = screenshots('h-enforcement');
  /** A full-page shot starts at the top (a scrolled page would draw the fixed header and menu halfway down). */
  const shot = async (page: Page, step: string, opts: { fullPage?: boolean } = {}) => {
    if (opts.fullPage !== false) await page.evaluate(() => window.scrollTo(0, 0));
    await take(page, step, opts);
  };
  /** The page of the step that runs now: the one a failure screenshot shows. */
  let current: Page | undefined;
  const staffPages = new Map<string, Page>();
  let visitor: Page;

  let receiptNo = '';
  let lookupCode = '';
  let leadUrl = '';
  let caseUrl = '';
  let caseNo = '';
  let decisionDocNo = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    visitor = await (await newContext(browser, server.url)).newPage();
  });

  afterAll(async () => {
    try {
      await browser?.close();
      await server?.stop();
    } finally {
      if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
    }
  });

  /** The steps build on each other: after a failure the later ones are skipped (their errors would only be noise). */
  let broken = false;
  beforeEach((t) => {
    if (broken) t.skip();
  });
  afterEach(async (t) => {
    if (t.task.result?.state !== 'fail') return;
    broken = true;
    if (current && !current.isClosed()) await shot(current, 'FAILED').catch(() => {});
  });

  /** The staff user's own browser (own cookies): logged in once, with the forced password change. */
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

  /** The primary (OK) button of the modal holding the form with this test id. */
  const modalOk = (page: Page, formTestId: string): Locator =>
    page.locator('.ant-modal', { has: page.getByTestId(formTestId) }).locator('.ant-modal-footer .ant-btn-primary');

  /**
   * Submits the modal and waits until it is gone (the server accepted it). A click that did not register (seen once in CI:
   * the modal stayed open, filled in, with no request and no message) is repeated; a click during a request is not,
   * because the OK button is then in its loading state (confirmLoading), which also keeps a second request from leaving.
   */
  async function submitModal(page: Page, formTestId: string): Promise<void> {
    const ok = modalOk(page, formTestId);
    const form = page.getByTestId(formTestId);
    for (let attempt = 0; ; attempt++) {
      await ok.click();
      try {
        await form.waitFor({ state: 'detached', timeout: attempt < 2 ? 6_000 : 20_000 });
        return;
      } catch (err) {
        if (attempt >= 2) throw err;
        if ((await ok.getAttribute('class'))?.includes('ant-btn-loading')) {
          await form.waitFor({ state: 'detached', timeout: 20_000 });
          return;
        }
      }
    }
  }

  /** Picks an option of an antd Select (the open dropdown) by its text. */
  async function pick(page: Page, select: Locator, text: string | RegExp): Promise<void> {
    await select.click();
    // The list of this select (another one may still be fading out): the combobox names it in aria-controls.
    const listId = await select.getByRole('combobox').first().getAttribute('aria-controls');
    const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${listId}"]`) });
    await dropdown.locator('.ant-select-item-option', { hasText: text }).first().click();
  }

  /** 制作文书 → the kind, from the documents panel of the page; resolves with the new row of the list. */
  async function makeDocument(page: Page, label: string): Promise<Locator> {
    const docs = page.getByTestId('documents-panel');
    await docs.getByTestId('documents-generate').click();
    await page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item', { hasText: label }).click();
    const row = docs.locator('.ant-table-tbody tr', { hasText: label }).first();
    await row.waitFor({ timeout: 20_000 });
    return row;
  }

  /** The title line of a lead's or a case's detail page: its number and status tag. */
  const caseHeader = (page: Page) => page.locator('.zc-page-heading h4');
  const leadHeader = caseHeader;

  // ───────────────────────────── 1. portal ─────────────────────────────

  it('1. a visitor files a real-name trademark report against a shop in 岱岳区 and gets a receipt', async () => {
    const page = visitor;
    current = page;
    await page.goto('/');
    await page.locator('.zp-nav').getByRole('link', { name: '我要举报', exact: true }).click();
    const form = page.getByTestId('submission-form');
    await form.waitFor();

    await form.locator('.zs-ip-types label', { hasText: /^商标$/ }).click();
    await form.getByLabel('被举报人名称').fill(RESPONDENT);
    await form.getByLabel('统一社会信用代码').fill(RESPONDENT_USCC);
    await form.locator('[data-step="respondent"] .ant-cascader').click();
    for (const name of ['山东省', '泰安市', '岱岳区']) {
      await page.locator(`.ant-cascader-dropdown .ant-cascader-menu-item[title="${name}"]`).click();
    }
    await form.getByLabel('详细地址').fill('泰安市岱岳区粥店街道长城路 88 号');
    await form.getByRole('button', { name: '下一步' }).click();

    await form.getByLabel('事实与理由').fill('该公司门店销售的“泰山红”牌运动鞋，鞋舌和包装盒使用与“泰山红”注册商标（第 25 类）相同的标识，店内库存约 200 双，售价明显低于正品，涉嫌销售侵犯注册商标专用权的商品。');
    await form.getByTestId('evidence-upload').locator('input[type="file"]').setInputFiles([{ name: '门店照片.png', mimeType: 'image/png', buffer: tinyPng() }]);
    await expect.poll(() => form.locator('.ant-upload-list .ant-upload-list-item').count()).toBe(1);
    await expect.poll(() => form.locator('.ant-upload-list-item-uploading, .ant-upload-list-item-error').count(), { timeout: 20_000 }).toBe(0);
    await form.getByRole('button', { name: '下一步' }).click();

    await form.getByLabel('姓名').fill(REPORTER.name);
    await form.getByLabel('联系电话').fill(REPORTER.phone);
    await form.getByLabel('身份证号码').fill(REPORTER.idNo);
    await form.locator('[data-step="identity"] .zs-consents label', { hasText: /^不同意$/ }).first().click();
    await form.getByRole('button', { name: '下一步' }).click();

    const review = page.getByTestId('submission-review');
    await review.waitFor();
    expect(await review.innerText()).toContain('岱岳区');
    await page.getByTestId('pledge').check();
    await shot(page, 'portal-report-review', VIEWPORT);
    await page.getByTestId('submit-button').click();

    await page.getByTestId('receipt-no').waitFor();
    receiptNo = (await page.getByTestId('receipt-no').innerText()).trim();
    lookupCode = (await page.getByTestId('lookup-code').innerText()).trim();
    expect(receiptNo).toMatch(/^ZC-\d{4}-370900-\d{6}$/);
    await shot(page, 'portal-receipt');
  });

  // ───────────────────────────── 2. city intake ─────────────────────────────

  it('2. cityip classifies the report in 统一受理 and dispatches it to the suggested 岱岳区 bureau', async () => {
    expect(receiptNo).not.toBe('');
    const page = await as('cityip');
    await openMenu(page, '统一受理');
    const row = page.getByTestId(`queue-row-${receiptNo}`);
    await row.waitFor();
    await row.locator('.zq-receipt', { hasText: receiptNo }).click();
    const drawer = page.getByTestId('submission-drawer');
    await drawer.waitFor();

    // 登记分类 comes first when the submission is only 登记 (received).
    await expect.poll(async () => (await drawer.getByTestId('action-register').count()) + (await drawer.getByTestId('action-dispatch').count())).toBeGreaterThan(0);
    if ((await drawer.getByTestId('action-dispatch').count()) === 0) {
      await drawer.getByTestId('action-register').click();
      const form = page.getByTestId('register-form');
      await form.waitFor();
      await form.getByLabel('类别').fill('商标侵权');
      // Leave the suggestions (Escape would close the modal).
      await page.keyboard.press('Tab');
      await submitModal(page, 'register-form');
    }

    await drawer.getByTestId('action-dispatch').click();
    const form = page.getByTestId('dispatch-form');
    await form.waitFor();
    // The county of the respondent's region is preselected and marked 建议.
    const unit = form.locator('.ant-select').first();
    await expect.poll(() => unit.innerText(), { timeout: 15_000 }).toContain(COUNTY);
    expect(await unit.innerText()).toContain('建议');
    expect(await page.locator('.ant-modal', { has: form }).innerText()).toContain('岱岳区');
    await form.getByLabel('分派说明（内部）').fill('请依法核查，按期反馈。');
    await shot(page, 'cityip-dispatch');
    await submitModal(page, 'dispatch-form');
    await expect.poll(() => drawer.innerText()).toContain('已分派');
    await shot(page, 'cityip-dispatched');
    await page.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
  });

  // ───────────────────────────── 3. county officer: sign and verify ─────────────────────────────

  it('3. county2 signs the lead, verifies it and proposes 立案', async () => {
    const page = await as('county2');
    await openMenu(page, '线索办理');
    const list = page.getByTestId('lead-list');
    const row = list.locator('tr', { hasText: RESPONDENT });
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain('待签收');
    await shot(page, 'county2-leads-pending-sign');
    await row.first().locator('.zl-no').click();
    await page.getByTestId('lead-detail-no').waitFor();
    leadUrl = page.url();
    const body = await page.locator('.zc-page').innerText();
    expect(body).toContain(RESPONDENT);
    expect(body).toContain('网上诉求');
    // The reporter's identity is masked until 查看 (audited).
    expect(body).not.toContain(REPORTER.phone);
    expect(body).not.toContain(REPORTER.name);

    await page.getByTestId('lead-action-sign').click();
    await submitModal(page, 'lead-action-form-sign');
    await expect.poll(() => leadHeader(page).innerText()).toContain('已签收');

    await page.getByTestId('lead-action-startVerification').click();
    await submitModal(page, 'lead-action-form-startVerification');
    await expect.poll(() => leadHeader(page).innerText()).toContain('核查中');
    // The 15-working-day verification period with its basis (程序规定 第十八条).
    await expect.poll(() => page.getByTestId('lead-deadlines').innerText()).toContain('第十八条');

    await page.getByTestId('lead-action-submitVerification').click();
    const form = page.getByTestId('lead-action-form-submitVerification');
    await form.waitFor();
    await form.locator('label', { hasText: /^属实$/ }).click();
    await form.locator('label', { hasText: /^立案$/ }).click();
    await form.getByLabel('核查情况及意见').fill('经现场检查，该公司门店陈列、销售的运动鞋使用与“泰山红”注册商标相同的标识，经权利人辨认为侵权商品，库存 186 双。建议立案调查。');
    await shot(page, 'county2-verification-result', VIEWPORT);
    await submitModal(page, 'lead-action-form-submitVerification');
    await expect.poll(() => leadHeader(page).innerText()).toContain('待审批');
    // The verification result goes to the head on the 立案审批表 (程序规定 第十八条、第二十条).
    await makeDocument(page, '立案审批表');
    await shot(page, 'county2-lead-pending-approval');
  });

  // ───────────────────────────── 4. county head: approve filing, tell the reporter ─────────────────────────────

  it('4. county2head approves 立案 and tells the real-name reporter', async () => {
    const page = await as('county2head');
    await openMenu(page, '线索办理');
    await page.locator('.ant-tabs-tab', { hasText: /^待审批$/ }).click();
    const row = page.getByTestId('lead-list').locator('tr', { hasText: RESPONDENT });
    await row.first().waitFor();
    await row.first().locator('.zl-no').click();
    await page.getByTestId('lead-detail-no').waitFor();

    await page.getByTestId('lead-action-approveFiling').click();
    const approve = page.getByTestId('lead-action-form-approveFiling');
    await approve.waitFor();
    await approve.getByLabel('审批意见').fill('同意立案。');
    await submitModal(page, 'lead-action-form-approveFiling');
    await expect.poll(() => leadHeader(page).innerText()).toContain('立案已批准待登记');

    // 暂行办法 第三十一条: a real-name reporter is told within 5 working days of the decision.
    await page.getByTestId('lead-action-notifyReporter').click();
    await page.getByTestId('lead-action-form-notifyReporter').waitFor();
    await submitModal(page, 'lead-action-form-notifyReporter');
    await expect.poll(() => page.getByTestId('lead-actions').locator('[data-testid="lead-action-notifyReporter"]').count()).toBe(0);
    const body = await page.locator('.zc-page').innerText();
    expect(body).toContain('负责人决定');
    await shot(page, 'county2head-filing-approved');
  });

  // ───────────────────────────── 5. county officer: register the case ─────────────────────────────

  it('5. county2 registers the case from the lead with two certified handlers and records evidence', async () => {
    const page = await as('county2');
    await page.goto(leadUrl);
    await page.getByTestId('lead-register-case').click();
    const form = page.getByTestId('file-case-form');
    await form.waitFor();
    // Prefilled from the lead: the party, its code and region, the facts; the handlers are chosen.
    await expect.poll(() => form.getByLabel('名称', { exact: true }).inputValue()).toBe(RESPONDENT);
    expect(await form.getByLabel('统一社会信用代码').inputValue()).toBe(RESPONDENT_USCC);
    await form.getByLabel('案由').fill(CASE_TITLE);
    await form.getByLabel('法定代表人（负责人）').fill(LEGAL_REP);
    await form.getByLabel('违法经营额（元）').fill(String(TURNOVER));
    await pick(page, form.getByTestId('lead-handler'), '00000201');
    await pick(page, form.getByTestId('assistant-handlers'), '00000202');
    // Close the multiple select's list (Escape would close the drawer).
    await form.locator('h5', { hasText: '承办人员' }).click();
    await shot(page, 'county2-file-case', VIEWPORT);
    await page.getByTestId('file-case-submit').click();

    await page.getByTestId('case-no').waitFor({ timeout: 20_000 });
    caseUrl = page.url();
    caseNo = (await page.getByTestId('case-no').innerText()).trim();
    // 立案号 of the county bureau (泰岱市监…立〔2026〕N号 or the like).
    expect(caseNo).toMatch(/〔\d{4}〕\d+号$/);
    await expect.poll(() => caseHeader(page).innerText()).toContain('调查中');
    const info = await page.locator('.zc-page').innerText();
    expect(info).toContain(RESPONDENT);
    expect(info).toContain('主办');
    expect(info).toContain('协办');
    expect(info).toContain(CASE_TITLE);
    // The 90 days of 行政处罚法 第六十条 run from the filing, with their basis.
    await page.locator('.ant-tabs-tab', { hasText: /^办理期限$/ }).click();
    await expect.poll(() => page.getByTestId('case-deadlines').innerText()).toContain('第六十条');
    await shot(page, 'county2-case-deadlines');

    // 证据登记 (行政处罚法 第四十六条): a 现场笔录 without a file.
    await page.locator('.ant-tabs-tab', { hasText: /^证据/ }).click();
    await page.getByTestId('add-evidence').click();
    const ev = page.getByTestId('action-form-registerEvidence');
    await ev.waitFor();
    await pick(page, ev.locator('.ant-select').first(), '勘验笔录、现场笔录');
    await ev.getByLabel('证据名称').fill('现场检查笔录');
    await ev.getByLabel('取证人').fill('县级局执法人员');
    await ev.getByLabel('证明事项或说明').fill('当事人经营场所陈列、销售涉嫌侵权运动鞋 186 双');
    await submitModal(page, 'action-form-registerEvidence');
    await expect.poll(() => page.locator('.ant-tabs-tab', { hasText: /^证据/ }).innerText()).toContain('1');
    await page.locator('.ant-tabs-tab', { hasText: /^基本信息$/ }).click();
    await shot(page, 'county2-case-filed');

    // 调查终结 → 法制审核.
    await page.getByTestId('case-action-conclude').click();
    const conclude = page.getByTestId('action-form-conclude');
    await conclude.waitFor();
    await conclude.getByLabel('调查终结报告').fill('经调查，当事人销售侵犯“泰山红”注册商标专用权的运动鞋，违法经营额 30000 元，事实清楚，证据确凿。');
    await conclude.getByLabel('拟处理意见').fill('责令停止侵权，没收侵权商品，并处罚款 60000 元。');
    await submitModal(page, 'action-form-conclude');
    await expect.poll(() => caseHeader(page).innerText()).toContain('待法制审核');
  });

  // ───────────────────────────── 5a. extension with approval ─────────────────────────────

  it('5a. county2 asks for 30 more days for the decision; county2head approves on 延期审批; the case shows it with the reason', async () => {
    const REASON = '需委托商标权利人对 186 双运动鞋逐一辨认，案情复杂';
    const page = await as('county2');
    await page.goto(caseUrl);
    await page.locator('.ant-tabs-tab', { hasText: /^办理期限$/ }).click();
    const deadlines = page.getByTestId('case-deadlines');
    const row = deadlines.locator('tr', { hasText: '作出行政处罚决定' }).first();
    await row.getByTestId('extension-request-button').click();
    const form = page.getByTestId('extension-request-form');
    await form.waitFor();
    // 程序规定: the first extension is at most 30 days, by the head's approval (prefilled with the maximum).
    expect(await form.locator('input.ant-input-number-input').inputValue()).toBe('30');
    await form.getByLabel('延期理由').fill(REASON);
    await submitModal(page, 'extension-request-form');
    await row.getByTestId('extension-pending').waitFor();

    const head = await as('county2head');
    await openMenu(head, '延期审批');
    const pending = head.getByTestId('extension-requests-pending');
    const req = pending.locator('tr', { hasText: REASON }).first();
    await req.waitFor();
    await shot(head, 'county2head-extension-pending');
    await req.getByRole('button', { name: '批准', exact: true }).click();
    await head.getByTestId('extension-decision-form').waitFor();
    await submitModal(head, 'extension-decision-form');
    await expect.poll(() => pending.locator('tr', { hasText: REASON }).count()).toBe(0);

    await page.goto(caseUrl);
    await page.locator('.ant-tabs-tab', { hasText: /^办理期限$/ }).click();
    const history = page.getByTestId('extension-history');
    await history.waitFor();
    const h = await history.innerText();
    expect(h).toContain(REASON);
    expect(h).toContain('30');
    await shot(page, 'county2-case-extended');
  });

  // ───────────────────────────── 6. legal review ─────────────────────────────

  it('6. cityip passes the 法制审核', async () => {
    expect(caseNo).not.toBe('');
    const page = await as('cityip');
    await openMenu(page, '案件办理');
    await page.locator('.ant-tabs-tab', { hasText: /^待审核$/ }).click();
    const row = page.getByTestId('case-list').locator('tr', { hasText: caseNo });
    await row.first().waitFor();
    await row.first().getByRole('button', { name: /办\s*理/ }).click();
    await page.getByTestId('case-no').waitFor();
    await page.getByTestId('case-action-passReview').click();
    const form = page.getByTestId('action-form-passReview');
    await form.waitFor();
    await form.getByLabel('审核意见').fill('事实清楚，证据确凿，适用依据正确，程序合法，处罚幅度适当，同意。');
    await submitModal(page, 'action-form-passReview');
    await expect.poll(() => caseHeader(page).innerText()).toContain('待告知');
    await shot(page, 'cityip-legal-review-passed');
  });

  // ───────────────────────────── 7. notice, statement waived ─────────────────────────────

  it('7. county2 gives the 行政处罚告知 with its 告知书 and records the written waiver of 陈述申辩 and 听证', async () => {
    const page = await as('county2');
    await page.goto(caseUrl);
    await page.getByTestId('case-action-notify').click();
    const form = page.getByTestId('action-form-notify');
    await form.waitFor();
    await form.locator('.ant-checkbox-wrapper', { hasText: /^责令停止侵权$/ }).click();
    await form.locator('.ant-checkbox-wrapper', { hasText: /^没收、销毁侵权商品和工具$/ }).click();
    // The turnover was recorded at filing: the statutory cap (商标法 第六十条) is shown as the fine is typed.
    await expect.poll(() => form.getByLabel('违法经营额（元）').inputValue()).toMatch(/^30,?000(\.00)?$/);
    await form.getByTestId('fine-amount').fill(String(FINE));
    await form.getByLabel('拟作出的行政处罚内容及事实、理由、依据').fill('责令立即停止侵权行为，没收、销毁侵权运动鞋 186 双，并处罚款 60000 元。');
    await expect.poll(() => form.getByTestId('penalty-check').innerText()).toContain('符合法定处罚幅度');
    await shot(page, 'county2-notify', VIEWPORT);
    await submitModal(page, 'action-form-notify');
    await expect.poll(() => caseHeader(page).innerText()).toContain('陈述申辩期');

    // 行政处罚告知书 from the 文书 tab.
    await page.locator('.ant-tabs-tab', { hasText: /^文书$/ }).click();
    const notice = await makeDocument(page, '行政处罚告知书');
    expect(await notice.innerText()).toMatch(/告〔\d{4}〕\d+号/);
    await shot(page, 'county2-notice-document');

    // 陈述申辩: the party states it has no objection and waives the hearing in writing (第六十四条).
    await page.getByTestId('case-action-recordStatement').click();
    const st = page.getByTestId('action-form-recordStatement');
    await st.waitFor();
    await st.getByLabel('陈述申辩内容').fill('当事人对拟作出的行政处罚无异议，不提出陈述、申辩，并书面表示放弃听证。');
    await st.locator('.ant-checkbox-wrapper', { hasText: '书面表示放弃听证' }).click();
    await submitModal(page, 'action-form-recordStatement');
    await expect.poll(() => page.locator('.zc-page').innerText()).toContain('可以作出决定');
  });

  // ───────────────────────────── 8. decision ─────────────────────────────

  it('8. county2head decides the fine (商标法 第六十条)', async () => {
    const page = await as('county2head');
    await openMenu(page, '案件办理');
    await page.locator('.ant-tabs-tab', { hasText: /^待决定$/ }).click();
    const row = page.getByTestId('case-list').locator('tr', { hasText: caseNo });
    await row.first().waitFor();
    await row.first().getByRole('button', { name: /办\s*理/ }).click();
    await page.getByTestId('case-no').waitFor();
    await page.getByTestId('case-action-decide').click();
    const form = page.getByTestId('action-form-decide');
    await form.waitFor();
    // The proposal of the 告知 is prefilled; the head confirms it.
    await expect.poll(() => form.getByTestId('fine-amount').inputValue()).toMatch(/^60,?000(\.00)?$/);
    await expect.poll(() => form.getByTestId('penalty-check').innerText()).toContain('符合法定处罚幅度');
    await shot(page, 'county2head-decide', VIEWPORT);
    await submitModal(page, 'action-form-decide');
    await expect.poll(() => caseHeader(page).innerText()).toContain('待送达');
    const info = await page.locator('.zc-page').innerText();
    expect(info).toContain('给予行政处罚');
    expect(info).toContain('¥60,000.00');
  });

  // ───────────────────────────── 9. decision document and service ─────────────────────────────

  it('9. county2 generates the 行政处罚决定书 and serves it directly today', async () => {
    const page = await as('county2');
    await page.goto(caseUrl);
    await page.getByTestId('case-no').waitFor();
    await page.locator('.ant-tabs-tab', { hasText: /^文书$/ }).click();
    const decisionRow = await makeDocument(page, '行政处罚决定书');
    decisionDocNo = (await decisionRow.locator('td').nth(1).innerText()).trim();
    expect(decisionDocNo).toMatch(/罚〔\d{4}〕\d+号$/);
    await shot(page, 'county2-decision-document');
    // The .docx as the officer downloads it to print: the number, the party, the fine and its statutory basis.
    const [download] = await Promise.all([page.waitForEvent('download'), decisionRow.getByTestId('document-download').click()]);
    const docx = await readDocx(fs.readFileSync(await download.path()));
    for (const s of [decisionDocNo, RESPONDENT, RESPONDENT_USCC, '¥60,000.00', '第六十条', '十五日']) expect(docx.text).toContain(s);

    await page.getByTestId('case-action-serve').click();
    const form = page.getByTestId('action-form-serve');
    await form.waitFor();
    expect(await form.locator('.ant-select').first().innerText()).toContain('直接送达');
    expect(await form.getByLabel('受送达人').inputValue()).toBe(RESPONDENT);
    await submitModal(page, 'action-form-serve');
    // A fine to pay: 执行中, due 15 days after service (行政处罚法 第六十七条).
    await expect.poll(() => caseHeader(page).innerText()).toContain('执行中');
    // The 送达 register has the record, and the 送达回证 is made from it.
    await page.locator('.ant-tabs-tab', { hasText: /^送达$/ }).click();
    const service = page.getByTestId('service-panel');
    await expect.poll(() => service.innerText()).toContain('直接送达');
    expect(await service.innerText()).toContain(decisionDocNo);
    // WORKAROUND: the case page keeps the 文书 tab's list of makeable kinds from before the 送达 (CaseDetailPage does not
    // pass the case's version to DocumentsPanel as refreshKey): reload the page, as an officer would press F5.
    await page.reload();
    await page.locator('.ant-tabs-tab', { hasText: /^文书$/ }).click();
    const docs = page.getByTestId('documents-panel');
    await docs.getByTestId('documents-generate').click();
    await page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item', { hasText: '送达回证' }).click();
    const receiptModal = page.locator('.ant-modal', { hasText: '制作送达回证' });
    await pick(page, receiptModal.locator('.ant-select'), '直接送达');
    await receiptModal.locator('.ant-modal-footer .ant-btn-primary').click();
    await docs.locator('.ant-table-tbody tr', { hasText: '送达回证' }).first().waitFor({ timeout: 20_000 });
    await shot(page, 'county2-service-receipt');
    await page.locator('.ant-tabs-tab', { hasText: /^办理期限$/ }).click();
    await shot(page, 'county2-deadlines-after-service');
    await page.locator('.ant-tabs-tab', { hasText: /^办理记录$/ }).click();
    await shot(page, 'county2-case-timeline');
    await page.locator('.ant-tabs-tab', { hasText: /^基本信息$/ }).click();
    const info = await page.locator('.zc-page').innerText();
    expect(info).toContain(decisionDocNo);
    await shot(page, 'county2-served');
  });

  // ───────────────────────────── 10. publication ─────────────────────────────

  it('10. county2head publishes the decision (行政处罚信息公示)', async () => {
    const page = await as('county2head');
    await openMenu(page, '处罚信息公示');
    const candidates = page.getByTestId('publication-candidates');
    const row = candidates.locator('tr', { hasText: caseNo });
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain(decisionDocNo);
    await shot(page, 'county2head-publication-candidates');
    await row.first().getByTestId('publication-publish').click();
    const body = page.getByTestId('publication-body');
    await body.waitFor();
    const text = await body.inputValue();
    expect(text).toContain(RESPONDENT);
    // No reporter's data in the published text.
    expect(text).not.toContain(REPORTER.name);
    expect(text).not.toContain(REPORTER.phone);
    await shot(page, 'county2head-publish-preview', VIEWPORT);
    await page.getByTestId('publication-confirm').click();
    await expect.poll(() => candidates.locator('tr', { hasText: caseNo }).count(), { timeout: 20_000 }).toBe(0);
    await page.locator('.ant-tabs-tab', { hasText: /^公示中$/ }).click();
    await page.getByTestId('publication-list').locator('tr', { hasText: decisionDocNo }).first().waitFor();
    await shot(page, 'county2head-published');
  });

  // ───────────────────────────── 11. the reporter and the public ─────────────────────────────

  it('11. the reporter sees 分派, 核查, 立案 and the decision by receipt number; the portal lists the published decision', async () => {
    const page = visitor;
    current = page;
    const nav = (label: string) => page.locator('.zp-nav').getByRole('link', { name: label, exact: true }).click();
    await nav('进度查询');
    const lookup = page.getByTestId('lookup-form');
    await lookup.waitFor();
    await lookup.getByLabel('受理编号').fill(receiptNo);
    await lookup.getByLabel('查询码').fill(lookupCode);
    await page.getByTestId('lookup-button').click();
    const timeline = page.getByTestId('progress-timeline');
    await timeline.waitFor();
    await expect.poll(() => timeline.innerText()).toContain('处理决定');
    // The steps in order (the last title is the next step, greyed).
    const titles = await timeline.locator('.zs-timeline-title').allInnerTexts();
    const order = ['登记', '分派', '签收', '核查', '立案', '处理决定'].map((t) => titles.indexOf(t));
    expect(order.every((i) => i >= 0), titles.join(' / ')).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const steps = await timeline.innerText();
    expect(steps).toContain(COUNTY);
    expect(steps).toContain('已依法作出行政处罚决定');
    // The verification is over: the next step is what follows the decision, not 核查 any more.
    expect(titles.at(-1)).not.toContain('核查');
    // Nothing internal reaches the reporter: no internal notes, no officers.
    expect(steps).not.toContain('请依法核查，按期反馈');
    expect(steps).not.toContain('县级局执法人员');
    await shot(page, 'portal-progress');

    await nav('处罚公示');
    const list = page.getByTestId('penalty-list');
    await list.waitFor();
    const item = list.locator('.zpp-item', { hasText: RESPONDENT });
    await item.first().waitFor();
    const itemText = await item.first().innerText();
    expect(itemText).toContain(decisionDocNo);
    expect(itemText).toContain('商标');
    await shot(page, 'portal-penalties');
    await item.first().locator('.zpp-item-title').click();
    const detail = page.getByTestId('penalty-detail');
    await detail.waitFor();
    const d = await detail.innerText();
    expect(d).toContain(decisionDocNo);
    expect(d).toContain(RESPONDENT);
    expect(d).toContain(COUNTY);
    expect(d).not.toContain(REPORTER.name);
    await shot(page, 'portal-penalty-detail');
  });

  // ───────────────────────────── 12. the supervisors ─────────────────────────────

  it('12. the leader sees the open case in 督办中心 under 岱岳区 and the figures in 执法统计', async () => {
    const page = await as('leader');
    await openMenu(page, '督办中心');
    const units = page.getByTestId('supervision-units');
    await units.waitFor();
    await expect.poll(() => units.innerText()).toContain('岱岳区');
    const items = page.getByTestId('supervision-items');
    // Served with a fine due: the case is still open (执行中) and listed with its next due date.
    await expect.poll(() => items.innerText(), { timeout: 20_000 }).toContain(caseNo);
    await shot(page, 'leader-supervision');

    await openMenu(page, '执法统计');
    const table = page.getByTestId('statistics-table');
    await table.waitFor();
    const row = table.locator('tr', { hasText: '岱岳区' }).first();
    await row.waitFor();
    // One case filed; 60,000 元 of fines = 6 万元.
    await expect.poll(() => row.innerText()).toMatch(/6(\.0+)?/);
    expect(await table.innerText()).toContain('合计');
    await shot(page, 'leader-statistics');
  });
});
