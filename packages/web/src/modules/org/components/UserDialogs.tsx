import { CopyOutlined, DeleteOutlined, KeyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Form, Input, List, Modal, Popconfirm, Select, Tag, Typography } from 'antd';
import { ROLE_LABELS, ROLES, type Role, type User } from '@jinguo/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, useStaleEditHandler } from '../../../ui';
import { useUserMutations } from '../api';

/** The security roles of 三员分立, shown apart from the business roles in the picker. */
const SECURITY_ROLES: Role[] = ['system_admin', 'security_admin', 'auditor'];

export const roleLabel = (t: (zh: string, en: string) => string, role: Role) => t(ROLE_LABELS[role].zh, ROLE_LABELS[role].en);

/** Shows a generated password exactly once, with a copy button; it is never shown again. */
export function OneTimePasswordModal({
  value,
  onClose,
}: {
  value: { username: string; password: string; reason: 'created' | 'reset' } | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when another password is shown
  useEffect(() => setCopied(false), [value]);
  return (
    <Modal
      open={!!value}
      title={value?.reason === 'reset' ? t('密码已重置', 'Password reset') : t('账户已创建', 'Account created')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('我已记下，关闭', 'I have noted it — close')}
        </Button>
      }
    >
      {value && (
        <>
          <Typography.Paragraph>
            {t(
              `请将一次性密码当面或通过安全渠道交给用户“${value.username}”。用户首次登录后须立即修改密码。`,
              `Give this one-time password to ${value.username} in person or over a safe channel. It must be changed at first login.`,
            )}
          </Typography.Paragraph>
          <Flex
            align="center"
            gap={8}
            wrap
            style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: '12px 16px', marginBottom: 12 }}
          >
            <Typography.Text data-testid="one-time-password" code style={{ fontSize: 18, letterSpacing: 1, userSelect: 'all' }}>
              {value.password}
            </Typography.Text>
            <Button
              icon={<CopyOutlined />}
              onClick={async () => {
                try {
                  await navigator.clipboard.writeText(value.password);
                  setCopied(true);
                  message.success(t('已复制', 'Copied'));
                } catch {
                  message.warning(t('无法访问剪贴板，请手动选中复制', 'Clipboard unavailable: select and copy by hand'));
                }
              }}
            >
              {copied ? t('已复制', 'Copied') : t('复制', 'Copy')}
            </Button>
          </Flex>
          <Alert type="warning" showIcon title={t('关闭后将无法再次查看此密码。', 'You will not see this password again after closing.')} />
        </>
      )}
    </Modal>
  );
}

