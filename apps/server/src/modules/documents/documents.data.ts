import { maskIdNo, maskName, organCode } from '@zhichan/shared';
import type { Deps } from '../../deps';
import type { Executor } from '../../db/database';
import { AppError } from '../../errors';
import {
  documentsRepository as repo,
  type AdjudicationRow,
  type CaseRow,
  type LeadRow,
  type MediationRow,
  type ServiceRecordRow,
} from './documents.repository';

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
  /** The bureau's place as its government is named (泰安市, 泰安市岱岳区, 宁阳县). */
  place: string;
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

/** A member of an adjudication's 合议组. */
export interface PanelMember {
  userId: number;
  name: string;
  role: 'chief' | 'member';
  certNo: string | null;
}

/** The version of a deadline rule a document states (the number and its source are rule data, never code). */
export interface PeriodRule {
  amount: number;
  unit: 'workingDays' | 'calendarDays' | 'months';
  regulation: string;
  article: string;
  version: string;
}

export interface HearingInfo {
  id: number;
  scheduledAt: string;
  place: string;
  online: boolean;
  noticeOn: string;
  technicalInvestigators: string[];
  jointWithCnipa: boolean;
  status: 'scheduled' | 'held' | 'cancelled';
  heldOn: string | null;
}

export interface AdjudicationContext {
  entityType: 'adjudication';
  adj: AdjudicationRow;
  organ: Organ;
  log: LogEntry[];
  panel: PanelMember[];
  hearings: HearingInfo[];
  /** A natural-person requester's ID number, decrypted only for the 行政裁决书 (it identifies the parties). */
  requesterIdNo: string | null;
  /** adjudication.answer in force on the day the respondent is served (or today): the 答辩期 the notice states. */
  answerPeriod: PeriodRule | null;
  /** adjudication.lawsuitWindow in force on the decision day: the 起诉期 of 专利法 第六十五条. */
  lawsuitPeriod: PeriodRule | null;
}

export interface MediationPartyInfo {
  side: 'applicant' | 'respondent';
  kind: 'organization' | 'person';
  name: string;
  uscc: string | null;
  /** Decrypted for the agreement (当事人的基本情况, 人民调解法 第二十九条第一款第（一）项). */
  idNo: string | null;
  idNoMasked: string | null;
  address: string | null;
  agent: string | null;
}

export interface MediationContext {
  entityType: 'mediation';
  med: MediationRow;
  organ: Organ;
  /** The 人民调解委员会 in whose name the agreement is made and sealed (人民调解法 第二十九条第二款). */
  committee: string;
  log: LogEntry[];
  parties: MediationPartyInfo[];
  mediators: { name: string; kind: string; role: 'chief' | 'member' }[];
  sessions: { heldOn: string; place: string; online: boolean }[];
  /** The adjudication (赔偿数额调解, 专利法 第六十五条) or the complaint the mediation came from. */
  sourceRef: string | null;
  /** mediation.judicialConfirmation in force on the day the agreement took effect (人民调解法 第三十三条). */
  confirmationPeriod: PeriodRule | null;
}

export type RecordContext = LeadContext | CaseContext | AdjudicationContext | MediationContext;

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
    place: government,
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

function logOf(rows: { action: string; fromStatus: string | null; toStatus: string; note: string | null; data: unknown; actorId: number | null; actorName: string | null; at: string }[]): LogEntry[] {
  return rows.map((a) => ({
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
}

async function periodRule(ex: Executor, key: string, on: string): Promise<PeriodRule | null> {
  const r = await repo.ruleInForce(ex, key, on);
  return r ? { amount: r.amount, unit: r.unit, regulation: r.regulation, article: r.article, version: r.version } : null;
}

export async function loadAdjudicationContext(ex: Executor, deps: Deps, adj: AdjudicationRow, opts: { withIdNo: boolean; today: string }): Promise<AdjudicationContext> {
  const [organ, actions, panel, hearings] = await Promise.all([
    organOf(ex, adj.unitId),
    repo.adjudicationActions(ex, adj.id),
    repo.adjudicationPanel(ex, adj.id),
    repo.adjudicationHearings(ex, adj.id),
  ]);
  // The answer period runs from the respondent's receipt (专利行政执法办法 第十一条 ⚠️); the version in force that day.
  const answerPeriod = await periodRule(ex, 'adjudication.answer', adj.respondentServedOn ?? opts.today);
  const lawsuitPeriod = await periodRule(ex, 'adjudication.lawsuitWindow', adj.decisionOn ?? opts.today);
  return {
    entityType: 'adjudication',
    adj,
    organ,
    log: logOf(actions),
    panel: panel.map((p) => ({ userId: p.userId, name: p.displayName, role: p.role, certNo: p.lawEnforcementCertNo })),
    hearings: hearings.map((h) => ({
      id: h.id,
      scheduledAt: h.scheduledAt,
      place: h.place,
      online: h.online,
      noticeOn: h.noticeOn,
      technicalInvestigators: h.technicalInvestigators ?? [],
      jointWithCnipa: h.jointWithCnipa,
      status: h.status,
      heldOn: h.heldOn,
    })),
    requesterIdNo: opts.withIdNo && adj.requesterKind === 'person' ? safeDecrypt(deps, adj.requesterIdNoEnc) : null,
    answerPeriod,
    lawsuitPeriod,
  };
}

/** 泰安市知识产权纠纷人民调解委员会: the committee at the mediating bureau's level. */
export function committeeOf(organ: Organ): string {
  return `${organ.place}知识产权纠纷人民调解委员会`;
}

export async function loadMediationContext(ex: Executor, deps: Deps, med: MediationRow, opts: { withIdNo: boolean; today: string }): Promise<MediationContext> {
  const [organ, actions, parties, mediators, sessions] = await Promise.all([
    organOf(ex, med.unitId),
    repo.mediationActions(ex, med.id),
    repo.mediationParties(ex, med.id),
    repo.mediationMediators(ex, med.id),
    repo.mediationSessions(ex, med.id),
  ]);
  let sourceRef: string | null = null;
  if (med.adjudicationId !== null) {
    const a = await repo.adjudicationRef(ex, med.adjudicationId);
    sourceRef = a ? (a.caseNo ?? a.requestNo) : null;
  } else if (med.leadId !== null) {
    sourceRef = (await repo.unsafeLead(ex, med.leadId))?.leadNo ?? null;
  }
  return {
    entityType: 'mediation',
    med,
    organ,
    committee: committeeOf(organ),
    log: logOf(actions),
    parties: parties.map((p) => ({
      side: p.side,
      kind: p.kind,
      name: p.name,
      uscc: p.uscc,
      idNo: opts.withIdNo && p.kind === 'person' ? safeDecrypt(deps, p.idNoEnc) : null,
      idNoMasked: p.idNoMasked,
      address: p.address,
      agent: p.agent,
    })),
    mediators: mediators.map((m) => ({ name: m.name, kind: m.kind, role: m.role })),
    sessions: sessions.map((x) => ({ heldOn: x.heldOn, place: x.place, online: x.online })),
    sourceRef,
    // 人民调解法 第三十三条: 30 days from the day the agreement takes effect; the version in force that day.
    confirmationPeriod: await periodRule(ex, 'mediation.judicialConfirmation', med.agreementEffectiveOn ?? opts.today),
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
