import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined, SafetyOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { PERMISSIONS, type AuditLogDto, type AuditVerifyDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { useAuth } from '../../admin/auth';
import { showError } from '../../ui/feedback';
import { fmtTimeSec } from '../../ui/format';
import { usePagedList } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';

/** Chinese names of the object types written by the modules so far; unknown types show their code. */
export const ENTITY_TYPES: Record<string, string> = {
  unit: '机构',
  user: '用户',
  role: '角色',
  dict: '字典',
  dictType: '字典',
  dictItem: '字典项',
  holidayNotice: '节假日安排',
  calendar: '节假日安排',
  calendarYear: '节假日安排',
  deadlineRule: '期限规则',
  session: '会话',
  file: '附件',
  auth: '登录认证',
  notification: '消息',
  deadline: '办理期限',
  article: '内容',
  consultation: '咨询',
  submission: '投诉举报',
  outbox: '消息发送',
  outboxMessage: '消息发送',
};

/**
 * Chinese names of audit actions that are not a permission code (the modules' own verbs). Kept in step with the
 * writeAudit(...) calls of the server modules; an action missing here falls back to the permission name, then the code.
 */
export const AUDIT_ACTIONS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.changePassword': '修改密码',
  'auth.register': '公众用户注册',
  'deadline.open': '开始计算期限',
  'deadline.pause': '期限中止',
  'deadline.resume': '期限恢复计算',
  'deadline.extend': '延长期限',
  'deadline.complete': '期限办结',
  'deadline.recompute': '重新计算期限',
  'article.create': '新建内容',
  'article.update': '修改内容',
  'article.submitReview': '内容提交审核',
  'article.approve': '内容审核通过',
  'article.reject': '内容退回修改',
  'article.publish': '发布内容',
  'article.schedule': '内容定时发布',
  'article.cancelSchedule': '取消定时发布',
  'article.unpublish': '撤回内容',
  'consultation.submit': '提交咨询',
  'consultation.answer': '答复咨询',
  'consultation.close': '关闭咨询',
  'consultation.publishFaq': '发布为常见问题',
  'consultation.unpublishFaq': '撤下常见问题',
  'submission.create': '提交投诉举报',
  'submission.register': '登记投诉举报',
  'submission.close': '办结投诉举报',
  'submission.rate': '评价办理结果',
  'submission.identity.view': '查看提交人身份信息',
  'outbox.retry': '重新发送消息',
  'file.upload': '上传附件',
};

/** 'unit.create' → 新增机构, falling back to the raw code. */
export function actionLabel(action: string): string {
  return AUDIT_ACTIONS[action] ?? (PERMISSIONS as Record<string, string>)[action] ?? action;
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">（无）</Typography.Text>;
  return <pre className="zc-json">{JSON.stringify(value, null, 2)}</pre>;
}

function changedKeys(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
}

