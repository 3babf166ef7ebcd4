import fs from 'node:fs';
import path from 'node:path';
import { appNoCheckChar } from '@zhichan/shared';
import { readCsv } from '../../seed/csv';
import { SEED_DIR } from '../../seed/regions.seed';

/**
 * Synthetic patent records (合成数据) for the demo and the benchmarks, in the column layout of a Chinese patent-database
 * export (the headers of shared/data/cn-patents-sample), so that they go through the same import mapping as a real file.
 *
 * Deterministic: row `seq` depends only on (seed, seq, cityCode, count, asOf), through its own seeded PRNG, so a 1M-row
 * file is generated as a stream and the same options always give the same rows.
 *
 * Drawn from real distributions: full IPC codes with their frequencies among 9,740 real CN publications, titles recombined
 * from real title fragments of the same IPC subclass (so SEI keyword rules sometimes match), the city's counties and the
 * other Shandong cities from the division list. Everything about an entity is made up: applicant, inventor and agency
 * names are built from syllables, and a title never states a fact about a real company. Every row says 合成数据 in its
 * last column; the product stores it with data_source 'synthetic' or 'demo'.
 */

export const SYNTHETIC_HEADERS: string[] = [
  '申请号', '申请日', '公开号', '公开日', '授权公告号', '授权公告日', '专利类型', '专利名称', '申请摘要', '申请人',
  '申请人地址', '国省代码', '主分类号', '分类号', '法律状态', '发明人', '专利代理机构', '海外同族授权', '质押金额',
  '数据来源',
];

export const SYNTHETIC_SOURCE_LABEL = '合成数据（非真实专利）';

export interface SyntheticOptions {
  count: number;
  seed: number;
  /** The demo city (4-digit code, Shandong): most applicants sit in its counties. */
  cityCode: string;
  /** First sequence number (default 0): rows startSeq … startSeq+count-1; numbers never repeat across sequences < 10^7. */
  startSeq?: number;
  /** Nothing is filed, published or granted after this date (default 2026-10-31). */
  asOf?: string;
}

// ---------------------------------------------------------------- PRNG

/** 32-bit mix (a murmur3 finaliser), to derive independent seeds from (seed, stream, index). */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function seedOf(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) h = mix32(h ^ mix32((p | 0) + 0x7f4a7c15));
  return h;
}

