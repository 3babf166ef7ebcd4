/**
 * 专利数据导入: upload a patent export (CSV in UTF-8 or GB18030, or XLSX, in the usual Chinese export layout), confirm which column
 * holds which field (pre-filled from the header names), then watch the import run in the background: bytes read, rows added,
 * updated and rejected, with a downloadable error report (行号, 列, 原因). Records are matched by 申请号, so re-importing an
 * updated export updates the existing patents instead of duplicating them.
 * The job id is kept in the URL (?job=…) so a reload keeps watching the same import.
 */
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Popconfirm,
  Progress,
  Result,
  Row,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  PATENT_FIELD_LABELS,
  PATENT_IMPORT_FIELDS,
  type PatentImportField,
  type PatentImportJobDto,
} from '@zhichan/shared';
import { api } from '../../api/client';
import { showError, showSuccess } from '../../ui/feedback';
import { fmtTime } from '../../ui/format';
import { usePagedList } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { uploadWithProgress } from './ImportUpload';
import { fmtBytes, fmtInt } from './SearchParts';

type Job = PatentImportJobDto;
type Mapping = Partial<Record<PatentImportField, number | null>>;

export const IMPORT_STATUS: Record<Job['status'], { label: string; color: string }> = {
  uploaded: { label: '待确认字段', color: 'default' },
  queued: { label: '排队中', color: 'blue' },
  running: { label: '导入中', color: 'processing' },
  succeeded: { label: '已完成', color: 'green' },
  failed: { label: '失败', color: 'red' },
  cancelled: { label: '已取消', color: 'default' },
};

/** The importer needs 专利名称 and at least one of 申请号 / 公开（公告）号 (contracts.md: start). */
const REQUIRED: PatentImportField[] = ['title'];
const ONE_OF: PatentImportField[] = ['appNo', 'pubNo'];

const isActive = (j: Job | null | undefined) => !!j && (j.status === 'queued' || j.status === 'running');

