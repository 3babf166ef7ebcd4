import { DOCUMENT_KIND_LABELS, formatYuan, isPublishedPenalty, toFen, type CasePenaltyKind, type CaseProcedure, type DocumentKind } from '@zhichan/shared';
import type { FileChild } from 'docx';
import {
  blankLine,
  bodyParagraph,
  bodyText,
  chineseDate,
  docNoLine,
  flushLeft,
  formTable,
  heading1,
  heading2,
  organHeading,
  recordNotes,
  signatureBlock,
  title as titleLine,
  type FormCell,
} from '../../lib/docx/gbt9704';
import { maskedIdNo, maskedName, type CaseContext, type LeadContext, type RecordContext } from './documents.data';
import { LAW, contactLine, dayOf, fileNameOf, head, lastEntry, officersText, opinionLines, str, type RenderOptions, type RenderedDocument } from './documents.template-kit';
import {
  CASE_TYPE_TEXT,
  DECISION_TEXT,
  EVIDENCE_KIND_TEXT,
  IP_TYPE_TEXT,
  LEAD_SOURCE_TEXT,
  PENALTY_KIND_TEXT,
  SERVICE_METHOD_TEXT,
  VERIFICATION_RESULT_TEXT,
  itemNumeral,
  labelOf,
  rejectionGround,
  rmbUpper,
  terminationGround,
} from './documents.labels';
import {
  adjudicationDecision,
  adjudicationFilingNotice,
  adjudicationRejectionNotice,
  answerNotice,
  oralHearingNotice,
  suspensionNotice,
} from './documents.templates.adjudication';
import { mediationAgreement } from './documents.templates.mediation';

/**
 * The eight enforcement documents as pure functions of a record's context (the adjudication documents are in
 * documents.templates.adjudication.ts, the 调解协议书 in documents.templates.mediation.ts; renderTemplate serves all). Wording follows the 市场监督管理行政执法文书
 * 格式范本 in substance; every statutory sentence names its article, so a legal reviewer can check it against the law.
 */

export type { RenderOptions, RenderedDocument } from './documents.template-kit';

// ---------- penalty facts ----------

/**
 * The facts the investigation established: the 调查终结报告 of the latest 调查终结, else the facts entered at filing (which
 * are the lead's wording, "涉嫌…"). The notice and the decision state what was found, not what was suspected.
 */
export function establishedFacts(ctx: CaseContext): string | null {
  for (let i = ctx.log.length - 1; i >= 0; i--) {
    const e = ctx.log[i]!;
    const report = (e.data as { report?: unknown } | null)?.report;
    if (e.action === 'conclude' && typeof report === 'string' && report.trim()) return report.trim();
  }
  return ctx.kase.facts ?? ctx.lead?.facts ?? null;
}

export interface PenaltyTerms {
  kinds: string[];
  fineAmount: string | null;
  confiscatedAmount: string | null;
  summary: string | null;
}

/**
 * The penalty of a decided case, or the one proposed before the decision: the case's own columns when the cases module
 * has written them, else the last 法制审核 / 告知 / 调查终结 entry of the log that carries it.
 */
export function penaltyTermsOf(ctx: CaseContext): PenaltyTerms | null {
  const k = ctx.kase;
  if (k.penaltyKinds.length > 0 || k.fineAmount !== null || k.decisionSummary) {
    return { kinds: k.penaltyKinds, fineAmount: k.fineAmount, confiscatedAmount: k.confiscatedAmount, summary: k.decisionSummary };
  }
  for (let i = ctx.log.length - 1; i >= 0; i--) {
    const d = ctx.log[i]!.data;
    const proposed = (d.proposedPenalty && typeof d.proposedPenalty === 'object' ? d.proposedPenalty : d) as Record<string, unknown>;
    const kinds = Array.isArray(proposed.penaltyKinds) ? proposed.penaltyKinds.filter((x): x is string => typeof x === 'string') : [];
    const fine = proposed.fineAmount ?? null;
    const summary = str(proposed.decisionSummary) ?? str(proposed.summary) ?? (typeof d.proposedPenalty === 'string' ? str(d.proposedPenalty) : null);
    if (kinds.length > 0 || fine !== null || summary) {
      const conf = proposed.confiscatedAmount ?? null;
      return {
        kinds,
        fineAmount: fine === null ? null : String(fine),
        confiscatedAmount: conf === null ? null : String(conf),
        summary,
      };
    }
  }
  return null;
}

/** "罚款人民币壹万贰仟伍佰元整（¥12,500.00）" and the like, one line per penalty. */
export function penaltyLines(terms: PenaltyTerms | null): string[] {
  if (!terms) return [];
  const out: string[] = [];
  const order: CasePenaltyKind[] = ['orderToStop', 'orderToCorrect', 'warning', 'confiscateGoods', 'confiscateGains', 'fine'];
  const kinds = [...terms.kinds].sort((a, b) => order.indexOf(a as CasePenaltyKind) - order.indexOf(b as CasePenaltyKind));
  for (const kind of kinds) {
    if (kind === 'fine') {
      if (terms.fineAmount !== null) out.push(`罚款人民币${rmbUpper(terms.fineAmount)}（${formatYuan(terms.fineAmount)}）`);
      else out.push('罚款');
    } else if (kind === 'confiscateGains') {
      if (terms.confiscatedAmount !== null) out.push(`没收违法所得人民币${rmbUpper(terms.confiscatedAmount)}（${formatYuan(terms.confiscatedAmount)}）`);
      else out.push('没收违法所得');
    } else out.push(labelOf(PENALTY_KIND_TEXT, kind, kind));
  }
  if (!terms.kinds.includes('fine') && terms.fineAmount !== null && toFen(terms.fineAmount)! > 0) {
    out.push(`罚款人民币${rmbUpper(terms.fineAmount)}（${formatYuan(terms.fineAmount)}）`);
  }
  return out;
}

