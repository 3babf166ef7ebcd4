import {
  AGREEMENT_TERM_KINDS,
  DISPUTE_TYPES,
  DOCUMENT_KIND_LABELS,
  MEDIATION_IP_TYPES,
  formatYuan,
  judicialConfirmationBlock,
  toFen,
} from '@zhichan/shared';
import type { FileChild } from 'docx';
import { blankLine, bodyParagraph, chineseDate, flushLeft, formTable, heading1, signatureBlock, type FormCell } from '../../lib/docx/gbt9704';
import { maskedIdNo, maskedName, type MediationContext, type MediationPartyInfo } from './documents.data';
import { chineseNumber, labelOf, periodText, rmbUpper } from './documents.labels';
import { LAW, fileNameOf, head, lastEntry, str, type RenderOptions, type RenderedDocument } from './documents.template-kit';

/**
 * 调解协议书 (人民调解法 第二十八条、第二十九条): made in the name of the 知识产权纠纷人民调解委员会 at the mediating bureau,
 * numbered with the mediation's own 调解案号 (知调). Contents after 第二十九条第一款: (一) the parties; (二) the main facts,
 * the matters in dispute and each party's responsibility; (三) the terms, how and by when they are performed. Then the
 * effective-on rule (第二十九条第二款), the binding force (第三十一条, 第三十二条) and the judicial confirmation (第三十三条,
 * 民事诉讼法 第二百零五条), or, for an agreement that confirms who owns an IP right, why it cannot be confirmed
 * (民诉法解释 第三百五十五条第一款第（五）项).
 */

const trimStop = (text: string) => text.replace(/[。；;，,\s]+$/, '');

const SIDE_LABEL = { applicant: '申请人', respondent: '被申请人' } as const;

const SUPREME_COURT_INTERPRETATION = '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》';

function partyLines(p: MediationPartyInfo): string[] {
  const lines = [`${SIDE_LABEL[p.side]}：${p.name}`];
  if (p.kind === 'organization') {
    if (p.uscc) lines.push(`统一社会信用代码：${p.uscc}`);
  } else if (p.idNo ?? p.idNoMasked) lines.push(`居民身份证号码：${p.idNo ?? p.idNoMasked}`);
  if (p.address) lines.push(`${p.kind === 'organization' ? '住所' : '住址'}：${p.address}`);
  if (p.agent) lines.push(`委托代理人：${p.agent}`);
  return lines;
}

function names(parties: MediationPartyInfo[], side: 'applicant' | 'respondent'): string {
  return parties.filter((p) => p.side === side).map((p) => p.name).join('、');
}

/** How the dispute came to the committee (来源): the court's delegation or entrustment, an adjudication, a complaint. */
function sourceText(ctx: MediationContext): string {
  const m = ctx.med;
  switch (m.source) {
    case 'courtDelegated':
      return `本纠纷系${m.courtName ?? '人民法院'}在立案前委派本调解委员会调解的纠纷（${m.courtCaseNo ?? ''}）。`;
    case 'courtEntrusted':
      return `本纠纷系${m.courtName ?? '人民法院'}在诉讼中委托本调解委员会调解的案件（案号：${m.courtCaseNo ?? ''}）。`;
    case 'adjudication':
      return `本纠纷系${ctx.organ.name}处理的专利侵权纠纷${ctx.sourceRef ? `（立案号：${ctx.sourceRef}）` : ''}中，当事人请求就侵犯专利权的赔偿数额进行的调解（${LAW.patent}第六十五条）。`;
    case 'complaint':
      return `本纠纷系${ctx.organ.name}受理的投诉${ctx.sourceRef ? `（编号：${ctx.sourceRef}）` : ''}，经当事人同意转入调解。`;
    default:
      return `${names(ctx.parties, 'applicant') || '申请人'}于${chineseDate(m.appliedOn)}申请调解，${m.acceptedOn ? `本调解委员会于${chineseDate(m.acceptedOn)}受理` : '经双方当事人同意，本调解委员会予以受理'}。`;
  }
}

