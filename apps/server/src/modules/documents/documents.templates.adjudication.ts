import {
  ADJUDICATION_ORDERS,
  ADJUDICATION_REJECTION_REASONS,
  DOCUMENT_KIND_LABELS,
  INVALIDATION_RESULTS,
  PATENT_KINDS,
  REQUESTER_ROLES,
  SUSPENSION_REFUSAL_GROUNDS,
} from '@zhichan/shared';
import type { FileChild } from 'docx';
import {
  blankLine,
  bodyParagraph,
  bodyText,
  chineseDate,
  flushLeft,
  heading1,
  recordNotes,
  rightLine,
  signatureBlock,
} from '../../lib/docx/gbt9704';
import { chinaDay, maskedIdNo, maskedName, type AdjudicationContext, type HearingInfo, type PanelMember, type PeriodRule } from './documents.data';
import { adjudicationRejectionGround, chineseNumber, labelOf, periodText } from './documents.labels';
import { LAW, contactLine, dayOf as loggedDay, fileNameOf, head, lastEntry, str, type RenderOptions, type RenderedDocument } from './documents.template-kit';
import type { LogEntry } from './documents.data';

/**
 * The documents of a patent-infringement dispute administrative adjudication (专利侵权纠纷行政裁决): 立案通知书,
 * 不予受理通知书, 答辩通知书, 口头审理通知书, 中止通知书 and 专利侵权纠纷行政裁决书, as pure functions of the case's context.
 *
 * Legal basis: 专利法 第十一条、第六十五条; 专利法实施细则 第九十五条、第九十七条、第九十八条; 山东省专利条例 (2013)
 * 第十八条至第二十六条 (full texts in shared/laws). The 2015 专利行政执法办法 is superseded by the 2025 national rule and
 * Shandong's 2024 rule, whose texts are not at hand: every time limit a document states (答辩期, 起诉期) is read from the
 * deadline rule in force (deadline_rules), with the regulation and article of that rule version, never written here.
 */

/** 你（单位）, as the 文书范本 address a party that may be a company or a person. */
const YOU = '你（单位）';

const trimStop = (text: string) => text.replace(/[。；;，,\s]+$/, '');

/** The date fields the adjudication module records with its actions (contracts/adjudication.ts inputs). */
const ACTION_DATE_KEYS = ['filedOn', 'rejectedOn', 'suspendedOn', 'resumedOn', 'decidedOn', 'receivedOn', 'heldOn', 'startedOn', 'endedOn', 'forwardedOn'] as const;