export interface LegalBasis {
  violated: string;
  penalty: string;
}

/**
 * The provisions broken and the provision the penalty rests on. A handler who recorded them (legalBasis, violatedProvision,
 * penaltyBasis in an action's data) wins; otherwise the usual articles of the case type:
 *  商标侵权 商标法 第五十七条 / 第六十条第二款; 假冒专利 专利法 第六十八条、专利法实施细则 第一百零一条 / 专利法 第六十八条;
 *  专利代理 专利代理条例 第二十五条; 商标代理 商标法 第六十八条.
 */
export function legalBasisOf(ctx: CaseContext): LegalBasis {
  for (let i = ctx.log.length - 1; i >= 0; i--) {
    const d = ctx.log[i]!.data;
    const violated = str(d.violatedProvision) ?? str(d.legalBasis);
    const penalty = str(d.penaltyBasis) ?? str(d.legalBasis);
    if (violated || penalty) return { violated: violated ?? penalty!, penalty: penalty ?? violated! };
  }
  const ipType = ctx.lead?.ipType ?? null;
  switch (ctx.kase.caseType) {
    case 'trademarkInfringement':
      return { violated: `${LAW.trademark}第五十七条`, penalty: `${LAW.trademark}第六十条第二款` };
    case 'geographicalIndication':
      return { violated: `${LAW.trademark}第十六条、第五十七条`, penalty: `${LAW.trademark}第六十条第二款` };
    case 'patentCounterfeiting':
      return { violated: `${LAW.patent}第六十八条、${LAW.patentRules}第一百零一条`, penalty: `${LAW.patent}第六十八条` };
    case 'agencyViolation':
      if (ipType === 'trademarkAgency') return { violated: `${LAW.trademark}第六十八条`, penalty: `${LAW.trademark}第六十八条` };
      return { violated: `${LAW.patentAgency}第二十五条`, penalty: `${LAW.patentAgency}第二十五条` };
    default:
      return { violated: '＿＿＿＿＿＿＿＿（法律、法规、规章条款）', penalty: '＿＿＿＿＿＿＿＿（法律、法规、规章条款）' };
  }
}

/**
 * 行政处罚法 第六十三条第一款第（一）（二）项: 较大数额罚款 and 没收较大数额违法所得 give the right to a hearing. The amounts
 * are those of 市场监督管理行政处罚听证办法 第五条 (总局令第42号; from memory, to be checked against the text ⚠️): 对自然人
 * 一万元以上、对法人或者其他组织十万元以上. A major case (重大案件) always offers the hearing.
 */
export const HEARING_THRESHOLD_YUAN = { person: 10_000, organization: 100_000 } as const;

export function hearingRight(ctx: CaseContext, terms: PenaltyTerms | null): boolean {
  // The handler's own decision, recorded with the 告知 (cases module, notify.data.hearingRight), wins.
  const told = lastEntry(ctx.log, ['notify'])?.data.hearingRight;
  if (typeof told === 'boolean') return told;
  if (ctx.kase.major) return true;
  if (!terms) return false;
  const limit = (HEARING_THRESHOLD_YUAN[ctx.kase.partyKind] ?? HEARING_THRESHOLD_YUAN.organization) * 100;
  const fine = toFen(terms.fineAmount) ?? 0;
  const confiscated = toFen(terms.confiscatedAmount) ?? 0;
  return fine >= limit || confiscated >= limit;
}

function evidenceParagraphs(ctx: CaseContext, grouped: boolean): FileChild[] {
  if (ctx.evidence.length === 0) return [bodyParagraph('（证据材料见案卷）')];
  const describe = (e: CaseContext['evidence'][number]) =>
    `${e.title}（${chineseDate(e.collectedOn)}由${e.collectedBy}取得${e.note ? `，证明${e.note.replace(/[。；;]$/, '')}` : ''}）`;
  if (!grouped) return ctx.evidence.map((e, i) => bodyParagraph(`${i + 1}. ${labelOf(EVIDENCE_KIND_TEXT, e.kind, '其他证据')}：${describe(e)}；`));
  const out: FileChild[] = [];
  const kinds = [...new Set(ctx.evidence.map((e) => e.kind))];
  kinds.forEach((kind, k) => {
    out.push(heading2(`${itemNumeral(k + 1)}${labelOf(EVIDENCE_KIND_TEXT, kind, '其他证据')}`));
    ctx.evidence.filter((e) => e.kind === kind).forEach((e, i) => out.push(bodyParagraph(`${i + 1}. ${describe(e)}；`)));
  });
  return out;
}

function partyLines(ctx: CaseContext, withIdNo: boolean): string[] {
  const k = ctx.kase;
  const lines = [`当事人：${k.partyName}`];
  if (k.partyKind === 'organization') {
    if (k.partyUscc) lines.push(`统一社会信用代码：${k.partyUscc}`);
  } else if (withIdNo && ctx.partyIdNo) lines.push(`居民身份证号码：${ctx.partyIdNo}`);
  if (k.partyAddress) lines.push(`${k.partyKind === 'organization' ? '住所' : '住址'}：${k.partyAddress}`);
  if (k.partyKind === 'organization' && k.partyLegalRep) lines.push(`法定代表人（负责人）：${k.partyLegalRep}`);
  return lines;
}

/** 你（单位） for an organisation or a person alike, as the 文书范本 write it. */
const YOU = '你（单位）';

// ---------- lead documents (complaints: 暂行办法) ----------

function complainantOf(ctx: LeadContext): string {
  return ctx.informantName ?? '投诉人';
}

