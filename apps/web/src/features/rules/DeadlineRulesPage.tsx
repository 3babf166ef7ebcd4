import { useEffect, useMemo, useState } from 'react';
import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { DeadlineRuleInput, type DeadlineRuleDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors, zodRule } from '../../api/forms';
import { useAuth } from '../../admin/auth';
import { showSuccess } from '../../ui/feedback';
import { fmtDate } from '../../ui/format';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { chinaToday } from '../../ui/chinaTime';

type RuleUnit = DeadlineRuleDto['unit'];
type Trust = DeadlineRuleDto['trust'];

export const RULE_UNITS: Record<RuleUnit, string> = { workingDays: '工作日', calendarDays: '自然日', months: '月' };
export const TRUST: Record<Trust, { label: string; color: string; help: string }> = {
  verified: { label: '已核实', color: 'success', help: '已与法规原文核对' },
  secondary: { label: '二手资料', color: 'warning', help: '来自解读或地方文件，尚未与法规原文核对' },
  unverified: { label: '待核实', color: 'error', help: '尚未核实，请勿作为唯一依据' },
};

type Status = 'current' | 'future' | 'superseded';

/** Which version of each rule is in force today: the latest effectiveFrom that is not in the future. */
function versionStatus(rules: DeadlineRuleDto[], today: string): Map<number, Status> {
  const out = new Map<number, Status>();
  const byKey = new Map<string, DeadlineRuleDto[]>();
  for (const r of rules) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  for (const list of byKey.values()) {
    const sorted = [...list].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
    let currentFound = false;
    for (const r of sorted) {
      if (r.effectiveFrom > today) out.set(r.id, 'future');
      else if (!currentFound) {
        out.set(r.id, 'current');
        currentFound = true;
      } else out.set(r.id, 'superseded');
    }
  }
  return out;
}

interface Values {
  key: string;
  name: string;
  effectiveFrom: Dayjs;
  amount: number;
  unit: RuleUnit;
  regulation: string;
  article: string;
  version: string;
  trust: Trust;
  note?: string | null;
}

const S = DeadlineRuleInput.shape;

