import {
  EditOutlined,
  KeyOutlined,
  LockOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  SearchOutlined,
  StopOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Dropdown, Flex, Grid, Input, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { User } from '@jinguo/domain';
import { useState, type ReactNode } from 'react';
import { useCan, useMe } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, formatDateTime, PageHeader, useDebounced } from '../../../ui';
import { useUserMutations, useUsers } from '../api';
import { OneTimePasswordModal, roleLabel, RolesModal, UserFormModal } from '../components/UserDialogs';

type Secret = { username: string; password: string; reason: 'created' | 'reset' };

/**
 * 用户与角色: accounts in the caller's scope. 三员分立 shows here: the system admin (users.manage) creates,
 * edits, disables, resets and unlocks; the security admin (roles.assign) grants and revokes roles.
 */
export function UsersPage() {
  const { t } = useI18n();
  const can = useCan();
  const { data: me } = useMe();
  const { modal, message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [text, setText] = useState('');
  const q = useDebounced(text, 300);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const users = useUsers(q, page, pageSize);
  const { update, resetPassword, unlock, resetSecondFactor } = useUserMutations();
  const [editing, setEditing] = useState<User | null | 'new'>(null);
  const [rolesOf, setRolesOf] = useState<User | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const manage = can('users.manage');
  const assign = can('roles.assign');
  const resetFactor = can('users.secondFactor.reset');

  const confirm = (title: string, content: string, okText: string, run: () => Promise<unknown>, danger = false) =>
    modal.confirm({
      title,
      content,
      okText,
      cancelText: t('取消', 'Cancel'),
      okButtonProps: { danger },
      onOk: async () => {
        try {
          await run();
        } catch (e) {
          message.error(applyServerErrors(null, e));
        }
      },
    });

  const actionsOf = (u: User) => {
    const self = u.id === me?.id;
    const items = [
      manage && { key: 'edit', icon: <EditOutlined />, label: t('编辑', 'Edit'), onClick: () => setEditing(u) },
      (assign || u.roles.length > 0) && {
        key: 'roles',
        icon: <SafetyCertificateOutlined />,
        label: assign ? t('角色', 'Roles') : t('查看角色', 'View roles'),
        onClick: () => setRolesOf(u),
      },
      manage &&
        !self && {
          key: 'reset',
          icon: <KeyOutlined />,
          label: t('重置密码', 'Reset password'),
          onClick: () =>
            confirm(
              t(`重置“${u.displayName}”的密码？`, `Reset the password of ${u.displayName}?`),
              t(
                '将生成一次性密码，该用户的所有会话立即结束，下次登录须修改密码。',
                'A one-time password is generated; the user is signed out everywhere.',
              ),
              t('重置', 'Reset'),
              async () => {
                const { initialPassword } = await resetPassword.mutateAsync(u.id);
                setSecret({ username: u.username, password: initialPassword, reason: 'reset' });
              },
            ),
        },
      resetFactor &&
        !self &&
        u.secondFactorEnabled && {
          key: 'reset-second-factor',
          icon: <SafetyOutlined />,
          label: t('重置双因素认证', 'Reset two-factor'),
          onClick: () =>
            confirm(
              t(`重置“${u.displayName}”的双因素认证？`, `Reset the two-factor authentication of ${u.displayName}?`),
              t(
                '用于手机丢失等情况：其身份验证器和恢复码立即失效，所有会话结束；下次登录后须重新绑定。此操作记入审计日志。',
                'For a lost phone: the authenticator and recovery codes stop working and the user is signed out; they bind a new one at the next sign-in. Audited.',
              ),
              t('重置', 'Reset'),
              async () => {
                await resetSecondFactor.mutateAsync(u.id);
                message.success(t('已重置，该用户下次登录时须重新绑定', 'Reset: the user binds a new one at the next sign-in'));
              },
              true,
            ),
        },
      manage &&
        u.locked && {
          key: 'unlock',
          icon: <UnlockOutlined />,
          label: t('解锁', 'Unlock'),
          onClick: () =>
            confirm(
              t(`解锁“${u.displayName}”？`, `Unlock ${u.displayName}?`),
              t('清除连续登录失败计数，用户可立即重新登录。', 'Clears the failed-login count.'),
              t('解锁', 'Unlock'),
              async () => {
                await unlock.mutateAsync(u.id);
                message.success(t('已解锁', 'Unlocked'));
              },
            ),
        },
      manage &&
        !self && {
          key: 'active',
          icon: <StopOutlined />,
          danger: u.active,
          label: u.active ? t('停用', 'Disable') : t('启用', 'Enable'),
          onClick: () =>
            confirm(
              u.active
                ? t(`停用“${u.displayName}”？`, `Disable ${u.displayName}?`)
                : t(`启用“${u.displayName}”？`, `Enable ${u.displayName}?`),
              u.active
                ? t(
                    '停用后该用户立即退出登录且无法再登录；账户与其历史记录保留。',
                    'The user is signed out at once and cannot sign in; history is kept.',
                  )
                : '',
              u.active ? t('停用', 'Disable') : t('启用', 'Enable'),
              async () => {
                await update.mutateAsync({ id: u.id, ifMatch: u.version, active: !u.active });
                message.success(u.active ? t('已停用', 'Disabled') : t('已启用', 'Enabled'));
              },
              u.active,
            ),
        },
    ].filter(Boolean) as { key: string; icon: ReactNode; label: string; danger?: boolean; onClick: () => void }[];
    return items;
  };

  const status = (u: User) => (
    <Flex gap={4} wrap>
      {!u.active ? <Tag>{t('已停用', 'Disabled')}</Tag> : <Tag color="success">{t('正常', 'Active')}</Tag>}
      {u.locked && (
        <Tag color="error" icon={<LockOutlined />}>
          {t('已锁定', 'Locked')}
        </Tag>
      )}
      {u.mustChangePassword && <Tag color="warning">{t('待改密码', 'Must change password')}</Tag>}
      {u.secondFactorEnabled && (
        <Tag color="blue" icon={<SafetyOutlined />}>
          {t('双因素', '2FA')}
        </Tag>
      )}
    </Flex>
  );

  const roles = (u: User) =>
    u.roles.length ? (
      <Flex gap={4} wrap>
        {u.roles.map((r) => (
          <Tag
            key={r.id}
            color={['system_admin', 'security_admin', 'auditor'].includes(r.role) ? 'volcano' : 'magenta'}
            style={{ marginInlineEnd: 0 }}
          >
            {roleLabel(t, r.role)} · {r.orgUnitName}
          </Tag>
        ))}
      </Flex>
    ) : (
      <Typography.Text type="secondary">{t('未分配', 'None')}</Typography.Text>
    );

  const actionsCell = (u: User) => {
    const items = actionsOf(u);
    if (items.length === 0) return null;
    const [first, ...rest] = items;
    return (
      <Flex gap={4} wrap={false}>
        <Button size="small" icon={first.icon} onClick={first.onClick}>
          {first.label}
        </Button>
        {rest.length > 0 && (
          <Dropdown menu={{ items: rest.map(({ onClick, ...i }) => ({ ...i, onClick: () => onClick() })) }} trigger={['click']}>
            <Button size="small" aria-label={t('更多操作', 'More')}>
              {t('更多', 'More')}
            </Button>
          </Dropdown>
        )}
      </Flex>
    );
  };

  const columns: ColumnsType<User> = mobile
    ? [
        {
          key: 'user',
          title: t('用户', 'User'),
          render: (_, u) => (
            <div>
              <Flex justify="space-between" align="start" gap={8}>
                <div style={{ minWidth: 0 }}>
                  <Typography.Text strong>{u.displayName}</Typography.Text> <Typography.Text type="secondary">{u.username}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {u.orgUnitName}
                    </Typography.Text>
                  </div>
                </div>
                {actionsCell(u)}
              </Flex>
              <div style={{ marginTop: 6 }}>{roles(u)}</div>
              <div style={{ marginTop: 6 }}>{status(u)}</div>
            </div>
          ),
        },
      ]
    : [
        { key: 'username', title: t('用户名', 'Username'), dataIndex: 'username', width: 130, ellipsis: true },
        { key: 'displayName', title: t('姓名', 'Name'), dataIndex: 'displayName', width: 190, ellipsis: { showTitle: true } },
        { key: 'org', title: t('所属单位', 'Home unit'), dataIndex: 'orgUnitName', width: 150, ellipsis: true },
        { key: 'roles', title: t('角色与范围', 'Roles and scope'), render: (_, u) => roles(u) },
        { key: 'status', title: t('状态', 'Status'), width: 130, render: (_, u) => status(u) },
        {
          key: 'lastLogin',
          title: t('最近登录', 'Last sign-in'),
          dataIndex: 'lastLoginAt',
          width: 150,
          render: (v: string | null) =>
            v ? <Tooltip title={v}>{formatDateTime(v)}</Tooltip> : <Typography.Text type="secondary">{t('从未', 'Never')}</Typography.Text>,
        },
        { key: 'actions', title: t('操作', 'Actions'), width: 150, fixed: 'right', render: (_, u) => actionsCell(u) },
      ];

  return (
    <div>
      <PageHeader
        title={t('用户与角色', 'Users & roles')}
        subtitle={t(
          '系统管理员管理账户，安全管理员分配角色（三员分立）',
          'The system admin manages accounts; the security admin grants roles',
        )}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('新建用户', 'New user')}
            </Button>
          )
        }
      />
      <Card styles={{ body: { padding: mobile ? 8 : 16 } }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('搜索用户名或姓名', 'Search username or name')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setPage(1);
          }}
          style={{ maxWidth: 320, marginBottom: 12 }}
          aria-label={t('搜索用户', 'Search users')}
        />
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          scroll={mobile ? undefined : { x: 1000 }}
          locale={{
            emptyText: users.error
              ? (users.error as Error).message
              : q
                ? t('没有匹配的用户', 'No matching user')
                : t('暂无用户', 'No users'),
          }}
          pagination={{
            current: page,
            pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: !mobile,
            pageSizeOptions: [10, 20, 50, 100],
            size: mobile ? 'small' : undefined,
            showTotal: mobile ? undefined : (n) => t(`共 ${n} 个用户`, `${n} users`),
            onChange: (p, s) => {
              setPage(s !== pageSize ? 1 : p);
              setPageSize(s);
            },
          }}
        />
      </Card>
      <UserFormModal
        user={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onCreated={(username, password) => {
          setEditing(null);
          setSecret({ username, password, reason: 'created' });
        }}
      />
      <RolesModal user={rolesOf} open={!!rolesOf} onClose={() => setRolesOf(null)} canAssign={assign} />
      <OneTimePasswordModal value={secret} onClose={() => setSecret(null)} />
    </div>
  );
}
