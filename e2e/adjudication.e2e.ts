import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appNoCheckChar, usccCheckChar } from '@zhichan/shared';
import { readDocx } from '../apps/server/src/lib/docx/docx-inspect';
import { firstStaffLogin, launchBrowser, newContext, screenshots } from './helpers/browser';
import { chinaToday, dueAfter } from './helpers/dates';
import { tinyPdf, tinyPng } from './helpers/files';
import { startServer, type ServerHandle } from './helpers/server';

/**
 * Issue 6's adjudication journey (专利侵权纠纷行政裁决, 泰安 pilot): a company registers on the portal and files a request
 * against a maker in 岱岳区 over its utility model (so the 专利权评价报告 is required); cityip files it with a panel of three
 * (one 主审); the respondent cannot be reached and the request copy is served by announcement (民事诉讼法 第九十五条:
 * deemed served 30 days later, the answer period of 15 days running from that day, the announcement period not counted in
 * the 3-month decision period); the announcement is on the portal's 送达公告 page; the respondent answers after reading it,
 * cityip forwards the answer and chooses 书面审理; the leader decides 责令停止侵权; cityip makes the 行政裁决书, serves it
 * on both parties and publishes it with redaction; the public sees it under 裁决公开 and the patentee follows every step
 * in 我的裁决与调解.
 */
const REQUESTER = '泰安鲁岳智能装备有限公司';
const REQUESTER_USCC = uscc('91370902MA3R86420');
const REQUESTER_PHONE = '13953800123';
const PORTAL_USER = 'luyue_ip';
const PORTAL_PASSWORD = 'Luyue#2026ip';
const RESPONDENT = '泰安市岱岳区恒达机械配件厂';
const RESPONDENT_USCC = uscc('92370911MA3T55661');
const PATENT_DIGITS = '202220345678';
const PATENT_NO = `ZL${PATENT_DIGITS}.${appNoCheckChar(PATENT_DIGITS)}`;
const PATENT_TITLE = '一种农用拖拉机悬挂装置的快速挂接机构';
const ANSWER_NOTE = '被请求人看到门户网站送达公告后到局提交答辩书，称其产品挂接钩结构与专利权利要求 1 的锁止块不同。';
const NEW_PASSWORD = 'Zc#2026-adjudge';
const VIEWPORT = { fullPage: false };

function uscc(first17: string): string {
  return first17 + usccCheckChar(first17)!;
}

