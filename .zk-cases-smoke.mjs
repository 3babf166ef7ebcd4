// Temporary browser smoke test of the cases pages (deleted after use). Serves the web build from /tmp/zk-web-dist.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { chromium } from 'playwright-core';

const DIST = '/tmp/zk-web-dist';
const SHOTS = '/tmp/zk-shots';
fs.rmSync(SHOTS, { recursive: true, force: true });
fs.mkdirSync(SHOTS, { recursive: true });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-smoke-'));
const NEWPW = 'Zc#2026cases-pass';

const freePort = () => new Promise((res) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
let child;
async function start() {
  child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', CITY_CODE: '3709', DEMO: 'true' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 240; i++) {
    try { if ((await fetch(`${url}/api/public/site`)).ok) return; } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not start');
}
async function stop() { child.kill('SIGTERM'); await new Promise((r) => child.on('exit', r)); }

async function changePw(username) {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Zhichan@2026' }) });
  const j = await r.json();
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const r2 = await fetch(`${url}/api/auth/password`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': j.csrfToken }, body: JSON.stringify({ oldPassword: 'Zhichan@2026', newPassword: NEWPW }) });
  if (!r2.ok) throw new Error(`pw ${username}: ${r2.status} ${await r2.text()}`);
}

const errors = [];
try {
  await start();
  for (const u of ['county2', 'county2head', 'cityip']) await changePw(u);
  await stop();
  const pg = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: { pg_trgm } });
  const { rows: us } = await pg.query(`SELECT username, unit_id FROM users WHERE username IN ('county2','cityip')`);
  const c2 = us.find((u) => u.username === 'county2').unit_id;
  const city = us.find((u) => u.username === 'cityip').unit_id;
  const { rows: lead } = await pg.query(`INSERT INTO leads (lead_no, kind, source, ip_type, title, facts, respondent_name, respondent_uscc, respondent_address, respondent_region_code,
      received_on, intake_unit_id, county_unit_id, unit_id, status, verification_result, decision, decided_on)
    VALUES ('XS-2026-370900-990001','lead','inspection','trademark','涉嫌销售侵犯注册商标专用权的运动鞋','执法检查发现当事人销售标有他人注册商标的运动鞋，涉嫌商标侵权。',
      '泰安市岱岳区某某商贸有限公司','91370911MA3C12345G','岱岳区粥店街道 1 号','370911', CURRENT_DATE - 10, $1, $2, $2, 'filingApproved','substantiated','fileCase', CURRENT_DATE) RETURNING id`, [city, c2]);
  await pg.close();
  const leadId = lead[0].id;
  await start();

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const ctx = await browser.newContext({ baseURL: url, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  ctx.setDefaultTimeout(15000);
  await ctx.route('**/*', async (route) => {
    const u = new URL(route.request().url());
    if (u.pathname.startsWith('/api')) return route.continue();
    let f = path.join(DIST, u.pathname);
    if (!fs.existsSync(f) || fs.statSync(f).isDirectory()) f = u.pathname.startsWith('/admin') ? path.join(DIST, 'admin/index.html') : path.join(DIST, 'index.html');
    const ext = path.extname(f);
    const type = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.svg': 'image/svg+xml' }[ext] ?? 'application/octet-stream';
    return route.fulfill({ status: 200, body: fs.readFileSync(f), contentType: type });
  });
  const page = await ctx.newPage();
  globalThis.__page = page;
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text().slice(0, 300)}`); });
  let n = 0;
  const shot = (name) => page.screenshot({ path: `${SHOTS}/${String(++n).padStart(2, '0')}-${name}.png`, fullPage: true });
  const login = async (u) => {
    await ctx.clearCookies();
    await page.goto('/admin/');
    await page.getByPlaceholder('请输入用户名').fill(u);
    await page.getByPlaceholder('请输入密码').fill(NEWPW);
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
    await page.getByTestId('user-menu').waitFor();
  };

  await login('county2');
  await page.goto('/admin/cases');
  await page.getByTestId('case-list').waitFor();
  await shot('list-empty');

  // 简易程序
  await page.getByTestId('open-simplified').click();
  const sf = page.getByTestId('simplified-form');
  await sf.getByLabel('案由').fill('在产品包装上标注已失效专利号');
  await sf.getByLabel('名称').fill('泰安市某某五金店');
  await sf.getByLabel('统一社会信用代码').fill('91370911MA3C12345G');
  await sf.getByLabel('法定代表人（负责人）').fill('李某');
  await sf.getByLabel('所在区县').click();
  await page.getByTitle('岱岳区').click();
  await sf.getByLabel('住所（经营场所）').fill('岱岳区某路 8 号');
  await sf.getByLabel('违法事实').fill('当事人在其销售的产品包装上标注已被宣告无效的专利号，事实清楚，证据确凿。');
  await sf.getByLabel('罚款金额（元）').fill('3500');
  await page.getByTestId('simplified-check').waitFor();
  await shot('simplified-over-limit');
  await sf.getByLabel('罚款金额（元）').fill('2000');
  await sf.getByLabel('处罚内容').fill('罚款人民币贰仟元');
  await sf.getByLabel('处罚依据').fill('专利法 第六十八条');
  await sf.getByLabel('处罚地点').fill('岱岳区某路 8 号');
  await page.getByTestId('lead-handler').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await shot('simplified-filled');
  await page.getByTestId('simplified-submit').click();
  await page.getByTestId('case-no').waitFor();
  await shot('simplified-detail');

  // 立案登记 from the lead
  await page.goto(`/admin/cases?newFromLead=${leadId}`);
  const ff = page.getByTestId('file-case-form');
  await ff.waitFor();
  await page.getByTestId('lead-handler').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await page.getByTestId('assistant-handlers').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').nth(1).click();
  await page.keyboard.press('Escape');
  await ff.getByLabel('法定代表人（负责人）').fill('王某某');
  await shot('file-drawer');
  await page.getByTestId('file-case-submit').click();
  await page.getByTestId('case-no').waitFor();
  await shot('ordinary-detail');
  const caseUrl = page.url();

  for (const tab of ['办理期限', '证据', '调查措施', '办理记录', '文书', '送达', '基本信息']) {
    await page.getByRole('tab', { name: new RegExp(tab) }).click();
    await page.waitForTimeout(300);
    await shot(`tab-${tab}`);
  }
  // 证据登记 with a file
  await page.getByRole('tab', { name: /证据/ }).click();
  await page.getByTestId('add-evidence').click();
  const ef = page.getByTestId('action-form-registerEvidence');
  await ef.getByLabel('证据名称').fill('现场检查笔录');
  await ef.getByLabel('取证人').fill('执法人员甲、乙');
  await page.locator('input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex') });
  await page.getByRole('button', { name: /^确\s*定$/ }).click();
  await page.getByText('现场照片.png').first().waitFor();
  await shot('evidence-added');

  // 调查终结
  await page.getByTestId('case-action-conclude').click();
  await page.getByTestId('action-form-conclude').getByLabel('调查终结报告').fill('调查终结报告：当事人销售侵权商品，事实清楚，证据确凿。');
  await page.getByRole('button', { name: /^确\s*定$/ }).click();
  await page.getByText('待法制审核').first().waitFor();
  await login('cityip');
  await page.goto(caseUrl);
  await page.getByTestId('case-action-passReview').click();
  await page.getByTestId('action-form-passReview').getByLabel('审核意见').fill('事实清楚，证据确凿，程序合法');
  await page.getByRole('button', { name: /^确\s*定$/ }).click();
  await page.getByText('待告知').first().waitFor();
  await login('county2');
  await page.goto(caseUrl);
  await page.getByTestId('case-action-notify').click();
  const nf = page.getByTestId('action-form-notify');
  await nf.getByLabel('罚款（元）').fill('300000');
  await page.getByTestId('penalty-check').waitFor();
  await shot('notify-over-limit');
  await nf.getByLabel('罚款（元）').fill('200000');
  await nf.getByLabel('拟作出的行政处罚内容及事实、理由、依据').fill('拟罚款二十万元');
  await shot('notify-ok');
  await page.getByRole('button', { name: /^确\s*定$/ }).click();
  await page.getByText('陈述申辩期').first().waitFor();
  await page.getByTestId('case-action-recordStatement').click();
  const stf = page.getByTestId('action-form-recordStatement');
  await stf.getByLabel('陈述申辩内容').fill('对违法事实无异议，放弃听证');
  await stf.getByText('当事人书面表示放弃听证').click();
  await page.getByRole('button', { name: /^确\s*定$/ }).click();
  await page.waitForTimeout(800);
  await login('county2head');
  await page.goto(caseUrl);
  await page.getByTestId('case-action-decide').click();
  await page.getByTestId('action-form-decide').waitFor();
  await shot('decide-modal');
  await page.getByRole('button', { name: /作出决定/ }).click();
  await page.getByText('待送达').first().waitFor();
  await shot('decided');
  await page.getByRole('tab', { name: /办理期限/ }).click();
  await shot('decided-deadlines');
  await page.goto('/admin/cases');
  await page.getByTestId('case-list').waitFor();
  await page.waitForTimeout(500);
  await shot('list');
  await browser.close();
  console.log('SMOKE OK');
} catch (e) {
  console.log('SMOKE FAILED', e);
  try { await globalThis.__page.screenshot({ path: `${SHOTS}/99-failure.png`, fullPage: true }); } catch {}
} finally {
  console.log('BROWSER MESSAGES:\n' + errors.join('\n'));
  try { await stop(); } catch {}
  fs.rmSync(dataDir, { recursive: true, force: true });
}
