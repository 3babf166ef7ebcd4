import { describe, expect, it } from 'vitest';
import { maskAddress, maskEmail, maskIdNo, maskMiddle, maskName, maskPhone } from './masking';

type Masker = (v: string | null | undefined) => string | null | undefined;

describe.each([
  ['maskPhone', maskPhone],
  ['maskIdNo', maskIdNo],
  ['maskName', maskName],
  ['maskAddress', maskAddress],
  ['maskEmail', maskEmail],
] as [string, Masker][])('%s is null/empty-safe', (_name, fn) => {
  it.each([[null], [undefined], ['']])('%j is returned unchanged', (v) => {
    expect(fn(v)).toBe(v);
  });
});

describe('maskPhone: first 3 + stars + last 4, same length', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['19912345678', '199****5678'],
    ['0538-8221234', '053*****1234'],
    ['05388221234', '053****1234'],
    ['1234567', '*****67'], // too short for 3 + 4: only the last 2 stay
    ['12', '**'],
  ])('maskPhone(%s) = %s', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
    expect(maskPhone(input).length).toBe(input.length);
  });
});

describe('maskIdNo: first 6 + stars + last 4, same length', () => {
  it.each([
    ['11010519491231002X', '110105********002X'],
    ['370902199003071231', '370902********1231'],
    ['370902900307123', '370902*****7123'], // 15-digit first-generation number
    ['E12345678', 'E******78'], // passport: first 1 + last 2
    ['123456', '******'], // shorter than 7: fully masked
  ])('maskIdNo(%s) = %s', (input, expected) => {
    expect(maskIdNo(input)).toBe(expected);
    expect(maskIdNo(input).length).toBe(input.length);
  });
});

describe('maskName: surname only (first character; first two for names of 4+ characters)', () => {
  it.each([
    ['张三', '张*'],
    ['李小明', '李**'],
    ['欧阳娜娜', '欧阳**'],
    ['司马相如', '司马**'],
    ['爱新觉罗溥仪', '爱新****'],
    ['王', '*'],
    [' 张三 ', '张*'], // surrounding blanks are dropped
    ['买买提·艾力', '买**·**'],
    ['迪丽热巴·迪力木拉提', '迪***·*****'],
    ['𠮷三', '𠮷*'], // a character outside the BMP counts as one
  ])('maskName(%s) = %s', (input, expected) => {
    expect(maskName(input)).toBe(expected);
  });
});

describe('maskAddress: keeps province / city / county, masks the rest', () => {
  it.each([
    ['山东省泰安市泰山区财源街道东岳大街1号', '山东省泰安市泰山区****'],
    ['山东省泰安市岱岳区粥店街道102号', '山东省泰安市岱岳区****'],
    ['山东省泰安市肥城市新城街道龙山路6号', '山东省泰安市肥城市****'], // county-level city
    ['山东省泰安市东平县东平街道佛山路1号', '山东省泰安市东平县****'],
    ['山东省潍坊市奎文区东风东街8号', '山东省潍坊市奎文区****'],
    ['泰安市泰山区东岳大街1号', '泰安市泰山区****'], // no province
    ['泰山区东岳大街1号', '泰山区****'], // county only
    ['北京市海淀区中关村大街1号', '北京市海淀区****'], // municipality
    ['上海市浦东新区世纪大道100号', '上海市浦东新区****'],
    ['内蒙古自治区锡林郭勒盟锡林浩特市额尔敦路1号', '内蒙古自治区锡林郭勒盟锡林浩特市****'],
    ['广西壮族自治区南宁市青秀区民族大道1号', '广西壮族自治区南宁市青秀区****'],
    ['吉林省延边朝鲜族自治州延吉市人民路1号', '吉林省延边朝鲜族自治州延吉市****'],
    ['湖北省恩施土家族苗族自治州长阳土家族自治县龙舟坪镇1号', '湖北省恩施土家族苗族自治州长阳土家族自治县****'],
    ['山东省泰安市东岳大街88号小区', '山东省泰安市****'], // no county: the street part is not taken for one
    ['东岳大街1号', '****'], // nothing recognised: everything is masked
    ['山东省泰安市泰山区', '山东省泰安市泰山区'], // nothing personal to mask
  ])('maskAddress(%s) = %s', (input, expected) => {
    expect(maskAddress(input)).toBe(expected);
  });
});

describe('maskEmail: first character of the local part + *** + domain', () => {
  it.each([
    ['dong@126.com', 'd***@126.com'],
    ['a@qq.com', 'a***@qq.com'],
    ['zhang.san@taian.gov.cn', 'z***@taian.gov.cn'],
    ['张三@example.cn', '张***@example.cn'],
    ['dong', 'd***'],
    ['@126.com', '@126.com'],
  ])('maskEmail(%s) = %s', (input, expected) => {
    expect(maskEmail(input)).toBe(expected);
  });
});

describe('maskMiddle', () => {
  it.each([
    ['6222021234567890123', 4, 4, '6222***********0123'],
    ['abc', 2, 2, '***'],
    ['abcdef', 0, 0, '******'],
  ] as [string, number, number, string][])('maskMiddle(%s, %i, %i) = %s', (value, a, b, expected) => {
    expect(maskMiddle(value, a, b)).toBe(expected);
  });
});
