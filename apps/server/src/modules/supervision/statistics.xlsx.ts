/**
 * The enforcement statistics as an Excel return (统计报表), laid out the way county bureaus file their returns
 * (user-expectations §4.2): a merged title row, a 制表单位 / 统计期间 / 制表日期 line, bold bordered headers with units,
 * right-aligned numbers with formats, a 合计 row, column widths, the header frozen, and the definitions as notes below.
 */
import ExcelJS from 'exceljs';
import { STAT_METRICS, STATISTICS_GROUP_BY, type EnforcementStatisticsDto, type StatisticsRowDto } from '@zhichan/shared';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

const FONT = '宋体';

interface Column {
  header: string;
  width: number;
  value: (r: StatisticsRowDto) => number | string | null;
  numFmt?: string;
}

const GROUP_HEADER = { unit: '单位', month: '月份', type: '类型' } as const;

function columns(groupBy: EnforcementStatisticsDto['groupBy']): Column[] {
  const count = '#,##0';
  return [
    { header: GROUP_HEADER[groupBy], width: groupBy === 'unit' ? 30 : 14, value: (r) => r.label },
    { header: '收到诉求/线索（件）', width: 14, value: (r) => r.received, numFmt: count },
    { header: '投诉受理（件）', width: 12, value: (r) => r.accepted, numFmt: count },
    { header: '线索核查完成（件）', width: 14, value: (r) => r.leadsVerified, numFmt: count },
    { header: '立案（件）', width: 10, value: (r) => r.casesFiled, numFmt: count },
    { header: '诉转案（件）', width: 11, value: (r) => r.complaintToCase, numFmt: count },
    { header: '罚没金额（万元）', width: 14, value: (r) => r.fineWan, numFmt: '#,##0.00' },
    { header: '移送公安（件）', width: 12, value: (r) => r.transferredToPolice, numFmt: count },
    { header: '结案（件）', width: 10, value: (r) => r.closedCases, numFmt: count },
    { header: '平均办结工作日', width: 14, value: (r) => r.avgWorkingDaysToClose, numFmt: '0.0' },
    { header: '按期办结率', width: 12, value: (r) => r.onTimeRate, numFmt: '0.0%' },
  ];
}

export function statisticsFileName(s: EnforcementStatisticsDto): string {
  return `知识产权执法统计表（${STATISTICS_GROUP_BY[s.groupBy]}）${s.from}至${s.to}.xlsx`;
}

export async function statisticsWorkbook(s: EnforcementStatisticsDto, organName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhichan';
  wb.created = new Date(`${s.preparedOn}T00:00:00+08:00`);
  const cols = columns(s.groupBy);
  const ws = wb.addWorksheet('执法统计', {
    views: [{ state: 'frozen', ySplit: 3, xSplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' },
  });
  ws.columns = cols.map((c) => ({ width: c.width }));
  const last = cols.length;

  // Row 1: the title, merged across the table.
  ws.mergeCells(1, 1, 1, last);
  const title = ws.getCell(1, 1);
  title.value = `${organName}知识产权执法统计表（${STATISTICS_GROUP_BY[s.groupBy]}）`;
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;

  // Row 2: 制表单位, 统计期间, 制表日期.
  ws.mergeCells(2, 1, 2, last);
  const meta = ws.getCell(2, 1);
  meta.value = `制表单位：${s.preparedBy || organName}　　统计期间：${s.from} 至 ${s.to}　　制表日期：${s.preparedOn}`;
  meta.font = { name: FONT, size: 10 };
  meta.alignment = { horizontal: 'left', vertical: 'middle' };
  ws.getRow(2).height = 20;

  // Row 3: headers.
  const header = ws.getRow(3);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 10, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  header.height = 32;

  const writeRow = (r: StatisticsRowDto, bold: boolean) => {
    const row = ws.addRow(cols.map((c) => c.value(r)));
    cols.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.border = THIN;
      cell.font = { name: FONT, size: 10, bold };
      if (i === 0) {
        cell.alignment = { horizontal: bold ? 'center' : 'left', vertical: 'middle' };
      } else {
        cell.alignment = { horizontal: 'right', vertical: 'middle' };
        if (c.numFmt) cell.numFmt = c.numFmt;
        // An average or a rate with nothing to average is shown as a dash, not as 0.
        if (cell.value === null) cell.value = '—';
      }
    });
  };
  for (const r of s.rows) writeRow(r, false);
  writeRow(s.total, true);

  // Notes: what each column counts (统计口径).
  ws.addRow([]);
  const notesStart = ws.rowCount + 1;
  ws.addRow(['填报说明：']).getCell(1).font = { name: FONT, size: 9, bold: true };
  STAT_METRICS.forEach((m, i) => {
    const row = ws.addRow([`${i + 1}. ${m.label}：${m.definition}。`]);
    ws.mergeCells(row.number, 1, row.number, last);
    row.getCell(1).font = { name: FONT, size: 9 };
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  });
  ws.getCell(notesStart, 1).alignment = { horizontal: 'left' };

  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
