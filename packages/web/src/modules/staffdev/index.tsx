import { ReadOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const StaffDetailPage = lazyPage(() => import('./pages/StaffDetailPage'), 'StaffDetailPage');
const StaffPage = lazyPage(() => import('./pages/StaffPage'), 'StaffPage');

export const staffdevWebModule: WebModule = {
  name: 'staffdev',
  menu: [
    { path: '/staffdev', zh: '干部教育培训', en: 'Staff development', icon: <ReadOutlined />, anyOf: ['staffdev.read'], group: 'work' },
  ],
  routes: [
    { path: '/staffdev', element: <StaffPage /> },
    { path: '/staffdev/:id', element: <StaffDetailPage /> },
  ],
};