function receivedText(ctx: LeadContext): string {
  const via = ctx.submission ? `通过网上投诉举报平台（登记编号：${ctx.submission.receiptNo}）` : ctx.lead.source === 'hotline12315' ? '通过12315平台' : '';
  return `${YOU}于${chineseDate(ctx.submission?.receivedOn ?? ctx.lead.receivedOn)}${via}提出的对${ctx.lead.respondentName}的投诉（${ctx.lead.title}）`;
}

function leadSnapshot(ctx: LeadContext): Record<string, unknown> {
  return {
    leadNo: ctx.lead.leadNo,
    respondentName: ctx.lead.respondentName,
    informantName: maskedName(ctx.informantName),
    receivedOn: ctx.lead.receivedOn,
    organ: ctx.organ.name,
  };
}

/** 受理通知书: 暂行办法 第十四条 (7 working days from receipt), mediation under 第十六条至第二十二条. */
function acceptanceNotice(ctx: LeadContext, o: RenderOptions): RenderedDocument {
  const accepted = lastEntry(ctx.log, ['accept']);
  const date = accepted ? dayOf(accepted) : o.today;
  const children: FileChild[] = [
    ...head(ctx.organ.name, DOCUMENT_KIND_LABELS.acceptanceNotice, o.docNo),
    flushLeft(`${complainantOf(ctx)}：`),
    bodyParagraph(`${receivedText(ctx)}收悉。经审查，该投诉符合受理条件。根据${LAW.complaints}第十四条的规定，本局决定予以受理。`),
    bodyParagraph(
      `本局将依照${LAW.complaints}第十六条至第二十二条的规定，在投诉人与被投诉人双方自愿的基础上组织调解。调解不能达成协议的，` +
        `本局将依照该办法第二十一条的规定终止调解并告知${YOU}。检定、检验、检测、鉴定所需时间不计入调解期限（第二十条）。`,
    ),
  ];
  if (accepted?.note) children.push(bodyParagraph(accepted.note));
  children.push(bodyParagraph('特此通知。'));
  const contact = contactLine(ctx.officers, ctx.organ);
  if (contact) children.push(bodyParagraph(contact));
  children.push(...signatureBlock(ctx.organ.name, date), blankLine(), ...recordNotes(['本文书一式两份，一份送达投诉人，一份归档。']));
  return {
    title: `${DOCUMENT_KIND_LABELS.acceptanceNotice}（${o.docNo ?? ctx.lead.leadNo}）`,
    fileName: fileNameOf(DOCUMENT_KIND_LABELS.acceptanceNotice, o.docNo ?? ctx.lead.leadNo),
    creator: ctx.organ.name,
    children,
    snapshot: { ...leadSnapshot(ctx), docNo: o.docNo, date, article: '暂行办法 第十四条' },
  };
}

/** 不予受理通知书: 暂行办法 第十四条、第十五条 with the ground of the reason code. */
function rejectionNotice(ctx: LeadContext, o: RenderOptions): RenderedDocument {
  const rejected = lastEntry(ctx.log, ['reject']);
  const code = rejected?.reasonCode ?? ctx.lead.reasonCode;
  const ground = rejectionGround(code);
  const date = rejected ? dayOf(rejected) : ctx.lead.closedOn ?? o.today;
  const groundText = ground
    ? `经审查，该投诉属于${LAW.complaints}${ground.basis}规定的“${ground.text}”的情形。`
    : `经审查，该投诉属于${LAW.complaints}第十五条规定的不予受理情形。`;
  const children: FileChild[] = [
    ...head(ctx.organ.name, DOCUMENT_KIND_LABELS.rejectionNotice, o.docNo),
    flushLeft(`${complainantOf(ctx)}：`),
    bodyParagraph(`${receivedText(ctx)}收悉。${groundText}根据该办法第十四条、第十五条的规定，本局决定不予受理。`),
  ];
  if (rejected?.note) children.push(bodyParagraph(`具体理由：${rejected.note.replace(/[。]$/, '')}。`));
  // 第十五条第（一）项: tell the complainant where to go; 著作权 and other matters belong to other departments.
  if (ground?.basis.includes('（一）')) children.push(bodyParagraph(`${YOU}可以向有处理权限的部门反映。`));
  children.push(
    bodyParagraph(`${YOU}如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。`),
    bodyParagraph('特此通知。'),
    ...signatureBlock(ctx.organ.name, date),
    blankLine(),
    ...recordNotes(['本文书一式两份，一份送达投诉人，一份归档。']),
  );
  return {
    title: `${DOCUMENT_KIND_LABELS.rejectionNotice}（${o.docNo ?? ctx.lead.leadNo}）`,
    fileName: fileNameOf(DOCUMENT_KIND_LABELS.rejectionNotice, o.docNo ?? ctx.lead.leadNo),
    creator: ctx.organ.name,
    children,
    snapshot: { ...leadSnapshot(ctx), docNo: o.docNo, date, reasonCode: code ?? null, ground: ground ?? null },
  };
}

