/**
 * Portal first-load size: serve a built dist (SPA fallback, no API), open '/' in a fresh Chromium,
 * collect every .js response and sum the gzip (zlib level 9) size of each.
 *
 *   node apps/web/scripts/portal-first-load.mjs [distDir=apps/web/dist] [path=/] [--width=1366 --height=900] [--scroll]
 *
 * --scroll: afterwards scroll to the bottom of the page and count what the lazy sections load as well.
 * --click=<button text>: afterwards click that button (e.g. 使用期限计算器) and count what it loads as well.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flags = Object.fromEntries(args.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')).map(([k, v]) => [k, v ?? true]));
const positional = args.filter((a) => !a.startsWith('--'));
const dist = path.resolve(positional[0] ?? path.join(here, '..', 'dist'));
const pagePath = positional[1] ?? '/';
const viewport = { width: Number(flags.width ?? 1366), height: Number(flags.height ?? 900) };
const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.svg': 'image/svg+xml', '.json': 'application/json' };

const server = http.createServer((req, res) => {
  const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
  if (url.startsWith('/api/')) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"code":"NOT_FOUND","message":"无"}');
    return;
  }
  let file = path.join(dist, url);
  if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dist, 'index.html');
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport });
const files = new Map();
page.on('response', async (resp) => {
  const u = new URL(resp.url());
  if (!u.pathname.endsWith('.js')) return;
  files.set(u.pathname, null);
  try {
    const body = await resp.body();
    files.set(u.pathname, { raw: body.length, gz: zlib.gzipSync(body, { level: 9 }).length });
  } catch {
    /* ignore */
  }
});
await page.goto(`http://127.0.0.1:${port}${pagePath}`, { waitUntil: 'networkidle' });
await page.waitForTimeout(1000);
if (typeof flags.click === 'string') {
  await page.getByRole('button', { name: flags.click }).first().click();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500);
}
if (flags.scroll) {
  for (let i = 0; i < 20; i++) {
    await page.mouse.wheel(0, viewport.height);
    await page.waitForTimeout(150);
  }
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
}
await browser.close();
server.close();

let raw = 0;
let gz = 0;
const rows = [...files.entries()].sort((a, b) => (b[1]?.gz ?? 0) - (a[1]?.gz ?? 0));
for (const [p, s] of rows) {
  raw += s?.raw ?? 0;
  gz += s?.gz ?? 0;
  console.log(`${String(((s?.gz ?? 0) / 1024).toFixed(1)).padStart(8)} KB gz ${String(((s?.raw ?? 0) / 1024).toFixed(1)).padStart(8)} KB  ${p}`);
}
console.log(`${pagePath} at ${viewport.width}x${viewport.height}${flags.scroll ? ', scrolled to the bottom' : ''}${typeof flags.click === 'string' ? `, after clicking ${flags.click}` : ''}`);
console.log(`total: ${rows.length} files, ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip (level 9)`);
