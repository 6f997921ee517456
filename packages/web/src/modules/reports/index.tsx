import { BarChartOutlined, FileTextOutlined, ProfileOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const DashboardPage = lazyPage(() => import('./pages/DashboardPage'), 'DashboardPage');
const SummariesPage = lazyPage(() => import('./pages/SummariesPage'), 'SummariesPage');
const SummaryPage = lazyPage(() => import('./pages/SummaryPage'), 'SummaryPage');
const TemplatesPage = lazyPage(() => import('./pages/TemplatesPage'), 'TemplatesPage');

export const reportsWebModule: WebModule = {
  name: 'reports',
  menu: [
    { path: '/reports/dashboard', zh: '数据看板', en: 'Dashboard', icon: <BarChartOutlined />, anyOf: ['reports.read'], group: 'reports' },
    {
      path: '/reports/summaries',
      zh: '年度总结',
      en: 'Annual summary',
      icon: <FileTextOutlined />,
      anyOf: ['reports.read'],
      group: 'reports',
    },
    {
      path: '/reports/templates',
      zh: '总结模板',
      en: 'Summary templates',
      icon: <ProfileOutlined />,
      anyOf: ['reports.read'],
      group: 'reports',
    },
  ],
  routes: [
    { path: '/reports/dashboard', element: <DashboardPage /> },
    { path: '/reports/summaries', element: <SummariesPage /> },
    { path: '/reports/summaries/:id', element: <SummaryPage /> },
    { path: '/reports/templates', element: <TemplatesPage /> },
  ],
};
// The drill-down of a figure, for modules that show their own figures.
export { RecordsDrawer, type RecordsTarget } from './components/RecordsDrawer';