/** 终止调解决定书: 暂行办法 第二十一条 (the ground), told to both parties within 7 working days (第二款). */
function mediationTermination(ctx: LeadContext, o: RenderOptions): RenderedDocument {
  const terminated = lastEntry(ctx.log, ['terminateMediation']);
  const accepted = lastEntry(ctx.log, ['accept']);
  const code = terminated?.reasonCode ?? ctx.lead.reasonCode;
  const ground = terminationGround(code);
  const date = terminated ? dayOf(terminated) : o.today;
  const groundText = ground
    ? `因${ground.text}，根据${LAW.complaints}${ground.basis}的规定，本局决定终止调解。`
    : `根据${LAW.complaints}第二十一条第一款的规定，本局决定终止调解。`;
  const children: FileChild[] = [
    ...head(ctx.organ.name, DOCUMENT_KIND_LABELS.mediationTermination, o.docNo),
    flushLeft(`投诉人：${complainantOf(ctx)}`),
    flushLeft(`被投诉人：${ctx.lead.respondentName}`),
    ...(ctx.lead.respondentAddress ? [flushLeft(`地址：${ctx.lead.respondentAddress}`)] : []),
    blankLine(),
    bodyParagraph(
      `本局于${chineseDate(accepted ? dayOf(accepted) : ctx.lead.receivedOn)}受理投诉人对被投诉人的投诉（${ctx.lead.title}）后，依照${LAW.complaints}的规定组织调解。`,
    ),
    bodyParagraph(groundText),
  ];
  if (terminated?.note) children.push(bodyParagraph(`具体情况：${terminated.note.replace(/[。]$/, '')}。`));
  // 第二十三条: a violation found during mediation is verified separately; mediation does not release the business.
  if (ctx.log.some((e) => e.action === 'spawnLead')) {
    children.push(bodyParagraph(`本局在调解中发现的涉嫌违法线索，已依照该办法第二十三条的规定另行核查处理。`));
  }
  children.push(
    bodyParagraph('终止调解后，投诉人可以依法通过仲裁、诉讼等途径解决争议。'),
    bodyParagraph('特此决定。'),
    ...signatureBlock(ctx.organ.name, date),
    blankLine(),
    ...recordNotes(['本文书一式三份，投诉人、被投诉人各执一份，一份归档。']),
  );
  return {
    title: `${DOCUMENT_KIND_LABELS.mediationTermination}（${o.docNo ?? ctx.lead.leadNo}）`,
    fileName: fileNameOf(DOCUMENT_KIND_LABELS.mediationTermination, o.docNo ?? ctx.lead.leadNo),
    creator: ctx.organ.name,
    children,
    snapshot: { ...leadSnapshot(ctx), docNo: o.docNo, date, reasonCode: code ?? null, ground: ground ?? null },
  };
}

// ---------- 立案审批表 (lead or case) ----------

/** 立案审批表: 程序规定 第十八条至第二十条 (核查 → 负责人决定立案); 承办人 with 执法证号 (行政处罚法 第四十二条). */
function filingApproval(ctx: LeadContext | CaseContext, o: RenderOptions): RenderedDocument {
  const lead = ctx.lead;
  const leadLog = ctx.entityType === 'lead' ? ctx.log : ctx.leadLog;
  const kase = ctx.entityType === 'case' ? ctx.kase : null;
  const organ = ctx.organ;
  const verification = lastEntry(leadLog, ['submitVerification']);
  const decision = lastEntry(leadLog, ['approveFiling', 'declineFiling']);
  const filed = kase ? lastEntry(ctx.log, ['file']) : undefined;

  const source = lead ? `${labelOf(LEAD_SOURCE_TEXT, lead.source, '其他')}（线索编号：${lead.leadNo}）` : labelOf(LEAD_SOURCE_TEXT, 'inspection');
  const partyName = kase?.partyName ?? lead?.respondentName ?? '';
  const partyKind = kase?.partyKind ?? (lead?.respondentUscc ? 'organization' : null);
  const idLabel = partyKind === 'person' ? '居民身份证号码' : '统一社会信用代码';
  const idValue = kase ? (kase.partyKind === 'person' ? (ctx.entityType === 'case' ? ctx.partyIdNo ?? kase.partyIdNoMasked ?? '' : '') : kase.partyUscc ?? '') : lead?.respondentUscc ?? '';
  const address = kase?.partyAddress ?? lead?.respondentAddress ?? '';
  const facts = kase?.facts ?? lead?.facts ?? '';
  const officers = ctx.entityType === 'case' ? ctx.handlers : ctx.officers;
  const caseTitle = kase?.title ?? lead?.title ?? '';
  const ipText = lead ? `（${labelOf(IP_TYPE_TEXT, lead.ipType, '其他')}）` : kase ? `（${labelOf(CASE_TYPE_TEXT, kase.caseType, '其他')}）` : '';

  const handlerLead = verification
    ? `核查结果：${labelOf(VERIFICATION_RESULT_TEXT, str(verification.data.result) ?? str(verification.data.verificationResult) ?? lead?.verificationResult ?? null, '已核查')}。${
        (str(verification.data.proposal) ?? lead?.decision) === 'declineCase' ? '建议不予立案。' : '建议立案。'
      }`
    : filed
      ? '经核查，当事人涉嫌违法，符合立案条件，建议立案。'
      : null;
  const headLead = decision ? (decision.action === 'approveFiling' ? '同意立案。' : '不予立案。') : filed && !lead ? '同意立案。' : null;

  const rows: FormCell[][] = [
    [{ lines: ['案件来源'], label: true }, { lines: [source], span: 3 }],
    [{ lines: ['受理（发现）日期'], label: true }, { lines: [chineseDate(lead?.receivedOn ?? kase?.filedOn)] }, { lines: ['立案号'], label: true }, { lines: [kase?.caseNo ?? '（审批后编号）'] }],
    [{ lines: ['案由'], label: true }, { lines: [`${caseTitle}${ipText}`], span: 3 }],
    [{ lines: ['当事人'], label: true }, { lines: [partyName] }, { lines: [idLabel], label: true }, { lines: [idValue] }],
    [{ lines: ['住所（地址）'], label: true }, { lines: [address], span: 3 }],
  ];
  if (kase?.partyKind === 'organization' && kase.partyLegalRep) rows.push([{ lines: ['法定代表人（负责人）'], label: true }, { lines: [kase.partyLegalRep], span: 3 }]);
  rows.push(
    [{ lines: ['简要案情'], label: true }, { lines: facts.split(/\r?\n/).filter(Boolean), span: 3, minLines: 5 }],
    [{ lines: ['承办人'], label: true }, { lines: [officersText(officers) || '（不少于两名执法人员）'], span: 3 }],
    [{ lines: ['承办人意见'], label: true }, { lines: opinionLines(verification ?? filed, handlerLead, '承办人'), span: 3, minLines: 3 }],
    [{ lines: ['负责人审批意见'], label: true }, { lines: opinionLines(decision ?? (lead ? undefined : filed), headLead, '负责人'), span: 3, minLines: 3 }],
    [{ lines: ['备注'], label: true }, { lines: kase ? [`立案日期：${chineseDate(kase.filedOn)}`] : [''], span: 3 }],
  );
  const ref = kase?.caseNo ?? lead?.leadNo ?? null;
  return {
    title: `${DOCUMENT_KIND_LABELS.filingApproval}（${ref}）`,
    fileName: fileNameOf(DOCUMENT_KIND_LABELS.filingApproval, ref),
    creator: organ.name,
    children: [organHeading(organ.name), titleLine(DOCUMENT_KIND_LABELS.filingApproval), blankLine(), formTable([32, 50, 32, 50], rows)],
    snapshot: {
      organ: organ.name,
      caseNo: kase?.caseNo ?? null,
      leadNo: lead?.leadNo ?? null,
      partyName: partyKind === 'person' ? maskedName(partyName) : partyName,
      partyIdNo: partyKind === 'person' ? maskedIdNo(ctx.entityType === 'case' ? ctx.partyIdNo : null) ?? kase?.partyIdNoMasked ?? null : idValue || null,
      officers,
      verification: verification ? { on: dayOf(verification), by: verification.actorName } : null,
      decision: decision ? { action: decision.action, on: dayOf(decision), by: decision.actorName } : null,
    },
  };
}

