import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { ARTIFACTS } from './paths';

export const DEMO_PASSWORD = 'Zhichan@2026';

/**
 * Debian's Chromium, headless. The background-networking flags matter: without them Chromium keeps
 * trying Google's hosts, which this machine's closed network refuses.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const ctx = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  ctx.setDefaultTimeout(20_000);
  return ctx;
}

/**
 * Screenshots numbered in the order they are taken, under e2e/artifacts/<journey>/. Full page by default;
 * `{ fullPage: false }` keeps only the viewport (a long article, or a scrolled form under a sticky header).
 */
export function screenshots(journey: string) {
  const dir = path.join(ARTIFACTS, journey);
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page: Page, step: string, opts: { fullPage?: boolean } = {}) => {
    n++;
    // animations: 'disabled' ends CSS transitions first (antd's checkbox tick, step icons), so a shot shows the end state.
    await page.screenshot({ path: path.join(dir, `${String(n).padStart(2, '0')}-${step}.png`), fullPage: opts.fullPage ?? true, animations: 'disabled' });
  };
}

/**
 * One browser page for a describe block: opened in beforeAll on the journey's server, closed in afterAll, with a
 * FAILED screenshot after any failing test. `onOpen` hands the page to the block's tests.
 */
export function pageSession(journey: string, target: () => { browser: Browser; url: string }, onOpen: (page: Page) => void) {
  const shot = screenshots(journey);
  let ctx: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    const { browser, url } = target();
    ctx = await newContext(browser, url);
    page = await ctx.newPage();
    onOpen(page);
  });
  afterAll(async () => {
    await ctx?.close();
  });
  afterEach(async (t) => {
    if (t.task.result?.state === 'fail' && page && !page.isClosed()) await shot(page, 'FAILED').catch(() => {});
  });
  return shot;
}

/** The admin login form (antd puts a space between two Chinese characters of a button: "登 录"). */
export async function submitAdminLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByPlaceholder('请输入用户名').fill(username);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByRole('button', { name: /^登\s*录$/ }).click();
}

/** Fills the change-password form (forced after the first login). */
export async function changePassword(page: Page, oldPassword: string, newPassword: string): Promise<void> {
  const form = page.getByTestId('password-form');
  await form.getByLabel('原密码', { exact: true }).fill(oldPassword);
  await form.getByLabel('新密码', { exact: true }).fill(newPassword);
  await form.getByLabel('确认新密码', { exact: true }).fill(newPassword);
  await form.getByRole('button', { name: /确认修改/ }).click();
}

/**
 * A demo staff user's first login: the login form, then the forced change of the demo password, then the workbench
 * (the user menu in the header shows the session is open).
 */
export async function firstStaffLogin(page: Page, username: string, newPassword: string): Promise<void> {
  await page.goto('/admin/');
  await submitAdminLogin(page, username, DEMO_PASSWORD);
  await page.getByTestId('password-form').waitFor();
  await changePassword(page, DEMO_PASSWORD, newPassword);
  await page.getByTestId('user-menu').waitFor();
}

/** Opens a back-office page from the side menu. */
export async function openMenu(page: Page, label: string): Promise<void> {
  await page.locator('.zc-sider .ant-menu').getByRole('link', { name: label, exact: true }).click();
}