/** mulberry32: small, fast, good enough for test data. */
class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(arr: readonly T[]): T {
    return arr[Math.floor(this.next() * arr.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Cumulative-weight table for O(log n) weighted picks. */
class Weighted<T> {
  private cum: number[] = [];
  private total = 0;
  constructor(readonly items: T[], weights: number[]) {
    for (const w of weights) {
      this.total += w;
      this.cum.push(this.total);
    }
  }
  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

// ---------------------------------------------------------------- numbers

/** A bijection on [0, 10^k): multiplication by a number coprime to 10, so sequence numbers give distinct serials. */
function scramble(seq: number, digits: number, mult: number, add: number): string {
  const mod = 10 ** digits;
  const v = Number((BigInt(seq % mod) * BigInt(mult) + BigInt(add)) % BigInt(mod));
  return String(v).padStart(digits, '0');
}

// ---------------------------------------------------------------- dates

const DAY = 86_400_000;
const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const compact = (d: string) => d.replaceAll('-', '');

// ---------------------------------------------------------------- reference data (loaded once)

interface TitleParts {
  /** Started with 一种. */
  yizhong: boolean;
  /** Text before the last 的 (kind 'de'), or before the head noun (kind 'head'). */
  pre: string;
  /** Text after the last 的, or the head noun. */
  post: string;
  kind: 'de' | 'head';
  isMethod: boolean;
}

interface Reference {
  codes: Weighted<string>;
  codesBySubclass: Map<string, Weighted<string>>;
  titlesBySubclass: Map<string, TitleParts[]>;
  coSubclasses: Map<string, string[][]>;
  allTitles: TitleParts[];
  componentsBySubclass: Map<string, string[]>;
  allComponents: string[];
  subclassField: Map<string, string>;
  provinces: Map<string, string>;
  cityNames: Map<string, string>;
  countiesByCity: Map<string, { code: string; name: string }[]>;
  streetsByCounty: Map<string, string[]>;
}

// Head nouns of Chinese patent titles, longest first (a title without 的 is split before one of these).
const HEADS = [
  '制备方法', '检测方法', '控制方法', '加工工艺', '生产工艺', '组合物', '生产线', '控制系统', '检测装置', '方法', '装置', '系统',
  '设备', '机构', '结构', '组件', '工艺', '电路', '模块', '平台', '总成', '机', '器', '仪', '剂', '件', '架', '箱', '车', '灯',
  '阀', '泵', '罐', '池', '板', '管', '座', '台', '盒', '桶', '炉', '塔', '网', '膜', '线', '料',
];

function splitTitle(raw: string): TitleParts | null {
  let t = raw.trim();
  const yizhong = t.startsWith('一种');
  if (yizhong) t = t.slice(2);
  if (t.length < 4 || t.length > 40) return null;
  const isMethod = /(方法|工艺|用途|应用)/.test(t);
  const de = t.lastIndexOf('的');
  if (de >= 2 && de <= t.length - 3) return { yizhong, pre: t.slice(0, de), post: t.slice(de + 1), kind: 'de', isMethod };
  for (const h of HEADS) {
    if (t.endsWith(h) && t.length - h.length >= 2) return { yizhong, pre: t.slice(0, t.length - h.length), post: h, kind: 'head', isMethod };
  }
  return null;
}

const DIR = path.join(SEED_DIR, 'patents-synthetic');
let REF: Reference | null = null;

function reference(): Reference {
  if (REF) return REF;
  const codeRows = readCsv(path.join(DIR, 'ipc_full_codes.csv')).filter((r) => /^[A-H]\d{2}[A-Z]\d+\/\d+$/.test(r.code!));
  const codes = new Weighted(codeRows.map((r) => r.code!), codeRows.map((r) => Number(r.count) || 1));
  const bySub = new Map<string, { c: string[]; w: number[] }>();
  for (const r of codeRows) {
    const sub = r.code!.slice(0, 4);
    const e = bySub.get(sub) ?? { c: [], w: [] };
    e.c.push(r.code!);
    e.w.push(Number(r.count) || 1);
    bySub.set(sub, e);
  }
  const codesBySubclass = new Map([...bySub].map(([k, v]) => [k, new Weighted(v.c, v.w)]));

  const titlesBySubclass = new Map<string, TitleParts[]>();
  const coSubclasses = new Map<string, string[][]>();
  const allTitles: TitleParts[] = [];
  for (const r of readCsv(path.join(DIR, 'titles.csv'))) {
    const parts = splitTitle(r.title!);
    const subs = (r.ipc_subclasses ?? '').split('|').filter((s) => /^[A-H]\d{2}[A-Z]$/.test(s));
    for (const s of subs) {
      const co = coSubclasses.get(s) ?? [];
      co.push(subs.filter((x) => x !== s));
      coSubclasses.set(s, co);
      if (parts) {
        const l = titlesBySubclass.get(s) ?? [];
        l.push(parts);
        titlesBySubclass.set(s, l);
      }
    }
    if (parts) allTitles.push(parts);
  }
  const componentsBySubclass = new Map<string, string[]>();
  const allComponents: string[] = [];
  for (const [sub, list] of titlesBySubclass) {
    const comps = [...new Set(list.filter((p) => !p.isMethod).map((p) => (p.kind === 'de' ? p.post : p.pre + p.post)))].filter(
      (c) => c.length >= 3 && c.length <= 14 && !/[及和或、，]/.test(c),
    );
    componentsBySubclass.set(sub, comps);
    allComponents.push(...comps);
  }

  // Technical field for the abstract: the subclass title up to its first ；, ( or ，, from the IPC table in the project.
  const subclassField = new Map<string, string>();
  const ipcFile = path.join(SEED_DIR, 'patents', 'ipc_2026_01_zh.csv');
  if (fs.existsSync(ipcFile)) {
    for (const line of fs.readFileSync(ipcFile, 'utf8').split('\n')) {
      const m = /^([A-H]\d{2}[A-Z]),subclass,"?([^;；（(,，"]+)/.exec(line);
      if (m && m[2]!.length <= 24) subclassField.set(m[1]!, m[2]!.trim());
    }
  }

  const div = path.join(SEED_DIR, 'divisions');
  const provinces = new Map(readCsv(path.join(div, 'provinces-cn.csv')).map((r) => [r.code!, r.name!]));
  const cityNames = new Map(readCsv(path.join(div, 'cities-cn.csv')).filter((r) => r.provinceCode === '37').map((r) => [r.code!, r.name!]));
  const countiesByCity = new Map<string, { code: string; name: string }[]>();
  for (const r of readCsv(path.join(div, 'areas-cn.csv'))) {
    // Codes xx7x are statistics-only development zones (seed/SOURCES.md): no patentee address names them.
    if (r.provinceCode !== '37' || r.code![4] === '7') continue;
    const l = countiesByCity.get(r.cityCode!) ?? [];
    l.push({ code: r.code!, name: r.name! });
    countiesByCity.set(r.cityCode!, l);
  }
  const streetsByCounty = new Map<string, string[]>();
  for (const r of readCsv(path.join(div, 'streets-37.csv'))) {
    if (!/(街道|镇)$/.test(r.name!)) continue;
    const l = streetsByCounty.get(r.areaCode!) ?? [];
    l.push(r.name!);
    streetsByCounty.set(r.areaCode!, l);
  }
  REF = { codes, codesBySubclass, titlesBySubclass, coSubclasses, allTitles, componentsBySubclass, allComponents, subclassField, provinces, cityNames, countiesByCity, streetsByCounty };
  return REF;
}

// ---------------------------------------------------------------- made-up names

// Syllables for brand names: three of them make a name that reads like a company but is made up.
const BRAND = [...'瑞晟澜泓岱汶睿禾嘉铭朗骏宸昊峻锐恒鑫弘泽润坤翔蓝晖曜霖琛珂楷钧沐颂沅芃熠璞岚峪舜竑旻珈筠灏暄禧'];
const SECTION_TRADE: Record<string, string[]> = {
  A: ['生物科技', '食品', '农业科技', '医疗器械', '日用品'],
  B: ['机械', '装备制造', '包装', '工程机械', '智能装备'],
  C: ['化工', '新材料', '材料科技', '精细化工', '冶金'],
  D: ['纺织', '纸业', '新材料'],
  E: ['建设工程', '建材', '矿业装备', '建筑科技'],
  F: ['动力机械', '机电', '热能设备', '汽车部件'],
  G: ['信息技术', '智能科技', '仪器仪表', '软件', '数据科技'],
  H: ['电气', '电子科技', '电力设备', '通信技术', '新能源'],
};
const COMPANY_SUFFIX = ['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];
const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红娟飞鹏辉斌波宁浩凯亮建国峰琳雪梅晨旭东宇志晓冬楠欣然博文彬'];
const ROAD = [...'岱泰宗汶望岳山青龙虎凤阳光明和平兴华长安康宁东西南北新民建设胜利文化朝阳'];
const ROAD_KIND = ['路', '路', '大街', '街', '大道'];

function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : '');
}

interface Applicant {
  name: string;
  countyCode: string;
  cityCode: string;
  address: string;
  /** Most of its patents fall in this IPC subclass (applicants specialise). */
  specialty: string;
  agency: string | null;
}

/** ~60 made-up agencies per data set; individuals and some companies file without one. */
function agencyName(seed: number, k: number, cityName: string): string {
  const rng = new Rng(seedOf(seed, 0xa6e, k));
  const brand = rng.pick(BRAND) + rng.pick(BRAND);
  return rng.chance(0.5) ? `${cityName}${brand}专利事务所（普通合伙）` : `山东${brand}知识产权代理有限公司`;
}

// ---------------------------------------------------------------- the generator

class SyntheticGenerator {
  readonly ref = reference();
  readonly asOf: string;
  readonly asOfMs: number;
  readonly poolSize: number;
  readonly applicants = new Map<number, Applicant>();
  readonly countyPick: Weighted<{ code: string; name: string }>;
  readonly otherCities: string[];
  readonly years: Weighted<number>;