/** 专利侵权赔偿纠纷, 商标许可使用纠纷, 专利权属纠纷: the kind of right and the kind of dispute in one name. */
function disputeName(ipType: string, disputeType: string): string {
  const ip = ipType === 'other' ? '知识产权' : labelOf(MEDIATION_IP_TYPES, ipType, '知识产权');
  if (disputeType === 'other') return `${ip}纠纷`;
  const d = labelOf(DISPUTE_TYPES, disputeType, '');
  return `${ip}${d.endsWith('纠纷') ? d : `${d}纠纷`}`;
}

/** The terms, one paragraph a line; lines that carry no number of their own are numbered 1. 2. 3. */
function termParagraphs(terms: string): FileChild[] {
  const lines = terms.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const numbered = lines.every((l) => /^([0-9０-９]+[.、．]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/.test(l));
  return lines.map((l, i) => bodyParagraph(numbered || lines.length === 1 ? l : `${i + 1}. ${l}`));
}

export function mediationAgreement(ctx: MediationContext, o: RenderOptions): RenderedDocument {
  const m = ctx.med;
  const reached = lastEntry(ctx.log, ['reachAgreement']);
  const terms = m.agreementTerms ?? '';
  const block = judicialConfirmationBlock(m.agreementTermKinds ?? [], m.disputeType);
  const court = m.source === 'courtDelegated' || m.source === 'courtEntrusted' ? m.courtName : null;
  const copies = ctx.parties.length + 1;
  const docNo = o.docNo ?? m.mediationNo;
  const amountClaimed = toFen(m.amountClaimed) ? `，请求金额人民币${rmbUpper(m.amountClaimed!)}（${formatYuan(m.amountClaimed!)}）` : '';
  const responsibility = str(reached?.data.responsibility) ?? str(reached?.data.facts);

  const children: FileChild[] = [...head(ctx.committee, DOCUMENT_KIND_LABELS.mediationAgreement, docNo)];
  for (const p of ctx.parties) for (const l of partyLines(p)) children.push(flushLeft(l));
  children.push(blankLine());

  // 第二十九条第一款第（二）项: 纠纷的主要事实、争议事项以及各方当事人的责任.
  children.push(heading1('一、纠纷的主要事实、争议事项及各方当事人的责任'));
  children.push(bodyParagraph(sourceText(ctx)));
  children.push(
    bodyParagraph(
      `申请人${names(ctx.parties, 'applicant')}与被申请人${names(ctx.parties, 'respondent')}因${trimStop(m.subject)}发生${disputeName(m.ipType, m.disputeType)}。` +
        `申请人请求：${trimStop(m.claims)}${amountClaimed}。`,
    ),
  );
  if (responsibility) children.push(bodyParagraph(`${trimStop(responsibility)}。`));
  const mediatorNames = ctx.mediators.map((x) => (x.role === 'chief' ? `${x.name}（主持）` : x.name)).join('、');
  const sessionDays = [...new Set(ctx.sessions.map((x) => x.heldOn))].map(chineseDate).join('、');
  children.push(
    bodyParagraph(
      `本调解委员会${mediatorNames ? `指派人民调解员${mediatorNames}` : ''}${sessionDays ? `于${sessionDays}` : ''}主持调解。` +
        '经调解，各方当事人在平等协商、互谅互让的基础上自愿达成如下协议：',
    ),
  );

  // 第二十九条第一款第（三）项: 当事人达成调解协议的内容，履行的方式、期限.
  children.push(heading1('二、协议内容'));
  children.push(...termParagraphs(terms));
  children.push(heading1('三、履行方式和期限'));
  const amount = toFen(m.agreementAmount) ? `本协议约定的给付金额为人民币${rmbUpper(m.agreementAmount!)}（${formatYuan(m.agreementAmount!)}）。` : '';
  const due = m.performanceDueOn ? `各方当事人应当于${chineseDate(m.performanceDueOn)}前按照上述约定履行完毕。` : '各方当事人应当按照上述约定的方式和期限履行。';
  children.push(
    bodyParagraph(`${amount}${due}`),
    bodyParagraph(
      `经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行；本调解委员会对协议的履行情况进行监督，督促当事人履行约定的义务（${LAW.mediation}第三十一条）。` +
        `当事人之间就调解协议的履行或者调解协议的内容发生争议的，一方当事人可以向人民法院提起诉讼（${LAW.mediation}第三十二条）。`,
    ),
  );

  // 第二十九条第二款: effective on all signatures and the committee's seal; one copy each, one kept.
  children.push(heading1('四、协议的生效'));
  children.push(
    bodyParagraph(
      `本协议书自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效（${LAW.mediation}第二十九条第二款）。` +
        `本协议书一式${chineseNumber(copies)}份，当事人各执一份，人民调解委员会留存一份。`,
    ),
  );

  children.push(heading1('五、司法确认'));
  if (block) {
    // 民诉法解释 第三百五十五条第一款第（五）项: 调解协议内容涉及物权、知识产权确权的, 人民法院裁定不予受理.
    children.push(
      bodyParagraph(
        `本协议涉及知识产权权属的确认。依照${SUPREME_COURT_INTERPRETATION}第三百五十五条第一款第（五）项的规定，调解协议内容涉及物权、知识产权确权的，人民法院不予受理司法确认申请，` +
          '因此本协议不能申请司法确认。当事人对权属仍有争议的，可以依法通过诉讼或者仲裁确认；本协议依法具有法律约束力，当事人应当按照约定履行。',
      ),
    );
  } else {
    const period = ctx.confirmationPeriod;
    const periodWords = period ? periodText(period) : '三十日';
    const source = period ? `《${period.regulation}》${period.article}` : `${LAW.mediation}第三十三条`;
    // 民事诉讼法 第二百零五条第（一）项: the inviting court; 第（二）项: the basic court of a party's domicile, the subject matter or the committee.
    const where = court ?? '当事人住所地、标的物所在地或者本调解委员会所在地的基层人民法院';
    children.push(
      bodyParagraph(
        `双方当事人认为有必要的，可以自本协议生效之日起${periodWords}内共同向${where}申请司法确认（${source}、${LAW.civilProcedure}第二百零五条）。` +
          '人民法院依法确认调解协议有效，一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行。',
      ),
    );
  }
  if (court) children.push(bodyParagraph(`本调解委员会将调解结果反馈${court}。`));

  // Signatures: each party, then the mediators, then the committee's seal and the date it takes effect.
  const rows: FormCell[][] = [
    [{ lines: ['当事人'], label: true }, { lines: ['名称（姓名）'], label: true }, { lines: ['签名、盖章或者按指印'], label: true }, { lines: ['日期'], label: true }],
    ...ctx.parties.map((p): FormCell[] => [{ lines: [SIDE_LABEL[p.side]], label: true }, { lines: [p.name] }, { lines: [''], minLines: 2 }, { lines: ['    年  月  日'] }]),
    ...(ctx.mediators.length > 0 ? ctx.mediators : [{ name: '', kind: 'peopleMediator', role: 'chief' as const }]).map((x): FormCell[] => [
      { lines: ['人民调解员'], label: true },
      { lines: [x.name] },
      { lines: [''], minLines: 2 },
      { lines: ['    年  月  日'] },
    ]),
  ];
  children.push(blankLine(), formTable([28, 52, 48, 36], rows), ...signatureBlock(ctx.committee, m.agreementEffectiveOn));

  const termKinds = (m.agreementTermKinds ?? []).map((k) => labelOf(AGREEMENT_TERM_KINDS, k, k));
  return {
    title: `${DOCUMENT_KIND_LABELS.mediationAgreement}（${docNo}）`,
    fileName: fileNameOf(DOCUMENT_KIND_LABELS.mediationAgreement, docNo),
    creator: ctx.committee,
    children,
    snapshot: {
      mediationNo: m.mediationNo,
      committee: ctx.committee,
      docNo,
      parties: ctx.parties.map((p) => ({
        side: p.side,
        name: p.kind === 'person' ? maskedName(p.name) : p.name,
        uscc: p.uscc,
        idNo: p.kind === 'person' ? (maskedIdNo(p.idNo) ?? p.idNoMasked) : null,
      })),
      mediators: ctx.mediators.map((x) => x.name),
      termKinds,
      agreementAmount: m.agreementAmount,
      effectiveOn: m.agreementEffectiveOn,
      judicialConfirmation: block ? { available: false, reason: block } : { available: true, period: ctx.confirmationPeriod },
    },
  };
}
