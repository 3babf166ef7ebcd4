/**
 * Pure pieces of the action forms (no React): the panel and the service fields in the contract's shape, and the prefilled
 * texts of a 公告送达. Tested against the shared zod schemas in actionBodies.test.ts.
 */
import type { AdjudicationDetailDto } from '@zhichan/shared';

type Values = Record<string, unknown>;

/** A dayjs value (or undefined) → 'YYYY-MM-DD' | null, without importing dayjs here. */
const day = (v: unknown): string | null => (v && typeof (v as { format?: unknown }).format === 'function' ? (v as { format: (f: string) => string }).format('YYYY-MM-DD') : null);
const t = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** members (user ids) + chief → the contract's panel (合议组). */
export function panelOf(v: Values): { userId: number; role: 'chief' | 'member' }[] {
  const members = (v.members as number[] | undefined) ?? [];
  return members.map((userId) => ({ userId, role: userId === v.chief ? 'chief' : 'member' }));
}

/** The server's body.panel errors belong to the members picker. */
export const renamePanel = (name: (string | number)[]) => (name[0] === 'panel' ? ['members'] : name);

/** The service fields of serveRequest / serveDecision: only the fields of the chosen method go out. */
export function serviceBody(v: Values) {
  return {
    documentId: (v.documentId as number | undefined) ?? null,
    documentTitle: t(v.documentTitle),
    method: v.method,
    recipient: typeof v.recipient === 'string' ? v.recipient.trim() : v.recipient,
    servedOn: v.method !== 'announcement' ? day(v.servedOn) : null,
    announcedOn: v.method === 'announcement' ? day(v.announcedOn) : null,
    trackingNo: v.method === 'mail' ? t(v.trackingNo) : null,
    electronicConsent: v.method === 'electronic' ? v.electronicConsent === true : false,
    announcementText: v.method === 'announcement' ? t(v.announcementText) : null,
    note: t(v.note),
  };
}

type Party = 'requester' | 'respondent';
type Parties = Pick<AdjudicationDetailDto, 'requester' | 'respondent'>;

/**
 * How the announcement names a party: the addressee in full (service must reach them by name), an organisation by its
 * name, the other natural person only by role (no one's personal data in public beyond what service needs).
 */
function ref(d: Parties, party: Party, addressee: Party): string {
  if (party === addressee) return '你（单位）';
  const p = d[party];
  return p.kind === 'organization' ? p.name : party === 'requester' ? '请求人' : '被请求人';
}

/** 公告送达 of the request copy (请求书副本及答辩通知书) to the respondent. Editable before saving. */
export function requestAnnouncement(d: Parties & Pick<AdjudicationDetailDto, 'patentNo' | 'patentTitle' | 'filedOn' | 'caseNo' | 'requestNo'>): string {
  return `${d.respondent.name}：\n${ref(d, 'requester', 'respondent')}就专利号为 ${d.patentNo} 的“${d.patentTitle}”专利侵权纠纷，向本机关请求处理，本机关已于 ${
    d.filedOn ?? ''
  } 立案（${d.caseNo ?? d.requestNo}）。因无法向你（单位）直接送达，现依法公告送达请求书副本及答辩通知书。自公告之日起经过三十日，即视为送达。请你（单位）自送达之日起十五日内向本机关提交答辩书（一式两份）及有关证据，逾期不提交的，不影响本机关处理。`;
}

/** 公告送达 of the 行政裁决书 to one party (专利法 第六十五条: 十五日内起诉). */
export function decisionAnnouncement(
  d: Parties & Pick<AdjudicationDetailDto, 'decisionOn' | 'decisionDocNo' | 'caseNo' | 'requestNo'>,
  party: Party,
): string {
  return `${d[party].name}：\n本机关于 ${d.decisionOn ?? ''} 对${ref(d, 'requester', party)}与${ref(d, 'respondent', party)}专利侵权纠纷一案（${d.caseNo ?? d.requestNo}）作出行政裁决${
    d.decisionDocNo ? `（${d.decisionDocNo}）` : ''
  }。因无法向你（单位）直接送达，现依法公告送达行政裁决书。自公告之日起经过三十日，即视为送达。如不服本裁决，可以自送达之日起十五日内依照《中华人民共和国行政诉讼法》向人民法院起诉。`;
}
