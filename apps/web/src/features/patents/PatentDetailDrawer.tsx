/**
 * 专利详情: every bibliographic field of one patent, its classification (IPC with Chinese titles, 战略性新兴产业, WIPO 技术领域,
 * 产业链) and the check against CNIPA's five categories of 高价值发明专利 (legal-rules.md §2.1), so an officer can see why a
 * patent counts (or does not count) towards 每万人口高价值发明专利拥有量.
 */
import { Link } from 'react-router-dom';
import { Alert, Descriptions, Drawer, Empty, Grid, List, Space, Spin, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import {
  HIGH_VALUE_CATEGORIES,
  HIGH_VALUE_CATEGORY_LABELS,
  PATENT_TYPE_LABELS,
  type PatentDetailDto,
} from '@zhichan/shared';
import { api } from '../../api/client';
import { fmtDate, fmtTime } from '../../ui/format';
import { useRequest } from '../../ui/hooks';
import { DataSourceTag, LegalStatusTag } from './SearchParts';

export const AWARD_LABELS: Record<'nationalSciTech' | 'chinaPatentAward', string> = {
  nationalSciTech: '国家科学技术奖',
  chinaPatentAward: '中国专利奖',
};

const REGION_SOURCE_LABELS: Record<PatentDetailDto['region']['source'], string> = {
  address: '据申请人地址判定',
  provinceCode: '据国省代码判定（仅到省）',
  none: '无法判定',
};

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

export function PatentDetailDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const { data: p, loading, error } = useRequest(
    (signal) => api.get<PatentDetailDto>(`/api/patents/${id}`, undefined, { signal }),
    [id],
    { enabled: id !== null },
  );
  const shown = p && p.id === id ? p : undefined;

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={screens.lg ? 820 : '100%'}
      destroyOnHidden
      title={shown ? shown.title : '专利详情'}
      data-testid="patent-detail"
    >
      {loading && !shown ? (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      ) : !shown ? (
        <Empty description={error ? '未能加载专利详情' : '暂无数据'} />
      ) : (
        <PatentDetailBody p={shown} onNavigate={onClose} />
      )}
    </Drawer>
  );
}

