import { describe, expect, it } from 'vitest';
import { renderChartPng } from './chart-image';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which follows the signature (bytes 16-23). */
function pngSize(png: Buffer) {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const option = {
  title: { text: '专利申请趋势', left: 'center' },
  legend: { bottom: 0, data: ['发明', '实用新型'] },
  xAxis: { type: 'category', data: ['2024年', '2025年', '2026年'] },
  yAxis: { type: 'value', name: '件' },
  series: [
    { name: '发明', type: 'bar', data: [5, 8, 12] },
    { name: '实用新型', type: 'line', data: [3, 9, 4] },
  ],
};

describe('renderChartPng (ECharts SSR → resvg)', () => {
  it('returns a PNG of the requested size times the scale (default 2)', async () => {
    const png = await renderChartPng(option, { width: 400, height: 240 });
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 800, height: 480 });
  });

  it('honours an explicit scale, and animation settings of the option do not matter', async () => {
    const png = await renderChartPng({ ...option, animation: true }, { width: 300, height: 200, scale: 1 });
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 300, height: 200 });
  });

  it('an empty option still gives an (empty, white) picture rather than an error', async () => {
    const png = await renderChartPng({}, { width: 100, height: 50, scale: 1 });
    expect(pngSize(png)).toEqual({ width: 100, height: 50 });
  });
});
