import { TeamOutlined } from '@ant-design/icons';
import type { WebModule } from '../registry';
import { PeoplePage } from './pages/PeoplePage';
import { PersonPage } from './pages/PersonPage';

export const peopleWebModule: WebModule = {
  name: 'people',
  menu: [{ path: '/people', zh: '人员库', en: 'Person registry', icon: <TeamOutlined />, anyOf: ['people.read'], group: 'rights' }],
  routes: [
    { path: '/people', element: <PeoplePage /> },
    { path: '/people/:id', element: <PersonPage /> },
  ],
};
