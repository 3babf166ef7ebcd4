/**
 * 新增 / 编辑产业链: a chain is defined by IPC patterns, keywords and 战略性新兴产业 branches (contracts.md: matchChains).
 * Saving an existing chain sends its version (optimistic locking: two administrators editing the same chain do not overwrite
 * each other silently); the server then re-classifies every patent in the background.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Drawer, Form, Grid, Input, InputNumber, Select, Space, Switch, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import type { IndustryChainDto, IpcLabel } from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/forms';
import { showSuccess } from '../../ui/feedback';
import { useRequest } from '../../ui/hooks';

export interface SeiBranchRef {
  industryNo: string;
  industryName: string;
  branchNo: string;
  branchName: string;
}

interface FormValues {
  code: string;
  name: string;
  description?: string | null;
  ipcPatterns: string[];
  keywords: string[];
  seiBranches: string[];
  enabled: boolean;
  sort: number;
}

/** Same rule as IndustryChainInput.ipcPatterns (packages/shared/src/contracts/patent.ts). */
const IPC_PATTERN = /^[A-H](\d{2}([A-Z](\d{1,4}(\/\d{1,6})?)?)?)?\*?$/;

/**
 * The pattern that covers an IPC code and everything below it, in the 参照关系表 notation: 'H01M' → 'H01M*', 'H01M10/00' →
 * 'H01M10*' (main group and its subgroups); a subgroup ('H01M10/0525') is used as is, because subgroup hierarchy is given by
 * dots in the titles, not by digits, so a prefix would not mean "below it".
 */
export function ipcPatternFor(code: string): string {
  const c = code.replace(/\s+/g, '').toUpperCase();
  const m = /^([A-H]\d{2}[A-Z]\d{1,4})\/00$/.exec(c);
  if (m) return `${m[1]}*`;
  if (c.includes('/')) return c;
  return `${c}*`;
}

