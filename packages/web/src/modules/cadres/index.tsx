import { IdcardOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const CadresPage = lazyPage(() => import('./pages/CadresPage'), 'CadresPage');
const RotationPage = lazyPage(() => import('./pages/RotationPage'), 'RotationPage');

export const cadresWebModule: WebModule = {
  name: 'cadres',
  menu: [{ path: '/cadres', zh: '女干部工作', en: 'Women cadres', icon: <IdcardOutlined />, anyOf: ['cadres.read'], group: 'work' }],
  routes: [
    { path: '/cadres', element: <CadresPage /> },
    { path: '/cadres/rotations/:id', element: <RotationPage /> },
  ],
};
