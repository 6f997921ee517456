import { TeamOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const PeoplePage = lazyPage(() => import('./pages/PeoplePage'), 'PeoplePage');
const PersonPage = lazyPage(() => import('./pages/PersonPage'), 'PersonPage');

export const peopleWebModule: WebModule = {
  name: 'people',
  menu: [{ path: '/people', zh: '人员库', en: 'Person registry', icon: <TeamOutlined />, anyOf: ['people.read'], group: 'rights' }],
  routes: [
    { path: '/people', element: <PeoplePage /> },
    { path: '/people/:id', element: <PersonPage /> },
  ],
};
