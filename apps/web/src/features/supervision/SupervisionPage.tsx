/**
 * 督办中心: what is open in the user's scope and how late it is. Summary cards (在办 / 黄灯 / 红灯 / 挂牌督办), a table by
 * county bureau (click a row to list its items), and the items themselves, leads and cases together by due date, with
 * 催办 and 挂牌督办. The filters live in the address (a supervisor can send a filtered list to a colleague).
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Checkbox, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CreateFlagInput,
  CreateReminderInput,
  LiftFlagInput,
  SUPERVISION_DEADLINE_STATES,
  SUPERVISION_ITEM_KIND_LIST,
  SUPERVISION_ITEM_KINDS,
  type SupervisionDeadlineState,
  type SupervisionFlagDto,
  type SupervisionItemDto,
  type SupervisionItemKind,
  type SupervisionOverviewDto,
  type SupervisionOverviewRowDto,
  type SupervisionReminderDto,
} from '@zhichan/shared';
import { api, isApiError } from '../../api/client';
import { applyServerErrors, zodRule } from '../../api/forms';
import { showError, showSuccess } from '../../ui/feedback';
import { fmtDate, fmtTime } from '../../ui/format';
import { usePagedList, useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { DaysLeft, DeadlineStateTag, FlagTag, routerPath } from './labels';
import './supervision.css';

const REMIND_TEMPLATES = [
  '该事项已临近办理期限，请抓紧办理，按期办结。',
  '该事项已超过办理期限，请立即办理，并书面说明超期原因。',
  '请于三个工作日内报告办理进展。',
];

// ---------- modals ----------

function RemindModal({ item, onClose, onDone }: { item: SupervisionItemDto; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ message: string }>();
  const [sending, setSending] = useState(false);
  const history = useRequest<SupervisionReminderDto[]>(
    (signal) => api.get('/api/supervision/reminders', { entityType: item.entityType, entityId: item.entityId }, { signal }),
    [item.entityType, item.entityId],
  );
  const submit = async (v: { message: string }) => {
    setSending(true);
    try {
      const r = await api.post<SupervisionReminderDto>('/api/supervision/reminders', { entityType: item.entityType, entityId: item.entityId, message: v.message });
      showSuccess(r.notified ? `已催办，已通知 ${r.notified} 名承办人员` : '已催办');
      onDone();
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal open title={`催办 · ${item.number}`} okText="发出催办" onOk={() => form.submit()} onCancel={onClose} confirmLoading={sending} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {item.title}（{item.unitName}承办，{item.dueOn ? `届满日 ${fmtDate(item.dueOn)}` : '当前无办理期限'}）。催办将以站内消息发送给承办机构的办理人员。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="remind-form">
        <Form.Item name="message" label="催办内容" rules={[zodRule(CreateReminderInput.shape.message)]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Space wrap size={4} style={{ marginTop: -8 }}>
          {REMIND_TEMPLATES.map((t) => (
            <Tag key={t} style={{ cursor: 'pointer' }} onClick={() => form.setFieldsValue({ message: t })}>
              {t.slice(0, 12)}…
            </Tag>
          ))}
        </Space>
      </Form>
      {(history.data?.length ?? 0) > 0 && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text strong>催办记录</Typography.Text>
          {history.data!.map((r) => (
            <div key={r.id} className="zs-sub" style={{ marginTop: 4 }}>
              {fmtTime(r.sentAt)} {r.sentBy ?? ''}：{r.message}
            </div>
          ))}
        </div>
      )}
    </Modal>
  );
}

function FlagModal({ item, onClose, onDone }: { item: SupervisionItemDto; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string; dueOn: Dayjs }>();
  const [sending, setSending] = useState(false);
  const today = dayjs().startOf('day');
  const submit = async (v: { reason: string; dueOn: Dayjs }) => {
    setSending(true);
    try {
      await api.post<SupervisionFlagDto>('/api/supervision/flags', {
        entityType: item.entityType,
        entityId: item.entityId,
        reason: v.reason,
        dueOn: v.dueOn.format('YYYY-MM-DD'),
      });
      showSuccess('已挂牌督办，承办机构已收到通知');
      onDone();
    } catch (e) {
      if (isApiError(e) && e.code === 'DUPLICATE') {
        showError(e);
        onDone();
      } else applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal open title={`挂牌督办 · ${item.number}`} okText="挂牌督办" onOk={() => form.submit()} onCancel={onClose} confirmLoading={sending} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {item.title}（{item.unitName}承办）。到期仍未办结的，系统将提醒上级领导。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ dueOn: item.dueOn ? dayjs(item.dueOn) : today.add(7, 'day') }}
        onFinish={(v) => void submit(v)}
        data-testid="flag-form"
      >
        <Form.Item name="reason" label="督办理由和要求" rules={[zodRule(CreateFlagInput.shape.reason)]}>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder="如：群众反映强烈，请依法从快查处，按期报告结果" />
        </Form.Item>
        <Form.Item name="dueOn" label="要求办结日期" rules={[{ required: true, message: '请选择要求办结的日期' }]}>
          <DatePicker disabledDate={(d) => d.isBefore(today, 'day')} style={{ width: 180 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LiftModal({ item, onClose, onDone }: { item: SupervisionItemDto; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ note: string }>();
  const [sending, setSending] = useState(false);
  const flag = item.flag!;
  const submit = async (v: { note: string }) => {
    setSending(true);
    try {
      await api.post<SupervisionFlagDto>(`/api/supervision/flags/${flag.id}/lift`, v);
      showSuccess('已摘牌');
      onDone();
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal open title={`摘牌 · ${item.number}`} okText="摘牌" onOk={() => form.submit()} onCancel={onClose} confirmLoading={sending} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {flag.levelLabel}：{flag.reason}（要求 {fmtDate(flag.dueOn)} 前办结）
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="lift-form">
        <Form.Item name="note" label="摘牌说明" rules={[zodRule(LiftFlagInput.shape.note)]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：已按期办结；督办事项已落实" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---------- page ----------

type Dialog = { kind: 'remind' | 'flag' | 'lift'; item: SupervisionItemDto } | null;

function SummaryCard(props: { title: string; value: number; sub?: ReactNode; active: boolean; color?: string; onClick: () => void; testId: string }) {
  return (
    <Card size="small" className={`zs-card${props.active ? ' zs-card-active' : ''}`} onClick={props.onClick} data-testid={props.testId}>
      <Statistic title={props.title} value={props.value} styles={{ content: props.color ? { color: props.color } : undefined }} />
      {props.sub && <div className="zs-card-sub">{props.sub}</div>}
    </Card>
  );
}

export default function SupervisionPage() {
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ? Number(params.get('unitId')) : undefined;
  const kind = (params.get('kind') as SupervisionItemKind | null) ?? undefined;
  const deadlineState = (params.get('deadlineState') as SupervisionDeadlineState | null) ?? undefined;
  const flagged = params.get('flagged') === 'true' ? true : undefined;
  const [dialog, setDialog] = useState<Dialog>(null);

  const setFilter = (patch: Record<string, string | number | boolean | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || v === false) next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };

  const overview = useRequest<SupervisionOverviewDto>((signal) => api.get('/api/supervision/overview', undefined, { signal }), []);
  const list = usePagedList<SupervisionItemDto>('/api/supervision/items', {
    unitId,
    kind,
    deadlineState,
    flagged: flagged ? 'true' : undefined,
  });
  const reloadAll = () => {
    overview.reload();
    list.reload();
  };

  const o = overview.data;
  const unitName = useMemo(() => o?.rows.find((r) => r.unitId === unitId)?.unitName, [o, unitId]);

  const unitColumns: ColumnsType<SupervisionOverviewRowDto> = [
    { title: '单位', dataIndex: 'unitName', ellipsis: true },
    { title: '在办', dataIndex: 'open', width: 70, align: 'right' },
    { title: '线索', dataIndex: 'leads', width: 70, align: 'right' },
    { title: '案件', dataIndex: 'cases', width: 70, align: 'right' },
    { title: '正常', dataIndex: 'normal', width: 70, align: 'right' },
    {
      title: '黄灯',
      dataIndex: 'warning',
      width: 70,
      align: 'right',
      render: (v: number) => <span className={v > 0 ? 'zs-num-warning' : undefined}>{v}</span>,
    },
    {
      title: '红灯',
      dataIndex: 'overdue',
      width: 70,
      align: 'right',
      render: (v: number) => <span className={v > 0 ? 'zs-num-overdue' : undefined}>{v}</span>,
    },
    { title: '暂停计时', dataIndex: 'paused', width: 86, align: 'right' },
    { title: '挂牌督办', dataIndex: 'flagged', width: 86, align: 'right' },
  ];

  const itemColumns: ColumnsType<SupervisionItemDto> = [
    {
      title: '编号',
      key: 'number',
      width: 200,
      render: (_: unknown, r) => (
        <>
          <Link to={routerPath(r.link)} className="zc-mono" data-testid="item-link">
            {r.number}
          </Link>
          <div>
            <Tag color={r.entityType === 'lead' ? 'geekblue' : 'purple'}>{r.kindLabel}</Tag>
          </div>
        </>
      ),
    },
    {
      title: '事项',
      key: 'title',
      ellipsis: { showTitle: false },
      render: (_: unknown, r) => (
        <>
          <Tooltip title={r.title}>
            <span>{r.title}</span>
          </Tooltip>
          <div className="zs-sub">{r.statusLabel}</div>
        </>
      ),
    },
    {
      title: '承办机构',
      key: 'unit',
      width: 180,
      ellipsis: true,
      render: (_: unknown, r) => (
        <>
          {r.unitName}
          {r.countyName && r.countyUnitId !== r.unitId && <div className="zs-sub">{r.countyName}</div>}
        </>
      ),
    },
    {
      title: '期限',
      key: 'due',
      width: 170,
      render: (_: unknown, r) => (
        <>
          <DeadlineStateTag state={r.deadlineState} dueOn={r.dueOn} />
          <div className="zs-sub">
            <DaysLeft days={r.workingDaysLeft} overdue={r.deadlineState === 'overdue'} />
          </div>
        </>
      ),
    },
    {
      title: '督办',
      key: 'flag',
      width: 130,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={2}>
          {r.flag ? <FlagTag flag={r.flag} /> : null}
          {r.reminderCount > 0 && (
            <Tooltip title={`最近催办：${fmtTime(r.lastRemindedAt)}`}>
              <span className="zs-sub">已催办 {r.reminderCount} 次</span>
            </Tooltip>
          )}
          {!r.flag && r.reminderCount === 0 && <span className="zc-muted">—</span>}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_: unknown, r) => (
        <Space size={0} wrap>
          {r.abilities.remind && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'remind', item: r })}>
              催办
            </Button>
          )}
          {r.abilities.flag && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'flag', item: r })}>
              挂牌督办
            </Button>
          )}
          {r.flag?.abilities.lift && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'lift', item: r })}>
              摘牌
            </Button>
          )}
          <Link to={routerPath(r.link)}>查看</Link>
        </Space>
      ),
    },
  ];

  const totals = o?.totals;
  return (
    <PageContainer
      title="督办中心"
      subTitle={o ? `数据权限内在办线索和案件，按届满日排列（${o.asOf}）` : '数据权限内在办线索和案件'}
      extra={
        <Button icon={<ReloadOutlined />} onClick={reloadAll}>
          刷新
        </Button>
      }
    >
      <Row gutter={[16, 16]} className="zs-cards">
        <Col xs={12} md={6}>
          <SummaryCard
            testId="card-open"
            title="在办"
            value={totals?.open ?? 0}
            sub={totals ? `线索 ${totals.leads} · 案件 ${totals.cases}` : undefined}
            active={!deadlineState && !flagged}
            onClick={() => setFilter({ deadlineState: undefined, flagged: undefined })}
          />
        </Col>
        <Col xs={12} md={6}>
          <SummaryCard
            testId="card-warning"
            title="黄灯（临近届满）"
            value={totals?.warning ?? 0}
            color="#d48806"
            active={deadlineState === 'warning'}
            onClick={() => setFilter({ deadlineState: 'warning', flagged: undefined })}
          />
        </Col>
        <Col xs={12} md={6}>
          <SummaryCard
            testId="card-overdue"
            title="红灯（已超期）"
            value={totals?.overdue ?? 0}
            color="#cf1322"
            active={deadlineState === 'overdue'}
            onClick={() => setFilter({ deadlineState: 'overdue', flagged: undefined })}
          />
        </Col>
        <Col xs={12} md={6}>
          <SummaryCard
            testId="card-flagged"
            title="挂牌督办"
            value={totals?.flagged ?? 0}
            sub={o && o.flagsOverdue > 0 ? <Typography.Text type="danger">逾期未办结 {o.flagsOverdue} 件</Typography.Text> : '在办的挂牌事项'}
            active={!!flagged}
            onClick={() => setFilter({ flagged: true, deadlineState: undefined })}
          />
        </Col>
      </Row>

      <Card title="按单位" size="small" style={{ marginBottom: 16 }} extra={<span className="zs-sub">点击单位查看其在办事项</span>}>
        <Table<SupervisionOverviewRowDto>
          rowKey="unitId"
          size="small"
          loading={overview.loading}
          dataSource={o?.rows ?? []}
          columns={unitColumns}
          pagination={false}
          scroll={{ x: 760 }}
          rowClassName={(r) => `zs-row-click${r.unitId === unitId ? ' zs-row-active' : ''}`}
          onRow={(r) => ({ onClick: () => setFilter({ unitId: r.unitId === unitId ? undefined : r.unitId }) })}
          summary={() =>
            totals ? (
              <Table.Summary.Row className="zs-table-total">
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                {(['open', 'leads', 'cases', 'normal', 'warning', 'overdue', 'paused', 'flagged'] as const).map((k, i) => (
                  <Table.Summary.Cell key={k} index={i + 1} align="right">
                    {totals[k]}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
          data-testid="supervision-units"
        />
      </Card>

      <Card title="督办事项" size="small">
        <Space wrap className="zs-filters">
          {unitId !== undefined && (
            <Tag closable onClose={() => setFilter({ unitId: undefined })} color="blue">
              {unitName ?? '所选单位'}
            </Tag>
          )}
          <Select
            allowClear
            placeholder="类型"
            style={{ width: 150 }}
            value={kind}
            onChange={(v) => setFilter({ kind: v })}
            options={SUPERVISION_ITEM_KIND_LIST.map((k) => ({ value: k, label: SUPERVISION_ITEM_KINDS[k] }))}
          />
          <Select
            allowClear
            placeholder="期限状态"
            style={{ width: 130 }}
            value={deadlineState}
            onChange={(v) => setFilter({ deadlineState: v })}
            options={(Object.keys(SUPERVISION_DEADLINE_STATES) as SupervisionDeadlineState[]).map((s) => ({ value: s, label: SUPERVISION_DEADLINE_STATES[s] }))}
          />
          <Checkbox checked={!!flagged} onChange={(e) => setFilter({ flagged: e.target.checked || undefined })}>
            只看挂牌督办
          </Checkbox>
        </Space>
        <Table<SupervisionItemDto>
          rowKey={(r) => `${r.entityType}:${r.entityId}`}
          size="middle"
          loading={list.loading}
          dataSource={list.items}
          columns={itemColumns}
          pagination={list.pagination}
          scroll={{ x: 1100 }}
          locale={{ emptyText: '没有符合条件的在办事项' }}
          data-testid="supervision-items"
        />
      </Card>

      {dialog?.kind === 'remind' && <RemindModal item={dialog.item} onClose={() => setDialog(null)} onDone={() => { setDialog(null); reloadAll(); }} />}
      {dialog?.kind === 'flag' && <FlagModal item={dialog.item} onClose={() => setDialog(null)} onDone={() => { setDialog(null); reloadAll(); }} />}
      {dialog?.kind === 'lift' && <LiftModal item={dialog.item} onClose={() => setDialog(null)} onDone={() => { setDialog(null); reloadAll(); }} />}
    </PageContainer>
  );
}

