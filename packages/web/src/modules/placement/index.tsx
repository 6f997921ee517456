import { CarOutlined, ShopOutlined } from '@ant-design/icons';
import type { WebModule } from '../registry';
import { ExportBatchPage } from './pages/ExportBatchPage';
import { ExportsPage } from './pages/ExportsPage';
import { PlacementPage } from './pages/PlacementPage';
import { SeekerPage } from './pages/SeekerPage';
import { VacancyPage } from './pages/VacancyPage';

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