  constructor(readonly opts: SyntheticOptions) {
    this.asOf = opts.asOf ?? '2026-10-31';
    this.asOfMs = toMs(this.asOf);
    // About 25 patents per applicant on average, heavily skewed (see applicantIndex).
    this.poolSize = Math.max(60, Math.min(200_000, Math.floor(opts.count / 25)));
    const counties = this.ref.countiesByCity.get(opts.cityCode);
    if (!counties?.length) throw new Error(`合成数据：未知的地级市代码 ${opts.cityCode}（须为山东省地级市）`);
    // Urban districts file more patents than counties (a plain assumption for test data, not a statistic).
    this.countyPick = new Weighted(counties, counties.map((c) => (c.name.endsWith('区') ? 3 : c.name.endsWith('市') ? 2 : 1)));
    this.otherCities = [...this.ref.cityNames.keys()].filter((c) => c !== opts.cityCode && this.ref.countiesByCity.has(c));
    // Filings grow 12% a year (an assumption for test data: recent years weigh more); the last year counts up to asOf.
    const lastYear = Number(this.asOf.slice(0, 4));
    const ys: number[] = [];
    const ws: number[] = [];
    for (let y = 2005; y <= lastYear; y++) {
      ys.push(y);
      const frac = y === lastYear ? Math.max(0.05, (this.asOfMs - toMs(`${y}-01-01`)) / (365 * DAY)) : 1;
      ws.push(1.12 ** (y - 2005) * frac);
    }
    this.years = new Weighted(ys, ws);
  }

