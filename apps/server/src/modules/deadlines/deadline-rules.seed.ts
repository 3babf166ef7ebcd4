import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, DeadlineRulesTable } from '../../db/schema';

type SeedRule = Omit<Insertable<DeadlineRulesTable>, 'id' | 'createdBy' | 'createdAt'>;

// Versions of the rules the seed cites (effective date = first day the version applies).
const ORDER20 = { regulation: '市场监督管理投诉举报处理暂行办法', version: '2022年修正（总局令第20号）', effectiveFrom: '2022-03-24' } as const;
const PENALTY_LAW = { regulation: '中华人民共和国行政处罚法', version: '2021年修订', effectiveFrom: '2021-07-15' } as const;
const PROCEDURE = { regulation: '市场监督管理行政处罚程序规定', version: '2021年修正（总局令第42号）', effectiveFrom: '2021-07-15' } as const;
const PUBLICATION = { regulation: '市场监督管理行政处罚信息公示规定', version: '2021年（总局令第45号）', effectiveFrom: '2021-09-01' } as const;
const COERCION = { regulation: '中华人民共和国行政强制法', version: '2011年', effectiveFrom: '2012-01-01' } as const;
const PATENT_ENFORCEMENT = { regulation: '专利行政执法办法', version: '2015年修订（国家知识产权局令第71号）', effectiveFrom: '2015-07-01' } as const;
const PATENT_LAW = { regulation: '中华人民共和国专利法', version: '2020年修正', effectiveFrom: '2021-06-01' } as const;
const CIVIL_PROCEDURE = { regulation: '中华人民共和国民事诉讼法', version: '2023年修正', effectiveFrom: '2024-01-01' } as const;
const MEDIATION_LAW = { regulation: '中华人民共和国人民调解法', version: '2010年', effectiveFrom: '2011-01-01' } as const;
const SPECIAL_MEDIATION = { regulation: '最高人民法院关于人民法院特邀调解的规定', version: '法释〔2016〕14号', effectiveFrom: '2016-07-01' } as const;
const ONLINE_MEDIATION = { regulation: '人民法院在线调解规则', version: '法释〔2021〕23号', effectiveFrom: '2022-01-01' } as const;

const ORDER121_NOTE = '2026-04-15 起《市场监督管理投诉举报处理办法》（总局令第121号）取代本办法，新办法原文尚未核对，核对后请以新生效日期新增版本。';
const ADJUDICATION_NOTE = '2015 年《专利行政执法办法》数值；2025-02-01 起《专利纠纷行政裁决和调解办法》、山东省 2024-01-01 起《山东省专利纠纷行政裁决和行政调解办法》施行，原文尚未核对，核对后请新增版本。条款号凭记忆，待核对。';

/**
 * The statutory deadlines, from shared/reference/legal-rules.md §1.1, §1.2, §1.4, §1.5, §1.7 with the trust marks
 * there (✅ verified, ⚠️ secondary, ❓ unverified). Counting: 行政处罚法 第八十五条 — 二日、三日、五日、七日 are working
 * days; longer periods are calendar days (民事诉讼法 第八十五条 rolls a last day off to the next working day).
 */
