/**
 * 案卷评查: closed cases to review, the score sheet (each item out of its maximum, a reason for every deduction, the
 * grade from the total), past reviews; and 推荐典型案例 for a decided case (a draft in 内容管理 that is published on the
 * portal after the normal review).
 */
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined } from '@ant-design/icons';
import {
  CASE_REVIEW_GRADE_LIST,
  CASE_REVIEW_GRADES,
  CASE_REVIEW_SCORE_STEP,
  CASE_REVIEW_SHEET,
  CASE_REVIEW_THRESHOLDS,
  caseReviewGrade,
  NominateTypicalCaseInput,
  type CaseReviewCandidateDto,
  type CaseReviewDto,
  type CaseReviewGrade,
  type TypicalCaseNominationDto,
} from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors, zodRule } from '../../api/forms';
import { showSuccess } from '../../ui/feedback';
import { fmtDate } from '../../ui/format';
import { usePagedList } from '../../ui/hooks';
import { PageContainer } from '../../ui/PageContainer';
import { routerPath } from './labels';
import './supervision.css';

const GRADE_COLORS: Record<CaseReviewGrade, string> = { excellent: 'success', qualified: 'blue', unqualified: 'error' };

function GradeTag({ grade, score }: { grade: CaseReviewGrade; score?: number }) {
  return (
    <Tag color={GRADE_COLORS[grade]}>
      {CASE_REVIEW_GRADES[grade]}
      {score !== undefined ? ` ${score}分` : ''}
    </Tag>
  );
}

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_, i) => thisYear - i);

// ---------- the score sheet ----------

interface SheetValues {
  items: { key: string; score: number; note?: string }[];
  comments?: string;
}

