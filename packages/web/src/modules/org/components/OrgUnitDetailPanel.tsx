import { ApartmentOutlined, EditOutlined, PlusOutlined, PoweroffOutlined, SwapOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Descriptions, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { OrgUnit } from '@jinguo/domain';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors } from '../../../ui';
import { useOrgMutations, useOrgUnit } from '../api';
import { agencyTypeLabel, KIND_COLORS, kindLabel, levelLabel } from '../labels';
import { AddChildModal, EditUnitModal, MoveUnitModal } from './OrgUnitForms';

type Dialog = 'add' | 'edit' | 'move' | null;

/** One unit: what it is, where it sits, and the actions the caller may take on it (the server says which). */
export function OrgUnitDetailPanel({
  id,
  onChanged,
  onSelect,
}: {
  id: string | null;
  /** After a write: the parents whose children lists changed, and the unit to show next. */
  onChanged: (parents: (string | null)[], select?: OrgUnit) => void;
  onSelect: (id: string) => void;
}) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const { data: unit, isLoading, error } = useOrgUnit(id);
  const parentId = unit?.parentId ?? null;
  const { data: parent } = useOrgUnit(parentId);
  const { setActive } = useOrgMutations();
  const [dialog, setDialog] = useState<Dialog>(null);

  if (!id)
    return (
      <Empty
        image={<ApartmentOutlined style={{ fontSize: 48, color: '#d9d9d9' }} />}
        description={t('在左侧选择一个单位查看详情', 'Choose a unit on the left')}
      />
    );
  if (isLoading) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (error || !unit) return <Empty description={error instanceof Error ? error.message : t('单位不存在或无权访问', 'Not found')} />;

  const isTop = !unit.parentId;
  const toggleActive = () =>
    modal.confirm({
      title: unit.active ? t(`停用“${unit.name}”？`, `Deactivate ${unit.name}?`) : t(`启用“${unit.name}”？`, `Activate ${unit.name}?`),
      content: unit.active
        ? t(
            '停用后不再出现在新记录的单位选择中；已有记录不受影响。单位不会被删除。',
            'It will no longer be offered for new records; existing records keep it.',
          )
        : undefined,
      okText: unit.active ? t('停用', 'Deactivate') : t('启用', 'Activate'),
      cancelText: t('取消', 'Cancel'),
      okButtonProps: { danger: unit.active },
      onOk: async () => {
        try {
          await setActive.mutateAsync({ id: unit.id, active: !unit.active });
          message.success(unit.active ? t('已停用', 'Deactivated') : t('已启用', 'Activated'));
          onChanged([unit.parentId]);
        } catch (e) {
          message.error(applyServerErrors(null, e));
        }
      },
    });

  return (
    <div data-testid="org-detail">
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={unit.ancestors.slice(0, -1).map((a) => ({
          key: a.id,
          title: (
            <a
              href={`/org?unit=${a.id}`}
              onClick={(e) => {
                e.preventDefault();
                onSelect(a.id);
              }}
            >
              {a.name}
            </a>
          ),
        }))}
      />
      <Flex align="center" gap={8} wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {unit.name}
        </Typography.Title>
        <Tag color={KIND_COLORS[unit.kind]}>{kindLabel(t, unit.kind)}</Tag>
        {!unit.active && <Tag>{t('已停用', 'Inactive')}</Tag>}
      </Flex>
      <Descriptions
        size="small"
        bordered
        column={1}
        styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}
        items={[
          { key: 'kind', label: t('单位类型', 'Kind'), children: kindLabel(t, unit.kind) },
          { key: 'level', label: t('行政层级', 'Level'), children: levelLabel(t, unit.level) },
          {
            key: 'code',
            label: t('区划代码', 'Division code'),
            children: unit.code ? (
              <Typography.Text copyable code>
                {unit.code}
              </Typography.Text>
            ) : (
              '—'
            ),
          },
          ...(unit.kind === 'agency'
            ? [{ key: 'agency', label: t('机构类别', 'Agency type'), children: agencyTypeLabel(t, unit.agencyType) }]
            : []),
          {
            key: 'parent',
            label: t('上级单位', 'Parent'),
            children: unit.ancestors.length > 1 ? unit.ancestors[unit.ancestors.length - 2].name : '—',
          },
          { key: 'children', label: t('直属下级', 'Direct children'), children: unit.childCount ?? '—' },
          {
            key: 'status',
            label: t('状态', 'Status'),
            children: unit.active ? <Tag color="success">{t('启用', 'Active')}</Tag> : <Tag>{t('已停用', 'Inactive')}</Tag>,
          },
        ]}
      />
      {unit.canManage && (
        <Flex gap={8} wrap style={{ marginTop: 16 }}>
          <Button type="primary" icon={<PlusOutlined />} disabled={!unit.active} onClick={() => setDialog('add')}>
            {t('添加下级单位', 'Add child unit')}
          </Button>
          <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
            {t('编辑', 'Edit')}
          </Button>
          {!isTop && (
            <Button icon={<SwapOutlined />} onClick={() => setDialog('move')}>
              {t('移动', 'Move')}
            </Button>
          )}
          {!isTop && (
            <Button icon={<PoweroffOutlined />} danger={unit.active} onClick={toggleActive}>
              {unit.active ? t('停用', 'Deactivate') : t('启用', 'Activate')}
            </Button>
          )}
        </Flex>
      )}
      {!unit.canManage && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('您可以查看此单位，但没有管理权限。', 'You may view this unit but not manage it.')}
        </Typography.Paragraph>
      )}
      <AddChildModal
        parent={unit}
        open={dialog === 'add'}
        onClose={() => setDialog(null)}
        onCreated={(child) => {
          setDialog(null);
          onChanged([unit.id, unit.parentId], child);
        }}
      />
      <EditUnitModal
        unit={unit}
        parent={parent ? { code: parent.code, level: parent.level } : null}
        open={dialog === 'edit'}
        onClose={() => {
          setDialog(null);
          onChanged([unit.parentId, unit.id]);
        }}
      />
      <MoveUnitModal
        unit={unit}
        open={dialog === 'move'}
        onClose={() => setDialog(null)}
        onMoved={(moved) => {
          setDialog(null);
          onChanged([unit.parentId, moved.parentId], moved);
        }}
      />
    </div>
  );
}