export const SEED_RULES: SeedRule[] = [
  // ---- §1.1 投诉举报处理暂行办法 (✅ full text in shared/laws) ----
  { key: 'complaint.acceptance', name: '投诉受理决定', ...ORDER20, amount: 7, unit: 'workingDays', article: '第十四条', trust: 'verified',
    note: `自收到投诉之日起七个工作日内作出受理或者不予受理的决定，并告知投诉人。${ORDER121_NOTE}` },
  { key: 'complaint.mediation', name: '投诉调解期限', ...ORDER20, amount: 45, unit: 'workingDays', article: '第二十一条第一款第（五）项', trust: 'verified',
    note: `自投诉受理之日起四十五个工作日内未能达成调解协议的，终止调解；检定、检验、检测、鉴定时间不计入（第二十条）。${ORDER121_NOTE}` },
  { key: 'complaint.terminationNotice', name: '终止调解告知', ...ORDER20, amount: 7, unit: 'workingDays', article: '第二十一条第二款', trust: 'verified',
    note: `终止调解的，自作出终止调解决定之日起七个工作日内告知投诉人和被投诉人。${ORDER121_NOTE}` },
  { key: 'complaint.jurisdictionDispute', name: '处理权限争议协商', ...ORDER20, amount: 7, unit: 'workingDays', article: '第三十条', trust: 'verified',
    note: `自发生争议之日起七个工作日内协商解决，协商不成的报请共同的上一级部门指定。${ORDER121_NOTE}` },
  { key: 'report.reporterNotice', name: '实名举报人告知', ...ORDER20, amount: 5, unit: 'workingDays', article: '第三十一条第二款', trust: 'verified',
    note: `实名举报的，自作出是否立案决定之日起五个工作日内告知举报人；匿名举报不告知。${ORDER121_NOTE}` },
  { key: 'mediation.leadVerification', name: '调解中发现违法线索核查', ...ORDER20, amount: 15, unit: 'workingDays', article: '第二十三条', trust: 'verified',
    note: `自发现之日起十五个工作日内核查；特殊情况下可以延长十五个工作日。${ORDER121_NOTE}` },

  // ---- §1.2 行政处罚程序 ----
  { key: 'lead.verification', name: '线索核查', ...PROCEDURE, amount: 15, unit: 'workingDays', article: '第十八条', trust: 'secondary',
    note: '自发现线索或者收到材料之日起十五个工作日内核查并决定是否立案；特殊情况下经负责人批准可以延长十五个工作日（另以延期记录）。检测、检验、检疫、鉴定以及权利人辨认或者鉴别等时间不计入。条款号未对照原文。' },
  { key: 'lead.verificationExtension', name: '线索核查延期', ...PROCEDURE, amount: 15, unit: 'workingDays', article: '第十八条', trust: 'secondary',
    note: '特殊情况下经负责人批准延长十五个工作日。条款号未对照原文。' },
  { key: 'penalty.assistance', name: '协助调查', ...PROCEDURE, amount: 15, unit: 'workingDays', article: '（条款待核对）', trust: 'secondary',
    note: '请求其他市场监督管理部门协助调查取证的办理期限（二手资料）。' },
  { key: 'penalty.decision', name: '普通程序处罚决定', ...PENALTY_LAW, amount: 90, unit: 'calendarDays', article: '第六十条', trust: 'verified',
    note: '自立案之日起九十日内作出行政处罚决定；中止、听证、公告、检测检验检疫鉴定、权利人辨认或者鉴别、责令退还多收价款等时间不计入（程序规定）。' },
  { key: 'penalty.decisionExtension', name: '处罚决定延期', ...PROCEDURE, amount: 30, unit: 'calendarDays', article: '第六十四条', trust: 'secondary',
    note: '案情复杂等不能按期作出决定的，经负责人批准可以延长三十日；仍不能作出的，经集体讨论决定是否继续延期并确定合理期限。条款号未对照原文。' },
  { key: 'penalty.statementDefence', name: '陈述申辩与听证申请', ...PENALTY_LAW, amount: 5, unit: 'workingDays', article: '第六十四条第（一）项、第八十五条', trust: 'verified',
    note: '当事人要求听证的，应当在行政机关告知后五日内提出；“五日”为工作日（第八十五条）。程序规定的陈述申辩期限同为五个工作日（二手资料）。' },
  { key: 'penalty.hearingNotice', name: '听证通知', ...PENALTY_LAW, amount: 7, unit: 'workingDays', article: '第六十四条第（二）项、第八十五条', trust: 'verified',
    note: '应当在举行听证的七日前通知当事人及有关人员听证的时间、地点（自听证日倒推七个工作日）。' },
  { key: 'penalty.service', name: '处罚决定书送达', ...PENALTY_LAW, amount: 7, unit: 'workingDays', article: '第六十一条、第八十五条', trust: 'verified',
    note: '当事人不在场的，应当在七日内依照民事诉讼法的有关规定将行政处罚决定书送达当事人。' },
  { key: 'penalty.finePayment', name: '缴纳罚款', ...PENALTY_LAW, amount: 15, unit: 'calendarDays', article: '第六十七条第三款', trust: 'verified',
    note: '当事人应当自收到行政处罚决定书之日起十五日内缴纳罚款。' },
  { key: 'penalty.evidencePreservation', name: '先行登记保存处理决定', ...PENALTY_LAW, amount: 7, unit: 'workingDays', article: '第五十六条、第八十五条', trust: 'verified',
    note: '先行登记保存的，应当在七日内及时作出处理决定。' },
  { key: 'penalty.seizure', name: '查封扣押期限', ...COERCION, amount: 30, unit: 'calendarDays', article: '第二十五条', trust: 'secondary',
    note: '查封、扣押的期限不得超过三十日；情况复杂的，经负责人批准可以延长，但延长期限不得超过三十日。检测、检验、检疫、技术鉴定的期间不计入。' },
  { key: 'penalty.seizureExtension', name: '查封扣押延期', ...COERCION, amount: 30, unit: 'calendarDays', article: '第二十五条', trust: 'secondary',
    note: '情况复杂的，经负责人批准延长，延长期限不得超过三十日。' },
  { key: 'penalty.legalReview', name: '法制审核', ...PROCEDURE, amount: 10, unit: 'workingDays', article: '（条款待核对）', trust: 'secondary',
    note: '法制审核期限十个工作日，经负责人批准可以延长（二手资料）。' },

  // ---- §1.7 行政处罚信息公示规定 (✅) ----
  { key: 'penalty.publication', name: '行政处罚信息公示', ...PUBLICATION, amount: 20, unit: 'workingDays', article: '第九条', trust: 'verified',
    note: '与当事人登记地在同一省的，自作出行政处罚决定之日起二十个工作日内通过国家企业信用信息公示系统公示；不在同一省的为十个工作日推送（第十条）。' },
  { key: 'penalty.publicationWithdrawal', name: '撤回公示信息', ...PUBLICATION, amount: 3, unit: 'workingDays', article: '第十一条', trust: 'verified',
    note: '行政处罚决定被依法变更、撤销、确认违法或者确认无效的，应当在三个工作日内撤回行政处罚公示信息并说明理由。' },
  { key: 'penalty.portalPublication', name: '执法决定网上公开', regulation: '国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见', version: '国办发〔2018〕118号', effectiveFrom: '2018-12-05', amount: 7, unit: 'workingDays', article: '（条款待核对）', trust: 'unverified',
    note: '行政许可、行政处罚的执法决定信息在执法决定作出之日起七个工作日内公开（凭记忆，待核实）；与国家企业信用信息公示系统公示是两个期限。' },

  // ---- §1.4 专利侵权纠纷行政裁决 ----
  { key: 'adjudication.filing', name: '行政裁决立案', ...PATENT_ENFORCEMENT, amount: 5, unit: 'workingDays', article: '第十条', trust: 'secondary',
    note: `请求符合条件的，自收到请求书之日起五个工作日内立案并通知请求人；不符合的，通知不予受理并说明理由。${ADJUDICATION_NOTE}` },
  { key: 'adjudication.service', name: '请求书副本送达被请求人', ...PATENT_ENFORCEMENT, amount: 5, unit: 'workingDays', article: '第十一条', trust: 'unverified',
    note: `自立案之日起五个工作日内将请求书及附件副本送达被请求人。${ADJUDICATION_NOTE}` },
  { key: 'adjudication.answer', name: '被请求人答辩', ...PATENT_ENFORCEMENT, amount: 15, unit: 'calendarDays', article: '第十一条', trust: 'secondary',
    note: `被请求人自收到之日起十五日内提交答辩书；期满未答辩的不影响处理。${ADJUDICATION_NOTE}` },
  { key: 'adjudication.answerForward', name: '答辩书副本送达请求人', ...PATENT_ENFORCEMENT, amount: 5, unit: 'workingDays', article: '第十一条', trust: 'unverified',
    note: `自收到答辩书之日起五个工作日内将答辩书副本送达请求人。${ADJUDICATION_NOTE}` },
  { key: 'adjudication.decision', name: '行政裁决结案', ...PATENT_ENFORCEMENT, amount: 3, unit: 'months', article: '第十三条', trust: 'secondary',
    note: `自立案之日起三个月内结案；公告、鉴定、中止等时间不计入。${ADJUDICATION_NOTE}` },
  { key: 'adjudication.decisionExtension', name: '行政裁决延期', ...PATENT_ENFORCEMENT, amount: 1, unit: 'months', article: '第十三条', trust: 'secondary',
    note: `案件特别复杂需要延长的，经负责人批准，延长期限最多不超过一个月。${ADJUDICATION_NOTE}` },
  { key: 'adjudication.lawsuitWindow', name: '不服裁决起诉期限', ...PATENT_LAW, amount: 15, unit: 'calendarDays', article: '第六十五条', trust: 'verified',
    note: '当事人不服的，可以自收到处理通知之日起十五日内依照行政诉讼法向人民法院起诉；期满不起诉又不停止侵权的，可以申请人民法院强制执行。' },
  { key: 'adjudication.hearingNotice', name: '口头审理通知', ...PATENT_ENFORCEMENT, amount: 3, unit: 'workingDays', article: '第十二条', trust: 'unverified',
    note: `应当在口头审理三个工作日前将口头审理的时间、地点通知当事人（自审理日倒推；凭记忆，待核对）。${ADJUDICATION_NOTE}` },
  { key: 'adjudication.pilotTarget', name: '行政裁决办结目标（本局）', regulation: '泰安市专利侵权纠纷行政裁决试点工作方案', version: '试点目标', effectiveFrom: '2021-01-01', amount: 60, unit: 'calendarDays', article: '（工作目标，非法定期限）', trust: 'secondary',
    note: '泰安作为全省专利侵权纠纷行政裁决试点，目标为立案后 60 日内办结（政策文件表述）；与法定结案期限并列显示，不产生超期预警。暂停事由同法定期限。' },
  { key: 'mediation.patentOpinion', name: '专利纠纷调解被请求人意见陈述', ...PATENT_ENFORCEMENT, amount: 15, unit: 'calendarDays', article: '第二十一条', trust: 'unverified',
    note: `调解请求书送达被请求人后，被请求人应当在十五日内提交意见陈述书；逾期未提交或者拒绝调解的，不予立案。${ADJUDICATION_NOTE}` },
  { key: 'mediation.patentFiling', name: '专利纠纷调解立案', ...PATENT_ENFORCEMENT, amount: 5, unit: 'workingDays', article: '第二十一条', trust: 'unverified',
    note: `被请求人提交意见陈述书并同意调解的，自收到意见陈述书之日起五个工作日内立案，并通知双方当事人调解的时间和地点。${ADJUDICATION_NOTE}` },
  { key: 'service.announcement', name: '公告送达', ...CIVIL_PROCEDURE, amount: 30, unit: 'calendarDays', article: '第九十五条', trust: 'verified',
    note: '自发出公告之日起，经过三十日，即视为送达。（国家知识产权局专利程序文件公告满一个月视为送达，专利法实施细则 第四条。）' },

  // ---- §1.5 人民调解与诉调对接 (✅) ----
  { key: 'mediation.judicialConfirmation', name: '申请司法确认', ...MEDIATION_LAW, amount: 30, unit: 'calendarDays', article: '第三十三条', trust: 'verified',
    note: '双方当事人可以自调解协议生效之日起三十日内共同向人民法院申请司法确认；涉及物权、知识产权确权的协议不予受理（民诉法解释 第三百五十五条）。' },
  { key: 'mediation.courtDelegated', name: '委派调解期限', ...SPECIAL_MEDIATION, amount: 30, unit: 'calendarDays', article: '第二十七条第一款', trust: 'verified',
    note: '人民法院委派调解的案件，调解期限为30日；双方当事人同意延长的，不受此限。自特邀调解员签收材料之日起算。' },
  { key: 'mediation.courtEntrustedOrdinary', name: '委托调解期限（普通程序）', ...SPECIAL_MEDIATION, amount: 15, unit: 'calendarDays', article: '第二十七条第二款', trust: 'verified',
    note: '人民法院委托调解的案件，适用普通程序的调解期限为15日；双方当事人同意延长的，不受此限。' },
  { key: 'mediation.courtEntrustedSimple', name: '委托调解期限（简易程序）', ...SPECIAL_MEDIATION, amount: 7, unit: 'calendarDays', article: '第二十七条第二款', trust: 'verified',
    note: '人民法院委托调解的案件，适用简易程序的调解期限为7日；双方当事人同意延长的，不受此限。' },
  { key: 'mediation.onlineAcceptance', name: '在线调解确认接受委派委托', ...ONLINE_MEDIATION, amount: 3, unit: 'workingDays', article: '第十二条', trust: 'verified',
    note: '调解组织或者调解员应当在三个工作日内确认是否接受委派、委托。' },
];

/**
 * Seeds the rule versions that are missing (by key and effective date): all of them on a first start, and on every later
 * start the versions a release added (e.g. the adjudication and mediation rules of issue 6). Versions entered by an
 * administrator are never touched.
 */
export async function seedDeadlineRules(ex: Transaction<Database> | Kysely<Database>): Promise<number> {
  const existing = await ex.selectFrom('deadlineRules').select(['key', 'effectiveFrom']).execute();
  const have = new Set(existing.map((r) => `${r.key}@${r.effectiveFrom}`));
  const missing = SEED_RULES.filter((r) => !have.has(`${r.key}@${r.effectiveFrom}`));
  if (missing.length > 0) await ex.insertInto('deadlineRules').values(missing.map((r) => ({ ...r, createdBy: null }))).execute();
  return missing.length;
}