/** Creates an account (system admin) or edits its name and home unit. */
export function UserFormModal({
  user,
  open,
  onClose,
  onCreated,
}: {
  user: User | null;
  open: boolean;
  onClose: () => void;
  onCreated: (username: string, password: string) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { create, update } = useUserMutations();
  const onStale = useStaleEditHandler();
  const qc = useQueryClient();
  useEffect(() => {
    if (open)
      form.setFieldsValue(
        user
          ? { username: user.username, displayName: user.displayName, orgUnitId: user.orgUnitId }
          : { username: '', displayName: '', orgUnitId: undefined },
      );
  }, [open, user, form]);
  return (
    <Modal
      open={open}
      title={user ? t(`编辑用户“${user.username}”`, `Edit ${user.username}`) : t('新建用户', 'New user')}
      okText={user ? t('保存', 'Save') : t('创建', 'Create')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={create.isPending || update.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          try {
            if (user) {
              await update.mutateAsync({ id: user.id, ifMatch: user.version, displayName: v.displayName, orgUnitId: v.orgUnitId });
              message.success(t('已保存', 'Saved'));
              onClose();
            } else {
              const created = await create.mutateAsync({ username: v.username.trim(), displayName: v.displayName, orgUnitId: v.orgUnitId });
              onCreated(created.user.username, created.initialPassword);
            }
          } catch (e) {
            if (onStale(e, () => qc.invalidateQueries().then(onClose))) return;
            message.error(applyServerErrors(form, e));
          }
        }}
      >
        <Form.Item
          name="username"
          label={t('用户名', 'Username')}
          extra={
            user
              ? undefined
              : t(
                  '字母开头，3–32位字母、数字、下划线、点或连字符；创建后不能修改',
                  'Starts with a letter, 3–32 characters; cannot be changed later',
                )
          }
          rules={[
            { required: true, message: t('请输入用户名', 'Enter a username') },
            {
              pattern: /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/,
              message: t('用户名须以字母开头，3–32位字母、数字、下划线、点或连字符', '3–32 letters, digits, _ . -, starting with a letter'),
            },
          ]}
        >
          <Input disabled={!!user} autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('姓名', 'Name')}
          rules={[{ required: true, whitespace: true, message: t('请输入姓名', 'Enter the name') }, { max: 50 }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="orgUnitId"
          label={t('所属单位', 'Home unit')}
          rules={[{ required: true, message: t('请选择所属单位', 'Choose the unit') }]}
          extra={t(
            '所属单位只表示用户在哪里工作；能看到什么由角色及其范围决定',
            'Where the user works; what they see comes from their roles',
          )}
        >
          <OrgUnitSelect aria-label={t('所属单位', 'Home unit')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A user's role assignments: each (role, unit) covers the unit's subtree. Granting and revoking is the security admin's (三员分立). */
export function RolesModal({
  user,
  open,
  onClose,
  canAssign,
}: {
  user: User | null;
  open: boolean;
  onClose: () => void;
  canAssign: boolean;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { assignRole, revokeRole } = useUserMutations();
  const [current, setCurrent] = useState<User | null>(user);
  useEffect(() => {
    setCurrent(user);
    if (open) form.resetFields();
  }, [user, open, form]);
  if (!current) return null;
  const roleOptions = [
    {
      label: t('业务角色', 'Business roles'),
      options: ROLES.filter((r) => !SECURITY_ROLES.includes(r)).map((r) => ({ value: r, label: roleLabel(t, r) })),
    },
    { label: t('三员（安全管理）', 'Security roles (三员)'), options: SECURITY_ROLES.map((r) => ({ value: r, label: roleLabel(t, r) })) },
  ];
  return (
    <Modal
      open={open}
      title={t(`“${current.displayName}”的角色`, `Roles of ${current.displayName}`)}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('关闭', 'Close')}</Button>}
      destroyOnHidden
    >
      <List
        size="small"
        bordered
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('尚未分配角色：该用户登录后看不到任何数据', 'No roles: this user sees nothing')}
            />
          ),
        }}
        dataSource={current.roles}
        style={{ marginBottom: 16 }}
        renderItem={(r) => (
          <List.Item
            actions={
              canAssign
                ? [
                    <Popconfirm
                      key="revoke"
                      title={t('撤销此角色？', 'Revoke this role?')}
                      okText={t('撤销', 'Revoke')}
                      cancelText={t('取消', 'Cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={async () => {
                        try {
                          setCurrent(await revokeRole.mutateAsync({ id: current.id, assignmentId: r.id }));
                          message.success(t('已撤销', 'Revoked'));
                        } catch (e) {
                          message.error(applyServerErrors(null, e));
                        }
                      }}
                    >
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('撤销', 'Revoke')} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Flex gap={8} wrap align="center">
              <Tag color={SECURITY_ROLES.includes(r.role) ? 'volcano' : 'magenta'}>{roleLabel(t, r.role)}</Tag>
              <Typography.Text type="secondary">{t(`范围：${r.orgUnitName}及其下级`, `Scope: ${r.orgUnitName} and below`)}</Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      {canAssign && (
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            try {
              setCurrent(await assignRole.mutateAsync({ id: current.id, role: v.role, orgUnitId: v.orgUnitId }));
              form.resetFields();
              message.success(t('已分配', 'Granted'));
            } catch (e) {
              message.error(applyServerErrors(form, e));
            }
          }}
        >
          <Typography.Text strong>{t('分配角色', 'Grant a role')}</Typography.Text>
          <Flex gap={8} wrap align="start" style={{ marginTop: 8 }}>
            <Form.Item
              name="role"
              rules={[{ required: true, message: t('请选择角色', 'Choose a role') }]}
              style={{ flex: '1 1 150px', marginBottom: 8 }}
            >
              <Select placeholder={t('角色', 'Role')} options={roleOptions} aria-label={t('角色', 'Role')} />
            </Form.Item>
            <Form.Item
              name="orgUnitId"
              rules={[{ required: true, message: t('请选择范围单位', 'Choose the unit') }]}
              style={{ flex: '2 1 180px', marginBottom: 8 }}
            >
              <OrgUnitSelect placeholder={t('范围：搜索单位', 'Scope: search a unit')} aria-label={t('范围单位', 'Scope unit')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<KeyOutlined />} loading={assignRole.isPending}>
              {t('分配', 'Grant')}
            </Button>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(
              '三员分立：系统管理员、安全管理员、安全审计员须由不同人员担任，且不兼任业务角色。',
              '三员分立: the three security roles go to three different people, none with a business role.',
            )}
          </Typography.Text>
        </Form>
      )}
    </Modal>
  );
}
