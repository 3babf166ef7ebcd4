/**
 * 文书 of a lead, a case, an adjudication (立案通知书 … 行政裁决书, 送达回证) or a mediation (调解协议书): the generated .docx (GB/T 9704 layout) with their 文号, who made them and when, a download
 * link each, and a 制作文书 menu of the kinds the record's state allows now (the server's `kinds[].allowed`). A kind made
 * again keeps its 文号; the older versions stay, folded under the current one. 送达回证 are made per service record.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Dropdown, Empty, Form, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownOutlined, FileWordOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { DocumentDto, DocumentEntityType, DocumentKindOptionDto, DocumentListDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { showError, showSuccess } from '../../ui/feedback';
import { fmtDate, fmtTime } from '../../ui/format';
import { useRequest } from '../../ui/hooks';

export interface DocumentsPanelProps {
  /** lead 线索 · case 案件 · adjudication 行政裁决案件 · mediation 调解案件 (DOCUMENT_ENTITY_TYPES). */
  entityType: DocumentEntityType;
  entityId: number;
  /** Document kinds offered for generation here (others generated elsewhere are still listed). */
  kinds?: string[];
  /** Called after a document was generated (the record may have changed, e.g. the decision's 文号). */
  onGenerated?: () => void;
  /**
   * The record's row version: when it changes (an action moved the record on), the list and the kinds that may be made
   * now are loaded again, so a 立案审批表 is offered as soon as the verification is submitted, without a page reload.
   */
  refreshKey?: number | string;
}

/** A current document with its superseded versions folded under it. */
type Row = DocumentDto & { children?: Row[] };

