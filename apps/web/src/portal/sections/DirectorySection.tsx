/**
 * 机构名录: the city and county bureaus with their phones and addresses. Plain React + CSS (no antd): it is part of
 * the home page, which stays within the first-load budget (docs/benchmarks.md).
 */
import { useMemo } from 'react';
import type { UnitKind } from '@zhichan/shared';
import type { PublicUnitDto } from '../../api/types';
import { usePublicGet } from '../../features/content/portal/usePublic';

const KIND_LABELS: Record<UnitKind, string> = { cityBureau: '市级局', countyBureau: '县级局', station: '市场监管所', department: '内设机构' };

export function DirectorySection() {
  const units = usePublicGet<PublicUnitDto[]>('/api/public/units');
  const sorted = useMemo(
    () =>
      [...(units.data ?? [])].sort(
        (a, b) =>
          (a.kind === 'cityBureau' ? 0 : 1) - (b.kind === 'cityBureau' ? 0 : 1) ||
          (a.regionCodes[0] ?? '').localeCompare(b.regionCodes[0] ?? ''),
      ),
    [units.data],
  );

  return (
    <>
      <div className="zp-section-head">
        <h2 className="zp-h2">机构名录</h2>
        <p className="zp-section-sub">市、县（市、区）市场监督管理局（知识产权局）联系方式</p>
      </div>
      {units.loading ? (
        <div className="zp-page-loading">正在加载…</div>
      ) : sorted.length === 0 ? (
        <div className="zp-page-loading">{units.error ? '机构名录暂时无法加载，请稍后再试' : '暂无机构信息'}</div>
      ) : (
        <ul className="zp-units" data-testid="unit-directory">
          {sorted.map((u) => (
            <li key={u.id} className="zp-unit">
              <div className="zp-unit-head">
                <span className="zp-unit-name">{u.name}</span>
                <span className={u.kind === 'cityBureau' ? 'zp-unit-kind zp-unit-kind-city' : 'zp-unit-kind'}>{KIND_LABELS[u.kind]}</span>
              </div>
              {u.regionNames && u.regionNames.length > 0 && <div className="zp-unit-line zp-muted">管辖区域：{u.regionNames.join('、')}</div>}
              <div className="zp-unit-line">
                <span aria-hidden="true">☎ </span>
                <span className="zp-sr-label">电话：</span>
                {u.phone ? <a href={`tel:${u.phone.replace(/[^\d+]/g, '')}`}>{u.phone}</a> : '—'}
              </div>
              <div className="zp-unit-line">
                <span aria-hidden="true">⌂ </span>
                <span className="zp-sr-label">地址：</span>
                {u.address || '—'}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