  applicant(k: number): Applicant {
    let a = this.applicants.get(k);
    if (a) return a;
    const rng = new Rng(seedOf(this.opts.seed, 0xa991, k));
    const local = rng.chance(0.82);
    const cityCode = local ? this.opts.cityCode : rng.pick(this.otherCities);
    const county = local ? this.countyPick.pick(rng) : rng.pick(this.ref.countiesByCity.get(cityCode)!);
    const cityName = this.ref.cityNames.get(cityCode)!;
    const specialty = this.ref.codes.pick(rng).slice(0, 4);
    const individual = rng.chance(0.08);
    let name: string;
    if (individual) name = personName(rng);
    else {
      const brand = rng.pick(BRAND) + rng.pick(BRAND) + rng.pick(BRAND);
      const trade = rng.pick(SECTION_TRADE[specialty[0]!]!);
      const place = rng.chance(0.4) ? cityName : rng.chance(0.5) ? cityName.replace(/市$/, '') : '山东';
      name = `${place}${brand}${trade}${rng.pick(COMPANY_SUFFIX)}`;
    }
    const streets = this.ref.streetsByCounty.get(county.code) ?? [];
    const street = streets.length && rng.chance(0.6) ? rng.pick(streets) : '';
    const road = rng.pick(ROAD) + rng.pick(ROAD) + rng.pick(ROAD_KIND);
    const prov = this.ref.provinces.get('37') ?? '山东省';
    // Some exports leave out the province; a few have no address at all (then only 国省代码 places the patentee).
    const address = rng.chance(0.02) ? '' : `${rng.chance(0.85) ? prov : ''}${cityName}${county.name}${street}${road}${rng.int(1, 999)}号`;
    const agency = individual || rng.chance(0.25) ? null : agencyName(this.opts.seed, rng.int(0, 59), cityName);
    a = { name, countyCode: county.code, cityCode, address, specialty, agency };
    this.applicants.set(k, a);
    return a;
  }