function normalizePattern(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function ChainFormDrawer({
  chain,
  open,
  onClose,
  onSaved,
}: {
  /** null = new chain */
  chain: IndustryChainDto | null;
  open: boolean;
  onClose: () => void;
  onSaved: (c: IndustryChainDto) => void;
}) {
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  /** Chinese titles of the patterns shown (from the chain and from look-ups). */
  const [titles, setTitles] = useState<Map<string, string | null>>(new Map());
  const [ipcOptions, setIpcOptions] = useState<IpcLabel[]>([]);
  const [searching, setSearching] = useState(false);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const sei = useRequest(
    (signal) => api.get<SeiBranchRef[]>('/api/patent-reference/sei-branches', undefined, { signal }),
    [],
    { enabled: open },
  );
  const seiTree = useMemo(() => {
    const byIndustry = new Map<string, { title: string; value: string; selectable: boolean; children: { title: string; value: string }[] }>();
    for (const b of sei.data ?? []) {
      let node = byIndustry.get(b.industryNo);
      if (!node) {
        node = { title: `${b.industryNo} ${b.industryName}`, value: `industry:${b.industryNo}`, selectable: false, children: [] };
        byIndustry.set(b.industryNo, node);
      }
      node.children.push({ title: `${b.branchNo} ${b.branchName}`, value: b.branchNo });
    }
    return [...byIndustry.values()];
  }, [sei.data]);

  useEffect(() => {
    if (!open) return;
    const m = new Map<string, string | null>();
    for (const p of chain?.ipcPatterns ?? []) m.set(p.code, p.titleZh);
    setTitles(m);
    setIpcOptions([]);
    form.setFieldsValue(
      chain
        ? {
            code: chain.code,
            name: chain.name,
            description: chain.description,
            ipcPatterns: chain.ipcPatterns.map((p) => p.code),
            keywords: chain.keywords,
            seiBranches: chain.seiBranches.map((b) => b.branchNo),
            enabled: chain.enabled,
            sort: chain.sort,
          }
        : { code: '', name: '', description: null, ipcPatterns: [], keywords: [], seiBranches: [], enabled: true, sort: 0 },
    );
  }, [open, chain, form]);

  const searchIpc = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    const text = q.trim();
    if (!text) {
      setIpcOptions([]);
      return;
    }
    timer.current = setTimeout(() => {
      const mine = ++seq.current;
      setSearching(true);
      api
        .get<IpcLabel[]>('/api/patent-reference/ipc/search', { q: text })
        .then((list) => {
          if (mine === seq.current) setIpcOptions(list);
        })
        .catch(() => mine === seq.current && setIpcOptions([]))
        .finally(() => mine === seq.current && setSearching(false));
    }, 250);
  };
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const ipcSelectOptions = ipcOptions.map((l) => {
    const pattern = ipcPatternFor(l.code);
    return {
      value: pattern,
      label: (
        <span>
          <Typography.Text code>{pattern}</Typography.Text> {l.titleZh ?? ''}
        </span>
      ),
      title: l.titleZh ?? '',
    };
  });

  const submit = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body = {
      ...values,
      description: values.description?.trim() ? values.description.trim() : null,
      ipcPatterns: [...new Set(values.ipcPatterns.map(normalizePattern))],
      keywords: [...new Set(values.keywords.map((k) => k.trim()).filter(Boolean))],
      seiBranches: values.seiBranches.filter((v) => !v.startsWith('industry:')),
    };
    setSaving(true);
    try {
      const saved = chain
        ? await api.put<IndustryChainDto>(`/api/patent-chains/${chain.id}`, { ...body, version: chain.version })
        : await api.post<IndustryChainDto>('/api/patent-chains', body);
      showSuccess(chain ? '已保存，正在后台重新归类专利' : '已新增产业链，正在后台归类专利');
      onSaved(saved);
    } catch (e) {
      applyServerErrors(form, e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={screens.lg ? 760 : '100%'}
      destroyOnHidden
      title={chain ? `编辑产业链：${chain.name}` : '新增产业链'}
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={submit} data-testid="chain-save">
            保存
          </Button>
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="归类规则"
        description={
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            <li>专利属于所选战略性新兴产业分支之一的，归入本产业链；</li>
            <li>
              另外按 IPC 式样和关键词判断：两项都填写时，须分类号符合某一 IPC 式样
              <b>并且</b>专利名称或摘要含某一关键词；只填写其中一项时，满足该项即可。
            </li>
            <li>IPC 式样末尾带 * 表示该分类及其全部下位分类（如 H01M* 、H01M10*），不带 * 表示仅该分类。</li>
            <li>保存后系统在后台对全部专利重新归类，期间统计数据仍为旧口径。</li>
          </ul>
        }
      />
      <Form<FormValues> form={form} layout="vertical" requiredMark>
        <div style={{ display: 'flex', gap: 16 }}>
          <Form.Item
            name="name"
            label="名称"
            style={{ flex: 2 }}
            rules={[
              { required: true, whitespace: true, message: '请输入产业链名称' },
              { min: 2, max: 40, message: '名称为 2-40 个字' },
            ]}
          >
            <Input placeholder="如：高端装备制造" maxLength={40} />
          </Form.Item>
          <Form.Item
            name="code"
            label="代码"
            style={{ flex: 1 }}
            tooltip="用于系统内部标识，保存后一般不再修改"
            rules={[
              { required: true, message: '请输入代码' },
              { pattern: /^[a-z][a-z0-9-]{1,39}$/, message: '代码为 2-40 位小写字母、数字或连字符，以字母开头' },
            ]}
          >
            <Input placeholder="如 new-materials" maxLength={40} disabled={!!chain} />
          </Form.Item>
        </div>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={2} maxLength={2000} placeholder="产业链的范围说明、依据的文件等" />
        </Form.Item>
        <Form.Item
          name="ipcPatterns"
          label="IPC 式样"
          extra="输入分类号或中文类名查找，选中即加入；也可直接输入式样后回车，如 H01M* 、H01M10/0525。"
          rules={[
            {
              validator: async (_r, v: string[] | undefined) => {
                const bad = (v ?? []).map(normalizePattern).filter((p) => !IPC_PATTERN.test(p));
                if (bad.length) throw new Error(`IPC 式样格式不正确：${bad.join('、')}（如 H01M* 或 H01M10/0525）`);
                if ((v ?? []).length > 500) throw new Error('IPC 式样最多 500 个');
              },
            },
          ]}
        >
          <Select
            mode="tags"
            placeholder="如 H01M*"
            filterOption={false}
            onSearch={searchIpc}
            loading={searching}
            notFoundContent={searching ? '正在查找…' : null}
            options={ipcSelectOptions}
            onSelect={(v: string) => {
              const found = ipcOptions.find((l) => ipcPatternFor(l.code) === v);
              if (found) setTitles((m) => new Map(m).set(v, found.titleZh));
            }}
            tagRender={({ value, closable, onClose }) => {
              const code = String(value);
              const title = titles.get(code);
              const valid = IPC_PATTERN.test(normalizePattern(code));
              return (
                <Tooltip title={title ?? (valid ? '暂无中文类名' : '格式不正确')}>
                  <Tag closable={closable} onClose={onClose} color={valid ? undefined : 'red'} style={{ marginInlineEnd: 4 }}>
                    {code}
                    {title ? <Typography.Text type="secondary"> {title.length > 12 ? `${title.slice(0, 12)}…` : title}</Typography.Text> : null}
                  </Tag>
                </Tooltip>
              );
            }}
            data-testid="chain-ipc"
          />
        </Form.Item>
        <Form.Item
          name="keywords"
          label="关键词"
          extra="输入后回车，每个关键词 2-40 个字；在专利名称和摘要中查找。"
          rules={[
            {
              validator: async (_r, v: string[] | undefined) => {
                const bad = (v ?? []).filter((k) => [...k.trim()].length < 2 || [...k.trim()].length > 40);
                if (bad.length) throw new Error(`关键词须为 2-40 个字：${bad.join('、')}`);
              },
            },
          ]}
        >
          <Select mode="tags" placeholder="如 锂电池" tokenSeparators={[',', '，', '、', ';', '；']} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="seiBranches" label="战略性新兴产业分支" extra="依据《战略性新兴产业分类与国际专利分类参照关系表（2021）》。">
          <TreeSelect
            treeData={seiTree}
            treeCheckable
            showCheckedStrategy={TreeSelect.SHOW_CHILD}
            loading={sei.loading}
            placeholder="选择分支"
            showSearch={{ treeNodeFilterProp: 'title' }}
            maxTagCount={12}
            notFoundContent="暂无数据"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Space size="large">
          <Form.Item name="enabled" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="sort" label="排序" tooltip="数字小的排在前面">
            <InputNumber min={0} max={9999} precision={0} />
          </Form.Item>
        </Space>
      </Form>
    </Drawer>
  );
}
