import { ApartmentOutlined, TeamOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const OrgTreePage = lazyPage(() => import('./pages/OrgTreePage'), 'OrgTreePage');
const UsersPage = lazyPage(() => import('./pages/UsersPage'), 'UsersPage');

export const orgWebModule: WebModule = {
  name: 'org',
  menu: [
    { path: '/org', zh: '组织机构', en: 'Organisation', icon: <ApartmentOutlined />, anyOf: ['org.manage', 'org.read'], group: 'system' },
    {
      path: '/users',
      zh: '用户与角色',
      en: 'Users & roles',
      icon: <TeamOutlined />,
      anyOf: ['users.read', 'users.manage', 'roles.assign'],
      group: 'system',
    },
  ],
  routes: [
    { path: '/org', element: <OrgTreePage /> },
    { path: '/users', element: <UsersPage /> },
  ],
};
