import { describe, expect, it } from 'vitest';
import {
  formatYuanText,
  isPublishablePenalty,
  penaltyContentText,
  publicationBodyText,
  publicationExpiresOn,
  publicationPeriodFor,
  redactPersonalData,
  redactPersonName,
} from './publication-rules';

describe('isPublishablePenalty (总局令第45号 第二条)', () => {
  it.each([
    [['warning'], null, false, '警告 only is not published'],
    [['orderToStop'], null, false, 'an order is no penalty'],
    [['warning', 'orderToStop', 'orderToCorrect'], null, false, 'warning with orders'],
    [[], null, false, 'nothing decided'],
    [['warning', 'fine'], '500.00', true, 'warning and a fine'],
    [['orderToStop'], '12500.00', true, 'a fine amount counts as a fine'],
    [['confiscateGoods'], null, true, 'confiscation'],
    [['publicCriticism'], null, true, '通报批评'],
  ] as [string[], string | null, boolean, string][])('%j fine %s → %s (%s)', (kinds, fine, expected) => {
    expect(isPublishablePenalty({ penaltyKinds: kinds, fineAmount: fine })).toBe(expected);
  });
});

describe('publicationPeriodFor (第十三条)', () => {
  it('通报批评 only: three months', () => {
    expect(publicationPeriodFor({ penaltyKinds: ['publicCriticism'], lowFineThresholdYuan: null }).period).toBe('threeMonths');
  });
  it('a fine at or below the configured provincial threshold: three months; above: three years', () => {
    expect(publicationPeriodFor({ penaltyKinds: ['fine'], fineAmount: '10000.00', lowFineThresholdYuan: 10000 })).toMatchObject({ period: 'threeMonths' });
    expect(publicationPeriodFor({ penaltyKinds: ['fine'], fineAmount: 10000.01, lowFineThresholdYuan: 10000 })).toMatchObject({ period: 'threeYears' });
  });
  it('threshold not configured: a fine is published for three years, and the reason says so', () => {
    const s = publicationPeriodFor({ penaltyKinds: ['fine'], fineAmount: 100, lowFineThresholdYuan: null });
    expect(s.period).toBe('threeYears');
    expect(s.reason).toContain('未配置');
  });
  it('a low fine with confiscation is not "only" a low fine: three years', () => {
    expect(publicationPeriodFor({ penaltyKinds: ['fine', 'confiscateGoods'], fineAmount: 100, lowFineThresholdYuan: 10000 }).period).toBe('threeYears');
  });
  it('orders and a warning beside a low fine do not change it', () => {
    expect(publicationPeriodFor({ penaltyKinds: ['orderToStop', 'warning', 'fine'], fineAmount: 100, lowFineThresholdYuan: 10000 }).period).toBe('threeMonths');
  });
});

describe('publicationExpiresOn: calendar months from the publication day, not rolled', () => {
  it.each([
    ['2026-11-20', 'threeMonths', '2027-02-20'],
    ['2026-11-30', 'threeMonths', '2027-02-28'],
    ['2027-11-30', 'threeMonths', '2028-02-29'],
    ['2026-11-20', 'threeYears', '2029-11-20'],
    ['2028-02-29', 'threeYears', '2031-02-28'],
  ] as const)('%s + %s = %s', (from, period, to) => {
    expect(publicationExpiresOn(from, period)).toBe(to);
  });
});

describe('redactPersonName (第六条: surname + 某)', () => {
  it.each([
    ['张三', '张某'],
    ['李小明', '李某'],
    ['欧阳娜娜', '欧阳某'],
    ['司马相', '司马某'],
    ['买买提·艾力', '买某'],
    ['王', '某'],
    [' 赵六 ', '赵某'],
  ])('%s → %s', (name, out) => {
    expect(redactPersonName(name)).toBe(out);
  });
});

