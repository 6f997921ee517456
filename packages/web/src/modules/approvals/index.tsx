import { AuditOutlined, InboxOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';
import { InboxBadge } from './components/InboxBadge';

const InboxPage = lazyPage(() => import('./pages/InboxPage'), 'InboxPage');
const ApprovalsPage = lazyPage(() => import('./pages/ApprovalsPage'), 'ApprovalsPage');
const ApprovalDetailPage = lazyPage(() => import('./pages/ApprovalDetailPage'), 'ApprovalDetailPage');
const ApprovalSettingsPage = lazyPage(() => import('./pages/ApprovalSettingsPage'), 'ApprovalSettingsPage');
const DeputiesPage = lazyPage(() => import('./pages/DeputiesPage'), 'DeputiesPage');

export const approvalsWebModule: WebModule = {
  name: 'approvals',
  menu: [
    // Everything waiting for me, first in the menu with its count (no group: it is every role's daily start).
    {
      path: '/inbox',
      zh: '我的待办',
      en: 'My to-do',
      icon: <InboxOutlined />,
      anyOf: ['approvals.read', 'cases.read'],
      badge: InboxBadge,
    },
    { path: '/approvals', zh: '审批申请', en: 'Approvals', icon: <AuditOutlined />, anyOf: ['approvals.read'], group: 'approvals' },
    {
      path: '/approvals/deputies',
      zh: '审批代理',
      en: 'Deputies',
      icon: <TeamOutlined />,
      anyOf: ['approvals.decide'],
      group: 'approvals',
    },
    {
      path: '/approvals/settings',
      zh: '审批设置',
      en: 'Approval steps',
      icon: <SettingOutlined />,
      anyOf: ['approvals.configure'],
      group: 'approvals',
    },
  ],
  routes: [
    { path: '/inbox', element: <InboxPage /> },
    { path: '/approvals', element: <ApprovalsPage /> },
    { path: '/approvals/settings', element: <ApprovalSettingsPage />, anyOf: ['approvals.read'] },
    { path: '/approvals/deputies', element: <DeputiesPage />, anyOf: ['approvals.read'] },
    { path: '/approvals/:id', element: <ApprovalDetailPage /> },
  ],
};