// ---------- case documents (行政处罚法) ----------

function caseSnapshot(ctx: CaseContext): Record<string, unknown> {
  const k = ctx.kase;
  return {
    caseNo: k.caseNo,
    organ: ctx.organ.name,
    partyName: k.partyKind === 'person' ? maskedName(k.partyName) : k.partyName,
    partyUscc: k.partyUscc,
    partyIdNo: k.partyIdNoMasked,
    filedOn: k.filedOn,
    evidenceCount: ctx.evidence.length,
  };
}

/**
 * 行政处罚告知书: 行政处罚法 第四十四条 (content, facts, reasons, basis, rights), 第四十五条 (陈述、申辩), 第六十三条、第六十四条
 * (听证, requested within 5 days = working days by 第八十五条).
 */
function penaltyNotice(ctx: CaseContext, o: RenderOptions): RenderedDocument {
  const k = ctx.kase;
  const terms = penaltyTermsOf(ctx);
  const basis = legalBasisOf(ctx);
  const hearing = hearingRight(ctx, terms);
  const date = noticeDateOf(ctx) ?? o.today;
  const lines = penaltyLines(terms);
  const children: FileChild[] = [
    ...head(ctx.organ.name, DOCUMENT_KIND_LABELS.penaltyNotice, o.docNo),
    flushLeft(`${k.partyName}：`),
    bodyParagraph(`本局于${chineseDate(k.filedOn)}对${YOU}${k.title}一案立案调查（立案号：${k.caseNo}）。经查，${YOU}存在以下违法事实：`),
    ...bodyText(establishedFacts(ctx)),
    bodyParagraph('上述事实，有以下证据证明：'),
    ...evidenceParagraphs(ctx, false),
    bodyParagraph(`${YOU}的上述行为违反了${basis.violated}的规定。依据${basis.penalty}的规定，本局拟对${YOU}作出如下行政处罚：`),
  ];
  if (lines.length > 0) lines.forEach((l, i) => children.push(bodyParagraph(`${i + 1}. ${l}${i === lines.length - 1 ? '。' : '；'}`)));
  else children.push(bodyParagraph('＿＿＿＿＿＿＿＿＿＿＿＿（拟作出的行政处罚）。'));
  if (terms?.summary && lines.length > 0) children.push(bodyParagraph(terms.summary));
  children.push(
    bodyParagraph(
      `根据${LAW.penalty}第四十四条、第四十五条的规定，${YOU}享有陈述、申辩的权利。${YOU}可以自收到本告知书之日起五个工作日内向本局提出陈述、申辩意见，` +
        `逾期未提出的，视为放弃陈述、申辩的权利。本局不因${YOU}陈述、申辩而给予更重的处罚。`,
    ),
  );
  if (hearing) {
    children.push(
      bodyParagraph(
        `根据${LAW.penalty}第六十三条、第六十四条的规定，${YOU}有要求听证的权利。${YOU}可以自收到本告知书之日起五个工作日内向本局提出听证要求，` +
          '逾期未提出的，视为放弃听证的权利。',
      ),
    );
  }
  const contact = contactLine(ctx.handlers, ctx.organ);
  if (contact) children.push(bodyParagraph(contact));
  children.push(...signatureBlock(ctx.organ.name, date), blankLine(), ...recordNotes(['本文书一式两份，一份送达当事人，一份归档。']));
  return {
    title: `${DOCUMENT_KIND_LABELS.penaltyNotice}（${o.docNo ?? k.caseNo}）`,
    fileName: fileNameOf(DOCUMENT_KIND_LABELS.penaltyNotice, o.docNo ?? k.caseNo),
    creator: ctx.organ.name,
    children,
    snapshot: { ...caseSnapshot(ctx), docNo: o.docNo, date, proposedPenalty: terms, legalBasis: basis, hearingRight: hearing },
  };
}

/** The day of the 告知: the date the handler recorded with it (notify.data.noticeOn), else the day it was logged. */
function noticeDateOf(ctx: CaseContext): string | null {
  const notified = lastEntry(ctx.log, ['notify']);
  return notified ? (str(notified.data.noticeOn) ?? notified.on) : null;
}

const trimStop = (text: string) => text.replace(/[。；;]$/, '');