describe('adjudication: a portal request served by announcement, decided, served and published', () => {
  let server: ServerHandle;
  let browser: Browser;
  const take = screenshots('i6-adjudication');
  const shot = async (page: Page, step: string, opts: { fullPage?: boolean } = {}) => {
    if (opts.fullPage !== false) await page.evaluate(() => window.scrollTo(0, 0));
    await take(page, step, opts);
  };
  let current: Page | undefined;
  const staffPages = new Map<string, Page>();
  /** The patentee's browser (portal session). */
  let patentee: Page;
  /** Anyone on the internet (no session). */
  let visitor: Page;
  const today = chinaToday();

  let requestNo = '';
  let caseUrl = '';
  let caseNo = '';
  let decisionDocNo = '';
  let deemedOn = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    patentee = await (await newContext(browser, server.url)).newPage();
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

  const modalOf = (page: Page, formTestId: string): Locator => page.locator('.ant-modal', { has: page.getByTestId(formTestId) });

  async function submitModal(page: Page, formTestId: string): Promise<void> {
    await modalOf(page, formTestId).locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId(formTestId).waitFor({ state: 'detached', timeout: 20_000 });
  }

  /** Picks an option of an antd Select (its open dropdown) by its text. */
  async function pick(page: Page, select: Locator, text: string | RegExp): Promise<void> {
    const shown = async () => {
      const t = await select.innerText();
      return typeof text === 'string' ? t.includes(text) : text.test(t);
    };
    // The dropdown opens with a motion: a click during it can miss. Retry until the select shows the choice.
    for (let i = 0; i < 3; i++) {
      await select.click();
      const listId = await select.getByRole('combobox').first().getAttribute('aria-controls');
      const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${listId}"]`) });
      const option = dropdown.locator('.ant-select-item-option', { hasText: text }).first();
      await option.waitFor();
      await page.waitForTimeout(250);
      await option.click();
      await page.waitForTimeout(150);
      if (await shown()) return;
      await page.keyboard.press('Escape');
    }
    expect(await shown()).toBe(true);
  }

  const header = (page: Page) => page.locator('.zc-page-heading h4');
  const activePane = (page: Page) => page.locator('[role="tabpanel"][aria-hidden="false"]').first();
  const tab = (page: Page, label: RegExp) => page.locator('.ant-tabs-tab', { hasText: label }).click();
  const action = (page: Page, name: string) => page.getByTestId(`adj-action-${name}`);

  async function openCase(page: Page): Promise<void> {
    if (caseUrl) {
      await page.goto(caseUrl);
    } else {
      await openDisputeMenu(page, '行政裁决');
      const row = page.getByTestId('adjudication-list').locator('tr.ant-table-row', { hasText: requestNo }).first();
      await row.waitFor();
      await row.locator('a', { hasText: requestNo }).click();
    }
    await page.getByTestId('adjudication-no').waitFor();
  }

  // ───────────────────────────── 1. the request on the portal ─────────────────────────────

  it('1. the patentee registers on the portal and files the request (utility model: evaluation report uploaded)', async () => {
    const page = patentee;
    current = page;
    await page.goto('/');
    await page.locator('.zp-nav').getByRole('link', { name: '纠纷处理', exact: true }).click();
    await page.getByTestId('entry-adjudication').waitFor();
    await shot(page, 'portal-disputes-entry');
    await page.getByTestId('go-adjudication').click();

    // Login required: register a company account in the portal's own dialog.
    const gate = page.getByTestId('login-required');
    await gate.waitFor();
    await gate.getByRole('button', { name: /注册账号/ }).click();
    const reg = page.getByTestId('portal-register-form');
    await reg.waitFor();
    await reg.getByLabel('企业名称').fill(REQUESTER);
    await reg.getByLabel('统一社会信用代码').fill(REQUESTER_USCC);
    await reg.getByLabel('手机号').fill(REQUESTER_PHONE);
    await reg.getByLabel('用户名').fill(PORTAL_USER);
    await reg.getByLabel('密码', { exact: true }).fill(PORTAL_PASSWORD);
    await reg.getByLabel('确认密码').fill(PORTAL_PASSWORD);
    await reg.locator('.ant-checkbox-wrapper').click();
    await reg.getByRole('button', { name: /^注\s*册$/ }).click();

    const form = page.getByTestId('adjudication-request-form');
    await form.waitFor();
    // Step 1: 专利信息.
    await form.getByLabel('专利号').fill(PATENT_NO);
    await form.locator('label.ant-radio-button-wrapper', { hasText: /^实用新型$/ }).click();
    await form.getByLabel('专利名称').fill(PATENT_TITLE);
    await form.getByLabel('专利权人').fill(REQUESTER);
    await form.getByTestId('patent-check').waitFor();
    expect(await form.innerText()).toContain('专利权评价报告');
    await shot(page, 'portal-request-patent', VIEWPORT);

    // The form at phone width (390 px), as a patentee on a phone sees it.
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'portal-request-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await form.getByRole('button', { name: /下一步/ }).click();

    // Step 2: 请求人 — prefilled from the account.
    const requester = form.locator('[data-step="requester"]');
    await expect.poll(() => requester.getByLabel('单位名称').inputValue()).toBe(REQUESTER);
    await pick(page, requester.locator('.ant-form-item', { hasText: '请求人身份' }).locator('.ant-select'), '专利权人');
    if (!(await requester.getByLabel('统一社会信用代码').inputValue())) await requester.getByLabel('统一社会信用代码').fill(REQUESTER_USCC);
    await requester.getByLabel('联系电话').fill(REQUESTER_PHONE);
    await requester.getByLabel('送达地址').fill('泰安市泰山区岱宗大街 66 号鲁岳科技园 3 号楼');
    await form.getByRole('button', { name: /下一步/ }).click();

    // Step 3: 被请求人 in 岱岳区.
    const respondent = form.locator('[data-step="respondent"]');
    await respondent.getByLabel('被请求人名称').fill(RESPONDENT);
    await respondent.getByLabel('统一社会信用代码').fill(RESPONDENT_USCC);
    await respondent.locator('.ant-cascader').click();
    for (const name of ['山东省', '泰安市', '岱岳区']) {
      await page.locator(`.ant-cascader-dropdown .ant-cascader-menu-item[title="${name}"]`).click();
    }
    await respondent.getByLabel('住所（送达地址）').fill('泰安市岱岳区满庄镇工业园区 12 号');
    await form.getByRole('button', { name: /下一步/ }).click();

    // Step 4: 请求事项与理由.
    const claims = form.locator('[data-step="claims"]');
    await claims.getByLabel('被控侵权产品或方法').fill('HD-80 型拖拉机悬挂快速挂接器');
    await claims.getByLabel('权利要求与被控侵权技术特征对比').fill(
      '权利要求 1：挂接架、设于挂接架两侧的导向槽、可沿导向槽滑动的锁止块及复位弹簧。\n被控产品：具有挂接架、两侧导向槽、滑动锁止块和复位弹簧，技术特征全部相同。',
    );
    await claims.getByLabel('请求事项').fill('请求责令被请求人立即停止制造、销售侵犯 ' + PATENT_NO + ' 号实用新型专利权的产品，并销毁库存侵权产品及专用模具。');
    await claims.getByLabel('事实与理由').fill('2026 年 10 月，请求人在泰安市农机市场发现被请求人销售 HD-80 型快速挂接器，经购买比对，其技术方案落入涉案专利权利要求 1 的保护范围。');
    await form.getByRole('button', { name: /下一步/ }).click();

    // Step 5: evidence and the evaluation report (required for a utility model), the declarations.
    await form.getByTestId('evidence-upload').locator('input[type="file"]').setInputFiles([
      { name: '购买发票与产品照片.png', mimeType: 'image/png', buffer: tinyPng() },
      { name: '专利证书.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Patent certificate') },
    ]);
    await form.getByTestId('report-upload').locator('input[type="file"]').setInputFiles([
      { name: '专利权评价报告.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Evaluation report') },
    ]);
    await expect.poll(() => form.locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading):not(.ant-upload-list-item-error)').count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => form.locator('.ant-upload-list-item-uploading, .ant-upload-list-item-error').count(), { timeout: 20_000 }).toBe(0);
    await form.getByTestId('no-lawsuit').check();
    await form.getByTestId('pledge').check();
    await shot(page, 'portal-request-files', VIEWPORT);
    await form.getByTestId('submit-adjudication').click();

    await page.getByTestId('request-no').waitFor();
    requestNo = (await page.getByTestId('request-no').innerText()).trim();
    expect(requestNo).toMatch(/^CJ-\d{4}-370900-\d{6}$/);
    // 专利行政执法办法 第十条: the filing decision within 5 working days of receipt.
    expect(await page.getByTestId('expected-filing').innerText()).toContain(fmtLong(dueAfter(today, 5, 'workingDays')));
    await shot(page, 'portal-request-receipt');
  });

  // ───────────────────────────── 2. filing ─────────────────────────────

  it('2. cityip files the request with a panel of three (one 主审); both the statutory date and the 60-day target show', async () => {
    const page = await as('cityip');
    await openCase(page);
    caseUrl = page.url();
    expect(await header(page).innerText()).toContain('待立案审查');
    const info = await page.locator('.zc-page').innerText();
    expect(info).toContain(REQUESTER);
    expect(info).toContain(RESPONDENT);
    expect(info).toContain('专利权评价报告');
    await shot(page, 'cityip-request');

    await action(page, 'file').click();
    const form = page.getByTestId('action-form-file');
    await form.waitFor();
    const members = form.getByTestId('panel-members');
    await members.click();
    const listId = await members.getByRole('combobox').first().getAttribute('aria-controls');
    const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${listId}"]`) });
    const options = dropdown.locator('.ant-select-item-option');
    await options.first().waitFor();
    const labels = await options.allInnerTexts();
    // cityip presides; two more officers make an odd panel of three.
    const chosen = [labels.find((l) => l.includes('市局'))!, ...labels.filter((l) => !l.includes('市局')).slice(0, 2)];
    expect(chosen.every(Boolean)).toBe(true);
    // The dropdown opens with a motion: a click during it can miss. Click each option until its tag shows.
    await page.waitForTimeout(400);
    for (const l of chosen) {
      const name = l.split(' · ')[0];
      const tag = members.locator('.ant-select-selection-item', { hasText: name });
      for (let i = 0; i < 3 && (await tag.count()) === 0; i++) {
        await dropdown.locator('.ant-select-item-option', { hasText: l }).first().click();
        await page.waitForTimeout(200);
      }
      expect(await tag.count()).toBe(1);
    }
    await modalOf(page, 'action-form-file').locator('.ant-modal-title').click();
    // Three members but no 主审 yet: the rule still warns.
    await expect.poll(() => form.getByTestId('panel-rule').innerText()).toContain('主审');
    await pick(page, form.getByTestId('panel-chief'), '市局');
    await expect.poll(() => form.getByTestId('panel-rule').innerText()).toContain('合议组 3 人');
    await form.getByLabel('立案意见').fill('请求符合受理条件，予以立案。');
    await shot(page, 'cityip-file-panel', VIEWPORT);
    await submitModal(page, 'action-form-file');
    await expect.poll(() => header(page).innerText()).toContain('待送达被请求人');
    caseNo = (await page.getByTestId('adjudication-no').innerText()).trim();
    expect(caseNo).not.toBe(requestNo);

    // 专利行政执法办法 第十三条: 3 months from filing; the bureau's pilot target of 60 days beside it.
    expect(await page.getByTestId('decision-due').innerText()).toContain(dueAfter(today, 3, 'months'));
    expect(await page.getByTestId('pilot-target').innerText()).toContain(dueAfter(today, 60, 'calendarDays'));
    const periods = await page.getByTestId('periods').innerText();
    expect(periods).toContain('法定结案期限');
    expect(periods).toContain('本局办结目标');
    await tab(page, /^合议组/);
    expect(await activePane(page).innerText()).toContain('主审');
    await shot(page, 'cityip-filed');
  });

  // ───────────────────────────── 3. service by announcement ─────────────────────────────

  it('3. cityip serves the request copy by announcement: deemed served after 30 days, the answer period runs from then', async () => {
    const page = await as('cityip');
    await action(page, 'serveRequest').click();
    const form = page.getByTestId('action-form-serveRequest');
    await form.waitFor();
    await pick(page, form.getByTestId('service-method'), '公告送达');
    await form.getByLabel('公告日期').waitFor();
    expect(await form.getByLabel('公告日期').inputValue()).toBe(today);
    const text = form.getByTestId('announcement-text');
    expect(await text.inputValue()).toContain(RESPONDENT);
    await text.fill(
      `${RESPONDENT}：\n${REQUESTER}就专利号为 ${PATENT_NO} 的“${PATENT_TITLE}”实用新型专利侵权纠纷，向本局请求处理，本局已立案（${caseNo}）。因无法向你单位直接送达，现依法公告送达请求书副本及答辩通知书。自公告之日起经过三十日，即视为送达。请你单位自送达之日起十五日内向本局提交答辩书及有关证据，逾期不提交的，不影响本局处理。`,
    );
    await shot(page, 'cityip-serve-announcement', VIEWPORT);
    await submitModal(page, 'action-form-serveRequest');

    // 民事诉讼法 第九十五条: deemed served 30 days after the announcement (computed by the server's deadline engine).
    deemedOn = dueAfter(today, 30, 'calendarDays');
    const answerDue = dueAfter(deemedOn, 15, 'calendarDays');
    const done = page.getByTestId('deemed-served-info');
    await done.waitFor();
    expect(await done.innerText()).toContain(deemedOn);
    expect(await done.innerText()).toContain(answerDue);
    await shot(page, 'cityip-deemed-served-dialog', VIEWPORT);
    await page.locator('.ant-modal-confirm .ant-modal-confirm-btns .ant-btn').click();
    await expect.poll(() => header(page).innerText()).toContain('答辩');

    await tab(page, /^案件信息$/);
    const info = await activePane(page).innerText();
    expect(info).toContain(`公告 ${today}，视为送达 ${deemedOn}`);
    // The announcement period is not counted in the decision period: the statutory date moves by its length.
    const decisionDue = dueAfter(today, 3, 'months', [{ from: today, until: deemedOn, reason: '公告' }]);
    expect(await page.getByTestId('decision-due').innerText()).toContain(decisionDue);

    await tab(page, /^办理期限$/);
    const deadlines = page.getByTestId('adjudication-deadlines');
    const answerRow = deadlines.locator('tr', { hasText: '被请求人提交答辩书' }).first();
    await answerRow.waitFor();
    const a = await answerRow.innerText();
    expect(a).toContain(deemedOn);
    expect(a).toContain(answerDue);
    await shot(page, 'cityip-deadlines-after-announcement');
    await tab(page, /^送达$/);
    await expect.poll(() => page.getByTestId('deemed-served').first().innerText()).toContain(deemedOn);
    await shot(page, 'cityip-service-tab');
  });

  it('4. anyone sees the announcement on the portal’s 送达公告 page', async () => {
    const page = visitor;
    current = page;
    await page.goto('/');
    await page.locator('.zp-footer, footer').getByRole('link', { name: '送达公告' }).first().click();
    const list = page.getByTestId('announcement-list');
    await list.waitFor();
    const item = list.locator('.zpp-item', { hasText: RESPONDENT }).first();
    await item.waitFor();
    const t = await item.innerText();
    expect(t).toContain(caseNo);
    expect(t).toContain(PATENT_NO);
    expect(t).toContain('视为送达日');
    // No personal data of the requester on the public page.
    expect(t).not.toContain(REQUESTER_PHONE);
    await shot(page, 'portal-service-announcements');
  });

  // ───────────────────────────── 5. answer and written review ─────────────────────────────

  it('5. the respondent answers after reading the announcement; cityip forwards the answer and chooses 书面审理', async () => {
    const page = await as('cityip');
    await page.goto(caseUrl);
    await action(page, 'recordAnswer').click();
    const form = page.getByTestId('action-form-recordAnswer');
    await form.waitFor();
    expect(await form.getByLabel('收到答辩书日期').inputValue()).toBe(today);
    await form.getByLabel('答辩要点').fill(ANSWER_NOTE);
    await submitModal(page, 'action-form-recordAnswer');
    await expect.poll(() => page.locator('.zc-page').innerText()).toContain('收到答辩书');

    await action(page, 'forwardAnswer').click();
    await page.getByTestId('action-form-forwardAnswer').waitFor();
    await submitModal(page, 'action-form-forwardAnswer');

    await action(page, 'chooseWrittenReview').click();
    const written = page.getByTestId('action-form-chooseWrittenReview');
    await written.waitFor();
    await written.getByLabel('书面审理的理由').fill('双方当事人提交的证据足以查明案件事实，技术特征比对清楚，经合议组研究决定书面审理。');
    await submitModal(page, 'action-form-chooseWrittenReview');
    await expect.poll(() => header(page).innerText()).toContain('合议');
    expect(await page.locator('.zc-page').innerText()).toContain('书面审理');
    await shot(page, 'cityip-written-review');
  });

  // ───────────────────────────── 6. decision ─────────────────────────────

  it('6. the leader decides 责令停止侵权 with its orders', async () => {
    const page = await as('leader');
    await openDisputeMenu(page, '行政裁决');
    const row = page.getByTestId('adjudication-list').locator('tr.ant-table-row', { hasText: requestNo }).first();
    await row.waitFor();
    await shot(page, 'leader-adjudication-list');
    await row.locator('a', { hasText: requestNo }).click();
    await page.getByTestId('adjudication-no').waitFor();
    await action(page, 'decide').click();
    const form = page.getByTestId('action-form-decide');
    await form.waitFor();
    await form.locator('.ant-radio-wrapper', { hasText: '责令停止侵权' }).click();
    for (const o of ['立即停止制造侵权产品', '立即停止销售侵权产品', '销毁制造侵权产品或者使用侵权方法的专用零部件、工具、模具、设备']) {
      await form.locator('.ant-checkbox-wrapper', { hasText: o }).click();
    }
    await form.getByLabel('裁决主文').fill(
      '被请求人制造、销售的 HD-80 型拖拉机悬挂快速挂接器落入 ' + PATENT_NO + ' 号实用新型专利权利要求 1 的保护范围，侵权行为成立。责令被请求人立即停止制造、销售侵权产品，并销毁制造侵权产品的专用模具。',
    );
    await shot(page, 'leader-decide', VIEWPORT);
    await submitModal(page, 'action-form-decide');
    await expect.poll(() => header(page).innerText()).toContain('待送达裁决书');
    const d = await page.getByTestId('decision-info').innerText();
    expect(d).toContain('责令停止侵权');
    expect(d).toContain('立即停止制造侵权产品');
    await shot(page, 'leader-decided');
  });

  // ───────────────────────────── 7. decision document and service ─────────────────────────────

  it('7. cityip makes the 行政裁决书 and serves it directly on both parties; the 15-day lawsuit window runs', async () => {
    const page = await as('cityip');
    await page.goto(caseUrl);
    await page.getByTestId('adjudication-no').waitFor();
    await tab(page, /^文书$/);
    const docs = page.getByTestId('documents-panel');
    await docs.getByTestId('documents-generate').click();
    await page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item', { hasText: '行政裁决书' }).click();
    const row = docs.locator('.ant-table-tbody tr', { hasText: '行政裁决书' }).first();
    await row.waitFor({ timeout: 20_000 });
    decisionDocNo = (await row.locator('td').nth(1).innerText()).trim();
    expect(decisionDocNo).toMatch(/〔\d{4}〕\d+号$/);
    await shot(page, 'cityip-decision-document');
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('document-download').click()]);
    const docx = await readDocx(fs.readFileSync(await download.path()));
    for (const s of [decisionDocNo, REQUESTER, RESPONDENT, PATENT_NO, '十五日']) expect(docx.text).toContain(s);

    for (const party of ['请求人', '被请求人']) {
      await action(page, 'serveDecision').click();
      const form = page.getByTestId('action-form-serveDecision');
      await form.waitFor();
      await form.locator('label.ant-radio-button-wrapper', { hasText: new RegExp(`^${party}（`) }).click();
      expect(await form.getByTestId('service-method').innerText()).toContain('直接送达');
      expect(await form.getByLabel('受送达人').inputValue()).toBe(party === '请求人' ? REQUESTER : RESPONDENT);
      await submitModal(page, 'action-form-serveDecision');
    }
    await tab(page, /^送达$/);
    await expect.poll(() => activePane(page).innerText()).toContain('行政裁决书');
    const served = await activePane(page).innerText();
    expect(served).toContain(REQUESTER);
    expect(served).toContain(RESPONDENT);
    await expect.poll(() => header(page).innerText()).toContain('起诉期');
    // 专利法 第六十五条: 15 days from the (later) service to sue.
    const d = await page.getByTestId('decision-info').innerText();
    expect(d).toContain(decisionDocNo);
    expect(d).toContain(dueAfter(today, 15, 'calendarDays'));
    await shot(page, 'cityip-decision-served');
  });

  // ───────────────────────────── 8. publication ─────────────────────────────

  it('8. cityip publishes the decision with redaction (裁决书公开)', async () => {
    const page = await as('cityip');
    await openDisputeMenu(page, '裁决书公开');
    const candidates = page.getByTestId('publication-candidates');
    const row = candidates.locator('tr.ant-table-row', { hasText: RESPONDENT }).first();
    await row.waitFor();
    await shot(page, 'cityip-publication-candidates');
    await row.getByRole('button', { name: /公\s*开/ }).click();
    const body = page.getByTestId('publish-body');
    await body.waitFor();
    const text = await body.inputValue();
    expect(text).toContain(RESPONDENT);
    expect(text).toContain(PATENT_NO);
    // No phone numbers of the parties in what is published.
    expect(text).not.toContain(REQUESTER_PHONE);
    await page.getByTestId('publish-form').locator('.ant-select-selector, .ant-select').last().click();
    await page.keyboard.type('商业秘密：模具加工参数 1 处');
    await page.keyboard.press('Enter');
    await shot(page, 'cityip-publish-drawer', VIEWPORT);
    await page.getByTestId('publish-submit').click();
    await body.waitFor({ state: 'detached', timeout: 20_000 });
    await page.locator('.ant-tabs-tab', { hasText: /公开/ }).filter({ hasNotText: /待/ }).first().click();
    await expect.poll(() => page.locator('.zc-page .ant-table').first().innerText()).toContain(decisionDocNo);
    await shot(page, 'cityip-published');
  });

  // ───────────────────────────── 9. the public and the patentee ─────────────────────────────

  it('9. the portal lists the decision under 裁决公开; the patentee follows the steps in 我的裁决与调解', async () => {
    const page = visitor;
    current = page;
    await page.goto('/adjudication-decisions');
    const list = page.getByTestId('decision-list');
    await list.waitFor();
    const item = list.locator('.zpp-item', { hasText: RESPONDENT }).first();
    await item.waitFor();
    expect(await item.innerText()).toContain(decisionDocNo);
    await shot(page, 'portal-decisions');
    await item.locator('a.zpp-item-title').click();
    const detail = page.getByTestId('decision-detail');
    await detail.waitFor();
    const d = await detail.innerText();
    expect(d).toContain(decisionDocNo);
    expect(d).toContain(RESPONDENT);
    expect(d).not.toContain(REQUESTER_PHONE);
    await shot(page, 'portal-decision-detail');

    const mine = patentee;
    current = mine;
    await mine.goto('/disputes/mine');
    const my = mine.getByTestId('my-adjudications');
    await my.waitFor();
    await expect.poll(() => my.innerText()).toContain(requestNo);
    await shot(mine, 'portal-mine-list');
    await mine.getByTestId(`open-${requestNo}`).click();
    const progress = mine.getByTestId('my-adjudication-detail');
    await progress.waitFor();
    const timeline = progress.getByTestId('adjudication-timeline');
    await timeline.waitFor();
    const steps = await timeline.innerText();
    for (const s of ['立案', '公告', '裁决']) expect(steps).toContain(s);
    expect(steps).toContain(deemedOn);
    // Nothing internal: not the answer's content, not the panel.
    expect(steps).not.toContain('锁止块不同');
    await progress.getByTestId('decision-link').first().waitFor();
    // The materials it filed, each with a download that serves the very file it uploaded.
    const links = progress.getByRole('link', { name: '下载' });
    expect(await links.count()).toBe(3);
    const report = progress.locator('li', { hasText: '专利权评价报告' }).getByRole('link', { name: '下载' });
    const res = await mine.context().request.get(String(await report.getAttribute('href')));
    expect(res.status()).toBe(200);
    expect((await res.body()).equals(tinyPdf('Evaluation report'))).toBe(true);
    await shot(mine, 'portal-mine-progress');
    await progress.getByTestId('decision-link').first().click();
    await mine.getByTestId('decision-detail').waitFor();
  });
});

/** 2026-11-27 → 2026年11月27日 (the receipt writes the date in full). */
function fmtLong(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