function RuleVersionModal({
  open,
  base,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** The rule a new version is based on; null = a new rule. */
  base: DeadlineRuleDto | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (base) {
      form.setFieldsValue({
        ...base,
        note: base.note ?? '',
        effectiveFrom: undefined as unknown as Dayjs,
      });
    } else {
      form.setFieldsValue({ unit: 'workingDays', trust: 'unverified' });
    }
  }, [open, base, form]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await api.post('/api/deadline-rules', {
        ...v,
        key: v.key.trim(),
        name: v.name.trim(),
        regulation: v.regulation.trim(),
        article: v.article.trim(),
        version: v.version.trim(),
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
        note: v.note?.trim() || null,
      });
      showSuccess('期限规则已保存，新版本自生效日期起适用');
      onSaved();
    } catch (e) {
      applyServerErrors(form, e, { duplicateField: 'effectiveFrom' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={base ? `新增版本：${base.name}` : '新增期限规则'}
      onCancel={onClose}
      onOk={submit}
      okText="保存"
      confirmLoading={saving}
      width={720}
      forceRender
    >
      <Typography.Paragraph type="secondary">
        法规修订后，请新增一个版本并填写生效日期：生效日期之前开始的事项仍按原版本计算期限。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="rule-form">
        <div className="zc-form-row">
          <Form.Item name="key" label="规则编码" required rules={[zodRule(S.key)]} style={{ flex: '1 1 220px' }}>
            <Input disabled={!!base} placeholder="如 penalty.decision" maxLength={61} />
          </Form.Item>
          <Form.Item name="name" label="规则名称" required rules={[zodRule(S.name)]} style={{ flex: '2 1 300px' }}>
            <Input maxLength={100} placeholder="如 行政处罚决定期限" />
          </Form.Item>
        </div>
        <div className="zc-form-row">
          <Form.Item name="amount" label="期限" required rules={[zodRule(S.amount)]} style={{ flex: '1 1 120px' }}>
            <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="unit" label="单位" required rules={[zodRule(S.unit)]} style={{ flex: '1 1 120px' }}>
            <Select options={(Object.keys(RULE_UNITS) as RuleUnit[]).map((u) => ({ value: u, label: RULE_UNITS[u] }))} />
          </Form.Item>
          <Form.Item
            name="effectiveFrom"
            label="生效日期"
            required
            rules={[{ required: true, message: '请选择生效日期' }]}
            style={{ flex: '1 1 160px' }}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <div className="zc-form-row">
          <Form.Item name="regulation" label="法规名称" required rules={[zodRule(S.regulation)]} style={{ flex: '2 1 260px' }}>
            <Input placeholder="如 中华人民共和国行政处罚法" />
          </Form.Item>
          <Form.Item name="article" label="条款" required rules={[zodRule(S.article)]} style={{ flex: '1 1 140px' }}>
            <Input placeholder="如 第六十条" />
          </Form.Item>
          <Form.Item name="version" label="版本" required rules={[zodRule(S.version)]} style={{ flex: '1 1 160px' }}>
            <Input placeholder="如 2021年修订" />
          </Form.Item>
        </div>
        <Form.Item name="trust" label="可信度" required rules={[zodRule(S.trust)]}>
          <Select
            options={(Object.keys(TRUST) as Trust[]).map((t) => ({ value: t, label: `${TRUST[t].label}：${TRUST[t].help}` }))}
          />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[zodRule(S.note)]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function DeadlineRulesPage() {
  const { can } = useAuth();
  const rules = useRequest<DeadlineRuleDto[]>(
    (signal) => api.get<DeadlineRuleDto[]>('/api/deadline-rules', undefined, { signal }),
    [],
  );
  const [showHistory, setShowHistory] = useState(false);
  const [modal, setModal] = useState<{ base: DeadlineRuleDto | null } | null>(null);
  const today = chinaToday();
  const status = useMemo(() => versionStatus(rules.data ?? [], today), [rules.data, today]);
  const rows = useMemo(
    () =>
      [...(rules.data ?? [])]
        .filter((r) => showHistory || status.get(r.id) !== 'superseded')
        .sort((a, b) => a.key.localeCompare(b.key) || (a.effectiveFrom < b.effectiveFrom ? 1 : -1)),
    [rules.data, showHistory, status],
  );

  const columns: ColumnsType<DeadlineRuleDto> = [
    {
      title: '规则',
      dataIndex: 'name',
      render: (v: string, r) => (
        <div>
          <div>{v}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.key}
          </Typography.Text>
        </div>
      ),
    },
    { title: '期限', dataIndex: 'amount', width: 80, align: 'right' },
    { title: '单位', dataIndex: 'unit', width: 80, render: (u: RuleUnit) => RULE_UNITS[u] },
    {
      title: '依据',
      key: 'basis',
      render: (_: unknown, r) => (
        <span>
          《{r.regulation.replace(/^《|》$/g, '')}》{r.article}
          <Typography.Text type="secondary">（{r.version}）</Typography.Text>
        </span>
      ),
    },
    {
      title: '可信度',
      dataIndex: 'trust',
      width: 100,
      render: (t: Trust) => (
        <Tooltip title={TRUST[t].help}>
          <Tag color={TRUST[t].color}>{TRUST[t].label}</Tag>
        </Tooltip>
      ),
    },
    {
      title: '生效日期',
      dataIndex: 'effectiveFrom',
      width: 150,
      render: (v: string, r) => {
        const s = status.get(r.id);
        return (
          <Space size={4}>
            {fmtDate(v)}
            {s === 'current' && <Tag color="blue">现行</Tag>}
            {s === 'future' && <Tag color="purple">待生效</Tag>}
            {s === 'superseded' && <Tag>已失效</Tag>}
          </Space>
        );
      },
    },
    {
      title: '备注',
      dataIndex: 'note',
      ellipsis: { showTitle: true },
      render: (v: string | null) => v || '—',
    },
  ];
  if (can('rule.update')) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_: unknown, r) => (
        <Button type="link" size="small" onClick={() => setModal({ base: r })}>
          新增版本
        </Button>
      ),
    });
  }

  return (
    <PageContainer
      title="期限规则"
      subTitle="各类事项的法定办理期限及其法规依据；规则按生效日期分版本保存"
      extra={
        <Space wrap>
          <Space size={6}>
            <Switch checked={showHistory} onChange={setShowHistory} size="small" />
            <span>显示已失效版本</span>
          </Space>
          <Button icon={<ReloadOutlined />} onClick={rules.reload}>
            刷新
          </Button>
          {can('rule.update') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ base: null })}>
              新增规则
            </Button>
          )}
        </Space>
      }
    >
      <Card size="small">
        <Table<DeadlineRuleDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={rules.loading}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="rules-table"
        />
      </Card>
      <RuleVersionModal
        open={!!modal}
        base={modal?.base ?? null}
        onClose={() => setModal(null)}
        onSaved={() => {
          setModal(null);
          rules.reload();
        }}
      />
    </PageContainer>
  );
}
