/**
 * 常见问题: the published answers, searchable, grouped by 业务类型, each answer folded until opened.
 * A link from the site search ('/faq#faq-12') opens that entry and scrolls to it.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { Button, Card, Collapse, Empty, Input, Select, Spin, Typography } from 'antd';
import type { ConsultationFormDto, FaqDto, Page } from '@zhichan/shared';
import { api } from '../../../api/client';
import { showError } from '../../../ui/feedback';
import { fmtTime } from '../../../ui/format';
import { CONSULT_PATH, loadConsultationForm } from './consult';
import './consult.css';

/** The FAQ is short (tens to hundreds of entries): one page of up to 200 is grouped on the client. */
const PAGE_SIZE = 200;

export default function FaqPage() {
  const location = useLocation();
  const [form, setForm] = useState<ConsultationFormDto | null>(null);
  const [keyword, setKeyword] = useState('');
  const [typed, setTyped] = useState('');
  const [ipType, setIpType] = useState<string | undefined>(undefined);
  const [data, setData] = useState<Page<FaqDto> | null>(null);
  const [loading, setLoading] = useState(true);
  const [open, setOpen] = useState<string[]>(() => (location.hash.startsWith('#faq-') ? [location.hash.slice(1)] : []));

  useEffect(() => {
    loadConsultationForm().then(setForm).catch(() => setForm(null));
  }, []);

  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    api
      .get<Page<FaqDto>>('/api/public/faq', { keyword, ipType, page: 1, pageSize: PAGE_SIZE }, { signal: ctl.signal })
      .then(setData)
      .catch((e: unknown) => showError(e, '常见问题加载失败，请稍后再试'))
      .finally(() => {
        if (!ctl.signal.aborted) setLoading(false);
      });
    return () => ctl.abort();
  }, [keyword, ipType]);

  // Open and scroll to the entry named in the address (from the site search).
  useEffect(() => {
    if (!data || !location.hash.startsWith('#faq-')) return;
    const id = location.hash.slice(1);
    setOpen((o) => (o.includes(id) ? o : [...o, id]));
    requestAnimationFrame(() => document.getElementById(id)?.scrollIntoView({ block: 'start' }));
  }, [data, location.hash]);

  const groups = useMemo(() => {
    const by = new Map<string, { label: string; items: FaqDto[] }>();
    // Group order follows the dictionary's order; types no longer in the dictionary come last.
    for (const t of form?.ipTypes ?? []) by.set(t.value, { label: t.label, items: [] });
    for (const item of data?.items ?? []) {
      const g = by.get(item.ipType) ?? { label: item.ipTypeLabel, items: [] };
      g.items.push(item);
      by.set(item.ipType, g);
    }
    return [...by.entries()].filter(([, g]) => g.items.length > 0);
  }, [data, form]);

  return (
    <div className="zq-page">
      <div className="zq-head">
        <Typography.Title level={2} className="zq-title">
          常见问题
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="zq-lead">
          从公众咨询中整理的问答，已去除提问人的个人信息。没有找到答案的，请 <Link to={CONSULT_PATH}>我要咨询</Link>。
        </Typography.Paragraph>
      </div>
      <div className="zq-filters">
        <Input.Search
          allowClear
          value={typed}
          maxLength={50}
          placeholder="输入关键词，如 质押、商标注册"
          enterButton="搜索"
          onChange={(e) => {
            setTyped(e.target.value);
            if (!e.target.value) setKeyword('');
          }}
          onSearch={(v) => setKeyword(v.trim())}
          className="zq-search"
          aria-label="搜索常见问题"
        />
        <Select
          allowClear
          placeholder="全部业务类型"
          value={ipType}
          onChange={(v) => setIpType(v)}
          options={form?.ipTypes ?? []}
          className="zq-type"
          aria-label="业务类型"
        />
      </div>
      <Spin spinning={loading}>
        {data && data.total === 0 ? (
          <Card className="zq-card">
            <Empty
              description={keyword || ipType ? '没有找到相关问题' : '暂无常见问题'}
            >
              <Link to={CONSULT_PATH}>
                <Button type="primary">我要咨询</Button>
              </Link>
            </Empty>
          </Card>
        ) : (
          <div data-testid="faq-list">
            {data && (
              <Typography.Paragraph type="secondary" className="zq-count">
                共 {data.total} 个问题
              </Typography.Paragraph>
            )}
            {groups.map(([type, g]) => (
              <section key={type} className="zq-group">
                <Typography.Title level={4} className="zq-group-title">
                  {g.label}
                  <span className="zq-group-count">{g.items.length}</span>
                </Typography.Title>
                <Collapse
                  activeKey={open}
                  onChange={(keys) => setOpen(Array.isArray(keys) ? keys.map(String) : [String(keys)])}
                  items={g.items.map((item) => ({
                    key: `faq-${item.id}`,
                    label: (
                      <span id={`faq-${item.id}`} className="zq-faq-q">
                        {item.question}
                      </span>
                    ),
                    children: (
                      <div>
                        <div className="zq-text">{item.answer}</div>
                        <Typography.Text type="secondary" className="zq-faq-date">
                          发布于 {fmtTime(item.publishedAt).slice(0, 10)}
                        </Typography.Text>
                      </div>
                    ),
                  }))}
                />
              </section>
            ))}
          </div>
        )}
      </Spin>
    </div>
  );
}
