import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlightSegments, normalizeSearchText, queryTokens, searchTokens, snippetAround } from './patent-search';

describe('normalizeSearchText', () => {
  it.each([
    ['5G通信', '5g通信'],
    ['ABCxyz', 'abcxyz'],
    ['ÄÖ Ａ', 'ÄÖ Ａ'], // only ASCII A-Z changes (length-preserving)
    ['𠮷野家', '𠮷野家'],
  ])('%s → %s', (s, out) => {
    expect(normalizeSearchText(s)).toBe(out);
    expect(normalizeSearchText(s).length).toBe(s.length);
  });
});

describe('searchTokens / queryTokens', () => {
  it.each([
    [['锂电池'], ['池', '锂电', '电池'].filter((t) => t.length === 2).sort()],
    [['5G基站'], ['5g', 'g基', '基站'].sort()],
    [['a b'], ['a ', ' b'].sort()],
    [['电池', '池塘'], ['电池', '池塘'].sort()], // never across fields: no '池池'
    [['𠮷野'], ['𠮷野']], // a surrogate pair is one character
    [['电池电池'], ['池电', '电池'].sort()], // distinct
    [['锂', null, undefined, ''], []],
  ] as [(string | null | undefined)[], string[]][])('searchTokens(%j)', (fields, out) => expect(searchTokens(fields)).toEqual(out));

  it.each([
    ['锂电池', ['电池', '锂电'].sort()],
    ['5G', ['5g']],
    ['5g', ['5g']],
    ['𠮷', []],
    ['𠮷野', ['𠮷野']],
    ['锂', []],
    ['', []],
    ['A,B', ['a,', ',b'].sort()],
  ])('queryTokens(%s)', (q, out) => expect(queryTokens(q)).toEqual(out));

  it('100% recall: every token of a substring query is in the index of the text (property)', () => {
    const alphabet = fc.constantFrom('锂', '电', '池', '𠮷', '😀', 'A', 'a', 'G', '5', ' ', '，', '-', '(', 'Z', 'é');
    const text = fc.oneof(fc.string({ unit: alphabet, maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 40 }));
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (s, a, b) => {
        const cps = Array.from(s);
        fc.pre(cps.length >= 2);
        const start = a % (cps.length - 1);
        const len = 2 + (b % (cps.length - start - 1));
        const q = cps.slice(start, start + len).join('');
        const index = new Set(searchTokens([s]));
        const upper = q.replace(/[a-z]/g, (c) => c.toUpperCase()); // the user types 5G, the text says 5g
        return queryTokens(q).length > 0 && queryTokens(q).every((t) => index.has(t)) && queryTokens(upper).every((t) => index.has(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('ASCII case does not matter for recall (5G vs 5g)', () => {
    const index = new Set(searchTokens(['基于5G的通信方法']));
    expect(queryTokens('5g的').every((t) => index.has(t))).toBe(true);
  });
});

describe('highlightSegments', () => {
  it.each([
    ['一种锂电池及锂电池组', '锂电池', [{ text: '一种', hit: false }, { text: '锂电池', hit: true }, { text: '及', hit: false }, { text: '锂电池', hit: true }, { text: '组', hit: false }]],
    ['基于5G的方法', '5g', [{ text: '基于', hit: false }, { text: '5G', hit: true }, { text: '的方法', hit: false }]],
    ['𠮷野家𠮷野', '𠮷野', [{ text: '𠮷野', hit: true }, { text: '家', hit: false }, { text: '𠮷野', hit: true }]],
    ['aaaa', 'aa', [{ text: 'aa', hit: true }, { text: 'aa', hit: true }]],
    ['无命中', '电池', [{ text: '无命中', hit: false }]],
    ['任意', '', [{ text: '任意', hit: false }]],
    ['', '电池', []],
  ])('%s / %s', (text, q, out) => {
    const segs = highlightSegments(text, q);
    expect(segs).toEqual(out);
    expect(segs.map((s) => s.text).join('')).toBe(text);
  });
});

describe('snippetAround', () => {
  const long = '甲'.repeat(200) + '锂电池' + '乙'.repeat(200);
  it('keeps short text whole', () => {
    expect(snippetAround('一种锂电池', '锂电池')).toEqual([{ text: '一种', hit: false }, { text: '锂电池', hit: true }]);
  });
  it('cuts about maxLen characters around the first hit with … marks', () => {
    const segs = snippetAround(long, '锂电池', 120);
    expect(segs[1]).toEqual({ text: '锂电池', hit: true });
    expect(segs[0].text.startsWith('…甲')).toBe(true);
    expect(segs[2].text.endsWith('乙…')).toBe(true);
    expect(Array.from(segs.map((s) => s.text).join('')).length).toBe(122);
  });
  it('starts at the beginning when there is no hit', () => {
    const segs = snippetAround(long, '钠电池', 50);
    expect(segs).toEqual([{ text: '甲'.repeat(50) + '…', hit: false }]);
  });
  it('a hit at the very start has no leading mark', () => {
    const segs = snippetAround('锂电池' + '乙'.repeat(200), '锂电池', 20);
    expect(segs[0]).toEqual({ text: '锂电池', hit: true });
    expect(segs[1].text).toBe('乙'.repeat(17) + '…');
  });
  it('never splits a surrogate pair', () => {
    const segs = snippetAround('𠮷'.repeat(300), 'x', 10);
    expect(segs[0].text).toBe('𠮷'.repeat(10) + '…');
  });
  it('empty text', () => expect(snippetAround('', '锂')).toEqual([]));
});
