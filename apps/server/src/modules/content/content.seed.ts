/**
 * First-start content: the full texts of ten laws and regulations on intellectual property and market-supervision
 * procedure (seed/laws, see seed/laws/SOURCES.md) as published 政策法规, and, when DEMO=true, a few demo items whose
 * titles start with 【演示】 so nobody mistakes them for real cases or real news.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArticleKind, NewsCategory } from '@zhichan/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { articleBigrams } from './content.search';

export const LAWS_DIR = fileURLToPath(new URL('../../../seed/laws/', import.meta.url));

/** Facts read off each file's header lines (above `<!-- INFO END -->`); the test checks them against the files. */
export const LAWS: { file: string; issuer: string; documentNo: string | null; issuedOn: string; effectiveOn: string | null; edition: string }[] = [
  { file: '人民调解法(2010-08-28).md', issuer: '全国人民代表大会常务委员会', documentNo: null, issuedOn: '2010-08-28', effectiveOn: null, edition: '2010年8月28日通过' },
  { file: '山东省专利条例(2013-08-01).md', issuer: '山东省人民代表大会常务委员会', documentNo: null, issuedOn: '2013-08-01', effectiveOn: null, edition: '2013年8月1日通过' },
  { file: '商标法实施条例(2014-04-29).md', issuer: '国务院', documentNo: '中华人民共和国国务院令第651号', issuedOn: '2014-04-29', effectiveOn: '2014-05-01', edition: '2014年4月29日修订' },
  { file: '专利代理条例(2018-11-06).md', issuer: '国务院', documentNo: '中华人民共和国国务院令第706号', issuedOn: '2018-11-06', effectiveOn: '2019-03-01', edition: '2018年9月6日修订，2018年11月6日公布' },
  { file: '商标法(2019-04-23).md', issuer: '全国人民代表大会常务委员会', documentNo: null, issuedOn: '2019-04-23', effectiveOn: null, edition: '2019年4月23日第四次修正' },
  { file: '专利法(2020-10-17).md', issuer: '全国人民代表大会常务委员会', documentNo: null, issuedOn: '2020-10-17', effectiveOn: null, edition: '2020年10月17日第四次修正' },
  { file: '行政处罚法(2021-01-22).md', issuer: '全国人民代表大会常务委员会', documentNo: null, issuedOn: '2021-01-22', effectiveOn: null, edition: '2021年1月22日修订' },
  { file: '市场监督管理行政处罚信息公示规定(2021-07-30).md', issuer: '国家市场监督管理总局', documentNo: '国家市场监督管理总局令第45号', issuedOn: '2021-07-30', effectiveOn: '2021-09-01', edition: '2021年7月30日公布' },
  { file: '市场监督管理投诉举报处理暂行办法(2022-03-24).md', issuer: '国家市场监督管理总局', documentNo: '国家市场监督管理总局令第20号', issuedOn: '2022-03-24', effectiveOn: null, edition: '2019年11月30日公布，2022年3月24日修改' },
  { file: '专利法实施细则(2023-12-11).md', issuer: '国务院', documentNo: null, issuedOn: '2023-12-11', effectiveOn: null, edition: '2023年12月11日第三次修订' },
];

