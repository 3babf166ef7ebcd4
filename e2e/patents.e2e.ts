import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChainOverviewDto, PatentDashboardDto, PatentDetailDto, PatentSearchResultDto } from '@zhichan/shared';
import { SYNTHETIC_HEADERS, syntheticPatentRows } from '../apps/server/src/modules/patents/patent-synthetic';
import { firstStaffLogin, launchBrowser, newContext, openMenu, screenshots } from './helpers/browser';
import { apiGet, clickCategoryBar, readTiles, readXlsxRows, scanCategoryAxis, toCsv } from './helpers/patents';
import { startServer, type ServerHandle } from './helpers/server';

/**
 * Issue 5's journey: the city's IP officer (cityip) imports a patent export (300 synthetic records in the usual Chinese
 * export layout, plus 3 broken rows) and watches it run, downloads the error report, opens the chain overview and one chain's
 * 专利分析 dashboard, drills into a county by clicking its bar, exports 申请趋势 to Excel, and goes on to 专利检索 with the same
 * filters, a 2-character query with highlighted hits and a patent's detail (IPC titles in Chinese, the 高价值 checklist).
 *
 * The server seeds 3,000 demo patents (seed 1, sequence 0…2999) at start; the imported file uses another seed and a sequence
 * far away so that no 申请号 collides (patent-synthetic.ts: numbers never repeat across sequences).
 */
const NEW_PASSWORD = 'Zc#2026-patents';
const IMPORT_COUNT = 300;
const VIEWPORT = { fullPage: false };

/** The CSV the officer uploads: 300 good rows with 3 broken ones placed among them; returns the expected error rows too. */
function buildImportFile(): { csv: Buffer; expectedErrors: { rowNo: number; column: string; reason: RegExp }[]; sampleAppNo: string } {
  const gen = syntheticPatentRows({ count: IMPORT_COUNT + 3, seed: 20261121, cityCode: '3709', startSeq: 600_000 });
  const all = [...gen];
  const good = all.slice(0, IMPORT_COUNT);
  const [a, b, c] = all.slice(IMPORT_COUNT).map((r) => ({ ...r }));
  a!['专利名称'] = '';
  b!['申请日'] = '2021-13-45';
  c!['申请号'] = '申请号待补';
  const rows = [...good];
  // Data row i is file line i + 2 (line 1 is the header).
  rows.splice(1, 0, a!); //    line 3
  rows.splice(150, 0, b!); //  line 152
  rows.push(c!); //            line 304 (the last: 303 data rows on lines 2…304)
  return {
    csv: toCsv(SYNTHETIC_HEADERS, rows),
    expectedErrors: [
      { rowNo: 3, column: '专利名称', reason: /专利名称为空/ },
      { rowNo: 152, column: '申请日', reason: /申请日.*不是有效日期/ },
      { rowNo: 304, column: '申请号', reason: /申请号格式不正确/ },
    ],
    sampleAppNo: good[0]!['申请号']!,
  };
}