describe('redactPersonalData', () => {
  const text = '当事人张三（身份证号370902198503121234，电话 138 1234 1234，座机0538-8221234）于2026年5月在泰山区销售侵权商品，张三对此供认不讳。';
  it('reduces the person to surname + 某 everywhere, masks ID and phone numbers, and says what it removed', () => {
    const r = redactPersonalData(text, { personNames: ['张三'] });
    expect(r.text).not.toContain('张三');
    expect(r.text).toContain('当事人张某');
    expect(r.text).toContain('张某对此供认不讳');
    expect(r.text).toContain('370902********1234');
    expect(r.text).toContain('138****1234');
    expect(r.text).not.toContain('8221234');
    expect(r.notes).toEqual(['自然人姓名 2 处', '身份证号码 1 处', '电话号码 2 处']);
  });
  it('is idempotent and leaves dates, amounts, document numbers and credit codes alone', () => {
    const once = redactPersonalData(text, { personNames: ['张三'] }).text;
    expect(redactPersonalData(once, { personNames: ['张三'] })).toEqual({ text: once, notes: [] });
    const plain = '泰岱市监罚〔2026〕5号：罚款12,500.00元，统一社会信用代码91370900MA3C123452，2026-11-20。';
    expect(redactPersonalData(plain).text).toBe(plain);
  });
  it('masks an exact given ID number even when it is not shaped like a current one', () => {
    expect(redactPersonalData('证件号码 G12345678', { idNos: ['G12345678'] }).text).toBe('证件号码 G******78');
  });
});

describe('texts', () => {
  it('formats yuan with two decimals', () => {
    expect(formatYuanText(12500)).toBe('12,500.00元');
    expect(formatYuanText('3000.5')).toBe('3,000.50元');
  });
  it('penalty content in the order of a decision, amounts in yuan', () => {
    expect(penaltyContentText({ penaltyKinds: ['fine', 'orderToStop', 'confiscateGoods'], fineAmount: '12500.00' })).toBe(
      '责令立即停止侵权行为；没收、销毁侵权商品和主要用于违法行为的工具；罚款人民币12,500.00元。',
    );
  });
  it('the body carries the summary facts', () => {
    const body = publicationBodyText({
      authorityName: '岱岳区市场监督管理局', docNo: '泰岱市监罚〔2026〕5号', partyName: '张某', partyKind: 'person', partyUscc: null,
      partyAddress: '山东省泰安市岱岳区****', partyLegalRep: null, caseTitle: '销售侵犯注册商标专用权商品案', facts: '经查……',
      violationType: '侵犯注册商标专用权', penaltyContent: '罚款人民币500.00元。', decidedOn: '2026-11-02',
    });
    expect(body).toContain('泰岱市监罚〔2026〕5号');
    expect(body).toContain('当事人：张某');
    expect(body).toContain('住址：山东省泰安市岱岳区****');
    expect(body).toContain('2026年11月2日');
    expect(body).not.toContain('违反了');
  });
  it('the body cites the provisions the decision printed', () => {
    const body = publicationBodyText({
      authorityName: '岱岳区市场监督管理局', docNo: '泰岱市监罚〔2026〕5号', partyName: '泰安某某商贸有限公司', partyKind: 'organization', partyUscc: null,
      partyAddress: null, partyLegalRep: null, caseTitle: '销售侵犯注册商标专用权商品案', facts: '经查，当事人销售侵权运动鞋 186 双。',
      violatedProvision: '《中华人民共和国商标法》第五十七条', penaltyBasis: '《中华人民共和国商标法》第六十条第二款',
      violationType: '侵犯注册商标专用权', penaltyContent: '罚款人民币60,000.00元。', decidedOn: '2026-11-02',
    });
    expect(body).toContain('违反了《中华人民共和国商标法》第五十七条的规定。');
    expect(body).toContain('依据《中华人民共和国商标法》第六十条第二款的规定，本机关依法作出如下行政处罚决定：罚款人民币60,000.00元。');
  });
});