export default function ImportPage() {
  const [params, setParams] = useSearchParams();
  const jobId = Number(params.get('job')) || null;
  const [job, setJob] = useState<Job | null>(null);
  const [loadingJob, setLoadingJob] = useState(false);
  const [upload, setUpload] = useState<{ name: string; size: number; loaded: number } | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [starting, setStarting] = useState(false);
  const history = usePagedList<Job>('/api/patent-imports', {}, 10);

  const openJob = (j: Job | null) => {
    setJob(j);
    const sp = new URLSearchParams(params);
    if (j) sp.set('job', String(j.id));
    else sp.delete('job');
    setParams(sp, { replace: true });
  };

  // Load the job of the URL (after a reload, or 查看 in the history).
  useEffect(() => {
    if (!jobId) {
      if (job) setJob(null); // back button to the page without ?job
      return;
    }
    if (job?.id === jobId) return;
    let alive = true;
    setLoadingJob(true);
    api
      .get<Job>(`/api/patent-imports/${jobId}`)
      .then((j) => alive && setJob(j))
      .catch((e) => alive && showError(e, '未能加载导入任务'))
      .finally(() => alive && setLoadingJob(false));
    return () => {
      alive = false;
    };
  }, [jobId, job?.id]);

  // Pre-fill the mapping from the server's suggestion when a job in the mapping step is shown.
  useEffect(() => {
    if (job?.status === 'uploaded') setMapping(job.mapping ?? job.suggestedMapping ?? {});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job?.id, job?.status === 'uploaded']);

  // Poll every second while the job is queued or running.
  const active = isActive(job);
  useEffect(() => {
    if (!active || !job) return;
    const id = job.id;
    let stopped = false;
    const timer = setInterval(() => {
      api
        .get<Job>(`/api/patent-imports/${id}`, undefined, { quiet: false })
        .then((j) => {
          if (stopped) return;
          setJob((cur) => (cur && cur.id === j.id ? j : cur));
          if (!isActive(j)) history.reload();
        })
        .catch(() => undefined); // a missed poll is retried a second later
    }, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, job?.id]);

  const doUpload = async (file: File) => {
    if (!/\.(csv|xlsx)$/i.test(file.name)) {
      showError(null, '请上传 .csv 或 .xlsx 格式的专利数据文件');
      return;
    }
    setUpload({ name: file.name, size: file.size, loaded: 0 });
    try {
      const j = await uploadWithProgress<Job>('/api/patent-imports', file, (loaded) =>
        setUpload((u) => (u ? { ...u, loaded } : u)),
      );
      openJob(j);
      history.reload();
    } catch (e) {
      showError(e, '上传失败，请稍后再试');
    } finally {
      setUpload(null);
    }
  };

  const start = async () => {
    if (!job) return;
    const missing = REQUIRED.filter((f) => mapping[f] === null || mapping[f] === undefined).map((f) => PATENT_FIELD_LABELS[f]);
    if (missing.length) {
      showError(null, `请为“${missing.join('”“')}”选择对应的列`);
      return;
    }
    if (ONE_OF.every((f) => mapping[f] === null || mapping[f] === undefined)) {
      showError(null, '“申请号”和“公开（公告）号”至少要对应其中一列，用于识别专利');
      return;
    }
    const full = Object.fromEntries(PATENT_IMPORT_FIELDS.map((f) => [f, mapping[f] ?? null]));
    setStarting(true);
    try {
      openJob(await api.post<Job>(`/api/patent-imports/${job.id}/start`, { mapping: full }));
      history.reload();
    } catch (e) {
      showError(e, '未能开始导入');
    } finally {
      setStarting(false);
    }
  };

  const cancel = async () => {
    if (!job) return;
    try {
      const j = await api.post<Job | { ok: true }>(`/api/patent-imports/${job.id}/cancel`);
      if (j && 'id' in j) setJob(j);
      else setJob(await api.get<Job>(`/api/patent-imports/${job.id}`));
      showSuccess('已取消导入');
      history.reload();
    } catch (e) {
      showError(e, '未能取消导入');
    }
  };

  const step = !job ? 0 : job.status === 'uploaded' ? 1 : 2;

  return (
    <PageContainer
      title="专利数据导入"
      subTitle="导入专利检索系统导出的 CSV 或 Excel 文件，按申请号新增或更新专利记录"
      extra={
        <Button icon={<DownloadOutlined />} href="/api/patent-imports/template.xlsx" data-testid="patent-import-template">
          下载导入模板
        </Button>
      }
    >
      <Card style={{ marginBottom: 16 }}>
        <Steps
          current={step}
          items={[{ title: '上传文件' }, { title: '确认字段对应' }, { title: '导入' }]}
          style={{ marginBottom: 24 }}
        />
        {loadingJob && !job ? (
          <Typography.Text type="secondary">正在加载导入任务…</Typography.Text>
        ) : !job ? (
          <UploadStep upload={upload} onFile={doUpload} />
        ) : job.status === 'uploaded' ? (
          <MappingStep
            job={job}
            mapping={mapping}
            setMapping={setMapping}
            starting={starting}
            onStart={start}
            onCancel={cancel}
            onBack={() => openJob(null)}
          />
        ) : (
          <ProgressStep job={job} onCancel={cancel} onNew={() => openJob(null)} />
        )}
      </Card>

      <Card title="导入记录">
        <HistoryTable list={history} onOpen={(j) => openJob(j)} currentId={job?.id ?? null} live={job} />
      </Card>
    </PageContainer>
  );
}

function UploadStep({ upload, onFile }: { upload: { name: string; size: number; loaded: number } | null; onFile: (f: File) => void }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Upload.Dragger
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={!!upload}
        beforeUpload={(file) => {
          onFile(file);
          return false;
        }}
        data-testid="patent-import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">
          {upload ? `正在上传 ${upload.name}（${fmtBytes(upload.size)}）…` : '点击或将专利数据文件拖到此处上传'}
        </p>
        <p className="ant-upload-hint">
          支持 .csv（UTF-8 或 GB18030 编码）和 .xlsx；第一行为列标题，列名可与模板不同，上传后可逐项确认对应关系。
        </p>
      </Upload.Dragger>
      {upload && (
        <Progress
          percent={upload.size ? Math.floor((upload.loaded / upload.size) * 100) : 0}
          format={(p) => `${p}%（${fmtBytes(upload.loaded)} / ${fmtBytes(upload.size)}）`}
        />
      )}
    </Space>
  );
}

