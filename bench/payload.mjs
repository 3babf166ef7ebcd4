// Request bodies for the intake benchmarks: valid POST /api/portal/submissions bodies (SubmitSubmissionInput in
// packages/shared/src/contracts/submission.ts), varied so that the respondents differ (the duplicate detector compares
// respondent names) and, for real-name submissions, with valid phone numbers and resident ID numbers.
import { randomUUID } from 'node:crypto';

export const SUBMIT_PATH = '/api/portal/submissions';
export const LOOKUP_PATH = '/api/public/submissions/lookup';

/** 泰安's county-level divisions (apps/server/seed/divisions/areas-37.csv). */
const REGIONS = ['370902', '370911', '370921', '370923', '370982', '370983'];
const CHARS = '华泰鲁岱岳宁东新肥阳平山城金银鑫源恒瑞丰盛达通兴隆昌祥和佳美康健明光天地海江河湖林森峰石玉龙凤鹏飞腾远博雅诚信德仁义礼智';
const TRADES = ['商贸', '电子', '食品', '服饰', '五金', '建材', '农业科技', '日化', '医疗器械', '汽车配件', '文化传媒', '机械制造'];
const SUFFIXES = ['有限公司', '有限责任公司', '经营部', '商行', '专营店'];
const PLATFORMS = ['淘宝', '京东', '拼多多', '抖音'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';

function pick(s, r) {
  return s[Math.floor(r() * s.length)];
}

/** A small seeded PRNG (mulberry32), so runs are comparable. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 泰安岱瑞电子有限公司 style names: two random characters make close names rare (bigram Dice < 0.8). */
export function respondentName(r) {
  return `泰安${pick(CHARS, r)}${pick(CHARS, r)}${pick(CHARS, r)}${pick(TRADES, r)}${pick(SUFFIXES, r)}`;
}

/** A valid 居民身份证号 (GB 11643 check character) born 1960–1999 in 泰安. */
export function residentIdNo(r) {
  const region = pick(REGIONS, r);
  const y = 1960 + Math.floor(r() * 40);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  const seq = String(Math.floor(r() * 1000)).padStart(3, '0');
  const body = `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}`;
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * W[i], 0);
  return body + '10X98765432'[sum % 11];
}

export function mobile(r) {
  return `1${pick('3589', r)}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`;
}

/**
 * One submission body. mode 'anonymous': an anonymous report (no identity: the cheapest valid submission);
 * 'realName': a real-name complaint (phone and ID number encrypted with SM4 and hashed with HMAC-SM3 on the server).
 */
export function submissionBody(r, n, mode = 'anonymous') {
  const online = r() < 0.3;
  const respondent = {
    name: respondentName(r),
    regionCode: pick(REGIONS, r),
    address: `泰安市${pick(CHARS, r)}${pick(CHARS, r)}路${1 + Math.floor(r() * 300)}号`,
    online,
    ...(online ? { shopUrl: `https://shop${n}.example.com/item/${Math.floor(r() * 1e6)}`, platform: pick(PLATFORMS, r) } : {}),
  };
  const facts = `压测第 ${n} 件：该经营者在店内销售标注“专利产品”的电热水壶，标注的专利号经查询已终止，涉嫌假冒专利，现场有购物小票为证。`;
  if (mode === 'realName') {
    return {
      kind: 'complaint',
      ipType: 'trademark',
      respondent,
      facts,
      requestedOutcome: '请求依法查处并责令停止销售侵权商品。',
      anonymous: false,
      submitter: { name: `${pick(SURNAMES, r)}${pick(GIVEN, r)}${pick(GIVEN, r)}`, phone: mobile(r), idNo: residentIdNo(r) },
      consentPublication: false,
      consentDelegatedMediation: true,
      files: [],
    };
  }
  return { kind: 'report', ipType: 'patent', respondent, facts, anonymous: true, consentPublication: r() < 0.5, files: [] };
}

export function idempotencyKey() {
  return randomUUID();
}
