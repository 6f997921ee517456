import { TeamOutlined } from '@ant-design/icons';
import type { WebModule } from '../registry';
import { AssociationPage } from './pages/AssociationPage';
import { AssociationsPage } from './pages/AssociationsPage';

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