  /** Skewed: the top 1% of applicants hold about 10% of the patents (u² puts P(index < k) = √(k/pool)). */
  applicantIndex(rng: Rng): number {
    return Math.floor(this.poolSize * rng.next() ** 2);
  }

  pickTitle(rng: Rng, sub: string, type: 'invention' | 'utilityModel' | 'design'): string {
    const pool = this.ref.titlesBySubclass.get(sub) ?? this.ref.titlesBySubclass.get(this.ref.codes.pick(rng).slice(0, 4)) ?? this.ref.allTitles;
    if (type === 'design') {
      const p = rng.pick(pool);
      const noun = p.kind === 'head' ? p.pre.slice(-2) + p.post : p.post.slice(-4);
      return `${noun.replace(/(方法|工艺)$/, '装置')}${rng.chance(0.4) ? `（${rng.pick(['一', '二', '便携式', '组合式', 'A型', '套装'])}）` : ''}`;
    }
    let a = rng.pick(pool);
    // 实用新型 protects products only: no method titles.
    for (let i = 0; i < 6 && type === 'utilityModel' && a.isMethod; i++) a = rng.pick(pool);
    let b = rng.pick(pool);
    for (let i = 0; i < 4 && b.kind !== a.kind; i++) b = rng.pick(pool);
    let title: string;
    if (a.kind === 'de') title = b.kind === 'de' ? `${b.pre}的${a.post}` : `${a.pre}的${a.post}`;
    else title = `${a.pre}${b.kind === 'head' && !(type === 'utilityModel' && b.isMethod) ? b.post : a.post}`;
    if (type === 'utilityModel') title = title.replace(/(制备方法|检测方法|控制方法|方法|工艺)$/, '装置');
    return (a.yizhong ? '一种' : '') + title;
  }

  /** A part named in the abstract: a product phrase (never a method) of a real title of the same subclass. */
  fragment(rng: Rng, sub: string): string {
    const pool = this.ref.componentsBySubclass.get(sub) ?? this.ref.allComponents;
    return rng.pick(pool.length ? pool : this.ref.allComponents);
  }

  abstract(rng: Rng, title: string, sub: string, type: 'invention' | 'utilityModel' | 'design'): string {
    const kind = type === 'invention' ? '发明' : type === 'utilityModel' ? '实用新型' : '外观设计';
    const core = title.replace(/^一种/, '').replace(/（.*）$/, '');
    if (type === 'design') {
      const s = `本外观设计产品的名称为${core}。本外观设计产品用于${this.fragment(rng, sub)}，也可用于${this.fragment(rng, sub)}。本外观设计产品的设计要点在于产品的形状与图案的结合。最能表明设计要点的图片为立体图。`;
      return (s.length < 80 ? `${s}本外观设计产品各视图完整表达了其形状。` : s).slice(0, 200);
    }
    const field = this.ref.subclassField.get(sub);
    const f = [this.fragment(rng, sub), this.fragment(rng, sub), this.fragment(rng, sub)];
    const parts = [`本${kind}公开了${title.startsWith('一种') ? title : `一种${core}`}${field ? `，涉及${field}技术领域` : ''}。`];
    if (/(方法|工艺)$/.test(core)) parts.push(`该方法包括以下步骤：提供${f[0]}；将其与${f[1]}配合使用；检验${f[2]}的状态。`);
    else parts.push(`所述${core}包括${f[0]}和${f[1]}，所述${f[0]}与${f[1]}相连接。`);
    parts.push(rng.pick([`本${kind}结构合理，便于使用。`, `本${kind}提高了工作效率和稳定性。`, `本${kind}降低了成本，适用于${f[2]}。`]));
    let s = parts.join('');
    if (s.length < 80) s += `与现有的${f[2]}相比，本${kind}操作简便，维护方便，具有较好的推广价值。`;
    if (s.length < 80) s += `本${kind}各部件连接可靠，适合批量生产。`;
    if (s.length > 200) {
      const cut = s.lastIndexOf('。', 199);
      s = cut >= 80 ? s.slice(0, cut + 1) : `${s.slice(0, 199)}。`;
    }
    return s;
  }

