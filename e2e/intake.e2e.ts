import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePassword, DEMO_PASSWORD, launchBrowser, openMenu, pageSession, submitAdminLogin } from './helpers/browser';
import { tinyPdf, tinyPng } from './helpers/files';
import { startServer, type ServerHandle } from './helpers/server';

/**
 * Issue 3's journey: a visitor reads a policy (政策法规 → 专利法), files a real-name report with two evidence files,
 * gets the receipt and looks it up on 进度查询 (登记); then the city's intake officer (cityip, forced password change)
 * finds it in 统一受理 with the reporter's identity masked (张**, 138****1234) and the two files attached.
 */
const REPORTER = { name: '张明华', phone: '13812341234', idNo: '370902198803150013' };
const MASKED = { name: '张**', phone: '138****1234' };
const RESPONDENT = '泰安岱岳鑫源五金经营部';
/** The law is long and the form scrolls under the sticky header: these screenshots keep to the viewport. */
const VIEWPORT = { fullPage: false };

describe('intake: a report from the portal to the 统一受理 queue', () => {
  let server: ServerHandle;
  let browser: Browser;
  let receiptNo = '';
  let lookupCode = '';

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

  describe('as a visitor', () => {
    let page: Page;
    const shot = pageSession('f-intake-visitor', () => ({ browser, url: server.url }), (p) => (page = p));

    const nav = (label: string) => page.locator('.zp-nav').getByRole('link', { name: label, exact: true }).click();

    it('reads a policy: 政策法规 → 中华人民共和国专利法', async () => {
      await page.goto('/');
      await nav('政策法规');
      const list = page.getByTestId('article-list');
      await list.waitFor();
      await shot(page, 'policies');
      // The law itself, not 专利法实施细则 or an interpretation of it.
      await list.locator('.zcp-list-title', { hasText: /^(中华人民共和国)?专利法$/ }).first().click();
      const article = page.getByTestId('article-detail');
      await article.waitFor();
      await expect.poll(() => article.innerText()).toContain('专利法');
      expect(await article.innerText()).toContain('第一条');
      await shot(page, 'patent-law', VIEWPORT);
    });

    it('files a real-name report with a PNG and a PDF and gets a receipt', async () => {
      await nav('我要举报');
      const form = page.getByTestId('submission-form');
      await form.waitFor();

      // 1 被举报人信息
      await form.locator('.zs-ip-types label', { hasText: /^专利$/ }).click();
      await form.getByLabel('被举报人名称').fill(RESPONDENT);
      await form.locator('[data-step="respondent"] .ant-cascader').click();
      for (const name of ['山东省', '泰安市', '泰山区']) {
        await page.locator(`.ant-cascader-dropdown .ant-cascader-menu-item[title="${name}"]`).click();
      }
      await form.getByLabel('详细地址').fill('泰安市泰山区东岳大街 1 号');
      await shot(page, 'step1-respondent', VIEWPORT);
      await form.getByRole('button', { name: '下一步' }).click();

      // 2 事实与证据: two files, uploaded at once
      await form.getByLabel('事实与理由').fill('该经营部销售的电热水壶外包装标注“专利产品 ZL201910000000.0”，经查该专利号不存在，涉嫌假冒专利。');
      await form.getByTestId('evidence-upload').locator('input[type="file"]').setInputFiles([
        { name: '现场照片.png', mimeType: 'image/png', buffer: tinyPng() },
        { name: '购物小票.pdf', mimeType: 'application/pdf', buffer: tinyPdf() },
      ]);
      const items = form.locator('.ant-upload-list .ant-upload-list-item');
      await expect.poll(() => items.count()).toBe(2);
      await expect.poll(() => form.locator('.ant-upload-list-item-uploading, .ant-upload-list-item-error').count(), { timeout: 20_000 }).toBe(0);
      await shot(page, 'step2-facts-evidence', VIEWPORT);
      await form.getByRole('button', { name: '下一步' }).click();

      // 3 举报人信息: real name (the switch defaults to 实名)
      await form.getByLabel('姓名').fill(REPORTER.name);
      await form.getByLabel('联系电话').fill(REPORTER.phone);
      await form.getByLabel('身份证号码').fill(REPORTER.idNo);
      await form.locator('[data-step="identity"] .zs-consents label', { hasText: /^不同意$/ }).first().click();
      await shot(page, 'step3-identity', VIEWPORT);
      await form.getByRole('button', { name: '下一步' }).click();

      // 4 确认提交
      const review = page.getByTestId('submission-review');
      await review.waitFor();
      expect(await review.innerText()).toContain('现场照片.png');
      expect(await review.innerText()).toContain('购物小票.pdf');
      await page.getByTestId('pledge').check();
      // The pledge's error (shown on arrival at this step) goes once the box is ticked.
      await expect.poll(() => form.locator('[data-step="confirm"] .ant-form-item-explain-error').count()).toBe(0);
      await shot(page, 'step4-review', VIEWPORT);
      await page.getByTestId('submit-button').click();

      await page.getByTestId('receipt-no').waitFor();
      receiptNo = (await page.getByTestId('receipt-no').innerText()).trim();
      lookupCode = (await page.getByTestId('lookup-code').innerText()).trim();
      expect(receiptNo).toMatch(/^ZC-\d{4}-370900-\d{6}$/);
      expect(lookupCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
      await shot(page, 'receipt');
    });

    it('looks it up on 进度查询 and sees the 登记 step', async () => {
      expect(receiptNo).not.toBe('');
      await nav('进度查询');
      const lookup = page.getByTestId('lookup-form');
      await lookup.waitFor();
      await lookup.getByLabel('受理编号').fill(receiptNo);
      await lookup.getByLabel('查询码').fill(lookupCode);
      await page.getByTestId('lookup-button').click();
      const timeline = page.getByTestId('progress-timeline');
      await timeline.waitFor();
      await expect.poll(() => timeline.innerText()).toContain('登记');
      expect(await page.getByTestId('progress-result').innerText()).toContain(receiptNo);
      await shot(page, 'progress');
    });
  });

  describe('as the city intake officer', () => {
    let page: Page;
    const shot = pageSession('g-intake-staff', () => ({ browser, url: server.url }), (p) => (page = p));

    it('cityip (forced password change) sees the report in 统一受理 with the identity masked', async () => {
      expect(receiptNo).not.toBe('');
      await page.goto('/admin/');
      await submitAdminLogin(page, 'cityip', DEMO_PASSWORD);
      await page.getByTestId('password-form').waitFor();
      await changePassword(page, DEMO_PASSWORD, 'Zc#2026intake-pass');
      await page.getByTestId('user-menu').waitFor();

      await openMenu(page, '统一受理');
      const row = page.getByTestId(`queue-row-${receiptNo}`);
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain(RESPONDENT);
      expect(text).toContain(MASKED.name);
      expect(text).toContain(MASKED.phone);
      // Nothing of the identity in clear in the list.
      expect(text).not.toContain(REPORTER.name);
      expect(text).not.toContain(REPORTER.phone);
      expect(text).not.toContain(REPORTER.idNo);
      expect(await page.getByTestId('submission-queue').innerText()).not.toContain(REPORTER.phone);
      await shot(page, 'queue');

      // The detail: both evidence files are attached; the identity is still masked until 查看 is clicked.
      await row.locator('.zq-receipt', { hasText: receiptNo }).click();
      const drawer = page.getByTestId('submission-drawer');
      await drawer.waitFor();
      await expect.poll(() => drawer.getByTestId('evidence-file').count()).toBe(2);
      const identity = drawer.getByTestId('submitter-identity');
      await identity.waitFor();
      expect(await identity.innerText()).toContain(MASKED.name);
      expect(await drawer.innerText()).not.toContain(REPORTER.phone);
      await shot(page, 'detail');
    });
  });
});