function ReviewDrawer({ kase, onClose, onDone }: { kase: CaseReviewCandidateDto; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<SheetValues>();
  const [sending, setSending] = useState(false);
  const items = Form.useWatch('items', form);
  const total = useMemo(() => (items ?? []).reduce((s, i) => s + (Number(i?.score) || 0), 0), [items]);
  const grade = caseReviewGrade(total);

  const submit = async (v: SheetValues) => {
    setSending(true);
    try {
      const r = await api.post<CaseReviewDto>('/api/case-reviews', {
        caseId: kase.caseId,
        items: v.items.map((i) => ({ key: i.key, score: i.score, note: i.note?.trim() || null })),
        comments: v.comments?.trim() || null,
      });
      showSuccess(`评查完成：${r.totalScore} 分，${r.gradeLabel}`);
      onDone();
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };

  return (
    <Drawer
      open
      size="large"
      title={`案卷评查 · ${kase.caseNo}`}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={sending} onClick={() => form.submit()} data-testid="review-submit">
          提交评查
        </Button>
      }
    >
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="案由" span={2}>
          {kase.title}
        </Descriptions.Item>
        <Descriptions.Item label="办案机构">{kase.unitName}</Descriptions.Item>
        <Descriptions.Item label="案件类型">{kase.caseTypeLabel}</Descriptions.Item>
        <Descriptions.Item label="立案日期">{fmtDate(kase.filedOn)}</Descriptions.Item>
        <Descriptions.Item label="结案日期">{fmtDate(kase.closedOn)}</Descriptions.Item>
      </Descriptions>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 8 }}
        title={`满分 100 分；${CASE_REVIEW_THRESHOLDS.excellent} 分及以上为优秀，${CASE_REVIEW_THRESHOLDS.qualified} 分至 ${CASE_REVIEW_THRESHOLDS.excellent - CASE_REVIEW_SCORE_STEP} 分为合格，${CASE_REVIEW_THRESHOLDS.qualified} 分以下为不合格。有扣分的项目请写明扣分理由。`}
        description="评分表为本系统参照各地市场监管部门案卷评查通行做法拟定，可按本局评查办法调整。"
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ items: CASE_REVIEW_SHEET.map((i) => ({ key: i.key, score: i.max, note: '' })), comments: '' }}
        onFinish={(v) => void submit(v)}
        data-testid="review-form"
      >
        <Form.List name="items">
          {(fields) =>
            fields.map((f, idx) => {
              const def = CASE_REVIEW_SHEET[idx]!;
              return (
                <div key={f.key} className="zs-sheet-item">
                  <Form.Item name={[f.name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Space align="start" style={{ width: '100%', justifyContent: 'space-between' }}>
                    <div style={{ maxWidth: 440 }}>
                      <Typography.Text strong>
                        {idx + 1}. {def.title}（{def.max} 分）
                      </Typography.Text>
                      <div className="zs-sub">{def.points}</div>
                    </div>
                    <Form.Item name={[f.name, 'score']} noStyle rules={[{ required: true, message: '请评分' }]}>
                      <InputNumber min={0} max={def.max} step={CASE_REVIEW_SCORE_STEP} precision={1} suffix="分" style={{ width: 130 }} />
                    </Form.Item>
                  </Space>
                  <Form.Item name={[f.name, 'note']} style={{ marginTop: 8, marginBottom: 0 }}>
                    <Input placeholder="扣分理由（有扣分时必填）" maxLength={500} />
                  </Form.Item>
                </div>
              );
            })
          }
        </Form.List>
        <div style={{ margin: '16px 0' }}>
          <span className="zs-sheet-total" data-testid="review-total">
            总分 {total.toFixed(1)} 分
          </span>{' '}
          <GradeTag grade={grade} />
        </div>
        <Form.Item name="comments" label="评查意见">
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder="总体评价、主要问题和整改要求" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function ReviewDetail({ review, onClose }: { review: CaseReviewDto; onClose: () => void }) {
  return (
    <Drawer open size="large" title={`评查结果 · ${review.caseNo}`} onClose={onClose} destroyOnHidden>
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="案由" span={2}>
          {review.caseTitle}
        </Descriptions.Item>
        <Descriptions.Item label="办案机构">{review.unitName}</Descriptions.Item>
        <Descriptions.Item label="评查人">{review.reviewerName}</Descriptions.Item>
        <Descriptions.Item label="评查日期">{fmtDate(review.reviewedOn)}</Descriptions.Item>
        <Descriptions.Item label="总分与等次">
          <GradeTag grade={review.grade} score={review.totalScore} />
        </Descriptions.Item>
        <Descriptions.Item label="评查意见" span={2}>
          {review.comments ?? '—'}
        </Descriptions.Item>
      </Descriptions>
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={review.items}
        columns={[
          { title: '评查项目', dataIndex: 'title' },
          { title: '满分', dataIndex: 'max', width: 70, align: 'right' },
          {
            title: '得分',
            dataIndex: 'score',
            width: 70,
            align: 'right',
            render: (v: number, r) => <span className={v < r.max ? 'zs-num-overdue' : undefined}>{v}</span>,
          },
          { title: '扣分理由', dataIndex: 'note', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Drawer>
  );
}

// ---------- 典型案例 ----------

function NominateModal({ kase, onClose }: { kase: CaseReviewCandidateDto; onClose: () => void }) {
  const [form] = Form.useForm<{ title: string; summary: string; body?: string }>();
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<TypicalCaseNominationDto | null>(null);
  const submit = async (v: { title: string; summary: string; body?: string }) => {
    setSending(true);
    try {
      setDone(await api.post<TypicalCaseNominationDto>('/api/supervision/typical-cases', { caseId: kase.caseId, title: v.title, summary: v.summary, body: v.body?.trim() || null }));
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSending(false);
    }
  };
  if (done) {
    return (
      <Modal open title="已推荐为典型案例" onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>}>
        <Typography.Paragraph>
          已在内容管理中生成“{done.title}”典型案例稿件（草稿）。请在内容管理中完善后提交审核，审核通过发布后在门户“典型案例”栏目公开。
        </Typography.Paragraph>
        <Link to={routerPath(done.link)}>打开稿件</Link>
      </Modal>
    );
  }
  return (
    <Modal open title={`推荐典型案例 · ${kase.caseNo}`} okText="生成稿件" onOk={() => form.submit()} onCancel={onClose} confirmLoading={sending} destroyOnHidden>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title="不得包含当事人（自然人）的姓名、身份证号码、住址、联系电话等个人信息，请以“张某”“某公司”等代称。"
      />
      <Form form={form} layout="vertical" initialValues={{ title: '', summary: '' }} onFinish={(v) => void submit(v)} data-testid="nominate-form">
        <Form.Item name="title" label="标题" rules={[zodRule(NominateTypicalCaseInput.shape.title)]}>
          <Input maxLength={200} placeholder="如：某公司销售侵犯注册商标专用权商品案" />
        </Form.Item>
        <Form.Item name="summary" label="案例摘要" rules={[zodRule(NominateTypicalCaseInput.shape.summary)]}>
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder="基本案情与处理结果" />
        </Form.Item>
        <Form.Item name="body" label="正文（选填）" extra="不填写时，系统以摘要和处理结果生成初稿，在内容管理中继续编辑。">
          <Input.TextArea rows={6} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---------- tabs ----------

function CandidatesTab() {
  const [year, setYear] = useState<number | undefined>();
  const [reviewed, setReviewed] = useState<'true' | 'false' | undefined>('false');
  const [reviewing, setReviewing] = useState<CaseReviewCandidateDto | null>(null);
  const [nominating, setNominating] = useState<CaseReviewCandidateDto | null>(null);
  const list = usePagedList<CaseReviewCandidateDto>('/api/case-reviews/candidates', { year, reviewed });
  const columns: ColumnsType<CaseReviewCandidateDto> = [
    {
      title: '立案号',
      dataIndex: 'caseNo',
      width: 210,
      render: (v: string, r) => (
        <Link to={`/cases/${r.caseId}`} className="zc-mono">
          {v}
        </Link>
      ),
    },
    {
      title: '案由',
      dataIndex: 'title',
      ellipsis: true,
      render: (v: string, r) => (
        <>
          {v}
          <div className="zs-sub">
            {r.caseTypeLabel}
            {r.decisionLabel ? ` · ${r.decisionLabel}` : ''}
          </div>
        </>
      ),
    },
    { title: '办案机构', dataIndex: 'unitName', width: 170, ellipsis: true },
    { title: '结案日期', dataIndex: 'closedOn', width: 110, render: (v: string) => fmtDate(v) },
    {
      title: '评查',
      key: 'review',
      width: 140,
      render: (_: unknown, r) =>
        r.lastGrade ? (
          <>
            <GradeTag grade={r.lastGrade} score={r.lastScore ?? undefined} />
            {r.reviewCount > 1 && <div className="zs-sub">共评查 {r.reviewCount} 次</div>}
          </>
        ) : (
          <span className="zc-muted">未评查</span>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 190,
      render: (_: unknown, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setReviewing(r)}>
            {r.reviewCount > 0 ? '再次评查' : '评查'}
          </Button>
          {r.canNominate && (
            <Button type="link" size="small" onClick={() => setNominating(r)}>
              推荐典型案例
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Space wrap className="zs-filters">
        <Select allowClear placeholder="结案年度" style={{ width: 120 }} value={year} onChange={setYear} options={YEARS.map((y) => ({ value: y, label: `${y}年` }))} />
        <Select
          allowClear
          placeholder="评查情况"
          style={{ width: 130 }}
          value={reviewed}
          onChange={setReviewed}
          options={[
            { value: 'false', label: '未评查' },
            { value: 'true', label: '已评查' },
          ]}
        />
        <Button icon={<ReloadOutlined />} onClick={list.reload}>
          刷新
        </Button>
      </Space>
      <Table<CaseReviewCandidateDto>
        rowKey="caseId"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        columns={columns}
        pagination={list.pagination}
        scroll={{ x: 1000 }}
        locale={{ emptyText: '没有符合条件的已结案件' }}
        data-testid="review-candidates"
      />
      {reviewing && (
        <ReviewDrawer
          kase={reviewing}
          onClose={() => setReviewing(null)}
          onDone={() => {
            setReviewing(null);
            list.reload();
          }}
        />
      )}
      {nominating && <NominateModal kase={nominating} onClose={() => setNominating(null)} />}
    </>
  );
}

function ReviewsTab() {
  const [grade, setGrade] = useState<CaseReviewGrade | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const [open, setOpen] = useState<CaseReviewDto | null>(null);
  const list = usePagedList<CaseReviewDto>('/api/case-reviews', { grade, year });
  const columns: ColumnsType<CaseReviewDto> = [
    {
      title: '立案号',
      dataIndex: 'caseNo',
      width: 210,
      render: (v: string, r) => (
        <Typography.Link className="zc-mono" onClick={() => setOpen(r)}>
          {v}
        </Typography.Link>
      ),
    },
    { title: '案由', dataIndex: 'caseTitle', ellipsis: true },
    { title: '办案机构', dataIndex: 'unitName', width: 170, ellipsis: true },
    { title: '总分与等次', key: 'grade', width: 130, render: (_: unknown, r) => <GradeTag grade={r.grade} score={r.totalScore} /> },
    { title: '评查人', dataIndex: 'reviewerName', width: 150, ellipsis: true },
    { title: '评查日期', dataIndex: 'reviewedOn', width: 110, render: (v: string) => fmtDate(v) },
  ];
  return (
    <>
      <Space wrap className="zs-filters">
        <Select
          allowClear
          placeholder="等次"
          style={{ width: 110 }}
          value={grade}
          onChange={setGrade}
          options={CASE_REVIEW_GRADE_LIST.map((g) => ({ value: g, label: CASE_REVIEW_GRADES[g] }))}
        />
        <Select allowClear placeholder="评查年度" style={{ width: 120 }} value={year} onChange={setYear} options={YEARS.map((y) => ({ value: y, label: `${y}年` }))} />
        <Button icon={<ReloadOutlined />} onClick={list.reload}>
          刷新
        </Button>
      </Space>
      <Table<CaseReviewDto>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        columns={columns}
        pagination={list.pagination}
        scroll={{ x: 900 }}
        locale={{ emptyText: '暂无评查记录' }}
        data-testid="case-reviews"
      />
      {open && <ReviewDetail review={open} onClose={() => setOpen(null)} />}
    </>
  );
}

export default function CaseReviewsPage() {
  return (
    <PageContainer title="案卷评查" subTitle="对已结案件的案卷按评分表逐项评查，评定优秀、合格、不合格；可将典型案件推荐为典型案例">
      <Card>
        <Tabs
          destroyOnHidden
          items={[
            { key: 'candidates', label: '已结案件', children: <CandidatesTab /> },
            { key: 'reviews', label: '评查记录', children: <ReviewsTab /> },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
