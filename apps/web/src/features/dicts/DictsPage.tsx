import { useEffect, useMemo, useState } from 'react';
import {
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Menu,
  Modal,
  Popconfirm,
  Row,
  Space,
  Spin,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { DictItemInput, DictTypeInput, type DictItemDto, type DictTypeDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors, zodRule } from '../../api/forms';
import { useAuth } from '../../admin/auth';
import { showError, showSuccess } from '../../ui/feedback';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';

const NEW_ID = -1;
const I = DictItemInput.shape;
const T = DictTypeInput.shape;

interface ItemValues {
  value: string;
  label: string;
  sort: number;
  enabled: boolean;
}

/** Items of one dictionary, edited in place row by row. */
function DictItemsTable({ type, editable, onChanged }: { type: DictTypeDto; editable: boolean; onChanged: () => void }) {
  const [form] = Form.useForm<ItemValues>();
  const [editingId, setEditingId] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => setEditingId(null), [type.code]);

  const rows: DictItemDto[] = useMemo(() => {
    const sorted = [...type.items].sort((a, b) => a.sort - b.sort || a.value.localeCompare(b.value));
    if (editingId === NEW_ID) {
      const nextSort = sorted.length ? Math.max(...sorted.map((i) => i.sort)) + 1 : 1;
      return [{ id: NEW_ID, typeCode: type.code, value: '', label: '', sort: nextSort, enabled: true }, ...sorted];
    }
    return sorted;
  }, [type, editingId]);

  const startEdit = (item: DictItemDto) => {
    form.setFieldsValue({ value: item.value, label: item.label, sort: item.sort, enabled: item.enabled });
    setEditingId(item.id);
  };

  const startNew = () => {
    const nextSort = type.items.length ? Math.max(...type.items.map((i) => i.sort)) + 1 : 1;
    form.setFieldsValue({ value: '', label: '', sort: nextSort, enabled: true });
    setEditingId(NEW_ID);
  };

  const save = async () => {
    let v: ItemValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const body = { value: v.value.trim(), label: v.label.trim(), sort: v.sort ?? 0, enabled: v.enabled ?? true };
      if (editingId === NEW_ID) await api.post(`/api/dicts/${encodeURIComponent(type.code)}/items`, body);
      else await api.patch(`/api/dicts/${encodeURIComponent(type.code)}/items/${editingId}`, body);
      showSuccess('字典项已保存');
      setEditingId(null);
      onChanged();
    } catch (e) {
      applyServerErrors(form, e, { duplicateField: 'value' });
    } finally {
      setSaving(false);
    }
  };

  const remove = async (item: DictItemDto) => {
    try {
      await api.del(`/api/dicts/${encodeURIComponent(type.code)}/items/${item.id}`);
      showSuccess('字典项已删除');
      onChanged();
    } catch (e) {
      showError(e);
    }
  };

  const isEditing = (r: DictItemDto) => r.id === editingId;

  const columns: ColumnsType<DictItemDto> = [
    {
      title: '字典值',
      dataIndex: 'value',
      width: '24%',
      render: (v: string, r) =>
        isEditing(r) ? (
          <Form.Item name="value" rules={[zodRule(I.value)]} style={{ margin: 0 }}>
            <Input maxLength={50} placeholder="如 trademarkInfringement" />
          </Form.Item>
        ) : (
          <Typography.Text code>{v}</Typography.Text>
        ),
    },
    {
      title: '显示名称',
      dataIndex: 'label',
      render: (v: string, r) =>
        isEditing(r) ? (
          <Form.Item name="label" rules={[zodRule(I.label)]} style={{ margin: 0 }}>
            <Input maxLength={100} placeholder="如 商标侵权" />
          </Form.Item>
        ) : (
          v
        ),
    },
    {
      title: '排序',
      dataIndex: 'sort',
      width: 110,
      render: (v: number, r) =>
        isEditing(r) ? (
          <Form.Item name="sort" rules={[zodRule(I.sort)]} style={{ margin: 0 }}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: 90 }} />
          </Form.Item>
        ) : (
          v
        ),
    },
    {
      title: '状态',
      dataIndex: 'enabled',
      width: 100,
      render: (v: boolean, r) =>
        isEditing(r) ? (
          <Form.Item name="enabled" valuePropName="checked" style={{ margin: 0 }}>
            <Switch checkedChildren="启用" unCheckedChildren="停用" />
          </Form.Item>
        ) : v ? (
          <Tag color="success">启用</Tag>
        ) : (
          <Tag>停用</Tag>
        ),
    },
  ];
  if (editable) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 140,
      render: (_: unknown, r) =>
        isEditing(r) ? (
          <Space size={0}>
            <Button type="link" size="small" loading={saving} onClick={save}>
              保存
            </Button>
            <Button type="link" size="small" onClick={() => setEditingId(null)}>
              取消
            </Button>
          </Space>
        ) : (
          <Space size={0}>
            <Button type="link" size="small" disabled={editingId !== null} onClick={() => startEdit(r)}>
              编辑
            </Button>
            <Popconfirm
              title={`确定删除字典项“${r.label}”吗？`}
              description="已使用该值的记录仍保留原值。"
              okText="删除"
              okButtonProps={{ danger: true }}
              onConfirm={() => remove(r)}
            >
              <Button type="link" size="small" danger disabled={editingId !== null}>
                删除
              </Button>
            </Popconfirm>
          </Space>
        ),
    });
  }

  return (
    <Form form={form} component={false}>
      {editable && (
        <Button
          type="dashed"
          icon={<PlusOutlined />}
          onClick={startNew}
          disabled={editingId !== null}
          style={{ marginBottom: 12 }}
          block
        >
          新增字典项
        </Button>
      )}
      <Table<DictItemDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={false}
        data-testid="dict-items"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无字典项" /> }}
      />
    </Form>
  );
}

