import { TeamOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const AssociationPage = lazyPage(() => import('./pages/AssociationPage'), 'AssociationPage');
const AssociationsPage = lazyPage(() => import('./pages/AssociationsPage'), 'AssociationsPage');

export const associationsWebModule: WebModule = {
  name: 'associations',
  menu: [
    { path: '/associations', zh: '协会工作', en: 'Associations', icon: <TeamOutlined />, anyOf: ['associations.read'], group: 'work' },
  ],
  routes: [
    { path: '/associations', element: <AssociationsPage /> },
    { path: '/associations/:id', element: <AssociationPage /> },
  ],
};