  row(seq: number): Record<string, string> {
    const rng = new Rng(seedOf(this.opts.seed, 0x5e9, seq));
    const r = rng.next();
    // 发明 45% / 实用新型 45% / 外观设计 10% (brief: roughly the national mix of filings).
    const type = r < 0.45 ? 'invention' : r < 0.9 ? 'utilityModel' : 'design';
    const first = this.applicant(this.applicantIndex(rng));
    const applicants = [first.name];
    if (rng.chance(0.15)) {
      const co = this.applicant(this.applicantIndex(rng));
      if (co.name !== first.name) applicants.push(co.name);
    }

    // Filing, publication, grant: inventions are published ~18 months after filing and granted (if ever) 2-4 years
    // after; utility models and designs are published at grant, a few months after filing.
    const year = this.years.pick(rng);
    const lastFiling = this.asOfMs - (type === 'invention' ? 200 : 120) * DAY;
    let appMs = Math.min(toMs(`${year}-01-01`) + rng.int(0, 364) * DAY, lastFiling);
    if (appMs < toMs('2005-01-01')) appMs = toMs('2005-01-01');
    const appDate = fromMs(appMs);
    const ageYears = (this.asOfMs - appMs) / (365.25 * DAY);

    let pubDate: string;
    let grantDate = '';
    let status: string;
    if (type === 'invention') {
      pubDate = fromMs(Math.min(appMs + rng.int(180, 560) * DAY, this.asOfMs));
      const grantMs = appMs + rng.int(700, 1500) * DAY;
      const willGrant = rng.chance(0.6);
      if (willGrant && grantMs <= this.asOfMs) {
        grantDate = fromMs(grantMs);
        status = this.grantedStatus(rng, appMs, 20);
      } else if (!willGrant && ageYears > 3) status = rng.pick(['驳回', '视为撤回', '撤回', '视为撤回']);
      else status = rng.pick(['审中-实质审查', '审中-实质审查', '公开']);
    } else {
      grantDate = fromMs(Math.min(appMs + rng.int(90, type === 'design' ? 240 : 360) * DAY, this.asOfMs));
      pubDate = grantDate;
      // Designs filed from 2021-06-01 have a 15-year term (专利法 2020 年修正 第四十二条), utility models 10 years.
      const term = type === 'design' && appDate >= '2021-06-01' ? 15 : 10;
      status = this.grantedStatus(rng, appMs, term);
    }

    const typeDigit = type === 'invention' ? '1' : type === 'utilityModel' ? '2' : '3';
    const app12 = `${appDate.slice(0, 4)}${typeDigit}${scramble(seq, 7, 4_829_173, 3_061_507)}`;
    // 申请号 with its check character (ZC 0006-2003, computed by the domain's appNoCheckChar).
    const appNo = `CN${app12}.${appNoCheckChar(app12)}`;
    const pubDigits = `${typeDigit}${scramble(seq, 8, 61_803_399, 27_182_818)}`;
    const kindCode = type === 'invention' ? 'A' : type === 'utilityModel' ? 'U' : 'S';
    const pubNo = `CN${pubDigits}${kindCode}`;
    const grantNo = grantDate ? (type === 'invention' ? `CN${pubDigits}B` : pubNo) : '';

    // IPC: the applicant's own subclass most of the time; else any code by the real frequencies. Designs have no IPC
    // (they are classified by Locarno, which the export leaves out of 主分类号 here).
    let mainIpc = '';
    const ipcs: string[] = [];
    let sub = first.specialty;
    if (type !== 'design') {
      const code = rng.chance(0.7) ? (this.ref.codesBySubclass.get(sub)?.pick(rng) ?? this.ref.codes.pick(rng)) : this.ref.codes.pick(rng);
      mainIpc = code;
      sub = code.slice(0, 4);
      ipcs.push(code);
      const co = this.ref.coSubclasses.get(sub);
      const extra = rng.int(0, 3);
      for (let i = 0; i < extra; i++) {
        const otherSubs = co && co.length ? rng.pick(co) : [];
        const s2 = otherSubs.length && rng.chance(0.6) ? rng.pick(otherSubs) : sub;
        const c2 = this.ref.codesBySubclass.get(s2)?.pick(rng);
        if (c2 && !ipcs.includes(c2)) ipcs.push(c2);
      }
    }
    const title = this.pickTitle(rng, sub, type);
    const abstract = this.abstract(rng, title, sub, type);

    const inventors: string[] = [];
    const nInv = rng.int(1, 5);
    for (let i = 0; i < nInv; i++) inventors.push(personName(rng));
    if (first.name.length <= 3 && !first.name.endsWith('公司')) inventors[0] = first.name;

    const valid = status === '有权-审定授权' || status === '有效' || status === '授权';
    const foreign = type === 'invention' && grantDate !== '' && rng.chance(0.04);
    const pledge = type === 'invention' && valid && rng.chance(0.03) ? (Math.round(10 ** (1.5 + rng.next() * 2) * 100) / 100).toFixed(2) : '';

    return {
      申请号: appNo,
      申请日: compact(appDate),
      公开号: pubNo,
      公开日: compact(pubDate),
      授权公告号: grantNo,
      授权公告日: grantDate ? compact(grantDate) : '',
      专利类型: type === 'invention' ? (grantDate ? '发明授权' : '发明专利') : type === 'utilityModel' ? '实用新型' : '外观设计',
      专利名称: title,
      申请摘要: abstract,
      申请人: applicants.join(';'),
      申请人地址: first.address,
      国省代码: '37',
      主分类号: mainIpc,
      分类号: ipcs.join(';'),
      法律状态: status,
      发明人: [...new Set(inventors)].join(';'),
      专利代理机构: first.agency ?? '',
      海外同族授权: foreign ? '是' : '否',
      质押金额: pledge,
      数据来源: SYNTHETIC_SOURCE_LABEL,
    };
  }

