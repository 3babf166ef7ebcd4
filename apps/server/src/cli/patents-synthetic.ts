/**
 * npx tsx apps/server/src/cli/patents-synthetic.ts --count 1000000 --out /tmp/synthetic-1m.csv [--format csv|xlsx] [--city 3709] [--seed 1] [--start-seq 0]
 *
 * Writes synthetic patents (合成数据, see modules/patents/patent-synthetic.ts) in the Chinese export layout, for load
 * tests and benchmarks. Streams to disk: a 1M-row file is never held in memory. The file name must start with
 * "synthetic-" so that the file is recognisable as synthetic wherever it ends up; every row also says 合成数据 in its
 * 数据来源 column.
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { SYNTHETIC_HEADERS, syntheticPatentRows } from '../modules/patents/patent-synthetic';
import { CliRefusal, runCli } from './backup.lib';

const USAGE = '用法：patents-synthetic --count <行数> --out <synthetic-*.csv|xlsx> [--format csv|xlsx] [--city 3709] [--seed 1] [--start-seq 0]';

function args(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new CliRefusal(`无法识别的参数 ${a}\n${USAGE}`);
    const eq = a.indexOf('=');
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new CliRefusal(`参数 ${a} 缺少取值\n${USAGE}`);
      out[a.slice(2)] = v;
      i++;
    }
  }
  return out;
}

/** RFC 4180 quoting, only where needed. */
function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

runCli(async () => {
  const a = args(process.argv.slice(2));
  const count = Number(a.count);
  if (!Number.isInteger(count) || count < 1) throw new CliRefusal(`--count 应为正整数\n${USAGE}`);
  const out = a.out;
  if (!out) throw new CliRefusal(`缺少 --out\n${USAGE}`);
  const format = a.format ?? (out.endsWith('.xlsx') ? 'xlsx' : 'csv');
  if (format !== 'csv' && format !== 'xlsx') throw new CliRefusal('--format 只能是 csv 或 xlsx');
  if (!path.basename(out).startsWith('synthetic-')) throw new CliRefusal('输出文件名须以 synthetic- 开头（合成数据须一眼可辨）');
  // One worksheet holds at most 1,048,576 rows (Excel's limit), header included.
  if (format === 'xlsx' && count > 1_048_575) throw new CliRefusal('xlsx 单个工作表最多 1,048,575 行数据，请改用 csv');
  const city = a.city ?? '3709';
  const seed = Number(a.seed ?? 1);
  const startSeq = Number(a['start-seq'] ?? 0);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });

  const t0 = Date.now();
  const rows = syntheticPatentRows({ count, seed, cityCode: city, startSeq });
  let n = 0;
  const progress = () => {
    if (n % 100_000 === 0) console.error(`  ${n.toLocaleString('en-US')} 行 …`);
  };
  if (format === 'csv') {
    const ws = fs.createWriteStream(out);
    // UTF-8 with BOM: Excel opens it as UTF-8; the importer strips the BOM.
    let buf = `\uFEFF${SYNTHETIC_HEADERS.map(csvCell).join(',')}\r\n`;
    for (const r of rows) {
      buf += `${SYNTHETIC_HEADERS.map((h) => csvCell(r[h] ?? '')).join(',')}\r\n`;
      n++;
      if (buf.length > 1 << 20) {
        if (!ws.write(buf)) await once(ws, 'drain');
        buf = '';
      }
      progress();
    }
    ws.end(buf);
    await once(ws, 'finish');
  } else {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: false, useSharedStrings: false });
    const sheet = wb.addWorksheet('合成数据');
    sheet.addRow(SYNTHETIC_HEADERS).commit();
    for (const r of rows) {
      sheet.addRow(SYNTHETIC_HEADERS.map((h) => r[h] ?? '')).commit();
      n++;
      progress();
    }
    sheet.commit();
    await wb.commit();
  }
  const s = (Date.now() - t0) / 1000;
  console.log(`已生成合成专利数据 ${n.toLocaleString('en-US')} 行 → ${out}（${(fs.statSync(out).size / 2 ** 20).toFixed(1)} MiB，${s.toFixed(1)} 秒，城市 ${city}，种子 ${seed}）`);
  return 0;
});
