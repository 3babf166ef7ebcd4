import { maskIdNo, maskName, organCode } from '@zhichan/shared';
import type { Deps } from '../../deps';
import type { Executor } from '../../db/database';
import { AppError } from '../../errors';
import { documentsRepository as repo, type CaseRow, type LeadRow, type ServiceRecordRow } from './documents.repository';

/**
 * What a template needs, read from the record's tables in the generating transaction. Templates are pure functions of
 * this context, so they are tested without a database and the documents row keeps a snapshot of what was printed.
 */

/** The bureau in whose name a document is issued (a 市场监管所 issues in its county bureau's name). */
export interface Organ {
  unitId: number;
  name: string;
  cityName: string;
  countyName: string | null;
  /** 机关代字 (泰岱市监). */
  code: string;
  /** 行政复议机关: 行政复议法 (2023) 第二十四条, the people's government at the bureau's own level. */
  reviewBody: string;
  address: string | null;
  phone: string | null;
}

export interface Officer {
  userId: number | null;
  name: string;
  certNo: string | null;
}

/** One entry of a record's action log, as the templates read it. */
export interface LogEntry {
  action: string;
  fromStatus: string | null;
  toStatus: string;
  reasonCode: string | null;
  note: string | null;
  data: Record<string, unknown>;
  actorId: number | null;
  actorName: string | null;
  /** Date in China (YYYY-MM-DD). */
  on: string;
}

export interface LeadContext {
  entityType: 'lead';
  lead: LeadRow;
  organ: Organ;
  log: LogEntry[];
  /** The complainant's or reporter's name (decrypted: notices are addressed to them); null when anonymous. */
  informantName: string | null;
  /** The portal submission the lead came from (登记编号 and the date it was received). */
  submission: { receiptNo: string; receivedOn: string } | null;
  /** Officers of the handling unit who acted on the lead, with their certificates (核查人). */
  officers: Officer[];
}

export interface EvidenceItem {
  kind: string;
  title: string;
  collectedOn: string;
  collectedBy: string;
  note: string | null;
}

export interface CaseContext {
  entityType: 'case';
  kase: CaseRow;
  organ: Organ;
  log: LogEntry[];
  handlers: Officer[];
  evidence: EvidenceItem[];
  /** The lead the case was filed on (案源). */
  lead: LeadRow | null;
  leadLog: LogEntry[];
  /** A natural person's ID number, decrypted only for the forms that print it (决定书, 立案审批表). */
  partyIdNo: string | null;
  /** The current 行政处罚告知书 (its 文号 and date), which the decision refers to. */
  notice: { docNo: string | null; on: string } | null;
}

export type RecordContext = LeadContext | CaseContext;

