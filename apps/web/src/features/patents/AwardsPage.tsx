/**
 * 获奖专利名单: the patents that won the 国家科学技术奖 or the 中国专利奖. CNIPA's fifth category of 高价值发明专利 (legal-rules.md
 * §2.1) has no public machine-readable source, so administrators keep this list; adding or removing an entry recomputes the
 * matching patent's high-value flag at once (the statistics follow in the background).
 */
import { useMemo, useState } from 'react';
import { AutoComplete, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { PatentAwardDto } from '@zhichan/shared';
import { useAuth } from '../../admin/auth';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/forms';
import { showError, showSuccess } from '../../ui/feedback';
import { fmtTime } from '../../ui/format';
import { useRequest } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { AWARD_LABELS, PatentDetailDrawer } from './PatentDetailDrawer';

type Award = PatentAwardDto['award'];

interface FormValues {
  patentNumber: string;
  award: Award;
  awardYear: number;
  awardLevel?: string;
  note?: string;
}

/** Usual grades: 中国专利奖 金奖/银奖/优秀奖; 国家科学技术奖 (自然科学、技术发明、科学技术进步) 特等奖/一等奖/二等奖. */
const LEVELS: Record<Award, string[]> = {
  chinaPatentAward: ['金奖', '银奖', '优秀奖'],
  nationalSciTech: ['特等奖', '一等奖', '二等奖'],
};

export default function AwardsPage() {
  const { can } = useAuth();
  const canConfigure = can('patent.configure');
  const list = useRequest((signal) => api.get<PatentAwardDto[]>('/api/patent-awards', undefined, { signal }), []);
  const [adding, setAdding] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const [awardFilter, setAwardFilter] = useState<Award | undefined>();

  const rows = useMemo(
    () => (list.data ?? []).filter((a) => !awardFilter || a.award === awardFilter),
    [list.data, awardFilter],
  );

  const remove = async (a: PatentAwardDto) => {
    try {
      await api.del(`/api/patent-awards/${a.id}`);
      showSuccess('已删除');
      list.reload();
    } catch (e) {
      showError(e, '删除失败');
    }
  };

  const columns: ColumnsType<PatentAwardDto> = [
    { title: '专利号', dataIndex: 'patentNumber', width: 190 },
    {
      title: '专利名称',
      key: 'patent',
      render: (_, a) =>
        a.patent ? (
          <Typography.Link onClick={() => setOpenId(a.patent!.id)}>{a.patent.title}</Typography.Link>
        ) : (
          <Typography.Text type="secondary">库中暂无该专利，导入后自动对应</Typography.Text>
        ),
    },
    { title: '奖项', dataIndex: 'award', width: 150, render: (v: Award) => AWARD_LABELS[v] },
    { title: '年度', dataIndex: 'awardYear', width: 90, render: (v: number) => `${v}年` },
    { title: '等级', dataIndex: 'awardLevel', width: 100, render: (v: string | null) => v ?? '—' },
    { title: '备注', dataIndex: 'note', width: 200, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: '登记时间', dataIndex: 'createdAt', width: 150, render: (v: string) => fmtTime(v) },
    ...(canConfigure
      ? [
          {
            title: '操作',
            key: 'op',
            width: 90,
            render: (_: unknown, a: PatentAwardDto) => (
              <Popconfirm
                title="删除这条获奖记录？"
                description="该专利若仅因获奖认定为高价值发明专利，将不再计入。"
                okText="删除"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => remove(a)}
              >
                <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                  删除
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageContainer
      title="获奖专利名单"
      subTitle="获得国家科学技术奖或中国专利奖的发明专利，计入高价值发明专利"
      extra={
        canConfigure && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="award-add">
            登记获奖专利
          </Button>
        )
      }
    >
      <Card>
        <Space style={{ marginBottom: 12 }} wrap>
          <Select
            allowClear
            placeholder="全部奖项"
            style={{ width: 180 }}
            value={awardFilter}
            onChange={setAwardFilter}
            options={(Object.keys(AWARD_LABELS) as Award[]).map((k) => ({ value: k, label: AWARD_LABELS[k] }))}
          />
          <Typography.Text type="secondary">共 {rows.length} 条</Typography.Text>
        </Space>
        <Table<PatentAwardDto>
          rowKey="id"
          loading={list.loading}
          dataSource={rows}
          columns={columns}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }}
          scroll={{ x: 1000 }}
          locale={{ emptyText: '暂无数据' }}
          data-testid="award-table"
        />
      </Card>
      {adding && (
        <AddAwardModal
          onClose={() => setAdding(false)}
          onSaved={(a) => {
            setAdding(false);
            showSuccess(a.patent ? `已登记，对应专利：${a.patent.title}` : '已登记；库中暂无该专利，导入后自动对应');
            list.reload();
          }}
        />
      )}
      <PatentDetailDrawer id={openId} onClose={() => setOpenId(null)} />
    </PageContainer>
  );
}

function AddAwardModal({ onClose, onSaved }: { onClose: () => void; onSaved: (a: PatentAwardDto) => void }) {
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const award = Form.useWatch('award', form);

  const submit = async () => {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const saved = await api.post<PatentAwardDto>('/api/patent-awards', {
        patentNumber: v.patentNumber.trim(),
        award: v.award,
        awardYear: v.awardYear,
        awardLevel: v.awardLevel?.trim() || null,
        note: v.note?.trim() || null,
      });
      onSaved(saved);
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title="登记获奖专利"
      okText="登记"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<FormValues> form={form} layout="vertical" initialValues={{ award: 'chinaPatentAward', awardYear: new Date().getFullYear() - 1 }}>
        <Form.Item
          name="patentNumber"
          label="专利号"
          extra="填写申请号或专利号，如 CN202223220665.2 或 ZL 2022 2 3220665.2"
          rules={[
            { required: true, whitespace: true, message: '请输入专利号' },
            { min: 5, max: 40, message: '专利号长度为 5-40 个字符' },
          ]}
        >
          <Input maxLength={40} data-testid="award-number" />
        </Form.Item>
        <Form.Item name="award" label="奖项" rules={[{ required: true, message: '请选择奖项' }]}>
          <Select options={(Object.keys(AWARD_LABELS) as Award[]).map((k) => ({ value: k, label: AWARD_LABELS[k] }))} />
        </Form.Item>
        <Space size="large" align="start">
          <Form.Item name="awardYear" label="年度" rules={[{ required: true, message: '请输入获奖年度' }]}>
            <InputNumber min={1985} max={2100} precision={0} suffix="年" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="awardLevel" label="等级" rules={[{ max: 40, message: '等级最多 40 个字' }]}>
            <AutoComplete
              style={{ width: 200 }}
              placeholder="如 金奖"
              options={(LEVELS[award as Award] ?? []).map((l) => ({ value: l }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="note" label="备注" rules={[{ max: 500, message: '备注最多 500 个字' }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder="如：第二十四届中国专利奖" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
