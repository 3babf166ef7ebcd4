/**
 * 调解统计 as an Excel workbook, one sheet per breakdown (总体情况, 按来源, 按调解员, 诉调对接), each with a merged title row
 * naming the scope, the period on the second row, bold bordered headers, right-aligned numbers and a 合计 row, the way
 * the enforcement statistics are laid out (statistics.xlsx.ts).
 */
import ExcelJS from 'exceljs';
import type { MediationStatsDto } from '@zhichan/shared';

const FONT = '宋体';
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const COUNT = '#,##0';

interface Column {
  header: string;
  width: number;
  numFmt?: string;
}

type Cell = string | number | null;

export function mediationStatsFileName(s: MediationStatsDto): string {
  return `知识产权纠纷调解统计${s.from}至${s.to}.xlsx`;
}

function sheet(wb: ExcelJS.Workbook, name: string, title: string, s: MediationStatsDto, cols: Column[], rows: Cell[][], total?: Cell[]): void {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' },
  });
  ws.columns = cols.map((c) => ({ width: c.width }));
  const last = cols.length;
  ws.mergeCells(1, 1, 1, last);
  const t = ws.getCell(1, 1);
  t.value = `${s.scopeLabel}知识产权纠纷调解统计（${title}）`;
  t.font = { name: FONT, size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells(2, 1, 2, last);
  const meta = ws.getCell(2, 1);
  meta.value = `统计范围：${s.scopeLabel}　　统计期间：${s.from} 至 ${s.to}（按申请或收到委派、委托日期）`;
  meta.font = { name: FONT, size: 10 };
  ws.getRow(2).height = 20;
  const header = ws.getRow(3);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 10, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  header.height = 28;
  const write = (values: Cell[], bold: boolean) => {
    const row = ws.addRow(values.map((v) => (v === null ? '—' : v)));
    cols.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.border = THIN;
      cell.font = { name: FONT, size: 10, bold };
      if (i === 0) cell.alignment = { horizontal: bold ? 'center' : 'left', vertical: 'middle' };
      else {
        cell.alignment = { horizontal: 'right', vertical: 'middle' };
        if (c.numFmt && typeof cell.value === 'number') cell.numFmt = c.numFmt;
      }
    });
  };
  for (const r of rows) write(r, false);
  if (total) write(total, true);
}

export async function mediationStatsWorkbook(s: MediationStatsDto): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhichan';

  sheet(wb, '总体情况', '总体情况', s, [
    { header: '项目', width: 30 },
    { header: '数值', width: 16 },
  ], [
    ['调解案件（件）', s.total],
    ...s.byOutcome.map((o): Cell[] => [`其中：${o.label}（件）`, o.count]),
    ['调解成功率（达成协议 ÷（达成协议 + 调解终止））', s.successRate],
    ['平均用时（日，申请至协议生效或终止）', s.averageDurationDays],
    ['协议金额（元）', s.amountAgreed],
  ]);
  // Number formats of the summary sheet by row.
  const summary = wb.getWorksheet('总体情况')!;
  summary.eachRow((row, i) => {
    if (i <= 3) return;
    const cell = row.getCell(2);
    if (typeof cell.value !== 'number') return;
    const label = String(row.getCell(1).value ?? '');
    cell.numFmt = label.startsWith('调解成功率') ? '0.0%' : label.startsWith('平均用时') ? '0.0' : label.startsWith('协议金额') ? '#,##0.00' : COUNT;
  });

  const sum = (k: 'total' | 'agreement' | 'terminated' | 'refused' | 'open') => s.bySource.reduce((a, r) => a + r[k], 0);
  sheet(wb, '按来源', '按来源', s, [
    { header: '来源', width: 22 },
    { header: '合计（件）', width: 12, numFmt: COUNT },
    { header: '达成协议（件）', width: 14, numFmt: COUNT },
    { header: '调解终止（件）', width: 14, numFmt: COUNT },
    { header: '不予调解（件）', width: 14, numFmt: COUNT },
    { header: '办理中（件）', width: 12, numFmt: COUNT },
  ], s.bySource.map((r) => [r.label, r.total, r.agreement, r.terminated, r.refused, r.open]), ['合计', sum('total'), sum('agreement'), sum('terminated'), sum('refused'), sum('open')]);

  sheet(wb, '按调解员', '按调解员', s, [
    { header: '调解员', width: 16 },
    { header: '参与调解（件）', width: 14, numFmt: COUNT },
    { header: '达成协议（件）', width: 14, numFmt: COUNT },
    { header: '平均用时（日）', width: 14, numFmt: '0.0' },
  ], s.byMediator.map((r) => [r.name, r.count, r.agreements, r.averageDurationDays]));

  sheet(wb, '诉调对接', '诉调对接', s, [
    { header: '项目', width: 36 },
    { header: '件数', width: 12, numFmt: COUNT },
  ], [
    ['人民法院委派、委托调解（件）', s.court.total],
    ['在法院确定的调解期限内办结（件）', s.court.withinPeriod],
    ['超过调解期限办结（件）', s.court.afterPeriod],
    ['尚在办理（件）', s.court.open],
  ]);

  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
