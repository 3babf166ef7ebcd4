import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

/**
 * Charts for documents generated on the server (the quarterly patent report): the same ECharts option the web page
 * shows, rendered by ECharts' server-side SVG renderer (no DOM, no canvas; echarts.apache.org "Server Side Rendering")
 * and rasterised to PNG by resvg, because Word embeds PNG reliably and SVG only in recent versions.
 *
 * Chinese text needs a CJK font on the machine: Debian/Ubuntu `fonts-noto-cjk` (Noto Sans CJK SC), installed here and in
 * CI. Without one, resvg draws boxes for Chinese glyphs; the PNG is still produced and a warning is logged once.
 */

/** The font the chart text asks for first; resvg falls back through the system fonts for missing glyphs. */
export const CHART_FONT_FAMILY = 'Noto Sans CJK SC';
// Single quotes: ECharts writes the family into a double-quoted style attribute.
const FONT_STACK = `'${CHART_FONT_FAMILY}', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', SimHei, sans-serif`;

/** Font file names that carry simplified Chinese glyphs (Noto/Source Han, WenQuanYi, Droid fallback, Windows 雅黑/黑体/宋体). */
const CJK_FONT_FILE = /(cjk|sourcehansans|sourcehanserif|wqy|wenquanyi|droidsansfallback|msyh|simhei|simsun|simkai|simfang|pingfang|hiragino|notosanssc|notoserifsc)/i;

function fontDirs(): string[] {
  const home = os.homedir();
  return [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    path.join(home, '.fonts'),
    path.join(home, '.local/share/fonts'),
    '/System/Library/Fonts',
    '/Library/Fonts',
    path.join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts'),
  ];
}

function hasCjkFont(dir: string, depth = 0): boolean {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const e of entries) {
    if (e.isFile() && CJK_FONT_FILE.test(e.name) && /\.(ttf|ttc|otf|otc)$/i.test(e.name)) return true;
  }
  if (depth >= 4) return false;
  return entries.some((e) => e.isDirectory() && hasCjkFont(path.join(dir, e.name), depth + 1));
}

let cjkChecked = false;
/** Looks for a CJK font once per process and warns when there is none (Chinese would render as boxes). */
function warnOnceWithoutCjkFont(): void {
  if (cjkChecked) return;
  cjkChecked = true;
  if (!fontDirs().some((d) => hasCjkFont(d))) {
    console.warn('图表渲染：系统中未找到中文字体（如 fonts-noto-cjk），报告图表中的汉字将显示为方框。请安装 fonts-noto-cjk 后重新生成报告。');
  }
}

/**
 * An ECharts option rendered on the server (SSR SVG, animation off) and rasterised to PNG at `scale` (default 2, so
 * the image stays sharp when Word scales it to the text width). Returns the PNG bytes: width × scale by height × scale.
 */
export async function renderChartPng(option: object, opts: { width: number; height: number; scale?: number }): Promise<Buffer> {
  warnOnceWithoutCjkFont();
  const scale = opts.scale ?? 2;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: opts.width, height: opts.height });
  let svg: string;
  try {
    chart.setOption({
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT_STACK },
      ...(option as Record<string, unknown>),
      // A document is a still picture: no animation (SSR would otherwise capture the first frame).
      animation: false,
    });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(opts.width * scale) },
    font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
    background: '#ffffff',
    logLevel: 'off',
  });
  return Buffer.from(resvg.render().asPng());
}
