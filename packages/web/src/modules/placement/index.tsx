import { CarOutlined, ShopOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const ExportBatchPage = lazyPage(() => import('./pages/ExportBatchPage'), 'ExportBatchPage');
const ExportsPage = lazyPage(() => import('./pages/ExportsPage'), 'ExportsPage');
const PlacementPage = lazyPage(() => import('./pages/PlacementPage'), 'PlacementPage');
const SeekerPage = lazyPage(() => import('./pages/SeekerPage'), 'SeekerPage');
const VacancyPage = lazyPage(() => import('./pages/VacancyPage'), 'VacancyPage');

export const placementWebModule: WebModule = {
  name: 'placement',
  menu: [
    { path: '/placement', zh: '妇联职介所', en: 'Job placement', icon: <ShopOutlined />, anyOf: ['placement.read'], group: 'employment' },
    {
      path: '/placement/exports',
      zh: '劳务输出',
      en: 'Labour export',
      icon: <CarOutlined />,
      anyOf: ['placement.read'],
      group: 'employment',
    },
  ],
  routes: [
    { path: '/placement', element: <PlacementPage /> },
    { path: '/placement/seekers/:id', element: <SeekerPage /> },
    { path: '/placement/vacancies/:id', element: <VacancyPage /> },
    { path: '/placement/exports', element: <ExportsPage /> },
    { path: '/placement/exports/:id', element: <ExportBatchPage /> },
  ],
};
// Headline figures with their drill-down, for other modules' pages until it moves to ui/.
export { FigureStrip } from './components/FigureStrip';
