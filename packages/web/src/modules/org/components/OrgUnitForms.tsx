import { Alert, App, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import {
  AGENCY_TYPES,
  allowedChildKinds,
  allowedParentKinds,
  childFederationLevel,
  codePrefixOf,
  codeProblem,
  departmentLabel,
  expectedCodeLength,
  levelForKind,
  parentProblem,
  type OrgKind,
  type OrgLevel,
  type OrgUnit,
} from '@jinguo/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, useStaleEditHandler } from '../../../ui';
import { useOrgMutations, type OrgUnitDetail } from '../api';
import { agencyTypeLabel, kindLabel, levelLabel } from '../labels';

type T = (zh: string, en: string) => string;

type Parent = { code: string | null; level: OrgLevel | null };

/** The code rule of a level (GB/T 2260 + 统计用区划代码), the same check the server makes: n digits, extending the parent's code. */
function codeRules(t: T, level: OrgLevel | null, parent: Parent | null): Rule[] {
  const length = expectedCodeLength(level);
  return [
    {
      validator: async (_, value: string | undefined | null) => {
        const v = (value ?? '').trim();
        if (!v) return;
        if (!/^\d+$/.test(v)) throw new Error(t('代码只能是数字', 'Digits only'));
        if (!length && ![6, 9, 12].includes(v.length)) throw new Error(t('代码应为6、9或12位数字', '6, 9 or 12 digits'));
        const problem = codeProblem(v, level, parent);
        if (problem) throw new Error(problem);
      },
    },
  ];
}

function codeHelp(t: T, level: OrgLevel | null, parent: Parent | null): string {
  const length = expectedCodeLength(level);
  if (!length) return t('非行政区划单位可不填代码', 'Optional for non-geographic units');
  const shared = parent?.code ? codePrefixOf(parent.level, parent.code) : null;
  const prefix = shared && shared.length < length ? t(`，以上级代码 ${shared} 开头`, `, starting with ${shared}`) : '';
  return t(`${length}位数字${prefix}（省、市、区县6位，乡镇街道9位，村社区12位）`, `${length} digits${prefix}`);
}

/** The level a new unit of this kind takes under the parent: a federation's follows the parent's (a city's districts). */
function childLevel(kind: OrgKind | undefined, parent: Parent): OrgLevel | null {
  if (!kind) return null;
  return kind === 'federation' ? childFederationLevel(parent.level) : levelForKind(kind);
}

const blankToNull = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

/** Adds a unit under the selected one: the kinds offered are those the tree allows under it. */
export function AddChildModal({
  parent,
  open,
  onClose,
  onCreated,
}: {
  parent: OrgUnitDetail;
  open: boolean;
  onClose: () => void;
  onCreated: (unit: OrgUnit) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { create } = useOrgMutations();
  // Only the kinds the administrative map allows here: a city offers district federations, a district none.
  const kinds = allowedChildKinds(parent.kind).filter((k) => !parentProblem({ kind: k, level: childLevel(k, parent) }, parent));
  const kind: OrgKind | undefined = Form.useWatch('kind', form);
  const level = childLevel(kind, parent);
  const optionLabel = (k: OrgKind) => {
    if (k === 'federation')
      return t(
        `${levelLabel(t, childFederationLevel(parent.level))}妇联`,
        `${levelLabel(t, childFederationLevel(parent.level))} federation`,
      );
    if (k === 'department') return t(departmentLabel(parent.level), 'Department');
    return kindLabel(t, k);
  };

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  return (
    <Modal
      open={open}
      title={t(`在“${parent.name}”下添加单位`, `Add a unit under ${parent.name}`)}
      okText={t('添加', 'Add')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        onValuesChange={(changed) => {
          // Start a geographic code with the parent's digits: the user types only the new segment.
          if ('kind' in changed) {
            const len = expectedCodeLength(childLevel(changed.kind, parent));
            const shared = parent.code ? codePrefixOf(parent.level, parent.code) : null;
            form.setFieldValue('code', len && shared && shared.length < len ? shared : undefined);
          }
        }}
        onFinish={async (v) => {
          try {
            const unit = await create.mutateAsync({
              parentId: parent.id,
              kind: v.kind,
              name: v.name,
              code: blankToNull(v.code),
              level: v.kind === 'federation' ? childFederationLevel(parent.level) : undefined,
              agencyType: v.kind === 'agency' ? v.agencyType : undefined,
              sortOrder: v.sortOrder ?? undefined,
            });
            message.success(t(`已添加“${unit.name}”`, `Added ${unit.name}`));
            onCreated(unit);
          } catch (e) {
            message.error(applyServerErrors(form, e));
          }
        }}
      >
        <Form.Item name="kind" label={t('单位类型', 'Kind')} rules={[{ required: true, message: t('请选择单位类型', 'Choose a kind') }]}>
          <Select options={kinds.map((k) => ({ value: k, label: optionLabel(k) }))} placeholder={t('请选择', 'Choose')} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('名称', 'Name')}
          rules={[{ required: true, whitespace: true, message: t('请输入名称', 'Enter a name') }, { max: 100 }]}
        >
          <Input maxLength={100} placeholder={t('如：牛佛镇、大山村、区妇幼保健院', 'e.g. 牛佛镇')} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('区划代码', 'Division code')}
          extra={kind ? codeHelp(t, level, parent) : undefined}
          rules={codeRules(t, level, parent)}
        >
          <Input inputMode="numeric" maxLength={12} placeholder={kind ? undefined : t('先选择单位类型', 'Choose a kind first')} />
        </Form.Item>
        {kind === 'agency' && (
          <Form.Item
            name="agencyType"
            label={t('机构类别', 'Agency type')}
            rules={[{ required: true, message: t('合作机构须选择机构类别', 'Choose the agency type') }]}
          >
            <Select options={AGENCY_TYPES.map((a) => ({ value: a, label: agencyTypeLabel(t, a) }))} />
          </Form.Item>
        )}
        <Form.Item name="sortOrder" label={t('排序号', 'Sort order')} extra={t('数字小的排在前面', 'Smaller first')}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Renames or re-codes a unit (a new code carries its coded descendants with it). */
export function EditUnitModal({
  unit,
  parent,
  open,
  onClose,
}: {
  unit: OrgUnitDetail;
  parent: Parent | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { update } = useOrgMutations();
  const onStale = useStaleEditHandler();
  const qc = useQueryClient();
  const coded = !!expectedCodeLength(unit.level) || !!unit.code;

  useEffect(() => {
    if (open)
      form.setFieldsValue({ name: unit.name, code: unit.code ?? '', agencyType: unit.agencyType ?? undefined, sortOrder: unit.sortOrder });
  }, [open, unit, form]);

  return (
    <Modal
      open={open}
      title={t(`编辑“${unit.name}”`, `Edit ${unit.name}`)}
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={update.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          try {
            await update.mutateAsync({
              id: unit.id,
              ifMatch: unit.version,
              name: v.name,
              ...(coded && { code: blankToNull(v.code) }),
              ...(unit.kind === 'agency' && { agencyType: v.agencyType }),
              sortOrder: v.sortOrder ?? 0,
            });
            message.success(t('已保存', 'Saved'));
            onClose();
          } catch (e) {
            if (onStale(e, () => qc.invalidateQueries().then(onClose))) return;
            message.error(applyServerErrors(form, e));
          }
        }}
      >
        <Form.Item
          name="name"
          label={t('名称', 'Name')}
          rules={[{ required: true, whitespace: true, message: t('请输入名称', 'Enter a name') }, { max: 100 }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {coded && (
          <Form.Item
            name="code"
            label={t('区划代码', 'Division code')}
            extra={codeHelp(t, unit.level, parent) + (unit.childCount ? t('；下级单位的代码随之更新', '; children follow') : '')}
            rules={codeRules(t, unit.level, parent)}
          >
            <Input inputMode="numeric" maxLength={12} />
          </Form.Item>
        )}
        {unit.kind === 'agency' && (
          <Form.Item
            name="agencyType"
            label={t('机构类别', 'Agency type')}
            rules={[{ required: true, message: t('合作机构须选择机构类别', 'Choose the agency type') }]}
          >
            <Select options={AGENCY_TYPES.map((a) => ({ value: a, label: agencyTypeLabel(t, a) }))} />
          </Form.Item>
        )}
        <Form.Item name="sortOrder" label={t('排序号', 'Sort order')}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Moves a unit and its whole subtree under another parent; a coded unit takes a code under the new parent. */
export function MoveUnitModal({
  unit,
  open,
  onClose,
  onMoved,
}: {
  unit: OrgUnitDetail;
  open: boolean;
  onClose: () => void;
  onMoved: (unit: OrgUnit) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { move } = useOrgMutations();
  const coded = !!unit.code;
  const parentCode: string | null = Form.useWatch('parentCode', form) ?? null;
  const parentLevel: OrgLevel | null = Form.useWatch('parentLevel', form) ?? null;
  const newParent: Parent | null = parentCode ? { code: parentCode, level: parentLevel } : null;

  useEffect(() => {
    if (open) form.setFieldsValue({ parentId: undefined, parentCode: null, parentLevel: null, code: unit.code ?? '' });
  }, [open, unit, form]);

  return (
    <Modal
      open={open}
      title={t(`移动“${unit.name}”`, `Move ${unit.name}`)}
      okText={t('移动', 'Move')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={move.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {!!unit.childCount && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(`其下级单位（${unit.childCount}个直属）将一并移动。`, `Its ${unit.childCount} direct children move with it.`)}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          try {
            const moved = await move.mutateAsync({ id: unit.id, parentId: v.parentId, ...(coded && { code: blankToNull(v.code) }) });
            message.success(t('已移动', 'Moved'));
            onMoved(moved);
          } catch (e) {
            message.error(applyServerErrors(form, e));
          }
        }}
      >
        <Form.Item name="parentCode" hidden>
          <Input />
        </Form.Item>
        <Form.Item name="parentLevel" hidden>
          <Input />
        </Form.Item>
        <Form.Item
          name="parentId"
          label={t('新的上级单位', 'New parent')}
          rules={[{ required: true, message: t('请选择新的上级单位', 'Choose the new parent') }]}
          extra={t(
            `${kindLabel(t, unit.kind)}可设在：${allowedParentKinds(unit.kind)
              .map((k) => kindLabel(t, k))
              .join('、')}`,
            `Allowed parents: ${allowedParentKinds(unit.kind).join(', ')}`,
          )}
        >
          <OrgUnitSelect
            kind={[...allowedParentKinds(unit.kind)]}
            onChange={(_, parent) => {
              form.setFieldValue('parentCode', parent?.code ?? null);
              form.setFieldValue('parentLevel', parent?.level ?? null);
              // Suggest the new code: the digits the new parent's children share followed by the unit's own last segment.
              const len = expectedCodeLength(unit.level);
              const shared = parent?.code ? codePrefixOf(parent.level, parent.code) : null;
              if (coded && shared && len && shared.length < len && unit.code)
                form.setFieldValue('code', shared + unit.code.slice(shared.length));
            }}
          />
        </Form.Item>
        {coded && (
          <Form.Item
            name="code"
            label={t('移动后的代码', 'Code after the move')}
            extra={codeHelp(t, unit.level, newParent)}
            rules={codeRules(t, unit.level, newParent)}
          >
            <Input inputMode="numeric" maxLength={12} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
