import { TrophyOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const HonoursPage = lazyPage(() => import('./pages/HonoursPage'), 'HonoursPage');
const NominationDetailPage = lazyPage(() => import('./pages/NominationDetailPage'), 'NominationDetailPage');

export const honoursWebModule: WebModule = {
  name: 'honours',
  menu: [{ path: '/honours', zh: '评选表彰', en: 'Honours', icon: <TrophyOutlined />, anyOf: ['honours.read'], group: 'work' }],
  routes: [
    { path: '/honours', element: <HonoursPage /> },
    { path: '/honours/nominations/:id', element: <NominationDetailPage /> },
  ],
};
