import { ApartmentOutlined, TeamOutlined } from '@ant-design/icons';
import type { WebModule } from '../registry';
import { OrgTreePage } from './pages/OrgTreePage';
import { UsersPage } from './pages/UsersPage';

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
