import type { IpType, SubmissionKind } from '@zhichan/shared';
import { A4, MM, PdfDocument, wrapText } from '../../lib/pdf-lite';
import { PRIVACY_NOTE, RESPONDENT_LABEL, chinaDateTime, chineseDate, ipTypeLabel, kindLabel } from './submissions.texts';

export interface ReceiptData {
  unitName: string;
  unitPhone: string | null;
  kind: SubmissionKind;
  ipType: IpType;
  receiptNo: string;
  lookupCode: string;
  respondentName: string;
  submittedAt: string;
  nextStep: string;
  dueOn: string | null;
  provisional: boolean;
  basis: string;
  generatedAt: string;
}

/** The printable receipt (回执) of a submission: A4, one page, a table of the facts and the notes below it. */
export function renderReceiptPdf(r: ReceiptData): Buffer {
  const kind = kindLabel(r.kind);
  const doc = new PdfDocument({ title: `${kind}登记回执 ${r.receiptNo}`, author: r.unitName, subject: '网上诉求登记回执', createdAt: new Date(r.generatedAt) });
  const page = doc.addPage();
  const left = 25 * MM;
  const right = A4.width - 25 * MM;
  const width = right - left;

  let y = 30 * MM;
  page.text(A4.width / 2, y, r.unitName, { size: 14, align: 'center' });
  y += 12 * MM;
  page.text(A4.width / 2, y, `${kind}登记回执`, { size: 22, align: 'center' });
  y += 6 * MM;
  page.line(left, y, right, y, { width: 1.2, color: [0.7, 0.1, 0.1] });
  y += 10 * MM;

  const due = r.dueOn ? `${chineseDate(r.dueOn)}前${r.provisional ? '（该年度节假日安排尚未公布，日期为暂估）' : ''}` : '—';
  const rows: [string, string][] = [
    ['受理编号', r.receiptNo],
    ['查询码', r.lookupCode],
    ['诉求类别', kind],
    ['知识产权类型', ipTypeLabel(r.ipType)],
    [RESPONDENT_LABEL[r.kind], r.respondentName],
    ['提交时间', `${chinaDateTime(r.submittedAt)}（北京时间）`],
    ['受理机构', r.unitName],
    ['下一步', r.nextStep],
    ['预计办理时限', due],
    ['期限依据', r.basis],
  ];
  const labelW = 34 * MM;
  const size = 11;
  const pad = 3 * MM;
  const leading = size * 1.5;
  const tableTop = y;
  // Measure first, then paint the label column's fill, then the text and the rules on top of it.
  const laid = rows.map(([label, value]) => {
    const lines = wrapText(value, size, width - labelW - 2 * pad);
    return { label, lines, h: Math.max(1, lines.length) * leading + 2 * pad - (leading - size) };
  });
  const tableH = laid.reduce((n, r) => n + r.h, 0);
  page.rect(left, tableTop, labelW, tableH, { fill: 0.93, stroke: false });
  page.line(left, y, right, y);
  for (const { label, lines, h } of laid) {
    page.text(left + pad, y + pad + size * 0.88, label, { size, color: 0.25 });
    const emphasis = label === '受理编号' || label === '查询码';
    lines.forEach((line, i) => page.text(left + labelW + pad, y + pad + size * 0.88 + i * leading, line, { size: emphasis ? 13 : size }));
    y += h;
    page.line(left, y, right, y, { width: 0.4 });
  }
  page.line(left + labelW, tableTop, left + labelW, y, { width: 0.4 });
  // outer frame: the rows were drawn top to bottom; close the left and right edges
  page.line(left, tableTop, left, y).line(right, tableTop, right, y);

  y += 9 * MM;
  const notes: [string, string][] = [
    ['进度查询', `请登录本局门户网站“进度查询”栏目，输入受理编号和查询码，即可查看登记、分派、受理、核查、办结等办理进度和结果；办结后可对办理情况作出评价。${r.unitPhone ? `咨询电话：${r.unitPhone}。` : ''}`],
    ['请妥善保管', '查询码只在本回执上显示，工作人员不会向您索要查询码。遗失后无法找回，请打印或截图保存本回执。'],
    ['个人信息保护', PRIVACY_NOTE],
  ];
  for (const [title, text] of notes) {
    page.text(left, y, `【${title}】`, { size: 11, color: [0.6, 0.1, 0.1] });
    y = page.paragraph(left + 2 * MM, y + 6.5 * MM, text, width - 2 * MM, { size: 10.5, leading: 17 });
    y += 3 * MM;
  }

  page.line(left, A4.height - 22 * MM, right, A4.height - 22 * MM, { width: 0.4, color: 0.6 });
  page.text(left, A4.height - 16 * MM, `本回执由系统自动生成，生成时间：${chinaDateTime(r.generatedAt)}`, { size: 9, color: 0.4 });
  page.text(right, A4.height - 16 * MM, r.receiptNo, { size: 9, color: 0.4, align: 'right' });
  return doc.toBuffer();
}