function AuditDiff({ row }: { row: AuditLogDto }) {
  const changed = changedKeys(row.before, row.after);
  return (
    <div>
      {changed.length > 0 && (
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          变更字段：
          {changed.map((k) => (
            <Typography.Text code key={k}>
              {k}
            </Typography.Text>
          ))}
        </Typography.Paragraph>
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Typography.Text strong>修改前</Typography.Text>
          <Json value={row.before} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>修改后</Typography.Text>
          <Json value={row.after} />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        记录哈希：<span className="zc-mono">{row.hash}</span>
      </Typography.Paragraph>
    </div>
  );
}

interface FilterValues {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  range?: [Dayjs, Dayjs] | null;
}

function VerifyResult({ result }: { result: AuditVerifyDto }) {
  if (result.ok) {
    return (
      <Alert
        data-testid="audit-verify-result"
        data-ok="true"
        type="success"
        showIcon
        closable
        title={`审计链完整，共校验 ${result.checked} 条`}
        description={`校验时间 ${fmtTimeSec(result.verifiedAt)}，最新记录序号 ${result.headSeq}`}
        style={{ marginBottom: 16 }}
      />
    );
  }
  const b = result.firstBreak;
  return (
    <Alert
      data-testid="audit-verify-result"
      data-ok="false"
      type="error"
      showIcon
      title={b ? `审计链在第 ${b.seq} 条记录处断裂：${b.message}` : '审计链校验未通过'}
      description={`已校验 ${result.checked} 条，校验时间 ${fmtTimeSec(result.verifiedAt)}。审计记录可能被篡改、插入或删除，请立即报告安全管理员并保全数据库。`}
      style={{ marginBottom: 16 }}
    />
  );
}

export default function AuditLogsPage() {
  const { can } = useAuth();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const [verifying, setVerifying] = useState(false);
  const [verifyResult, setVerifyResult] = useState<AuditVerifyDto | null>(null);
  const list = usePagedList<AuditLogDto>('/api/audit-logs', filters);

  const search = (v: FilterValues) => {
    setFilters({
      actor: v.actor?.trim() || undefined,
      action: v.action?.trim() || undefined,
      entityType: v.entityType?.trim() || undefined,
      entityId: v.entityId?.trim() || undefined,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
    });
  };

  const verify = async () => {
    setVerifying(true);
    try {
      setVerifyResult(await api.post<AuditVerifyDto>('/api/audit-logs/verify'));
    } catch (e) {
      showError(e, '校验失败，请稍后再试');
    } finally {
      setVerifying(false);
    }
  };

  const columns: ColumnsType<AuditLogDto> = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => fmtTimeSec(v) },
    { title: '操作人', dataIndex: 'actorName', width: 110, render: (v: string | null) => v ?? '系统' },
    { title: '机构', dataIndex: 'unitName', width: 170, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '操作',
      dataIndex: 'action',
      width: 150,
      render: (v: string) => (
        <Tooltip title={v}>
          <span>{actionLabel(v)}</span>
        </Tooltip>
      ),
    },
    {
      title: '对象',
      key: 'entity',
      width: 170,
      render: (_: unknown, r) => (
        <Tooltip title={r.entityType}>
          <span>
            {ENTITY_TYPES[r.entityType] ?? r.entityType}
            {r.entityId ? ` #${r.entityId}` : ''}
          </span>
        </Tooltip>
      ),
    },
    { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: '哈希',
      dataIndex: 'hash',
      width: 130,
      render: (v: string) => (
        <Tooltip title={v}>
          <span className="zc-mono">{v.slice(0, 12)}</span>
        </Tooltip>
      ),
    },
  ];

  return (
    <PageContainer
      title="审计日志"
      subTitle="所有数据变更逐条记录并以哈希链串联，任何篡改、插入、删除均可被校验发现"
      extra={
        can('audit.verify') && (
          <Button type="primary" icon={<SafetyOutlined />} loading={verifying} onClick={verify} data-testid="audit-verify">
            校验审计链
          </Button>
        )
      }
    >
      {verifyResult && <VerifyResult result={verifyResult} />}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={search} className="zc-filter-form">
          <Form.Item name="actor" label="操作人">
            <Input allowClear placeholder="姓名或用户名" style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="action" label="操作">
            <Input allowClear placeholder="如 user.create" style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="entityType" label="对象类型">
            <Input allowClear placeholder="如 user" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="entityId" label="对象编号">
            <Input allowClear style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="range" label="日期">
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                }}
              >
                重置
              </Button>
              <Button icon={<ReloadOutlined />} onClick={list.reload}>
                刷新
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card size="small">
        <Table<AuditLogDto>
          rowKey="seq"
          size="middle"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={list.pagination}
          expandable={{ expandedRowRender: (r) => <AuditDiff row={r} /> }}
          scroll={{ x: 1150 }}
          data-testid="audit-table"
        />
      </Card>
    </PageContainer>
  );
}
