import { AuditOutlined, DashboardOutlined, FormOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { lazyPage } from '../../ui/lazyPage';
import type { WebModule } from '../registry';

const CataloguePage = lazyPage(() => import('./pages/CataloguePage'), 'CataloguePage');
const EntryPage = lazyPage(() => import('./pages/EntryPage'), 'EntryPage');
const EvaluationPage = lazyPage(() => import('./pages/EvaluationPage'), 'EvaluationPage');
const ReviewPage = lazyPage(() => import('./pages/ReviewPage'), 'ReviewPage');

/** 两纲监测: the indicator catalogue, member units' reporting, the monitoring group's review and the evaluation. */
export const indicatorsWebModule: WebModule = {
  name: 'indicators',
  menu: [
    {
      path: '/indicators',
      zh: '指标体系',
      en: 'Indicator catalogue',
      icon: <UnorderedListOutlined />,
      anyOf: ['indicators.read'],
      group: 'indicators',
    },
    {
      path: '/indicators/entry',
      zh: '数据填报',
      en: 'Report figures',
      icon: <FormOutlined />,
      anyOf: ['indicators.submit'],
      group: 'indicators',
    },
    {
      path: '/indicators/review',
      zh: '数据审核',
      en: 'Review figures',
      icon: <AuditOutlined />,
      anyOf: ['indicators.approve'],
      group: 'indicators',
    },
    {
      path: '/indicators/evaluation',
      zh: '监测评估',
      en: 'Evaluation',
      icon: <DashboardOutlined />,
      anyOf: ['indicators.read'],
      group: 'indicators',
    },
  ],
  routes: [
    { path: '/indicators', element: <CataloguePage /> },
    { path: '/indicators/entry', element: <EntryPage /> },
    { path: '/indicators/review', element: <ReviewPage /> },
    { path: '/indicators/evaluation', element: <EvaluationPage /> },
  ],
};
