import type { FileChild } from 'docx';
import { blankLine, chineseDate, docNoLine, organHeading, title as titleLine } from '../../lib/docx/gbt9704';
import type { LogEntry, Officer } from './documents.data';
import type { ServiceRecordRow } from './documents.repository';

/**
 * What every template shares: the options and result of a rendering, the law titles, and the small helpers that read a
 * record's action log. Templates are pure functions of a context (documents.data.ts) and these options.
 */

export interface RenderOptions {
  /** The 文号 of a numbered kind (kept on re-generation). */
  docNo: string | null;
  /** Today in China, for documents whose date is the day they are made. */
  today: string;
  /** 送达回证: the service record, and the 文号 of the document it served (when that document is in the system). */
  serviceRecord?: ServiceRecordRow;
  servedDocNo?: string | null;
}

export interface RenderedDocument {
  /** documents.title: the name, with the 文号 or the record number. */
  title: string;
  fileName: string;
  /** The issuing organ, for the file's properties. */
  creator: string;
  children: FileChild[];
  /** What was printed, with personal data masked (kept in documents.data). */
  snapshot: Record<string, unknown>;
}

// ---------- helpers ----------

export const LAW = {
  penalty: '《中华人民共和国行政处罚法》',
  complaints: '《市场监督管理投诉举报处理暂行办法》',
  publication: '《市场监督管理行政处罚信息公示规定》',
  trademark: '《中华人民共和国商标法》',
  patent: '《中华人民共和国专利法》',
  patentRules: '《中华人民共和国专利法实施细则》',
  patentAgency: '《专利代理条例》',
  shandongPatent: '《山东省专利条例》',
  mediation: '《中华人民共和国人民调解法》',
  civilProcedure: '《中华人民共和国民事诉讼法》',
  adminLitigation: '《中华人民共和国行政诉讼法》',
} as const;

export function lastEntry(log: LogEntry[], actions: string[]): LogEntry | undefined {
  for (let i = log.length - 1; i >= 0; i--) if (actions.includes(log[i]!.action)) return log[i];
  return undefined;
}

export function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/** The day an action took effect: the date its module recorded (data.on, e.g. 受理之日), else the day it was logged. */
export function dayOf(entry: LogEntry): string {
  const on = str(entry.data.on);
  return on && /^\d{4}-\d{2}-\d{2}$/.test(on) ? on : entry.on;
}

export function fileNameOf(label: string, ref: string | null): string {
  const base = ref ? `${label}（${ref}）` : label;
  return `${base.replace(/[\\/:*?"<>|\r\n]/g, '_')}.docx`;
}

/** 张三（执法证号 37090000000101）、李四（…） */
export function officersText(officers: Officer[]): string {
  if (officers.length === 0) return '';
  return officers.map((o) => (o.certNo ? `${o.name}（执法证号：${o.certNo}）` : o.name)).join('、');
}

/** An opinion cell: the recorded opinion with who gave it and when, or room to write it by hand. */
export function opinionLines(entry: LogEntry | undefined, lead: string | null, signer: string): string[] {
  if (!entry) return [lead ?? '', '', `${signer}：              年    月    日`];
  const lines = [lead, entry.note].filter((x): x is string => !!x);
  lines.push(`${signer}：${entry.actorName ?? ''}    ${chineseDate(dayOf(entry))}`);
  return lines;
}

export function contactLine(officers: Officer[], ctxOrgan: { address: string | null; phone: string | null }): string | null {
  const parts: string[] = [];
  if (officers.length > 0) parts.push(`联系人：${officers.map((o) => o.name).join('、')}`);
  if (ctxOrgan.phone) parts.push(`联系电话：${ctxOrgan.phone}`);
  if (ctxOrgan.address) parts.push(`地址：${ctxOrgan.address}`);
  return parts.length > 0 ? parts.join('    ') : null;
}

/** The head of a numbered document: organ, title, 文号. */
export function head(organ: string, docTitle: string, docNo: string | null): FileChild[] {
  const out: FileChild[] = [organHeading(organ), titleLine(docTitle)];
  if (docNo) out.push(docNoLine(docNo));
  out.push(blankLine());
  return out;
}