/** 陈述、申辩 and 听证 as the log recorded them (行政处罚法 第四十五条: 复核; 第六十四条、第六十五条: 听证). */
function statementText(ctx: CaseContext): string {
  const statements = ctx.log.filter((e) => e.action === 'recordStatement');
  const heard = lastEntry(ctx.log, ['holdHearing']);
  const requested = lastEntry(ctx.log, ['requestHearing']);
  const parts: string[] = [];
  const said = statements.map((s) => str(s.data.content) ?? s.note).filter((x): x is string => !!x);
  const waived = statements.some((s) => s.data.waivesHearing === true);
  if (statements.length === 0 && !requested) parts.push('当事人在法定期限内未提出陈述、申辩意见，也未要求听证。');
  if (said.length > 0) {
    parts.push(`当事人提出了陈述、申辩意见：${trimStop(said.join('；'))}。`);
    const last = statements.at(-1)!;
    const review = str(last.data.review);
    const adopted = last.data.adopted;
    parts.push(
      `本局对当事人提出的事实、理由和证据进行了复核（${LAW.penalty}第四十五条）${review ? `：${trimStop(review)}` : ''}` +
        (adopted === true ? '，予以采纳。' : adopted === false ? '，不予采纳。' : '。'),
    );
  } else if (statements.length > 0) parts.push('当事人未提出陈述、申辩意见。');
  if (waived && !requested) parts.push('当事人书面表示放弃听证。');
  if (requested) parts.push(`当事人于${chineseDate(str(requested.data.requestedOn) ?? requested.on)}要求听证。`);
  if (heard) {
    const on = str(heard.data.heldOn) ?? heard.on;
    if (heard.data.partyAbsent === true) parts.push(`本局于${chineseDate(on)}依法组织听证，当事人无正当理由未出席，视为放弃听证权利（${LAW.penalty}第六十四条第（六）项）。`);
    else parts.push(`本局于${chineseDate(on)}依法举行了听证${heard.note ? `，${trimStop(heard.note)}` : ''}。`);
  }
  return parts.join('');
}

/**
 * 行政处罚决定书: 行政处罚法 第五十九条 (the six items), 第六十七条 (fine within 15 days of receipt), 第七十二条 (3% a day,
 * at most the fine), 第七十三条 (review does not suspend it); 行政复议法 第二十条 (60 days), 行政诉讼法 第四十六条 (6 months);
 * 总局令第45号 第八条 (the party is told in writing that the decision will be published).
 */
function penaltyDecision(ctx: CaseContext, o: RenderOptions): RenderedDocument {
  const k = ctx.kase;
  const terms = penaltyTermsOf(ctx);
  const basis = legalBasisOf(ctx);
  const lines = penaltyLines(terms);
  const date = k.decisionOn ?? o.today;
  const ordinary = k.procedure === 'ordinary';
  const fineDue = (terms?.kinds.includes('fine') ?? false) && (toFen(terms?.fineAmount) ?? 0) > 0;
  const published = isPublishedPenalty({ procedure: k.procedure as CaseProcedure, decision: k.decision, penaltyKinds: (terms?.kinds ?? []) as CasePenaltyKind[] });
  const source = ctx.lead ? `本局于${chineseDate(ctx.lead.receivedOn)}${ctx.lead.source === 'inspection' ? '在监督检查中发现' : `收到${labelOf(LEAD_SOURCE_TEXT, ctx.lead.source, '')}的`}案件线索，经核查，` : '';

  const children: FileChild[] = [...head(ctx.organ.name, DOCUMENT_KIND_LABELS.penaltyDecision, o.docNo)];
  for (const l of partyLines(ctx, true)) children.push(flushLeft(l));
  children.push(
    blankLine(),
    bodyParagraph(`${source}本局于${chineseDate(k.filedOn)}对当事人${k.title}一案立案调查（立案号：${k.caseNo}）。本案现已调查终结。`),
    heading1('一、违法事实和证据'),
    ...bodyText(establishedFacts(ctx)),
    bodyParagraph('上述事实，有下列证据证明：'),
    ...evidenceParagraphs(ctx, true),
  );
  if (ordinary) {
    // The day of the 告知 from the log; the notice document's own date when the log has none.
    const noticedOn = noticeDateOf(ctx) ?? ctx.notice?.on ?? null;
    const noticeRef = `${noticedOn ? `于${chineseDate(noticedOn)}` : '依法'}以《行政处罚告知书》${ctx.notice?.docNo ? `（${ctx.notice.docNo}）` : ''}`;
    children.push(
      heading1('二、陈述、申辩和听证情况'),
      bodyParagraph(`本局${noticeRef}告知当事人拟作出行政处罚的内容及事实、理由、依据，以及依法享有的陈述、申辩${hearingRight(ctx, terms) ? '、要求听证' : ''}等权利（${LAW.penalty}第四十四条）。${statementText(ctx)}`),
    );
  }
  const n = ordinary ? ['三', '四', '五'] : ['二', '三', '四'];
  children.push(heading1(`${n[0]}、处罚依据和处罚决定`));
  const heavier = k.repeatWithin5Years && k.caseType === 'trademarkInfringement' ? '当事人五年内实施两次以上商标侵权行为，依法应当从重处罚。' : '';
  children.push(bodyParagraph(`本局认为，当事人的上述行为违反了${basis.violated}的规定。${heavier}依据${basis.penalty}的规定，本局决定对当事人作出如下行政处罚：`));
  if (lines.length > 0) lines.forEach((l, i) => children.push(bodyParagraph(`${i + 1}. ${l}${i === lines.length - 1 ? '。' : '；'}`)));
  else children.push(bodyParagraph('＿＿＿＿＿＿＿＿＿＿＿＿（行政处罚的种类和数额）。'));
  if (terms?.summary) children.push(bodyParagraph(terms.summary));
  children.push(heading1(`${n[1]}、履行方式和期限`));
  if (fineDue) {
    children.push(
      bodyParagraph(
        `当事人应当自收到本决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款（${LAW.penalty}第六十七条第三款）。` +
          `到期不缴纳罚款的，本局可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额（${LAW.penalty}第七十二条第一款第（一）项），并依法申请人民法院强制执行。`,
      ),
    );
  } else children.push(bodyParagraph('当事人应当自收到本决定书之日起履行本决定。'));
  children.push(
    heading1(`${n[2]}、救济途径和期限`),
    bodyParagraph(
      `当事人如不服本行政处罚决定，可以自收到本决定书之日起六十日内向${ctx.organ.reviewBody}申请行政复议，也可以自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。` +
        `申请行政复议或者提起行政诉讼的，行政处罚不停止执行，法律另有规定的除外（${LAW.penalty}第七十三条）。`,
    ),
  );
  // 总局令第45号 第八条: told in writing when the decision is served (第二条: ordinary procedure, not warning-only).
  if (published) children.push(bodyParagraph(`根据${LAW.publication}第八条的规定，本行政处罚决定信息将通过国家企业信用信息公示系统向社会公示。`));
  children.push(...signatureBlock(ctx.organ.name, date), blankLine(), ...recordNotes(['本文书一式两份，一份送达当事人，一份归档。']));
  return {
    title: `${DOCUMENT_KIND_LABELS.penaltyDecision}（${o.docNo ?? k.caseNo}）`,
    fileName: fileNameOf(DOCUMENT_KIND_LABELS.penaltyDecision, o.docNo ?? k.caseNo),
    creator: ctx.organ.name,
    children,
    snapshot: { ...caseSnapshot(ctx), docNo: o.docNo, date, penalty: terms, legalBasis: basis, fineDue, published, reviewBody: ctx.organ.reviewBody },
  };
}

