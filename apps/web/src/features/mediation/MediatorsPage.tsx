/**
 * 调解员专家库 (人民调解员、特邀调解员、技术专家): expertise, technical fields, employer, certificates, availability and the
 * declared conflicts of interest (回避), which the assignment of mediators checks against the parties. Editing needs
 * mediation.manage; everyone with mediation.read sees the pool.
 */
import { useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Empty,
  Form,
  Input,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  checkUscc,
  isLandline,
  isMobile,
  MEDIATOR_EXPERTISE,
  MEDIATOR_KINDS,
  type MediatorAccountDto,
  type MediatorConflictDto,
  type MediatorDto,
  type MediatorExpertise,
  type MediatorKind,
  type MediatorRawInput,
} from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/forms';
import { useAuth } from '../../admin/auth';
import { showError, showSuccess } from '../../ui/feedback';
import { fmtDate } from '../../ui/format';
import { usePagedList, useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { UnitTreeSelect } from '../units/UnitTreeSelect';
import { useUnits } from '../units/useUnits';
import { notFuture, textOrNull, ymd } from './labels';
import './mediation.css';

const STATUS_FILTERS = { active: '在库', available: '当前可指派', inactive: '已退出', all: '全部' } as const;
type StatusFilter = keyof typeof STATUS_FILTERS;
const EXPERTISE_LIST = Object.keys(MEDIATOR_EXPERTISE) as MediatorExpertise[];
const KIND_LIST = Object.keys(MEDIATOR_KINDS) as MediatorKind[];

/** Common technical fields offered in the tag input (free text is allowed). */
const FIELD_SUGGESTIONS = ['机械', '电学', '电子信息', '通信', '计算机软件', '化工', '材料', '生物医药', '医疗器械', '农业', '食品', '新能源', '光学', '外观设计'];

// ---------- create / edit ----------

interface Values {
  unitId?: number | null;
  userId?: number | null;
  name?: string;
  kind: MediatorKind;
  employer?: string;
  title?: string;
  expertise: MediatorExpertise[];
  technicalFields: string[];
  certificates?: string;
  phone?: string;
  available: boolean;
  unavailableUntil?: Dayjs | null;
  active: boolean;
  note?: string;
}

const phoneRule = {
  validator: async (_r: unknown, value: unknown) => {
    const v = typeof value === 'string' ? value.trim() : '';
    if (!v) return;
    if (!isMobile(v) && !isLandline(v)) throw new Error('联系电话应为 11 位手机号，或带区号的固定电话');
  },
};

function MediatorDrawer({ mediator, onClose, onSaved }: { mediator: MediatorDto | null; onClose: () => void; onSaved: (m: MediatorDto) => void }) {
  const { me } = useAuth();
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const available = Form.useWatch('available', form);
  const { units } = useUnits();
  const accounts = useRequest((signal) => api.get<MediatorAccountDto[]>('/api/mediators/accounts', undefined, { signal }), [], { onError: () => undefined });
  const editing = mediator !== null;

  const initialValues: Partial<Values> = mediator
    ? {
        unitId: mediator.unitId,
        userId: mediator.userId,
        name: mediator.name,
        kind: mediator.kind,
        employer: mediator.employer ?? undefined,
        title: mediator.title ?? undefined,
        expertise: mediator.expertise,
        technicalFields: mediator.technicalFields,
        certificates: mediator.certificates ?? undefined,
        available: mediator.available,
        unavailableUntil: mediator.unavailableUntil ? dayjs(mediator.unavailableUntil) : null,
        active: mediator.active,
        note: mediator.note ?? undefined,
      }
    : { unitId: me?.unitId ?? null, kind: 'peopleMediator', expertise: ['patent'], technicalFields: [], available: true, active: true };

  const submit = async () => {
    const v = form.getFieldsValue(true) as Values;
    const body: MediatorRawInput = {
      unitId: v.unitId ?? null,
      userId: v.userId ?? null,
      name: (v.name ?? '').trim(),
      kind: v.kind,
      employer: textOrNull(v.employer),
      title: textOrNull(v.title),
      expertise: v.expertise ?? [],
      technicalFields: (v.technicalFields ?? []).map((x) => x.trim()).filter(Boolean),
      certificates: textOrNull(v.certificates),
      available: !!v.available,
      unavailableUntil: v.available ? null : (ymd(v.unavailableUntil) ?? null),
      active: !!v.active,
      note: textOrNull(v.note),
      phone: textOrNull(v.phone),
    };
    setSending(true);
    try {
      let saved: MediatorDto;
      if (mediator) {
        // An empty phone field leaves the stored number unchanged (only its masked form is ever shown).
        const { phone, ...rest } = body;
        saved = await api.put<MediatorDto>(`/api/mediators/${mediator.id}`, { ...rest, version: mediator.version, ...(phone ? { phone } : {}) });
      } else {
        saved = await api.post<MediatorDto>('/api/mediators', body);
      }
      showSuccess(mediator ? `已保存 ${saved.name}` : `已将 ${saved.name} 录入专家库`);
      onSaved(saved);
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };

  const accountOptions = (accounts.data ?? []).map((a) => ({
    value: a.id,
    label: `${a.displayName}${a.unitName ? `（${a.unitName}）` : ''}`,
    disabled: a.linkedMediatorId !== null && a.linkedMediatorId !== mediator?.id,
  }));

  return (
    <Drawer
      open
      onClose={onClose}
      size={640}
      title={editing ? `编辑调解员 · ${mediator.name}` : '录入调解员'}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={sending} onClick={() => form.submit()} data-testid="mediator-submit">
            保存
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={() => void submit()} data-testid="mediator-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { min: 2, message: '至少 2 个字' }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
              <Select options={KIND_LIST.map((k) => ({ value: k, label: MEDIATOR_KINDS[k] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="employer" label="工作单位">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="title" label="职称或职务">
              <Input maxLength={100} placeholder="如 高级工程师、律师、专利代理师" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="expertise" label="专长" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项专长' }]}>
          <Checkbox.Group options={EXPERTISE_LIST.map((k) => ({ value: k, label: MEDIATOR_EXPERTISE[k] }))} />
        </Form.Item>
        <Form.Item name="technicalFields" label="技术领域" extra="可从列表选择，也可直接输入后回车">
          <Select mode="tags" maxCount={20} tokenSeparators={['，', ',', '、']} options={FIELD_SUGGESTIONS.map((f) => ({ value: f, label: f }))} />
        </Form.Item>
        <Form.Item name="certificates" label="资格证书">
          <Input.TextArea rows={2} maxLength={500} placeholder="如 人民调解员证、律师执业证、专利代理师资格证" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label="联系电话" rules={[phoneRule]} extra={editing ? `当前：${mediator.phoneMasked ?? '未登记'}；不修改请留空` : '加密保存，列表中脱敏显示'}>
              <Input maxLength={30} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          {units.length > 1 && (
            <Col xs={24} md={12}>
              <Form.Item name="unitId" label="所属调解组织（机构）">
                <UnitTreeSelect units={units} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="userId" label="关联系统账号" extra="关联后，该调解员登录系统只看到分配给自己的调解；账号须具有调解员角色">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="不关联" loading={accounts.loading} options={accountOptions} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="available" label="可接受指派" valuePropName="checked">
              <Switch checkedChildren="可以" unCheckedChildren="暂不" />
            </Form.Item>
          </Col>
          {!available && (
            <Col xs={24} md={16}>
              <Form.Item name="unavailableUntil" label="暂不可用截止日期" extra="到期次日起恢复可指派；不填则一直暂停">
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="active" label="在库状态" extra="退出专家库后不再指派，已有调解记录保留">
          <Radio.Group
            optionType="button"
            options={[
              { value: true, label: '在库' },
              { value: false, label: '已退出' },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

// ---------- conflicts (回避申报) ----------

interface ConflictValues {
  partyName?: string;
  partyUscc?: string;
  relation?: string;
  declaredOn?: Dayjs;
}

function Conflicts({ m, onChanged }: { m: MediatorDto; onChanged: (m: MediatorDto) => void }) {
  const [form] = Form.useForm<ConflictValues>();
  const [sending, setSending] = useState(false);
  const [adding, setAdding] = useState(false);
  const editable = m.abilities.edit;

  const add = async (v: ConflictValues) => {
    setSending(true);
    try {
      const saved = await api.post<MediatorDto>(`/api/mediators/${m.id}/conflicts`, {
        partyName: (v.partyName ?? '').trim(),
        partyUscc: textOrNull(v.partyUscc)?.toUpperCase() ?? null,
        relation: (v.relation ?? '').trim(),
        declaredOn: ymd(v.declaredOn) ?? null,
      });
      showSuccess('已登记利害关系申报');
      form.resetFields();
      setAdding(false);
      onChanged(saved);
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };
  const remove = async (c: MediatorConflictDto) => {
    try {
      onChanged(await api.del<MediatorDto>(`/api/mediators/${m.id}/conflicts/${c.id}`));
      showSuccess('已删除');
    } catch (e) {
      showError(e);
    }
  };

  const columns: ColumnsType<MediatorConflictDto> = [
    { title: '有利害关系的单位或个人', dataIndex: 'partyName' },
    { title: '统一社会信用代码', dataIndex: 'partyUscc', width: 200, render: (v: string | null) => <span className="zc-mono">{v ?? '—'}</span> },
    { title: '关系', dataIndex: 'relation', width: 180 },
    { title: '申报日期', dataIndex: 'declaredOn', width: 110, render: fmtDate },
    ...(editable
      ? [
          {
            title: '操作',
            key: 'ops',
            width: 80,
            render: (_: unknown, c: MediatorConflictDto) => (
              <Popconfirm title="删除这条申报？" okText="删除" cancelText="取消" onConfirm={() => void remove(c)}>
                <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                  删除
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <div style={{ padding: '4px 0 8px' }} data-testid={`conflicts-${m.id}`}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text strong>利害关系申报（回避）</Typography.Text>
        <span className="zm-sub">指派调解员时，与当事人名称或统一社会信用代码相符的申报会使其回避。</span>
        {editable && !adding && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid={`conflict-add-${m.id}`}>
            添加申报
          </Button>
        )}
      </Space>
      {adding && (
        <Form<ConflictValues> form={form} layout="inline" initialValues={{ declaredOn: dayjs() }} onFinish={(v) => void add(v)} style={{ marginBottom: 12, rowGap: 8 }}>
          <Form.Item name="partyName" rules={[{ required: true, whitespace: true, message: '请填写单位或个人' }]}>
            <Input placeholder="单位或个人名称" maxLength={200} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item
            name="partyUscc"
            normalize={(v: string) => v?.toUpperCase().replace(/\s+/g, '')}
            rules={[
              {
                validator: async (_r, value: unknown) => {
                  const s = typeof value === 'string' ? value.trim() : '';
                  if (!s) return;
                  const c = checkUscc(s);
                  if (!c.ok) throw new Error(c.message ?? '统一社会信用代码不正确');
                },
              },
            ]}
          >
            <Input placeholder="统一社会信用代码（选填）" maxLength={18} className="zc-mono" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="relation" rules={[{ required: true, whitespace: true, message: '请填写关系' }]}>
            <Input placeholder="关系，如 曾任职、近亲属、代理过其案件" maxLength={100} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="declaredOn" rules={[{ required: true, message: '请选择申报日期' }]}>
            <DatePicker disabledDate={notFuture} placeholder="申报日期" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={sending}>
                保存
              </Button>
              <Button onClick={() => setAdding(false)}>取消</Button>
            </Space>
          </Form.Item>
        </Form>
      )}
      <Table<MediatorConflictDto>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={m.conflicts}
        columns={columns}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未申报利害关系" /> }}
      />
    </div>
  );
}

// ---------- page ----------

export default function MediatorsPage() {
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const [qInput, setQInput] = useState('');
  const [kind, setKind] = useState<MediatorKind | undefined>();
  const [expertise, setExpertise] = useState<MediatorExpertise | undefined>();
  const [status, setStatus] = useState<StatusFilter>('active');
  const [editing, setEditing] = useState<MediatorDto | null | undefined>(undefined);
  const list = usePagedList<MediatorDto>('/api/mediators', { q: q || undefined, kind, expertise, status });

  const replace = (m: MediatorDto) => {
    list.setData((page) => (page ? { ...page, items: page.items.map((x) => (x.id === m.id ? m : x)) } : page));
  };

  const columns: ColumnsType<MediatorDto> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 170,
      render: (v: string, m) => (
        <>
          <Space size={4} wrap>
            <span>{v}</span>
            {m.demo && (
              <Tooltip title="演示用的虚构人员">
                <Tag className="zm-inline-tag">示例</Tag>
              </Tooltip>
            )}
          </Space>
          <div className="zm-sub">
            {m.kindLabel}
            {m.userName ? ` · 账号：${m.userName}` : ''}
          </div>
        </>
      ),
    },
    {
      title: '工作单位与职称',
      key: 'employer',
      width: 210,
      render: (_: unknown, m) => (
        <>
          <div>{m.employer ?? '—'}</div>
          {m.title && <div className="zm-sub">{m.title}</div>}
        </>
      ),
    },
    {
      title: '专长',
      dataIndex: 'expertise',
      width: 170,
      render: (v: MediatorExpertise[]) =>
        v.map((x) => (
          <Tag key={x} color="blue" className="zm-inline-tag">
            {MEDIATOR_EXPERTISE[x]}
          </Tag>
        )),
    },
    {
      title: '技术领域',
      dataIndex: 'technicalFields',
      width: 140,
      render: (v: string[]) => (v.length ? <span>{v.join('、')}</span> : <span className="zc-muted">—</span>),
    },
    {
      title: '可用状态',
      key: 'available',
      width: 120,
      render: (_: unknown, m) =>
        !m.active ? (
          <Tag>已退出专家库</Tag>
        ) : m.availableNow ? (
          <Tag color="green">可指派</Tag>
        ) : (
          <>
            <Tag color="orange">暂不可指派</Tag>
            {m.unavailableUntil && <div className="zm-sub">至 {fmtDate(m.unavailableUntil)}</div>}
          </>
        ),
    },
    { title: '在办调解', dataIndex: 'openMediationCount', width: 84, align: 'right', render: (v: number) => `${v} 件` },
    {
      title: '回避申报',
      key: 'conflicts',
      width: 84,
      align: 'right',
      render: (_: unknown, m) => (m.conflicts.length ? `${m.conflicts.length} 条` : <span className="zc-muted">无</span>),
    },
    {
      title: '操作',
      key: 'ops',
      width: 80,
      fixed: 'right',
      render: (_: unknown, m) =>
        m.abilities.edit ? (
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(m)} data-testid={`mediator-edit-${m.id}`}>
            编辑
          </Button>
        ) : null,
    },
  ];

  return (
    <PageContainer
      title="调解员专家库"
      subTitle="知识产权纠纷人民调解员、法院特邀调解员和技术专家；专长、技术领域、可用状态与利害关系申报"
      extra={
        <Space>
          {can('mediation.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="mediator-create">
              录入调解员
            </Button>
          )}
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            刷新
          </Button>
        </Space>
      }
    >
      <Card>
        <Space wrap className="zm-filters">
          <Radio.Group
            optionType="button"
            value={status}
            onChange={(e) => setStatus(e.target.value as StatusFilter)}
            options={(Object.keys(STATUS_FILTERS) as StatusFilter[]).map((s) => ({ value: s, label: STATUS_FILTERS[s] }))}
          />
          <Select allowClear placeholder="类别" style={{ width: 140 }} value={kind} onChange={setKind} options={KIND_LIST.map((k) => ({ value: k, label: MEDIATOR_KINDS[k] }))} />
          <Select
            allowClear
            placeholder="专长"
            style={{ width: 130 }}
            value={expertise}
            onChange={setExpertise}
            options={EXPERTISE_LIST.map((k) => ({ value: k, label: MEDIATOR_EXPERTISE[k] }))}
          />
          <Input.Search
            allowClear
            placeholder="姓名、工作单位或技术领域"
            style={{ width: 260 }}
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              if (!e.target.value) setQ('');
            }}
            onSearch={(v) => setQ(v.trim())}
          />
        </Space>
        <Table<MediatorDto>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.items}
          columns={columns}
          pagination={list.pagination}
          scroll={{ x: 1100 }}
          expandable={{
            expandedRowRender: (m) => (
              <>
                <Typography.Paragraph className="zm-sub" style={{ marginBottom: 8 }}>
                  所属机构：{m.unitName}　联系电话：<span className="zc-mono">{m.phoneMasked ?? '未登记'}</span>
                </Typography.Paragraph>
                {m.certificates && (
                  <Typography.Paragraph className="zm-sub" style={{ marginBottom: 8 }}>
                    资格证书：{m.certificates}
                  </Typography.Paragraph>
                )}
                {m.note && (
                  <Typography.Paragraph className="zm-sub" style={{ marginBottom: 8 }}>
                    备注：{m.note}
                  </Typography.Paragraph>
                )}
                <Conflicts m={m} onChanged={replace} />
              </>
            ),
          }}
          data-testid="mediator-list"
        />
      </Card>
      {editing !== undefined && (
        <MediatorDrawer
          mediator={editing}
          onClose={() => setEditing(undefined)}
          onSaved={(m) => {
            setEditing(undefined);
            if (editing) replace(m);
            else list.reload();
          }}
        />
      )}
    </PageContainer>
  );
}
