import { useEffect, useMemo, useState } from 'react';
import { Card, Col, Empty, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { UNIT_KINDS } from '@zhichan/shared';
import { api } from '../../api/client';
import { loadSite } from '../../api/site';
import type { PublicUnitDto, RegionDto } from '../../api/types';
import { useRequest } from '../../ui/hooks';
import { SectionTitle } from './SectionTitle';

/** Region names for the city's counties, when the division list is readable without logging in. */
function useRegionNames(): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    let alive = true;
    void loadSite().then(async (site) => {
      if (!site.cityCode) return;
      try {
        const kids = await api.get<RegionDto[]>('/api/regions', { parent: site.cityCode }, { quiet: true });
        if (alive) setNames(Object.fromEntries(kids.map((r) => [r.code, r.name])));
      } catch {
        // not public: the unit names already say which county they serve
      }
    });
    return () => {
      alive = false;
    };
  }, []);
  return names;
}

export function DirectorySection() {
  const units = useRequest<PublicUnitDto[]>(
    (signal) => api.get<PublicUnitDto[]>('/api/public/units', undefined, { signal }),
    [],
    { onError: () => undefined },
  );
  const names = useRegionNames();
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
      <SectionTitle title="机构名录" subTitle="市、县（市、区）市场监督管理局（知识产权局）联系方式" />
      {units.loading ? (
        <Skeleton active />
      ) : sorted.length === 0 ? (
        <Empty description={units.error ? '机构名录暂时无法加载，请稍后再试' : '暂无机构信息'} />
      ) : (
        <Row gutter={[16, 16]} data-testid="unit-directory">
          {sorted.map((u) => {
            const regions = u.regionNames?.length
              ? u.regionNames
              : u.regionCodes.map((c) => names[c]).filter((n): n is string => !!n);
            return (
              <Col key={u.id} xs={24} sm={12} lg={8}>
                <Card size="small" className="zp-unit-card" title={<span className="zp-unit-name">{u.name}</span>}
                  extra={<Tag color={u.kind === 'cityBureau' ? 'red' : 'blue'}>{UNIT_KINDS[u.kind]}</Tag>}>
                  <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                    {regions.length > 0 && (
                      <Typography.Text type="secondary">管辖区域：{regions.join('、')}</Typography.Text>
                    )}
                    <span>
                      <PhoneOutlined />{' '}
                      {u.phone ? <a href={`tel:${u.phone.replace(/[^\d+]/g, '')}`}>{u.phone}</a> : '—'}
                    </span>
                    <span>
                      <EnvironmentOutlined /> {u.address || '—'}
                    </span>
                  </Space>
                </Card>
              </Col>
            );
          })}
        </Row>
      )}
    </>
  );
}