/** The day an action took effect: data.on, else the action's own date field (suspendedOn …), else the day it was logged. */
function dayOf(entry: LogEntry): string {
  if (str(entry.data.on)) return loggedDay(entry);
  for (const k of ACTION_DATE_KEYS) {
    const v = str(entry.data[k]);
    if (v && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  }
  return entry.on;
}

/** 实用新型专利（专利号：…，专利名称：…）; after 侵犯 the right itself: 实用新型专利权（…）. */
function patentText(ctx: AdjudicationContext, noun: '专利' | '专利权' = '专利'): string {
  const a = ctx.adj;
  return `${labelOf(PATENT_KINDS, a.patentType, '')}${noun}（专利号：${a.patentNo}，专利名称：${a.patentTitle}）`;
}

/** 请求人甲与被请求人乙侵犯…专利权纠纷一案 */
function caseText(ctx: AdjudicationContext): string {
  const a = ctx.adj;
  return `请求人${a.requesterName}与被请求人${a.respondentName}侵犯${labelOf(PATENT_KINDS, a.patentType, '')}专利权纠纷一案`;
}

/** 张三（主审）、李四、王五 */
export function panelText(panel: PanelMember[]): string {
  return panel.map((p) => (p.role === 'chief' ? `${p.name}（主审）` : p.name)).join('、');
}

/** A period as the rule in force states it, with its source: 十五日 and 《专利行政执法办法》第十一条. */
function periodOf(rule: PeriodRule | null, fallback: { amount: number; unit: PeriodRule['unit']; source: string }): { text: string; source: string } {
  if (!rule) return { text: periodText(fallback), source: fallback.source };
  return { text: periodText(rule), source: `《${rule.regulation}》${rule.article}` };
}

/** 2026年12月10日上午9时30分 (the hearing's time in China). */
export function chinaDateTime(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const hour = shifted.getUTCHours();
  const minute = shifted.getUTCMinutes();
  const part = hour < 12 ? '上午' : hour === 12 ? '中午' : '下午';
  const h = hour > 12 ? hour - 12 : hour;
  return `${chineseDate(chinaDay(iso))}${part}${h}时${minute > 0 ? `${minute}分` : ''}`;
}

function requesterLines(ctx: AdjudicationContext, withIdNo: boolean): string[] {
  const a = ctx.adj;
  const lines = [`请求人：${a.requesterName}`];
  if (a.requesterKind === 'organization') {
    if (a.requesterUscc) lines.push(`统一社会信用代码：${a.requesterUscc}`);
  } else if (withIdNo && ctx.requesterIdNo) lines.push(`居民身份证号码：${ctx.requesterIdNo}`);
  if (a.requesterAddress) lines.push(`${a.requesterKind === 'organization' ? '住所' : '住址'}：${a.requesterAddress}`);
  if (a.requesterAgent) lines.push(`委托代理人：${a.requesterAgent}`);
  return lines;
}

function respondentLines(ctx: AdjudicationContext): string[] {
  const a = ctx.adj;
  const lines = [`被请求人：${a.respondentName}`];
  if (a.respondentKind === 'organization' && a.respondentUscc) lines.push(`统一社会信用代码：${a.respondentUscc}`);
  if (a.respondentAddress) lines.push(`${a.respondentKind === 'organization' ? '住所' : '住址'}：${a.respondentAddress}`);
  if (a.respondentKind === 'organization' && a.respondentLegalRep) lines.push(`法定代表人：${a.respondentLegalRep}`);
  return lines;
}

function snapshotOf(ctx: AdjudicationContext): Record<string, unknown> {
  const a = ctx.adj;
  return {
    requestNo: a.requestNo,
    caseNo: a.caseNo,
    organ: ctx.organ.name,
    patentNo: a.patentNo,
    requesterName: a.requesterKind === 'person' ? maskedName(a.requesterName) : a.requesterName,
    respondentName: a.respondentKind === 'person' ? maskedName(a.respondentName) : a.respondentName,
    panel: ctx.panel.map((p) => ({ name: p.name, role: p.role })),
  };
}

function filedOnOf(ctx: AdjudicationContext): string | null {
  const filed = lastEntry(ctx.log, ['file']);
  return ctx.adj.filedOn ?? (filed ? dayOf(filed) : null);
}

function ref(ctx: AdjudicationContext, o: RenderOptions): string {
  return o.docNo ?? ctx.adj.caseNo ?? ctx.adj.requestNo;
}

function contact(ctx: AdjudicationContext): FileChild[] {
  const line = contactLine(ctx.panel.filter((p) => p.role === 'chief').map((p) => ({ userId: p.userId, name: p.name, certNo: p.certNo })), ctx.organ);
  return line ? [bodyParagraph(line)] : [];
}

function done(kind: keyof typeof DOCUMENT_KIND_LABELS, ctx: AdjudicationContext, o: RenderOptions, children: FileChild[], snapshot: Record<string, unknown>): RenderedDocument {
  const label = DOCUMENT_KIND_LABELS[kind];
  return {
    title: `${label}（${ref(ctx, o)}）`,
    fileName: fileNameOf(label, ref(ctx, o)),
    creator: ctx.organ.name,
    children,
    snapshot: { ...snapshotOf(ctx), docNo: o.docNo, ...snapshot },
  };
}

// ---------- 立案通知书 ----------

/**
 * 立案通知书 to the requester: the request met 山东省专利条例 第十八条; the bureau handles it under 专利法 第六十五条 (and
 * 专利法实施细则 第九十五条、第九十七条: who may handle, and where). States the case number, the patent, the respondent, the
 * 合议组 and the requester's rights and duties (举证 第二十一条, 回避, 评价报告 第二十条, 撤回、和解, 赔偿调解).
 */
export function adjudicationFilingNotice(ctx: AdjudicationContext, o: RenderOptions): RenderedDocument {
  const a = ctx.adj;
  const filedOn = filedOnOf(ctx) ?? o.today;
  const answer = periodOf(ctx.answerPeriod, { amount: 15, unit: 'calendarDays', source: '' });
  const items: string[] = [
    `${YOU}对自己提出的主张有责任提供证据。因客观原因不能自行收集的证据，可以书面申请本局调查收集，并写明需要调查收集的证据内容和线索、拟证明的事实以及不能自行收集的客观原因（${LAW.shandongPatent}第二十一条）。`,
    `${YOU}认为合议组成员与本案有利害关系或者有其他关系，可能影响公正处理的，有权申请其回避；申请回避应当在本案裁决作出前书面提出，并说明理由。`,
    `本局将把请求书及其附件副本送达被请求人，被请求人应当自收到之日起${answer.text}内提交答辩书；被请求人逾期不提交答辩书的，不影响本局对案件的处理。`,
  ];
  if (a.patentType === 'utilityModel' || a.patentType === 'design') {
    items.push(`本案涉及${labelOf(PATENT_KINDS, a.patentType, '')}专利，本局可以根据案情需要要求${YOU}出具国家知识产权局作出的专利权评价报告；无正当理由拒不提供的，本局可以驳回${YOU}的请求（${LAW.shandongPatent}第二十条）。`);
  }
  items.push(
    `案件处理期间，${YOU}可以撤回请求，也可以与被请求人自行和解。就侵犯专利权的赔偿数额，${YOU}可以请求本局进行调解（${LAW.patent}第六十五条）。`,
    `${YOU}的联系方式、送达地址发生变化的，应当及时告知本局。`,
  );
  const children: FileChild[] = [
    ...head(ctx.organ.name, DOCUMENT_KIND_LABELS.adjudicationFilingNotice, o.docNo),
    flushLeft(`${a.requesterName}：`),
    bodyParagraph(
      `${YOU}于${chineseDate(a.receivedOn)}提出的请求处理${a.respondentName}侵犯${patentText(ctx, '专利权')}纠纷的请求书及有关材料收悉（请求登记号：${a.requestNo}）。` +
        `经审查，该请求符合${LAW.shandongPatent}第十八条规定的受理条件。本局依据${LAW.patent}第六十五条、${LAW.patentRules}第九十五条和第九十七条的规定，决定立案处理，立案号为${a.caseNo ?? '＿＿＿＿'}。`,
    ),
  ];
  if (ctx.panel.length > 0) {
    children.push(bodyParagraph(`本案由${panelText(ctx.panel)}组成合议组进行处理${a.simpleCase ? '，依繁简分流适用简易程序' : ''}。`));
  }
  children.push(bodyParagraph('现将有关事项告知如下：'));
  items.forEach((t, i) => children.push(bodyParagraph(`${chineseNumber(i + 1)}、${t}`)));
  children.push(bodyParagraph('特此通知。'), ...contact(ctx), ...signatureBlock(ctx.organ.name, filedOn), blankLine(), ...recordNotes(['本文书一式两份，一份送达请求人，一份归档。']));
  return done('adjudicationFilingNotice', ctx, o, children, { date: filedOn, article: '专利法 第六十五条；山东省专利条例 第十八条' });
}

// ---------- 不予受理通知书 ----------

/** The reason of a 不予受理: the code of the `reject` entry (ADJUDICATION_REJECTION_REASONS) and the text given with it. */
function rejectionOf(ctx: AdjudicationContext): { code: string | null; ground: ReturnType<typeof adjudicationRejectionGround>; detail: string | null } {
  const rejected = lastEntry(ctx.log, ['reject']);
  const d = rejected?.data ?? {};
  const stored = ctx.adj.notAcceptedReason;
  const storedIsCode = !!stored && stored in ADJUDICATION_REJECTION_REASONS;
  const code = str(d.reasonCode) ?? str(d.reason) ?? str(d.code) ?? (storedIsCode ? stored : null);
  const ground = adjudicationRejectionGround(code);
  let detail = str(d.reasonText) ?? str(d.text) ?? str(d.detail) ?? rejected?.note ?? (!storedIsCode ? stored : null);
  // A stored "label：text" or a detail that only repeats the ground's words adds nothing.
  if (detail && ground && trimStop(detail) === ground.text) detail = null;
  return { code, ground, detail };
}

/**
 * 不予受理通知书: 山东省专利条例 第十八条第二款 (经审查认为不符合受理条件的，不予受理，并出具不予受理通知书。当事人不服的，
 * 可以依法提起行政诉讼); 行政复议法 (2023) 第二十条 (60 days), 行政诉讼法 第四十六条 (6 months).
 */
export function adjudicationRejectionNotice(ctx: AdjudicationContext, o: RenderOptions): RenderedDocument {
  const a = ctx.adj;
  const rejected = lastEntry(ctx.log, ['reject']);
  const date = rejected ? dayOf(rejected) : a.closedOn ?? o.today;
  const { code, ground, detail } = rejectionOf(ctx);
  const groundText = ground
    ? `经审查，该请求属于“${ground.text}”的情形${ground.basis ? `（${ground.basis}）` : ''}，不符合受理条件。`
    : '经审查，该请求不符合受理条件。';
  const children: FileChild[] = [
    ...head(ctx.organ.name, DOCUMENT_KIND_LABELS.adjudicationRejectionNotice, o.docNo),
    flushLeft(`${a.requesterName}：`),
    bodyParagraph(
      `${YOU}于${chineseDate(a.receivedOn)}提出的请求处理${a.respondentName}侵犯${patentText(ctx, '专利权')}纠纷的请求书及有关材料收悉（请求登记号：${a.requestNo}）。` +
        `${groundText}根据${LAW.shandongPatent}第十八条的规定，本局决定不予受理。`,
    ),
  ];
  if (detail) children.push(bodyParagraph(`具体理由：${trimStop(detail)}。`));
  if (code === 'inLitigation') children.push(bodyParagraph(`${YOU}可以在人民法院的诉讼程序中依法主张权利。`));
  children.push(
    bodyParagraph(
      `${YOU}如对本决定不服，可以自收到本通知书之日起六十日内依法向${ctx.organ.reviewBody}申请行政复议，也可以自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。`,
    ),
    bodyParagraph('特此通知。'),
    ...signatureBlock(ctx.organ.name, date),
    blankLine(),
    ...recordNotes(['本文书一式两份，一份送达请求人，一份归档。']),
  );
  return done('adjudicationRejectionNotice', ctx, o, children, { date, reasonCode: code, ground });
}

// ---------- 答辩通知书 ----------

/**
 * 答辩通知书 to the respondent, served with the request copy: the answer period (adjudication.answer, 专利行政执法办法
 * 第十一条 ⚠️ in the 2015 version: 十五日) is read from the rule version in force on the day of service; a late or missing
 * answer does not stop the case. Tells the respondent of 回避, 代理人 and of the suspension request (专利法实施细则 第九十八条,
 * 山东省专利条例 第十九条第一款: in writing, with the invalidation acceptance notice, the request and its evidence).
 */
export function answerNotice(ctx: AdjudicationContext, o: RenderOptions): RenderedDocument {
  const a = ctx.adj;
  const filedOn = filedOnOf(ctx);
  const answer = periodOf(ctx.answerPeriod, { amount: 15, unit: 'calendarDays', source: '' });
  const children: FileChild[] = [
    ...head(ctx.organ.name, DOCUMENT_KIND_LABELS.answerNotice, o.docNo),
    flushLeft(`${a.respondentName}：`),
    bodyParagraph(
      `${a.requesterName}（请求人）请求本局处理${YOU}侵犯其${patentText(ctx, '专利权')}纠纷一案，本局已${filedOn ? `于${chineseDate(filedOn)}` : ''}依法立案（立案号：${a.caseNo ?? '＿＿＿＿'}）。` +
        `现将请求书及其附件副本送达${YOU}。`,
    ),
    bodyParagraph(
      `${answer.source ? `根据${answer.source}的规定，` : ''}${YOU}应当自收到本通知书及请求书副本之日起${answer.text}内向本局提交答辩书，并附具有关证据；` +
        `${YOU}为单位的，应当同时提交主体资格证明和法定代表人身份证明。期满不答辩的，不影响本局对案件的处理。`,
    ),
  ];
  if (ctx.panel.length > 0) {
    children.push(bodyParagraph(`本案合议组由${panelText(ctx.panel)}组成。${YOU}认为合议组成员与本案有利害关系或者有其他关系，可能影响公正处理的，有权书面申请其回避，并说明理由。`));
  }
  children.push(
    bodyParagraph(`${YOU}可以委托代理人参加处理；委托代理人的，应当向本局提交由${YOU}签名或者盖章的授权委托书，写明委托事项和权限。`),
    bodyParagraph(
      `${YOU}向国家知识产权局请求宣告涉案专利权无效并被受理的，可以请求本局中止处理。中止处理的请求应当在答辩期内以书面形式提出，并同时提交无效宣告请求受理通知书、专利权无效宣告请求书以及相关证据材料` +
        `（${LAW.patentRules}第九十八条、${LAW.shandongPatent}第十九条第一款）。`,
    ),
    bodyParagraph('特此通知。'),
    ...contact(ctx),
    // GB/T 9704 7.3.4: 附件说明 under the body, before the signature.
    blankLine(),
    bodyParagraph('附件：请求书及其附件副本'),
    ...signatureBlock(ctx.organ.name, o.today),
    blankLine(),
    ...recordNotes(['本文书一式两份，一份随请求书副本送达被请求人，一份归档。']),
  );
  return done('answerNotice', ctx, o, children, { date: o.today, answerPeriod: ctx.answerPeriod });
}

// ---------- 口头审理通知书 ----------

/** The hearing the notice is for: the latest one still scheduled. */
function scheduledHearing(ctx: AdjudicationContext): HearingInfo | undefined {
  return [...ctx.hearings].reverse().find((h) => h.status === 'scheduled');
}

/**
 * 口头审理通知书 to both parties: the time and place (or the online platform), the panel and the technical investigators
 * (the pilot's 技术调查官), a joint hearing with CNIPA's 复审和无效审理部, and the parties' rights: 申请回避, 委托代理人,
 * and what happens when a party stays away without good reason (the notice period itself is the rule
 * adjudication.hearingNotice, checked when the hearing is scheduled).
 */
export function oralHearingNotice(ctx: AdjudicationContext, o: RenderOptions): RenderedDocument {
  const a = ctx.adj;
  const h = scheduledHearing(ctx);
  const date = h?.noticeOn ?? o.today;
  const when = h ? chinaDateTime(h.scheduledAt) : '＿＿＿＿年＿＿月＿＿日＿＿时';
  const where = h ? (h.online ? `通过${h.place}在线` : `在${h.place}`) : '在＿＿＿＿＿＿';
  const children: FileChild[] = [
    ...head(ctx.organ.name, DOCUMENT_KIND_LABELS.oralHearingNotice, o.docNo),
    flushLeft(`${a.requesterName}（请求人）、${a.respondentName}（被请求人）：`),
    bodyParagraph(`本局立案处理的${caseText(ctx)}（立案号：${a.caseNo ?? '＿＿＿＿'}），定于${when}${where}进行口头审理。`),
  ];
  if (h?.jointWithCnipa) children.push(bodyParagraph('本次口头审理与国家知识产权局专利局复审和无效审理部联合进行。'));
  const members = ctx.panel.length > 0 ? `合议组成员：${panelText(ctx.panel)}。` : '';
  const investigators = h && h.technicalInvestigators.length > 0 ? `技术调查官${h.technicalInvestigators.join('、')}参加口头审理，就案件涉及的技术问题提出意见。` : '';
  if (members || investigators) children.push(bodyParagraph(`${members}${investigators}`));
  const items = [
    '当事人应当按时参加口头审理。当事人为单位的，由其法定代表人或者主要负责人参加，也可以委托代理人参加；委托代理人的，应当在口头审理开始前提交授权委托书，写明委托事项和权限。',
    `当事人认为合议组成员${investigators ? '、技术调查官' : ''}与本案有利害关系或者有其他关系，可能影响公正审理的，有权申请回避。申请回避应当在口头审理开始前提出并说明理由；回避事由在口头审理开始后才知道的，也可以在口头审理结束前提出。`,
    '当事人应当携带身份证明、授权委托书和证据原件参加口头审理，在口头审理中进行陈述、举证、质证和辩论。',
    '请求人无正当理由拒不参加口头审理或者未经许可中途退出的，本局可以按撤回请求处理；被请求人无正当理由拒不参加口头审理或者未经许可中途退出的，本局可以缺席审理并依法作出裁决。',
  ];
  if (h?.online) items.push(`本次口头审理在线进行，当事人应当提前登录${h.place}，完成身份认证和设备调试，并保持网络畅通。`);
  items.push('当事人收到本通知书后，请及时告知本局是否参加口头审理及参加人员。');
  children.push(bodyParagraph('现将有关事项通知如下：'));
  items.forEach((t, i) => children.push(bodyParagraph(`${chineseNumber(i + 1)}、${t}`)));
  children.push(
    bodyParagraph('特此通知。'),
    ...contact(ctx),
    ...signatureBlock(ctx.organ.name, date),
    blankLine(),
    ...recordNotes(['本文书一式三份，请求人、被请求人各一份，一份归档。']),
  );
  return done('oralHearingNotice', ctx, o, children, {
    date,
    hearing: h ? { id: h.id, scheduledAt: h.scheduledAt, place: h.place, online: h.online, technicalInvestigators: h.technicalInvestigators, jointWithCnipa: h.jointWithCnipa } : null,
  });
}

// ---------- 中止通知书 ----------

/**
 * 中止通知书 to both parties: the respondent's invalidation request accepted by CNIPA (its case number and the date of
 * acceptance), the decision to suspend (专利法实施细则 第九十八条; 山东省专利条例 第十九条), the time not counted, and what
 * follows the invalidation decision (resume, or the request dismissed when the patent is declared invalid).
 */
export function suspensionNotice(ctx: AdjudicationContext, o: RenderOptions): RenderedDocument {
  const a = ctx.adj;
  const suspended = lastEntry(ctx.log, ['suspend']);
  const date = suspended ? dayOf(suspended) : o.today;
  const caseNo = a.invalidationCaseNo ?? str(suspended?.data.invalidationCaseNo);
  const acceptedOn = a.invalidationAcceptedOn ?? str(suspended?.data.invalidationAcceptedOn);
  const children: FileChild[] = [
    ...head(ctx.organ.name, DOCUMENT_KIND_LABELS.suspensionNotice, o.docNo),
    flushLeft(`${a.requesterName}（请求人）、${a.respondentName}（被请求人）：`),
    bodyParagraph(
      `本局${filedOnOf(ctx) ? `于${chineseDate(filedOnOf(ctx))}` : ''}立案处理的${caseText(ctx)}（立案号：${a.caseNo ?? '＿＿＿＿'}），` +
        `被请求人已就涉案${patentText(ctx)}向国家知识产权局提出无效宣告请求，国家知识产权局${acceptedOn ? `于${chineseDate(acceptedOn)}` : '已'}予以受理` +
        `${caseNo ? `（无效宣告请求案件编号：${caseNo}）` : ''}，被请求人据此书面请求中止处理。`,
    ),
    bodyParagraph(`经审查，本局认为本案需要中止处理。根据${LAW.patentRules}第九十八条、${LAW.shandongPatent}第十九条的规定，本局决定自${chineseDate(date)}起中止本案的处理。`),
  ];
  if (suspended?.note) children.push(bodyParagraph(`${trimStop(suspended.note)}。`));
  children.push(
    bodyParagraph('中止期间不计入本案的处理期限。国家知识产权局作出无效宣告请求审查决定后，当事人应当及时将审查决定书副本提交本局。'),
    bodyParagraph(`审查决定维持专利权有效或者宣告专利权部分无效的，本局将恢复处理；宣告专利权全部无效的，本局将驳回请求人的请求。`),
    bodyParagraph('特此通知。'),
    ...contact(ctx),
    ...signatureBlock(ctx.organ.name, date),
    blankLine(),
    ...recordNotes(['本文书一式三份，请求人、被请求人各一份，一份归档。']),
  );
  return done('suspensionNotice', ctx, o, children, { date, invalidationCaseNo: caseNo, invalidationAcceptedOn: acceptedOn });
}

// ---------- 专利侵权纠纷行政裁决书 ----------

/**
 * The procedure paragraph: receipt, filing and panel, then the later steps in the order they happened (service, 中止 and
 * 恢复, 不予中止, 鉴定, 口头审理 or 书面审理).
 */
function procedureText(ctx: AdjudicationContext): string {
  const a = ctx.adj;
  const filedOn = filedOnOf(ctx);
  const opening = [`本局于${chineseDate(a.receivedOn)}收到请求人的请求，${filedOn ? `于${chineseDate(filedOn)}` : ''}依法立案（立案号：${a.caseNo ?? '＿＿＿＿'}）`];
  if (ctx.panel.length > 0) opening.push(`由${panelText(ctx.panel)}组成合议组进行处理`);
  const steps: { on: string; text: string }[] = [];
  const served = lastEntry(ctx.log, ['serveRequest']);
  if (a.respondentServedOn) {
    steps.push({
      on: a.respondentServedOn,
      text:
        served?.data.method === 'announcement'
          ? `因无法直接送达，本局依法公告送达请求书副本，被请求人于${chineseDate(a.respondentServedOn)}视为收到`
          : `本局于${chineseDate(a.respondentServedOn)}将请求书副本送达被请求人`,
    });
  }
  const suspended = lastEntry(ctx.log, ['suspend']);
  if (suspended) {
    const resumed = ctx.log.find((e) => e.action === 'resume' && e.on >= suspended.on);
    const caseNo = a.invalidationCaseNo ? `（无效宣告请求案件编号：${a.invalidationCaseNo}）` : '';
    steps.push({
      on: dayOf(suspended),
      text:
        `因被请求人就涉案专利提出的无效宣告请求被国家知识产权局受理${caseNo}，本局于${chineseDate(dayOf(suspended))}中止处理` +
        (resumed ? `，国家知识产权局作出${labelOf(INVALIDATION_RESULTS, a.invalidationResult, '无效宣告请求审查决定')}的决定后，本局于${chineseDate(dayOf(resumed))}恢复处理` : '') +
        '，中止期间不计入处理期限',
    });
  }
  const refused = lastEntry(ctx.log, ['refuseSuspension']);
  if (refused) {
    const ground = labelOf(SUSPENSION_REFUSAL_GROUNDS, str(refused.data.ground) ?? str(refused.data.reasonCode), '');
    steps.push({ on: dayOf(refused), text: `被请求人请求中止处理，本局${ground ? `认为${ground}，` : '经审查'}决定不中止处理（${LAW.shandongPatent}第十九条第二款）` });
  }
  const appraisal = lastEntry(ctx.log, ['startAppraisal']);
  if (appraisal) steps.push({ on: dayOf(appraisal), text: '本案依法委托鉴定，鉴定期间不计入处理期限' });
  const held = ctx.hearings.filter((h) => h.status === 'held');
  if (held.length > 0) {
    const dates = held.map((h) => h.heldOn ?? chinaDay(h.scheduledAt));
    const investigators = [...new Set(held.flatMap((h) => h.technicalInvestigators))];
    const joint = held.some((h) => h.jointWithCnipa);
    steps.push({
      on: dates[0]!,
      text:
        `本局于${dates.map(chineseDate).join('、')}对本案进行了口头审理${joint ? '（与国家知识产权局专利局复审和无效审理部联合进行）' : ''}` +
        (investigators.length > 0 ? `，技术调查官${investigators.join('、')}参加了口头审理` : ''),
    });
  } else if (a.procedureMode === 'written' || ctx.log.some((e) => e.action === 'chooseWrittenReview')) {
    const written = lastEntry(ctx.log, ['chooseWrittenReview']);
    steps.push({ on: written ? dayOf(written) : '9999-12-31', text: '本案事实清楚，本局依法进行书面审理' });
  }
  steps.sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0));
  return [`${opening.join('，')}。`, ...steps.map((x) => `${x.text}。`), '本案现已审理终结。'].join('');
}

