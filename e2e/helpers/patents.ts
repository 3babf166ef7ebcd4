import ExcelJS from 'exceljs';
import type { Download, Locator, Page } from 'playwright-core';

/** One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. */
function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A UTF-8 CSV (with BOM, as Excel and the usual export tools write it) from a header row and rows keyed by header. */
export function toCsv(headers: string[], rows: Record<string, string>[]): Buffer {
  const lines = [headers.map(csvCell).join(',')];
  for (const r of rows) lines.push(headers.map((h) => csvCell(r[h] ?? '')).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

/** The cells of every row of the first (or the named) sheet of a downloaded .xlsx, as display text (numbers as numbers). */
export async function readXlsxRows(download: Download, sheetName?: string): Promise<(string | number | null)[][]> {
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!ws) throw new Error(`sheet ${sheetName ?? '#1'} not found in ${download.suggestedFilename()}`);
  const out: (string | number | null)[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: (string | number | null)[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value;
      if (v === null || v === undefined) cells.push(null);
      else if (typeof v === 'number' || typeof v === 'string') cells.push(v);
      else if (typeof v === 'object' && 'richText' in v) cells.push(v.richText.map((t) => t.text).join(''));
      else if (typeof v === 'object' && 'result' in v) cells.push((v.result as number | string) ?? null);
      else cells.push(String(v));
    }
    out.push(cells);
  });
  return out;
}

/** A JSON GET from inside the page (the user's session cookie), as the page itself would ask the API. */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) throw new Error(`${p} → ${res.status} ${await res.text()}`);
    return res.json();
  }, path) as Promise<T>;
}

/** The text of the ECharts tooltip shown inside a chart card (ECharts puts it in the chart's container), '' when hidden. */
async function tooltipText(card: Locator): Promise<string> {
  return card.evaluate((el) => {
    for (const d of el.querySelectorAll<HTMLElement>('div')) {
      if (d.style.zIndex === '9999999' && d.style.visibility !== 'hidden' && d.style.opacity !== '0' && d.innerText.trim()) return d.innerText.trim();
    }
    return '';
  });
}

/** Whether ECharts shows the hand cursor (zrender sets it inline on its root when the pointer is over a clickable shape). */
async function pointerCursor(card: Locator): Promise<boolean> {
  return card.evaluate((el) => [...el.querySelectorAll<HTMLElement>('div')].some((d) => d.style.cursor === 'pointer'));
}

/**
 * Hovers across a category bar chart (canvas) the way a user moves the mouse along it, reading the axis tooltip:
 * returns the x ranges (page coordinates) of each category name seen, and the tooltips' texts.
 */
export async function scanCategoryAxis(page: Page, card: Locator): Promise<{ bands: Map<string, { from: number; to: number }>; tips: string[] }> {
  const canvas = card.locator('canvas').first();
  const box = (await canvas.boundingBox())!;
  const bands = new Map<string, { from: number; to: number }>();
  const tips: string[] = [];
  const y = box.y + box.height * 0.6;
  for (let x = box.x + 4; x < box.x + box.width - 4; x += 6) {
    await page.mouse.move(x, y);
    const tip = await tooltipText(card);
    if (!tip) continue;
    tips.push(tip);
    const name = tip.split('\n')[0]!.trim();
    const band = bands.get(name);
    if (band) band.to = x;
    else bands.set(name, { from: x, to: x });
  }
  return { bands, tips };
}

/**
 * Clicks a bar of the category `name` in a canvas bar chart: inside the category's band, from the axis upwards, moves the
 * mouse until ECharts shows the hand cursor (the pointer is on a bar), then clicks there. Returns false when no bar was found.
 */
export async function clickCategoryBar(page: Page, card: Locator, name: string): Promise<boolean> {
  const canvas = card.locator('canvas').first();
  const box = (await canvas.boundingBox())!;
  const { bands } = await scanCategoryAxis(page, card);
  const band = bands.get(name);
  if (!band) return false;
  for (let y = box.y + box.height - 20; y > box.y + box.height * 0.3; y -= 4) {
    for (let x = band.from; x <= band.to; x += 3) {
      await page.mouse.move(x, y);
      if (await pointerCursor(card)) {
        await page.mouse.click(x, y);
        return true;
      }
    }
  }
  return false;
}

/** The KPI tiles of 专利分析 as label → number (the label without its unit suffix handling: as shown). */
export async function readTiles(tiles: Locator): Promise<Record<string, number>> {
  const texts = await tiles.locator(':scope > div').allInnerTexts();
  const out: Record<string, number> = {};
  for (const t of texts) {
    const [label, value] = t.split('\n').map((s) => s.trim());
    if (label && value !== undefined) out[label] = value === '—' ? NaN : Number(value.replace(/,/g, ''));
  }
  return out;
}
