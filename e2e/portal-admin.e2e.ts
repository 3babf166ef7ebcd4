import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePassword, DEMO_PASSWORD, launchBrowser, newContext, openMenu, pageSession, screenshots, submitAdminLogin } from './helpers/browser';
import { adminOnlyAssets } from './helpers/chunks';
import { startServer, type ServerHandle } from './helpers/server';

/**
 * Journeys on one fresh server: the public portal (and its code splitting), the first login of the
 * system administrator with the forced password change, the unit tree, the holiday calendar and the
 * deadline calculator, and a wrong password.
 */
describe('portal and back office', () => {
  let server: ServerHandle;
  let browser: Browser;

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

  it('a. the portal shows the bureau and never downloads the back office', async () => {
    const shot = screenshots('a-portal');
    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));

    await page.goto('/');
    await expect.poll(() => page.locator('.zp-bureau').innerText()).toContain('泰安市市场监督管理局');
    await page.waitForLoadState('networkidle');
    await shot(page, 'home');

    const { adminOnly, adminEntry } = adminOnlyAssets();
    // The admin entry's own chunk is admin-only, so the check below is not vacuous.
    expect(adminEntry.some((f) => adminOnly.has(f))).toBe(true);
    const assets = requested.filter((p) => p.startsWith('/assets/')).map((p) => p.slice('/assets/'.length));
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((f) => adminOnly.has(f))).toEqual([]);
    await ctx.close();
  });

  describe('as the system administrator', () => {
    let page: Page;
    const shot = pageSession('b-sysadmin', () => ({ browser, url: server.url }), (p) => (page = p));

    it('b. first login forces a password change, then the unit tree shows counties and their stations', async () => {
      await page.goto('/admin/');
      await expect.poll(() => page.getByPlaceholder('请输入用户名').isVisible()).toBe(true);
      await shot(page, 'login');
      await submitAdminLogin(page, 'sysadmin', DEMO_PASSWORD);

      await page.getByTestId('password-form').waitFor();
      await expect.poll(() => page.getByText('首次登录或密码已到期，请修改密码').isVisible()).toBe(true);
      await shot(page, 'forced-password-change');
      await changePassword(page, DEMO_PASSWORD, 'Zc#2026new-pass');

      await page.getByTestId('user-menu').waitFor();
      await expect.poll(() => page.locator('.zc-sider').innerText()).toContain('机构管理');
      await shot(page, 'workbench');

      await openMenu(page, '机构管理');
      // antd's Tree does not pass data-testid="unit-tree" through to the DOM: fall back to the tree in the card.
      const tree = page.getByTestId('unit-tree').or(page.locator('.zc-tree-card .ant-tree')).first();
      const county = tree.locator('.ant-tree-treenode:not([aria-hidden="true"])', { hasText: '泰山区市场监督管理局' }).first();
      await county.waitFor();
      // Expand the county if the tree opened collapsed at that level.
      const switcher = county.locator('.ant-tree-switcher_close');
      if (await switcher.count()) await switcher.click();
      await county.locator('xpath=following-sibling::*[1]').filter({ hasText: '市场监管所' }).waitFor();
      // A 市场监管所 nested under 泰山区市场监督管理局: a following tree node one level deeper.
      const under = await tree.evaluate((el) => {
        const nodes = [...el.querySelectorAll('.ant-tree-treenode:not([aria-hidden="true"])')].map((n) => ({
          title: n.querySelector('.ant-tree-title')?.textContent ?? '',
          level: n.querySelectorAll('.ant-tree-indent-unit').length,
        }));
        const i = nodes.findIndex((n) => n.title.includes('泰山区市场监督管理局'));
        if (i < 0) return [];
        const out: string[] = [];
        for (let j = i + 1; j < nodes.length && nodes[j]!.level > nodes[i]!.level; j++) {
          if (nodes[j]!.level === nodes[i]!.level + 1) out.push(nodes[j]!.title);
        }
        return out;
      });
      expect(under.some((t) => t.includes('市场监管所'))).toBe(true);
      await shot(page, 'unit-tree');
    });

    it('c. the 2026 calendar marks 2026-02-14 as a 调休 working day; the calculator gives 2026-02-14 for 2026-02-13 + 1 工作日', async () => {
      await openMenu(page, '节假日与工作日');
      const year = page.getByTestId('calendar-year');
      await year.waitFor();
      if (!(await year.innerText()).includes('2026')) {
        await year.click();
        await page.locator('.ant-select-dropdown').getByText('2026 年', { exact: true }).click();
      }
      const cell = page.locator('.zc-day[data-date="2026-02-14"]');
      await cell.waitFor();
      expect(await cell.getAttribute('data-kind')).toBe('adjustedWorkday');
      expect(await page.locator('.zc-day[data-date="2026-02-17"]').getAttribute('data-kind')).toBe('holiday');
      await cell.scrollIntoViewIfNeeded();
      await shot(page, 'calendar-2026');

      const calc = page.getByTestId('deadline-calculator');
      const from = calc.locator('.ant-picker input');
      await from.click();
      await from.fill('2026-02-13');
      await from.press('Enter');
      await expect.poll(() => from.inputValue()).toBe('2026-02-13');
      await calc.getByLabel('期限（天）').fill('1');
      await calc.locator('button[type="submit"]', { hasText: /计\s*算/ }).click();
      const result = page.getByTestId('deadline-result');
      await result.waitFor();
      expect(await result.locator('[data-date]').getAttribute('data-date')).toBe('2026-02-14');
      await result.scrollIntoViewIfNeeded();
      await shot(page, 'deadline-calculator');
    });
  });

  it('e. a wrong password is refused with 用户名或密码错误', async () => {
    const shot = screenshots('e-wrong-password');
    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    await page.goto('/admin/login');
    await submitAdminLogin(page, 'leader', 'Wrong#Pass2026');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('用户名或密码错误');
    // Still on the login page, the password field emptied.
    expect(await page.getByPlaceholder('请输入密码').inputValue()).toBe('');
    await shot(page, 'error');
    await ctx.close();
  });
});
