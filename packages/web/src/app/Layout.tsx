import { EnvironmentOutlined, HomeOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, Segmented, Typography } from 'antd';
import type { ItemType } from 'antd/es/menu/interface';
import { useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { WEB_MODULES } from '../modules';
import type { MenuEntry } from '../modules/registry';
import type { Role } from '@jinguo/domain';
import { useAuthActions, useCan, useMe } from './auth';
import { useI18n } from './i18n';
import { NotificationBell } from './NotificationBell';

const BRAND = '#c41d7f';
/** Lines of work, each a collapsible sub-menu (only the one in use open); entries without a group come first. */
const GROUP_LABELS: Record<string, [string, string]> = {
  reports: ['统计与总结', 'Figures & summary'],
  rights: ['信访维权', 'Rights casework'],
  relief: ['救助与春蕾', 'Relief & Spring Bud'],
  funds: ['资金物资', 'Funds & goods'],
  work: ['活动与表彰', 'Events & honours'],
  employment: ['就业服务', 'Employment'],
  indicators: ['两纲监测', 'Outlines monitoring'],
  approvals: ['审批', 'Approvals'],
  system: ['系统管理', 'Administration'],
};

/**
 * What each role does most, first: the groups a role works in daily lead its menu (and are the ones open on the
 * home page), the rest follow in the order above. A user with several roles gets the lines of each, in turn.
 */
const ROLE_FIRST_GROUPS: Record<Role, string[]> = {
  federation_leader: ['reports', 'rights'],
  rights_officer: ['rights'],
  programme_officer: ['relief', 'funds', 'work', 'employment'],
  finance_officer: ['funds', 'relief'],
  organisation_officer: ['work', 'reports'],
  statistician: ['reports', 'indicators'],
  township_chair: ['rights', 'relief', 'work', 'employment'],
  agency_user: [],
  department_liaison: ['indicators'],
  system_admin: ['system'],
  security_admin: ['system'],
  auditor: ['system'],
};

const firstGroups = (roles: Role[]) => [...new Set(roles.flatMap((r) => ROLE_FIRST_GROUPS[r] ?? []))];
/** The groups in the order the user's roles use them most. */
function groupOrder(roles: Role[]): string[] {
  return [...new Set([...firstGroups(roles), ...Object.keys(GROUP_LABELS)])];
}

/** The shell: a menu of only the modules the user may use, and the scope they are working in. */
export function AppLayout() {
  const { data: me } = useMe();
  const can = useCan();
  const { t, lang, setLang } = useI18n();
  const { logout } = useAuthActions();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [drawer, setDrawer] = useState(false);

  const entries = WEB_MODULES.flatMap((m) => m.menu).filter((e) => can(...e.anyOf));
  const toItem = (e: MenuEntry) => ({
    key: e.path,
    icon: e.icon,
    label: e.badge ? (
      <span>
        {t(e.zh, e.en)}
        <e.badge />
      </span>
    ) : (
      t(e.zh, e.en)
    ),
  });
  const work = entries.filter((e) => !e.group || !GROUP_LABELS[e.group]);
  const grouped = groupOrder(me?.roles.map((r) => r.role) ?? [])
    .map((group) => ({ group, label: t(...GROUP_LABELS[group]), entries: entries.filter((e) => e.group === group) }))
    .filter((g) => g.entries.length > 0);
  const items: ItemType[] = [
    { key: '/', icon: <HomeOutlined />, label: t('工作台', 'Home') },
    ...work.map(toItem),
    // A line of work with a single page needs no sub-menu.
    ...grouped.map((g) =>
      g.entries.length === 1
        ? toItem(g.entries[0])
        : { key: `group:${g.group}`, icon: g.entries[0].icon, label: g.label, children: g.entries.map(toItem) },
    ),
  ];
  const keys = ['/', ...entries.map((e) => e.path)];
  const selected =
    keys.filter((k) => k !== '/' && location.pathname.startsWith(k)).sort((a, b) => b.length - a.length)[0] ??
    (location.pathname === '/' ? '/' : '');
  // Only the group of the page in use is open (on the home page, the groups the user's roles work in most); opening
  // another closes it, and that choice holds until the next page.
  const subMenus = grouped.filter((g) => g.entries.length > 1);
  const currentGroup = subMenus.find((g) => g.entries.some((e) => e.path === selected))?.group;
  const homeGroups = firstGroups(me?.roles.map((r) => r.role) ?? []).filter((g) => subMenus.some((s) => s.group === g));
  const [openGroup, setOpenGroup] = useState<{ path: string; keys: string[] } | null>(null);
  const openKeysText = (
    openGroup?.path === location.pathname
      ? openGroup.keys
      : (currentGroup ? [currentGroup] : homeGroups.length ? homeGroups : subMenus.slice(0, 1).map((g) => g.group)).map((g) => `group:${g}`)
  ).join('|');
  // The same keys keep the same array: a new one on every render makes the menu re-run its open/close motion, which
  // closed a select's dropdown opened in a dialog over the page.
  const openKeys = useMemo(() => openKeysText.split('|').filter(Boolean), [openKeysText]);
  const scopes = [...new Set(me?.roles.map((r) => r.orgUnitName) ?? [])];
  const scopeText = scopes.join('、') || t('未分配', 'none');
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      openKeys={openKeys}
      onOpenChange={(keys) => setOpenGroup({ path: location.pathname, keys: keys.filter((k) => !openKeys.includes(k)).slice(-1) })}
      items={items}
      onClick={({ key }) => {
        navigate(key);
        setDrawer(false);
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Layout.Sider
          width={208}
          theme="light"
          style={{ borderRight: '1px solid #f0f0f0', position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Flex align="center" gap={8} style={{ height: 56, padding: '0 20px' }}>
            <span style={{ fontSize: 20, fontWeight: 600, color: BRAND, letterSpacing: 2 }}>巾帼</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('妇联工作平台', 'Federation')}
            </Typography.Text>
          </Flex>
          {menu}
        </Layout.Sider>
      )}
      <Drawer
        open={drawer}
        onClose={() => setDrawer(false)}
        placement="left"
        size={260}
        title={<span style={{ color: BRAND }}>巾帼</span>}
        styles={{ body: { padding: 0 } }}
      >
        {menu}
      </Drawer>
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: '#fff',
            padding: mobile ? '0 8px' : '0 24px',
            height: 56,
            lineHeight: 'normal',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 12,
            borderBottom: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Flex align="center" gap={8} style={{ minWidth: 0, flex: 1 }}>
            {mobile && <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawer(true)} aria-label={t('菜单', 'Menu')} />}
            {mobile && <span style={{ fontSize: 18, fontWeight: 600, color: BRAND, flexShrink: 0 }}>巾帼</span>}
            <Flex align="center" gap={6} style={{ minWidth: 0 }} data-testid="scope">
              <EnvironmentOutlined style={{ color: '#8c8c8c', flexShrink: 0 }} />
              <Typography.Text type="secondary" ellipsis={{ tooltip: scopeText }} style={{ minWidth: 0, fontSize: mobile ? 12 : 14 }}>
                {!mobile && t('工作范围：', 'Scope: ')}
                {scopeText}
              </Typography.Text>
            </Flex>
          </Flex>
          <Flex align="center" gap={mobile ? 0 : 12} style={{ flexShrink: 0 }}>
            {!mobile && (
              <Segmented
                size="small"
                value={lang}
                onChange={(v) => setLang(v as 'zh' | 'en')}
                options={[
                  { label: '中', value: 'zh' },
                  { label: 'EN', value: 'en' },
                ]}
              />
            )}
            <NotificationBell />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'who', label: <Typography.Text type="secondary">{me?.displayName}</Typography.Text>, disabled: true },
                  { type: 'divider' },
                  { key: 'account', icon: <UserOutlined />, label: t('我的账户', 'My account') },
                  ...(mobile ? [{ key: 'lang', label: lang === 'zh' ? 'English' : '中文' }] : []),
                  { key: 'logout', icon: <LogoutOutlined />, label: t('退出登录', 'Sign out') },
                ],
                onClick: async ({ key }) => {
                  if (key === 'account') navigate('/account');
                  else if (key === 'lang') setLang(lang === 'zh' ? 'en' : 'zh');
                  else if (key === 'logout') {
                    await logout();
                    navigate('/login');
                  }
                },
              }}
            >
              <Button type="text" data-testid="user-menu" icon={<UserOutlined />} aria-label={t('用户菜单', 'User menu')}>
                {!mobile && (
                  <span
                    style={{
                      maxWidth: 200,
                      overflow: 'hidden',
                      textOverflow: 'ellipsis',
                      whiteSpace: 'nowrap',
                      display: 'inline-block',
                      verticalAlign: 'middle',
                    }}
                  >
                    {me?.displayName}
                  </span>
                )}
              </Button>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
