import { HomeOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const ParentSchoolsPage = lazyPage(() => import('./pages/ParentSchoolsPage'), 'ParentSchoolsPage');

export const parentSchoolsWebModule: WebModule = {
  name: 'parentschools',
  menu: [
    { path: '/parentschools', zh: '家长学校', en: 'Parent schools', icon: <HomeOutlined />, anyOf: ['parentschools.read'], group: 'work' },
  ],
  routes: [{ path: '/parentschools', element: <ParentSchoolsPage /> }],
};