/** 结案审批表: the decision, its execution, the handlers' proposal and the head's approval. */
function closingApproval(ctx: CaseContext, o: RenderOptions): RenderedDocument {
  const k = ctx.kase;
  const terms = penaltyTermsOf(ctx);
  const closed = lastEntry(ctx.log, ['close']);
  const decided = lastEntry(ctx.log, ['decide']);
  const decisionText = [
    labelOf(DECISION_TEXT, k.decision, '未作出决定'),
    k.decisionDocNo ? `决定书文号：${k.decisionDocNo}` : null,
    k.decision === 'penalty' ? penaltyLines(terms).join('；') : (decided?.note ?? k.decisionSummary ?? null),
  ].filter((x): x is string => !!x);
  const execution: string[] = [];
  if (k.servedOn) execution.push(`决定书于${chineseDate(k.servedOn)}送达`);
  if (k.paidOn) execution.push(`罚款于${chineseDate(k.paidOn)}缴清`);
  const enforcement = lastEntry(ctx.log, ['applyEnforcement']);
  if (enforcement) execution.push(`${chineseDate(enforcement.on)}申请人民法院强制执行`);
  if (k.decision === 'transferToPolice') execution.push('已移送公安机关');
  if (execution.length === 0) execution.push(k.decision === 'withdrawn' ? '销案，无需执行' : '');
  const rows: FormCell[][] = [
    [{ lines: ['案由'], label: true }, { lines: [`${k.title}（${labelOf(CASE_TYPE_TEXT, k.caseType, '其他')}）`], span: 3 }],
    [{ lines: ['立案号'], label: true }, { lines: [k.caseNo] }, { lines: ['立案日期'], label: true }, { lines: [chineseDate(k.filedOn)] }],
    [{ lines: ['当事人'], label: true }, { lines: [k.partyName] }, { lines: ['决定日期'], label: true }, { lines: [k.decisionOn ? chineseDate(k.decisionOn) : ''] }],
    [{ lines: ['处理决定'], label: true }, { lines: decisionText, span: 3, minLines: 2 }],
    [{ lines: ['执行情况'], label: true }, { lines: [execution.join('；')], span: 3, minLines: 2 }],
    [{ lines: ['承办人'], label: true }, { lines: [officersText(ctx.handlers)], span: 3 }],
    [{ lines: ['承办人意见'], label: true }, { lines: ['案件已办理完毕，建议结案。', '', '承办人：              年    月    日'], span: 3, minLines: 3 }],
    [{ lines: ['负责人审批意见'], label: true }, { lines: opinionLines(closed, closed ? '同意结案。' : null, '负责人'), span: 3, minLines: 3 }],
  ];
  return {
    title: `${DOCUMENT_KIND_LABELS.closingApproval}（${k.caseNo}）`,
    fileName: fileNameOf(DOCUMENT_KIND_LABELS.closingApproval, k.caseNo),
    creator: ctx.organ.name,
    children: [organHeading(ctx.organ.name), titleLine(DOCUMENT_KIND_LABELS.closingApproval), blankLine(), formTable([32, 50, 32, 50], rows)],
    snapshot: { ...caseSnapshot(ctx), decision: k.decision, decisionDocNo: k.decisionDocNo, execution, closedOn: k.closedOn },
  };
}

/**
 * The address a document was served at: the party's address of the record (for an adjudication, the requester's when
 * the recipient is the requester, else the respondent's).
 */
function addressOf(ctx: RecordContext, recipient: string): string | null {
  switch (ctx.entityType) {
    case 'case':
      return ctx.kase.partyAddress;
    case 'lead':
      return ctx.lead.respondentAddress;
    case 'adjudication':
      return recipient.includes(ctx.adj.requesterName) && !recipient.includes(ctx.adj.respondentName) ? ctx.adj.requesterAddress : ctx.adj.respondentAddress;
    case 'mediation':
      return ctx.parties.find((p) => recipient.includes(p.name))?.address ?? null;
  }
}

