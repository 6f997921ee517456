import { ReadOutlined } from '@ant-design/icons';
import type { WebModule } from '../registry';
import { StaffDetailPage } from './pages/StaffDetailPage';
import { StaffPage } from './pages/StaffPage';

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