  /** Granted rights lapse more often with age (未缴年费), and end at the term (期限届满). */
  grantedStatus(rng: Rng, appMs: number, termYears: number): string {
    const endMs = toMs(`${Number(fromMs(appMs).slice(0, 4)) + termYears}${fromMs(appMs).slice(4)}`);
    if (endMs <= this.asOfMs) return '期限届满';
    const age = (this.asOfMs - appMs) / (365.25 * DAY);
    const lapse = Math.min(0.85, age * (termYears === 20 ? 0.035 : 0.07));
    if (rng.chance(lapse)) return rng.pick(['未缴年费', '未缴年费', '权利终止', '放弃']);
    return rng.pick(['有权-审定授权', '有权-审定授权', '有效']);
  }
}

/** Rows keyed by SYNTHETIC_HEADERS, generated lazily (a 1M-row run never holds more than the applicant pool). */
export function* syntheticPatentRows(opts: SyntheticOptions): Generator<Record<string, string>> {
  if (!Number.isInteger(opts.count) || opts.count < 0) throw new Error('count 应为非负整数');
  const start = opts.startSeq ?? 0;
  if (start + opts.count > 10_000_000) throw new Error('合成数据最多 1,000 万行（申请号流水号为 7 位）');
  const g = new SyntheticGenerator(opts);
  for (let i = 0; i < opts.count; i++) yield g.row(start + i);
}
