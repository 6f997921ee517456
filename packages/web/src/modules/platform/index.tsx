import { AuditOutlined, SettingOutlined } from '@ant-design/icons';
import type { WebModule } from '../registry';
import { AuditPage } from './pages/AuditPage';
import { SettingsPage } from './pages/SettingsPage';

export const platformWebModule: WebModule = {
  name: 'platform',
  menu: [
    { path: '/audit', zh: '审计日志', en: 'Audit trail', icon: <AuditOutlined />, anyOf: ['audit.read'], group: 'system' },
    { path: '/settings', zh: '安全设置', en: 'Security settings', icon: <SettingOutlined />, anyOf: ['settings.manage'], group: 'system' },
  ],
  routes: [
    { path: '/audit', element: <AuditPage /> },
    { path: '/settings', element: <SettingsPage /> },
  ],
};