describe('patents: import with progress, chain dashboard, county drill-down, Excel export, search and detail', () => {
  let server: ServerHandle;
  let browser: Browser;
  let page: Page;
  const take = screenshots('i-patents');
  const shot = async (p: Page, step: string, opts: { fullPage?: boolean } = {}) => {
    if (opts.fullPage !== false) await p.evaluate(() => window.scrollTo(0, 0));
    await take(p, step, opts);
  };
  const t0 = Date.now();
  const timings: string[] = [];

  let chainId = 0;
  let chainName = '';
  let county = { code: '', name: '' };

  beforeAll(async () => {
    server = await startServer({ timeoutMs: 150_000 });
    timings.push(`server ready ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    browser = await launchBrowser();
    page = await (await newContext(browser, server.url)).newPage();
  });

  afterAll(async () => {
    console.log(`[patents e2e] ${timings.join('; ')}; total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
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
    timings.push(`${t.task.name.slice(0, 2)} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (t.task.result?.state !== 'fail') return;
    broken = true;
    if (page && !page.isClosed()) await shot(page, 'FAILED').catch(() => {});
  });

  // ───────────────────────────── 1. import ─────────────────────────────

  it('1. cityip uploads a patent export, confirms the suggested mapping, watches the import and downloads the error report', async () => {
    const { csv, expectedErrors, sampleAppNo } = buildImportFile();
    await firstStaffLogin(page, 'cityip', NEW_PASSWORD);
    await openMenu(page, '数据导入');
    await page.getByText('点击或将专利数据文件拖到此处上传').waitFor();
    await shot(page, 'import-upload');

    await page.locator('input[type="file"]').setInputFiles({ name: '泰安市专利数据导出.csv', mimeType: 'text/csv', buffer: csv });

    // The mapping step: every column of the export layout is matched to its field by its header.
    const mappingRow = (field: string) => page.locator(`tr[data-row-key="${field}"]`);
    await mappingRow('appNo').waitFor();
    const expectMapped = async (field: string, label: string) => {
      const col = SYNTHETIC_HEADERS.indexOf(label) + 1;
      await expect.poll(() => mappingRow(field).innerText()).toContain(`第 ${col} 列：${label}`);
    };
    await expectMapped('appNo', '申请号');
    await expectMapped('appDate', '申请日');
    await expectMapped('title', '专利名称');
    await expectMapped('abstract', '申请摘要');
    await expectMapped('applicants', '申请人');
    await expectMapped('applicantAddress', '申请人地址');
    await expectMapped('mainIpc', '主分类号');
    await expectMapped('ipcCodes', '分类号');
    await expectMapped('legalStatus', '法律状态');
    // The sample column shows the first data row's value.
    expect(await mappingRow('appNo').innerText()).toContain(sampleAppNo);
    expect(await page.locator('.ant-alert').first().innerText()).toContain('泰安市专利数据导出.csv');
    await shot(page, 'import-mapping');

    await page.getByTestId('patent-import-start').click();

    // Watch the progress until the result. The job is 排队中 until the runner takes it, then 导入中 with the bar (it stays
    // at 100% while the rollups are rebuilt); the states are read from the page at every turn, a screenshot is taken of the
    // running bar when the machine lets us catch it.
    const progress = page.getByTestId('patent-import-progress');
    const result = page.locator('.ant-result');
    const seen: string[] = [];
    let shotRunning = false;
    const deadline = Date.now() + 90_000;
    while (!(await result.isVisible())) {
      if (Date.now() > deadline) throw new Error('import did not finish within 90 s');
      const state = await progress
        .evaluate((el) => {
          const head = (el.querySelector('.ant-typography') as HTMLElement | null)?.innerText ?? '';
          const pct = (el.querySelector('.ant-progress-indicator') as HTMLElement | null)?.innerText ?? '';
          return `${head.startsWith('已排队') ? '排队中' : '导入中'} ${pct}`.trim();
        }, undefined, { timeout: 500 })
        .catch(() => null);
      if (state && seen.at(-1) !== state) seen.push(state);
      if (state?.startsWith('导入中') && !shotRunning) {
        shotRunning = true;
        await shot(page, 'import-running', VIEWPORT);
      }
      await page.waitForTimeout(50);
    }
    expect(seen.length, 'the progress step was shown before the result').toBeGreaterThan(0);
    timings.push(`progress seen: ${seen.join(' → ')}${shotRunning ? ' (running bar screenshot taken)' : ''}`);

    const stat = (title: string) =>
      result.locator('.ant-statistic', { has: page.locator('.ant-statistic-title', { hasText: new RegExp(`^${title}$`) }) }).locator('.ant-statistic-content');
    await expect.poll(() => stat('新增').innerText()).toBe(String(IMPORT_COUNT));
    expect(await stat('错误').innerText()).toMatch(/^3\s*行$/);
    expect(await stat('更新').innerText()).toBe('0');
    expect((await stat('已读取行数').innerText()).replace(/,/g, '')).toBe(String(IMPORT_COUNT + 3));
    expect(await result.locator('.ant-result-title').innerText()).toContain('3 行有错误未导入');
    await shot(page, 'import-done');

    // The error report: the three rows, with the file's line numbers (header = line 1), the column and the reason.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('patent-import-error-report').click()]);
    expect(download.suggestedFilename()).toMatch(/错误报告.*\.xlsx$/);
    const rows = await readXlsxRows(download, '错误明细');
    expect(rows[0]!.slice(0, 3)).toEqual(['行号', '列名', '原因']);
    const data = rows.slice(1).filter((r) => r[0] !== null);
    expect(data).toHaveLength(3);
    for (const [i, e] of expectedErrors.entries()) {
      expect(Number(data[i]![0])).toBe(e.rowNo);
      expect(data[i]![1]).toBe(e.column);
      expect(String(data[i]![2])).toMatch(e.reason);
    }
    // The history lists the job.
    await expect.poll(() => page.locator('tr', { hasText: '泰安市专利数据导出.csv' }).first().innerText()).toContain('已完成');
  });

  // ───────────────────────────── 2. chain overview → dashboard → county ─────────────────────────────

  it('2. the chain overview shows the demo chains; one chain opens 专利分析 with every chart; a click on a county bar drills into it', async () => {
    // The import rebuilt the rollups before it said 已完成; the dashboards read them.
    await expect
      .poll(async () => (await apiGet<{ patentCount: number }>(page, '/api/patent-stats/status')).patentCount, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(3000 + IMPORT_COUNT);

    await openMenu(page, '产业链总览');
    const cards = page.getByTestId('chain-cards');
    await cards.waitFor();
    const overview = await apiGet<ChainOverviewDto>(page, '/api/patent-stats/chains');
    expect(overview.chains.length).toBeGreaterThan(0);
    for (const c of overview.chains) {
      const card = page.getByTestId(`chain-card-${c.id}`);
      const text = await card.innerText();
      expect(text).toContain(c.name);
      expect(text).toContain(c.patents.toLocaleString('zh-CN'));
      expect(text).toContain(c.highValue.toLocaleString('zh-CN'));
      if (c.isDemo) expect(await card.locator('.ant-tag', { hasText: /^示例$/ }).count()).toBe(1);
    }
    expect(overview.chains.some((c) => c.isDemo)).toBe(true);
    // The page says the demo chains and the data are demo data.
    expect(await page.locator('.zc-page').innerText()).toContain('演示数据');
    await shot(page, 'chain-overview');

    // The chain with the most patents (id 0 is the 全部产业链 row: all patents of the city).
    const chain = overview.chains.filter((c) => c.id > 0).sort((a, b) => b.patents - a.patents)[0]!;
    chainId = chain.id;
    chainName = chain.name;
    await page.getByTestId(`chain-card-${chain.id}`).click();
    await page.waitForURL(new RegExp(`/admin/patents/analytics\\?chainId=${chain.id}$`));

    const tiles = page.getByTestId('analytics-tiles');
    const dash = await apiGet<PatentDashboardDto>(page, `/api/patent-stats/dashboard?chainId=${chainId}`);
    await expect.poll(async () => (await readTiles(tiles))['专利总量（件）']).toBe(dash.totals.patents);
    const t = await readTiles(tiles);
    expect(t['高价值发明专利（件）']).toBe(dash.totals.highValue);
    expect(t['有效发明专利（件）']).toBe(dash.totals.validInventions);
    expect(dash.totals.patents).toBe(chain.patents);

    // Every chart card draws its chart (ECharts on canvas).
    const charts = ['chart-application-trend', 'chart-grant-trend', 'chart-type-mix', 'chart-status-mix', 'chart-top-applicants',
      'chart-ipc', 'chart-sei', 'chart-wipo', 'chart-county', 'chart-high-value'];
    for (const id of charts) {
      await expect.poll(() => page.getByTestId(id).locator('canvas, svg').count(), { message: id }).toBeGreaterThan(0);
    }
    expect(await page.locator('.zc-page').first().innerText()).toContain(`产业链：${chainName}`);
    await page.waitForTimeout(800); // ECharts' entry animation
    await shot(page, 'chain-dashboard');

    // The county chart: hovering along it shows each county's tooltip (泰山区, 岱岳区, …).
    const countyCard = page.getByTestId('chart-county');
    await countyCard.scrollIntoViewIfNeeded();
    const { bands, tips } = await scanCategoryAxis(page, countyCard);
    const seen = [...bands.keys()];
    expect(seen).toEqual(expect.arrayContaining(['泰山区', '岱岳区']));
    expect(seen).toEqual(dash.byCounty.map((r) => r.name));
    expect(tips.join('\n')).toContain('专利总量');
    // Point at 泰山区 for the screenshot: its tooltip with the three counts.
    const box = (await countyCard.locator('canvas').first().boundingBox())!;
    const band = bands.get('泰山区')!;
    await page.mouse.move((band.from + band.to) / 2, box.y + box.height * 0.6);
    await expect.poll(() => countyCard.innerText()).toContain('有效发明');
    await shot(page, 'county-chart-tooltip', VIEWPORT);

    const target = dash.byCounty.find((r) => r.name === '岱岳区') ?? dash.byCounty[0]!;
    county = { code: target.regionCode, name: target.name };
    const clicked = await clickCategoryBar(page, countyCard, county.name);
    expect(clicked, `no clickable bar found for ${county.name}`).toBe(true);
    timings.push(`drill-down by clicking the ${county.name} bar`);

    await page.waitForURL(new RegExp(`chainId=${chainId}&region=${county.code}`));
    const countyDash = await apiGet<PatentDashboardDto>(page, `/api/patent-stats/dashboard?chainId=${chainId}&region=${county.code}`);
    await expect.poll(async () => (await readTiles(tiles))['专利总量（件）']).toBe(countyDash.totals.patents);
    const ct = await readTiles(tiles);
    expect(ct['发明专利（件）']).toBe(countyDash.totals.inventions);
    expect(ct['有效发明专利（件）']).toBe(countyDash.totals.validInventions);
    expect(ct['已授权专利（件）']).toBe(countyDash.totals.granted);
    expect(ct['高价值发明专利（件）']).toBe(countyDash.totals.highValue);
    expect(ct['战略性新兴产业专利（件）']).toBe(countyDash.totals.sei);
    // The county's numbers, not the chain's: the same as its bar.
    expect(countyDash.totals.patents).toBe(target.n);
    expect(countyDash.totals.patents).toBeLessThan(dash.totals.patents);
    // The filter bar and the summary name the county.
    expect(await page.getByTestId('filter-region').innerText()).toContain(county.name);
    expect(await page.locator('.zc-page').first().innerText()).toContain(`地区：${county.name}`);
    await page.waitForTimeout(800);
    await shot(page, 'county-dashboard');
  });

  // ───────────────────────────── 3. Excel export of a chart ─────────────────────────────

  it('3. 申请趋势 → 导出 Excel gives the same yearly numbers as the dashboard, with Chinese headers', async () => {
    const card = page.getByTestId('chart-application-trend');
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: /导出 Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const rows = await readXlsxRows(download);
    const text = rows.flat().filter((v) => typeof v === 'string').join('\n');
    expect(text).toContain(chainName);
    expect(text).toContain(county.name);
    const h = rows.findIndex((r) => r[0] === '申请年');
    expect(h, 'header row 申请年').toBeGreaterThan(0);
    expect(rows[h]!.slice(0, 5)).toEqual(['申请年', '发明（件）', '实用新型（件）', '外观设计（件）', '合计（件）']);
    const body = rows.slice(h + 1).filter((r) => typeof r[0] === 'number' || /^\d{4}$/.test(String(r[0])));
    const api = await apiGet<PatentDashboardDto>(page, `/api/patent-stats/dashboard?chainId=${chainId}&region=${county.code}`);
    const expected = [...api.applicationTrend].sort((a, b) => a.year - b.year)
      .map((r) => [r.year, r.invention, r.utilityModel, r.design, r.invention + r.utilityModel + r.design]);
    expect(body.map((r) => r.slice(0, 5).map(Number)).sort((a, b) => a[0]! - b[0]!)).toEqual(expected);
    const total = rows.find((r) => r[0] === '合计');
    expect(Number(total?.[4])).toBe(expected.reduce((s, r) => s + r[4]!, 0));
  });

  // ───────────────────────────── 4. search with the same filters, highlight, detail ─────────────────────────────

  it('4. 查看明细 opens 专利检索 with the same filters; a 2-character query highlights its hits; a patent shows IPC titles and the 高价值 checklist', async () => {
    const card = page.getByTestId('chart-application-trend');
    await card.getByRole('button', { name: /查看明细/ }).click();
    await page.waitForURL(new RegExp(`/admin/patents/search\\?chainId=${chainId}&region=${county.code}$`));
    const totalText = page.getByTestId('patent-total');
    const filtered = await apiGet<PatentSearchResultDto>(page, `/api/patents/search?chainId=${chainId}&region=${county.code}&pageSize=20`);
    await expect.poll(() => totalText.innerText()).toContain(`共 ${filtered.total.toLocaleString('zh-CN')} 条`);
    const countyDash = await apiGet<PatentDashboardDto>(page, `/api/patent-stats/dashboard?chainId=${chainId}&region=${county.code}`);
    // The list holds the patents the dashboard counted.
    expect.soft(filtered.total).toBe(countyDash.totals.patents);
    expect(await page.getByTestId('filter-region').innerText()).toContain(county.name);
    expect(await page.getByTestId('filter-chain').innerText()).toContain(chainName);
    await shot(page, 'search-filtered');

    // A two-character word taken from a title in the result: of a high-value invention if there is one (so the drawer below
    // shows a patent that counts), Chinese characters only, not the generic 一种.
    const pool = await apiGet<PatentSearchResultDto>(page, `/api/patents/search?chainId=${chainId}&region=${county.code}&pageSize=100`);
    const source = pool.items.find((i) => i.isHighValue) ?? pool.items.find((i) => i.patentType === 'invention') ?? pool.items[0]!;
    const chars = [...source.title];
    const pairs = chars.slice(0, -1).map((c, i) => c + chars[i + 1]).filter((w) => /^[\u4e00-\u9fff]{2}$/.test(w));
    const q = pairs.find((w) => !/[一种及其的]/.test(w)) ?? pairs[0]!;
    await page.getByPlaceholder(/输入专利名称、摘要或申请人/).fill(q);
    await page.getByPlaceholder(/输入专利名称、摘要或申请人/).press('Enter');
    await page.waitForURL(new RegExp(`[?&]q=${encodeURIComponent(q)}`));
    const hits = await apiGet<PatentSearchResultDto>(page, `/api/patents/search?q=${encodeURIComponent(q)}&chainId=${chainId}&region=${county.code}&pageSize=20`);
    expect(hits.total).toBeGreaterThan(0);
    await expect.poll(() => totalText.innerText()).toContain(`共 ${hits.total.toLocaleString('zh-CN')} 条`);
    const table = page.getByTestId('patent-results');
    await expect.poll(() => table.locator('mark').count()).toBeGreaterThan(0);
    const marks = await table.locator('mark').allInnerTexts();
    expect(marks.every((m) => m.toLowerCase() === q.toLowerCase()), marks.join('|')).toBe(true);
    // Every row on the page shows the word somewhere (title, abstract snippet or applicant).
    const rowTexts = await table.locator('tbody tr.ant-table-row').allInnerTexts();
    expect(rowTexts.length).toBe(Math.min(20, hits.total));
    for (const r of rowTexts) expect(r).toContain(q);
    await shot(page, 'search-highlight');

    // The detail drawer of a result: a high-value invention if the page has one, else an invention, else the first.
    let idx = hits.items.findIndex((i) => i.id === source.id);
    if (idx < 0) idx = hits.items.findIndex((i) => i.isHighValue);
    if (idx < 0) idx = hits.items.findIndex((i) => i.patentType === 'invention');
    if (idx < 0) idx = 0;
    const detail = await apiGet<PatentDetailDto>(page, `/api/patents/${hits.items[idx]!.id}`);
    timings.push(`search "${q}": ${hits.total} hits; detail of ${detail.appNo} (${detail.patentType}, 高价值 ${detail.highValue.isHighValue})`);
    await table.locator('tbody tr.ant-table-row').nth(idx).locator('a').first().click();
    const drawer = page.locator('.ant-drawer-section', { hasText: '高价值发明专利认定' });
    await drawer.waitFor();
    const d = await drawer.innerText();
    expect(d).toContain(detail.title);
    const titled = detail.ipcCodes.filter((c) => c.titleZh);
    expect(titled.length).toBeGreaterThan(0);
    for (const c of titled) {
      expect(d).toContain(c.code);
      expect(d).toContain(c.titleZh!);
    }
    expect(d).toContain('主分类号');
    // The five categories, each 符合 or 不符合, and the verdict.
    const checklist = ['sei', 'foreignFamily', 'over10Years', 'pledge', 'award'] as const;
    for (const cat of checklist) {
      const item = drawer.getByTestId(`hv-${cat}`);
      expect(await item.innerText()).toContain(detail.highValue.categories[cat] ? '符合' : '不符合');
    }
    expect(d).toMatch(detail.highValue.isHighValue ? /属于高价值发明专利/ : /不属于高价值发明专利/);
    // Demo records are labelled as such wherever they are shown.
    if (detail.dataSource !== 'import') expect(d).toMatch(/演示数据|合成数据/);
    await shot(page, 'patent-detail', VIEWPORT);
    await drawer.getByText('分类', { exact: true }).scrollIntoViewIfNeeded();
    await shot(page, 'patent-detail-ipc', VIEWPORT);
    await drawer.getByTestId('hv-award').scrollIntoViewIfNeeded();
    await shot(page, 'patent-detail-high-value', VIEWPORT);
  });
});