function fmtSize(n: number): string {
  if (n >= 1048576) return `${(n / 1048576).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

/** Current versions first (newest first), each with the versions it replaced (newest first). */
function foldVersions(items: DocumentDto[]): Row[] {
  const byId = new Map(items.map((d) => [d.id, d]));
  const currentOf = (d: DocumentDto): number => {
    let cur = d;
    const seen = new Set<number>();
    while (cur.supersededBy !== null && byId.has(cur.supersededBy) && !seen.has(cur.id)) {
      seen.add(cur.id);
      cur = byId.get(cur.supersededBy)!;
    }
    return cur.id;
  };
  const rows = new Map<number, Row>();
  for (const d of items) if (d.supersededBy === null || !byId.has(d.supersededBy)) rows.set(d.id, { ...d });
  for (const d of items) {
    if (rows.has(d.id)) continue;
    const root = rows.get(currentOf(d));
    if (!root) continue;
    (root.children ??= []).push({ ...d });
  }
  return [...rows.values()];
}

function DownloadLink({ doc }: { doc: DocumentDto }) {
  return (
    <Tooltip title={`${doc.fileName}（${fmtSize(doc.size)}）`}>
      <Typography.Link href={doc.downloadUrl} data-testid="document-download">
        <FileWordOutlined /> 下载
      </Typography.Link>
    </Tooltip>
  );
}

export function DocumentsPanel({ entityType, entityId, kinds, onGenerated, refreshKey }: DocumentsPanelProps) {
  const { modal } = App.useApp();
  const { data, loading, reload } = useRequest<DocumentListDto>(
    (signal) => api.get<DocumentListDto>('/api/documents', { entityType, entityId }, { signal }),
    [entityType, entityId, refreshKey],
  );
  const [busy, setBusy] = useState(false);
  const [receiptOpen, setReceiptOpen] = useState(false);
  const [serviceRecordId, setServiceRecordId] = useState<number | undefined>(undefined);

  const rows = useMemo(() => foldVersions(data?.items ?? []), [data]);
  const offered = useMemo(
    () => (data?.kinds ?? []).filter((k) => k.allowed && (!kinds || kinds.includes(k.kind))),
    [data, kinds],
  );

  async function generate(option: DocumentKindOptionDto, srId?: number) {
    setBusy(true);
    try {
      const doc = await api.post<DocumentDto>('/api/documents', { entityType, entityId, kind: option.kind, ...(srId ? { serviceRecordId: srId } : {}) });
      showSuccess(`已制作${option.label}${doc.docNo ? `（${doc.docNo}）` : ''}`);
      setReceiptOpen(false);
      setServiceRecordId(undefined);
      reload();
      onGenerated?.();
    } catch (e) {
      showError(e, '制作文书失败，请稍后再试');
      // The record may have moved on (another user acted): refresh what is offered.
      reload();
    } finally {
      setBusy(false);
    }
  }

  function choose(option: DocumentKindOptionDto) {
    if (option.needsServiceRecord) {
      setReceiptOpen(true);
      return;
    }
    const current = rows.find((r) => r.kind === option.kind);
    if (!current) {
      void generate(option);
      return;
    }
    // Making it again replaces the current version; a numbered document keeps its 文号.
    modal.confirm({
      title: `重新制作${option.label}`,
      content: current.docNo
        ? `将按当前案卷信息重新制作，文号“${current.docNo}”保持不变；原版本作废并留存备查。是否继续？`
        : '将按当前案卷信息重新制作；原版本作废并留存备查。是否继续？',
      okText: '重新制作',
      cancelText: '取消',
      onOk: () => generate(option),
    });
  }

  const menu: MenuProps = {
    items: offered.map((k) => ({ key: k.kind, label: k.label })),
    onClick: ({ key }) => {
      const option = offered.find((k) => k.kind === key);
      if (option) choose(option);
    },
  };

  const receiptOption = offered.find((k) => k.needsServiceRecord);

  const columns: ColumnsType<Row> = [
    {
      title: '文书名称',
      dataIndex: 'kindLabel',
      render: (_: unknown, d) => (
        <Space size={4} wrap>
          <span>{d.kind === 'serviceReceipt' ? d.title : d.kindLabel}</span>
          {d.supersededBy !== null && <Tag>已作废（已重新制作）</Tag>}
        </Space>
      ),
    },
    { title: '文号', dataIndex: 'docNo', width: 200, render: (v: string | null) => v ?? <Typography.Text type="secondary">无文号</Typography.Text> },
    { title: '生成时间', dataIndex: 'generatedAt', width: 150, render: (v: string) => fmtTime(v) },
    { title: '生成人', dataIndex: 'generatedByName', width: 140, render: (v: string | null) => v ?? '系统' },
    { title: '操作', key: 'download', width: 90, render: (_: unknown, d) => <DownloadLink doc={d} /> },
  ];

  return (
    <div data-testid="documents-panel">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
        <Typography.Text type="secondary">文书按国家标准《党政机关公文格式》（GB/T 9704）排版，下载后可直接打印、盖章。</Typography.Text>
        {data?.abilities.generate && offered.length > 0 && (
          <Dropdown menu={menu} trigger={['click']} disabled={busy}>
            <Button type="primary" loading={busy} data-testid="documents-generate">
              制作文书 <DownOutlined />
            </Button>
          </Dropdown>
        )}
      </div>
      <Table<Row>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        expandable={{ childrenColumnName: 'children', indentSize: 16 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未制作文书" /> }}
      />
      <Modal
        title="制作送达回证"
        open={receiptOpen}
        okText="制作"
        cancelText="取消"
        confirmLoading={busy}
        okButtonProps={{ disabled: !serviceRecordId }}
        onOk={() => receiptOption && serviceRecordId && generate(receiptOption, serviceRecordId)}
        onCancel={() => setReceiptOpen(false)}
        destroyOnHidden
      >
        {(data?.serviceRecords.length ?? 0) === 0 ? (
          <Alert type="info" showIcon title="尚无送达记录，请先登记送达。" />
        ) : (
          <Form layout="vertical">
            <Form.Item label="送达记录" required extra="每次送达制作一份送达回证；同一送达记录再次制作时，原回证作废留存。">
              <Select
                placeholder="请选择送达记录"
                value={serviceRecordId}
                onChange={setServiceRecordId}
                options={data!.serviceRecords.map((s) => ({
                  value: s.id,
                  label: `${s.documentTitle} · ${s.methodLabel} · ${s.recipient}${s.servedOn ? ` · ${fmtDate(s.servedOn)}` : ''}`,
                }))}
              />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </div>
  );
}