function MappingStep(props: {
  job: Job;
  mapping: Mapping;
  setMapping: (m: Mapping) => void;
  starting: boolean;
  onStart: () => void;
  onCancel: () => void;
  onBack: () => void;
}) {
  const { job, mapping, setMapping } = props;
  const headers = job.headers;
  const preview = job.preview ?? [];
  const columnOptions = headers.map((h, i) => ({ value: i, label: `第 ${i + 1} 列：${h || '（无标题）'}` }));
  const used = new Map<number, PatentImportField>();
  for (const f of PATENT_IMPORT_FIELDS) {
    const c = mapping[f];
    if (c !== null && c !== undefined) used.set(c, f);
  }
  const rows = PATENT_IMPORT_FIELDS.map((f) => ({ field: f }));

  const columns: ColumnsType<{ field: PatentImportField }> = [
    {
      title: '系统字段',
      key: 'label',
      width: 220,
      render: (_, { field }) => (
        <Space size={4}>
          <span>{PATENT_FIELD_LABELS[field]}</span>
          {REQUIRED.includes(field) && <Tag color="red">必填</Tag>}
          {ONE_OF.includes(field) && <Tag color="orange">二选一</Tag>}
        </Space>
      ),
    },
    {
      title: '文件中的列',
      key: 'column',
      width: 320,
      render: (_, { field }) => (
        <Select<number>
          style={{ width: '100%' }}
          allowClear
          placeholder="不导入此字段"
          value={mapping[field] ?? undefined}
          onChange={(v) => setMapping({ ...mapping, [field]: v ?? null })}
          showSearch={{ optionFilterProp: 'label' }}
          options={columnOptions.map((o) => {
            const other = used.get(o.value);
            return other && other !== field ? { ...o, label: `${o.label}（已对应“${PATENT_FIELD_LABELS[other]}”）` } : o;
          })}
          data-testid={`mapping-${field}`}
        />
      ),
    },
    {
      title: '示例（文件第一行数据）',
      key: 'sample',
      ellipsis: true,
      render: (_, { field }) => {
        const c = mapping[field];
        const v = c === null || c === undefined ? undefined : preview[0]?.[c];
        return v ? <Typography.Text type="secondary">{v}</Typography.Text> : '—';
      },
    },
  ];

  const previewColumns: ColumnsType<{ key: number; cells: string[] }> = headers.map((h, i) => ({
    title: h || `第 ${i + 1} 列`,
    key: String(i),
    width: 160,
    ellipsis: true,
    render: (_, r) => r.cells[i] ?? '',
  }));

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Alert
        type="info"
        showIcon
        title={`文件：${job.fileName}（${fmtBytes(job.totalBytes)}，${job.format === 'csv' ? `CSV${job.encoding ? `，编码 ${job.encoding}` : ''}` : 'Excel'}）`}
        description="系统已按列名自动对应，请逐项核对；“专利名称”必须对应，“申请号”和“公开（公告）号”至少对应一项。同一申请号的专利已在库中时，以本次导入的数据更新。"
      />
      <Table
        rowKey="field"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={columns}
        data-testid="patent-import-mapping"
      />
      <div>
        <Typography.Title level={5}>文件前 {preview.length} 行预览</Typography.Title>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          scroll={{ x: Math.max(800, headers.length * 160) }}
          dataSource={preview.map((cells, i) => ({ key: i, cells }))}
          columns={previewColumns}
          locale={{ emptyText: '文件中没有数据行' }}
        />
      </div>
      <Space>
        <Button type="primary" loading={props.starting} onClick={props.onStart} data-testid="patent-import-start">
          开始导入
        </Button>
        {job.abilities.cancel && (
          <Popconfirm title="放弃本次导入？已上传的文件将不再导入。" okText="放弃" cancelText="继续核对" onConfirm={props.onCancel}>
            <Button>放弃</Button>
          </Popconfirm>
        )}
        <Button type="link" onClick={props.onBack}>
          重新选择文件
        </Button>
      </Space>
    </Space>
  );
}

