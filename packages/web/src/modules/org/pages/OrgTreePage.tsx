import { SearchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Card, Drawer, Flex, Grid, Input, List, Tag, Tree, Typography } from 'antd';
import type { DataNode, EventDataNode } from 'antd/es/tree';
import type { OrgUnit } from '@jinguo/domain';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { PageHeader, QueryState, useDebounced } from '../../../ui';
import { fetchOrgChildren, orgKeys, useOrgRoots, useOrgSearch, type OrgUnitDetail } from '../api';
import { OrgUnitDetailPanel } from '../components/OrgUnitDetailPanel';
import { KIND_COLORS, kindLabel } from '../labels';

type TreeRef = { scrollTo: (opts: { key: string; align?: 'top' | 'bottom' | 'auto'; offset?: number }) => void };

/**
 * 组织机构: the org tree, loaded one level at a time as branches open (it stays quick on 100,000 units),
 * a search over the whole scope, and the chosen unit's details and actions.
 */
export function OrgTreePage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const roots = useOrgRoots();
  const [children, setChildren] = useState<Record<string, OrgUnit[]>>({});
  const [expanded, setExpanded] = useState<string[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const search = useOrgSearch(q);
  const treeRef = useRef<TreeRef>(null);

  /** Loads (or reloads, after a change) the children of one unit. */
  const loadChildren = useCallback(
    async (parentId: string, fresh = false) => {
      const units = await qc.fetchQuery({
        queryKey: orgKeys.children(parentId),
        queryFn: () => fetchOrgChildren(parentId),
        staleTime: fresh ? 0 : 30_000,
      });
      setChildren((prev) => ({ ...prev, [parentId]: units }));
      return units;
    },
    [qc],
  );

  // Open the top level at first sight: a district shows its townships, a township chair her villages.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !roots.data?.length) return;
    opened.current = true;
    const tops = roots.data.filter((r) => (r.childCount ?? 0) > 0).map((r) => r.id);
    void Promise.all(tops.map((id) => loadChildren(id))).then(() => setExpanded((prev) => [...new Set([...prev, ...tops])]));
  }, [roots.data, loadChildren]);

  const treeData = useMemo(() => {
    const build = (u: OrgUnit): DataNode => ({
      key: u.id,
      isLeaf: u.childCount === 0 && !children[u.id]?.length,
      title: <UnitTitle unit={u} />,
      children: children[u.id]?.map(build),
    });
    return (roots.data ?? []).map(build);
  }, [roots.data, children]);

  /** Opens the branches down to a unit (found by search or a breadcrumb) and selects it. */
  async function reveal(unit: { id: string; ancestors: { id: string }[] }) {
    const rootIds = new Set((roots.data ?? []).map((r) => r.id));
    const path = unit.ancestors.map((a) => a.id);
    const start = path.findIndex((id) => rootIds.has(id));
    const branch = start < 0 ? [] : path.slice(start, -1);
    for (const id of branch) if (!children[id]) await loadChildren(id);
    setExpanded((prev) => [...new Set([...prev, ...branch])]);
    setSelected(unit.id);
    setText('');
    setTimeout(() => treeRef.current?.scrollTo({ key: unit.id, align: 'top', offset: 40 }), 50);
  }

  async function select(id: string) {
    const detail = await qc.fetchQuery({ queryKey: orgKeys.unit(id), queryFn: () => api.get<OrgUnitDetail>(`/api/org/units/${id}`) });
    await reveal(detail);
  }

  /** After a write: reload the affected children lists (the roots query refreshes itself). */
  async function changed(parents: (string | null)[], next?: OrgUnit) {
    for (const p of new Set(parents)) if (p && (children[p] || expanded.includes(p))) await loadChildren(p, true);
    if (next) {
      if (next.parentId && !expanded.includes(next.parentId)) {
        await loadChildren(next.parentId, true);
        setExpanded((prev) => [...prev, next.parentId!]);
      }
      setSelected(next.id);
    }
  }

  const searching = q.length > 0;
  const treePanel = (
    <Card styles={{ body: { padding: 12 } }} style={{ height: '100%' }}>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('搜索单位名称或区划代码', 'Search by name or code')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        style={{ marginBottom: 12 }}
        aria-label={t('搜索单位', 'Search units')}
      />
      {searching ? (
        <QueryState
          loading={search.isLoading}
          error={search.error}
          empty={search.data?.length === 0}
          emptyText={t('没有匹配的单位', 'No matching unit')}
        >
          <List
            size="small"
            dataSource={search.data ?? []}
            style={{ maxHeight: mobile ? 420 : 'calc(100vh - 290px)', overflow: 'auto' }}
            footer={
              search.data?.length === 50 ? (
                <Typography.Text type="secondary">
                  {t('仅显示前50个结果，请输入更多字缩小范围', 'First 50 results: type more to narrow')}
                </Typography.Text>
              ) : undefined
            }
            renderItem={(u) => (
              <List.Item style={{ cursor: 'pointer', paddingInline: 4 }} onClick={() => select(u.id)}>
                <UnitTitle unit={u} />
              </List.Item>
            )}
          />
        </QueryState>
      ) : (
        <QueryState
          loading={roots.isLoading}
          error={roots.error}
          empty={roots.data?.length === 0}
          emptyText={t('您的范围内没有单位', 'No units in your scope')}
        >
          <Tree
            ref={treeRef as never}
            blockNode
            showLine
            treeData={treeData}
            height={mobile ? 420 : Math.max(320, window.innerHeight - 290)}
            expandedKeys={expanded}
            onExpand={(keys) => setExpanded(keys as string[])}
            loadedKeys={Object.keys(children)}
            loadData={async (node: EventDataNode<DataNode>) => {
              await loadChildren(String(node.key));
            }}
            selectedKeys={selected ? [selected] : []}
            onSelect={(keys) => keys.length && setSelected(String(keys[0]))}
          />
        </QueryState>
      )}
    </Card>
  );

  const detail = <OrgUnitDetailPanel id={selected} onChanged={changed} onSelect={(id) => void select(id)} />;

  return (
    <div>
      <PageHeader
        title={t('组织机构', 'Organisation')}
        subtitle={t(
          '区、乡镇（街道）、村（社区）妇联与区级部门、合作机构、学校',
          'Federations, townships, villages, departments, agencies and schools',
        )}
      />
      {mobile ? (
        <>
          {treePanel}
          <Drawer
            open={!!selected}
            onClose={() => setSelected(null)}
            placement="bottom"
            size="85%"
            title={t('单位详情', 'Unit')}
            styles={{ body: { paddingTop: 12 } }}
          >
            {detail}
          </Drawer>
        </>
      ) : (
        <Flex gap={16} align="stretch">
          <div style={{ flex: '0 0 42%', minWidth: 320, maxWidth: 520 }}>{treePanel}</div>
          <Card style={{ flex: 1, minWidth: 0 }}>{detail}</Card>
        </Flex>
      )}
    </div>
  );
}

function UnitTitle({ unit }: { unit: OrgUnit }) {
  const { t } = useI18n();
  return (
    <Flex align="center" gap={6} style={{ minWidth: 0, opacity: unit.active ? 1 : 0.55 }}>
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{unit.name}</span>
      <Tag color={KIND_COLORS[unit.kind]} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
        {kindLabel(t, unit.kind)}
      </Tag>
      {unit.code && (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {unit.code}
        </Typography.Text>
      )}
      {!unit.active && <Tag style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>{t('已停用', 'Inactive')}</Tag>}
    </Flex>
  );
}
