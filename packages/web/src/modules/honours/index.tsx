import { TrophyOutlined } from '@ant-design/icons';
import type { WebModule } from '../registry';
import { HonoursPage } from './pages/HonoursPage';
import { NominationDetailPage } from './pages/NominationDetailPage';

export const honoursWebModule: WebModule = {
  name: 'honours',
  menu: [{ path: '/honours', zh: '评选表彰', en: 'Honours', icon: <TrophyOutlined />, anyOf: ['honours.read'], group: 'work' }],
  routes: [
    { path: '/honours', element: <HonoursPage /> },
    { path: '/honours/nominations/:id', element: <NominationDetailPage /> },
  ],
};