function ProgressStep({ job, onCancel, onNew }: { job: Job; onCancel: () => void; onNew: () => void }) {
  const percent = job.totalBytes > 0 ? Math.min(100, Math.floor((job.processedBytes / job.totalBytes) * 100)) : job.percent;
  const active = isActive(job);
  const errorReport = job.rowsFailed > 0 && job.hasErrorReport && (
    <Button icon={<DownloadOutlined />} href={`/api/patent-imports/${job.id}/errors.xlsx`} data-testid="patent-import-error-report">
      下载错误报告
    </Button>
  );
  const stats = (
    <Row gutter={32} style={{ marginTop: 16 }}>
      <Col>
        <Statistic title="已读取行数" value={job.rowsRead} formatter={(v) => fmtInt(Number(v))} />
      </Col>
      <Col>
        <Statistic title="新增" value={job.rowsInserted} formatter={(v) => fmtInt(Number(v))} styles={{ content: { color: '#389e0d' } }} />
      </Col>
      <Col>
        <Statistic title="更新" value={job.rowsUpdated} formatter={(v) => fmtInt(Number(v))} />
      </Col>
      <Col>
        <Statistic
          title="错误"
          value={job.rowsFailed}
          suffix="行"
          formatter={(v) => fmtInt(Number(v))}
          styles={{ content: { color: job.rowsFailed ? '#cf1322' : undefined } }}
        />
      </Col>
    </Row>
  );

  if (active) {
    return (
      <div data-testid="patent-import-progress">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {job.status === 'queued' ? '已排队，等待开始…' : '正在导入'} {job.fileName}
          </Typography.Text>
          <Progress percent={percent} status="active" />
          <Typography.Text type="secondary">
            已处理 {fmtBytes(job.processedBytes)} / {fmtBytes(job.totalBytes)}。导入在后台进行，离开本页不影响导入。
          </Typography.Text>
          {stats}
          {job.abilities.cancel && (
            <Popconfirm title="取消本次导入？已导入的记录会保留。" okText="取消导入" cancelText="继续导入" onConfirm={onCancel}>
              <Button danger style={{ marginTop: 16 }}>
                取消导入
              </Button>
            </Popconfirm>
          )}
        </Space>
      </div>
    );
  }

  const ok = job.status === 'succeeded';
  return (
    <Result
      status={ok ? (job.rowsFailed > 0 ? 'warning' : 'success') : job.status === 'cancelled' ? 'info' : 'error'}
      title={
        ok
          ? job.rowsFailed > 0
            ? `导入完成，${fmtInt(job.rowsFailed)} 行有错误未导入`
            : '导入完成'
          : job.status === 'cancelled'
            ? '导入已取消'
            : '导入失败'
      }
      subTitle={
        <>
          {job.fileName}
          {job.message ? `：${job.message}` : ''}
          {job.finishedAt ? `（${fmtTime(job.finishedAt)}）` : ''}
        </>
      }
      extra={
        <Space>
          {errorReport}
          <Button type="primary" onClick={onNew}>
            导入新文件
          </Button>
        </Space>
      }
      data-testid="patent-import-result"
    >
      {stats}
      {ok && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          产业链归类和统计数据将在后台自动更新，稍后在专利分析页面可以看到新导入的数据。
        </Typography.Paragraph>
      )}
    </Result>
  );
}

function HistoryTable({
  list,
  onOpen,
  currentId,
  live,
}: {
  list: ReturnType<typeof usePagedList<Job>>;
  onOpen: (j: Job) => void;
  currentId: number | null;
  /** The job being watched: its row shows the live progress instead of the state at the last reload. */
  live: Job | null;
}) {
  const columns: ColumnsType<Job> = useMemo(
    () => [
      { title: '文件名', dataIndex: 'fileName', width: 260, ellipsis: { showTitle: true } },
      {
        title: '状态',
        dataIndex: 'status',
        width: 110,
        render: (s: Job['status'], j) => (
          <Tag color={IMPORT_STATUS[s].color}>
            {IMPORT_STATUS[s].label}
            {s === 'running' ? ` ${j.percent}%` : ''}
          </Tag>
        ),
      },
      { title: '大小', dataIndex: 'totalBytes', width: 100, render: (v: number) => fmtBytes(v) },
      { title: '读取行数', dataIndex: 'rowsRead', width: 100, align: 'right', render: (v: number) => fmtInt(v) },
      { title: '新增', dataIndex: 'rowsInserted', width: 90, align: 'right', render: (v: number) => fmtInt(v) },
      { title: '更新', dataIndex: 'rowsUpdated', width: 90, align: 'right', render: (v: number) => fmtInt(v) },
      {
        title: '错误',
        dataIndex: 'rowsFailed',
        width: 90,
        align: 'right',
        render: (v: number) => (v ? <Typography.Text type="danger">{fmtInt(v)}</Typography.Text> : 0),
      },
      { title: '导入人', dataIndex: 'createdByName', width: 100, render: (v: string | null) => v ?? '—' },
      { title: '上传时间', dataIndex: 'createdAt', width: 150, render: (v: string) => fmtTime(v) },
      { title: '完成时间', dataIndex: 'finishedAt', width: 150, render: (v: string | null) => fmtTime(v) },
      {
        title: '操作',
        key: 'op',
        width: 150,
        fixed: 'right',
        render: (_, j) => (
          <Space size={4}>
            {j.id !== currentId && (
              <Button size="small" type="link" onClick={() => onOpen(j)}>
                {j.status === 'uploaded' ? '继续' : '查看'}
              </Button>
            )}
            {j.rowsFailed > 0 && j.hasErrorReport && (
              <Button size="small" type="link" href={`/api/patent-imports/${j.id}/errors.xlsx`}>
                错误报告
              </Button>
            )}
          </Space>
        ),
      },
    ],
    [onOpen, currentId],
  );
  return (
    <Table<Job>
      rowKey="id"
      size="small"
      loading={list.loading}
      dataSource={live ? list.items.map((j) => (j.id === live.id ? live : j)) : list.items}
      columns={columns}
      pagination={list.pagination}
      scroll={{ x: 1420 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" /> }}
      data-testid="patent-import-history"
    />
  );
}
