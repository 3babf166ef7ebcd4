/**
 * 季度分析报告: request a quarterly patent analysis report (.docx, generated in the background by the patent task runner) for an
 * ended quarter and one chain or all key chains; the list shows 排队中/生成中/已生成/失败 and refreshes itself while work is pending.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, FileWordOutlined, ReloadOutlined } from '@ant-design/icons';
import type { PatentReportDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { showSuccess } from '../../ui/feedback';
import { applyServerErrors } from '../../api/forms';
import { fmtTime } from '../../ui/format';
import { useAuth } from '../../admin/auth';
import { DemoTag, useCityRegions, usePatentChains } from './AnalyticsWidgets';

const STATUS: Record<PatentReportDto['status'], { label: string; color: string }> = {
  queued: { label: '排队中', color: 'default' },
  running: { label: '生成中', color: 'processing' },
  succeeded: { label: '已生成', color: 'success' },
  failed: { label: '失败', color: 'error' },
};

const POLL_MS = 3000;

/** '2026Q3' → '2026年第三季度' */
function quarterLabel(q: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(q);
  if (!m) return q;
  return `${m[1]}年第${['一', '二', '三', '四'][Number(m[2]) - 1]}季度`;
}

/** The last `n` quarters that have ended before `now` (newest first): a report on a running quarter would be incomplete. */
function endedQuarters(now: Date, n = 8): string[] {
  let y = now.getFullYear();
  let q = Math.floor(now.getMonth() / 3); // the current quarter is q+1; the last ended one is q (0 → Q4 of last year)
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (q === 0) {
      y -= 1;
      q = 4;
    }
    out.push(`${y}Q${q}`);
    q -= 1;
  }
  return out;
}

export default function ReportsPage() {
  const { can } = useAuth();
  const canRequest = can('patent.report');
  const chains = usePatentChains();
  const { demo } = useCityRegions();
  const [form] = Form.useForm<{ quarter: string; chainId: number }>();
  const [submitting, setSubmitting] = useState(false);
  const quarters = useMemo(() => endedQuarters(new Date()), []);

  const list = useRequest<PatentReportDto[]>((signal) => api.get('/api/patent-reports', undefined, { signal }), []);
  const rows = list.data ?? [];
  const pending = rows.some((r) => r.status === 'queued' || r.status === 'running');
  const { reload } = list;

  // Poll while a report is queued or running; stop as soon as none is.
  useEffect(() => {
    if (!pending) return;
    const t = setInterval(reload, POLL_MS);
    return () => clearInterval(t);
  }, [pending, reload]);

  const submit = async () => {
    const v = await form.validateFields();
    setSubmitting(true);
    try {
      await api.post<PatentReportDto>('/api/patent-reports', { quarter: v.quarter, chainId: v.chainId ? v.chainId : null });
      showSuccess('已提交，报告将在后台生成');
      reload();
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <PageContainer
      title={
        <Space size={8}>
          <span>季度分析报告</span>
          {demo && <DemoTag />}
        </Space>
      }
      subTitle="按季度生成专利分析报告（Word 文档），含申请授权情况、技术构成、重点申请人、各县（市、区）对比和高价值发明专利指标"
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {canRequest && (
          <Card size="small" title="生成报告">
            <Form
              form={form}
              layout="inline"
              initialValues={{ quarter: quarters[0], chainId: 0 }}
              onFinish={submit}
              data-testid="report-form"
            >
              <Form.Item name="quarter" label="季度" rules={[{ required: true, message: '请选择季度' }]}>
                <Select style={{ width: 180 }} options={quarters.map((q) => ({ value: q, label: quarterLabel(q) }))} />
              </Form.Item>
              <Form.Item name="chainId" label="范围">
                <Select
                  style={{ width: 240 }}
                  options={[
                    { value: 0, label: '全部重点产业链' },
                    ...chains.filter((c) => c.enabled).map((c) => ({ value: c.id, label: c.isDemo ? `${c.name}（示例）` : c.name })),
                  ]}
                />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" icon={<FileWordOutlined />} loading={submitting} data-testid="report-submit">
                  生成报告
                </Button>
              </Form.Item>
            </Form>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
              只能选择已结束的季度。报告按提交时数据库中的数据生成，近 18 个月的申请因公开滞后尚不完整，报告中会注明。
            </Typography.Paragraph>
          </Card>
        )}
        <Card
          size="small"
          title="报告列表"
          extra={
            <Space>
              {pending && <Typography.Text type="secondary">有报告正在生成，列表自动刷新</Typography.Text>}
              <Button size="small" icon={<ReloadOutlined />} onClick={reload}>
                刷新
              </Button>
            </Space>
          }
        >
          {!list.loading && !list.data && list.error ? <Alert type="error" showIcon title="报告列表加载失败，请稍后刷新重试。" /> : null}
          <Table<PatentReportDto>
            rowKey="id"
            size="middle"
            loading={list.loading && !list.data}
            dataSource={rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: '暂无报告' }}
            data-testid="report-table"
            columns={[
              { title: '季度', dataIndex: 'quarter', width: 150, render: (q: string) => quarterLabel(q) },
              { title: '范围', dataIndex: 'chainName', render: (v: string | null, r) => (r.chainId === null ? '全部重点产业链' : v ?? `产业链 ${r.chainId}`) },
              {
                title: '状态',
                dataIndex: 'status',
                width: 200,
                render: (s: PatentReportDto['status'], r) => (
                  <Space orientation="vertical" size={0}>
                    <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>
                    {s === 'failed' && r.message ? (
                      <Typography.Text type="danger" style={{ fontSize: 12 }}>
                        {r.message}
                      </Typography.Text>
                    ) : null}
                  </Space>
                ),
              },
              { title: '提交人', dataIndex: 'requestedByName', width: 110, render: (v: string | null) => v ?? '—' },
              { title: '提交时间', dataIndex: 'createdAt', width: 150, render: fmtTime },
              { title: '完成时间', dataIndex: 'finishedAt', width: 150, render: fmtTime },
              {
                title: '操作',
                key: 'op',
                width: 110,
                render: (_: unknown, r) =>
                  r.status === 'succeeded' && r.fileId !== null ? (
                    <Button size="small" type="link" icon={<DownloadOutlined />} href={`/api/patent-reports/${r.id}/file`} data-testid={`report-download-${r.id}`}>
                      下载
                    </Button>
                  ) : r.status === 'failed' ? (
                    <Tooltip title="可重新提交同一季度生成">
                      <Typography.Text type="secondary">—</Typography.Text>
                    </Tooltip>
                  ) : (
                    <Typography.Text type="secondary">—</Typography.Text>
                  ),
              },
            ]}
          />
        </Card>
      </Space>
    </PageContainer>
  );
}