/** 被请求人辩称: the answer as recorded (the note or the summary of the recordAnswer entry), or that none was filed. */
function answerText(ctx: AdjudicationContext): string {
  const a = ctx.adj;
  const answered = lastEntry(ctx.log, ['recordAnswer']);
  const content = answered ? (str(answered.data.summary) ?? str(answered.data.content) ?? answered.note) : null;
  if (content) return `被请求人辩称：${trimStop(content)}。`;
  if (answered || a.answerReceivedOn) return `被请求人于${chineseDate(a.answerReceivedOn ?? (answered ? dayOf(answered) : null))}提交了答辩书，答辩意见详见答辩书。`;
  return '被请求人在答辩期内未提交答辩书。依照有关规定，被请求人不答辩不影响本局对案件的处理。';
}

/**
 * 专利侵权纠纷行政裁决书: heading with the bureau and the 文号; the parties (a natural person's ID number decrypted for the
 * printed document only, and listed in the audit row); the procedure; 请求人称 / 被请求人辩称; 本局查明 and 本局认为; the
 * decision: 责令被请求人 + the numbered orders (山东省专利条例 第二十五条, 专利法 第十一条、第六十五条) or 驳回请求人的请求
 * (第二十六条); the remedy of 专利法 第六十五条 (the 起诉期 from the rule adjudication.lawsuitWindow); the panel's names, date,
 * seal.
 */
