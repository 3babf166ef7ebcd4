/**
 * patentFilters.ts: URL query string ⇄ PatentFilter, and the Chinese summary. Every string filterToSearch writes must be accepted
 * by the server's PatentFilterQuery unchanged (the search page passes the page's query string on to the API and the Excel export).
 * Not in the root vitest include (apps/web has no tests there yet); run with:
 *   npx vitest run --config <a config whose include lists this file> apps/web/src/features/patents/SearchFilters.test.ts
 */
import { describe, expect, it } from 'vitest';
import { PatentFilterQuery } from '@zhichan/shared';
import { filterFromSearch, filterLabel, filterToSearch } from './patentFilters';

describe('patent filters in the URL', () => {
  it('round-trips every filter and writes what the server accepts', () => {
    const f = {
      q: '锂电池',
      chainId: 3,
      region: '370902',
      type: ['invention' as const, 'utilityModel' as const],
      status: ['valid' as const],
      yearFrom: 2018,
      yearTo: 2023,
      applicant: '泰山玻璃纤维有限公司',
      seiBranch: '3.1',
      ipc: 'H01M',
      highValue: true,
      hvCategory: 'sei' as const,
    };
    const qs = filterToSearch(f);
    expect(qs).toContain('type=invention%2CutilityModel');
    expect(filterFromSearch(new URLSearchParams(qs))).toEqual(f);
    const { q: _q, ...filter } = f;
    const parsed = PatentFilterQuery.parse(Object.fromEntries(new URLSearchParams(qs)));
    expect(parsed).toEqual(filter);
  });

  it('drops invalid or empty values instead of failing (hand-edited links still open)', () => {
    const f = filterFromSearch(new URLSearchParams('chainId=abc&region=37090&type=invention,foo,invention&status=&yearFrom=1900&highValue=yes&ipc=h01m10/05&q=%20%20'));
    expect(f).toEqual({ type: ['invention'], ipc: 'H01M10/05' });
    expect(filterToSearch({})).toBe('');
  });

  it('summarises a filter in Chinese with chain and region names', () => {
    const label = filterLabel(
      { chainId: 2, region: '370902', type: ['invention'], status: ['valid', 'pending'], yearFrom: 2020, yearTo: 2020, highValue: true },
      { chains: [{ id: 2, name: '新材料' }], regions: new Map([['370902', '泰山区']]) },
    );
    expect(label).toBe('产业链：新材料；地区：泰山区；类型：发明；法律状态：有效、审中；申请年：2020年；仅高价值发明专利');
    expect(filterLabel({ chainId: 9, region: '370911' }, {})).toBe('产业链：编号 9；地区：370911');
    expect(filterLabel({ chainId: 0 }, {})).toBe('');
  });
});
