import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Input, Popconfirm, Row, Space, Spin, Tag, Tree, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { UnitDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { showError, showSuccess } from '../../ui/feedback';
import { PageContainer } from '../../ui/PageContainer';
import { UnitFormModal } from './UnitFormModal';
import { allKeys, buildUnitTree, filterUnitTree, highlight, topKeys, UnitKindTag } from './unitTree';
import { useUnits } from './useUnits';

function UnitDetails({ unit, parent }: { unit: UnitDto; parent?: UnitDto }) {
  return (
    <Descriptions
      column={1}
      bordered
      size="middle"
      styles={{ label: { width: 140 } }}
      items={[
        { key: 'name', label: '机构名称', children: unit.name },
        { key: 'short', label: '简称', children: unit.shortName || '—' },
        { key: 'kind', label: '机构类型', children: <UnitKindTag kind={unit.kind} /> },
        { key: 'parent', label: '上级机构', children: parent?.name ?? (unit.parentId ? '（不在您的数据权限范围内）' : '—') },
        {
          key: 'regions',
          label: '管辖区域',
          children: unit.regionCodes.length ? (
            <Space wrap size={[4, 4]}>
              {unit.regionCodes.map((c, i) => (
                <Tag key={c}>
                  {unit.regionNames[i] ? `${unit.regionNames[i]}（${c}）` : c}
                </Tag>
              ))}
            </Space>
          ) : (
            '—'
          ),
        },
        { key: 'phone', label: '联系电话', children: unit.phone || '—' },
        { key: 'address', label: '办公地址', children: unit.address || '—' },
        { key: 'sort', label: '排序号', children: unit.sort },
        {
          key: 'enabled',
          label: '状态',
          children: unit.enabled ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>,
        },
      ]}
    />
  );
}

export default function UnitsPage() {
  const { units, loading, reload } = useUnits();
  const [keyword, setKeyword] = useState('');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<number[] | null>(null);
  const [modal, setModal] = useState<{ mode: 'create' | 'edit' } | null>(null);
  const [deleting, setDeleting] = useState(false);

  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const tree = useMemo(
    () =>
      buildUnitTree(units, (u) => (
        <span className={u.enabled ? undefined : 'zc-muted'}>
          {highlight(u.name, keyword)} <UnitKindTag kind={u.kind} />
          {!u.enabled && <Tag style={{ marginInlineStart: 4 }}>停用</Tag>}
        </span>
      )),
    [units, keyword],
  );
  const shown = useMemo(() => filterUnitTree(tree, keyword), [tree, keyword]);
  const selected = selectedId !== null ? byId.get(selectedId) : undefined;

  // Select the first root once loaded.
  useEffect(() => {
    if (selectedId === null && tree.length > 0) setSelectedId(tree[0].key);
  }, [tree, selectedId]);

  const expandedKeys = keyword.trim() ? allKeys(shown) : (expanded ?? topKeys(tree, 1));

  const onDelete = async () => {
    if (!selected) return;
    setDeleting(true);
    try {
      await api.del(`/api/units/${selected.id}`, { version: selected.version });
      showSuccess('机构已删除');
      setSelectedId(selected.parentId);
      reload();
    } catch (e) {
      showError(e);
    } finally {
      setDeleting(false);
    }
  };

  return (
    <PageContainer
      title="机构管理"
      subTitle="市级局、县级局、市场监管所和内设机构组成的组织机构树，是数据权限的依据"
      extra={
        <Button icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={10} lg={9} xl={8}>
          <Card title="组织机构" size="small" className="zc-tree-card">
            <Input.Search
              placeholder="搜索机构名称"
              allowClear
              value={keyword}
              onChange={(e) => setKeyword(e.target.value)}
              style={{ marginBottom: 8 }}
            />
            <Spin spinning={loading}>
              {shown.length ? (
                <Tree<(typeof shown)[number]>
                  treeData={shown}
                  blockNode
                  showLine
                  selectedKeys={selectedId !== null ? [selectedId] : []}
                  expandedKeys={expandedKeys}
                  onExpand={(keys) => setExpanded(keys as number[])}
                  onSelect={(keys) => keys.length && setSelectedId(keys[0] as number)}
                  data-testid="unit-tree"
                />
              ) : (
                <Empty description={keyword ? '没有匹配的机构' : '暂无机构'} />
              )}
            </Spin>
          </Card>
        </Col>
        <Col xs={24} md={14} lg={15} xl={16}>
          <Card
            size="small"
            title={selected ? selected.name : '机构详情'}
            extra={
              selected && (
                <Space wrap>
                  {selected.abilities.createChild && (
                    <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ mode: 'create' })}>
                      新增下级
                    </Button>
                  )}
                  {selected.abilities.update && (
                    <Button icon={<EditOutlined />} onClick={() => setModal({ mode: 'edit' })}>
                      编辑
                    </Button>
                  )}
                  {selected.abilities.delete && (
                    <Popconfirm
                      title={`确定删除“${selected.name}”吗？`}
                      description="仅能删除没有下级机构和用户的机构，删除后不可恢复。"
                      okText="删除"
                      okButtonProps={{ danger: true }}
                      onConfirm={onDelete}
                    >
                      <Button danger icon={<DeleteOutlined />} loading={deleting}>
                        删除
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              )
            }
          >
            {selected ? (
              <UnitDetails unit={selected} parent={selected.parentId ? byId.get(selected.parentId) : undefined} />
            ) : (
              <Empty description={<Typography.Text type="secondary">请在左侧选择机构</Typography.Text>} />
            )}
          </Card>
        </Col>
      </Row>
      <UnitFormModal
        open={!!modal}
        parent={modal?.mode === 'create' ? selected : null}
        unit={modal?.mode === 'edit' ? selected : null}
        onClose={() => setModal(null)}
        onSaved={(u) => {
          setModal(null);
          setSelectedId(u.id);
          if (u.parentId !== null) setExpanded((e) => [...(e ?? topKeys(tree, 1)), u.parentId!]);
          reload();
        }}
      />
    </PageContainer>
  );
}
