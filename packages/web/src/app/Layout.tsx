import { HomeOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Segmented, Space, Tag, Typography } from 'antd';
import { ROLE_LABELS } from '@jinguo/domain';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { WEB_MODULES } from '../modules';
import { useAuthActions, useCan, useMe } from './auth';
import { useI18n } from './i18n';
import { NotificationBell } from './NotificationBell';

/** The shell: a menu of only the modules the user may use, and the scope they work in. */
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
  const items = [{ key: '/', icon: <HomeOutlined />, label: t('工作台', 'Home') }, ...entries.map((e) => ({ key: e.path, icon: e.icon, label: t(e.zh, e.en) }))];
  const selected = items.map((i) => i.key).filter((k) => k !== '/' && location.pathname.startsWith(k)).sort((a, b) => b.length - a.length)[0] ?? '/';
  const scopes = [...new Set(me?.roles.map((r) => r.orgUnitName) ?? [])];
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
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
        <Layout.Sider width={208} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <div style={{ height: 56, display: 'flex', alignItems: 'center', padding: '0 20px', fontSize: 20, fontWeight: 600, color: '#c41d7f' }}>巾帼</div>
          {menu}
        </Layout.Sider>
      )}
      <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" width={240} title="巾帼" styles={{ body: { padding: 0 } }}>
        {menu}
      </Drawer>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 16px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0', height: 56, lineHeight: '56px' }}>
          <Space>
            {mobile && <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawer(true)} aria-label={t('菜单', 'Menu')} />}
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: mobile ? 140 : 480 }}>
              {t('工作范围', 'Scope')}：{scopes.join('、') || '—'}
            </Typography.Text>
          </Space>
          <Space size={mobile ? 4 : 12}>
            {!mobile && <Segmented size="small" value={lang} onChange={(v) => setLang(v as 'zh' | 'en')} options={[{ label: '中', value: 'zh' }, { label: 'EN', value: 'en' }]} />}
            <NotificationBell />
            <Dropdown
              menu={{
                items: [
                  { key: 'account', icon: <UserOutlined />, label: t('我的账户', 'My account') },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('退出登录', 'Sign out') },
                ],
                onClick: async ({ key }) => {
                  if (key === 'account') navigate('/account');
                  else {
                    await logout();
                    navigate('/login');
                  }
                },
              }}
            >
              <Button type="text" data-testid="user-menu">
                <UserOutlined /> {!mobile && me?.displayName}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: mobile ? 12 : 24, overflowX: 'auto' }}>
          {me && me.roles.length > 0 && !mobile && location.pathname === '/' && (
            <Space wrap style={{ marginBottom: 12 }}>
              {me.roles.map((r) => (
                <Tag key={r.id} color="magenta">
                  {t(ROLE_LABELS[r.role].zh, ROLE_LABELS[r.role].en)} · {r.orgUnitName}
                </Tag>
              ))}
            </Space>
          )}
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
