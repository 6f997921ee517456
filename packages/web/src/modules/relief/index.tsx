import { AuditOutlined, CloudUploadOutlined, HeartOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const ApplicationPage = lazyPage(() => import('./pages/ApplicationPage'), 'ApplicationPage');
const ApplicationsPage = lazyPage(() => import('./pages/ApplicationsPage'), 'ApplicationsPage');
const ProgrammesPage = lazyPage(() => import('./pages/ProgrammesPage'), 'ProgrammesPage');
const SubmissionsPage = lazyPage(() => import('./pages/SubmissionsPage'), 'SubmissionsPage');

export const reliefWebModule: WebModule = {
  name: 'relief',
  menu: [
    {
      path: '/relief/applications',
      zh: '摸底调查与救助',
      en: 'Screening & relief',
      icon: <HeartOutlined />,
      anyOf: ['relief.read'],
      group: 'relief',
    },
    {
      path: '/relief/programmes',
      zh: '救助项目',
      en: 'Relief programmes',
      icon: <AuditOutlined />,
      anyOf: ['relief.read'],
      group: 'relief',
    },
    {
      path: '/relief/submissions',
      zh: '上报记录',
      en: 'Reported lists',
      icon: <CloudUploadOutlined />,
      anyOf: ['relief.read'],
      group: 'relief',
    },
  ],
  routes: [
    { path: '/relief/applications', element: <ApplicationsPage /> },
    { path: '/relief/applications/:id', element: <ApplicationPage /> },
    { path: '/relief/programmes', element: <ProgrammesPage /> },
    { path: '/relief/submissions', element: <SubmissionsPage /> },
  ],
};