/** Who served it: the case's handlers, the officers of the lead, the adjudication's panel, the mediators. */
function serversOf(ctx: RecordContext): { name: string }[] {
  switch (ctx.entityType) {
    case 'case':
      return ctx.handlers;
    case 'lead':
      return ctx.officers;
    case 'adjudication':
      return ctx.panel;
    case 'mediation':
      return ctx.mediators;
  }
}

/** 送达回证: one per service record (民事诉讼法 第八十七条: the receipt records the recipient's signature and date). */
function serviceReceipt(ctx: RecordContext, o: RenderOptions): RenderedDocument {
  const r = o.serviceRecord!;
  const docTitle = o.servedDocNo && !r.documentTitle.includes(o.servedDocNo) ? `${r.documentTitle}（${o.servedDocNo}）` : r.documentTitle;
  const place = r.method === 'electronic' ? '受送达人确认的电子送达地址' : r.method === 'announcement' ? '公告送达' : (addressOf(ctx, r.recipient) ?? '');
  let dateText = r.servedOn ? chineseDate(r.servedOn) : '';
  if (r.method === 'announcement' && r.announcedOn) {
    const deemed = r.deemedServedOn ?? r.servedOn;
    dateText = `${chineseDate(r.announcedOn)}公告${deemed ? `，${chineseDate(deemed)}视为送达` : '，自公告之日起经过三十日视为送达'}`;
  }
  const notes: string[] = [];
  if (r.method === 'mail' && r.trackingNo) notes.push(`邮件单号：${r.trackingNo}`);
  if (r.method === 'electronic' && r.electronicConsent) notes.push('受送达人已同意电子送达并签署送达地址确认书');
  if (r.method === 'leaving') notes.push('受送达人拒绝签收，已留置送达，并采用拍照、录像等方式记录送达过程');
  if (r.note) notes.push(r.note);
  const servers = serversOf(ctx);
  const rows: FormCell[][] = [
    [{ lines: ['送达文书名称及文号'], label: true }, { lines: [docTitle], span: 3 }],
    [{ lines: ['受送达人'], label: true }, { lines: [r.recipient], span: 3 }],
    [{ lines: ['送达地点'], label: true }, { lines: [place], span: 3 }],
    [{ lines: ['送达方式'], label: true }, { lines: [labelOf(SERVICE_METHOD_TEXT, r.method, r.method)] }, { lines: ['送达日期'], label: true }, { lines: [dateText] }],
    [{ lines: ['受送达人签名或者盖章'], label: true }, { lines: ['', '', '                年    月    日'], span: 3, minLines: 3 }],
    [{ lines: ['代收人及代收理由'], label: true }, { lines: [''], span: 3, minLines: 2 }],
    [{ lines: ['送达人签名'], label: true }, { lines: [servers.length > 0 ? servers.map((s) => s.name).join('、') : '', '', '                年    月    日'], span: 3, minLines: 3 }],
    [{ lines: ['见证人签名'], label: true }, { lines: [''], span: 3, minLines: 2 }],
    [{ lines: ['备注'], label: true }, { lines: notes.length > 0 ? notes : [''], span: 3, minLines: 2 }],
  ];
  const ref = docTitle;
  return {
    // 行政处罚决定书（泰岱市监罚〔2026〕1号）送达回证: the served document names the receipt (no brackets within brackets).
    title: `${ref}${DOCUMENT_KIND_LABELS.serviceReceipt}`,
    fileName: fileNameOf(DOCUMENT_KIND_LABELS.serviceReceipt, ref),
    creator: ctx.organ.name,
    children: [organHeading(ctx.organ.name), titleLine(DOCUMENT_KIND_LABELS.serviceReceipt), blankLine(), formTable([40, 50, 28, 46], rows)],
    snapshot: {
      organ: ctx.organ.name,
      serviceRecordId: r.id,
      documentTitle: docTitle,
      recipient: r.recipient,
      method: r.method,
      servedOn: r.servedOn,
      announcedOn: r.announcedOn,
      deemedServedOn: r.deemedServedOn,
    },
  };
}

const ADJUDICATION_TEMPLATES = {
  adjudicationFilingNotice,
  adjudicationRejectionNotice,
  answerNotice,
  oralHearingNotice,
  suspensionNotice,
  adjudicationDecision,
} as const;

/** Renders a kind from its record's context (the caller has checked that the kind fits the record). */
export function renderTemplate(kind: DocumentKind, ctx: RecordContext, o: RenderOptions): RenderedDocument {
  switch (kind) {
    case 'filingApproval':
      if (ctx.entityType !== 'lead' && ctx.entityType !== 'case') break;
      return filingApproval(ctx, o);
    case 'serviceReceipt':
      return serviceReceipt(ctx, o);
    case 'acceptanceNotice':
    case 'rejectionNotice':
    case 'mediationTermination':
      if (ctx.entityType !== 'lead') break;
      return kind === 'acceptanceNotice' ? acceptanceNotice(ctx, o) : kind === 'rejectionNotice' ? rejectionNotice(ctx, o) : mediationTermination(ctx, o);
    case 'penaltyNotice':
    case 'penaltyDecision':
    case 'closingApproval':
      if (ctx.entityType !== 'case') break;
      return kind === 'penaltyNotice' ? penaltyNotice(ctx, o) : kind === 'penaltyDecision' ? penaltyDecision(ctx, o) : closingApproval(ctx, o);
    case 'adjudicationFilingNotice':
    case 'adjudicationRejectionNotice':
    case 'answerNotice':
    case 'oralHearingNotice':
    case 'suspensionNotice':
    case 'adjudicationDecision':
      if (ctx.entityType !== 'adjudication') break;
      return ADJUDICATION_TEMPLATES[kind](ctx, o);
    case 'mediationAgreement':
      if (ctx.entityType !== 'mediation') break;
      return mediationAgreement(ctx, o);
  }
  throw new Error(`no template for ${kind} on ${ctx.entityType}`);
}
