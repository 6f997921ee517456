import { AuditOutlined, SettingOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const AuditPage = lazyPage(() => import('./pages/AuditPage'), 'AuditPage');
const SettingsPage = lazyPage(() => import('./pages/SettingsPage'), 'SettingsPage');

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