/** Splits a law file into title (`# ` line), history lines (summary) and body. */
export function parseLawFile(text: string): { title: string; summary: string; body: string } {
  const normalized = text.replace(/\r\n/g, '\n');
  const marker = normalized.indexOf('<!-- INFO END -->');
  const head = marker >= 0 ? normalized.slice(0, marker) : '';
  const rest = marker >= 0 ? normalized.slice(marker + '<!-- INFO END -->'.length) : normalized;
  const headLines = head.split('\n').map((l) => l.replace(/[\s\u3000]+$/u, '').trim()).filter(Boolean);
  const titleLine = headLines.find((l) => l.startsWith('# ')) ?? '';
  const title = titleLine.replace(/^#\s+/, '').trim();
  const summary = headLines.filter((l) => l !== titleLine).join('\n');
  const body = rest.replace(/[ \t\u3000]+$/gmu, '').replace(/\n{3,}/g, '\n\n').trim();
  return { title, summary, body };
}

interface SeedItem {
  kind: ArticleKind;
  category?: NewsCategory;
  title: string;
  summary: string | null;
  body: string;
  issuer?: string | null;
  documentNo?: string | null;
  issuedOn?: string | null;
  effectiveOn?: string | null;
  edition?: string | null;
  relatedTitle?: string;
  /** Days before the seed time at which the item counts as published. */
  daysAgo: number;
}

const DEMO_NOTE = '本文为演示数据，所涉单位、人物、案情均为虚构，不代表任何真实案件或工作安排。';

const DEMO_ITEMS: SeedItem[] = [
  {
    kind: 'interpretation',
    title: '【演示】《中华人民共和国专利法》第四次修正要点解读',
    summary: '围绕 2020 年第四次修正，梳理与企业和权利人关系最密切的几项变化。' + DEMO_NOTE,
    relatedTitle: '中华人民共和国专利法',
    issuer: '市市场监督管理局（知识产权局）',
    issuedOn: null,
    daysAgo: 20,
    body: [
      DEMO_NOTE,
      '## 一、加大对侵权行为的惩处力度',
      '修正后的专利法第七十一条规定，对故意侵犯专利权、情节严重的，可以在按照实际损失、侵权获利或者许可使用费倍数确定数额的一倍以上五倍以下确定赔偿数额；上述数额均难以确定的，人民法院可以确定给予三万元以上五百万元以下的赔偿。',
      '## 二、外观设计保护范围和期限',
      '专利法第二条将产品的“局部”形状、图案纳入外观设计保护范围；第四十二条规定外观设计专利权的期限为十五年，自申请日起计算。',
      '## 三、专利开放许可',
      '专利法第五十条规定，专利权人自愿以书面方式向国务院专利行政部门声明愿意许可任何单位或者个人实施其专利，并明确许可使用费支付方式、标准的，由国务院专利行政部门予以公告，实行开放许可。',
      '## 四、行政保护与司法保护衔接',
      '专利法第六十五条规定，专利侵权纠纷的当事人不愿协商或者协商不成的，专利权人或者利害关系人可以向人民法院起诉，也可以请求管理专利工作的部门处理。需要请求行政裁决的，可参阅本平台办事指南栏目。',
      '以上解读仅供参考，具体以法律条文为准。',
    ].join('\n\n'),
  },
  {
    kind: 'typicalCase',
    title: '【演示】某电商店铺销售侵犯注册商标专用权商品案',
    summary: '演示案例：网店销售侵犯他人注册商标专用权的服装，市场监管部门依法查处。' + DEMO_NOTE,
    daysAgo: 15,
    body: [
      DEMO_NOTE,
      '## 基本案情',
      '演示市某区市场监督管理局接到举报，反映辖区内某电商店铺（经营者甲某，以下均为化名）在网络平台销售标有他人注册商标的服装。执法人员现场检查仓库，查获涉嫌侵权服装若干件，并调取了网店销售记录。',
      '## 处理结果',
      '经商标注册人辨认并出具鉴定意见，涉案商品属于侵犯注册商标专用权的商品。当事人的行为违反了《中华人民共和国商标法》第五十七条的规定，市场监管部门依据该法第六十条作出责令停止侵权、没收侵权商品并处罚款的行政处罚。',
      '## 典型意义',
      '网络销售侵权商品隐蔽性强。本案通过调取平台交易数据固定证据，体现了线上线下一体化监管的思路。',
    ].join('\n\n'),
  },
  {
    kind: 'typicalCase',
    title: '【演示】某机械企业请求处理外观设计专利侵权纠纷案',
    summary: '演示案例：专利权人请求管理专利工作的部门处理专利侵权纠纷，经口头审理作出行政裁决。' + DEMO_NOTE,
    daysAgo: 10,
    body: [
      DEMO_NOTE,
      '## 基本案情',
      '请求人乙公司（化名）拥有一项外观设计专利，发现被请求人丙公司（化名）制造、销售的产品外观与其专利近似，遂依据《中华人民共和国专利法》第六十五条请求演示市知识产权局处理。',
      '## 处理过程',
      '知识产权局依法立案后，向被请求人送达请求书副本，组织双方口头审理，听取陈述和质证意见，并就产品外观进行比对。',
      '## 处理结果',
      '经审理认定侵权行为成立，依法责令被请求人立即停止制造、销售侵权产品。应双方请求，就赔偿数额进行了调解。',
      '## 典型意义',
      '行政裁决程序简便、周期较短，为权利人提供了诉讼之外的快速维权途径。',
    ].join('\n\n'),
  },
  {
    kind: 'news',
    category: 'rights',
    title: '【演示】市知识产权局开展重点商品商标侵权专项检查',
    summary: '演示动态：针对节假日消费旺季开展商标侵权专项检查。' + DEMO_NOTE,
    daysAgo: 7,
    body: [
      DEMO_NOTE,
      '为保护消费者和商标权利人的合法权益，演示市知识产权局组织各县（市、区）市场监督管理局，对商场、批发市场和网络店铺开展重点商品商标侵权专项检查。',
      '检查期间共出动执法人员若干人次，检查经营主体若干户，对发现的问题线索依法处理。',
      '公众发现侵犯知识产权的行为，可通过本平台“我要举报”栏目反映。',
    ].join('\n\n'),
  },
  {
    kind: 'news',
    category: 'rights',
    title: '【演示】知识产权维权援助工作站走进产业园区',
    summary: '演示动态：维权援助工作人员到企业宣讲专利、商标维权途径。' + DEMO_NOTE,
    daysAgo: 4,
    body: [
      DEMO_NOTE,
      '演示市知识产权维权援助工作人员走进某产业园区，为园区企业讲解专利侵权纠纷行政裁决、商标侵权投诉举报等维权途径，并现场解答企业提问。',
      '企业在维权中遇到困难，可通过本平台提交维权援助申请。',
    ].join('\n\n'),
  },
  {
    kind: 'news',
    category: 'work',
    title: '【演示】市市场监督管理局召开知识产权保护工作推进会',
    summary: '演示动态：部署年度知识产权保护重点工作。' + DEMO_NOTE,
    daysAgo: 2,
    body: [
      DEMO_NOTE,
      '会议通报了上半年知识产权保护工作情况，部署了下一阶段在行政裁决、投诉举报处理和维权援助方面的重点任务。',
      '会议要求各县（市、区）局严格执行法定办理时限，提高案件办理质量。',
    ].join('\n\n'),
  },
  {
    kind: 'guide',
    title: '【演示】专利侵权纠纷行政裁决请求指南',
    summary: '演示指南：请求管理专利工作的部门处理专利侵权纠纷的条件、材料和流程。' + DEMO_NOTE,
    daysAgo: 30,
    body: [
      DEMO_NOTE,
      '## 一、法律依据',
      '《中华人民共和国专利法》第六十五条；《中华人民共和国专利法实施细则》第九十五条、第九十七条。',
      '## 二、谁可以提出请求',
      '专利权人或者利害关系人。',
      '## 三、向谁提出',
      '由被请求人所在地或者侵权行为地的管理专利工作的部门管辖（专利法实施细则第九十七条）。',
      '## 四、需要提交的材料（示例）',
      '（一）请求书，写明请求人和被请求人的基本情况、请求事项和理由；',
      '（二）专利权有效的证明，如专利证书、缴费凭证；',
      '（三）侵权证据，如购买凭证、实物照片；',
      '（四）委托代理人办理的，提交授权委托书。',
      '## 五、办理流程',
      '提交请求 → 审查立案 → 送达答辩 → 口头审理 → 作出处理决定。当事人对处理决定不服的，可以自收到处理通知之日起十五日内依照《中华人民共和国行政诉讼法》向人民法院起诉（专利法第六十五条）。',
      '## 六、提示',
      '本指南为演示内容，实际办理以管理专利工作的部门公布的办事指南为准。',
    ].join('\n\n'),
  },
];

/**
 * Seeds the content in the caller's transaction: laws as published 政策法规 owned by the city bureau, and demo items
 * when `demo`. Each article's log starts with one 'import' action (published with the system, not through review).
 */
export async function seedContent(trx: Transaction<Database>, opts: { demo: boolean; now: Date }): Promise<{ laws: number; demo: number }> {
  const root = await trx.selectFrom('units').select('id').where('parentId', 'is', null).orderBy('id').executeTakeFirstOrThrow();
  const items: SeedItem[] = LAWS.map((law) => {
    const parsed = parseLawFile(fs.readFileSync(path.join(LAWS_DIR, law.file), 'utf8'));
    return { kind: 'policy' as const, ...parsed, ...law, daysAgo: 0 };
  });
  if (opts.demo) items.push(...DEMO_ITEMS);
  const idByTitle = new Map<string, number>();
  for (const item of items) {
    // Laws in order of issue: with equal publication times the newest law is listed first (id breaks the tie).
    const publishedAt = new Date(opts.now.getTime() - item.daysAgo * 86_400_000).toISOString();
    const row = await trx
      .insertInto('articles')
      .values({
        kind: item.kind,
        category: item.category ?? null,
        title: item.title,
        summary: item.summary,
        body: item.body,
        issuer: item.issuer ?? null,
        documentNo: item.documentNo ?? null,
        issuedOn: item.issuedOn ?? null,
        effectiveOn: item.effectiveOn ?? null,
        edition: item.edition ?? null,
        relatedArticleId: item.relatedTitle ? (idByTitle.get(item.relatedTitle) ?? null) : null,
        unitId: root.id,
        status: 'published',
        publishedAt,
        createdBy: null,
        searchBigrams: articleBigrams(item),
        createdAt: publishedAt,
        updatedAt: publishedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    idByTitle.set(item.title, row.id);
    await trx
      .insertInto('articleActions')
      .values({ articleId: row.id, action: 'import', fromStatus: null, toStatus: 'published', actorName: '系统', note: '初始数据，随系统发布', at: publishedAt })
      .execute();
  }
  return { laws: LAWS.length, demo: opts.demo ? DEMO_ITEMS.length : 0 };
}
