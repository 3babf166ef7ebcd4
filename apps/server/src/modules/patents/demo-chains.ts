/**
 * DEMO industry-chain definitions for 泰安 (3709), seeded only when DEMO=true and labelled is_demo.
 *
 * They are NOT the city's official chain definitions: 泰安's 产业链工作方案 names its key chains, but the IPC/keyword
 * retrieval strategy of each chain has to be set by the bureau (legal-rules.md §2.2 asks for a per-chain breakdown, nobody
 * publishes the strategies). These definitions only make the demo meaningful: each chain combines the IPC groups that
 * carry the technology with the matching branches of the 参照关系表（2021）.
 *
 * Semantics (industry_chains.keywords COMMENT): a patent belongs to a chain when one of its SEI branches is listed, or when
 * IPC and keywords match — both when both are set (keywords then narrow broad IPC classes), either when only one is set.
 */
export interface DemoChain {
  code: string;
  name: string;
  strategy: string;
  ipcPatterns: string[];
  keywords: string[];
  seiBranches: string[];
}

export const DEMO_CHAIN_NOTE = '示例定义，须由本局按产业链工作方案核定。';

export const DEMO_CHAINS: DemoChain[] = [
  {
    code: 'new-energy',
    name: '新能源（锂电池与光伏）',
    strategy: '电池与储能（H01M）、光伏器件与发电（H01L31、H02S、H10F）、充放电与并网（H02J7、H02J3/38）；并入战略性新兴产业“太阳能产业”“风能产业”分支。',
    ipcPatterns: ['H01M*', 'H02S*', 'H01L31*', 'H10F*', 'H02J7*', 'H02J3/38*'],
    keywords: [],
    seiBranches: ['6.2', '6.3'],
  },
  {
    code: 'new-materials',
    name: '新材料（玻璃纤维与复合材料）',
    strategy: '玻璃纤维成型与组成（C03B37、C03C13、C03C25）、纤维增强塑料（B29C70、C08J5）、非织造布（D04H）等分类中，标题或摘要含所列关键词的；并入“高性能纤维及制品和复合材料”“先进无机非金属材料”分支。',
    ipcPatterns: ['C03B37*', 'C03C13*', 'C03C25*', 'B29C70*', 'C08J5*', 'D04H*', 'C04B*'],
    keywords: ['玻璃纤维', '玻纤', '复合材料', '纤维增强', '碳纤维', '玄武岩纤维'],
    seiBranches: ['3.4', '3.5'],
  },
  {
    code: 'power-equipment',
    name: '高端装备（输变电装备）',
    strategy: '变压器与电抗器（H01F27、H01F30、H01F38、H01F41）、开关设备（H01H33、H02B）、电缆与线路（H02G）、继电保护（H02H）；并入“智能电网产业”分支。',
    ipcPatterns: ['H01F27*', 'H01F30*', 'H01F38*', 'H01F41*', 'H01H33*', 'H02B*', 'H02G*', 'H02H*'],
    keywords: [],
    seiBranches: ['6.5'],
  },
  {
    code: 'mining-machinery',
    name: '高端装备（矿山与工程机械）',
    strategy: '采矿与隧道装备（E21B、E21C、E21D、E21F）、挖掘与工程机械（E02F）、起重与输送（B66C、B65G）；并入“智能制造装备产业”分支。',
    ipcPatterns: ['E21B*', 'E21C*', 'E21D*', 'E21F*', 'E02F*', 'B66C*', 'B65G*'],
    keywords: [],
    seiBranches: ['2.1'],
  },
  {
    code: 'biomedicine',
    name: '生物医药',
    strategy: '药物制剂与化合物（A61K、A61P、C07K）、生物技术（C12N、C12Q）、医疗器械（A61B、A61F、A61M）；并入“生物医药产业”“生物医学工程产业”分支。',
    ipcPatterns: ['A61K*', 'A61P*', 'C07K*', 'C12N*', 'C12Q*', 'A61B*', 'A61F*', 'A61M*'],
    keywords: [],
    seiBranches: ['4.1', '4.2'],
  },
  {
    code: 'next-gen-it',
    name: '新一代信息技术',
    strategy: '计算与数据处理（G06F、G06N、G06Q、G06T、G06V）、数字通信与无线网络（H04L、H04W）、半导体器件（H01L21、H10B）；并入新一代信息技术产业五个分支。',
    ipcPatterns: ['G06F*', 'G06N*', 'G06Q*', 'G06T*', 'G06V*', 'H04L*', 'H04W*', 'H01L21*', 'H10B*'],
    keywords: [],
    seiBranches: ['1.1', '1.2', '1.3', '1.4', '1.5'],
  },
  {
    code: 'auto-parts',
    name: '汽车及零部件',
    strategy: '车辆（B60、B62D）、发动机及供油（F02）、制动与传动（F16D、F16H）等分类中，标题或摘要含汽车相关关键词的；并入新能源汽车产业各分支。',
    ipcPatterns: ['B60*', 'B62D*', 'F02*', 'F16D*', 'F16H*'],
    keywords: ['汽车', '车辆', '整车', '底盘', '车桥', '轮毂', '制动', '变速器', '驱动电机'],
    seiBranches: ['5.1', '5.2', '5.3'],
  },
  {
    code: 'green-chemicals',
    name: '绿色化工',
    strategy: '有机化学（C07C、C07D）、高分子（C08G、C08L）、涂料与功能材料（C09D、C09K）、催化（B01J）、石油加工（C10G）；并入“先进石化化工新材料”分支。',
    ipcPatterns: ['C07C*', 'C07D*', 'C08G*', 'C08L*', 'C09D*', 'C09K*', 'B01J*', 'C10G*'],
    keywords: [],
    seiBranches: ['3.3'],
  },
  {
    code: 'agri-food',
    name: '现代农业与食品',
    strategy: '农机具与种植（A01B、A01C、A01D、A01G）、饲料（A23K）、食品加工（A23L、A23N、A21D）；并入“生物农业及相关产业”分支。',
    ipcPatterns: ['A01B*', 'A01C*', 'A01D*', 'A01G*', 'A23K*', 'A23L*', 'A23N*', 'A21D*'],
    keywords: [],
    seiBranches: ['4.3'],
  },
  {
    code: 'energy-saving',
    name: '节能环保',
    strategy: '废气处理（B01D53）、水处理（C02F）、固废处理（B09B、F23G）、余热利用（F27D17）；并入节能环保产业三个分支。',
    ipcPatterns: ['B01D53*', 'C02F*', 'B09B*', 'F23G*', 'F27D17*'],
    keywords: [],
    seiBranches: ['7.1', '7.2', '7.3'],
  },
];
