import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { dictsRepository as repo } from './dicts.repository';

interface BuiltinDict {
  code: string;
  name: string;
  remark: string;
  items: [value: string, label: string][];
}

/**
 * Built-in dictionaries: the code reads their values (identifiers from reference/glossary.md), so their types cannot
 * be deleted and their values cannot change; administrators may relabel, reorder, disable and add items.
 */
export const BUILTIN_DICTS: BuiltinDict[] = [
  {
    code: 'ipType',
    name: '知识产权类型',
    remark: '诉求、线索、案件涉及的知识产权类别',
    items: [['patent', '专利'], ['trademark', '商标'], ['geographicalIndication', '地理标志'], ['patentAgency', '专利代理'], ['trademarkAgency', '商标代理'], ['other', '其他']],
  },
  {
    code: 'submissionKind',
    name: '诉求类型',
    remark: '公众通过门户提交的诉求',
    items: [['complaint', '投诉'], ['report', '举报'], ['consultation', '咨询'], ['assistanceRequest', '维权援助申请']],
  },
  {
    code: 'leadSource',
    name: '线索来源',
    remark: '案源线索的来源渠道',
    items: [
      ['publicSubmission', '公众投诉举报'], ['provincialPlatform', '省平台交办'], ['transfer12315', '12315转办'], ['inspection', '日常巡查'],
      ['departmentTransfer', '部门移送'], ['superiorAssigned', '上级交办'], ['onlineMonitoring', '网络监测'],
    ],
  },
  {
    code: 'caseType',
    name: '案件类型',
    remark: '行政处罚案件的违法类型',
    items: [['trademarkInfringement', '商标侵权'], ['patentCounterfeiting', '假冒专利'], ['giViolation', '地理标志违法'], ['agencyViolation', '代理违法'], ['other', '其他']],
  },
  {
    code: 'patentType',
    name: '专利类型',
    remark: '专利法 第二条',
    items: [['invention', '发明'], ['utilityModel', '实用新型'], ['design', '外观设计']],
  },
  {
    code: 'legalStatus',
    name: '法律状态',
    remark: '专利、商标的法律状态',
    items: [['inForce', '有效'], ['lapsed', '失效'], ['pending', '审中']],
  },
  {
    code: 'unitKind',
    name: '机构类型',
    remark: '机构树中的机构类别',
    items: [['cityBureau', '市级局'], ['countyBureau', '县级局'], ['station', '市场监管所'], ['department', '内设机构']],
  },
  {
    code: 'satisfaction',
    name: '满意度',
    remark: '办结回访的满意度评价',
    items: [['satisfied', '满意'], ['basicallySatisfied', '基本满意'], ['dissatisfied', '不满意']],
  },
  {
    code: 'complaintRejectReason',
    name: '投诉不予受理情形',
    remark: '市场监督管理投诉举报处理暂行办法（2022年修正）第十五条；2026-04-15 起新办法（总局令第121号）条款待核对',
    items: [
      ['1', '投诉事项不属于市场监督管理部门职责，或者本行政机关不具有处理权限的'],
      ['2', '法院、仲裁机构、市场监督管理部门或者其他行政机关、消费者协会或者依法成立的其他调解组织已经受理或者处理过同一消费者权益争议的'],
      ['3', '不是为生活消费需要购买、使用商品或者接受服务，或者不能证明与被投诉人之间存在消费者权益争议的'],
      ['4', '除法律另有规定外，投诉人知道或者应当知道自己的权益受到被投诉人侵害之日起超过三年的'],
      ['5', '未提供本办法第九条第一款和第十条规定的材料的'],
      ['6', '法律、法规、规章规定不予受理的其他情形'],
    ],
  },
  {
    code: 'mediationTerminationReason',
    name: '终止调解情形',
    remark: '市场监督管理投诉举报处理暂行办法（2022年修正）第二十一条',
    items: [
      ['1', '投诉人撤回投诉或者双方自行和解的'],
      ['2', '投诉人与被投诉人对委托承担检定、检验、检测、鉴定工作的技术机构或者费用承担无法协商一致的'],
      ['3', '投诉人或者被投诉人无正当理由不参加调解，或者被投诉人明确拒绝调解的'],
      ['4', '经组织调解，投诉人或者被投诉人明确表示无法达成调解协议的'],
      ['5', '自投诉受理之日起四十五个工作日内投诉人和被投诉人未能达成调解协议的'],
      ['6', '市场监督管理部门受理投诉后，发现存在本办法第十五条规定情形的'],
      ['7', '法律、法规、规章规定的应当终止调解的其他情形'],
    ],
  },
];

/** First-start seed of the built-in dictionaries. */
export async function seedDicts(trx: Transaction<Database>): Promise<void> {
  for (const d of BUILTIN_DICTS) {
    await repo.insertType(trx, { code: d.code, name: d.name, remark: d.remark, builtin: true });
    await repo.insertItems(trx, d.items.map(([value, label], i) => ({ typeCode: d.code, value, label, sort: (i + 1) * 10 })));
  }
}