/** Date in China of an instant (UTC+8, no daylight saving). */
export function chinaDay(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function placeOf(bureauName: string): string {
  return bureauName.replace(/市场监督管理局.*$/, '').replace(/（.*）$/, '');
}

/** The issuing bureau of a unit: the unit itself when it is a bureau, else its nearest bureau above. */
export async function organOf(ex: Executor, unitId: number): Promise<Organ> {
  const chain = await repo.unitChain(ex, unitId);
  const bureau = chain.find((u) => u.kind === 'countyBureau' || u.kind === 'cityBureau');
  const city = chain.find((u) => u.kind === 'cityBureau') ?? chain.at(-1);
  if (!bureau || !city) throw new AppError('INTERNAL', { message: '找不到制发文书的机关' });
  const county = bureau.kind === 'countyBureau' ? bureau : null;
  const cityPlace = placeOf(city.name);
  const countyPlace = county ? placeOf(county.name) : null;
  // A district (区) is named with its city (泰安市岱岳区人民政府); a county or county-level city stands alone (宁阳县人民政府).
  const government = countyPlace ? (countyPlace.endsWith('区') ? `${cityPlace}${countyPlace}` : countyPlace) : cityPlace;
  return {
    unitId: bureau.id,
    name: bureau.name,
    cityName: city.name,
    countyName: county?.name ?? null,
    code: organCode(city.name, county?.name ?? null),
    reviewBody: `${government}人民政府`,
    address: bureau.address,
    phone: bureau.phone,
  };
}

function dataOf(raw: unknown): Record<string, unknown> {
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as Record<string, unknown>;
  if (typeof raw === 'string') {
    try {
      const v = JSON.parse(raw) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return {};
}

function safeDecrypt(deps: Deps, enc: string | null | undefined): string | null {
  if (!enc) return null;
  try {
    return deps.cipher.decrypt(enc);
  } catch {
    return null;
  }
}

async function leadLogOf(ex: Executor, leadId: number): Promise<LogEntry[]> {
  return (await repo.leadActions(ex, leadId)).map((a) => ({
    action: a.action,
    fromStatus: a.fromStatus,
    toStatus: a.toStatus,
    reasonCode: a.reasonCode,
    note: a.note,
    data: { ...dataOf(a.data), unitId: a.unitId },
    actorId: a.actorId,
    actorName: a.actorName,
    on: chinaDay(a.at),
  }));
}

export async function loadLeadContext(ex: Executor, deps: Deps, lead: LeadRow): Promise<LeadContext> {
  const [organ, log] = await Promise.all([organOf(ex, lead.unitId), leadLogOf(ex, lead.id)]);
  let informantName = safeDecrypt(deps, lead.informantNameEnc);
  let submission: LeadContext['submission'] = null;
  if (lead.submissionId !== null) {
    const s = await repo.submission(ex, lead.submissionId);
    if (s) {
      submission = { receiptNo: s.receiptNo, receivedOn: chinaDay(s.createdAt) };
      if (!informantName && !s.anonymous) informantName = s.organizationName ?? safeDecrypt(deps, s.submitterNameEnc);
    }
  }
  // The officers of the handling unit who acted on the lead (the log keeps names; certificates come from the accounts).
  const actorIds = [...new Set(log.filter((e) => e.actorId !== null && e.data.unitId === lead.unitId).map((e) => e.actorId!))];
  const certs = new Map((await repo.usersCerts(ex, actorIds)).map((u) => [u.id, u]));
  const officers = actorIds
    .map((id) => certs.get(id))
    .filter((u): u is NonNullable<typeof u> => !!u && !!u.lawEnforcementCertNo)
    .map((u) => ({ userId: u.id, name: u.displayName, certNo: u.lawEnforcementCertNo }));
  return { entityType: 'lead', lead, organ, log, informantName, submission, officers };
}

export async function loadCaseContext(ex: Executor, deps: Deps, kase: CaseRow, opts: { withIdNo: boolean }): Promise<CaseContext> {
  const [organ, actions, handlers, evidence, lead, notice] = await Promise.all([
    organOf(ex, kase.unitId),
    repo.caseActions(ex, kase.id),
    repo.caseHandlers(ex, kase.id),
    repo.caseEvidence(ex, kase.id),
    kase.leadId !== null ? repo.unsafeLead(ex, kase.leadId) : Promise.resolve(undefined),
    repo.current(ex, 'case', kase.id, 'penaltyNotice'),
  ]);
  const log: LogEntry[] = actions.map((a) => ({
    action: a.action,
    fromStatus: a.fromStatus,
    toStatus: a.toStatus,
    reasonCode: null,
    note: a.note,
    data: dataOf(a.data),
    actorId: a.actorId,
    actorName: a.actorName,
    on: chinaDay(a.at),
  }));
  return {
    entityType: 'case',
    kase,
    organ,
    log,
    handlers: handlers.map((h) => ({ userId: h.userId, name: h.displayName, certNo: h.certNo })),
    evidence: evidence.map((e) => ({ kind: e.kind, title: e.title, collectedOn: e.collectedOn, collectedBy: e.collectedBy, note: e.note })),
    lead: lead ?? null,
    leadLog: lead ? await leadLogOf(ex, lead.id) : [],
    partyIdNo: opts.withIdNo && kase.partyKind === 'person' ? safeDecrypt(deps, kase.partyIdNoEnc) : null,
    notice: notice ? { docNo: notice.docNo, on: chinaDay(notice.generatedAt) } : null,
  };
}

/** The service record of a 送达回证, which must belong to the record. */
export async function loadServiceRecord(ex: Executor, entityType: string, entityId: number, id: number): Promise<ServiceRecordRow> {
  const r = await repo.serviceRecord(ex, id);
  if (!r || r.entityType !== entityType || r.entityId !== entityId) throw new AppError('NOT_FOUND', { message: '送达记录不存在或不属于该记录' });
  return r;
}

/** Masked forms of the personal data a context holds, for the snapshot kept in documents.data. */
export function maskedName(name: string | null): string | null {
  return name ? maskName(name) : null;
}
export function maskedIdNo(idNo: string | null): string | null {
  return idNo ? maskIdNo(idNo) : null;
}