function PatentDetailBody({ p, onNavigate }: { p: PatentDetailDto; onNavigate: () => void }) {
  const hv = p.highValue;
  const isInvention = p.patentType === 'invention';
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Tag>{PATENT_TYPE_LABELS[p.patentType]}</Tag>
        <LegalStatusTag status={p.legalStatus} />
        {hv.isHighValue && <Tag color="gold">高价值发明专利</Tag>}
        <DataSourceTag source={p.dataSource} />
      </Space>

      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title="著录项目" styles={{ label: { width: 128, whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label="专利名称" span={2}>
          {p.title}
        </Descriptions.Item>
        <Descriptions.Item label="申请号">{dash(p.appNo)}</Descriptions.Item>
        <Descriptions.Item label="申请日">{fmtDate(p.appDate)}</Descriptions.Item>
        <Descriptions.Item label="公开（公告）号">{dash(p.pubNo)}</Descriptions.Item>
        <Descriptions.Item label="公开（公告）日">{fmtDate(p.pubDate)}</Descriptions.Item>
        <Descriptions.Item label="授权公告号">{dash(p.grantNo)}</Descriptions.Item>
        <Descriptions.Item label="授权公告日">{fmtDate(p.grantDate)}</Descriptions.Item>
        <Descriptions.Item label="专利类型">{PATENT_TYPE_LABELS[p.patentType]}</Descriptions.Item>
        <Descriptions.Item label="法律状态">
          <Space size={4}>
            <LegalStatusTag status={p.legalStatus} />
            {p.legalStatusRaw && <Typography.Text type="secondary">原文：{p.legalStatusRaw}</Typography.Text>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="申请人（专利权人）" span={2}>
          {p.applicants.length === 0
            ? '—'
            : p.applicants.map((name, i) => (
                <span key={name}>
                  {i > 0 && '；'}
                  <Link to={`/patents/applicant?name=${encodeURIComponent(name)}`} onClick={onNavigate}>
                    {name}
                  </Link>
                </span>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label="申请人地址" span={2}>
          {dash(p.applicantAddress)}
        </Descriptions.Item>
        <Descriptions.Item label="所属地区" span={2}>
          {p.region.name ?? '—'}
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            （{REGION_SOURCE_LABELS[p.region.source]}）
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="发明人" span={2}>
          {p.inventors.length ? p.inventors.join('；') : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="代理机构" span={2}>
          {dash(p.agency)}
        </Descriptions.Item>
        <Descriptions.Item label="维持年限">{p.maintenanceYears === null ? '—' : `${p.maintenanceYears} 年`}</Descriptions.Item>
        <Descriptions.Item label="海外同族授权">{p.foreignFamilyGranted ? '有' : '无'}</Descriptions.Item>
        <Descriptions.Item label="质押融资金额">{p.pledgeAmountWan === null ? '—' : `${p.pledgeAmountWan} 万元`}</Descriptions.Item>
        <Descriptions.Item label="数据更新时间">{fmtTime(p.updatedAt)}</Descriptions.Item>
        {p.abstract && (
          <Descriptions.Item label="摘要" span={2}>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{p.abstract}</Typography.Paragraph>
          </Descriptions.Item>
        )}
      </Descriptions>

      <Descriptions bordered size="small" column={1} title="分类">
        <Descriptions.Item label="主分类号">
          {p.mainIpc ? (
            <>
              <Typography.Text code>{p.mainIpc.code}</Typography.Text> {p.mainIpc.titleZh ?? ''}
            </>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="分类号">
          {p.ipcCodes.length === 0 ? (
            '—'
          ) : (
            <List
              size="small"
              split={false}
              dataSource={p.ipcCodes}
              renderItem={(c) => (
                <List.Item style={{ padding: '2px 0' }}>
                  <span>
                    <Typography.Text code>{c.code}</Typography.Text> {c.titleZh ?? <Typography.Text type="secondary">（暂无中文类名）</Typography.Text>}
                  </span>
                </List.Item>
              )}
            />
          )}
        </Descriptions.Item>
        <Descriptions.Item label="战略性新兴产业">
          {p.seiBranches.length === 0
            ? '不属于战略性新兴产业分类（2021）'
            : p.seiBranches.map((b) => (
                <div key={b.branchNo}>
                  {b.branchNo} {b.branchName}
                  <Typography.Text type="secondary">（{b.industryName}）</Typography.Text>
                </div>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label="技术领域（WIPO）">
          {p.wipoFields.length === 0
            ? '—'
            : p.wipoFields.map((w) => (
                <Tag key={w.fieldNo}>
                  {w.sectorZh} · {w.fieldZh}
                </Tag>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label="产业链">
          {p.chains.length === 0
            ? '未归入任何产业链'
            : p.chains.map((c) => (
                <Tag key={c.id} color="blue">
                  {c.name}
                  {c.isDemo ? '（示例）' : ''}
                </Tag>
              ))}
        </Descriptions.Item>
      </Descriptions>

      <div>
        <Typography.Title level={5}>高价值发明专利认定</Typography.Title>
        {hv.isHighValue ? (
          <Alert type="success" showIcon title="属于高价值发明专利，计入每万人口高价值发明专利拥有量。" />
        ) : (
          <Alert type="info" showIcon title={`不属于高价值发明专利：${hv.reasonIfNot ?? '不符合认定条件'}。`} />
        )}
        <List
          size="small"
          style={{ marginTop: 8 }}
          dataSource={[...HIGH_VALUE_CATEGORIES]}
          renderItem={(cat) => {
            const ok = hv.categories[cat];
            return (
              <List.Item data-testid={`hv-${cat}`}>
                <Space>
                  {ok ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleOutlined style={{ color: '#bfbfbf' }} />}
                  <span>{HIGH_VALUE_CATEGORY_LABELS[cat]}</span>
                </Space>
                <Tag color={ok ? 'green' : 'default'}>{ok ? '符合' : '不符合'}</Tag>
              </List.Item>
            );
          }}
        />
        {!isInvention && (
          <Typography.Text type="secondary">五类情形仅对发明专利认定，实用新型和外观设计专利不计入。</Typography.Text>
        )}
      </div>

      <div>
        <Typography.Title level={5}>获奖情况</Typography.Title>
        {p.awards.length === 0 ? (
          <Typography.Text type="secondary">暂无获奖记录</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={p.awards}
            renderItem={(a) => (
              <List.Item>
                {a.awardYear}年度 {AWARD_LABELS[a.award]}
                {a.awardLevel ? ` ${a.awardLevel}` : ''}
              </List.Item>
            )}
          />
        )}
      </div>
      <Typography.Text type="secondary">
        专利编号 {p.patentKey}
        {p.importJobId !== null ? `；来自第 ${p.importJobId} 号导入任务` : ''}
      </Typography.Text>
    </Space>
  );
}
