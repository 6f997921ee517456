import { IdcardOutlined } from '@ant-design/icons';
import type { WebModule } from '../registry';
import { CadresPage } from './pages/CadresPage';
import { RotationPage } from './pages/RotationPage';

export const cadresWebModule: WebModule = {
  name: 'cadres',
  menu: [{ path: '/cadres', zh: '女干部工作', en: 'Women cadres', icon: <IdcardOutlined />, anyOf: ['cadres.read'], group: 'work' }],
  routes: [
    { path: '/cadres', element: <CadresPage /> },
    { path: '/cadres/rotations/:id', element: <RotationPage /> },
  ],
};