export function adjudicationDecision(ctx: AdjudicationContext, o: RenderOptions): RenderedDocument {
  const a = ctx.adj;
  const decided = lastEntry(ctx.log, ['decide']);
  const date = a.decisionOn ?? (decided ? dayOf(decided) : o.today);
  const infringement = a.decision === 'infringement';
  const orderCodes = a.orders.length > 0 ? a.orders : Array.isArray(decided?.data.orders) ? (decided!.data.orders as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  const orders = orderCodes.map((c) => labelOf(ADJUDICATION_ORDERS, c, c));
  const summary = a.decisionSummary ?? str(decided?.data.decisionSummary) ?? decided?.note ?? null;
  const findings = str(decided?.data.findings);
  const lawsuit = periodOf(ctx.lawsuitPeriod, { amount: 15, unit: 'calendarDays', source: `${LAW.patent}第六十五条` });

  const children: FileChild[] = [...head(ctx.organ.name, DOCUMENT_KIND_LABELS.adjudicationDecision, o.docNo)];
  for (const l of requesterLines(ctx, true)) children.push(flushLeft(l));
  for (const l of respondentLines(ctx)) children.push(flushLeft(l));
  children.push(
    blankLine(),
    bodyParagraph(`${caseText(ctx)}，${procedureText(ctx)}`),
    heading1('一、当事人的主张'),
    bodyParagraph(`请求人称：${trimStop(a.factsReasons)}。`),
    bodyParagraph(`请求人请求：${trimStop(a.requests)}。`),
    bodyParagraph(answerText(ctx)),
    heading1('二、本局查明'),
    bodyParagraph(
      `涉案专利为${patentText(ctx)}，专利权人为${a.patentee}。请求人系涉案专利的${labelOf(REQUESTER_ROLES, a.requesterRole, '利害关系人')}。` +
        (a.patentCheck === 'valid' ? '经查询，涉案专利权处于有效状态。' : ''),
    ),
    bodyParagraph(`被控侵权产品（方法）：${trimStop(a.accusedProduct)}。`),
    bodyParagraph('涉案专利权利要求与被控侵权产品（方法）技术特征的比对情况如下：'),
    ...bodyText(a.claimsComparison),
  );
  if (findings) children.push(...bodyText(findings));
  children.push(heading1('三、本局认为'));
  if (summary) children.push(...bodyText(summary));
  if (infringement) {
    children.push(
      bodyParagraph(
        `被请求人未经专利权人许可，为生产经营目的实施涉案专利，落入涉案专利权的保护范围，构成侵犯专利权的行为。` +
          `依照${LAW.patent}第十一条、第六十五条和${LAW.shandongPatent}第二十五条的规定，本局裁决如下：`,
      ),
      bodyParagraph(`责令被请求人${a.respondentName}：`),
    );
    if (orders.length > 0) orders.forEach((t, i) => children.push(bodyParagraph(`${chineseNumber(i + 1)}、${t}${i === orders.length - 1 ? '。' : '；'}`)));
    else children.push(bodyParagraph('立即停止侵犯涉案专利权的行为。'));
  } else {
    children.push(
      bodyParagraph(`请求人的请求缺乏事实和法律依据，本局不予支持。依照${LAW.shandongPatent}第二十六条的规定，本局裁决如下：`),
      bodyParagraph(`驳回请求人${a.requesterName}的请求。`),
    );
  }
  children.push(heading1('四、救济途径'));
  // 专利法 第六十五条: 当事人不服的，可以自收到处理通知之日起十五日内依照《中华人民共和国行政诉讼法》向人民法院起诉；
  // 侵权人期满不起诉又不停止侵权行为的，管理专利工作的部门可以申请人民法院强制执行.
  children.push(
    bodyParagraph(
      `当事人不服本裁决的，可以自收到本裁决书之日起${lawsuit.text}内依照${LAW.adminLitigation}向人民法院起诉` +
        (infringement ? '；期满不起诉又不停止侵权行为的，本局可以申请人民法院强制执行。' : '。'),
    ),
  );
  if (infringement) {
    children.push(bodyParagraph(`就侵犯专利权的赔偿数额，当事人可以请求本局进行调解；调解不成的，当事人可以依照${LAW.civilProcedure}向人民法院起诉（${LAW.patent}第六十五条）。`));
  }
  children.push(blankLine());
  const chief = ctx.panel.find((p) => p.role === 'chief');
  const members = ctx.panel.filter((p) => p.role !== 'chief');
  if (chief) children.push(rightLine(`合议组组长（主审）：${chief.name}`));
  if (members.length > 0) children.push(rightLine(`合议组成员：${members.map((m) => m.name).join('  ')}`));
  children.push(...signatureBlock(ctx.organ.name, date), blankLine(), ...recordNotes(['本裁决书一式三份，请求人、被请求人各一份，一份归档。']));
  return done('adjudicationDecision', ctx, o, children, {
    date,
    decision: a.decision,
    orders: orderCodes,
    requesterIdNo: a.requesterKind === 'person' ? (maskedIdNo(ctx.requesterIdNo) ?? a.requesterIdNoMasked) : null,
    lawsuitPeriod: ctx.lawsuitPeriod,
  });
}
