/**
 * 统一受理 detail: every field, the evidence files, the event timeline (public and internal steps marked), possible
 * duplicates side by side, the submitter's identity masked (a full view only with submission.identity.read, audited
 * on the server), and the actions the DTO's abilities allow: 登记分类, 合并/关联, 办结.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Empty,
  Grid,
  List,
  Radio,
  Result,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { EyeOutlined, FileOutlined, LinkOutlined } from '@ant-design/icons';
import {
  SATISFACTION_LEVELS,
  SUBMISSION_KINDS,
  SUBMISSION_STATUSES,
  type PossibleDuplicateDto,
  type SubmissionDetailDto,
  type SubmissionIdentityDto,
} from '@zhichan/shared';
import { api, isApiError } from '../../api/client';
import { showError } from '../../ui/feedback';
import { fmtTime } from '../../ui/format';
import { CloseModal, LinkModal, RegisterModal } from './SubmissionActions';
import { DispatchModal } from './DispatchModal';
import { DeadlineTag, DUPLICATE_REASONS, KindTag, SubmissionStatusTag, ipTypeLabel } from './labels';

const LINK_ROLES = { primary: '已并入本件的重复件', merged: '本件已并入', related: '关联件' } as const;

function fmtSize(n: number): string {
  if (n >= 1048576) return `${(n / 1048576).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

const yesNo = (v: boolean) => (v ? <Tag color="green">同意</Tag> : <Tag>不同意</Tag>);

function Section({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className="zq-section">
      <div className="zq-section-head">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </div>
      {children}
    </section>
  );
}

/** This submission and one possible duplicate, field by field. */
function CompareTable({ a, b }: { a: SubmissionDetailDto; b: SubmissionDetailDto }) {
  const rows: [string, (d: SubmissionDetailDto) => ReactNode, boolean?][] = [
    ['受理编号', (d) => <span className="zc-mono">{d.receiptNo}</span>],
    ['类型', (d) => SUBMISSION_KINDS[d.kind]],
    ['知识产权类型', (d) => ipTypeLabel(d.ipType), true],
    ['状态', (d) => d.statusLabel],
    ['对象名称', (d) => d.respondentName, true],
    ['统一社会信用代码', (d) => d.respondentUscc ?? '—', true],
    ['所在地区', (d) => d.respondentRegionName ?? d.respondentRegionCode, true],
    ['地址', (d) => d.respondentAddress ?? '—'],
    ['网络经营', (d) => (d.online ? `${d.platform ?? ''} ${d.shopUrl ?? ''}` : '否')],
    ['事实与理由', (d) => <div className="zq-pre zq-clamp">{d.facts}</div>],
    ['诉求', (d) => d.requestedOutcome ?? '—'],
    ['提交人', (d) => (d.anonymous ? '匿名' : d.submitterName)],
    ['提交时间', (d) => fmtTime(d.submittedAt)],
    ['证据材料', (d) => `${d.files.length} 个`],
  ];
  const text = (n: ReactNode) => (typeof n === 'string' ? n : null);
  return (
    <table className="zq-compare" data-testid="duplicate-compare">
      <thead>
        <tr>
          <th />
          <th>本件</th>
          <th>疑似重复件</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, get, key]) => {
          const va = get(a);
          const vb = get(b);
          const same = key && text(va) !== null && text(va) === text(vb);
          return (
            <tr key={label} className={same ? 'zq-same' : undefined}>
              <th>{label}</th>
              <td>{va}</td>
              <td>{vb}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Duplicates({
  detail,
  onOpen,
  onLink,
}: {
  detail: SubmissionDetailDto;
  onOpen: (id: number) => void;
  onLink: (otherId: number) => void;
}) {
  const [pick, setPick] = useState<number | null>(detail.possibleDuplicates[0]?.id ?? null);
  const [other, setOther] = useState<SubmissionDetailDto | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setPick(detail.possibleDuplicates[0]?.id ?? null);
  }, [detail.id, detail.possibleDuplicates]);

  useEffect(() => {
    if (!pick) {
      setOther(null);
      return;
    }
    let alive = true;
    setLoading(true);
    api
      .get<SubmissionDetailDto>(`/api/submissions/${pick}`)
      .then((d) => alive && setOther(d))
      .catch((e) => alive && showError(e, '加载失败'))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [pick]);

  const dup = (d: PossibleDuplicateDto) =>
    `${d.receiptNo}（${DUPLICATE_REASONS[d.reason]}${d.reason === 'name' ? ` ${Math.round(d.similarity * 100)}%` : ''}）`;
  const canLink = detail.abilities.link || detail.abilities.merge;

  return (
    <Section title={<span className="zq-warn-title">疑似重复（{detail.possibleDuplicates.length}）</span>}>
      <Radio.Group
        value={pick}
        onChange={(e) => setPick(e.target.value as number)}
        options={detail.possibleDuplicates.map((d) => ({ value: d.id, label: dup(d) }))}
        className="zq-dup-pick"
      />
      <Spin spinning={loading}>
        {other && <CompareTable a={detail} b={other} />}
      </Spin>
      {other && (
        <Space className="zq-dup-actions" wrap>
          <Button size="small" onClick={() => onOpen(other.id)}>
            打开 {other.receiptNo}
          </Button>
          {canLink && (
            <Button size="small" type="primary" ghost icon={<LinkOutlined />} onClick={() => onLink(other.id)}>
              合并/关联
            </Button>
          )}
        </Space>
      )}
    </Section>
  );
}

export function SubmissionDrawer({
  id,
  onClose,
  onOpen,
  onChanged,
}: {
  id: number | null;
  onClose: () => void;
  onOpen: (id: number) => void;
  onChanged: () => void;
}) {
  const { modal } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [detail, setDetail] = useState<SubmissionDetailDto | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const [identity, setIdentity] = useState<SubmissionIdentityDto | null>(null);
  const [identityLoading, setIdentityLoading] = useState(false);
  const [action, setAction] = useState<null | 'register' | 'link' | 'close' | 'dispatch'>(null);
  const [linkTarget, setLinkTarget] = useState<number | undefined>();

  const load = useCallback(async (sid: number) => {
    setLoading(true);
    setFailed(null);
    try {
      setDetail(await api.get<SubmissionDetailDto>(`/api/submissions/${sid}`));
    } catch (e) {
      setFailed(e);
      setDetail(null);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    setIdentity(null);
    setAction(null);
    if (id) void load(id);
    else setDetail(null);
  }, [id, load]);

  const changed = (d: SubmissionDetailDto) => {
    setDetail(d);
    setAction(null);
    onChanged();
  };

  /** A conflict (someone else acted first): show it and reload the current state. */
  const actionFailed = (e: unknown) => {
    if (isApiError(e) && (e.code === 'VERSION_CONFLICT' || e.code === 'ACTION_NOT_ALLOWED')) {
      showError(e);
      setAction(null);
      if (id) void load(id);
      onChanged();
      return true;
    }
    return false;
  };

  const viewIdentity = () => {
    if (!detail) return;
    modal.confirm({
      title: '查看完整身份信息',
      content: (
        <>
          <p>本次查看将记入审计日志。</p>
          <p>提交人的身份信息依法保密，仅可用于办理本件，不得泄露给被投诉（举报）人或与办理无关的人员（《市场监督管理投诉举报处理暂行办法》第三十三条）。</p>
        </>
      ),
      okText: '确认查看',
      cancelText: '取消',
      onOk: async () => {
        setIdentityLoading(true);
        try {
          setIdentity(await api.get<SubmissionIdentityDto>(`/api/submissions/${detail.id}/identity`));
        } catch (e) {
          showError(e);
        } finally {
          setIdentityLoading(false);
        }
      },
    });
  };

  const d = detail;
  const width = screens.lg ? 980 : '100%';

  const actions = d && (
    <Space wrap>
      {d.abilities.register && (
        <Button onClick={() => setAction('register')} data-testid="action-register">
          登记分类
        </Button>
      )}
      {(d.abilities.link || d.abilities.merge) && (
        <Button
          onClick={() => {
            setLinkTarget(undefined);
            setAction('link');
          }}
          data-testid="action-link"
        >
          合并/关联
        </Button>
      )}
      {d.abilities.dispatch && (
        <Button type="primary" onClick={() => setAction('dispatch')} data-testid="action-dispatch">
          分派
        </Button>
      )}
      {d.abilities.close && (
        <Button type={d.abilities.dispatch ? 'default' : 'primary'} onClick={() => setAction('close')} data-testid="action-close">
          办结
        </Button>
      )}
    </Space>
  );

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={width}
      destroyOnHidden
      title={
        d ? (
          <Space wrap size={6}>
            <span className="zc-mono zq-title-no" data-testid="detail-receipt-no">
              {d.receiptNo}
            </span>
            <KindTag kind={d.kind} />
            <SubmissionStatusTag status={d.status} label={d.statusLabel} />
            <DeadlineTag deadline={d.deadline} />
          </Space>
        ) : (
          '诉求详情'
        )
      }
      extra={screens.md ? actions : null}
      data-testid="submission-drawer"
    >
      {loading && !d && (
        <div className="zc-center">
          <Spin />
        </div>
      )}
      {failed !== null && !d && (
        <Result status="warning" title="无法加载" subTitle={isApiError(failed) ? failed.message : '加载失败，请稍后再试'} />
      )}
      {d && (
        <Spin spinning={loading}>
          {!screens.md && <div style={{ marginBottom: 16 }}>{actions}</div>}
          {d.mergedInto && (
            <Alert
              type="info"
              showIcon
              className="zq-block"
              title={
                <>
                  本件已作为重复件并入{' '}
                  <Typography.Link onClick={() => onOpen(d.mergedInto!.id)}>{d.mergedInto.receiptNo}</Typography.Link> 办理
                </>
              }
            />
          )}
          {d.lead && (
            <Alert
              type="info"
              showIcon
              className="zq-block"
              data-testid="submission-lead"
              title={
                <>
                  已分派，转为线索 <Link to={`/leads/${d.lead.id}`}>{d.lead.leadNo}</Link>，由{d.lead.unitName}办理（{d.lead.statusLabel}）
                </>
              }
            />
          )}
          {d.result && !d.mergedInto && (
            <Alert
              type="success"
              showIcon
              className="zq-block"
              title={`办结${d.closedAt ? `（${fmtTime(d.closedAt)}）` : ''}`}
              description={<div className="zq-pre">{d.result}</div>}
            />
          )}

          <Section title="基本情况">
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} styles={{ label: { width: 120 } }}>
              <Descriptions.Item label="类型">{SUBMISSION_KINDS[d.kind]}</Descriptions.Item>
              <Descriptions.Item label="知识产权类型">
                {ipTypeLabel(d.ipType)}
                {d.category && <Tag style={{ marginLeft: 8 }}>{d.category}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label="提交时间">{fmtTime(d.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label="受理单位">{d.unitName}</Descriptions.Item>
              <Descriptions.Item label="期限">
                {d.deadline ? (
                  <Space size={4}>
                    {d.deadline.title}
                    <DeadlineTag deadline={d.deadline} />
                  </Space>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label="状态">{SUBMISSION_STATUSES[d.status]}</Descriptions.Item>
              <Descriptions.Item label="同意公示">{yesNo(d.consentPublication)}</Descriptions.Item>
              <Descriptions.Item label="同意委托调解">{d.kind === 'report' ? '—' : yesNo(d.consentDelegatedMediation)}</Descriptions.Item>
            </Descriptions>
          </Section>

          <Section title={d.kind === 'complaint' ? '被投诉人' : d.kind === 'report' ? '被举报人' : '侵权方'}>
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} styles={{ label: { width: 120 } }}>
              <Descriptions.Item label="名称" span={2}>
                {d.respondentName}
              </Descriptions.Item>
              <Descriptions.Item label="统一社会信用代码">
                <span className="zc-mono">{d.respondentUscc ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label="所在地区">{d.respondentRegionName ?? d.respondentRegionCode}</Descriptions.Item>
              <Descriptions.Item label="地址" span={2}>
                {d.respondentAddress ?? '—'}
              </Descriptions.Item>
              {d.online && (
                <>
                  <Descriptions.Item label="平台">{d.platform ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label="店铺网址">
                    {d.shopUrl ? (
                      <Typography.Text copyable className="zq-url">
                        {d.shopUrl}
                      </Typography.Text>
                    ) : (
                      '—'
                    )}
                  </Descriptions.Item>
                </>
              )}
            </Descriptions>
          </Section>

          <Section title="事实与理由">
            <div className="zq-pre zq-text-block">{d.facts}</div>
            {d.requestedOutcome && (
              <>
                <Typography.Text strong>诉求</Typography.Text>
                <div className="zq-pre zq-text-block">{d.requestedOutcome}</div>
              </>
            )}
          </Section>

          <Section
            title="提交人"
            extra={
              d.abilities.viewIdentity && !d.anonymous && !identity ? (
                <Button size="small" icon={<EyeOutlined />} loading={identityLoading} onClick={viewIdentity} data-testid="view-identity">
                  查看完整身份信息
                </Button>
              ) : null
            }
          >
            {d.anonymous ? (
              <Typography.Text type="secondary">匿名举报（不告知处理结果）</Typography.Text>
            ) : (
              <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} styles={{ label: { width: 120 } }} data-testid="submitter-identity">
                <Descriptions.Item label="姓名">{identity?.name ?? d.submitterName}</Descriptions.Item>
                <Descriptions.Item label="联系电话">{identity?.phone ?? d.submitterPhone ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="身份证号码">
                  <span className="zc-mono">{identity?.idNo ?? d.submitterIdNo ?? '—'}</span>
                </Descriptions.Item>
                <Descriptions.Item label="单位">{identity?.organizationName ?? d.organizationName ?? '—'}</Descriptions.Item>
                {identity && (
                  <>
                    <Descriptions.Item label="通讯地址">{identity.address ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label="电子邮箱">{identity.email ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label="单位信用代码">
                      <span className="zc-mono">{identity.organizationUscc ?? '—'}</span>
                    </Descriptions.Item>
                  </>
                )}
              </Descriptions>
            )}
            {identity && (
              <Typography.Paragraph type="warning" className="zq-note">
                已显示完整身份信息，本次查看已记入审计日志。
              </Typography.Paragraph>
            )}
          </Section>

          <Section title={`证据材料（${d.files.length}）`}>
            {d.files.length === 0 ? (
              <Typography.Text type="secondary">未提交证据材料</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={d.files}
                renderItem={(f) => (
                  <List.Item
                    key={f.id}
                    extra={<span className="zq-sub">{fmtSize(f.size)}</span>}
                  >
                    <Space size={6}>
                      <FileOutlined />
                      <a href={f.downloadUrl} target="_blank" rel="noopener" data-testid="evidence-file">
                        {f.name}
                      </a>
                      <Typography.Text type="secondary" className="zc-mono" title={`SHA-256 ${f.sha256}`}>
                        {f.sha256.slice(0, 12)}…
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Section>

          {d.possibleDuplicates.length > 0 && (
            <Duplicates
              detail={d}
              onOpen={onOpen}
              onLink={(otherId) => {
                setLinkTarget(otherId);
                setAction('link');
              }}
            />
          )}

          {d.links.length > 0 && (
            <Section title="合并与关联">
              <List
                size="small"
                dataSource={d.links}
                renderItem={(l) => (
                  <List.Item key={`${l.otherId}-${l.role}`}>
                    <Space size={6} wrap>
                      <Tag>{LINK_ROLES[l.role]}</Tag>
                      <Typography.Link className="zc-mono" onClick={() => onOpen(l.otherId)}>
                        {l.otherReceiptNo}
                      </Typography.Link>
                      <span className="zq-sub">
                        {SUBMISSION_STATUSES[l.otherStatus]} · {fmtTime(l.createdAt)}
                      </span>
                    </Space>
                  </List.Item>
                )}
              />
            </Section>
          )}

          <Section title="办理过程">
            {d.events.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
            ) : (
              <Timeline
                className="zq-timeline"
                items={d.events.map((ev) => ({
                  key: ev.id,
                  color: ev.public ? 'blue' : 'gray',
                  content: (
                    <div data-event={ev.kind}>
                      <Space size={6} wrap>
                        <strong>{ev.title}</strong>
                        {ev.public ? <Tag color="blue">公开</Tag> : <Tag>内部</Tag>}
                        <span className="zq-sub">
                          {fmtTime(ev.at)}
                          {ev.actorName ? ` · ${ev.actorName}` : ''}
                        </span>
                      </Space>
                      {ev.text && <div className="zq-pre">{ev.text}</div>}
                    </div>
                  ),
                }))}
              />
            )}
            <Typography.Paragraph type="secondary" className="zq-note">
              “公开”的步骤提交人可在门户进度查询中看到；“内部”的仅在后台可见。
            </Typography.Paragraph>
          </Section>

          {d.rating && (
            <Section title="评价">
              <Space wrap>
                <Tag color={d.rating.satisfaction === 'dissatisfied' ? 'orange' : 'green'}>{SATISFACTION_LEVELS[d.rating.satisfaction]}</Tag>
                <span className="zq-sub">{fmtTime(d.rating.ratedAt)}</span>
              </Space>
              {d.rating.comment && <div className="zq-pre zq-text-block">{d.rating.comment}</div>}
            </Section>
          )}
          <Divider />
        </Spin>
      )}
      {d && action === 'register' && (
        <RegisterModal detail={d} onDone={changed} onCancel={() => setAction(null)} onConflict={actionFailed} />
      )}
      {d && action === 'link' && (
        <LinkModal detail={d} initialOtherId={linkTarget} onDone={changed} onCancel={() => setAction(null)} onConflict={actionFailed} />
      )}
      {d && action === 'close' && <CloseModal detail={d} onDone={changed} onCancel={() => setAction(null)} onConflict={actionFailed} />}
      {d && action === 'dispatch' && <DispatchModal detail={d} onDone={changed} onCancel={() => setAction(null)} onConflict={actionFailed} />}
    </Drawer>
  );
}