interface TypeValues {
  code: string;
  name: string;
  remark?: string | null;
}

function DictTypeModal({
  open,
  type,
  onClose,
  onSaved,
}: {
  open: boolean;
  type: DictTypeDto | null;
  onClose: () => void;
  onSaved: (code: string) => void;
}) {
  const [form] = Form.useForm<TypeValues>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (type) form.setFieldsValue({ code: type.code, name: type.name, remark: type.remark ?? '' });
  }, [open, type, form]);

  const submit = async () => {
    let v: TypeValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const remark = v.remark?.trim() || null;
      if (type) await api.patch(`/api/dicts/${encodeURIComponent(type.code)}`, { name: v.name.trim(), remark });
      else await api.post('/api/dicts', { code: v.code.trim(), name: v.name.trim(), remark });
      showSuccess('字典已保存');
      onSaved(type?.code ?? v.code.trim());
    } catch (e) {
      applyServerErrors(form, e, { duplicateField: 'code' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={type ? `编辑字典：${type.name}` : '新增字典'}
      onCancel={onClose}
      onOk={submit}
      okText="保存"
      confirmLoading={saving}
      forceRender
    >
      <Form form={form} layout="vertical">
        <Form.Item name="code" label="字典编码" required rules={[zodRule(T.code)]} extra="创建后不能修改，如 caseType">
          <Input disabled={!!type} maxLength={50} />
        </Form.Item>
        <Form.Item name="name" label="字典名称" required rules={[zodRule(T.name)]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="remark" label="备注" rules={[zodRule(T.remark)]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function DictsPage() {
  const { can } = useAuth();
  const editable = can('dict.update');
  const dicts = useRequest<DictTypeDto[]>((signal) => api.get<DictTypeDto[]>('/api/dicts', undefined, { signal }), []);
  const [selected, setSelected] = useState<string | null>(null);
  const [typeModal, setTypeModal] = useState<{ type: DictTypeDto | null } | null>(null);
  const list = dicts.data ?? [];
  const current = list.find((d) => d.code === selected) ?? list[0];

  return (
    <PageContainer
      title="字典管理"
      subTitle="案件类型、办理状态等下拉选项的编码与显示名称"
      extra={
        editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTypeModal({ type: null })}>
            新增字典
          </Button>
        )
      }
    >
      <Spin spinning={dicts.loading}>
        <Row gutter={16}>
          <Col xs={24} md={8} lg={6}>
            <Card size="small" title="字典类型" styles={{ body: { padding: 0 } }}>
              {list.length ? (
                <Menu
                  mode="inline"
                  selectedKeys={current ? [current.code] : []}
                  onClick={({ key }) => setSelected(key)}
                  style={{ borderInlineEnd: 'none' }}
                  items={list.map((d) => ({
                    key: d.code,
                    label: (
                      <span>
                        {d.name} <Typography.Text type="secondary">{d.code}</Typography.Text>
                      </span>
                    ),
                  }))}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无字典" style={{ padding: 24 }} />
              )}
            </Card>
          </Col>
          <Col xs={24} md={16} lg={18}>
            <Card
              size="small"
              title={
                current ? (
                  <Space>
                    {current.name}
                    <Typography.Text type="secondary" code>
                      {current.code}
                    </Typography.Text>
                    {current.builtin && <Tag color="purple">内置</Tag>}
                  </Space>
                ) : (
                  '字典项'
                )
              }
              extra={
                current &&
                editable && (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setTypeModal({ type: current })}>
                    编辑字典
                  </Button>
                )
              }
            >
              {current ? (
                <>
                  {current.remark && (
                    <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
                      {current.remark}
                    </Typography.Paragraph>
                  )}
                  <DictItemsTable type={current} editable={editable} onChanged={dicts.reload} />
                </>
              ) : (
                <Empty description="请选择字典" />
              )}
            </Card>
          </Col>
        </Row>
      </Spin>
      <DictTypeModal
        open={!!typeModal}
        type={typeModal?.type ?? null}
        onClose={() => setTypeModal(null)}
        onSaved={(code) => {
          setTypeModal(null);
          setSelected(code);
          dicts.reload();
        }}
      />
    </PageContainer>
  );
}
